// SPDX-License-Identifier: GPL-2.0
/*
 * Per-container state that a view needs over time: the load average, an
 * EWMA the kernel updates every 5 s, and what /proc/stat last showed; and
 * the container's task counts.
 *
 * A container is tracked from its first read, so there is no work for
 * containers nobody reads. Readers find their entry under RCU; the load
 * takes no lock, /proc/stat's times only the entry's own. Adding or
 * dropping an entry takes table_lock for a hash insert or delete, nothing
 * more: no reader waits for another container's or for the worker's pass.
 * An entry is charged to the memory cgroup of the reader that made it, and
 * at most max_containers exist: past that, reads that need one fall back
 * to the kernel's own text (counted as fallbacks).
 *
 * Task counts come from counters the kernel keeps per cgroup, read in
 * O(CPUs): runnable and iowait tasks from PSI, all tasks from the pids
 * controller. Where a cgroup has neither (cgroup v1, psi=0, pids not
 * enabled for it), no reader counts its tasks: the worker does, when the
 * entry is made and every 5 s, and readers see that count (until the
 * first, the reader alone). Every 5 s the worker also feeds the load
 * average, and drops the entries of deleted cgroups and of those not read
 * for ten minutes. With nothing tracked it stops.
 */
#include <linux/cgroup.h>
#include <linux/hashtable.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/psi_types.h>
#include <linux/rculist.h>
#include <linux/sched/loadavg.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/static_call.h>
#include <linux/workqueue.h>
#include "cpucalc.h"
#include "driso.h"

#ifdef DRISO_TEST_HOOKS
static unsigned int test_idle_drop_s;
module_param(test_idle_drop_s, uint, 0444);
MODULE_PARM_DESC(test_idle_drop_s,
		 "test only: drop entries unread this many seconds (0: 600)");
#define IDLE_DROP ((test_idle_drop_s ?: 600) * HZ)
#else
#define IDLE_DROP (600 * HZ)
#endif

struct tracked {
	struct hlist_node node;
	struct rcu_head rcu;
	struct cgroup *cgrp;		/* referenced while tracked */
	unsigned long last_read;	/* jiffies */
	unsigned long flushed;		/* jiffies of its last rstat flush */
	u64 steal;			/* its throttled time at that flush */
	/* written by the worker alone (or before the entry is published) */
	unsigned long avenrun[3];
	struct driso_tasks sampled;	/* at the last tick, without counters */
	bool seeded;			/* avenrun and sampled hold a count */
	spinlock_t lock;		/* everything below */
	bool own_cpu_lines;		/* /proc/stat showed its own once */
	struct cc_pids pids;
	struct cc_stat_seen seen;
	struct cc_cpu_times *per_cpu;	/* a reader's room, a line a CPU */
	u64 (*cpu_used)[3];		/* see driso_cpu_times.cpu_used */
	/* seen.lines, then per_cpu and cpu_used: nr_cpu_ids each */
	struct cc_stat_line lines[];
};

#define ENTRY_SIZE (sizeof(struct tracked) + nr_cpu_ids *		\
		    (sizeof(struct cc_stat_line) +			\
		     sizeof(struct cc_cpu_times) + sizeof(u64[3])))

typedef void (task_iter_start_t)(struct cgroup_subsys_state *css,
				 unsigned int flags, struct css_task_iter *it);
typedef struct task_struct *(task_iter_next_t)(struct css_task_iter *it);
typedef void (task_iter_end_t)(struct css_task_iter *it);
DEFINE_STATIC_CALL_NULL(driso_task_iter_start, task_iter_start_t);
DEFINE_STATIC_CALL_NULL(driso_task_iter_next, task_iter_next_t);
DEFINE_STATIC_CALL_NULL(driso_task_iter_end, task_iter_end_t);

