// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only status under /sys/kernel/driso/: the hooks installed, the
 * statistics mode, and per view the reads served virtual, passed through,
 * or fallen back to the kernel's own.
 */
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include "driso.h"
#include "version.h"

DEFINE_PER_CPU(struct driso_counters, driso_counters);

static const struct driso_hook *status_hooks;
static unsigned int status_nr_hooks;
static struct kobject *status_kobj;
static struct kobject *view_kobj[DRISO_VIEW_NR];

const char * const driso_view_names[DRISO_VIEW_NR] = {
	[DRISO_VIEW_MEMINFO] = "meminfo",
	[DRISO_VIEW_SYSINFO] = "sysinfo",
	[DRISO_VIEW_CPUINFO] = "cpuinfo",
	[DRISO_VIEW_CPU_ONLINE] = "cpu_online",
	[DRISO_VIEW_UPTIME] = "uptime",
	[DRISO_VIEW_SWAPS] = "swaps",
	[DRISO_VIEW_STAT] = "stat",
	[DRISO_VIEW_LOADAVG] = "loadavg",
};

static ssize_t hooks_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	unsigned int i;
	int len = 0;

	for (i = 0; i < status_nr_hooks; i++)
		if (status_hooks[i].installed)
			len += sysfs_emit_at(buf, len, "%s\n",
					     status_hooks[i].name);
	return len;
}

static ssize_t stats_mode_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", driso_memview_mode());
}

static ssize_t tracked_containers_show(struct kobject *kobj,
				       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", driso_tracked_containers());
}

static ssize_t tracker_worker_ns_show(struct kobject *kobj,
				      struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n", driso_tracker_worker_ns());
}

/* Task-by-task counts of cgroups that have no PSI or pids counter. */
static ssize_t tracker_task_walks_show(struct kobject *kobj,
				       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", driso_tracker_task_walks());
}

/* Reads that fell back because max_containers were tracked. */
static ssize_t untracked_reads_show(struct kobject *kobj,
				    struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", driso_untracked_reads());
}

static ssize_t version_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", DRISO_VERSION);
}

static struct kobj_attribute hooks_attr = __ATTR_RO(hooks);
static struct kobj_attribute version_attr = __ATTR_RO(version);
static struct kobj_attribute tracked_attr = __ATTR_RO(tracked_containers);
static struct kobj_attribute worker_ns_attr = __ATTR_RO(tracker_worker_ns);
static struct kobj_attribute task_walks_attr = __ATTR_RO(tracker_task_walks);
static struct kobj_attribute stats_mode_attr = __ATTR_RO(stats_mode);
static struct kobj_attribute untracked_attr = __ATTR_RO(untracked_reads);

static struct attribute *status_attrs[] = {
	&hooks_attr.attr,
	&stats_mode_attr.attr,
	&tracked_attr.attr,
	&worker_ns_attr.attr,
	&task_walks_attr.attr,
	&untracked_attr.attr,
	&version_attr.attr,
	&driso_exempt_attr.attr,
	NULL
};

static const struct attribute_group status_group = {
	.attrs = status_attrs,
};

static unsigned long counter_sum(enum driso_view v, enum driso_counter c)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu_ptr(&driso_counters, cpu)->n[v][c];
	return sum;
}

static enum driso_view view_of(struct kobject *kobj)
{
	enum driso_view v;

	for (v = 0; v < DRISO_VIEW_NR - 1; v++)
		if (view_kobj[v] == kobj)
			break;
	return v;
}

#define COUNTER_ATTR(_name, _counter)					\
static ssize_t _name##_show(struct kobject *kobj,			\
			    struct kobj_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, "%lu\n",					\
			  counter_sum(view_of(kobj), _counter));	\
}									\
static struct kobj_attribute _name##_attr = __ATTR_RO(_name)

COUNTER_ATTR(virtualized, DRISO_READS_VIRTUAL);
COUNTER_ATTR(passthrough, DRISO_READS_PASSTHROUGH);
COUNTER_ATTR(fallbacks, DRISO_READS_FALLBACK);

static struct attribute *view_attrs[] = {
	&virtualized_attr.attr,
	&passthrough_attr.attr,
	&fallbacks_attr.attr,
	NULL
};

static const struct attribute_group view_group = {
	.attrs = view_attrs,
};

void driso_status_exit(void)
{
	enum driso_view v;

	for (v = 0; v < DRISO_VIEW_NR; v++) {
		if (view_kobj[v])
			kobject_put(view_kobj[v]);
		view_kobj[v] = NULL;
	}
	if (status_kobj)
		kobject_put(status_kobj);
	status_kobj = NULL;
}

int driso_status_init(const struct driso_hook *hooks, unsigned int nr)
{
	enum driso_view v;

	status_hooks = hooks;
	status_nr_hooks = nr;
	status_kobj = kobject_create_and_add("driso", kernel_kobj);
	if (!status_kobj)
		return -ENOMEM;
	if (sysfs_create_group(status_kobj, &status_group))
		goto fail;
	for (v = 0; v < DRISO_VIEW_NR; v++) {
		view_kobj[v] = kobject_create_and_add(driso_view_names[v],
						      status_kobj);
		if (!view_kobj[v] || sysfs_create_group(view_kobj[v],
							&view_group))
			goto fail;
	}
	return 0;
fail:
	driso_status_exit();
	return -ENOMEM;
}
