/*
** vm/profile.h: machine profiles. A profile is a YAML file (profiles/NAME.yaml)
** naming one CPython build; loading it fills a Layout for heap/ plus the VM's
** own limits. Errors name the file, line, column and key.
*/
#ifndef TRACEVM_PROFILE_H
#define TRACEVM_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "heap/layout.h"

typedef struct Profile {
    char name[64];              /* e.g. "cpython-3.12-64bit" */
    char description[160];      /* one line, shown by 'tracevm profiles' */
    char python_version[16];    /* "3.11" or "3.12" */
    Layout layout;
    unsigned recursion_limit;   /* frames deep before RecursionError: 1000 */
} Profile;

/* Directory searched for profile NAMEs: $TRACEVM_PROFILES if set, else the
** compiled-in profiles/ of the source tree. */
const char *profile_dir(void);

/* Loads 'name_or_path': a path if it contains '/' or ends in ".yaml", else
** <profile_dir>/<name>.yaml. Returns 0 and fills *out, or -1 with a one-line
** message "file:line:col: error: ..." (or "tracevm: error: ..." when there is
** no position) in err[0..errcap). */
int profile_load(const char *name_or_path, Profile *out, char *err, size_t errcap);

/* Lists the profiles in profile_dir() into 'names' (sorted, at most 'max');
** returns how many. Each is a file name without ".yaml". */
int profile_list(char names[][64], int max);

#endif
