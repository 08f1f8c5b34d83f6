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
# stat_field LINE FIELD: one number of a cpu line in a container's /proc/stat
# (FIELD: 2 user, 3 nice, 4 system, 5 idle, 9 steal), from stdin
stat_field() { awk -v l="$1" -v f="$2" '$1 == l { print $f }'; }
KERNEL_MM=$(uname -r | cut -d. -f1-2)
# a busy loop for SECONDS on the CPU given (taskset), niced if NICE is set
spin_in() {	# CGROUP CPU SECONDS [NICE]
	cexec "$1" taskset -c "$2" spin "$3" "${4:-0}" || fail "spin in $1 failed"
}

# Steal (no memory limit: the CPU limits alone): a quota of 0.2 CPU and a
# busy loop: the time the quota held it
# back shows as steal; without a quota there is none.
cg_new thr max
cg_quota thr 20000 100000
ctr_start thr
S0=$(cexec thr cat /proc/stat | stat_field cpu 9)
spin_in thr 0 4
S1=$(cexec thr cat /proc/stat | stat_field cpu 9)
echo "stat: steal of a 0.2-CPU container over a 4 s busy loop: $S0 -> $S1 ticks"
le "a throttled container: steal grows (at least 1.5 s of 4)" $((S0 + 150)) "$S1"
TOP=$(cexec thr sh -c "taskset -c 0 spin 6 & top -bn2 -d2 | grep '^%Cpu' | tail -n 1")
echo "stat: top in it, busy: $TOP"
ST=$(echo "$TOP" | sed -n 's/.* \([0-9.]*\) st.*/\1/p')
le "... and top's st says so (over 20%)" 20 "${ST%.*}"
cg_new unthr max
cg_cpus unthr 1
ctr_start unthr
spin_in unthr 1 1
eq "an unthrottled container (a cpuset, no quota): no steal" \
	"$(cexec unthr cat /proc/stat | stat_field cpu 9)" 0
cg_rm thr

# Per-CPU times: a loop on one CPU of two shows on that CPU's line (the
# kernel's per-CPU times: v2 from Linux 6.6, v1 cpuacct; v2 before 6.6
# spreads the time evenly); niced, in the nice column (v1, v2 from 6.12).
cg_new pcpu max
cg_cpus pcpu 2-3
ctr_start pcpu
OUT0=$(cexec pcpu cat /proc/stat)
spin_in pcpu 3 3 10
OUT1=$(cexec pcpu cat /proc/stat)
busy() {	# LINE: user + nice + system ticks grown from OUT0 to OUT1
	echo $(($(echo "$OUT1" | awk -v l="$1" '$1 == l { print $2 + $3 + $4 }') - \
		$(echo "$OUT0" | awk -v l="$1" '$1 == l { print $2 + $3 + $4 }')))
}
B0=$(busy cpu0) B1=$(busy cpu1)
N1=$(($(echo "$OUT1" | stat_field cpu 3) - $(echo "$OUT0" | stat_field cpu 3)))
U1=$(($(echo "$OUT1" | stat_field cpu 2) - $(echo "$OUT0" | stat_field cpu 2)))
echo "stat: 3 s niced on real CPU 3 (the container's cpu1): cpu0 +$B0, cpu1 +$B1, user +$U1, nice +$N1 ticks"
at_least() { [ "$(printf '%s\n%s\n' "$KERNEL_MM" "$1" | sort -V | head -n 1)" = "$1" ]; }
if [ "$DRISO_CGROUP" = v1 ] || at_least 6.6; then
	le "per CPU: the busy CPU's line has it (at least 1.5 s of 3)" 150 "$B1"
	le "... the other's a quarter of that at most (cexec, cat)" "$((B0 * 4))" "$B1"
else
	le "even split: both lines have a share" 50 "$B0"
	le "... the same share" "$(( (B1 - B0) * (B1 - B0) ))" 400
fi
if [ "$DRISO_CGROUP" = v1 ] || at_least 6.12; then
	# its user time is nice, more than what else ran (cexec, cat) used
	le "nice: the niced loop's user time is in the nice column" "$((U1 + 20))" "$N1"
fi
cg_rm pcpu
cg_rm unthr
check "host /proc/stat has every CPU" sh -c "[ \$(grep -c '^cpu[0-9]' /proc/stat) = $(grep -c ^processor /proc/cpuinfo) ]"
cg_rm st
