// SPDX-License-Identifier: GPL-2.0
/*
 * sysinfo(2): the 64-bit entry and the ia32 compat entry. Each part
 * follows its own view's scope: the memory fields /proc/meminfo's (from the
 * same view), uptime /proc/uptime's, loads and procs /proc/loadavg's.
 */
#include <linux/compat.h>
#include <linux/sched/loadavg.h>
#include <linux/static_call.h>
#include <linux/sysinfo.h>
#include <linux/time_namespace.h>
#include <linux/uaccess.h>
#include "driso.h"

typedef long (syscall_t)(const struct pt_regs *regs);
DEFINE_STATIC_CALL_NULL(driso_sysinfo_orig, syscall_t);
DEFINE_STATIC_CALL_NULL(driso_compat_sysinfo_orig, syscall_t);

static int *host_nr_threads;

/* Not in any header: the layout of kernel/sys.c. */
struct driso_compat_sysinfo {
	s32 uptime;
	u32 loads[3];
	u32 totalram;
	u32 freeram;
	u32 sharedram;
	u32 bufferram;
	u32 totalswap;
	u32 freeswap;
	u16 procs;
	u16 pad;
	u32 totalhigh;
	u32 freehigh;
	u32 mem_unit;
	char _f[20 - 2 * sizeof(u32) - sizeof(int)];
};

/*
 * Everything but memory, as do_sysinfo() computes it; but the container's
 * uptime, load and thread count where /proc/uptime and /proc/loadavg show
 * the container's.
 */
static void fill_time_and_load(struct sysinfo *info,
			       const struct driso_sysinfo_parts *p)
{
	struct driso_load load;
	struct timespec64 tp;
	bool own_load;
	int i;

	if (p->uptime) {
		tp = ns_to_timespec64(driso_container_uptime_ns());
	} else {
		ktime_get_boottime_ts64(&tp);
		timens_add_boottime(&tp);
	}
	info->uptime = tp.tv_sec + (tp.tv_nsec ? 1 : 0);

	own_load = p->load && !driso_container_load(&load);
	for (i = 0; i < 3; i++)
		info->loads[i] = (own_load ? load.avenrun[i] :
			READ_ONCE(avenrun[i])) << (SI_LOAD_SHIFT - FSHIFT);
	info->procs = own_load ? load.tasks.threads :
		READ_ONCE(*host_nr_threads);
}

/* The whole answer, with the container's memory. */
static int fill_view(struct sysinfo *info, const struct driso_sysinfo_parts *p,
		     bool compat)
{
	/* each filled whole below: not zeroed first as well */
	struct mc_sysinfo_mem mem __uninitialized;
	struct mc_sample s __uninitialized;

	if (driso_memview_sample(&s, MC_SYSINFO_STATS))
		return -ENOENT;
	mc_sysinfo(&s, &mem);
	if (compat)
		mc_sysinfo_compat(&mem, PAGE_SIZE);

	memset(info, 0, sizeof(*info));
	fill_time_and_load(info, p);
	info->totalram = mem.totalram;
	info->freeram = mem.freeram;
	info->sharedram = mem.sharedram;
	info->bufferram = mem.bufferram;
	info->totalswap = mem.totalswap;
	info->freeswap = mem.freeswap;
	info->totalhigh = mem.totalhigh;
	info->freehigh = mem.freehigh;
	info->mem_unit = mem.mem_unit;
	return 0;
}

/*
 * The host's memory, the container's uptime or load: the kernel's answer,
 * then those fields written over it.
 */
#define PUT_TIME_AND_LOAD(uinfo, info, p)				\
({									\
	int __i, __err = 0;						\
									\
	if ((p)->uptime)						\
		__err |= put_user((info)->uptime, &(uinfo)->uptime);	\
	for (__i = 0; (p)->load && __i < 3; __i++)			\
		__err |= put_user((info)->loads[__i],			\
				  &(uinfo)->loads[__i]);		\
	if ((p)->load)							\
		__err |= put_user((info)->procs, &(uinfo)->procs);	\
	__err ? -EFAULT : 0;						\
})

