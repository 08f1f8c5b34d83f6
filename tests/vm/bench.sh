# shellcheck shell=sh
# The cost of a read, in one boot: the kernel's own /proc/meminfo and
# sysinfo(2) against driso's view. Run with --icount, ns are instructions.
. /vmtests/scenarios/common.sh
N=${N:-3000}
cg_new bench 512

# bench WHO METHOD: ns per call, read as a container (ctr) or the host (host)
bench() {
	if [ "$1" = ctr ]; then
		ctr bench procbench "$2" "$N"
	else
		procbench "$2" "$N"
	fi
}

rmmod driso
for m in pread open sysinfo; do
	eval "native_$m=$(bench ctr $m)"
done
insmod "$DRISO_KO"
for m in pread open sysinfo; do
	eval "host_$m=$(bench host $m)"
	eval "virt_$m=$(bench ctr $m)"
done
echo 1 >$PARAMS/counters_only
for m in pread open sysinfo; do
	eval "cnt_$m=$(bench ctr $m)"
done
echo 0 >$PARAMS/counters_only

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'
}
echo "bench: N=$N, ns per call ($(uname -r))"
printf '%-34s %10s %10s %10s\n' "reader" "pread" "open+read" "sysinfo"
printf '%-34s %10s %10s %10s\n' "no driso (kernel's own)" \
	"$native_pread" "$native_open" "$native_sysinfo"
printf '%-34s %10s %10s %10s\n' "driso, host reader (passthrough)" \
	"$host_pread" "$host_open" "$host_sysinfo"
printf '%-34s %10s %10s %10s\n' "driso, container (full stats)" \
	"$virt_pread" "$virt_open" "$virt_sysinfo"
printf '%-34s %10s %10s %10s\n' "driso, container (counters only)" \
	"$cnt_pread" "$cnt_open" "$cnt_sysinfo"
printf '%-34s %10s %10s %10s\n' "container view / native" \
	"$(ratio "$virt_pread" "$native_pread")" "$(ratio "$virt_open" "$native_open")" \
	"$(ratio "$virt_sysinfo" "$native_sysinfo")"
printf '%-34s %10s %10s %10s\n' "host passthrough / native" \
	"$(ratio "$host_pread" "$native_pread")" "$(ratio "$host_open" "$native_open")" \
	"$(ratio "$host_sysinfo" "$native_sysinfo")"

# the other views: pread on an open file, the kernel's own against the view
echo
printf '%-34s %10s %10s %10s\n' "file (pread)" "native" "container" "ratio"
for f in /proc/stat /proc/cpuinfo /proc/uptime /proc/loadavg /proc/swaps \
	/sys/devices/system/cpu/online; do
	v=$(ctr bench procbench pread "$N" "$f")
	rmmod driso
	n=$(ctr bench procbench pread "$N" "$f")
	insmod "$DRISO_KO"
	printf '%-34s %10s %10s %10s\n' "$f" "$n" "$v" "$(ratio "$v" "$n")"
done
cg_rm bench
