// SPDX-License-Identifier: GPL-2.0
/*
 * taskpile: a process with N threads, SPIN of them busy and the rest
 * asleep, as a large container has. Prints "ready N" once every thread
 * runs, then waits until killed.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *sleeper(void *arg)
{
	for (;;)
		pause();
	return arg;
}

static void *spinner(void *arg)
{
	for (;;)
		__asm__ __volatile__("" ::: "memory");
	return arg;
}

int main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t tid;
	long n, spin, i;

	n = argc > 1 ? atol(argv[1]) : 0;
	spin = argc > 2 ? atol(argv[2]) : 0;
	if (argc < 2 || argc > 3 || n < 1 || spin < 0 || spin > n) {
		fprintf(stderr, "usage: taskpile THREADS [SPINNING]\n"
			"  start THREADS threads (this one included), SPINNING of them busy,\n"
			"  print \"ready THREADS\" and wait until killed\n");
		return 2;
	}
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN);
	/* the main thread is the first sleeper */
	for (i = 1; i < n; i++) {
		int err = pthread_create(&tid, &attr, i <= spin ? spinner : sleeper,
					 NULL);

		if (err) {
			fprintf(stderr, "taskpile: thread %ld of %ld: error %d\n",
				i + 1, n, err);
			return 1;
		}
	}
	printf("ready %ld\n", n);
	fflush(stdout);
	for (;;)
		pause();
}
