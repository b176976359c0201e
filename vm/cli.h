/*
** vm/cli.h: the command line's pieces. main.c parses the command and calls
** one of these; each returns the process exit status:
**   0 ok, 1 Python error, 2 bad command/file/program/profile, 3 step limit.
*/
#ifndef TRACEVM_CLI_H
#define TRACEVM_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "vm/chunk.h"
#include "vm/profile.h"

enum { EXIT_PYERROR = 1, EXIT_USAGE = 2, EXIT_STEPS = 3 };

#define CLI_DEFAULT_PROFILE "cpython-3.12-64bit"
/* --max-steps when not given. Traced (and stepped): generous for any
** teaching program, small enough that a forgotten infinite loop stops
** before its trace fills the disk (a row is ~350 bytes). Untraced: a
** program that runs a second under CPython takes 0.3-1 billion steps, so
** ten billion (under a minute of CPU) lets real programs finish and still
** stops a loop that never would. */
#define CLI_DEFAULT_MAX_STEPS 100000000ull
#define CLI_DEFAULT_MAX_STEPS_UNTRACED 10000000000ull

/* Reads a whole file; NULL after printing "tracevm: error: cannot open ...". */
char *cli_read_file(const char *path, size_t *len);
/* Loads a profile by name or path; false after printing the error. */
bool cli_load_profile(const char *name, Profile *p);
/* Compiles 'path'; NULL after printing the diagnostics. */
Program *cli_compile_file(const char *path, const Profile *prof);

/* --aslr SEED: moves p's RAM base by a seed-derived number of arenas
** (vm/cli_aslr.c); false after printing an error. */
bool cli_apply_aslr(Profile *p, const char *seed);

/* Parses "A<sep>B", "A<sep>", "<sep>B" or "A" (inclusive range; a missing
** end is unbounded). Fills the u64 or the u32 pair; false if malformed. */
bool cli_parse_range(const char *s, char sep, uint64_t *lo64, uint64_t *hi64, uint32_t *lo32, uint32_t *hi32);

/* tracevm step [options] FILE.py (vm/cli_step.c) */
int cli_step(int argc, char **argv);
/* tracevm check [--bless] [--profile P] [PATH...] (vm/cli_check.c) */
int cli_check(int argc, char **argv);

#endif
