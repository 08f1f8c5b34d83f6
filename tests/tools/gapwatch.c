// SPDX-License-Identifier: GPL-2.0
/*
 * gapwatch: read /proc/meminfo's MemTotal and sysinfo(2)'s totalram in a
 * loop until STOPFILE exists, and measure how long the answers were not
 * WANT kB: a container's reader while driso is replaced under it. Writes
 * OUTFILE.started after the first good read, and at the end OUTFILE:
 *   reads N other N longest_ms N failed N
 * (other: reads not WANT; longest_ms: the longest time from a read that was
 * not WANT to the next read that was, on CLOCK_MONOTONIC). A read every
 * 10 ms: the gap to 10 ms, and the CPU left for the upgrade's build (under
 * TCG, two readers at one a millisecond made the build 2.5 times slower).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* MemTotal in kB, or -1 if the read failed. */
static long memtotal(int fd)
{
	char buf[8192], *p;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "MemTotal:");
	return p ? strtol(p + 9, NULL, 10) : -1;
}

int main(int argc, char **argv)
{
	unsigned long reads = 0, other = 0, failed = 0;
	double bad_since = -1, longest = 0, t;
	char started[4096];
	struct sysinfo si;
	long want, mem;
	FILE *out;
	int fd;

	want = argc == 4 ? strtol(argv[1], NULL, 10) : 0;
	if (want <= 0) {
		fprintf(stderr, "usage: gapwatch WANT_KB STOPFILE OUTFILE\n"
			"  read MemTotal and sysinfo's totalram until STOPFILE exists;\n"
			"  write reads, reads not WANT_KB and their longest run (ms)\n");
		return 2;
	}
	fd = open("/proc/meminfo", O_RDONLY);
	if (fd < 0) {
		perror("gapwatch: /proc/meminfo");
		return 1;
	}
	snprintf(started, sizeof(started), "%s.started", argv[3]);
	while (access(argv[2], F_OK)) {
		usleep(10000);
		mem = memtotal(fd);
		if (mem < 0 || sysinfo(&si)) {
			failed++;
			continue;
		}
		t = now_ms();
		reads++;
		if (mem != want ||
		    (long)((unsigned long long)si.totalram * si.mem_unit / 1024) != want) {
			other++;
			if (bad_since < 0)
				bad_since = t;
		} else {
			if (bad_since >= 0 && t - bad_since > longest)
				longest = t - bad_since;
			bad_since = -1;
			if (access(started, F_OK))
				close(open(started, O_WRONLY | O_CREAT, 0644));
		}
	}
	/* still other at the end: the run so far counts */
	t = now_ms();
	if (bad_since >= 0 && t - bad_since > longest)
		longest = t - bad_since;
	out = fopen(argv[3], "w");
	if (!out)
		return 1;
	fprintf(out, "reads %lu other %lu longest_ms %.0f failed %lu\n", reads,
		other, longest, failed);
	return fclose(out) ? 1 : 0;
}
