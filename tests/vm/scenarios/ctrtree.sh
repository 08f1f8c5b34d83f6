# shellcheck shell=sh
# The container as its runtime made it: the root of its cgroup namespace.
# A system container (init in init.scope, a service in
# system.slice/a.service) shows every reader the whole container's load,
# tasks and CPU time; a pod's two containers, each with its own cgroup
# namespace below the pod's limits, each their own, within the pod's limits.
echo "== ctrtree: a system container's tree, a pod of two containers"

# sub_new PATH: a cgroup below one whose tasks have moved on (v2: the
# parent's controllers enabled for it first)
sub_new() {
	if [ "$DRISO_CGROUP" = v2 ]; then
		for _c in memory cpu cpuset pids; do
			echo "+$_c" >"$CG/$(dirname "$1")/cgroup.subtree_control" ||
				fail "ctrtree: $_c not enabled below $(dirname "$1")"
		done
		mkdir "$CG/$1"
	else
		for _h in $V1_OTHER memory; do
			[ -d "$CG/$_h" ] || continue
			if [ "$_h" = cpuset ]; then v1_cpuset_init "$1"; else mkdir -p "$CG/$_h/$1"; fi
		done
	fi
}

# sub_move PID PATH: move a task to cgroup PATH (every v1 hierarchy)
sub_move() {
	for _f in $(cg_procs "$2"); do echo "$1" >"$_f"; done
}

# ctr_ns NAME: a container in cgroup NAME with its own PID, mount and
# cgroup namespaces, as Docker, Podman, containerd and LXC make them;
# prints its init's PID (cgns: BusyBox's unshare and nsenter have no -C)
ctr_ns() {
	_procs=$(cg_procs "$1")
	sh -c 'for f in $1; do echo $$ >"$f" || exit 1; done
		exec cgns new unshare -p -m -f --mount-proc sleep 100000' ctr_ns "$_procs" \
		>/dev/null &
	_n=50
	while [ -z "$(cg_pids "$1" sleep)" ] && [ $_n -gt 0 ]; do
		sleep 0.1
		_n=$((_n - 1))
	done
	cg_pids "$1" sleep | head -n 1
}

# cin INIT PATH [-C] CMD...: run CMD in cgroup PATH in INIT's PID and
# mount namespaces, with -C in its cgroup namespace too
cin() {
	_init=$1 _path=$2 _cg=""
	shift 2
	[ "$1" = -C ] && _cg="cgns enter $_init" && shift
	_procs=$(cg_procs "$_path")
	# shellcheck disable=SC2086 # cg: a command and its arguments, or none
	sh -c 'for f in $1; do echo $$ >"$f" || exit 1; done; p=$2 cg=$3; shift 3
		exec $cg nsenter -t "$p" -p -m "$@"' cin "$_procs" "$_init" "$_cg" "$@"
}

# usage_ticks PATH: the kernel's CPU usage of cgroup PATH and below, in ticks
usage_ticks() {
	if [ "$DRISO_CGROUP" = v2 ]; then
		awk '$1 == "usage_usec" { print int($2 / 10000) }' "$CG/$1/cpu.stat"
	else
		echo $(($(cat "$CG/cpu,cpuacct/$1/cpuacct.usage") / 10000000))
	fi
}

# view INIT PATH [-C]: "running threads busy" as a reader in PATH sees
# them: loadavg's running and total threads, the cpu line's user + nice +
# system ticks
view() {
	cin "$@" sh -c 'cat /proc/loadavg /proc/stat' | awk '
		NR == 1 { split($4, rt, "/") }
		$1 == "cpu" { b = $2 + $3 + $4 }
		END { print rt[1], rt[2], b }'
}

# running_at_least N INIT PATH [-C]: wait up to 15 s for a reader in PATH
# to see N tasks running (without PSI, cgroup v1, the worker counts them
# every 5 s, the first count when the container is first read)
running_at_least() {
	_want=$1 _end=$(($(now | cut -d. -f1) + 15))
	shift
	while [ "$(view "$@" | cut -d' ' -f1)" -lt "$_want" ] &&
		[ "$(now | cut -d. -f1)" -lt $_end ]; do
		sleep 0.2
	done
}

# busy INIT PATH: a busy loop in PATH, in INIT's namespaces, until
# $STOP exists
STOP=/tmp/ctrtree.stop
busy() {
	cin "$1" "$2" -C sh -c "while [ ! -e $STOP ]; do :; done"
}

