/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arithmetic and text for the CPU views: how many CPUs a cgroup shows, and
 * one CPU's /proc/cpuinfo block renumbered. Plain C with no headers, built
 * into the module and into the userspace unit tests.
 */
#ifndef DRISO_CPUCALC_H
#define DRISO_CPUCALC_H

#define CC_NO_LIMIT (~0U)

unsigned int cc_quota_cpus(long long quota_us, unsigned long long period_us);
unsigned int cc_visible_cpus(unsigned int cpuset_cpus,
			     unsigned int quota_cpus);
unsigned long cc_cpuinfo_rewrite(char *text, unsigned long len,
				 unsigned long cap, unsigned int index,
				 unsigned int count);
unsigned long cc_print_range(char *buf, unsigned long cap,
			     unsigned int count);

#endif
