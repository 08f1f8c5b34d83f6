/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernel versions driso supports lives here.
 * The lines the test matrix proves are src/Kbuild's DRISO_PROVEN_LINES
 * (6.1, 6.12, 6.17, 6.18, 7.0, 7.3); Kbuild refuses any other unless
 * DRISO_UNTESTED_KERNEL=1. The release numbers below come from the kernel's
 * history: where both sides name something, it exists on that side only, so
 * a wrong side fails to build, or (functions looked up at load) fails the
 * BTF prototype check; where one names nothing (nice time before 6.12), a
 * wrong side reads 0.
 */
#ifndef DRISO_COMPAT_H
#define DRISO_COMPAT_H

#include <linux/version.h>
#include <linux/cgroup.h>
#include <linux/ftrace.h>
#include <linux/rcupdate.h>
#include <asm/ibt.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "driso needs Linux 6.1 or newer"
#endif

#if !defined(CONFIG_X86_64)
#error "driso supports x86-64 only"
#endif

#if !defined(CONFIG_DYNAMIC_FTRACE_WITH_REGS) || !defined(CONFIG_KPROBES) || \
	!defined(CONFIG_HAVE_STATIC_CALL) || !defined(CONFIG_MEMCG)
#error "driso needs DYNAMIC_FTRACE_WITH_REGS, KPROBES, HAVE_STATIC_CALL and MEMCG"
#endif

/* Renamed in 6.2. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
#define driso_ftrace_set_ip(fregs, ip) ftrace_instruction_pointer_set(fregs, ip)
#else
#define driso_ftrace_set_ip(fregs, ip) \
	ftrace_regs_set_instruction_pointer(fregs, ip)
#endif

/*
 * Moving the instruction pointer needs no full pt_regs where ftrace passes
 * the argument registers: x86-64's ftrace_caller copies back the IP a
 * callback set (as livepatch relies on), and saves fewer registers than
 * ftrace_regs_caller.
 */
#if defined(CONFIG_DYNAMIC_FTRACE_WITH_ARGS)
#define DRISO_FTRACE_REGS_FLAGS 0
#else
#define DRISO_FTRACE_REGS_FLAGS FTRACE_OPS_FL_SAVE_REGS
#endif

/*
 * A return address in driso's own text: one range, where within_module()
 * walks every memory type of the module, core and init, on every hooked
 * call. Module memory became per type (mod->mem[]) in 6.4.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
#define driso_in_own_text(addr) within_module_core(addr, THIS_MODULE)
#else
#define driso_in_own_text(addr) \
	within_module_mem_type(addr, THIS_MODULE, MOD_TEXT)
#endif

/* mem_cgroup_flush_stats() became per-cgroup in 6.8. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 8, 0)
#define DRISO_FLUSH_STATS_ARGS void
#define DRISO_FLUSH_STATS_PROTO 0, ""
#define driso_flush_stats_args(memcg) /* global flush */
#else
#define DRISO_FLUSH_STATS_ARGS struct mem_cgroup *memcg
#define DRISO_FLUSH_STATS_PROTO 1, "mem_cgroup"
#define driso_flush_stats_args(memcg) memcg
#endif

/*
 * The cgroup v2 base statistics are flushed per css from 6.16 (the rstat
 * trees became per subsystem); the cgroup's own css is &cgrp->self.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 16, 0)
#define DRISO_SYM_RSTAT_FLUSH "cgroup_rstat_flush"
#define DRISO_RSTAT_FLUSH_ARG struct cgroup *
#define DRISO_RSTAT_FLUSH_FIRST "cgroup"
#define driso_rstat_flush_arg(cgrp) (cgrp)
#else
#define DRISO_SYM_RSTAT_FLUSH "css_rstat_flush"
#define DRISO_RSTAT_FLUSH_ARG struct cgroup_subsys_state *
#define DRISO_RSTAT_FLUSH_FIRST "cgroup_subsys_state"
#define driso_rstat_flush_arg(cgrp) (&(cgrp)->self)
#endif

/*
 * A cgroup's per-CPU base statistics of its whole subtree (what its
 * cpu.stat sums, per CPU): from 6.6, in the rstat per-CPU state, which
 * became per subsystem (rstat_base_cpu) in 6.16. Nice time from 6.12.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
#define DRISO_HAVE_SUBTREE_BSTAT
#define driso_subtree_bstat(cgrp, cpu) \
	(&per_cpu_ptr((cgrp)->rstat_base_cpu, cpu)->subtree_bstat)
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#define DRISO_HAVE_SUBTREE_BSTAT
#define driso_subtree_bstat(cgrp, cpu) \
	(&per_cpu_ptr((cgrp)->rstat_cpu, cpu)->subtree_bstat)
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#define driso_base_stat_ntime(b) READ_ONCE((b)->ntime)
#else
#define driso_base_stat_ntime(b) 0
#endif

/*
 * vmalloc pages: a memcg-only item until 7.0, a node statistic by 7.2.
 * Both are read with memcg_page_state(); src/Kbuild finds which in the
 * kernel's memcontrol.h (the move's release is not one the matrix has).
 */
#ifdef DRISO_HAVE_MEMCG_VMALLOC
#define DRISO_STAT_VMALLOC MEMCG_VMALLOC
#else
#define DRISO_STAT_VMALLOC NR_VMALLOC
#endif

/*
 * driso_is_endbr(): ENDBR, or the NOP that seals it, as kprobes see it.
 * driso_is_live_endbr(): ENDBR itself, a valid indirect call target.
 * From 6.15 is_endbr() takes a pointer and is out of line and unexported;
 * the inline test is __is_endbr().
 */
#if !defined(CONFIG_X86_KERNEL_IBT)
#define driso_is_endbr(insn) false
#define driso_is_live_endbr(insn) false
#else
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 15, 0)
#define driso_is_endbr(insn) is_endbr(insn)
#else
#define driso_is_endbr(insn) __is_endbr(insn)
#endif
#define driso_is_live_endbr(insn) (((insn) & ~0x01000000U) == gen_endbr())
#endif

/*
 * How far past a function's address ftrace's callback ip can be: the
 * fentry call follows the 4-byte ENDBR64 (live or sealed) under IBT.
 */
#if defined(CONFIG_X86_KERNEL_IBT)
#define DRISO_FENTRY_OFFSET_MAX 4
#else
#define DRISO_FENTRY_OFFSET_MAX 0
#endif

/*
 * Waiting until no task is left in a hook's replacement: RCU-tasks where
 * tasks can be preempted in kernel text, plain RCU where they cannot.
 */
#ifdef CONFIG_TASKS_RCU
#define driso_sync_tasks() synchronize_rcu_tasks()
#else
#define driso_sync_tasks() synchronize_rcu()
#endif

#endif
