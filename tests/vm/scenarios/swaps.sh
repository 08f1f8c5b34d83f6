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
	OUT=$(ctr sw sh -c '
		. /vmtests/scenarios/common.sh
		memhog 150 >/tmp/hog &
		while ! grep -q ready /tmp/hog; do sleep 0.1; done
		MI=$(cat /proc/meminfo)
		echo "$(echo "$MI" | field SwapTotal) $(echo "$MI" | field SwapFree)" \
			$(awk "NR == 2 { print \$3, \$4 }" /proc/swaps)
		kill $!')
	set -- $OUT
	eq "in use: Size = SwapTotal" "$3" "$1"
	# read a moment apart: allow 1M of drift
	le "in use: Used = SwapTotal - SwapFree (+-1M)" \
		"$(( ($4 - $1 + $2) * ($4 - $1 + $2) ))" $((MIB * MIB))
	le "in use: something swapped" 1 "$4"
	eq "host: its own devices" "$(grep -c zram0 /proc/swaps)" 1
	cg_rm sw
	cg_rm nosw
	swapoff /dev/zram0
	echo 1 >/sys/block/zram0/reset
else
	fail "zram swap could not be set up"
fi
