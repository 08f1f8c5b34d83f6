# shellcheck shell=sh
# Bad parameter values are refused with a clear message and change nothing;
# root inside a container cannot change the parameters.
echo "== params: bad input and container root"
cg_new par 512

for v in bogus "" 2; do
	if echo "$v" >$PARAMS/scope 2>/dev/null; then
		fail "scope='$v' accepted"
	else
		ok "scope='$v' refused"
	fi
done
eq "scope unchanged" "$(cat $PARAMS/scope)" container
check "dmesg names the bad value" sh -c "dmesg | grep -q \"driso: scope: 'bogus' is not one of: container cgroup\""
for v in maybe 2 ""; do
	if echo "$v" >$PARAMS/enabled 2>/dev/null; then
		fail "enabled='$v' accepted"
	else
		ok "enabled='$v' refused"
	fi
done
eq "enabled unchanged" "$(cat $PARAMS/enabled)" Y
for v in 0 -1 many 1048577 ""; do
	if echo "$v" >$PARAMS/max_containers 2>/dev/null; then
		fail "max_containers='$v' accepted"
	else
		ok "max_containers='$v' refused"
	fi
done
eq "max_containers unchanged" "$(cat $PARAMS/max_containers)" 4096
# every on/off switch: kstrtobool's refusals ("nonsense" would be "n": off)
FLAGS="enabled counters_only meminfo sysinfo cpuinfo cpu_online uptime swaps stat loadavg"
for p in $FLAGS; do
	was=$(cat "$PARAMS/$p")
	refused=0
	for v in maybe 2 ""; do
		echo "$v" >"$PARAMS/$p" 2>/dev/null || refused=$((refused + 1))
	done
	eq "$p: maybe, 2 and '' refused" "$refused" 3
	eq "$p unchanged" "$(cat "$PARAMS/$p")" "$was"
done
check "dmesg names the bad max_containers" sh -c \
	"dmesg | grep -q \"driso: max_containers: 'many' is not a number from 1 to 1048576\""
eq "still working after bad input" "$(ctr_field par MemTotal)" $((512 * MIB))

# container root: uid 0, but not the initial PID namespace
if ctr par sh -c "echo 0 >$PARAMS/enabled" 2>/dev/null; then
	fail "root in a container switched driso off"
else
	ok "root in a container cannot write enabled"
fi
eq "enabled still on" "$(cat $PARAMS/enabled)" Y
check "dmesg says why" sh -c "dmesg | grep -q 'driso: enabled: only root of the initial namespaces may change it'"

if insmod "$DRISO_KO" 2>/dev/null; then
	fail "a second insmod succeeded"
else
	ok "a second insmod is refused"
fi
rmmod driso
if insmod "$DRISO_KO" scope=everyone 2>/dev/null; then
	fail "insmod scope=everyone loaded"
else
	ok "insmod scope=everyone refused"
fi
check "dmesg names the bad insmod value" sh -c "dmesg | grep -q \"driso: scope: 'everyone' is not one of\""
if grep -q '^driso ' /proc/modules; then
	fail "driso half-loaded after a bad parameter"
else
	ok "nothing left loaded after a bad parameter"
fi
check "/sys/kernel/driso gone" sh -c "[ ! -e $STATUS ]"
# every parameter's bad value at insmod: refused, and nothing left behind
for pv in enabled=perhaps scope= max_containers=0 max_containers=1048577 \
	max_containers=many counters_only=2 meminfo=x sysinfo=2 cpuinfo=maybe \
	cpu_online= uptime=7 swaps=ox stat=-1 loadavg=z; do
	if insmod "$DRISO_KO" "$pv" 2>/dev/null; then
		fail "insmod $pv loaded"
		rmmod driso
		continue
	fi
	left=""
	grep -q '^driso ' /proc/modules && left="$left module"
	[ -e $STATUS ] && left="$left $STATUS"
	grep -qs driso /sys/kernel/tracing/enabled_functions && left="$left ftrace-hooks"
	eq "insmod $pv: refused, nothing left loaded" "${left:-nothing}" nothing
done
check "loads with good parameters" insmod "$DRISO_KO" scope=cgroup enabled=1
eq "scope from insmod" "$(cat $PARAMS/scope)" cgroup
reload
cg_rm par
