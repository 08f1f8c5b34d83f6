# shellcheck shell=sh
# /proc/uptime and sysinfo's uptime: since the container's init started.
echo "== uptime: the container's own"
cg_new up 512
# the host's uptime in centiseconds (/proc/uptime has two decimals)
host_cs() { cut -d' ' -f1 /proc/uptime | tr -d .; }
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
UP_CS=$(echo "$1" | tr -d .)
le "uptime: at least the time since its start was seen (cs)" $((HB - HS)) "$UP_CS"
le "uptime: at most the time since before its start (cs)" "$UP_CS" $((HA - H0))
# sysinfo rounds up, /proc/uptime shows two decimals
le "sysinfo agrees: not before the first read" "$UP" "$3"
le "sysinfo agrees: not after the second" "$3" $((${4%.*} + 1))
le "idle <= uptime x CPUs" "${2%.*}" $(((UP + 1) * $(grep -c ^processor /proc/cpuinfo)))
HOSTUP=$(cut -d. -f1 /proc/uptime)
echo 0 >$PARAMS/uptime
le "uptime=0: the host's" "$HOSTUP" "$(cexec up cut -d. -f1 /proc/uptime)"
echo 1 >$PARAMS/uptime
cg_rm up
