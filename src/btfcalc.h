/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a structure's layout from the kernel's own BTF (the type
 * information /sys/kernel/btf/vmlinux shows), so that a field of a
 * structure private to the kernel is found where this kernel put it, never
 * where a version number suggests. Plain C with no kernel headers: the
 * module and the unit tests (on the host's BTF) share it.
 */
#ifndef DRISO_BTFCALC_H
#define DRISO_BTFCALC_H

/* The kinds of type a field can have, as BTF numbers them. */
enum bc_kind {
	BC_KIND_INT = 1,
	BC_KIND_PTR = 2,
	BC_KIND_ARRAY = 3,
	BC_KIND_STRUCT = 4,
	BC_KIND_UNION = 5,
};

struct bc_field {
	unsigned long offset;	/* bytes from the structure's start */
	unsigned int kind;	/* of its type, past typedefs and qualifiers */
	unsigned long size;	/* bytes; a pointer's is the word's */
};

/* What went wrong, for one message that names it. */
enum bc_error {
	BC_OK = 0,
	BC_BAD_BTF = 1,		/* not BTF, or truncated */
	BC_NO_STRUCT = 2,	/* no structure of that name */
	BC_NO_FIELD = 3,	/* the structure has no such field */
	BC_BITFIELD = 4,	/* the field is a bit field */
};

/*
 * Field @field of struct @name in the BTF at @btf, @len bytes: its byte
 * offset, its kind and its size in @out. O(types) without allocating.
 */
enum bc_error bc_struct_field(const void *btf, unsigned long len,
			      const char *name, const char *field,
			      struct bc_field *out);

/*
 * Function @name in the BTF at @btf: its number of parameters in
 * *@nr_params and, if its first parameter is a pointer to a struct, that
 * struct's name in *@first_struct (else ""). BC_NO_STRUCT if no function
 * has that name.
 */
enum bc_error bc_func_params(const void *btf, unsigned long len,
			     const char *name, unsigned int *nr_params,
			     const char **first_struct);

const char *bc_error_text(enum bc_error err);

#endif
