// SPDX-License-Identifier: GPL-2.0
/*
 * viewcheck: check, from inside one process, that /proc/meminfo is
 * internally consistent and that sysinfo(2), through the 64-bit and the
 * ia32 entry, agrees with it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include "sysinfo32.h"

#define MAX_FIELDS 128

struct meminfo {
	int n;
	char name[MAX_FIELDS][32];
	unsigned long long kb[MAX_FIELDS];
};

static int failures;

static void read_meminfo(struct meminfo *m)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];

	if (!f) {
		perror("/proc/meminfo");
		exit(1);
	}
	m->n = 0;
	while (m->n < MAX_FIELDS && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (!colon || colon - line >= 32)
			continue;
		*colon = 0;
		strcpy(m->name[m->n], line);
		m->kb[m->n] = strtoull(colon + 1, NULL, 10);
		m->n++;
	}
	fclose(f);
}

static unsigned long long field(const struct meminfo *m, const char *name)
{
	for (int i = 0; i < m->n; i++)
		if (!strcmp(m->name[i], name))
			return m->kb[i];
	fprintf(stderr, "viewcheck: no %s in /proc/meminfo\n", name);
	exit(1);
}

static void expect(int ok, const char *what, unsigned long long a,
		   unsigned long long b)
{
	if (ok)
		return;
	failures++;
	printf("FAIL %s (%llu vs %llu)\n", what, a, b);
}

/* Fields that count swap or a page size, so may exceed MemTotal. */
static int may_exceed_total(const char *name)
{
	return !strcmp(name, "SwapTotal") || !strcmp(name, "SwapFree") ||
	       !strcmp(name, "CommitLimit") || !strcmp(name, "Hugepagesize") ||
	       !strncmp(name, "HugePages_", 10);
}

static void check_meminfo(const struct meminfo *m)
{
	unsigned long long total = field(m, "MemTotal");

	expect(field(m, "MemFree") <= field(m, "MemAvailable"),
	       "MemFree <= MemAvailable", field(m, "MemFree"),
	       field(m, "MemAvailable"));
	expect(field(m, "MemAvailable") <= total, "MemAvailable <= MemTotal",
	       field(m, "MemAvailable"), total);
	expect(field(m, "SwapFree") <= field(m, "SwapTotal"),
	       "SwapFree <= SwapTotal", field(m, "SwapFree"),
	       field(m, "SwapTotal"));
	for (int i = 0; i < m->n; i++) {
		char what[64];

		if (may_exceed_total(m->name[i]))
			continue;
		snprintf(what, sizeof(what), "%s <= MemTotal", m->name[i]);
		expect(m->kb[i] <= total, what, m->kb[i], total);
	}
	/* free(1): used = total - free - buffers - cache must not be < 0 */
	expect(field(m, "Buffers") + field(m, "Cached") +
	       field(m, "SReclaimable") <= total - field(m, "MemFree"),
	       "buff/cache <= MemTotal - MemFree",
	       field(m, "Buffers") + field(m, "Cached") +
	       field(m, "SReclaimable"), total - field(m, "MemFree"));
}

static void check_sysinfo(const struct meminfo *m, unsigned long long unit,
			  unsigned long long total, unsigned long long free,
			  unsigned long long shared, unsigned long long buf,
			  unsigned long long tswap, unsigned long long fswap,
			  const char *entry)
{
	char what[64];
	/* the compat entry may count in pages: compare in its unit */
	unsigned long long div = unit < 1024 ? 1 : unit / 1024;

#define SAME(name, value) do {						\
	snprintf(what, sizeof(what), "%s %s == %s", entry, #value, name);\
	expect(field(m, name) / div == (value) * unit / 1024 / div, what,\
	       field(m, name), (value) * unit / 1024);			\
} while (0)
	SAME("MemTotal", total);
	SAME("MemFree", free);
	SAME("Shmem", shared);
	SAME("Buffers", buf);
	SAME("SwapTotal", tswap);
	SAME("SwapFree", fswap);
#undef SAME
}

static int same(const struct meminfo *a, const struct meminfo *b)
{
	return a->n == b->n && !memcmp(a->kb, b->kb, sizeof(a->kb[0]) * a->n);
}

int main(int argc, char **argv)
{
	struct meminfo a, b;
	struct sysinfo si;
	struct sysinfo32 *s32;
	int tries;

	if (argc != 1) {
		fprintf(stderr, "usage: %s\n"
			"  checks /proc/meminfo invariants and sysinfo(2) agreement\n",
			argv[0]);
		return 2;
	}
	s32 = sysinfo32_buffer();
	if (!s32) {
		perror("mmap");
		return 1;
	}
	/* a reading taken while nothing moved, so the views must agree */
	for (tries = 0; tries < 200; tries++) {
		read_meminfo(&a);
		if (sysinfo(&si) || sysinfo32(s32)) {
			perror("sysinfo");
			return 1;
		}
		read_meminfo(&b);
		if (same(&a, &b))
			break;
	}
	if (tries == 200) {
		printf("FAIL /proc/meminfo never held still\n");
		return 1;
	}
	check_meminfo(&a);
	check_sysinfo(&a, si.mem_unit, si.totalram, si.freeram, si.sharedram,
		      si.bufferram, si.totalswap, si.freeswap, "sysinfo");
	check_sysinfo(&a, s32->mem_unit, s32->totalram, s32->freeram,
		      s32->sharedram, s32->bufferram, s32->totalswap,
		      s32->freeswap, "sysinfo32");
	if (failures)
		return 1;
	printf("viewcheck: ok, MemTotal %llu kB, %d fields\n",
	       field(&a, "MemTotal"), a.n);
	return 0;
}
