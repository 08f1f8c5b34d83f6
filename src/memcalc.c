// SPDX-License-Identifier: GPL-2.0
/*
 * Arithmetic that turns memory-cgroup numbers into a meminfo and a sysinfo
 * view, and the layout of /proc/meminfo. No headers: see memcalc.h.
 */
#include "memcalc.h"

static unsigned long long min2(unsigned long long a, unsigned long long b)
{
	return a < b ? a : b;
}

static unsigned long long sub_sat(unsigned long long a, unsigned long long b)
{
	return a > b ? a - b : 0;
}

static unsigned long long add_sat(unsigned long long a, unsigned long long b)
{
	return a + b < a ? MC_UNLIMITED : a + b;
}

static unsigned long long mul_sat(unsigned long long a, unsigned long long b)
{
	return b && a > MC_UNLIMITED / b ? MC_UNLIMITED : a * b;
}

static void compute_swap(const struct mc_sample *s, unsigned long long *total,
			 unsigned long long *used)
{
	unsigned long long limit = s->swap_limit, usage = s->swap_usage;

	/* cgroup v1 counts memory+swap together: swap is what is left. */
	if (s->swap_is_memsw) {
		limit = sub_sat(limit, s->mem_limit);
		usage = sub_sat(usage, s->mem_usage);
	}
	*total = min2(limit, s->host_swap_total);
	*used = min2(usage, *total);
}

/* MemTotal, and the memory in use within it. */
static void compute_memory(const struct mc_sample *s, unsigned long long *total,
			   unsigned long long *used)
{
	*total = min2(s->mem_limit, s->host_total);
	*used = min2(s->mem_usage, *total);
}

/* host swap can run out before the cgroup's share does */
static unsigned long long swap_free(const struct mc_sample *s,
				    unsigned long long total,
				    unsigned long long used)
{
	return min2(total - used, s->host_swap_free);
}

/* Cached (page cache within used, less reclaimable slab) and its Shmem. */
static unsigned long long cached_of(const unsigned long long *st,
				    unsigned long long used)
{
	return min2(st[MS_FILE], used - min2(st[MS_SLAB_RECLAIMABLE], used));
}

static unsigned long long shmem_of(const unsigned long long *st,
				   unsigned long long cached)
{
	return min2(st[MS_SHMEM], cached);
}

static unsigned long long commit_limit(const struct mc_sample *s, unsigned long long total,
			   unsigned long long swap_total)
{
	unsigned long long r = s->overcommit_ratio;

	if (s->overcommit_kbytes)
		return add_sat(min2(s->overcommit_kbytes, total), swap_total);
	/* total * r / 100, rounding down like the kernel */
	return add_sat(add_sat(mul_sat(total / 100, r),
			       mul_sat(total % 100, r) / 100), swap_total);
}

