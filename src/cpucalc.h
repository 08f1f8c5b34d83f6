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

/* The kernel's load average: fixed point with 11 bits, updated every 5 s. */
#define CC_FSHIFT	11
#define CC_FIXED_1	(1UL << CC_FSHIFT)
#define CC_EXP_1	1884	/* 1/exp(5sec/1min) */
#define CC_EXP_5	2014	/* 1/exp(5sec/5min) */
#define CC_EXP_15	2037	/* 1/exp(5sec/15min) */

unsigned long cc_calc_load(unsigned long load, unsigned long exp,
			   unsigned long active);
void cc_load_update(unsigned long avenrun[3], unsigned int active);
void cc_load_seed(unsigned long avenrun[3], unsigned int active);
void cc_tasks_fit(unsigned int *threads, unsigned int *running,
		  unsigned int *blocked, int threads_live);

/* The /proc/stat fields of a cpu line, in the kernel's order. */
enum cc_stat_field {
	CS_USER, CS_NICE, CS_SYSTEM, CS_IDLE, CS_IOWAIT, CS_IRQ, CS_SOFTIRQ,
	CS_STEAL, CS_GUEST, CS_GUEST_NICE, CS_NR
};

/* The times of one cpu line: a cpuN line's in ns, the cpu line's in us. */
struct cc_cpu_times {
	unsigned long long t[CS_NR];
};

/*
 * What a container used, in ns: user (without nice), nice and system time,
 * and the time its CPU quota held it back, shown as steal.
 */
struct cc_usage {
	unsigned long long user, nice, system, steal;
};

/* A cpuN line as last shown, in ns, and how long it has been shown. */
struct cc_stat_line {
	struct cc_cpu_times shown;
	unsigned long long cap;		/* ns of CPU time it had */
	unsigned long long steal;	/* its share, shown where it has room */
};

/*
 * What a container's cpu lines were last shown, and the CPU time its CPUs
 * had: each read adds its CPUs (the fewer of its own and the last read's)
 * times the time since the last read, so idle counts at the current CPUs,
 * never jumps when CPUs come and never goes back.
 */
struct cc_stat_seen {
	/* the cpu line, in us: CPUs x elapsed in ns would wrap in 208 days */
	int started;
	unsigned int nr_cpus;		/* at the last read */
	unsigned long long elapsed_us;	/* at the last read */
	unsigned long long cap_us;	/* the CPU time its CPUs had */
	struct cc_cpu_times cpu;
	/* the cpuN lines, in ns, as the reads that show them left them */
	int lines_started;
	unsigned int nr_lines;		/* lines with a record */
	unsigned int lines_shown;	/* at the last read that showed them */
	unsigned long long lines_elapsed;
	struct cc_usage lines_used;	/* the container's use then */
	struct cc_stat_line *lines;	/* room for every CPU */
};

void cc_stat_total(struct cc_stat_seen *seen, unsigned int nr_cpus,
		   const struct cc_usage *used, unsigned long long elapsed,
		   struct cc_cpu_times *total);
void cc_stat_lines(struct cc_stat_seen *seen, unsigned int nr_cpus,
		   const struct cc_usage *used, unsigned long long elapsed,
		   struct cc_cpu_times *per_cpu, int per_cpu_given);
void cc_stat_spread(struct cc_cpu_times *per_cpu, unsigned int nr_cpus,
		    const unsigned long long rest[3]);
unsigned long cc_stat_cpu_lines(char *buf, unsigned long cap,
				unsigned int nr_cpus,
				const struct cc_cpu_times *total,
				const struct cc_cpu_times *per_cpu,
				unsigned long long ns_per_tick);
/*
 * /proc/stat's processes: the PIDs a container's namespace handed out,
 * counted from its last PID read by read, so that it only grows.
 */
struct cc_pids {
	int started;
	unsigned int last;		/* its last PID at the last read */
	unsigned long long count;	/* shown then */
};

/* Where the kernel's PIDs start again when they wrap at pid_max. */
#define CC_RESERVED_PIDS 300

unsigned long long cc_processes(struct cc_pids *pids, unsigned int last_pid);

/* A line's key and its length, to compare it a word at a time. */
struct cc_key {
	const char *text;
	unsigned long len;
};

#define CC_KEY(s) { s, sizeof(s) - 1 }

unsigned long cc_replace_head(char *text, unsigned long len,
			      unsigned long cap, const struct cc_key *key,
			      const char *head, unsigned long head_len);
unsigned long cc_last_line(const char *text, unsigned long len,
			   const struct cc_key *key);
unsigned long cc_set_numbers(char *text, unsigned long len, unsigned long cap,
			     unsigned long from, const struct cc_key *keys,
			     const unsigned long long *values, unsigned int n);

#endif
