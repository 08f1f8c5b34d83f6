// SPDX-License-Identifier: GPL-2.0
/*
 * Unit and property tests of btfcalc.c: a structure's field from raw BTF,
 * on BTF built here by hand (every kind of result, bit fields, typedef and
 * qualifier chains), on every truncation and on random corruption of it
 * (never a read outside the data), and on the host kernel's own BTF
 * against offsetof() of structures whose layout is public (uapi).
 *
 * usage: test_btfcalc [DATA_DIR]
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <linux/btf.h>

#include "btfcalc.h"

/* A BTF blob under construction. */
struct blob {
	unsigned char types[4096];
	size_t types_len;
	char strings[1024];
	size_t strings_len;
};

static unsigned int add_str(struct blob *b, const char *s)
{
	unsigned int off = b->strings_len;

	strcpy(b->strings + off, s);
	b->strings_len += strlen(s) + 1;
	return off;
}

static void add_u32(struct blob *b, uint32_t v)
{
	memcpy(b->types + b->types_len, &v, 4);
	b->types_len += 4;
}

static void add_type(struct blob *b, const char *name, unsigned int kind,
		     unsigned int vlen, int kflag, uint32_t size_or_type)
{
	add_u32(b, name ? add_str(b, name) : 0);
	add_u32(b, (uint32_t)kflag << 31 | kind << 24 | vlen);
	add_u32(b, size_or_type);
}

static void add_member(struct blob *b, const char *name, uint32_t type,
		       uint32_t offset)
{
	add_u32(b, add_str(b, name));
	add_u32(b, type);
	add_u32(b, offset);
}

/* The whole blob, header first, in @out; its length. */
static size_t finish(const struct blob *b, unsigned char *out)
{
	struct btf_header h = {
		.magic = BTF_MAGIC, .version = BTF_VERSION,
		.hdr_len = sizeof(h), .type_off = 0,
		.type_len = b->types_len, .str_off = b->types_len,
		.str_len = b->strings_len,
	};

	memcpy(out, &h, sizeof(h));
	memcpy(out + sizeof(h), b->types, b->types_len);
	memcpy(out + sizeof(h) + b->types_len, b->strings, b->strings_len);
	return sizeof(h) + b->types_len + b->strings_len;
}

/*
 * 1 int; 2 ptr -> 4 (struct cpumask); 3 typedef cpumask_var_t -> 2;
 * 4 struct cpumask { long bits[1] } via 5 array; 6 const -> 3;
 * 7 struct cpuset { css (int) @0, flags (int) @8, effective_cpus
 *   (const cpumask_var_t) @16, inline (struct cpumask) @24 };
 * 10 struct bits, kind_flag { a: 3 bits @0, b (int) @32 };
 * an enum and a func proto between, to be stepped over; then
 * 11 ptr -> 6; 12 proto (cpuset *... via 13, int); 13 ptr -> 9;
 * 14 func flush -> 12; 15 proto (); 16 func noargs -> 15;
 * 17 func byint -> 8 (int).
 */
