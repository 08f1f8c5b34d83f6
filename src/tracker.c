// SPDX-License-Identifier: GPL-2.0
/*
 * Per-container state that a view needs over time: the load average, an
 * EWMA the kernel updates every 5 s, and what /proc/stat last showed; and
 * the container's task counts.
 *
 * A container is tracked from its first read, so there is no work for
 * containers nobody reads. Readers find their entry under RCU; the load
 * takes no lock, /proc/stat's times only the entry's own: readers of
 * different containers never wait for each other, and the worker's mutex
 * is taken only to add or drop an entry.
 *
 * Task counts come from counters the kernel keeps per cgroup, read in
 * O(CPUs): runnable and iowait tasks from PSI, all tasks from the pids
 * controller. Where a cgroup has neither (cgroup v1, psi=0, pids not
 * enabled for it), the worker counts its tasks every 5 s and readers see
 * that count. Every 5 s the worker also feeds the load average, and drops
 * the entries of deleted cgroups and of those not read for ten minutes.
 * With nothing tracked it stops.
 */
#include <linux/cgroup.h>
#include <linux/hashtable.h>
#include <linux/psi_types.h>
#include <linux/rculist.h>
#include <linux/sched/loadavg.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/static_call.h>
#include <linux/workqueue.h>
#include "cpucalc.h"
#include "driso.h"

#define IDLE_DROP (600 * HZ)

struct tracked {
	struct hlist_node node;
	struct rcu_head rcu;
	struct cgroup *cgrp;		/* referenced while tracked */
	unsigned long last_read;	/* jiffies */
	unsigned long flushed;		/* jiffies of its last rstat flush */
	u64 steal;			/* its throttled time at that flush */
	/* written by the worker alone, read without a lock */
	unsigned long avenrun[3];
	struct driso_tasks sampled;	/* at the last tick, without counters */
	spinlock_t lock;		/* everything below */
	bool own_cpu_lines;		/* /proc/stat showed its own once */
	struct cc_stat_seen seen;
	/* seen.cpus, then a reader's per-CPU times: nr_cpu_ids each */
	struct cc_cpu_times cpus[];
};

typedef void (task_iter_start_t)(struct cgroup_subsys_state *css,
				 unsigned int flags, struct css_task_iter *it);
typedef struct task_struct *(task_iter_next_t)(struct css_task_iter *it);
typedef void (task_iter_end_t)(struct css_task_iter *it);
DEFINE_STATIC_CALL_NULL(driso_task_iter_start, task_iter_start_t);
DEFINE_STATIC_CALL_NULL(driso_task_iter_next, task_iter_next_t);
DEFINE_STATIC_CALL_NULL(driso_task_iter_end, task_iter_end_t);

static DEFINE_HASHTABLE(tracked_table, 8);
static DEFINE_MUTEX(tracked_lock);	/* adding and dropping entries */
static unsigned int nr_tracked;
static u64 worker_ns;		/* what the worker has cost, for the status */
static atomic_long_t task_walks;	/* cgroups counted task by task */

static void load_tick(struct work_struct *work);
static DECLARE_DELAYED_WORK(load_work, load_tick);

int driso_tracker_init(void)
{
	unsigned long start = driso_require("css_task_iter_start");
	unsigned long next = driso_require("css_task_iter_next");
	unsigned long end = driso_require("css_task_iter_end");

	if (!start || !next || !end)
		return -ENOENT;
	return driso_call_set(driso_task_iter_start, start,
			      "css_task_iter_start") ?:
	       driso_call_set(driso_task_iter_next, next, "css_task_iter_next") ?:
	       driso_call_set(driso_task_iter_end, end, "css_task_iter_end");
}

/* The cgroup that stands for the current task's container. Under RCU. */
static struct cgroup *current_container(void)
{
	if (cgroup_subsys_on_dfl(cpu_cgrp_subsys))
		return task_dfl_cgroup(current);
	return task_css(current, cpu_cgrp_id)->cgroup;
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
	if (!css || !css->parent)	/* the root is not charged */
		return false;
	n->threads = driso_pids_counter(css);
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

static void drop(struct tracked *t)
{
	hash_del_rcu(&t->node);
	cgroup_put(t->cgrp);
	kfree_rcu(t, rcu);
	nr_tracked--;
}

static void load_tick(struct work_struct *work)
{
	struct hlist_node *tmp;
	struct tracked *t;
	unsigned long avenrun[3];
	struct driso_tasks n;
	u64 start, spent = 0;
	bool walked;
	int bkt, i;

	mutex_lock(&tracked_lock);
	start = ktime_get_ns();
	hash_for_each_safe(tracked_table, bkt, tmp, t, node) {
		/* rmdir clears CSS_ONLINE of the cgroup's own css at once */
		if (!(READ_ONCE(t->cgrp->self.flags) & CSS_ONLINE) ||
		    time_after(jiffies, READ_ONCE(t->last_read) + IDLE_DROP)) {
			drop(t);
			continue;
		}
		rcu_read_lock();
		walked = !counted(t->cgrp, &n);
		rcu_read_unlock();
		if (walked)
			walk_tasks(t->cgrp, &n);
		/* the only writer: readers take no lock for these */
		memcpy(avenrun, t->avenrun, sizeof(avenrun));
		cc_load_update(avenrun, n.running + n.blocked);
		for (i = 0; i < 3; i++)
			WRITE_ONCE(t->avenrun[i], avenrun[i]);
		if (walked) {
			WRITE_ONCE(t->sampled.threads, n.threads);
			WRITE_ONCE(t->sampled.running, n.running);
			WRITE_ONCE(t->sampled.blocked, n.blocked);
		}
		/* its own time only, not that of the tasks it yields to */
		spent += ktime_get_ns() - start;
		cond_resched();
		start = ktime_get_ns();
	}
	if (nr_tracked)
		schedule_delayed_work(&load_work, LOAD_FREQ);
	WRITE_ONCE(worker_ns, worker_ns + spent + ktime_get_ns() - start);
	mutex_unlock(&tracked_lock);
}

static struct tracked *find(struct cgroup *cgrp)
{
	struct tracked *t;

