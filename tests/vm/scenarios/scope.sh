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
