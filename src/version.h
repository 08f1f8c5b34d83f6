/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place the version is written: modinfo, /sys/module/driso/version,
 * drisoctl, dkms.conf and the Debian packages take it from here.
 */
#define DRISO_VERSION "0.5.0"
