# shellcheck shell=sh
# Run the scenarios named on the command line (default: all) in one boot.
# NAME=VALUE arguments set a scenario's knob first, e.g. CYCLES=100 unload.
#
# Each scenario runs as its own process, in its own session, under its own
# time limit (SCENARIO_LIMIT seconds, default 900, twice that on a debug
# kernel; daemonset 2400): its shell state is its own, a scenario that
# hangs is killed, one that dies or leaves processes running counts as a
# failure (what it left is killed), and the next one runs either way. The
# TAP numbering goes on across them; the last line counts them all.
# SCENARIO_DIR: where the scenarios are (tests/vm/selftest uses its own).
. /vmtests/scenarios/common.sh
for a in "$@"; do
	case $a in
	*=*) export "${a?}" ;;
	*) names="${names:-} $a" ;;
	esac
done
# shellcheck disable=SC2086
set -- ${names:-paper usage nesting swap outside scope params conflict status \
	cpus uptime swaps stat load ctrtree views ctl exempt privilege shapes allocs oom faults tenants torn \
	refusal initfail hostile unload churn noisy}

# left_in GROUP: the live processes of process group GROUP, "PID(COMM)" each
left_in() {
	for _st in /proc/[0-9]*/stat; do
		{ read -r _line <"$_st"; } 2>/dev/null || continue
		_comm=${_line#*(} _comm=${_comm%)*}
		_rest=${_line##*) }
		_state=${_rest%% *} _rest=${_rest#* } _rest=${_rest#* }
		[ "${_rest%% *}" = "$1" ] && [ "$_state" != Z ] || continue
		_pid=${_st#/proc/} _pid=${_pid%/stat}
		printf '%s(%s) ' "$_pid" "$_comm"
	done
}

R=/tmp/scenario
for _scn in "$@"; do
	_scn_t0=$(now)
	_limit=${SCENARIO_LIMIT:-900}
	[ "$_scn" = daemonset ] && [ -z "${SCENARIO_LIMIT:-}" ] && _limit=2400
	case "$DRISO_KVER" in dbg*) _limit=$((_limit * 2)) ;; esac
	rm -f $R.timeout
	: >$R.results
	# setsid: not a group leader here (no job control), so it does not fork
	# and the scenario's process group is $!
	TAP_BASE=$_tap TAP_RESULTS=$R.results setsid sh -c '
		. /vmtests/scenarios/common.sh
		. "$2/$1.sh"
		echo end >>"$TAP_RESULTS"' scenario "$_scn" "${SCENARIO_DIR:-/vmtests/scenarios}" </dev/null &
	_pgid=$!
	(trap 'kill $_s; exit' TERM
		sleep "$_limit" &
		_s=$!
		wait $_s && : >$R.timeout && kill -9 "-$_pgid") 2>/dev/null &
	_dog=$!
	wait "$_pgid"
	_rc=$?
	kill "$_dog" 2>/dev/null
	_passed=$((_passed + $(grep -c '^p' $R.results)))
	_failed=$((_failed + $(grep -c '^f' $R.results)))
	_skipped=$((_skipped + $(grep -c '^s' $R.results)))
	_tap=$((_passed + _failed + _skipped))
	if [ -e $R.timeout ]; then
		fail "scenario $_scn: killed after its time limit of $_limit s"
	elif ! grep -q '^end' $R.results; then
		fail "scenario $_scn: died (exit $_rc) before its end"
	fi
	_left=$(left_in "$_pgid")
	if [ -n "$_left" ]; then
		fail "scenario $_scn: left processes running: $_left(killed)"
		kill -9 "-$_pgid" 2>/dev/null
	fi
	took "$_scn_t0" "scenario $_scn"
done
summary
