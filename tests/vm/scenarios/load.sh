# shellcheck shell=sh
# /proc/loadavg and sysinfo's loads: each container's own EWMA.
echo "== load: a busy container and an idle sibling"
cg_new busy 512
cg_new idle 512
ctr_start busy
ctr_start idle
# first reads: both tracked from now on, both idle
set -- $(cexec busy cat /proc/loadavg)
le "busy, before its loops: load < 0.3" "$(echo "$1" | tr -d .)" 30
cexec idle cat /proc/loadavg >/dev/null
cexec busy sh -c 'while :; do :; done' >/dev/null 2>&1 &
cexec busy sh -c 'while :; do :; done' >/dev/null 2>&1 &
n=0
load=0
while [ $n -lt 70 ]; do
	sleep 5
	n=$((n + 5))
	load=$(cexec busy cut -d' ' -f1 /proc/loadavg | tr -d .)
	[ "$load" -gt 100 ] && break
done
le "2 busy loops: 1-minute load above 1 within 60 s (${n} s, load $load/100)" 101 "$load"
le "   ... and not at once (the EWMA, not a snapshot)" 30 "$n"
set -- $(cexec idle cat /proc/loadavg)
le "idle sibling: 1-minute load below 0.3" "$(echo "$1" | tr -d .)" 29
R=${4%/*} T=${4#*/}
le "idle sibling: running threads <= 2" "$R" 2
le "idle sibling: few threads" "$T" 10
le "idle sibling: last PID of its own namespace" "$5" 20
SI=$(cexec busy sysinfo | awk '/^loads/ { print $2 }')
LA=$(cexec busy cut -d' ' -f1 /proc/loadavg | tr -d .)
# sysinfo's loads are FSHIFT-scaled by 65536; compare in hundredths
le "sysinfo loads agree with /proc/loadavg" \
	"$(( (SI * 100 / 65536 - LA) * (SI * 100 / 65536 - LA) ))" 4
HOSTLOAD=$(cut -d' ' -f4 /proc/loadavg)
le "host: its own task count" 20 "${HOSTLOAD#*/}"
le "tracked containers" "$(cat $STATUS/tracked_containers)" 2
cg_rm busy
cg_rm idle
sleep 6
eq "deleted cgroups are no longer tracked" "$(cat $STATUS/tracked_containers)" 0
