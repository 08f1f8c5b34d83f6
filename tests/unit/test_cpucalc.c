// SPDX-License-Identifier: GPL-2.0
/*
 * Unit and property tests of cpucalc.c (how many CPUs a container shows,
 * /proc/cpuinfo renumbering, cpu/online) and of the /proc/swaps line.
 *
 * usage: test_cpucalc [DATA_DIR]
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cpucalc.h"
#include "memcalc.h"

static const char *data_dir = "tests/unit/data";

static void test_quota_cpus(void **state)
{
	assert_int_equal(cc_quota_cpus(-1, 100000), CC_NO_LIMIT);
	assert_int_equal(cc_quota_cpus(150000, 100000), 2);	/* 1.5 */
	assert_int_equal(cc_quota_cpus(50000, 100000), 1);	/* 0.5 */
	assert_int_equal(cc_quota_cpus(200000, 100000), 2);
	assert_int_equal(cc_quota_cpus(200001, 100000), 3);
	assert_int_equal(cc_quota_cpus(1000, 1000000), 1);
	assert_int_equal(cc_quota_cpus(0, 100000), 1);
	assert_int_equal(cc_quota_cpus(100000, 0), CC_NO_LIMIT);
}

static void test_visible_cpus(void **state)
{
	assert_int_equal(cc_visible_cpus(2, CC_NO_LIMIT), 2);	/* cpuset 1-2 */
	assert_int_equal(cc_visible_cpus(4, 2), 2);	/* 0-3 under 2 CPUs */
	assert_int_equal(cc_visible_cpus(4, 1), 1);
	assert_int_equal(cc_visible_cpus(1, 8), 1);
	assert_int_equal(cc_visible_cpus(0, CC_NO_LIMIT), 1);
}

static void test_quota_property(void **state)
{
	uint64_t x = 88172645463325252ULL;
	int i;

	for (i = 0; i < 200000; i++) {
		unsigned long long period, quota;
		unsigned int n, set;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		period = 1000 + x % 1000000;
		quota = (x >> 20) % (64 * period);
		n = cc_quota_cpus(quota, period);
		/* enough CPUs for the quota, and not one more */
		assert_true((unsigned long long)n * period >= quota);
		assert_true(n == 1 ||
			    (unsigned long long)(n - 1) * period < quota);
		set = 1 + (x >> 40) % 64;
		n = cc_visible_cpus(set, n);
		assert_true(n >= 1 && n <= set);
	}
}

static void test_print_range(void **state)
{
	char buf[32];
	unsigned long n;

	n = cc_print_range(buf, sizeof(buf), 1);
	assert_int_equal(n, 2);
	assert_memory_equal(buf, "0\n", 2);
	n = cc_print_range(buf, sizeof(buf), 4);
	assert_memory_equal(buf, "0-3\n", n);
	n = cc_print_range(buf, sizeof(buf), 128);
	assert_memory_equal(buf, "0-127\n", n);
	assert_int_equal(cc_print_range(buf, 2, 128), 6);
}

static const char cpu7[] =
	"processor\t: 7\n"
	"vendor_id\t: GenuineIntel\n"
	"physical id\t: 1\n"
	"siblings\t: 16\n"
	"core id\t\t: 11\n"
	"cpu cores\t: 8\n"
	"apicid\t\t: 23\n"
	"initial apicid\t: 23\n"
	"fpu\t\t: yes\n"
	"flags\t\t: fpu vme de\n"
	"\n";

static void test_cpuinfo_rewrite(void **state)
{
	char buf[512];
	unsigned long n;

	strcpy(buf, cpu7);
	n = cc_cpuinfo_rewrite(buf, strlen(cpu7), sizeof(buf), 1, 2);
	buf[n] = 0;
	assert_string_equal(buf,
			    "processor\t: 1\n"
			    "vendor_id\t: GenuineIntel\n"
			    "physical id\t: 0\n"
			    "siblings\t: 2\n"
			    "core id\t\t: 1\n"
			    "cpu cores\t: 2\n"
			    "apicid\t\t: 1\n"
			    "initial apicid\t: 1\n"
			    "fpu\t\t: yes\n"
			    "flags\t\t: fpu vme de\n"
			    "\n");
	/* numbers may grow: more room is asked for, not overrun */
	strcpy(buf, cpu7);
	n = cc_cpuinfo_rewrite(buf, strlen(cpu7), strlen(cpu7), 100, 1000);
	assert_true(n > strlen(cpu7));
}

static void test_cpuinfo_real_blocks(void **state)
{
	char path[512], buf[1 << 16], *p;
	unsigned long len, n;
	unsigned int cpus = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/cpuinfo-6.1-smp4.txt", data_dir);
	f = fopen(path, "r");
	assert_non_null(f);
	len = fread(buf, 1, sizeof(buf) / 2, f);
	fclose(f);
	n = cc_cpuinfo_rewrite(buf, len, sizeof(buf), 0, 1);
	buf[n] = 0;
	/* every CPU's block renumbered, nothing else touched */
	for (p = buf; (p = strstr(p, "processor\t: ")); p++) {
		assert_int_equal(atoi(p + 12), 0);
		cpus++;
	}
	assert_int_equal(cpus, 4);
	assert_non_null(strstr(buf, "cpu cores\t: 1\n"));
	assert_null(strstr(buf, "processor\t: 3"));
	assert_non_null(strstr(buf, "model name\t:"));
}

