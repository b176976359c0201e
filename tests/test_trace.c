/*
** tests/test_trace.c: the trace of the notes' program
**     x = 5 / y = 10 / z = x * y + 2 / print(z)
** as a table (one row per executed instruction: fetch / compute / store)
** and in plain words (--explain). Rows are cross-checked against the
** disassembly of the same program (the words the CPU fetched are the words
** the compiler emitted) and against the fact sheet (small-int stride, §2).
*/
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"

TestSuite(trace, .timeout = 60);

static const char notes_src[] = "x = 5\ny = 10\nz = x * y + 2\nprint(z)\n";

/* The straight-line module above executes each of its instructions once:
** LOADK STOREGLOBAL LOADK STOREGLOBAL LOADGLOBAL LOADGLOBAL MUL ADD
** STOREGLOBAL LOADGLOBAL LOADGLOBAL CALL POP RETURNNONE. */
enum { NOTES_STEPS = 14 };

enum { C_STEP, C_LINE, C_PC, C_INSTR, C_FETCH, C_COMPUTE, C_STORE, NCOLS };
static const char *const col_names[NCOLS] = { "step", "line", "pc", "instruction", "fetch", "compute", "store" };

typedef struct Row {
    char *cell[NCOLS];          /* each column's lines joined with '\n' */
} Row;

typedef struct Table {
    size_t start[NCOLS];        /* column offsets, from the header */
    Row rows[64];
    size_t nrows;
    size_t maxlen;              /* longest line */
    size_t max_before_store;    /* longest line cut at the store column */
} Table;

static char *slice(const char *line, size_t from, size_t to)
{
    size_t n = strlen(line);
    if (from >= n) return calloc(1, 1);
    if (to > n) to = n;
    while (to > from && line[to - 1] == ' ') to--;
    char *s = malloc(to - from + 1);
    memcpy(s, line + from, to - from);
    s[to - from] = '\0';
    return s;
}

/* Adds one line of a column to its cell. A line two spaces in goes on the
** item above it (the table wraps long items at a space), so the cell reads
** as the items joined with '\n'. */
static void append(char **cell, const char *piece)
{
    if (!*piece) return;
    bool cont = piece[0] == ' ' && piece[1] == ' ';
    if (cont) piece += 2;
    size_t a = strlen(*cell), b = strlen(piece);
    *cell = realloc(*cell, a + b + 2);
    if (a) (*cell)[a++] = cont ? ' ' : '\n';
    memcpy(*cell + a, piece, b + 1);
}

/* Splits a table trace into rows; asserts the header's columns. */
static void parse_table(const char *text, Table *t)
{
    memset(t, 0, sizeof *t);
    char *header = tv_line(text, 0);
    cr_assert(header != NULL, "empty trace");
    size_t at = 0;
    for (int c = 0; c < NCOLS; c++) {
        const char *p = strstr(header + at, col_names[c]);
        cr_assert(p != NULL, "header lacks '%s': %s", col_names[c], header);
        t->start[c] = (size_t)(p - header);
        at = t->start[c] + strlen(col_names[c]);
    }
    free(header);
    for (size_t i = 0;; i++) {
        char *line = tv_line(text, i);
        if (!line) break;
        size_t len = strlen(line);
        if (len > t->maxlen) t->maxlen = len;
        size_t cut = len < t->start[C_STORE] ? len : t->start[C_STORE];
        if (cut > t->max_before_store) t->max_before_store = cut;
        if (i > 0) {
            if (line[0] >= '0' && line[0] <= '9') {
                cr_assert(lt(sz, t->nrows, sizeof t->rows / sizeof *t->rows));
                Row *r = &t->rows[t->nrows++];
                for (int c = 0; c < NCOLS; c++) r->cell[c] = calloc(1, 1);
            }
            cr_assert(gt(sz, t->nrows, 0), "a continuation line before the first row: %s", line);
            Row *r = &t->rows[t->nrows - 1];
            for (int c = 0; c < NCOLS; c++) {
                char *piece = slice(line, t->start[c], c + 1 < NCOLS ? t->start[c + 1] : (size_t)-1);
                append(&r->cell[c], piece);
                free(piece);
            }
        }
        free(line);
    }
}

static void free_table(Table *t)
{
    for (size_t i = 0; i < t->nrows; i++)
        for (int c = 0; c < NCOLS; c++) free(t->rows[i].cell[c]);
}

