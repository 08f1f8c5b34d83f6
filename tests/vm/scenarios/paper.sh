# shellcheck shell=sh
# The paper's test: in a container limited to 512M, every tool shows 512M
# and consistent used and free figures.
echo "== paper: a 512M container"
cg_new box 512
MI=$(ctr box cat /proc/meminfo)
eq "cat /proc/meminfo: MemTotal" "$(echo "$MI" | field MemTotal)" $((512 * MIB))

# procps free: used = total - free - buff/cache, never negative
set -- $(ctr box free -k | awk '/^Mem:/ { print $2, $3, $4, $6 }')
eq "free: total" "$1" $((512 * MIB))
le "free: used + free + buff/cache = total" $(($2 + $3 + $4)) "$1"
le "free: used > 0" 1 "$2"
le "free: free > 400M" $((400 * MIB)) "$3"

set -- $(ctr box busybox free | awk '/^Mem:/ { print $2, $3, $4 }')
eq "busybox free: total (sysinfo)" "$1" $((512 * MIB))
le "busybox free: used + free <= total" $(($2 + $3)) "$1"

VMFREE=$(ctr box vmstat | awk 'NR == 3 { print $4 }')
le "vmstat: free <= 512M" "$VMFREE" $((512 * MIB))
le "vmstat: free > 400M" $((400 * MIB)) "$VMFREE"

TOP=$(ctr box top -bn1 | grep -E '^(MiB|KiB) Mem')
case "$TOP" in
*"512.0 total"* | *"524288 total"*) ok "top -bn1: $TOP" ;;
*) fail "top -bn1 shows 512M (got '$TOP')" ;;
esac

eq "sysconf(_SC_PHYS_PAGES)" "$(ctr box sysconf | awk '/^phys_kb/ { print $2 }')" $((512 * MIB))
eq "sysinfo(2) totalram" "$(ctr box sysinfo | awk '/^totalram_kb/ { print $2 }')" $((512 * MIB))
eq "ia32 sysinfo totalram" "$(ctr box sysinfo -32 | awk '/^totalram_kb/ { print $2 }')" $((512 * MIB))

NAMES=$(echo "$MI" | cut -d: -f1 | tr '\n' ' ')
for m in read pread readv sendfile splice bytes; do
	OUT=$(ctr box readpaths "$m" /proc/meminfo)
	eq "$m: MemTotal" "$(echo "$OUT" | field MemTotal)" $((512 * MIB))
	eq "$m: same lines as cat" "$(echo "$OUT" | cut -d: -f1 | tr '\n' ' ')" "$NAMES"
done
check "viewcheck: invariants and sysinfo agreement" ctr box viewcheck

# a real OCI runtime, where the kernel has what runc needs (the debug
# kernel lacks BPF cgroup device filters). The probe gets 64M: runc's own
# init uses about 16M, and an OOM kill's report would fail the run.
if /vmtests/runc-run 64 true 2>/dev/null; then
	OUT=$(/vmtests/runc-run 512 cat /proc/meminfo)
	eq "runc container: MemTotal" "$(echo "$OUT" | field MemTotal)" $((512 * MIB))
	eq "runc container: free total" \
		"$(/vmtests/runc-run 512 free -k | awk '/^Mem:/ { print $2 }')" $((512 * MIB))
else
	skip runc "runc cannot start containers on this kernel"
fi
cg_rm box
