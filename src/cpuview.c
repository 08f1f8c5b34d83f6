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
#include <linux/delay.h>
#include <linux/kernel_stat.h>
#include <linux/local_lock.h>
#include <linux/math64.h>
#include <linux/percpu-rwsem.h>
#include <linux/pid_namespace.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
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
typedef int (extra_stat_show_t)(struct seq_file *sf,
				struct cgroup_subsys_state *css);
DEFINE_STATIC_CALL_NULL(driso_cpu_extra_stat_show, extra_stat_show_t);
static bool have_throttled;

/*
 * One mask per CPU, so that the read path allocates none (see get/put),
 * taken with a local lock: preemption off, or on PREEMPT_RT, where
 * cpuset_cpus_allowed()'s lock may sleep, a per-CPU lock.
 */
static struct cpumask __percpu *visible_masks;
static DEFINE_PER_CPU(local_lock_t, visible_lock) = INIT_LOCAL_LOCK(visible_lock);

/* What moving tasks between cgroups write-locks; see compat.h */
static struct percpu_rw_semaphore *moves_rwsem;
static bool *per_process_moves;

#ifdef DRISO_TEST_HOOKS
static unsigned int test_cpuview_window_us;
module_param(test_cpuview_window_us, uint, 0444);
MODULE_PARM_DESC(test_cpuview_window_us,
		 "test only: wait this long (at most 20000) between the cpuset and the quota");
/* how often the reader's css_set changed in the window: never, if held */
static unsigned int test_cpuview_window_moves;
module_param(test_cpuview_window_moves, uint, 0444);
MODULE_PARM_DESC(test_cpuview_window_moves,
		 "test only: reads whose css_set changed in the window");

static void test_cpuview_window(void)
{
	const struct css_set *cset = rcu_access_pointer(current->cgroups);

	udelay(min(test_cpuview_window_us, 20000U));
	if (cset != rcu_access_pointer(current->cgroups))
		WRITE_ONCE(test_cpuview_window_moves,
			   test_cpuview_window_moves + 1);
}
#else
static inline void test_cpuview_window(void)
{
}
#endif

