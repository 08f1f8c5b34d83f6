# shellcheck shell=sh
# Real Docker (run --guest docker, --smp 4): what `docker run` limits show
# inside the container, through busybox's free (sysinfo), /proc and sysconf.
echo "== docker: docker run -m/--memory-swap/--cpus/--cpuset-cpus, exec, stats, --pid=host, unload"
if ! command -v docker >/dev/null; then
	fail "docker: no docker here (run with tests/vm/run --guest docker)"
	return 0
fi
HOSTTOTAL=$(field MemTotal </proc/meminfo)
NCPU=$(grep -c ^processor /proc/cpuinfo)
drun() { docker run --rm --network none "$@"; }
# meminfo FIELD OPTIONS...: one /proc/meminfo value in a new container
meminfo() {
	_f=$1
	shift
	drun "$@" busybox cat /proc/meminfo | field "$_f"
}
# kb SIZE: docker's "200.5MiB" in kB
kb() {
	echo "$1" | awk '{ n = $0 + 0; u = $0; sub(/^[0-9.]+/, "", u)
		m = (u == "B") ? 1 / 1024 : (u == "KiB") ? 1 : (u == "MiB") ? 1024 : (u == "GiB") ? 1048576 : -1
		printf "%d\n", m < 0 ? -1 : n * m }'
}

