// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/system/cpu/online: "0-N" for the container's N+1 CPUs.
 * glibc's get_nprocs() and sysconf(_SC_NPROCESSORS_ONLN) read it.
 * sched_getaffinity() stays real: schedulers are not lied to.
 */
#include <linux/device.h>
#include <linux/static_call.h>
#include "cpucalc.h"
#include "driso.h"

typedef ssize_t (attr_show_t)(struct device *dev,
			      struct device_attribute *attr, char *buf);
DEFINE_STATIC_CALL_NULL(driso_cpus_attr_orig, attr_show_t);

/* show_cpus_attr() also shows "possible" and "present": leave those. */
static ssize_t driso_show_cpus_attr(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	ssize_t ret;
	int idx;

	idx = driso_hook_enter();
	if (strcmp(attr->attr.name, "online")) {
		ret = static_call(driso_cpus_attr_orig)(dev, attr, buf);
		goto out;
	}
	ret = cc_print_range(buf, PAGE_SIZE, driso_cpuview_count());
	driso_count(DRISO_VIEW_CPU_ONLINE, DRISO_READS_VIRTUAL);
out:
	driso_hook_leave(idx);
	return ret;
}

int driso_cpu_online_init(struct driso_hook *hook)
{
	return driso_hook_setup(hook, driso_cpus_attr_orig, driso_show_cpus_attr);
}
