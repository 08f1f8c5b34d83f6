// SPDX-License-Identifier: GPL-2.0
/*
 * The reader's container as its PID namespace draws it: when its init
 * started, how long ago, and the last PID it handed out.
 */
#include <linux/idr.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include "driso.h"

/*
 * When the container's init started (boottime ns): its PID namespace's
 * reaper's thread group leader, so that another thread of init taking
 * over as reaper does not move it (an exec by another thread keeps the
 * leader's start). Under RCU: the leader outlives its group's other
 * threads.
 */
u64 __driso_container_start_ns(void)
{
	struct task_struct *reaper;

	reaper = READ_ONCE(task_active_pid_ns(current)->child_reaper);
	return reaper ? READ_ONCE(reaper->group_leader->start_boottime) : 0;
}

/* The last PID the reader's namespace handed out, as loadavg shows it. */
int driso_last_pid(void)
{
	return idr_get_cursor(&task_active_pid_ns(current)->idr) - 1;
}

/* Since the container's init started. Under RCU. */
u64 __driso_container_uptime_ns(void)
{
	u64 now = ktime_get_boottime_ns();

	return now - min(now, __driso_container_start_ns());
}

u64 driso_container_uptime_ns(void)
{
	u64 up;

	rcu_read_lock();
	up = __driso_container_uptime_ns();
	rcu_read_unlock();
	return up;
}
