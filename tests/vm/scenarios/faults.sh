# shellcheck shell=sh
# Fault injection (kernels with failslab and fail_page_alloc: the debug
# kernel): readers in a container, marked make-it-fail, read meminfo,
# sysinfo and cpuinfo FAULT_ROUNDS times each while FAULT_PERCENT of their
# slab and page allocations fail, GFP_KERNEL ones included. Every answer
# must be the view, the host's, or an error: never anything else (viewclass).
# kmemleak runs at the end of every debug-kernel run (init).
FAULT_ROUNDS=${FAULT_ROUNDS:-300}
FAULT_PERCENT=${FAULT_PERCENT:-10}
D=/sys/kernel/debug
echo "== faults: $FAULT_PERCENT% of slab and page allocations fail, $FAULT_ROUNDS rounds"
if [ ! -d $D/failslab ] || [ ! -d $D/fail_page_alloc ]; then
	ok "faults: no failslab/fail_page_alloc in this kernel: skipped"
	return 0
fi
cg_new fi 256
HOSTTOTAL=$(field MemTotal </proc/meminfo)
fb0=$(cat $STATUS/meminfo/fallbacks $STATUS/sysinfo/fallbacks $STATUS/cpuinfo/fallbacks | awk '{ s += $1 } END { print s }')
inject() { # PERCENT
	for f in $D/failslab $D/fail_page_alloc; do
		echo Y >$f/task-filter
		echo N >$f/ignore-gfp-wait
		echo 1 >$f/interval
		echo -1 >$f/times
		echo 1 >$f/verbose
		echo "$1" >$f/probability
	done
	echo 0 >$D/fail_page_alloc/min-order
	echo N >$D/fail_page_alloc/ignore-gfp-highmem
}
kmark faults
inject "$FAULT_PERCENT"
# viewclass marks itself once started, and unmarks itself before it reports
OUT=$(ctr fi viewclass --make-it-fail $((256 * MIB)) "$HOSTTOTAL" "$FAULT_ROUNDS")
rc=$?
inject 0
echo "$OUT" | sed 's/^/    /'
FAILS=$(since faults | grep -c 'FAULT_INJECTION: forcing a failure')
echo "faults: $FAILS allocations failed by injection"
le "faults were injected" 1 "$FAILS"
eq "every answer was the view, the host's or an error" "$rc" 0
for v in meminfo sysinfo cpuinfo; do
	le "$v: read $FAULT_ROUNDS times" "$FAULT_ROUNDS" \
		"$(echo "$OUT" | awk -v v=$v '$1 == v { print $3 + $5 + $7 + $9 }')"
done
fb1=$(cat $STATUS/meminfo/fallbacks $STATUS/sysinfo/fallbacks $STATUS/cpuinfo/fallbacks | awk '{ s += $1 } END { print s }')
echo "faults: driso's fallback counters grew by $((fb1 - fb0))"
eq "without faults: the view again" "$(ctr_field fi MemTotal)" $((256 * MIB))
cg_rm fi
