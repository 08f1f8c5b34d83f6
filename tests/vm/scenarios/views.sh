# shellcheck shell=sh
# Each view has its own switch and its own counters.
echo "== views: one switch and one set of counters per view"
cg_new vw 512 0
cg_cpus vw 0
ctr_start vw

# view FILE PARAM: a file of the view and the parameter that switches it
for pair in meminfo:/proc/meminfo cpuinfo:/proc/cpuinfo \
	cpu_online:/sys/devices/system/cpu/online stat:/proc/stat \
	uptime:/proc/uptime loadavg:/proc/loadavg swaps:/proc/swaps; do
	v=${pair%%:*} f=${pair#*:}
	c0=$(counter "$v" virtualized)
	ON=$(cexec vw cat "$f" | md5sum)
	le "$v: a container read counts as virtualized" $((c0 + 1)) "$(counter "$v" virtualized)"
	echo 0 >"$PARAMS/$v"
	c1=$(counter "$v" virtualized)
	OFF=$(cexec vw cat "$f" | md5sum)
	eq "$v=0: not virtualized" "$(counter "$v" virtualized)" "$c1"
	# the container's text is the host's: all of it where nothing moves,
	# else what does not move between two reads (names, counts), or the
	# values within what moves in a moment
	case $v in
	cpuinfo | cpu_online | swaps)
		eq "$v=0: the host's text" "$(cexec vw cat "$f" | md5sum)" "$(md5sum <"$f")"
		[ "$v" = swaps ] ||
			if [ "$ON" != "$OFF" ]; then ok "$v=0: not the view's text"; else fail "$v=0: still the view"; fi ;;
	meminfo)
		eq "meminfo=0: the host's fields" "$(cexec vw awk '{ print $1 }' "$f" | md5sum)" \
			"$(awk '{ print $1 }' "$f" | md5sum)" ;;
	stat)
		eq "stat=0: the host's cpuN lines" "$(cexec vw grep -c '^cpu[0-9]' "$f")" \
			"$(grep -c '^cpu[0-9]' "$f")" ;;
	uptime)
		_c=$(cexec vw cut -d. -f1 "$f") _h=$(cut -d. -f1 "$f")
		le "uptime=0: the host's uptime, within 5 s" $(((_h - _c) * (_h - _c))) 25 ;;
	loadavg)
		# the averages change every 5 s: equal in one of three tries
		_n=0
		while [ $_n -lt 3 ]; do
			[ "$(cexec vw cut -d' ' -f1-3 "$f")" = "$(cut -d' ' -f1-3 "$f")" ] && break
			_n=$((_n + 1))
		done
		le "loadavg=0: the host's averages" "$_n" 2 ;;
	esac
	echo 1 >"$PARAMS/$v"
done
eq "meminfo=0 shows the host's MemTotal" "$(echo 0 >$PARAMS/meminfo; cexec vw cat /proc/meminfo | field MemTotal; echo 1 >$PARAMS/meminfo)" \
	"$(field MemTotal </proc/meminfo)"
eq "sysinfo=0 shows the host's RAM" "$(echo 0 >$PARAMS/sysinfo; cexec vw sysinfo | awk '/^totalram_kb/ { print $2 }'; echo 1 >$PARAMS/sysinfo)" \
	"$(field MemTotal </proc/meminfo)"
PROCS=$(cexec vw sysinfo | awk '/^procs/ { print $2 }')
THREADS=$(cexec vw cut -d' ' -f4 /proc/loadavg)
le "sysinfo procs agrees with loadavg's threads (+-2)" \
	"$(( (PROCS - ${THREADS#*/}) * (PROCS - ${THREADS#*/}) ))" 4
PERCPU=$(cexec vw top -bn1 -1 | grep -c '^%Cpu[0-9]')
eq "top -1: one line per container CPU" "$PERCPU" 1
cg_rm vw
