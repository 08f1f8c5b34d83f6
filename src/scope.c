// SPDX-License-Identifier: GPL-2.0
/*
 * Who sees which view. Each view is in scope for a reader when what it
 * shows differs for the reader's container:
 *   memory views (meminfo, swaps, sysinfo's memory): a memory limit below
 *     host RAM up its cgroup tree;
 *   CPU views (cpuinfo, cpu/online, /proc/stat's cpu lines): fewer visible
 *     CPUs than the host has online;
 *   container views (uptime, loadavg, the rest of /proc/stat, sysinfo's
 *     uptime and load): its own PID namespace, outside the root cgroup.
 * scope=cgroup widens them to tasks of the initial PID namespace, whose
 * container views then need a memory or CPU limit. The operator can exempt
 * cgroup subtrees, from every view or from some.
 */
#include <linux/capability.h>
#include <linux/cgroup.h>
#include <linux/cpumask.h>
#include <linux/kobject.h>
#include <linux/memcontrol.h>
#include <linux/namei.h>
#include <linux/pid_namespace.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/static_call.h>
#include <linux/sysfs.h>
#include <linux/user_namespace.h>
#include <linux/workqueue.h>
#include "driso.h"

enum scope_rule { RULE_MEMORY, RULE_CPUS, RULE_CONTAINER, RULE_ANY };

static const u8 view_rule[DRISO_VIEW_NR] = {
	[DRISO_VIEW_MEMINFO] = RULE_MEMORY,
	[DRISO_VIEW_SWAPS] = RULE_MEMORY,
	[DRISO_VIEW_CPUINFO] = RULE_CPUS,
	[DRISO_VIEW_CPU_ONLINE] = RULE_CPUS,
	/* these decide their parts with the views above */
	[DRISO_VIEW_SYSINFO] = RULE_ANY,
	[DRISO_VIEW_STAT] = RULE_CONTAINER,
	[DRISO_VIEW_UPTIME] = RULE_CONTAINER,
	[DRISO_VIEW_LOADAVG] = RULE_CONTAINER,
};

/* A cgroup subtree the operator exempted; the entry holds a reference. */
struct exemption {
	struct list_head node;
	struct rcu_head rcu;
	struct cgroup *cgrp;
	int ssid;		/* a controller of its v1 hierarchy; -1 on v2 */
	unsigned int views;	/* BIT(enum driso_view) */
	char path[];		/* as written */
};

#define MAX_EXEMPTIONS 256
static LIST_HEAD(exemptions);
static DEFINE_MUTEX(exemptions_lock);	/* writers of the list */
static unsigned int nr_exemptions;

typedef struct cgroup_subsys_state *(css_from_dir_t)(struct dentry *dentry,
						     struct cgroup_subsys *ss);
DEFINE_STATIC_CALL_NULL(driso_css_from_dir, css_from_dir_t);

static void prune_tick(struct work_struct *work);
static DECLARE_DELAYED_WORK(prune_work, prune_tick);
#define PRUNE_PERIOD (5 * HZ)

int driso_scope_init(void)
{
	unsigned long addr = driso_require("css_tryget_online_from_dir");

	if (!addr)
		return -ENOENT;
	if (driso_layout_func("css_tryget_online_from_dir", 2, "dentry"))
		return -ENOEXEC;
	return driso_call_set(driso_css_from_dir, addr,
			      "css_tryget_online_from_dir");
}

/*
 * task_active_pid_ns(current) == &init_pid_ns without the call, which every
 * hooked call of a host reader makes: the initial namespace is the only one
 * at level 0.
 */
static bool in_host_pid_ns(void)
{
	struct pid *pid = task_pid(current);

	return pid && pid->level == 0;
}

/* The root cgroup is the host's own: nothing of a container to show. */
static bool in_root_cgroup(void)
{
	struct cgroup *cgrp;

	if (cgroup_subsys_on_dfl(cpu_cgrp_subsys))
		cgrp = task_dfl_cgroup(current);
	else
		cgrp = task_css(current, cpu_cgrp_id)->cgroup;
	return !cgroup_parent(cgrp);
}

/* The reader's cgroup in @e's hierarchy is @e's or below it. */
static bool exempts_reader(const struct exemption *e)
{
	struct cgroup *cgrp;

	if (e->ssid < 0)
		cgrp = task_dfl_cgroup(current);
	else
		cgrp = task_css(current, e->ssid)->cgroup;
	return cgroup_is_descendant(cgrp, e->cgrp);
}

