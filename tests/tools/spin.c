// SPDX-License-Identifier: GPL-2.0
/*
 * spin: keep one CPU busy for SECONDS of wall time, at nice level NICE
 * (default 0): the load that a CPU quota throttles and that /proc/stat
 * counts as user or nice time.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 0, end;
	int nice = argc > 2 ? atoi(argv[2]) : 0;
	unsigned long n = 0;

	if (argc < 2 || argc > 3 || seconds <= 0 || nice < -20 || nice > 19) {
		fprintf(stderr, "usage: spin SECONDS [NICE]\n"
			"  keeps one CPU busy for SECONDS at nice level NICE (-20 to 19)\n");
		return 2;
	}
	errno = 0;
	if (nice && setpriority(PRIO_PROCESS, 0, nice)) {
		perror("spin: setpriority");
		return 1;
	}
	end = now() + seconds;
	/* the clock rarely: under TCG it may be a system call, not user time */
	while (now() < end)
		for (int i = 0; i < 10000000; i++, n++)
			__asm__ __volatile__("" ::: "memory");	/* not folded */
	return n ? 0 : 1;
}