/* Finds the row whose compute cell contains 'needle'; NULL if none. */
static const Row *row_computing(const Table *t, const char *needle)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (strstr(t->rows[i].cell[C_COMPUTE], needle)) return &t->rows[i];
    return NULL;
}

/* "@0x..." after 'prefix' in 'cell', as a number (0 if absent). */
static unsigned long long addr_after(const char *cell, const char *prefix)
{
    const char *p = strstr(cell, prefix);
    if (!p) return 0;
    p = strstr(p, "@0x");
    return p ? strtoull(p + 3, NULL, 16) : 0;
}

static TvRun traced(const char *profile, TvTrace fmt)
{
    TvRun r;
    cr_assert(tv_run(&r, profile, notes_src, fmt, 0), "%s", r.diags);
    cr_assert(eq(int, (int)r.status, VM_OK), "%s", r.tb);
    cr_assert(eq(str, r.out, "52\n"));
    return r;
}

Test(trace, header_names_the_seven_columns)
{
    TvRun r = traced("cpython-3.12-64bit", TV_TRACE_TABLE);
    Table t;
    parse_table(r.trace, &t);          /* asserts the columns, in order */
    char *header = tv_line(r.trace, 0);
    cr_expect(eq(int, strncmp(header, "step", 4), 0), "%s", header);
    free(header);
    free_table(&t);
    tv_run_free(&r);
}

Test(trace, one_row_per_executed_instruction)
{
    TvRun r = traced("cpython-3.12-64bit", TV_TRACE_TABLE);
    Table t;
    parse_table(r.trace, &t);
    cr_expect(eq(sz, t.nrows, NOTES_STEPS), "%s", r.trace);
    for (size_t i = 0; i < t.nrows; i++) {
        char want[32];
        snprintf(want, sizeof want, "%zu", i + 1);
        cr_expect(eq(str, t.rows[i].cell[C_STEP], want), "row %zu numbered", i);
    }
    cr_expect(eq(str, t.rows[0].cell[C_LINE], "1"));
    cr_expect(eq(str, t.rows[NOTES_STEPS - 1].cell[C_LINE], "4"));
    free_table(&t);
    tv_run_free(&r);
}

/* Each row's pc, fetched word and instruction are the disassembler's
** address, word and instruction for the same program, in order. */
Test(trace, fetch_shows_the_address_and_word_of_each_instruction)
{
    TvRun r = traced("cpython-3.12-64bit", TV_TRACE_TABLE);
    Table t;
    parse_table(r.trace, &t);
    char *dis = tv_dis(notes_src);
    size_t row = 0;
    for (size_t i = 0; row < t.nrows; i++) {
        char *line = tv_line(dis, i);
        if (!line) break;
        unsigned long long addr, off;
        unsigned word;
        int used = 0;
        if (sscanf(line, " 0x%llx 0x%llx %x %n", &addr, &off, &word, &used) == 3 && used > 0) {
            const Row *rw = &t.rows[row++];
            char want[64];
            snprintf(want, sizeof want, "0x%04llx", off);
            cr_expect(eq(str, rw->cell[C_PC], want), "row %zu pc is the offset", row);
            snprintf(want, sizeof want, "[0x%llx] = %08x", addr, word);
            cr_expect(eq(int, strncmp(rw->cell[C_FETCH], want, strlen(want)), 0),
                      "row %zu fetch starts with '%s': %s", row, want, rw->cell[C_FETCH]);
            char *ins = line + used;
            size_t n = strlen(ins);
            while (n && ins[n - 1] >= '0' && ins[n - 1] <= '9') n--;
            while (n && ins[n - 1] == ' ') n--;
            ins[n] = '\0';
            cr_expect(eq(str, rw->cell[C_INSTR], ins), "row %zu instruction", row);
        }
        free(line);
    }
    cr_expect(eq(sz, row, NOTES_STEPS), "rows matched with the listing");
    free(dis);
    free_table(&t);
    tv_run_free(&r);
}

