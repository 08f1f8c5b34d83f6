/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernel versions driso supports lives here.
 */
#ifndef DRISO_COMPAT_H
#define DRISO_COMPAT_H

#include <linux/version.h>
#include <linux/ftrace.h>
#include <linux/rcupdate.h>

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

/* mem_cgroup_flush_stats() became per-cgroup in 6.8. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 8, 0)
#define DRISO_FLUSH_STATS_ARGS void
#define driso_flush_stats_args(memcg) /* global flush */
#else
#define DRISO_FLUSH_STATS_ARGS struct mem_cgroup *memcg
#define driso_flush_stats_args(memcg) memcg
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
