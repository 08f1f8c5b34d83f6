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

/* Each kernel function with its prototype as BTF records it. */
#define HOOK(fn, nr, first, v) { fn, nr, first, .view = DRISO_VIEW_##v }
static struct driso_hook hooks[NR_HOOKS] = {
	[HOOK_MEMINFO] = HOOK("meminfo_proc_show", 2, "seq_file", MEMINFO),
	[HOOK_SYSINFO] = HOOK("__x64_sys_sysinfo", 1, "pt_regs", SYSINFO),
	[HOOK_SYSINFO_IA32] = HOOK("__ia32_compat_sys_sysinfo", 1, "pt_regs",
				   SYSINFO),
	[HOOK_CPUINFO] = HOOK("show_cpuinfo", 2, "seq_file", CPUINFO),
	[HOOK_CPU_ONLINE] = HOOK("show_cpus_attr", 3, "device", CPU_ONLINE),
	[HOOK_CPU_DIR] = HOOK("kernfs_fop_readdir", 2, "file", CPU_ONLINE),
	[HOOK_UPTIME] = HOOK("uptime_proc_show", 2, "seq_file", UPTIME),
	[HOOK_SWAPS] = HOOK("swap_show", 2, "seq_file", SWAPS),
	[HOOK_STAT] = HOOK("show_stat", 2, "seq_file", STAT),
	[HOOK_LOADAVG] = HOOK("loadavg_proc_show", 2, "seq_file", LOADAVG),
};

/*
 * Test-only builds can fail init at any step, so that the unwinding is
 * run for each (tests/vm/scenarios/initfail.sh).
 */
#ifdef DRISO_TEST_HOOKS
static unsigned int test_fail_init_step;
module_param(test_fail_init_step, uint, 0444);
MODULE_PARM_DESC(test_fail_init_step,
		 "test only: fail loading at this step (1 the first, 0 none)");

static int init_step(unsigned int step)
{
	if (step != test_fail_init_step)
		return 0;
	pr_err("driso: test: failing init step %u\n", step);
	return -ENOEXEC;
}
#else
static inline int init_step(unsigned int step)
{
	return 0;
}
#endif

/*
 * Everything init may have done, undone: each part copes with having been
 * set up or not. Hooks that went live may have served reads (tracked
 * containers, queued work, exemptions written to the status files):
 * driso_hooks_remove() waits for every reader to leave first.
 */
static void driso_unwind(void)
{
	driso_hooks_remove(hooks, ARRAY_SIZE(hooks));
	driso_tracker_exit();
	driso_status_exit();
	driso_scope_exit();
	driso_cpuview_exit();
}

static int __init driso_init(void)
{
	unsigned int step = 0;
	int err;

/* the next step, unless a test fails it */
#define STEP(call) (err = init_step(++step) ?: (call))
	if (STEP(driso_symbols_init()) || STEP(driso_layout_init()) ||
	    STEP(driso_scope_init()) ||
	    STEP(driso_memview_init()) || STEP(driso_cpuview_init()) ||
	    STEP(driso_tracker_init()) ||
	    STEP(driso_meminfo_init(&hooks[HOOK_MEMINFO])) ||
	    STEP(driso_sysinfo_init(&hooks[HOOK_SYSINFO],
				    &hooks[HOOK_SYSINFO_IA32])) ||
	    STEP(driso_cpuinfo_init(&hooks[HOOK_CPUINFO])) ||
	    STEP(driso_cpu_online_init(&hooks[HOOK_CPU_ONLINE],
				       &hooks[HOOK_CPU_DIR])) ||
	    STEP(driso_uptime_init(&hooks[HOOK_UPTIME])) ||
	    STEP(driso_swaps_init(&hooks[HOOK_SWAPS])) ||
	    STEP(driso_stat_init(&hooks[HOOK_STAT])) ||
	    STEP(driso_loadavg_init(&hooks[HOOK_LOADAVG])) ||
	    STEP(driso_status_init(hooks, ARRAY_SIZE(hooks))) ||
	    STEP(driso_hooks_install(hooks, ARRAY_SIZE(hooks)))) {
		driso_unwind();
		return err;
	}
#undef STEP
	driso_layout_report();
	driso_cpuview_report();
	pr_info("driso: loaded, statistics mode %s\n", driso_memview_mode());
	return 0;
}

static void __exit driso_exit(void)
{
	u64 start = ktime_get_ns();

	driso_unwind();
	/* mostly the grace periods of driso_hooks_remove() */
	pr_info("driso: unloaded in %llu ms\n",
		div_u64(ktime_get_ns() - start, NSEC_PER_MSEC));
}

module_init(driso_init);
module_exit(driso_exit);
MODULE_LICENSE("GPL");
MODULE_VERSION(DRISO_VERSION);
MODULE_DESCRIPTION("Containers see their own resources in /proc and sysinfo(2)");
