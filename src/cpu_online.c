// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/system/cpu/{online,possible,present}: "0-N" for the
 * container's N+1 CPUs. glibc's get_nprocs() and _SC_NPROCESSORS_ONLN read
 * online, _SC_NPROCESSORS_CONF possible, lscpu present.
 * A listing of /sys/devices/system/cpu/ shows cpu0 ... cpuN alone, for
 * programs that count those directories (nproc --all, htop). Lookups stay
 * the host's: the dentry cache is shared by every reader, so a name that
 * failed or resolved otherwise for one would do so for all.
 * sched_getaffinity() stays real: schedulers are not lied to.
 */
#include <linux/cpu.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kernfs.h>
#include <linux/static_call.h>
#include "cpucalc.h"
#include "driso.h"

typedef ssize_t (attr_show_t)(struct device *dev,
			      struct device_attribute *attr, char *buf);
DEFINE_STATIC_CALL_NULL(driso_cpus_attr_orig, attr_show_t);

/*
 * show_cpus_attr() shows "online", "possible" and "present": for the
 * container all three are its CPUs, so that _SC_NPROCESSORS_CONF, lscpu
 * and nproc --all agree with _SC_NPROCESSORS_ONLN.
 */
static ssize_t driso_show_cpus_attr(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	unsigned int count;
	ssize_t ret;
	int idx;

	idx = driso_hook_enter();
	count = driso_cpuview_count();
	if (!driso_view_in_scope(DRISO_VIEW_CPU_ONLINE, count)) {
		driso_count(DRISO_VIEW_CPU_ONLINE, DRISO_READS_PASSTHROUGH);
		ret = static_call(driso_cpus_attr_orig)(dev, attr, buf);
		goto out;
	}
	ret = cc_print_range(buf, PAGE_SIZE, count);
	driso_count(DRISO_VIEW_CPU_ONLINE, DRISO_READS_VIRTUAL);
out:
	driso_hook_leave(idx);
	return ret;
}

typedef int (readdir_t)(struct file *file, struct dir_context *ctx);
DEFINE_STATIC_CALL_NULL(driso_readdir_orig, readdir_t);

/* The kernfs node of /sys/devices/system/cpu/ */
static struct kernfs_node *cpu_dir;

/* A listing of the cpu directory, passed on to the reader's own @ctx. */
struct cpu_listing {
	struct dir_context ctx;
	struct dir_context *reader;
	unsigned int cpus;	/* cpu0 ... cpu(cpus - 1) are listed */
};

/* "cpuK", K without sign or leading zero, is a CPU's directory. */
static bool cpu_dir_number(const char *name, int len, unsigned int *cpu)
{
	char digits[12];

	if (len < 4 || len > 3 + 10 || memcmp(name, "cpu", 3) ||
	    (name[3] == '0' && len > 4))
		return false;
	memcpy(digits, name + 3, len - 3);
	digits[len - 3] = 0;
	return !kstrtouint(digits, 10, cpu);
}

static bool list_visible(struct dir_context *ctx, const char *name, int len,
			 loff_t offset, u64 ino, unsigned int type)
{
	struct cpu_listing *l = container_of(ctx, struct cpu_listing, ctx);
	unsigned int cpu;

	if (cpu_dir_number(name, len, &cpu) && cpu >= l->cpus)
		return true;	/* hidden: the listing goes on */
	l->reader->pos = ctx->pos;
	return l->reader->actor(l->reader, name, len, offset, ino, type);
}

static int driso_kernfs_readdir(struct file *file, struct dir_context *ctx)
{
	struct cpu_listing l;
	unsigned int count;
	int idx, ret;

	idx = driso_hook_enter();
	if (file_inode(file)->i_private != cpu_dir) {
		ret = static_call(driso_readdir_orig)(file, ctx);
		goto out;
	}
	count = driso_cpuview_count();
	if (!driso_view_in_scope(DRISO_VIEW_CPU_ONLINE, count)) {
		ret = static_call(driso_readdir_orig)(file, ctx);
		goto out;
	}
	l.ctx = *ctx;
	l.ctx.actor = list_visible;
	l.reader = ctx;
	l.cpus = count;
	ret = static_call(driso_readdir_orig)(file, &l.ctx);
	ctx->pos = l.ctx.pos;
out:
	driso_hook_leave(idx);
	return ret;
}

int driso_cpu_online_init(struct driso_hook *hook, struct driso_hook *dir_hook)
{
	struct device *cpu0 = get_cpu_device(cpumask_first(cpu_possible_mask));

	if (!cpu0 || !cpu0->kobj.parent || !cpu0->kobj.parent->sd) {
		pr_err("driso: no /sys/devices/system/cpu directory\n");
		return -ENOENT;
	}
	cpu_dir = cpu0->kobj.parent->sd;
	return driso_hook_setup(hook, driso_cpus_attr_orig,
				driso_show_cpus_attr) ?:
	       driso_hook_setup(dir_hook, driso_readdir_orig,
				driso_kernfs_readdir);
}