/*
 * What cc_cpuinfo_rewrite() must give, built apart into @out: each
 * renumbered key's digits after ": " replaced by its new value.
 */
static unsigned long cpuinfo_oracle(const char *text, unsigned long len,
				    char *out, unsigned int index,
				    unsigned int count)
{
	static const char * const keys[] = { "processor", "core id", "apicid",
		"initial apicid", "siblings", "cpu cores", "physical id" };
	unsigned long pos = 0, o = 0;

	while (pos < len) {
		const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
		unsigned long l = nl ? (unsigned long)(nl - line) : len - pos;
		unsigned long k, c = 0, d;
		int key = -1;

		for (k = 0; k < 7 && key < 0; k++) {
			size_t kl = strlen(keys[k]);

			for (c = kl; c < l && line[c] == '\t'; c++)
				;
			if (l > kl && !strncmp(line, keys[k], kl) && c < l &&
			    line[c] == ':')
				key = k;
		}
		if (key < 0) {
			memcpy(out + o, line, l);
			o += l;
		} else {
			for (c++; c < l && line[c] == ' '; c++)
				;
			for (d = c; d < l && line[d] >= '0' && line[d] <= '9'; d++)
				;
			memcpy(out + o, line, c);
			o += c;
			o += sprintf(out + o, "%u", key < 4 ? index :
				     key < 6 ? count : 0);
			memcpy(out + o, line + d, l - d);
			o += l - d;
		}
		if (nl)
			out[o++] = '\n';
		pos += l + 1;
	}
	return o;
}

/* Random blocks of many CPUs: the same text as the oracle's, any room. */
static void test_cpuinfo_rewrite_property(void **state)
{
	static const char * const lines[] = { "processor\t: %u", "core id\t\t: %u",
		"apicid\t\t: %u", "initial apicid\t: %u", "siblings\t: %u",
		"cpu cores\t: %u", "physical id\t: %u", "cpu MHz\t\t: %u.000",
		"flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep", "",
		"power management:", "core id\t\t: ", "processors\t: %u" };
	static char text[1 << 14], want[1 << 15], got[1 << 15];
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	int round;

	for (round = 0; round < 20000; round++) {
		unsigned long len = 0, n, w, cap;
		unsigned int index, count, i, nlines;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		nlines = 1 + x % 120;
		index = (x >> 8) % 3 ? (x >> 12) % 10 : (x >> 12) % 100000;
		count = (x >> 30) % 3 ? (x >> 32) % 10 : (x >> 32) % 100000;
		for (i = 0; i < nlines; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			len += sprintf(text + len, lines[x % 13],
				       (unsigned int)((x >> 20) % 4 ?
						      (x >> 24) % 10 :
						      (x >> 24) % 1000000));
			if (i + 1 < nlines || (x >> 50) & 1)
				text[len++] = '\n';
		}
		w = cpuinfo_oracle(text, len, want, index, count);
		memcpy(got, text, len);
		n = cc_cpuinfo_rewrite(got, len, sizeof(got), index, count);
		assert_int_equal(n, w);
		assert_memory_equal(got, want, w);
		/* too little room: the length needed, nothing past the room */
		cap = w ? w - 1 : 0;
		if (w > len) {
			memcpy(got, text, len);
			memset(got + len, 'Z', sizeof(got) - len);
			n = cc_cpuinfo_rewrite(got, len, cap, index, count);
			assert_true(n > cap);
			for (i = cap; i < sizeof(got); i++)
				assert_true(got[i] == 'Z' || i < len);
		}
	}
}

static void test_swap_line(void **state)
{
	char buf[256];
	unsigned long n;
	static const char dev[] =
		"/dev/zram0                              partition\t65532\t\t"
		"12\t\t-2\n";
	static const char file[] =
		"/swapfile                               file\t\t12582908\t"
		"0\t\t-3\n";

	strcpy(buf, dev);
	n = mc_swap_line(buf, strlen(dev), sizeof(buf), 32768, 100);
	buf[n] = 0;
	assert_string_equal(buf,
			    "/dev/zram0                              partition\t"
			    "32768\t\t100\t\t-2\n");
	strcpy(buf, file);
	n = mc_swap_line(buf, strlen(file), sizeof(buf), 524288, 10000001);
	buf[n] = 0;
	assert_string_equal(buf,
			    "/swapfile                               file\t\t"
			    "524288\t\t10000001\t-3\n");
	strcpy(buf, "garbage\n");
	assert_int_equal(mc_swap_line(buf, 8, sizeof(buf), 1, 1), 0);
	/* a type other than partition or file, and a path named like one */
	strcpy(buf, "/dev/x                                  zone\t1\t\t1\t\t-2\n");
	assert_int_equal(mc_swap_line(buf, strlen(buf), sizeof(buf), 1, 1), 0);
	strcpy(buf, "/file                                   file\t1\t\t1\t\t-2\n");
	assert_int_equal(mc_swap_line(buf, strlen(buf), sizeof(buf), 1, 1), 0);
	strcpy(buf, "/partition/file          partition\t65532\t\t12\t\t-2\n");
	n = mc_swap_line(buf, strlen(buf), sizeof(buf), 7, 3);
	buf[n] = 0;
	assert_string_equal(buf, "/partition/file          partition\t7\t\t3\t\t-2\n");
	strcpy(buf, dev);
	assert_true(mc_swap_line(buf, strlen(dev), strlen(dev), 1ULL << 40,
				 1ULL << 40) > strlen(dev));
}

