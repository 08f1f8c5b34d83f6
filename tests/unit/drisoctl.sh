#!/bin/bash
# drisoctl against a fake tree (DRISOCTL_ROOT): exit codes, what status and
# explain compute from the files, and what enable/disable/scope write.
#   tests/unit/drisoctl.sh PATH/TO/drisoctl
set -uo pipefail
CTL=${1:?usage: tests/unit/drisoctl.sh PATH/TO/drisoctl}
R=$(mktemp -d)
trap 'rm -rf "$R"' EXIT
export DRISOCTL_ROOT=$R
# shellcheck source=tests/pkg/lib.sh
. "$(dirname "$0")/../pkg/lib.sh"
# expect DESC STATUS PATTERN ARGS...: exit STATUS and output matching PATTERN
expect() {
	local desc=$1 want=$2 pat=$3 out rc=0
	shift 3
	out=$("$CTL" "$@" 2>&1) || rc=$?
	if [ "$rc" = "$want" ] && grep -qE -- "$pat" <<<"$out"; then
		ok "$desc"
	else
		bad "$desc: exit $rc (want $want), output:"
		sed 's/^/    | /' <<<"$out"
	fi
}
eqf() { eq "$1" "$(cat "$R$2")" "$3"; } # DESC FILE WANT

expect "no arguments: usage, exit 2" 2 '^usage: drisoctl' 
expect "unknown command: exit 2" 2 "unknown command 'frob'" frob
expect "unknown option: exit 2" 2 'unknown option --xml' --xml status
expect "--help: exit 0, every command" 0 'explain PID' --help
expect "explain needs a PID" 2 "'12a' is not a PID" explain 12a
expect "unknown view: exit 2 before anything is written" 2 "unknown view 'mem'" disable meminfo mem
expect "unknown scope: exit 2" 2 "unknown scope 'all'" scope all
expect "not loaded: status exit 3" 3 'not loaded' status
expect "not loaded: --json status" 3 '^\{"loaded": false\}$' --json status
expect "not loaded: scope exit 3" 3 'driso is not loaded' scope off
expect "not loaded: explain exit 3" 3 'driso is not loaded' explain 1

# A loaded driso: parameters, status, and a process in a nested cgroup.
P=$R/sys/module/driso/parameters S=$R/sys/kernel/driso
mkdir -p "$P" "$S"
echo 0.1 >"$R/sys/module/driso/version"
echo Y >"$P/enabled"
echo container >"$P/scope"
echo N >"$P/counters_only"
printf 'meminfo_proc_show\n__x64_sys_sysinfo\nshow_cpuinfo\n' >"$S/hooks"
echo full >"$S/stats_mode"
echo 3 >"$S/tracked_containers"
echo 2500000 >"$S/tracker_worker_ns"
n=0
for v in meminfo sysinfo cpuinfo cpu_online uptime swaps stat loadavg; do
	echo Y >"$P/$v"
	mkdir -p "$S/$v"
	echo $((n * 10 + 1)) >"$S/$v/virtualized"
	echo $((n * 10 + 2)) >"$S/$v/passthrough"
	echo 0 >"$S/$v/fallbacks"
	n=$((n + 1))
done
expect "status: loaded, 3 hooks" 0 'hooks +3 installed' status
expect "status: scope containers" 0 '^scope +containers' status
expect "status: the stat view's counters" 0 '^stat +on +61 +62 +0' status
expect "status --json: one object" 0 '^\{"loaded": true, "version": "0.1", .*"hooks": \["meminfo_proc_show", "__x64_sys_sysinfo", "show_cpuinfo"\], "tracked_containers": 3, .*"loadavg": \{"enabled": true, "virtualized": 71' --json status

