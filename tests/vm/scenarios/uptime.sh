# shellcheck shell=sh
# /proc/uptime and sysinfo's uptime: since the container's init started.
echo "== uptime: the container's own"
cg_new up 512
ctr_start up
sleep 5
# sysinfo between two reads of /proc/uptime: under a busy TCG a second can
# pass between two commands
set -- $(cexec up sh -c 'cat /proc/uptime; sysinfo | awk "/^uptime/ { print \$2 }"; cat /proc/uptime')
UP=${1%.*}
le "a container started 5 s ago: uptime >= 5" 5 "$UP"
le "a container started 5 s ago: uptime < 30" "$UP" 29
# sysinfo rounds up, /proc/uptime shows two decimals
le "sysinfo agrees: not before the first read" "$UP" "$3"
le "sysinfo agrees: not after the second" "$3" $((${4%.*} + 1))
le "idle <= uptime x CPUs" "${2%.*}" $(((UP + 1) * $(grep -c ^processor /proc/cpuinfo)))
HOSTUP=$(cut -d. -f1 /proc/uptime)
le "host uptime is the guest's" "$UP" "$HOSTUP"
echo 0 >$PARAMS/uptime
le "uptime=0: the host's" "$HOSTUP" "$(cexec up cut -d. -f1 /proc/uptime)"
echo 1 >$PARAMS/uptime
cg_rm up
