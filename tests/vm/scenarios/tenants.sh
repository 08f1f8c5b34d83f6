# shellcheck shell=sh
# No cross-tenant leak: 2 readers in each of two containers with different
# limits (256M on CPUs 0-1; 384M with a 3-CPU quota) read every memory and
# CPU view TENANT_ROUNDS times while a migrator moves them between the two
# cgroups without pause; each reads on until it has been moved TENANT_MOVES
# times. tenantcheck checks every answer: wholly the view of a cgroup the
# reader was in during that read (cgroup v2, 4 CPUs).
TENANT_ROUNDS=${TENANT_ROUNDS:-1500}
TENANT_MOVES=${TENANT_MOVES:-4}
echo "== tenants: 4 readers, $TENANT_ROUNDS rounds each, migrated between two containers"
if [ "$DRISO_CGROUP" != v2 ] || [ "$(grep -c ^processor /proc/cpuinfo)" -lt 4 ]; then
	ok "tenants: needs cgroup v2 and 4 CPUs: skipped"
	return 0
fi
cg_new ta 256
cg_cpus ta 0-1
cg_new tb 384
cg_quota tb 300000 100000
rm -f /tmp/tenant.*
for r in 1 2 3 4; do
	c=ta
	[ $r -gt 2 ] && c=tb
	ctr $c tenantcheck "$TENANT_ROUNDS" "$TENANT_MOVES" /ta:$((256 * MIB)):2 /tb:$((384 * MIB)):3 \
		>/tmp/tenant.$r 2>&1 &
done
# wait for the readers to start, then move them until they are done
n=50
while [ "$(cat "$CG/ta/cgroup.procs" "$CG/tb/cgroup.procs" | wc -l)" -lt 8 ] && [ $n -gt 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
moves=0
while pids=$(for c in ta tb; do
	for p in $(cat "$CG/$c/cgroup.procs"); do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = tenantcheck ] && echo "$c:$p"
	done
done) && [ -n "$pids" ]; do
	for cp in $pids; do
		to=tb
		[ "${cp%%:*}" = tb ] && to=ta
		echo "${cp#*:}" >"$CG/$to/cgroup.procs" 2>/dev/null && moves=$((moves + 1))
	done
done
wait
cat /tmp/tenant.* | sed 's/^/    /'
echo "tenants: $moves migrations"
eq "every answer belonged to the reader's cgroup" "$(grep -c '^bad' /tmp/tenant.*  | awk -F: '{ s += $2 } END { print s }')" 0
eq "every reader read its rounds and was moved $TENANT_MOVES times while reading" \
	"$(cat /tmp/tenant.* | awk -v r="$TENANT_ROUNDS" -v m="$TENANT_MOVES" \
		'/^rounds / && $2 >= r && $10 >= m { n++ } END { print n + 0 }')" 4
cg_rm ta
cg_rm tb
# each round reads 7 views: meminfo, sysinfo, cpu/online, cpu/possible, the cpuN
# directories, cpuinfo, stat
reliability tenants "reads=$((7 * $(cat /tmp/tenant.* | awk '/^rounds / { s += $2 } END { print s + 0 }')))" \
	"cycles=$moves migrations"