Test(trace, compute_shows_the_alu_work)
{
    TvRun r = traced("cpython-3.12-64bit", TV_TRACE_TABLE);
    Table t;
    parse_table(r.trace, &t);
    const Row *mul = row_computing(&t, "5 * 10 = 50");
    const Row *add = row_computing(&t, "50 + 2 = 52");
    cr_expect(mul != NULL, "%s", r.trace);
    cr_expect(add != NULL, "%s", r.trace);
    if (mul) cr_expect(eq(int, strncmp(mul->cell[C_INSTR], "MUL", 3), 0), "%s", mul->cell[C_INSTR]);
    if (add) cr_expect(eq(int, strncmp(add->cell[C_INSTR], "ADD", 3), 0), "%s", add->cell[C_INSTR]);
    /* both results are cached small ints, not new objects */
    if (mul) cr_expect(strstr(mul->cell[C_STORE], "cached small int") != NULL, "%s", mul->cell[C_STORE]);
    if (add) cr_expect(strstr(add->cell[C_STORE], "cached small int") != NULL, "%s", add->cell[C_STORE]);
    if (add) cr_expect(strstr(add->cell[C_STORE], "new ") == NULL, "%s", add->cell[C_STORE]);
    free_table(&t);
    tv_run_free(&r);
}

Test(trace, store_shows_the_global_written_to_ram)
{
    TvRun r = traced("cpython-3.12-64bit", TV_TRACE_TABLE);
    Table t;
    parse_table(r.trace, &t);
    int stores = 0;
    unsigned long long x_stored = 0, x_loaded = 0, z_stored = 0, z_loaded = 0;
    for (size_t i = 0; i < t.nrows; i++) {
        const Row *rw = &t.rows[i];
        if (strstr(rw->cell[C_STORE], "RAM[")) stores++;
        if (!x_stored) x_stored = addr_after(rw->cell[C_STORE], "RAM[x] = ");
        if (!x_loaded) x_loaded = addr_after(rw->cell[C_FETCH], "RAM[x] -> ");
        if (!z_stored) z_stored = addr_after(rw->cell[C_STORE], "RAM[z] = ");
        if (!z_loaded) z_loaded = addr_after(rw->cell[C_FETCH], "RAM[z] -> ");
    }
    cr_expect(eq(int, stores, 3), "x, y and z are stored");
    cr_expect(strstr(r.trace, "RAM[z] = int 52 @0x") != NULL, "%s", r.trace);
    cr_expect(ne(u64, x_stored, 0));
    cr_expect(eq(u64, x_loaded, x_stored), "the load of x reads the object the store wrote");
    cr_expect(eq(u64, z_loaded, z_stored), "print(z) reads the object stored in z");
    cr_expect(strstr(r.trace, "output \"52\\n\"") != NULL, "%s", r.trace);
    free_table(&t);
    tv_run_free(&r);
}

/* §2: small ints are one array, 32 (64-bit) or 16 (32-bit) bytes apart:
** id(52) - id(50) is 2 strides, id(10) - id(5) is 5. */
ParameterizedTestParameters(trace, small_int_ids_in_the_trace_follow_the_cache_stride)
{
    static TvProfileParam params[TV_NPROFILES];
    size_t n = tv_profile_params(params);
    return cr_make_param_array(TvProfileParam, params, n);
}
ParameterizedTest(TvProfileParam *param, trace, small_int_ids_in_the_trace_follow_the_cache_stride)
{
    unsigned long long stride = strstr(param->name, "64bit") ? 32 : 16;
    TvRun r = traced(param->name, TV_TRACE_TABLE);
    Table t;
    parse_table(r.trace, &t);
    const Row *mul = row_computing(&t, "5 * 10 = 50");
    const Row *add = row_computing(&t, "50 + 2 = 52");
    cr_assert(mul && add, "%s", r.trace);
    unsigned long long a50 = addr_after(mul->cell[C_STORE], "int 50 ");
    unsigned long long a52 = addr_after(add->cell[C_STORE], "int 52 ");
    unsigned long long a5 = addr_after(r.trace, "RAM[x] = int 5 ");
    unsigned long long a10 = addr_after(r.trace, "RAM[y] = int 10 ");
    cr_expect(a50 && a52 && a5 && a10, "%s", r.trace);
    cr_expect(eq(u64, a52 - a50, 2 * stride));
    cr_expect(eq(u64, a10 - a5, 5 * stride));
    free_table(&t);
    tv_run_free(&r);
}

/* Every line fits 120 columns and no cell runs into the next column, on
** every profile, for the notes' program and for one whose locals, globals
** and values make long items (they wrap at a space and go on indented). */
static void expect_fits_120(const char *what, const char *trace)
{
    Table t;
    parse_table(trace, &t);
    cr_log_info("%s: longest line %zu", what, t.maxlen);
    cr_expect(le(sz, t.maxlen, 120), "%s: a line is %zu characters", what, t.maxlen);
    cr_expect(eq(sz, t.start[C_STORE], 88), "%s: store column at %zu", what, t.start[C_STORE]);
    for (size_t i = 1;; i++) {
        char *line = tv_line(trace, i);
        if (!line) break;
        size_t len = strlen(line);
        for (int c = 1; c < NCOLS; c++)
            if (len > t.start[c])
                cr_expect(eq(chr, line[t.start[c] - 1], ' '), "%s line %zu: a cell runs into '%s': %s",
                          what, i, col_names[c], line);
        free(line);
    }
    free_table(&t);
}

