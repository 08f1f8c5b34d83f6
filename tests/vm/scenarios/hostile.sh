# shellcheck shell=sh
# A hostile tenant under the sanitizers: tenant A moves one process of
# HOSTILE_THREADS threads between two of its cgroups without pause, and
# makes fresh cgroups that each read every view first (firstreads), both at
# once, while tenant B reads every view and the host forks. Checks that
# every loop ran and none failed, that no read walked a task, and that
# the fresh cgroups' entries are dropped again; the harness fails the run
# on any KASAN, lockdep, hung-task or other report, and on the debug kernel
# kmemleak scans at the end. The cost of the same load is bench/run --part
# hostile's (bench/hostile.sh), not checked here.
HOSTILE_THREADS=${HOSTILE_THREADS:-2000}
HOSTILE_SECONDS=${HOSTILE_SECONDS:-20}
echo "== hostile: $HOSTILE_THREADS threads moved in a loop, fresh cgroups' first reads, for at least $HOSTILE_SECONDS s"
if [ "$DRISO_CGROUP" != v2 ]; then
	skip hostile "cgroup v2 only (firstreads makes v2 cgroups)"
	return 0
fi
R=/tmp/hostile
rm -rf $R
mkdir -p $R
reload
W0=$(cat $STATUS/tracker_task_walks)
cg_new ha 1024
for c in m1 m2 base ctl; do cg_new ha/$c 512; done
cg_new hb 256
ctr ha/m1 taskpile "$HOSTILE_THREADS" 0 >$R/pile 2>&1 &
PILE_SH=$!
wait_for 600 grep -q '^ready' $R/pile
PILE=$(cg_pids ha/m1 taskpile)
check "hostile: $HOSTILE_THREADS threads started" test -n "$PILE"
sh -c 'echo $$ >"$1/ha/ctl/cgroup.procs"; n=0
	while [ ! -e "$2/stop" ]; do
		echo "$3" >"$1/ha/m2/cgroup.procs" && echo "$3" >"$1/ha/m1/cgroup.procs" &&
			n=$((n + 2)) && echo $n >"$2/count.moves"
	done; echo $n >"$2/count.moves"' moves "$CG" $R "$PILE" &
MOVER=$!
# shellcheck disable=SC2086 # one file per word
ctr ha/base firstreads $R/stop $R/count.firsts "$CG/ha" base $ALL_VIEWS &
FIRSTS=$!
# shellcheck disable=SC2086
ctr hb viewloop $R/stop $R/count.b $ALL_VIEWS &
B=$!
sh -c 'while [ ! -e "$1/stop" ]; do forkrate 1 >/dev/null || exit 1; done' f $R &
FORKER=$!
# At least HOSTILE_SECONDS, then until A's two loops reached their counts
# (under TCG one move of 2,000 threads takes about a second and holds off
# the first reads' own moves): a count, not a rate, is what is checked.
sleep "$HOSTILE_SECONDS"
wait_for 300 sh -c "[ \$(cat $R/count.moves 2>/dev/null || echo 0) -ge 10 ] &&
	[ \$(cat $R/count.firsts 2>/dev/null || echo 0) -ge 3 ]"
touch $R/stop
for p in $MOVER $FIRSTS $B $FORKER; do
	wait $p || fail "hostile: loop $p failed or died"
done
le "A moved its process at least 10 times" 10 "$(cat $R/count.moves 2>/dev/null || echo 0)"
le "A's fresh cgroups made at least 3 first reads" 3 "$(cat $R/count.firsts 2>/dev/null || echo 0)"
le "B read every view at least 10 times" 10 "$(cat $R/count.b 2>/dev/null || echo 0)"
eq "no read walked a task (v2: PSI and pids count them)" \
	"$(($(cat $STATUS/tracker_task_walks) - W0))" 0
kill -9 "$PILE" 2>/dev/null
wait $PILE_SH 2>/dev/null
cg_rm ha
cg_rm hb
# every fresh cgroup is gone: the worker drops their entries within a tick
wait_for 20 sh -c "[ \$(cat $STATUS/tracked_containers) -le 1 ]"
le "the fresh cgroups' entries were dropped" "$(cat $STATUS/tracked_containers)" 1
reliability hostile "reads=$(cat $R/count.b) cycles=$(cat $R/count.moves) moves, $(cat $R/count.firsts) first reads"
