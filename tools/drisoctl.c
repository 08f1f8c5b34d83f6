// SPDX-License-Identifier: GPL-2.0
/*
 * drisoctl: is driso on, what does a process see, and why. Reads and writes
 * only driso's sysfs files, /proc and the cgroup filesystem. DRISOCTL_ROOT
 * prefixes every path (tests run it on a fake tree).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "ctlparse.h"
#include "cpucalc.h"
#include "version.h"

#define EXIT_FAILED	1
#define EXIT_USAGE	2
#define EXIT_NOT_LOADED	3
#define EXIT_DENIED	4

#define PARAMS	"/sys/module/driso/parameters"
#define STATUS	"/sys/kernel/driso"
#define CGROOT	"/sys/fs/cgroup"

static const char *root = "";
static int json;

#define USAGE_LINE \
	"usage: drisoctl [--json] status | enable VIEW... | disable VIEW... |\n" \
	"                scope containers|limited|off | [--json] explain PID |\n" \
	"                exempt PATH [VIEW...] | unexempt PATH\n"

static void usage(void)
{
	fputs(USAGE_LINE "(drisoctl --help says more)\n", stderr);
	exit(EXIT_USAGE);
}

static void help(void)
{
	printf("drisoctl " DRISO_VERSION "\n"
	       "usage: drisoctl [--json] status\n"
		"       drisoctl enable|disable VIEW...   (VIEW: meminfo sysinfo cpuinfo cpu_online\n"
		"                                         uptime swaps stat loadavg, or all)\n"
		"       drisoctl scope containers|limited|off\n"
		"       drisoctl [--json] explain PID\n"
		"       drisoctl exempt PATH [VIEW...]    (a cgroup and its descendants keep the\n"
		"                                         host's views; default all)\n"
		"       drisoctl unexempt PATH\n"
		"exit: 0 done, 1 failed, 2 usage, 3 driso not loaded, 4 permission denied\n"
		"See drisoctl(8).\n");
	exit(0);
}

static void vmessage(const char *fmt, va_list ap)
{
	fputs("drisoctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

static void bad_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	usage();
}

static void die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	exit(code);
}

/* Read ROOT + path into @buf; 0, or -errno. Trailing newline removed. */
static int read_text(char *buf, size_t size, const char *fmt, ...)
{
	char path[4096];
	va_list ap;
	ssize_t n;
	int fd, len;

	len = snprintf(path, sizeof(path), "%s", root);
	va_start(ap, fmt);
	vsnprintf(path + len, sizeof(path) - len, fmt, ap);
	va_end(ap);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = 0;
	return 0;
}

static int exists(const char *path)
{
	char full[4096];

	snprintf(full, sizeof(full), "%s%s", root, path);
	return access(full, F_OK) == 0;
}

static void need_loaded(void)
{
	if (!exists("/sys/module/driso"))
		die(EXIT_NOT_LOADED,
		    "driso is not loaded (no /sys/module/driso); load it with: modprobe driso");
}

