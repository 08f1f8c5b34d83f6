// SPDX-License-Identifier: GPL-2.0
/*
 * Resource information: the reading task's memory cgroup, its effective
 * limits, its usage and its statistics, on cgroup v1 and v2.
 *
 * The statistics readers (memcg_page_state(), mem_cgroup_flush_stats())
 * are neither exported nor, on IBT kernels, safe to call through a
 * pointer. driso calls them through static calls, which are direct jumps.
 * If they cannot be found, it degrades to the page counters alone.
 */
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/static_call.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include "driso.h"

typedef unsigned long (memcg_page_state_t)(struct mem_cgroup *memcg, int idx);
typedef void (flush_stats_t)(DRISO_FLUSH_STATS_ARGS);
DEFINE_STATIC_CALL_NULL(driso_memcg_page_state, memcg_page_state_t);
DEFINE_STATIC_CALL_NULL(driso_flush_stats, flush_stats_t);

static bool have_stats;
static long *host_total_swap_pages;
static int *host_overcommit_ratio;
static unsigned long *host_overcommit_kbytes;

/* Where each statistic comes from, and its unit in the kernel. */
enum stat_unit { UNIT_PAGES = 1, UNIT_BYTES, UNIT_KB };

static const struct {
	int item;
	enum stat_unit unit;	/* 0: not on this kernel */
} stat_source[MS_NR] = {
	[MS_ACTIVE_ANON] = { NR_ACTIVE_ANON, UNIT_PAGES },
	[MS_INACTIVE_ANON] = { NR_INACTIVE_ANON, UNIT_PAGES },
	[MS_ACTIVE_FILE] = { NR_ACTIVE_FILE, UNIT_PAGES },
	[MS_INACTIVE_FILE] = { NR_INACTIVE_FILE, UNIT_PAGES },
	[MS_UNEVICTABLE] = { NR_UNEVICTABLE, UNIT_PAGES },
	[MS_FILE] = { NR_FILE_PAGES, UNIT_PAGES },
	[MS_SHMEM] = { NR_SHMEM, UNIT_PAGES },
	[MS_MAPPED] = { NR_FILE_MAPPED, UNIT_PAGES },
	[MS_DIRTY] = { NR_FILE_DIRTY, UNIT_PAGES },
	[MS_WRITEBACK] = { NR_WRITEBACK, UNIT_PAGES },
	[MS_ANON] = { NR_ANON_MAPPED, UNIT_PAGES },
#ifdef CONFIG_SWAP
	[MS_SWAPCACHED] = { NR_SWAPCACHE, UNIT_PAGES },
#endif
	[MS_SLAB_RECLAIMABLE] = { NR_SLAB_RECLAIMABLE_B, UNIT_BYTES },
	[MS_SLAB_UNRECLAIMABLE] = { NR_SLAB_UNRECLAIMABLE_B, UNIT_BYTES },
	[MS_KERNEL_STACK] = { NR_KERNEL_STACK_KB, UNIT_KB },
	[MS_PAGETABLES] = { NR_PAGETABLE, UNIT_PAGES },
	[MS_SEC_PAGETABLES] = { NR_SECONDARY_PAGETABLE, UNIT_PAGES },
	[MS_PERCPU] = { MEMCG_PERCPU_B, UNIT_BYTES },
	[MS_VMALLOC] = { DRISO_STAT_VMALLOC, UNIT_PAGES },
	[MS_ANON_THP] = { NR_ANON_THPS, UNIT_PAGES },
	[MS_SHMEM_THP] = { NR_SHMEM_THPS, UNIT_PAGES },
	[MS_FILE_THP] = { NR_FILE_THPS, UNIT_PAGES },
	[MS_ZSWAP] = { MEMCG_ZSWAP_B, UNIT_BYTES },
	[MS_ZSWAPPED] = { MEMCG_ZSWAPPED, UNIT_PAGES },
};

int driso_memview_init(void)
{
	unsigned long state, flush;

	host_total_swap_pages = (long *)driso_require("total_swap_pages");
	host_overcommit_ratio = (int *)driso_require("sysctl_overcommit_ratio");
	host_overcommit_kbytes =
		(unsigned long *)driso_require("sysctl_overcommit_kbytes");
	if (!host_total_swap_pages || !host_overcommit_ratio ||
	    !host_overcommit_kbytes)
		return -ENOENT;

	state = driso_lookup("memcg_page_state");
	flush = driso_lookup("mem_cgroup_flush_stats");
	if (!state || !flush) {
		pr_warn("driso: %s not found: memory statistics limited to the page counters\n",
			state ? "mem_cgroup_flush_stats" : "memcg_page_state");
		return 0;
	}
	/*
	 * Another prototype than the headers', or unsafe under IBT: the page
	 * counters still give a correct view.
	 */
	if (driso_layout_func("memcg_page_state", 2, "mem_cgroup") ||
	    driso_layout_func("mem_cgroup_flush_stats",
			      DRISO_FLUSH_STATS_PROTO) ||
	    driso_call_set(driso_memcg_page_state, state, "memcg_page_state") ||
	    driso_call_set(driso_flush_stats, flush, "mem_cgroup_flush_stats")) {
		static_call_update(driso_memcg_page_state, NULL);
		pr_warn("driso: memory statistics limited to the page counters\n");
		return 0;
	}
	have_stats = true;
	return 0;
}

