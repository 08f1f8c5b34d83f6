# shellcheck shell=sh
# CPU views (run with --smp 4): the cpuset's online CPUs, cut to
# ceil(quota/period), renumbered from 0 in cpuinfo and cpu/online and
# counted by glibc, getconf and top; sched_getaffinity (nproc) stays real.
echo "== cpus: cpuset and quota limits"
NCPU=$(grep -c ^processor /proc/cpuinfo)
le "the guest has 4 CPUs" 4 "$NCPU"

# expect_cpus CGROUP N AFFINITY: what a container in CGROUP sees
expect_cpus() {
	OUT=$(ctr "$1" sh -c '
		echo online $(cat /sys/devices/system/cpu/online)
		echo procs $(grep -c ^processor /proc/cpuinfo)
		echo numbers $(grep ^processor /proc/cpuinfo | cut -d: -f2 | tr -d " \t" | tr "\n" ,)
		echo siblings $(grep ^siblings /proc/cpuinfo | sort -u | cut -d: -f2 | tr -d " \t")
		echo cores $(grep "^cpu cores" /proc/cpuinfo | sort -u | cut -d: -f2 | tr -d " \t")
		echo statcpus $(grep -c "^cpu[0-9]" /proc/stat)
		echo apicids $(grep "^apicid" /proc/cpuinfo | cut -d: -f2 | tr -d " \t" | tr "\n" ,)
		echo getconf $(getconf _NPROCESSORS_ONLN)
		echo sysconf $(sysconf | awk "/^nprocessors_onln/ { print \$2 }")
		echo nprocs $(sysconf | awk "/^get_nprocs/ { print \$2 }")
		echo nproc $(nproc)
		echo top $(top -bn1 >/dev/null && echo ok)
		echo uptime $(uptime >/dev/null && echo ok)')
	get() { echo "$OUT" | awk -v k="$1" '$1 == k { print $2 }'; }
	_last=$(($2 - 1))
	_range=0
	[ "$2" -gt 1 ] && _range="0-$_last"
	_nums=$(seq -s, 0 "$_last"),
	eq "$1: cpu/online" "$(get online)" "$_range"
	eq "$1: cpuinfo processors" "$(get procs)" "$2"
	eq "$1: cpuinfo numbered from 0" "$(get numbers)" "$_nums"
	eq "$1: cpuinfo siblings" "$(get siblings)" "$2"
	eq "$1: cpuinfo cpu cores" "$(get cores)" "$2"
	eq "$1: cpuinfo apicid" "$(get apicids)" "$_nums"
	eq "$1: /proc/stat cpuN lines" "$(get statcpus)" "$2"
	eq "$1: getconf _NPROCESSORS_ONLN" "$(get getconf)" "$2"
	eq "$1: sysconf(_SC_NPROCESSORS_ONLN)" "$(get sysconf)" "$2"
	eq "$1: get_nprocs()" "$(get nprocs)" "$2"
	eq "$1: nproc (affinity, unchanged)" "$(get nproc)" "$3"
	eq "$1: top -bn1 runs" "$(get top)" ok
	eq "$1: uptime runs" "$(get uptime)" ok
}

cg_new set12 512
cg_cpus set12 1-2
expect_cpus set12 2 2

cg_new q15 512
cg_quota q15 150000 100000
expect_cpus q15 2 "$NCPU"

cg_new q05 512
cg_quota q05 50000 100000
expect_cpus q05 1 "$NCPU"

cg_new par 512
cg_quota par 200000 100000
cg_new par/kid 512
cg_cpus par/kid 0-3
expect_cpus par/kid 2 4

eq "host: cpu/online untouched" "$(cat /sys/devices/system/cpu/online)" "0-$((NCPU - 1))"
eq "host: cpuinfo untouched" "$(grep -c ^processor /proc/cpuinfo)" "$NCPU"
for c in set12 q15 q05 par; do cg_rm $c; done
