// SPDX-License-Identifier: GPL-2.0
/*
 * loadfail: load a module while the Nth fault-injection point this task
 * meets fails (/proc/thread-self/fail-nth: failslab, fail_page_alloc, ...),
 * to walk every allocation of a module load. Prints "injected" or
 * "not-reached" (the load met fewer than N fault points), then "loaded" or
 * "refused" and the error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int write_str(int fd, const char *s)
{
	return pwrite(fd, s, strlen(s), 0) == (ssize_t)strlen(s) ? 0 : -1;
}

int main(int argc, char **argv)
{
	char nth[32] = "";
	const char *params = argc == 4 ? argv[3] : "";
	long n = argc >= 3 ? atol(argv[2]) : 0;
	int ko, ctl, ret, err;

	if (argc < 3 || argc > 4 || n <= 0) {
		fprintf(stderr, "usage: loadfail MODULE.ko N [PARAMS]\n"
			"  finit_module with the Nth fault-injection point of the load failing\n");
		return 2;
	}
	ko = open(argv[1], O_RDONLY | O_CLOEXEC);
	ctl = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (ko < 0 || ctl < 0) {
		perror(ko < 0 ? argv[1] : "loadfail: /proc/thread-self/fail-nth");
		return 1;
	}
	snprintf(nth, sizeof(nth), "%ld", n);
	if (write_str(ctl, nth)) {
		perror("loadfail: fail-nth");
		return 1;
	}
	ret = syscall(SYS_finit_module, ko, params, 0);
	err = errno;
	/* what is left of the count: 0 once the failure was injected */
	memset(nth, 0, sizeof(nth));
	if (pread(ctl, nth, sizeof(nth) - 1, 0) < 0) {
		perror("loadfail: fail-nth");
		return 1;
	}
	write_str(ctl, "0");
	printf("%s ", atol(nth) ? "not-reached" : "injected");
	if (ret)
		printf("refused %s\n", strerror(err));
	else
		printf("loaded\n");
	return 0;
}
