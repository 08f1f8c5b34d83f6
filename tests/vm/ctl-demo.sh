# shellcheck shell=sh
# drisoctl as an operator uses it, for docs/operations.md:
#   tests/vm/run --guest docker --kernel 6.1 --cgroup v2 --smp 4 tests/vm/ctl-demo.sh
show() {
	echo "\$ $*"
	"$@"
	echo
}
docker run -d --name web --network none -m 512m --cpus 1.5 busybox sleep 100000 >/dev/null
docker run -d --name batch --network none --cpus 2 busybox sleep 100000 >/dev/null
sleep 1
cat /proc/meminfo /sys/devices/system/cpu/online >/dev/null
docker exec web cat /proc/meminfo /proc/cpuinfo >/dev/null
docker exec web free >/dev/null
show drisoctl status
WEB=$(docker inspect -f '{{.State.Pid}}' web)
BATCH=$(docker inspect -f '{{.State.Pid}}' batch)
echo "\$ drisoctl explain \$(docker inspect -f '{{.State.Pid}}' web)"
drisoctl explain "$WEB"
echo
echo "\$ drisoctl explain \$(docker inspect -f '{{.State.Pid}}' batch)"
drisoctl explain "$BATCH"
echo
echo "\$ drisoctl --json explain \$(docker inspect -f '{{.State.Pid}}' web)"
drisoctl --json explain "$WEB"
echo
BATCHCG=$(sed -n 's/^0:://p' "/proc/$BATCH/cgroup")
show drisoctl exempt "$BATCHCG"
echo "\$ drisoctl status | grep exempt"
drisoctl status | grep exempt
echo
show drisoctl unexempt "$BATCHCG"
show drisoctl disable stat loadavg
show drisoctl scope limited
show drisoctl scope containers
show drisoctl enable all
echo "\$ docker exec web drisoctl scope off"
docker exec web drisoctl scope off
echo "(exit $?)"
