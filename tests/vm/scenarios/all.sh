# shellcheck shell=sh
# Run the scenarios named on the command line (default: all) in one boot.
. /vmtests/scenarios/common.sh
[ $# -gt 0 ] || set -- paper usage nesting swap outside scope params conflict status \
	cpus uptime swaps stat load views unload
for s in "$@"; do
	# shellcheck disable=SC1090
	. "/vmtests/scenarios/$s.sh"
done
summary