static void compute_stats(const struct mc_sample *s, unsigned long long used,
			  unsigned long long swap_used, unsigned long long *v)
{
	const unsigned long long *st = s->stat;
	unsigned long long sreclaimable, slab;

	v[MI_ACTIVE_ANON] = min2(st[MS_ACTIVE_ANON], used);
	v[MI_INACTIVE_ANON] = min2(st[MS_INACTIVE_ANON], used);
	v[MI_ACTIVE_FILE] = min2(st[MS_ACTIVE_FILE], used);
	v[MI_INACTIVE_FILE] = min2(st[MS_INACTIVE_FILE], used);
	v[MI_UNEVICTABLE] = min2(st[MS_UNEVICTABLE], used);
	v[MI_ACTIVE] = min2(add_sat(v[MI_ACTIVE_ANON], v[MI_ACTIVE_FILE]), used);
	v[MI_INACTIVE] = min2(add_sat(v[MI_INACTIVE_ANON],
				      v[MI_INACTIVE_FILE]), used);
	/* memcg does not count mlock; mlocked pages are unevictable */
	v[MI_MLOCKED] = min2(s->host_mlocked, v[MI_UNEVICTABLE]);

	/* free(1): used = total - free - buffers - cached - sreclaimable */
	sreclaimable = min2(st[MS_SLAB_RECLAIMABLE], used);
	slab = min2(add_sat(sreclaimable, st[MS_SLAB_UNRECLAIMABLE]), used);
	v[MI_SRECLAIMABLE] = sreclaimable;
	v[MI_KRECLAIMABLE] = sreclaimable;
	v[MI_SLAB] = slab;
	v[MI_SUNRECLAIM] = slab - sreclaimable;
	v[MI_CACHED] = cached_of(st, used);
	v[MI_SHMEM] = shmem_of(st, v[MI_CACHED]);
	v[MI_SWAPCACHED] = min2(st[MS_SWAPCACHED], used);
	v[MI_MAPPED] = min2(st[MS_MAPPED], v[MI_CACHED]);
	v[MI_DIRTY] = min2(st[MS_DIRTY], v[MI_CACHED]);
	v[MI_WRITEBACK] = min2(st[MS_WRITEBACK], used);
	v[MI_ANONPAGES] = min2(st[MS_ANON], used);
	v[MI_KERNELSTACK] = min2(st[MS_KERNEL_STACK], used);
	v[MI_PAGETABLES] = min2(st[MS_PAGETABLES], used);
	v[MI_SECPAGETABLES] = min2(st[MS_SEC_PAGETABLES], used);
	v[MI_PERCPU] = min2(st[MS_PERCPU], used);
	v[MI_VMALLOCUSED] = min2(st[MS_VMALLOC], used);
	v[MI_ANONHUGEPAGES] = min2(st[MS_ANON_THP], v[MI_ANONPAGES]);
	v[MI_SHMEMHUGEPAGES] = min2(st[MS_SHMEM_THP], v[MI_SHMEM]);
	v[MI_FILEHUGEPAGES] = min2(st[MS_FILE_THP], v[MI_CACHED]);
	v[MI_ZSWAP] = min2(st[MS_ZSWAP], used);
	/* swap can be larger than MemTotal */
	v[MI_ZSWAPPED] = min2(min2(st[MS_ZSWAPPED], swap_used), v[MI_MEMTOTAL]);

	/*
	 * Like si_mem_available(): free plus the page cache and slab that
	 * reclaim can drop. Shmem lives on the anon LRU, so it is not counted.
	 */
	v[MI_MEMAVAILABLE] = min2(add_sat(add_sat(v[MI_MEMFREE],
						  v[MI_ACTIVE_FILE]),
					  add_sat(v[MI_INACTIVE_FILE],
						  sreclaimable)),
				  v[MI_MEMTOTAL]);
	v[MI_COMMITTED_AS] = min2(add_sat(add_sat(v[MI_ANONPAGES],
						  v[MI_SHMEM]), swap_used),
				  v[MI_MEMTOTAL]);
}

/*
 * Every field but the few that count swap is at most MemTotal: each is a
 * min() with used, or with total where a sum could pass it.
 */
void mc_compute(const struct mc_sample *s, unsigned long long view[MI_NR])
{
	unsigned long long total, used, swap_total, swap_used;
	int f;

	for (f = 0; f < MI_NR; f++)
		view[f] = 0;

	compute_memory(s, &total, &used);
	compute_swap(s, &swap_total, &swap_used);

	view[MI_MEMTOTAL] = total;
	view[MI_MEMFREE] = total - used;
	view[MI_LOWTOTAL] = total;
	view[MI_LOWFREE] = total - used;
	view[MI_SWAPTOTAL] = swap_total;
	view[MI_SWAPFREE] = swap_free(s, swap_total, swap_used);
	view[MI_VMALLOCTOTAL] = total;
	view[MI_COMMITLIMIT] = commit_limit(s, total, swap_total);

	if (s->has_stats) {
		compute_stats(s, used, swap_used, view);
	} else {
		view[MI_MEMAVAILABLE] = view[MI_MEMFREE];
		view[MI_COMMITTED_AS] = min2(add_sat(used, swap_used), total);
	}
}

void mc_swap(const struct mc_sample *s, unsigned long long *total,
	     unsigned long long *free)
{
	unsigned long long used;

	compute_swap(s, total, &used);
	*free = swap_free(s, *total, used);
}

/*
 * The fields of mc_compute() that sysinfo(2) shows, computed the same way
 * without the rest of the view; then the same steps as the kernel's
 * do_sysinfo(): start from kB and turn the unit into bytes when the sum of
 * RAM and swap still fits in 64 bits.
 */
void mc_sysinfo(const struct mc_sample *s, struct mc_sysinfo_mem *si)
{
	unsigned long long total, used, sum;
	int shift = 10;

	compute_memory(s, &total, &used);
	si->totalram = total;
	si->freeram = total - used;
	si->sharedram = s->has_stats ?
		shmem_of(s->stat, cached_of(s->stat, used)) : 0;
	si->bufferram = 0;
	mc_swap(s, &si->totalswap, &si->freeswap);
	si->totalhigh = 0;
	si->freehigh = 0;
	si->mem_unit = 1024;

	sum = si->totalram + si->totalswap;
	if (sum < si->totalram || sum >> (64 - shift))
		return;
	si->totalram <<= shift;
	si->freeram <<= shift;
	si->sharedram <<= shift;
	si->bufferram <<= shift;
	si->totalswap <<= shift;
	si->freeswap <<= shift;
	si->totalhigh <<= shift;
	si->freehigh <<= shift;
	si->mem_unit = 1;
}

