// SPDX-License-Identifier: GPL-2.0
/*
 * forkrate: how many fork, exit and wait cycles a process completes in
 * SECONDS; the host side of the noisy-neighbour test. Prints the rate per
 * second.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double seconds, start, end;
	unsigned long n = 0;

	seconds = argc == 2 ? atof(argv[1]) : 0;
	if (seconds <= 0) {
		fprintf(stderr, "usage: forkrate SECONDS\n"
			"  fork a child that exits at once and wait for it, for SECONDS;\n"
			"  print the cycles per second\n");
		return 2;
	}
	start = now_s();
	end = start + seconds;
	do {
		pid_t pid = fork();

		if (pid < 0) {
			perror("forkrate: fork");
			return 1;
		}
		if (!pid)
			_exit(0);
		if (waitpid(pid, NULL, 0) != pid) {
			perror("forkrate: waitpid");
			return 1;
		}
		n++;
	} while (now_s() < end);
	printf("%.1f\n", n / (now_s() - start));
	return 0;
}
