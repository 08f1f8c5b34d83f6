# shellcheck shell=sh
# Loading installs every hook or none. ftrace allows one IPMODIFY user per
# function: with ipmodify_holder on the second hooked function (one hook
# installed before it) or on the third (two installed), insmod must fail,
# roll back what it installed and leave nothing behind.
echo "== conflict: another IPMODIFY user on a hooked function"
HOLDER=$DRISO_MODULES/ipmodify_holder.ko
HOSTTOTAL=$(field MemTotal </proc/meminfo)
hooks() {
	tr '\n' ' ' <"$STATUS/hooks"
}
HOOKS=$(hooks)
cg_new cfl 512

# busybox insmod runs a module's init twice when it fails: finit_module(),
# then init_module() as a fallback. The module_load tracepoint counts the
# attempts, so the log can be checked per attempt.
LOADS=/sys/kernel/tracing/events/module/module_load/enable
echo 1 >$LOADS
# whatever an earlier scenario left (allocs traces with it off between runs)
echo 1 >/sys/kernel/tracing/tracing_on
attempts() {
	grep -cw 'module_load: driso' /sys/kernel/tracing/trace
}

totalram() {
	ctr cfl sysinfo "$@" | awk '/^totalram_kb/ { print $2 }'
}

# conflict FUNC: driso must refuse to load while FUNC is held.
conflict() {
	rmmod driso 2>/dev/null
	check "holder takes $1" insmod "$HOLDER" func="$1"
	echo >/sys/kernel/tracing/trace
	kmark "conflict $1"
	if insmod "$DRISO_KO" 2>/dev/null; then
		fail "insmod driso loaded while $1 is held"
		rmmod driso
	else
		ok "insmod driso refused while $1 is held"
	fi
	_n=$(attempts)
	le "insmod tried to load driso ($_n times)" 1 "$_n"
	eq "dmesg: one 'cannot hook $1 (-16)' per attempt" \
		"$(since "conflict $1" | grep -c "driso: cannot hook $1 (-16)\$")" "$_n"
	eq "dmesg: no other hook failure, no 'loaded'" \
		"$(since "conflict $1" | grep -cE 'driso: (cannot (hook|trace)|loaded)')" "$_n"
	if grep -q '^driso ' /proc/modules; then
		fail "driso in /proc/modules after the refused load"
	else
		ok "driso not in /proc/modules"
	fi
	check "$STATUS gone" sh -c "[ ! -e $STATUS ]"
	# no hook left behind: every path gives the kernel's own numbers
	eq "container: meminfo MemTotal is the host's" \
		"$(ctr_field cfl MemTotal)" "$HOSTTOTAL"
	eq "container: sysinfo totalram is the host's" "$(totalram)" "$HOSTTOTAL"
	eq "container: ia32 sysinfo totalram is the host's" \
		"$(totalram -32)" "$HOSTTOTAL"
	check "holder released" rmmod ipmodify_holder
	check "insmod driso once $1 is free" insmod "$DRISO_KO"
	eq "container: the view again" "$(ctr_field cfl MemTotal)" $((512 * MIB))
	eq "container: sysinfo view again" "$(totalram)" $((512 * MIB))
	eq "every hook installed again" "$(hooks)" "$HOOKS"
}

eq "before: the view" "$(ctr_field cfl MemTotal)" $((512 * MIB))
case "$HOOKS" in
"meminfo_proc_show __x64_sys_sysinfo __ia32_compat_sys_sysinfo "*)
	ok "hooks in order: meminfo, sysinfo, ia32 sysinfo" ;;
*) fail "hooks in order: meminfo, sysinfo, ia32 sysinfo (got '$HOOKS')" ;;
esac
# the holder is a real IPMODIFY user: driso's hook keeps it out
if insmod "$HOLDER" 2>/dev/null; then
	fail "holder took __x64_sys_sysinfo from driso"
	rmmod ipmodify_holder
else
	ok "holder refused while driso hooks __x64_sys_sysinfo"
fi
conflict __x64_sys_sysinfo
conflict __ia32_compat_sys_sysinfo
echo 0 >$LOADS
cg_rm cfl
