// SPDX-License-Identifier: GPL-2.0
/*
 * viewloop: read every FILE and call sysinfo(2), round after round, until
 * STOPFILE exists; a hostile tenant's reader. Writes COUNTFILE.started
 * after the first round and the number of rounds to COUNTFILE at the end.
 * Exits 1 if any read failed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#define MAX_FILES 32

static int touch(const char *path, unsigned long rounds, int with_count)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	if (with_count)
		fprintf(f, "%lu\n", rounds);
	return fclose(f);
}

int main(int argc, char **argv)
{
	static char buf[65536];
	char started[4096];
	int fd[MAX_FILES], nr = argc - 3, i;
	unsigned long rounds = 0;
	struct sysinfo si;

	if (argc < 4 || nr > MAX_FILES) {
		fprintf(stderr, "usage: viewloop STOPFILE COUNTFILE FILE...\n"
			"  pread every FILE (at most %d) and call sysinfo(2) until STOPFILE\n"
			"  exists; then write the number of rounds to COUNTFILE\n",
			MAX_FILES);
		return 2;
	}
	for (i = 0; i < nr; i++) {
		fd[i] = open(argv[3 + i], O_RDONLY);
		if (fd[i] < 0) {
			perror(argv[3 + i]);
			return 1;
		}
	}
	snprintf(started, sizeof(started), "%s.started", argv[2]);
	while (access(argv[1], F_OK)) {
		for (i = 0; i < nr; i++)
			if (pread(fd[i], buf, sizeof(buf), 0) <= 0) {
				perror(argv[3 + i]);
				return 1;
			}
		if (sysinfo(&si)) {
			perror("sysinfo");
			return 1;
		}
		if (!rounds++ && touch(started, 0, 0))
			perror(started);
	}
	return touch(argv[2], rounds, 1) ? 1 : 0;
}
