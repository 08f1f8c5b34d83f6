# shellcheck shell=sh
# Cgroup churn: a reader in a container migrates itself into a fresh cgroup
# with its own memory and CPU limits, checks that its views follow, leaves,
# and deletes the cgroup, CHURN times over. Meanwhile 2 readers in another
# container and 2 on the host read every view. The harness fails the run on
# any oops, WARNING, KASAN or lockdep report.
CHURN=${CHURN:-200}
echo "== churn: $CHURN cgroups created, limited, joined, left and deleted under 4 readers"
cg_new chbase 512
cg_new chreaders 384
HOSTTOTAL=$(field MemTotal </proc/meminfo)
STOP=/tmp/churn.stop
rm -f $STOP /tmp/churn.bad.* /tmp/churn.reads.*

JOBS=""
for t in c1 c2; do
	ctr chreaders sh -c ". /vmtests/scenarios/common.sh
		views_reader /tmp/churn.bad.$t $((384 * MIB)) $STOP /tmp/churn.reads.$t" &
	JOBS="$JOBS $!"
done
for t in h1 h2; do
	views_reader /tmp/churn.bad.$t "$HOSTTOTAL" $STOP /tmp/churn.reads.$t &
	JOBS="$JOBS $!"
done

R="/tmp/churn.reads.c1 /tmp/churn.reads.c2 /tmp/churn.reads.h1 /tmp/churn.reads.h2"
# shellcheck disable=SC2086
readers_started $R

# The migrating reader runs in a container; each cgroup gets 64 to 575 MiB
# and a quota of 1 to 3 CPUs.
[ "$DRISO_CGROUP" = v2 ] && D0=$(dying_cgroups)
T0=$(now)
ctr chbase cgchurn "$DRISO_CGROUP" "$CHURN" chbase >/tmp/churn.out 2>&1
rc=$?
took "$T0" "churn: $CHURN cycles"
touch $STOP
# shellcheck disable=SC2086 # one PID a word
wait_jobs "churn: readers" $JOBS
cat /tmp/churn.out
eq "$CHURN churn cycles: every view followed the reader's cgroup" "$rc" 0
BAD=$(cat /tmp/churn.bad.* 2>/dev/null | sort | uniq -c | head -5 | tr '\n' ' ')
eq "the 4 other readers saw only their own views" "$BAD" ""
# each read once before the churn began, and began another before it ended
# shellcheck disable=SC2086
readers_read "churn: the 4 other readers read while the cgroups churned" 2 $R
eq "no churn cgroup left" "$(ls -d "$(cg_dir churn)"* 2>/dev/null | wc -l)" 0
# each deleted cgroup's tracker entry goes at the worker's next pass, and
# with it its reference: the cgroups stop dying (v2 counts them)
if [ "$DRISO_CGROUP" = v2 ]; then
	wait_for 60 dying_at_most "$D0"
	le "the $CHURN deleted cgroups are freed within 60 s" "$(dying_cgroups)" "$D0"
fi
cg_rm chbase
cg_rm chreaders
