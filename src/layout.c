// SPDX-License-Identifier: GPL-2.0
/*
 * Where a field of a structure private to the kernel lies, read from the
 * kernel's own BTF (the .BTF section /sys/kernel/btf/vmlinux shows), never
 * guessed from a version number. Without BTF, or without the field, the
 * caller does without it and says so, naming the structure.
 */
#include <linux/cgroup.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "btfcalc.h"
#include "driso.h"

static const void *btf;
static unsigned long btf_len;
/* functions BTF has no record of, said once the load has succeeded */
#define MAX_UNVERIFIED 8
static const char *unverified[MAX_UNVERIFIED];
static unsigned int nr_unverified;

/* Test-only builds can make one function's prototype look wrong. */
#ifdef DRISO_TEST_HOOKS
#include <linux/moduleparam.h>
static char *test_bad_prototype = "";
module_param(test_bad_prototype, charp, 0444);
MODULE_PARM_DESC(test_bad_prototype,
		 "test only: act as if BTF gave this function another prototype");
#else
static const char test_bad_prototype[] = "";
#endif

int driso_layout_init(void)
{
	unsigned long start = driso_lookup("__start_BTF");
	unsigned long stop = driso_lookup("__stop_BTF");

	btf = NULL;
	btf_len = 0;
	nr_unverified = 0;
	if (start && stop > start) {
		btf = (const void *)start;
		btf_len = stop - start;
	}
	return 0;
}

/*
 * @field of struct @name: its offset from the structure's start, its kind
 * and size, in @out. -ENOENT if this kernel's BTF does not say (or there
 * is none), or says otherwise than @kind (if not 0): the caller does
 * without it and says so.
 */
int driso_layout_field(const char *name, const char *field,
		       unsigned int kind, struct bc_field *out)
{
	if (!btf || bc_struct_field(btf, btf_len, name, field, out) != BC_OK ||
	    (kind && out->kind != kind))
		return -ENOENT;
	return 0;
}

/*
 * The same for a controller's structure, which a css pointer points into:
 * @out->offset is from its member css, where driso has its address.
 */
int driso_layout_css_field(const char *name, const char *field,
			   unsigned int kind, struct bc_field *out)
{
	struct bc_field css;

	if (driso_layout_field(name, "css", BC_KIND_STRUCT, &css) ||
	    driso_layout_field(name, field, kind, out) ||
	    out->offset < css.offset)
		return -ENOENT;
	out->offset -= css.offset;
	return 0;
}

/* After a successful load: what could not be checked, and why. */
void driso_layout_report(void)
{
	unsigned int i;

	if (!btf)
		pr_warn("driso: this kernel has no BTF: private layouts unread, prototypes taken from the headers\n");
	for (i = 0; i < nr_unverified; i++)
		pr_info("driso: %s is not in the BTF of the kernel: its prototype is taken from the headers\n",
			unverified[i]);
}

/* The controller whose struct cgroup_subsys is the symbol @sym. */
struct cgroup_subsys *driso_cgroup_subsys(const char *sym)
{
	return (struct cgroup_subsys *)driso_require(sym);
}

/*
 * Controller @ss's file @file, named as cgroup v1 names it without the
 * controller's prefix: its cftype, from the controller's own tables, so
 * that its handlers are called as cgroupfs calls them, with their own
 * cftype. NULL, with one message, where this kernel has none.
 */
struct cftype *driso_cgroup_file(struct cgroup_subsys *ss, const char *file)
{
	struct cftype *tables[2] = { ss->legacy_cftypes, ss->dfl_cftypes };
	struct cftype *cft;
	int i;

	for (i = 0; i < ARRAY_SIZE(tables); i++)
		for (cft = tables[i]; cft && cft->name[0]; cft++)
			if (!strcmp(cft->name, file))
				return cft;
	pr_err("driso: the %s controller has no file %s\n", ss->name, file);
	return NULL;
}

/*
 * Whether kernel function @func, which driso calls or hooks, takes
 * @nr_params parameters, the first a pointer to struct @first ("" for
 * anything else), as the kernel's BTF says: 0 if so, or if this kernel has
 * no BTF or no record of it (then the headers' prototype is trusted, as
 * the compiler checked what it could); -ENOEXEC, with one message naming
 * it, if the BTF says otherwise.
 */
int driso_layout_func(const char *func, unsigned int nr_params,
		      const char *first)
{
	const char *has_first;
	unsigned int has_nr;
	enum bc_error err;

	if (!btf)
		return 0;
	err = bc_func_params(btf, btf_len, func, &has_nr, &has_first);
	if (err == BC_OK && !strcmp(func, test_bad_prototype))
		has_nr++;
	if (err == BC_NO_STRUCT) {
		if (nr_unverified < MAX_UNVERIFIED)
			unverified[nr_unverified++] = func;
		return 0;
	}
	if (err == BC_OK && has_nr == nr_params && !strcmp(has_first, first))
		return 0;
	pr_err("driso: kernel function %s takes %u parameters (first: struct %s), not %u (struct %s): not called\n",
	       func, has_nr, *has_first ? has_first : "-", nr_params,
	       *first ? first : "-");
	return -ENOEXEC;
}