static DEFINE_HASHTABLE(tracked_table, 8);
static DEFINE_SPINLOCK(table_lock);	/* a hash insert or delete, no more */
static atomic_t nr_tracked;
static atomic_t worker_kicked;	/* an early pass is queued */
static bool worker_ticking;	/* the worker's own: next_tick is set */
static unsigned long next_tick;	/* the worker's own: the next EWMA update */
static u64 worker_ns;		/* what the worker has cost, for the status */
static atomic_long_t task_walks;	/* cgroups counted task by task */
static atomic_long_t untracked_reads;	/* refused: max_containers reached */

static void load_tick(struct work_struct *work);
static DECLARE_DELAYED_WORK(load_work, load_tick);

typedef s64 (css_read_s64_t)(struct cgroup_subsys_state *css,
			     struct cftype *cft);
typedef u64 (css_read_u64_t)(struct cgroup_subsys_state *css,
			     struct cftype *cft);
DEFINE_STATIC_CALL_NULL(driso_pids_current_s64, css_read_s64_t);
DEFINE_STATIC_CALL_NULL(driso_pids_current_u64, css_read_u64_t);
/* pids.current: its handler, called with its own cftype */
static struct cftype *pids_current_file;

int driso_tracker_init(void)
{
	unsigned long start = driso_require("css_task_iter_start");
	unsigned long next = driso_require("css_task_iter_next");
	unsigned long end = driso_require("css_task_iter_end");

	if (!start || !next || !end)
		return -ENOENT;
	if (driso_layout_func("css_task_iter_start", 3,
			      "cgroup_subsys_state") ||
	    driso_layout_func("css_task_iter_next", 1, "css_task_iter") ||
	    driso_layout_func("css_task_iter_end", 1, "css_task_iter"))
		return -ENOEXEC;
#if IS_ENABLED(CONFIG_CGROUP_PIDS)
	{
		int err = -ENOENT;
		struct cgroup_subsys *ss =
			driso_cgroup_subsys("pids_cgrp_subsys");

		pids_current_file = ss ? driso_cgroup_file(ss, "current") :
				    NULL;
		/* without it, the worker counts every container's tasks */
		if (pids_current_file && pids_current_file->read_s64)
			err = driso_call_set(driso_pids_current_s64,
					     pids_current_file->read_s64,
					     "pids.current");
		else if (pids_current_file && pids_current_file->read_u64)
			err = driso_call_set(driso_pids_current_u64,
					     pids_current_file->read_u64,
					     "pids.current");
		if (err)
			pids_current_file = NULL;
	}
#endif
	return driso_call_set(driso_task_iter_start, start,
			      "css_task_iter_start") ?:
	       driso_call_set(driso_task_iter_next, next, "css_task_iter_next") ?:
	       driso_call_set(driso_task_iter_end, end, "css_task_iter_end");
}

/*
 * Runnable tasks (all classes, as procs_running) and tasks waiting for
 * I/O (as procs_blocked) of @cgrp and its descendants, from PSI's per-CPU
 * counts; false where PSI keeps none for it (the root, v1, psi=0).
 */
static bool psi_tasks(struct cgroup *cgrp, struct driso_tasks *n)
{
#if IS_ENABLED(CONFIG_PSI)
	struct psi_group *psi = READ_ONCE(cgrp->psi);
	int cpu;

	if (!cgroup_parent(cgrp) || !psi || !cgroup_subsys_on_dfl(cpu_cgrp_subsys))
		return false;
	n->running = 0;
	n->blocked = 0;
	for_each_online_cpu(cpu) {
		const struct psi_group_cpu *c = per_cpu_ptr(psi->pcpu, cpu);

		n->running += READ_ONCE(c->tasks[NR_RUNNING]);
		n->blocked += READ_ONCE(c->tasks[NR_IOWAIT]);
	}
	return true;
#else
	return false;
#endif
}

/*
 * The tasks of @cgrp and its descendants from the pids controller's
 * counter, if it has its own. Under RCU.
 */
