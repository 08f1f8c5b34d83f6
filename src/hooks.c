// SPDX-License-Identifier: GPL-2.0
/*
 * Interception: an ftrace callback on each hooked kernel function moves the
 * instruction pointer to driso's replacement when the reader is in scope.
 * Readers out of scope never leave the kernel's own function, except where
 * the replacement decides per read (/proc/cpuinfo).
 */
#include <linux/module.h>
#include <linux/srcu.h>
#include "driso.h"

/* Replacements that may sleep do so inside this SRCU read section. */
DEFINE_STATIC_SRCU(driso_srcu);

int driso_hook_enter(void)
{
	return srcu_read_lock(&driso_srcu);
}

void driso_hook_leave(int idx)
{
	srcu_read_unlock(&driso_srcu, idx);
}

static void notrace driso_ftrace_thunk(unsigned long ip,
				       unsigned long parent_ip,
				       struct ftrace_ops *ops,
				       struct ftrace_regs *fregs)
{
	struct driso_hook *hook = container_of(ops, struct driso_hook, ops);

	/* driso calling the kernel's own function, e.g. as a fallback */
	if (within_module(parent_ip, THIS_MODULE))
		return;
	if (!hook->decides_scope && !driso_in_scope(hook->view)) {
		driso_count(hook->view, DRISO_READS_PASSTHROUGH);
		return;
	}
	driso_ftrace_set_ip(fregs, (unsigned long)hook->replacement);
}

static int install_one(struct driso_hook *hook)
{
	int err;

	hook->ops.func = driso_ftrace_thunk;
	hook->ops.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
			  FTRACE_OPS_FL_RECURSION;
	err = ftrace_set_filter_ip(&hook->ops, hook->address, 0, 0);
	if (err) {
		pr_err("driso: cannot trace %s (%d)\n", hook->name, err);
		return err;
	}
	err = register_ftrace_function(&hook->ops);
	if (err) {
		/* -EBUSY: another IPMODIFY user, such as a livepatch */
		pr_err("driso: cannot hook %s (%d)\n", hook->name, err);
		ftrace_set_filter_ip(&hook->ops, hook->address, 1, 0);
		return err;
	}
	hook->installed = true;
	return 0;
}

static void unregister_all(struct driso_hook *hooks, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (!hooks[i].installed)
			continue;
		unregister_ftrace_function(&hooks[i].ops);
		ftrace_set_filter_ip(&hooks[i].ops, hooks[i].address, 1, 0);
		hooks[i].installed = false;
	}
}

/* All hooks or none. */
int driso_hooks_install(struct driso_hook *hooks, unsigned int nr)
{
	unsigned int i;
	int err;

	for (i = 0; i < nr; i++) {
		if (!hooks[i].address)
			continue;
		err = install_one(&hooks[i]);
		if (err) {
			driso_hooks_remove(hooks, nr);
			return err;
		}
	}
	return 0;
}

/*
 * After unregistering, no task enters a replacement any more, but some may
 * still be inside one. RCU-tasks waits for those that run or were
 * preempted there; the SRCU grace period waits for those that sleep inside
 * the read section; the second RCU-tasks wait covers the instructions
 * between srcu_read_unlock() and the return.
 */
void driso_hooks_remove(struct driso_hook *hooks, unsigned int nr)
{
	unregister_all(hooks, nr);
	driso_sync_tasks();
	synchronize_srcu(&driso_srcu);
	driso_sync_tasks();
}
