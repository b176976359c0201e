/*
** vm/cli_check.c: 'tracevm check'. Not written yet: says so and exits 2.
*/
#include <stdio.h>

#include "vm/cli.h"

int cli_check(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "tracevm: error: 'check' is not available yet\n");
    return EXIT_USAGE;
}