static bool pids_tasks(struct cgroup *cgrp, struct driso_tasks *n)
{
#if IS_ENABLED(CONFIG_CGROUP_PIDS)
	struct cgroup_subsys_state *css;

	if (cgroup_subsys_on_dfl(pids_cgrp_subsys))
		css = rcu_dereference(cgrp->subsys[pids_cgrp_id]);
	else	/* another hierarchy: the reader's own pids cgroup */
		css = task_css(current, pids_cgrp_id);
	if (!pids_current_file || !css || !css->parent)	/* root: uncharged */
		return false;
	if (pids_current_file->read_s64)
		n->threads = static_call(driso_pids_current_s64)(css,
							pids_current_file);
	else
		n->threads = static_call(driso_pids_current_u64)(css,
							pids_current_file);
	return true;
#else
	return false;
#endif
}

/*
 * Tasks of @cgrp and its descendants by state, one by one: O(tasks) under
 * css_set_lock at every step, so only where no counter exists, and on a
 * reader's path only once per container, when it is first read.
 */
static void walk_tasks(struct cgroup *cgrp, struct driso_tasks *n)
{
	struct cgroup_subsys_state *pos;

	memset(n, 0, sizeof(*n));
	atomic_long_inc(&task_walks);
	rcu_read_lock();
	css_for_each_descendant_pre(pos, &cgrp->self) {
		struct css_task_iter it;
		struct task_struct *t;

		static_call(driso_task_iter_start)(pos, 0, &it);
		while ((t = static_call(driso_task_iter_next)(&it))) {
			unsigned int state = READ_ONCE(t->__state);

			n->threads++;
			if (state == TASK_RUNNING)
				n->running++;
			else if ((state & TASK_UNINTERRUPTIBLE) &&
				 !(state & TASK_NOLOAD))
				n->blocked++;
		}
		static_call(driso_task_iter_end)(&it);
	}
	rcu_read_unlock();
}

/*
 * Both counters cover @cgrp: nothing to walk. Under RCU. PSI is asked
 * first: without it (v1) pids is not, whose v1 answer is the current
 * task's pids cgroup, not @cgrp's.
 */
static bool counted(struct cgroup *cgrp, struct driso_tasks *n)
{
	return psi_tasks(cgrp, n) && pids_tasks(cgrp, n);
}

/* Under RCU; only the worker and the exit drop entries. */
static void drop(struct tracked *t)
{
	spin_lock(&table_lock);
	hash_del_rcu(&t->node);
	spin_unlock(&table_lock);
	atomic_dec(&nr_tracked);
	cgroup_put(t->cgrp);
	kvfree_rcu(t, rcu);
}

/*
 * Count @t's tasks, if no counter does, and feed its load average: seed it
 * if new, else one EWMA step. Under RCU; the walk, if any, is O(tasks)
 * under css_set_lock at every step, on the worker only.
 */
static void sample(struct tracked *t)
{
	unsigned long avenrun[3];
	struct driso_tasks n;
	bool walked;
	int i;

	walked = !counted(t->cgrp, &n);
	if (walked)
		walk_tasks(t->cgrp, &n);
	/* the only writer: readers take no lock for these */
	memcpy(avenrun, t->avenrun, sizeof(avenrun));
	/*
	 * The first sample follows the first read at once: its reader may
	 * still run, and is not the container's load.
	 */
	if (!t->seeded)
		cc_load_seed(avenrun, n.running - !!n.running + n.blocked);
	else
		cc_load_update(avenrun, n.running + n.blocked);
	for (i = 0; i < 3; i++)
		WRITE_ONCE(t->avenrun[i], avenrun[i]);
	if (walked) {
		WRITE_ONCE(t->sampled.threads, n.threads);
		WRITE_ONCE(t->sampled.running, n.running);
		WRITE_ONCE(t->sampled.blocked, n.blocked);
	}
	WRITE_ONCE(t->seeded, true);
}

/*
 * Every LOAD_FREQ: every entry's load, and the drops. Between, when
 * kicked: the new entries' first sample. A bucket at a time under RCU:
 * readers and new entries never wait for a pass.
 */
