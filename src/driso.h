/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DRISO_H
#define DRISO_H

#include <linux/types.h>
#include <linux/percpu.h>
#include <linux/static_call.h>
#include "compat.h"
#include "cpucalc.h"
#include "memcalc.h"

struct seq_file;
struct pt_regs;

/* The views driso can rewrite; each has its own counters. */
enum driso_view {
	DRISO_VIEW_MEMINFO,
	DRISO_VIEW_SYSINFO,
	DRISO_VIEW_CPUINFO,
	DRISO_VIEW_CPU_ONLINE,
	DRISO_VIEW_UPTIME,
	DRISO_VIEW_SWAPS,
	DRISO_VIEW_STAT,
	DRISO_VIEW_LOADAVG,
	DRISO_VIEW_NR
};

extern const char * const driso_view_names[DRISO_VIEW_NR];

enum driso_counter {
	DRISO_READS_VIRTUAL,	/* served the container's view */
	DRISO_READS_PASSTHROUGH,	/* out of scope: the kernel's own */
	DRISO_READS_FALLBACK,	/* in scope, but the view failed */
	DRISO_COUNTER_NR
};

/*
 * A struct, not a bare array: from 7.x per-CPU data lives in the %gs
 * address space, and an array indexed after per_cpu() kept that qualifier.
 */
struct driso_counters {
	unsigned long n[DRISO_VIEW_NR][DRISO_COUNTER_NR];
};

DECLARE_PER_CPU(struct driso_counters, driso_counters);

static inline void driso_count(enum driso_view v, enum driso_counter c)
{
	this_cpu_inc(driso_counters.n[v][c]);
}

/* params.c */
enum driso_scope { DRISO_SCOPE_CONTAINER, DRISO_SCOPE_CGROUP };
extern bool driso_enabled;
extern bool driso_view_enabled[DRISO_VIEW_NR];
extern int driso_scope;
extern bool driso_force_counters;
extern unsigned int driso_max_containers;

/* symbols.c */
int driso_symbols_init(void);
unsigned long driso_lookup(const char *name);
unsigned long driso_require(const char *name);
int driso_call_check(void *tramp, void *func, const char *sym);

/*
 * Point static call @sc at the kernel function @addr (named @sym), and check
 * that calling it is safe under IBT. Evaluates to 0 or -EOPNOTSUPP; on
 * failure @sc is reset, so nothing can call through it.
 */
#define driso_call_set(sc, addr, sym)					\
({									\
	void *__func = (void *)(addr);					\
	int __err;							\
									\
	static_call_update(sc, (typeof(&STATIC_CALL_TRAMP(sc)))__func);	\
	__err = driso_call_check(STATIC_CALL_TRAMP_ADDR(sc), __func, sym); \
	if (__err)							\
		static_call_update(sc, NULL);				\
	__err;								\
})

/* layout.c: fields of private kernel structures, from the kernel's BTF */
struct bc_field;
int driso_layout_init(void);
void driso_layout_report(void);
int driso_layout_field(const char *name, const char *field,
		       unsigned int kind, struct bc_field *out);
int driso_layout_css_field(const char *name, const char *field,
			   unsigned int kind, struct bc_field *out);
struct cgroup_subsys;
struct cftype;
struct cgroup_subsys *driso_cgroup_subsys(const char *sym);
int driso_layout_func(const char *func, unsigned int nr_params,
		      const char *first);
struct cftype *driso_cgroup_file(struct cgroup_subsys *ss, const char *file);

/* hooks.c */
#define DRISO_MAX_HOOKS 16
struct driso_hook {
	const char *name;		/* the kernel function */
	unsigned int nr_params;		/* its prototype, checked in BTF */
	const char *first_param;	/* the struct its first points to */
	void *replacement;
	enum driso_view view;
	bool optional;			/* absent on some configs */
	bool decides_scope;		/* the replacement sees every reader */
	unsigned long address;
	bool installed;
};

/*
 * Find @hook's kernel function, point the static call @orig (driso's way to
 * call the kernel's own function) at it, and make @repl its replacement.
 * Evaluates to 0, -ENOENT if the function is missing, or -EOPNOTSUPP if
 * calling it would not be safe under IBT.
 */
#define driso_hook_setup(hook, orig, repl)				\
({									\
	typeof(&STATIC_CALL_TRAMP(orig)) __repl = (repl);		\
	struct driso_hook *__hook = (hook);				\
	int __ret = -ENOENT;						\
									\
	__hook->address = driso_require(__hook->name);			\
	if (__hook->address &&						\
	    driso_layout_func(__hook->name, __hook->nr_params,		\
			      __hook->first_param))			\
		__ret = -ENOEXEC;					\
	else if (__hook->address) {					\
		__ret = driso_call_set(orig, __hook->address, __hook->name); \
		__hook->replacement = __repl;				\
	}								\
	__ret;								\
})