/* Same steps as the kernel's compat sysinfo: make RAM and swap fit 32 bits. */
void mc_sysinfo_compat(struct mc_sysinfo_mem *si, unsigned int page_size)
{
	int shift = 0;

	if (!(si->totalram >> 32) && !(si->totalswap >> 32))
		return;
	while (si->mem_unit < page_size) {
		si->mem_unit <<= 1;
		shift++;
	}
	si->totalram >>= shift;
	si->freeram >>= shift;
	si->sharedram >>= shift;
	si->bufferram >>= shift;
	si->totalswap >>= shift;
	si->freeswap >>= shift;
	si->totalhigh >>= shift;
	si->freehigh >>= shift;
}

static const struct {
	const char *name;
	unsigned short field;
} field_names[] = {
	{ "MemTotal", MI_MEMTOTAL },
	{ "MemFree", MI_MEMFREE },
	{ "MemAvailable", MI_MEMAVAILABLE },
	{ "Buffers", MI_BUFFERS },
	{ "Cached", MI_CACHED },
	{ "SwapCached", MI_SWAPCACHED },
	{ "Active", MI_ACTIVE },
	{ "Inactive", MI_INACTIVE },
	{ "Active(anon)", MI_ACTIVE_ANON },
	{ "Inactive(anon)", MI_INACTIVE_ANON },
	{ "Active(file)", MI_ACTIVE_FILE },
	{ "Inactive(file)", MI_INACTIVE_FILE },
	{ "Unevictable", MI_UNEVICTABLE },
	{ "Mlocked", MI_MLOCKED },
	{ "HighTotal", MI_HIGHTOTAL },
	{ "HighFree", MI_HIGHFREE },
	{ "LowTotal", MI_LOWTOTAL },
	{ "LowFree", MI_LOWFREE },
	{ "MmapCopy", MI_MMAPCOPY },
	{ "SwapTotal", MI_SWAPTOTAL },
	{ "SwapFree", MI_SWAPFREE },
	{ "Zswap", MI_ZSWAP },
	{ "Zswapped", MI_ZSWAPPED },
	{ "Dirty", MI_DIRTY },
	{ "Writeback", MI_WRITEBACK },
	{ "AnonPages", MI_ANONPAGES },
	{ "Mapped", MI_MAPPED },
	{ "Shmem", MI_SHMEM },
	{ "KReclaimable", MI_KRECLAIMABLE },
	{ "Slab", MI_SLAB },
	{ "SReclaimable", MI_SRECLAIMABLE },
	{ "SUnreclaim", MI_SUNRECLAIM },
	{ "KernelStack", MI_KERNELSTACK },
	{ "ShadowCallStack", MI_SHADOWCALLSTACK },
	{ "PageTables", MI_PAGETABLES },
	{ "SecPageTables", MI_SECPAGETABLES },
	{ "NFS_Unstable", MI_NFS_UNSTABLE },
	{ "Bounce", MI_BOUNCE },
	{ "WritebackTmp", MI_WRITEBACKTMP },
	{ "CommitLimit", MI_COMMITLIMIT },
	{ "Committed_AS", MI_COMMITTED_AS },
	{ "VmallocTotal", MI_VMALLOCTOTAL },
	{ "VmallocUsed", MI_VMALLOCUSED },
	{ "VmallocChunk", MI_VMALLOCCHUNK },
	{ "Percpu", MI_PERCPU },
	{ "HardwareCorrupted", MI_HARDWARECORRUPTED },
	{ "AnonHugePages", MI_ANONHUGEPAGES },
	{ "ShmemHugePages", MI_SHMEMHUGEPAGES },
	{ "ShmemPmdMapped", MI_SHMEMPMDMAPPED },
	{ "FileHugePages", MI_FILEHUGEPAGES },
	{ "FilePmdMapped", MI_FILEPMDMAPPED },
	{ "CmaTotal", MI_CMATOTAL },
	{ "CmaFree", MI_CMAFREE },
	{ "Unaccepted", MI_UNACCEPTED },
	{ "HugePages_Total", MI_HUGEPAGES_TOTAL },
	{ "HugePages_Free", MI_HUGEPAGES_FREE },
	{ "HugePages_Rsvd", MI_HUGEPAGES_RSVD },
	{ "HugePages_Surp", MI_HUGEPAGES_SURP },
	{ "Hugepagesize", MI_HUGEPAGESIZE },
	{ "Hugetlb", MI_HUGETLB },
	{ "DirectMap4k", MI_DIRECTMAP },
	{ "DirectMap2M", MI_DIRECTMAP },
	{ "DirectMap4M", MI_DIRECTMAP },
	{ "DirectMap1G", MI_DIRECTMAP },
	{ "", MI_UNKNOWN }	/* the end */
};