/* Write @value to ROOT + @path; 0 or errno. */
static int write_file(const char *path, const char *value)
{
	char full[4096];
	int fd, err = 0;

	snprintf(full, sizeof(full), "%s%s", root, path);
	fd = open(full, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return errno;
	if (write(fd, value, strlen(value)) < 0)
		err = errno;
	if (close(fd) < 0 && !err)
		err = errno;
	return err;
}

static void die_denied(int err)
{
	if (err == EPERM || err == EACCES)
		die(EXIT_DENIED,
		    "permission denied: changing driso's settings needs root (CAP_SYS_ADMIN) on the host, outside any container");
	if (err == EROFS)
		die(EXIT_DENIED,
		    "permission denied: /sys is read-only here (a container?); change driso's settings on the host");
}

static void write_param(const char *name, const char *value)
{
	char path[256];
	int err;

	snprintf(path, sizeof(path), PARAMS "/%s", name);
	err = write_file(path, value);
	die_denied(err);
	if (err == EINVAL)
		die(EXIT_FAILED, "driso refused %s=%s (see dmesg)", name, value);
	if (err == ENOENT)
		die(EXIT_FAILED, "this driso has no parameter %s", name);
	if (err)
		die(EXIT_FAILED, "cannot set %s: %s", name, strerror(err));
}

static unsigned long long read_ull(const char *fmt, const char *arg)
{
	char buf[64];

	if (read_text(buf, sizeof(buf), fmt, arg))
		return 0;
	return strtoull(buf, NULL, 10);
}

static int read_flag(const char *name)
{
	char buf[16];

	return !read_text(buf, sizeof(buf), PARAMS "/%s", name) &&
	       (buf[0] == 'Y' || buf[0] == '1');
}

/* A view's switch and its read counters, as status shows them. */
static const char * const counter_names[] = {
	"virtualized", "passthrough", "fallbacks",
};

struct view_status {
	int on;
	unsigned long long reads[3];
};

/* The exempt file's lines ("PATH all" or "PATH VIEW...") as JSON. */
static void print_exemptions_json(char *text)
{
	char js[4200], *line, *save, *word, *wsave;
	int n = 0, w;

	printf("\"exemptions\": [");
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		word = strtok_r(line, " ", &wsave);
		if (!word)
			continue;
		ctl_json_string(js, sizeof(js), word);
		printf("%s{\"path\": %s, \"views\": [", n++ ? ", " : "", js);
		for (w = 0; (word = strtok_r(NULL, " ", &wsave)); w++) {
			ctl_json_string(js, sizeof(js), word);
			printf("%s%s", w ? ", " : "", js);
		}
		printf("]}");
	}
	printf("]");
}

static int cmd_status(void)
{
	char version[64] = "unknown", stats[64] = "?", scope[32] = "?";
	char hooks[1024] = "", js[1200], path[64], *h;
	char exempt[4096];
	struct view_status vs[CTL_NR_VIEWS];
	unsigned long long tracked, worker_ns;
	struct utsname u;
	int enabled, counters_only, i, c, nhooks = 0;

	if (!exists("/sys/module/driso")) {
		if (json)
			printf("{\"loaded\": false}\n");
		else
			printf("driso: not loaded (modprobe driso loads it)\n");
		return EXIT_NOT_LOADED;
	}
	read_text(version, sizeof(version), "/sys/module/driso/version");
	read_text(stats, sizeof(stats), STATUS "/stats_mode");
	read_text(scope, sizeof(scope), PARAMS "/scope");
	read_text(hooks, sizeof(hooks), STATUS "/hooks");
	for (h = hooks; *h; h++) {
		if (*h == '\n')
			*h = ' ';
		if (*h != ' ' && (h == hooks || h[-1] == ' '))
			nhooks++;
	}
	enabled = read_flag("enabled");
	counters_only = read_flag("counters_only");
	tracked = read_ull("%s", STATUS "/tracked_containers");
	worker_ns = read_ull("%s", STATUS "/tracker_worker_ns");
	for (i = 0; i < CTL_NR_VIEWS; i++) {
		vs[i].on = read_flag(ctl_views[i]);
		for (c = 0; c < 3; c++) {
			snprintf(path, sizeof(path), "%s/%s", ctl_views[i],
				 counter_names[c]);
			vs[i].reads[c] = read_ull(STATUS "/%s", path);
		}
	}
	if (read_text(exempt, sizeof(exempt), STATUS "/exempt"))
		exempt[0] = 0;
	uname(&u);
	if (json) {
		printf("{\"loaded\": true, ");
		ctl_json_string(js, sizeof(js), version);
		printf("\"version\": %s, ", js);
		ctl_json_string(js, sizeof(js), u.release);
		printf("\"kernel\": %s, \"scope\": \"%s\", \"enabled\": %s, ", js,
		       ctl_scope_name(enabled, scope),
		       enabled ? "true" : "false");
		ctl_json_string(js, sizeof(js), stats);
		printf("\"statistics\": %s, \"counters_only\": %s, ", js,
		       counters_only ? "true" : "false");
		printf("\"hooks\": [");
		i = 0;
		for (h = strtok(hooks, " "); h; h = strtok(NULL, " "))
			printf("%s\"%s\"", i++ ? ", " : "", h);
		printf("], \"tracked_containers\": %llu, \"tracker_worker_ns\": %llu, ",
		       tracked, worker_ns);
		print_exemptions_json(exempt);
		printf(", \"views\": {");
		for (i = 0; i < CTL_NR_VIEWS; i++)
			printf("%s\"%s\": {\"enabled\": %s, \"virtualized\": %llu, \"passthrough\": %llu, \"fallbacks\": %llu}",
			       i ? ", " : "", ctl_views[i],
			       vs[i].on ? "true" : "false", vs[i].reads[0],
			       vs[i].reads[1], vs[i].reads[2]);
		printf("}}\n");
		return 0;
	}
	printf("%-12s loaded, version %s\n", "driso", version);
	printf("%-12s %s\n", "kernel", u.release);
	printf("%-12s %s\n", "scope", ctl_scope_name(enabled, scope));
	printf("%-12s %s%s\n", "statistics", stats,
	       counters_only ? " (counters_only=1)" : "");
	printf("%-12s %d installed: %s\n", "hooks", nhooks, hooks);
	printf("%-12s %llu (load average tracker), worker %.1f ms in all\n",
	       "containers", tracked, worker_ns / 1e6);
	for (h = strtok(exempt, "\n"); h; h = strtok(NULL, "\n"))
		printf("%-12s %s\n", "exempt", h);
	if (!exempt[0])
		printf("%-12s none\n", "exempt");
	printf("\n%-12s %-6s %12s %12s %10s\n", "view", "switch", "virtualized",
	       "passthrough", "fallbacks");
	for (i = 0; i < CTL_NR_VIEWS; i++)
		printf("%-12s %-6s %12llu %12llu %10llu\n", ctl_views[i],
		       vs[i].on ? "on" : "off", vs[i].reads[0], vs[i].reads[1],
		       vs[i].reads[2]);
	return 0;
}