int driso_cpuview_init(void)
{
	unsigned long cpus = driso_require("cpuset_cpus_allowed");
	unsigned long quota = driso_require(DRISO_SYM_QUOTA_READ);
	unsigned long period = driso_require(DRISO_SYM_PERIOD_READ);
	unsigned long flush = driso_require(DRISO_SYM_RSTAT_FLUSH);
	unsigned long user = driso_require("cpuusage_user_read");
	unsigned long sys = driso_require("cpuusage_sys_read");

	unsigned long extra = driso_lookup("cpu_extra_stat_show");

	moves_rwsem = (struct percpu_rw_semaphore *)
		driso_require("cgroup_threadgroup_rwsem");
	if (DRISO_SYM_PER_PROCESS_MOVES)
		per_process_moves = (bool *)
			driso_require(DRISO_SYM_PER_PROCESS_MOVES);
	if (!cpus || !quota || !period || !flush || !user || !sys ||
	    !moves_rwsem || (DRISO_SYM_PER_PROCESS_MOVES && !per_process_moves))
		return -ENOENT;
	/* cpu.stat's throttled time, shown as steal: without it, none */
	if (extra && !driso_call_set(driso_cpu_extra_stat_show, extra,
				     "cpu_extra_stat_show"))
		have_throttled = true;
	else
		pr_warn("driso: cpu_extra_stat_show not usable: /proc/stat shows no steal\n");
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

/*
 * The smallest ceil(quota / period) over the cpu cgroup and its parents,
 * and, if @by, the cgroup that sets it (NULL for none). Under RCU.
 */
static unsigned int __quota_cpus(struct cgroup_subsys_state **by)
{
	struct cgroup_subsys_state *css;
	unsigned int n = CC_NO_LIMIT, q;

	if (by)
		*by = NULL;
	for (css = task_css(current, cpu_cgrp_id); css; css = css->parent) {
		q = cc_quota_cpus(static_call(driso_cfs_quota_us)(css, NULL),
				  static_call(driso_cfs_period_us)(css, NULL));
		if (q < n && by)
			*by = css;
		n = min(n, q);
	}
	return n;
}

/*
 * Whether the current task may see fewer CPUs than the host has online,
 * told without cpuset's lock: not if its affinity, which its cpuset
 * bounds, holds every online CPU and no quota up its tree cuts them.
 * A move sets the affinity after the css_set, so while one may be in
 * flight (the movers' lock is not idle) the answer is true.
 * False is exact; true is to be counted with driso_cpuview_count().
 * Atomic; under RCU (RCU-sched too).
 */
bool driso_cpuview_maybe_fewer(void)
{
	return !rcu_sync_is_idle(&moves_rwsem->rss) ||
	       !cpumask_subset(cpu_online_mask, current->cpus_ptr) ||
	       __quota_cpus(NULL) < num_online_cpus();
}

static unsigned int quota_cpus(void)
{
	unsigned int n;

	rcu_read_lock();
	n = __quota_cpus(NULL);
	rcu_read_unlock();
	return n;
}

/*
 * Keep the reader in its cgroups while a view reads several controllers in
 * turn: the locks every move of another task takes for writing, held for
 * reading as fork holds them. A check that the task's css_set is the same
 * after the reads misses a move away and back in between. May sleep; never
 * nested, since a waiting mover would block the inner hold. Returns what
 * to pass to cgroups_release().
 */
static bool cgroups_hold(void)
{
	bool per_process;

	percpu_down_read(moves_rwsem);
	/* set only under moves_rwsem's write lock: stable until release */
	per_process = per_process_moves && READ_ONCE(*per_process_moves);
	if (per_process)
		driso_process_moves_block();
	return per_process;
}

static void cgroups_release(bool per_process)
{
	if (per_process)
		driso_process_moves_allow();
	percpu_up_read(moves_rwsem);
}

/*
 * driso_cpuview_get() with the reader's cgroups held: the cpuset and the
 * quota are two controllers', never one cgroup's cpuset cut by another's
 * quota.
 */
static const struct cpumask *visible_get(unsigned int *count)
{
	unsigned int n, quota, weight, cpu, kept = 0;
	struct cpumask *visible;

	local_lock(&visible_lock);
	visible = this_cpu_ptr(visible_masks);
	static_call(driso_cpuset_cpus_allowed)(current, visible);
	test_cpuview_window();
	quota = quota_cpus();
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

/*
 * The CPUs the current task's container shows, lowest numbers first, and
 * how many in @count. May sleep. The mask is this CPU's own, under its
 * local lock: nothing may sleep until driso_cpuview_put().
 */
const struct cpumask *driso_cpuview_get(unsigned int *count)
{
	bool per_process = cgroups_hold();
	const struct cpumask *visible = visible_get(count);

	cgroups_release(per_process);
	return visible;
}

void driso_cpuview_put(void)
{
	local_unlock(&visible_lock);
}

static unsigned int visible_count(void)
{
	unsigned int count;

	visible_get(&count);
	driso_cpuview_put();
	return count;
}

/* Only how many CPUs the container shows. May sleep. */
unsigned int driso_cpuview_count(void)
{
	bool per_process = cgroups_hold();
	unsigned int count = visible_count();

	cgroups_release(per_process);
	return count;
}

/*
 * How long the quota that limits the container held it back, in ns: the
 * throttled time of the cgroup with the smallest quota up its cpu tree, as
 * its cpu.stat shows it (summed over the CPUs it was throttled on); 0
 * without a quota.
 */
static u64 throttled_ns(void)
{
	struct cgroup_subsys_state *css;
	char text[256], *p;
	struct seq_file m;
	u64 us = 0;

	if (!have_throttled)
		return 0;
	memset(&m, 0, sizeof(m));
	m.buf = text;
	m.size = sizeof(text) - 1;
	rcu_read_lock();
	__quota_cpus(&css);
	if (css)	/* formats its numbers, takes no lock */
		static_call(driso_cpu_extra_stat_show)(&m, css);
	rcu_read_unlock();
	text[min(m.count, m.size)] = 0;
	p = strstr(text, "throttled_usec ");
	if (!p || sscanf(p + 15, "%llu", &us) != 1)
		us = 0;
	return us * NSEC_PER_USEC;
}

/* @user of which @nice, by the share of the ticks @ntime of @utime. */
static u64 nice_of(u64 user, u64 utime, u64 ntime)
{
	return utime ? mul_u64_u64_div_u64(user, min(ntime, utime), utime) :
		0;
}

/* The precise runtime split by the ticks, as cpu.stat does. */
static void split_base_stat(const struct cgroup_base_stat *b, u64 out[3])
{
	u64 utime = READ_ONCE(b->cputime.utime);
	u64 stime = READ_ONCE(b->cputime.stime);
	u64 sum = READ_ONCE(b->cputime.sum_exec_runtime);
	u64 user = utime + stime ?
		mul_u64_u64_div_u64(sum, utime, utime + stime) : 0;

	out[1] = nice_of(user, utime, driso_base_stat_ntime(b));
	out[0] = user - out[1];
	out[2] = sum - user;
}

/*
 * CPU time used by the current task's cgroup, in ns, as user, nice and
 * system: the cgroup v2 base statistics (flushed once a tick at most, see
 * driso_container_flush_due()), or cpuacct on cgroup v1; and its steal,
 * read with the flush. May sleep.
 */
void driso_cpuview_usage(struct cc_usage *u)
{
	struct cgroup_subsys_state *css;
	struct cgroup *cgrp;
	u64 t[3];
	bool due;

	rcu_read_lock();
	if (cgroup_subsys_on_dfl(cpu_cgrp_subsys))
		cgrp = task_dfl_cgroup(current);
	else
		cgrp = task_css(current, cpu_cgrp_id)->cgroup;
	cgroup_get(cgrp);
	due = driso_container_flush_due(cgrp, &u->steal);
	rcu_read_unlock();
	if (due) {
		u->steal = throttled_ns();
		rcu_read_lock();
		driso_container_set_steal(cgrp, u->steal);
		rcu_read_unlock();
	}

	if (!cgroup_subsys_on_dfl(cpu_cgrp_subsys)) {
		rcu_read_lock();
		css = task_css(current, cpuacct_cgrp_id);
		css_get(css);
		rcu_read_unlock();
		/* its user counts nice; the total is all the views need */
		u->user = static_call(driso_cpuacct_user)(css, NULL);
		u->nice = 0;
		u->system = static_call(driso_cpuacct_sys)(css, NULL);
		css_put(css);
		cgroup_put(cgrp);
		return;
	}
	if (due)
		static_call(driso_rstat_flush)(driso_rstat_flush_arg(cgrp));
	split_base_stat(&cgrp->bstat, t);
	cgroup_put(cgrp);
	u->user = t[0];
	u->nice = t[1];
	u->system = t[2];
}

/* Whether the kernel keeps per-CPU times of a cgroup's subtree here. */
static bool per_cpu_kept(void)
{
#ifdef DRISO_HAVE_SUBTREE_BSTAT
	const bool subtree_kept = true;
#else
	const bool subtree_kept = false;
#endif

	if (cgroup_subsys_on_dfl(cpu_cgrp_subsys))
		return subtree_kept;
	return IS_ENABLED(CONFIG_CGROUP_CPUACCT);
}

/* What the container used on @cpu: user, nice, system. Under RCU. */
static void cpu_use(int cpu, u64 t[3])
{
#ifdef DRISO_HAVE_SUBTREE_BSTAT
	if (cgroup_subsys_on_dfl(cpu_cgrp_subsys)) {
		split_base_stat(driso_subtree_bstat(task_dfl_cgroup(current),
						    cpu), t);
		return;
	}
#endif
#if IS_ENABLED(CONFIG_CGROUP_CPUACCT)
	if (!cgroup_subsys_on_dfl(cpu_cgrp_subsys)) {
		struct cgroup_subsys_state *acct;
		const u64 *c;

		acct = task_css(current, cpuacct_cgrp_id);
		c = driso_cpuacct_cpustat(acct, cpu);

		/* as cpuacct.usage_user and usage_sys count them */
		t[0] = READ_ONCE(c[CPUTIME_USER]);
		t[1] = READ_ONCE(c[CPUTIME_NICE]);
		t[2] = READ_ONCE(c[CPUTIME_SYSTEM]) + READ_ONCE(c[CPUTIME_IRQ]) +
		       READ_ONCE(c[CPUTIME_SOFTIRQ]);
	}
#endif
}

/*
 * The container's use per visible CPU, in @per_cpu's user, nice and system,
 * from the kernel's per-CPU times of its cgroup and descendants (cgroup v2
 * from Linux 6.6, cpuacct on v1): the i-th visible CPU's own, and an even
 * share of what it used on CPUs it does not see (a quota cuts them, or its
 * cpuset changed). False where the kernel keeps none: spread evenly
 * instead. Under RCU, after driso_cpuview_usage()'s flush, with the
 * reader's cgroups held (see driso_cpu_times_get()).
 */
bool driso_cpuview_per_cpu(struct cc_cpu_times *per_cpu, unsigned int nr)
{
	unsigned long long rest[3] = { 0 };
	const struct cpumask *visible;
	unsigned int count, i = 0, f;
	u64 t[3];
	int cpu;

	if (!per_cpu_kept())
		return false;
	visible = visible_get(&count);
	for_each_possible_cpu(cpu) {
		cpu_use(cpu, t);
		if (i < nr && cpumask_test_cpu(cpu, visible)) {
			per_cpu[i].t[CS_USER] = t[0];
			per_cpu[i].t[CS_NICE] = t[1];
			per_cpu[i].t[CS_SYSTEM] = t[2];
			i++;
		} else {
			for (f = 0; f < 3; f++)
				rest[f] += t[f];
		}
	}
	driso_cpuview_put();
	for (; i < nr; i++)	/* the CPU set shrank since it was counted */
		per_cpu[i].t[CS_USER] = per_cpu[i].t[CS_NICE] =
			per_cpu[i].t[CS_SYSTEM] = 0;
	cc_stat_spread(per_cpu, nr, rest);
	return true;
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
	struct cc_usage used;
	bool per_process;
	int ret;

	memset(ct, 0, sizeof(*ct));
	/* the CPU count, the time used and per CPU, of the same cgroups */
	per_process = cgroups_hold();
	ct->nr_cpus = visible_count();
	driso_cpuview_usage(&used);
	ret = driso_container_times_get(ct, &used, want);
	cgroups_release(per_process);
	return ret;
}

void driso_cpu_times_put(struct driso_cpu_times *ct)
{
	driso_container_times_put(ct);
}
