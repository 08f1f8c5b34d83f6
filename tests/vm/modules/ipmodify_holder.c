// SPDX-License-Identifier: GPL-2.0
/*
 * ipmodify_holder: a test module that holds an IPMODIFY ftrace_ops on one
 * kernel function and does nothing else. ftrace allows one IPMODIFY user per
 * function (a livepatch, say), so while this module is loaded driso cannot
 * hook that function: tests/vm/scenarios/conflict.sh uses it to check that
 * insmod driso.ko then installs no hook at all. Its ftrace flags are
 * driso's, so that bench/guest.sh's floor part measures with it what
 * ftrace's entry alone costs a call.
 *
 *   insmod ipmodify_holder.ko [func=__x64_sys_sysinfo]
 */
#include <linux/module.h>
#include <linux/ftrace.h>
#include <linux/kprobes.h>

static char *func = "__x64_sys_sysinfo";
module_param(func, charp, 0444);
MODULE_PARM_DESC(func, "the kernel function to hold (default __x64_sys_sysinfo)");

static void notrace holder_cb(unsigned long ip, unsigned long parent_ip,
			      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
}

static struct ftrace_ops holder_ops = {
	.func = holder_cb,
	/* as src/compat.h's DRISO_FTRACE_REGS_FLAGS, and IPMODIFY */
#if defined(CONFIG_DYNAMIC_FTRACE_WITH_ARGS)
	.flags = FTRACE_OPS_FL_IPMODIFY,
#else
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY,
#endif
};

/*
 * kallsyms_lookup_name() is not exported: a kprobe finds the address. Under
 * IBT it is 4 bytes past the symbol, on the fentry call; ftrace_set_filter_ip()
 * takes that as well as the symbol itself.
 */
static unsigned long holder_address(const char *name)
{
	struct kprobe kp = { .symbol_name = name };
	unsigned long addr;

	if (register_kprobe(&kp) < 0)
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	return addr;
}

static int __init holder_init(void)
{
	unsigned long addr = holder_address(func);
	int err;

	if (!addr) {
		pr_err("ipmodify_holder: %s not found\n", func);
		return -ENOENT;
	}
	err = ftrace_set_filter_ip(&holder_ops, addr, 0, 0);
	if (err) {
		pr_err("ipmodify_holder: cannot trace %s (%d)\n", func, err);
		return err;
	}
	err = register_ftrace_function(&holder_ops);
	if (err) {
		pr_err("ipmodify_holder: cannot hold %s (%d)\n", func, err);
		ftrace_free_filter(&holder_ops);
		return err;
	}
	pr_info("ipmodify_holder: holding %s\n", func);
	return 0;
}

static void __exit holder_exit(void)
{
	unregister_ftrace_function(&holder_ops);
	ftrace_free_filter(&holder_ops);
	pr_info("ipmodify_holder: released %s\n", func);
}

module_init(holder_init);
module_exit(holder_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test: hold an IPMODIFY ftrace_ops on one kernel function");
