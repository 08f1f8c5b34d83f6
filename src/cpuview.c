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
#include <linux/local_lock.h>
#include <linux/math64.h>
#include <linux/pid_namespace.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/static_call.h>
#include "cpucalc.h"
#include "driso.h"

typedef void (cpuset_cpus_allowed_t)(struct task_struct *tsk,
				     struct cpumask *mask);
typedef s64 (css_read_s64_t)(struct cgroup_subsys_state *css,
			     struct cftype *cft);
typedef u64 (css_read_u64_t)(struct cgroup_subsys_state *css,
			     struct cftype *cft);
typedef void (rstat_flush_t)(DRISO_RSTAT_FLUSH_ARG);

DEFINE_STATIC_CALL_NULL(driso_cpuset_cpus_allowed, cpuset_cpus_allowed_t);
DEFINE_STATIC_CALL_NULL(driso_cfs_quota_us, css_read_s64_t);
DEFINE_STATIC_CALL_NULL(driso_cfs_period_us, css_read_u64_t);
DEFINE_STATIC_CALL_NULL(driso_cpuacct_user, css_read_u64_t);
DEFINE_STATIC_CALL_NULL(driso_cpuacct_sys, css_read_u64_t);
DEFINE_STATIC_CALL_NULL(driso_rstat_flush, rstat_flush_t);

/*
 * One mask per CPU, so that the read path allocates none (see get/put),
 * taken with a local lock: preemption off, or on PREEMPT_RT, where
 * cpuset_cpus_allowed()'s lock may sleep, a per-CPU lock.
 */
static struct cpumask __percpu *visible_masks;
static DEFINE_PER_CPU(local_lock_t, visible_lock) = INIT_LOCAL_LOCK(visible_lock);

int driso_cpuview_init(void)
{
	unsigned long cpus = driso_require("cpuset_cpus_allowed");
	unsigned long quota = driso_require(DRISO_SYM_QUOTA_READ);
	unsigned long period = driso_require(DRISO_SYM_PERIOD_READ);
	unsigned long flush = driso_require(DRISO_SYM_RSTAT_FLUSH);
	unsigned long user = driso_require("cpuusage_user_read");
	unsigned long sys = driso_require("cpuusage_sys_read");

	if (!cpus || !quota || !period || !flush || !user || !sys)
		return -ENOENT;
	visible_masks = (struct cpumask __percpu *)
		__alloc_percpu(cpumask_size(), __alignof__(unsigned long));
	if (!visible_masks)
		return -ENOMEM;
	return driso_call_set(driso_cpuset_cpus_allowed, cpus,
			      "cpuset_cpus_allowed") ?:
	       driso_call_set(driso_cfs_quota_us, quota, DRISO_SYM_QUOTA_READ) ?:
	       driso_call_set(driso_cfs_period_us, period,
			      DRISO_SYM_PERIOD_READ) ?:
	       driso_call_set(driso_rstat_flush, flush, DRISO_SYM_RSTAT_FLUSH) ?:
	       driso_call_set(driso_cpuacct_user, user, "cpuusage_user_read") ?:
	       driso_call_set(driso_cpuacct_sys, sys, "cpuusage_sys_read");
}

