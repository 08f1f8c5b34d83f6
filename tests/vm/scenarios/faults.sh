# shellcheck shell=sh
# Fault injection (kernels with failslab, fail_page_alloc and fail_function:
# the debug kernel). In a 256M/1-CPU container, viewclass reads every view
# and sorts every answer: the view, the host's, or an error, never anything
# else. Three parts:
# 1. FAULT_PERCENT of the reader's slab and page allocations fail
#    (GFP_KERNEL ones included), FAULT_ROUNDS rounds;
# 2. each injectable function the read path calls (found with the function
#    tracer) fails FN_PERCENT of the time, FN_ROUNDS rounds each;
# 3. driso is loaded with the Nth fault point of the load failing, for
#    N = 1, 1 + LOAD_STEP, ... until a load meets fewer: a refused load
#    leaves no module, sysfs entry, ftrace hook, kprobe or leak, and a load
#    that succeeds has every hook.
FAULT_ROUNDS=${FAULT_ROUNDS:-50}
FAULT_PERCENT=${FAULT_PERCENT:-10}
FN_ROUNDS=${FN_ROUNDS:-10}
FN_PERCENT=${FN_PERCENT:-50}
LOAD_STEP=${LOAD_STEP:-50}
D=/sys/kernel/debug
T=/sys/kernel/tracing
echo "== faults: failslab/fail_page_alloc $FAULT_PERCENT% ($FAULT_ROUNDS rounds)," \
	"fail_function $FN_PERCENT% ($FN_ROUNDS rounds), load with fault N (step $LOAD_STEP)"
if [ ! -d $D/failslab ] || [ ! -d $D/fail_page_alloc ] || [ ! -d $D/fail_function ]; then
	skip faults "no failslab/fail_page_alloc/fail_function in this kernel"
	return 0
