/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arithmetic that turns memory-cgroup numbers into a /proc/meminfo and a
 * sysinfo(2) view. Plain C with no headers at all: the same file is built
 * into the module and into the userspace unit tests.
 *
 * All amounts are in kB unless a name says otherwise.
 */
#ifndef DRISO_MEMCALC_H
#define DRISO_MEMCALC_H


#define MC_UNLIMITED (~0ULL)

/* Every /proc/meminfo line driso knows, in the kernel's order. */
enum mc_field {
	MI_MEMTOTAL,
	MI_MEMFREE,
	MI_MEMAVAILABLE,
	MI_BUFFERS,
	MI_CACHED,
	MI_SWAPCACHED,
	MI_ACTIVE,
	MI_INACTIVE,
	MI_ACTIVE_ANON,
	MI_INACTIVE_ANON,
	MI_ACTIVE_FILE,
	MI_INACTIVE_FILE,
	MI_UNEVICTABLE,
	MI_MLOCKED,
	MI_HIGHTOTAL,
	MI_HIGHFREE,
	MI_LOWTOTAL,
	MI_LOWFREE,
	MI_MMAPCOPY,
	MI_SWAPTOTAL,
	MI_SWAPFREE,
	MI_ZSWAP,
	MI_ZSWAPPED,
	MI_DIRTY,
	MI_WRITEBACK,
	MI_ANONPAGES,
	MI_MAPPED,
	MI_SHMEM,
	MI_KRECLAIMABLE,
	MI_SLAB,
	MI_SRECLAIMABLE,
	MI_SUNRECLAIM,
	MI_KERNELSTACK,
	MI_SHADOWCALLSTACK,
	MI_PAGETABLES,
	MI_SECPAGETABLES,
	MI_NFS_UNSTABLE,
	MI_BOUNCE,
	MI_WRITEBACKTMP,
	MI_COMMITLIMIT,
	MI_COMMITTED_AS,
	MI_VMALLOCTOTAL,
	MI_VMALLOCUSED,
	MI_VMALLOCCHUNK,
	MI_PERCPU,
	MI_HARDWARECORRUPTED,
	MI_ANONHUGEPAGES,
	MI_SHMEMHUGEPAGES,
	MI_SHMEMPMDMAPPED,
	MI_FILEHUGEPAGES,
	MI_FILEPMDMAPPED,
	MI_CMATOTAL,
	MI_CMAFREE,
	MI_UNACCEPTED,
	MI_HUGEPAGES_TOTAL,
	MI_HUGEPAGES_FREE,
	MI_HUGEPAGES_RSVD,
	MI_HUGEPAGES_SURP,
	MI_HUGEPAGESIZE,
	MI_HUGETLB,
	MI_DIRECTMAP,	/* DirectMap4k/2M/4M/1G: scaled, see mc_line_value() */
	MI_UNKNOWN,	/* a line this version of driso does not know: 0 */
	MI_NR
};

/* Per-cgroup statistics, as the kernel's memory.stat counts them. */
enum mc_stat {
	MS_ACTIVE_ANON,
	MS_INACTIVE_ANON,
	MS_ACTIVE_FILE,
	MS_INACTIVE_FILE,
	MS_UNEVICTABLE,
	MS_FILE,		/* page cache including shmem, excluding swap cache */
	MS_SHMEM,
	MS_MAPPED,
	MS_DIRTY,
	MS_WRITEBACK,
	MS_ANON,
	MS_SWAPCACHED,
	MS_SLAB_RECLAIMABLE,
	MS_SLAB_UNRECLAIMABLE,
	MS_KERNEL_STACK,
	MS_PAGETABLES,
	MS_SEC_PAGETABLES,
	MS_PERCPU,
	MS_VMALLOC,
	MS_ANON_THP,
	MS_SHMEM_THP,
	MS_FILE_THP,
	MS_ZSWAP,
	MS_ZSWAPPED,
	MS_NR
};

/* The statistics sysinfo(2) depends on: Shmem, capped by Cached. */
#define MC_SYSINFO_STATS ((1U << MS_FILE) | (1U << MS_SHMEM) | \
			  (1U << MS_SLAB_RECLAIMABLE))
#define MC_ALL_STATS ((1U << MS_NR) - 1)

/* What the resource layer measured for one reader. */
struct mc_sample {
	unsigned long long host_total;	/* host MemTotal */
	unsigned long long host_swap_total;
	unsigned long long host_swap_free;
	unsigned long long host_mlocked;
	unsigned long long overcommit_ratio;	/* vm.overcommit_ratio, percent */
	unsigned long long overcommit_kbytes;	/* vm.overcommit_kbytes, 0 if unset */

	unsigned long long mem_limit;	/* smallest memory limit up the tree */
	unsigned long long mem_usage;
	int swap_is_memsw;	/* cgroup v1: swap_* below count memory+swap */
	unsigned long long swap_limit;	/* v2 swap.max or v1 memsw limit, smallest */
	unsigned long long swap_usage;

	int has_stats;		/* stat[] is valid; else counters only */
	unsigned long long stat[MS_NR];
};

void mc_compute(const struct mc_sample *s, unsigned long long view[MI_NR]);
/* SwapTotal and SwapFree of that view, alone */
void mc_swap(const struct mc_sample *s, unsigned long long *total,
	     unsigned long long *free);

/* The numbers behind sysinfo(2), in units of mem_unit bytes. */
struct mc_sysinfo_mem {
	unsigned long long totalram;
	unsigned long long freeram;
	unsigned long long sharedram;
	unsigned long long bufferram;
	unsigned long long totalswap;
	unsigned long long freeswap;
	unsigned long long totalhigh;
	unsigned long long freehigh;
	unsigned int mem_unit;
};

void mc_sysinfo(const struct mc_sample *s, struct mc_sysinfo_mem *si);
void mc_sysinfo_compat(struct mc_sysinfo_mem *si, unsigned int page_size);

/*
 * The kernel's own /proc/meminfo, captured once, is the template for the
 * layout: the same lines in the same order and columns.
 */
#define MC_MAX_LINES	96
#define MC_NAME_MAX	24

struct mc_line {
	char name[MC_NAME_MAX];
	unsigned char name_len;
	unsigned char label_len;	/* name, colon and padding */
	unsigned char align;		/* column where short numbers end */
	unsigned char has_kb;
	unsigned short field;		/* enum mc_field */
	unsigned long long host_value;		/* the value seen in the template */
};

struct mc_template {
	unsigned int nr;
	unsigned long long directmap_total;
	struct mc_line line[MC_MAX_LINES];
};

int mc_template_parse(struct mc_template *t, const char *text,
		      unsigned long len);
unsigned long long mc_line_value(const struct mc_template *t, const struct mc_line *l,
		     const unsigned long long view[MI_NR]);
unsigned long mc_render(const struct mc_template *t, const unsigned long long *view,
			char *buf, unsigned long size);

unsigned int mc_put_decimal(char *out, unsigned long long v);
void mc_move(char *text, unsigned long to, unsigned long from,
	     unsigned long n);
unsigned long mc_swap_line(char *line, unsigned long len, unsigned long cap,
			   unsigned long long size_kb,
			   unsigned long long used_kb);

#endif
