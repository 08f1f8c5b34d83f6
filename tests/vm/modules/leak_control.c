// SPDX-License-Identifier: GPL-2.0
/*
 * leak_control: a test module that leaks one allocation on purpose, the
 * positive control of the debug kernels' kmemleak check (tests/vm/init):
 * a scan that does not report this leak cannot be trusted to report one
 * of driso's either (kmemleak may have disabled itself).
 */
#include <linux/module.h>
#include <linux/slab.h>

/* Not in .init.text: the report's backtrace names this frame. */
static noinline void leak_control_leak(void)
{
	/* the only pointer, dropped: unreferenced from here on */
	if (kmalloc(64, GFP_KERNEL))
		pr_info("leak_control: 64 bytes leaked\n");
}

static int __init leak_control_init(void)
{
	leak_control_leak();
	return 0;
}

static void __exit leak_control_exit(void)
{
}

module_init(leak_control_init);
module_exit(leak_control_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("driso tests: one allocation leaked, for kmemleak to find");