ParameterizedTestParameters(trace, rows_fit_120_columns)
{
    static TvProfileParam params[TV_NPROFILES];
    size_t n = tv_profile_params(params);
    return cr_make_param_array(TvProfileParam, params, n);
}
ParameterizedTest(TvProfileParam *param, trace, rows_fit_120_columns)
{
    TvRun r = traced(param->name, TV_TRACE_TABLE);
    expect_fits_120("notes", r.trace);
    tv_run_free(&r);
    static const char long_src[] =
        "def add_numbers(first_number, second_number):\n"
        "    running_total_of_both = first_number + second_number\n"
        "    return running_total_of_both\n"
        "sum_of_two_numbers = add_numbers(10 ** 30, 2)\n"
        "print('the sum of the two numbers is', sum_of_two_numbers, [sum_of_two_numbers] * 3)\n";
    cr_assert(tv_run(&r, param->name, long_src, TV_TRACE_TABLE, 0), "%s", r.diags);
    cr_assert(eq(int, (int)r.status, VM_OK), "%s", r.tb);
    expect_fits_120("long names", r.trace);
    /* a wrapped item reads back whole */
    cr_expect(strstr(r.trace, "RAM[sum_of_two_numbers] =") != NULL, "%s", r.trace);
    Table t;
    parse_table(r.trace, &t);
    bool whole = false;
    for (size_t i = 0; i < t.nrows; i++)
        if (strstr(t.rows[i].cell[C_INSTR], "STOREGLOBAL r0, sum_of_two_numbers")) whole = true;
    cr_expect(whole, "the wrapped instruction reads back whole: %s", r.trace);
    free_table(&t);
    tv_run_free(&r);
}

Test(trace, explain_tells_the_story_in_words)
{
    TvRun r = traced("cpython-3.12-64bit", TV_TRACE_EXPLAIN);
    cr_expect(strstr(r.trace, "Retrieve") != NULL, "%s", r.trace);
    cr_expect(strstr(r.trace, "Multiply") != NULL, "%s", r.trace);
    cr_expect(strstr(r.trace, "5 * 10 = 50") != NULL, "%s", r.trace);
    cr_expect(strstr(r.trace, "Store RAM[z]") != NULL, "%s", r.trace);
    cr_expect(strstr(r.trace, "Display output") != NULL, "%s", r.trace);
    /* one numbered sentence per step */
    size_t numbered = 0;
    for (size_t i = 0;; i++) {
        char *line = tv_line(r.trace, i);
        if (!line) break;
        unsigned step;
        int used = 0;
        if (sscanf(line, " %u line %n", &step, &used) == 1 && used > 0) {
            numbered++;
            cr_expect(eq(u32, step, (unsigned)numbered), "%s", line);
        }
        free(line);
    }
    cr_expect(eq(sz, numbered, NOTES_STEPS), "%s", r.trace);
    tv_run_free(&r);
}

Test(trace, same_program_gives_the_same_trace_twice)
{
    TvRun a = traced("cpython-3.11-32bit", TV_TRACE_TABLE);
    TvRun b = traced("cpython-3.11-32bit", TV_TRACE_TABLE);
    cr_expect(eq(str, a.trace, b.trace));
    tv_run_free(&a);
    tv_run_free(&b);
}

Test(trace, error_row_names_the_exception)
{
    TvRun r;
    cr_assert(tv_run(&r, "cpython-3.12-64bit", "x = 1\ny = x // 0\n", TV_TRACE_TABLE, 0));
    cr_expect(eq(int, (int)r.status, VM_ERROR));
    Table t;
    parse_table(r.trace, &t);
    cr_assert(gt(sz, t.nrows, 0));
    /* the compute cell wraps at its width, here mid-word: compare without spaces */
    char *flat = strdup(t.rows[t.nrows - 1].cell[C_COMPUTE]);
    size_t k = 0;
    for (char *p = flat; *p; p++) if (*p != ' ' && *p != '\n') flat[k++] = *p;
    flat[k] = '\0';
    cr_expect(strstr(flat, "ZeroDivisionError:integerdivisionormodulobyzero") != NULL, "%s", r.trace);
    cr_expect(eq(int, strncmp(t.rows[t.nrows - 1].cell[C_INSTR], "FLOORDIV", 8), 0), "%s", r.trace);
    free(flat);
    free_table(&t);
    tv_run_free(&r);
}

