// SPDX-License-Identifier: GPL-2.0
/*
 * Where a field of a structure private to the kernel lies, read from the
 * kernel's own BTF (the .BTF section /sys/kernel/btf/vmlinux shows), never
 * guessed from a version number. Without BTF, or without the field, the
 * caller does without it and says so, naming the structure.
 */
#include <linux/cgroup.h>
#include <linux/kernel.h>
#include "btfcalc.h"
#include "driso.h"

static const void *btf;
static unsigned long btf_len;

int driso_layout_init(void)
{
	unsigned long start = driso_lookup("__start_BTF");
	unsigned long stop = driso_lookup("__stop_BTF");

	btf = NULL;
	btf_len = 0;
	if (start && stop > start) {
		btf = (const void *)start;
		btf_len = stop - start;
	}
	return 0;
}

/*
 * @field of struct @name: its offset from the structure's start, and
 * whether it is a pointer, in @out. -ENOENT with one message if this
 * kernel's BTF does not say, or says otherwise than @kind.
 */
int driso_layout_field(const char *name, const char *field,
		       unsigned int kind, struct bc_field *out)
{
	enum bc_error err;

	if (!btf) {
		pr_warn("driso: struct %s: no BTF in this kernel to find its field %s\n",
			name, field);
		return -ENOENT;
	}
	err = bc_struct_field(btf, btf_len, name, field, out);
	if (err == BC_OK && kind && out->kind != kind) {
		pr_warn("driso: struct %s: field %s is of BTF kind %u, not %u\n",
			name, field, out->kind, kind);
		return -ENOENT;
	}
	if (err != BC_OK) {
		pr_warn("driso: struct %s, field %s: %s\n", name, field,
			bc_error_text(err));
		return -ENOENT;
	}
	return 0;
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
