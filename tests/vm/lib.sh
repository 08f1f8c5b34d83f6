# shellcheck shell=sh
# Tiny assertion library for guest test scripts (POSIX sh, busybox ash).
#
#   . /vmtests/lib.sh
#   check "meminfo readable" cat /proc/meminfo
#   eq "MemTotal" "$got" "$want"
#   le "usage within limit" "$usage" "$limit"
#   summary    # prints "N passed, M failed"; returns 1 if M > 0
#
# Each assertion prints one "ok - DESC" or "FAIL - DESC" line and returns 0 or 1, so a
# script can go on after a failure and still end with `summary`.

_passed=0
_failed=0

ok() {
    _passed=$((_passed + 1))
    echo "ok - $*"
}

fail() {
    _failed=$((_failed + 1))
    echo "FAIL - $*"
    return 1
}

# check DESC CMD [ARGS...]: passes if CMD exits 0; on failure shows CMD's output.
check() {
    _desc=$1
    shift
    if _out=$("$@" 2>&1); then
        ok "$_desc"
    else
        fail "$_desc (exit $?: $*)"
        [ -n "$_out" ] && printf '%s\n' "$_out" | sed 's/^/    | /' | tail -n 20
        return 1
    fi
}

# eq DESC A B: string equality.
eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (got '$2', want '$3')"; fi
}

# le DESC A B: integer A <= B.
le() {
    if [ "$2" -le "$3" ] 2>/dev/null; then ok "$1"; else fail "$1 (got $2, want <= $3)"; fi
}

summary() {
    echo "$_passed passed, $_failed failed"
    [ "$_failed" -eq 0 ]
}