static size_t build(unsigned char *out)
{
	static struct blob b;

	memset(&b, 0, sizeof(b));
	add_str(&b, "");
	add_type(&b, "int", BTF_KIND_INT, 0, 0, 4);		/* 1 */
	add_u32(&b, 32);
	add_type(&b, NULL, BTF_KIND_PTR, 0, 0, 4);		/* 2 */
	add_type(&b, "cpumask_var_t", BTF_KIND_TYPEDEF, 0, 0, 2); /* 3 */
	add_type(&b, "cpumask", BTF_KIND_STRUCT, 1, 0, 8);	/* 4 */
	add_member(&b, "bits", 5, 0);
	add_type(&b, NULL, BTF_KIND_ARRAY, 0, 0, 0);		/* 5 */
	add_u32(&b, 1);
	add_u32(&b, 1);
	add_u32(&b, 1);
	add_type(&b, NULL, BTF_KIND_CONST, 0, 0, 3);		/* 6 */
	add_type(&b, "state", BTF_KIND_ENUM, 2, 0, 4);		/* 7 */
	add_u32(&b, add_str(&b, "ON"));
	add_u32(&b, 1);
	add_u32(&b, add_str(&b, "OFF"));
	add_u32(&b, 0);
	add_type(&b, NULL, BTF_KIND_FUNC_PROTO, 1, 0, 1);	/* 8 */
	add_u32(&b, 0);
	add_u32(&b, 1);
	add_type(&b, "cpuset", BTF_KIND_STRUCT, 4, 0, 32);	/* 9 */
	add_member(&b, "css", 1, 0);
	add_member(&b, "flags", 1, 64);
	add_member(&b, "effective_cpus", 6, 128);
	add_member(&b, "inline", 4, 192);
	add_type(&b, "bits", BTF_KIND_STRUCT, 2, 1, 8);		/* 10 */
	add_member(&b, "a", 1, (3u << 24) | 0);
	add_member(&b, "b", 1, 32);
	add_type(&b, NULL, BTF_KIND_PTR, 0, 0, 6);		/* 11 */
	add_type(&b, NULL, BTF_KIND_FUNC_PROTO, 2, 0, 0);	/* 12 */
	add_u32(&b, 0);
	add_u32(&b, 13);
	add_u32(&b, 0);
	add_u32(&b, 1);
	add_type(&b, NULL, BTF_KIND_PTR, 0, 0, 9);		/* 13 */
	add_type(&b, "flush", BTF_KIND_FUNC, 1, 0, 12);		/* 14 */
	add_type(&b, NULL, BTF_KIND_FUNC_PROTO, 0, 0, 0);	/* 15 */
	add_type(&b, "noargs", BTF_KIND_FUNC, 1, 0, 15);	/* 16 */
	add_type(&b, "byint", BTF_KIND_FUNC, 1, 0, 8);		/* 17 */
	return finish(&b, out);
}

static void test_fields(void **state)
{
	unsigned char btf[8192];
	size_t len = build(btf);
	struct bc_field f;

	assert_int_equal(bc_struct_field(btf, len, "cpuset", "css", &f), BC_OK);
	assert_int_equal(f.offset, 0);
	assert_int_equal(f.kind, BC_KIND_INT);
	assert_int_equal(f.size, 4);
	assert_int_equal(bc_struct_field(btf, len, "cpuset", "flags", &f), BC_OK);
	assert_int_equal(f.offset, 8);
	/* const typedef pointer: a pointer */
	assert_int_equal(bc_struct_field(btf, len, "cpuset", "effective_cpus",
					 &f), BC_OK);
	assert_int_equal(f.offset, 16);
	assert_int_equal(f.kind, BC_KIND_PTR);
	assert_int_equal(f.size, sizeof(void *));
	assert_int_equal(bc_struct_field(btf, len, "cpuset", "inline", &f),
			 BC_OK);
	assert_int_equal(f.offset, 24);
	assert_int_equal(f.kind, BC_KIND_STRUCT);
	assert_int_equal(f.size, 8);
	assert_int_equal(bc_struct_field(btf, len, "cpumask", "bits", &f),
			 BC_OK);
	assert_int_equal(f.kind, BC_KIND_ARRAY);
	/* a whole member of a kind_flag struct; a bit field refused */
	assert_int_equal(bc_struct_field(btf, len, "bits", "b", &f), BC_OK);
	assert_int_equal(f.offset, 4);
	assert_int_equal(bc_struct_field(btf, len, "bits", "a", &f),
			 BC_BITFIELD);
	assert_int_equal(bc_struct_field(btf, len, "cpuset", "nope", &f),
			 BC_NO_FIELD);
	assert_int_equal(bc_struct_field(btf, len, "cpusets", "css", &f),
			 BC_NO_STRUCT);
	/* a typedef's name is no struct's */
	assert_int_equal(bc_struct_field(btf, len, "cpumask_var_t", "bits", &f),
			 BC_NO_STRUCT);
	assert_string_equal(bc_error_text(BC_NO_STRUCT),
			    "no such structure in the kernel's BTF");
}

static void test_funcs(void **state)
{
	unsigned char btf[8192];
	size_t len = build(btf);
	const char *first;
	unsigned int n;

	assert_int_equal(bc_func_params(btf, len, "flush", &n, &first), BC_OK);
	assert_int_equal(n, 2);
	assert_string_equal(first, "cpuset");
	assert_int_equal(bc_func_params(btf, len, "noargs", &n, &first), BC_OK);
	assert_int_equal(n, 0);
	assert_string_equal(first, "");
	assert_int_equal(bc_func_params(btf, len, "byint", &n, &first), BC_OK);
	assert_int_equal(n, 1);
	assert_string_equal(first, "");
	/* a struct's name is no function's */
	assert_int_equal(bc_func_params(btf, len, "cpuset", &n, &first),
			 BC_NO_STRUCT);
	assert_int_equal(bc_func_params(btf, 5, "flush", &n, &first),
			 BC_BAD_BTF);
}

