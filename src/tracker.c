// SPDX-License-Identifier: GPL-2.0
/*
 * Per-container state that a view needs over time: the load average, an
 * EWMA the kernel updates every 5 s, and what /proc/stat last showed.
 *
 * A container is tracked from its first read, so there is no work for
 * containers nobody reads. Every 5 s a worker counts the runnable and
 * uninterruptible tasks of each tracked cgroup, and drops those that were
 * deleted or not read for ten minutes. With nothing tracked it stops.
 */
#include <linux/cgroup.h>
#include <linux/hashtable.h>
#include <linux/sched/loadavg.h>
#include <linux/slab.h>
#include <linux/static_call.h>
#include <linux/workqueue.h>
#include "cpucalc.h"
#include "driso.h"

#define IDLE_DROP (600 * HZ)

struct tracked {
	struct hlist_node node;
	struct cgroup *cgrp;		/* referenced while tracked */
	unsigned long avenrun[3];
	unsigned long last_read;	/* jiffies */
	struct cc_stat_seen seen;
};

typedef void (task_iter_start_t)(struct cgroup_subsys_state *css,
				 unsigned int flags, struct css_task_iter *it);
typedef struct task_struct *(task_iter_next_t)(struct css_task_iter *it);
typedef void (task_iter_end_t)(struct css_task_iter *it);
DEFINE_STATIC_CALL_NULL(driso_task_iter_start, task_iter_start_t);
DEFINE_STATIC_CALL_NULL(driso_task_iter_next, task_iter_next_t);
DEFINE_STATIC_CALL_NULL(driso_task_iter_end, task_iter_end_t);

static DEFINE_HASHTABLE(tracked_table, 8);
static DEFINE_MUTEX(tracked_lock);
static unsigned int nr_tracked;
static u64 worker_ns;		/* what the worker has cost, for the status */

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

/* The cgroup that stands for the current task's container. */
static struct cgroup *container_cgroup(void)
{
	struct cgroup *cgrp;

	rcu_read_lock();
	if (cgroup_subsys_on_dfl(cpu_cgrp_subsys))
		cgrp = task_dfl_cgroup(current);
	else
		cgrp = task_css(current, cpu_cgrp_id)->cgroup;
	cgroup_get(cgrp);
	rcu_read_unlock();
	return cgrp;
}

/* Tasks of @cgrp and its descendants, but @skip, by state. */
static void count_tasks(struct cgroup *cgrp, struct task_struct *skip,
			struct driso_tasks *n)
{
	struct cgroup_subsys_state *pos;

	memset(n, 0, sizeof(*n));
	rcu_read_lock();
	css_for_each_descendant_pre(pos, &cgrp->self) {
		struct css_task_iter it;
		struct task_struct *t;

		static_call(driso_task_iter_start)(pos, 0, &it);
		while ((t = static_call(driso_task_iter_next)(&it))) {
			unsigned int state = READ_ONCE(t->__state);

			if (t == skip)
				continue;
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

static void drop(struct tracked *t)
{
	hash_del(&t->node);
	cgroup_put(t->cgrp);
	kfree(t->seen.cpus);
	kfree(t);
	nr_tracked--;
}

static void load_tick(struct work_struct *work)
{
	struct hlist_node *tmp;
	struct tracked *t;
	struct driso_tasks n;
	u64 start = ktime_get_ns();
	int bkt;

	mutex_lock(&tracked_lock);
	hash_for_each_safe(tracked_table, bkt, tmp, t, node) {
		/* rmdir clears CSS_ONLINE of the cgroup's own css at once */
		if (!(READ_ONCE(t->cgrp->self.flags) & CSS_ONLINE) ||
		    time_after(jiffies, t->last_read + IDLE_DROP)) {
			drop(t);
			continue;
		}
		count_tasks(t->cgrp, NULL, &n);
		cc_load_update(t->avenrun, n.running + n.blocked);
	}
	if (nr_tracked)
		schedule_delayed_work(&load_work, LOAD_FREQ);
	WRITE_ONCE(worker_ns, worker_ns + ktime_get_ns() - start);
	mutex_unlock(&tracked_lock);
}

/* The current container's entry, made on first use. Under tracked_lock. */
static struct tracked *track(struct cgroup *cgrp)
{
	struct tracked *t;
	struct driso_tasks n;

	hash_for_each_possible(tracked_table, t, node, (unsigned long)cgrp)
		if (t->cgrp == cgrp)
			return t;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return NULL;
	t->seen.cpus = kcalloc(nr_cpu_ids, sizeof(*t->seen.cpus), GFP_KERNEL);
	if (!t->seen.cpus) {
		kfree(t);
		return NULL;
	}
	cgroup_get(cgrp);
	t->cgrp = cgrp;
	/* the reader itself is not the container's load */
	count_tasks(cgrp, current, &n);
	cc_load_seed(t->avenrun, n.running + n.blocked);
	hash_add(tracked_table, &t->node, (unsigned long)cgrp);
	if (!nr_tracked++)
		schedule_delayed_work(&load_work, LOAD_FREQ);
	return t;
}

/*
 * The current container's load average and its tasks now. With @total
 * and @per_cpu, also raise those /proc/stat times to what it saw last.
 * May sleep.
 */
int driso_container_load(struct driso_load *load, unsigned int nr_cpus,
			 struct cc_cpu_times *total,
			 struct cc_cpu_times *per_cpu)
{
	struct cgroup *cgrp = container_cgroup();
	struct tracked *t;
	int err = -ENOMEM;

	count_tasks(cgrp, NULL, &load->tasks);
	mutex_lock(&tracked_lock);
	t = track(cgrp);
	if (t) {
		t->last_read = jiffies;
		memcpy(load->avenrun, t->avenrun, sizeof(load->avenrun));
		if (total)
			cc_stat_monotonic(&t->seen, min(nr_cpus, nr_cpu_ids),
					  total, per_cpu);
		err = 0;
	}
	mutex_unlock(&tracked_lock);
	cgroup_put(cgrp);
	return err;
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
