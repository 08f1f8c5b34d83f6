// SPDX-License-Identifier: GPL-2.0
/* memhog: hold N MiB of touched anonymous memory until killed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end;
	long mb = argc == 2 ? strtol(argv[1], &end, 10) : -1;
	char *p;

	if (argc != 2 || *end || mb <= 0) {
		fprintf(stderr, "usage: memhog MIB\n"
			"  allocates and touches MIB MiB, prints 'ready', then sleeps\n");
		return 2;
	}
	p = malloc(mb << 20);
	if (!p) {
		perror("malloc");
		return 1;
	}
	memset(p, 0x5a, mb << 20);
	/* the compiler must not drop stores that nobody reads */
	asm volatile("" : : "r"(p) : "memory");
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
