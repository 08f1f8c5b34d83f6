# shellcheck shell=sh
# bench/profile, in the guest: one reader of one call in a 512M container,
# through driso or natively (driso unloaded), then the kernel's and driso's
# text symbols for the host side to name the blocks with.
# usage: profile-guest.sh driso|native pread|sysinfo|first N [FILE]
# first: N fresh cgroups under the container, each reading every view once.
. /vmtests/scenarios/common.sh
method=$1 op=$2 n=$3 file=${4:-/proc/meminfo}
# as bench/guest.sh: a 512M container and 256M of swap on the host
modprobe zram num_devices=1 && echo 256M >/sys/block/zram0/disksize &&
	mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || echo "profile: no zram swap"
cg_new profile 512
if lsmod | grep -q '^driso '; then rmmod driso; fi
if [ "$method" = driso ]; then insmod "$DRISO_KO" || exit 1; fi
if [ "$op" = first ]; then
	cg_new profile/base 512
	# shellcheck disable=SC2086 # one view a word
	ctr profile/base env FIRSTREADS_ROUNDS="$n" firstreads /nonexistent /tmp/profile.count \
		"$(cg_dir profile)" base $ALL_VIEWS || exit 1
else
	ctr profile procbench -r 1 "$op" "$n" "$file" || exit 1
fi
echo @@SYMS-BEGIN
grep ' [tT] ' /proc/kallsyms | gzip -c | base64
echo @@SYMS-END