/* A str shows as repr() does, cut to 12 characters past 16: its quotes
** depend on every character, not only the ones shown, and a control
** character anywhere sends it through op_repr's escapes. quick_str reads
** the str 8 bytes at a time; each mark below sits past the first word. */
Test(trace, str_values_pick_quotes_from_the_whole_str)
{
    static const struct { const char *src, *shown; } cases[] = {
        { "s = 'abcdefghij' + \"'\" + 'klmnopqrstuvw'\n", "\"abcdefghij'k...\"" },
        { "s = 'abcdefghij' + '\"' + 'klmnopqrstuvw'\n", "'abcdefghij\"k...'" },
        { "s = 'abcdefghij' + \"'\" + '\"' + 'klmnopqrstuvw'\n", "'abcdefghij\\'\"...'" },
        { "s = 'abcdefghijklmnopqrst' + \"'\"\n", "\"abcdefghijkl...\"" },
        { "s = 'abcdefghij' + '\\x7f' + 'klmnop'\n", "'abcdefghij\\x7fk...'" },
        { "s = 'abcdefghij' + '\\t' + 'klmnopqrstuvw'\n", "'abcdefghij\\tk...'" },
        { "s = 'abcdefghijk' + '\\t'\n", "'abcdefghijk\\t'" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TvRun r;
        cr_assert(tv_run(&r, "cpython-3.12-64bit", cases[i].src, TV_TRACE_TABLE, 0), "%s", r.diags);
        char want[80];
        snprintf(want, sizeof want, "k0 = str %s", cases[i].shown);     /* the constant, read */
        cr_expect(strstr(r.trace, want) != NULL, "case %zu: no '%s' in\n%s", i, want, r.trace);
        tv_run_free(&r);
    }
}

/* The quotes of a str that grows in place (`s += t` on a str nothing else
** holds, once the loop's BINARY_OP is specialized, keeps its id) follow
** what was appended; a str made later at a
** freed str's id is read anew. The trace reads each str's quotes once and
** then only what was appended (vm/trace.c str_scan): a stale scan shows
** the wrong quotes. */
Test(trace, quotes_follow_a_str_grown_in_place_and_a_reused_id)
{
    static const char src[] =
        "def f():\n"
        "    s = 'abcdefghijklmnopq' + str(0)\n"
        "    for k in range(40):\n"
        "        s += \"'\" if k == 30 else 'x'\n"
        "    return s\n"
        "t = f()\n"
        "for k in range(4):\n"
        "    u = 'q' * 20 + (\"'\" if k == 1 else 'x')\n";
    TvRun r;
    cr_assert(tv_run(&r, "cpython-3.12-64bit", src, TV_TRACE_TABLE, 0), "%s", r.diags);
    /* the row that appends the quote: s resized in place, then stored
    ** with the other quotes (its row ends where the next row's number starts) */
    const char *at = strstr(r.trace, "+ \"'\" =");
    cr_assert(at != NULL, "no row appends the quote:\n%s", r.trace);
    const char *end = at;
    while ((end = strchr(end + 1, '\n')) && !(end[1] >= '0' && end[1] <= '9')) {}
    size_t len = end ? (size_t)(end - at) : strlen(at);
    char *row = malloc(len + 1);
    memcpy(row, at, len);
    row[len] = '\0';
    cr_expect(strstr(row, "resize str") && strstr(row, "r0(s) = str \"abcdefghijkl...\""), "the row:\n%s", row);
    free(row);
    cr_expect(strstr(r.trace, "r0(s) = str 'abcdefghijkl...'") != NULL, "%s", r.trace);
    size_t sq = 0, dq = 0;
    for (const char *p = r.trace; (p = strstr(p, "RAM[u] = str 'qqqqqqqqqqqq...'")); p++) sq++;
    for (const char *p = r.trace; (p = strstr(p, "RAM[u] = str \"qqqqqqqqqqqq...\"")); p++) dq++;
    cr_expect(sq == 3 && dq == 1, "u's quotes: %zu single, %zu double, in\n%s", sq, dq, r.trace);
    tv_run_free(&r);
}
