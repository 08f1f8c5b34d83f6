// SPDX-License-Identifier: GPL-2.0
/*
 * statmono: read /proc/stat N times, moving the caller's cpuset through
 * the given CPU lists between reads, and fail if any counter of any cpu
 * line ever goes back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINES 512
#define FIELDS 10

static unsigned long long last[MAX_LINES][FIELDS];
static int seen[MAX_LINES];

/* cpu line -> slot: "cpu" is 0, "cpuN" is N + 1 */
static int slot(const char *line)
{
	if (line[3] == ' ')
		return 0;
	return atoi(line + 3) + 1;
}

static int read_stat(int round)
{
	char line[8192];
	FILE *f = fopen("/proc/stat", "r");
	int bad = 0;

	if (!f) {
		perror("/proc/stat");
		exit(1);
	}
	while (fgets(line, sizeof(line), f) && !strncmp(line, "cpu", 3)) {
		unsigned long long v[FIELDS] = { 0 };
		int s = slot(line), i;
		char *p = line + 3;

		if (s < 0 || s >= MAX_LINES)
			continue;
		while (*p && *p != ' ')
			p++;
		for (i = 0; i < FIELDS; i++)
			v[i] = strtoull(p, &p, 10);
		for (i = 0; seen[s] && i < FIELDS; i++) {
			if (v[i] < last[s][i]) {
				printf("statmono: read %d: %.*s field %d went back: %llu -> %llu\n",
				       round, (int)strcspn(line, " "), line, i,
				       last[s][i], v[i]);
				bad = 1;
			}
		}
		memcpy(last[s], v, sizeof(v));
		seen[s] = 1;
	}
	fclose(f);
	return bad;
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[1]) : 0;
	int i, bad = 0;

	if (argc < 3 || n <= 0) {
		fprintf(stderr,
			"usage: %s N CPUSET_FILE [CPULIST...]\n"
			"  reads /proc/stat N times, writing the next CPULIST to\n"
			"  CPUSET_FILE between reads; fails if a counter goes back\n",
			argv[0]);
		return 2;
	}
	for (i = 0; i < n; i++) {
		bad |= read_stat(i);
		if (argc > 3) {
			FILE *f = fopen(argv[2], "w");

			if (!f || fputs(argv[3 + i % (argc - 3)], f) < 0 ||
			    fclose(f)) {
				perror(argv[2]);
				return 1;
			}
		}
	}
	if (bad)
		return 1;
	printf("statmono: %d reads, nothing went back\n", n);
	return 0;
}
