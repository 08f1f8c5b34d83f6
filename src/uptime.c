// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/uptime: the time since the container's init (the reaper of its PID
 * namespace) started, and the idle time of its visible CPUs over that time:
 * their elapsed time less the CPU time its cgroup used.
 */
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/static_call.h>
#include <linux/timekeeping.h>
#include "driso.h"

typedef int (proc_show_t)(struct seq_file *m, void *v);
DEFINE_STATIC_CALL_NULL(driso_uptime_orig, proc_show_t);

int driso_container_uptime(struct timespec64 *uptime, struct timespec64 *idle)
{
	struct task_struct *reaper;
	cpumask_var_t visible;
	u64 now, up, cpus_ns, used;

	if (!zalloc_cpumask_var(&visible, GFP_KERNEL))
		return -ENOMEM;
	now = ktime_get_boottime_ns();
	rcu_read_lock();
	reaper = task_active_pid_ns(current)->child_reaper;
	up = reaper ? now - min(now, READ_ONCE(reaper->start_boottime)) : now;
	rcu_read_unlock();

	cpus_ns = up * driso_cpuview_visible(visible);
	free_cpumask_var(visible);
	used = driso_cpuview_usage_ns();
	*uptime = ns_to_timespec64(up);
	*idle = ns_to_timespec64(cpus_ns > used ? cpus_ns - used : 0);
	return 0;
}

static int driso_uptime_show(struct seq_file *m, void *v)
{
	struct timespec64 up, idle;
	int idx;

	idx = driso_hook_enter();
	if (driso_container_uptime(&up, &idle)) {
		driso_count(DRISO_VIEW_UPTIME, DRISO_READS_FALLBACK);
		static_call(driso_uptime_orig)(m, v);
		goto out;
	}
	driso_count(DRISO_VIEW_UPTIME, DRISO_READS_VIRTUAL);
	/* the kernel's format */
	seq_printf(m, "%lu.%02lu %lu.%02lu\n", (unsigned long)up.tv_sec,
		   up.tv_nsec / (NSEC_PER_SEC / 100),
		   (unsigned long)idle.tv_sec,
		   idle.tv_nsec / (NSEC_PER_SEC / 100));
out:
	driso_hook_leave(idx);
	return 0;
}

int driso_uptime_init(struct driso_hook *hook)
{
	hook->address = driso_require(hook->name);
	if (!hook->address)
		return -ENOENT;
	static_call_update(driso_uptime_orig, (proc_show_t *)hook->address);
	hook->replacement = driso_uptime_show;
	return 0;
}