expect "disable meminfo stat" 0 'stat: off' disable stat meminfo
eqf "disable: meminfo=0 written" /sys/module/driso/parameters/meminfo 0
eqf "disable: sysinfo untouched" /sys/module/driso/parameters/sysinfo Y
expect "enable all" 0 'loadavg: on' enable all
eqf "enable all: meminfo=1 written" /sys/module/driso/parameters/meminfo 1
expect "scope limited" 0 'scope: limited' scope limited
eqf "scope limited: scope=cgroup" /sys/module/driso/parameters/scope cgroup
eqf "scope limited: enabled=1" /sys/module/driso/parameters/enabled 1
expect "scope off" 0 'scope: off' scope off
eqf "scope off: enabled=0" /sys/module/driso/parameters/enabled 0
echo container >"$P/scope"
echo Y >"$P/enabled"

# cgroup v2: /docker limits memory to 512M and CPU to 1.5; its child
# /docker/c allows CPUs 1-3 and sets no limit of its own.
C=$R/sys/fs/cgroup
mkdir -p "$C/docker/c" "$R/proc/42/ns" "$R/proc/1/ns" "$R/proc/43/ns" "$R/sys/devices/system/cpu"
touch "$C/cgroup.controllers"
echo 0-3 >"$C/cpuset.cpus.effective"
echo 536870912 >"$C/docker/memory.max"
echo "150000 100000" >"$C/docker/cpu.max"
echo max >"$C/docker/c/memory.max"
echo "max 100000" >"$C/docker/c/cpu.max"
echo 1-3 >"$C/docker/c/cpuset.cpus.effective"
echo 0-3 >"$R/sys/devices/system/cpu/online"
printf 'MemTotal:        3024824 kB\nMemFree:  1 kB\n' >"$R/proc/meminfo"
ln -s 'pid:[4026531836]' "$R/proc/1/ns/pid"
echo "0::/docker/c" >"$R/proc/42/cgroup"
echo app >"$R/proc/42/comm"
ln -s 'pid:[4026532000]' "$R/proc/42/ns/pid"
expect "explain: the limit and the ancestor that sets it" 0 'memory limit +512 MiB, set by the ancestor /docker$' explain 42
expect "explain: cpuset 1-3 cut to 2 by the quota of /docker" 0 'cpuset 1-3 \(3 of 4 online\), quota 1.5 CPUs \(150000/100000 us\) set by the ancestor /docker: 2 visible' explain 42
expect "explain: in scope as a container" 0 '^in scope +yes: a container' explain 42
expect "explain: what it sees" 0 "^sees +driso's view: MemTotal 512 MiB, 2 CPUs" explain 42
expect "explain --json" 0 '"memory_limit_bytes": 536870912, "memory_limit_set_by": "/docker", .*"in_scope": true, .*"cpuset_cpus": 3, "quota_cpus": 2, "quota_us": 150000, "period_us": 100000, "quota_set_by": "/docker", "sees_memory_bytes": 536870912, "sees_cpus": 2, "views": \{"meminfo": \{"in_scope": true, "reason": "a memory limit below the host.s memory", "exempted_by": null\}, .*"loadavg": \{"in_scope": true, "reason": "a container \(its own PID namespace\)", "exempted_by": null\}\}\}$' --json explain 42
# a process in /docker itself: its own cgroup sets both
mkdir -p "$R/proc/45/ns"
echo "0::/docker" >"$R/proc/45/cgroup"
ln -s 'pid:[4026532001]' "$R/proc/45/ns/pid"
expect "explain: a limit of its own cgroup" 0 'memory limit +512 MiB, set by its own cgroup$' explain 45
expect "explain: cpuset of the root, quota of its own cgroup" 0 'cpuset 0-3 \(4 of 4 online\), quota 1.5 CPUs \(150000/100000 us\) set by its own cgroup: 2 visible' explain 45
# the same cgroup, but in the host's PID namespace
echo "0::/docker/c" >"$R/proc/43/cgroup"
ln -s 'pid:[4026531836]' "$R/proc/43/ns/pid"
expect "explain: host PID namespace is out of scope=container" 0 "^in scope +no: it runs in the host's PID namespace" explain 43
expect "explain: ... and sees the host" 0 "^sees +the kernel's own: MemTotal 2.8 GiB, 4 CPUs" explain 43
echo cgroup >"$P/scope"
expect "explain: scope limited takes it in" 0 '^in scope +yes: a memory or CPU limit \(scope limited\)' explain 43
echo 4294967296 >"$C/docker/memory.max"
expect "explain: a limit above host memory is no limit" 0 '^  meminfo +no +no memory limit below' explain 43
expect "explain: ... but the CPU views follow the quota alone" 0 '^  cpu_online +yes +fewer visible CPUs' explain 43
expect "explain: ... and sees the host's memory and its CPUs" 0 "^sees +driso's view: MemTotal 2.8 GiB, 2 CPUs" explain 43
echo "max 100000" >"$C/docker/cpu.max"
echo 0-3 >"$C/docker/c/cpuset.cpus.effective"
expect "explain: no limit at all, scope limited: out of scope" 0 '^in scope +no: no limit' explain 43
echo container >"$P/scope"
expect "explain: no limit at all, a container: its own uptime" 0 '^  uptime +yes +a container' explain 42
expect "explain: ... the host's memory" 0 '^  meminfo +no +no memory limit' explain 42
expect "explain: ... and the host's cpu lines in /proc/stat" 0 '^  stat +yes .*\(the host.s cpu lines\)' explain 42
mkdir -p "$R/proc/46/ns"
echo "0::/" >"$R/proc/46/cgroup"
ln -s 'pid:[4026532002]' "$R/proc/46/ns/pid"
expect "explain: the root cgroup is the host's own" 0 '^in scope +no: it runs in the root cgroup' explain 46

