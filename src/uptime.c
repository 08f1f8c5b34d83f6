// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/uptime: the time since the container's init (the reaper of its PID
 * namespace) started, and the idle time that /proc/stat shows for its
 * visible CPUs.
 */
#include <linux/seq_file.h>
#include <linux/static_call.h>
#include "driso.h"

DEFINE_STATIC_CALL_NULL(driso_uptime_orig, proc_show_t);

static int driso_uptime_show(struct seq_file *m, void *v)
{
	struct driso_cpu_times ct __uninitialized;	/* zeroed by its get */
	struct timespec64 up, idle;
	u32 idle_us;
	int idx;

	idx = driso_hook_enter();
	if (!driso_view_confirmed(DRISO_VIEW_UPTIME)) {
		driso_count(DRISO_VIEW_UPTIME, DRISO_READS_PASSTHROUGH);
		static_call(driso_uptime_orig)(m, v);
		goto out;
	}
	if (driso_cpu_times_get(&ct, 0)) {
		driso_count(DRISO_VIEW_UPTIME, DRISO_READS_FALLBACK);
		static_call(driso_uptime_orig)(m, v);
		goto out;
	}
	up = ns_to_timespec64(ct.uptime_ns);
	/* us: CPUs x elapsed may pass what ns in 64 bits hold */
	idle.tv_sec = div_u64_rem(ct.total.t[CS_IDLE], USEC_PER_SEC, &idle_us);
	idle.tv_nsec = idle_us * NSEC_PER_USEC;
	driso_cpu_times_put(&ct);
	driso_count(DRISO_VIEW_UPTIME, DRISO_READS_VIRTUAL);
	/* the kernel's format */
	seq_printf(m, "%lu.%02lu %lu.%02lu\n", (unsigned long)up.tv_sec,
		   up.tv_nsec / (NSEC_PER_SEC / 100),
		   (unsigned long)idle.tv_sec,
		   idle.tv_nsec / (NSEC_PER_SEC / 100));
out:
	driso_hook_leave(idx);
	return 0;
}

int driso_uptime_init(struct driso_hook *hook)
{
	return driso_hook_setup(hook, driso_uptime_orig, driso_uptime_show);
}
