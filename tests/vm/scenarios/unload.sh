# shellcheck shell=sh
# Unload under load: readers of every path inside the hooks while driso is
# loaded and unloaded again and again. The harness fails the run on any
# oops, WARNING or KASAN report in dmesg.
CYCLES=${CYCLES:-20}
echo "== unload: $CYCLES load/unload cycles under 7 reader loops, 4 of them over every view (2 in a container, 2 on the host)"
cg_new un 512
HOSTTOTAL=$(field MemTotal </proc/meminfo)
STOP=/tmp/unload.stop
rm -f $STOP /tmp/unload.bad.*

# Each loop records any MemTotal that is neither the view nor the host's.
reader() {
	ctr un sh -c '
		. /vmtests/scenarios/common.sh
		while [ ! -e '$STOP' ]; do
			v=$('"$1"')
			[ "$v" = '$((512 * MIB))' ] || [ "$v" = '"$HOSTTOTAL"' ] ||
				echo "$v" >>/tmp/unload.bad.'"$2"'
		done' &
}
reader "field MemTotal </proc/meminfo" cat
reader "readpaths bytes /proc/meminfo | field MemTotal" bytes
reader "sysinfo -32 | awk '/^totalram_kb/ { print \$2 }'" sysinfo32
# every view, then a check of meminfo or sysinfo that stands for "all succeeded"
reader "cat /proc/cpuinfo /proc/stat /proc/uptime /proc/loadavg /proc/swaps \
	/sys/devices/system/cpu/online >/dev/null && field MemTotal </proc/meminfo" views
reader "cat /proc/meminfo /sys/devices/system/cpu/online /proc/swaps /proc/loadavg \
	/proc/uptime /proc/stat /proc/cpuinfo >/dev/null &&
	sysinfo | awk '/^totalram_kb/ { print \$2 }'" sysinfo
# on the host: every view, and the host's MemTotal whatever is loaded
host_reader() {
	while [ ! -e $STOP ]; do
		cat /proc/meminfo /proc/cpuinfo /proc/stat /proc/uptime /proc/loadavg \
			/proc/swaps /sys/devices/system/cpu/online >/dev/null ||
			echo "read failed" >>/tmp/unload.bad."$1"
		v=$(sysinfo | awk '/^totalram_kb/ { print $2 }')
		[ "$v" = "$HOSTTOTAL" ] || echo "host sysinfo $v" >>/tmp/unload.bad."$1"
		v=$(field MemTotal </proc/meminfo)
		[ "$v" = "$HOSTTOTAL" ] || echo "host meminfo $v" >>/tmp/unload.bad."$1"
	done
}
host_reader h1 &
host_reader h2 &

T0=$(now)
i=0
while [ $i -lt "$CYCLES" ]; do
	sleep 0.3
	rmmod driso || fail "rmmod $i"
	sleep 0.1
	insmod "$DRISO_KO" || fail "insmod $i"
	i=$((i + 1))
	[ $((i % 10)) = 0 ] && took "$T0" "unload: $i cycles"
done
sleep 0.3
touch $STOP
wait
ok "$CYCLES load/unload cycles under 7 readers"
BAD=$(cat /tmp/unload.bad.* 2>/dev/null | head -5 | tr '\n' ' ')
eq "every read saw the view or the host" "$BAD" ""
eq "after the churn: the view" "$(ctr_field un MemTotal)" $((512 * MIB))
KML=/sys/kernel/debug/kmemleak
if [ -e $KML ]; then
	# scan while driso is loaded, so leaked objects name its functions
	echo scan >$KML
	echo scan >$KML
	eq "kmemleak: nothing allocated by driso leaked" \
		"$(grep -c driso $KML)" 0
fi
rmmod driso
eq "after rmmod: the kernel's own values" "$(ctr_field un MemTotal)" "$HOSTTOTAL"
insmod "$DRISO_KO"
cg_rm un
