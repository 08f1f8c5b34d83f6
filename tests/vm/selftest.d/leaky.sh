# shellcheck shell=sh
# a scenario that leaves a process running: a failure, and the process killed
sleep 100000 &
ok "leaky: started a process and left it"
