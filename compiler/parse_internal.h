/*
** compiler/parse_internal.h: the parser's state and the helpers that its
** three units share: compiler/parse.c (errors, nodes, expressions,
** targets), compiler/parse_stmt.c (statements, the entry point) and
** compiler/parse_str.c (string literals, f-strings). Not for other units.
*/
#ifndef TRACEVM_PARSE_INTERNAL_H
#define TRACEVM_PARSE_INTERNAL_H

#include <stdarg.h>
#include <string.h>

#include "compiler/lex.h"
#include "compiler/parse.h"

#define PARSE_MAX_DEPTH 1000    /* nested parse_prec calls */

typedef enum StopReason { STOP_NONE, STOP_LEXER, STOP_FATAL, STOP_TOO_MANY } StopReason;

typedef struct Parser {
    Ast *ast;
    const Token *toks;          /* the current token array (file or f-string field) */
    int ntoks, pos;
    DiagList diags;             /* the parser's own diagnostics */
    int fail_pos[PARSE_MAX_DIAGS];  /* file token where each diagnostic arose */
    int outer_pos;              /* file token position while in an f-string field */
    int panic;                  /* an error was reported for this statement */
    StopReason stop;
    int depth;                  /* parse_prec nesting */
    int block_depth;            /* nested blocks and elif clauses */
    int in_func, in_loop;
    int fstring;                /* > 0 inside an f-string replacement field */
    int plain_msg;              /* no "f-string: " prefix (tokenizer errors) */
} Parser;

/* An arena-backed growable array of any element type ('items', 'n', 'cap'). */
#define VEC(T) struct { T *items; int n, cap; }
#define VEC_PUSH(p, v, x)                                                     \
    do {                                                                      \
        if ((v).n == (v).cap) {                                               \
            int nc_ = (v).cap ? (v).cap * 2 : 4;                              \
            void *ni_ = ast_alloc((p)->ast, (size_t)nc_ * sizeof *(v).items); \
            if ((v).n)                                                        \
                memcpy(ni_, (v).items, (size_t)(v).n * sizeof *(v).items);    \
            (v).items = ni_;                                                  \
            (v).cap = nc_;                                                    \
        }                                                                     \
        (v).items[(v).n++] = (x);                                             \
    } while (0)

typedef VEC(Expr *) ExprVec;
typedef VEC(Stmt *) StmtVec;

static inline ExprList to_list(ExprVec v) { return (ExprList){v.items, v.n}; }
static inline StmtList to_stmts(StmtVec v) { return (StmtList){v.items, v.n}; }

typedef enum Prec {
    PREC_NONE,
    PREC_TERNARY,   /* a if c else b */
    PREC_OR,        /* or */
    PREC_AND,       /* and */
    PREC_NOT,       /* not x */
    PREC_CMP,       /* < > == != <= >= is in, chained */
    PREC_BOR,       /* | */
    PREC_BXOR,      /* ^ */
    PREC_BAND,      /* & */
    PREC_SHIFT,     /* << >> */
    PREC_TERM,      /* + - */
    PREC_FACTOR,    /* * / // % @ */
    PREC_UNARY,     /* +x -x ~x */
    PREC_POWER,     /* ** (right-assoc, above a unary minus on its left) */
    PREC_PRIMARY    /* calls, subscripts, attributes */
} Prec;

/* ---- tokens ----------------------------------------------------------- */

static inline const Token *peek(const Parser *p) { return &p->toks[p->pos]; }

static inline const Token *peek_at(const Parser *p, int ahead)
{
    int i = p->pos + ahead;
    return &p->toks[i < p->ntoks ? i : p->ntoks - 1];
}

static inline const Token *prev(const Parser *p) { return &p->toks[p->pos > 0 ? p->pos - 1 : 0]; }

static inline const Token *advance(Parser *p)
{
    const Token *t = &p->toks[p->pos];
    if (t->kind != TK_EOF && t->kind != TK_ERROR)
        p->pos++;
    return t;
}

static inline int check(const Parser *p, TokKind k) { return peek(p)->kind == k; }

static inline int match(Parser *p, TokKind k)
{
    if (!check(p, k))
        return 0;
    advance(p);
    return 1;
}

static inline int tok_is(const Token *t, const char *s)
{
    size_t n = strlen(s);
    return t->len == n && memcmp(t->start, s, n) == 0;
}

/* ---- parse.c: errors, nodes, expressions, targets -------------------- */

void parse_verror(Parser *p, DiagKind kind, uint32_t line, uint32_t col, const char *fmt, va_list ap);
void *parse_error_at(Parser *p, const Token *t, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *parse_error_pos(Parser *p, DiagKind kind, uint32_t line, uint32_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void *parse_error_expr(Parser *p, const Expr *e, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *parse_refuse(Parser *p, const Token *t, const char *what);
void *parse_bracket_error(Parser *p, const Expr *e);
Expr *parse_new_expr(Parser *p, ExprKind kind, uint32_t line, uint32_t col);
Expr *parse_expr_at(Parser *p, ExprKind kind, const Token *t);
int parse_child_height(const Expr *e);
Expr *parse_finish(Parser *p, Expr *e);
Expr *parse_exprlist(Parser *p);
Expr *parse_prec(Parser *p, Prec prec);
static inline Expr *parse_expr(Parser *p) { return parse_prec(p, PREC_TERNARY); }
Expr *parse_targets(Parser *p);
void *parse_syntax_error(Parser *p, const Token *t);
int parse_starts_expr(const Token *t);
int parse_starts_atom(const Token *t);
BinOpKind parse_binop_of(TokKind k);
/* Assignment and del targets: 0 after reporting one that is not valid. */
int parse_check_target(Parser *p, Expr *e, int del);
const char *parse_expr_name(const Expr *e);
const Expr *parse_invalid_target(const Expr *e);

/* ---- parse_str.c ------------------------------------------------------ */

/* The prefix rule of TK_STRING: adjacent literals, f-strings among them. */
Expr *parse_string_atom(Parser *p, const Token *t, Prec prec);

#endif