static int name_is(const char *a, unsigned int alen, const char *b)
{
	unsigned int i;

	for (i = 0; i < alen; i++)
		if (a[i] != b[i])
			return 0;
	return b[alen] == 0;
}

static unsigned short field_of(const char *name, unsigned int len)
{
	unsigned int i;

	for (i = 0; field_names[i].field != MI_UNKNOWN; i++)
		if (name_is(name, len, field_names[i].name))
			break;
	return field_names[i].field;
}

/*
 * The kernel right-aligns numbers so that they end in column 24 and lets
 * longer ones push the line out past the label.
 */
#define MC_ALIGN 24

static int parse_line(struct mc_line *l, const char *p, unsigned long len)
{
	unsigned long i = 0, digits_at, end;
	unsigned long long value = 0;

	while (i < len && p[i] != ':' && p[i] != ' ' && p[i] != '\n')
		i++;
	if (i == 0 || i >= MC_NAME_MAX || i >= len || p[i] != ':')
		return -1;
	l->name_len = i;
	for (end = 0; end < i; end++)
		l->name[end] = p[end];
	l->name[i] = 0;
	l->field = field_of(p, i);

	for (i++; i < len && p[i] == ' '; i++)
		;
	digits_at = i;
	for (; i < len && p[i] >= '0' && p[i] <= '9'; i++) {
		unsigned int d = p[i] - '0';

		if (value > (MC_UNLIMITED - d) / 10)
			return -1;
		value = value * 10 + d;
	}
	end = i;
	if (end == digits_at || end > 255)
		return -1;
	l->host_value = value;

	if (len - i >= 4 && p[i] == ' ' && p[i + 1] == 'k' && p[i + 2] == 'B' &&
	    p[i + 3] == '\n') {
		l->has_kb = 1;
		i += 4;
	} else if (len - i >= 1 && p[i] == '\n') {
		l->has_kb = 0;
		i++;
	} else {
		return -1;
	}

	/* Recover the label width; exact when a number overflowed it. */
	if (end > MC_ALIGN) {
		l->align = MC_ALIGN;
		l->label_len = digits_at;
	} else {
		l->align = end;
		l->label_len = digits_at < 16 ? digits_at : 16;
		if (l->label_len < l->name_len + 1)
			l->label_len = l->name_len + 1;
	}
	return i;
}

int mc_template_parse(struct mc_template *t, const char *text,
		      unsigned long len)
{
	unsigned long off = 0;

	t->nr = 0;
	t->directmap_total = 0;
	while (off < len) {
		struct mc_line *l;
		int used;

		if (t->nr >= MC_MAX_LINES)
			return -1 - (int)t->nr;
		l = &t->line[t->nr];
		used = parse_line(l, text + off, len - off);
		if (used < 0)
			return -1 - (int)t->nr;
		if (l->field == MI_DIRECTMAP)
			t->directmap_total += l->host_value;
		off += used;
		t->nr++;
	}
	return t->nr ? 0 : -1;
}

/* a * b / c for a <= c, trading low bits of a and c to avoid overflow */
static unsigned long long scale(unsigned long long a, unsigned long long b, unsigned long long c)
{
	while (b && a > MC_UNLIMITED / b) {
		a >>= 1;
		c >>= 1;
	}
	return c ? a * b / c : 0;
}

/*
 * The value one template line shows. Host-wide numbers that would leak the
 * host's size are replaced by the view's: DirectMap lines keep the host's
 * split between page sizes but add up to MemTotal.
 */
unsigned long long mc_line_value(const struct mc_template *t, const struct mc_line *l,
		     const unsigned long long view[MI_NR])
{
	if (!view || l->field == MI_HUGEPAGESIZE)
		return l->host_value;
	if (l->field != MI_DIRECTMAP)
		return view[l->field];
	return scale(l->host_value, view[MI_MEMTOTAL], t->directmap_total);
}

/* Shared by the renderers: digits of @v, without a terminator. */
static const unsigned long long pow10[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
	10000000000000000000ULL
};


/*
 * Two digits a division, written in place from the last: /proc/stat and
 * /proc/meminfo put dozens of numbers per read.
 */
