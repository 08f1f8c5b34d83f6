// SPDX-License-Identifier: GPL-2.0
/*
 * driso: each container sees its own resources in /proc and sysinfo(2).
 * Loading installs every hook or none; unloading waits until no task is
 * left in driso's code.
 */
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/timekeeping.h>
#include "driso.h"
#include "version.h"

enum {
	HOOK_MEMINFO,
	HOOK_SYSINFO,
	HOOK_SYSINFO_IA32,
	HOOK_CPUINFO,
	HOOK_CPU_ONLINE,
	HOOK_CPU_DIR,
	HOOK_UPTIME,
	HOOK_SWAPS,
	HOOK_STAT,
	HOOK_LOADAVG,
	NR_HOOKS
};

static struct driso_hook hooks[NR_HOOKS] = {
	[HOOK_MEMINFO] = { "meminfo_proc_show", .view = DRISO_VIEW_MEMINFO },
	[HOOK_SYSINFO] = { "__x64_sys_sysinfo", .view = DRISO_VIEW_SYSINFO },
	[HOOK_SYSINFO_IA32] = { "__ia32_compat_sys_sysinfo",
				.view = DRISO_VIEW_SYSINFO },
	[HOOK_CPUINFO] = { "show_cpuinfo", .view = DRISO_VIEW_CPUINFO },
	[HOOK_CPU_ONLINE] = { "show_cpus_attr", .view = DRISO_VIEW_CPU_ONLINE },
	[HOOK_CPU_DIR] = { "kernfs_fop_readdir", .view = DRISO_VIEW_CPU_ONLINE },
	[HOOK_UPTIME] = { "uptime_proc_show", .view = DRISO_VIEW_UPTIME },
	[HOOK_SWAPS] = { "swap_show", .view = DRISO_VIEW_SWAPS },
	[HOOK_STAT] = { "show_stat", .view = DRISO_VIEW_STAT },
	[HOOK_LOADAVG] = { "loadavg_proc_show", .view = DRISO_VIEW_LOADAVG },
};

static int __init driso_init(void)
{
	int err;

	err = driso_symbols_init();
	if (!err)
		err = driso_scope_init();
	if (!err)
		err = driso_memview_init();
	if (err)
		return err;
	err = driso_cpuview_init();
	if (!err)
		err = driso_tracker_init();
	if (!err)
		err = driso_meminfo_init(&hooks[HOOK_MEMINFO]);
	if (!err)
		err = driso_sysinfo_init(&hooks[HOOK_SYSINFO],
					 &hooks[HOOK_SYSINFO_IA32]);
	if (!err)
		err = driso_cpuinfo_init(&hooks[HOOK_CPUINFO]);
	if (!err)
		err = driso_cpu_online_init(&hooks[HOOK_CPU_ONLINE],
					    &hooks[HOOK_CPU_DIR]);
	if (!err)
		err = driso_uptime_init(&hooks[HOOK_UPTIME]);
	if (!err)
		err = driso_swaps_init(&hooks[HOOK_SWAPS]);
	if (!err)
		err = driso_stat_init(&hooks[HOOK_STAT]);
	if (!err)
		err = driso_loadavg_init(&hooks[HOOK_LOADAVG]);
	if (!err)
		err = driso_status_init(hooks, ARRAY_SIZE(hooks));
	if (err)
		goto out_cpuview;
	err = driso_hooks_install(hooks, ARRAY_SIZE(hooks));
	if (err)
		goto out_status;
	pr_info("driso: loaded, statistics mode %s\n", driso_memview_mode());
	return 0;

out_status:
	driso_status_exit();
out_cpuview:
	driso_cpuview_exit();
	driso_scope_exit();
	return err;
}

static void __exit driso_exit(void)
{
	u64 start = ktime_get_ns();

	driso_hooks_remove(hooks, ARRAY_SIZE(hooks));
	driso_tracker_exit();
	driso_status_exit();
	driso_scope_exit();
	driso_cpuview_exit();
	/* mostly the grace periods of driso_hooks_remove() */
	pr_info("driso: unloaded in %llu ms\n",
		div_u64(ktime_get_ns() - start, NSEC_PER_MSEC));
}

module_init(driso_init);
module_exit(driso_exit);
MODULE_LICENSE("GPL");
MODULE_VERSION(DRISO_VERSION);
MODULE_DESCRIPTION("Containers see their own resources in /proc and sysinfo(2)");
