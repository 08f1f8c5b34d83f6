# shellcheck shell=sh
# Changing any parameter needs CAP_SYS_ADMIN in the initial user namespace
# (and the initial PID namespace). Every parameter, written by uid 0 without
# CAP_SYS_ADMIN, by root of a new user namespace and by root in a container
# whose /sys is writable, must fail with EPERM and leave the value as it was.
echo "== privilege: EPERM without CAP_SYS_ADMIN, in a user namespace, in a container"
cg_new priv 512
PARAMS_ALL="enabled scope counters_only meminfo sysinfo cpuinfo cpu_online uptime swaps stat loadavg"
snapshot() {
	for p in $PARAMS_ALL; do printf '%s=%s ' "$p" "$(cat "$PARAMS/$p")"; done
}
# a value that would change each parameter
other() {
	case "$1" in
	scope) echo cgroup ;;
	counters_only) echo 1 ;;
	*) echo 0 ;;
	esac
}
BEFORE=$(snapshot)
for who in cap userns container; do
	bad=""
	for p in $PARAMS_ALL; do
		case $who in
		cap) r=$(privwrite --drop-cap "$PARAMS/$p" "$(other "$p")") ;;
		userns) r=$(unshare -U -r privwrite "$PARAMS/$p" "$(other "$p")") ;;
		container) r=$(ctr priv privwrite "$PARAMS/$p" "$(other "$p")") ;;
		esac
		[ "$r" = EPERM ] || bad="$bad $p:$r"
	done
	eq "$who: every parameter refused with EPERM" "$bad" ""
	eq "$who: nothing changed" "$(snapshot)" "$BEFORE"
done
# the same writes as root of the host do change them (the test can fail)
eq "host root: privwrite changes enabled" "$(privwrite "$PARAMS/enabled" 0)" ok
eq "host root: enabled is off" "$(cat "$PARAMS/enabled")" N
privwrite "$PARAMS/enabled" 1 >/dev/null
eq "host root: on again" "$(cat "$PARAMS/enabled")" Y
cg_rm priv
reliability privilege "cycles=$((3 * $(echo $PARAMS_ALL | wc -w))) refused writes"
