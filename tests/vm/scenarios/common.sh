# shellcheck shell=sh
# Helpers for the scenarios: cgroups with memory limits on v1 and v2, and
# containers (new PID and mount namespaces inside such a cgroup).
. /vmtests/lib.sh

CG=/sys/fs/cgroup
PARAMS=/sys/module/driso/parameters
STATUS=/sys/kernel/driso
MIB=1024	# kB per MiB

# The memory cgroup directory of NAME (a path such as outer/inner).
cg_dir() {
	if [ "$DRISO_CGROUP" = v2 ]; then echo "$CG/$1"; else echo "$CG/memory/$1"; fi
}

# cgroup v1: the other hierarchies a container joins, where mounted
V1_OTHER="cpu,cpuacct cpuset pids"

# v1 cpuset cgroups take tasks only once they have CPUs and memory nodes.
v1_cpuset_init() {
	_p=$CG/cpuset
	for _part in $(echo "$1" | tr / ' '); do
		_p=$_p/$_part
		mkdir -p "$_p"
		[ -n "$(cat "$_p/cpuset.cpus")" ] || cat "$(dirname "$_p")/cpuset.cpus" >"$_p/cpuset.cpus"
		[ -n "$(cat "$_p/cpuset.mems")" ] || cat "$(dirname "$_p")/cpuset.mems" >"$_p/cpuset.mems"
	done
}

# cg_new NAME MEM_MIB|max [SWAP_MIB|max]: a cgroup limited to MEM MiB of
# memory and SWAP MiB of swap (v1: memory+swap = MEM + SWAP).
cg_new() {
	_d=$(cg_dir "$1")
	mkdir -p "$_d"
	if [ "$DRISO_CGROUP" = v2 ]; then
		# v2 needs the controllers enabled in every ancestor, top down
		_p=$CG
		for _part in $(dirname "$1" | tr / ' '); do
			[ "$_part" = . ] && break
			_p=$_p/$_part
			for _c in memory cpu cpuset pids; do
				echo "+$_c" >"$_p/cgroup.subtree_control" 2>/dev/null
			done
		done
		_m=$2
		[ "$_m" = max ] || _m=$(($2 * 1048576))
		echo "$_m" >"$_d/memory.max"
		if [ -n "${3:-}" ]; then
			_s=$3
			[ "$_s" = max ] || _s=$(($3 * 1048576))
			echo "$_s" >"$_d/memory.swap.max"
		fi
	else
		for _h in $V1_OTHER; do
			[ -d "$CG/$_h" ] || continue
			if [ "$_h" = cpuset ]; then v1_cpuset_init "$1"; else mkdir -p "$CG/$_h/$1"; fi
		done
		_m=-1
		[ "$2" = max ] || _m=$(($2 * 1048576))
		echo "$_m" >"$_d/memory.limit_in_bytes"
		if [ -n "${3:-}" ]; then
			_s=-1
			[ "$3" = max ] || [ "$2" = max ] || _s=$((($2 + $3) * 1048576))
			echo "$_s" >"$_d/memory.memsw.limit_in_bytes"
		fi
	fi
}

# cg_cpus NAME CPULIST: the cpuset of NAME.
cg_cpus() {
	if [ "$DRISO_CGROUP" = v2 ]; then
		echo "$2" >"$CG/$1/cpuset.cpus"
	else
		echo "$2" >"$CG/cpuset/$1/cpuset.cpus"
	fi
}

# cg_quota NAME QUOTA_US PERIOD_US: a CFS bandwidth limit on NAME.
cg_quota() {
	if [ "$DRISO_CGROUP" = v2 ]; then
		echo "$2 $3" >"$CG/$1/cpu.max"
	else
		echo "$3" >"$CG/cpu,cpuacct/$1/cpu.cfs_period_us"
		echo "$2" >"$CG/cpu,cpuacct/$1/cpu.cfs_quota_us"
	fi
}

