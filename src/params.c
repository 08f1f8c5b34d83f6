// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters, writable at runtime under /sys/module/driso/parameters
 * by root of the initial namespaces only: root inside a container must not
 * switch its own view off.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/moduleparam.h>
#include <linux/pid_namespace.h>
#include <linux/string.h>
#include <linux/user_namespace.h>
#include "driso.h"

bool driso_enabled = true;
bool driso_view_enabled[DRISO_VIEW_NR] = {
	[0 ... DRISO_VIEW_NR - 1] = true
};
int driso_scope = DRISO_SCOPE_CONTAINER;
bool driso_force_counters;
/* Each entry is about 2 * nr_cpu_ids * 64 bytes, charged to its reader. */
unsigned int driso_max_containers = 4096;
#define MAX_CONTAINERS_CEILING (1U << 20)

static const char * const scope_names[] = {
	[DRISO_SCOPE_CONTAINER] = "container",
	[DRISO_SCOPE_CGROUP] = "cgroup",
};

static int may_configure(const struct kernel_param *kp)
{
	if (current_user_ns() == &init_user_ns &&
	    task_active_pid_ns(current) == &init_pid_ns &&
	    capable(CAP_SYS_ADMIN))
		return 0;
	pr_warn_ratelimited("driso: %s: only root of the initial namespaces may change it\n",
			    kp->name);
	return -EPERM;
}

/* A value as written, without the newline echo(1) adds. */
static int value_len(const char *val)
{
	return strcspn(val, "\n");
}

static int set_flag(const char *val, const struct kernel_param *kp)
{
	bool on;
	int err = may_configure(kp);

	if (err)
		return err;
	if (kstrtobool(val, &on)) {
		pr_err("driso: %s: '%.*s' is not a boolean (use 1 or 0)\n",
		       kp->name, value_len(val), val);
		return -EINVAL;
	}
	WRITE_ONCE(*(bool *)kp->arg, on);
	return 0;
}

static const struct kernel_param_ops flag_ops = {
	.set = set_flag,
	.get = param_get_bool,
};

static int set_scope(const char *val, const struct kernel_param *kp)
{
	int err = may_configure(kp);
	int i;

	if (err)
		return err;
	i = sysfs_match_string(scope_names, val);
	if (i < 0) {
		pr_err("driso: scope: '%.*s' is not one of: container cgroup\n",
		       value_len(val), val);
		return -EINVAL;
	}
	WRITE_ONCE(driso_scope, i);
	return 0;
}

static int get_scope(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", scope_names[READ_ONCE(driso_scope)]);
}

static const struct kernel_param_ops scope_ops = {
	.set = set_scope,
	.get = get_scope,
};

static int set_max_containers(const char *val, const struct kernel_param *kp)
{
	unsigned int n;
	int err = may_configure(kp);

	if (err)
		return err;
	if (kstrtouint(val, 0, &n) || !n || n > MAX_CONTAINERS_CEILING) {
		pr_err("driso: max_containers: '%.*s' is not a number from 1 to %u\n",
		       value_len(val), val, MAX_CONTAINERS_CEILING);
		return -EINVAL;
	}
	WRITE_ONCE(driso_max_containers, n);
	return 0;
}

static const struct kernel_param_ops max_containers_ops = {
	.set = set_max_containers,
	.get = param_get_uint,
};

module_param_cb(enabled, &flag_ops, &driso_enabled, 0644);
MODULE_PARM_DESC(enabled, "Serve virtual views (1) or the kernel's own (0)");
module_param_cb(scope, &scope_ops, NULL, 0644);
MODULE_PARM_DESC(scope,
		 "Who sees the view: 'container' (tasks outside the initial PID namespace whose memory limit is below host RAM) or 'cgroup' (any task in such a cgroup)");
module_param_cb(max_containers, &max_containers_ops, &driso_max_containers,
		0644);
MODULE_PARM_DESC(max_containers,
		 "Containers whose load and CPU time are kept (beyond: the kernel's own /proc/loadavg, /proc/stat and /proc/uptime)");
module_param_cb(counters_only, &flag_ops, &driso_force_counters, 0644);
MODULE_PARM_DESC(counters_only,
		 "Use only the page counters, not the detailed memory statistics");

/* One switch per view, named as the view. */
#define VIEW_PARAM(name, view, what)					\
	module_param_cb(name, &flag_ops, &driso_view_enabled[view], 0644); \
	MODULE_PARM_DESC(name, "Virtualize " what " (1) or not (0)")

VIEW_PARAM(meminfo, DRISO_VIEW_MEMINFO, "/proc/meminfo");
VIEW_PARAM(sysinfo, DRISO_VIEW_SYSINFO, "sysinfo(2)");
VIEW_PARAM(cpuinfo, DRISO_VIEW_CPUINFO, "/proc/cpuinfo");
VIEW_PARAM(cpu_online, DRISO_VIEW_CPU_ONLINE,
	   "/sys/devices/system/cpu/online");
VIEW_PARAM(uptime, DRISO_VIEW_UPTIME, "/proc/uptime and sysinfo uptime");
VIEW_PARAM(swaps, DRISO_VIEW_SWAPS, "/proc/swaps");
VIEW_PARAM(stat, DRISO_VIEW_STAT, "/proc/stat");
VIEW_PARAM(loadavg, DRISO_VIEW_LOADAVG, "/proc/loadavg and sysinfo loads");