fi
cg_new flt 256
cg_quota flt 100000 100000
HOSTTOTAL=$(field MemTotal </proc/meminfo)
HOSTCPUS=$(grep -c ^processor /proc/cpuinfo)
fallbacks() { cat $STATUS/*/fallbacks | awk '{ s += $1 } END { print s }'; }
# attrs DIR PERCENT: fail PERCENT of the calls of make-it-fail tasks
attrs() {
	echo Y >"$1/task-filter"
	echo 1 >"$1/interval"
	echo -1 >"$1/times"
	echo 1 >"$1/verbose"
	echo 1000000 >"$1/verbose_ratelimit_burst"
	echo "$2" >"$1/probability"
}
# GFP_KERNEL allocations and order-0 pages too; also what fail-nth counts
for f in $D/failslab $D/fail_page_alloc; do echo N >$f/ignore-gfp-wait; done
echo 0 >$D/fail_page_alloc/min-order
echo N >$D/fail_page_alloc/ignore-gfp-highmem
injected() { since "$1" | grep -c 'FAULT_INJECTION: forcing a failure'; }
# classify LABEL ROUNDS: viewclass in the container; its counts indented
classify() {
	OUT=$(ctr flt viewclass --make-it-fail $((256 * MIB)) "$HOSTTOTAL" 1 "$HOSTCPUS" "$2")
	rc=$?
	echo "$OUT" | sed 's/^/    /'
	eq "$1: every answer was the view, the host's or an error" "$rc" 0
	# each round answers once for each of the 11 views: none was skipped
	eq "$1: $2 rounds of the 11 views answered" \
		"$(echo "$OUT" | awk '$2 == "view" { n++; s += $3 + $5 + $7 + $9 } END { print n + 0, s + 0 }')" \
		"11 $(($2 * 11))"
	READS=$((READS + $(echo "$OUT" | awk '{ s += $3 + $5 + $7 + $9 } END { print s }')))
	HOSTS=$((HOSTS + $(echo "$OUT" | awk '{ s += $5 } END { print s }')))
}
READS=0 HOSTS=0
fb0=$(fallbacks)

# 1. slab and page allocations
kmark faults-alloc
attrs $D/failslab "$FAULT_PERCENT"
attrs $D/fail_page_alloc "$FAULT_PERCENT"
classify "alloc $FAULT_PERCENT%" "$FAULT_ROUNDS"
attrs $D/failslab 0
attrs $D/fail_page_alloc 0
ALLOC_FAILS=$(injected faults-alloc)
echo "faults: $ALLOC_FAILS allocations failed by injection"
le "allocation faults were injected" 1 "$ALLOC_FAILS"

# 2. every injectable function the read path calls
grep -v '^#' $T/available_filter_functions | cut -d' ' -f1 | sort -u >/tmp/traceable
cut -f1 $D/fail_function/injectable | cut -d' ' -f1 |
	awk 'NR == FNR { t[$1]; next } $1 in t' /tmp/traceable - >/tmp/injectable
echo 0 >$T/tracing_on
echo >$T/trace
cat /tmp/injectable >$T/set_ftrace_filter
echo function >$T/current_tracer
echo 1 >$T/tracing_on
ctr flt viewclass $((256 * MIB)) "$HOSTTOTAL" 1 "$HOSTCPUS" 1 >/dev/null
echo 0 >$T/tracing_on
FNS=$(grep -v '^#' $T/trace | grep 'viewclass-' |
	sed 's/.*: \([^ ]*\) <-.*/\1/' | sort -u | tr '\n' ' ')
echo nop >$T/current_tracer
echo 1 >$T/tracing_on
echo >$T/set_ftrace_filter
echo "faults: injectable functions on the read path: $FNS"
check "the read path calls injectable functions" [ -n "$FNS" ]
FN_FAILS=0
attrs $D/fail_function "$FN_PERCENT"
for fn in $FNS; do
	kmark "faults-fn-$fn"
	if ! echo "$fn" >$D/fail_function/inject 2>/dev/null; then
		echo "faults: fail_function cannot take $fn"
		continue
	fi
	classify "fail_function $fn" "$FN_ROUNDS"
	echo "!$fn" >$D/fail_function/inject
	FN_FAILS=$((FN_FAILS + $(injected "faults-fn-$fn")))
done
attrs $D/fail_function 0
echo "faults: $FN_FAILS calls failed by fail_function"
le "function faults were injected" 1 "$FN_FAILS"
FALLBACKS=$(($(fallbacks) - fb0))
echo "faults: $HOSTS answers were the host's; driso's fallback counters grew by $FALLBACKS"
# a reader in scope gets the host's text only through a counted fallback
le "every host answer was counted as a fallback" "$HOSTS" "$FALLBACKS"
eq "without faults: the view again" "$(ctr_field flt MemTotal)" $((256 * MIB))

# 3. the load path
HOOKS=$(cat $STATUS/hooks)
rmmod driso
FTRACE0=$(wc -l <$T/enabled_functions)
KPROBES0=$(wc -l <$D/kprobes/list)
echo clear >$D/kmemleak 2>/dev/null
n=1 loads=0 refused=0 leftover=0 partial=0 LOAD_FAILS=0
while :; do
	set -- $(loadfail "$DRISO_KO" $n)
	[ $n = 1 ] && echo "faults: load with fault 1: $*"
	[ "$1" = injected ] && LOAD_FAILS=$((LOAD_FAILS + 1))
	if [ "$2" = loaded ]; then
		loads=$((loads + 1))
		[ "$(cat $STATUS/hooks)" = "$HOOKS" ] || partial=$((partial + 1))
		rmmod driso
	else
		refused=$((refused + 1))
	fi
	if grep -q '^driso ' /proc/modules || [ -e $STATUS ] ||
		[ "$(wc -l <$T/enabled_functions)" != "$FTRACE0" ] ||
		[ "$(wc -l <$D/kprobes/list)" != "$KPROBES0" ]; then
		leftover=$((leftover + 1))
		echo "faults: load with fault $n: something left registered"
		rmmod driso 2>/dev/null
	fi
	[ "$1" = injected ] || break
	n=$((n + LOAD_STEP))
done
echo "faults: load path: $LOAD_FAILS loads with one fault injected (fault points 1..$n," \
	"step $LOAD_STEP): $refused refused, $loads loaded"
le "load path: faults were injected" 1 "$LOAD_FAILS"
le "load path: some loads were refused" 1 "$refused"
eq "load path: nothing left registered after any of them" "$leftover" 0
eq "load path: every load that succeeded has every hook" "$partial" 0
LEAKS=0
if [ -w $D/kmemleak ]; then
	sleep 6
	echo scan >$D/kmemleak
	echo scan >$D/kmemleak
	LEAKS=$(grep -c '^unreferenced object' $D/kmemleak)
	[ "$LEAKS" = 0 ] || cat $D/kmemleak
	eq "load path: kmemleak: no new leak" "$LEAKS" 0
fi
insmod "$DRISO_KO"
eq "after the load faults: the view" "$(ctr_field flt MemTotal)" $((256 * MIB))
cg_rm flt
reliability faults "reads=$READS" "faults=$((ALLOC_FAILS + FN_FAILS + LOAD_FAILS))" \
	"cycles=$((loads + refused))"
