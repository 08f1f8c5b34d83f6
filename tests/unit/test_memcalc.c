// SPDX-License-Identifier: GPL-2.0
/*
 * Unit and property tests of memcalc.c, the arithmetic driso's module uses
 * to turn memory-cgroup numbers into /proc/meminfo and sysinfo(2).
 *
 * usage: test_memcalc [DATA_DIR]   (DRISO_SEED and DRISO_ROUNDS override
 *                                   the property tests' seed and count)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "memcalc.h"

#define KB(mib) ((unsigned long long)(mib) * 1024)
#define PAGE_SIZE 4096

static const char *data_dir = "tests/unit/data";

/* ---- helpers ---- */

static char *slurp(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf = malloc(1 << 16);

	snprintf(path, sizeof(path), "%s/%s", data_dir, name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	*len = fread(buf, 1, (1 << 16) - 1, f);
	buf[*len] = 0;
	fclose(f);
	return buf;
}

static struct mc_sample sample_512m(void)
{
	struct mc_sample s = {
		.host_total = KB(2000),
		.host_swap_total = KB(1024),
		.host_swap_free = KB(1024),
		.overcommit_ratio = 50,
		.mem_limit = KB(512),
		.mem_usage = KB(100),
		.swap_limit = MC_UNLIMITED,
		.has_stats = 1,
	};

	s.stat[MS_ANON] = KB(60);
	s.stat[MS_ACTIVE_ANON] = KB(40);
	s.stat[MS_INACTIVE_ANON] = KB(20);
	s.stat[MS_FILE] = KB(30);
	s.stat[MS_ACTIVE_FILE] = KB(10);
	s.stat[MS_INACTIVE_FILE] = KB(15);
	s.stat[MS_SHMEM] = KB(5);
	s.stat[MS_SLAB_RECLAIMABLE] = KB(4);
	s.stat[MS_SLAB_UNRECLAIMABLE] = KB(2);
	return s;
}

/* value of a field in a rendered meminfo text, or -1 */
static long long field_in(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, name, n) && p[n] == ':')
			return strtoll(p + n + 1, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

/* ---- template: the kernel's layout ---- */

static void roundtrip(const char *file)
{
	struct mc_template t;
	size_t len;
	char *text = slurp(file, &len);
	char *out = malloc(len + 1);

	assert_int_equal(mc_template_parse(&t, text, len), 0);
	assert_true(t.nr > 40);
	assert_int_equal(mc_render(&t, NULL, out, len + 1), len);
	assert_memory_equal(out, text, len);
	free(out);
	free(text);
}

static void test_roundtrip_6_1(void **state)
{
	roundtrip("meminfo-6.1.txt");
}

static void test_roundtrip_6_12(void **state)
{
	roundtrip("meminfo-6.12.txt");
}

static void test_roundtrip_host(void **state)
{
	roundtrip("meminfo-6.18-host.txt");
}

static void test_render_matches_kernel_format(void **state)
{
	/* the kernel's "%-16s%8lu kB" lines, its %5lu lines, and overflow */
	static const char kernel[] =
		"MemTotal:        2014700 kB\n"
		"MemFree:          123456 kB\n"
		"ShadowCallStack:       0 kB\n"
		"HardwareCorrupted:     0 kB\n"
		"HugePages_Total:       0\n"
		"VmallocTotal:   34359738367 kB\n"
		"DirectMap2M:     2068480 kB\n";
	struct mc_template t;
	unsigned long long view[MI_NR] = { 0 };
	char out[1024];
	unsigned long n;

	assert_int_equal(mc_template_parse(&t, kernel, strlen(kernel)), 0);
	assert_int_equal(t.nr, 7);
	assert_int_equal(t.line[0].field, MI_MEMTOTAL);
	assert_int_equal(t.line[3].field, MI_HARDWARECORRUPTED);
	assert_int_equal(t.line[6].field, MI_DIRECTMAP);

	view[MI_MEMTOTAL] = 123456789;	/* wider than the 8 columns */
	view[MI_MEMFREE] = 7;
	view[MI_VMALLOCTOTAL] = 524288;
	n = mc_render(&t, view, out, sizeof(out));
	out[n] = 0;
	assert_string_equal(out,
			    "MemTotal:       123456789 kB\n"
			    "MemFree:               7 kB\n"
			    "ShadowCallStack:       0 kB\n"
			    "HardwareCorrupted:     0 kB\n"
			    "HugePages_Total:       0\n"
			    "VmallocTotal:     524288 kB\n"
			    "DirectMap2M:    123456789 kB\n");
}

static void test_parse_rejects_garbage(void **state)
{
	struct mc_template t;
	static const char * const bad[] = {
		"MemTotal 12 kB\n",		/* no colon */
		"MemTotal:       kB\n",		/* no number */
		"MemTotal:       12 MB\n",	/* unknown unit */
		"MemTotal:       12 kB",	/* no newline */
		": 12 kB\n",			/* no name */
		"",
		NULL
	};
	size_t i;

	for (i = 0; bad[i]; i++)
		assert_true(mc_template_parse(&t, bad[i], strlen(bad[i])) < 0);
	/* the error names the line, counting from 1 */
	assert_int_equal(mc_template_parse(&t, "A: 1\nB 2\n", 10), -2);
}

static void test_render_reports_overflow(void **state)
{
	static const char kernel[] = "MemTotal:        2014700 kB\n";
	struct mc_template t;
	char out[8];

	assert_int_equal(mc_template_parse(&t, kernel, strlen(kernel)), 0);
	assert_int_equal(mc_render(&t, NULL, out, sizeof(out)),
			 strlen(kernel));
}

static void test_unknown_and_host_lines(void **state)
{
	static const char kernel[] =
		"MemTotal:        2014700 kB\n"
		"Balloon:          999999 kB\n"
		"HugePages_Total:      64\n"
		"Hugepagesize:       2048 kB\n"
		"DirectMap4k:      100000 kB\n"
		"DirectMap2M:      300000 kB\n";
	struct mc_template t;
	unsigned long long view[MI_NR] = { 0 };
	char out[1024];
	unsigned long n;

	assert_int_equal(mc_template_parse(&t, kernel, strlen(kernel)), 0);
	view[MI_MEMTOTAL] = 4000;
	n = mc_render(&t, view, out, sizeof(out));
	out[n] = 0;
	assert_int_equal(field_in(out, "Balloon"), 0);
	assert_int_equal(field_in(out, "HugePages_Total"), 0);
	assert_int_equal(field_in(out, "Hugepagesize"), 2048);
	/* the host's split between page sizes, scaled to MemTotal */
	assert_int_equal(field_in(out, "DirectMap4k"), 1000);
	assert_int_equal(field_in(out, "DirectMap2M"), 3000);
}

/* ---- the view ---- */

static void test_basic_view(void **state)
{
	struct mc_sample s = sample_512m();
	unsigned long long v[MI_NR];

	mc_compute(&s, v);
	assert_int_equal(v[MI_MEMTOTAL], KB(512));
	assert_int_equal(v[MI_MEMFREE], KB(412));
	/* free + file LRU + reclaimable slab; shmem is not available */
	assert_int_equal(v[MI_MEMAVAILABLE], KB(412 + 10 + 15 + 4));
	assert_int_equal(v[MI_CACHED], KB(30));
	assert_int_equal(v[MI_SHMEM], KB(5));
	assert_int_equal(v[MI_ACTIVE], KB(50));
	assert_int_equal(v[MI_INACTIVE], KB(35));
	assert_int_equal(v[MI_SLAB], KB(6));
	assert_int_equal(v[MI_SUNRECLAIM], KB(2));
	assert_int_equal(v[MI_SWAPTOTAL], KB(1024));
	assert_int_equal(v[MI_SWAPFREE], KB(1024));
	assert_int_equal(v[MI_COMMITLIMIT], KB(256 + 1024));
	assert_int_equal(v[MI_VMALLOCTOTAL], KB(512));
	assert_int_equal(v[MI_BUFFERS], 0);
}

static void test_limit_capped_at_host(void **state)
{
	/* a limit above host RAM shows host RAM */
	struct mc_sample s = sample_512m();
	unsigned long long v[MI_NR];

	s.mem_limit = KB(4096);
	mc_compute(&s, v);
	assert_int_equal(v[MI_MEMTOTAL], KB(2000));
}

static void test_v1_memsw(void **state)
{
	struct mc_sample s = sample_512m();
	unsigned long long v[MI_NR];

	/* docker --memory 512m --memory-swap 768m */
	s.swap_is_memsw = 1;
	s.swap_limit = KB(768);
	s.swap_usage = KB(100 + 50);
	mc_compute(&s, v);
	assert_int_equal(v[MI_SWAPTOTAL], KB(256));
	assert_int_equal(v[MI_SWAPFREE], KB(206));

	/* --memory-swap equal to --memory: no swap */
	s.swap_limit = KB(512);
	s.swap_usage = KB(100);
	mc_compute(&s, v);
	assert_int_equal(v[MI_SWAPTOTAL], 0);
	assert_int_equal(v[MI_SWAPFREE], 0);
}

static void test_v2_swap_limit(void **state)
{
	struct mc_sample s = sample_512m();
	unsigned long long v[MI_NR];

	s.swap_limit = KB(64);
	s.swap_usage = KB(16);
	mc_compute(&s, v);
	assert_int_equal(v[MI_SWAPTOTAL], KB(64));
	assert_int_equal(v[MI_SWAPFREE], KB(48));

	/* the host's free swap bounds what the cgroup can still use */
	s.host_swap_free = KB(10);
	mc_compute(&s, v);
	assert_int_equal(v[MI_SWAPFREE], KB(10));
}

static void test_counters_only(void **state)
{
	struct mc_sample s = sample_512m();
	unsigned long long v[MI_NR];

	s.has_stats = 0;
	mc_compute(&s, v);
	assert_int_equal(v[MI_MEMTOTAL], KB(512));
	assert_int_equal(v[MI_MEMAVAILABLE], v[MI_MEMFREE]);
	assert_int_equal(v[MI_CACHED], 0);
	assert_int_equal(v[MI_ACTIVE], 0);
}

static void test_host_values_do_not_leak(void **state)
{
	struct mc_sample s = sample_512m();
	unsigned long long v[MI_NR];

	/* lxcfs passes these through; driso bounds them by the cgroup */
	s.host_mlocked = KB(1500);
	s.stat[MS_UNEVICTABLE] = KB(3);
	s.stat[MS_KERNEL_STACK] = KB(9000);
	mc_compute(&s, v);
	assert_int_equal(v[MI_MLOCKED], KB(3));
	assert_int_equal(v[MI_KRECLAIMABLE], v[MI_SRECLAIMABLE]);
	assert_true(v[MI_KERNELSTACK] <= v[MI_MEMTOTAL] - v[MI_MEMFREE]);
	assert_true(v[MI_COMMITTED_AS] <= v[MI_MEMTOTAL]);
}

static void test_sysinfo_units(void **state)
{
	struct mc_sample s = sample_512m();
	struct mc_sysinfo_mem si;

	mc_sysinfo(&s, &si);
	assert_int_equal(si.mem_unit, 1);
	assert_int_equal(si.totalram, 512ULL << 20);
	assert_int_equal(si.freeram, 412ULL << 20);

	/* fits in 32 bits: the compat entry keeps bytes */
	mc_sysinfo_compat(&si, PAGE_SIZE);
	assert_int_equal(si.mem_unit, 1);

	/* 8 GiB does not: pages */
	s.host_total = KB(16384);
	s.mem_limit = KB(8192);
	mc_sysinfo(&s, &si);
	mc_sysinfo_compat(&si, PAGE_SIZE);
	assert_int_equal(si.mem_unit, PAGE_SIZE);
	assert_int_equal(si.totalram, 8ULL << 18);
}

static void test_sysinfo_huge_stays_in_kb(void **state)
{
	struct mc_sample s = sample_512m();
	struct mc_sysinfo_mem si;

	/* kB: overflows in bytes */
	s.host_total = 1ULL << 60;
	s.mem_limit = MC_UNLIMITED;
	mc_sysinfo(&s, &si);
	assert_int_equal(si.mem_unit, 1024);
	assert_int_equal(si.totalram, 1ULL << 60);
}

/* ---- property tests ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: reproducible from the printed seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

/* A value around @scale, or one of the edge cases. */
static unsigned long long pick(unsigned long long scale)
{
	if (scale == MC_UNLIMITED)
		scale >>= 1;
	switch (rnd() % 10) {
	case 0:
		return 0;
	case 1:
		return MC_UNLIMITED;
	case 2:
		return scale;
	case 3:
		return scale + 1 + rnd() % (scale + 1);	/* above */
	case 4:
		return rnd() >> (rnd() % 64);		/* anything */
	default:
		return scale ? rnd() % (scale + 1) : 0;
	}
}

static void random_sample(struct mc_sample *s)
{
	unsigned long long host = 1 + rnd() % KB(1 << 20);	/* up to 1 TiB */
	int i;

	memset(s, 0, sizeof(*s));
	s->host_total = rnd() % 50 ? host : pick(host);
	s->host_swap_total = rnd() % 3 ? pick(host) : 0;	/* swap off */
	s->host_swap_free = pick(s->host_swap_total);
	s->host_mlocked = pick(host);
	s->overcommit_ratio = rnd() % 4 ? 50 : pick(1000);
	s->overcommit_kbytes = rnd() % 4 ? 0 : pick(host);
	s->mem_limit = pick(host);
	s->mem_usage = pick(s->mem_limit == MC_UNLIMITED ? host :
			    s->mem_limit);
	s->swap_is_memsw = rnd() % 2;
	s->swap_limit = pick(host);
	s->swap_usage = pick(s->swap_limit == MC_UNLIMITED ? host :
			     s->swap_limit);
	s->has_stats = rnd() % 8 != 0;
	for (i = 0; i < MS_NR; i++)
		s->stat[i] = pick(s->mem_usage);
}

static int may_exceed_memtotal(int f)
{
	return f == MI_SWAPTOTAL || f == MI_SWAPFREE || f == MI_COMMITLIMIT ||
	       f == MI_HUGEPAGESIZE;
}

static void check_invariants(const struct mc_sample *s, const unsigned long long *v)
{
	struct mc_sysinfo_mem si, si32;
	unsigned long long swap_total, swap_free;
	unsigned long long total = v[MI_MEMTOTAL];
	unsigned long long used = total - v[MI_MEMFREE];
	int f;

	assert_true(total <= s->host_total && total <= s->mem_limit);
	assert_true(v[MI_MEMFREE] <= v[MI_MEMAVAILABLE]);
	assert_true(v[MI_MEMAVAILABLE] <= total);
	for (f = 0; f < MI_NR; f++)
		if (!may_exceed_memtotal(f))
			assert_true(v[f] <= total);
	assert_true(v[MI_SWAPFREE] <= v[MI_SWAPTOTAL]);
	assert_true(v[MI_SWAPTOTAL] <= s->host_swap_total);
	/* free(1) computes used from these and must not go negative */
	assert_true(v[MI_BUFFERS] + v[MI_CACHED] + v[MI_SRECLAIMABLE] <= used);
	assert_true(v[MI_SLAB] == v[MI_SRECLAIMABLE] + v[MI_SUNRECLAIM]);
	assert_true(v[MI_SHMEM] <= v[MI_CACHED]);
	assert_true(v[MI_MLOCKED] <= v[MI_UNEVICTABLE]);

	/* sysinfo(2) and /proc/swaps agree with /proc/meminfo */
	mc_swap(s, &swap_total, &swap_free);
	assert_true(swap_total == v[MI_SWAPTOTAL]);
	assert_true(swap_free == v[MI_SWAPFREE]);
	mc_sysinfo(s, &si);
	if (si.mem_unit == 1) {
		assert_true(si.totalram == total << 10);
		assert_true(si.freeram == v[MI_MEMFREE] << 10);
		assert_true(si.sharedram == v[MI_SHMEM] << 10);
		assert_true(si.bufferram == v[MI_BUFFERS] << 10);
		assert_true(si.totalswap == v[MI_SWAPTOTAL] << 10);
		assert_true(si.freeswap == v[MI_SWAPFREE] << 10);
	} else {
		assert_int_equal(si.mem_unit, 1024);
		assert_true(si.totalram == total);
		assert_true(si.freeram == v[MI_MEMFREE]);
		assert_true(si.sharedram == v[MI_SHMEM]);
		assert_true(si.bufferram == v[MI_BUFFERS]);
		assert_true(si.totalswap == v[MI_SWAPTOTAL]);
		assert_true(si.freeswap == v[MI_SWAPFREE]);
	}

	/* up to 16 TiB, the compat entry fits 32 bits, as the kernel's does */
	si32 = si;
	mc_sysinfo_compat(&si32, PAGE_SIZE);
	if (si.mem_unit == 1 && total < (1ULL << 34) &&
	    v[MI_SWAPTOTAL] < (1ULL << 34)) {
		assert_true(si32.totalram >> 32 == 0);
		assert_true(si32.totalswap >> 32 == 0);
		assert_true(si32.freeram <= si32.totalram);
		assert_true(si32.freeswap <= si32.totalswap);
	}
}

/* sysinfo(2) reads only MC_SYSINFO_STATS and must agree all the same */
static void check_sysinfo_stats_suffice(const struct mc_sample *s)
{
	struct mc_sample few = *s;
	struct mc_sysinfo_mem full, part;
	int i;

	for (i = 0; i < MS_NR; i++)
		if (!(MC_SYSINFO_STATS & (1U << i)))
			few.stat[i] = 0;
	memset(&full, 0, sizeof(full));
	memset(&part, 0, sizeof(part));
	mc_sysinfo(s, &full);
	mc_sysinfo(&few, &part);
	assert_memory_equal(&full, &part, sizeof(full));
}

/* Every length, each power of ten and its neighbours, and random values. */
static void test_put_decimal_property(void **state)
{
	unsigned long long v, p = 1;
	char got[24], want[24];
	unsigned int n;
	long i;

	rng_state = 0x5eed2016;
	for (i = 0; i < 200000 + 3 * 20; i++) {
		if (i < 60) {
			v = p - 1 + i % 3;
			if (i % 3 == 2)
				p *= 10;
		} else if (i == 60) {
			v = ~0ULL;
		} else {
			v = rnd() >> (rnd() % 64);
		}
		memset(got, 'x', sizeof(got));
		n = mc_put_decimal(got, v);
		snprintf(want, sizeof(want), "%llu", v);
		assert_int_equal(n, strlen(want));
		assert_memory_equal(got, want, n);
		assert_int_equal(got[n], 'x');	/* nothing past its digits */
	}
}

static void test_invariants_random(void **state)
{
	const char *seed_env = getenv("DRISO_SEED");
	const char *rounds_env = getenv("DRISO_ROUNDS");
	uint64_t seed = seed_env ? strtoull(seed_env, NULL, 0) : 0x5eed2016;
	long rounds = rounds_env ? atol(rounds_env) : 200000;
	struct mc_sample s;
	unsigned long long v[MI_NR];
	long i;

	print_message("property seed 0x%llx, %ld samples\n",
		      (unsigned long long)seed, rounds);
	rng_state = seed | 1;
	for (i = 0; i < rounds; i++) {
		random_sample(&s);
		mc_compute(&s, v);
		check_invariants(&s, v);
		check_sysinfo_stats_suffice(&s);
	}
}

static void test_invariants_edges(void **state)
{
	static const unsigned long long limits[] = { 0, 1, KB(512), KB(2000), KB(4000),
					 MC_UNLIMITED };
	static const unsigned long long usages[] = { 0, 1, KB(100), KB(512), KB(3000),
					 MC_UNLIMITED };
	static const unsigned long long swaps[] = { 0, KB(1), KB(1024), MC_UNLIMITED };
	struct mc_sample s;
	unsigned long long v[MI_NR];
	size_t a, b, c, d;

	for (a = 0; a < 6; a++)
		for (b = 0; b < 6; b++)
			for (c = 0; c < 4; c++)
				for (d = 0; d < 2; d++) {
					s = sample_512m();
					s.mem_limit = limits[a];
					s.mem_usage = usages[b];
					s.swap_limit = swaps[c];
					s.swap_usage = swaps[3 - c];
					s.host_swap_total = d ? KB(1024) : 0;
					s.host_swap_free = s.host_swap_total;
					s.swap_is_memsw = c & 1;
					mc_compute(&s, v);
					check_invariants(&s, v);
				}
	/* a limit of 0 is a view of nothing */
	s = sample_512m();
	s.mem_limit = 0;
	mc_compute(&s, v);
	assert_int_equal(v[MI_MEMTOTAL], 0);
	assert_int_equal(v[MI_MEMAVAILABLE], 0);
}

static void test_rendered_view_reads_back(void **state)
{
	struct mc_template t, back;
	struct mc_sample s;
	unsigned long long v[MI_NR];
	size_t len;
	char *text = slurp("meminfo-6.12.txt", &len);
	char out[8192];
	unsigned int i;
	int round;

	assert_int_equal(mc_template_parse(&t, text, len), 0);
	rng_state = 42;
	for (round = 0; round < 2000; round++) {
		unsigned long n;

		random_sample(&s);
		mc_compute(&s, v);
		n = mc_render(&t, v, out, sizeof(out));
		assert_true(n < sizeof(out));
		/* what parsers read back is the view, line for line */
		assert_int_equal(mc_template_parse(&back, out, n), 0);
		assert_int_equal(back.nr, t.nr);
		for (i = 0; i < t.nr; i++) {
			assert_string_equal(back.line[i].name, t.line[i].name);
			assert_true(back.line[i].host_value ==
				    mc_line_value(&t, &t.line[i], v));
		}
	}
	free(text);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_6_1),
		cmocka_unit_test(test_roundtrip_6_12),
		cmocka_unit_test(test_roundtrip_host),
		cmocka_unit_test(test_render_matches_kernel_format),
		cmocka_unit_test(test_parse_rejects_garbage),
		cmocka_unit_test(test_render_reports_overflow),
		cmocka_unit_test(test_unknown_and_host_lines),
		cmocka_unit_test(test_basic_view),
		cmocka_unit_test(test_limit_capped_at_host),
		cmocka_unit_test(test_v1_memsw),
		cmocka_unit_test(test_v2_swap_limit),
		cmocka_unit_test(test_counters_only),
		cmocka_unit_test(test_host_values_do_not_leak),
		cmocka_unit_test(test_sysinfo_units),
		cmocka_unit_test(test_sysinfo_huge_stays_in_kb),
		cmocka_unit_test(test_invariants_edges),
		cmocka_unit_test(test_put_decimal_property),
		cmocka_unit_test(test_invariants_random),
		cmocka_unit_test(test_rendered_view_reads_back),
	};

	if (argc > 2) {
		fprintf(stderr, "usage: %s [DATA_DIR]\n", argv[0]);
		return 2;
	}
	if (argc == 2)
		data_dir = argv[1];
	return cmocka_run_group_tests_name("memcalc", tests, NULL, NULL);
}