static void test_load_ewma(void **state)
{
	unsigned long a[3] = { 0, 0, 0 };
	int i;

	/* two busy tasks from idle: 2 (1 - e^(-t/60)) passes 1 at 41.6 s */
	for (i = 1; i <= 8; i++)
		cc_load_update(a, 2);
	assert_true(a[0] < CC_FIXED_1);		/* 40 s */
	cc_load_update(a, 2);
	assert_true(a[0] > CC_FIXED_1);		/* 45 s */
	assert_true(a[1] < a[0] && a[2] < a[1]);
	/* it converges to the number of tasks and never overshoots */
	for (i = 0; i < 2000; i++)
		cc_load_update(a, 2);
	assert_int_equal(a[0], 2 * CC_FIXED_1);
	assert_int_equal(a[2], 2 * CC_FIXED_1);
	/* and decays back to 0 */
	for (i = 0; i < 2000; i++)
		cc_load_update(a, 0);
	assert_int_equal(a[0], 0);
	cc_load_seed(a, 3);
	assert_int_equal(a[1], 3 * CC_FIXED_1);
}

static void test_tasks_fit_property(void **state)
{
	uint64_t x = 2463534242ULL;
	int i;

	for (i = 0; i < 200000; i++) {
		unsigned int threads, running, blocked, t, r, b;
		int live;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		threads = x % 20000;
		running = (x >> 16) % 20000;
		blocked = (x >> 32) % 20000;
		live = (x >> 48) & 1;
		t = threads;
		r = running;
		b = blocked;
		cc_tasks_fit(&t, &r, &b, live);
		assert_true(r + b <= t);
		if (live) {	/* the live count stays, the others only drop */
			assert_int_equal(t, threads);
			assert_true(r <= running && b <= blocked);
		} else {	/* the others stay, the thread count only rises */
			assert_int_equal(r, running);
			assert_int_equal(b, blocked);
			assert_true(t >= threads);
		}
		/* consistent counts are left alone */
		if (running + blocked <= threads)
			assert_true(t == threads && r == running && b == blocked);
	}
}

static void test_calc_load_matches_kernel(void **state)
{
	/* the kernel's calc_load(), as in include/linux/sched/loadavg.h */
	unsigned long load = 1234, active = 3 * CC_FIXED_1, want;

	want = (load * CC_EXP_1 + active * (CC_FIXED_1 - CC_EXP_1) +
		CC_FIXED_1 - 1) / CC_FIXED_1;
	assert_int_equal(cc_calc_load(load, CC_EXP_1, active), want);
	load = 5 * CC_FIXED_1;
	want = (load * CC_EXP_5 + active * (CC_FIXED_1 - CC_EXP_5)) /
	       CC_FIXED_1;
	assert_int_equal(cc_calc_load(load, CC_EXP_5, active), want);
}

