# shellcheck shell=sh
# /proc/uptime and sysinfo's uptime: since the container's init started.
echo "== uptime: the container's own"
cg_new up 512
# the host's uptime in centiseconds (/proc/uptime has two decimals)
host_cs() { cs "$(cut -d' ' -f1 /proc/uptime)"; }
# the container starts between H0 and HS, is read between HB and HA (host
# times): its uptime lies between HB - HS and HA - H0, however slow the
# machine is
H0=$(host_cs)
ctr_start up
HS=$(host_cs)
sleep 2
HB=$(host_cs)
# sysinfo between two reads of /proc/uptime: under a busy TCG a second can
# pass between two commands
set -- $(cexec up sh -c 'cat /proc/uptime; sysinfo | awk "/^uptime/ { print \$2 }"; cat /proc/uptime')
HA=$(host_cs)
UP=${1%.*}
UP_CS=$(cs "$1")
le "uptime: at least the time since its start was seen (cs)" $((HB - HS)) "$UP_CS"
le "uptime: at most the time since before its start (cs)" "$UP_CS" $((HA - H0))
# sysinfo rounds up, /proc/uptime shows two decimals
le "sysinfo agrees: not before the first read" "$UP" "$3"
le "sysinfo agrees: not after the second" "$3" $((${4%.*} + 1))
NCPU=$(grep -c ^processor /proc/cpuinfo)
le "idle <= uptime x CPUs" "${2%.*}" $(((UP + 1) * NCPU))
# an idle container's idle grows with its CPUs' elapsed time: over 2 s, at
# least half of CPUs x what its uptime grew by
set -- $(cexec up sh -c 'cat /proc/uptime; sleep 2; cat /proc/uptime')
set -- "$(cs "$1")" "$(cs "$2")" "$(cs "$3")" "$(cs "$4")"
le "idle counts: +$(($4 - $2)) cs over +$(($3 - $1)) cs of uptime on $NCPU CPUs" \
	$((($3 - $1) * NCPU / 2)) $(($4 - $2))
# a PID namespace nested in the container: its uptime counts from its own
# init's start, which lies between two reads of the container's uptime
set -- $(cexec up sh -c 'cat /proc/uptime; unshare -p -f --mount-proc cat /proc/uptime; cat /proc/uptime')
N_CS=$(cs "$3")
le "nested PID namespace: its uptime at most the time between the container's two reads (cs)" \
	"$N_CS" $(($(cs "$5") - $(cs "$1")))
le "... and below the container's own (cs)" "$N_CS" "$(cs "$1")"
# init's main thread exits and another of its threads, a second younger,
# becomes the namespace's reaper: its uptime does not go back
set -- $(cexec up unshare -p -f --mount-proc reaperswap)
le "another thread of init becomes the reaper: uptime not back ($2 -> $4)" \
	"$(cs "$2")" "$(cs "$4")"
HOSTUP=$(cut -d. -f1 /proc/uptime)
echo 0 >$PARAMS/uptime
le "uptime=0: the host's" "$HOSTUP" "$(cexec up cut -d. -f1 /proc/uptime)"
echo 1 >$PARAMS/uptime
cg_rm up
