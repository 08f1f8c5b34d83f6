// SPDX-License-Identifier: GPL-2.0
/*
 * tbcount: a QEMU TCG plugin that counts the guest's kernel instructions
 * per translation block, for bench/profile.
 *
 * usage: qemu-system-x86_64 -plugin tbcount.so ...   (TBCOUNT_OUT=FILE)
 *
 * At exit it writes one line per executed kernel block to $TBCOUNT_OUT
 * (default tbcount.out): its address in hex and the instructions it ran,
 * the block's length times its executions.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "tbcount-api.h"

EXPORT int qemu_plugin_version = 1;

struct block {
	uint64_t vaddr, insns, runs;
	struct block *next;
};

static struct block *blocks;
static pthread_mutex_t blocks_lock = PTHREAD_MUTEX_INITIALIZER;

/* A translation: count its runs inline, in its own counter. */
static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);
	struct block *b;

	if (!(vaddr >> 63))	/* user space */
		return;
	b = calloc(1, sizeof(*b));
	if (!b)
		abort();
	b->vaddr = vaddr;
	b->insns = qemu_plugin_tb_n_insns(tb);
	pthread_mutex_lock(&blocks_lock);
	b->next = blocks;
	blocks = b;
	pthread_mutex_unlock(&blocks_lock);
	qemu_plugin_register_vcpu_tb_exec_inline(tb, INLINE_ADD_U64, &b->runs, 1);
}

static void on_quit(qemu_plugin_id_t id, void *data)
{
	const char *name = getenv("TBCOUNT_OUT");
	FILE *out = fopen(name ? name : "tbcount.out", "w");
	struct block *b;

	if (!out) {
		perror("tbcount");
		return;
	}
	for (b = blocks; b; b = b->next)
		if (b->runs)
			fprintf(out, "%016llx %llu\n", (unsigned long long)b->vaddr,
				(unsigned long long)(b->insns * b->runs));
	fclose(out);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
			       const struct qemu_info_t *info, int argc,
			       char **argv)
{
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_quit, NULL);
	return 0;
}