unsigned int mc_put_decimal(char *out, unsigned long long v)
{
	unsigned int n = 1, i;

	while (n < 20 && v >= pow10[n])
		n++;
	for (i = n; v >= 100; v /= 100) {
		unsigned int pair = v % 100;

		i -= 2;
		out[i] = '0' + pair / 10;
		out[i + 1] = '0' + pair % 10;
	}
	if (v >= 10) {
		out[0] = '0' + v / 10;
		out[1] = '0' + v % 10;
	} else {
		out[0] = '0' + v;
	}
	return n;
}

/*
 * Render the template with the values of @view (or, if @view is NULL, with
 * the values captured in the template). Returns the length of the text;
 * writes it only if it fits in @size.
 */
unsigned long mc_render(const struct mc_template *t, const unsigned long long *view,
			char *buf, unsigned long size)
{
	unsigned long pos = 0;
	unsigned int i;

	for (i = 0; i < t->nr; i++) {
		const struct mc_line *l = &t->line[i];
		char digits[20];
		unsigned int nd, endcol, j;

		nd = mc_put_decimal(digits, mc_line_value(t, l, view));
		endcol = l->label_len + nd > l->align ? l->label_len + nd :
							l->align;
		if (pos + endcol + 4 > size) {
			pos += endcol + (l->has_kb ? 4 : 1);
			continue;
		}
		for (j = 0; j < l->name_len; j++)
			buf[pos++] = l->name[j];
		buf[pos++] = ':';
		for (j = l->name_len + 1; j < endcol - nd; j++)
			buf[pos++] = ' ';
		for (j = 0; j < nd; j++)
			buf[pos++] = digits[j];
		if (l->has_kb) {
			buf[pos++] = ' ';
			buf[pos++] = 'k';
			buf[pos++] = 'B';
		}
		buf[pos++] = '\n';
	}
	return pos;
}

/*
 * memmove(text + to, text + from, n): the compiler's builtin needs no
 * header, and becomes the kernel's or libc's memmove, which move words,
 * not bytes.
 */
void mc_move(char *text, unsigned long to, unsigned long from,
	     unsigned long n)
{
	if (to != from && n)
		__builtin_memmove(text + to, text + from, n);
}

/* Whether @word ends at @end in @s, which starts at @start. */
static int ends_with(const char *s, unsigned long start, unsigned long end,
		     const char *word, unsigned long n)
{
	unsigned long i;

	if (end - start < n)
		return 0;
	for (i = 0; i < n; i++)
		if (s[end - n + i] != word[i])
			return 0;
	return 1;
}

/*
 * One /proc/swaps device line with the size and use of the view, in the
 * kernel's format: "<path> <type>\t<size>\t[\t]<used>\t[\t]<prio>\n",
 * where the extra tab follows numbers below 10000000 and <type> is
 * "partition" or "file\t". Returns the new
 * length (written only if it fits in @cap), or 0 if the line is not
 * understood.
 */
unsigned long mc_swap_line(char *line, unsigned long len, unsigned long cap,
			   unsigned long long size_kb,
			   unsigned long long used_kb)
{
	unsigned long pos, prio, n;
	char digits[2][20];
	unsigned int nd[2], i, j;

	/* the path's tabs are escaped: the first tab follows the type */
	for (pos = 0; pos < len && line[pos] != '\t'; pos++)
		;
	if (pos + 1 >= len)
		return 0;
	if (ends_with(line, 0, pos, "partition", 9))
		pos += 1;
	else if (ends_with(line, 0, pos, "file", 4) && line[pos + 1] == '\t')
		pos += 2;
	else
		return 0;
	/* skip size, tabs, used, tabs: what is left is the priority */
	for (prio = pos, i = 0; i < 2; i++) {
		while (prio < len && line[prio] >= '0' && line[prio] <= '9')
			prio++;
		while (prio < len && line[prio] == '\t')
			prio++;
	}
	if (prio >= len)
		return 0;

	nd[0] = mc_put_decimal(digits[0], size_kb);
	nd[1] = mc_put_decimal(digits[1], used_kb);
	n = pos + nd[0] + (size_kb < 10000000 ? 2 : 1) + nd[1] +
	    (used_kb < 10000000 ? 2 : 1) + (len - prio);
	if (n > cap)
		return n;
	/* move the priority to its place, then write the numbers */
	mc_move(line, n - (len - prio), prio, len - prio);
	for (i = 0; i < 2; i++) {
		for (j = 0; j < nd[i]; j++)
			line[pos++] = digits[i][j];
		line[pos++] = '\t';
		if ((i ? used_kb : size_kb) < 10000000)
			line[pos++] = '\t';
	}
	return n;
}
