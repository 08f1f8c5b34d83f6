# shellcheck shell=sh
# make bench, in the guest (bench/run boots it): native, driso and lxcfs
# side by side in one boot. Results are printed as markdown ("@@MD " lines)
# for bench/run to collect; bench/plots draws from those tables.
# NAME=VALUE arguments change the sizes below (e.g. NS=10000 REPS=1).
. /vmtests/scenarios/common.sh
for a in "$@"; do
	case $a in
	NS=* | LXCFS_NMAX=* | NV=* | NB=* | NC=* | REPS=* | SIBLINGS=* | \
		READ_SIBLINGS=* | DEPTHS=* | IDLE=* | IDLE_S=* | PARTS=* | SIZES=* | \
		NSIZE=* | CTRS=* | WORKER_CTRS=* | WORKER_THREADS=* | WORKER_S=*) export "${a?}" ;;
	*) echo "bench: unknown argument $a" && exit 2 ;;
	esac
done
: "${NS:=10000 100000 1000000}"	# calls per repetition: meminfo, sysinfo
: "${LXCFS_NMAX:=100000}"	# lxcfs's largest N (see bench/README.md)
: "${NV:=10000}"		# the other views, layers and depth
: "${NB:=1000}"			# each container read in turn (breadth)
: "${NC:=20000}"		# each of 2 concurrent readers
: "${REPS:=3}"
: "${SIBLINGS:=1000}" "${READ_SIBLINGS:=100}" "${DEPTHS:=1 8 32}"
: "${IDLE:=100}" "${IDLE_S:=60}"
: "${PARTS:=main size containers worker floor}"	# main: all but the others (below)
: "${SIZES:=1 100 1000 10000}"	# tasks in the container (threads, asleep)
: "${NSIZE:=2000}"		# calls per repetition at each size
: "${CTRS:=1 10 100 1000}"	# containers: how many exist, each tracked
: "${WORKER_CTRS:=1000}"		# worker: tracked containers
: "${WORKER_THREADS:=1 10 100}"	# ... with this many threads each, in turn
: "${WORKER_S:=60}"		# ... measured for this long
part() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }

LIMIT_KB=$((512 * MIB))
SWAP_KB=$((128 * MIB))
R=/tmp/bench
mkdir -p $R
NCPU=$(grep -c ^processor /proc/cpuinfo)
md() { echo "@@MD $*"; }

# ---- lxcfs, as Debian runs it (no -l: no load average) -------------------------------
LXCFS_FILES="/proc/cpuinfo /proc/diskstats /proc/loadavg /proc/meminfo /proc/stat \
/proc/swaps /proc/uptime /sys/devices/system/cpu/online"
# lxcfs-enter CMD...: bind lxcfs's files over the container's, as LXC's hook does
cat >/usr/local/bin/lxcfs-enter <<EOF
#!/bin/sh
for f in $LXCFS_FILES; do
	[ -e "/var/lib/lxcfs\$f" ] && mount --bind "/var/lib/lxcfs\$f" "\$f"
