# shellcheck shell=sh
# bench/run --part hostile, in the guest (plain TCG, 4 vCPUs, wall time):
# what a hostile tenant A costs the host and another tenant B, with driso
# unloaded and loaded, in one boot. A (CPUs 2-3) runs, in turn:
#   none:   nothing;
#   moves:  one process of HOSTILE_THREADS threads moved between two of
#           its cgroups in a loop (each move write-locks the kernel's
#           cgroup_threadgroup_rwsem, which fork and exit read-lock);
#   firsts: fresh cgroups, each making a first read of every view (a new
#           tracker entry each, in a new PID namespace), in a loop;
#   both:   moves and firsts at once.
# For each, HOSTILE_ROUNDS times with driso unloaded and loaded: the host's
# fork+exit rate (CPU 1) and B's ns per call of every view (CPU 0, a
# container with a memory limit and one CPU, so that every view is
# driso's when loaded). Markdown on "@@MD " lines. Goal: with driso loaded
# the load slows the host and B by no more than 10% more than it does
# with driso unloaded.
. /vmtests/scenarios/common.sh
for a in "$@"; do
	case $a in
	HOSTILE_*=*) export "${a?}" ;;
	*) echo "hostile: unknown argument $a" && exit 2 ;;
	esac
done
: "${HOSTILE_THREADS:=2000}" "${HOSTILE_ROUNDS:=3}" "${HOSTILE_SECONDS:=2}"
: "${HOSTILE_READS:=2000}" "${HOSTILE_STAT_READS:=200}"
md() { echo "@@MD $*"; }
R=/tmp/hostile
rm -rf $R
mkdir -p $R
[ "$DRISO_CGROUP" = v2 ] && [ "$(grep -c ^processor /proc/cpuinfo)" -ge 4 ] ||
	{ echo "hostile: needs cgroup v2 and 4 CPUs" && exit 1; }

cg_new ha 1024
cg_cpus ha 2-3
for c in m1 m2 base ctl; do cg_new ha/$c 512; done
cg_new hb 256
cg_cpus hb 0
cg_new hh max
cg_cpus hh 1
ctr_start hb
ctr ha/m1 taskpile "$HOSTILE_THREADS" 0 >$R/pile 2>&1 &
wait_for 600 grep -q '^ready' $R/pile ||
	{ echo "hostile: taskpile did not start" && exit 1; }
PILE=$(cg_pids ha/m1 taskpile)
[ -n "$PILE" ] || { echo "hostile: no taskpile in ha/m1" && exit 1; }

