// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/meminfo: the container's view, in the kernel's own layout.
 *
 * At load, the kernel's meminfo_proc_show() renders once into a private
 * buffer; that text is the template for the lines, their order and their
 * columns. A virtual read renders the template with the cgroup's numbers.
 */
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/static_call.h>
#include "driso.h"

DEFINE_STATIC_CALL_NULL(driso_meminfo_orig, proc_show_t);

static struct mc_template template;

static int driso_meminfo_show(struct seq_file *m, void *v)
{
	/* each filled whole below: not zeroed first as well */
	unsigned long long view[MI_NR] __uninitialized;
	struct mc_sample s __uninitialized;
	unsigned long len;
	size_t room;
	char *buf;
	int idx;

	idx = driso_hook_enter();
	if (driso_memview_sample(&s, MC_ALL_STATS)) {
		driso_count(DRISO_VIEW_MEMINFO, DRISO_READS_FALLBACK);
		static_call(driso_meminfo_orig)(m, v);
		goto out;
	}
	mc_compute(&s, view);
	room = seq_get_buf(m, &buf);
	len = mc_render(&template, view, buf, room);
	/* too long: seq_read_iter() retries with a bigger buffer */
	seq_commit(m, len <= room ? (int)len : -1);
	driso_count(DRISO_VIEW_MEMINFO, DRISO_READS_VIRTUAL);
out:
	driso_hook_leave(idx);
	return 0;
}

/* Render the kernel's own /proc/meminfo into a private seq_file. */
static int capture(struct seq_file *m)
{
	size_t size;

	for (size = PAGE_SIZE; size <= 16 * PAGE_SIZE; size *= 2) {
		memset(m, 0, sizeof(*m));
		m->buf = kmalloc(size, GFP_KERNEL);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		static_call(driso_meminfo_orig)(m, NULL);
		if (!seq_has_overflowed(m))
			return 0;
		kfree(m->buf);
	}
	return -E2BIG;
}

int driso_meminfo_init(struct driso_hook *hook)
{
	struct seq_file m;
	unsigned long len;
	char *again;
	int err;

	err = driso_hook_setup(hook, driso_meminfo_orig, driso_meminfo_show);
	if (err)
		return err;
	err = capture(&m);
	if (err)
		return err;
	err = mc_template_parse(&template, m.buf, m.count);
	if (err) {
		pr_err("driso: /proc/meminfo line %d not understood\n", -err);
		err = -EINVAL;
		goto out;
	}

	/* The template must reproduce the kernel's text byte for byte. */
	err = -EINVAL;
	again = kmalloc(m.size, GFP_KERNEL);
	if (!again) {
		err = -ENOMEM;
		goto out;
	}
	len = mc_render(&template, NULL, again, m.size);
	if (len == m.count && !memcmp(again, m.buf, len))
		err = 0;
	else
		pr_err("driso: /proc/meminfo layout not reproduced\n");
	kfree(again);
out:
	kfree(m.buf);
	return err;
}
