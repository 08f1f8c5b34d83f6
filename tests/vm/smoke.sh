# Smoke test of the harness itself: the guest has what the real tests rely on.
#   tests/vm/run --kernel 6.1 --cgroup v2 tests/vm/smoke.sh
# shellcheck shell=sh
# shellcheck source=/dev/null
. /vmtests/lib.sh

check "/proc/meminfo readable" grep -q '^MemTotal:' /proc/meminfo
if [ "$DRISO_CGROUP" = v2 ]; then
    check "cgroup2 mounted" grep -q ' /sys/fs/cgroup cgroup2 ' /proc/mounts
    check "memory controller enabled" grep -qw memory /sys/fs/cgroup/cgroup.subtree_control
else
    check "cgroup v1 memory hierarchy mounted" grep -q ' /sys/fs/cgroup/memory cgroup ' /proc/mounts
    check "no cgroup2 mounted" sh -c '! grep -q " cgroup2 " /proc/mounts'
fi
if [ -e /sys/module/driso ] || grep -q '^driso ' /proc/modules; then
    check "driso in /proc/modules" grep -q '^driso ' /proc/modules
else
    echo "skip - driso not loaded (--no-module)"
fi
# procps, not busybox applets, also when started through another applet (env, nsenter...).
check "free is procps" sh -c 'env free -V | grep -q procps'
check "procps free" free -m
check "procps top -bn1" top -bn1
check "procps ps" ps -e
check "procps vmstat" vmstat

# zram as swap: a module on Debian kernels, built in on the debug kernels.
case "$DRISO_KVER" in dbg*) ;; *) check "modprobe zram" modprobe zram ;; esac
if check "zram0 exists" test -b /dev/zram0; then
    echo 64M >/sys/block/zram0/disksize
    check "mkswap on zram0" mkswap /dev/zram0
    check "swapon zram0" swapon /dev/zram0
    check "zram0 in /proc/swaps" grep -q '^/dev/zram0 ' /proc/swaps
    check "swapoff zram0" swapoff /dev/zram0
fi
if command -v runc >/dev/null; then
    check "runc runs" runc --version
fi
check "fuse available" sh -c 'modprobe fuse 2>/dev/null; grep -qw fuse /proc/filesystems'
summary
