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

# cg_new NAME MEM_MIB|max [SWAP_MIB|max]: a cgroup limited to MEM MiB of
# memory and SWAP MiB of swap (v1: memory+swap = MEM + SWAP).
cg_new() {
	_d=$(cg_dir "$1")
	mkdir -p "$_d"
	if [ "$DRISO_CGROUP" = v2 ]; then
		# v2 needs the controller enabled in every ancestor
		_p=$(dirname "$_d")
		while [ "$_p" != "$CG" ] && [ "$_p" != / ]; do
			echo +memory >"$_p/cgroup.subtree_control"
			_p=$(dirname "$_p")
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

# cg_rm NAME: kill what runs in it and remove it (children first).
cg_rm() {
	_d=$(cg_dir "$1")
	[ -d "$_d" ] || return 0
	for _c in $(find "$_d" -depth -type d); do
		for _pid in $(cat "$_c/cgroup.procs" 2>/dev/null); do
			kill -9 "$_pid" 2>/dev/null
		done
	done
	sleep 0.2
	find "$_d" -depth -type d -exec rmdir {} \; 2>/dev/null
	return 0
}

# ctr NAME CMD...: run CMD as a container would: a new PID and mount
# namespace, with its own /proc, inside cgroup NAME.
ctr() {
	_d=$(cg_dir "$1")
	shift
	sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec unshare -p -m -f --mount-proc "$@"' \
		ctr "$_d" "$@"
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
