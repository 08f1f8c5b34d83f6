# shellcheck shell=sh
# tests/vm/selftest's scenarios (scenarios/all.sh SCENARIO_DIR=/vmtests/selftest.d):
# two passes, a skip, a skip that MUST_RUN makes a failure; leaves a variable set.
ok "good: one"
eq "good: two" a a
skip maybe "not here"
skip must "not here either"
LEFT_BY_GOOD=1
