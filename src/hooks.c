// SPDX-License-Identifier: GPL-2.0
/*
 * Interception: one ftrace_ops covers every hooked kernel function; its
 * callback moves the instruction pointer to the function's replacement when
 * the reader is in scope. Readers out of scope never leave the kernel's own
 * function, except where the replacement decides per read (/proc/cpuinfo).
 *
 * One ops, not one per hook, because unregistering an ops waits for an
 * RCU-tasks grace period: nine ops made every unload wait nine times.
 */
#include <linux/module.h>
#include <linux/srcu.h>
#include <linux/trace_recursion.h>
#include "driso.h"

/* Replacements that may sleep do so inside this SRCU read section. */
DEFINE_STATIC_SRCU(driso_srcu);

/*
 * Test-only builds can fail the N-th hook's install, after the ones before
 * it went live, so that a failed load's unwinding runs with readers inside
 * driso (tests/vm/scenarios/initfail.sh).
 */
#ifdef DRISO_TEST_HOOKS
static unsigned int test_fail_hook;
module_param(test_fail_hook, uint, 0444);
MODULE_PARM_DESC(test_fail_hook,
		 "test only: fail installing the N-th hook (1 the first, 0 none)");
#else
static const unsigned int test_fail_hook;
#endif

static struct driso_hook *hook_table;
static unsigned int hook_count;

int driso_hook_enter(void)
{
	return srcu_read_lock(&driso_srcu);
}

void driso_hook_leave(int idx)
{
	srcu_read_unlock(&driso_srcu, idx);
}

/*
 * Every hooked call, a host reader's too, looks up its hook: a walk over
 * nine cost up to 60 instructions. Instead a table indexed by a few bits
 * of the address, the bits chosen at install so that no two hooks share a
 * slot; if no choice does, the walk. HOOK_NO_INDEX: the walk.
 */
#define HOOK_SLOTS 64
#define HOOK_NO_INDEX BITS_PER_LONG
static struct driso_hook *hook_slots[HOOK_SLOTS];
static unsigned int hook_shift = HOOK_NO_INDEX;

static unsigned int slot_of(unsigned long ip, unsigned int shift)
{
	return (ip >> shift) % HOOK_SLOTS;
}

static void index_hooks(void)
{
	unsigned int shift, i;

	for (shift = 0; shift < HOOK_NO_INDEX; shift++) {
		memset(hook_slots, 0, sizeof(hook_slots));
		for (i = 0; i < hook_count; i++) {
			unsigned long addr = hook_table[i].address;
			unsigned int slot = slot_of(addr, shift);

			if (!addr)
				continue;
			/* the fentry call, past an ENDBR, in the same slot */
			if (hook_slots[slot] || addr >> shift !=
			    (addr + DRISO_FENTRY_OFFSET_MAX) >> shift)
				break;
			hook_slots[slot] = &hook_table[i];
		}
		if (i == hook_count) {
			hook_shift = shift;
			return;
		}
	}
	hook_shift = HOOK_NO_INDEX;
}

/* @ip is the fentry call: the function's address or just past its ENDBR. */
static struct driso_hook *hook_at(unsigned long ip)
{
	struct driso_hook *hook;
	unsigned int i;

	if (likely(hook_shift != HOOK_NO_INDEX)) {
		hook = hook_slots[slot_of(ip, hook_shift)];
		if (hook && ip - hook->address <= DRISO_FENTRY_OFFSET_MAX)
			return hook;
		return NULL;
	}
	for (i = 0; i < hook_count; i++)
		if (ip - hook_table[i].address <= DRISO_FENTRY_OFFSET_MAX)
			return &hook_table[i];
	return NULL;
}

static void notrace driso_ftrace_thunk(unsigned long ip,
				       unsigned long parent_ip,
				       struct ftrace_ops *ops,
				       struct ftrace_regs *fregs)
{
	struct driso_hook *hook;
	int bit;

	/* driso calling the kernel's own function, e.g. as a fallback */
	if (driso_in_own_text(parent_ip))
		return;
	/* as livepatch's handler does; it also disables preemption */
	bit = ftrace_test_recursion_trylock(ip, parent_ip);
	if (WARN_ON_ONCE(bit < 0))
		return;
	hook = hook_at(ip);
	if (unlikely(!hook))
		goto out;
	if (!hook->decides_scope && !driso_in_scope(hook->view)) {
		driso_count(hook->view, DRISO_READS_PASSTHROUGH);
		goto out;
	}
	driso_ftrace_set_ip(fregs, (unsigned long)hook->replacement);
out:
	ftrace_test_recursion_unlock(bit);
}

