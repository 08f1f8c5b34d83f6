# shellcheck shell=sh
# Tiny assertion library for guest test scripts (POSIX sh, busybox ash).
#
#   . /vmtests/lib.sh
#   check "meminfo readable" cat /proc/meminfo
#   eq "MemTotal" "$got" "$want"
#   le "usage within limit" "$usage" "$limit"
#   skip "runc" "runc cannot start containers here"
#   summary    # prints "N passed, N failed, N skipped"; returns 1 if any failed
#
# Output is TAP, as the kernel's selftests print it: each assertion one
# "ok N - DESC" or "not ok N - DESC" line, a skip "ok N - DESC # SKIP WHY",
# which summary counts apart, never as a pass. Each returns 0 or 1, so a
# script can go on after a failure and still end with `summary`. TAP_BASE
# numbers on from an earlier script's last test, TAP_RESULTS (below)
# counts for a parent (scenarios/all.sh).

_passed=0
_failed=0
_skipped=0
_tap=${TAP_BASE:-0}

# TAP_RESULTS FILE: each result's letter (p, f, s) appended there too, so
# that a script killed halfway is still counted up to where it was
_result() {
    _tap=$((_tap + 1))
    [ -z "${TAP_RESULTS:-}" ] || echo "$1" >>"$TAP_RESULTS"
}

ok() {
    _passed=$((_passed + 1))
    _result p
    echo "ok $_tap - $*"
}

fail() {
    _failed=$((_failed + 1))
    _result f
    echo "not ok $_tap - $*"
    return 1
}

# skip NAME WHY: test NAME not run here. Where the entry must run it (NAME
# in MUST_RUN, joined with "+", as tests/vm/check sets it), a failure.
skip() {
    case "+${MUST_RUN:-}+" in
    *"+$1+"*)
        fail "$1: must run here, but: $2"
        return
        ;;
    esac
    _skipped=$((_skipped + 1))
    _result s
    echo "ok $_tap - $1 # SKIP $2"
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
    echo "$_passed passed, $_failed failed, $_skipped skipped"
    [ "$_failed" -eq 0 ]
}
