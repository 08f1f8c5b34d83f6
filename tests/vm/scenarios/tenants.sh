# shellcheck shell=sh
# No cross-tenant leak: 2 readers in each of two containers with different
# limits (256M on CPUs 0-1; 384M with a 3-CPU quota) read every memory and
# CPU view TENANT_ROUNDS times while a migrator moves them between the two
# cgroups without pause; each reads on until it has been moved TENANT_MOVES
# times. tenantcheck checks every answer: wholly the view of a cgroup the
# reader was in during that read (cgroup v2, 4 CPUs).
# Then the same with the test build waiting TENANT_WINDOW_US between the
# cpuset and the quota reads, and a migrator without forks, fast enough to
# move a reader away and back in between: each answer must still be one
# cgroup's, never one's cpuset cut by the other's quota (tenantcheck -f:
# the move back is as unseen to it as to a check of the css_set), while
# the test build counts reads whose css_set changed in that wait (driso
# holds no lock that stops a move: the read is of one css_set); and once
# more with cgroup2 remounted with favordynmods.
TENANT_ROUNDS=${TENANT_ROUNDS:-1500}
TENANT_MOVES=${TENANT_MOVES:-4}
TENANT_WINDOW_ROUNDS=${TENANT_WINDOW_ROUNDS:-100}
TENANT_WINDOW_US=${TENANT_WINDOW_US:-5000}
echo "== tenants: 4 readers, $TENANT_ROUNDS rounds each, migrated between two containers"
if [ "$DRISO_CGROUP" != v2 ] || [ "$(grep -c ^processor /proc/cpuinfo)" -lt 4 ]; then
	skip tenants "needs cgroup v2 and 4 CPUs"
	return 0
fi
cg_new ta 256
cg_cpus ta 0-1
cg_new tb 384
cg_quota tb 300000 100000

# migrate_readers: move every tenantcheck to the other cgroup, over and
# over until none is left, some forks a move. Sets MOVES.
migrate_readers() {
	MOVES=0
	while _in_ta=$(cg_pids ta tenantcheck) && _in_tb=$(cg_pids tb tenantcheck) &&
		[ -n "$_in_ta$_in_tb" ]; do
		for _q in $_in_ta; do
			echo "$_q" >"$CG/tb/cgroup.procs" 2>/dev/null && MOVES=$((MOVES + 1))
		done
		for _q in $_in_tb; do
			echo "$_q" >"$CG/ta/cgroup.procs" 2>/dev/null && MOVES=$((MOVES + 1))
		done
	done
}

# migrate_readers_fast: the same with shell builtins only.
migrate_readers_fast() {
	MOVES=0
	_left=1
	while [ $_left -gt 0 ]; do
		_left=0
		for _c in ta tb; do
			_to=tb
			[ $_c = tb ] && _to=ta
			while read -r _p; do
				read -r _comm 2>/dev/null </proc/"$_p"/comm || continue
				[ "$_comm" = tenantcheck ] || continue
				_left=$((_left + 1))
				echo "$_p" 2>/dev/null >"$CG/$_to/cgroup.procs" &&
					MOVES=$((MOVES + 1))
			done <"$CG/$_c/cgroup.procs"
		done
	done
}