/* The type of a procfs show function. */
typedef int (proc_show_t)(struct seq_file *m, void *v);

int driso_hooks_install(struct driso_hook *hooks, unsigned int nr);
void driso_hooks_remove(struct driso_hook *hooks, unsigned int nr);
int driso_hook_enter(void);
void driso_hook_leave(int idx);

/* memview.c: the reader's memory cgroup, its limits, usage and stats */
int driso_memview_init(void);
bool driso_memory_limited(void);
int driso_memview_sample(struct mc_sample *s, unsigned int wanted);
const char *driso_memview_mode(void);

/* scope.c: which reader gets which view; the operator's exemptions */
#define DRISO_CPUS_UNKNOWN (~0U)
int driso_scope_init(void);
void driso_scope_exit(void);
bool driso_in_scope(enum driso_view view);
bool driso_view_in_scope(enum driso_view view, unsigned int cpus);
bool driso_view_confirmed(enum driso_view view);
/* Which parts of sysinfo(2) are the container's, each by its own view. */
struct driso_sysinfo_parts {
	bool memory, uptime, load;
};

bool driso_sysinfo_in_scope(struct driso_sysinfo_parts *p);
struct kobj_attribute;
extern struct kobj_attribute driso_exempt_attr;

/* cpuview.c: the CPUs the reader's cgroups let it use */
int driso_cpuview_init(void);
void driso_cpuview_exit(void);
void driso_cpuview_report(void);
const struct cpumask *driso_cpuview_get(unsigned int *count);
void driso_cpuview_put(void);
unsigned int driso_cpuview_count(void);
bool driso_cpuview_maybe_fewer(void);

/* tracker.c: per-container state over time */
struct driso_tasks {
	unsigned int threads;
	unsigned int running;
	unsigned int blocked;	/* uninterruptible */
};

struct driso_load {
	unsigned long avenrun[3];	/* FSHIFT fixed point */
	struct driso_tasks tasks;
};

struct driso_cpu_times;

int driso_tracker_init(void);
void driso_tracker_exit(void);
int driso_container_track(void);
int driso_container_load(struct driso_load *load);
int driso_container_times_begin(struct driso_cpu_times *ct, unsigned int want);
void driso_container_times_end(struct driso_cpu_times *ct,
			       const struct cc_usage *used, bool per_cpu_given);
void driso_container_times_put(struct driso_cpu_times *ct);
struct cgroup;
bool driso_container_flush_due(struct cgroup *cgrp, u64 *steal);
void driso_container_set_steal(struct cgroup *cgrp, u64 steal);
unsigned int driso_tracked_containers(void);
u64 driso_tracker_worker_ns(void);
unsigned long driso_tracker_task_walks(void);
unsigned long driso_untracked_reads(void);

/* The container's CPU time as /proc/stat, /proc/uptime and sysinfo show it. */
struct driso_cpu_times {
	u64 start_ns;			/* its init's start, boottime */
	u64 uptime_ns;			/* since then */
	unsigned int nr_cpus;		/* visible */
	struct cc_cpu_times total;	/* us, never going back */
	struct cc_cpu_times *per_cpu;	/* ns, if DRISO_TIMES_PER_CPU */
	/* each possible CPU's user, nice, system at the last per-CPU read */
	u64 (*cpu_used)[3];
	bool own_cpu_lines;		/* fewer CPUs than the host, now or before */
	u64 processes;			/* PIDs its namespace handed out */
	struct driso_load load;		/* if DRISO_TIMES_LOAD */
	void *held;			/* the container's entry, locked */
};

/* container.c */
struct css_set;
struct cgroup *driso_cpu_hierarchy(struct css_set *cset);
struct css_set *__driso_container_cset(void);
struct cgroup *__driso_container_cgroup(void);
u64 __driso_container_start_ns(void);
u64 __driso_container_uptime_ns(void);
u64 driso_container_uptime_ns(void);
int driso_last_pid(void);
/* What driso_cpu_times_get() computes beyond the total and the uptime */
#define DRISO_TIMES_PER_CPU	1U
#define DRISO_TIMES_LOAD	2U

int driso_cpu_times_get(struct driso_cpu_times *ct, unsigned int want);
void driso_cpu_times_put(struct driso_cpu_times *ct);
int driso_uptime_init(struct driso_hook *hook);

/* The renderers: one file per /proc file or syscall. */
int driso_meminfo_init(struct driso_hook *hook);
int driso_sysinfo_init(struct driso_hook *hook64, struct driso_hook *hook32);
int driso_cpuinfo_init(struct driso_hook *hook);
int driso_cpu_online_init(struct driso_hook *hook, struct driso_hook *dir_hook);
int driso_swaps_init(struct driso_hook *hook);
int driso_stat_init(struct driso_hook *hook);
int driso_loadavg_init(struct driso_hook *hook);

/* status.c */
int driso_status_init(const struct driso_hook *hooks, unsigned int nr);
void driso_status_exit(void);

#endif
