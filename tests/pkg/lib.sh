# shellcheck shell=bash
# Assertions for the host-side tests (tests/pkg/*, tests/unit/drisoctl.sh):
# ok, bad, eq, and summary NAME, which prints "NAME: N passed, M failed" and
# fails if M > 0. The guest's own are in tests/vm/lib.sh.
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "FAIL - $1"; }
eq() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1 (got '$2', want '$3')"; fi; }
summary() {
    echo "$1: $passed passed, $failed failed"
    [ "$failed" = 0 ]
}

# boot_paper KVER KO DESC: boot KVER with the prebuilt driso.ko KO and run the
# paper scenario (meminfo, free, sysinfo in a 512M container) there.
boot_paper() {
    local log
    log=$(mktemp)
    if DRISO_PREBUILT_KO=$2 "$(dirname "${BASH_SOURCE[0]}")/../vm/run" --kernel "$1" \
        --cgroup v2 "$(dirname "${BASH_SOURCE[0]}")/../vm/scenarios/all.sh" paper >"$log" 2>&1; then
        ok "$3 loads in the $1 VM and passes the paper scenario ($(grep -E '^[0-9]+ passed' "$log"))"
    else
        bad "$3 in the $1 VM"
        grep -E '^(FAIL|run:)' "$log" | sed 's/^/    | /' | tail -n 20
    fi
    rm -f "$log"
}
