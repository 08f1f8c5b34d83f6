// SPDX-License-Identifier: GPL-2.0
/* sysconf: print what glibc's sysconf() reports about memory and CPUs. */
#include <stdio.h>
#include <sys/sysinfo.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE);

	if (argc != 1) {
		fprintf(stderr, "usage: %s\n"
			"  prints phys_kb, avphys_kb, nprocessors_onln, nprocessors_conf,\n"
			"  get_nprocs, get_nprocs_conf\n",
			argv[0]);
		return 2;
	}
	printf("phys_kb %lld\n", (long long)sysconf(_SC_PHYS_PAGES) * page / 1024);
	printf("avphys_kb %lld\n",
	       (long long)sysconf(_SC_AVPHYS_PAGES) * page / 1024);
	printf("nprocessors_onln %ld\n", sysconf(_SC_NPROCESSORS_ONLN));
	printf("nprocessors_conf %ld\n", sysconf(_SC_NPROCESSORS_CONF));
	printf("get_nprocs %d\n", get_nprocs());
	printf("get_nprocs_conf %d\n", get_nprocs_conf());
	return 0;
}
