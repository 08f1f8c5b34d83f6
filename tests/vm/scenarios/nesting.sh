# shellcheck shell=sh
# The effective limit is the smallest up the hierarchy.
echo "== nesting: the smallest limit up the tree"
cg_new outer 256
cg_new outer/inner 1024
eq "parent 256M, child 1G: MemTotal" "$(ctr_field outer/inner MemTotal)" $((256 * MIB))
cg_rm outer

cg_new outer 1024
cg_new outer/inner 256
eq "parent 1G, child 256M: MemTotal" "$(ctr_field outer/inner MemTotal)" $((256 * MIB))
cg_rm outer

cg_new big 100000
HOST=$(field MemTotal </proc/meminfo)
eq "limit above host RAM: not virtualized, host view" "$(ctr_field big MemTotal)" "$HOST"
cg_rm big
