# shellcheck shell=sh
# Unload under load: readers of every path inside the hooks while driso is
# loaded and unloaded again and again. The harness fails the run on any
# oops, WARNING or KASAN report in dmesg.
CYCLES=${CYCLES:-10}
echo "== unload: $CYCLES load/unload cycles under 7 reader loops, 4 of them over every view (2 in a container, 2 on the host)"
cg_new un 512
HOSTTOTAL=$(field MemTotal </proc/meminfo)
STOP=/tmp/unload.stop
rm -f $STOP /tmp/unload.bad.* /tmp/unload.reads.* /tmp/unload.rmmod /tmp/unload.insmod

JOBS=""
# Each loop records any MemTotal that is neither the view nor the host's,
# and how many times it read.
reader() {
	ctr un sh -c '
		. /vmtests/scenarios/common.sh
		n=0
		while [ ! -e '$STOP' ]; do
			v=$('"$1"')
			[ "$v" = '$((512 * MIB))' ] || [ "$v" = '"$HOSTTOTAL"' ] ||
				echo "$v" >>/tmp/unload.bad.'"$2"'
			n=$((n + 1))
		done
		echo $n >/tmp/unload.reads.'"$2" &
	JOBS="$JOBS $!"
}
reader "field MemTotal </proc/meminfo" cat
reader "readpaths bytes /proc/meminfo | field MemTotal" bytes
reader "sysinfo -32 | awk '/^totalram_kb/ { print \$2 }'" sysinfo32
# every view, then a check of meminfo or sysinfo that stands for "all succeeded"
reader "cat \$ALL_VIEWS >/dev/null && field MemTotal </proc/meminfo" views
reader "cat \$ALL_VIEWS >/dev/null && sysinfo | awk '/^totalram_kb/ { print \$2 }'" sysinfo
# on the host: every view, and the host's MemTotal whatever is loaded
views_reader /tmp/unload.bad.h1 "$HOSTTOTAL" $STOP /tmp/unload.reads.h1 &
JOBS="$JOBS $!"
views_reader /tmp/unload.bad.h2 "$HOSTTOTAL" $STOP /tmp/unload.reads.h2 &
JOBS="$JOBS $!"

T0=$(now)
i=0 ERRS=0
while [ $i -lt "$CYCLES" ]; do
	sleep 0.3
	t=$(now)
	rmmod driso || { fail "rmmod $i"; ERRS=$((ERRS + 1)); }
	echo "$t $(now)" >>/tmp/unload.rmmod
	sleep 0.1
	t=$(now)
	insmod "$DRISO_KO" || { fail "insmod $i"; ERRS=$((ERRS + 1)); }
	echo "$t $(now)" >>/tmp/unload.insmod
	i=$((i + 1))
	[ $((i % 10)) = 0 ] && took "$T0" "unload: $i cycles"
done
sleep 0.3
touch $STOP
# shellcheck disable=SC2086 # one PID a word
wait_jobs "unload: readers" $JOBS
eq "$CYCLES load/unload cycles under 7 readers: every rmmod and insmod succeeded" "$ERRS" 0
# how long rmmod takes with the readers running (docs/testing.md)
for op in rmmod insmod; do
	awk -v op=$op '{ d = $2 - $1; s += d; if (NR == 1 || d > max) max = d; if (NR == 1 || d < min) min = d }
		END { printf "unload: %s under 7 readers: mean %.2f s, min %.2f s, max %.2f s over %d\n",
			op, s / NR, min, max, NR }' /tmp/unload.$op
done
BAD=$(cat /tmp/unload.bad.* 2>/dev/null | head -5 | tr '\n' ' ')
eq "every read saw the view or the host" "$BAD" ""
# at least one read per two cycles (a cycle sleeps 0.4 s and waits for rmmod
# and insmod; the slowest loop, over every view on the debug kernel, made one
# read per cycle)
readers_read "unload: every reader read through the cycles" $((CYCLES / 2)) \
	/tmp/unload.reads.cat /tmp/unload.reads.bytes /tmp/unload.reads.sysinfo32 \
	/tmp/unload.reads.views /tmp/unload.reads.sysinfo /tmp/unload.reads.h1 /tmp/unload.reads.h2
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