static int cmd_switch(int on, int argc, char **argv)
{
	int i, v, all = 0;

	if (argc < 1)
		bad_usage("%s needs at least one VIEW", on ? "enable" : "disable");
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "all"))
			all = 1;
		else if (ctl_view_index(argv[i]) < 0)
			bad_usage("unknown view '%s'", argv[i]);
	}
	need_loaded();
	for (v = 0; v < CTL_NR_VIEWS; v++) {
		int named = all;

		for (i = 0; i < argc && !named; i++)
			named = !strcmp(argv[i], ctl_views[v]);
		if (!named)
			continue;
		write_param(ctl_views[v], on ? "1" : "0");
		printf("%s: %s\n", ctl_views[v], on ? "on" : "off");
	}
	return 0;
}

static int cmd_scope(int argc, char **argv)
{
	const struct ctl_scope *s;

	if (argc != 1)
		bad_usage("scope needs one of: containers limited off");
	s = ctl_scope_find(argv[0]);
	if (!s)
		bad_usage("unknown scope '%s' (containers, limited or off)",
			  argv[0]);
	need_loaded();
	if (s->param)
		write_param("scope", s->param);
	write_param("enabled", s->enabled ? "1" : "0");
	printf("scope: %s\n", s->name);
	return 0;
}

/*
 * A cgroup directory, as the module resolves it: @arg as given if it is a
 * directory, else a path as /proc/PID/cgroup shows it, under /sys/fs/cgroup
 * (cgroup v1: its memory hierarchy); without ROOT, symbolic links resolved.
 */
static void cgroup_dir(char *out, size_t size, const char *arg)
{
	const char *rel = arg[0] == '/' ? arg + 1 : arg;
	char try[4096], real[4096];
	size_t rlen = strlen(root);

	snprintf(try, sizeof(try), "%s%s", root, arg);
	if (arg[0] != '/' || !realpath(try, real)) {
		snprintf(try, sizeof(try), "%s" CGROOT "%s/%s", root,
			 exists(CGROOT "/cgroup.controllers") ? "" : "/memory",
			 rel);
		if (!realpath(try, real))
			die(EXIT_FAILED, "%s: no such cgroup directory", arg);
	}
	if (strncmp(real, root, rlen) || !real[rlen])
		die(EXIT_FAILED, "%s: no such cgroup directory", arg);
	snprintf(out, size, "%s", real + rlen);
}

