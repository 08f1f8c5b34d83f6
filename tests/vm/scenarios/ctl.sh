# shellcheck shell=sh
# drisoctl on the real module: status, switches, scope, explain (checked
# against what the process reads), refusal in a container, not loaded.
echo "== ctl: drisoctl status, enable/disable, scope, explain"
HOSTTOTAL=$(field MemTotal </proc/meminfo)
NHOOKS=$(wc -l <$STATUS/hooks)
check "status exits 0" drisoctl status
eq "status: every hook" "$(drisoctl status | awk '$1 == "hooks" { print $2 }')" "$NHOOKS"
eq "status: scope" "$(drisoctl status | awk '$1 == "scope" { print $2 }')" containers
check "status --json: loaded" sh -c 'drisoctl --json status | grep -q "^{\"loaded\": true, "'

cg_new ctl 512
cg_new ctl/in max
cg_quota ctl 150000 100000
ctr_start ctl/in
eq "a container in ctl/in sees 512M" "$(cexec ctl/in cat /proc/meminfo | field MemTotal)" $((512 * MIB))
check "disable meminfo" drisoctl disable meminfo
eq "disabled: the host's MemTotal" "$(cexec ctl/in cat /proc/meminfo | field MemTotal)" "$HOSTTOTAL"
eq "disabled: the switch is off" "$(cat $PARAMS/meminfo)" N
check "enable meminfo" drisoctl enable meminfo
eq "enabled: the view again" "$(cexec ctl/in cat /proc/meminfo | field MemTotal)" $((512 * MIB))
check "scope off" drisoctl scope off
eq "scope off: the host's MemTotal" "$(cexec ctl/in cat /proc/meminfo | field MemTotal)" "$HOSTTOTAL"
check "scope containers" drisoctl scope containers
eq "scope containers: the view" "$(cexec ctl/in cat /proc/meminfo | field MemTotal)" $((512 * MIB))

# explain: what it says the process sees is what the process reads
PID=$(ctr_pid ctl/in)
OUT=$(drisoctl explain "$PID")
echo "$OUT" | sed 's/^/    /'
echo "$OUT" | grep -q "^memory limit *512 MiB, set by the ancestor /ctl$" && ok "explain: the limit and the ancestor that sets it" ||
	fail "explain: the limit and the ancestor that sets it"
echo "$OUT" | grep -q "^in scope *yes" && ok "explain: in scope" || fail "explain: in scope"
SEES=$(drisoctl --json explain "$PID")
MEM=$(echo "$SEES" | sed -n 's/.*"sees_memory_bytes": \([0-9]*\).*/\1/p')
CPUS=$(echo "$SEES" | sed -n 's/.*"sees_cpus": \([0-9]*\).*/\1/p')
eq "explain's memory is what the process reads" "$((MEM / 1024))" \
	"$(cexec ctl/in cat /proc/meminfo | field MemTotal)"
# the quota of 1.5 CPUs on ctl, rounded up (docs/views.md's rule), 4 online
eq "explain's CPUs: 2 for ctl's quota of 1.5" "$CPUS" 2
eq "... what the process reads" "$(cexec ctl/in grep -c ^processor /proc/cpuinfo)" 2
# a task of the host's PID namespace in the same cgroup: out of scope, and
# in with scope limited; explain says so and the task reads accordingly (a
# leaf cgroup: v2 keeps tasks out of cgroups with enabled children)
cg_new ctl/host max
host_task() {
	exec sh -c 'for f in $1; do echo $$ >"$f"; done; shift; exec "$@"' host "$(cg_procs ctl/host)" "$@"
}
host_task sleep 1000 &
HPID=$!
# it has moved itself into every hierarchy
wait_for 10 sh -c "for f in $(cg_procs ctl/host | tr '\n' ' '); do grep -qx $HPID \$f || exit 1; done"
OUT=$(drisoctl explain $HPID)
echo "$OUT" | grep -q "^in scope *no: it runs in the host's PID namespace" &&
	ok "explain: a host task in the cgroup is out of scope" ||
	fail "explain: a host task in the cgroup is out of scope ($OUT)"
eq "... and such a task reads the host's MemTotal" \
	"$(host_task cat /proc/meminfo | field MemTotal)" "$HOSTTOTAL"
drisoctl scope limited >/dev/null
OUT=$(drisoctl explain $HPID)
echo "$OUT" | grep -q "^in scope *yes" && ok "explain: scope limited takes it in" ||
	fail "explain: scope limited takes it in ($OUT)"
eq "... and such a task reads 512M" "$(host_task cat /proc/meminfo | field MemTotal)" $((512 * MIB))
drisoctl scope containers >/dev/null
kill $HPID

# refusals: root in a container, and a module that is not there
OUT=$(cexec ctl/in drisoctl scope off 2>&1)
eq "in a container: exit 4" "$?" 4
echo "$OUT" | grep -q "permission denied" && ok "in a container: permission denied, said once" ||
	fail "in a container: permission denied ($OUT)"
eq "in a container: the scope is unchanged" "$(cat $PARAMS/scope) $(cat $PARAMS/enabled)" "container Y"
rmmod driso
drisoctl status >/dev/null
eq "not loaded: status exits 3" "$?" 3
drisoctl scope off 2>/dev/null
eq "not loaded: scope exits 3" "$?" 3
insmod "$DRISO_KO"
cg_rm ctl
