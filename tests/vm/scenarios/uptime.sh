# shellcheck shell=sh
# /proc/uptime and sysinfo's uptime: since the container's init started.
echo "== uptime: the container's own"
cg_new up 512
ctr_start up
sleep 5
set -- $(cexec up sh -c 'cat /proc/uptime; sysinfo | awk "/^uptime/ { print \$2 }"')
UP=${1%.*}
le "a container started 5 s ago: uptime >= 5" 5 "$UP"
le "a container started 5 s ago: uptime < 30" "$UP" 29
le "sysinfo agrees" "$(($3 - UP))" 1
le "idle <= uptime x CPUs" "${2%.*}" $(((UP + 1) * $(grep -c ^processor /proc/cpuinfo)))
HOSTUP=$(cut -d. -f1 /proc/uptime)
le "host uptime is the guest's" "$UP" "$HOSTUP"
echo 0 >$PARAMS/uptime
le "uptime=0: the host's" "$HOSTUP" "$(cexec up cut -d. -f1 /proc/uptime)"
echo 1 >$PARAMS/uptime
cg_rm up
