// SPDX-License-Identifier: GPL-2.0
/*
 * viewclass: read every view N times and sort every answer: the
 * container's view, the host's, an error (by errno), or bad (neither, or
 * not consistent in itself). For fault injection, where a read may fail
 * but must never be half a view. Memory views are told apart by their
 * total, CPU views by their number of CPUs; uptime, loadavg and swaps have
 * no such mark and count as "view" whenever they parse and agree in
 * themselves.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#include "sysinfo32.h"

enum { VIEW, HOST, ERROR, BAD, NR_CLASSES };
static const char * const class_names[] = { "view", "host", "error", "bad" };

static long want_kb[2], want_cpus[2];	/* [0] the view, [1] the host */
static char buf[65536];
static struct sysinfo32 *si32;

/* Fault injection's task filter: only tasks marked so get failures. */
static int make_it_fail(int on)
{
	int fd = open("/proc/self/make-it-fail", O_WRONLY);
	int ok = fd >= 0 && write(fd, on ? "1" : "0", 1) == 1;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static int slurp(const char *path)
{
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return n < 0 ? -1 : 0;
}

static long field(const char *name)
{
	const char *p = strstr(buf, name);

	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

static int by_total(long kb)
{
	if (kb == want_kb[0])
		return VIEW;
	return kb == want_kb[1] ? HOST : BAD;
}

static int by_cpus(long n)
{
	if (n == want_cpus[0])
		return VIEW;
	return n == want_cpus[1] ? HOST : BAD;
}

static int meminfo_class(void)
{
	long total, free, avail, swap, swapfree;

	if (slurp("/proc/meminfo"))
		return ERROR;
	total = field("MemTotal:");
	free = field("\nMemFree:");
	avail = field("\nMemAvailable:");
	swap = field("\nSwapTotal:");
	swapfree = field("\nSwapFree:");
	if (free < 0 || avail < 0 || swap < 0 || swapfree < 0 ||
	    free > total || avail > total || swapfree > swap)
		return BAD;
	return by_total(total);
}

static int sysinfo_class(void)
{
	struct sysinfo si;
	unsigned long long unit;

	if (sysinfo(&si))
		return ERROR;
	unit = si.mem_unit;
	snprintf(buf, sizeof(buf), "totalram %lu freeram %lu totalswap %lu freeswap %lu unit %llu\n",
		 si.totalram, si.freeram, si.totalswap, si.freeswap, unit);
	if (si.freeram > si.totalram || si.freeswap > si.totalswap)
		return BAD;
	return by_total((long)(si.totalram * unit >> 10));
}

static int sysinfo32_class(void)
{
	long ret = sysinfo32(si32);

	if (ret) {
		errno = -ret;
		return ERROR;
	}
	snprintf(buf, sizeof(buf), "totalram %u freeram %u totalswap %u freeswap %u unit %u\n",
		 si32->totalram, si32->freeram, si32->totalswap, si32->freeswap,
		 si32->mem_unit);
	if (si32->freeram > si32->totalram || si32->freeswap > si32->totalswap)
		return BAD;
	return by_total((long)((unsigned long long)si32->totalram * si32->mem_unit >> 10));
}

/* Lines starting with PREFIX followed by 0, 1, 2, ... in order: how many. */
static long numbered(const char *prefix)
{
	size_t len = strlen(prefix);
	const char *p;
	long next = 0;

	for (p = buf; (p = strstr(p, prefix)); p++) {
		if (p != buf && p[-1] != '\n')
			continue;
		if (p[len] < '0' || p[len] > '9')
			continue;
		if (strtol(p + len, NULL, 10) != next++)
			return -1;
	}
	return next ? next : -1;
}

static int cpuinfo_class(void)
{
	if (slurp("/proc/cpuinfo"))
		return ERROR;
	return by_cpus(numbered("processor\t: "));
}

static int stat_class(void)
{
	if (slurp("/proc/stat"))
		return ERROR;
	if (strncmp(buf, "cpu ", 4))
		return BAD;
	return by_cpus(numbered("cpu"));
}

/* "0" or "0-N" in a file of /sys/devices/system/cpu */
static int range_class(const char *path)
{
	char *end;
	long first, last;

	if (slurp(path))
		return ERROR;
	first = strtol(buf, &end, 10);
	last = *end == '-' ? strtol(end + 1, &end, 10) : first;
	if (first != 0 || *end != '\n' || end[1])
		return BAD;
	return by_cpus(last + 1);
}

static int online_class(void)
{
	return range_class("/sys/devices/system/cpu/online");
}

static int possible_class(void)
{
	return range_class("/sys/devices/system/cpu/possible");
}

/* The cpuN directories listed: cpu0 to cpu(N-1), each once. */
static int cpu_dirs_class(void)
{
	DIR *dir = opendir("/sys/devices/system/cpu");
	unsigned long seen[64] = { 0 };
	long n = 0, i, max = -1;
	struct dirent *d;
	char *end;

	if (!dir)
		return ERROR;
	errno = 0;
	while ((d = readdir(dir))) {
		if (strncmp(d->d_name, "cpu", 3) || d->d_name[3] < '0' ||
		    d->d_name[3] > '9')
			continue;
		i = strtol(d->d_name + 3, &end, 10);
		if (*end)
			continue;
		if (i >= 64 * 64 || (seen[i / 64] & 1UL << (i % 64))) {
			closedir(dir);
			return BAD;
		}
		seen[i / 64] |= 1UL << (i % 64);
		max = i > max ? i : max;
		n++;
	}
	i = errno;
	closedir(dir);
	if (i) {
		errno = i;
		return ERROR;
	}
	return max + 1 == n ? by_cpus(n) : BAD;
}

static int uptime_class(void)
{
	double up, idle;

	if (slurp("/proc/uptime"))
		return ERROR;
	return sscanf(buf, "%lf %lf", &up, &idle) == 2 && up > 0 && idle >= 0 ?
	       VIEW : BAD;
}

static int loadavg_class(void)
{
	double a, b, c;
	long running, tasks, last;

	if (slurp("/proc/loadavg"))
		return ERROR;
	if (sscanf(buf, "%lf %lf %lf %ld/%ld %ld", &a, &b, &c, &running,
		   &tasks, &last) != 6)
		return BAD;
	return a >= 0 && b >= 0 && c >= 0 && running <= tasks ? VIEW : BAD;
}

static int swaps_class(void)
{
	char *line;
	long size, used;

	if (slurp("/proc/swaps"))
		return ERROR;
	if (strncmp(buf, "Filename", 8))
		return BAD;
	for (line = strchr(buf, '\n'); line && line[1]; line = strchr(line + 1, '\n'))
		if (sscanf(line + 1, "%*s %*s %ld %ld", &size, &used) != 2 ||
		    used > size)
			return BAD;
	return VIEW;
}

static const struct view {
	const char *name;
	int (*class)(void);
} views[] = {
	{ "meminfo", meminfo_class }, { "sysinfo", sysinfo_class },
	{ "sysinfo32", sysinfo32_class }, { "cpuinfo", cpuinfo_class },
	{ "stat", stat_class }, { "cpu/online", online_class },
	{ "cpu/possible", possible_class }, { "cpu/", cpu_dirs_class },
	{ "uptime", uptime_class }, { "loadavg", loadavg_class },
	{ "swaps", swaps_class },
};
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int main(int argc, char **argv)
{
	long n[ARRAY_SIZE(views)][NR_CLASSES] = { { 0 } }, rounds = 0, i;
	int last_errno[ARRAY_SIZE(views)] = { 0 };
	int fail = argc > 1 && !strcmp(argv[1], "--make-it-fail");
	int bad = 0, c;
	size_t v;

	if (argc == 6 + fail) {
		want_kb[0] = atol(argv[1 + fail]);
		want_kb[1] = atol(argv[2 + fail]);
		want_cpus[0] = atol(argv[3 + fail]);
		want_cpus[1] = atol(argv[4 + fail]);
		rounds = atol(argv[5 + fail]);
	}
	if (want_kb[0] <= 0 || want_kb[1] <= 0 || want_cpus[0] <= 0 ||
	    want_cpus[1] <= 0 || rounds <= 0) {
		fprintf(stderr, "usage: viewclass [--make-it-fail] VIEW_KB HOST_KB VIEW_CPUS HOST_CPUS ROUNDS\n"
			"  reads every view ROUNDS times; prints view/host/error/bad counts per view\n"
			"  --make-it-fail: fault injection applies to the reads (not to the start or the report)\n");
		return 2;
	}
	si32 = sysinfo32_buffer();
	if (!si32) {
		perror("viewclass: a buffer below 4 GiB");
		return 2;
	}
	if (fail && make_it_fail(1)) {
		perror("viewclass: /proc/self/make-it-fail");
		return 2;
	}
	for (i = 0; i < rounds; i++)
		for (v = 0; v < ARRAY_SIZE(views); v++) {
			c = views[v].class();
			if (c == ERROR)
				last_errno[v] = errno;
			if (c == BAD && !n[v][BAD])
				fprintf(stderr, "viewclass: %s: first bad answer:\n%.1500s\n",
					views[v].name, buf);
			n[v][c]++;
		}
	while (fail && make_it_fail(0))
		;	/* the write itself may meet an injected failure */
	for (v = 0; v < ARRAY_SIZE(views); v++) {
		printf("%s", views[v].name);
		for (c = 0; c < NR_CLASSES; c++)
			printf(" %s %ld", class_names[c], n[v][c]);
		if (n[v][ERROR])
			printf(" (last error: %s)", strerror(last_errno[v]));
		printf("\n");
		bad += n[v][BAD] != 0;
	}
	return bad ? 1 : 0;
}
