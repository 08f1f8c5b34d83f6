// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cpuinfo: only the container's CPUs, renumbered from 0 as one
 * package with one thread per core, so that processor, siblings, cpu cores
 * and the APIC ids agree with each other and with cpu/online.
 *
 * The kernel shows one processor per call. One read must be all view or
 * all the kernel's, even if a switch flips between two calls: the first
 * processor's call decides, renders every processor the reader sees at
 * once, and marks the seq_file (its private field, which /proc/cpuinfo
 * leaves unused) so that the calls that follow add nothing, or add the
 * kernel's own. The marks are constants, so a reload mid-read keeps them.
 */
#include <linux/cpumask.h>
#include <linux/seq_file.h>
#include <linux/static_call.h>
#include <asm/processor.h>
#include "cpucalc.h"
#include "driso.h"

#define READ_IS_VIEW	((void *)1UL)
#define READ_IS_KERNELS	((void *)2UL)

DEFINE_STATIC_CALL_NULL(driso_cpuinfo_orig, proc_show_t);

/* The @index-th CPU the reader sees, and how many it sees. */
static unsigned int visible_cpu(unsigned int index, unsigned int *count)
{
	const struct cpumask *visible = driso_cpuview_get(count);
	unsigned int cpu, i = 0;

	for_each_cpu(cpu, visible)
		if (i++ == index)
			break;
	driso_cpuview_put();
	return cpu;
}

/* Every processor the reader sees; false if the buffer is too small. */
static bool show_view(struct seq_file *m)
{
	unsigned int index, count = 1, cpu;
	size_t start, len;

	for (index = 0; index < count; index++) {
		cpu = visible_cpu(index, &count);
		if (cpu >= nr_cpu_ids || index >= count)
			break;
		start = m->count;
		/* the kernel's show for that CPU may sleep: no mask is held */
		static_call(driso_cpuinfo_orig)(m, &cpu_data(cpu));
		if (seq_has_overflowed(m))
			return false;
		len = cc_cpuinfo_rewrite(m->buf + start, m->count - start,
					 m->size - start, index, count);
		if (len > m->size - start) {
			m->count = m->size;
			return false;
		}
		m->count = start + len;
	}
	return true;
}

static int driso_show_cpuinfo(struct seq_file *m, void *v)
{
	unsigned int cpu = ((struct cpuinfo_x86 *)v)->cpu_index;
	int idx;

	idx = driso_hook_enter();
	if (cpu == cpumask_first(cpu_online_mask)) {
		if (driso_in_scope(DRISO_VIEW_CPUINFO)) {
			/* too long: seq_read_iter() retries with a bigger buffer */
			if (show_view(m)) {
				m->private = READ_IS_VIEW;
				driso_count(DRISO_VIEW_CPUINFO, DRISO_READS_VIRTUAL);
			}
			goto out;
		}
		m->private = READ_IS_KERNELS;
		driso_count(DRISO_VIEW_CPUINFO, DRISO_READS_PASSTHROUGH);
	}
	if (m->private != READ_IS_VIEW)
		static_call(driso_cpuinfo_orig)(m, v);
out:
	driso_hook_leave(idx);
	return 0;
}

int driso_cpuinfo_init(struct driso_hook *hook)
{
	hook->decides_scope = true;
	return driso_hook_setup(hook, driso_cpuinfo_orig, driso_show_cpuinfo);
}
