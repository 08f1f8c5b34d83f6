// SPDX-License-Identifier: GPL-2.0
/*
 * Arithmetic and text for the CPU views. No headers: see cpucalc.h.
 */
#include "cpucalc.h"
#include "memcalc.h"

/* ceil(quota / period) CPUs; CC_NO_LIMIT without a quota (quota < 0). */
unsigned int cc_quota_cpus(long long quota_us, unsigned long long period_us)
{
	unsigned long long n;

	if (quota_us < 0 || !period_us)
		return CC_NO_LIMIT;
	n = ((unsigned long long)quota_us + period_us - 1) / period_us;
	if (n == 0)
		return 1;	/* a quota of 0 still runs on one CPU */
	return n < CC_NO_LIMIT ? (unsigned int)n : CC_NO_LIMIT - 1;
}

/* At least one CPU: a container always runs somewhere. */
unsigned int cc_visible_cpus(unsigned int cpuset_cpus, unsigned int quota_cpus)
{
	unsigned int n = cpuset_cpus < quota_cpus ? cpuset_cpus : quota_cpus;

	return n ? n : 1;
}

/* "0-3\n" for 4 CPUs, "0\n" for one: the format of cpu/online. */
unsigned long cc_print_range(char *buf, unsigned long cap, unsigned int count)
{
	char tmp[24];
	unsigned long n = 0, i;

	tmp[n++] = '0';
	if (count > 1) {
		tmp[n++] = '-';
		n += mc_put_decimal(tmp + n, count - 1);
	}
	tmp[n++] = '\n';
	if (n <= cap)
		for (i = 0; i < n; i++)
			buf[i] = tmp[i];
	return n;
}

/* How many of @key's bytes the text at @pos matches, none past @end. */
static unsigned long key_match(const char *text, unsigned long pos,
			       unsigned long end, const char *key)
{
	unsigned long i;

	for (i = 0; key[i] && pos + i < end && text[pos + i] == key[i]; i++)
		;
	return i;
}

static int starts_with(const char *s, unsigned long len, const char *key)
{
	unsigned long i = key_match(s, 0, len, key);

	if (key[i])
		return 0;
	/* the key is followed by tabs and the colon */
	for (; i < len && s[i] == '\t'; i++)
		;
	return i < len && s[i] == ':';
}

enum { KEEP, INDEX, COUNT, ZERO };

/* Which rule a line follows, by its key; most lines are told by one byte. */
static int rule_of(const char *line, unsigned long len)
{
	switch (len ? line[0] : 0) {
	case 'p':
		return starts_with(line, len, "processor") ? INDEX :
		       starts_with(line, len, "physical id") ? ZERO : KEEP;
	case 'c':
		return starts_with(line, len, "core id") ? INDEX :
		       starts_with(line, len, "cpu cores") ? COUNT : KEEP;
	case 'a':
		return starts_with(line, len, "apicid") ? INDEX : KEEP;
	case 'i':
		return starts_with(line, len, "initial apicid") ? INDEX : KEEP;
	case 's':
		return starts_with(line, len, "siblings") ? COUNT : KEEP;
	}
	return KEEP;
}

/* A number to replace: @old digits at @at become @digits. */
struct cc_edit {
	unsigned long at, old;
	unsigned int nd;
	char digits[20];
};

#define CC_EDITS 16

/*
 * Apply @n edits, in order of @at, to @text of @len bytes, moving each
 * stretch between them once: O(len), not O(len) per edit. A stretch
 * moves by what the edits before it changed. Those moving left go first,
 * left to right, then those moving right, right to left: no stretch lands
 * on the text of one still to move. Returns the new length.
 */
