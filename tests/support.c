/*
** tests/support.c: see support.h. Everything here is plain plumbing between
** the public headers; no expected value is computed here.
*/
#include "tests/support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "vm/disasm.h"

const char *const tv_profiles[TV_NPROFILES] = {
    "cpython-3.12-64bit", "cpython-3.12-32bit", "cpython-3.11-64bit", "cpython-3.11-32bit",
};

size_t tv_profile_params(TvProfileParam out[TV_NPROFILES])
{
    for (size_t i = 0; i < TV_NPROFILES; i++) {
        memset(out[i].name, 0, sizeof out[i].name);
        strncpy(out[i].name, tv_profiles[i], sizeof out[i].name - 1);
    }
    return TV_NPROFILES;
}

void tv_mem_open(TvMem *m)
{
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    cr_assert(m->f != NULL, "open_memstream failed");
}

char *tv_mem_take(TvMem *m)
{
    if (m->f) fclose(m->f);
    m->f = NULL;
    char *s = m->buf ? m->buf : calloc(1, 1);
    m->buf = NULL;
    return s;
}

void tv_profile(const char *name, Profile *out)
{
    char err[1024] = "";
    int rc = profile_load(name, out, err, sizeof err);
    cr_assert(rc == 0, "profile %s: %s", name, err);
}

Heap *tv_heap(const char *name, Profile *prof)
{
    Profile p;
    tv_profile(name, &p);
    char err[512] = "";
    Heap *h = heap_new(&p.layout, err, sizeof err);
    cr_assert(h != NULL, "heap_new(%s): %s", name, err);
    if (prof) *prof = p;
    return h;
}

Program *tv_compile(const char *src, const Profile *prof, char **diags)
{
    return tv_compile_n(src, strlen(src), prof, diags);
}

Program *tv_compile_n(const char *src, size_t len, const Profile *prof, char **diags)
{
    return tv_compile_path("prog.py", src, len, prof, diags);
}

Program *tv_compile_path(const char *path, const char *src, size_t len, const Profile *prof, char **diags)
{
    DiagList dl;
    diag_init(&dl);
    /* as the CLI does (vm/cli_common.c) */
    CompileOptions opt = {
        .max_str_digits = prof ? prof->layout.max_str_digits : 0,
        .python_minor = prof && strcmp(prof->python_version, "3.11") == 0 ? 11u : 12u,
    };
    Program *p = cmp_compile(path, src, len, &opt, &dl);
    if (diags) {
        StrBuf b;
        sb_init(&b);
        diag_format_all(&dl, path, src, len, &b);
        *diags = sb_take(&b);
    }
    diag_free(&dl);
    return p;
}

char *tv_diagnostics(const char *src)
{
    Profile prof;
    tv_profile("cpython-3.12-64bit", &prof);
    char *d = NULL;
    Program *p = tv_compile(src, &prof, &d);
    program_free(p);
    return d;
}

char *tv_dis(const char *src)
{
    Profile prof;
    tv_profile("cpython-3.12-64bit", &prof);
    char *d = NULL;
    Program *p = tv_compile(src, &prof, &d);
    cr_assert(p != NULL, "does not compile:\n%s\n%s", src, d);
    free(d);
    TvMem m;
    tv_mem_open(&m);
    dis_program(p, prof.layout.ram_base, m.f);
    program_free(p);
    return tv_mem_take(&m);
}

bool tv_run(TvRun *r, const char *name, const char *src, TvTrace trace, uint64_t max_steps)
{
    memset(r, 0, sizeof *r);
    tv_profile(name, &r->prof);
    r->prog = tv_compile_path(TV_RUN_PATH, src, strlen(src), &r->prof, &r->diags);
    TvMem out, tr, tb;
    tv_mem_open(&out);
    tv_mem_open(&tr);
    tv_mem_open(&tb);
    bool ok = false;
    if (r->prog) {
        char err[512] = "";
        VmOptions opt = { out.f, NULL, NULL, max_steps };
        r->vm = vm_new(&r->prof, r->prog, &opt, err, sizeof err);
        cr_assert(r->vm != NULL, "vm_new(%s): %s", name, err);
        Tracer *t = trace == TV_TRACE_OFF ? NULL
                  : trace_new(r->vm, tr.f, trace == TV_TRACE_TABLE ? TRACE_TABLE : TRACE_EXPLAIN);
        r->status = vm_run(r->vm);
        trace_free(t);
        r->exc = r->vm->err.kind;
        if (r->status == VM_ERROR) vm_print_error(r->vm, tb.f);
        vm_shutdown(r->vm);
        r->live_after = heap_live_count(r->vm->h);
        ok = true;
    }
    r->out = tv_mem_take(&out);
    r->trace = tv_mem_take(&tr);
    r->tb = tv_mem_take(&tb);
    return ok;
}

void tv_run_free(TvRun *r)
{
    vm_free(r->vm);
    program_free(r->prog);
    free(r->out);
    free(r->trace);
    free(r->tb);
    free(r->diags);
    memset(r, 0, sizeof *r);
}

char *tv_output(const char *name, const char *src)
{
    TvRun r;
    bool ok = tv_run(&r, name, src, TV_TRACE_OFF, 0);
    cr_assert(ok, "does not compile on %s:\n%s\n%s", name, src, r.diags);
    cr_assert(r.status == VM_OK, "%s: status %d for\n%s\n%s", name, (int)r.status, src, r.tb);
    char *out = r.out;
    r.out = NULL;
    tv_run_free(&r);
    return out;
}

size_t tv_count(const char *hay, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    if (!k) return 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + k, needle)) n++;
    return n;
}

char *tv_line(const char *text, size_t n)
{
    const char *p = text;
    for (size_t i = 0; i < n; i++) {
        p = strchr(p, '\n');
        if (!p) return NULL;
        p++;
    }
    if (!*p) return NULL;
    const char *e = strchr(p, '\n');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    char *s = malloc(len + 1);
    memcpy(s, p, len);
    s[len] = '\0';
    return s;
}

size_t tv_nlines(const char *text)
{
    size_t n = 0;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        n++;
        if (!e) break;
        p = e + 1;
    }
    return n;
}