static bool stats_active(void)
{
	return have_stats && !READ_ONCE(driso_force_counters);
}

const char *driso_memview_mode(void)
{
	if (stats_active())
		return "full";
	return have_stats ? "counters (forced)" : "counters";
}

static inline u64 pages_to_kb(unsigned long pages)
{
	return (u64)pages << (PAGE_SHIFT - 10);
}

static u64 stat_to_kb(unsigned long v, enum stat_unit unit)
{
	if (unit == UNIT_BYTES)
		return v >> 10;
	if (unit == UNIT_KB)
		return v;
	return pages_to_kb(v);
}

/* The smallest limit of one page counter over the cgroup and its ancestors. */
static unsigned long effective_max(struct mem_cgroup *memcg, size_t offset)
{
	unsigned long max = PAGE_COUNTER_MAX;

	for (; memcg; memcg = parent_mem_cgroup(memcg)) {
		struct page_counter *pc = (void *)memcg + offset;

		max = min(max, READ_ONCE(pc->max));
	}
	return max;
}

#define EFFECTIVE_MAX(memcg, counter) \
	effective_max(memcg, offsetof(struct mem_cgroup, counter))

/*
 * Whether the current task's memory limit, the smallest up its tree, is
 * below host RAM. Under RCU (RCU-sched too, which task_css() accepts).
 */
bool driso_memory_limited(void)
{
	struct mem_cgroup *memcg;

	if (mem_cgroup_disabled())
		return false;
	memcg = mem_cgroup_from_task(current);
	return memcg && EFFECTIVE_MAX(memcg, memory) < totalram_pages();
}

static void sample_stats(struct mem_cgroup *memcg, struct mc_sample *s,
			 unsigned int wanted)
{
	unsigned long left = wanted & MC_ALL_STATS;

	/* The same flush memory.stat does; it is rate-limited inside. */
	static_call(driso_flush_stats)(driso_flush_stats_args(memcg));
	/* only the wanted ones: sysinfo(2) wants 3 of MS_NR */
	while (left) {
		unsigned int i = __ffs(left);
		unsigned long v;

		left &= left - 1;
		if (!stat_source[i].unit)
			continue;
		v = static_call(driso_memcg_page_state)(memcg,
							stat_source[i].item);
		s->stat[i] = stat_to_kb(v, stat_source[i].unit);
	}
	s->has_stats = 1;
}

/*
 * The current task's numbers, with the statistics in @wanted (a mask of
 * enum mc_stat). May sleep (the stats flush).
 */
int driso_memview_sample(struct mc_sample *s, unsigned int wanted)
{
	struct mem_cgroup *memcg;

	memset(s, 0, sizeof(*s));
	rcu_read_lock();
	memcg = mem_cgroup_from_task(current);
	if (memcg && !css_tryget(&memcg->css))
		memcg = NULL;
	rcu_read_unlock();
	if (!memcg)
		return -ENOENT;

	s->host_total = pages_to_kb(totalram_pages());
	s->host_swap_total = pages_to_kb(max(READ_ONCE(*host_total_swap_pages),
					     0L));
	s->host_swap_free = pages_to_kb(max(get_nr_swap_pages(), 0L));
	s->host_mlocked = pages_to_kb(global_zone_page_state(NR_MLOCK));
	s->overcommit_ratio = max(READ_ONCE(*host_overcommit_ratio), 0);
	s->overcommit_kbytes = READ_ONCE(*host_overcommit_kbytes);

	s->mem_limit = pages_to_kb(EFFECTIVE_MAX(memcg, memory));
	s->mem_usage = pages_to_kb(page_counter_read(&memcg->memory));
	if (cgroup_subsys_on_dfl(memory_cgrp_subsys)) {
		s->swap_limit = pages_to_kb(EFFECTIVE_MAX(memcg, swap));
		s->swap_usage = pages_to_kb(page_counter_read(&memcg->swap));
	} else {
		s->swap_is_memsw = 1;
		s->swap_limit = pages_to_kb(EFFECTIVE_MAX(memcg, memsw));
		s->swap_usage = pages_to_kb(page_counter_read(&memcg->memsw));
	}

	if (stats_active())
		sample_stats(memcg, s, wanted);
	css_put(&memcg->css);
	return 0;
}
