// SPDX-License-Identifier: GPL-2.0
/*
 * Resource information for the CPU views: the CPUs the reader's cpuset
 * allows that are online, cut to ceil(quota / period) for the smallest CFS
 * quota up its cpu cgroup tree; and the CPU time its cgroup has used.
 *
 * The kernel functions used are unexported; like the memory statistics,
 * they are called through static calls only.
 *
 * A read takes no host-wide lock and waits for no move: it reads every
 * controller through the css_set the reader pointed to at its start (a
 * move changes which css_set a task points to, never a css_set's own
 * controllers), each css referenced with css_tryget(), so one read is one
 * set of cgroups' even while its reader is moved.
 */
#include <linux/cgroup.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kernel_stat.h>
#include <linux/local_lock.h>
#include <linux/math64.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/static_call.h>
#include "btfcalc.h"
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
/* the cgroup files whose handlers are called, with their own cftype */
static struct cftype *quota_file, *period_file, *user_file, *sys_file;
static bool have_cpuacct_layout;
static unsigned long cpuacct_cpustat_off;	/* from the css */

/*
 * One mask per CPU, so that the read path allocates none (see get/put),
 * taken with a local lock: preemption off, or on PREEMPT_RT, where
 * cpuset_cpus_allowed()'s lock may sleep, a per-CPU lock.
 */
static struct cpumask __percpu *visible_masks;
static DEFINE_PER_CPU(local_lock_t, visible_lock) = INIT_LOCAL_LOCK(visible_lock);

/*
 * struct cpuset is private: where its effective_cpus lie (a pointer with
 * CPUMASK_OFFSTACK, the mask itself otherwise), from the kernel's BTF.
 * Without it, the reader's cpuset is read through the task, checked to be
 * the snapshot's.
 */
static bool have_cpuset_layout;
static bool cpuset_mask_is_ptr;
static unsigned long cpuset_mask_off;	/* from the css */

/* The reader's cgroups, from one css_set, each referenced. */
struct cpu_cgroups {
	struct cgroup *cgrp;		/* the container, in cpu's hierarchy */
	struct cgroup_subsys_state *cpu;
	struct cgroup_subsys_state *cpuset;	/* NULL without cpusets */
	struct cgroup_subsys_state *acct;	/* cpuacct, cgroup v1 only */
};

#ifdef DRISO_TEST_HOOKS
static unsigned int test_cpuview_window_us;
module_param(test_cpuview_window_us, uint, 0444);
MODULE_PARM_DESC(test_cpuview_window_us,
		 "test only: wait this long (at most 20000) between the cpuset and the quota");
/* reads moved to another css_set in the window: each still one css_set's */
static unsigned int test_cpuview_window_moves;
module_param(test_cpuview_window_moves, uint, 0444);
MODULE_PARM_DESC(test_cpuview_window_moves,
		 "test only: reads whose css_set changed in the window");

static unsigned int test_cgroups_dying;
module_param(test_cgroups_dying, uint, 0444);
MODULE_PARM_DESC(test_cgroups_dying,
		 "test only: reads whose cgroups were dying three times over");

static void test_cpuview_window(void)
{
	const struct css_set *cset = rcu_access_pointer(current->cgroups);

	udelay(min(test_cpuview_window_us, 20000U));
	if (cset != rcu_access_pointer(current->cgroups))
		WRITE_ONCE(test_cpuview_window_moves,
			   test_cpuview_window_moves + 1);
}
#define test_count_dying() (test_cgroups_dying++)
#else
#define test_count_dying() do { } while (0)

static inline void test_cpuview_window(void)
{
}
#endif

static void cpuset_layout_init(void)
{
	struct bc_field mask;

	have_cpuset_layout = false;
	/* a pointer with CPUMASK_OFFSTACK, the mask itself otherwise */
	if (!IS_ENABLED(CONFIG_CPUSETS) ||
	    driso_layout_css_field("cpuset", "effective_cpus", 0, &mask) ||
	    (mask.kind != BC_KIND_PTR && mask.kind != BC_KIND_ARRAY))
		return;
	cpuset_mask_is_ptr = mask.kind == BC_KIND_PTR;
	cpuset_mask_off = mask.offset;
	have_cpuset_layout = true;
}

/*
 * cpuacct's per-CPU times (cgroup v1): struct cpuacct is private; where its
 * cpustat pointer lies, from the kernel's BTF. Without it, a v1 container's
 * time is spread evenly over its CPUs.
 */
