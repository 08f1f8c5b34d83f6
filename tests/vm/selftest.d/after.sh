# shellcheck shell=sh
# runs after the others: no shell state of theirs, no process of theirs
eq "after: no variable from an earlier scenario" "${LEFT_BY_GOOD:-unset}" unset
n=0
for c in /proc/[0-9]*/cmdline; do
	[ "$({ tr '\0' ' ' <"$c"; } 2>/dev/null)" = "sleep 100000 " ] && n=$((n + 1))
done
eq "after: no process left by an earlier one" "$n" 0