static uint64_t xorshift(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* A read that shows lines, as /proc/stat's: the cpu line, then the lines. */
static void stat_next(struct cc_stat_seen *seen, unsigned int n,
		      const struct cc_usage *u, unsigned long long elapsed,
		      struct cc_cpu_times *total, struct cc_cpu_times *per,
		      int given)
{
	cc_stat_total(seen, n, u, elapsed, total);
	cc_stat_lines(seen, n, u, elapsed, per, given);
}

/* A container's first read: its seen state starts empty. */
static void stat_read(struct cc_stat_seen *seen, struct cc_stat_line *lines,
		      unsigned int n, const struct cc_usage *u,
		      unsigned long long elapsed, struct cc_cpu_times *total,
		      struct cc_cpu_times *per, int given)
{
	memset(seen, 0, sizeof(*seen));
	seen->lines = lines;
	stat_next(seen, n, u, elapsed, total, per, given);
}

static void test_stat_times(void **state)
{
	static const unsigned long long rest[3] = { 5, 0, 301 };
	struct cc_cpu_times total, per[3];
	struct cc_stat_line lines[3];
	struct cc_stat_seen seen;
	struct cc_usage u = { .user = 1000000, .system = 200000 };

	/* the cpu line in us, the cpuN lines in ns */
	stat_read(&seen, lines, 3, &u, 5000000, &total, per, 0);
	assert_int_equal(total.t[CS_USER], 1000);
	assert_int_equal(total.t[CS_SYSTEM], 200);
	assert_int_equal(per[0].t[CS_USER], 333334);
	assert_int_equal(per[2].t[CS_USER], 333333);
	/* idle: what is left of each CPU's elapsed time */
	assert_int_equal(total.t[CS_IDLE], 3 * 5000 - 1200);
	assert_int_equal(per[2].t[CS_IDLE], 5000000 - 333333 - 66666);
	/* nice and steal: their own columns, out of the idle time */
	u.nice = 300000;
	u.steal = 3000000;
	stat_read(&seen, lines, 3, &u, 5000000, &total, per, 0);
	assert_int_equal(total.t[CS_NICE], 300);
	assert_int_equal(per[1].t[CS_NICE], 100000);
	assert_int_equal(total.t[CS_STEAL], 3000);
	assert_int_equal(per[0].t[CS_STEAL], 1000000);
	assert_int_equal(total.t[CS_IDLE], 3 * 5000 - 1200 - 300 - 3000);
	/* steal only where a CPU has room: never more than its time */
	u.steal = 30000000;
	stat_read(&seen, lines, 3, &u, 5000000, &total, per, 0);
	assert_int_equal(total.t[CS_IDLE], 0);
	assert_int_equal(total.t[CS_STEAL], 3 * 5000 - 1500);
	assert_int_equal(per[2].t[CS_IDLE], 0);
	assert_int_equal(per[2].t[CS_USER] + per[2].t[CS_NICE] +
			 per[2].t[CS_SYSTEM] + per[2].t[CS_STEAL], 5000000);
	/* the kernel's per-CPU times, as given */
	u.steal = 0;
	per[0].t[CS_USER] = 4000000;
	per[0].t[CS_NICE] = 0;
	per[0].t[CS_SYSTEM] = 500000;
	per[1].t[CS_USER] = 10000;
	per[1].t[CS_NICE] = 20000;
	per[1].t[CS_SYSTEM] = 30000;
	per[2].t[CS_USER] = 0;
	per[2].t[CS_NICE] = 0;
	per[2].t[CS_SYSTEM] = 0;
	stat_read(&seen, lines, 3, &u, 5000000, &total, per, 1);
	assert_int_equal(per[0].t[CS_USER], 4000000);
	assert_int_equal(per[0].t[CS_IDLE], 500000);
	assert_int_equal(per[1].t[CS_NICE], 20000);
	assert_int_equal(per[2].t[CS_IDLE], 5000000);
	/* what it used on CPUs it does not see, spread over those it does */
	cc_stat_spread(per, 3, rest);
	assert_int_equal(per[0].t[CS_USER], 4000002);
	assert_int_equal(per[1].t[CS_USER], 10002);
	assert_int_equal(per[2].t[CS_USER], 1);
	assert_int_equal(per[0].t[CS_SYSTEM] + per[1].t[CS_SYSTEM] +
			 per[2].t[CS_SYSTEM], 530000 + 301);
	assert_int_equal(per[2].t[CS_NICE], 0);
	/* more use than elapsed time (a cgroup older than its init) */
	u = (struct cc_usage){ .user = 9000000 };
	stat_read(&seen, lines, 1, &u, 5000000, &total, per, 0);
	assert_int_equal(total.t[CS_IDLE], 0);
	assert_int_equal(per[0].t[CS_IDLE], 0);
}

/*
 * Idle counts at the CPUs a container has now: a cut keeps what was
 * counted before it, CPUs that come add only from then on, and a line
 * whose CPU goes keeps its counts for when it comes back.
 */
static void test_stat_cpus_change(void **state)
{
	const unsigned long long s = 1000000000;	/* ns */
	struct cc_cpu_times total, per[5];
	struct cc_stat_line lines[5];
	struct cc_stat_seen seen;
	struct cc_usage u = { 0 };

	/* 4 CPUs, idle for 100 s: 400 s of idle, 100 on each line */
	stat_read(&seen, lines, 4, &u, 100 * s, &total, per, 0);
	assert_int_equal(total.t[CS_IDLE], 400 * 1000000ULL);
	assert_int_equal(per[3].t[CS_IDLE], 100 * s);
	/* cut to 2: 10 s later 20 s more, not frozen until 2 x uptime > 400 */
	stat_next(&seen, 2, &u, 110 * s, &total, per, 0);
	assert_int_equal(total.t[CS_IDLE], 420 * 1000000ULL);
	assert_int_equal(per[0].t[CS_IDLE], 110 * s);
	/* 15 s at 2, 2 s of it busy: 28 s more */
	u.user = 2 * s;
	stat_next(&seen, 2, &u, 125 * s, &total, per, 0);
	assert_int_equal(total.t[CS_IDLE], 448 * 1000000ULL);
	assert_int_equal(total.t[CS_USER], 2 * 1000000ULL);
	assert_int_equal(per[1].t[CS_IDLE], 124 * s);
	/* 5 CPUs: no jump; the lines back from 4 go on from 100 s */
	stat_next(&seen, 5, &u, 130 * s, &total, per, 0);
	assert_int_equal(total.t[CS_IDLE], 458 * 1000000ULL);
	assert_int_equal(per[1].t[CS_IDLE], 129 * s);
	assert_int_equal(per[3].t[CS_IDLE], 100 * s);
	assert_int_equal(per[4].t[CS_IDLE], 0);
	/* and from then on at 5 */
	stat_next(&seen, 5, &u, 140 * s, &total, per, 0);
	assert_int_equal(total.t[CS_IDLE], 508 * 1000000ULL);
	assert_int_equal(per[3].t[CS_IDLE], 110 * s);
	assert_int_equal(per[4].t[CS_IDLE], 10 * s);
	/* reads that show no lines (uptime) count the cpu line alone */
	cc_stat_total(&seen, 1, &u, 150 * s, &total);
	assert_int_equal(total.t[CS_IDLE], 518 * 1000000ULL);
	stat_next(&seen, 1, &u, 160 * s, &total, per, 0);
	assert_int_equal(total.t[CS_IDLE], 528 * 1000000ULL);
	assert_int_equal(per[0].t[CS_IDLE], 159 * s);
}

/*
 * The kernel's per-CPU times on a first read: each line adds up to its
 * elapsed time (or to its use, where that is more), and steal fills a
 * CPU's room up to its even share, never more.
 */
static void test_stat_given_property(void **state)
{
	struct cc_cpu_times total, per[16];
	unsigned long long t, busy, want;
	struct cc_stat_line lines[16];
	struct cc_usage u = { 0 };
	struct cc_stat_seen seen;
	uint64_t x = 4242;
	unsigned int n, r, i;

	for (r = 0; r < 100000; r++) {
		xorshift(&x);
		n = 1 + x % 16;
		t = (x >> 8) % 1000000;
		u.steal = r & 1 ? (x >> 20) % (16 * 1000000ULL) : 0;
		for (i = 0; i < n; i++) {
			xorshift(&x);
			per[i].t[CS_USER] = x % (r & 2 ? 2000000 : 300000);
			per[i].t[CS_NICE] = r & 4 ? (x >> 21) % 100000 : 0;
			per[i].t[CS_SYSTEM] = (x >> 42) % 300000;
			per[i].t[CS_IOWAIT] = 77;	/* overwritten */
		}
		stat_read(&seen, lines, n, &u, t, &total, per, 1);
		for (i = 0; i < n; i++) {
			busy = per[i].t[CS_USER] + per[i].t[CS_NICE] +
			       per[i].t[CS_SYSTEM];
			want = u.steal / n + (i < u.steal % n);
			assert_true(per[i].t[CS_IOWAIT] == 0);
			assert_true(busy + per[i].t[CS_STEAL] +
				    per[i].t[CS_IDLE] == (busy > t ? busy : t));
			assert_true(per[i].t[CS_STEAL] <= want);
			assert_true(per[i].t[CS_STEAL] == want ||
				    per[i].t[CS_IDLE] == 0);
		}
	}
}


/* One random read's inputs, and the rounds' shapes. */
struct cpus_change_round {
	unsigned int max_cpus;	/* CPU counts from 1 to this */
	int fits;		/* use within what the CPUs had */
	int fixed;		/* one CPU count all along */
	int big;		/* 8,192 CPUs, years between reads */
};

static void stat_lines_check(const struct cc_stat_seen *seen,
			     const struct cc_cpu_times *per,
			     struct cc_cpu_times *prev,
			     unsigned long long *line_cap, unsigned int n,
			     int exact)
{
	unsigned long long sum;
	unsigned int i, f;

	for (i = 0; i < n; i++) {
		for (f = 0; f < CS_NR; f++)
			assert_true(per[i].t[f] >= prev[i].t[f]);
		/* idle grows by no more than the line's time shown */
		assert_true(per[i].t[CS_IDLE] - prev[i].t[CS_IDLE] <=
			    line_cap[i] - (prev[i].t[CS_IDLE] +
			    prev[i].t[CS_USER] + prev[i].t[CS_NICE] +
			    prev[i].t[CS_SYSTEM] + prev[i].t[CS_STEAL]) ||
			    per[i].t[CS_IDLE] == prev[i].t[CS_IDLE]);
		sum = per[i].t[CS_USER] + per[i].t[CS_NICE] +
		      per[i].t[CS_SYSTEM] + per[i].t[CS_STEAL] +
		      per[i].t[CS_IDLE];
		assert_true(sum >= line_cap[i]);
		if (exact)
			assert_true(sum == line_cap[i]);
		prev[i] = per[i];
	}
}

/*
 * Random reads over random CPU-count changes, use and elapsed time, some
 * showing lines and some the cpu line alone (uptime), some with bursts of
 * use beyond what the CPUs had:
 * - no counter of the cpu line or of a line goes back;
 * - the cpu line's idle grows between two reads by at most the fewer of
 *   their CPUs times the time between them: no jump when CPUs come;
 * - while the use fits, it is exactly the CPU time its CPUs had less its
 *   use, counted read by read at each read's CPUs: after a cut it counts
 *   on at the new number at once;
 * - each line's counters add up to at least its own time shown, exactly
 *   while the use fits and the CPUs stay;
 * - 8,192 CPUs over about 70 years: exact while 64 bits of us hold it,
 *   then at the most, never wrapping.
 */
static void test_stat_cpus_change_property(void **state)
{
	enum { MAX_CPUS = 8192, ROUNDS = 400 };
	struct cc_cpu_times *per = calloc(MAX_CPUS, sizeof(*per));
	struct cc_cpu_times *prev = calloc(MAX_CPUS, sizeof(*prev));
	struct cc_stat_line *lines = calloc(MAX_CPUS, sizeof(*lines));
	unsigned long long *line_cap = calloc(MAX_CPUS, sizeof(*line_cap));
	unsigned long long t, dt, busy, lines_t = 0;
	unsigned int r, i, f, n, n_last, lines_shown, had, reads;
	struct cc_cpu_times total, last;
	struct cpus_change_round k;
	struct cc_stat_seen seen;
	struct cc_usage u;
	uint64_t x = 777;
	__uint128_t cap;
	int round, saturated = 0;

	assert_non_null(per);
	assert_non_null(prev);
	assert_non_null(lines);
	assert_non_null(line_cap);
	for (round = 0; round < ROUNDS; round++) {
		k.big = round >= ROUNDS - 4;
		k.max_cpus = k.big ? MAX_CPUS : 1 + round % 64;
		k.fits = round % 3 != 0;
		k.fixed = round % 5 == 1 && !k.big;
		memset(&seen, 0, sizeof(seen));
		seen.lines = lines;
		memset(&u, 0, sizeof(u));
		memset(&last, 0, sizeof(last));
		memset(prev, 0, MAX_CPUS * sizeof(*prev));
		t = 0;
		cap = 0;
		n_last = 0;
		lines_shown = 0;
		had = 0;
		reads = k.big ? 120 : 300;
		for (r = 0; r < reads; r++) {
			xorshift(&x);
			n = k.big ? MAX_CPUS - x % 3 :
			    k.fixed ? k.max_cpus : 1 + (x >> 3) % k.max_cpus;
			/* at least 1 ms: a read's CPU time is whole us */
			dt = k.big ? (x >> 4) % (1ULL << 57) :
			     1000000 + (x >> 10) % 10000000000ULL;
			t += dt;
			/* use within what the CPUs had since, or bursts */
			if (k.big)	/* fits: less than a CPU's time */
				busy = (x >> 20) % (dt / 4 + 1);
			else if (!r)
				busy = k.fits ? 0 : (x >> 20) % (10 * dt);
			else if (k.fits)
				busy = (x >> 20) %
				       ((n < n_last ? n : n_last) * (dt / 4) + 1);
			else
				busy = (x >> 20) % (10 * dt + 1);
			u.user += busy / 2;
			u.system += busy / 4;
			u.nice += busy / 8;
			u.steal += busy / 8;
			/* the expected CPU time: the rule's own arithmetic */
			if (!r)
				cap = (__uint128_t)n * (t / 1000);
			else
				cap += (__uint128_t)(n < n_last ? n : n_last) *
				       (t / 1000 - (t - dt) / 1000);
			cc_stat_total(&seen, n, &u, t, &total);
			for (f = 0; f < CS_NR; f++)
				assert_true(total.t[f] >= last.t[f]);
			if (r)
				assert_true(total.t[CS_IDLE] - last.t[CS_IDLE] <=
					    (__uint128_t)(n < n_last ? n : n_last) *
					    (t / 1000 - (t - dt) / 1000));
			busy = total.t[CS_USER] + total.t[CS_NICE] +
			       total.t[CS_SYSTEM] + total.t[CS_STEAL];
			if (k.fits && cap < ~0ULL)
				assert_true(total.t[CS_IDLE] + (__uint128_t)busy ==
					    cap);
			if (cap >= ~0ULL) {	/* held at the most */
				saturated++;
				assert_true(total.t[CS_IDLE] == ~0ULL - busy ||
					    total.t[CS_IDLE] ==
					    last.t[CS_IDLE]);
			}
			last = total;
			n_last = n;
			if (k.big || (x >> 60) % 3 == 0)
				continue;	/* uptime's read: no lines */
			cc_stat_lines(&seen, n, &u, t, per, 0);
			for (i = 0; i < n; i++)
				if (!lines_t && !lines_shown)
					line_cap[i] = t;
				else if (i < lines_shown)
					line_cap[i] += t - lines_t;
				else if (i >= had)
					line_cap[i] = 0;
			stat_lines_check(&seen, per, prev, line_cap, n,
					 k.fits && k.fixed);
			lines_t = t;
			lines_shown = n;
			if (n > had)
				had = n;
		}
		lines_t = 0;
	}
	assert_true(saturated > 0);	/* the big rounds got there */
	free(per);
	free(prev);
	free(lines);
	free(line_cap);
}

/*
 * processes only grows: by what the last PID grew, and across a wrap at
 * pid_max by the PIDs handed out again from the reserved ones.
 */
static void test_processes(void **state)
{
	struct cc_pids p = { 0 };
	unsigned long long last = 0, now;
	unsigned int pid = 0, r;
	uint64_t x = 99;

	assert_int_equal(cc_processes(&p, 57), 57);
	assert_int_equal(cc_processes(&p, 57), 57);
	assert_int_equal(cc_processes(&p, 1000), 1000);
	/* wrapped at pid_max: 300 to 310 */
	assert_int_equal(cc_processes(&p, 310), 1011);
	assert_int_equal(cc_processes(&p, 320), 1021);
	assert_int_equal(cc_processes(&p, 12), 1021);
	/* random PIDs: never back; exact while they do not wrap */
	memset(&p, 0, sizeof(p));
	for (r = 0; r < 100000; r++) {
		xorshift(&x);
		if (x % 50 == 0)
			pid = x >> 40;	/* anything, a wrap among it */
		else
			pid += (x >> 8) % 100;
		now = cc_processes(&p, pid);
		assert_true(now >= last);
		if (x % 50 && r)
			assert_true(now - last == (x >> 8) % 100);
		last = now;
	}
}

static void test_stat_lines(void **state)
{
	static const struct cc_key keys[] = {
		CC_KEY("btime "), CC_KEY("processes "), CC_KEY("procs_running ")
	};
	static const struct cc_key missing[] = { CC_KEY("nothing ") };
	static const struct cc_key reversed[] = {
		CC_KEY("processes "), CC_KEY("btime ")
	};
	static const struct cc_key big_key[] = { CC_KEY("ctxt ") };
	static const struct cc_key intr = CC_KEY("intr ");
	static const unsigned long long values[] = { 1800000000, 7, 12 };
	static const unsigned long long big[] = { 1ULL << 60 };
	struct cc_cpu_times total, per[2];
	char head[512], text[512];
	unsigned long n, len;
	static const char kernel[] =
		"cpu  1 2 3 4 5 6 7 8 9 10\n"
		"cpu0 1 2 3 4 5 6 7 8 9 10\n"
		"cpu1 1 2 3 4 5 6 7 8 9 10\n"
		"cpu2 1 2 3 4 5 6 7 8 9 10\n"
		"intr 99 1 2\n"
		"ctxt 123\n"
		"btime 1700000000\n"
		"processes 4567\n"
		"procs_running 3\n"
		"procs_blocked 0\n"
		"softirq 5 1 1\n";

	struct cc_stat_line seen_lines[2];
	struct cc_stat_seen seen;

	stat_read(&seen, seen_lines, 2, &(struct cc_usage){ .user = 300000000,
							   .system = 100000000 },
		  1000000000, &total, per, 0);
	n = cc_stat_cpu_lines(head, sizeof(head), 2, &total, per, 10000000);
	head[n] = 0;
	assert_string_equal(head,
			    "cpu  30 0 10 160 0 0 0 0 0 0\n"
			    "cpu0 15 0 5 80 0 0 0 0 0 0\n"
			    "cpu1 15 0 5 80 0 0 0 0 0 0\n");
	strcpy(text, kernel);
	len = cc_replace_head(text, strlen(kernel), sizeof(text), &intr,
			      head, n);
	len = cc_set_numbers(text, len, sizeof(text), 0, keys, values, 3);
	text[len] = 0;
	assert_string_equal(text,
			    "cpu  30 0 10 160 0 0 0 0 0 0\n"
			    "cpu0 15 0 5 80 0 0 0 0 0 0\n"
			    "cpu1 15 0 5 80 0 0 0 0 0 0\n"
			    "intr 99 1 2\n"
			    "ctxt 123\n"
			    "btime 1800000000\n"
			    "processes 7\n"
			    "procs_running 12\n"
			    "procs_blocked 0\n"
			    "softirq 5 1 1\n");
	assert_int_equal(cc_set_numbers(text, len, sizeof(text), 0, missing,
					values, 1), 0);
	/* a key before the one before it is not found */
	assert_int_equal(cc_set_numbers(text, len, sizeof(text), 0, reversed,
					values, 2), 0);
	/* too long: the length it would need, and the text untouched */
	memcpy(head, text, len);
	assert_true(cc_set_numbers(text, len, len, 0, big_key, big, 1) > len);
	assert_memory_equal(head, text, len);
}

/* A line search a byte at a time: the oracle */
static unsigned long ref_line_at(const char *text, unsigned long len,
				 unsigned long pos, const char *key)
{
	unsigned long i;

	while (pos < len) {
		for (i = 0; key[i] && pos + i < len && text[pos + i] == key[i];
		     i++)
			;
		if (!key[i])
			return pos;
		while (pos < len && text[pos] != '\n')
			pos++;
		pos++;
	}
	return len;
}

/* The last line that starts with the key, as a forward scan finds it. */
static void test_last_line_property(void **state)
{
	static const char key[] = "btime ";
	static const struct cc_key btime = CC_KEY("btime ");
	static char text[2048];
	unsigned int round, seed = 7;

	assert_int_equal(cc_last_line("", 0, &btime), 0);
	assert_int_equal(cc_last_line("btime 1", 7, &btime), 0);
	assert_int_equal(cc_last_line("x\nbtime 1\n", 10, &btime), 2);
	assert_int_equal(cc_last_line("btime 1\nbtime", 13, &btime), 0);
	for (round = 0; round < 50000; round++) {
		unsigned long len = 0, want, pos;

		while (len < sizeof(text) - 80 && rand_r(&seed) % 12) {
			unsigned long n = rand_r(&seed) % 20, i;

			/* bytes one bit from '\n', where a word scan may err */
			if (rand_r(&seed) % 4 == 0)
				text[len++] = "\x0b\x8a\x0b"[rand_r(&seed) % 3];
			if (rand_r(&seed) % 4 == 0) {	/* the key, or "btime" */
				unsigned long k = 6 - rand_r(&seed) % 2;

				memcpy(text + len, key, k);
				len += k;
			}
			for (i = 0; i < n; i++)
				text[len++] = 'a' + rand_r(&seed) % 3;
			text[len++] = '\n';
		}
		len -= len && rand_r(&seed) % 2;	/* no last '\n' */
		want = len;
		for (pos = 0; pos < len; pos++)
			if ((pos == 0 || text[pos - 1] == '\n') &&
			    len - pos >= 6 && !memcmp(text + pos, key, 6))
				want = pos;
		assert_int_equal(cc_last_line(text, len, &btime), want);
	}
}

/*
 * cc_set_numbers() against the keys set one by one, a byte at a time:
 * random lines, some with the keys, some almost; keys set in order from a
 * random line; room to spare or not.
 */
static void test_set_numbers_property(void **state)
{
	/* 6, 10 and 14 bytes: shorter than a word, one and a bit, two less 2 */
	static const struct cc_key all[] = {
		CC_KEY("btime "), CC_KEY("processes "), CC_KEY("procs_running "),
		CC_KEY("procs_runnin"), CC_KEY("bt")
	};
	static char text[4096], copy[4096 + 64], want[4096 + 64];
	struct cc_key keys[4];
	unsigned long long values[4];
	unsigned long len, start, at, want_len, got, cap, num, end;
	unsigned int round, seed = 2016, n, k;

	for (round = 0; round < 20000; round++) {
		len = 0;
		while (len < sizeof(text) - 64 && rand_r(&seed) % 40) {
			unsigned long nb = rand_r(&seed) % 70, i;
			const struct cc_key *key = &all[rand_r(&seed) % 5];

			if (rand_r(&seed) % 4 == 0) {	/* a key's line */
				memcpy(text + len, key->text, key->len);
				len += key->len;
			}
			for (i = 0; i < nb; i++)
				text[len++] = rand_r(&seed) % 4 ? (char)('0' + i % 10) :
					"\x80 \t\xff\x0b\x09\x8a"[i % 7];
			text[len++] = '\n';
		}
		len -= rand_r(&seed) % 2 && len;	/* no last '\n' */
		start = len ? rand_r(&seed) % (len + 1) : 0;
		/* a line starts at @start, as the callers' @from does */
		while (start && text[start - 1] != '\n')
			start--;
		n = 1 + rand_r(&seed) % 4;
		for (k = 0; k < n; k++) {
			keys[k] = all[rand_r(&seed) % 3];
			values[k] = (unsigned long long)rand_r(&seed) <<
				    (rand_r(&seed) % 3 ? 0 : 30);
		}
		/* the oracle: each key from the line after the last one's */
		memcpy(want, text, len);
		want_len = len;
		at = start;
		for (k = 0; k < n; k++) {
			char digits[24];
			int nd;

			at = ref_line_at(want, want_len, at, keys[k].text);
			if (at >= want_len)
				break;
			num = at + keys[k].len;
			for (end = num; end < want_len && want[end] >= '0' &&
			     want[end] <= '9'; end++)
				;
			nd = snprintf(digits, sizeof(digits), "%llu", values[k]);
			memmove(want + num + nd, want + end, want_len - end);
			memcpy(want + num, digits, nd);
			want_len = want_len - (end - num) + nd;
			while (at < want_len && want[at] != '\n')
				at++;
			at++;
		}
		memcpy(copy, text, len);
		cap = rand_r(&seed) % 2 ? sizeof(copy) : len;
		got = cc_set_numbers(copy, len, cap, start, keys, values, n);
		if (k < n) {
			assert_int_equal(got, 0);
		} else if (want_len > cap) {
			assert_int_equal(got, want_len);
			assert_memory_equal(copy, text, len);
		} else {
			assert_int_equal(got, want_len);
			assert_memory_equal(copy, want, want_len);
		}
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quota_cpus),
		cmocka_unit_test(test_visible_cpus),
		cmocka_unit_test(test_quota_property),
		cmocka_unit_test(test_print_range),
		cmocka_unit_test(test_cpuinfo_rewrite),
		cmocka_unit_test(test_cpuinfo_real_blocks),
		cmocka_unit_test(test_cpuinfo_rewrite_property),
		cmocka_unit_test(test_swap_line),
		cmocka_unit_test(test_load_ewma),
		cmocka_unit_test(test_tasks_fit_property),
		cmocka_unit_test(test_calc_load_matches_kernel),
		cmocka_unit_test(test_stat_times),
		cmocka_unit_test(test_stat_cpus_change),
		cmocka_unit_test(test_stat_given_property),
		cmocka_unit_test(test_stat_cpus_change_property),
		cmocka_unit_test(test_processes),
		cmocka_unit_test(test_stat_lines),
		cmocka_unit_test(test_set_numbers_property),
		cmocka_unit_test(test_last_line_property),
	};

	if (argc > 2) {
		fprintf(stderr, "usage: %s [DATA_DIR]\n", argv[0]);
		return 2;
	}
	if (argc == 2)
		data_dir = argv[1];
	return cmocka_run_group_tests_name("cpucalc", tests, NULL, NULL);
}