static unsigned long apply_edits(char *text, unsigned long len,
				 const struct cc_edit *e, unsigned int n)
{
	long shift[CC_EDITS + 1];
	unsigned long from, to;
	unsigned int k, i;

	shift[0] = 0;
	for (k = 0; k < n; k++)
		shift[k + 1] = shift[k] + (long)e[k].nd - (long)e[k].old;
	/* stretch k + 1 runs from the end of edit k to the next edit */
	for (k = 0; k < n; k++) {
		from = e[k].at + e[k].old;
		to = k + 1 < n ? e[k + 1].at : len;
		if (shift[k + 1] < 0)
			mc_move(text, from + shift[k + 1], from, to - from);
	}
	for (k = n; k-- > 0;) {
		from = e[k].at + e[k].old;
		to = k + 1 < n ? e[k + 1].at : len;
		if (shift[k + 1] > 0)
			mc_move(text, from + shift[k + 1], from, to - from);
	}
	for (k = 0; k < n; k++)
		for (i = 0; i < e[k].nd; i++)
			text[e[k].at + shift[k] + i] = e[k].digits[i];
	return len + shift[n];
}

/*
 * The '\n' ending the line at @pos, or @len. Eight bytes a step: /proc/stat's
 * intr line, which the keys after it are looked for across, is kilobytes,
 * and so is a CPU's flags line in /proc/cpuinfo.
 */
static unsigned long line_end(const char *text, unsigned long len,
			      unsigned long pos)
{
	const unsigned long long ones = 0x0101010101010101ULL;
	const unsigned long long newlines = ones * '\n';

	for (; pos + 8 <= len; pos += 8) {
		unsigned long long w, found;

		__builtin_memcpy(&w, text + pos, 8);
		w ^= newlines;	/* a zero byte where a '\n' was */
		found = (w - ones) & ~w & (ones << 7);
		if (!found)
			continue;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* the lowest flag is the first '\n'; those above may be false */
		return pos + __builtin_ctzll(found) / 8;
#else
		break;
#endif
	}
	while (pos < len && text[pos] != '\n')
		pos++;
	return pos;
}

/*
 * Renumber one CPU's block: it becomes CPU @index of @count on one package
 * with one thread per core. Returns the new length, which is only written
 * if it fits in @cap.
 */
unsigned long cc_cpuinfo_rewrite(char *text, unsigned long len,
				 unsigned long cap, unsigned int index,
				 unsigned int count)
{
	struct cc_edit edits[CC_EDITS];
	unsigned long pos = 0, grown = len;
	unsigned int n = 0;

	while (pos < len) {
		unsigned long end = line_end(text, len, pos), num, num_end;
		struct cc_edit *e;
		int rule;

		rule = rule_of(text + pos, end - pos);
		if (rule != KEEP) {
			for (num = pos; num < end && text[num] != ':'; num++)
				;
			for (num++; num < end && text[num] == ' '; num++)
				;
			for (num_end = num; num_end < end && text[num_end] >= '0' &&
			     text[num_end] <= '9'; num_end++)
				;
			e = &edits[n++];
			e->at = num;
			e->old = num_end - num;
			e->nd = mc_put_decimal(e->digits, rule == INDEX ? index :
					       rule == COUNT ? count : 0);
			grown = grown - e->old + e->nd;
		}
		pos = end + 1;
		if (n == CC_EDITS || (n && pos >= len)) {
			if (grown > cap)
				return grown;
			/* the rest of the text moved with the last stretch */
			pos += grown - len;
			len = apply_edits(text, len, edits, n);
			n = 0;
		}
	}
	return len;
}

/* The kernel's calc_load(): a1 = a0 * e + a * (1 - e), rounded. */
unsigned long cc_calc_load(unsigned long load, unsigned long exp,
			   unsigned long active)
{
	unsigned long newload = load * exp + active * (CC_FIXED_1 - exp);

	if (active >= load)
		newload += CC_FIXED_1 - 1;
	return newload / CC_FIXED_1;
}

/* One 5-second step of the 1, 5 and 15 minute averages. */
void cc_load_update(unsigned long avenrun[3], unsigned int active)
{
	unsigned long a = (unsigned long)active * CC_FIXED_1;

	avenrun[0] = cc_calc_load(avenrun[0], CC_EXP_1, a);
	avenrun[1] = cc_calc_load(avenrun[1], CC_EXP_5, a);
	avenrun[2] = cc_calc_load(avenrun[2], CC_EXP_15, a);
}

