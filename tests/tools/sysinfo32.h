/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysinfo(2) through the ia32 compat entry, from a 64-bit process: int $0x80
 * with the ia32 syscall number, and a buffer below 4 GiB.
 */
#ifndef SYSINFO32_H
#define SYSINFO32_H

#include <stdint.h>
#include <sys/mman.h>

/* The ia32 ABI's struct sysinfo. */
struct sysinfo32 {
	int32_t uptime;
	uint32_t loads[3];
	uint32_t totalram, freeram, sharedram, bufferram;
	uint32_t totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t totalhigh, freehigh, mem_unit;
	char _f[8];
};

#define NR_SYSINFO_32 116

/* A buffer int $0x80 can take: its pointers are 32 bits. */
static inline struct sysinfo32 *sysinfo32_buffer(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static inline long sysinfo32(struct sysinfo32 *s)
{
	long ret;

	asm volatile("int $0x80" : "=a"(ret)
		     : "a"(NR_SYSINFO_32), "b"((uint32_t)(uintptr_t)s)
		     : "memory");
	return ret;
}

#endif
