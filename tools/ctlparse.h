/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drisoctl's parsing and formatting: plain C without I/O, so the unit tests
 * can call every function on its own.
 */
#ifndef DRISOCTL_CTLPARSE_H
#define DRISOCTL_CTLPARSE_H

#include <stddef.h>

#define CTL_NO_LIMIT (~0ULL)

/* The views, named as the module's parameters and status directories. */
extern const char * const ctl_views[];
#define CTL_NR_VIEWS 8
int ctl_view_index(const char *name);

/* drisoctl's scope names and the module's (enabled, scope) for each. */
struct ctl_scope {
	const char *name;	/* containers, limited, off */
	int enabled;
	const char *param;	/* the module's scope value */
};
const struct ctl_scope *ctl_scope_find(const char *name);
const char *ctl_scope_name(int enabled, const char *param);

int ctl_parse_limit(const char *text, unsigned long long *bytes);
int ctl_parse_cpu_max(const char *text, long long *quota,
		      unsigned long long *period);
int ctl_cpulist_count(const char *text);
int ctl_cgroup_path(const char *proc_cgroup, const char *controller,
		    char *path, size_t size);
void ctl_parent(char *path);
char *ctl_human_bytes(char *buf, size_t size, unsigned long long bytes);
void ctl_json_string(char *buf, size_t size, const char *s);

#endif