static void cpuacct_layout_init(void)
{
	struct bc_field cpustat;

	have_cpuacct_layout = false;
	if (!IS_ENABLED(CONFIG_CGROUP_CPUACCT) ||
	    driso_layout_css_field("cpuacct", "cpustat", BC_KIND_PTR, &cpustat))
		return;
	cpuacct_cpustat_off = cpustat.offset;
	have_cpuacct_layout = true;
}

/* Point @sc at @cft's handler @fn; false, said, if it has none. */
#define set_file_call(sc, cft, fn)					\
	((cft) && (cft)->fn &&						\
	 !driso_call_set(sc, (cft)->fn, (cft)->name))

int driso_cpuview_init(void)
{
	unsigned long cpus = driso_require("cpuset_cpus_allowed");
	unsigned long flush = driso_require(DRISO_SYM_RSTAT_FLUSH);
	struct cgroup_subsys *cpu_ss = driso_cgroup_subsys("cpu_cgrp_subsys");

	if (!cpus || !flush || !cpu_ss)
		return -ENOENT;
	if (driso_layout_func("cpuset_cpus_allowed", 2, "task_struct") ||
	    driso_layout_func(DRISO_SYM_RSTAT_FLUSH, 1,
			      DRISO_RSTAT_FLUSH_FIRST))
		return -ENOEXEC;
	/* the handlers of cpu.cfs_quota_us and cpu.cfs_period_us */
	quota_file = driso_cgroup_file(cpu_ss, "cfs_quota_us");
	period_file = driso_cgroup_file(cpu_ss, "cfs_period_us");
	if (!set_file_call(driso_cfs_quota_us, quota_file, read_s64) ||
	    !set_file_call(driso_cfs_period_us, period_file, read_u64))
		return -ENOENT;
#if IS_ENABLED(CONFIG_CGROUP_CPUACCT)
	{
		struct cgroup_subsys *acct_ss =
			driso_cgroup_subsys("cpuacct_cgrp_subsys");

		if (!acct_ss)
			return -ENOENT;
		user_file = driso_cgroup_file(acct_ss, "usage_user");
		sys_file = driso_cgroup_file(acct_ss, "usage_sys");
		if (!set_file_call(driso_cpuacct_user, user_file, read_u64) ||
		    !set_file_call(driso_cpuacct_sys, sys_file, read_u64))
			return -ENOENT;
	}
#endif
	cpuset_layout_init();
	cpuacct_layout_init();
	/* cpu.stat's throttled time, shown as steal: without it, none */
	if (cpu_ss->css_extra_stat_show &&
	    !driso_call_set(driso_cpu_extra_stat_show,
			    cpu_ss->css_extra_stat_show, "cpu.stat"))
		have_throttled = true;
	visible_masks = (struct cpumask __percpu *)
		__alloc_percpu(cpumask_size(), __alignof__(unsigned long));
	if (!visible_masks)
		return -ENOMEM;
	return driso_call_set(driso_cpuset_cpus_allowed, cpus,
			      "cpuset_cpus_allowed") ?:
	       driso_call_set(driso_rstat_flush, flush, DRISO_SYM_RSTAT_FLUSH);
}

/* After a successful load: what the CPU views do without, and why. */
void driso_cpuview_report(void)
{
	if (IS_ENABLED(CONFIG_CPUSETS) && !have_cpuset_layout)
		pr_warn("driso: struct cpuset field effective_cpus not in BTF: a CPU view read while its reader is moved may mix the cpuset and quota of two cgroups\n");
	if (IS_ENABLED(CONFIG_CGROUP_CPUACCT) && !have_cpuacct_layout)
		pr_warn("driso: struct cpuacct field cpustat not in BTF: on cgroup v1 /proc/stat spreads the time of a container evenly over its CPUs\n");
	if (!have_throttled)
		pr_warn("driso: the cpu controller shows no throttled time: /proc/stat shows no steal\n");
}

void driso_cpuview_exit(void)
{
	free_percpu(visible_masks);
	visible_masks = NULL;
}

/* @css's effective CPUs. Under RCU, with @css referenced or its css_set. */
static const struct cpumask *cpuset_effective(struct cgroup_subsys_state *css)
{
	void *field = (void *)css + cpuset_mask_off;

	if (cpuset_mask_is_ptr)
		return READ_ONCE(*(struct cpumask **)field);
	return field;
}

/*
 * The reader's cgroups from the css_set it points to now, each referenced:
 * its limits' (cpu, cpuset) its own, its use's (the cgroup, cpuacct) its
 * container's (see __driso_container_cset()). False if one is dying (the
 * reader has just been moved out of it). Takes no lock.
 */
