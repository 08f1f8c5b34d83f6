# shellcheck shell=sh
# Memory pressure: a container at its limit, with an allocator OOM-killed in
# a loop, keeps reading every view for OOM_SECONDS (default 20; 120 for the
# full run). Every read must be the view; the harness fails the run on a
# hung task, lockdep or any other report (the OOM reports themselves are
# the kernel's and are skipped). The same load runs with driso unloaded, and
# both OOM-kill counts are printed.
OOM_SECONDS=${OOM_SECONDS:-8}
echo "== oom: a container at its limit, OOM kills in a loop, readers for $OOM_SECONDS s"
# the oom cgroup's OOM kills so far (v2: memory.events, v1: memory.oom_control)
oom_kills() {
	awk '$1 == "oom_kill" { print $2 }' "$(cg_dir oom)/memory.events" 2>/dev/null ||
		awk '$1 == "oom_kill" { print $2 }' "$(cg_dir oom)/memory.oom_control"
}
# one run: OOM_SECONDS of the load; prints "KILLS READS BAD"
oom_run() {
	cg_new oom 128
	STOP=/tmp/oom.stop
	rm -f $STOP /tmp/oom.bad.* /tmp/oom.reads.*
	# memhog is OOM-killed on purpose: the loop's status says nothing
	ctr oom sh -c 'while [ ! -e '$STOP' ]; do memhog 200 >/dev/null 2>&1; done; true' &
	_jobs=$!
	for r in 1 2; do
		# the readers are kept from the OOM killer, so that it takes memhog
		ctr oom sh -c '. /vmtests/scenarios/common.sh
			echo -1000 >/proc/self/oom_score_adj
			n=0
			while [ ! -e '$STOP' ]; do
				l=$(views_line)
				case "$l" in "'"$1"'") ;; *) echo "$l" >>/tmp/oom.bad.'$r' ;; esac
				n=$((n + 1))
			done
			echo $n >/tmp/oom.reads.'$r &
		_jobs="$_jobs $!"
	done
	k0=$(oom_kills)
	sleep "$OOM_SECONDS"
	touch $STOP
	# by PID (inside $(): a reader that died shows as missing reads)
	# shellcheck disable=SC2086 # one PID a word
	wait $_jobs
	k1=$(oom_kills)
	echo "$((k1 - k0)) $(cat /tmp/oom.reads.* | awk '{ s += $1 } END { print s }')" \
		"$(cat /tmp/oom.bad.* 2>/dev/null | wc -l)"
	cg_rm oom
}
NCPU=$(grep -c ^processor /proc/cpuinfo)
WANT="$((128 * MIB)) $((128 * MIB)) 0-$((NCPU - 1))"
set -- $(oom_run "$WANT")
echo "oom: with driso: $1 OOM kills, $2 reads of every view, $3 not the view"
le "with driso: the allocator was OOM-killed" 1 "$1"
readers_read "with driso: the readers read under the OOM kills" 1 /tmp/oom.reads.1 /tmp/oom.reads.2
eq "with driso: every read was the view" "$3" 0
KILLS=$1 READS=$2
rmmod driso
HOSTTOTAL=$(field MemTotal </proc/meminfo)
set -- $(oom_run "$HOSTTOTAL $HOSTTOTAL 0-$((NCPU - 1))")
echo "oom: without driso: $1 OOM kills, $2 reads, $3 not the host's"
insmod "$DRISO_KO"
# The two kill counts are reported, not asserted: a rate is a benchmark's
# business. What the read path allocates is the allocs scenario's.
echo "oom: OOM kills in $OOM_SECONDS s: $KILLS with driso reading, $1 without"
reliability oom "reads=$READS" "cycles=$KILLS OOM kills in $OOM_SECONDS s"