/* A container first read starts from its current load, not from 0. */
void cc_load_seed(unsigned long avenrun[3], unsigned int active)
{
	avenrun[0] = (unsigned long)active * CC_FIXED_1;
	avenrun[1] = avenrun[0];
	avenrun[2] = avenrun[0];
}

/*
 * Task counts from different sources, or of different ages, can disagree
 * for a moment: never more running and blocked tasks than tasks. Where the
 * thread count alone is live (cgroup v1: the others are from the last
 * tick) it bounds the others; otherwise it is raised to them.
 */
void cc_tasks_fit(unsigned int *threads, unsigned int *running,
		  unsigned int *blocked, int threads_live)
{
	if (threads_live) {
		if (*running > *threads)
			*running = *threads;
		if (*blocked > *threads - *running)
			*blocked = *threads - *running;
	} else if (*threads < *running + *blocked) {
		*threads = *running + *blocked;
	}
}

/* a + b, or the largest value rather than a wrap */
static unsigned long long sat_add(unsigned long long a, unsigned long long b)
{
	return a + b < a ? ~0ULL : a + b;
}

static unsigned long long sat_mul(unsigned long long a, unsigned int n)
{
	return n && a > ~0ULL / n ? ~0ULL : a * n;
}

/* a - b, or 0 */
static unsigned long long sub0(unsigned long long a, unsigned long long b)
{
	return a > b ? a - b : 0;
}

/*
 * What grew since @last, field by field (the kernel's split of a cgroup's
 * time into user and system can take back a little of one), and @last
 * raised to @now: what went back is not counted twice.
 */
static void usage_grown(struct cc_usage *last, const struct cc_usage *now,
			struct cc_usage *grown)
{
	grown->user = sub0(now->user, last->user);
	grown->nice = sub0(now->nice, last->nice);
	grown->system = sub0(now->system, last->system);
	grown->steal = sub0(now->steal, last->steal);
	last->user += grown->user;
	last->nice += grown->nice;
	last->system += grown->system;
	last->steal += grown->steal;
}

/* Raise each of @now's counters to @seen's, then remember them. */
static void raise_to(struct cc_cpu_times *now, struct cc_cpu_times *seen)
{
	unsigned int f;

	for (f = 0; f < CS_NR; f++) {
		if (now->t[f] < seen->t[f])
			now->t[f] = seen->t[f];
		seen->t[f] = now->t[f];
	}
}

/*
 * Steal to show: @steal, as much of it as the CPU time @cap less @busy
 * leaves, and never less than @shown.
 */
static unsigned long long room_for(unsigned long long steal,
				   unsigned long long cap,
				   unsigned long long busy,
				   unsigned long long shown)
{
	unsigned long long room = sub0(cap, busy);

	if (steal > room)
		steal = room;
	return steal > shown ? steal : shown;
}

/*
 * The cpu line in us: what the container used (@used, ns), its steal where
 * its CPUs had time left, and as idle what is left of the CPU time they
 * had, counted read by read: the CPU time of a read's CPUs (the fewer of
 * its own and the last read's, so a CPU added just now adds nothing yet)
 * over the time since the last read is added. A cut keeps what was
 * counted before it, and idle counts on at the new number of CPUs; no
 * counter goes back. Saturates, never wraps.
 */
void cc_stat_total(struct cc_stat_seen *seen, unsigned int nr_cpus,
		   const struct cc_usage *used, unsigned long long elapsed,
		   struct cc_cpu_times *total)
{
	unsigned long long now_us = elapsed / 1000, busy;
	unsigned int f, n;