# cg_rm NAME: kill what runs in it and remove it (children first). A
# killed PID namespace takes a moment to empty, so retry for up to 10 s.
cg_rm() {
	for _d in "$(cg_dir "$1")" $(for _h in $V1_OTHER; do
		[ "$DRISO_CGROUP" = v1 ] && [ -d "$CG/$_h/$1" ] && echo "$CG/$_h/$1"
	done); do
		_n=50
		while [ -d "$_d" ] && [ $_n -gt 0 ]; do
			find "$_d" -name cgroup.procs -exec cat {} + 2>/dev/null |
				while read -r _pid; do kill -9 "$_pid" 2>/dev/null; done
			find "$_d" -depth -type d -exec rmdir {} \; 2>/dev/null
			[ -d "$_d" ] && sleep 0.2
			_n=$((_n - 1))
		done
		[ -d "$_d" ] && echo "cg_rm: $_d is still there"
	done
	return 0
}

# The cgroup.procs files a task of container NAME is written to.
cg_procs() {
	echo "$(cg_dir "$1")/cgroup.procs"
	if [ "$DRISO_CGROUP" = v1 ]; then
		for _h in $V1_OTHER; do
			[ -d "$CG/$_h/$1" ] && echo "$CG/$_h/$1/cgroup.procs"
		done
	fi
	return 0
}

# ctr NAME CMD...: run CMD as a container would: a new PID and mount
# namespace, with its own /proc, inside cgroup NAME.
ctr() {
	_procs=$(cg_procs "$1")
	shift
	sh -c 'for f in $1; do echo $$ >"$f" || exit 1; done; shift;
		exec unshare -p -m -f --mount-proc "$@"' ctr "$_procs" "$@"
}

# field NAME: one meminfo value in kB, from meminfo text on stdin.
field() {
	awk -v f="$1:" '$1 == f { print $2; exit }'
}

# ctr_field CGROUP FIELD: a meminfo value as seen in a container.
ctr_field() {
	ctr "$1" cat /proc/meminfo | field "$2"
}

counter() {
	cat "$STATUS/$1/$2"
}

reload() {
	rmmod driso 2>/dev/null
	insmod "$DRISO_KO" "$@"
}

