// SPDX-License-Identifier: GPL-2.0
/*
 * leak_control: a test module that leaks eight allocations on purpose, the
 * positive control of the debug kernels' kmemleak check (tests/vm/init):
 * a scan that does not report this leak cannot be trusted to report one
 * of driso's either (kmemleak may have disabled itself).
 */
#include <linux/module.h>
#include <linux/slab.h>

/*
 * Not in .init.text: the report's backtrace names this frame. Eight, as a
 * stale copy of the last pointer (a register saved on a stack that is
 * later scanned) can hide one from a conservative scan: seen on 7.2.
 */
static noinline void leak_control_leak(void)
{
	int i, n = 0;

	/* each the only pointer, dropped: unreferenced from here on */
	for (i = 0; i < 8; i++)
		n += kmalloc(64, GFP_KERNEL) != NULL;
	pr_info("leak_control: %d times 64 bytes leaked\n", n);
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
MODULE_DESCRIPTION("driso tests: allocations leaked, for kmemleak to find");