static void load_tick(struct work_struct *work)
{
	unsigned long now = jiffies;
	u64 start = ktime_get_ns();
	struct tracked *t;
	bool tick = false;
	int bkt;

	atomic_set(&worker_kicked, 0);
	if (!worker_ticking) {
		worker_ticking = true;
		next_tick = now + LOAD_FREQ;
	} else if (time_after_eq(now, next_tick)) {
		tick = true;
		next_tick += LOAD_FREQ;
		if (time_after_eq(now, next_tick))	/* late: no catching up */
			next_tick = now + LOAD_FREQ;
	}
	for (bkt = 0; bkt < HASH_SIZE(tracked_table); bkt++) {
		rcu_read_lock();
		hlist_for_each_entry_rcu(t, &tracked_table[bkt], node) {
			/* rmdir clears CSS_ONLINE of the cgroup's own css */
			if (!(READ_ONCE(t->cgrp->self.flags) & CSS_ONLINE) ||
			    time_after(now, READ_ONCE(t->last_read) + IDLE_DROP))
				drop(t);
			else if (tick || !READ_ONCE(t->seeded))
				sample(t);
		}
		rcu_read_unlock();
		cond_resched();
	}
	if (atomic_read(&nr_tracked))
		queue_delayed_work(system_wq, &load_work,
				   max_t(long, next_tick - jiffies, 1));
	else
		worker_ticking = false;
	WRITE_ONCE(worker_ns, worker_ns + ktime_get_ns() - start);
}

/*
 * A new entry: an unseeded one wants its first sample, one early pass for
 * many; a seeded one only needs the worker ticking (a no-op while it is
 * queued), so that fresh cgroups cost no pass over the table each.
 */
static void kick_worker(bool seeded)
{
	if (seeded)
		queue_delayed_work(system_wq, &load_work, LOAD_FREQ);
	else if (!atomic_xchg(&worker_kicked, 1))
		mod_delayed_work(system_wq, &load_work, 0);
}

/* Under RCU. */
static struct tracked *find(struct cgroup *cgrp)
{
	struct tracked *t;

	hash_for_each_possible_rcu(tracked_table, t, node, (unsigned long)cgrp)
		if (t->cgrp == cgrp)
			return t;
	return NULL;
}

/*
 * Start tracking @cgrp, the current task's container, whose reference
 * the entry takes (or that is dropped). Walks no task: without counters
 * the worker counts them. May sleep (the allocation), holding nothing.
 */
static int track(struct cgroup *cgrp)
{
	unsigned int limit = READ_ONCE(driso_max_containers);
	struct tracked *t, *other;
	struct driso_tasks n;
	bool added = false, seeded;

	if (atomic_read(&nr_tracked) >= limit)
		goto full;
	/* the reader's container pays for its own entry */
	t = kvzalloc(ENTRY_SIZE, GFP_KERNEL_ACCOUNT);
	if (!t) {
		cgroup_put(cgrp);
		return -ENOMEM;
	}
	spin_lock_init(&t->lock);
	t->seen.lines = t->lines;
	t->per_cpu = (struct cc_cpu_times *)(t->lines + nr_cpu_ids);
	t->cpu_used = (u64 (*)[3])(t->per_cpu + nr_cpu_ids);
	t->last_read = jiffies;
	t->cgrp = cgrp;
	rcu_read_lock();
	if (counted(cgrp, &n)) {
		/* the reader itself, running, is not the container's load */
		cc_load_seed(t->avenrun, n.running - !!n.running + n.blocked);
		t->seeded = true;
	}
	spin_lock(&table_lock);
	other = find(cgrp);
	if (!other && atomic_read(&nr_tracked) < limit) {
		hash_add_rcu(tracked_table, &t->node, (unsigned long)cgrp);
		atomic_inc(&nr_tracked);
		added = true;
	}
	/* once added, @t may be dropped and freed: not read after this */
	seeded = t->seeded;
	spin_unlock(&table_lock);
	rcu_read_unlock();
	if (added) {
		kick_worker(seeded);
		return 0;
	}
	kvfree(t);
	if (other) {	/* another reader was first */
		cgroup_put(cgrp);
		return 0;
	}
full:
	cgroup_put(cgrp);
	atomic_long_inc(&untracked_reads);
	return -ENOSPC;
}