void driso_cpuview_exit(void)
{
	free_percpu(visible_masks);
	visible_masks = NULL;
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

/* The reader's cgroups: changed if it was moved since @cset was read. */
static bool moved_since(const struct css_set *cset)
{
	return cset != rcu_access_pointer(current->cgroups);
}

/*
 * The CPUs the current task's container shows, lowest numbers first, and
 * how many in @count. The mask is this CPU's own, under its local lock:
 * nothing may sleep until driso_cpuview_put().
 */
const struct cpumask *driso_cpuview_get(unsigned int *count)
{
	unsigned int n, quota, weight, cpu, kept = 0;
	const struct css_set *cset;
	struct cpumask *visible;

	local_lock(&visible_lock);
	visible = this_cpu_ptr(visible_masks);

	/*
	 * The cpuset and the quota are two controllers' and are read one
	 * after the other: never one cgroup's cpuset cut by another's quota.
	 */
	do {
		cset = rcu_access_pointer(current->cgroups);
		static_call(driso_cpuset_cpus_allowed)(current, visible);
		quota = quota_cpus();
	} while (moved_since(cset));
	cpumask_and(visible, visible, cpu_online_mask);
	/* the cpuset guarantees an online CPU; never show none */
	if (cpumask_empty(visible))
		cpumask_set_cpu(raw_smp_processor_id(), visible);
	weight = cpumask_weight(visible);
	n = cc_visible_cpus(weight, quota);
	if (n < weight)	/* a quota below the cpuset: its lowest CPUs */
		for_each_cpu(cpu, visible)
			if (++kept > n)
				cpumask_clear_cpu(cpu, visible);
	*count = min(n, weight);
	return visible;
}

void driso_cpuview_put(void)
{
	local_unlock(&visible_lock);
}

/* Only how many CPUs the container shows. */
unsigned int driso_cpuview_count(void)
{
	unsigned int count;

	driso_cpuview_get(&count);
	driso_cpuview_put();
	return count;
}

/*
 * CPU time used by the current task's cgroup, in ns, split into user and
 * system: the cgroup v2 base statistics (flushed once a tick at most, see
 * driso_container_flush_due()), or cpuacct on cgroup v1. May sleep.
 */
void driso_cpuview_usage_ns(u64 *user, u64 *system)
{
	struct cgroup_subsys_state *css;
	struct cgroup *cgrp;
	u64 utime, stime, sum;
	bool due;

	if (!cgroup_subsys_on_dfl(cpu_cgrp_subsys)) {
		rcu_read_lock();
		css = task_css(current, cpuacct_cgrp_id);
		css_get(css);
		rcu_read_unlock();
		*user = static_call(driso_cpuacct_user)(css, NULL);
		*system = static_call(driso_cpuacct_sys)(css, NULL);
		css_put(css);
		return;
	}
	rcu_read_lock();
	cgrp = task_dfl_cgroup(current);
	cgroup_get(cgrp);
	due = driso_container_flush_due(cgrp);
	rcu_read_unlock();
	if (due)
		static_call(driso_rstat_flush)(driso_rstat_flush_arg(cgrp));
	utime = READ_ONCE(cgrp->bstat.cputime.utime);
	stime = READ_ONCE(cgrp->bstat.cputime.stime);
	sum = READ_ONCE(cgrp->bstat.cputime.sum_exec_runtime);
	cgroup_put(cgrp);
	/* ticks split the precise runtime, as cpu.stat does */
	*user = utime + stime ? mul_u64_u64_div_u64(sum, utime, utime + stime) :
		0;
	*system = sum - *user;
}

/*
 * Since the container's init, the reaper of its PID namespace, started.
 * Under RCU.
 */
u64 __driso_container_uptime_ns(void)
{
	u64 now = ktime_get_boottime_ns(), start = 0;
	struct task_struct *reaper;

	reaper = task_active_pid_ns(current)->child_reaper;
	if (reaper)
		start = min(now, READ_ONCE(reaper->start_boottime));
	return now - start;
}

u64 driso_container_uptime_ns(void)
{
	u64 up;

	rcu_read_lock();
	up = __driso_container_uptime_ns();
	rcu_read_unlock();
	return up;
}

/*
 * What the CPU-time views show, computed once: uptime, the visible CPUs'
 * user, system and idle time, never going back for this container, and,
 * as @want asks, per CPU and its load. May sleep; on success nothing may
 * sleep until driso_cpu_times_put() (on an error nothing is held).
 */
int driso_cpu_times_get(struct driso_cpu_times *ct, unsigned int want)
{
	const struct css_set *cset;
	u64 user, system;

	memset(ct, 0, sizeof(*ct));
	/* the CPU count and the time used, of the same cgroups */
	do {
		cset = rcu_access_pointer(current->cgroups);
		ct->nr_cpus = driso_cpuview_count();
		driso_cpuview_usage_ns(&user, &system);
	} while (moved_since(cset));
	return driso_container_times_get(ct, user, system, want);
}

void driso_cpu_times_put(struct driso_cpu_times *ct)
{
	driso_container_times_put(ct);
}
