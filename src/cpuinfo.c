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

/*
 * Every processor the reader sees; false if the buffer is too small. The
 * CPUs are taken once per read, so one read shows one set of CPUs.
 */
static bool show_view(struct seq_file *m, const struct cpumask *cpus,
		      unsigned int count)
{
	unsigned int index = 0, cpu;
	size_t start, len;

	for_each_cpu(cpu, cpus) {
		start = m->count;
		/* the kernel's show for that CPU may sleep: @cpus is a copy */
		static_call(driso_cpuinfo_orig)(m, &cpu_data(cpu));
		if (seq_has_overflowed(m))
			return false;
		len = cc_cpuinfo_rewrite(m->buf + start, m->count - start,
					 m->size - start, index++, count);
		if (len > m->size - start) {
			m->count = m->size;
			return false;
		}
		m->count = start + len;
	}
	return true;
}

/*
 * The first processor's call decides: the view (true, also when the buffer
 * was too small) or the kernel's text for the whole read (false).
 */
static bool show_first(struct seq_file *m)
{
	const struct cpumask *visible;
	unsigned int count;
	cpumask_var_t cpus;

	if (!driso_in_scope(DRISO_VIEW_CPUINFO)) {
		driso_count(DRISO_VIEW_CPUINFO, DRISO_READS_PASSTHROUGH);
		return false;
	}
	/* nr_cpu_ids bits, where driso_cpuview_get()'s mask may not sleep */
	if (!alloc_cpumask_var(&cpus, GFP_KERNEL)) {
		driso_count(DRISO_VIEW_CPUINFO, DRISO_READS_FALLBACK);
		return false;
	}
	visible = driso_cpuview_get(&count);
	if (!visible) {
		driso_count(DRISO_VIEW_CPUINFO, DRISO_READS_FALLBACK);
		free_cpumask_var(cpus);
		return false;
	}
	cpumask_copy(cpus, visible);
	driso_cpuview_put();
	if (!driso_view_in_scope(DRISO_VIEW_CPUINFO, count)) {
		driso_count(DRISO_VIEW_CPUINFO, DRISO_READS_PASSTHROUGH);
		free_cpumask_var(cpus);
		return false;
	}
	/* too long: seq_read_iter() retries with a bigger buffer */
	if (show_view(m, cpus, count)) {
		m->private = READ_IS_VIEW;
		driso_count(DRISO_VIEW_CPUINFO, DRISO_READS_VIRTUAL);
	}
	free_cpumask_var(cpus);
	return true;
}

static int driso_show_cpuinfo(struct seq_file *m, void *v)
{
	unsigned int cpu = ((struct cpuinfo_x86 *)v)->cpu_index;
	int idx;

	idx = driso_hook_enter();
	if (cpu == cpumask_first(cpu_online_mask)) {
		if (show_first(m))
			goto out;
		m->private = READ_IS_KERNELS;
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