/*
 * The current task's container's entry, made on first use, under RCU;
 * NULL on failure, with RCU not held. May sleep. Once tracked, the
 * entry's reference keeps the cgroup: a read takes none of its own.
 */
static struct tracked *find_tracked(void)
{
	unsigned long now = jiffies;
	struct cgroup *cgrp;
	struct tracked *t;
	int err;

	rcu_read_lock();
	cgrp = __driso_container_cgroup();
	t = find(cgrp);
	if (!t) {
		/* the reader may be moved and its old cgroup removed */
		if (!css_tryget(&cgrp->self)) {
			rcu_read_unlock();
			return NULL;
		}
		rcu_read_unlock();
		err = track(cgrp);
		rcu_read_lock();
		/* @cgrp may be gone: find() only compares the pointer */
		t = err ? NULL : find(cgrp);
		if (!t) {	/* or dropped at once: its cgroup is gone */
			rcu_read_unlock();
			return NULL;
		}
	}
	if (READ_ONCE(t->last_read) != now)
		WRITE_ONCE(t->last_read, now);
	return t;
}

/*
 * @t's load and tasks now. The load is read without the entry's lock, as
 * the kernel reads its own avenrun[]: its numbers change once a tick.
 */
static void read_load(struct tracked *t, struct driso_load *load)
{
	struct cgroup *cgrp = t->cgrp;
	struct driso_tasks n;
	bool by_psi, by_pids;
	int i;

	by_psi = psi_tasks(cgrp, &n);
	by_pids = pids_tasks(cgrp, &n);
	for (i = 0; i < 3; i++)
		load->avenrun[i] = READ_ONCE(t->avenrun[i]);
	load->tasks.threads = READ_ONCE(t->sampled.threads);
	load->tasks.running = READ_ONCE(t->sampled.running);
	load->tasks.blocked = READ_ONCE(t->sampled.blocked);
	if (by_psi) {
		load->tasks.running = n.running;
		load->tasks.blocked = n.blocked;
	} else {	/* the reader itself runs, whatever the tick saw */
		load->tasks.running = max(load->tasks.running, 1U);
	}
	if (by_pids)
		load->tasks.threads = n.threads;
	cc_tasks_fit(&load->tasks.threads, &load->tasks.running,
		     &load->tasks.blocked, by_pids && !by_psi);
}

/*
 * Whether the CPU time of @cgrp, the current task's container, is to be
 * flushed now: once a tick at most, because the rstat flush takes a lock
 * that every cgroup of the host shares. Between two flushes readers see
 * the last one's numbers, never more than a tick old, and its @steal.
 * Under RCU.
 */
bool driso_container_flush_due(struct cgroup *cgrp, u64 *steal)
{
	unsigned long now = jiffies, last;
	struct tracked *t = find(cgrp);

	*steal = 0;
	if (!t)
		return true;
	last = READ_ONCE(t->flushed);
	if (last != now && cmpxchg(&t->flushed, last, now) == last)
		return true;
	*steal = READ_ONCE(t->steal);
	return false;
}

/* The steal read with @cgrp's flush, for the readers until the next. */
void driso_container_set_steal(struct cgroup *cgrp, u64 steal)
{
	struct tracked *t = find(cgrp);

	if (t)
		WRITE_ONCE(t->steal, steal);
}

/*
 * Make sure the current container is tracked (its first read makes its
 * entry): 0, or an error if it cannot be (max_containers, no memory, its
 * cgroup going). May sleep.
 */