# -- a system container: its init moves itself to init.scope, a service
# with two busy loops runs in system.slice/a.service
cg_new sys 512
cg_cpus sys 0-1
INIT=$(ctr_ns sys)
[ -n "$INIT" ] || fail "ctrtree: the system container did not start"
# all of sys's tasks (init, and unshare waiting for it as a runtime's shim
# would) to init.scope: v2 enables controllers below a cgroup only once
# it has no tasks of its own
if [ "$DRISO_CGROUP" = v2 ]; then mkdir "$CG/sys/init.scope"; else sub_new sys/init.scope; fi
for p in $(cat "$(cg_dir sys)/cgroup.procs"); do sub_move "$p" sys/init.scope; done
sub_new sys/system.slice
sub_new sys/system.slice/a.service
eq "its cgroup namespace is rooted at the container" \
	"$(cin "$INIT" sys/init.scope -C cat /proc/self/cgroup |
		awk -F: '$2 == "" || $2 ~ /(^|,)cpu(,|$)/ { print $3; exit }')" /init.scope
# first reads: the container's entry and init.scope's (a reader outside
# the cgroup namespace) exist, and are counted, before the loops start
view "$INIT" sys/init.scope -C >/dev/null
view "$INIT" sys/init.scope >/dev/null
rm -f $STOP
busy "$INIT" sys/system.slice/a.service &
S1=$!
busy "$INIT" sys/system.slice/a.service &
S2=$!
running_at_least 2 "$INIT" sys/init.scope -C
# the kernel's usage read between the two views: inside their window
set -- $(view "$INIT" sys/init.scope -C)
R=$1 T=$2 B0=$3
U0=$(usage_ticks sys) O0=$(usage_ticks sys/init.scope)
sleep 4
U1=$(usage_ticks sys) O1=$(usage_ticks sys/init.scope)
set -- $(view "$INIT" sys/init.scope -C)
B1=$3
# a reader in the container's PID namespace, not its cgroup namespace:
# its own cgroup
set -- $(view "$INIT" sys/init.scope)
OWN_R=$1 OWN_B=$3
touch $STOP
wait_jobs "ctrtree: the service's loops" $S1 $S2
echo "ctrtree: system container: a reader in init.scope sees $R running of $T threads, busy $B0 -> $B1 ticks; the container used $U0 -> $U1, init.scope $O0 -> $O1; a reader outside its cgroup namespace sees $OWN_R running, busy $OWN_B"
le "a reader in init.scope: the service's 2 loops run" 2 "$R"
# (on v1 the worker's count, which may be from before the reader came)
le "... the container's threads: init and 2 loops, at least" 3 "$T"
le "... the loops ran: the container used at least 1 s in 4 s" 100 $((U1 - U0))
le "... init.scope alone used a tenth of that at most (a leaf would show that)" \
	$(((O1 - O0) * 10)) $((U1 - U0))
le "... its cpu line has at least half of the container's use" $(((U1 - U0) / 2)) $((B1 - B0))
le "a reader in its PID namespace only: its own cgroup's, the loops not running there" "$OWN_R" 1
le "... and its own cgroup's CPU time, not the container's" $((OWN_B * 2)) "$B1"
cg_rm sys

# -- a pod: the limits on the pod's cgroup, two containers below it, each
# with its own cgroup namespace; busy loops in c1 only
cg_new pod 512
cg_quota pod 200000 100000
cg_new pod/c1 max
cg_new pod/c2 max
C1=$(ctr_ns pod/c1)
C2=$(ctr_ns pod/c2)
if [ -z "$C1" ] || [ -z "$C2" ]; then fail "ctrtree: the pod's containers did not start"; fi
eq "c2: the pod's memory limit" "$(cin "$C2" pod/c2 -C cat /proc/meminfo | field MemTotal)" $((512 * 1024))
eq "c2: the pod's 2 CPUs" "$(cin "$C2" pod/c2 -C grep -c '^cpu[0-9]' /proc/stat)" 2
view "$C1" pod/c1 -C >/dev/null
view "$C2" pod/c2 -C >/dev/null
rm -f $STOP
busy "$C1" pod/c1 &
S1=$!
busy "$C1" pod/c1 &
S2=$!
running_at_least 2 "$C1" pod/c1 -C
set -- $(view "$C2" pod/c2 -C)
R2=$1 Z0=$3
set -- $(view "$C1" pod/c1 -C)
R1=$1 A0=$3
U0=$(usage_ticks pod/c1)
sleep 4
U1=$(usage_ticks pod/c1)
set -- $(view "$C1" pod/c1 -C)
A1=$3
set -- $(view "$C2" pod/c2 -C)
Z1=$3
touch $STOP
wait_jobs "ctrtree: c1's loops" $S1 $S2
echo "ctrtree: pod: c1 sees $R1 running, busy $A0 -> $A1; c2 sees $R2 running, busy $Z0 -> $Z1; c1 used $U0 -> $U1"
le "c1: its 2 loops run" 2 "$R1"
le "... its cpu line has at least half of its use" $(((U1 - U0) / 2)) $((A1 - A0))
le "c2: its own, not c1's loops: the reader alone runs" "$R2" 1
le "... its cpu line a tenth of c1's use at most" $(((Z1 - Z0) * 10)) $((U1 - U0))
cg_rm pod
