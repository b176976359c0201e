/*
** vm/main.c: the command line.
**   tracevm run [options] FILE.py     run a program (exit 0, 1 on a Python
**                                     error, 2 bad input, 3 step limit)
**   tracevm dis [--profile P] FILE.py bytecode listing
**   tracevm profiles                  the machine profiles
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/compiler.h"
#include "vm/cli.h"
#include "vm/disasm.h"
#include "vm/heapview.h"
#include "vm/profile.h"
#include "vm/trace.h"
#include "vm/vm.h"


static void usage_main(FILE *f)
{
    fprintf(f,
        "usage: tracevm COMMAND [OPTIONS] FILE.py\n"
        "\n"
        "tracevm compiles a Python subset to register bytecode and runs it on a\n"
        "simulated CPU against a simulated RAM laid out as CPython lays it out.\n"
        "\n"
        "commands:\n"
        "  run       run a program (optionally tracing every instruction)\n"
        "  dis       print the bytecode listing of a program\n"
        "  profiles  list the machine profiles\n"
        "  step      step through a program interactively (forward and back)\n"
        "  check     compare programs' traces with the golden traces in traces/\n"
        "\n"
        "'tracevm COMMAND --help' describes each command.\n");
}

static void usage_run(FILE *f)
{
    fprintf(f,
        "usage: tracevm run [OPTIONS] FILE.py\n"
        "\n"
        "Runs FILE.py. Program output goes to stdout; the trace to stderr.\n"
        "\n"
        "options:\n"
        "  --trace[=FORMAT]         trace every instruction: fetch / compute / store;\n"
        "                           FORMAT table (default), explain, json or yaml\n"
        "                           (json and yaml: docs/trace-format.md)\n"
        "  --explain                the trace in plain words (same as --trace=explain)\n"
        "  --trace-out FILE         write the trace to FILE instead of stderr\n"
        "  --profile NAME|PATH      machine profile (default %s; see 'tracevm profiles')\n"
        "  --disk DIR               directory open() and sqlite3 may use (default: .)\n"
        "  --steps A:B              trace only steps A..B (either may be left out)\n"
        "  --lines A-B              trace only instructions of source lines A..B\n"
        "  --max-steps N            stop after N instructions (exit 3); default\n"
        "                           100000000 when tracing, else 10000000000;\n"
        "                           0 = no limit\n"
        "  --heap[=bytes]           after the run, list the live objects (with their bytes)\n"
        "  --quiet                  no end-of-run report of the RAM released and files written\n"
        "  --aslr SEED              move the simulated RAM by a SEED-chosen offset, as\n"
        "                           ASLR does: ids change from seed to seed (default: off)\n"
        "  -h, --help               this text\n"
        "\n"
        "exit status: 0 ok, 1 Python error (traceback on stderr), 2 bad command,\n"
        "file, program or profile, or the output or trace could not be written\n"
        "(a full disk), 3 step limit reached.\n", CLI_DEFAULT_PROFILE);
}

static void usage_dis(FILE *f)
{
    fprintf(f,
        "usage: tracevm dis [--profile NAME|PATH] FILE.py\n"
        "\n"
        "Prints each code object: its constants, names and locals, then every\n"
        "instruction with its address in the code segment, its 32-bit word in\n"
        "hex, the mnemonic with operands resolved, and its source line.\n");
}

static void usage_profiles(FILE *f)
{
    fprintf(f,
        "usage: tracevm profiles\n"
        "\n"
        "Lists the machine profiles (profiles/*.yaml) with a one-line description.\n");
}

static bool parse_u64(const char *s, uint64_t *out)
{
    if (!*s) return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno || s[0] == '-') return false;
    *out = v;
    return true;
}

static int cmd_run(int argc, char **argv)
{
    const char *profile = CLI_DEFAULT_PROFILE, *file = NULL, *trace_out = NULL, *disk = NULL;
    bool trace = false, quiet = false;
    int heap = 0;                               /* 1 --heap, 2 --heap=bytes */
    TraceFormat fmt = TRACE_TABLE;
    uint64_t max_steps = 0;
    bool max_steps_given = false;
    const char *aslr = NULL;
    TraceFilter filter = { 0, 0, 0, 0 };
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage_run(stdout); return 0; }
        else if (!strcmp(a, "--trace") || !strcmp(a, "--trace=table")) { trace = true; fmt = TRACE_TABLE; }
        else if (!strcmp(a, "--explain") || !strcmp(a, "--trace=explain")) { trace = true; fmt = TRACE_EXPLAIN; }
        else if (!strcmp(a, "--trace=json")) { trace = true; fmt = TRACE_JSON; }
        else if (!strcmp(a, "--trace=yaml")) { trace = true; fmt = TRACE_YAML; }
        else if (!strncmp(a, "--trace=", 8)) { fprintf(stderr, "tracevm: error: unknown trace format '%s' (table, explain, json, yaml)\n", a + 8); return EXIT_USAGE; }
        else if (!strcmp(a, "--steps") || !strncmp(a, "--steps=", 8) || !strcmp(a, "--lines") || !strncmp(a, "--lines=", 8)) {
            bool steps = a[2] == 's';
            const char *v = strchr(a, '=') ? strchr(a, '=') + 1 : i + 1 < argc ? argv[++i] : NULL;
            if (!v || !cli_parse_range(v, steps ? ':' : '-', steps ? &filter.step_lo : NULL, steps ? &filter.step_hi : NULL,
                                       steps ? NULL : &filter.line_lo, steps ? NULL : &filter.line_hi)) {
                fprintf(stderr, "tracevm: error: %s takes %s, got '%s'\n", steps ? "--steps" : "--lines",
                        steps ? "A:B (A: or :B too)" : "A-B (or one line)", v ? v : "");
                return EXIT_USAGE;
            }
        }
        else if (!strcmp(a, "--trace-out") || !strcmp(a, "--profile") || !strcmp(a, "--disk") || !strcmp(a, "--max-steps")) {
            if (i + 1 >= argc) { fprintf(stderr, "tracevm: error: option %s needs a value\n", a); return EXIT_USAGE; }
            const char *v = argv[++i];
            if (!strcmp(a, "--trace-out")) { trace_out = v; trace = true; }
            else if (!strcmp(a, "--profile")) profile = v;
            else if (!strcmp(a, "--disk")) disk = v;
            else if (!parse_u64(v, &max_steps)) { fprintf(stderr, "tracevm: error: --max-steps needs a whole number, got '%s'\n", v); return EXIT_USAGE; }
            else max_steps_given = true;
        }
        else if (!strncmp(a, "--profile=", 10)) profile = a + 10;
        else if (!strncmp(a, "--trace-out=", 12)) { trace_out = a + 12; trace = true; }
        else if (!strncmp(a, "--disk=", 7)) disk = a + 7;
        else if (!strcmp(a, "--heap")) heap = 1;
        else if (!strcmp(a, "--heap=bytes")) heap = 2;
        else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) quiet = true;
        else if (!strcmp(a, "--aslr")) {
            if (i + 1 >= argc) { fprintf(stderr, "tracevm: error: option --aslr needs a value\n"); return EXIT_USAGE; }
            aslr = argv[++i];
        }
        else if (!strncmp(a, "--aslr=", 7)) aslr = a + 7;
        else if (!strncmp(a, "--max-steps=", 12)) {
            if (!parse_u64(a + 12, &max_steps)) { fprintf(stderr, "tracevm: error: --max-steps needs a whole number, got '%s'\n", a + 12); return EXIT_USAGE; }
            max_steps_given = true;
        }
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "tracevm: error: unknown option '%s' (see 'tracevm run --help')\n", a); return EXIT_USAGE; }
        else if (file) { fprintf(stderr, "tracevm: error: more than one program given ('%s', '%s')\n", file, a); return EXIT_USAGE; }
        else file = a;
    }
    if (!file) { fprintf(stderr, "tracevm: error: no program given (see 'tracevm run --help')\n"); return EXIT_USAGE; }
    Profile prof;
    if (!cli_load_profile(profile, &prof)) return EXIT_USAGE;
    if (aslr && !cli_apply_aslr(&prof, aslr)) return EXIT_USAGE;
    Program *p = cli_compile_file(file, &prof);
    if (!p) return EXIT_USAGE;
    FILE *tf = NULL;
    if (trace_out) {
        tf = fopen(trace_out, "w");
        if (!tf) { fprintf(stderr, "tracevm: error: cannot write '%s': %s\n", trace_out, strerror(errno)); program_free(p); return EXIT_USAGE; }
    }
    char err[512] = "";
    if (!max_steps_given) max_steps = trace ? CLI_DEFAULT_MAX_STEPS : CLI_DEFAULT_MAX_STEPS_UNTRACED;
    VmOptions opt = { stdout, stdin, disk, max_steps };
    Vm *vm = vm_new(&prof, p, &opt, err, sizeof err);
    if (!vm) {
        fprintf(stderr, "%s\n", err);
        if (tf) fclose(tf);
        program_free(p);
        return EXIT_USAGE;
    }
    Tracer *tr = trace ? trace_new(vm, tf ? tf : stderr, fmt) : NULL;
    if (tr) trace_set_filter(tr, &filter);
    VmStatus st = vm_run(vm);
    errno = 0;
    int out_err = fflush(stdout) != 0 ? (errno ? errno : EIO) : 0;
    if (heap) heapview_print(vm, stdout, heap == 2);
    StrBuf report;
    sb_init(&report);
    if (!quiet) {
        /* the notes' part 2: RAM is gone when the program ends, disk stays */
        sb_printf(&report, "tracevm: program ended: %llu objects (%llu bytes) of simulated RAM released",
                  (unsigned long long)heap_live_count(vm->h), (unsigned long long)vm->h->live_bytes);
        for (unsigned i = 0; i < vm->nwritten; i++)
            sb_printf(&report, "%s%s", i ? ", " : "; on disk: ", vm->written[i]);
        if (tr) trace_note(tr, "%s", report.s);
    }
    int trace_err = trace_free(tr);
    errno = 0;
    if (fflush(stdout) != 0 && !out_err) out_err = errno ? errno : EIO;
    if (ferror(stdout) && !out_err) out_err = EIO;
    int rc = 0;
    if (st == VM_ERROR) {
        vm_print_error(vm, stderr);
        rc = EXIT_PYERROR;
    } else if (st == VM_STEP_LIMIT) {
        fprintf(stderr, "tracevm: stopped after %llu steps (--max-steps %llu): the program may loop forever\n",
                (unsigned long long)max_steps, (unsigned long long)max_steps);
        rc = EXIT_STEPS;
    }
    vm_shutdown(vm);
    if (tf && fclose(tf) != 0 && !trace_err) trace_err = errno ? errno : EIO;
    tf = NULL;
    /* lost output is an error (exit 2), whatever the program did */
    if (out_err) fprintf(stderr, "tracevm: error: cannot write the program's output: %s\n", strerror(out_err));
    if (trace_err)
        fprintf(stderr, "tracevm: error: cannot write the trace to '%s': %s\n", trace_out ? trace_out : "stderr", strerror(trace_err));
    if (out_err || trace_err) rc = EXIT_USAGE;
    if (report.len) fprintf(stderr, "%s\n", report.s);
    sb_free(&report);
    vm_free(vm);
    program_free(p);
    return rc;
}

