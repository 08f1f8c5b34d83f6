// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cpuinfo: only the container's CPUs, renumbered from 0 as one
 * package with one thread per core, so that processor, siblings, cpu cores
 * and the APIC ids agree with each other and with cpu/online.
 */
#include <linux/cpumask.h>
#include <linux/seq_file.h>
#include <linux/static_call.h>
#include <asm/processor.h>
#include "cpucalc.h"
#include "driso.h"

DEFINE_STATIC_CALL_NULL(driso_cpuinfo_orig, proc_show_t);

static int driso_show_cpuinfo(struct seq_file *m, void *v)
{
	unsigned int cpu = ((struct cpuinfo_x86 *)v)->cpu_index;
	unsigned int count, index = 0, c;
	const struct cpumask *visible;
	size_t start, len;
	bool shown;
	int idx;

	idx = driso_hook_enter();
	visible = driso_cpuview_get(&count);
	shown = cpumask_test_cpu(cpu, visible);
	for_each_cpu(c, visible)
		if (c < cpu)
			index++;
	driso_cpuview_put();
	if (!shown)
		goto out;
	if (index == 0)
		driso_count(DRISO_VIEW_CPUINFO, DRISO_READS_VIRTUAL);

	start = m->count;
	static_call(driso_cpuinfo_orig)(m, v);
	if (seq_has_overflowed(m))
		goto out;
	len = cc_cpuinfo_rewrite(m->buf + start, m->count - start,
				 m->size - start, index, count);
	/* too long: seq_read_iter() retries with a bigger buffer */
	m->count = len <= m->size - start ? start + len : m->size;
out:
	driso_hook_leave(idx);
	return 0;
}

int driso_cpuinfo_init(struct driso_hook *hook)
{
	return driso_hook_setup(hook, driso_cpuinfo_orig, driso_show_cpuinfo);
}
