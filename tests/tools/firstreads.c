// SPDX-License-Identifier: GPL-2.0
/*
 * firstreads: a hostile tenant's loop of first reads. Until STOPFILE
 * exists: make a fresh cgroup under PARENT (a cgroup v2 directory), move
 * itself into it, read every FILE once and call sysinfo(2) (each view's
 * first read for that cgroup), move back to PARENT/BASE and remove the
 * fresh cgroup. Writes the number of rounds so far to COUNTFILE after
 * each round (a test waits on it) and at the end; exits 1 on any failure.
 * FIRSTREADS_ROUNDS=N in the environment: also stop after N rounds (for
 * bench/profile, whose count of instructions wants a fixed number).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <unistd.h>

static int write_count(const char *path, unsigned long rounds)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "%lu\n", rounds);
	return fclose(f) ? -1 : 0;
}

static int join(const char *dir)
{
	char path[4096], pid[32];
	int fd, len, ok;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	len = snprintf(pid, sizeof(pid), "%d\n", getpid());
	ok = write(fd, pid, len) == len;
	close(fd);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	static char buf[65536];
	char dir[4096], base[4096];
	unsigned long rounds = 0, max_rounds = 0;
	const char *env = getenv("FIRSTREADS_ROUNDS");
	struct sysinfo si;
	int i, fd;

	if (argc < 6) {
		fprintf(stderr, "usage: firstreads STOPFILE COUNTFILE PARENT BASE FILE...\n"
			"  in fresh cgroups under PARENT, one first read of every FILE\n"
			"  and sysinfo(2) each, until STOPFILE exists\n");
		return 2;
	}
	if (env)
		max_rounds = strtoul(env, NULL, 10);
	snprintf(base, sizeof(base), "%s/%s", argv[3], argv[4]);
	while (access(argv[1], F_OK) && (!max_rounds || rounds < max_rounds)) {
		snprintf(dir, sizeof(dir), "%s/fr%d.%lu", argv[3], getpid(),
			 rounds);
		if (mkdir(dir, 0755) || join(dir)) {
			perror(dir);
			return 1;
		}
		for (i = 5; i < argc; i++) {
			fd = open(argv[i], O_RDONLY);
			if (fd < 0 || read(fd, buf, sizeof(buf)) <= 0) {
				perror(argv[i]);
				return 1;
			}
			close(fd);
		}
		if (sysinfo(&si) || join(base) || rmdir(dir)) {
			perror(dir);
			return 1;
		}
		if (write_count(argv[2], ++rounds)) {
			perror(argv[2]);
			return 1;
		}
	}
	return write_count(argv[2], rounds) ? 1 : 0;
}