static bool exempted(enum driso_view view)
{
	struct exemption *e;

	list_for_each_entry_rcu(e, &exemptions, node)
		if ((e->views & BIT(view)) &&
		    (READ_ONCE(e->cgrp->self.flags) & CSS_ONLINE) &&
		    exempts_reader(e))
			return true;
	return false;
}

/*
 * Whether @cpus, the reader's visible CPUs, are fewer than the host's; if
 * DRISO_CPUS_UNKNOWN, whether they may be (the replacement counts).
 */
static bool cpus_fewer(unsigned int cpus)
{
	if (cpus == DRISO_CPUS_UNKNOWN)
		return driso_cpuview_maybe_fewer();
	return cpus < num_online_cpus();
}

/* A task of the host's (scope=cgroup) needs a limit; a container not. */
static bool container_rule(unsigned int cpus, bool host)
{
	if (host)
		return driso_memory_limited() || cpus_fewer(cpus);
	return !in_root_cgroup();
}

/* @rule for the current task. Under RCU-sched, which task_css() accepts. */
static bool rule_holds(enum scope_rule rule, unsigned int cpus, bool host)
{
	switch (rule) {
	case RULE_MEMORY:
		return driso_memory_limited();
	case RULE_CPUS:
		return cpus_fewer(cpus);
	case RULE_ANY:	/* sysinfo: the container's own, or its memory */
		return container_rule(cpus, host) || driso_memory_limited();
	default:
		return container_rule(cpus, host);
	}
}

static bool in_scope(enum driso_view view, enum scope_rule rule,
		     unsigned int cpus)
{
	bool host, in;

	if (!READ_ONCE(driso_enabled) || !READ_ONCE(driso_view_enabled[view]))
		return false;
	host = in_host_pid_ns();
	if (host && READ_ONCE(driso_scope) == DRISO_SCOPE_CONTAINER)
		return false;
	/*
	 * RCU-sched is a preempt_disable() where PREEMPT_RCU makes
	 * rcu_read_lock() a call, on every hooked call.
	 */
	rcu_read_lock_sched_notrace();
	in = rule_holds(rule, cpus, host);
	if (in && !list_empty(&exemptions))
		in = !exempted(view);
	rcu_read_unlock_sched_notrace();
	return in;
}

/*
 * The ftrace callback's test: atomic, cheap, without references. Where a
 * rule needs the visible CPUs it tells only whether they may be fewer
 * (cpuset's lock is not for a callback): the replacement decides again
 * with driso_view_in_scope().
 */
bool driso_in_scope(enum driso_view view)
{
	return in_scope(view, view_rule[view], DRISO_CPUS_UNKNOWN);
}

/*
 * The exact test, for a replacement: @cpus is the reader's visible CPU
 * count, or DRISO_CPUS_UNKNOWN to have it counted where the rule needs it.
 */
bool driso_view_in_scope(enum driso_view view, unsigned int cpus)
{
	enum scope_rule rule = view_rule[view];

	if (cpus == DRISO_CPUS_UNKNOWN &&
	    (rule == RULE_CPUS || (rule != RULE_MEMORY && in_host_pid_ns())))
		cpus = driso_cpuview_count();
	return in_scope(view, rule, cpus);
}

/*
 * A replacement of a container view, entered because the callback said
 * yes: that was exact but for a task of the initial PID namespace
 * (scope=cgroup), whose CPUs the callback could not count.
 */
bool driso_view_confirmed(enum driso_view view)
{
	return !in_host_pid_ns() ||
	       driso_view_in_scope(view, DRISO_CPUS_UNKNOWN);
}

/*
 * sysinfo(2)'s parts in one pass: its memory fields by the memory rule,
 * its uptime and loads by the container views' rule and their own
 * switches and exemptions. False if none is the container's.
 */
bool driso_sysinfo_in_scope(struct driso_sysinfo_parts *p)
{
	unsigned int cpus = DRISO_CPUS_UNKNOWN;
	bool host, own;

	p->memory = p->uptime = p->load = false;
	if (!READ_ONCE(driso_enabled) ||
	    !READ_ONCE(driso_view_enabled[DRISO_VIEW_SYSINFO]))
		return false;
	host = in_host_pid_ns();
	if (host) {
		if (READ_ONCE(driso_scope) == DRISO_SCOPE_CONTAINER)
			return false;
		cpus = driso_cpuview_count();
	}
	rcu_read_lock_sched_notrace();
	p->memory = driso_memory_limited();
	own = host ? p->memory || cpus < num_online_cpus() : !in_root_cgroup();
	p->uptime = own && READ_ONCE(driso_view_enabled[DRISO_VIEW_UPTIME]);
	p->load = own && READ_ONCE(driso_view_enabled[DRISO_VIEW_LOADAVG]);
	if (!list_empty(&exemptions)) {
		p->memory = p->memory && !exempted(DRISO_VIEW_SYSINFO);
		p->uptime = p->uptime && !exempted(DRISO_VIEW_UPTIME);
		p->load = p->load && !exempted(DRISO_VIEW_LOADAVG);
	}
	rcu_read_unlock_sched_notrace();
	return p->memory || p->uptime || p->load;
}