# tenant_run WHAT ROUNDS MIGRATOR [-f]: the 4 readers against MIGRATOR, and
# the checks. MIXED_IS_INFO=1: the count of answers that are no cgroup's is
# printed, not checked (see WINDOW_MIX below).
tenant_run() {
	rm -f /tmp/tenant.*
	_jobs=""
	for _r in 1 2 3 4; do
		_c=ta
		[ $_r -gt 2 ] && _c=tb
		# shellcheck disable=SC2086 # $4: an option or none
		ctr $_c tenantcheck $4 "$2" "$TENANT_MOVES" /ta:$((256 * MIB)):2 /tb:$((384 * MIB)):3 \
			>/tmp/tenant.$_r 2>&1 &
		_jobs="$_jobs $!"
	done
	# wait for the readers to start, then move them until they are done
	_n=50
	while [ "$(cat "$CG/ta/cgroup.procs" "$CG/tb/cgroup.procs" | wc -l)" -lt 8 ] && [ $_n -gt 0 ]; do
		sleep 0.1
		_n=$((_n - 1))
	done
	$3
	# by PID; each reader's "rounds" line below is its verdict
	# shellcheck disable=SC2086 # one PID a word
	wait $_jobs
	sed 's/^/    /' /tmp/tenant.*
	echo "tenants: $1: $MOVES migrations"
	_bad=$(awk '/^rounds / { s += $6 } END { print s + 0 }' /tmp/tenant.*)
	if [ "${MIXED_IS_INFO:-0}" = 1 ]; then
		echo "tenants: $1: $_bad answers were no cgroup's (not checked: $WINDOW_MIX)"
	else
		eq "$1: every answer belonged to the reader's cgroup" "$_bad" 0
	fi
	eq "$1: every reader read its rounds and was moved $TENANT_MOVES times while reading" \
		"$(awk -v r="$2" -v m="$TENANT_MOVES" \
			'/^rounds / && $2 >= r && $10 >= m { n++ } END { print n + 0 }' /tmp/tenant.*)" 4
}

tenant_run plain "$TENANT_ROUNDS" migrate_readers
# each round reads 7 views: meminfo, sysinfo, cpu/online, cpu/possible, the cpuN
# directories, cpuinfo, stat
reliability tenants "reads=$((7 * $(awk '/^rounds / { s += $2 } END { print s + 0 }' /tmp/tenant.*)))" \
	"cycles=$MOVES migrations"

# Without the kernel's BTF driso cannot read struct cpuset through the
# css_set and asks the kernel for the reader's cpuset instead, which a move
# away and back inside the window escapes (docs/views.md: A reader being moved).
WINDOW_MIX=""
if [ ! -e /sys/kernel/btf/vmlinux ]; then
	MIXED_IS_INFO=1
	WINDOW_MIX="no BTF on this kernel, so the cpuset is read through the task"
fi
rmmod driso
if insmod "$DRISO_TEST_KO" test_cpuview_window_us="$TENANT_WINDOW_US"; then
	tenant_run "${TENANT_WINDOW_US} us window" "$TENANT_WINDOW_ROUNDS" \
		migrate_readers_fast -f
	# the readers were moved while they waited in the window
	le "the migrator moved readers at least once per round read" \
		"$TENANT_WINDOW_ROUNDS" "$MOVES"
	# the point of the window: reads were moved inside it, and still
	# every answer above was one cgroup's
	le "readers were moved between their cpuset and quota reads" \
		1 "$(cat /sys/module/driso/parameters/test_cpuview_window_moves)"
	# the same with favordynmods, where moves lock per process (6.18);
	# that option stays on once set there
	_opts=$(awk -v m="$CG" '$2 == m { print $4 }' /proc/mounts)
	if mount -o remount,"$_opts",favordynmods "$CG" 2>/dev/null &&
		grep -q " $CG cgroup2 .*favordynmods" /proc/mounts; then
		tenant_run "favordynmods, ${TENANT_WINDOW_US} us window" \
			"$TENANT_WINDOW_ROUNDS" migrate_readers_fast -f
		le "favordynmods: readers were moved between their cpuset and quota reads" \
			1 "$(cat /sys/module/driso/parameters/test_cpuview_window_moves)"
		mount -o remount,"$_opts" "$CG"
	else
		skip favordynmods "cgroup2 without favordynmods here"
	fi
	rmmod driso
else
	fail "driso-test.ko test_cpuview_window_us=$TENANT_WINDOW_US: not loaded"
fi
MIXED_IS_INFO=0
insmod "$DRISO_KO"
cg_rm ta
cg_rm tb