# -m 512m: /proc/meminfo, busybox free (sysinfo) and glibc's sysconf
OUT=$(drun -m 512m busybox sh -c 'field() { awk -v f="$1:" "\$1 == f { print \$2 }"; }
	echo meminfo $(field MemTotal </proc/meminfo)
	echo free $(free | awk "\$1 == \"Mem:\" { print \$2 }")
	echo sysconf $(sysconf | awk "\$1 == \"phys_kb\" { print \$2 }")
	echo swap $(field SwapTotal </proc/meminfo)')
get() { echo "$OUT" | awk -v k="$1" '$1 == k { print $2 }'; }
eq "-m 512m: MemTotal" "$(get meminfo)" $((512 * MIB))
eq "-m 512m: busybox free (sysinfo) total" "$(get free)" $((512 * MIB))
eq "-m 512m: sysconf(_SC_PHYS_PAGES)" "$(get sysconf)" $((512 * MIB))
eq "no container: the guest's MemTotal is unchanged" \
	"$(field MemTotal </proc/meminfo)" "$HOSTTOTAL"

# -m 512m --memory-swap 768m on a zram swap device: 256M of swap
[ -e /sys/block/zram0 ] || modprobe zram num_devices=1
if echo 1G >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null &&
	swapon /dev/zram0; then
	eq "docker info: swap limit support" "$(docker info -f '{{.SwapLimit}}')" true
	OUT=$(drun -m 512m --memory-swap 768m busybox sh -c '
		awk "\$1 == \"SwapTotal:\" { print \"meminfo\", \$2 }" /proc/meminfo
		sysinfo | awk "\$1 == \"totalswap_kb\" { print \"sysinfo\", \$2 }"
		free | awk "\$1 == \"Swap:\" { print \"free\", \$2 }"')
	eq "--memory-swap 768m: SwapTotal" "$(get meminfo)" $((256 * MIB))
	eq "--memory-swap 768m: sysinfo totalswap" "$(get sysinfo)" $((256 * MIB))
	eq "--memory-swap 768m: busybox free's swap" "$(get free)" $((256 * MIB))
	eq "-m 512m alone: swap up to 512M more (Docker's default)" \
		"$(meminfo SwapTotal -m 512m)" $((512 * MIB))
	swapoff /dev/zram0
	echo 1 >/sys/block/zram0/reset
else
	fail "docker: zram swap could not be set up"
fi

# --cpus and --cpuset-cpus, with -m and without: the CPU views follow the
# CPU limits alone; -m alone keeps the host's CPUs
cpus_seen() {
	drun "$@" busybox sh -c 'echo $(cat /sys/devices/system/cpu/online) \
		$(grep -c ^processor /proc/cpuinfo) \
		$(sysconf | awk "\$1 == \"nprocessors_onln\" { print \$2 }") $(nproc) \
		$(cat /sys/devices/system/cpu/possible) \
		$(sysconf | awk "\$1 == \"nprocessors_conf\" { print \$2 }")'
}
le "the guest has 4 CPUs" 4 "$NCPU"
HOSTCPUS="0-$((NCPU - 1)) $NCPU $NCPU $NCPU $(cat /sys/devices/system/cpu/possible) $NCPU"
eq "--cpus 1.5: cpu/online, cpuinfo, sysconf, nproc (affinity), possible, _CONF" \
	"$(cpus_seen -m 512m --cpus 1.5)" "0-1 2 2 $NCPU 0-1 2"
eq "--cpuset-cpus 1-2: the same" \
	"$(cpus_seen -m 512m --cpuset-cpus 1-2)" "0-1 2 2 2 0-1 2"
eq "--cpus 0.5 --cpuset-cpus 1-3: one CPU" \
	"$(cpus_seen -m 512m --cpus 0.5 --cpuset-cpus 1-3)" "0 1 1 3 0 1"
eq "--cpus 1.5 without -m: its CPUs" \
	"$(cpus_seen --cpus 1.5)" "0-1 2 2 $NCPU 0-1 2"
eq "--cpuset-cpus 1-2 without -m: its CPUs" \
	"$(cpus_seen --cpuset-cpus 1-2)" "0-1 2 2 2 0-1 2"
eq "--cpus 1.5 without -m: the host's MemTotal" \
	"$(drun --cpus 1.5 busybox awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo)" \
	"$(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo)"
eq "-m 512m without CPU limits: the host's CPUs" "$(cpus_seen -m 512m)" "$HOSTCPUS"

# A process allocating 200M inside shows as used, and docker stats agrees.
docker run -d --name hog --network none -m 512m busybox \
	sh -c 'memhog 200 >/tmp/hog' >/dev/null
wait_for 30 docker exec hog grep -q ready /tmp/hog
OUT=$(docker exec hog sh -c '
	awk "\$1 == \"MemTotal:\" { t = \$2 } \$1 == \"MemAvailable:\" { a = \$2 }
		END { print \"meminfo\", t - a }" /proc/meminfo
	free | awk "\$1 == \"Mem:\" { print \"free\", \$3 }"')
USED=$(get free)
le "200M allocated: MemTotal - MemAvailable >= 200M" $((200 * MIB)) "$(get meminfo)"
le "200M allocated: busybox free's used >= 200M" $((200 * MIB)) "$USED"
le "... and below 260M" "$USED" $((260 * MIB))
STATS=$(docker stats --no-stream --format '{{.MemUsage}}' hog)
echo "docker stats: $STATS; free in the container: used $USED kB"
SUSED=$(kb "${STATS%% / *}")
SLIMIT=$(kb "${STATS##* / }")
eq "docker stats' limit is the container's MemTotal" "$SLIMIT" $((512 * MIB))
# docker stats shows memory.current - inactive_file; free shows usage - page
# cache (from memory.stat): they differ by active file pages and by what moved
# between two reads. 8 MiB is 1.6% of the limit.
DIFF=$((SUSED - USED))
[ $DIFF -lt 0 ] && DIFF=$((-DIFF))
le "docker stats usage ($SUSED kB) = free's used ($USED kB) within 8 MiB" "$DIFF" $((8 * MIB))

# docker exec sees what the container's init sees: same cgroup, same view.
docker run -d --name ex --network none -m 300m --memory-swap 300m busybox sh -c '
	while :; do cat /proc/meminfo >/tmp/v.new; sysinfo >>/tmp/v.new
		mv /tmp/v.new /tmp/v; sleep 0.5; done' >/dev/null
wait_for 20 docker exec ex test -s /tmp/v
INIT=$(docker exec ex sh -c 'grep -E "^(MemTotal|SwapTotal|totalram_kb|totalswap_kb)" /tmp/v')
EXEC=$(docker exec ex sh -c '{ cat /proc/meminfo; sysinfo; } |
	grep -E "^(MemTotal|SwapTotal|totalram_kb|totalswap_kb)"')
eq "docker exec: the init's view" "$(echo "$EXEC" | tr -s ' \n' ' ')" \
	"$(echo "$INIT" | tr -s ' \n' ' ')"
eq "docker exec: MemTotal 300M" "$(echo "$EXEC" | field MemTotal)" $((300 * MIB))
eq "docker exec: in the init's cgroup" "$(docker exec ex cat /proc/self/cgroup)" \
	"$(docker exec ex cat /proc/1/cgroup)"

# drisoctl in a container: Docker mounts /sys read-only; a clear refusal
OUT=$(docker exec ex drisoctl scope off 2>&1)
eq "drisoctl in a container: exit 4" "$?" 4
case "$OUT" in
"drisoctl: permission denied: /sys is read-only here"*) ok "drisoctl in a container: says why" ;;
*) fail "drisoctl in a container: says why ($OUT)" ;;
esac
eq "drisoctl in a container: nothing changed" "$(cat "$PARAMS/enabled")" Y

# --pid=host: in the initial PID namespace, so the host's view under
# scope=container; scope=cgroup gives it the view of its cgroup.
eq "--pid=host, scope=container: the host's MemTotal" \
	"$(meminfo MemTotal --pid=host -m 512m)" "$HOSTTOTAL"
echo cgroup >"$PARAMS/scope"
eq "--pid=host, scope=cgroup: MemTotal 512M" \
	"$(meminfo MemTotal --pid=host -m 512m)" $((512 * MIB))
echo container >"$PARAMS/scope"

# Unload under 3 containers reading in a loop: each counts view, host and
# other values into a directory of the host's (read without docker exec,
# which takes seconds under TCG); reads go on, with the host's values while
# unloaded.
for i in 1 2 3; do
	rm -rf /tmp/rd$i && mkdir /tmp/rd$i
	docker run -d --name rd$i --network none -m 512m -e VIEW=$((512 * MIB)) \
		-v /tmp/rd$i:/out -e HOST="$HOSTTOTAL" busybox sh -c '
		v=0 h=0 o=0
		while :; do
			t=$(awk "\$1 == \"MemTotal:\" { print \$2 }" /proc/meminfo)
			s=$(sysinfo | awk "\$1 == \"totalram_kb\" { print \$2 }")
			for x in "$t" "$s"; do
				case "$x" in "$VIEW") v=$((v + 1)) ;; "$HOST") h=$((h + 1)) ;;
				*) o=$((o + 1)); echo "$x" >>/tmp/other ;; esac
			done
			echo "$v $h $o" >/out/n.new && mv /out/n.new /out/n
		done' >/dev/null