static long driso_sys_sysinfo(const struct pt_regs *regs)
{
	struct sysinfo __user *uinfo = (void __user *)regs->di;
	struct sysinfo info __uninitialized;	/* fill_view() zeroes it */
	struct driso_sysinfo_parts parts;
	long ret = 0;
	int idx;

	idx = driso_hook_enter();
	if (!driso_sysinfo_in_scope(&parts)) {
		driso_count(DRISO_VIEW_SYSINFO, DRISO_READS_PASSTHROUGH);
		ret = static_call(driso_sysinfo_orig)(regs);
		goto out;
	}
	if (!parts.memory) {
		ret = static_call(driso_sysinfo_orig)(regs);
		if (!ret) {
			fill_time_and_load(&info, &parts);
			ret = PUT_TIME_AND_LOAD(uinfo, &info, &parts);
		}
		driso_count(DRISO_VIEW_SYSINFO, DRISO_READS_VIRTUAL);
		goto out;
	}
	if (fill_view(&info, &parts, false)) {
		driso_count(DRISO_VIEW_SYSINFO, DRISO_READS_FALLBACK);
		ret = static_call(driso_sysinfo_orig)(regs);
		goto out;
	}
	driso_count(DRISO_VIEW_SYSINFO, DRISO_READS_VIRTUAL);
	if (copy_to_user(uinfo, &info, sizeof(info)))
		ret = -EFAULT;
out:
	driso_hook_leave(idx);
	return ret;
}

#ifdef CONFIG_IA32_EMULATION
static void to_compat(struct driso_compat_sysinfo *s32,
		      const struct sysinfo *info)
{
	memset(s32, 0, sizeof(*s32));
	s32->uptime = info->uptime;
	s32->loads[0] = info->loads[0];
	s32->loads[1] = info->loads[1];
	s32->loads[2] = info->loads[2];
	s32->totalram = info->totalram;
	s32->freeram = info->freeram;
	s32->sharedram = info->sharedram;
	s32->bufferram = info->bufferram;
	s32->totalswap = info->totalswap;
	s32->freeswap = info->freeswap;
	s32->procs = info->procs;
	s32->totalhigh = info->totalhigh;
	s32->freehigh = info->freehigh;
	s32->mem_unit = info->mem_unit;
}

static long driso_compat_sys_sysinfo(const struct pt_regs *regs)
{
	struct driso_compat_sysinfo __user *uinfo = compat_ptr(regs->bx);
	struct driso_compat_sysinfo s32;
	struct sysinfo info __uninitialized;	/* fill_view() zeroes it */
	struct driso_sysinfo_parts parts;
	long ret = 0;
	int idx;

	idx = driso_hook_enter();
	if (!driso_sysinfo_in_scope(&parts)) {
		driso_count(DRISO_VIEW_SYSINFO, DRISO_READS_PASSTHROUGH);
		ret = static_call(driso_compat_sysinfo_orig)(regs);
		goto out;
	}
	if (!parts.memory) {
		ret = static_call(driso_compat_sysinfo_orig)(regs);
		if (!ret) {
			memset(&info, 0, sizeof(info));
			fill_time_and_load(&info, &parts);
			to_compat(&s32, &info);
			ret = PUT_TIME_AND_LOAD(uinfo, &s32, &parts);
		}
		driso_count(DRISO_VIEW_SYSINFO, DRISO_READS_VIRTUAL);
		goto out;
	}
	if (fill_view(&info, &parts, true)) {
		driso_count(DRISO_VIEW_SYSINFO, DRISO_READS_FALLBACK);
		ret = static_call(driso_compat_sysinfo_orig)(regs);
		goto out;
	}
	driso_count(DRISO_VIEW_SYSINFO, DRISO_READS_VIRTUAL);
	to_compat(&s32, &info);
	if (copy_to_user(uinfo, &s32, sizeof(s32)))
		ret = -EFAULT;
out:
	driso_hook_leave(idx);
	return ret;
}
#endif

int driso_sysinfo_init(struct driso_hook *hook64, struct driso_hook *hook32)
{
	int err;

	host_nr_threads = (int *)driso_require("nr_threads");
	if (!host_nr_threads)
		return -ENOENT;
	err = driso_hook_setup(hook64, driso_sysinfo_orig, driso_sys_sysinfo);
#ifdef CONFIG_IA32_EMULATION
	if (!err)
		err = driso_hook_setup(hook32, driso_compat_sysinfo_orig,
				       driso_compat_sys_sysinfo);
#endif
	return err;
}
