# shellcheck shell=sh
# Reading must not make memory pressure worse: driso must not allocate on
# the read path what the kernel's own path does not. The kmem trace events
# record the allocations of a container's reader (and its children:
# event-fork) for ALLOC_CALLS and 2 * ALLOC_CALLS calls of each view; the
# difference over ALLOC_CALLS is one call's. Asserted: no allocation whose
# call site is in driso (a container's first read, which starts tracking
# it, is made before counting). Printed: all slab allocations, with driso
# and without (they include the kernel's own and vary a little).
ALLOC_CALLS=${ALLOC_CALLS:-20}
T=/sys/kernel/tracing
echo "== allocs: allocations per read, with driso and without"
cg_new al 256
cg_quota al 100000 100000
ALLOC_EVENTS="kmalloc kmalloc_node kmem_cache_alloc kmem_cache_alloc_node"
# trace CALLS METHOD FILE: the allocation events of procbench's CALLS calls
trace() {
	echo 0 >$T/tracing_on
	echo >$T/trace
	echo 1 >$T/options/event-fork
	for e in $ALLOC_EVENTS; do
		[ -d $T/events/kmem/$e ] && echo 1 >$T/events/kmem/$e/enable
	done
	echo 1 >$T/tracing_on
	sh -c 'echo $$ >'$T'/set_event_pid; . /vmtests/scenarios/common.sh
		ctr al procbench -r 1 "$@" >/dev/null' sh "$2" "$1" "$3"
	echo 0 >$T/tracing_on
	echo >$T/set_event_pid
	for e in $ALLOC_EVENTS; do
		[ -d $T/events/kmem/$e ] && echo 0 >$T/events/kmem/$e/enable
	done
	grep -E " ($(echo $ALLOC_EVENTS | tr ' ' '|')):" $T/trace
}
# per_call METHOD FILE: "ALL DRISO" allocations per call, in hundredths
per_call() {
	trace "$ALLOC_CALLS" "$1" "$2" >/tmp/allocs.a
	trace $((2 * ALLOC_CALLS)) "$1" "$2" >/tmp/allocs.b
	echo $((($(wc -l </tmp/allocs.b) - $(wc -l </tmp/allocs.a)) * 100 / ALLOC_CALLS)) \
		$((($(grep -c '\[driso\]' /tmp/allocs.b) - $(grep -c '\[driso\]' /tmp/allocs.a)) * \
		100 / ALLOC_CALLS))
	grep '\[driso\]' /tmp/allocs.b | sed 's/.*call_site=\([^ ]*\).*/\1/' | sort | uniq -c |
		sed 's/^/    driso allocates at: /' | head -5
}
VIEWS_TO_COUNT="open:/proc/meminfo sysinfo:sysinfo(2) open:/proc/cpuinfo \
open:/sys/devices/system/cpu/online open:/proc/stat open:/proc/uptime \
open:/proc/loadavg open:/proc/swaps"
hundredths() { awk -v n="$1" 'BEGIN { printf "%.2f", n / 100 }'; }
# a first read, so that the container is tracked before counting
ctr al cat $ALL_VIEWS >/dev/null
for vf in $VIEWS_TO_COUNT; do
	per_call "${vf%%:*}" "${vf#*:}" >/tmp/allocs.with.$$
	head -n 1 /tmp/allocs.with.$$ >"/tmp/allocs.with.$(echo "${vf#*:}" | tr -c 'a-z0-9\n' _)"
	tail -n +2 /tmp/allocs.with.$$
done
rmmod driso
for vf in $VIEWS_TO_COUNT; do
	f=${vf#*:}
	set -- $(cat "/tmp/allocs.with.$(echo "$f" | tr -c 'a-z0-9\n' _)") \
		$(per_call "${vf%%:*}" "$f" | head -n 1)
	echo "allocs: $f: $(hundredths "$1") slab allocations per call with driso" \
		"($(hundredths "$2") in driso), $(hundredths "$3") without"
	eq "$f: no allocation in driso's read path" "$2" 0
	# the control: an open and read of a file allocates in the kernel (its
	# struct file, a seq_file buffer), so a trace that saw none saw nothing
	case $vf in
	open:*) le "$f: the trace saw the kernel's own allocations" 1 "$3" ;;
	esac
done
insmod "$DRISO_KO"
# tracing as the boot had it: on, no event
echo 1 >$T/tracing_on
cg_rm al
# per view and per mode, ALLOC_CALLS and then 2 * ALLOC_CALLS calls
reliability allocs "reads=$((8 * 2 * 3 * ALLOC_CALLS))" "cycles=8 views, with and without driso"