done
for i in 1 2 3; do wait_for 20 test -s /tmp/rd$i/n; done
counts() { cat "/tmp/rd$1/n"; }
# snap FIELD: every reader's count FIELD (1 views, 2 host values) now
snap() { for i in 1 2 3; do counts $i | cut -d' ' -f"$1"; done | tr '\n' ' '; }
# grown FIELD COUNT...: whether every reader's FIELD is above its COUNT
grown() {
	_f=$1
	shift
	for i in 1 2 3; do
		[ "$(counts $i | cut -d' ' -f"$_f")" -gt "$1" ] || return 1
		shift
	done
}
# each unload and load lasts until every reader has read through it
for c in 1 2 3; do
	rmmod driso || fail "rmmod $c"
	# shellcheck disable=SC2046 # one count a word
	wait_for 30 grown 2 $(snap 2) || fail "unload $c: every reader read the host's values"
	insmod "$DRISO_KO" || fail "insmod $c"
	# shellcheck disable=SC2046
	wait_for 30 grown 1 $(snap 1) || fail "load $c: every reader read the view again"
done
for i in 1 2 3; do
	# shellcheck disable=SC2046
	set -- $(counts $i)
	echo "reader rd$i: $1 views, $2 host values, $3 others"
	le "rd$i: read the view" 1 "$1"
	le "rd$i: read the host's values while unloaded" 1 "$2"
	eq "rd$i: nothing else" "$3" 0
done
eq "reloaded: the view again" "$(docker exec rd1 cat /proc/meminfo | field MemTotal)" \
	$((512 * MIB))
docker rm -f hog ex rd1 rd2 rd3 >/dev/null
