// SPDX-License-Identifier: GPL-2.0
/*
 * cgchurn: N times, create a cgroup with its own memory limit and CPU quota,
 * move the calling process into it, check that /proc/meminfo, sysinfo(2)
 * and /sys/devices/system/cpu/online show that cgroup's limits, move back
 * to BASE and delete the cgroup. Run it inside a container.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#define CGROOT "/sys/fs/cgroup"

static int v1;

static void bad_usage(void)
{
	fprintf(stderr, "usage: cgchurn v1|v2 N BASE\n"
		"  BASE: the cgroup (below " CGROOT "[/HIERARCHY]) to return to\n");
	exit(2);
}

static int put(const char *val, const char *fmt, ...)
{
	char path[512];
	va_list ap;
	FILE *f;
	int ok;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "cgchurn: %s: %s\n", path, strerror(errno));
		return -1;
	}
	ok = fputs(val, f) >= 0;
	if (fclose(f) || !ok) {
		fprintf(stderr, "cgchurn: writing %s to %s failed\n", val, path);
		return -1;
	}
	return 0;
}

static int copy(const char *from, const char *to)
{
	char buf[256] = "";
	FILE *f = fopen(from, "r");

	if (!f || !fgets(buf, sizeof(buf), f)) {
		fprintf(stderr, "cgchurn: cannot read %s\n", from);
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	return put(buf, "%s", to);
}

/* The hierarchies a task joins; v2 has one, named "". */
static const char *const v1_dirs[] = { "memory", "cpu,cpuacct", "cpuset" };
static const char *const v2_dirs[] = { "" };
#define NDIRS (v1 ? 3 : 1)
#define DIR(i) (v1 ? v1_dirs[i] : v2_dirs[i])

static int make_cgroup(const char *name, unsigned long mib, int cpus)
{
	char val[64], a[512], b[512];
	int i;

	for (i = 0; i < NDIRS; i++) {
		snprintf(a, sizeof(a), CGROOT "/%s/%s", DIR(i), name);
		if (mkdir(a, 0755)) {
			fprintf(stderr, "cgchurn: mkdir %s: %s\n", a, strerror(errno));
			return -1;
		}
	}
	snprintf(val, sizeof(val), "%lu", mib << 20);
	if (put(val, CGROOT "/%s/%s/%s", DIR(0), name,
		v1 ? "memory.limit_in_bytes" : "memory.max"))
		return -1;
	if (v1) {
		snprintf(val, sizeof(val), "%d", cpus * 100000);
		if (put("100000", CGROOT "/cpu,cpuacct/%s/cpu.cfs_period_us", name) ||
		    put(val, CGROOT "/cpu,cpuacct/%s/cpu.cfs_quota_us", name))
			return -1;
		/* a v1 cpuset takes tasks only once it has CPUs and nodes */
		snprintf(a, sizeof(a), CGROOT "/cpuset/cpuset.cpus");
		snprintf(b, sizeof(b), CGROOT "/cpuset/%s/cpuset.cpus", name);
		if (copy(a, b))
			return -1;
		snprintf(a, sizeof(a), CGROOT "/cpuset/cpuset.mems");
		snprintf(b, sizeof(b), CGROOT "/cpuset/%s/cpuset.mems", name);
		return copy(a, b);
	}
	snprintf(val, sizeof(val), "%d 100000", cpus * 100000);
	return put(val, CGROOT "/%s/cpu.max", name);
}

static int join(const char *name)
{
	char pid[32];
	int i;

	snprintf(pid, sizeof(pid), "%d", getpid());
	for (i = 0; i < NDIRS; i++)
		if (put(pid, CGROOT "/%s/%s/cgroup.procs", DIR(i), name))
			return -1;
	return 0;
}

static int remove_cgroup(const char *name)
{
	char path[512];
	int i;

	for (i = 0; i < NDIRS; i++) {
		snprintf(path, sizeof(path), CGROOT "/%s/%s", DIR(i), name);
		if (rmdir(path)) {
			fprintf(stderr, "cgchurn: rmdir %s: %s\n", path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

static unsigned long meminfo_total_kb(void)
{
	char line[256];
	unsigned long kb = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemTotal: %lu kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static void cpu_online(char *buf, size_t len)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");

	buf[0] = '\0';
	if (f) {
		if (fgets(buf, len, f))
			buf[strcspn(buf, "\n")] = '\0';
		fclose(f);
	}
}

static int visible_cpus(void)
{
	char buf[64];
	int first, last;

	cpu_online(buf, sizeof(buf));
	if (sscanf(buf, "%d-%d", &first, &last) == 2)
		return last - first + 1;
	return 1;
}

int main(int argc, char **argv)
{
	unsigned long n, i, bad = 0;
	int ncpu;
	char *end;
	const char *base;

	if (argc != 4 || (strcmp(argv[1], "v1") && strcmp(argv[1], "v2")))
		bad_usage();
	v1 = !strcmp(argv[1], "v1");
	n = strtoul(argv[2], &end, 10);
	if (*end || !n)
		bad_usage();
	base = argv[3];
	ncpu = visible_cpus();

	for (i = 0; i < n; i++) {
		unsigned long mib = 64 + (i * 37) % 512, kb, si_kb;
		int cpus = 1 + i % 3, want_cpus = cpus < ncpu ? cpus : ncpu;
		char name[64], online[64], want_online[64];
		struct sysinfo si;

		snprintf(name, sizeof(name), "churn%lu", i);
		if (make_cgroup(name, mib, cpus) || join(name))
			return 1;
		kb = meminfo_total_kb();
		si_kb = sysinfo(&si) ? 0 : si.totalram * si.mem_unit / 1024;
		cpu_online(online, sizeof(online));
		if (want_cpus == 1)
			snprintf(want_online, sizeof(want_online), "0");
		else
			snprintf(want_online, sizeof(want_online), "0-%d", want_cpus - 1);
		if (kb != mib * 1024 || si_kb != kb || strcmp(online, want_online)) {
			if (bad < 5)
				printf("cgchurn %lu: %luM %d CPUs: meminfo %lu kB, sysinfo %lu kB, online %s (want %s)\n",
				       i, mib, cpus, kb, si_kb, online, want_online);
			bad++;
		}
		if (join(base) || remove_cgroup(name))
			return 1;
	}
	printf("cgchurn: %lu of %lu cycles saw a wrong view\n", bad, n);
	return bad ? 1 : 0;
}
