// SPDX-License-Identifier: GPL-2.0
/* memhog: hold N MiB of touched anonymous memory until killed. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end;
	long mb = argc == 2 ? strtol(argv[1], &end, 10) : -1;
	volatile char *p;
	long i;

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
	/* volatile: the compiler must not drop stores nobody reads */
	for (i = 0; i < mb << 20; i += 64)
		p[i] = (char)i;
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
