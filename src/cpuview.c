// SPDX-License-Identifier: GPL-2.0
/*
 * Resource information for the CPU views: the CPUs the reader's cpuset
 * allows that are online, cut to ceil(quota / period) for the smallest CFS
 * quota up its cpu cgroup tree; and the CPU time its cgroup has used.
 *
 * The kernel functions used are unexported; like the memory statistics,
 * they are called through static calls only.
 */
#include <linux/cgroup.h>
#include <linux/cpumask.h>
#include <linux/static_call.h>
#include "cpucalc.h"
#include "driso.h"

typedef void (cpuset_cpus_allowed_t)(struct task_struct *tsk,
				     struct cpumask *mask);
typedef s64 (css_read_s64_t)(struct cgroup_subsys_state *css,
			     struct cftype *cft);
typedef u64 (css_read_u64_t)(struct cgroup_subsys_state *css,
			     struct cftype *cft);
typedef void (rstat_flush_t)(struct cgroup *cgrp);

DEFINE_STATIC_CALL_NULL(driso_cpuset_cpus_allowed, cpuset_cpus_allowed_t);
DEFINE_STATIC_CALL_NULL(driso_cfs_quota_us, css_read_s64_t);
DEFINE_STATIC_CALL_NULL(driso_cfs_period_us, css_read_u64_t);
DEFINE_STATIC_CALL_NULL(driso_cpuacct_usage, css_read_u64_t);
DEFINE_STATIC_CALL_NULL(driso_rstat_flush, rstat_flush_t);

static bool have_cpuacct;

int driso_cpuview_init(void)
{
	unsigned long cpus = driso_require("cpuset_cpus_allowed");
	unsigned long quota = driso_require("cpu_cfs_quota_read_s64");
	unsigned long period = driso_require("cpu_cfs_period_read_u64");
	unsigned long flush = driso_require("cgroup_rstat_flush");
	unsigned long usage = driso_lookup("cpuusage_read");

	if (!cpus || !quota || !period || !flush)
		return -ENOENT;
	static_call_update(driso_cpuset_cpus_allowed,
			   (cpuset_cpus_allowed_t *)cpus);
	static_call_update(driso_cfs_quota_us, (css_read_s64_t *)quota);
	static_call_update(driso_cfs_period_us, (css_read_u64_t *)period);
	static_call_update(driso_rstat_flush, (rstat_flush_t *)flush);
	if (usage) {
		static_call_update(driso_cpuacct_usage,
				   (css_read_u64_t *)usage);
		have_cpuacct = true;
	}
	return 0;
}

/* The smallest ceil(quota / period) over the cpu cgroup and its parents. */
static unsigned int quota_cpus(void)
{
	struct cgroup_subsys_state *css;
	unsigned int n = CC_NO_LIMIT;

	rcu_read_lock();
	for (css = task_css(current, cpu_cgrp_id); css; css = css->parent)
		n = min(n, cc_quota_cpus(static_call(driso_cfs_quota_us)(css, NULL),
					 static_call(driso_cfs_period_us)(css, NULL)));
	rcu_read_unlock();
	return n;
}

/*
 * The CPUs the current task's container shows, lowest numbers first, in
 * @visible; returns how many.
 */
unsigned int driso_cpuview_visible(struct cpumask *visible)
{
	unsigned int n, cpu, kept = 0;

	static_call(driso_cpuset_cpus_allowed)(current, visible);
	cpumask_and(visible, visible, cpu_online_mask);
	n = cc_visible_cpus(cpumask_weight(visible), quota_cpus());
	for_each_cpu(cpu, visible)
		if (++kept > n)
			cpumask_clear_cpu(cpu, visible);
	return min(n, kept);
}

/*
 * CPU time used by the current task's cgroup, in ns: the cgroup v2 base
 * statistics, or cpuacct on cgroup v1. May sleep (the rstat flush).
 */
u64 driso_cpuview_usage_ns(void)
{
	struct cgroup_subsys_state *css;
	struct cgroup *cgrp;
	u64 ns;

	if (!cgroup_subsys_on_dfl(cpu_cgrp_subsys) && have_cpuacct) {
		rcu_read_lock();
		css = task_css(current, cpuacct_cgrp_id);
		css_get(css);
		rcu_read_unlock();
		ns = static_call(driso_cpuacct_usage)(css, NULL);
		css_put(css);
		return ns;
	}
	cgrp = task_dfl_cgroup(current);
	cgroup_get(cgrp);
	static_call(driso_rstat_flush)(cgrp);
	ns = READ_ONCE(cgrp->bstat.cputime.sum_exec_runtime);
	cgroup_put(cgrp);
	return ns;
}
