/*
** vm/cli_common.c: what every command of the CLI shares: reading a source
** file, loading a profile, compiling with diagnostics on stderr, and the
** step and line ranges of 'run' and 'step'.
*/
#include <errno.h>
#include <stdint.h>
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

/* ---- 'run' and 'step': --steps A:B and --lines A-B ---- */

static bool range_num(const char *s, size_t n, uint64_t *out)
{
    if (!n || n > 20) return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        if (v > (UINT64_MAX - 9) / 10) return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

bool cli_parse_range(const char *s, char sep, uint64_t *lo64, uint64_t *hi64, uint32_t *lo32, uint32_t *hi32)
{
    const char *m = strchr(s, sep);
    uint64_t lo = 0, hi = UINT64_MAX;
    if (!m) {
        if (!range_num(s, strlen(s), &lo)) return false;
        hi = lo;
    } else {
        if (m > s && !range_num(s, (size_t)(m - s), &lo)) return false;
        if (m[1] && !range_num(m + 1, strlen(m + 1), &hi)) return false;
        if (m == s && !m[1]) return false;
    }
    if (hi < lo || hi == 0) return false;
    if (lo64) { *lo64 = lo; *hi64 = hi; }
    if (lo32) {
        *lo32 = lo > UINT32_MAX ? UINT32_MAX : (uint32_t)lo;
        *hi32 = hi > UINT32_MAX ? UINT32_MAX : (uint32_t)hi;
    }
    return true;
}
