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

static int starts_with(const char *s, unsigned long len, const char *key)
{
	unsigned long i;

	for (i = 0; key[i]; i++)
		if (i >= len || s[i] != key[i])
			return 0;
	/* the key is followed by tabs and the colon */
	for (; i < len && s[i] == '\t'; i++)
		;
	return i < len && s[i] == ':';
}

enum { KEEP, INDEX, COUNT, ZERO };

static int rule_of(const char *line, unsigned long len)
{
	if (starts_with(line, len, "processor") ||
	    starts_with(line, len, "core id") ||
	    starts_with(line, len, "apicid") ||
	    starts_with(line, len, "initial apicid"))
		return INDEX;
	if (starts_with(line, len, "siblings") ||
	    starts_with(line, len, "cpu cores"))
		return COUNT;
	if (starts_with(line, len, "physical id"))
		return ZERO;
	return KEEP;
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
	unsigned long pos = 0;

	while (pos < len) {
		unsigned long end = pos, num, num_end;
		char digits[20];
		unsigned int nd;
		int rule;

		while (end < len && text[end] != '\n')
			end++;
		rule = rule_of(text + pos, end - pos);
		if (rule == KEEP) {
			pos = end + 1;
			continue;
		}
		for (num = pos; num < end && text[num] != ':'; num++)
			;
		for (num++; num < end && text[num] == ' '; num++)
			;
		for (num_end = num; num_end < end && text[num_end] >= '0' &&
		     text[num_end] <= '9'; num_end++)
			;
		nd = mc_put_decimal(digits, rule == INDEX ? index :
					 rule == COUNT ? count : 0);
		if (len - (num_end - num) + nd > cap)
			return len - (num_end - num) + nd;
		mc_move(text, num + nd, num_end, len - num_end);
		len = len - (num_end - num) + nd;
		end = end - (num_end - num) + nd;
		for (num_end = 0; num_end < nd; num_end++)
			text[num + num_end] = digits[num_end];
		pos = end + 1;
	}
	return len;
}
