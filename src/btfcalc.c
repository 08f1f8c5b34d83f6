// SPDX-License-Identifier: GPL-2.0
/*
 * A structure's field from raw BTF (Documentation/bpf/btf.rst): a header,
 * then the types, numbered from 1 in order, each a 12-byte head and a
 * kind's own trailer, then the strings. No headers: see btfcalc.h.
 */
#include "btfcalc.h"

#define BTF_MAGIC 0xeB9F
#define HEAD_LEN 12		/* name_off, info, size or type */

struct btf_head {
	unsigned short magic;
	unsigned char version;
	unsigned char flags;
	unsigned int hdr_len;
	unsigned int type_off;
	unsigned int type_len;
	unsigned int str_off;
	unsigned int str_len;
};

struct btf_data {
	const unsigned char *types, *strings;
	unsigned long types_len, strings_len;
};

static unsigned int u32_at(const unsigned char *p)
{
	/* the host's byte order, as BTF is written for it */
	unsigned int v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static unsigned int kind_of(unsigned int info)
{
	return (info >> 24) & 0x1f;
}

static unsigned int vlen_of(unsigned int info)
{
	return info & 0xffff;
}

/* The bytes a kind adds after the head; -1 for a kind unknown here. */
static long trailer_len(unsigned int info)
{
	unsigned long vlen = vlen_of(info);

	switch (kind_of(info)) {
	case 1:		/* int */
	case 14:	/* var */
	case 17:	/* decl tag */
		return 4;
	case 3:		/* array */
		return 12;
	case 4:		/* struct */
	case 5:		/* union */
	case 15:	/* datasec */
	case 19:	/* enum64 */
		return vlen * 12;
	case 6:		/* enum */
	case 13:	/* func proto */
		return vlen * 8;
	/* ptr, fwd, typedef, volatile, const, restrict, func, float, tag */
	case 2: case 7: case 8: case 9: case 10: case 11: case 12:
	case 16: case 18:
		return 0;
	default:
		return -1;
	}
}

static int str_eq(const struct btf_data *d, unsigned int off, const char *s)
{
	unsigned long i;

	for (i = 0; off + i < d->strings_len; i++) {
		if (d->strings[off + i] != (unsigned char)s[i])
			return 0;
		if (!s[i])
			return 1;
	}
	return 0;
}

/*
 * Walk the types: the head of type @id, or of the first of kind @kind named
 * @name if @name; NULL if none (or the data is bad: *@bad set).
 */
static const unsigned char *find_kind(const struct btf_data *d,
				      unsigned int id, unsigned int kind,
				      const char *name, unsigned int *found_id,
				      int *bad)
{
	unsigned long off = 0;
	unsigned int n = 1;

	while (off + HEAD_LEN <= d->types_len) {
		const unsigned char *t = d->types + off;
		unsigned int info = u32_at(t + 4);
		long more = trailer_len(info);

		if (more < 0 || off + HEAD_LEN + more > d->types_len)
			break;
		if (name ? kind_of(info) == kind && str_eq(d, u32_at(t), name) :
			   n == id) {
			*found_id = n;
			return t;
		}
		off += HEAD_LEN + more;
		n++;
	}
	*bad = off != d->types_len;
	return 0;
}

static const unsigned char *find_type(const struct btf_data *d,
				      unsigned int id, const char *name,
				      unsigned int *found_id, int *bad)
{
	return find_kind(d, id, BC_KIND_STRUCT, name, found_id, bad);
}

/* The header checked, @d set; BC_OK or BC_BAD_BTF. */
static enum bc_error open_btf(const void *btf, unsigned long len,
			      struct btf_data *d)
{
	const unsigned char *raw = btf;
	struct btf_head h;

	if (len < sizeof(h))
		return BC_BAD_BTF;
	__builtin_memcpy(&h, raw, sizeof(h));
	if (h.magic != BTF_MAGIC || h.hdr_len < sizeof(h) || h.hdr_len > len ||
	    h.type_off > len - h.hdr_len ||
	    h.type_len > len - h.hdr_len - h.type_off ||
	    h.str_off > len - h.hdr_len ||
	    h.str_len > len - h.hdr_len - h.str_off)
		return BC_BAD_BTF;
	d->types = raw + h.hdr_len + h.type_off;
	d->types_len = h.type_len;
	d->strings = raw + h.hdr_len + h.str_off;
	d->strings_len = h.str_len;
	return BC_OK;
}

/* The string at @off, or "" if it does not end inside the table. */
static const char *string_at(const struct btf_data *d, unsigned int off)
{
	unsigned long i;

	for (i = off; i < d->strings_len; i++)
		if (!d->strings[i])
			return (const char *)d->strings + off;
	return "";
}

enum bc_error bc_struct_field(const void *btf, unsigned long len,
			      const char *name, const char *field,
			      struct bc_field *out)
{
	const unsigned char *t, *m;
	struct btf_data d;
	unsigned int info, id, i, hops;
	int bad = 0;

	if (open_btf(btf, len, &d))
		return BC_BAD_BTF;
	t = find_type(&d, 0, name, &id, &bad);
	if (!t)
		return bad ? BC_BAD_BTF : BC_NO_STRUCT;
	info = u32_at(t + 4);
	for (i = 0, m = t + HEAD_LEN; i < vlen_of(info); i++, m += 12)
		if (str_eq(&d, u32_at(m), field))
			break;
	if (i == vlen_of(info))
		return BC_NO_FIELD;
	/* kind_flag: the offset's top byte is a bit field's size */
	if ((info >> 31) && (u32_at(m + 8) >> 24))
		return BC_BITFIELD;
	out->offset = ((info >> 31) ? u32_at(m + 8) & 0xffffff :
		       u32_at(m + 8)) / 8;
	if (u32_at(m + 8) % 8)
		return BC_BITFIELD;

	/* the field's type, past typedefs and qualifiers */
	id = u32_at(m + 4);
	for (hops = 0; hops < 16; hops++) {
		t = find_type(&d, id, 0, &id, &bad);
		if (!t)
			return BC_BAD_BTF;
		info = u32_at(t + 4);
		switch (kind_of(info)) {
		case 8: case 9: case 10: case 11: case 18:
			id = u32_at(t + 8);
			continue;
		case BC_KIND_PTR:
			out->kind = BC_KIND_PTR;
			out->size = sizeof(void *);
			return BC_OK;
		case BC_KIND_ARRAY:
			out->kind = BC_KIND_ARRAY;
			out->size = 0;	/* the element's size times nelems */
			return BC_OK;
		default:
			out->kind = kind_of(info);
			out->size = u32_at(t + 8);
			return BC_OK;
		}
	}
	return BC_BAD_BTF;
}

enum bc_error bc_func_params(const void *btf, unsigned long len,
			     const char *name, unsigned int *nr_params,
			     const char **first_struct)
{
	const unsigned char *t;
	struct btf_data d;
	unsigned int id, hops;
	int bad = 0;

	*nr_params = 0;
	*first_struct = "";
	if (open_btf(btf, len, &d))
		return BC_BAD_BTF;
	t = find_kind(&d, 0, 12, name, &id, &bad);	/* func */
	if (!t)
		return bad ? BC_BAD_BTF : BC_NO_STRUCT;
	t = find_type(&d, u32_at(t + 8), 0, &id, &bad);
	if (!t || kind_of(u32_at(t + 4)) != 13)		/* func proto */
		return BC_BAD_BTF;
	*nr_params = vlen_of(u32_at(t + 4));
	if (!*nr_params)
		return BC_OK;
	/* the first parameter: a pointer, past qualifiers, to a struct? */
	id = u32_at(t + HEAD_LEN + 4);
	for (hops = 0; hops < 16; hops++) {
		t = find_type(&d, id, 0, &id, &bad);
		if (!t)
			return BC_BAD_BTF;
		switch (kind_of(u32_at(t + 4))) {
		case BC_KIND_PTR: case 8: case 9: case 10: case 11: case 18:
			id = u32_at(t + 8);
			continue;
		case BC_KIND_STRUCT:
			*first_struct = string_at(&d, u32_at(t));
			return BC_OK;
		default:
			return BC_OK;
		}
	}
	return BC_BAD_BTF;
}

const char *bc_error_text(enum bc_error err)
{
	switch (err) {
	case BC_OK:
		return "found";
	case BC_BAD_BTF:
		return "the kernel's BTF is not readable";
	case BC_NO_STRUCT:
		return "no such structure in the kernel's BTF";
	case BC_NO_FIELD:
		return "no such field in the kernel's BTF";
	default:
		return "a bit field";
	}
}