	if (!seen->started) {
		seen->cap_us = sat_mul(now_us, nr_cpus);
		seen->started = 1;
	} else {
		n = nr_cpus < seen->nr_cpus ? nr_cpus : seen->nr_cpus;
		seen->cap_us = sat_add(seen->cap_us,
				       sat_mul(sub0(now_us, seen->elapsed_us),
					       n));
	}
	if (now_us > seen->elapsed_us)
		seen->elapsed_us = now_us;
	seen->nr_cpus = nr_cpus;
	for (f = 0; f < CS_NR; f++)
		total->t[f] = 0;
	total->t[CS_USER] = used->user / 1000;
	total->t[CS_NICE] = used->nice / 1000;
	total->t[CS_SYSTEM] = used->system / 1000;
	raise_to(total, &seen->cpu);
	busy = sat_add(sat_add(total->t[CS_USER], total->t[CS_NICE]),
		       total->t[CS_SYSTEM]);
	/* steal where the CPUs had time left: throttling counts per CPU */
	total->t[CS_STEAL] = room_for(used->steal / 1000, seen->cap_us, busy,
				      seen->cpu.t[CS_STEAL]);
	busy = sat_add(busy, total->t[CS_STEAL]);
	total->t[CS_IDLE] = sub0(seen->cap_us, busy);
	raise_to(total, &seen->cpu);
}

/* @v split evenly over @n: the share of the @i-th, in order. */
static unsigned long long share(unsigned long long v, unsigned int n,
				unsigned int i)
{
	return v / n + (i < v % n);
}

/*
 * The container's @nr_cpus cpuN lines into @per_cpu, in ns. Each line adds
 * what the container used since the last read that showed lines: with
 * @per_cpu_given, what @per_cpu holds for that line (what the kernel
 * counted on that CPU since then), otherwise an even share; then an even
 * share of the steal, where the line has room; and as idle what is left of
 * the CPU time the line had: its time since the last such read if it was
 * shown then too. Lines not shown keep their counts for when their CPU
 * comes back; none goes back.
 */
void cc_stat_lines(struct cc_stat_seen *seen, unsigned int nr_cpus,
		   const struct cc_usage *used, unsigned long long elapsed,
		   struct cc_cpu_times *per_cpu, int per_cpu_given)
{
	static const enum cc_stat_field busy_fields[3] = {
		CS_USER, CS_NICE, CS_SYSTEM
	};
	unsigned long long dt = sub0(elapsed, seen->lines_elapsed), grew[3];
	unsigned long long busy, room;
	struct cc_usage d;
	unsigned int i, f;

	usage_grown(&seen->lines_used, used, &d);
	for (i = 0; i < nr_cpus; i++) {
		struct cc_stat_line *l = &seen->lines[i];

		if (i >= seen->nr_lines) {	/* a CPU it never had */
			for (f = 0; f < CS_NR; f++)
				l->shown.t[f] = 0;
			l->steal = 0;
		}
		if (!seen->lines_started)
			l->cap = elapsed;
		else if (i < seen->lines_shown)
			l->cap = sat_add(l->cap, dt);
		else if (i >= seen->nr_lines)
			l->cap = 0;
		if (per_cpu_given) {
			for (f = 0; f < 3; f++)
				grew[f] = per_cpu[i].t[busy_fields[f]];
		} else {
			grew[0] = share(d.user, nr_cpus, i);
			grew[1] = share(d.nice, nr_cpus, i);
			grew[2] = share(d.system, nr_cpus, i);
		}
		busy = 0;
		for (f = 0; f < 3; f++) {
			l->shown.t[busy_fields[f]] =
				sat_add(l->shown.t[busy_fields[f]], grew[f]);
			busy = sat_add(busy, l->shown.t[busy_fields[f]]);
		}
		l->steal = sat_add(l->steal, share(d.steal, nr_cpus, i));
		l->shown.t[CS_STEAL] = room_for(l->steal, l->cap, busy,
						l->shown.t[CS_STEAL]);
		room = sub0(l->cap, sat_add(busy, l->shown.t[CS_STEAL]));
		if (room > l->shown.t[CS_IDLE])
			l->shown.t[CS_IDLE] = room;
		per_cpu[i] = l->shown;
	}
	seen->lines_started = 1;
	seen->lines_shown = nr_cpus;
	if (nr_cpus > seen->nr_lines)
		seen->nr_lines = nr_cpus;
	if (elapsed > seen->lines_elapsed)
		seen->lines_elapsed = elapsed;
}

