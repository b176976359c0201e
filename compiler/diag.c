/*
** compiler/diag.c: recording and formatting compile-time diagnostics.
*/
#include "compiler/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_init(DiagList *dl)
{
    dl->items = NULL;
    dl->n = dl->cap = 0;
}

void diag_free(DiagList *dl)
{
    for (int i = 0; i < dl->n; i++)
        free(dl->items[i].message);
    free(dl->items);
    diag_init(dl);
}

static Diag *push(DiagList *dl)
{
    GROW_ARRAY(dl->items, dl->n, dl->cap);
    return &dl->items[dl->n++];
}

void diag_add(DiagList *dl, DiagKind kind, uint32_t line, uint32_t col,
              uint32_t end_col, const char *fmt, ...)
{
    StrBuf b;
    sb_init(&b);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    Diag *d = push(dl);
    d->kind = kind;
    d->line = line;
    d->col = col;
    d->end_col = end_col;
    d->message = sb_take(&b);
}

void diag_push_copy(DiagList *dl, const Diag *d)
{
    Diag *c = push(dl);
    *c = *d;
    c->message = xstrdup(d->message ? d->message : "");
}

const char *diag_kind_name(DiagKind kind)
{
    switch (kind) {
    case DIAG_INDENTATION: return "IndentationError";
    case DIAG_TAB:         return "TabError";
    case DIAG_SYNTAX:      break;
    }
    return "SyntaxError";
}

/*
** Finds line 'line' (1-based) of src[0..len): sets *start and *n (without the
** line ending) and returns 1, or returns 0 when the source has no such line.
** Line endings are "\n", "\r\n" and a lone "\r", as in the lexer.
*/
static int find_line(const char *src, size_t len, uint32_t line,
                     const char **start, size_t *n)
{
    size_t i = 0;
    uint32_t cur = 1;
    while (cur < line) {
        while (i < len && src[i] != '\n' && src[i] != '\r')
            i++;
        if (i >= len)
            return 0;
        if (src[i] == '\r' && i + 1 < len && src[i + 1] == '\n')
            i++;
        i++;
        cur++;
    }
    if (i >= len)
        return 0;           /* the position is at the very end of the file */
    size_t j = i;
    while (j < len && src[j] != '\n' && src[j] != '\r')
        j++;
    *start = src + i;
    *n = j - i;
    return 1;
}

void diag_format(const Diag *d, const char *path, const char *src, size_t len,
                 StrBuf *out)
{
    sb_printf(out, "%s:%u:%u: %s: %s\n", path ? path : "<input>", d->line,
              d->col, diag_kind_name(d->kind), d->message ? d->message : "");
    const char *ln;
    size_t n;
    if (src == NULL || d->line == 0 || !find_line(src, len, d->line, &ln, &n))
        return;
    /*
    ** Source line: valid UTF-8 is copied, each bad byte (and NUL) becomes one
    ** U+FFFD so that one column is still one displayed character. The caret
    ** line copies tabs from the source line and puts a space for any other
    ** character before the column.
    */
    StrBuf caret;
    sb_init(&caret);
    sb_puts(&caret, "    ");
    sb_puts(out, "    ");
    uint32_t col = 1;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        int k = ln[i] == '\0' ? 0 : utf8_decode((const unsigned char *)ln + i, n - i, &cp);
        if (k <= 0) {
            sb_puts(out, "\xEF\xBF\xBD");
            k = 1;
        } else {
            sb_put(out, ln + i, (size_t)k);
        }
        if (col < d->col)
            sb_putc(&caret, ln[i] == '\t' ? '\t' : ' ');
        col++;
        i += (size_t)k;
    }
    while (col < d->col) {      /* caret past the end of the line */
        sb_putc(&caret, ' ');
        col++;
    }
    sb_puts(&caret, "^\n");
    sb_putc(out, '\n');
    sb_put(out, caret.s, caret.len);
    sb_free(&caret);
}

void diag_format_all(const DiagList *dl, const char *path, const char *src,
                     size_t len, StrBuf *out)
{
    for (int i = 0; i < dl->n; i++)
        diag_format(&dl->items[i], path, src, len, out);
}
