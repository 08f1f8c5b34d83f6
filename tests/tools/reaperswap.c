// SPDX-License-Identifier: GPL-2.0
/*
 * reaperswap: as PID 1 of a new PID namespace, make another of its threads
 * the namespace's reaper, and print /proc/uptime's first number before and
 * after: "before U1 after U2". The main thread waits a second, starts a
 * thread, reads the uptime and exits alone (pthread_exit); the kernel then
 * makes the thread, a second younger, the reaper; the thread reads again.
 * Exits 1 on an error, 2 if not PID 1.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static char before[64];
static int ready[2];	/* the main thread has read: a byte on this pipe */

static void nap(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

/* the first number of /proc/uptime, as text, into @buf of 64 bytes */
static int read_up(char *buf)
{
	FILE *f = fopen("/proc/uptime", "r");
	int ok;

	if (!f)
		return -1;
	ok = fscanf(f, "%63s", buf) == 1;
	fclose(f);
	return ok ? 0 : -1;
}

static void *successor(void *arg)
{
	char after[64], c;

	(void)arg;
	if (read(ready[0], &c, 1) != 1)
		exit(1);
	nap(500);	/* the main thread has exited by now */
	if (read_up(after))
		exit(1);
	printf("before %s after %s\n", before, after);
	fflush(stdout);
	exit(0);
}

int main(void)
{
	pthread_t t;

	if (getpid() != 1) {
		fprintf(stderr, "reaperswap: run me as PID 1 (unshare -p -f)\n");
		return 2;
	}
	nap(1000);
	if (pipe(ready) || pthread_create(&t, NULL, successor, NULL))
		return 1;
	if (read_up(before) || write(ready[1], "r", 1) != 1)
		return 1;
	pthread_exit(NULL);
}