/*
 * Add @rest's user, nice and system (used on CPUs the container does not
 * see) to its @nr_cpus CPUs, evenly.
 */
void cc_stat_spread(struct cc_cpu_times *per_cpu, unsigned int nr_cpus,
		    const unsigned long long rest[3])
{
	static const enum cc_stat_field fields[3] = {
		CS_USER, CS_NICE, CS_SYSTEM
	};
	unsigned int i, f;

	for (i = 0; i < nr_cpus; i++)
		for (f = 0; f < 3; f++)
			per_cpu[i].t[fields[f]] += share(rest[f], nr_cpus, i);
}

static unsigned long put_cpu_line(char *buf, unsigned long pos,
				  unsigned long cap, int cpu,
				  const struct cc_cpu_times *c,
				  unsigned long long per_tick)
{
	char tmp[32 + CS_NR * 21];
	unsigned long n = 0;
	unsigned int f;

	tmp[n++] = 'c';
	tmp[n++] = 'p';
	tmp[n++] = 'u';
	if (cpu < 0)
		tmp[n++] = ' ';
	else
		n += mc_put_decimal(tmp + n, cpu);
	for (f = 0; f < CS_NR; f++) {
		tmp[n++] = ' ';
		n += mc_put_decimal(tmp + n, c->t[f] / per_tick);
	}
	tmp[n++] = '\n';
	if (pos + n <= cap)	/* the kernel's or libc's memcpy */
		__builtin_memcpy(buf + pos, tmp, n);
	return pos + n;
}

/*
 * The PIDs handed out since the first read are what grew since the read
 * before, each time. Where the last PID is lower than at the read before,
 * PIDs wrapped at pid_max (which this arithmetic does not know) and
 * started again from CC_RESERVED_PIDS: those counted from there, at
 * least. The first read counts from 0: the namespace's PIDs before it.
 */
unsigned long long cc_processes(struct cc_pids *pids, unsigned int last_pid)
{
	unsigned long long grown;

	if (!pids->started)
		grown = last_pid;
	else if (last_pid >= pids->last)
		grown = last_pid - pids->last;
	else
		grown = sub0(last_pid, CC_RESERVED_PIDS - 1);
	pids->count = sat_add(pids->count, grown);
	pids->started = 1;
	pids->last = last_pid;
	return pids->count;
}

/*
 * The "cpu" (@total, us) and "cpuN" (@per_cpu, ns) lines, in clock ticks,
 * as show_stat() prints.
 */
unsigned long cc_stat_cpu_lines(char *buf, unsigned long cap,
				unsigned int nr_cpus,
				const struct cc_cpu_times *total,
				const struct cc_cpu_times *per_cpu,
				unsigned long long ns_per_tick)
{
	unsigned long pos;
	unsigned int i;

	pos = put_cpu_line(buf, 0, cap, -1, total, ns_per_tick / 1000);
	for (i = 0; i < nr_cpus; i++)
		pos = put_cpu_line(buf, pos, cap, i, &per_cpu[i], ns_per_tick);
	return pos;
}

/* Whether @a's first @n bytes are @b's; eight at a step. */
static int same_bytes(const char *a, const char *b, unsigned long n)
{
	unsigned long long x, y;
	unsigned long i;

	if (n < 8) {
		for (i = 0; i < n; i++)
			if (a[i] != b[i])
				return 0;
		return 1;
	}
	for (i = 0; i + 8 < n; i += 8) {
		__builtin_memcpy(&x, a + i, 8);
		__builtin_memcpy(&y, b + i, 8);
		if (x != y)
			return 0;
	}
	/* the last word, which may overlap the one before */
	__builtin_memcpy(&x, a + n - 8, 8);
	__builtin_memcpy(&y, b + n - 8, 8);
	return x == y;
}

