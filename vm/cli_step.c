/*
** vm/cli_step.c: 'tracevm step'. Not written yet: says so and exits 2.
*/
#include <stdio.h>

#include "vm/cli.h"

int cli_step(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "tracevm: error: 'step' is not available yet\n");
    return EXIT_USAGE;
}
