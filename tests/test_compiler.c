/*
** tests/test_compiler.c: the code generator, checked on its disassembly
** (as Lua's testes/code.lua checks lcode.c through T.listcode): which
** instructions a construct emits, constant folding and merging as
** CPython's compiler does them (fact sheet §7, §11), and diagnostics with
** line:col for what tracevm does not support. Errors must never crash:
** a few hundred mutated programs are fed through the compiler.
*/
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"
#include "vm/disasm.h"

TestSuite(compiler, .timeout = 60);

/* The listing of code object 'name' ("<module>", "f") in 'dis': from its
** "<code NAME>" line to the next blank line. Caller frees. */
static char *chunk_text(const char *dis, const char *name)
{
    char head[80];
    snprintf(head, sizeof head, "<code %s> line", name);
    const char *s = strstr(dis, head);
    cr_assert(s != NULL, "no code object %s in\n%s", name, dis);
    const char *e = strstr(s, "\n\n");
    size_t n = e ? (size_t)(e - s) + 1 : strlen(s);
    char *out = malloc(n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* The instruction column of each code line of a chunk's listing
** ("  0x7f.. 0x0000   00000003 LOADGLOBAL r0, x     1"), one per line,
** trailing blanks and the line number dropped. Caller frees. */
static char *instructions(const char *chunk)
{
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0;; i++) {
        char *line = tv_line(chunk, i);
        if (!line) break;
        unsigned long long addr, off;
        unsigned word;
        int used = 0;
        if (sscanf(line, " 0x%llx 0x%llx %x %n", &addr, &off, &word, &used) == 3 && used > 0) {
            char *ins = line + used;
            size_t n = strlen(ins);
            while (n && (ins[n - 1] >= '0' && ins[n - 1] <= '9')) n--;   /* source line */
            while (n && ins[n - 1] == ' ') n--;
            sb_put(&b, ins, n);
            sb_putc(&b, '\n');
        }
        free(line);
    }
    char *s = sb_take(&b);
    return s;
}

/* Just the mnemonics, space-separated: "LOADGLOBAL LOADGLOBAL MUL ...". */
static char *mnemonics(const char *ins)
{
    StrBuf b;
    sb_init(&b);
    for (const char *p = ins; *p;) {
        size_t n = strcspn(p, " \n");
        if (b.len) sb_putc(&b, ' ');
        sb_put(&b, p, n);
        p = strchr(p, '\n');
        if (!p) break;
        p++;
    }
    return sb_take(&b);
}

typedef struct Listing { char *dis, *chunk, *ins, *ops; } Listing;

static Listing listing(const char *src, const char *name)
{
    Listing l;
    l.dis = tv_dis(src);
    l.chunk = chunk_text(l.dis, name);
    l.ins = instructions(l.chunk);
    l.ops = mnemonics(l.ins);
    return l;
}

static void listing_free(Listing *l)
{
    free(l->dis); free(l->chunk); free(l->ins); free(l->ops);
}

/* The constants section of a chunk: lines "    k0   2". */
static size_t count_const(const char *chunk, const char *repr)
{
    size_t n = 0;
    for (size_t i = 0;; i++) {
        char *line = tv_line(chunk, i);
        if (!line) break;
        unsigned k;
        int used = 0;
        if (sscanf(line, " k%u %n", &k, &used) == 1 && used > 0 && strcmp(line + used, repr) == 0) n++;
        free(line);
    }
    return n;
}

/* ------------------------------------------------------------------ */
/* instruction selection                                               */

Test(compiler, module_expression_loads_globals_and_adds_a_constant)
{
    Listing l = listing("z = x * y + 2\n", "<module>");
    cr_expect(eq(str, l.ops, "LOADGLOBAL LOADGLOBAL MUL ADD STOREGLOBAL RETURNNONE"), "%s", l.chunk);
    char *add = tv_line(l.ins, 3);
    cr_assert(add != NULL);
    cr_expect(strstr(add, "(2)") != NULL && strstr(add, ", k") != NULL, "ADD takes the constant 2 directly: %s", add);
    cr_expect(strstr(l.ins, "LOADGLOBAL r0, x") != NULL || strstr(l.ins, ", x") != NULL, "%s", l.ins);
    cr_expect(strstr(l.ins, "STOREGLOBAL") && strstr(l.ins, ", z"), "%s", l.ins);
    free(add);
    listing_free(&l);
}

Test(compiler, function_locals_live_in_registers)
{
    Listing l = listing("def f(p):\n    q = p\n    r = q * 2\n    return r\n", "f");
    cr_expect(strstr(l.ops, "MOVE") != NULL, "q = p is a register copy:\n%s", l.chunk);
    cr_expect(strstr(l.ops, "LOADGLOBAL") == NULL, "no global loads in f:\n%s", l.chunk);
    cr_expect(strstr(l.ops, "STOREGLOBAL") == NULL, "no global stores in f:\n%s", l.chunk);
    cr_expect(strstr(l.chunk, "r0=p") != NULL && strstr(l.chunk, "r1=q") != NULL, "parameters first:\n%s", l.chunk);
    listing_free(&l);
}

Test(compiler, augmented_add_emits_iadd)
{
    Listing l = listing("x = 1\nx += 1\n", "<module>");
    cr_expect(strstr(l.ops, "IADD") != NULL, "%s", l.chunk);
    cr_expect(strstr(l.ops, " ADD") == NULL, "no plain ADD for +=:\n%s", l.chunk);
    listing_free(&l);
    l = listing("def f(a):\n    a *= 3\n    return a\n", "f");
    cr_expect(strstr(l.ops, "IMUL") != NULL, "%s", l.chunk);
    listing_free(&l);
}

Test(compiler, swap_builds_no_tuple)
{
    Listing l = listing("a = 1\nb = 2\na, b = b, a\n", "<module>");
    cr_expect(strstr(l.ops, "BUILDTUPLE") == NULL, "%s", l.chunk);
    cr_expect(strstr(l.ops, "UNPACK") == NULL, "%s", l.chunk);
    listing_free(&l);
    l = listing("def f(a, b):\n    a, b = b, a\n    return a\n", "f");
    cr_expect(strstr(l.ops, "BUILDTUPLE") == NULL, "%s", l.chunk);
    cr_expect(strstr(l.ops, "UNPACK") == NULL, "%s", l.chunk);
    listing_free(&l);
}

/* §7: more than 2 constant items: BUILD_LIST 0 + LOAD_CONST tuple +
** LIST_EXTEND; otherwise BUILD_LIST n. */
Test(compiler, list_of_five_constants_extends_from_a_constant_tuple)
{
    Listing l = listing("x = [100, 200, 400, 300, 900]\n", "<module>");
    const char *b = strstr(l.ins, "BUILDLIST");
    cr_assert(b != NULL, "%s", l.chunk);
    char *line = tv_line(b, 0);
    size_t n = strlen(line);
    cr_expect(n > 3 && strcmp(line + n - 3, ", 0") == 0, "BUILDLIST ..., 0: %s", line);
    free(line);
    cr_expect(strstr(l.ops, "BUILDLIST LOADK LISTEXTEND") != NULL, "%s", l.chunk);
    cr_expect(strstr(l.ins, "((100, 200, 400, 300, 900))") != NULL, "the tuple constant:\n%s", l.chunk);
    cr_expect(eq(sz, count_const(l.chunk, "(100, 200, 400, 300, 900)"), 1), "%s", l.chunk);
    listing_free(&l);
}

Test(compiler, list_of_two_constants_builds_exactly)
{
    Listing l = listing("x = [1, 2]\n", "<module>");
    const char *b = strstr(l.ins, "BUILDLIST");
    cr_assert(b != NULL, "%s", l.chunk);
    char *line = tv_line(b, 0);
    size_t n = strlen(line);
    cr_expect(n > 3 && strcmp(line + n - 3, ", 2") == 0, "BUILDLIST ..., 2: %s", line);
    free(line);
    cr_expect(strstr(l.ops, "LISTEXTEND") == NULL, "%s", l.chunk);
    listing_free(&l);
}

/* ------------------------------------------------------------------ */
/* constant folding and merging                                        */

Test(compiler, unary_minus_binds_looser_than_power)
{
    Listing l = listing("a = -2 ** 2\n", "<module>");
    cr_expect(eq(str, l.ops, "LOADK STOREGLOBAL RETURNNONE"), "%s", l.chunk);
    cr_expect(eq(sz, count_const(l.chunk, "-4"), 1), "folded to -4:\n%s", l.chunk);
    listing_free(&l);
}

Test(compiler, power_is_right_associative_and_folded)
{
    Listing l = listing("b = 2 ** 3 ** 2\n", "<module>");
    cr_expect(eq(str, l.ops, "LOADK STOREGLOBAL RETURNNONE"), "%s", l.chunk);
    cr_expect(eq(sz, count_const(l.chunk, "512"), 1), "folded to 512:\n%s", l.chunk);
    listing_free(&l);
}

Test(compiler, equal_constants_share_one_entry)
{
    Listing l = listing("x = 1000; y = 1000\n", "<module>");
    cr_expect(eq(sz, count_const(l.chunk, "1000"), 1), "%s", l.chunk);
    cr_expect(eq(sz, tv_count(l.ins, "(1000)"), 2), "both loads use it:\n%s", l.chunk);
    listing_free(&l);
    /* §11: 10**3 folds and merges with the literal; a function shares the module's */
    char *dis = tv_dis("x = 1000\ny = 10 ** 3\ndef f():\n    return 1000\n");
    char *mod = chunk_text(dis, "<module>");
    cr_expect(eq(sz, count_const(mod, "1000"), 1), "%s", dis);
    free(mod);
    free(dis);
}

Test(compiler, string_concatenation_of_constants_folds)
{
    Listing l = listing("s = 'hel' + 'lo'\n", "<module>");
    cr_expect(eq(str, l.ops, "LOADK STOREGLOBAL RETURNNONE"), "%s", l.chunk);
    cr_expect(eq(sz, count_const(l.chunk, "'hello'"), 1), "%s", l.chunk);
    listing_free(&l);
}

/* ------------------------------------------------------------------ */
/* diagnostics                                                         */

static void expect_diag(const char *src, const char *want)
{
    char *d = tv_diagnostics(src);
    cr_expect(strstr(d, want) != NULL, "want '%s' in:\n%s", want, d);
    free(d);
}

Test(compiler, unsupported_constructs_are_reported_with_line_and_column)
{
    expect_diag("x = 1\nclass A:\n    pass\n", "prog.py:2:1: SyntaxError: ");
    expect_diag("x = 1\nclass A:\n    pass\n", "'class'");
    expect_diag("x = 1\nf = lambda y: y\n", "prog.py:2:5: SyntaxError: ");
    expect_diag("x = 1\nf = lambda y: y\n", "'lambda'");
    expect_diag("try:\n    x = 1\nexcept:\n    pass\n", "prog.py:1:1: SyntaxError: ");
    expect_diag("try:\n    x = 1\nexcept:\n    pass\n", "'try'");
    expect_diag("print(1)\nimport os\n", "prog.py:2:8: SyntaxError: ");
    expect_diag("print(1)\nimport os\n", "'os'");
}

Test(compiler, diagnostic_shows_the_line_and_a_caret)
{
    char *d = tv_diagnostics("x = 1\nf = lambda y: y\n");
    cr_expect(strstr(d, "\n    f = lambda y: y\n        ^\n") != NULL, "%s", d);
    free(d);
}

/* CPython 3.11 and 3.12, `x = 111...1` (5001 digits):
** SyntaxError: Exceeds the limit (4300 digits) for integer string
** conversion: value has 5001 digits; use sys.set_int_max_str_digits() to
** increase the limit - Consider hexadecimal for huge integer literals to
** avoid decimal conversion limits. */
Test(compiler, huge_decimal_literal_hits_the_4300_digit_limit)
{
    size_t n = 5001;
    char *src = malloc(n + 8);
    memcpy(src, "x = ", 4);
    memset(src + 4, '1', n);
    memcpy(src + 4 + n, "\n", 2);
    char *d = tv_diagnostics(src);
    cr_expect(strstr(d, "prog.py:1:5: SyntaxError: Exceeds the limit (4300 digits) for integer string conversion: "
                        "value has 5001 digits; use sys.set_int_max_str_digits() to increase the limit - "
                        "Consider hexadecimal for huge integer literals to avoid decimal conversion limits.\n") != NULL,
              "%.300s", d);
    free(d);
    /* 4300 digits are fine */
    memset(src + 4, '1', 4300);
    memcpy(src + 4 + 4300, "\n", 2);
    d = tv_diagnostics(src);
    cr_expect(eq(str, d, ""), "%.300s", d);
    free(d);
    free(src);
}

Test(compiler, several_errors_are_reported_in_one_run)
{
    char *d = tv_diagnostics("x = 1 +* 2\ny = 3\nclass A:\n    pass\n");
    cr_expect(strstr(d, "prog.py:1:") != NULL, "%s", d);
    cr_expect(strstr(d, "prog.py:3:1:") != NULL, "%s", d);
    free(d);
}

/* ------------------------------------------------------------------ */
/* robustness                                                          */

static const char *const seeds[] = {
    "x = 5\ny = 10\nz = x * y + 2\nprint(z)\n",
    "def f(a, b=2):\n    if a > b:\n        return a - b\n    elif a == b:\n        return 0\n    return [a, b]\nprint(f(3), f(1))\n",
    "total = 0\nfor i in range(10):\n    if i % 2:\n        continue\n    total += i * i\nprint(f'{total:>5}', total)\n",
    "d = {'a': 1, 'b': [1, 2, (3, 4)]}\nwhile d:\n    k = 'a'\n    del d[k]\n    break\nprint(d, len(d), not d)\n",
    "s = 'h\\u00e9llo' + \"w\" * 3\nt = s[1:-1:2]\nassert t, 'empty'\nprint(t.upper(), s.split('l'), 2 ** -1)\n",
    "def g(n):\n    return n and g(n - 1) or [x for x in range(n) if x]\nprint(g(3), -2 ** 2, 1e300 * 10, 0x1F, 0b101)\n",
};

static uint32_t lcg(uint32_t *s) { *s = *s * 1103515245u + 12345u; return *s >> 8; }

/* One deterministic mutation of 'src': delete, insert, duplicate or
** replace a few bytes (punctuation and keywords the grammar cares about). */
static char *mutate(const char *src, uint32_t *seed, size_t *outlen)
{
    static const char *const bits[] = {
        "(", ")", "[", "]", "{", "}", ":", ",", "=", "==", "**", "*", "\n", "    ", "\t", "'", "\"",
        "\\", "#", "def ", "return", "if ", "else", "lambda", "class ", "for ", " in ", "not ", "f'{",
        "}'", "0x", "1e", ".", "@", "$", "?", "\xc3\xa9", "\xff", "\0", "9999999999999999999999", "-",
        "import ", "yield", "global ", "del ", "is ", ";", "\r", "pass", "\x7f",
    };
    size_t len = strlen(src);
    StrBuf b;
    sb_init(&b);
    sb_put(&b, src, len);
    unsigned edits = 1 + lcg(seed) % 4;
    for (unsigned e = 0; e < edits; e++) {
        size_t at = b.len ? lcg(seed) % b.len : 0;
        StrBuf n;
        sb_init(&n);
        sb_put(&n, b.s, at);
        switch (lcg(seed) % 4) {
        case 0: /* delete 1..5 bytes */
            at += 1 + lcg(seed) % 5;
            break;
        case 1: { /* insert a token */
            const char *t = bits[lcg(seed) % (sizeof bits / sizeof *bits)];
            sb_put(&n, t, *t ? strlen(t) : 1);
            break;
        }
        case 2: /* duplicate a slice */
            if (at < b.len) sb_put(&n, b.s + at, (b.len - at) < 8 ? b.len - at : 8);
            break;
        default: { /* replace one byte */
            const char *t = bits[lcg(seed) % (sizeof bits / sizeof *bits)];
            sb_putc(&n, t[0]);
            at++;
            break;
        }
        }
        if (at < b.len) sb_put(&n, b.s + at, b.len - at);
        sb_free(&b);
        b = n;
        if (!b.s) sb_put(&b, "", 0);
    }
    *outlen = b.len;          /* may hold NUL bytes: compiled by length */
    return sb_take(&b);
}

Test(compiler, mutated_programs_never_crash_the_compiler)
{
    Profile prof;
    tv_profile("cpython-3.12-64bit", &prof);
    uint32_t seed = 20240611u;
    unsigned compiled = 0, rejected = 0;
    for (unsigned i = 0; i < 600; i++) {
        const char *base = seeds[i % (sizeof seeds / sizeof *seeds)];
        size_t len;
        char *src = mutate(base, &seed, &len);
        char *diags = NULL;
        Program *p = tv_compile_n(src, len, &prof, &diags);
        if (p) {
            compiled++;
            TvMem m;
            tv_mem_open(&m);
            dis_program(p, prof.layout.ram_base, m.f);
            free(tv_mem_take(&m));
        } else {
            rejected++;
            cr_expect(strstr(diags, "prog.py:") != NULL && strstr(diags, "Error: ") != NULL,
                      "a rejected program must say why:\n%.*s\n---\n%s", (int)len, src, diags);
        }
        program_free(p);
        free(diags);
        free(src);
    }
    cr_log_info("%u mutated programs compiled, %u rejected", compiled, rejected);
    /* the mutations hit both outcomes: the test exercises error paths */
    cr_expect(gt(u32, rejected, 100), "only %u of 600 rejected", rejected);
    cr_expect(gt(u32, compiled, 10), "only %u of 600 compiled", compiled);
}

Test(compiler, every_seed_program_compiles)
{
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        char *d = tv_diagnostics(seeds[i]);
        cr_expect(eq(str, d, ""), "seed %zu:\n%s", i, d);
        free(d);
    }
}
