// SPDX-License-Identifier: GPL-2.0
/*
 * readpaths: print a file read through one particular read path, so a
 * test can check that every path sees the same view.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#include <unistd.h>

#define BUFSZ (1 << 16)

static const char * const methods[] = {
	"read", "pread", "readv", "sendfile", "splice", "bytes", NULL
};

static void bad_usage(void)
{
	fprintf(stderr,
		"usage: readpaths METHOD FILE\n"
		"  METHOD: read pread readv sendfile splice bytes (1-byte reads)\n");
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "readpaths: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Move everything from a pipe filled by sendfile/splice to stdout. */
static size_t drain_pipe(int rfd, char *buf, size_t have)
{
	ssize_t n = read(rfd, buf + have, BUFSZ - have);

	if (n < 0)
		die("read pipe");
	return have + n;
}

static size_t via_pipe(int fd, char *buf, int use_splice)
{
	size_t have = 0;
	int p[2];

	if (pipe(p))
		die("pipe");
	for (;;) {
		ssize_t n = use_splice ?
			splice(fd, NULL, p[1], NULL, 4096, 0) :
			sendfile(p[1], fd, NULL, 4096);

		if (n < 0)
			die(use_splice ? "splice" : "sendfile");
		if (n == 0)
			break;
		have = drain_pipe(p[0], buf, have);
	}
	close(p[0]);
	close(p[1]);
	return have;
}

static size_t read_all(int fd, char *buf, const char *m)
{
	size_t have = 0;
	ssize_t n;

	if (!strcmp(m, "sendfile") || !strcmp(m, "splice"))
		return via_pipe(fd, buf, m[1] == 'p');
	do {
		if (!strcmp(m, "read")) {
			n = read(fd, buf + have, BUFSZ - have);
		} else if (!strcmp(m, "pread")) {
			n = pread(fd, buf + have, BUFSZ - have, have);
		} else if (!strcmp(m, "readv")) {
			struct iovec iov[2] = {
				{ buf + have, 7 },
				{ buf + have + 7, BUFSZ - have - 7 },
			};
			n = readv(fd, iov, 2);
		} else {
			n = read(fd, buf + have, 1);
		}
		if (n < 0)
			die(m);
		have += n;
	} while (n > 0 && have < BUFSZ - 8);
	return have;
}

int main(int argc, char **argv)
{
	static char buf[BUFSZ];
	const char * const *m;
	size_t len;
	int fd;

	if (argc != 3)
		bad_usage();
	for (m = methods; *m && strcmp(*m, argv[1]); m++)
		;
	if (!*m)
		bad_usage();
	fd = open(argv[2], O_RDONLY);
	if (fd < 0)
		die(argv[2]);
	len = read_all(fd, buf, argv[1]);
	if (fwrite(buf, 1, len, stdout) != len)
		die("write");
	return 0;
}
