// SPDX-License-Identifier: GPL-2.0
/* drisoctl's parsing and formatting; see ctlparse.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ctlparse.h"

const char * const ctl_views[CTL_NR_VIEWS] = {
	"meminfo", "sysinfo", "cpuinfo", "cpu_online",
	"uptime", "swaps", "stat", "loadavg",
};

int ctl_view_index(const char *name)
{
	int i;

	for (i = 0; i < CTL_NR_VIEWS; i++)
		if (!strcmp(name, ctl_views[i]))
			return i;
	return -1;
}

static const struct ctl_scope scopes[] = {
	{ "containers", 1, "container" },
	{ "limited", 1, "cgroup" },
	{ "off", 0, NULL },
	{ NULL },
};

const struct ctl_scope *ctl_scope_find(const char *name)
{
	const struct ctl_scope *s;

	for (s = scopes; s->name; s++)
		if (!strcmp(name, s->name))
			return s;
	return NULL;
}

/* What the module's enabled and scope parameters mean, in drisoctl's words. */
const char *ctl_scope_name(int enabled, const char *param)
{
	const struct ctl_scope *s;

	if (!enabled)
		return "off";
	for (s = scopes; s->name; s++)
		if (s->param && !strcmp(param, s->param))
			return s->name;
	return "unknown";
}

static int parse_ull(const char *text, unsigned long long *v)
{
	char *end;

	if (*text < '0' || *text > '9')
		return -1;
	*v = strtoull(text, &end, 10);
	while (*end == '\n' || *end == ' ')
		end++;
	return *end ? -1 : 0;
}

/*
 * A memory limit: "max" (v2) or a byte count. v1 shows "no limit" as a
 * number near 2^63 rounded down to a page: anything from 2^62 up is none.
 */
int ctl_parse_limit(const char *text, unsigned long long *bytes)
{
	if (!strncmp(text, "max", 3) && (!text[3] || text[3] == '\n')) {
		*bytes = CTL_NO_LIMIT;
		return 0;
	}
	if (parse_ull(text, bytes))
		return -1;
	if (*bytes >= 1ULL << 62)
		*bytes = CTL_NO_LIMIT;
	return 0;
}

/* v2 cpu.max: "QUOTA PERIOD" or "max PERIOD"; quota -1 for none. */
int ctl_parse_cpu_max(const char *text, long long *quota,
		      unsigned long long *period)
{
	char q[32];
	unsigned long long v;

	if (sscanf(text, "%31s %llu", q, period) != 2)
		return -1;
	if (!strcmp(q, "max")) {
		*quota = -1;
		return 0;
	}
	if (parse_ull(q, &v))
		return -1;
	*quota = (long long)v;
	return 0;
}

/* How many CPUs a list such as "0-3,6,8-9" names; -1 if malformed. */
int ctl_cpulist_count(const char *text)
{
	int n = 0;
	const char *p = text;

	while (*p && *p != '\n') {
		char *end;
		long a = strtol(p, &end, 10), b;

		if (end == p || a < 0)
			return -1;
		b = a;
		p = end;
		if (*p == '-') {
			b = strtol(p + 1, &end, 10);
			if (end == p + 1 || b < a)
				return -1;
			p = end;
		}
		n += b - a + 1;
		if (*p == ',')
			p++;
		else if (*p && *p != '\n')
			return -1;
	}
	return n;
}

/*
 * The cgroup path of a task from its /proc/PID/cgroup text: the v2 line
 * ("0::/path") when @controller is NULL, else the v1 line whose controller
 * list holds @controller ("4:cpu,cpuacct:/path").
 */
int ctl_cgroup_path(const char *proc_cgroup, const char *controller,
		    char *path, size_t size)
{
	const char *line = proc_cgroup;

	while (line && *line) {
		const char *c = strchr(line, ':'), *p, *eol;
		size_t len = strlen(controller ? controller : "");

		eol = strchr(line, '\n');
		if (!eol)
			eol = line + strlen(line);
		p = c ? memchr(c + 1, ':', eol - c - 1) : NULL;
		if (c && p) {
			const char *list = c + 1;
			int match = 0;

			if (!controller) {
				match = p == list && !strncmp(line, "0:", 2);
			} else {
				const char *s = list;

				while (s < p && !match) {
					const char *e = memchr(s, ',', p - s);

					if (!e)
						e = p;
					match = (size_t)(e - s) == len &&
						!strncmp(s, controller, len);
					s = e + 1;
				}
			}
			if (match && (size_t)(eol - p - 1) < size) {
				memcpy(path, p + 1, eol - p - 1);
				path[eol - p - 1] = 0;
				return 0;
			}
		}
		line = *eol ? eol + 1 : NULL;
	}
	return -1;
}

/* "/a/b" -> "/a", "/a" -> "/", "/" stays. */
void ctl_parent(char *path)
{
	char *s = strrchr(path, '/');

	if (!s)
		return;
	if (s == path)
		path[1] = 0;
	else
		*s = 0;
}

/* 536870912 -> "512 MiB", 1610612736 -> "1.5 GiB", 1000 -> "1000 B". */
char *ctl_human_bytes(char *buf, size_t size, unsigned long long bytes)
{
	static const char * const unit[] = { "B", "KiB", "MiB", "GiB", "TiB",
					     "PiB", "EiB" };
	unsigned long long whole = bytes, rest = 0;
	int u = 0;

	if (bytes == CTL_NO_LIMIT) {
		snprintf(buf, size, "none");
		return buf;
	}
	while (whole >= 1024 && u < 6) {
		rest = whole % 1024;
		whole /= 1024;
		u++;
	}
	/* one decimal, rounded down, and only when it is not .0 */
	if (rest * 10 / 1024)
		snprintf(buf, size, "%llu.%llu %s", whole, rest * 10 / 1024,
			 unit[u]);
	else
		snprintf(buf, size, "%llu %s", whole, unit[u]);
	return buf;
}

/* @s as a JSON string, quotes included; cut to fit @size. */
void ctl_json_string(char *buf, size_t size, const char *s)
{
	size_t n = 0;

	if (size < 3) {
		if (size)
			buf[0] = 0;
		return;
	}
	buf[n++] = '"';
	for (; *s && n + 8 < size; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\') {
			buf[n++] = '\\';
			buf[n++] = c;
		} else if (c < 0x20) {
			n += snprintf(buf + n, size - n, "\\u%04x", c);
		} else {
			buf[n++] = c;
		}
	}
	buf[n++] = '"';
	buf[n] = 0;
}