static bool cgroups_get(struct cpu_cgroups *g)
{
	struct cgroup_subsys_state *dfl;
	struct css_set *cset, *ctr;
	bool v2 = cgroup_subsys_on_dfl(cpu_cgrp_subsys);

	memset(g, 0, sizeof(*g));
	rcu_read_lock();
	cset = task_css_set(current);
	ctr = __driso_container_cset();
	dfl = &driso_cpu_hierarchy(ctr)->self;
	if (!css_tryget(dfl))
		goto dying;
	g->cgrp = dfl->cgroup;
	if (!css_tryget(cset->subsys[cpu_cgrp_id]))
		goto dying;
	g->cpu = cset->subsys[cpu_cgrp_id];
#if IS_ENABLED(CONFIG_CPUSETS)
	if (!css_tryget(cset->subsys[cpuset_cgrp_id]))
		goto dying;
	g->cpuset = cset->subsys[cpuset_cgrp_id];
#endif
#if IS_ENABLED(CONFIG_CGROUP_CPUACCT)
	if (!v2) {
		if (!css_tryget(ctr->subsys[cpuacct_cgrp_id]))
			goto dying;
		g->acct = ctr->subsys[cpuacct_cgrp_id];
	}
#endif
	rcu_read_unlock();
	return true;
dying:
	rcu_read_unlock();
	return false;
}

static void cgroups_put(struct cpu_cgroups *g)
{
	if (g->acct)
		css_put(g->acct);
	if (g->cpuset)
		css_put(g->cpuset);
	if (g->cpu)
		css_put(g->cpu);
	if (g->cgrp)
		cgroup_put(g->cgrp);
}

/* A moved reader finds its new css_set at once: a few tries suffice. */
static bool cgroups_take(struct cpu_cgroups *g)
{
	int tries;

	for (tries = 0; tries < 3; tries++) {
		if (cgroups_get(g))
			return true;
		cgroups_put(g);
	}
	memset(g, 0, sizeof(*g));	/* nothing to put */
	test_count_dying();
	return false;
}

/*
 * The smallest ceil(quota / period) over the cpu css @cpu and its parents,
 * and, if @by, the css that sets it (NULL for none). Under RCU or with
 * @cpu referenced (a css holds its parent).
 */
static unsigned int quota_cpus(struct cgroup_subsys_state *cpu,
			       struct cgroup_subsys_state **by)
{
	struct cgroup_subsys_state *css;
	unsigned int n = CC_NO_LIMIT, q;

	if (by)
		*by = NULL;
	for (css = cpu; css; css = css->parent) {
		q = cc_quota_cpus(static_call(driso_cfs_quota_us)(css,
								  quota_file),
				  static_call(driso_cfs_period_us)(css,
								   period_file));
		if (q < n && by)
			*by = css;
		n = min(n, q);
	}
	return n;
}

/*
 * Whether the current task may see fewer CPUs than the host has online,
 * without a reference or a lock: its cpuset's CPUs hold every online CPU
 * and no quota up its tree cuts them, read from one css_set. Without
 * struct cpuset's layout, any cpuset but the root's may be fewer: the
 * replacement asks the kernel. Atomic; under RCU (RCU-sched too).
 */
bool driso_cpuview_maybe_fewer(void)
{
	struct css_set *cset = task_css_set(current);
	const struct cpumask *cpus = cpu_online_mask;

#if IS_ENABLED(CONFIG_CPUSETS)
	struct cgroup_subsys_state *cpuset = cset->subsys[cpuset_cgrp_id];

	if (have_cpuset_layout)
		cpus = cpuset_effective(cpuset);
	else if (cpuset->parent)
		return true;
#endif
	return !cpumask_subset(cpu_online_mask, cpus) ||
	       quota_cpus(cset->subsys[cpu_cgrp_id], NULL) < num_online_cpus();
}

/*
 * @g's cpuset's online CPUs into @mask: its effective CPUs, or, where none
 * is online (cgroup v1 after a hotplug), its nearest ancestor's, as the
 * kernel's cpuset_cpus_allowed() does; and the smallest quota up its cpu
 * tree as a CPU count. Without struct cpuset's layout both are read
 * through the task, again while its css_set changed meanwhile (at most
 * three times; a move away and back escapes this).
 */
static unsigned int cpus_and_quota(const struct cpu_cgroups *g,
				   struct cpumask *mask)
{
	struct cgroup_subsys_state *css;
	const struct css_set *cset;
	unsigned int quota = CC_NO_LIMIT;
	int tries;

