# shellcheck shell=sh
# make demo: the paper's Figure 4. free -m in a container limited to 512M,
# before and after driso is loaded. Runs with the module not yet loaded.
. /vmtests/scenarios/common.sh
cg_new demo 512
if command -v runc >/dev/null 2>&1; then
	run_in() { /vmtests/runc-run 512 "$@"; }
	how="runc (OCI) container, memory limit 512M"
else
	run_in() { ctr demo "$@"; }
	how="container (PID and mount namespaces), memory limit 512M"
fi

echo
echo "### $how, without driso:  free -m"
run_in free -m
insmod "$DRISO_KO" || exit 1
echo
echo "### the same, after insmod driso.ko:  free -m"
run_in free -m
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