	hash_for_each_possible_rcu(tracked_table, t, node, (unsigned long)cgrp)
		if (t->cgrp == cgrp)
			return t;
	return NULL;
}

/* Start tracking @cgrp, the current task's container. May sleep. */
static int track(struct cgroup *cgrp)
{
	struct tracked *t;
	struct driso_tasks n;
	bool walked;

	t = kzalloc(struct_size(t, cpus, 2 * nr_cpu_ids), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	spin_lock_init(&t->lock);
	t->seen.cpus = t->cpus;
	t->last_read = jiffies;
	rcu_read_lock();
	walked = !counted(cgrp, &n);
	rcu_read_unlock();
	if (walked) {
		walk_tasks(cgrp, &n);
		t->sampled = n;
	}
	/* the reader itself, running, is not the container's load */
	cc_load_seed(t->avenrun, n.running - !!n.running + n.blocked);

	mutex_lock(&tracked_lock);
	if (find(cgrp)) {	/* another reader was first */
		mutex_unlock(&tracked_lock);
		kfree(t);
		return 0;
	}
	cgroup_get(cgrp);
	t->cgrp = cgrp;
	hash_add_rcu(tracked_table, &t->node, (unsigned long)cgrp);
	if (!nr_tracked++)
		schedule_delayed_work(&load_work, LOAD_FREQ);
	mutex_unlock(&tracked_lock);
	return 0;
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
	cgrp = current_container();
	t = find(cgrp);
	if (!t) {
		cgroup_get(cgrp);
		rcu_read_unlock();
		err = track(cgrp);
		rcu_read_lock();
		t = err ? NULL : find(cgrp);
		cgroup_put(cgrp);
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
 * Fill @ct's uptime, and its CPU times from @used, raised to what this
 * container saw last, per CPU if @want has DRISO_TIMES_PER_CPU (the
 * kernel's per-CPU times where it keeps them); and its load if
 * DRISO_TIMES_LOAD. On success the container's entry stays locked, for
 * @ct->per_cpu: release with driso_container_times_put(), and sleep in
 * between. May sleep before.
 */
int driso_container_times_get(struct driso_cpu_times *ct,
			      const struct cc_usage *used, unsigned int want)
{
	struct tracked *t = find_tracked();
	unsigned int nr_cpus = min(ct->nr_cpus, nr_cpu_ids);
	bool given = false;

	if (!t)
		return -ENOMEM;
	if (want & DRISO_TIMES_LOAD)
		read_load(t, &ct->load);
	ct->uptime_ns = __driso_container_uptime_ns();
	spin_lock(&t->lock);
	/* once its own, always: the host's counters would go back */
	if (ct->nr_cpus < num_online_cpus())
		t->own_cpu_lines = true;
	ct->own_cpu_lines = t->own_cpu_lines;
	/* per CPU only for lines that are shown: the host's need none */
	ct->per_cpu = want & DRISO_TIMES_PER_CPU && ct->own_cpu_lines ?
		      t->cpus + nr_cpu_ids : NULL;
	if (ct->per_cpu)
		given = driso_cpuview_per_cpu(ct->per_cpu, nr_cpus);
	cc_stat_times(nr_cpus, used, ct->uptime_ns, &ct->total, ct->per_cpu,
		      given);
	cc_stat_monotonic(&t->seen, nr_cpus, &ct->total, ct->per_cpu);
	ct->held = t;
	return 0;
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

/* After the hooks are gone: nothing reads or queues any more. */
void driso_tracker_exit(void)
{
	struct hlist_node *tmp;
	struct tracked *t;
	int bkt;

	cancel_delayed_work_sync(&load_work);
	mutex_lock(&tracked_lock);
	hash_for_each_safe(tracked_table, bkt, tmp, t, node)
		drop(t);
	mutex_unlock(&tracked_lock);
}

unsigned int driso_tracked_containers(void)
{
	return READ_ONCE(nr_tracked);
}

u64 driso_tracker_worker_ns(void)
{
	return READ_ONCE(worker_ns);
}

unsigned long driso_tracker_task_walks(void)
{
	return atomic_long_read(&task_walks);
}
