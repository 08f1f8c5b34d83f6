// SPDX-License-Identifier: GPL-2.0
/*
 * driso: each container sees its own resources in /proc/meminfo and
 * sysinfo(2). Loading installs every hook or none; unloading waits until no
 * task is left in driso's code.
 */
#include <linux/module.h>
#include "driso.h"

static struct driso_hook hooks[] = {
	{ .name = "meminfo_proc_show", .view = DRISO_VIEW_MEMINFO },
	{ .name = "__x64_sys_sysinfo", .view = DRISO_VIEW_SYSINFO },
	{ .name = "__ia32_compat_sys_sysinfo", .view = DRISO_VIEW_SYSINFO },
};

static int __init driso_init(void)
{
	int err;

	err = driso_symbols_init();
	if (!err)
		err = driso_memview_init();
	if (!err)
		err = driso_meminfo_init(&hooks[0]);
	if (!err)
		err = driso_sysinfo_init(&hooks[1], &hooks[2]);
	if (err)
		return err;

	err = driso_status_init(hooks, ARRAY_SIZE(hooks));
	if (err)
		return err;
	err = driso_hooks_install(hooks, ARRAY_SIZE(hooks));
	if (err) {
		driso_status_exit();
		return err;
	}
	pr_info("driso: loaded, statistics mode %s\n", driso_memview_mode());
	return 0;
}

static void __exit driso_exit(void)
{
	driso_hooks_remove(hooks, ARRAY_SIZE(hooks));
	driso_status_exit();
	pr_info("driso: unloaded\n");
}

module_init(driso_init);
module_exit(driso_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Containers see their own resources in /proc and sysinfo(2)");