static int cmd_dis(int argc, char **argv)
{
    const char *profile = CLI_DEFAULT_PROFILE, *file = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage_dis(stdout); return 0; }
        else if (!strcmp(a, "--profile")) {
            if (i + 1 >= argc) { fprintf(stderr, "tracevm: error: option --profile needs a value\n"); return EXIT_USAGE; }
            profile = argv[++i];
        }
        else if (!strncmp(a, "--profile=", 10)) profile = a + 10;
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "tracevm: error: unknown option '%s' (see 'tracevm dis --help')\n", a); return EXIT_USAGE; }
        else if (file) { fprintf(stderr, "tracevm: error: more than one program given ('%s', '%s')\n", file, a); return EXIT_USAGE; }
        else file = a;
    }
    if (!file) { fprintf(stderr, "tracevm: error: no program given (see 'tracevm dis --help')\n"); return EXIT_USAGE; }
    Profile prof;
    if (!cli_load_profile(profile, &prof)) return EXIT_USAGE;
    Program *p = cli_compile_file(file, &prof);
    if (!p) return EXIT_USAGE;
    dis_program(p, prof.layout.ram_base, stdout);
    program_free(p);
    return 0;
}

static int cmd_profiles(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) { usage_profiles(stdout); return 0; }
        fprintf(stderr, "tracevm: error: unexpected argument '%s' (see 'tracevm profiles --help')\n", argv[i]);
        return EXIT_USAGE;
    }
    char names[64][64];
    int n = profile_list(names, 64);
    for (int i = 0; i < n; i++) {
        Profile p;
        char err[512];
        if (profile_load(names[i], &p, err, sizeof err) == 0)
            printf("%-22s %s%s\n", names[i], p.description, strcmp(names[i], CLI_DEFAULT_PROFILE) ? "" : " (default)");
        else
            printf("%-22s (invalid: %s)\n", names[i], err);
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* As CPython does: a file-size limit makes a write fail (EFBIG, reported
    ** as any failed write is), not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) { usage_main(stderr); return EXIT_USAGE; }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) { usage_main(stdout); return 0; }
    if (!strcmp(cmd, "run")) return cmd_run(argc - 2, argv + 2);
    if (!strcmp(cmd, "dis")) return cmd_dis(argc - 2, argv + 2);
    if (!strcmp(cmd, "profiles")) return cmd_profiles(argc - 2, argv + 2);
    if (!strcmp(cmd, "step")) return cli_step(argc - 2, argv + 2);
    if (!strcmp(cmd, "check")) return cli_check(argc - 2, argv + 2);
    fprintf(stderr, "tracevm: error: unknown command '%s' (run, dis, step, check, profiles; see 'tracevm --help')\n", cmd);
    return EXIT_USAGE;
}
