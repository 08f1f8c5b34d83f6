# shellcheck shell=sh
# Python clients (the Docker guest has Debian's python3-minimal and
# python3-psutil): os.sysconf and psutil, what most monitoring agents use,
# see the container's memory and CPUs.
echo "== python: os.sysconf and psutil in a container"
if ! command -v python3 >/dev/null || ! python3 -c 'import psutil' 2>/dev/null; then
	fail "python: no python3 with psutil here (run in the Docker guest)"
	return 0
fi
HOSTTOTAL=$(field MemTotal </proc/meminfo)
# 256M of swap on the host (zram), 64M of it for the container: psutil's
# swap is then the container's, not the host's
[ -e /sys/block/zram0 ] || modprobe zram num_devices=1
[ -e /sys/block/zram0 ] && echo 1 >/sys/block/zram0/reset
if ! { echo 256M >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null &&
	swapon /dev/zram0; }; then
	fail "python: zram swap could not be set up"
fi
cg_new py 384 64
cg_quota py 150000 100000
# shellcheck disable=SC2016
OUT=$(ctr py python3 -c '
import os, psutil
print("sysconf", os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 1024)
print("sysconf_cpus", os.sysconf("SC_NPROCESSORS_ONLN"))
print("cpu_count", os.cpu_count())
vm = psutil.virtual_memory()
print("psutil_total", vm.total // 1024)
print("psutil_available_le_total", int(vm.available <= vm.total))
print("psutil_used_le_total", int(vm.used <= vm.total))
print("psutil_cpus", psutil.cpu_count())
print("psutil_swap", psutil.swap_memory().total // 1024)
')
echo "$OUT" | sed 's/^/    /'
get() { echo "$OUT" | awk -v k="$1" '$1 == k { print $2 }'; }
eq "python os.sysconf(SC_PHYS_PAGES) * page size" "$(get sysconf)" $((384 * MIB))
eq "python os.sysconf(SC_NPROCESSORS_ONLN)" "$(get sysconf_cpus)" 2
eq "python os.cpu_count()" "$(get cpu_count)" 2
eq "psutil.virtual_memory().total" "$(get psutil_total)" $((384 * MIB))
eq "psutil: available <= total" "$(get psutil_available_le_total)" 1
eq "psutil: used <= total" "$(get psutil_used_le_total)" 1
eq "psutil.cpu_count()" "$(get psutil_cpus)" 2
eq "psutil.swap_memory().total: the container's 64M of the host's 256M" "$(get psutil_swap)" $((64 * MIB))
eq "python on the host: psutil sees the host" \
	"$(python3 -c 'import psutil; print(psutil.virtual_memory().total // 1024)')" "$HOSTTOTAL"
eq "... and the host's swap" \
	"$(python3 -c 'import psutil; print(psutil.swap_memory().total // 1024)')" "$(field SwapTotal </proc/meminfo)"
cg_rm py
swapoff /dev/zram0 && echo 1 >/sys/block/zram0/reset
