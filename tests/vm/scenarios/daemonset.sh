# shellcheck shell=sh
# The Kubernetes DaemonSet's pod on a node (run --guest docker, which has the
# kernel's headers and a base for the pod image): the image built offline
# from deploy/kubernetes/Dockerfile, then the pod run as the manifest says
# (tests/pkg/pod-spec: its mounts, environment, command, readiness probe).
echo "== daemonset: the pod image, build and load, readiness, exemptions, stop, restart, upgrade"
POD_DIR=/driso/context/pod
if ! command -v docker >/dev/null || [ ! -f $POD_DIR/pod.sh ]; then
	fail "daemonset: no docker or no pod spec here (run with tests/vm/run --guest docker)"
	return 0
fi
# shellcheck source=/dev/null
. $POD_DIR/pod.sh
KREL=$(uname -r)
CTX=/driso/context
VER=$(sed -n 's/^#define DRISO_VERSION "\(.*\)"/\1/p' $CTX/src/version.h)
VER_B=$VER.1
# the upgrade builds a second version under TCG (about 7 minutes)
DAEMONSET_UPGRADE=${DAEMONSET_UPGRADE:-1}
HDR=/usr/src/linux-headers-$KREL
HOSTTOTAL=$(field MemTotal </proc/meminfo)
# the node starts without driso: the pod loads it
rmmod driso 2>/dev/null
eq "daemonset: the manifest's image is driso:VERSION" "$POD_IMAGE" "driso:$VER"
# pod_up NAME IMAGE: start the pod, then pod_wait it
pod_up() {
	pod_run "$1" "$2" >/dev/null && pod_wait "$1"
}
# pod_wait NAME: until its readiness probe passes (0) or the pod ends (1)
pod_wait() {
	_n=0
	while [ $_n -lt 1200 ]; do
		pod_ready "$1" >/dev/null 2>&1 && return 0
		[ "$(docker inspect -f '{{.State.Running}}' "$1")" = true ] || return 1
		sleep 0.5
		_n=$((_n + 1))
	done
	return 1
}
# pod_build NAME IMAGE WHEN: a pod that must build first: not ready at once,
# ready once built and loaded (0), or said why not (1)
pod_build() {
	pod_run "$1" "$2" >/dev/null
	if pod_ready "$1" >/dev/null 2>&1; then
		fail "daemonset: $3$1 ready before it built and loaded its driso"
	else
		ok "daemonset: $3$1 not ready while it builds"
	fi
	if pod_wait "$1"; then
		ok "daemonset: $3$1 ready, its readiness probe passes"
	else
		fail "daemonset: $3$1 never became ready: $(docker logs "$1" 2>&1 | tail -n 25)"
	fi
}
# total_in DOCKER-COMMAND...: MemTotal as that container reads it
# shellcheck disable=SC2016 # awk's $2
total_in() { "$@" awk '/^MemTotal:/ { print $2 }' /proc/meminfo; }
memtotal() { total_in docker run --rm --network none -m 512m busybox; }
# a stopped pod's exit code
stopped() { docker inspect -f '{{.State.ExitCode}}' "$1"; }

# ---- the image, without network: a base imported from the debootstrap tree
t0=$(now)
if docker import /var/lib/driso-node/pod-base.tar driso-pod-base >/dev/null &&
	docker build -q --network none --build-arg BASE=driso-pod-base \
		-f $CTX/deploy/kubernetes/Dockerfile -t "$POD_IMAGE" $CTX >/tmp/build.log 2>&1; then
	ok "daemonset: image $POD_IMAGE built offline from the Dockerfile"
else
	fail "daemonset: docker build of $POD_IMAGE: $(tail -n 5 /tmp/build.log)"
	return 0
fi
took "$t0" "daemonset: the image"
eq "daemonset: the image has drisoctl and driso's DKMS sources" \
	"$(docker run --rm --network none "$POD_IMAGE" sh -c \
		'command -v drisoctl; ls /opt/driso/src; cat /opt/driso/src/*/dkms.conf | grep -c BUILT_MODULE_NAME')" \
	"/usr/sbin/drisoctl
