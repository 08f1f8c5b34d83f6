// SPDX-License-Identifier: GPL-2.0
/*
 * dirwalk: a directory listing as a program with odd reads makes it.
 *   dirwalk list DIR BUFSIZE   the names, one per line, read by getdents64
 *                              with a buffer of BUFSIZE bytes (from 32: a
 *                              read that fits one entry at a time)
 *   dirwalk seek DIR           for each entry, seek to the offset the one
 *                              before it gave and read one entry: it must be
 *                              the same entry; prints "seek: N entries,
 *                              M wrong" and exits 1 on any wrong one
 * Exits 1 on an error of the kernel's, 2 on bad arguments.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct dirent64_raw {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

#define MAX_ENTRIES 4096

static char names[MAX_ENTRIES][256];
static long long offsets[MAX_ENTRIES];

/* Every entry from the fd's position on, with a buffer of @size bytes. */
static int read_all(int fd, size_t size, int *count)
{
	char *buf = malloc(size);
	long n, pos;
	int i = 0;

	if (!buf)
		return -1;
	for (;;) {
		n = syscall(SYS_getdents64, fd, buf, size);
		if (n < 0) {
			perror("getdents64");
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		for (pos = 0; pos < n && i < MAX_ENTRIES; i++) {
			struct dirent64_raw *d = (void *)(buf + pos);

			snprintf(names[i], sizeof(names[i]), "%s", d->d_name);
			offsets[i] = d->d_off;
			pos += d->d_reclen;
		}
	}
	free(buf);
	*count = i;
	return 0;
}

static int seek_check(int fd, int count)
{
	char buf[512];
	int i, wrong = 0;
	long n;

	for (i = 1; i < count; i++) {
		struct dirent64_raw *d = (void *)buf;

		if (lseek(fd, offsets[i - 1], SEEK_SET) < 0) {
			perror("lseek");
			return -1;
		}
		n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
		if (n < 0) {
			perror("getdents64");
			return -1;
		}
		if (n == 0 || strcmp(d->d_name, names[i])) {
			printf("seek: after %s: got %s, want %s\n", names[i - 1],
			       n ? d->d_name : "(end)", names[i]);
			wrong++;
		}
	}
	printf("seek: %d entries, %d wrong\n", count, wrong);
	return wrong ? 1 : 0;
}

int main(int argc, char **argv)
{
	int fd, count, i;
	long size = 32768;

	if (argc == 4 && !strcmp(argv[1], "list"))
		size = atol(argv[3]);
	else if (argc != 3 || strcmp(argv[1], "seek"))
		size = 0;
	if (size < 32) {
		fprintf(stderr, "usage: dirwalk list DIR BUFSIZE | dirwalk seek DIR\n");
		return 2;
	}
	fd = open(argv[2], O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	if (read_all(fd, size, &count))
		return 1;
	if (!strcmp(argv[1], "seek")) {
		i = seek_check(fd, count);
		return i < 0 ? 1 : i;
	}
	for (i = 0; i < count; i++)
		printf("%s\n", names[i]);
	return 0;
}
