// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of drisoctl's parsing and formatting (tools/ctlparse.c).
 *
 * usage: test_ctlparse [DATA_DIR]   (DATA_DIR is not used)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ctlparse.h"

static void test_limits(void **state)
{
	unsigned long long v;

	assert_int_equal(ctl_parse_limit("max\n", &v), 0);
	assert_true(v == CTL_NO_LIMIT);
	assert_int_equal(ctl_parse_limit("536870912\n", &v), 0);
	assert_true(v == 536870912ULL);
	/* cgroup v1's "unlimited" */
	assert_int_equal(ctl_parse_limit("9223372036854771712", &v), 0);
	assert_true(v == CTL_NO_LIMIT);
	assert_int_equal(ctl_parse_limit("", &v), -1);
	assert_int_equal(ctl_parse_limit("12x", &v), -1);
	assert_int_equal(ctl_parse_limit("maximum", &v), -1);
	assert_int_equal(ctl_parse_limit("-1", &v), -1);
}

static void test_cpu_max(void **state)
{
	unsigned long long period;
	long long quota;

	assert_int_equal(ctl_parse_cpu_max("150000 100000\n", &quota, &period), 0);
	assert_true(quota == 150000 && period == 100000);
	assert_int_equal(ctl_parse_cpu_max("max 100000", &quota, &period), 0);
	assert_true(quota == -1 && period == 100000);
	assert_int_equal(ctl_parse_cpu_max("max", &quota, &period), -1);
	assert_int_equal(ctl_parse_cpu_max("1.5 100000", &quota, &period), -1);
}

static void test_cpulist(void **state)
{
	assert_int_equal(ctl_cpulist_count("0-3\n"), 4);
	assert_int_equal(ctl_cpulist_count("0"), 1);
	assert_int_equal(ctl_cpulist_count("0-3,6,8-9"), 7);
	assert_int_equal(ctl_cpulist_count(""), 0);
	assert_int_equal(ctl_cpulist_count("3-1"), -1);
	assert_int_equal(ctl_cpulist_count("a"), -1);
	assert_int_equal(ctl_cpulist_count("1 2"), -1);
}

static void test_cgroup_path(void **state)
{
	const char *v2 = "0::/system.slice/docker-ab.scope\n";
	const char *v1 = "12:pids:/docker/ab\n"
			 "5:cpu,cpuacct:/docker/cpu\n"
			 "4:memory:/docker/mem\n"
			 "1:name=systemd:/x\n";
	char p[64];

	assert_int_equal(ctl_cgroup_path(v2, NULL, p, sizeof(p)), 0);
	assert_string_equal(p, "/system.slice/docker-ab.scope");
	assert_int_equal(ctl_cgroup_path(v1, "memory", p, sizeof(p)), 0);
	assert_string_equal(p, "/docker/mem");
	assert_int_equal(ctl_cgroup_path(v1, "cpu", p, sizeof(p)), 0);
	assert_string_equal(p, "/docker/cpu");
	assert_int_equal(ctl_cgroup_path(v1, "cpuacct", p, sizeof(p)), 0);
	assert_string_equal(p, "/docker/cpu");
	/* "cpu" must not match "cpuset", nor v1 lines the v2 lookup */
	assert_int_equal(ctl_cgroup_path("3:cpuset:/a\n", "cpu", p, sizeof(p)), -1);
	assert_int_equal(ctl_cgroup_path(v1, NULL, p, sizeof(p)), -1);
	assert_int_equal(ctl_cgroup_path(v2, NULL, p, 8), -1);	/* too long */
}

static void test_parent(void **state)
{
	char p[32];

	strcpy(p, "/a/b/c");
	ctl_parent(p);
	assert_string_equal(p, "/a/b");
	strcpy(p, "/a");
	ctl_parent(p);
	assert_string_equal(p, "/");
	ctl_parent(p);
	assert_string_equal(p, "/");
}

static void test_human(void **state)
{
	char b[32];

	assert_string_equal(ctl_human_bytes(b, sizeof(b), 536870912ULL), "512 MiB");
	assert_string_equal(ctl_human_bytes(b, sizeof(b), 1610612736ULL), "1.5 GiB");
	assert_string_equal(ctl_human_bytes(b, sizeof(b), 1000), "1000 B");
	assert_string_equal(ctl_human_bytes(b, sizeof(b), 1024), "1 KiB");
	assert_string_equal(ctl_human_bytes(b, sizeof(b), 3097419776ULL), "2.8 GiB");
	assert_string_equal(ctl_human_bytes(b, sizeof(b), CTL_NO_LIMIT), "none");
}

static void test_json(void **state)
{
	char b[64];

	ctl_json_string(b, sizeof(b), "a\"b\\c\n");
	assert_string_equal(b, "\"a\\\"b\\\\c\\u000a\"");
	ctl_json_string(b, 12, "0123456789abcdef");
	assert_true(strlen(b) < 12 && b[0] == '"' && b[strlen(b) - 1] == '"');
}

static void test_names(void **state)
{
	assert_int_equal(ctl_view_index("meminfo"), 0);
	assert_int_equal(ctl_view_index("loadavg"), CTL_NR_VIEWS - 1);
	assert_int_equal(ctl_view_index("memory"), -1);
	assert_string_equal(ctl_scope_find("limited")->param, "cgroup");
	assert_int_equal(ctl_scope_find("off")->enabled, 0);
	assert_null(ctl_scope_find("container"));
	assert_string_equal(ctl_scope_name(1, "container"), "containers");
	assert_string_equal(ctl_scope_name(1, "cgroup"), "limited");
	assert_string_equal(ctl_scope_name(0, "cgroup"), "off");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_cpu_max),
		cmocka_unit_test(test_cpulist),
		cmocka_unit_test(test_cgroup_path),
		cmocka_unit_test(test_parent),
		cmocka_unit_test(test_human),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
