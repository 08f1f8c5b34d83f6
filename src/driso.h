/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DRISO_H
#define DRISO_H

#include <linux/types.h>
#include <linux/percpu.h>
#include "compat.h"
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
	DRISO_VIEW_NR
};

extern const char * const driso_view_names[DRISO_VIEW_NR];

enum driso_counter {
	DRISO_READS_VIRTUAL,	/* served the container's view */
	DRISO_READS_PASSTHROUGH,	/* out of scope: the kernel's own */
	DRISO_READS_FALLBACK,	/* in scope, but the view failed */
	DRISO_COUNTER_NR
};

DECLARE_PER_CPU(unsigned long, driso_counters[DRISO_VIEW_NR][DRISO_COUNTER_NR]);

static inline void driso_count(enum driso_view v, enum driso_counter c)
{
	this_cpu_inc(driso_counters[v][c]);
}

/* params.c */
enum driso_scope { DRISO_SCOPE_CONTAINER, DRISO_SCOPE_CGROUP };
extern bool driso_enabled;
extern bool driso_view_enabled[DRISO_VIEW_NR];
extern int driso_scope;
extern bool driso_force_counters;

/* symbols.c */
int driso_symbols_init(void);
unsigned long driso_lookup(const char *name);
unsigned long driso_require(const char *name);

/* hooks.c */
struct driso_hook {
	const char *name;		/* the kernel function */
	void *replacement;
	enum driso_view view;
	bool optional;			/* absent on some configs */
	unsigned long address;
	bool installed;
	struct ftrace_ops ops;
};

int driso_hooks_install(struct driso_hook *hooks, unsigned int nr);
void driso_hooks_remove(struct driso_hook *hooks, unsigned int nr);
int driso_hook_enter(void);
void driso_hook_leave(int idx);

/* memview.c: the reader's memory cgroup, its limits, usage and stats */
int driso_memview_init(void);
bool driso_in_scope(enum driso_view view);
int driso_memview_sample(struct mc_sample *s, unsigned int wanted);
const char *driso_memview_mode(void);

/* cpuview.c: the CPUs the reader's cgroups let it use */
int driso_cpuview_init(void);
unsigned int driso_cpuview_visible(struct cpumask *visible);
u64 driso_cpuview_usage_ns(void);

/* uptime.c */
struct timespec64;
int driso_uptime_init(struct driso_hook *hook);
int driso_container_uptime(struct timespec64 *uptime, struct timespec64 *idle);

/* The renderers: one file per /proc file or syscall. */
int driso_meminfo_init(struct driso_hook *hook);
int driso_sysinfo_init(struct driso_hook *hook64, struct driso_hook *hook32);
int driso_cpuinfo_init(struct driso_hook *hook);
int driso_cpu_online_init(struct driso_hook *hook);
int driso_swaps_init(struct driso_hook *hook);

/* status.c */
int driso_status_init(const struct driso_hook *hooks, unsigned int nr);
void driso_status_exit(void);

#endif
