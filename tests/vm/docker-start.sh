# shellcheck shell=sh
# Sourced by /init in the Docker guest (run --guest docker): start Debian's dockerd as
# its unit would, minus networking (no bridge, no iptables: the guest has no network),
# and import a local image "busybox" (busybox-static and the test tools; no registry).
# Returns non-zero, with dockerd's log, if `docker info` does not answer in time.
modprobe overlay 2>/dev/null
# dockerd in a child cgroup, as systemd puts it: in the root cgroup Docker finds no
# memory.swap.max and turns swap limits off ("No swap limit support").
mkdir -p /sys/fs/cgroup/dockerd.service
(
	echo 0 >/sys/fs/cgroup/dockerd.service/cgroup.procs &&
		exec dockerd --iptables=false --ip6tables=false --bridge=none \
			--storage-driver=overlay2 --exec-opt native.cgroupdriver=cgroupfs
) >/run/dockerd.log 2>&1 &
_t0=$(cut -d' ' -f1 /proc/uptime)
_n=0
until docker info >/dev/null 2>&1; do
	_n=$((_n + 1))
	if [ $_n -gt 300 ]; then
		echo "driso-vm: docker info did not answer in 150 s; dockerd's log:"
		tail -n 30 /run/dockerd.log
		false
		return
	fi
	sleep 0.5
done
_img=/tmp/busybox-image
mkdir -p $_img/bin $_img/etc $_img/proc $_img/sys $_img/dev $_img/tmp $_img/root
cp /bin/busybox $_img/bin/busybox
for _a in $(/bin/busybox --list); do
	[ "$_a" = busybox ] || ln -s busybox "$_img/bin/$_a"
done
cp /usr/local/bin/* $_img/bin/
echo 'root:x:0:0:root:/root:/bin/sh' >$_img/etc/passwd
echo 'root:x:0:' >$_img/etc/group
if ! tar -C $_img -c . | docker import - busybox >/dev/null; then
	echo "driso-vm: docker import of the busybox image failed"
	false
	return
fi
rm -rf $_img
echo "driso-vm: dockerd $(docker version -f '{{.Server.Version}}') answered after" \
	"$(awk -v a="$_t0" -v b="$(cut -d' ' -f1 /proc/uptime)" 'BEGIN { printf "%.1f", b - a }') s;" \
	"cgroup driver $(docker info -f '{{.CgroupDriver}}'), image busybox imported"
