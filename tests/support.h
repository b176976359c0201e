/*
** tests/support.h: fixtures shared by the Criterion suites (every test
** executable links tests/support*.c). Each helper asserts on what must not
** fail for a test to mean anything (a shipped profile loads, the host
** grants the RAM), so tests read as the behaviour they check. Text results
** (program output, trace, disassembly, diagnostics) are NUL-terminated
** strings the caller frees or releases with tv_run_free.
**
** Parameterized tests must keep their parameter structs pointer-free:
** Criterion runs every test in a re-exec'd worker, so host pointers in a
** parameter would dangle (see /work/shared/reference/toolchain.md).
*/
#ifndef TRACEVM_TESTS_SUPPORT_H
#define TRACEVM_TESTS_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "compiler/compiler.h"
#include "heap/heap.h"
#include "vm/profile.h"
#include "vm/trace.h"
#include "vm/vm.h"

#ifndef PROJECT_ROOT
#define PROJECT_ROOT "."
#endif

/* The four CPython builds tracevm simulates, in a fixed order. */
#define TV_NPROFILES 4
extern const char *const tv_profiles[TV_NPROFILES];

/* Pointer-free parameter for tests run once per profile. */
typedef struct TvProfileParam { char name[32]; } TvProfileParam;
/* Fills 'out' with the four profiles; returns 4. */
size_t tv_profile_params(TvProfileParam out[TV_NPROFILES]);

/* ---- memstreams ---- */

/* An open_memstream buffer. */
typedef struct TvMem { FILE *f; char *buf; size_t len; } TvMem;
void tv_mem_open(TvMem *m);
/* Closes the stream; returns the text (never NULL), owned by the caller. */
char *tv_mem_take(TvMem *m);

/* ---- profiles and heaps ---- */

/* Loads a shipped profile by name ("cpython-3.12-64bit", "tiny"); asserts. */
void tv_profile(const char *name, Profile *out);
/* A fresh heap for profile 'name' (layout copied into *prof if non-NULL);
** asserts that it could be created. Free with heap_free. */
Heap *tv_heap(const char *name, Profile *prof);

/* ---- compiling ---- */

/* Compiles 'src' as "prog.py" under 'prof''s limits and version. Returns the Program,
** or NULL; when 'diags' is non-NULL it receives the diag_format_all text
** ("" when there were none), owned by the caller. */
Program *tv_compile(const char *src, const Profile *prof, char **diags);
/* tv_compile of src[0..len), which may hold NUL bytes. */
Program *tv_compile_n(const char *src, size_t len, const Profile *prof, char **diags);
/* tv_compile_n under another path. */
Program *tv_compile_path(const char *path, const char *src, size_t len, const Profile *prof, char **diags);
/* The formatted diagnostics of compiling 'src' on cpython-3.12-64bit, ""
** when it compiles. Never NULL. */
char *tv_diagnostics(const char *src);
/* dis_program text of 'src' on cpython-3.12-64bit; asserts that it compiles. */
char *tv_dis(const char *src);

/* ---- running ---- */

typedef enum { TV_TRACE_OFF, TV_TRACE_TABLE, TV_TRACE_EXPLAIN } TvTrace;

/* The path programs run under: absolute, so tracebacks read as CPython's
** do for `python3 /tmp/prog.py` whatever the test's working directory. */
#define TV_RUN_PATH "/tmp/prog.py"

typedef struct TvRun {
    Profile prof;
    Program *prog;          /* NULL when compilation failed */
    Vm *vm;                 /* after vm_shutdown, not yet freed (NULL if not made) */
    VmStatus status;
    ExcKind exc;            /* vm->err.kind after the run */
    char *out;              /* program output */
    char *trace;            /* trace text ("" when not traced) */
    char *tb;               /* vm_print_error text ("" when no error) */
    char *diags;            /* compile diagnostics ("" when it compiled) */
    uint64_t live_after;    /* heap_live_count after vm_shutdown */
} TvRun;

/* Compiles and runs 'src' as TV_RUN_PATH on profile 'name' with output to a
** memstream, traced as asked; then vm_shutdown. 'max_steps' 0 = unlimited.
** Returns true when the program compiled and the VM was created (the run
** itself may still have ended in a Python error: see r->status). */
bool tv_run(TvRun *r, const char *name, const char *src, TvTrace trace, uint64_t max_steps);
void tv_run_free(TvRun *r);

/* Runs 'src' on 'name' and asserts that it ends without error; returns the
** output (caller frees). */
char *tv_output(const char *name, const char *src);

/* ---- text ---- */

/* Number of non-overlapping occurrences of 'needle' in 'hay'. */
size_t tv_count(const char *hay, const char *needle);
/* Line 'n' (0-based) of 'text' as a new string, or NULL past the end. */
char *tv_line(const char *text, size_t n);
/* Number of lines (a final line without '\n' counts). */
size_t tv_nlines(const char *text);

#endif
