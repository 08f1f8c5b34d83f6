// SPDX-License-Identifier: GPL-2.0
/*
 * faultwatch: read a meminfo file (open, read, close) over and over while
 * its provider fails, and count what the reader saw: the expected
 * MemTotal, any other MemTotal, or an error, by its message.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_ERRNOS 8

struct seen {
	long view, other, errors;
	long other_kb;			/* the last other MemTotal */
	int err[MAX_ERRNOS];
	long err_count[MAX_ERRNOS];
};

static void count_error(struct seen *s, int err)
{
	int i;

	s->errors++;
	for (i = 0; i < MAX_ERRNOS && s->err_count[i]; i++)
		if (s->err[i] == err)
			break;
	if (i == MAX_ERRNOS)
		return;
	s->err[i] = err;
	s->err_count[i]++;
}

static void read_once(const char *file, long want_kb, struct seen *s)
{
	static char buf[16384];
	char *line;
	ssize_t len;
	long kb;
	int fd;

	fd = open(file, O_RDONLY);
	if (fd < 0) {
		count_error(s, errno);
		return;
	}
	len = read(fd, buf, sizeof(buf) - 1);
	if (len < 0)
		count_error(s, errno);
	close(fd);
	if (len < 0)
		return;
	buf[len] = '\0';
	line = strstr(buf, "MemTotal:");
	if (!line || sscanf(line, "MemTotal: %ld", &kb) != 1) {
		count_error(s, EBADMSG);
	} else if (kb == want_kb) {
		s->view++;
	} else {
		s->other++;
		s->other_kb = kb;
	}
}

int main(int argc, char **argv)
{
	struct seen s = { 0 };
	long want_kb, count = -1, i;
	char *end;

	if (argc != 4) {
		fprintf(stderr, "usage: %s FILE WANT_KB STOPFILE|COUNT\n"
			"  reads FILE until STOPFILE exists (or COUNT times), then\n"
			"  prints: view N other N [other_kb KB] errors N [\"message\" N]...\n"
			"  view: MemTotal was WANT_KB; other: it was not\n",
			argv[0]);
		return 2;
	}
	want_kb = strtol(argv[2], &end, 10);
	if (*end || want_kb <= 0) {
		fprintf(stderr, "faultwatch: WANT_KB must be a positive number\n");
		return 2;
	}
	if (argv[3][0] >= '0' && argv[3][0] <= '9') {
		count = strtol(argv[3], &end, 10);
		if (*end || count <= 0) {
			fprintf(stderr, "faultwatch: COUNT must be a positive number\n");
			return 2;
		}
	}
	for (i = 0; count < 0 ? access(argv[3], F_OK) : i < count; i++)
		read_once(argv[1], want_kb, &s);

	printf("view %ld other %ld", s.view, s.other);
	if (s.other)
		printf(" other_kb %ld", s.other_kb);
	printf(" errors %ld", s.errors);
	for (i = 0; i < MAX_ERRNOS && s.err_count[i]; i++)
		printf(" \"%s\" %ld", strerror(s.err[i]), s.err_count[i]);
	printf("\n");
	return 0;
}