static int cmd_exempt(int argc, char **argv)
{
	char dir[4096], line[4400];
	int i, err, len;

	if (argc < 1)
		bad_usage("exempt needs a cgroup PATH, then VIEWs (default: all)");
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "all") && ctl_view_index(argv[i]) < 0)
			bad_usage("unknown view '%s'", argv[i]);
	need_loaded();
	cgroup_dir(dir, sizeof(dir), argv[0]);
	len = snprintf(line, sizeof(line), "%s", dir);
	for (i = 1; i < argc; i++)
		len += snprintf(line + len, sizeof(line) - len, " %s", argv[i]);
	err = write_file(STATUS "/exempt", line);
	die_denied(err);
	if (err == ENOENT)
		die(EXIT_FAILED, "this driso has no exemptions (%s" STATUS "/exempt)",
		    root);
	if (err)
		die(EXIT_FAILED, "driso refused to exempt %s: %s (see dmesg)", dir,
		    strerror(err));
	printf("exempt: %s: %s\n", dir, argc > 1 ? line + strlen(dir) + 1 : "all");
	return 0;
}

static int cmd_unexempt(int argc, char **argv)
{
	char dir[4096], line[4200];
	int err;

	if (argc != 1)
		bad_usage("unexempt needs one cgroup PATH");
	need_loaded();
	cgroup_dir(dir, sizeof(dir), argv[0]);
	snprintf(line, sizeof(line), "-%s", dir);
	err = write_file(STATUS "/exempt", line);
	die_denied(err);
	if (err == ENOENT)
		die(EXIT_FAILED, "%s was not exempted", dir);
	if (err)
		die(EXIT_FAILED, "driso refused to unexempt %s: %s (see dmesg)",
		    dir, strerror(err));
	printf("unexempt: %s\n", dir);
	return 0;
}

/* Each view's rule, as the module's scope.c applies it. */
enum view_rule { RULE_MEMORY, RULE_CPUS, RULE_CONTAINER };

static enum view_rule rule_of(const char *view)
{
	if (!strcmp(view, "meminfo") || !strcmp(view, "swaps"))
		return RULE_MEMORY;
	if (!strcmp(view, "cpuinfo") || !strcmp(view, "cpu_online"))
		return RULE_CPUS;
	return RULE_CONTAINER;	/* sysinfo and stat: by part, see views.md */
}

/* What explain finds out about one process. */
struct explain {
	int pid, v2, own_pidns, root_cgroup, enabled, in_scope;
	int memory_limited, cpus_fewer;	/* the rules' facts */
	int memory_in, cpus_in;		/* what meminfo and cpu/online show */
	int view_in[CTL_NR_VIEWS];
	const char *view_why[CTL_NR_VIEWS];
	char exempt[CTL_NR_VIEWS][512];
	char comm[64], cgroup[2048], scope[32];
	unsigned long long host_bytes, limit;
	char limit_by[2048];
	int online, cpuset_cpus, quota_cpus, visible;
	long long quota_us;
	unsigned long long period_us;
	char cpuset[256], quota_by[2048];
	const char *why;
};

/* The cgroup directory of @path under @hier ("" on v2, "/memory" on v1). */
static int cg_read(char *buf, size_t size, const char *hier,
		   const char *path, const char *file)
{
	return read_text(buf, size, CGROOT "%s%s/%s", hier,
			 strcmp(path, "/") ? path : "", file);
}

