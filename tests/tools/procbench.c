// SPDX-License-Identifier: GPL-2.0
/*
 * procbench: time N reads of a /proc file or N sysinfo(2) calls and print
 * the mean in ns per call. Under QEMU's -icount, ns are instructions.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void once(const char *method, const char *file, int fd)
{
	static char buf[16384];
	struct sysinfo si;

	if (!strcmp(method, "pread")) {
		if (pread(fd, buf, sizeof(buf), 0) <= 0)
			exit(1);
	} else if (!strcmp(method, "open")) {
		fd = open(file, O_RDONLY);
		if (fd < 0 || read(fd, buf, sizeof(buf)) <= 0)
			exit(1);
		close(fd);
	} else if (sysinfo(&si)) {
		exit(1);
	}
}

int main(int argc, char **argv)
{
	const char *file = argc > 3 ? argv[3] : "/proc/meminfo";
	long n = argc > 2 ? atol(argv[2]) : 0;
	double t0;
	long i;
	int fd;

	if (argc < 3 || argc > 4 || n <= 0 ||
	    (strcmp(argv[1], "pread") && strcmp(argv[1], "open") &&
	     strcmp(argv[1], "sysinfo"))) {
		fprintf(stderr, "usage: %s pread|open|sysinfo N [FILE]\n"
			"  prints the mean ns per call over N calls\n", argv[0]);
		return 2;
	}
	fd = open(file, O_RDONLY);
	if (fd < 0) {
		perror(file);
		return 1;
	}
	once(argv[1], file, fd);	/* warm up */
	t0 = now_ns();
	for (i = 0; i < n; i++)
		once(argv[1], file, fd);
	printf("%.0f\n", (now_ns() - t0) / n);
	return 0;
}
