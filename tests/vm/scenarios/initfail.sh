# shellcheck shell=sh
# A failed load leaves nothing behind, whichever step fails. While readers
# in a container and on the host read every view without pause, the test
# build (driso-test.ko) fails init at each of its steps in turn
# (test_fail_init_step: symbols, layout, scope, memview, cpuview, tracker,
# the eight renderers, status, hooks), and fails each hook's install after
# the hooks before it went live and served reads (test_fail_hook). After
# each: insmod refused with the step's message, driso not loaded, no status
# files, no ftrace hook, the container sees the host. A step past the last
# loads (the count of steps is right), and then a real load and unload
# work. The harness fails the run on any oops, WARNING, KASAN or lockdep
# report, and the debug kernel's kmemleak scan at the end of the run
# (init) sees every object a failed load left.
# INITFAIL_STRIDE=N: every N-th step and hook, and always the last (each
# failed load takes seconds under TCG); 1, every one, on the debug kernel.
INITFAIL_STEPS=16
INITFAIL_HOOKS=${INITFAIL_HOOKS:-10}
INITFAIL_STRIDE=${INITFAIL_STRIDE:-1}
echo "== initfail: every ${INITFAIL_STRIDE}. of $INITFAIL_STEPS init steps and $INITFAIL_HOOKS hook installs fail in turn under readers"
ENABLED=/sys/kernel/tracing/enabled_functions
HOSTTOTAL=$(field MemTotal </proc/meminfo)
cg_new ifl 512
rmmod driso
FTRACE0=$(wc -l <$ENABLED)
STOP=/tmp/initfail.stop
rm -f $STOP /tmp/initfail.reads.*
# viewloop exits 1 on any failed read: a reader that dies is seen below
ctr ifl viewloop $STOP /tmp/initfail.reads.c1 $ALL_VIEWS &
R1=$!
ctr ifl viewloop $STOP /tmp/initfail.reads.c2 $ALL_VIEWS &
R2=$!
viewloop $STOP /tmp/initfail.reads.h1 $ALL_VIEWS &
R3=$!
readers_started /tmp/initfail.reads.c1 /tmp/initfail.reads.c2 /tmp/initfail.reads.h1

# failed PARAM=N MESSAGE: insmod refused, saying MESSAGE, and nothing left.
FAILED=0
failed() {
	FAILED=$((FAILED + 1))
	test_ko_refused "$1" || return
	if since "$1" | grep -q "$2"; then
		ok "$1: the failure is the one asked for"
	else
		fail "$1: the failure is the one asked for ($2)"
	fi
	if grep -q '^driso ' /proc/modules; then
		fail "$1: driso still in /proc/modules"
		rmmod driso
	fi
	[ ! -e "$STATUS" ] || fail "$1: $STATUS left"
	[ "$(wc -l <$ENABLED)" = "$FTRACE0" ] || fail "$1: an ftrace hook left"
}

# strided LAST: 1, 1 + stride, ... and LAST
strided() {
	_k=1
	while [ $_k -le "$1" ]; do
		echo $_k
		_k=$((_k + INITFAIL_STRIDE))
	done
	[ $((($1 - 1) % INITFAIL_STRIDE)) = 0 ] || echo "$1"
}
for i in $(strided $INITFAIL_STEPS); do
	failed test_fail_init_step=$i "driso: test: failing init step $i\$"
done
for i in $(strided "$INITFAIL_HOOKS"); do
	failed test_fail_hook=$i "driso: test: failing hook $i,"
done
echo "initfail: $FAILED failed loads, each checked for what it left"
eq "every failed load left nothing behind" "$(grep -c '^driso ' /proc/modules)" 0
eq "the container sees the host after them" "$(ctr_field ifl MemTotal)" "$HOSTTOTAL"
# the count of steps: one more loads
check "test_fail_init_step=$((INITFAIL_STEPS + 1)): past the last step, loads" \
	insmod "$DRISO_TEST_KO" test_fail_init_step=$((INITFAIL_STEPS + 1))
eq "... and serves the view" "$(ctr_field ifl MemTotal)" $((512 * MIB))
rmmod driso
touch $STOP
for _p in $R1 $R2 $R3; do
	wait $_p || fail "initfail: reader $_p failed a read or died"
done
readers_read "initfail: every reader read through the failed loads" 5 \
	/tmp/initfail.reads.c1 /tmp/initfail.reads.c2 /tmp/initfail.reads.h1
check "a real load after them" insmod "$DRISO_KO"
eq "... serves the view" "$(ctr_field ifl MemTotal)" $((512 * MIB))
check "... and unloads" rmmod driso
check "... and loads again" insmod "$DRISO_KO"
cg_rm ifl
reliability initfail "cycles=$FAILED failed loads"
