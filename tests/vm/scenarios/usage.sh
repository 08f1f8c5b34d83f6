# shellcheck shell=sh
# Usage tracking: 100M of anonymous memory, then 100M in tmpfs, show up in
# the container's view.
echo "== usage: 100M anon and 100M tmpfs"
cg_new use 512

OUT=$(ctr use sh -c '
	. /vmtests/scenarios/common.sh
	before=$(field MemFree </proc/meminfo)
	rm -f /tmp/hog.$$; memhog 100 >/tmp/hog.$$ &
	wait_for 60 grep -qs ready /tmp/hog.$$ || echo "memhog never ready" >&2
	wait_for 5 sh -c "[ \$(field AnonPages </proc/meminfo) -ge $((100 * MIB)) ]"
	after=$(field MemFree </proc/meminfo)
	echo "$before $after $(field AnonPages </proc/meminfo)"
	kill $!')
set -- $OUT
le "anon: MemFree drops by >= 95M ($1 -> $2)" $((95 * MIB)) $(($1 - $2))
le "anon: AnonPages >= 100M" $((100 * MIB)) "$3"

OUT=$(ctr use sh -c '
	. /vmtests/scenarios/common.sh
	mkdir -p /mnt/t && mount -t tmpfs t /mnt/t
	before=$(field MemFree </proc/meminfo)
	dd if=/dev/zero of=/mnt/t/f bs=1M count=100 2>/dev/null
	wait_for 5 sh -c "[ \$(field Shmem </proc/meminfo) -ge $((100 * MIB)) ]"
	MI=$(cat /proc/meminfo)
	viewcheck >&2
	vc=$?
	echo "$before $(echo "$MI" | field MemFree) $(echo "$MI" | field Shmem)" \
	     "$(echo "$MI" | field Cached) $(echo "$MI" | field MemAvailable) $vc"')
set -- $OUT
eq "tmpfs: viewcheck: the invariants hold" "$6" 0
le "tmpfs: MemFree drops by >= 95M ($1 -> $2)" $((95 * MIB)) $(($1 - $2))
le "tmpfs: Shmem >= 100M" $((100 * MIB)) "$3"
le "tmpfs: Cached >= Shmem" "$3" "$4"
# shmem cannot be dropped, so it is not available (lxcfs counts it)
le "tmpfs: MemAvailable does not count shmem" $(($5 - $2)) $((50 * MIB))
cg_rm use
