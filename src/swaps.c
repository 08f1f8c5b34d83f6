// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/swaps: what the container's meminfo says about swap. No device
 * lines when it has no swap; otherwise the first device, carrying the
 * container's SwapTotal and swap in use.
 */
#include <linux/seq_file.h>
#include <linux/static_call.h>
#include "driso.h"

DEFINE_STATIC_CALL_NULL(driso_swaps_orig, proc_show_t);

static int driso_swap_show(struct seq_file *m, void *v)
{
	unsigned long long swap_total, swap_free;
	struct mc_sample s __uninitialized;	/* filled whole below */
	unsigned long len;
	size_t start;
	int idx;

	if (v == SEQ_START_TOKEN) {	/* the header: once per read */
		driso_count(DRISO_VIEW_SWAPS, DRISO_READS_VIRTUAL);
		return static_call(driso_swaps_orig)(m, v);
	}

	idx = driso_hook_enter();
	if (driso_memview_sample(&s, 0)) {
		driso_count(DRISO_VIEW_SWAPS, DRISO_READS_FALLBACK);
		static_call(driso_swaps_orig)(m, v);
		goto out;
	}
	mc_swap(&s, &swap_total, &swap_free);
	/* m->index counts the header as 0: the first device is 1 */
	if (!swap_total || m->index != 1)
		goto out;
	start = m->count;
	static_call(driso_swaps_orig)(m, v);
	if (seq_has_overflowed(m))
		goto out;
	len = mc_swap_line(m->buf + start, m->count - start, m->size - start,
			   swap_total, swap_total - swap_free);
	if (!len)	/* not understood: no line rather than the host's */
		m->count = start;
	else
		m->count = len <= m->size - start ? start + len : m->size;
out:
	driso_hook_leave(idx);
	return 0;
}

int driso_swaps_init(struct driso_hook *hook)
{
	return driso_hook_setup(hook, driso_swaps_orig, driso_swap_show);
}
