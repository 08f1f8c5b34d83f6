# shellcheck shell=sh
# Adversarial shapes: a correct view, and no splat (the harness checks the
# console: KASAN, lockdep, a stack overflow would all fail the run), with
# cgroups DEPTH deep and SIBLINGS siblings (each also through the ia32
# sysinfo entry), a cgroup deleted as its last task reads, and a PID
# namespace's init killed while it reads. make check's sizes are small (500
# deep takes 2 minutes under TCG); make reliability's are 500 and 10,000.
DEPTH=${DEPTH:-100}
SIBLINGS=${SIBLINGS:-100}
# cgroups deleted under their last reader, and PID-namespace inits killed
DYING=${DYING:-20}
echo "== shapes: $DEPTH deep, $SIBLINGS siblings, deleted and dying readers"

# 256M and 1 CPU at the top, DEPTH levels down, the reader at the bottom
T0=$(now)
p=deep
i=1
while [ $i -lt "$DEPTH" ]; do p=$p/d; i=$((i + 1)); done
cg_new deep 256
cg_quota deep 100000 100000
cg_new "$p" max
took "$T0" "shapes: $DEPTH levels"
eq "$DEPTH deep: every view, 256M, 1 CPU" \
	"$(ctr "$p" sh -c '. /vmtests/scenarios/common.sh; views_line')" \
	"$((256 * MIB)) $((256 * MIB)) 0"
eq "$DEPTH deep: ia32 sysinfo totalram 256M" \
	"$(ctr "$p" sysinfo -32 | awk '/^totalram_kb/ { print $2 }')" $((256 * MIB))
cg_rm deep

# SIBLINGS cgroups under one parent, 128M each; read in the first and last
T0=$(now)
cg_new wide 512
# the first through cg_new, which enables the controllers in wide (v2)
cg_new wide/s0 128
i=1
while [ $i -lt "$SIBLINGS" ]; do
	mkdir "$(cg_dir wide)/s$i" || break
	i=$((i + 1))
done
eq "$SIBLINGS siblings made" "$i" "$SIBLINGS"
for s in s0 "s$((SIBLINGS - 1))"; do
	echo $((128 * 1048576)) >"$(cg_dir wide/$s)/memory.max" 2>/dev/null ||
		echo $((128 * 1048576)) >"$(cg_dir wide/$s)/memory.limit_in_bytes"
	eq "$SIBLINGS siblings: $s sees 128M" "$(ctr_field "wide/$s" MemTotal)" $((128 * MIB))
	eq "$SIBLINGS siblings: $s: ia32 sysinfo totalram 128M" \
		"$(ctr "wide/$s" sysinfo -32 | awk '/^totalram_kb/ { print $2 }')" $((128 * MIB))
done
took "$T0" "shapes: $SIBLINGS siblings"
find "$(cg_dir wide)" -mindepth 1 -maxdepth 1 -type d -exec rmdir {} +
cg_rm wide

# the last task of a cgroup reads in a loop, is killed once it has read,
# and the cgroup is removed at once; DYING times
bad=0 read=0
i=0
while [ $i -lt "$DYING" ]; do
	cg_new "gone$i" 128
	rm -f /tmp/shapes.read
	ctr "gone$i" sh -c 'while :; do cat /proc/meminfo /proc/stat /proc/loadavg >/dev/null &&
		: >>/tmp/shapes.read; done' &
	wait_for 10 test -e /tmp/shapes.read && read=$((read + 1))
	cg_rm "gone$i" >/dev/null
	wait $! 2>/dev/null
	[ -d "$(cg_dir "gone$i")" ] && bad=$((bad + 1))
	i=$((i + 1))
done
eq "$DYING cgroups deleted as their last task read: each had read" "$read" "$DYING"
eq "$DYING cgroups deleted as their last task read: all gone" "$bad" 0

# a PID namespace's init reading every view, killed mid-read; DYING times
cg_new init 128
i=0 read=0
while [ $i -lt "$DYING" ]; do
	rm -f /tmp/shapes.read
	sh -c 'for f in $1; do echo $$ >"$f"; done; exec unshare -p -f --mount-proc \
		sh -c "while :; do cat $2 >/dev/null && sysinfo >/dev/null &&
			: >>/tmp/shapes.read; done"' init \
		"$(cg_procs init)" "$ALL_VIEWS" &
	wait_for 10 test -e /tmp/shapes.read && read=$((read + 1))
	for pid in $(cat "$(cg_dir init)/cgroup.procs"); do kill -9 "$pid" 2>/dev/null; done
	wait $! 2>/dev/null
	i=$((i + 1))
done
eq "$DYING inits killed mid-read: each had read" "$read" "$DYING"
eq "after $DYING inits killed mid-read: the view" "$(ctr_field init MemTotal)" $((128 * MIB))
cg_rm init
# checked answers: 2 at the bottom of the deep tree, 4 in the wide one, 1 after the dying
reliability shapes "reads=7 checked" \
	"cycles=$DEPTH deep, $SIBLINGS siblings, $DYING deleted, $DYING inits killed"