int driso_container_track(void)
{
	if (!find_tracked())
		return -ENOSPC;
	rcu_read_unlock();
	return 0;
}

/* The current container's load average and its tasks. May sleep. */
int driso_container_load(struct driso_load *load)
{
	struct tracked *t = find_tracked();

	if (!t)
		return -ENOMEM;
	read_load(t, load);
	rcu_read_unlock();
	return 0;
}

/*
 * Begin @ct for the current container: its uptime, its load if @want has
 * DRISO_TIMES_LOAD, and in @ct->per_cpu, if @want has DRISO_TIMES_PER_CPU
 * and its cpu lines are its own, room for its per-CPU times. @ct->nr_cpus
 * is set. On success the container's entry stays locked: fill the room,
 * then driso_container_times_end(), then driso_container_times_put(), and
 * sleep in none of it. May sleep before.
 */
int driso_container_times_begin(struct driso_cpu_times *ct, unsigned int want)
{
	struct tracked *t = find_tracked();
	u64 now_ns;

	if (!t)
		return -ENOMEM;
	if (want & DRISO_TIMES_LOAD)
		read_load(t, &ct->load);
	ct->start_ns = __driso_container_start_ns();
	now_ns = ktime_get_boottime_ns();
	ct->uptime_ns = now_ns - min(now_ns, ct->start_ns);
	spin_lock(&t->lock);
	/* once its own, always: the host's counters would go back */
	if (ct->nr_cpus < num_online_cpus())
		t->own_cpu_lines = true;
	ct->own_cpu_lines = t->own_cpu_lines;
	ct->processes = cc_processes(&t->pids, max(driso_last_pid(), 0));
	/* per CPU only for lines that are shown: the host's need none */
	ct->per_cpu = want & DRISO_TIMES_PER_CPU && ct->own_cpu_lines ?
		      t->per_cpu : NULL;
	ct->cpu_used = t->cpu_used;
	ct->held = t;
	return 0;
}

/*
 * @ct's CPU times from @used, counted on from what this container was
 * shown last; per CPU, if @per_cpu_given, from what @ct->per_cpu holds:
 * what the kernel counted on each line's CPU since the last read that
 * showed lines.
 */
void driso_container_times_end(struct driso_cpu_times *ct,
			       const struct cc_usage *used, bool per_cpu_given)
{
	struct tracked *t = ct->held;
	unsigned int nr_cpus = min(ct->nr_cpus, nr_cpu_ids);

	cc_stat_total(&t->seen, nr_cpus, used, ct->uptime_ns, &ct->total);
	if (ct->per_cpu)
		cc_stat_lines(&t->seen, nr_cpus, used, ct->uptime_ns,
			      ct->per_cpu, per_cpu_given);
}

void driso_container_times_put(struct driso_cpu_times *ct)
{
	struct tracked *t = ct->held;

	if (t) {
		spin_unlock(&t->lock);
		rcu_read_unlock();
		ct->held = NULL;
		ct->per_cpu = NULL;
	}
}

/*
 * After the hooks are gone: nothing reads or queues any more. Also on a
 * failed load, whose hooks may have served reads before they went.
 */
void driso_tracker_exit(void)
{
	struct hlist_node *tmp;
	struct tracked *t;
	int bkt;

	cancel_delayed_work_sync(&load_work);
	rcu_read_lock();
	hash_for_each_safe(tracked_table, bkt, tmp, t, node)
		drop(t);
	rcu_read_unlock();
	worker_ticking = false;
	atomic_set(&worker_kicked, 0);
}

unsigned int driso_tracked_containers(void)
{
	return atomic_read(&nr_tracked);
}

/* Reads that needed an entry past max_containers. */
unsigned long driso_untracked_reads(void)
{
	return atomic_long_read(&untracked_reads);
}

u64 driso_tracker_worker_ns(void)
{
	return READ_ONCE(worker_ns);
}

unsigned long driso_tracker_task_walks(void)
{
	return atomic_long_read(&task_walks);
}
