// SPDX-License-Identifier: GPL-2.0
/*
 * privwrite: write VALUE to PATH and print "ok" or the errno's name, so a
 * test can tell EPERM from any other refusal. --drop-cap first removes
 * CAP_SYS_ADMIN from the bounding, effective, permitted and inheritable sets
 * (uid 0 without it).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int drop_sys_admin(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	unsigned int bit = 1U << (CAP_SYS_ADMIN % 32);
	int i = CAP_SYS_ADMIN / 32;

	if (prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0))
		return -1;
	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[i].effective &= ~bit;
	data[i].permitted &= ~bit;
	data[i].inheritable &= ~bit;
	return syscall(SYS_capset, &hdr, data);
}

static const char *errname(int err)
{
	switch (err) {
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case EROFS: return "EROFS";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	default: return strerror(err);
	}
}

int main(int argc, char **argv)
{
	int drop = argc == 4 && !strcmp(argv[1], "--drop-cap");
	const char *path, *value;
	int fd, err = 0;

	if (argc != 3 + drop) {
		fprintf(stderr, "usage: privwrite [--drop-cap] PATH VALUE\n"
			"  prints ok or the errno's name (EPERM, EACCES...)\n");
		return 2;
	}
	path = argv[1 + drop];
	value = argv[2 + drop];
	if (drop && drop_sys_admin()) {
		perror("privwrite: dropping CAP_SYS_ADMIN");
		return 2;
	}
	fd = open(path, O_WRONLY);
	if (fd < 0)
		err = errno;
	else if (write(fd, value, strlen(value)) < 0)
		err = errno;
	if (fd >= 0)
		close(fd);
	puts(err ? errname(err) : "ok");
	return err ? 1 : 0;
}
