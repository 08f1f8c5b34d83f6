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
	DRISO_VIEW_NR
};

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
extern int driso_scope;
extern bool driso_force_counters;

/* symbols.c */
int driso_symbols_init(void);
unsigned long driso_lookup(const char *name);

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
bool driso_memview_in_scope(void);
int driso_memview_sample(struct mc_sample *s, unsigned int wanted);
const char *driso_memview_mode(void);

/* meminfo.c and sysinfo.c: the renderers */
int driso_meminfo_init(struct driso_hook *hook);
int driso_sysinfo_init(struct driso_hook *hook64, struct driso_hook *hook32);

/* status.c */
int driso_status_init(const struct driso_hook *hooks, unsigned int nr);
void driso_status_exit(void);

#endif