# exemptions: what exempt and unexempt write, what status and explain show
touch "$S/exempt"
expect "exempt: a path under /sys/fs/cgroup, two views" 0 'exempt: /sys/fs/cgroup/docker: meminfo uptime' exempt /docker meminfo uptime
eqf "exempt: the line written" /sys/kernel/driso/exempt "/sys/fs/cgroup/docker meminfo uptime"
expect "exempt: a full path, all views" 0 'exempt: /sys/fs/cgroup/docker/c: all' exempt /sys/fs/cgroup/docker/c
eqf "exempt: the full path written as is" /sys/kernel/driso/exempt "/sys/fs/cgroup/docker/c"
expect "exempt: an unknown view, exit 2" 2 "unknown view 'memory'" exempt /docker memory
expect "exempt: no such cgroup, exit 1" 1 'no such cgroup directory' exempt /nope
expect "unexempt" 0 'unexempt: /sys/fs/cgroup/docker' unexempt /docker
eqf "unexempt: the line written" /sys/kernel/driso/exempt "-/sys/fs/cgroup/docker"
printf '/sys/fs/cgroup/docker meminfo uptime\n/sys/fs/cgroup/other all\n' >"$S/exempt"
expect "status: the exemptions" 0 '^exempt +/sys/fs/cgroup/docker meminfo uptime' status
expect "status --json: the exemptions" 0 '"exemptions": \[\{"path": "/sys/fs/cgroup/docker", "views": \["meminfo", "uptime"\]\}, \{"path": "/sys/fs/cgroup/other", "views": \["all"\]\}\]' --json status
expect "explain: a descendant of an exempted cgroup" 0 '^  meminfo +no +exempted by the operator \(drisoctl exempt\): /sys/fs/cgroup/docker$' explain 42
expect "explain: ... the views not named stay" 0 '^  loadavg +yes' explain 42
printf '/sys/fs/cgroup/dock all\n' >"$S/exempt"
expect "explain: a name that only starts the same is no ancestor" 0 '^  meminfo +no +no memory limit' explain 42
: >"$S/exempt"
expect "explain: no such process" 1 'no process 44' explain 44

# The man page covers every command and exit status that --help names.
MAN=$(dirname "$0")/../../tools/drisoctl.8
for w in status enable disable scope explain exempt unexempt containers limited off --json; do
	if grep -qF -- "${w//-/\\-}" "$MAN"; then ok "drisoctl(8) names $w"; else bad "drisoctl(8) lacks $w"; fi
done
for c in 0 1 2 3 4; do
	if grep -qx "\.B $c" "$MAN"; then ok "drisoctl(8) explains exit $c"; else bad "drisoctl(8) lacks exit $c"; fi
done

summary drisoctl
