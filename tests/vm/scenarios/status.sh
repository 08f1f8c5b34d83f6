# shellcheck shell=sh
# The status interface: hooks, statistics mode, counters; and the degraded
# counters-only mode.
echo "== status: /sys/kernel/driso"
cg_new st 512
HOOKS=$(tr '\n' ' ' <$STATUS/hooks)
eq "hooks installed" "$HOOKS" "meminfo_proc_show __x64_sys_sysinfo __ia32_compat_sys_sysinfo show_cpuinfo show_cpus_attr kernfs_fop_readdir uptime_proc_show swap_show show_stat loadavg_proc_show "
eq "statistics mode" "$(cat $STATUS/stats_mode)" full
VERSION=$(cat $STATUS/version)
case "$VERSION" in
[0-9]*.[0-9]*) ok "version $VERSION" ;;
*) fail "version: '$VERSION'" ;;
esac
eq "the same version as modinfo's" "$(cat /sys/module/driso/version)" "$VERSION"
eq "... and drisoctl's" "$(drisoctl --help | head -n 1)" "drisoctl $VERSION"
if echo 1 >$STATUS/meminfo/virtualized 2>/dev/null; then
	fail "status is writable"
else
	ok "status is read-only"
fi

v0=$(counter meminfo virtualized)
p0=$(counter meminfo passthrough)
s0=$(counter sysinfo virtualized)
ctr st cat /proc/meminfo >/dev/null
ctr st sysinfo >/dev/null
ctr st sysinfo -32 >/dev/null
cat /proc/meminfo >/dev/null
eq "meminfo virtualized +1" "$(counter meminfo virtualized)" $((v0 + 1))
le "meminfo passthrough grows" $((p0 + 1)) "$(counter meminfo passthrough)"
eq "sysinfo virtualized +2 (64-bit and ia32)" "$(counter sysinfo virtualized)" $((s0 + 2))
eq "no fallbacks" "$(counter meminfo fallbacks)" 0

echo 1 >$PARAMS/counters_only
eq "counters_only: mode" "$(cat $STATUS/stats_mode)" "counters (forced)"
MI=$(ctr st cat /proc/meminfo)
eq "counters_only: MemTotal" "$(echo "$MI" | field MemTotal)" $((512 * MIB))
eq "counters_only: MemAvailable = MemFree" "$(echo "$MI" | field MemAvailable)" \
	"$(echo "$MI" | field MemFree)"
check "counters_only: invariants hold" ctr st viewcheck
echo 0 >$PARAMS/counters_only
eq "back to full statistics" "$(cat $STATUS/stats_mode)" full
cg_rm st