# start_load moves|firsts: A's load until $R/stop exists
start_load() {
	case $1 in
	moves)
		sh -c 'echo $$ >"$1/ha/ctl/cgroup.procs"; n=0
			while [ ! -e "$2/stop" ]; do
				echo "$3" >"$1/ha/m2/cgroup.procs" && echo "$3" >"$1/ha/m1/cgroup.procs" &&
					n=$((n + 2))
			done; echo $n >"$2/count.moves"' moves "$CG" $R "$PILE" &
		;;
	firsts)
		# shellcheck disable=SC2086 # one file per word
		ctr ha/base firstreads $R/stop $R/count.firsts "$CG/ha" base $ALL_VIEWS &
		;;
	esac
}
# b_costs: B's ns per call of every view, space-separated, in ALL_VIEWS order,
# then sysinfo, then its own cgroup's cpu.stat: the kernel's read, which
# flushes under the same host-wide rstat lock as driso's stat and uptime
# (the control: what the lock costs any reader under the load)
b_costs() {
	for f in $ALL_VIEWS; do
		n=$HOSTILE_READS
		[ "$f" = /proc/stat ] && n=$HOSTILE_STAT_READS
		cexec hb procbench -r 3 pread "$n" "$f" | cut -d' ' -f1
	done | tr '\n' ' '
	echo "$(cexec hb procbench -r 3 sysinfo "$HOSTILE_READS" | cut -d' ' -f1)" \
		"$(cexec hb procbench -r 3 pread "$HOSTILE_STAT_READS" "$CG/hb/cpu.stat" | cut -d' ' -f1)"
}
# measure LOAD MODE: one row "fork/s costs..." into $R/LOAD.MODE
measure() {
	_f=$(sh -c 'for f in $1; do echo $$ >"$f" || exit 1; done; exec forkrate "$2"' \
		m "$(cg_procs hh)" "$HOSTILE_SECONDS")
	echo "$_f $(b_costs)" >>"$R/$1.$2"
}
# phase LOAD: the load on, HOSTILE_ROUNDS times unloaded then loaded
phase() {
	rm -f $R/stop $R/count.*
	case $1 in
	moves | firsts) start_load "$1" ;;
	both) start_load moves && start_load firsts ;;
	esac
	sleep 1
	_i=1
	while [ $_i -le "$HOSTILE_ROUNDS" ]; do
		rmmod driso 2>/dev/null
		measure "$1" unloaded
		insmod "$DRISO_KO"
		measure "$1" loaded
		_i=$((_i + 1))
	done
	touch $R/stop
	wait_for 60 sh -c "[ $1 = none ] || [ $1 = firsts ] || [ -e $R/count.moves ]"
	wait_for 60 sh -c "[ $1 = none ] || [ $1 = moves ] || [ -e $R/count.firsts ]"
	echo "$1: moves $(cat $R/count.moves 2>/dev/null || echo 0)," \
		"first reads $(cat $R/count.firsts 2>/dev/null || echo 0)," \
		"tracked $(cat $STATUS/tracked_containers), untracked reads $(cat $STATUS/untracked_reads)" \
		>>$R/loads
}
for load in none moves firsts both; do
	echo "hostile: $load"
	phase $load
done

# med FILE COLUMN: the median of a column over the rounds
med() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else printf "-" }'; }
NAMES="fork+exit/s $(for f in $ALL_VIEWS; do basename "$f"; done | tr '\n' ' ')sysinfo cpu.stat"
md "## A hostile tenant"
md
md "$HOSTILE_THREADS threads moved between two cgroups (moves), fresh cgroups each reading"
md "every view first (firsts), and both; $HOSTILE_ROUNDS rounds each, medians. Loads:"
md
sed 's/^/    /; s/^/@@MD /' $R/loads
md
md "Host fork+exit rate and tenant B's ns per call, driso unloaded / loaded (cpu.stat:"
md "B's own cgroup's, the kernel's read, which takes the same host-wide rstat lock"
md "as driso's stat and uptime: the control):"
md
md "| load | $(echo "$NAMES" | sed 's/ / | /g') |"
md "|---|$(echo "$NAMES" | sed 's/[^ ]*/---/g; s/ /|/g')|"
for load in none moves firsts both; do
	row="" c=1
	for n in $NAMES; do
		row="$row | $(med $R/$load.unloaded $c) / $(med $R/$load.loaded $c)"
		c=$((c + 1))
	done
	md "| $load$row |"
done
md
md "The load's effect: each figure under the load as a percentage of the same without"
md "it (none), driso unloaded / loaded. Goal: loaded within 10 points of unloaded;"
md "for fork+exit/s lower is worse, for the views higher is worse."
md
md "| load | $(echo "$NAMES" | sed 's/ / | /g') |"
md "|---|$(echo "$NAMES" | sed 's/[^ ]*/---/g; s/ /|/g')|"
for load in moves firsts both; do
	row="" c=1
	for n in $NAMES; do
		row="$row | $(pct "$(med $R/$load.unloaded $c)" "$(med $R/none.unloaded $c)") / $(pct "$(med $R/$load.loaded $c)" "$(med $R/none.loaded $c)")"
		c=$((c + 1))
	done
	md "| $load$row |"
done
kill -9 "$PILE" 2>/dev/null
cg_rm ha
cg_rm hb
cg_rm hh
echo "hostile: done"
