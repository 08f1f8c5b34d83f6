# shellcheck shell=sh
# No torn reads: 4 readers in a 256M/1-CPU container sort every answer of
# every view (viewclass: wholly the view, wholly the host's, consistent in
# itself) while the scope, enabled and per-view switches and the
# container's exemption are flipped
# TORN_TOGGLES times and the module is unloaded and loaded TORN_CYCLES times
# (make reliability: 10,000 and 50).
TORN_TOGGLES=${TORN_TOGGLES:-200}
TORN_CYCLES=${TORN_CYCLES:-2}
echo "== torn: 4 readers, $TORN_TOGGLES switch flips, $TORN_CYCLES unload/load cycles"
cg_new torn 256
cg_quota torn 100000 100000
HOSTTOTAL=$(field MemTotal </proc/meminfo)
HOSTCPUS=$(grep -c ^processor /proc/cpuinfo)
ALL_SWITCHES="meminfo sysinfo cpuinfo cpu_online stat uptime loadavg swaps"
STOP=/tmp/torn.stop
rm -f $STOP /tmp/torn.out.* /tmp/torn.reads.*
JOBS=""
for r in 1 2 3 4; do
	ctr torn sh -c 'while [ ! -e '$STOP' ]; do
		viewclass '$((256 * MIB))' '"$HOSTTOTAL"' 1 '"$HOSTCPUS"' 20 || echo "viewclass failed"
	done >>/tmp/torn.out.'$r &
	JOBS="$JOBS $!"
done
# whether every reader has finished N viewclass runs (11 report lines each)
runs_done() {
	for _r in 1 2 3 4; do
		[ "$(cat /tmp/torn.out.$_r 2>/dev/null | grep -c '^meminfo view')" -ge "$1" ] ||
			return 1
	done
}
# at least TORN_TOGGLES flips, and on until every reader has finished two
# runs, so that whole runs overlap the flips however slowly readers start;
# whole rounds of eight, which leave every switch as it was
T0=$(date +%s)
i=0
while [ $i -lt "$TORN_TOGGLES" ] || [ $((i % 8)) != 0 ] || ! runs_done 2; do
	if [ $((i % 8)) = 0 ] && [ $(($(date +%s) - T0)) -ge 900 ]; then
		fail "torn: the readers did not finish two runs in 900 s"
		break
	fi
	case $((i % 8)) in
	0) echo cgroup >"$PARAMS/scope" ;;
	1) echo container >"$PARAMS/scope" ;;
	2) echo 0 >"$PARAMS/enabled" ;;
	3) echo 1 >"$PARAMS/enabled" ;;
	4) for v in $ALL_SWITCHES; do echo 0 >"$PARAMS/$v"; done ;;
	5) for v in $ALL_SWITCHES; do echo 1 >"$PARAMS/$v"; done ;;
	6) echo "$(cg_dir torn)" >"$STATUS/exempt" ;;
	7) echo "-$(cg_dir torn)" >"$STATUS/exempt" ;;
	esac
	i=$((i + 1))
done
echo "torn: $i switch flips (at least $TORN_TOGGLES)"
c=0
while [ $c -lt "$TORN_CYCLES" ]; do
	rmmod driso || fail "rmmod $c"
	sleep 0.2
	insmod "$DRISO_KO" || fail "insmod $c"
	sleep 0.2
	c=$((c + 1))
done
echo "torn: $TORN_CYCLES unload/load cycles"
touch $STOP
# shellcheck disable=SC2086 # one PID a word
wait_jobs "torn: readers" $JOBS
# totals per view and class over every viewclass report
TOTALS=$(cat /tmp/torn.out.* | awk '$2 == "view" {
		v[$1] += $3; h[$1] += $5; e[$1] += $7; b[$1] += $9 }
	END { for (k in v) printf "%s view %d host %d error %d bad %d\n", k, v[k], h[k], e[k], b[k] }' | sort)
echo "$TOTALS" | sed 's/^/    /'
# each reader's answers, for readers_read
for r in 1 2 3 4; do
	awk '$2 == "view" { s += $3 + $5 + $7 + $9 } END { if (NR) print s }' /tmp/torn.out.$r \
		>/tmp/torn.reads.$r 2>/dev/null
done
readers_read "torn: every reader answered through the flips (one viewclass run: 220 answers)" \
	220 /tmp/torn.reads.1 /tmp/torn.reads.2 /tmp/torn.reads.3 /tmp/torn.reads.4
eq "no viewclass run failed" "$(grep -c 'viewclass failed' /tmp/torn.out.* | awk -F: '{ s += $2 } END { print s }')" 0
eq "no bad answer" "$(echo "$TOTALS" | awk '{ s += $9 } END { print s }')" 0
eq "no read error" "$(echo "$TOTALS" | awk '{ s += $7 } END { print s }')" 0
le "both views and host answers were seen" 1 "$(echo "$TOTALS" | awk '$1 == "meminfo" && $3 > 0 && $5 > 0 { print 1 }')"
cg_rm torn
reliability torn "reads=$(echo "$TOTALS" | awk '{ s += $3 + $5 + $7 + $9 } END { print s }')" \
	"cycles=$i toggles, $TORN_CYCLES reloads"
