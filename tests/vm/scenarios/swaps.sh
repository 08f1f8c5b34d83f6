# shellcheck shell=sh
# /proc/swaps agrees with the container's SwapTotal and SwapFree.
echo "== swaps: /proc/swaps follows the view"
[ -e /sys/block/zram0 ] || modprobe zram num_devices=1 2>/dev/null
echo 1 >/sys/block/zram0/reset
if echo 128M >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null &&
	swapon /dev/zram0; then
	cg_new nosw 128 0
	eq "no swap: header only" "$(ctr nosw cat /proc/swaps | wc -l)" 1
	cg_new sw 128 32
	OUT=$(ctr sw cat /proc/swaps)
	eq "32M swap: one device line" "$(echo "$OUT" | wc -l)" 2
	eq "32M swap: Size is SwapTotal" "$(echo "$OUT" | awk 'NR == 2 { print $3 }')" \
		"$(ctr_field sw SwapTotal)"
	# a reading of /proc/swaps between two equal readings of meminfo
	OUT=$(ctr sw sh -c '
		. /vmtests/scenarios/common.sh
		rm -f /tmp/hog.$$; memhog 150 >/tmp/hog.$$ &
		wait_for 60 grep -qs ready /tmp/hog.$$ || echo "memhog never ready" >&2
		for i in $(seq 50); do
			a=$(awk "/^Swap(Total|Free):/ { print \$2 }" /proc/meminfo)
			b=$(awk "NR == 2 { print \$3, \$4 }" /proc/swaps)
			[ "$a" = "$(awk "/^Swap(Total|Free):/ { print \$2 }" /proc/meminfo)" ] && break
			sleep 0.2
		done
		echo $a $b
		kill $!')
	set -- $OUT
	eq "in use: Size = SwapTotal" "$3" "$1"
	eq "in use: Used = SwapTotal - SwapFree" "$4" $(($1 - $2))
	le "in use: something swapped" 1 "$4"
	eq "host: its own devices" "$(grep -c zram0 /proc/swaps)" 1
	cg_rm sw
	cg_rm nosw
	swapoff /dev/zram0
	echo 1 >/sys/block/zram0/reset
else
	fail "zram swap could not be set up"
fi
