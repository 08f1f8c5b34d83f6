# shellcheck shell=sh
# The scope and the off switch change at runtime.
echo "== scope: switched at runtime"
cg_new svc 512
HOSTTOTAL=$(field MemTotal </proc/meminfo)
in_svc() {
	sh -c 'echo $$ >"$1/cgroup.procs"; exec cat /proc/meminfo' sh "$(cg_dir svc)" |
		field MemTotal
}

eq "scope=container: a service in the initial PID ns sees the host" \
	"$(in_svc)" "$HOSTTOTAL"
echo cgroup >$PARAMS/scope
eq "scope reads back" "$(cat $PARAMS/scope)" cgroup
eq "scope=cgroup: the service sees its limit" "$(in_svc)" $((512 * MIB))
eq "scope=cgroup: sysinfo too" "$(sh -c 'echo $$ >"$1/cgroup.procs"; exec sysinfo' sh \
	"$(cg_dir svc)" | awk '/^totalram_kb/ { print $2 }')" $((512 * MIB))
eq "scope=cgroup: the root cgroup still sees the host" \
	"$(field MemTotal </proc/meminfo)" "$HOSTTOTAL"
echo container >$PARAMS/scope
eq "back to scope=container" "$(in_svc)" "$HOSTTOTAL"

echo 0 >$PARAMS/enabled
eq "enabled=0: a container sees the host" "$(ctr_field svc MemTotal)" "$HOSTTOTAL"
eq "enabled=0: sysinfo too" "$(ctr svc sysinfo | awk '/^totalram_kb/ { print $2 }')" \
	"$HOSTTOTAL"
echo 1 >$PARAMS/enabled
eq "enabled=1: the container's view again" "$(ctr_field svc MemTotal)" $((512 * MIB))
cg_rm svc

# Each view by its own rule: a container with no limit at all (its own PID
# namespace) sees the host's memory and CPUs but its own uptime, load,
# btime and PIDs; sysinfo mixes the two the same way.
echo "== scope: a rule per view"
cg_new free max
ctr_start free
sleep 2
HOSTUP=$(cut -d. -f1 /proc/uptime)
set -- $(cexec free sh -c 'cut -d. -f1 /proc/uptime
	cut -d" " -f4 /proc/loadavg | cut -d/ -f2
	awk "\$1 == \"btime\" { print \$2 }" /proc/stat
	sysinfo | awk "/^uptime/ { print \$2 }"
	sysinfo | awk "/^totalram_kb/ { print \$2 }"
	awk "\$1 == \"MemTotal:\" { print \$2 }" /proc/meminfo
	cat /sys/devices/system/cpu/online
	grep -c ^processor /proc/cpuinfo
	grep -c "^cpu[0-9]" /proc/stat')
le "no limits: its own uptime, below the host's" "$1" $((HOSTUP - 1))
le "no limits: loadavg counts its own threads" "$2" 10
le "... where the host's counts every thread of the host" 50 "$(cut -d' ' -f4 /proc/loadavg | cut -d/ -f2)"
le "no limits: btime after the host's" "$(awk '$1 == "btime" { print $2 + 1 }' /proc/stat)" "$3"
le "no limits: sysinfo's uptime is its own" "$4" $(($1 + 2))
eq "no limits: sysinfo's totalram is the host's" "$5" "$HOSTTOTAL"
eq "no limits: MemTotal is the host's" "$6" "$HOSTTOTAL"
eq "no limits: cpu/online is the host's" "$7" "$(cat /sys/devices/system/cpu/online)"
eq "no limits: every processor" "$8" "$(grep -c ^processor /proc/cpuinfo)"
eq "no limits: the host's cpu lines in /proc/stat" "$9" "$(grep -c '^cpu[0-9]' /proc/stat)"
eq "no limits: /proc/swaps is the host's" "$(cexec free cat /proc/swaps)" "$(cat /proc/swaps)"
le "no limits: the container views counted virtual" 1 "$(counter uptime virtualized)"

# a PID namespace in the root cgroup (a sandbox, not a container): the host's
ROOTUP=$(sh -c 'echo $$ >/sys/fs/cgroup/cgroup.procs 2>/dev/null ||
	for f in /sys/fs/cgroup/*/cgroup.procs; do echo $$ >"$f"; done
	exec unshare -p -m -f --mount-proc cut -d. -f1 /proc/uptime')
le "root cgroup, own PID ns: the host's uptime" "$HOSTUP" "$ROOTUP"

# scope=cgroup: a host task's container views need a memory or CPU limit;
# with a CPU limit alone it sees its CPUs and the host's memory
cg_new cq max
cg_quota cq 100000 100000
in_cg() {
	_cg=$1
	shift
	sh -c 'for f in $1; do echo $$ >"$f"; done; shift; exec "$@"' in_cg "$(cg_procs "$_cg")" "$@"
}
echo cgroup >$PARAMS/scope
eq "scope=cgroup, CPU limit only: cpu/online is its own" "$(in_cg cq cat /sys/devices/system/cpu/online)" 0
eq "scope=cgroup, CPU limit only: the host's MemTotal" "$(in_cg cq cat /proc/meminfo | field MemTotal)" "$HOSTTOTAL"
le "scope=cgroup, CPU limit only: loadavg counts its cgroup's threads" \
	"$(in_cg cq cut -d' ' -f4 /proc/loadavg | cut -d/ -f2)" 3
p0=$(counter loadavg passthrough)
H0=$(cut -d' ' -f4 /proc/loadavg | cut -d/ -f2)
T=$(in_cg free cut -d' ' -f4 /proc/loadavg | cut -d/ -f2)
le "scope=cgroup, no limits: a host task gets the host's loadavg (passthrough)" $((p0 + 1)) \
	"$(counter loadavg passthrough)"
# the kernel's text: the host's thread count (a few threads come and go), not its cgroup's
le "... its text is the host's: all of the host's $H0 threads, give or take 5" \
	"$(( (T - H0) * (T - H0) ))" 25
echo container >$PARAMS/scope
cg_rm free
cg_rm cq
