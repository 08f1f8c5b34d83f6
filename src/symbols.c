// SPDX-License-Identifier: GPL-2.0
/*
 * Resolving kernel symbols that are not exported, and calling them safely.
 *
 * kallsyms_lookup_name() is unexported and, under IBT, sealed: calling it
 * through a function pointer would raise #CP. So a kprobe finds its address
 * and a static_call, which patches a direct jump, calls it.
 */
#include <linux/kprobes.h>
#include <linux/moduleparam.h>
#include <linux/static_call.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/cpufeature.h>
#include "driso.h"

/*
 * Test-only builds (KCFLAGS=-DDRISO_TEST_HOOKS) can make one symbol look
 * missing, or one call look indirect on an IBT machine, so that the refusal
 * paths run on kernels and CPUs where they never happen.
 */
#ifdef DRISO_TEST_HOOKS
static char *test_missing_symbol = "";
module_param(test_missing_symbol, charp, 0444);
MODULE_PARM_DESC(test_missing_symbol, "test only: act as if this symbol were missing");
static char *test_unsafe_call = "";
module_param(test_unsafe_call, charp, 0444);
MODULE_PARM_DESC(test_unsafe_call, "test only: act as if calling this were unsafe under IBT");
#else
static const char test_missing_symbol[] = "", test_unsafe_call[] = "";
#endif

typedef unsigned long (kallsyms_lookup_name_t)(const char *name);
DEFINE_STATIC_CALL_NULL(driso_kallsyms_lookup_name, kallsyms_lookup_name_t);

/* @name's address, or 0 and the kprobe's error in @err. */
static unsigned long probe_address(const char *name, int *err)
{
	/*
	 * Registered disabled, the kprobe is never armed, so unregistering it
	 * has nothing to disarm: disarming allocates, and when that failed
	 * the kernel kept the kprobe, on this stack, in its table.
	 */
	struct kprobe kp = { .symbol_name = name, .flags = KPROBE_FLAG_DISABLED };
	unsigned long addr;
	u32 insn;

	*err = register_kprobe(&kp);
	if (*err < 0)
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);

	/* A kprobe sits after ENDBR (or its sealed NOP); step back to it. */
	if (addr && !copy_from_kernel_nofault(&insn, (void *)(addr - 4), 4) &&
	    driso_is_endbr(insn))
		addr -= 4;
	return addr;
}

int driso_symbols_init(void)
{
	int err = 0;
	unsigned long addr = probe_address("kallsyms_lookup_name", &err);

	if (!addr) {
		pr_err("driso: kernel symbol kallsyms_lookup_name not found (kprobe: %d)\n",
		       err);
		return err < 0 ? err : -ENOENT;
	}
	return driso_call_set(driso_kallsyms_lookup_name, addr,
			      "kallsyms_lookup_name");
}

unsigned long driso_lookup(const char *name)
{
	if (!strcmp(name, test_missing_symbol))
		return 0;
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

#define JMP32_OPCODE 0xe9

/*
 * After static_call_update(), may the static call whose trampoline is @tramp
 * call @func? It may if the trampoline is a direct jump to @func (x86-64's
 * static calls are), or if an indirect call would land on ENDBR, or if IBT
 * is not enforced. Otherwise the call would raise #CP and oops: refuse it,
 * naming @sym, and point the static call back at nothing.
 */
int driso_call_check(void *tramp, void *func, const char *sym)
{
	bool test_unsafe = !strcmp(sym, test_unsafe_call);
	u8 insn[5];
	s32 rel;
	u32 entry;

	if (!test_unsafe &&
	    !copy_from_kernel_nofault(insn, tramp, sizeof(insn)) &&
	    insn[0] == JMP32_OPCODE) {
		memcpy(&rel, insn + 1, sizeof(rel));
		if ((unsigned long)tramp + sizeof(insn) + rel ==
		    (unsigned long)func)
			return 0;
	}
	if (!test_unsafe && !cpu_feature_enabled(X86_FEATURE_IBT))
		return 0;
	if (!test_unsafe &&
	    !copy_from_kernel_nofault(&entry, func, sizeof(entry)) &&
	    driso_is_live_endbr(entry))
		return 0;
	pr_err("driso: a call to %s would be indirect to a function sealed under IBT: refused\n",
	       sym);
	return -EOPNOTSUPP;
}