/* The smallest memory limit from @path up, and who sets it. */
static void explain_memory(struct explain *e, const char *path)
{
	const char *hier = e->v2 ? "" : "/memory";
	const char *file = e->v2 ? "memory.max" : "memory.limit_in_bytes";
	char p[2048], buf[64];
	unsigned long long v;

	e->limit = CTL_NO_LIMIT;
	snprintf(p, sizeof(p), "%s", path);
	for (;;) {
		if (!cg_read(buf, sizeof(buf), hier, p, file) &&
		    !ctl_parse_limit(buf, &v) && v < e->limit) {
			e->limit = v;
			snprintf(e->limit_by, sizeof(e->limit_by), "%s", p);
		}
		if (!strcmp(p, "/"))
			break;
		ctl_parent(p);
	}
}

static void explain_cpus(struct explain *e, const char *cpuset_path,
			 const char *cpu_path)
{
	const char *hier = e->v2 ? "" : "/cpuset";
	const char *qhier = e->v2 ? "" : "/cpu,cpuacct";
	char p[2048], buf[256];
	unsigned long long period = 0;
	long long quota = -1;

	if (!read_text(buf, sizeof(buf), "/sys/devices/system/cpu/online"))
		e->online = ctl_cpulist_count(buf);
	/* the nearest cpuset that says which CPUs it has */
	e->cpuset_cpus = e->online;
	snprintf(e->cpuset, sizeof(e->cpuset), "all");
	snprintf(p, sizeof(p), "%s", cpuset_path);
	for (;;) {
		if (!cg_read(buf, sizeof(buf), hier, p, e->v2 ?
			     "cpuset.cpus.effective" : "cpuset.effective_cpus") &&
		    ctl_cpulist_count(buf) > 0) {
			e->cpuset_cpus = ctl_cpulist_count(buf);
			snprintf(e->cpuset, sizeof(e->cpuset), "%s", buf);
			break;
		}
		if (!strcmp(p, "/"))
			break;
		ctl_parent(p);
	}
	if (e->cpuset_cpus > e->online)
		e->cpuset_cpus = e->online;
	e->quota_cpus = CC_NO_LIMIT;
	snprintf(p, sizeof(p), "%s", cpu_path);
	for (;;) {
		unsigned int n = CC_NO_LIMIT;

		if (e->v2) {
			if (!cg_read(buf, sizeof(buf), qhier, p, "cpu.max") &&
			    !ctl_parse_cpu_max(buf, &quota, &period))
				n = cc_quota_cpus(quota, period);
		} else if (!cg_read(buf, sizeof(buf), qhier, p,
				    "cpu.cfs_quota_us")) {
			quota = strtoll(buf, NULL, 10);
			period = 0;
			if (!cg_read(buf, sizeof(buf), qhier, p,
				     "cpu.cfs_period_us"))
				period = strtoull(buf, NULL, 10);
			n = cc_quota_cpus(quota, period);
		}
		if (n < (unsigned int)e->quota_cpus) {
			e->quota_cpus = n;
			e->quota_us = quota;
			e->period_us = period;
			snprintf(e->quota_by, sizeof(e->quota_by), "%s", p);
		}
		if (!strcmp(p, "/"))
			break;
		ctl_parent(p);
	}
	e->visible = cc_visible_cpus(e->cpuset_cpus, e->quota_cpus);
}

/*
 * The exemptions that cover @e's cgroup: each line of the module's exempt
 * file is a cgroup directory, then "all" or views.
 */
static void explain_exemptions(struct explain *e)
{
	char text[4096], dir[2300], *line, *save, *path, *view, *vsave;
	size_t n;
	int v;

	if (read_text(text, sizeof(text), STATUS "/exempt"))
		return;
	snprintf(dir, sizeof(dir), CGROOT "%s%s", e->v2 ? "" : "/memory",
		 strcmp(e->cgroup, "/") ? e->cgroup : "");
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		path = strtok_r(line, " ", &vsave);
		if (!path)
			continue;
		n = strlen(path);
		/* the path or one of its ancestors, component-wise */
		if (strncmp(dir, path, n) || (dir[n] && dir[n] != '/'))
			continue;
		while ((view = strtok_r(NULL, " ", &vsave))) {
			for (v = 0; v < CTL_NR_VIEWS; v++)
				if (!strcmp(view, "all") ||
				    !strcmp(view, ctl_views[v]))
					snprintf(e->exempt[v],
						 sizeof(e->exempt[v]), "%s",
						 path);
		}
	}
}

