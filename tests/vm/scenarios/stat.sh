# shellcheck shell=sh
# /proc/stat: the container's own CPU time and tasks, never going back.
echo "== stat: the container's /proc/stat"
cg_new st 512
cg_cpus st 1-2
ctr_start st
# the steal test's container, started now: its CPU had more time since its
# start than the kernel counts throttled (per run queue, up to every CPU's
# time) over its busy loop, so steal is not cut to the time its CPU had
cg_new thr max
cg_quota thr 20000 100000
ctr_start thr
sleep 1
OUT=$(cexec st cat /proc/stat)
eq "cpu lines: cpu, cpu0, cpu1" "$(echo "$OUT" | grep ^cpu | cut -d' ' -f1 | tr '\n' ,)" "cpu,cpu0,cpu1,"
check "kernel lines kept" sh -c "echo '$OUT' | grep -q '^intr ' && echo '$OUT' | grep -q '^softirq '"
UP=$(cexec st cut -d. -f1 /proc/uptime)
BT=$(echo "$OUT" | awk '/^btime/ { print $2 }')
NOW=$(date +%s)
le "btime + uptime = now" "$(( (BT + UP - NOW) * (BT + UP - NOW) ))" 4
# btime over 3 s of reads: one value (the wall clock less the uptime, each
# cut to seconds, would take two)
BTS=$(cexec st sh -c 'end=$(($(date +%s) + 3)); while [ "$(date +%s)" -le $end ]; do
	awk "/^btime/ { print \$2 }" /proc/stat; done' | sort -u | tr '\n' ' ')
eq "btime: one value over 3 s of reads ($BTS)" "$(echo "$BTS" | wc -w)" 1
le "processes: the container's own" "$(echo "$OUT" | awk '/^processes/ { print $2 }')" 20
P0=$(echo "$OUT" | awk '/^processes/ { print $2 }')
P1=$(cexec st sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do /bin/true; done; awk "/^processes/ { print \$2 }" /proc/stat')
le "processes: 10 forks and more counted ($P0 -> $P1)" $((P0 + 10)) "$P1"
le "procs_running: at least the reader" 1 "$(echo "$OUT" | awk '/^procs_running/ { print $2 }')"
# read together: idle grows by 2 s (two CPUs) per second
set -- $(cexec st sh -c "head -n 1 /proc/stat; cat /proc/uptime")
IDLE=$5 UPIDLE=${13%.*}
le "uptime's idle agrees with stat's (s)" "$(( (IDLE / 100 - UPIDLE) * (IDLE / 100 - UPIDLE) ))" 4
# the cpu line's times add up to its 2 CPUs' elapsed time: over 2 s, twice
# what /proc/uptime grew by (within 0.1 s and 5%: rounding, and the two
# files read one after the other by one process)
set -- $(cexec st sh -c "cat /proc/uptime /proc/stat | head -n 2; sleep 2; cat /proc/uptime /proc/stat | head -n 2")
UP0=$(cs "$1") SUM0=$(($4 + $5 + $6 + $7 + $8 + $9 + ${10} + ${11}))
shift 13
UP1=$(cs "$1") SUM1=$(($4 + $5 + $6 + $7 + $8 + $9 + ${10} + ${11}))
D=$((SUM1 - SUM0 - 2 * (UP1 - UP0)))
le "over 2 s, the cpu line's times grew by 2 CPUs x elapsed ($((SUM1 - SUM0)) ticks, uptime +$((UP1 - UP0)))" \
	$((D * D * 400)) $(((2 * (UP1 - UP0) + 200) * (2 * (UP1 - UP0) + 200)))
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

# cpu_stat CGROUP: the kernel's own throttled time and CPU usage of CGROUP,
# in ticks (1/100 s): "throttled usage"
cpu_stat() {
	if [ "$DRISO_CGROUP" = v2 ]; then
		awk '$1 == "throttled_usec" { t = $2 } $1 == "usage_usec" { u = $2 }
			END { print int(t / 10000), int(u / 10000) }' "$CG/$1/cpu.stat"
	else
		echo "$(awk '$1 == "throttled_time" { print int($2 / 10000000) }' \
			"$CG/cpu,cpuacct/$1/cpu.stat")" \
			"$(($(cat "$CG/cpu,cpuacct/$1/cpuacct.usage") / 10000000))"
	fi
}

# Steal (no memory limit: the CPU limits alone): a quota of 0.2 CPU and a
# busy loop: the time the quota held it back (the kernel's own count in
# cpu.stat) shows as steal; without a quota there is none.
# steal_between: the container's steal, read between two reads of the
# kernel's throttled time (its own reads are throttled too): "before steal after"
steal_between() {
	set -- $(cpu_stat thr)
	echo "$1 $(cexec thr cat /proc/stat | stat_field cpu 9) $(cpu_stat thr | cut -d' ' -f1)"
}
set -- $(steal_between)
KB0=$1 S0=$2 KA0=$3
spin_in thr 0 4
set -- $(steal_between)
KB1=$1 S1=$2 KA1=$3
echo "stat: steal of a 0.2-CPU container over a 4 s busy loop: $S0 -> $S1 ticks; the kernel's throttled time $KB0..$KA0 -> $KB1..$KA1"
le "a throttled container: the kernel counted throttled time" 1 $((KB1 - KA0))
# the view is at most a tick old, and both are cut to whole ticks
le "... steal is the kernel's throttled time (before the loop: at least)" $((KB0 - 1)) "$S0"
le "... (before the loop: at most)" "$S0" $((KA0 + 1))
le "... (after the loop: at least)" $((KB1 - 1)) "$S1"
le "... (after the loop: at most)" "$S1" $((KA1 + 1))
# its one visible CPU's line carries it, and uptime's idle leaves it out
set -- $(cexec thr sh -c "grep '^cpu' /proc/stat | awk '{ print \$5, \$9 }' | tr '\n' ' '; cat /proc/uptime")
eq "... on its one CPU's line too" "$4" "$2"
UPIDLE=${6%.*}
le "... and uptime's idle is stat's idle, steal left out (s)" \
	"$(( ($1 / 100 - UPIDLE) * ($1 / 100 - UPIDLE) ))" 4
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
set -- $(cpu_stat pcpu)
C0=$2
spin_in pcpu 3 3 10
OUT1=$(cexec pcpu cat /proc/stat)
set -- $(cpu_stat pcpu)
C1=$2
busy() {	# LINE: user + nice + system ticks grown from OUT0 to OUT1
	echo $(($(echo "$OUT1" | awk -v l="$1" '$1 == l { print $2 + $3 + $4 }') - \
		$(echo "$OUT0" | awk -v l="$1" '$1 == l { print $2 + $3 + $4 }')))
}
B0=$(busy cpu0) B1=$(busy cpu1)
N1=$(($(echo "$OUT1" | stat_field cpu 3) - $(echo "$OUT0" | stat_field cpu 3)))
U1=$(($(echo "$OUT1" | stat_field cpu 2) - $(echo "$OUT0" | stat_field cpu 2)))
echo "stat: 3 s niced on real CPU 3 (the container's cpu1): cpu0 +$B0, cpu1 +$B1, user +$U1, nice +$N1 ticks; the cgroup's usage +$((C1 - C0))"
at_least() { [ "$(printf '%s\n%s\n' "$KERNEL_MM" "$1" | sort -V | head -n 1)" = "$1" ]; }
if [ "$DRISO_CGROUP" = v1 ] || at_least 6.6; then
	le "the loop ran: the cgroup used at least 0.5 s" 50 "$((C1 - C0))"
	# what the kernel counted for the cgroup meanwhile, the loop most of it
	le "per CPU: the busy CPU's line has most of the cgroup's usage" "$(((C1 - C0) / 2))" "$B1"
	le "... the other's a quarter of that at most (cexec, cat)" "$((B0 * 4))" "$B1"
else
	le "even split: both lines have a share" "$(((C1 - C0) / 4))" "$B0"
	le "... the same share" "$(( (B1 - B0) * (B1 - B0) ))" 400
fi
if [ "$DRISO_CGROUP" = v1 ] || at_least 6.12; then
	# its user time is nice, more than what else ran (cexec, cat) used
	le "nice: the niced loop's user time is in the nice column" "$((U1 + 20))" "$N1"
fi
cg_rm pcpu
cg_rm unthr

# Idle across CPU-count changes: counted at the CPUs the container has now,
# no jump when CPUs come, never back. (Idle as CPUs x uptime less use would
# stop for as long as the container had been up when cut from 2 CPUs to 1,
# and jump by 3 x uptime when grown to 4.) The container is idle but for
# its reader: idle grows by about its CPUs x elapsed.
# cpu_read CONTAINER: "uptime cpu-idle uptime-idle cpuN-lines cpuN-idle-sum",
# in ticks, all from one read by one process
cpu_read() {
	cexec "$1" cat /proc/uptime /proc/stat | awk 'NR == 1 { u = $1 * 100; ui = $2 * 100 }
		$1 == "cpu" { i = $5 } /^cpu[0-9]/ { n++; s += $5 }
		END { printf "%.0f %d %.0f %d %d\n", u, i, ui, n, s }'
}
cg_cpus st 0-1
R0=$(cpu_read st)
cg_quota st 100000 100000
R1=$(cpu_read st)
sleep 3
R2=$(cpu_read st)
cg_cpus st 0-3
cg_quota st 400000 100000
R3=$(cpu_read st)
sleep 3
R4=$(cpu_read st)
echo "stat: uptime, idle, uptime's idle, lines, their idle: 2 CPUs $R0; cut to 1 by a quota $R1, 3 s later $R2; grown to 4 $R3, 3 s later $R4"
# grown A B FIELD: how much FIELD grew from read A to read B
grown() { echo $(($(echo "$2" | cut -d' ' -f"$3") - $(echo "$1" | cut -d' ' -f"$3"))); }
eq "cut to one CPU: one cpuN line" "$(echo "$R1" | cut -d' ' -f4)" 1
D=$(grown "$R1" "$R2" 1)
le "... idle counts on at one CPU: at least half of the elapsed time" $((D / 2)) "$(grown "$R1" "$R2" 2)"
le "... at most the elapsed time (not at 2 CPUs)" "$(grown "$R1" "$R2" 2)" $((D + 2))
le "... uptime's idle too" $((D / 2)) "$(grown "$R1" "$R2" 3)"
le "... and the line's" $((D / 2)) "$(grown "$R1" "$R2" 5)"
eq "grown to 4 CPUs: four cpuN lines" "$(echo "$R3" | cut -d' ' -f4)" 4
le "... no jump: idle grew by at most 1 CPU x elapsed since the last read" \
	"$(grown "$R2" "$R3" 2)" $(($(grown "$R2" "$R3" 1) + 2))
le "... uptime's neither" "$(grown "$R2" "$R3" 3)" $(($(grown "$R2" "$R3" 1) + 2))
D=$(grown "$R3" "$R4" 1)
le "... then counts at 4: at least 2 x elapsed" $((2 * D)) "$(grown "$R3" "$R4" 2)"
le "... at most 4 x elapsed" "$(grown "$R3" "$R4" 2)" $((4 * D + 2))
le "... uptime's too" $((2 * D)) "$(grown "$R3" "$R4" 3)"
le "... and the lines': at least 2 x elapsed" $((2 * D)) "$(grown "$R3" "$R4" 5)"
for f in 2 3; do
	le "... never back (field $f)" "$(echo "$R0" | cut -d' ' -f$f)" "$(echo "$R1" | cut -d' ' -f$f)"
done

# Across a reload, and across an entry dropped unread, nothing goes back
# while the container's CPUs stay: the new entry counts from the same
# kernel counters.
# went_back BEFORE AFTER: "key field before after" for each number of a line
# of AFTER below the same line's in BEFORE
went_back() {
	printf '%s\n%s\n' "$1" "$2" | awk '{ k = $1 }
		k in was { for (i = 2; i <= NF; i++) if ($i < was[k, i]) print k, i, was[k, i], $i; next }
		{ was[k]; for (i = 2; i <= NF; i++) was[k, i] = $i }'
}
cg_new rl max
cg_cpus rl 0-1
ctr_start rl
cexec rl spin 1 >/dev/null
A=$(cexec rl sh -c 'head -n 3 /proc/stat; grep ^processes /proc/stat')
reload
B=$(cexec rl sh -c 'head -n 3 /proc/stat; grep ^processes /proc/stat')
echo "stat: before a reload: $(echo "$A" | tr '\n' '|'); after: $(echo "$B" | tr '\n' '|')"
eq "across a reload, CPUs unchanged: no counter went back" "$(went_back "$A" "$B")" ""
# and across its entry dropped unread (the test build: after 5 s, not 10
# minutes)
rmmod driso
insmod "$DRISO_TEST_KO" test_idle_drop_s=5
A=$(cexec rl sh -c 'head -n 3 /proc/stat; grep ^processes /proc/stat')
wait_for 30 sh -c "[ \$(cat $STATUS/tracked_containers) = 0 ]"
eq "... its entry dropped unread" "$(cat $STATUS/tracked_containers)" 0
B=$(cexec rl sh -c 'head -n 3 /proc/stat; grep ^processes /proc/stat')
eq "across an entry dropped unread: no counter went back" "$(went_back "$A" "$B")" ""
reload
cg_rm rl
check "host /proc/stat has every CPU" sh -c "[ \$(grep -c '^cpu[0-9]' /proc/stat) = $(grep -c ^processor /proc/cpuinfo) ]"
cg_rm st