done
exec "\$@"
EOF
chmod 755 /usr/local/bin/lxcfs-enter
lxcfs_start() {
	mkdir -p /var/lib/lxcfs
	lxcfs -f /var/lib/lxcfs >>$R/lxcfs.log 2>&1 &
	LXCFS_PID=$!
	wait_for 10 [ -e /var/lib/lxcfs/proc/meminfo ] ||
		{ echo "bench: lxcfs did not start:" && cat $R/lxcfs.log && exit 1; }
}
lxcfs_cpu_ns() { # CPU time of lxcfs's threads
	cat /proc/"$LXCFS_PID"/task/*/schedstat | awk '{ s += $1 } END { print s + 0 }'
}

# in_ctr METHOD CGROUP CMD...: run CMD as METHOD's reader in CGROUP
in_ctr() {
	_m=$1 _c=$2
	shift 2
	case $_m in
	host) "$@" ;;
	lxcfs) ctr "$_c" lxcfs-enter "$@" ;;
	*) ctr "$_c" "$@" ;;	# native, driso and its variants
	esac
}

# measure METHOD OP N [FILE]: median ns per call into $R/METHOD.KEY.N
key() { if [ "$1" = sysinfo ]; then echo sysinfo; else echo "$(basename "$2")-$1"; fi; }
measure() {
	_f=${4:-/proc/meminfo}
	in_ctr "$1" bench procbench -r "$REPS" "$2" "$3" "$_f" \
		>"$R/$1.$(key "$2" "$_f").$3" ||
		echo "bench: $1 $2 $3 $_f failed"
}
get() { cut -d' ' -f1 "$R/$1" 2>/dev/null || echo -; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# deep_path D: the cgroup at depth D of the nesting chain deepD/l1/l2/...
deep_path() {
	_dp=deep$1
	_i=1
	while [ $_i -lt "$1" ]; do _dp=$_dp/l$_i && _i=$((_i + 1)); done
	echo "$_dp"
}
ratio() { # A B: A / B
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else printf "-" }'
}

OTHER_VIEWS="/proc/cpuinfo /proc/stat /proc/uptime /proc/loadavg /proc/swaps \
/sys/devices/system/cpu/online"
all_ops() { # METHOD
	for n in $NS; do
		if [ "$1" = lxcfs ] && [ "$n" -gt "$LXCFS_NMAX" ]; then continue; fi
		measure "$1" pread "$n"
		measure "$1" open "$n"
		measure "$1" sysinfo "$n"
	done
	for f in $OTHER_VIEWS; do measure "$1" pread "$NV" "$f"; done
}

# depth METHOD: meminfo and sysinfo at each depth; the limit is at the top.
# lxcfs reads NV / 10 times: at depth 32 one read costs it over 10^7 ns.
depth() {
	n=$NV
	[ "$1" = lxcfs ] && n=$((NV / 10))
	for d in $DEPTHS; do
		p=$(deep_path "$d")
		in_ctr "$1" "$p" procbench -r "$REPS" pread "$n" >"$R/$1.depth$d.pread"
		in_ctr "$1" "$p" procbench -r "$REPS" sysinfo "$n" >"$R/$1.depth$d.sysinfo"
	done
}

# breadth METHOD: READ_SIBLINGS of the SIBLINGS containers, in turn
breadth() {
	step=$((SIBLINGS / READ_SIBLINGS))
	i=$step
	while [ $i -le "$SIBLINGS" ]; do
		in_ctr "$1" wide/c$i procbench -r "$REPS" pread "$NB" | cut -d' ' -f1
		i=$((i + step))
	done >"$R/$1.breadth"
}

# concurrency METHOD: 1 and 2 readers; ns per read = time span / all reads
concurrency() {
	for k in 1 2; do
		: >"$R/$1.conc$k.raw"
		for _ in $(seq "$REPS"); do
			pids=""
			for j in $(seq $k); do
				in_ctr "$1" bench procbench -s -r 1 pread "$NC" >"$R/$1.c.$j" &
				pids="$pids $!"
			done
			# shellcheck disable=SC2086
			wait $pids
			cat "$R"/"$1".c.* | awk -v n=$((k * NC)) '
				{ if (!s || $3 < s) s = $3; if ($4 > e) e = $4 }
				END { printf "%.0f\n", (e - s) / n }' >>"$R/$1.conc$k.raw"
			rm -f "$R"/"$1".c.*
		done
		median <"$R/$1.conc$k.raw" >"$R/$1.conc$k"
	done
}

# idle METHOD: the provider's CPU time while IDLE containers, each read once, sleep
idle() {
	i=1
	while [ $i -le "$IDLE" ]; do
		# in a subshell: not this shell's job, so no "Killed" at the end
		(in_ctr "$1" idle/c$i sh -c 'cat /proc/meminfo /proc/loadavg >/dev/null;
			exec sleep 100000' &) 2>/dev/null
		i=$((i + 1))
	done
	sleep 5
	if [ "$1" = lxcfs ]; then a=$(lxcfs_cpu_ns); else a=$(cat $STATUS/tracker_worker_ns); fi
	sleep "$IDLE_S"
	if [ "$1" = lxcfs ]; then b=$(lxcfs_cpu_ns); else b=$(cat $STATUS/tracker_worker_ns); fi
	echo $((b - a)) >"$R/$1.idle"
	[ "$1" = lxcfs ] || cat $STATUS/tracked_containers >"$R/$1.idle.tracked"
	cg_rm idle
	for c in $(seq "$IDLE"); do cg_new idle/c"$c" 512; done
}

has_ctr() { [ -n "$(ctr_pid "$1")" ]; }

# fault METHOD: a container reads while its provider fails, then after
fault() {
	rm -f $R/stop
	cg_new f"$1" 512
	(in_ctr "$1" f"$1" sleep 100000 &) >/dev/null 2>&1
	wait_for 10 has_ctr f"$1"
	cexec f"$1" faultwatch /proc/meminfo $LIMIT_KB $R/stop >"$R/$1.fault.during" &
	watcher=$!
	sleep 2
	if [ "$1" = lxcfs ]; then
		kill -9 "$LXCFS_PID"
		sleep 2
		# what Debian's unit does on failure: unmount, start again
		umount -l /var/lib/lxcfs
		lxcfs_start
	else
		rmmod driso
		sleep 1
		insmod "$DRISO_KO"
	fi
	sleep 1
	touch $R/stop
	wait $watcher
	cexec f"$1" faultwatch /proc/meminfo $LIMIT_KB 1000 >"$R/$1.fault.after"
	cg_rm f"$1"
}

# probe METHOD: the function table: what a fresh container sees
probe() {
	pm=$1
	cg_rm probe
	cg_new probe 512 128
	[ "$NCPU" -ge 2 ] && cg_cpus probe 0
	pc() { in_ctr "$pm" probe "$@"; }
	hc() { "$@"; }
	yn() { if "$@"; then echo yes; else echo no; fi; }
	yn [ "$(pc free -k | awk '/^Mem:/ { print $2 }')" = $LIMIT_KB ] >"$R/$pm.free"
	# no setup: the same container, started without lxcfs's bind mounts
	yn [ "$(ctr probe cat /proc/meminfo | field MemTotal)" = $LIMIT_KB ] \
		>"$R/$pm.nosetup"
	: >"$R/$pm.paths"
	path() {
		_p=$1
		shift
		echo "$_p $(yn "$@")" >>"$R/$pm.paths"
	}
	path meminfo [ "$(pc cat /proc/meminfo | field MemTotal)" = $LIMIT_KB ]
	path sysinfo [ "$(pc sysinfo | awk '/^totalram_kb/ { print $2 }')" = $LIMIT_KB ]
	swaps() { "$@" cat /proc/swaps | awk 'NR > 1 { s += $3 } END { print s + 0 }'; }
	path swaps [ "$(swaps pc)" = $SWAP_KB ]
	up() { "$@" cut -d. -f1 /proc/uptime; }
	path uptime [ "$(up pc)" -lt $(($(up hc) - 5)) ]
	tasks() { "$@" cat /proc/loadavg | cut -d' ' -f4 | cut -d/ -f2; }
	path loadavg [ "$(tasks pc)" -lt "$(tasks hc)" ]
	busy() { "$@" cat /proc/stat | awk '$1 == "cpu" { print $2 + $4 }'; }
	path stat [ "$(busy pc)" -lt $(($(busy hc) / 2)) ]
	if [ "$NCPU" -ge 2 ]; then
		ncpu() { "$@" grep -c ^processor /proc/cpuinfo; }
		path cpuinfo [ "$(ncpu pc)" -lt "$NCPU" ]
		path cpu_online [ "$(pc cat /sys/devices/system/cpu/online)" = 0 ]
	fi
	cg_rm probe
}

# unload_driso: rmmod driso if it is loaded
unload_driso() { if lsmod | grep -q '^driso '; then rmmod driso; fi; }

# sweep_table PREFIX UNIT X...: the table of $R/PREFIX.METHOD.X.VIEW, a
# column per X, and the cost at the last X over the first and over native
sweep_table() {
	_p=$1 _u=$2
	shift 2
	_first=$1
	for _last; do :; done
	hdr="| call | method |" sep="|---|---|"
	for x in "$@"; do hdr="$hdr $x $_u |" && sep="$sep---:|"; done
	md "$hdr $_last ÷ $_first | ÷ native at $_last |"
	md "$sep---:|---:|"
	for f in $SIZE_VIEWS sysinfo; do
		k=$(basename "$f")
		for m in native driso lxcfs; do
			line="| $k | $m |"
			for x in "$@"; do line="$line $(get "$_p.$m.$x.$k") |"; done
			md "$line $(ratio "$(get "$_p.$m.$_last.$k")" "$(get "$_p.$m.$_first.$k")") |" \
				"$(ratio "$(get "$_p.$m.$_last.$k")" "$(get "$_p.native.$_last.$k")") |"
		done
	done
}

# size: every view and sysinfo(2) read from a container of each of SIZES
# tasks (one process, its threads asleep), native, lxcfs and driso.
SIZE_VIEWS="/proc/meminfo /proc/stat /proc/loadavg /proc/uptime /proc/cpuinfo \
/proc/swaps /sys/devices/system/cpu/online"
size_one() { # METHOD TASKS
	for f in $SIZE_VIEWS; do
		in_ctr "$1" size procbench -r "$REPS" pread "$NSIZE" "$f" \
			>"$R/size.$1.$2.$(basename "$f")"
	done
	in_ctr "$1" size procbench -r "$REPS" sysinfo "$NSIZE" >"$R/size.$1.$2.sysinfo"
}
size_sweep() {
	cg_new size 512
	# with more than one CPU, one: the CPU views are then the container's
	[ "$NCPU" -lt 2 ] || cg_cpus size 0
	for t in $SIZES; do
		rm -f $R/pile
		ctr size taskpile "$t" >$R/pile 2>&1 &
		wait_for 600 grep -q "^ready $t\$" $R/pile ||
			{ echo "bench: taskpile $t did not start:" && cat $R/pile && exit 1; }
		unload_driso
		size_one native "$t"
		lxcfs_start
		size_one lxcfs "$t"
		kill "$LXCFS_PID"
		wait_for 10 sh -c '! grep -q /var/lib/lxcfs /proc/mounts'
		insmod "$DRISO_KO" || exit 1
		size_one driso "$t"
		echo "bench: size $t: tracker_task_walks $(cat $STATUS/tracker_task_walks)"
		# shellcheck disable=SC2046 # one PID per word
		kill -9 $(cat "$CG/size/cgroup.procs") 2>/dev/null
		wait_for 30 sh -c "[ -z \"\$(cat $CG/size/cgroup.procs)\" ]"
	done
	cg_rm size
}
size_results() {
	first=${SIZES%% *} last=${SIZES##* }
	md "## Cost against the container's size"
	md
	md "ns per call (guest instructions, median of $REPS repetitions of $NSIZE calls)"
	md "read from a container of one process with 1 to $last threads, all asleep,"
	if [ "$NCPU" -lt 2 ]; then
		md "with every CPU of the guest ($NCPU): the CPU views are the host's for it."
	else
		md "with CPU 0 of the guest's $NCPU as its cpuset: the CPU views are its own."
	fi
	md "\"$last ÷ $first\": the cost at $last tasks over the cost at $first."
	md
	sweep_table size tasks $SIZES
}

# containers: every view and sysinfo(2) read from one container while each
# of CTRS containers exists, every one of them read once (driso tracks
# each: the reader's entry is one of that many in its table).
ctrs_one() { # METHOD COUNT
	for f in $SIZE_VIEWS; do
		in_ctr "$1" many/c1 procbench -r "$REPS" pread "$NSIZE" "$f" \
			>"$R/ctrs.$1.$2.$(basename "$f")"
	done
	in_ctr "$1" many/c1 procbench -r "$REPS" sysinfo "$NSIZE" >"$R/ctrs.$1.$2.sysinfo"
}
containers_sweep() {
	cg_new many max
	made=0
	for n in $CTRS; do
		while [ $made -lt "$n" ]; do
			made=$((made + 1))
			cg_new many/c$made 512
			[ "$NCPU" -lt 2 ] || cg_cpus many/c$made 0
		done
		unload_driso
		ctrs_one native "$n"
		lxcfs_start
		ctrs_one lxcfs "$n"
		kill "$LXCFS_PID"
		wait_for 10 sh -c '! grep -q /var/lib/lxcfs /proc/mounts'
		insmod "$DRISO_KO" || exit 1
		i=1
		while [ $i -le "$n" ]; do
			ctr many/c$i cat /proc/loadavg /proc/stat >/dev/null
			i=$((i + 1))
		done
		echo "bench: containers $n: tracked $(cat $STATUS/tracked_containers)"
		ctrs_one driso "$n"
	done
	i=1
	while [ $i -le "$made" ]; do cg_rm many/c$i && i=$((i + 1)); done
	cg_rm many
}
containers_results() {
	first=${CTRS%% *} last=${CTRS##* }
	md "## Cost against the number of containers"
	md
	md "ns per call (guest instructions, median of $REPS repetitions of $NSIZE calls)"
	md "read from one of N sibling containers (512M each), every one of which has"
	md "read /proc/loadavg and /proc/stat once, so driso tracks all N."
	md "\"$last ÷ $first\": the cost with $last containers over the cost with $first."
	md
	sweep_table ctrs containers $CTRS
}

# worker: the load worker's time per 5-s tick with WORKER_CTRS containers
# tracked, each a process of N threads asleep, for each N of WORKER_THREADS.
worker_sweep() {
	# room for 1,000 containers of 100 threads
	echo 4194304 >/proc/sys/kernel/pid_max
	echo 1000000 >/proc/sys/kernel/threads-max
	for t in $WORKER_THREADS; do
		unload_driso
		insmod "$DRISO_KO" || exit 1
		cg_new work max
		i=1
		while [ $i -le "$WORKER_CTRS" ]; do
			cg_new work/c$i 512
			# in a subshell: not this shell's job, so no "Killed" at the end
			(ctr work/c$i sh -c "cat /proc/loadavg >/dev/null; exec taskpile $t" \
				>/dev/null 2>&1 &)
			i=$((i + 1))
		done
		wait_for 300 sh -c "[ \$(cat $STATUS/tracked_containers) -ge $WORKER_CTRS ]" ||
			echo "bench: worker: only $(cat $STATUS/tracked_containers) tracked"
		# every thread started: none is being made while the worker is measured
		wait_for 3600 sh -c "[ \$(cat $(cg_dir work)/pids.current) -ge $((WORKER_CTRS * t)) ]" ||
			echo "bench: worker: only $(cat "$(cg_dir work)/pids.current") threads"
		sleep 6
		a=$(cat $STATUS/tracker_worker_ns) w=$(cat $STATUS/tracker_task_walks)
		sleep "$WORKER_S"
		b=$(cat $STATUS/tracker_worker_ns) w2=$(cat $STATUS/tracker_task_walks)
		echo "$(cat $STATUS/tracked_containers) $(((b - a) * 5 / WORKER_S)) $((w2 - w))" \
			>"$R/worker.$t"
		cg_rm work
	done
}
worker_results() {
	md "## The load worker with $WORKER_CTRS containers tracked"
	md
	md "Its time per 5-s tick (tracker_worker_ns over $WORKER_S s, in guest"
	md "instructions), each container one process of N threads, all asleep."
	md
	md "| threads per container | tracked | worker per tick | per container | task walks |"
	md "|---:|---:|---:|---:|---:|"
	for t in $WORKER_THREADS; do
		# shellcheck disable=SC2046 # three numbers
		set -- $(cat "$R/worker.$t")
		md "| $t | $1 | $2 | $(($2 / ${1:-1})) | $3 |"
	done
}

# floor: what ftrace's entry alone costs a host reader. ipmodify_holder
# holds one hooked function at a time with an empty callback and driso's
# ftrace flags: a host reader's cost over native is then what no module
# hooking that function with ftrace avoids, and driso's pass-through over
# it is driso's own part.
FLOOR_VIEWS="/proc/meminfo:meminfo_proc_show /proc/stat:show_stat \
/proc/cpuinfo:show_cpuinfo /proc/uptime:uptime_proc_show \
/proc/loadavg:loadavg_proc_show /proc/swaps:swap_show \
/sys/devices/system/cpu/online:show_cpus_attr sysinfo:__x64_sys_sysinfo"
floor_one() { # METHOD FILE|sysinfo: a host reader's median into $R/floor.METHOD.NAME
	if [ "$2" = sysinfo ]; then
		procbench -r "$REPS" sysinfo "$NSIZE"
	else
		procbench -r "$REPS" pread "$NSIZE" "$2"
	fi >"$R/floor.$1.$(basename "$2")"
}
floor_sweep() {
	for v in $FLOOR_VIEWS; do floor_one native "${v%%:*}"; done
	for v in $FLOOR_VIEWS; do
		insmod "$DRISO_MODULES/ipmodify_holder.ko" func="${v#*:}" ||
			{ echo "bench: floor: cannot hold ${v#*:}"; continue; }
		floor_one entry "${v%%:*}"
		rmmod ipmodify_holder
	done
	insmod "$DRISO_KO" || exit 1
	for v in $FLOOR_VIEWS; do floor_one driso "${v%%:*}"; done
}
floor_results() {
	md "## A host reader: ftrace's entry alone, and driso's pass-through"
	md
	md "ns per call (guest instructions, median of $REPS repetitions of $NSIZE calls)"
	md "on the host: natively, with the function held by an empty IPMODIFY"
	md "ftrace callback (\`tests/vm/modules/ipmodify_holder.c\`, driso's flags),"
	md "and with driso loaded (a host reader passes through)."
	md
	md "| call | native | ftrace entry | ÷ native | driso | ÷ native | driso over the entry |"
	md "|---|---:|---:|---:|---:|---:|---:|"
	for v in $FLOOR_VIEWS; do
		k=$(basename "${v%%:*}")
		n=$(get "floor.native.$k") e=$(get "floor.entry.$k") d=$(get "floor.driso.$k")
		md "| $k | $n | $e | $(ratio "$e" "$n") | $d | $(ratio "$d" "$n") |" \
			"$(awk -v d="$d" -v e="$e" 'BEGIN { if (d + 0 > 0 && e + 0 > 0) print d - e; else print "-" }') |"
	done
}

# ---- set-up ---------------------------------------------------------------------------
echo "bench: NS='$NS' LXCFS_NMAX=$LXCFS_NMAX NV=$NV NB=$NB NC=$NC REPS=$REPS" \
	"SIBLINGS=$SIBLINGS READ_SIBLINGS=$READ_SIBLINGS DEPTHS='$DEPTHS'" \
	"IDLE=$IDLE IDLE_S=$IDLE_S, $NCPU CPUs"
rmmod driso
modprobe fuse
modprobe zram num_devices=1 && echo 256M >/sys/block/zram0/disksize &&
	mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || echo "bench: no zram swap"
for p in size containers worker floor; do
	part $p || continue
	t0=$(now)
	${p}_sweep
	took "$t0" "$p"
	${p}_results
	unload_driso
done
part main || exit 0
cg_new bench 512
for d in $DEPTHS; do
	cg_new "$(deep_path "$d")" max
	echo $((LIMIT_KB * 1024)) >"$CG/deep$d/memory.max"
done
t0=$(now)
i=1
while [ $i -le "$SIBLINGS" ]; do cg_new wide/c$i 512 && i=$((i + 1)); done
took "$t0" "creating $SIBLINGS sibling cgroups"
for c in $(seq "$IDLE"); do cg_new idle/c"$c" 512; done

# ---- without driso: native, and lxcfs ---------------------------------------------------
lxcfs_start
for m in native lxcfs; do
	t0=$(now)
	all_ops $m
	for op in pread sysinfo; do measure $m "$op" "$NV"; done
	depth $m
	breadth $m
	concurrency $m
	probe $m
	took "$t0" "$m"
done
idle lxcfs
fault lxcfs
kill "$LXCFS_PID"	# it unmounts itself

# ---- with driso -----------------------------------------------------------------------
insmod "$DRISO_KO" || exit 1
for m in driso host; do
	t0=$(now)
	all_ops $m
	took "$t0" "$m"
done
# the layers: each switch takes a part of the view away
for op in pread sysinfo; do
	measure driso "$op" "$NV"
	measure host "$op" "$NV"
	echo 1 >$PARAMS/counters_only
	measure counters "$op" "$NV"
	echo 0 >$PARAMS/uptime
	echo 0 >$PARAMS/loadavg
	measure lean "$op" "$NV"
	echo 1 >$PARAMS/uptime
	echo 1 >$PARAMS/loadavg
	echo 0 >$PARAMS/counters_only
done
t0=$(now)
depth driso
breadth driso
concurrency driso
probe driso
idle driso
fault driso
took "$t0" "driso: the rest"

# ---- results --------------------------------------------------------------------------
md "## Cost per call"
md
md "Median of $REPS repetitions of N calls, in ns per call; under \`-icount\` a"
md "guest ns is one guest instruction. The reader is \`procbench\` in a container"
md "limited to 512M (host pass-through: on the host). \`-\`: not run."
md
md "| call | N | native | driso | ÷ native | host pass-through | ÷ native | lxcfs | ÷ native | lxcfs ÷ driso |"
md "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
row() { # LABEL KEY N
	nat=$(get "native.$2.$3") drs=$(get "driso.$2.$3") hst=$(get "host.$2.$3")
	lxc=$(get "lxcfs.$2.$3")
	md "| $1 | $3 | $nat | $drs | $(ratio "$drs" "$nat") | $hst | $(ratio "$hst" "$nat")" \
		"| $lxc | $(ratio "$lxc" "$nat") | $(ratio "$lxc" "$drs") |"
}
for n in $NS; do row "/proc/meminfo pread" meminfo-pread "$n"; done
for n in $NS; do row "/proc/meminfo open+read+close" meminfo-open "$n"; done
for n in $NS; do row "sysinfo(2) (lxcfs: the host's values)" sysinfo "$n"; done
for f in $OTHER_VIEWS; do row "$f pread" "$(basename "$f")-pread" "$NV"; done

md
md "## Where driso's time goes (N = $NV)"
md
md "Each row adds a part of driso's work; the switches are driso's parameters."
md
md "| what runs | /proc/meminfo pread | sysinfo(2) |"
md "|---|---:|---:|"
for m in native host lean counters driso; do
	case $m in
	native) what="the kernel's own (driso not loaded)" ;;
	host) what="+ the hook, passed through (a host reader)" ;;
	lean) what="+ the memory view from the page counters (counters_only=1, uptime=0, loadavg=0)" ;;
	counters) what="+ the container's uptime and load (uptime=1, loadavg=1)" ;;
	driso) what="+ memory.stat numbers (counters_only=0): driso as loaded" ;;
	esac
	md "| $what | $(get "$m.meminfo-pread.$NV") | $(get "$m.sysinfo.$NV") |"
done

md
md "## Nesting depth (N = $NV, lxcfs $((NV / 10)); the 512M limit is on the top cgroup)"
md
md "| depth | meminfo native | driso | ÷ native | lxcfs | ÷ native | sysinfo native | driso | ÷ native |"
md "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for d in $DEPTHS; do
	np=$(get "native.depth$d.pread") dp=$(get "driso.depth$d.pread")
	lp=$(get "lxcfs.depth$d.pread")
	ns=$(get "native.depth$d.sysinfo") ds=$(get "driso.depth$d.sysinfo")
	md "| $d | $np | $dp | $(ratio "$dp" "$np") | $lp | $(ratio "$lp" "$np") |" \
		"$ns | $ds | $(ratio "$ds" "$ns") |"
done

md
md "## Breadth: $SIBLINGS sibling containers, $READ_SIBLINGS read in turn"
md
md "Each container: /proc/meminfo pread, N = $NB. Depth 1 from the table above for comparison."
md
md "| method | median over the containers | slowest container | depth 1, one container | median ÷ depth 1 |"
md "|---|---:|---:|---:|---:|"
for m in native driso lxcfs; do
	med=$(median <"$R/$m.breadth")
	mx=$(sort -n "$R/$m.breadth" | tail -n1)
	one=$(get "$m.depth1.pread")
	md "| $m | $med | $mx | $one | $(ratio "$med" "$one") |"
done

md
md "## Two concurrent readers (/proc/meminfo pread, N = $NC each, $NCPU CPUs)"
md
md "ns per read = the time from the first reader's start to the last one's end,"
md "over all reads of both. With one vCPU the readers take turns, preempted in"
md "the middle of reads; this shows extra work from sharing, never a speed-up."
md
md "| method | 1 reader | 2 readers | ÷ 1 reader |"
md "|---|---:|---:|---:|"
for m in native driso lxcfs; do
	a=$(cat "$R/$m.conc1") b=$(cat "$R/$m.conc2")
	md "| $m | $a | $b | $(ratio "$b" "$a") |"
done

md
md "## Idle cost: $IDLE idle containers, each read once, for $IDLE_S s"
md
md "| provider | CPU time used | share of one CPU | what was measured |"
md "|---|---:|---:|---|"
for m in driso lxcfs; do
	v=$(cat "$R/$m.idle")
	if [ $m = driso ]; then
		what="its load worker (tracker_worker_ns), $(cat $R/driso.idle.tracked) containers tracked"
	else
		what="every thread of the lxcfs process (schedstat)"
	fi
	md "| $m | $(awk -v v="$v" 'BEGIN { printf "%.3f ms", v / 1e6 }') |" \
		"$(awk -v v="$v" -v s="$IDLE_S" 'BEGIN { printf "%.4f%%", v / (s * 1e7) }') | $what |"
done

md
md "## When the provider fails"
md
md "A container reads /proc/meminfo (open, read, close) in a loop; meanwhile lxcfs is"
md "killed (SIGKILL), then unmounted and started again as Debian's unit does; driso is"
md "unloaded, then loaded again. Afterwards the same container reads 1,000 times."
md
md "| provider | while failing: the view / other values / errors | afterwards |"
md "|---|---|---|"
for m in lxcfs driso; do
	md "| $m | $(cat "$R/$m.fault.during") | $(cat "$R/$m.fault.after") |"
done

md
md "## Function (the paper's Table 2), probed in a fresh container"
md
md "| | real memory shown | no software change (procps free) | no per-container setup | read paths covered | sysinfo(2) covered | survives the provider's failure |"
md "|---|---|---|---|---|---|---|"
for m in native lxcfs driso; do
	cov=$(awk '$2 == "yes" { y++ } END { printf "%d of %d", y, NR }' "$R/$m.paths")
	missing=$(awk '$2 == "no" { printf "%s%s", s, $1; s = ", " }' "$R/$m.paths")
	[ -n "$missing" ] && cov="$cov (not: $missing)"
	si=$(awk '$1 == "sysinfo" { print $2 }' "$R/$m.paths")
	case $m in
	native) surv="- (no provider)" ;;
	*) surv=$(awk '{ for (i = 1; i < NF; i++) if ($i == "errors")
		print ($(i + 1) == 0 ? "yes" : "no") }' "$R/$m.fault.during") ;;
	esac
	real=$(awk '$1 == "meminfo" { print $2 }' "$R/$m.paths")
	md "| $m | $real | $(cat "$R/$m.free") | $(cat "$R/$m.nosetup") | $cov | $si | $surv |"
done
