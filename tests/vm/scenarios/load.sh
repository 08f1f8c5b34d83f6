# shellcheck shell=sh
# /proc/loadavg and sysinfo's loads: each container's own EWMA.
echo "== load: a busy container and an idle sibling"
# from an empty tracker: what earlier scenarios' readers left tracked (the
# root cgroup's, kept until ten minutes idle) is not this scenario's
reload
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
cexec busy sh -c 'while :; do :; done' >/dev/null 2>&1 &
# The EWMA of 3 tasks passes 1.05 after 26 s of worker ticks; one task's
# never does: above 1.05 counts more than one, whatever the time it takes.
# Wait for it at most 180 s. Rising from 0, the 1-minute average stays above the
# 5-minute one, and that above the 15-minute one.
n=0
load=0
while [ $n -lt 180 ]; do
	sleep 5
	n=$((n + 5))
	set -- $(cexec busy cat /proc/loadavg |
		awk '{ printf "%d %d %d\n", $1 * 100 + 0.5, $2 * 100 + 0.5, $3 * 100 + 0.5 }')
	load=$1
	[ $n = 5 ] && first=$load
	[ "$load" -gt 105 ] && break
done
le "3 busy loops: 1-minute load above 1.05, which one task never reaches (load $load/100 after $n s)" \
	106 "$load"
le "... the 5-minute average below the 1-minute one ($2 < $1)" $(($2 + 1)) "$1"
le "... the 15-minute average below the 5-minute one ($3 < $2)" $(($3 + 1)) "$2"
# A snapshot would show 3 at once; the EWMA after 5 s is 3 * (1 - e^(-5/60)) = 0.24,
# and stays below 1 even if tasks briefly blocked in the container double the count.
le "   ... and not at once: 5 s in, the EWMA is below 1 (load $first/100)" "$first" 99
set -- $(cexec idle cat /proc/loadavg)
le "idle sibling: 1-minute load below 0.3" "$(echo "$1" | tr -d .)" 29
R=${4%/*} T=${4#*/}
le "idle sibling: running threads <= 2" "$R" 2
le "idle sibling: few threads" "$T" 10
le "idle sibling: last PID of its own namespace" "$5" 20
# sysinfo's loads are scaled by 65536: in hundredths, the same as
# /proc/loadavg read just before or just after (a 5 s tick may fall between)
set -- $(cexec busy sh -c 'cut -d" " -f1 /proc/loadavg
	sysinfo | awk "/^loads/ { print \$2 }"
	cut -d" " -f1 /proc/loadavg')
SI=$(($2 * 100 / 65536))
A=$(echo "$1" | awk '{ print int($1 * 100 + 0.5) }')
B=$(echo "$3" | awk '{ print int($1 * 100 + 0.5) }')
if [ $(((SI - A) * (SI - A))) -le 1 ] || [ $(((SI - B) * (SI - B))) -le 1 ]; then
	ok "sysinfo loads agree with /proc/loadavg ($SI vs $A/$B hundredths)"
else
	fail "sysinfo loads agree with /proc/loadavg ($SI vs $A/$B hundredths)"
fi
HOSTLOAD=$(cut -d' ' -f4 /proc/loadavg)
le "host: its own task count" 20 "${HOSTLOAD#*/}"
eq "tracked containers: busy and idle" "$(cat $STATUS/tracked_containers)" 2
# at most max_containers are tracked: a third container's load is the
# kernel's own, counted as untracked and as a fallback
echo 2 >$PARAMS/max_containers
cg_new third 512
ctr_start third
U0=$(cat $STATUS/untracked_reads) F0=$(cat $STATUS/loadavg/fallbacks)
set -- $(cexec third cat /proc/loadavg)
eq "max_containers=2: a third container is not tracked" "$(cat $STATUS/tracked_containers)" 2
eq "... its read is counted as untracked" "$(cat $STATUS/untracked_reads)" $((U0 + 1))
eq "... and as a loadavg fallback" "$(cat $STATUS/loadavg/fallbacks)" $((F0 + 1))
le "... and it shows the kernel's own task count (the host's)" 20 "${4#*/}"
echo 4096 >$PARAMS/max_containers
cexec third cat /proc/loadavg >/dev/null
eq "max_containers=4096: now it is tracked" "$(cat $STATUS/tracked_containers)" 3
cg_rm third
cg_rm busy
cg_rm idle
# the worker's next pass (5 s) drops them
wait_for 30 grep -qx 0 $STATUS/tracked_containers
eq "deleted cgroups are no longer tracked" "$(cat $STATUS/tracked_containers)" 0
# The worker accounts its time, and stops with nothing tracked: once the
# pass that dropped them has ended (its time no longer changes), two more
# of its 5-s ticks add none.
W=-1
for _i in 1 2 3 4 5 6 7 8 9 10; do
	_w=$(cat $STATUS/tracker_worker_ns)
	[ "$_w" = "$W" ] && break
	W=$_w
	sleep 1
done
le "the load worker's time is accounted (ns)" 1 "$W"
sleep 11
eq "with nothing tracked the worker does not run" "$(cat $STATUS/tracker_worker_ns)" "$W"