/* Whether view @v is in scope for @e, and why, as scope.c decides it. */
static int view_scope(const struct explain *e, int v, const char **why)
{
	int host = !e->own_pidns, limited_scope = strcmp(e->scope, "container");

	if (!e->enabled)
		return *why = "driso is off (scope off)", 0;
	if (!read_flag(ctl_views[v]))
		return *why = "its switch is off (drisoctl enable)", 0;
	if (host && !limited_scope)
		return *why = "it runs in the host's PID namespace, and the scope is containers ('drisoctl scope limited' would include it)", 0;
	if (e->exempt[v][0])
		return *why = "exempted by the operator (drisoctl exempt)", 0;
	switch (rule_of(ctl_views[v])) {
	case RULE_MEMORY:
		if (!e->memory_limited)
			return *why = "no memory limit below the host's memory up its cgroup tree", 0;
		return *why = "a memory limit below the host's memory", 1;
	case RULE_CPUS:
		if (!e->cpus_fewer)
			return *why = "it may use every online CPU (no cpuset or quota cuts them)", 0;
		return *why = "fewer visible CPUs than the host has online", 1;
	default:
		if (e->root_cgroup)
			return *why = "it runs in the root cgroup: the host's own", 0;
		if (!host)
			return *why = "a container (its own PID namespace)", 1;
		if (!e->memory_limited && !e->cpus_fewer)
			return *why = "no memory or CPU limit (scope limited)", 0;
		return *why = "a memory or CPU limit (scope limited)", 1;
	}
}

static void explain_scope(struct explain *e)
{
	int v;

	e->memory_limited = e->limit < e->host_bytes;
	e->cpus_fewer = e->visible < e->online;
	explain_exemptions(e);
	e->in_scope = 0;
	for (v = 0; v < CTL_NR_VIEWS; v++) {
		e->view_in[v] = view_scope(e, v, &e->view_why[v]);
		e->in_scope |= e->view_in[v];
	}
	/* what the memory and CPU views show */
	e->memory_in = e->view_in[ctl_view_index("meminfo")];
	e->cpus_in = e->view_in[ctl_view_index("cpu_online")];
	if (!e->enabled)
		e->why = "driso is off (scope off)";
	else if (!e->own_pidns && !strcmp(e->scope, "container"))
		e->why = e->view_why[0];
	else if (!e->in_scope)
		e->why = e->root_cgroup ? "it runs in the root cgroup: the host's own" :
			 "no limit and no view of its own (see the views below)";
	else if (e->own_pidns)
		e->why = "a container (its own PID namespace); each view by its rule below";
	else
		e->why = "a memory or CPU limit (scope limited); each view by its rule below";
}

/* Who sets a limit, in words: the process's own cgroup, or an ancestor. */
static const char *setter(const struct explain *e, const char *cgroup)
{
	static char buf[2100];

	if (!strcmp(cgroup, e->cgroup))
		return "its own cgroup";
	snprintf(buf, sizeof(buf), "the ancestor %s", cgroup);
	return buf;
}

