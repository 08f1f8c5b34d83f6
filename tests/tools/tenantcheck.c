// SPDX-License-Identifier: GPL-2.0
/*
 * tenantcheck: read every memory and CPU view ROUNDS times, noting the
 * reader's cgroup (/proc/self/cgroup, v2) before and after each round, and
 * on until it has been moved MOVES times (at most 100 times ROUNDS): a
 * fast reader must not finish before the migrator has moved it.
 * Each answer must be that of a cgroup the reader was in during the round:
 * its MemTotal, its sysinfo totalram, and its number of CPUs in
 * cpu/online, cpuinfo, /proc/stat, cpu/possible and the cpuN directories
 * (in the order a bad answer prints them);
 * a file whose lines disagree is no tenant's. Prints counts; exit 1 on any other answer.
 * With -f the migrator may move the reader away and back within a round,
 * unseen: then each answer must be some tenant's, never a mix of two.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#define MAX_TENANTS 4
#define NR_CPU_VIEWS 5

struct tenant {
	char path[256];
	long kb;
	int cpus;
};

static struct tenant tenants[MAX_TENANTS];
static int nr_tenants;
static int any_tenant;	/* -f */

static int slurp(const char *path, char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return n < 0 ? -1 : 0;
}

/* The tenant whose cgroup the reader is in now, or -1. */
static int current_tenant(void)
{
	char buf[512];
	int i;

	if (slurp("/proc/self/cgroup", buf, sizeof(buf)) ||
	    strncmp(buf, "0::", 3))
		return -1;
	buf[strcspn(buf, "\n")] = 0;
	for (i = 0; i < nr_tenants; i++)
		if (!strcmp(buf + 3, tenants[i].path))
			return i;
	return -1;
}

static int count_lines(const char *text, const char *prefix)
{
	const char *p;
	int n = 0;
	size_t len = strlen(prefix);

	for (p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, prefix, len))
			n++;
	}
	return n;
}

static int online_cpus(const char *text)
{
	const char *dash = strchr(text, '-');

	return dash ? atoi(dash + 1) + 1 : 1;
}

/* The cpuN directories of /sys/devices/system/cpu; -1 if unreadable. */
static int cpu_dirs(void)
{
	DIR *dir = opendir("/sys/devices/system/cpu");
	struct dirent *d;
	int n = 0;

	if (!dir)
		return -1;
	while ((d = readdir(dir)))
		if (!strncmp(d->d_name, "cpu", 3) && d->d_name[3] >= '0' &&
		    d->d_name[3] <= '9' &&
		    strspn(d->d_name + 3, "0123456789") == strlen(d->d_name + 3))
			n++;
	closedir(dir);
	return n;
}

/* What one read showed, as a tenant's numbers; -1 where it failed. */
static void read_views(long *kb, long *sys_kb, int cpus[NR_CPU_VIEWS])
{
	static char buf[65536];
	struct sysinfo si;
	char *p;

	*kb = -1;
	if (!slurp("/proc/meminfo", buf, sizeof(buf))) {
		p = strstr(buf, "MemTotal:");
		*kb = p ? atol(p + 9) : -1;
	}
	*sys_kb = sysinfo(&si) ? -1 :
		(long)((unsigned long long)si.totalram * si.mem_unit >> 10);
	cpus[0] = slurp("/sys/devices/system/cpu/online", buf, sizeof(buf)) ?
		-1 : online_cpus(buf);
	cpus[1] = slurp("/proc/cpuinfo", buf, sizeof(buf)) ?
		-1 : count_lines(buf, "processor\t:");
	cpus[2] = slurp("/proc/stat", buf, sizeof(buf)) ?
		-1 : count_lines(buf, "cpu") - 1;
	cpus[3] = slurp("/sys/devices/system/cpu/possible", buf, sizeof(buf)) ?
		-1 : online_cpus(buf);
	cpus[4] = cpu_dirs();
}

/*
 * Whether a tenant allowed for a reader in @a then @b (any with -f) has
 * MemTotal @kb and @cpus CPUs; -1 for either matches any.
 */
static int is_of(int a, int b, long kb, int cpus)
{
	int t;

	for (t = 0; t < nr_tenants; t++)
		if ((any_tenant || t == a || t == b) &&
		    (kb < 0 || kb == tenants[t].kb) &&
		    (cpus < 0 || cpus == tenants[t].cpus))
			return 1;
	return 0;
}

/*
 * Each answer must be wholly one of the two tenants'; when the reader moved
 * during the round, each may be either one's (they were read in turn). A
 * failed read (-1) is no tenant's.
 */
static int matches(int a, int b, long kb, long sys_kb,
		   const int cpus[NR_CPU_VIEWS])
{
	int i;

	if (kb < 0 || sys_kb < 0 || !is_of(a, b, kb, -1) ||
	    !is_of(a, b, sys_kb, -1))
		return 0;
	for (i = 0; i < NR_CPU_VIEWS; i++)
		if (cpus[i] < 0 || !is_of(a, b, -1, cpus[i]))
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	long rounds = 0, min_moves = 0, i, good = 0, moved = 0, changes = 0;
	long bad = 0, outside = 0;
	int k, last = -1, first = 1;

	if (argc > 1 && !strcmp(argv[1], "-f")) {
		any_tenant = 1;
		first = 2;
	}
	if (argc > first + 2) {
		rounds = atol(argv[first]);
		min_moves = atol(argv[first + 1]);
	}
	for (k = first + 2; k < argc && nr_tenants < MAX_TENANTS; k++) {
		struct tenant *t = &tenants[nr_tenants];

		if (sscanf(argv[k], "%255[^:]:%ld:%d", t->path, &t->kb,
			   &t->cpus) != 3)
			break;
		nr_tenants++;
	}
	if (rounds <= 0 || min_moves < 0 || k != argc) {
		fprintf(stderr, "usage: tenantcheck [-f] ROUNDS MOVES CGROUP:MEMTOTAL_KB:CPUS...\n"
			"  every answer must be that of the cgroup the reader was in (up to %d);\n"
			"  reads on past ROUNDS until moved MOVES times;\n"
			"  -f: moves may be unseen, any tenant's answer will do, no mix\n",
			MAX_TENANTS);
		return 2;
	}
	for (i = 0; i < rounds || (changes < min_moves && i < 100 * rounds);
	     i++) {
		int before = current_tenant(), after, cpus[NR_CPU_VIEWS];
		long kb, sys_kb;

		read_views(&kb, &sys_kb, cpus);
		after = current_tenant();
		if (before < 0 || after < 0) {
			outside++;
			continue;
		}
		changes += (last >= 0 && before != last) + (before != after);
		last = after;
		if (before != after)
			moved++;
		if (matches(before, after, kb, sys_kb, cpus)) {
			good++;
			continue;
		}
		if (bad++ < 5)
			printf("bad: in %s then %s: MemTotal %ld, sysinfo %ld, CPUs %d/%d/%d/%d/%d\n",
			       tenants[before].path, tenants[after].path, kb,
			       sys_kb, cpus[0], cpus[1], cpus[2], cpus[3],
			       cpus[4]);
	}
	printf("rounds %ld good %ld bad %ld moved-during-read %ld moves %ld outside %ld\n",
	       i, good, bad, moved, changes, outside);
	return bad ? 1 : 0;
}
