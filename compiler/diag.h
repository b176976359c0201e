/*
** compiler/diag.h: compile-time diagnostics (syntax errors and their kin).
** The lexer and the parser record Diags in a DiagList; diag_format() renders
** one for the user in the shape
**
**     prog.py:3:9: SyntaxError: invalid syntax
**         z = x * * y
**                 ^
**
** Positions are 1-based; columns count characters (code points), as in the
** rest of compiler/. Nothing here prints: callers choose the FILE.
*/
#ifndef TRACEVM_DIAG_H
#define TRACEVM_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "heap/util.h"

/* The Python exception class the diagnostic stands for. */
typedef enum DiagKind {
    DIAG_SYNTAX,         /* SyntaxError */
    DIAG_INDENTATION,    /* IndentationError */
    DIAG_TAB             /* TabError */
} DiagKind;

typedef struct Diag {
    DiagKind kind;
    uint32_t line, col;  /* 1-based; col counts characters */
    uint32_t end_col;    /* just past the offending text on 'line', or 0 if unknown */
    char *message;       /* owned, e.g. "invalid syntax" (no kind prefix) */
} Diag;

typedef struct DiagList {
    Diag *items;
    int n, cap;
} DiagList;

void diag_init(DiagList *dl);
/* Frees every message and the array; the list is empty and reusable after. */
void diag_free(DiagList *dl);
/* Appends a diagnostic with a printf-formatted message. */
void diag_add(DiagList *dl, DiagKind kind, uint32_t line, uint32_t col,
              uint32_t end_col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Appends a copy of 'd' (its message is duplicated). */
void diag_push_copy(DiagList *dl, const Diag *d);

/* "SyntaxError", "IndentationError" or "TabError". */
const char *diag_kind_name(DiagKind kind);

/*
** Appends to 'out' the user-facing text of 'd': "path:line:col: Kind: message\n",
** then, when 'src' has that line, the line with 4 leading spaces and a line
** with one caret under the column. Tabs are kept in both lines so the caret
** lines up in a terminal; NUL bytes and invalid UTF-8 in the line are shown as
** U+FFFD, one per byte. 'src' may be NULL (no source line then).
*/
void diag_format(const Diag *d, const char *path, const char *src, size_t len,
                 StrBuf *out);
/* diag_format() for every diagnostic of 'dl', in order. */
void diag_format_all(const DiagList *dl, const char *path, const char *src,
                     size_t len, StrBuf *out);

#endif
