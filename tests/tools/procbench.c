// SPDX-License-Identifier: GPL-2.0
/*
 * procbench: time N reads of a /proc file or N sysinfo(2) calls, REPS
 * times, and print the median ns per call, then each repetition's.
 * Under QEMU's -icount, ns are guest instructions.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

#define MAX_REPS 99

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int once(const char *method, const char *file, int fd)
{
	static char buf[65536];
	struct sysinfo si;

	if (!strcmp(method, "pread"))
		return pread(fd, buf, sizeof(buf), 0) > 0 ? 0 : -1;
	if (!strcmp(method, "open")) {
		fd = open(file, O_RDONLY);
		if (fd < 0)
			return -1;
		if (read(fd, buf, sizeof(buf)) <= 0) {
			close(fd);
			return -1;
		}
		return close(fd);
	}
	return sysinfo(&si);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int usage_error(const char *prog)
{
	fprintf(stderr, "usage: %s [-r REPS] [-s] pread|open|sysinfo N [FILE]\n"
		"  times N calls REPS times (default 3, at most %d); prints\n"
		"  the median ns per call, then each repetition's; -s adds\n"
		"  the start and end of the timed part (CLOCK_MONOTONIC ns)\n"
		"  FILE defaults to /proc/meminfo\n", prog, MAX_REPS);
	return 2;
}

int main(int argc, char **argv)
{
	double per_call[MAX_REPS], sorted[MAX_REPS], t0, start;
	const char *method, *file = "/proc/meminfo";
	int opt, reps = 3, fd = -1, r, span = 0;
	char *end;
	long n, i;

	while ((opt = getopt(argc, argv, "r:s")) != -1) {
		if (opt == 's') {
			span = 1;
			continue;
		}
		if (opt != 'r')
			return usage_error(argv[0]);
		reps = strtol(optarg, &end, 10);
		if (*end || reps < 1 || reps > MAX_REPS)
			return usage_error(argv[0]);
	}
	if (argc - optind < 2 || argc - optind > 3)
		return usage_error(argv[0]);
	method = argv[optind];
	n = strtol(argv[optind + 1], &end, 10);
	if (*end || n <= 0 || (strcmp(method, "pread") &&
			       strcmp(method, "open") &&
			       strcmp(method, "sysinfo")))
		return usage_error(argv[0]);
	if (argc - optind == 3)
		file = argv[optind + 2];

	if (strcmp(method, "sysinfo")) {
		fd = open(file, O_RDONLY);
		if (fd < 0) {
			perror(file);
			return 1;
		}
	}
	if (once(method, file, fd)) {	/* warm up, and fail early */
		perror(method);
		return 1;
	}
	start = now_ns();
	for (r = 0; r < reps; r++) {
		t0 = now_ns();
		for (i = 0; i < n; i++) {
			if (once(method, file, fd)) {
				perror(method);
				return 1;
			}
		}
		per_call[r] = (now_ns() - t0) / n;
	}
	memcpy(sorted, per_call, sizeof(sorted[0]) * reps);
	qsort(sorted, reps, sizeof(sorted[0]), cmp_double);
	printf("%.0f", sorted[reps / 2]);
	for (r = 0; r < reps; r++)
		printf(" %.0f", per_call[r]);
	if (span)
		printf(" %.0f %.0f", start, now_ns());
	printf("\n");
	return 0;
}
