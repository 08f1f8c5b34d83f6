# shellcheck shell=bash
# The kernels tests/vm/run and tests/vm/fetch-kernel accept (scripts call these names:
# keep them stable). tests/vm/fetch-kernel says where each comes from.
VM_KERNELS=(5.10 6.1 6.12 6.17 6.18 7.0 7.3 6.12-cloud 6.12-rt 7.3-rt dbg dbg-7.2)

is_vm_kernel() { # NAME: one of VM_KERNELS
    local k
    for k in "${VM_KERNELS[@]}"; do
        [ "$k" = "$1" ] && return 0
    done
    return 1
}
