# shellcheck shell=sh
# CPU views (run with --smp 4): the cpuset's online CPUs, cut to
# ceil(quota/period), renumbered from 0 in cpuinfo and cpu/online, possible
# and present, and counted by glibc (_SC_NPROCESSORS_ONLN and _CONF), getconf, top, lscpu
# and nproc --all, which counts the cpuN directories the listing shows;
# sched_getaffinity (nproc) stays real. They follow the CPU limits alone:
# with or without a memory limit, and a memory limit alone keeps the host's.
echo "== cpus: cpuset and quota limits"
NCPU=$(grep -c ^processor /proc/cpuinfo)
le "the guest has 4 CPUs" 4 "$NCPU"

# expect_cpus CGROUP N AFFINITY: what a container in CGROUP sees
expect_cpus() {
	# few processes: under a quota of half a CPU each fork is slow
	OUT=$(ctr "$1" sh -c '
		D=/sys/devices/system/cpu
		read -r x <$D/online && echo online $x
		read -r x <$D/possible && echo possible $x
		read -r x <$D/present && echo present $x
		awk -F": *" "FILENAME == \"/proc/cpuinfo\" && /^processor/ { n++; nums = nums \$2 \",\" }
			FILENAME == \"/proc/cpuinfo\" && /^siblings/ { sib[\$2] }
			FILENAME == \"/proc/cpuinfo\" && /^cpu cores/ { cores[\$2] }
			FILENAME == \"/proc/cpuinfo\" && /^apicid/ { ap = ap \$2 \",\" }
			FILENAME == \"/proc/stat\" && /^cpu[0-9]/ { st++ }
			FILENAME == \"/proc/meminfo\" && /^MemTotal:/ { split(\$2, m, \" \"); mt = m[1] }
			END { printf \"procs %d\\nnumbers %s\\nstatcpus %d\\napicids %s\\nmemtotal %s\\n\", n, nums, st, ap, mt
				for (k in sib) s = s k; for (k in cores) c = c k
				printf \"siblings %s\\ncores %s\\n\", s, c }" /proc/cpuinfo /proc/stat /proc/meminfo
		echo getconf $(getconf _NPROCESSORS_ONLN)
		sysconf | awk "/^nprocessors_onln/ { print \"sysconf\", \$2 } /^get_nprocs / { print \"nprocs\", \$2 }
			/^nprocessors_conf/ { print \"conf\", \$2 } /^get_nprocs_conf/ { print \"nprocsconf\", \$2 }"
		echo nprocall $(nproc --all)
		echo lscpu $(lscpu | sed -n "s/^CPU(s): *//p")
		ls $D | awk "/^cpu[0-9]+\$/ { n++; i = substr(\$0, 4) + 0; d[i]; if (i > mx) mx = i }
			/^(online|possible|present)\$/ { o++ }
			END { for (i = 0; i <= mx; i++) if (i in d) l = l \"cpu\" i \",\"
				printf \"cpudirs %d\\ndirnames %s\\nothers %d\\n\", n, l, o }"
		echo nproc $(nproc)
		echo top $(top -bn1 >/dev/null && echo ok)
		echo uptime $(uptime >/dev/null && echo ok)')
	get() { echo "$OUT" | awk -v k="$1" '$1 == k { print $2 }'; }
	_last=$(($2 - 1))
	_range=0
	[ "$2" -gt 1 ] && _range="0-$_last"
	_nums=$(seq -s, 0 "$_last"),
	eq "$1: cpu/online" "$(get online)" "$_range"
	eq "$1: cpu/possible" "$(get possible)" "$_range"
	eq "$1: cpu/present" "$(get present)" "$_range"
	eq "$1: cpuinfo processors" "$(get procs)" "$2"
	eq "$1: cpuinfo numbered from 0" "$(get numbers)" "$_nums"
	eq "$1: cpuinfo siblings" "$(get siblings)" "$2"
	eq "$1: cpuinfo cpu cores" "$(get cores)" "$2"
	eq "$1: cpuinfo apicid" "$(get apicids)" "$_nums"
	eq "$1: /proc/stat cpuN lines" "$(get statcpus)" "$2"
	eq "$1: getconf _NPROCESSORS_ONLN" "$(get getconf)" "$2"
	eq "$1: sysconf(_SC_NPROCESSORS_ONLN)" "$(get sysconf)" "$2"
	eq "$1: get_nprocs()" "$(get nprocs)" "$2"
	eq "$1: sysconf(_SC_NPROCESSORS_CONF)" "$(get conf)" "$2"
	eq "$1: get_nprocs_conf()" "$(get nprocsconf)" "$2"
	eq "$1: MemTotal" "$(get memtotal)" "$4"
	eq "$1: nproc --all" "$(get nprocall)" "$2"
	eq "$1: lscpu's CPU(s)" "$(get lscpu)" "$2"
	eq "$1: cpuN directories listed" "$(get cpudirs)" "$2"
	eq "$1: ... cpu0 to cpu$_last" "$(get dirnames)" "$(seq 0 "$_last" | sed 's/^/cpu/' | tr '\n' ,)"
	eq "$1: ... and the files beside them" "$(get others)" 3
	eq "$1: nproc (affinity, unchanged)" "$(get nproc)" "$3"
	eq "$1: top -bn1 runs" "$(get top)" ok
	eq "$1: uptime runs" "$(get uptime)" ok
}

HOSTTOTAL=$(field MemTotal </proc/meminfo)
cg_new set12 512
cg_cpus set12 1-2
expect_cpus set12 2 2 $((512 * MIB))

cg_new q15 512
cg_quota q15 150000 100000
expect_cpus q15 2 "$NCPU" $((512 * MIB))

cg_new q05 512
cg_quota q05 50000 100000
expect_cpus q05 1 "$NCPU" $((512 * MIB))

cg_new par 512
cg_quota par 200000 100000
cg_new par/kid 512
cg_cpus par/kid 0-3
expect_cpus par/kid 2 4 $((512 * MIB))

# CPU limits without a memory limit: the CPU views, the host's memory
cg_new oset max
cg_cpus oset 2-3
expect_cpus oset 2 2 "$HOSTTOTAL"
cg_new oq max
cg_quota oq 150000 100000
expect_cpus oq 2 "$NCPU" "$HOSTTOTAL"
cg_new oboth max
cg_cpus oboth 1-3
cg_quota oboth 100000 100000
expect_cpus oboth 1 3 "$HOSTTOTAL"
cg_new opar max
cg_quota opar 300000 100000
cg_new opar/kid max
expect_cpus opar/kid 3 "$NCPU" "$HOSTTOTAL"
eq "CPU limits only: /proc/swaps is the host's" "$(ctr oq cat /proc/swaps)" "$(cat /proc/swaps)"

# htop's CPU meters (one per cpuN directory listed), counted on its first
# screens in a terminal, within SECONDS ($1); htop_meters [NAME]: 4 s, and
# 30 s where none was drawn in 4 (a slow machine), in container NAME or not
cat >/tmp/htop_meters <<'EOF'
E=$(printf '\033')
TERM=linux COLUMNS=120 LINES=30 timeout "$1" script -qfc htop /dev/null 2>&1 |
	sed "s/$E\[[0-9;?]*[a-zA-Z]//g; s/$E[()][0-9A-Za-z]//g" | tr -d '\017\016' |
	grep -o ' [0-9][0-9]*\[' | sort -u | wc -l
EOF
htop_meters() {
	_m=$(${1:+ctr "$1"} sh /tmp/htop_meters 4)
	[ "$_m" != 0 ] || _m=$(${1:+ctr "$1"} sh /tmp/htop_meters 30)
	echo "$_m"
}
eq "set12: htop's CPU meters" "$(htop_meters set12)" 2
eq "host: htop's CPU meters" "$(htop_meters)" "$NCPU"

# a memory limit alone: the host's CPUs, in every CPU view
cg_new monly 512
expect_cpus monly "$NCPU" "$NCPU" $((512 * MIB))
eq "memory limit only: cpu/online is the host's" "$(ctr monly cat /sys/devices/system/cpu/online)" \
	"$(cat /sys/devices/system/cpu/online)"
eq "memory limit only: cpuinfo is the host's (but for cpu MHz, which moves)" \
	"$(ctr monly cat /proc/cpuinfo | grep -v MHz | md5sum)" "$(grep -v MHz /proc/cpuinfo | md5sum)"
eq "memory limit only: /proc/stat has the host's cpu lines" \
	"$(ctr monly grep -c "^cpu" /proc/stat)" "$(grep -c "^cpu" /proc/stat)"

eq "host: cpu/online untouched" "$(cat /sys/devices/system/cpu/online)" "0-$((NCPU - 1))"
eq "host: cpuinfo untouched" "$(grep -c ^processor /proc/cpuinfo)" "$NCPU"
eq "host: every cpuN directory listed" "$(ls /sys/devices/system/cpu | grep -c '^cpu[0-9][0-9]*$')" "$NCPU"
# a lookup by name stays the host's (the dentry cache is shared)
cg_new look 512
cg_cpus look 1
eq "a hidden cpuK is still there by name" \
	"$(ctr look sh -c 'test -d /sys/devices/system/cpu/cpu3 && echo there')" there
eq "... for the host too, after the container looked" "$(ls -d /sys/devices/system/cpu/cpu3)" /sys/devices/system/cpu/cpu3
# the listing read one entry or two at a time (a 64-byte buffer) is the
# same as in one read, with one cpuN; seeking to each entry's offset
# across the hidden cpu1 to cpu3 gives the entry after it
D=/sys/devices/system/cpu
eq "one CPU, the listing in 64-byte reads: as in one read" \
	"$(ctr look dirwalk list $D 64 | tr '\n' ,)" "$(ctr look dirwalk list $D 32768 | tr '\n' ,)"
eq "... with cpu0 alone" "$(ctr look dirwalk list $D 64 | grep -c '^cpu[0-9][0-9]*$')" 1
eq "... and the host's 64-byte reads list every cpuN" \
	"$(dirwalk list $D 64 | grep -c '^cpu[0-9][0-9]*$')" "$NCPU"
OUT=$(ctr look dirwalk seek $D)
eq "one CPU: each entry's offset, sought, gives the entry after it ($OUT)" "$?" 0
cg_rm look
for c in set12 q15 q05 par oset oq oboth opar monly; do cg_rm $c; done
