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
if insmod "$DRISO_KO" enabled=perhaps 2>/dev/null; then
	fail "insmod enabled=perhaps loaded"
else
	ok "insmod enabled=perhaps refused"
fi
check "loads with good parameters" insmod "$DRISO_KO" scope=cgroup enabled=1
eq "scope from insmod" "$(cat $PARAMS/scope)" cgroup
reload
cg_rm par
