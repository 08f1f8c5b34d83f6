// SPDX-License-Identifier: GPL-2.0
/*
 * viewclass: read /proc/meminfo, sysinfo(2) and /proc/cpuinfo N times and
 * sort every answer: the container's view, the host's, an error (by errno),
 * or bad (neither view nor host, or not consistent in itself). For fault
 * injection, where a read may fail but must never be half a view.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>

enum { VIEW, HOST, ERROR, BAD, NR_CLASSES };
static const char * const class_names[] = { "view", "host", "error", "bad" };

struct tally {
	const char *name;
	long n[NR_CLASSES];
	int last_errno;
};

static long want_view, want_host;

/* Fault injection's task filter: only tasks marked so get failures. */
static int make_it_fail(int on)
{
	int fd = open("/proc/self/make-it-fail", O_WRONLY);
	int ok = fd >= 0 && write(fd, on ? "1" : "0", 1) == 1;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static int slurp(const char *path, char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	if (n < 0)
		return -errno;
	buf[len] = 0;
	return 0;
}

static long field(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

static int meminfo_class(void)
{
	static char buf[16384];
	long total, free, avail, swap, swapfree;

	if (slurp("/proc/meminfo", buf, sizeof(buf)))
		return ERROR;
	total = field(buf, "MemTotal:");
	free = field(buf, "\nMemFree:");
	avail = field(buf, "\nMemAvailable:");
	swap = field(buf, "\nSwapTotal:");
	swapfree = field(buf, "\nSwapFree:");
	if (free < 0 || avail < 0 || swap < 0 || swapfree < 0 ||
	    free > total || avail > total || swapfree > swap)
		return BAD;
	if (total == want_view)
		return VIEW;
	return total == want_host ? HOST : BAD;
}

static int sysinfo_class(void)
{
	struct sysinfo si;
	long total, free;

	if (sysinfo(&si))
		return ERROR;
	total = (long)((unsigned long long)si.totalram * si.mem_unit >> 10);
	free = (long)((unsigned long long)si.freeram * si.mem_unit >> 10);
	if (free > total)
		return BAD;
	if (total == want_view)
		return VIEW;
	return total == want_host ? HOST : BAD;
}

/*
 * Processors numbered 0, 1, ... in order. The view and the host's both
 * are, so cpuinfo counts as "view" whenever it is consistent.
 */
static int cpuinfo_class(void)
{
	static char buf[65536];
	const char *p;
	long next = 0;

	if (slurp("/proc/cpuinfo", buf, sizeof(buf)))
		return ERROR;
	for (p = buf; (p = strstr(p, "processor\t: ")); p++) {
		if (p != buf && p[-1] != '\n')
			continue;
		if (strtol(p + 12, NULL, 10) != next++)
			return BAD;
	}
	return next ? VIEW : BAD;
}

static void count(struct tally *t, int class)
{
	if (class == ERROR)
		t->last_errno = errno;
	t->n[class]++;
}

int main(int argc, char **argv)
{
	struct tally t[3] = {
		{ .name = "meminfo" }, { .name = "sysinfo" }, { .name = "cpuinfo" },
	};
	long rounds = 0, i;
	int c, k, bad = 0, fail = argc == 5 && !strcmp(argv[1], "--make-it-fail");

	if (argc == 4 + fail) {
		want_view = atol(argv[1 + fail]);
		want_host = atol(argv[2 + fail]);
		rounds = atol(argv[3 + fail]);
	}
	if (want_view <= 0 || want_host <= 0 || rounds <= 0) {
		fprintf(stderr, "usage: viewclass [--make-it-fail] VIEW_KB HOST_KB ROUNDS\n"
			"  reads meminfo, sysinfo and cpuinfo ROUNDS times; prints view/host/error/bad counts\n"
			"  --make-it-fail: fault injection applies to the reads (not to the start or the report)\n");
		return 2;
	}
	if (fail && make_it_fail(1)) {
		perror("viewclass: /proc/self/make-it-fail");
		return 2;
	}
	for (i = 0; i < rounds; i++) {
		count(&t[0], meminfo_class());
		count(&t[1], sysinfo_class());
		count(&t[2], cpuinfo_class());
	}
	while (fail && make_it_fail(0))
		;	/* the write itself may meet an injected failure */
	for (k = 0; k < 3; k++) {
		printf("%s", t[k].name);
		for (c = 0; c < NR_CLASSES; c++)
			printf(" %s %ld", class_names[c], t[k].n[c]);
		if (t[k].n[ERROR])
			printf(" (last error: %s)", strerror(t[k].last_errno));
		printf("\n");
		bad += t[k].n[BAD] != 0;
	}
	return bad ? 1 : 0;
}