static void test_bad_header(void **state)
{
	unsigned char btf[8192];
	size_t len = build(btf);
	struct bc_field f;
	struct btf_header *h = (struct btf_header *)btf;

	assert_int_equal(bc_struct_field(btf, 3, "cpuset", "css", &f),
			 BC_BAD_BTF);
	h->magic = 0x1234;
	assert_int_equal(bc_struct_field(btf, len, "cpuset", "css", &f),
			 BC_BAD_BTF);
	h->magic = BTF_MAGIC;
	h->str_len = 0xffffffffu;
	assert_int_equal(bc_struct_field(btf, len, "cpuset", "css", &f),
			 BC_BAD_BTF);
	len = build(btf);
	h->type_len = 0xfffffff0u;
	assert_int_equal(bc_struct_field(btf, len, "cpuset", "css", &f),
			 BC_BAD_BTF);
}

/*
 * Every truncation, and random corruption of every byte: an answer or an
 * error, never a read past the data (the copy is exactly @len bytes on
 * the heap, so valgrind or ASan would see one), and a found field always
 * lies inside its structure's size for the intact blob.
 */
static void test_corruption_property(void **state)
{
	unsigned char btf[8192];
	size_t len = build(btf), cut, i;
	uint64_t x = 88172645463325252ULL;
	struct bc_field f;

	for (cut = 0; cut <= len; cut++) {
		unsigned char *copy = malloc(cut ? cut : 1);

		memcpy(copy, btf, cut);
		bc_struct_field(copy, cut, "cpuset", "inline", &f);
		bc_struct_field(copy, cut, "bits", "b", &f);
		free(copy);
	}
	for (i = 0; i < 100000; i++) {
		unsigned char *copy = malloc(len);
		int r;

		memcpy(copy, btf, len);
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		copy[sizeof(struct btf_header) + x % (len - 24)] ^= x >> 32;
		copy[x % len] ^= x >> 40;
		r = bc_struct_field(copy, len, "cpuset", "effective_cpus", &f);
		assert_true(r >= BC_OK && r <= BC_BITFIELD);
		{
			const char *first;
			unsigned int n;

			r = bc_func_params(copy, len, "flush", &n, &first);
			assert_true(r >= BC_OK && r <= BC_BITFIELD);
			assert_true(strlen(first) < len);
		}
		free(copy);
	}
}

/* The host's BTF against uapi structures compiled here. */
static void test_host_btf(void **state)
{
	FILE *fp = fopen("/sys/kernel/btf/vmlinux", "rb");
	static unsigned char btf[64 << 20];
	struct bc_field f;
	size_t len;

	if (!fp)
		skip();	/* reported as skipped by cmocka, never as passed */
	len = fread(btf, 1, sizeof(btf), fp);
	fclose(fp);
	assert_true(len > 1000 && len < sizeof(btf));
	assert_int_equal(bc_struct_field(btf, len, "sockaddr_in", "sin_port",
					 &f), BC_OK);
	assert_int_equal(f.offset, 2);
	assert_int_equal(bc_struct_field(btf, len, "sockaddr_in", "sin_addr",
					 &f), BC_OK);
	assert_int_equal(f.offset, 4);
	assert_int_equal(f.kind, BC_KIND_STRUCT);
	assert_int_equal(f.size, 4);
	assert_int_equal(bc_struct_field(btf, len, "list_head", "prev", &f),
			 BC_OK);
	assert_int_equal(f.offset, sizeof(void *));
	assert_int_equal(f.kind, BC_KIND_PTR);
	/* the fields driso reads where a kernel has them */
	assert_int_equal(bc_struct_field(btf, len, "cgroup_subsys_state",
					 "parent", &f), BC_OK);
	assert_int_equal(f.kind, BC_KIND_PTR);
	if (bc_struct_field(btf, len, "cpuset", "effective_cpus", &f) == BC_OK)
		assert_true(f.kind == BC_KIND_PTR || f.kind == BC_KIND_ARRAY);
	{
		const char *first;
		unsigned int n;

		assert_int_equal(bc_func_params(btf, len, "css_task_iter_start",
						&n, &first), BC_OK);
		assert_int_equal(n, 3);
		assert_string_equal(first, "cgroup_subsys_state");
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_funcs),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_corruption_property),
		cmocka_unit_test(test_host_btf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
