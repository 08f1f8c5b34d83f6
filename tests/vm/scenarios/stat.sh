# shellcheck shell=sh
# /proc/stat: the container's own CPU time and tasks, never going back.
echo "== stat: the container's /proc/stat"
cg_new st 512
cg_cpus st 1-2
ctr_start st
sleep 1
OUT=$(cexec st cat /proc/stat)
eq "cpu lines: cpu, cpu0, cpu1" "$(echo "$OUT" | grep ^cpu | cut -d' ' -f1 | tr '\n' ,)" "cpu,cpu0,cpu1,"
check "kernel lines kept" sh -c "echo '$OUT' | grep -q '^intr ' && echo '$OUT' | grep -q '^softirq '"
UP=$(cexec st cut -d. -f1 /proc/uptime)
BT=$(echo "$OUT" | awk '/^btime/ { print $2 }')
NOW=$(date +%s)
le "btime + uptime = now" "$(( (BT + UP - NOW) * (BT + UP - NOW) ))" 4
le "processes: the container's own" "$(echo "$OUT" | awk '/^processes/ { print $2 }')" 20
le "procs_running: at least the reader" 1 "$(echo "$OUT" | awk '/^procs_running/ { print $2 }')"
# read together: idle grows by 2 s (two CPUs) per second
set -- $(cexec st sh -c "head -n 1 /proc/stat; cat /proc/uptime")
IDLE=$5 UPIDLE=${13%.*}
le "uptime's idle agrees with stat's (s)" "$(( (IDLE / 100 - UPIDLE) * (IDLE / 100 - UPIDLE) ))" 4
check "1000 reads while the cpuset changes: never back" \
	cexec st statmono 1000 "$CG/$( [ "$DRISO_CGROUP" = v2 ] || echo cpuset/)st/cpuset.cpus" 0-3 1 2-3 0
check "host /proc/stat has every CPU" sh -c "[ \$(grep -c '^cpu[0-9]' /proc/stat) = $(grep -c ^processor /proc/cpuinfo) ]"
cg_rm st