static void explain_print(struct explain *e)
{
	char a[64], b[64], js[4200];
	unsigned long long sees = e->memory_in ? e->limit : e->host_bytes;
	int cpus = e->cpus_in ? e->visible : e->online;
	int v;

	if (json) {
		ctl_json_string(js, sizeof(js), e->comm);
		printf("{\"pid\": %d, \"comm\": %s, ", e->pid, js);
		ctl_json_string(js, sizeof(js), e->cgroup);
		printf("\"cgroup\": %s, \"cgroup_version\": %d, \"own_pid_namespace\": %s, ",
		       js, e->v2 ? 2 : 1, e->own_pidns ? "true" : "false");
		printf("\"memory_limit_bytes\": ");
		if (e->limit == CTL_NO_LIMIT) {
			printf("null, \"memory_limit_set_by\": null, ");
		} else {
			ctl_json_string(js, sizeof(js), e->limit_by);
			printf("%llu, \"memory_limit_set_by\": %s, ", e->limit, js);
		}
		printf("\"host_memory_bytes\": %llu, \"scope\": \"%s\", \"in_scope\": %s, ",
		       e->host_bytes, ctl_scope_name(e->enabled, e->scope),
		       e->in_scope ? "true" : "false");
		ctl_json_string(js, sizeof(js), e->why);
		printf("\"reason\": %s, \"cpus_online\": %d, ", js, e->online);
		ctl_json_string(js, sizeof(js), e->cpuset);
		printf("\"cpuset\": %s, \"cpuset_cpus\": %d, \"quota_cpus\": ", js,
		       e->cpuset_cpus);
		if ((unsigned int)e->quota_cpus == CC_NO_LIMIT) {
			printf("null, \"quota_set_by\": null, ");
		} else {
			ctl_json_string(js, sizeof(js), e->quota_by);
			printf("%d, \"quota_us\": %lld, \"period_us\": %llu, \"quota_set_by\": %s, ",
			       e->quota_cpus, e->quota_us, e->period_us, js);
		}
		printf("\"sees_memory_bytes\": %llu, \"sees_cpus\": %d, \"views\": {",
		       sees, cpus);
		for (v = 0; v < CTL_NR_VIEWS; v++) {
			ctl_json_string(js, sizeof(js), e->view_why[v]);
			printf("%s\"%s\": {\"in_scope\": %s, \"reason\": %s, \"exempted_by\": ",
			       v ? ", " : "", ctl_views[v],
			       e->view_in[v] ? "true" : "false", js);
			if (e->exempt[v][0]) {
				ctl_json_string(js, sizeof(js), e->exempt[v]);
				printf("%s}", js);
			} else {
				printf("null}");
			}
		}
		printf("}}\n");
		return;
	}
	printf("%-14s %d (%s)\n", "process", e->pid, e->comm);
	printf("%-14s %s (cgroup v%d)\n", "cgroup", e->cgroup, e->v2 ? 2 : 1);
	printf("%-14s %s\n", "PID namespace",
	       e->own_pidns ? "its own (a container)" : "the host's");
	if (e->limit == CTL_NO_LIMIT)
		printf("%-14s none up its cgroup tree\n", "memory limit");
	else
		printf("%-14s %s, set by %s\n", "memory limit",
		       ctl_human_bytes(a, sizeof(a), e->limit),
		       setter(e, e->limit_by));
	printf("%-14s %s\n", "host memory",
	       ctl_human_bytes(b, sizeof(b), e->host_bytes));
	printf("%-14s %s\n", "scope", ctl_scope_name(e->enabled, e->scope));
	printf("%-14s %s: %s\n", "in scope", e->in_scope ? "yes" : "no", e->why);
	printf("%-14s cpuset %s (%d of %d online)", "CPUs", e->cpuset,
	       e->cpuset_cpus, e->online);
	if ((unsigned int)e->quota_cpus != CC_NO_LIMIT)
		printf(", quota %g CPUs (%lld/%llu us) set by %s",
		       (double)e->quota_us / e->period_us, e->quota_us,
		       e->period_us, setter(e, e->quota_by));
	printf(": %d visible\n", e->visible);
	printf("%-14s %s: MemTotal %s, %d CPUs\n", "sees",
	       e->in_scope ? "driso's view" : "the kernel's own",
	       ctl_human_bytes(a, sizeof(a), sees), cpus);
	for (v = 0; v < CTL_NR_VIEWS; v++) {
		printf("  %-12s %-3s %s", ctl_views[v],
		       e->view_in[v] ? "yes" : "no", e->view_why[v]);
		if (e->exempt[v][0])
			printf(": %s", e->exempt[v]);
		if (!strcmp(ctl_views[v], "sysinfo") && e->view_in[v])
			printf(" (memory as meminfo, uptime and loads as their views)");
		if (!strcmp(ctl_views[v], "stat") && e->view_in[v])
			printf("%s", e->cpus_fewer ? "" : " (the host's cpu lines)");
		printf("\n");
	}
}

