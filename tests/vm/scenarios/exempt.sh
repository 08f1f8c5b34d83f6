# shellcheck shell=sh
# Operator exemptions: a cgroup subtree keeps the host's views, all or some;
# set and cleared at runtime by root of the host only; a deleted cgroup's
# exemption goes with its reference.
echo "== exempt: cgroup subtrees that keep the host's views"
HOSTTOTAL=$(field MemTotal </proc/meminfo)
HOSTCPUS=$(cat /sys/devices/system/cpu/online)
cg_new ex 512
cg_quota ex 100000 100000
cg_new ex/kid 512
ctr_start ex/kid
seen() {
	cexec ex/kid sh -c 'echo $(awk "\$1 == \"MemTotal:\" { print \$2 }" /proc/meminfo) \
		$(cat /sys/devices/system/cpu/online) \
		$(sysinfo | awk "/^totalram_kb/ { print \$2 }") \
		$(cut -d" " -f4 /proc/loadavg | cut -d/ -f2)'
}
set -- $(seen)
eq "a child of ex: its view" "$1 $2 $3" "$((512 * MIB)) 0 $((512 * MIB))"
le "... and its own threads in loadavg" "$4" 10

check "drisoctl exempt ex (all views)" drisoctl exempt "$(cg_dir ex)"
eq "the exempt file lists it" "$(cat $STATUS/exempt)" "$(cg_dir ex) all"
set -- $(seen)
eq "exempted: the host's MemTotal, CPUs and sysinfo" "$1 $2 $3" "$HOSTTOTAL $HOSTCPUS $HOSTTOTAL"
le "exempted: the host's threads in loadavg" 50 "$4"
eq "exempted: the host's cpuinfo" "$(cexec ex/kid grep -c ^processor /proc/cpuinfo)" \
	"$(grep -c ^processor /proc/cpuinfo)"
le "exempted: the host's uptime" "$(cut -d. -f1 /proc/uptime)" "$(cexec ex/kid cut -d. -f1 /proc/uptime)"
echo "$(drisoctl status)" | grep -q "^exempt *$(cg_dir ex) all$" && ok "status shows the exemption" ||
	fail "status shows the exemption"
PID=$(ctr_pid ex/kid)
drisoctl explain "$PID" | grep -q "^  meminfo *no *exempted by the operator (drisoctl exempt): $(cg_dir ex)$" &&
	ok "explain names the exemption" || fail "explain names the exemption ($(drisoctl explain "$PID"))"

check "exempt ex again, meminfo only: replaces the views" drisoctl exempt "$(cg_dir ex)" meminfo
eq "the exempt file: one line, meminfo" "$(cat $STATUS/exempt)" "$(cg_dir ex) meminfo"
set -- $(seen)
eq "meminfo exempted: the host's MemTotal, its own CPUs and sysinfo" "$1 $2 $3" \
	"$HOSTTOTAL 0 $((512 * MIB))"

# root in the container cannot exempt itself, nor clear the exemption
cexec ex/kid sh -c "echo '$(cg_dir ex/kid)' >$STATUS/exempt" 2>/dev/null
eq "root in a container: a write to exempt fails" "$?" 1
cexec ex/kid drisoctl unexempt "$(cg_dir ex)" >/dev/null 2>&1
eq "root in a container: drisoctl unexempt exits 4" "$?" 4
eq "... and nothing changed" "$(cat $STATUS/exempt)" "$(cg_dir ex) meminfo"

check "drisoctl unexempt ex" drisoctl unexempt "$(cg_dir ex)"
check "exempt the container's own cgroup, as /proc/PID/cgroup names it" \
	drisoctl exempt "/ex/kid"
eq "... its MemTotal is the host's" "$(cexec ex/kid cat /proc/meminfo | field MemTotal)" "$HOSTTOTAL"
check "... and unexempt it" drisoctl unexempt "/ex/kid"
eq "the exempt file is empty" "$(cat $STATUS/exempt)" ""
set -- $(seen)
eq "unexempted: the view again" "$1 $2 $3" "$((512 * MIB)) 0 $((512 * MIB))"

# bad input: a clear error, nothing changed
for bad in "/nonexistent" "/tmp" "$(cg_dir ex) memory" "-$(cg_dir ex)"; do
	echo "$bad" >$STATUS/exempt 2>/dev/null
	eq "exempt '$bad' is refused" "$?" 1
done
eq "... and nothing was exempted" "$(cat $STATUS/exempt)" ""
drisoctl exempt /nonexistent 2>/dev/null
eq "drisoctl exempt of no cgroup: exit 1" "$?" 1

# a deleted cgroup: its exemption goes, and with it its reference (v2: the
# cgroup stops dying)
cg_new exd 512
[ "$DRISO_CGROUP" = v2 ] && D0=$(dying_cgroups)
check "exempt exd" drisoctl exempt "$(cg_dir exd)"
cg_rm exd
eq "deleted: not listed" "$(cat $STATUS/exempt)" ""
if [ "$DRISO_CGROUP" = v2 ]; then
	wait_for 20 dying_at_most "$D0"
	le "deleted: no dying cgroup left behind within 20 s" "$(dying_cgroups)" "$D0"
fi
cg_new exd 512
eq "a new cgroup of the same name is not exempted" \
	"$(ctr exd cat /proc/meminfo | field MemTotal)" $((512 * MIB))
cg_rm exd
cg_rm ex

# The limit: 256 exemptions, the 257th refused (ENOSPC) with nothing
# changed; the listing, longer than its page, ends with "(N more)".
cg_new exl max
LONG=exemption-limit-with-a-name-long-enough-to-fill-a-page
i=0
while [ $i -le 256 ]; do
	mkdir "$(cg_dir exl)/$LONG-$i" || fail "exempt: mkdir $i"
	i=$((i + 1))
done
n=0 i=0
while [ $i -lt 256 ]; do
	echo "$(cg_dir exl)/$LONG-$i" >$STATUS/exempt && n=$((n + 1))
	i=$((i + 1))
done
eq "256 exemptions taken" "$n" 256
OUT=$(drisoctl exempt "$(cg_dir exl)/$LONG-256" 2>&1)
eq "the 257th: drisoctl exits 1" "$?" 1
case $OUT in
*"No space left on device"*) ok "... and says why ($OUT)" ;;
*) fail "... and says why: no space ($OUT)" ;;
esac
LIST=$(cat $STATUS/exempt)
LISTED=$(echo "$LIST" | grep -c "$LONG-")
MORE=$(echo "$LIST" | sed -n 's/^(\([0-9]*\) more)$/\1/p')
le "the listing ends with (N more)" 1 "${MORE:-0}"
eq "... and what it lists and N make 256" "$((LISTED + ${MORE:-0}))" 256
eq "... the 257th not among them" "$(echo "$LIST" | grep -c -- "$LONG-256\$")" 0
i=0
while [ $i -le 256 ]; do
	[ $i = 256 ] || echo "-$(cg_dir exl)/$LONG-$i" >$STATUS/exempt || fail "exempt: unexempt $i"
	rmdir "$(cg_dir exl)/$LONG-$i"
	i=$((i + 1))
done
eq "all 256 unexempted: the list is empty" "$(cat $STATUS/exempt)" ""
cg_rm exl
