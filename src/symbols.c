// SPDX-License-Identifier: GPL-2.0
/*
 * Resolving kernel symbols that are not exported.
 *
 * kallsyms_lookup_name() is unexported and, under IBT, sealed: calling it
 * through a function pointer would raise #CP. So a kprobe finds its address
 * and a static_call, which patches a direct jump, calls it.
 */
#include <linux/kprobes.h>
#include <linux/static_call.h>
#include <linux/uaccess.h>
#include <asm/ibt.h>
#include "driso.h"

typedef unsigned long (kallsyms_lookup_name_t)(const char *name);
DEFINE_STATIC_CALL_NULL(driso_kallsyms_lookup_name, kallsyms_lookup_name_t);

static unsigned long probe_address(const char *name)
{
	struct kprobe kp = { .symbol_name = name };
	unsigned long addr;
	u32 insn;

	if (register_kprobe(&kp) < 0)
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);

	/* A kprobe sits after ENDBR (or its sealed NOP); step back to it. */
	if (addr && !copy_from_kernel_nofault(&insn, (void *)(addr - 4), 4) &&
	    is_endbr(insn))
		addr -= 4;
	return addr;
}

int driso_symbols_init(void)
{
	unsigned long addr = probe_address("kallsyms_lookup_name");

	if (!addr) {
		pr_err("driso: kernel symbol kallsyms_lookup_name not found\n");
		return -ENOENT;
	}
	static_call_update(driso_kallsyms_lookup_name,
			   (kallsyms_lookup_name_t *)addr);
	return 0;
}

unsigned long driso_lookup(const char *name)
{
	return static_call(driso_kallsyms_lookup_name)(name);
}

/* A symbol driso cannot work without: say which one is missing. */
unsigned long driso_require(const char *name)
{
	unsigned long addr = driso_lookup(name);

	if (!addr)
		pr_err("driso: kernel symbol %s not found\n", name);
	return addr;
}