	if (g->cpuset && !have_cpuset_layout) {
		for (tries = 0; tries < 3; tries++) {
			cset = rcu_access_pointer(current->cgroups);
			/* cpuset's callback_lock, for O(depth) reads */
			static_call(driso_cpuset_cpus_allowed)(current, mask);
			cpumask_and(mask, mask, cpu_online_mask);
			test_cpuview_window();
			rcu_read_lock();
			quota = quota_cpus(task_css(current, cpu_cgrp_id), NULL);
			rcu_read_unlock();
			if (cset == rcu_access_pointer(current->cgroups))
				break;
		}
		return quota;
	}
	if (!g->cpuset) {
		cpumask_copy(mask, cpu_online_mask);
	} else {
		rcu_read_lock();
		for (css = g->cpuset; css; css = css->parent)
			if (cpumask_and(mask, cpuset_effective(css),
					cpu_online_mask))
				break;
		rcu_read_unlock();
	}
	test_cpuview_window();
	return quota_cpus(g->cpu, NULL);
}

/*
 * The CPUs @g shows, lowest numbers first, and how many in @count: its
 * online cpuset CPUs cut to its quota. This CPU's own mask, under its local
 * lock: nothing may sleep until driso_cpuview_put().
 */
static const struct cpumask *visible_get(const struct cpu_cgroups *g,
					 unsigned int *count)
{
	unsigned int n, quota, weight, cpu, kept = 0;
	struct cpumask *visible;

	local_lock(&visible_lock);
	visible = this_cpu_ptr(visible_masks);
	quota = cpus_and_quota(g, visible);
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
 * how many in @count; NULL if its cgroups could not be taken (it was moved
 * out of dying ones three times over). The mask is this CPU's own, under
 * its local lock: nothing may sleep until driso_cpuview_put().
 */
const struct cpumask *driso_cpuview_get(unsigned int *count)
{
	const struct cpumask *visible = NULL;
	struct cpu_cgroups g;

	if (cgroups_take(&g))
		visible = visible_get(&g, count);
	cgroups_put(&g);
	return visible;
}

void driso_cpuview_put(void)
{
	local_unlock(&visible_lock);
}

static unsigned int visible_count(const struct cpu_cgroups *g)
{
	unsigned int count;

	visible_get(g, &count);
	driso_cpuview_put();
	return count;
}

/*
 * Only how many CPUs the container shows; the host's if its cgroups could
 * not be taken (the kernel's own view).
 */
unsigned int driso_cpuview_count(void)
{
	unsigned int count = num_online_cpus();
	struct cpu_cgroups g;

	if (cgroups_take(&g))
		count = visible_count(&g);
	cgroups_put(&g);
	return count;
}

/*
 * How long the quota that limits the container held it back, in ns: the
 * throttled time of the cgroup with the smallest quota up its cpu tree, as
 * its cpu.stat shows it (summed over the CPUs it was throttled on); 0
 * without a quota.
 */
static u64 throttled_ns(const struct cpu_cgroups *g)
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
	quota_cpus(g->cpu, &css);
	if (css)	/* formats its numbers, takes no lock */
		static_call(driso_cpu_extra_stat_show)(&m, css);
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

/* Whether the kernel keeps per-CPU times of a cgroup's subtree here. */
static bool per_cpu_kept(const struct cpu_cgroups *g)
{
#ifdef DRISO_HAVE_SUBTREE_BSTAT
	const bool subtree_kept = true;
#else
	const bool subtree_kept = false;
#endif

	if (!g->acct)
		return subtree_kept;
	return have_cpuacct_layout;
}

/* What @g's container used on @cpu: user, nice, system. */
static void cpu_use(const struct cpu_cgroups *g, int cpu, u64 t[3])
{
#ifdef DRISO_HAVE_SUBTREE_BSTAT
	if (!g->acct) {
		split_base_stat(driso_subtree_bstat(g->cgrp, cpu), t);
		return;
	}
#endif
#if IS_ENABLED(CONFIG_CGROUP_CPUACCT)
	if (g->acct) {
		struct kernel_cpustat __percpu *all =
			READ_ONCE(*(struct kernel_cpustat __percpu **)
				  ((void *)g->acct + cpuacct_cpustat_off));
		const u64 *c = per_cpu_ptr(all, cpu)->cpustat;

		/* as cpuacct.usage_user and usage_sys count them */
		t[0] = READ_ONCE(c[CPUTIME_USER]);
		t[1] = READ_ONCE(c[CPUTIME_NICE]);
		t[2] = READ_ONCE(c[CPUTIME_SYSTEM]) + READ_ONCE(c[CPUTIME_IRQ]) +
		       READ_ONCE(c[CPUTIME_SOFTIRQ]);
	}
#endif
}

/*
 * CPU time used by @g's container, in ns, as user, nice and system: the
 * cgroup v2 base statistics (flushed once a tick at most, see
 * driso_container_flush_due()), or cpuacct on cgroup v1 (its CPUs' counts,
 * which split nice out, where its layout is known); and its steal,
 * read with the flush. May sleep (the flush, under the kernel's rstat
 * lock, as a read of cpu.stat takes it).
 */
static void cpu_usage(const struct cpu_cgroups *g, struct cc_usage *u)
{
	u64 t[3];
	bool due;
	int cpu;

	rcu_read_lock();
	due = driso_container_flush_due(g->cgrp, &u->steal);
	rcu_read_unlock();
	if (due) {
		u->steal = throttled_ns(g);
		rcu_read_lock();
		driso_container_set_steal(g->cgrp, u->steal);
		rcu_read_unlock();
	}

	if (g->acct && per_cpu_kept(g)) {
		/* cpuacct's usage_user counts nice: its CPUs' counts split it */
		u->user = u->nice = u->system = 0;
		for_each_possible_cpu(cpu) {
			cpu_use(g, cpu, t);
			u->user += t[0];
			u->nice += t[1];
			u->system += t[2];
		}
		return;
	}
	if (g->acct) {
		u->user = static_call(driso_cpuacct_user)(g->acct, user_file);
		u->nice = 0;
		u->system = static_call(driso_cpuacct_sys)(g->acct, sys_file);
		return;
	}
	if (due)
		static_call(driso_rstat_flush)(driso_rstat_flush_arg(g->cgrp));
	split_base_stat(&g->cgrp->bstat, t);
	u->user = t[0];
	u->nice = t[1];
	u->system = t[2];
}

/*
 * What the container used per visible CPU since the last read that showed
 * its lines, in @ct->per_cpu's user, nice and system, from the kernel's
 * per-CPU times of its cgroup and descendants (cgroup v2 from Linux 6.6,
 * cpuacct on v1): the i-th visible CPU's own, and an even share of what
 * it used on CPUs it does not see (a quota cuts them, or its cpuset
 * changed). Per CPU, not per line: a line whose CPU changes takes only
 * what its new CPU ran since. False where the kernel keeps none: spread
 * evenly instead. After cpu_usage()'s flush. O(possible CPUs).
 */
static bool per_cpu_use(const struct cpu_cgroups *g,
			struct driso_cpu_times *ct, unsigned int nr)
{
	unsigned long long rest[3] = { 0 };
	struct cc_cpu_times *per_cpu = ct->per_cpu;
	const struct cpumask *visible;
	unsigned int count, i = 0, f;
	u64 t[3], grew[3];
	int cpu;

	if (!per_cpu_kept(g))
		return false;
	visible = visible_get(g, &count);
	for_each_possible_cpu(cpu) {
		cpu_use(g, cpu, t);
		for (f = 0; f < 3; f++) {
			u64 *last = &ct->cpu_used[cpu][f];

			grew[f] = t[f] > *last ? t[f] - *last : 0;
			*last += grew[f];
		}
		if (i < nr && cpumask_test_cpu(cpu, visible)) {
			per_cpu[i].t[CS_USER] = grew[0];
			per_cpu[i].t[CS_NICE] = grew[1];
			per_cpu[i].t[CS_SYSTEM] = grew[2];
			i++;
		} else {
			for (f = 0; f < 3; f++)
				rest[f] += grew[f];
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
 * What the CPU-time views show, computed once: uptime, the visible CPUs'
 * user, system and idle time, never going back for this container, and,
 * as @want asks, per CPU and its load; all of one set of cgroups. May
 * sleep; on success nothing may sleep until driso_cpu_times_put() (on an
 * error nothing is held).
 */
int driso_cpu_times_get(struct driso_cpu_times *ct, unsigned int want)
{
	struct cpu_cgroups g;
	struct cc_usage used;
	bool given = false;
	int ret = -ENOENT;

	memset(ct, 0, sizeof(*ct));
	/* untracked (max_containers): the kernel's own, without a flush */
	if (driso_container_track())
		return -ENOSPC;
	if (!cgroups_take(&g))
		return -ENOENT;
	ct->nr_cpus = visible_count(&g);
	cpu_usage(&g, &used);
	ret = driso_container_times_begin(ct, want);
	if (ret)
		goto out;
	if (ct->per_cpu)
		given = per_cpu_use(&g, ct, min(ct->nr_cpus, nr_cpu_ids));
	driso_container_times_end(ct, &used, given);
out:
	cgroups_put(&g);
	return ret;
}

void driso_cpu_times_put(struct driso_cpu_times *ct)
{
	driso_container_times_put(ct);
}
