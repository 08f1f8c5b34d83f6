// SPDX-License-Identifier: GPL-2.0
/*
 * The reader's container as its runtime drew it: the cgroups its cgroup
 * namespace is rooted at; and from its PID namespace, when its init
 * started, how long ago, and the last PID it handed out.
 */
#include <linux/cgroup.h>
#include <linux/idr.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include "driso.h"

/* @cset's cgroup in the cpu controller's hierarchy. */
struct cgroup *driso_cpu_hierarchy(struct css_set *cset)
{
	if (cgroup_subsys_on_dfl(cpu_cgrp_subsys))
		return cset->dfl_cgrp;
	return cset->subsys[cpu_cgrp_id]->cgroup;
}

/*
 * The css_set whose cgroups are the reader's container: the root of its
 * cgroup namespace, which is what its runtime made the container (Docker,
 * Podman and containerd on cgroup v2, LXC, Incus and systemd-nspawn give
 * each container one; a system container's processes live in cgroups
 * below it: init.scope, system.slice/x.service), where the reader is in
 * that root or below it. Otherwise (the initial namespace, one rooted at
 * the root cgroup, a reader moved out of its namespace's subtree) the
 * reader's own. Under RCU: the namespace holds its root css_set, and
 * only the reader itself changes its nsproxy.
 */
struct css_set *__driso_container_cset(void)
{
	struct css_set *own = task_css_set(current);
	struct nsproxy *nsp = current->nsproxy;
	struct cgroup *top;
	struct css_set *root;

	if (!nsp || !nsp->cgroup_ns)
		return own;
	root = nsp->cgroup_ns->root_cset;
	if (root == own)
		return own;
	top = driso_cpu_hierarchy(root);
	if (!cgroup_parent(top) ||
	    !cgroup_is_descendant(driso_cpu_hierarchy(own), top))
		return own;
	return root;
}

/* The container's cgroup in the cpu controller's hierarchy. Under RCU. */
struct cgroup *__driso_container_cgroup(void)
{
	return driso_cpu_hierarchy(__driso_container_cset());
}

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