static bool may_exempt(void)
{
	return current_user_ns() == &init_user_ns &&
	       task_active_pid_ns(current) == &init_pid_ns &&
	       capable(CAP_SYS_ADMIN);
}

static void exemption_free(struct exemption *e)
{
	cgroup_put(e->cgrp);
	kfree(e);
}

static void exemption_free_rcu(struct rcu_head *head)
{
	exemption_free(container_of(head, struct exemption, rcu));
}

/* Drop @e: readers may still look at it until a grace period ends. */
static void exemption_drop(struct exemption *e)
{
	list_del_rcu(&e->node);
	nr_exemptions--;
	call_rcu(&e->rcu, exemption_free_rcu);
}

/* Exemptions of deleted cgroups go, with their references. */
static void prune(void)
{
	struct exemption *e, *tmp;

	lockdep_assert_held(&exemptions_lock);
	list_for_each_entry_safe(e, tmp, &exemptions, node)
		if (!(READ_ONCE(e->cgrp->self.flags) & CSS_ONLINE))
			exemption_drop(e);
	/* rmdir sends no word to a module: look again while any is left */
	if (nr_exemptions)
		mod_delayed_work(system_wq, &prune_work, PRUNE_PERIOD);
}

static void prune_tick(struct work_struct *work)
{
	mutex_lock(&exemptions_lock);
	prune();
	mutex_unlock(&exemptions_lock);
}

/* The cgroup whose directory is @path, referenced; an ERR_PTR if none. */
static struct cgroup *cgroup_at(const char *path)
{
	struct cgroup_subsys_state *css;
	struct path p;
	int err;

	err = kern_path(path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);
	if (err)
		return ERR_PTR(err);
	css = static_call(driso_css_from_dir)(p.dentry, NULL);
	path_put(&p);
	if (IS_ERR(css))
		return ERR_CAST(css);
	return css->cgroup;
}

static struct exemption *find_exemption(struct cgroup *cgrp)
{
	struct exemption *e;

	list_for_each_entry(e, &exemptions, node)
		if (e->cgrp == cgrp)
			return e;
	return NULL;
}

/* A v1 hierarchy's cgroup is told by a controller bound to it. */
static int hierarchy_ssid(struct cgroup *cgrp)
{
	bool dfl;

	rcu_read_lock();
	dfl = cgrp->root == task_dfl_cgroup(current)->root;
	rcu_read_unlock();
	if (dfl)
		return -1;
	if (!cgrp->root->subsys_mask)
		return -EINVAL;
	return __ffs(cgrp->root->subsys_mask);
}

static int parse_views(char *list, unsigned int *views)
{
	char *name;
	int v;

	*views = 0;
	while ((name = strsep(&list, " \t"))) {
		if (!*name)
			continue;
		if (!strcmp(name, "all")) {
			*views |= BIT(DRISO_VIEW_NR) - 1;
			continue;
		}
		v = match_string(driso_view_names, DRISO_VIEW_NR, name);
		if (v < 0) {
			pr_err("driso: exempt: '%s' is not a view\n", name);
			return -EINVAL;
		}
		*views |= BIT(v);
	}
	if (!*views)
		*views = BIT(DRISO_VIEW_NR) - 1;
	return 0;
}

static int add_exemption(const char *path, char *view_list)
{
	struct exemption *e, *old;
	struct cgroup *cgrp;
	unsigned int views;
	int ssid, err;

	err = parse_views(view_list, &views);
	if (err)
		return err;
	cgrp = cgroup_at(path);
	if (IS_ERR(cgrp)) {
		pr_err("driso: exempt: %s is not a cgroup (%ld)\n", path,
		       PTR_ERR(cgrp));
		return PTR_ERR(cgrp) == -EBADF ? -EINVAL : PTR_ERR(cgrp);
	}
	ssid = hierarchy_ssid(cgrp);
	if (ssid == -EINVAL) {
		pr_err("driso: exempt: %s is in a v1 hierarchy without controllers\n",
		       path);
		cgroup_put(cgrp);
		return -EINVAL;
	}
	e = kmalloc(struct_size(e, path, strlen(path) + 1), GFP_KERNEL);
	if (!e) {
		cgroup_put(cgrp);
		return -ENOMEM;
	}
	e->cgrp = cgrp;
	e->ssid = ssid;
	e->views = views;
	strcpy(e->path, path);

	mutex_lock(&exemptions_lock);
	prune();
	old = find_exemption(cgrp);
	if (!old && nr_exemptions >= MAX_EXEMPTIONS) {
		mutex_unlock(&exemptions_lock);
		pr_err("driso: exempt: at most %d exemptions\n", MAX_EXEMPTIONS);
		exemption_free(e);
		return -ENOSPC;
	}
	list_add_tail_rcu(&e->node, &exemptions);
	nr_exemptions++;
	if (old)	/* a new set of views for the same cgroup */
		exemption_drop(old);
	mod_delayed_work(system_wq, &prune_work, PRUNE_PERIOD);
	mutex_unlock(&exemptions_lock);
	return 0;
}