driso-$VER
1"
# version B: the same sources with another version string
if [ "$DAEMONSET_UPGRADE" = 1 ]; then
	rm -rf /tmp/ctx-b && cp -a $CTX /tmp/ctx-b
	sed -i "s/^#define DRISO_VERSION .*/#define DRISO_VERSION \"$VER_B\"/" /tmp/ctx-b/src/version.h
	docker build -q --network none --build-arg BASE=driso-pod-base \
		-f /tmp/ctx-b/deploy/kubernetes/Dockerfile -t "driso:$VER_B" /tmp/ctx-b >/tmp/build.log 2>&1 ||
		fail "daemonset: docker build of driso:$VER_B: $(tail -n 5 /tmp/build.log)"
fi

# ---- a node without headers: the pod says so and exits; nothing is loaded
mv "$HDR" "$HDR.away"
pod_run nohdr "$POD_IMAGE" >/dev/null
docker wait nohdr >/dev/null
mv "$HDR.away" "$HDR"
check "daemonset: no headers: the pod exits non-zero" [ "$(stopped nohdr)" != 0 ]
eq "daemonset: no headers: its one line says what to install" \
	"$(docker logs nohdr 2>&1)" "driso: no headers for $KREL on this node: install linux-headers-$KREL"
check "daemonset: no headers: driso is not loaded" [ ! -d /sys/module/driso ]
docker rm nohdr >/dev/null

# ---- the pod: DKMS builds driso for this kernel, loads it, then is ready
t0=$(now)
pod_build pod-a "$POD_IMAGE" "" || return 0
took "$t0" "daemonset: build and load"
eq "daemonset: the pod loaded its version" "$(cat /sys/module/driso/version)" "$VER"
check "daemonset: DKMS built it in the pod" \
	sh -c "docker logs pod-a 2>&1 | grep -q 'driso $VER loaded on $KREL'"
eq "daemonset: a -m 512m container after it sees 512M" "$(memtotal)" $((512 * MIB))
check "daemonset: the pod itself (hostPID) sees the node's memory" \
	[ "$(total_in docker exec pod-a)" = "$HOSTTOTAL" ]

# ---- exemptions from inside the pod: a pod cgroup as Kubernetes' cgroupfs
# driver makes it, the listing from a file in place of the API server
UID_=1234-5678
docker run -d --name exempted --network none -m 512m \
	--cgroup-parent /kubepods/besteffort/pod$UID_ busybox sleep 100000 >/dev/null
pods_json() { # ANNOTATIONS-JSON
	echo "{\"items\": [{\"metadata\": {\"uid\": \"$UID_\", \"namespace\": \"monitoring\", \"annotations\": $1}}]}" |
		docker exec -i pod-a sh -c 'cat >/tmp/pods.json'
	docker exec -e PODS_JSON=/tmp/pods.json pod-a sh /driso/exempt-sync.sh
}
exempted_total() { total_in docker exec exempted; }
eq "daemonset: the pod's container first sees 512M" "$(exempted_total)" $((512 * MIB))
pods_json '{"driso.io/exempt": "all"}'
eq "daemonset: driso.io/exempt=all, synced in the pod: the host's memory" \
	"$(exempted_total)" "$HOSTTOTAL"
check "daemonset: drisoctl status lists the pod's cgroup" \
	sh -c "grep -q 'kubepods/besteffort/pod$UID_ all' /sys/kernel/driso/exempt"
pods_json '{}'
eq "daemonset: annotation removed: 512M again" "$(exempted_total)" $((512 * MIB))

# ---- stop, driso.io/unload-on-stop false (the default): driso stays
docker stop pod-a >/dev/null
eq "daemonset: stopped pod exits 0" "$(stopped pod-a)" 0
check "daemonset: unload-on-stop false: driso stays loaded" [ -d /sys/module/driso ]
eq "daemonset: unload-on-stop false: containers keep their view" "$(memtotal)" $((512 * MIB))

# ---- restarted at the same version: no rebuild, nothing reloaded
docker rm pod-a >/dev/null
if pod_up pod-a "$POD_IMAGE"; then
	ok "daemonset: restarted pod is ready"
