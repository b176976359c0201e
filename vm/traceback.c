/*
** vm/traceback.c: printing an uncaught error the way CPython 3.11/3.12's
** default excepthook does (Python/traceback.c):
**
**   Traceback (most recent call last):
**     File "prog.py", line 5, in g
**       return 1 + g(n - 1)
**                  ^^^^^^^^
**     [Previous line repeated 996 more times]
**   RecursionError: maximum recursion depth exceeded
**
** Carets mark the failing node's span when it does not cover the whole
** (stripped) line; binary operators and subscripts mark their operator or
** index with '^' inside '~'. More than three identical frames in a row are
** folded into "[Previous line repeated N more times]".
*/
#include <string.h>

#include "vm/vm.h"

enum { RECURSIVE_CUTOFF = 3 };

static size_t utf8_len(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

static void print_frame(Vm *vm, const TraceFrame *t, FILE *f)
{
    const Program *p = vm->prog;
    const Chunk *ch = p->chunks[t->chunk];
    char buf[4352];
    fprintf(f, "  File \"%s\", line %u, in %s\n", program_shown_path(p, buf, sizeof buf), t->line, ch->name);
    size_t len;
    const char *line = program_line(p, t->line, &len);
    size_t lead = 0;
    while (lead < len && (line[lead] == ' ' || line[lead] == '\t' || line[lead] == '\f')) lead++;
    size_t end = len;
    while (end > lead && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\f')) end--;
    if (end == lead) return;
    fprintf(f, "    %.*s\n", (int)(end - lead), line + lead);
    if (t->ins >= ch->ncode) return;
    const SrcPos *pos = &ch->pos[t->ins];
    if (!pos->end_line || pos->line != t->line || !pos->col) return;
    /* character offsets in the line, 0-based */
    size_t stripped_chars = utf8_len(line, lead);
    size_t stripped_len = utf8_len(line + lead, end - lead);
    size_t start = pos->col - 1;
    size_t stop = pos->end_line == pos->line ? pos->end_col - 1 : stripped_chars + stripped_len;
    bool anchors = pos->end_line == pos->line && pos->anchor_lo && pos->anchor_hi > pos->anchor_lo;
    if (stop <= start || start < stripped_chars) return;
    if (!(stop - start < stripped_len || anchors)) return;
    fputs("    ", f);
    for (size_t i = stripped_chars; i < start; i++) fputc(' ', f);
    for (size_t i = start; i < stop; i++) {
        bool hat = !anchors || (i >= pos->anchor_lo - 1 && i < pos->anchor_hi - 1);
        fputc(hat ? '^' : '~', f);
    }
    fputc('\n', f);
}

static bool same_frame(const Vm *vm, const TraceFrame *a, const TraceFrame *b)
{
    (void)vm;
    return a->chunk == b->chunk && a->line == b->line;
}

static void repeated(unsigned run, FILE *f)
{
    if (run > RECURSIVE_CUTOFF)
        fprintf(f, "  [Previous line repeated %u more time%s]\n", run - RECURSIVE_CUTOFF,
                run - RECURSIVE_CUTOFF == 1 ? "" : "s");
}

void vm_print_error(Vm *vm, FILE *f)
{
    fprintf(f, "Traceback (most recent call last):\n");
    unsigned run = 0;                   /* identical frames in a row, this one included */
    for (unsigned i = 0; i < vm->err.ntb; i++) {
        const TraceFrame *t = &vm->err.tb[i];
        if (i > 0 && same_frame(vm, t, &vm->err.tb[i - 1])) run++;
        else { repeated(run, f); run = 1; }
        if (run <= RECURSIVE_CUTOFF) print_frame(vm, t, f);
    }
    repeated(run, f);
    const char *msg = vm->err.msg ? vm->err.msg : "";
    if (!*msg) fprintf(f, "%s\n", vm_exc_names[vm->err.kind]);
    else fprintf(f, "%s: %s\n", vm_exc_names[vm->err.kind], msg);
}