static struct ftrace_ops driso_ops = {
	.func = driso_ftrace_thunk,
	/*
	 * No FTRACE_OPS_FL_RECURSION: its helper, a call on every hooked
	 * call, does what the trylock in the callback does inline.
	 */
	.flags = DRISO_FTRACE_REGS_FLAGS | FTRACE_OPS_FL_IPMODIFY,
};
static bool driso_ops_registered;
static bool driso_ops_ever_registered;	/* readers may have entered */

/*
 * The slow way, only after the fast one failed: the first hook registers the
 * ops, each later one is added to the live ops on its own, so that a
 * conflict (-EBUSY: another IPMODIFY user, such as a livepatch) names the
 * function it is on.
 */
static int install_one(struct driso_hook *hook)
{
	int err;

	err = ftrace_set_filter_ip(&driso_ops, hook->address, 0, 0);
	if (err) {
		pr_err("driso: cannot %s %s (%d)\n",
		       err == -EBUSY ? "hook" : "trace", hook->name, err);
		return err;
	}
	if (!driso_ops_registered) {
		err = register_ftrace_function(&driso_ops);
		if (err) {
			pr_err("driso: cannot hook %s (%d)\n", hook->name, err);
			ftrace_set_filter_ip(&driso_ops, hook->address, 1, 0);
			return err;
		}
		driso_ops_registered = true;
		driso_ops_ever_registered = true;
	}
	hook->installed = true;
	return 0;
}

static int install_each(struct driso_hook *hooks, unsigned int nr)
{
	unsigned int i, n = 0;
	int err;

	for (i = 0; i < nr; i++) {
		if (!hooks[i].address)
			continue;
		if (++n == test_fail_hook) {
			pr_err("driso: test: failing hook %u, %s\n", n,
			       hooks[i].name);
			err = -EBUSY;
		} else {
			err = install_one(&hooks[i]);
		}
		if (err) {
			driso_hooks_remove(hooks, nr);
			return err;
		}
	}
	return 0;
}

/*
 * All hooks or none. The fast way sets every address, then registers once:
 * each change to a live ops rewrites the kernel's text once more.
 */
int driso_hooks_install(struct driso_hook *hooks, unsigned int nr)
{
	unsigned long ips[DRISO_MAX_HOOKS];
	unsigned int i, n = 0;

	if (WARN_ON(nr > DRISO_MAX_HOOKS))
		return -EINVAL;
	hook_table = hooks;
	hook_count = nr;
	index_hooks();
	for (i = 0; i < nr; i++)
		if (hooks[i].address)
			ips[n++] = hooks[i].address;
	if (!n)
		return 0;
	if (test_fail_hook || ftrace_set_filter_ips(&driso_ops, ips, n, 0, 1))
		return install_each(hooks, nr);
	if (register_ftrace_function(&driso_ops)) {
		ftrace_set_filter_ips(&driso_ops, ips, n, 1, 0);
		return install_each(hooks, nr);
	}
	driso_ops_registered = true;
	driso_ops_ever_registered = true;
	for (i = 0; i < nr; i++)
		hooks[i].installed = hooks[i].address != 0;
	return 0;
}

/*
 * After unregistering, no task enters a replacement any more, but some may
 * still be inside one. Unregistering a module's ops (FTRACE_OPS_FL_DYNAMIC)
 * already waited an RCU-tasks grace period, so no task is left before the
 * SRCU read section (nothing there sleeps); the SRCU grace period waits for
 * those that sleep inside it; the last RCU-tasks wait covers the
 * instructions between srcu_read_unlock() and the return.
 */
void driso_hooks_remove(struct driso_hook *hooks, unsigned int nr)
{
	unsigned int i;

	if (driso_ops_registered) {
		unregister_ftrace_function(&driso_ops);
		driso_ops_registered = false;
	}
	for (i = 0; i < nr; i++) {
		if (!hooks[i].installed)
			continue;
		ftrace_set_filter_ip(&driso_ops, hooks[i].address, 1, 0);
		hooks[i].installed = false;
	}
	/* a load that failed before any hook went live: no reader came in */
	if (!driso_ops_ever_registered)
		return;
	synchronize_srcu(&driso_srcu);
	driso_sync_tasks();
	driso_ops_ever_registered = false;
}
