// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/loadavg: the container's own 1, 5 and 15 minute load (its
 * runnable and uninterruptible tasks, the kernel's EWMA every 5 s), its
 * running and total threads, and the last PID of its namespace.
 */
#include <linux/sched/loadavg.h>
#include <linux/seq_file.h>
#include <linux/static_call.h>
#include "driso.h"

DEFINE_STATIC_CALL_NULL(driso_loadavg_orig, proc_show_t);

static int driso_loadavg_show(struct seq_file *m, void *v)
{
	struct driso_load load;
	unsigned long a[3];
	int idx, i;

	idx = driso_hook_enter();
	if (!driso_view_confirmed(DRISO_VIEW_LOADAVG)) {
		driso_count(DRISO_VIEW_LOADAVG, DRISO_READS_PASSTHROUGH);
		static_call(driso_loadavg_orig)(m, v);
		goto out;
	}
	if (driso_container_load(&load)) {
		driso_count(DRISO_VIEW_LOADAVG, DRISO_READS_FALLBACK);
		static_call(driso_loadavg_orig)(m, v);
		goto out;
	}
	driso_count(DRISO_VIEW_LOADAVG, DRISO_READS_VIRTUAL);
	/* rounded as get_avenrun(avnrun, FIXED_1/200, 0) does */
	for (i = 0; i < 3; i++)
		a[i] = load.avenrun[i] + FIXED_1 / 200;
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%u %d\n",
		   LOAD_INT(a[0]), LOAD_FRAC(a[0]), LOAD_INT(a[1]),
		   LOAD_FRAC(a[1]), LOAD_INT(a[2]), LOAD_FRAC(a[2]),
		   load.tasks.running, load.tasks.threads, driso_last_pid());
out:
	driso_hook_leave(idx);
	return 0;
}

int driso_loadavg_init(struct driso_hook *hook)
{
	return driso_hook_setup(hook, driso_loadavg_orig, driso_loadavg_show);
}
