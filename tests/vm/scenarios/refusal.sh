# shellcheck shell=sh
# Refusals, with the test build's switches (driso-test.ko): a missing kernel
# symbol, and a call that would be indirect to a function sealed under IBT.
# A required one fails the load with one message naming it and leaves no
# hook, sysfs entry or module behind; memcg_page_state falls back to the
# page counters.
echo "== refusal: missing symbols and calls unsafe under IBT"
ENABLED=/sys/kernel/tracing/enabled_functions
cg_new rfs 512
rmmod driso
FTRACE0=$(wc -l <$ENABLED)

# nothing_left WHAT: no trace of driso after a refused load.
nothing_left() {
	if grep -q '^driso ' /proc/modules; then
		fail "$1: driso still in /proc/modules"
		rmmod driso
	else
		ok "$1: not loaded"
	fi
	check "$1: no $STATUS" sh -c "[ ! -e $STATUS ]"
	eq "$1: no ftrace hook left" "$(wc -l <$ENABLED)" "$FTRACE0"
	eq "$1: the container sees the host" "$(ctr_field rfs MemTotal)" \
		"$(field MemTotal </proc/meminfo)"
}

# refused PARAM=SYMBOL MESSAGE: insmod with the switch fails, saying MESSAGE
# (busybox insmod tries twice, so once per attempt) and nothing else.
REFUSED=0
refused() {
	REFUSED=$((REFUSED + 1))
	test_ko_refused "$1" || return
	ok "$1: insmod refused"
	_log=$(since "$1" | sed 's/^\[[^]]*\] //' | grep '^driso: ' |
		grep -v 'taint' | sort -u)
	eq "$1: one message, naming the symbol" "$_log" "$(echo "$_log" | grep -F "$2")"
	check "$1: the message is there" sh -c "[ -n '$_log' ]"
	nothing_left "$1"
}

for sym in kallsyms_lookup_name css_task_iter_start cpuset_cpus_allowed \
	meminfo_proc_show __x64_sys_sysinfo; do
	[ $sym = kallsyms_lookup_name ] ||
		refused test_missing_symbol=$sym "driso: kernel symbol $sym not found"
	refused test_unsafe_call=$sym "driso: a call to $sym would be indirect"
done
refused test_missing_symbol=sysctl_overcommit_ratio \
	"driso: kernel symbol sysctl_overcommit_ratio not found"
# the controllers whose cgroup files' handlers driso calls
refused test_missing_symbol=cpu_cgrp_subsys \
	"driso: kernel symbol cpu_cgrp_subsys not found"

# a prototype other than the headers' (from the kernel's BTF, where it has
# one): refused, naming the function
if [ -e /sys/kernel/btf/vmlinux ]; then
	for fn in css_task_iter_start cpuset_cpus_allowed meminfo_proc_show; do
		refused test_bad_prototype=$fn "driso: kernel function $fn takes"
	done
	kmark bad-prototype-stats
	check "test_bad_prototype=memcg_page_state: loads" \
		insmod "$DRISO_TEST_KO" test_bad_prototype=memcg_page_state
	eq "... with the page counters" "$(cat $STATUS/stats_mode)" counters
	rmmod driso
else
	echo "refusal: no BTF on this kernel: the prototype checks have nothing to read"
fi

# memcg_page_state: refused, and the view falls back to the page counters.
kmark unsafe-stats
check "test_unsafe_call=memcg_page_state: loads" \
	insmod "$DRISO_TEST_KO" test_unsafe_call=memcg_page_state
eq "stats fall back to the page counters" "$(cat $STATUS/stats_mode)" counters
check "dmesg names the refused call" sh -c \
	"dmesg | grep -q 'driso: a call to memcg_page_state would be indirect'"
eq "the container still sees its 512M" "$(ctr_field rfs MemTotal)" $((512 * MIB))
rmmod driso
nothing_left "after rmmod"
insmod "$DRISO_KO"
eq "the production build has no test switches" \
	"$(ls $PARAMS | grep -c '^test_')" 0
cg_rm rfs
reliability refusal "cycles=$REFUSED refused loads"