# wait_for SECONDS CMD...: retry CMD until it succeeds (stats lag the
# page counters by up to the kernel's 2 s flush period).
wait_for() {
	_n=$(($1 * 5))
	shift
	while [ "$_n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
		_n=$((_n - 1))
	done
	"$@"
}

# dying_cgroups [DIR]: cgroup v2's count of deleted cgroups below DIR (default:
# the root) that something still holds
dying_cgroups() {
	awk '$1 == "nr_dying_descendants" { print $2 }' "${1:-$CG}/cgroup.stat"
}

# dying_at_most N: whether at most N deleted cgroups are still held
dying_at_most() {
	[ "$(dying_cgroups)" -le "$1" ]
}

# wait_jobs DESC PID...: wait for each background job by its PID; one that
# exited non-zero is a failure. The scenario's time limit bounds the wait.
wait_jobs() {
	_desc=$1 _bad=""
	shift
	for _j in "$@"; do
		wait "$_j" || _bad="$_bad $_j (exit $?)"
	done
	[ -z "$_bad" ] || fail "$_desc: background jobs failed:$_bad"
}

# ctr_start NAME: a long-lived container in cgroup NAME, whose init sleeps.
ctr_start() {
	ctr "$1" sleep 100000 >/dev/null 2>&1 &
	# its init is the newest task of the cgroup
	_n=50
	while [ "$(ctr_pid "$1")" = "" ] && [ $_n -gt 0 ]; do
		sleep 0.1
		_n=$((_n - 1))
	done
}

# ctr_pid NAME: the init of the container ctr_start started.
ctr_pid() { cg_pids "$1" sleep | head -n 1; }

# cg_pids NAME COMM: the processes of cgroup NAME with that command name.
cg_pids() {
	for _p in $(cat "$(cg_dir "$1")/cgroup.procs"); do
		[ "$(cat /proc/"$_p"/comm 2>/dev/null)" = "$2" ] && echo "$_p"
	done
	return 0
}

# cexec NAME CMD...: run CMD inside the container ctr_start started.
cexec() {
	_pid=$(ctr_pid "$1")
	_procs=$(cg_procs "$1")
	shift
	sh -c 'for f in $1; do echo $$ >"$f" || exit 1; done; p=$2; shift 2;
		exec nsenter -t "$p" -p -m "$@"' cexec "$_procs" "$_pid" "$@"
}

# cs SECONDS: "12.34" (as /proc/uptime prints) in hundredths, 1234, with no
# leading zero ("0.51" is 51, which $(( )) would read as octal 051)
cs() { echo "$1" | tr -d . | sed 's/^0*\(.\)/\1/'; }

# now: seconds since boot; took T0 WHAT: say how long WHAT took since T0.
now() { cut -d' ' -f1 /proc/uptime; }
took() {
	echo "$2 took $(awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s"
}

# Every file driso rewrites.
ALL_VIEWS="/proc/meminfo /proc/cpuinfo /proc/stat /proc/uptime /proc/loadavg \
/proc/swaps /sys/devices/system/cpu/online"

# views_line: read every view, then print MemTotal, sysinfo's totalram (kB)
# and cpu/online on one line ("read failed" first if a read failed).
views_line() {
	# shellcheck disable=SC2086
	cat $ALL_VIEWS >/dev/null || echo "read failed"
	echo "$(field MemTotal </proc/meminfo)" \
		"$(sysinfo | awk '$1 == "totalram_kb" { print $2 }')" \
		"$(cat /sys/devices/system/cpu/online)"
}

# A marker in the kernel log, and the log since it.
kmark() { echo "driso-test: $1" >/dev/kmsg; }
since() { dmesg | awk -v m="driso-test: $1" 'seen; index($0, m) { seen = 1 }'; }

# test_ko_refused PARAM: the log marked with PARAM, insmod of the test build
# with PARAM fails; if it loads, that is a failure, and it is unloaded.
test_ko_refused() {
	kmark "$1"
	if insmod "$DRISO_TEST_KO" "$1" 2>/dev/null; then
		fail "$1: loaded"
		rmmod driso
		return 1
	fi
}

# views_reader BADFILE WANT STOPFILE READSFILE: until STOPFILE exists, read
# every view; append to BADFILE each failed read and each meminfo or sysinfo
# total that is not WANT kB; then write the number of rounds to READSFILE
# (and READSFILE.started after the first round).
views_reader() {
	_n=0
	while [ ! -e "$3" ]; do
		# shellcheck disable=SC2086
		cat $ALL_VIEWS >/dev/null || echo "read failed" >>"$1"
		_v=$(field MemTotal </proc/meminfo)
		[ "$_v" = "$2" ] || echo "meminfo $_v" >>"$1"
		_v=$(sysinfo | awk '/^totalram_kb/ { print $2 }')
		[ "$_v" = "$2" ] || echo "sysinfo $_v" >>"$1"
		_n=$((_n + 1))
		[ $_n = 1 ] && : >"$4.started"
	done
	echo "$_n" >"$4"
}

# readers_started READSFILE...: wait up to 60 s until each views_reader has
# read every view once.
readers_started() {
	for _f in "$@"; do wait_for 60 test -e "$_f.started"; done
}

# readers_read DESC MIN READSFILE...: each reader loop wrote its number of
# rounds to its READSFILE, and each read at least MIN times. A loop that died
# at once (a shell error, a missing tool) writes nothing and fails this, where
# "no bad answer" alone would pass without a single read.
readers_read() {
	_desc=$1 _min=$2
	shift 2
	_counts="" _short=0
	for _f in "$@"; do
		_c=$(cat "$_f" 2>/dev/null)
		case "$_c" in '' | *[!0-9]*) _c=none _short=1 ;; *) [ "$_c" -ge "$_min" ] || _short=1 ;; esac
		_counts="$_counts $_c"
	done
	if [ $# -gt 0 ] && [ $_short = 0 ]; then
		ok "$_desc: each of $# readers read at least $_min times (${_counts# })"
	else
		fail "$_desc: each of $# readers must read at least $_min times (got:$_counts)"
	fi
}

# reliability NAME reads=N cycles=N faults=N: one row of docs/reliability.md's
# Reliability table (tests/vm/reliability collects them).
reliability() {
	echo "reliability: $*"
}
