// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/stat: where the container sees fewer CPUs than the host, the "cpu"
 * and "cpuN" lines carry its own CPU time over its visible CPUs, never
 * going back; in every container btime, processes,
 * procs_running and procs_blocked are the container's. intr, ctxt and
 * softirq count the host's interrupts and switches, which no cgroup
 * accounts, and stay the kernel's.
 */
#include <linux/seq_file.h>
#include <linux/static_call.h>
#include <linux/timekeeping.h>
#include "driso.h"

DEFINE_STATIC_CALL_NULL(driso_stat_orig, proc_show_t);

/*
 * The kernel's text with the container's lines; 0 if not understood, more
 * than @cap if too long. The new cpu lines are built in the buffer's free
 * tail: rendering allocates nothing.
 */
static unsigned long rewrite(char *text, unsigned long len, unsigned long cap,
			     const struct driso_cpu_times *ct, bool cpu_lines)
{
	unsigned long room = (ct->nr_cpus + 1) * (16 + CS_NR * 21), head_len;
	struct timespec64 boot;
	static const struct cc_key keys[] = {
		CC_KEY("btime "), CC_KEY("processes "),
		CC_KEY("procs_running "), CC_KEY("procs_blocked ")
	};
	static const struct cc_key intr = CC_KEY("intr ");
	unsigned long long values[] = {
		0, ct->processes, ct->load.tasks.running,
		ct->load.tasks.blocked
	};
	char *head = text + cap - room;
	unsigned long from;

	/*
	 * The host's btime (the kernel's: boot in wall time) plus its init's
	 * start: fixed values, so one btime on every read, where the wall
	 * clock less the uptime, each cut to seconds, moves by one.
	 */
	getboottime64(&boot);
	values[0] = div_u64(timespec64_to_ns(&boot) + ct->start_ns,
			    NSEC_PER_SEC);

	if (!cpu_lines) {	/* the host's CPUs: its cpu lines stay */
		head_len = 0;
	} else {
		if (room > cap || len > cap - room)
			return cap + 1;
		head_len = cc_stat_cpu_lines(head, room, ct->nr_cpus,
					     &ct->total, ct->per_cpu,
					     NSEC_PER_SEC / USER_HZ);
		/* the lines move below @head, never over it */
		len = cc_replace_head(text, len, cap - room, &intr, head,
				      head_len);
		if (len > cap - room)
			return cap + 1;
	}
	/*
	 * The keys follow "intr ", in this order; the first is looked for
	 * from the end, not across the intr line's kilobytes.
	 */
	from = cc_last_line(text, len, &keys[0]);
	if (from >= len)
		from = head_len;
	return cc_set_numbers(text, len, cap, from, keys, values,
			      ARRAY_SIZE(keys));
}

static int driso_show_stat(struct seq_file *m, void *v)
{
	struct driso_cpu_times ct __uninitialized;	/* zeroed by its get */
	unsigned long len;
	int idx;

	idx = driso_hook_enter();
	static_call(driso_stat_orig)(m, v);
	if (!driso_view_confirmed(DRISO_VIEW_STAT)) {
		driso_count(DRISO_VIEW_STAT, DRISO_READS_PASSTHROUGH);
		goto out;
	}
	/* too long: seq_read_iter() retries with a bigger buffer */
	if (seq_has_overflowed(m))
		goto out;
	if (driso_cpu_times_get(&ct, DRISO_TIMES_PER_CPU | DRISO_TIMES_LOAD)) {
		driso_count(DRISO_VIEW_STAT, DRISO_READS_FALLBACK);
		goto out;	/* the kernel's own text */
	}
	/* the cpu lines follow the CPU views' rule, and never go back */
	len = rewrite(m->buf, m->count, m->size, &ct, ct.own_cpu_lines);
	driso_cpu_times_put(&ct);
	if (len > m->size)
		m->count = m->size;
	else if (len)
		m->count = len;
	else	/* never the host's cpu lines */
		m->count = 0;
	driso_count(DRISO_VIEW_STAT, DRISO_READS_VIRTUAL);
out:
	driso_hook_leave(idx);
	return 0;
}

int driso_stat_init(struct driso_hook *hook)
{
	return driso_hook_setup(hook, driso_stat_orig, driso_show_stat);
}