static int cmd_explain(int argc, char **argv)
{
	struct explain e = { 0 };
	char text[4096], buf[256], cpuset[2048], cpu[2048], ns[2][64];
	char *end;
	long pid;

	if (argc != 1)
		bad_usage("explain needs one PID");
	pid = strtol(argv[0], &end, 10);
	if (*end || pid <= 0 || pid > 1 << 22)
		bad_usage("'%s' is not a PID", argv[0]);
	need_loaded();
	e.pid = pid;
	if (read_text(text, sizeof(text), "/proc/%s/cgroup", argv[0]))
		die(EXIT_FAILED, "no process %ld", pid);
	if (read_text(e.comm, sizeof(e.comm), "/proc/%s/comm", argv[0]))
		snprintf(e.comm, sizeof(e.comm), "?");
	e.v2 = exists(CGROOT "/cgroup.controllers");
	if (e.v2) {
		if (ctl_cgroup_path(text, NULL, e.cgroup, sizeof(e.cgroup)))
			die(EXIT_FAILED, "process %ld has no cgroup v2 path", pid);
		strcpy(cpuset, e.cgroup);
		strcpy(cpu, e.cgroup);
	} else {
		if (ctl_cgroup_path(text, "memory", e.cgroup, sizeof(e.cgroup)))
			die(EXIT_FAILED, "process %ld has no memory cgroup", pid);
		if (ctl_cgroup_path(text, "cpuset", cpuset, sizeof(cpuset)))
			strcpy(cpuset, "/");
		if (ctl_cgroup_path(text, "cpu", cpu, sizeof(cpu)))
			strcpy(cpu, "/");
	}
	if (!read_text(buf, sizeof(buf), "/proc/meminfo"))
		sscanf(buf, "MemTotal: %llu", &e.host_bytes);
	e.host_bytes *= 1024;
	e.enabled = read_flag("enabled");
	read_text(e.scope, sizeof(e.scope), PARAMS "/scope");
	snprintf(buf, sizeof(buf), "%s/proc/%ld/ns/pid", root, pid);
	memset(ns, 0, sizeof(ns));
	if (readlink(buf, ns[0], sizeof(ns[0]) - 1) < 0)
		die(EXIT_DENIED, "permission denied: reading process %ld's namespaces needs root",
		    pid);
	snprintf(buf, sizeof(buf), "%s/proc/1/ns/pid", root);
	if (readlink(buf, ns[1], sizeof(ns[1]) - 1) < 0)
		die(EXIT_DENIED, "permission denied: reading init's namespaces needs root");
	e.own_pidns = strcmp(ns[0], ns[1]) != 0;
	/* the module's container: the v2 cgroup, or the v1 cpu cgroup */
	e.root_cgroup = !strcmp(cpu, "/");
	explain_memory(&e, e.cgroup);
	explain_cpus(&e, cpuset, cpu);
	explain_scope(&e);
	explain_print(&e);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (getenv("DRISOCTL_ROOT"))
		root = getenv("DRISOCTL_ROOT");
	argv++, argc--;
	while (argc && argv[0][0] == '-') {
		if (!strcmp(argv[0], "--json"))
			json = 1;
		else if (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))
			help();
		else
			bad_usage("unknown option %s", argv[0]);
		argv++, argc--;
	}
	if (!argc)
		usage();
	cmd = argv[0];
	argv++, argc--;
	if (!strcmp(cmd, "status")) {
		if (argc)
			bad_usage("status takes no arguments");
		return cmd_status();
	}
	if (!strcmp(cmd, "enable") || !strcmp(cmd, "disable"))
		return cmd_switch(!strcmp(cmd, "enable"), argc, argv);
	if (!strcmp(cmd, "scope"))
		return cmd_scope(argc, argv);
	if (!strcmp(cmd, "explain"))
		return cmd_explain(argc, argv);
	if (!strcmp(cmd, "exempt"))
		return cmd_exempt(argc, argv);
	if (!strcmp(cmd, "unexempt"))
		return cmd_unexempt(argc, argv);
	bad_usage("unknown command '%s'", cmd);
	return EXIT_USAGE;
}
