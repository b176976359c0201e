/*
** vm/cli_common.c: what every command of the CLI shares: reading a source
** file, loading a profile, compiling with diagnostics on stderr.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/compiler.h"
#include "vm/cli.h"

char *cli_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "tracevm: error: cannot open '%s': %s\n", path, strerror(errno));
        return NULL;
    }
    StrBuf b; sb_init(&b);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_put(&b, buf, n);
    bool err = ferror(f);
    fclose(f);
    if (err) {
        fprintf(stderr, "tracevm: error: cannot read '%s'\n", path);
        sb_free(&b);
        return NULL;
    }
    *len = b.len;
    return sb_take(&b);
}

bool cli_load_profile(const char *name, Profile *p)
{
    char err[1024];
    if (profile_load(name, p, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return false;
    }
    return true;
}

Program *cli_compile_file(const char *path, const Profile *prof)
{
    size_t len;
    char *src = cli_read_file(path, &len);
    if (!src) return NULL;
    DiagList diags;
    diag_init(&diags);
    CompileOptions opt = { prof->layout.max_str_digits, strcmp(prof->python_version, "3.11") == 0 ? 11u : 12u };
    Program *p = cmp_compile(path, src, len, &opt, &diags);
    if (p) program_print_warnings(p, stderr);
    if (!p) {
        StrBuf out; sb_init(&out);
        diag_format_all(&diags, path, src, len, &out);
        fputs(out.s ? out.s : "", stderr);
        sb_free(&out);
    }
    diag_free(&diags);
    free(src);
    return p;
}

