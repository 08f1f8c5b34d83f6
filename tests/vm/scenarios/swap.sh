# shellcheck shell=sh
# Swap limits: v2 memory.swap.max, v1 memsw minus memory; on zram.
echo "== swap: zram, swap limits"
if [ ! -e /sys/block/zram0 ]; then
	modprobe zram num_devices=1 2>/dev/null
fi
# a fresh device, whatever ran before
[ -e /sys/block/zram0 ] && echo 1 >/sys/block/zram0/reset
if [ -e /sys/block/zram0 ] && echo 256M >/sys/block/zram0/disksize &&
	mkswap /dev/zram0 >/dev/null && swapon /dev/zram0; then
	HOSTSWAP=$(field SwapTotal </proc/meminfo)
	le "host swap is on" $((200 * MIB)) "$HOSTSWAP"

	cg_new sw 128 64
	eq "128M + 64M swap: SwapTotal" "$(ctr_field sw SwapTotal)" $((64 * MIB))
	OUT=$(ctr sw sh -c '
		. /vmtests/scenarios/common.sh
		rm -f /tmp/hog.$$; memhog 160 >/tmp/hog.$$ &
		wait_for 60 grep -qs ready /tmp/hog.$$ || echo "memhog never ready" >&2
		MI=$(cat /proc/meminfo)
		viewcheck >&2
		vc=$?
		echo "$(echo "$MI" | field SwapTotal) $(echo "$MI" | field SwapFree) $vc"
		kill $!')
	set -- $OUT
	eq "160M in 128M: viewcheck: the invariants hold" "$3" 0
	le "160M in 128M: swap in use (SwapFree $2 < SwapTotal $1)" $(($2 + 16 * MIB)) "$1"

	cg_new noswap 128 0
	eq "swap limit 0: SwapTotal" "$(ctr_field noswap SwapTotal)" 0
	eq "swap limit 0: SwapFree" "$(ctr_field noswap SwapFree)" 0

	cg_new anyswap 128 max
	eq "no swap limit: SwapTotal is the host's" "$(ctr_field anyswap SwapTotal)" "$HOSTSWAP"
	eq "sysinfo agrees: totalswap" \
		"$(ctr anyswap sysinfo | awk '/^totalswap_kb/ { print $2 }')" "$HOSTSWAP"
	cg_rm sw
	cg_rm noswap
	cg_rm anyswap
	swapoff /dev/zram0
	echo 1 >/sys/block/zram0/reset
else
	fail "zram swap could not be set up"
fi
