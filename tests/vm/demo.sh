# shellcheck shell=sh
# make demo: the paper's Figure 4. free -m in a container limited to 512M,
# before and after driso is loaded. Runs with the module not yet loaded.
# In the Docker guest the container is `docker run -m 512m`; elsewhere it is
# runc, or a namespace container in a cgroup.
. /vmtests/scenarios/common.sh
if command -v docker >/dev/null; then
	run_in() { docker run --rm --network none -m 512m --cpus 1 busybox "$@"; }
	how="Docker $(docker version -f '{{.Server.Version}}'), memory limit 512M, 1 CPU"
	show() { echo "\$ docker run --rm --network none -m 512m --cpus 1 busybox $*"; }
else
	cg_new demo 512
	cg_quota demo 100000 100000
	if /vmtests/runc-run 64 true 2>/dev/null; then
		run_in() { CPUS=1 /vmtests/runc-run 512 "$@"; }
		how="runc (OCI) container, memory limit 512M, 1 CPU"
	else
		run_in() { ctr demo "$@"; }
		how="container (PID and mount namespaces), memory limit 512M, 1 CPU"
	fi
	show() { echo "\$ $*"; }
fi
cpus() {
	run_in sh -c 'echo "sysconf(_SC_NPROCESSORS_ONLN):" \
		"$(sysconf | awk "\$1 == \"nprocessors_onln\" { print \$2 }")," \
		"cpu/online: $(cat /sys/devices/system/cpu/online)," \
		"nproc (affinity, kept real): $(nproc), uptime: $(cut -d" " -f1 /proc/uptime) s"'
}

in_container() {
	show free -m
	run_in free -m
	show head -n 6 /proc/meminfo
	run_in head -n 6 /proc/meminfo
	cpus
}

echo
echo "### $how, without driso"
in_container
insmod "$DRISO_KO" || exit 1
echo
echo "### the same, after insmod driso.ko"
in_container
echo
echo "### the host outside the container is unchanged:  free -m; head -n 2 /proc/meminfo"
free -m
head -n 2 /proc/meminfo
echo
echo "### /sys/kernel/driso: hooks $(tr '\n' ' ' </sys/kernel/driso/hooks)," \
	"stats $(cat /sys/kernel/driso/stats_mode)," \
	"meminfo reads virtualized $(cat /sys/kernel/driso/meminfo/virtualized)"
