# shellcheck shell=sh
# a scenario that never ends: all.sh kills it at its time limit
ok "hang: before the hang"
sleep 100000
