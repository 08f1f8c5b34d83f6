# shellcheck shell=sh
# Run the scenarios named on the command line (default: all) in one boot.
# NAME=VALUE arguments set a scenario's knob first, e.g. CYCLES=100 unload.
. /vmtests/scenarios/common.sh
for a in "$@"; do
	case $a in
	*=*) export "${a?}" ;;
	*) names="${names:-} $a" ;;
	esac
done
# shellcheck disable=SC2086
set -- ${names:-paper usage nesting swap outside scope params conflict status \
	cpus uptime swaps stat load views ctl exempt privilege shapes allocs oom faults tenants torn \
	refusal initfail hostile unload churn noisy}
for _scn in "$@"; do
	_scn_t0=$(now)
	# shellcheck disable=SC1090
	. "/vmtests/scenarios/$_scn.sh"
	took "$_scn_t0" "scenario $_scn"
done
summary
