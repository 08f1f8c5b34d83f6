// SPDX-License-Identifier: GPL-2.0
/*
 * cgns: run a command in a new cgroup namespace, rooted at the caller's
 * cgroups, or in the cgroup namespace of a process (BusyBox's unshare and
 * nsenter have no -C). Exits 1 on an error, 2 on bad arguments.
 *
 *   cgns new CMD [ARG...]
 *   cgns enter PID CMD [ARG...]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char path[64];
	int fd, cmd = 2;

	if (argc >= 3 && !strcmp(argv[1], "new")) {
		if (unshare(CLONE_NEWCGROUP)) {
			perror("cgns: unshare(CLONE_NEWCGROUP)");
			return 1;
		}
	} else if (argc >= 4 && !strcmp(argv[1], "enter")) {
		snprintf(path, sizeof(path), "/proc/%s/ns/cgroup", argv[2]);
		fd = open(path, O_RDONLY);
		if (fd < 0 || setns(fd, CLONE_NEWCGROUP)) {
			perror(path);
			return 1;
		}
		close(fd);
		cmd = 3;
	} else {
		fprintf(stderr, "usage: cgns new CMD [ARG...] | cgns enter PID CMD [ARG...]\n");
		return 2;
	}
	execvp(argv[cmd], argv + cmd);
	perror(argv[cmd]);
	return 1;
}
