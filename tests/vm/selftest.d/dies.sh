# shellcheck shell=sh
# a scenario whose shell dies before its end
ok "dies: before its death"
exit 3
