/*
** tests/fuzz/fuzz_run.c: libFuzzer target. Compiles arbitrary bytes as a
** program and, when they compile, runs them on profiles/tiny.yaml (5 MiB of
** RAM) for at most FUZZ_MAX_STEPS instructions, traced when the input's
** length is odd, with stdin empty, output and trace thrown away, and a
** private --disk emptied after every input (so each input behaves the same
** whatever ran before it). Every crash, hang (-timeout), leak or sanitizer
** report is a bug in tracevm: the machine must refuse bad input with a
** message, never crash. Build: tests/fuzz/build.sh; run: tests/fuzz/README.md.
*/
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700       /* mkdtemp() */
#endif
#include <dirent.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compiler/compiler.h"
#include "vm/profile.h"
#include "vm/trace.h"
#include "vm/vm.h"

enum { FUZZ_MAX_STEPS = 10000 };

static Profile prof;
static char disk[256];
static FILE *sink, *empty_in;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
** A program that locks its own database waits out sqlite's busy timeout
** (CPython's 5 s) and then fails with "database is locked". Only the wait
** would differ here, and it would cost the fuzzer thousands of inputs: this
** definition takes precedence over libsqlite3's for the VM linked into this
** executable, and makes the wait zero.
*/
int sqlite3_busy_timeout(sqlite3 *db, int ms)
{
    (void)ms;
    return sqlite3_busy_handler(db, NULL, NULL);
}

static void empty_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) { empty_dir(path); rmdir(path); }
        else unlink(path);
    }
    closedir(d);
}

static void cleanup(void)
{
    empty_dir(disk);
    rmdir(disk);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    char err[1024];
    const char *name = getenv("TRACEVM_FUZZ_PROFILE");
    if (profile_load(name && *name ? name : "tiny", &prof, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz_run: %s\n", err);
        exit(2);
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(disk, sizeof disk, "%s/tracevm-fuzz-disk.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(disk)) { perror("fuzz_run: mkdtemp"); exit(2); }
    atexit(cleanup);
    sink = fopen("/dev/null", "w");
    empty_in = fopen("/dev/null", "r");
    if (!sink || !empty_in) { perror("fuzz_run: /dev/null"); exit(2); }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagList diags;
    diag_init(&diags);
    CompileOptions copt = { .max_str_digits = prof.layout.max_str_digits };
    Program *p = cmp_compile("fuzz.py", (const char *)data, size, &copt, &diags);
    if (!p) {
        /* The messages a user would see: formatting them is fuzzed too. */
        StrBuf out; sb_init(&out);
        diag_format_all(&diags, "fuzz.py", (const char *)data, size, &out);
        sb_free(&out);
        diag_free(&diags);
        return 0;
    }
    diag_free(&diags);
    char err[512];
    VmOptions vopt = { sink, empty_in, disk, FUZZ_MAX_STEPS };
    Vm *vm = vm_new(&prof, p, &vopt, err, sizeof err);
    if (vm) {
        /* Tracing costs more than running: trace every other input
        ** (by length, so a reproducer behaves the same on replay). */
        Tracer *tr = size & 1 ? trace_new(vm, sink, TRACE_TABLE) : NULL;
        VmStatus st = vm_run(vm);
        trace_free(tr);
        if (st == VM_ERROR) vm_print_error(vm, sink);
        vm_shutdown(vm);
        vm_free(vm);
    }
    program_free(p);
    empty_dir(disk);
    return 0;
}