static int clear_exemption(const char *path)
{
	struct exemption *e;
	struct cgroup *cgrp;

	cgrp = cgroup_at(path);
	if (IS_ERR(cgrp))
		return PTR_ERR(cgrp) == -EBADF ? -EINVAL : PTR_ERR(cgrp);
	mutex_lock(&exemptions_lock);
	e = find_exemption(cgrp);
	if (e)
		exemption_drop(e);
	prune();
	mutex_unlock(&exemptions_lock);
	cgroup_put(cgrp);
	return e ? 0 : -ENOENT;
}

/*
 * /sys/kernel/driso/exempt: "PATH [VIEW...]" exempts the cgroup at PATH
 * (a directory of a cgroup file system, as the writer sees it) and its
 * descendants from the views named, or from all; "-PATH" clears it.
 */
static ssize_t exempt_store(struct kobject *kobj, struct kobj_attribute *attr,
			    const char *buf, size_t count)
{
	char *line, *rest, *path;
	int err;

	if (!may_exempt()) {
		pr_warn_ratelimited("driso: exempt: only root of the initial namespaces may change it\n");
		return -EPERM;
	}
	line = kstrndup(buf, count, GFP_KERNEL);
	if (!line)
		return -ENOMEM;
	rest = strim(line);
	path = strsep(&rest, " \t");
	if (!path || !*path || !strcmp(path, "-")) {
		err = -EINVAL;
		pr_err("driso: exempt: write 'PATH [VIEW...]' or '-PATH'\n");
	} else if (*path == '-') {
		err = clear_exemption(path + 1);
	} else {
		err = add_exemption(path, rest);
	}
	kfree(line);
	return err ? err : count;
}

/* One line per exemption: its path, then "all" or the views. */
static int exemption_line(char *buf, size_t size, const struct exemption *e)
{
	const unsigned int all = BIT(DRISO_VIEW_NR) - 1;
	int len, v;

	len = scnprintf(buf, size, "%s", e->path);
	if (e->views == all)
		len += scnprintf(buf + len, size - len, " all");
	for (v = 0; e->views != all && v < DRISO_VIEW_NR; v++)
		if (e->views & BIT(v))
			len += scnprintf(buf + len, size - len, " %s",
					 driso_view_names[v]);
	len += scnprintf(buf + len, size - len, "\n");
	return len;
}

/* As many lines as a page holds, then how many more there are. */
static ssize_t exempt_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	const size_t room = PAGE_SIZE - 32;	/* for the "more" line */
	struct exemption *e;
	unsigned int shown = 0;
	char *line;
	int len = 0, n;

	line = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!line)
		return -ENOMEM;
	mutex_lock(&exemptions_lock);
	prune();
	list_for_each_entry(e, &exemptions, node) {
		n = exemption_line(line, PAGE_SIZE, e);
		if (len + n >= room)
			break;
		memcpy(buf + len, line, n);
		len += n;
		shown++;
	}
	if (shown < nr_exemptions)
		len += scnprintf(buf + len, PAGE_SIZE - len, "(%u more)\n",
				 nr_exemptions - shown);
	mutex_unlock(&exemptions_lock);
	kfree(line);
	return len;
}

struct kobj_attribute driso_exempt_attr = __ATTR_RW(exempt);

/* After the hooks are gone and the status files removed. */
void driso_scope_exit(void)
{
	struct exemption *e, *tmp;

	cancel_delayed_work_sync(&prune_work);
	mutex_lock(&exemptions_lock);
	list_for_each_entry_safe(e, tmp, &exemptions, node)
		exemption_drop(e);
	mutex_unlock(&exemptions_lock);
	/* the RCU callbacks are module text */
	rcu_barrier();
}
