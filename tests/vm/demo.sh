# shellcheck shell=sh
# make demo: the paper's Figure 4. free -m in a container limited to 512M,
# before and after driso is loaded. Runs with the module not yet loaded.
. /vmtests/scenarios/common.sh
cg_new demo 512
cg_quota demo 100000 100000
if /vmtests/runc-run 16 true 2>/dev/null; then
	run_in() { CPUS=1 /vmtests/runc-run 512 "$@"; }
	how="runc (OCI) container, memory limit 512M, 1 CPU"
else
	run_in() { ctr demo "$@"; }
	how="container (PID and mount namespaces), memory limit 512M, 1 CPU"
fi
cpus() {
	run_in sh -c 'echo "getconf _NPROCESSORS_ONLN: $(getconf _NPROCESSORS_ONLN)," \
		"cpu/online: $(cat /sys/devices/system/cpu/online)," \
		"nproc (affinity, kept real): $(nproc), uptime: $(cut -d" " -f1 /proc/uptime) s"'
}

echo
echo "### $how, without driso:  free -m"
run_in free -m
cpus
insmod "$DRISO_KO" || exit 1
echo
echo "### the same, after insmod driso.ko:  free -m"
run_in free -m
cpus
echo
echo "### ... and /proc/meminfo in the container (first lines)"
run_in head -n 6 /proc/meminfo
echo
echo "### the host outside the container is unchanged:  free -m"
free -m
echo
echo "### /sys/kernel/driso: hooks $(tr '\n' ' ' </sys/kernel/driso/hooks)," \
	"stats $(cat /sys/kernel/driso/stats_mode)," \
	"meminfo reads virtualized $(cat /sys/kernel/driso/meminfo/virtualized)"