/* The first line at or after @pos that starts with @key, or @len. */
static unsigned long line_with(const char *text, unsigned long len,
			       unsigned long pos, const struct cc_key *key)
{
	while (pos < len) {
		if (len - pos >= key->len &&
		    same_bytes(text + pos, key->text, key->len))
			return pos;
		pos = line_end(text, len, pos) + 1;
	}
	return len;
}

/*
 * The start of the line holding @pos - 1: just after the last '\n' before
 * @pos, or 0. Eight bytes a step, exactly: a byte is flagged only if it
 * is a '\n', so the highest flag is the last one.
 */
static unsigned long line_start(const char *text, unsigned long pos)
{
	const unsigned long long ones = 0x0101010101010101ULL;
	const unsigned long long low7 = ones * 0x7f;

	for (; pos >= 8; pos -= 8) {
		unsigned long long w, found;

		__builtin_memcpy(&w, text + pos - 8, 8);
		w ^= ones * '\n';	/* a zero byte where a '\n' was */
		found = ~(((w & low7) + low7) | w | low7);
		if (!found)
			continue;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		return pos - 8 + (63 - __builtin_clzll(found)) / 8 + 1;
#else
		break;
#endif
	}
	while (pos && text[pos - 1] != '\n')
		pos--;
	return pos;
}

/*
 * The last line that starts with @key, looked for from the end; @len if
 * none. /proc/stat's keys are in its last lines, past the long intr line.
 */
unsigned long cc_last_line(const char *text, unsigned long len,
			   const struct cc_key *key)
{
	unsigned long start = len;

	/* a last line without its '\n' is a line too */
	if (start && text[start - 1] == '\n')
		start--;
	while (start) {
		unsigned long end = start;

		start = line_start(text, start);
		if (end - start >= key->len &&
		    same_bytes(text + start, key->text, key->len))
			return start;
		if (start)
			start--;	/* onto the '\n' ending the line before */
	}
	return len;
}

/*
 * Replace everything before the line starting with @key by @head. Returns
 * the new length (written only if it fits in @cap), or 0 if there is no
 * such line.
 */
unsigned long cc_replace_head(char *text, unsigned long len,
			      unsigned long cap, const struct cc_key *key,
			      const char *head, unsigned long head_len)
{
	unsigned long at = line_with(text, len, 0, key);

	if (at >= len)
		return 0;
	if (len - at + head_len > cap)
		return len - at + head_len;
	mc_move(text, head_len, at, len - at);
	__builtin_memcpy(text, head, head_len);
	return len - at + head_len;
}

/*
 * Set the numbers of the lines "@keys[i]<number>", which come in this
 * order at or after @from, in one pass over the text, moving it once.
 * Returns the new length (written only if it fits in @cap), or 0 if a
 * line is missing.
 */
unsigned long cc_set_numbers(char *text, unsigned long len, unsigned long cap,
			     unsigned long from, const struct cc_key *keys,
			     const unsigned long long *values, unsigned int n)
{
	struct cc_edit edits[CC_EDITS];
	unsigned long grown = len, end;
	unsigned int k;

	if (n > CC_EDITS)
		return 0;
	for (k = 0; k < n; k++) {
		struct cc_edit *e = &edits[k];

		from = line_with(text, len, from, &keys[k]);
		if (from >= len)
			return 0;
		e->at = from + keys[k].len;
		for (end = e->at; end < len && text[end] >= '0' &&
		     text[end] <= '9'; end++)
			;
		e->old = end - e->at;
		e->nd = mc_put_decimal(e->digits, values[k]);
		grown = grown - e->old + e->nd;
		/* the next key is on a later line */
		from = line_end(text, len, end) + 1;
	}
	if (grown > cap)
		return grown;
	return apply_edits(text, len, edits, n);
}
