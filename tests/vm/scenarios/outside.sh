# shellcheck shell=sh
# Outside containers everyone reads the kernel's own /proc/meminfo: the same
# lines, the same format, the host's values.
echo "== outside: the host and the root cgroup are untouched"

# the kernel's layout with the numbers masked: "MemTotal: N kB"
shape() {
	sed -E 's/^([^:]+:) *[0-9]+/\1 N/'
}

rmmod driso
NATIVE=$(cat /proc/meminfo)
reload
cg_new lim 512
HOST=$(cat /proc/meminfo)
ROOTCTR=$(unshare -p -m -f --mount-proc cat /proc/meminfo)
# a limited cgroup, but the initial PID namespace: not a container
INITNS=$(sh -c 'echo $$ >"$1/cgroup.procs"; exec cat /proc/meminfo' sh "$(cg_dir lim)")
VIRT=$(ctr lim cat /proc/meminfo)

for who in HOST ROOTCTR INITNS VIRT; do
	eval "TEXT=\$$who"
	eq "$who: the kernel's lines and format" \
		"$(echo "$TEXT" | shape)" "$(echo "$NATIVE" | shape)"
done
for f in MemTotal SwapTotal VmallocTotal CommitLimit; do
	eq "host: $f is the kernel's" "$(echo "$HOST" | field $f)" \
		"$(echo "$NATIVE" | field $f)"
	eq "new PID ns in the root cgroup: $f is the kernel's" \
		"$(echo "$ROOTCTR" | field $f)" "$(echo "$NATIVE" | field $f)"
	eq "init PID ns in a limited cgroup: $f is the kernel's" \
		"$(echo "$INITNS" | field $f)" "$(echo "$NATIVE" | field $f)"
done
eq "container: VmallocTotal is not the host's" \
	"$(echo "$VIRT" | field VmallocTotal)" $((512 * MIB))
eq "host sysinfo: totalram is the kernel's" \
	"$(sysinfo | awk '/^totalram_kb/ { print $2 }')" "$(echo "$NATIVE" | field MemTotal)"
cg_rm lim
