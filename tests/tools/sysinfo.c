// SPDX-License-Identifier: GPL-2.0
/*
 * sysinfo: print what sysinfo(2) returns, through the 64-bit entry or,
 * with -32, through the ia32 compat entry (int $0x80 from a 64-bit process).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>

#include "sysinfo32.h"

static int sysinfo_compat(struct sysinfo *out)
{
	struct sysinfo32 *s = sysinfo32_buffer();

	if (!s || sysinfo32(s))
		return -1;
	memset(out, 0, sizeof(*out));
	out->uptime = s->uptime;
	for (int i = 0; i < 3; i++)
		out->loads[i] = s->loads[i];
	out->totalram = s->totalram;
	out->freeram = s->freeram;
	out->sharedram = s->sharedram;
	out->bufferram = s->bufferram;
	out->totalswap = s->totalswap;
	out->freeswap = s->freeswap;
	out->procs = s->procs;
	out->mem_unit = s->mem_unit;
	return 0;
}

int main(int argc, char **argv)
{
	struct sysinfo si;
	int compat = argc == 2 && !strcmp(argv[1], "-32");

	if (argc > 2 || (argc == 2 && !compat)) {
		fprintf(stderr, "usage: sysinfo [-32]\n"
			"  prints sysinfo(2) fields; -32 uses the ia32 entry\n");
		return 2;
	}
	if (compat ? sysinfo_compat(&si) : sysinfo(&si)) {
		perror("sysinfo");
		return 1;
	}
	/* in kB, like /proc/meminfo, and raw */
	printf("mem_unit %u\n", si.mem_unit);
	printf("totalram %lu\nfreeram %lu\nsharedram %lu\nbufferram %lu\n",
	       si.totalram, si.freeram, si.sharedram, si.bufferram);
	printf("totalswap %lu\nfreeswap %lu\n", si.totalswap, si.freeswap);
	printf("totalram_kb %llu\nfreeram_kb %llu\nsharedram_kb %llu\n",
	       (unsigned long long)si.totalram * si.mem_unit / 1024,
	       (unsigned long long)si.freeram * si.mem_unit / 1024,
	       (unsigned long long)si.sharedram * si.mem_unit / 1024);
	printf("bufferram_kb %llu\ntotalswap_kb %llu\nfreeswap_kb %llu\n",
	       (unsigned long long)si.bufferram * si.mem_unit / 1024,
	       (unsigned long long)si.totalswap * si.mem_unit / 1024,
	       (unsigned long long)si.freeswap * si.mem_unit / 1024);
	printf("uptime %ld\nprocs %u\nloads %lu %lu %lu\n", si.uptime,
	       si.procs, si.loads[0], si.loads[1], si.loads[2]);
	return 0;
}