else
	fail "daemonset: restarted pod never became ready: $(docker logs pod-a 2>&1 | tail -n 25)"
fi
check "daemonset: restarted at the same version: nothing built or loaded" \
	sh -c "! docker logs pod-a 2>&1 | grep -q 'loaded on\|Building'"
check "daemonset: and its DKMS tree is empty" \
	docker exec pod-a sh -c '! ls /var/lib/driso-dkms/driso/*/*/*/module/driso.ko* 2>/dev/null'
# an exemption the stopped pod made is the new pod's to clear
pods_json '{"driso.io/exempt": "all"}'
docker stop pod-a >/dev/null
docker rm pod-a >/dev/null
pod_up pod-a "$POD_IMAGE" || fail "daemonset: pod-a did not come back"
pods_json '{}'
eq "daemonset: an earlier pod's exemption, annotation removed: 512M again" \
	"$(exempted_total)" $((512 * MIB))
docker rm -f exempted >/dev/null

# ---- upgrade to B while containers read: B builds while A serves, then
# swaps; gapwatch measures how long readers see the host's values
docker stop pod-a >/dev/null
docker rm pod-a >/dev/null
if [ "$DAEMONSET_UPGRADE" = 1 ]; then
	rm -f /tmp/gap.stop /tmp/gap.*
	for i in 1 2; do
		docker run -d --name "reader$i" --network none -m 512m -v /tmp:/gap busybox \
			gapwatch $((512 * MIB)) /gap/gap.stop "/gap/gap.$i" >/dev/null
	done
	wait_for 60 test -e /tmp/gap.1.started -a -e /tmp/gap.2.started
	t0=$(now)
	pod_build pod-b "driso:$VER_B" "upgrade, driso $VER loaded: "
	upgrade_s=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }')
	touch /tmp/gap.stop
	docker wait reader1 reader2 >/dev/null
	eq "daemonset: upgrade: driso $VER_B is loaded" "$(cat /sys/module/driso/version)" "$VER_B"
	check "daemonset: upgrade: the pod said it replaced $VER" \
		sh -c "docker logs pod-b 2>&1 | grep -q 'driso $VER is loaded: replacing it with $VER_B'"
	eq "daemonset: upgrade: containers see 512M after it" "$(memtotal)" $((512 * MIB))
	gap_max=0
	for i in 1 2; do
		read -r _ reads _ other _ gap _ failed <"/tmp/gap.$i" || reads=0
		echo "daemonset: reader $i: $reads reads, $other of the host's values, longest gap $gap ms, $failed failed"
		check "daemonset: upgrade: reader $i read throughout, no read failed" \
			[ "${reads:-0}" -gt 100 -a "${failed:-1}" = 0 ]
		[ "${gap:-0}" -gt "$gap_max" ] && gap_max=$gap
	done
	echo "daemonset: upgrade took $upgrade_s s (DKMS build of $VER_B, then the swap); the host's values for at most $gap_max ms"
	# The build takes most of the upgrade and the old driso serves during it:
	# readers must see the host's values for far less than the whole upgrade.
	check "daemonset: upgrade: the host's values only during the swap, not the build" \
		[ "$gap_max" -lt $((upgrade_s * 1000 / 4)) ]
	docker rm reader1 reader2 >/dev/null
	docker stop pod-b >/dev/null
	docker rm pod-b >/dev/null
else
	skip upgrade "DAEMONSET_UPGRADE=0 (make rest runs it)"
	VER_B=$VER
fi

# ---- stop with driso.io/unload-on-stop true: driso is unloaded
export POD_ANNOTATION_driso_io_unload_on_stop=true
pod_up pod-c "driso:$VER_B" || fail "daemonset: pod-c never became ready"
unset POD_ANNOTATION_driso_io_unload_on_stop
docker stop pod-c >/dev/null
eq "daemonset: unload-on-stop true: stopped pod exits 0" "$(stopped pod-c)" 0
check "daemonset: unload-on-stop true: driso is unloaded" [ ! -d /sys/module/driso ]
eq "daemonset: unload-on-stop true: containers see the host's memory" \
	"$(memtotal)" "$HOSTTOTAL"
docker rm pod-c >/dev/null
