/*
** compiler/ast.c: the AST arena, the S-expression dump used by tests, and
** the count of a function body's comprehension variables.
**
** Dump format (one node = one parenthesized form, children in source order):
**   (name x) (int 0x_ff) (float 1.5) (str "a\n") (const True) (const None)
**   (fstr PART...)  PART = (str "...") | (fmt VALUE [!r|!s|!a] [SPEC])
**   (tuple E...) (list E...) (set E...) (dict (kv K V)...)
**   (listcomp ELT GEN...) (setcomp ELT GEN...) (genexp ELT GEN...)
**   (dictcomp K V GEN...)  GEN = (for TARGET ITER (if C)...)
**   (binop + L R) (unary - X) (unary not X) (and A B...) (or A B...)
**   (compare A < B <= C) (ifexp BODY TEST ORELSE) (call F ARG... (kw k V)...)
**   (attr V name) (sub V INDEX) (slice LO HI STEP) with _ for a missing part
** Statements:
**   (expr E) (assign T... V) (annassign T ANN V|_) (augassign += T V)
**   (if TEST (body S...) [(else S...)]) (while TEST (body ...) [(else ...)])
**   (for T ITER (body ...) [(else ...)]) (break) (continue) (pass)
**   (def f (params a (b DEFAULT)) (body ...)) (return [E]) (global a b)
**   (del T...) (import sys (sqlite3 as db)) (with (item E [N])... (body ...))
**   (assert TEST [MSG])
** ast_dump writes one top-level statement per line.
*/
#include "compiler/ast.h"

#include <stdlib.h>
#include <string.h>

/* ---- arena ------------------------------------------------------------ */

typedef struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used, cap;
    _Alignas(max_align_t) unsigned char data[];
} ArenaBlock;

struct AstArena {
    ArenaBlock *head;
};

#define ARENA_BLOCK 16384

Ast *ast_new(void)
{
    Ast *ast = xcalloc(1, sizeof *ast);
    ast->arena = xcalloc(1, sizeof *ast->arena);
    return ast;
}

void ast_free(Ast *ast)
{
    if (!ast)
        return;
    ArenaBlock *b = ast->arena ? ast->arena->head : NULL;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    free(ast->arena);
    free(ast);
}

void *ast_alloc(Ast *ast, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    ArenaBlock *b = ast->arena->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = xmalloc(sizeof *b + cap);
        b->used = 0;
        b->cap = cap;
        b->next = ast->arena->head;
        ast->arena->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *ast_strndup(Ast *ast, const char *s, size_t n)
{
    char *p = ast_alloc(ast, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---- operator names --------------------------------------------------- */

const char *ast_binop_str(BinOpKind op)
{
    static const char *const names[] = {
        [BIN_ADD] = "+", [BIN_SUB] = "-", [BIN_MUL] = "*", [BIN_DIV] = "/",
        [BIN_FLOORDIV] = "//", [BIN_MOD] = "%", [BIN_POW] = "**",
        [BIN_LSHIFT] = "<<", [BIN_RSHIFT] = ">>", [BIN_BITOR] = "|",
        [BIN_BITXOR] = "^", [BIN_BITAND] = "&",
    };
    return (unsigned)op < sizeof names / sizeof names[0] ? names[op] : "?";
}

const char *ast_unaryop_str(UnaryOpKind op)
{
    static const char *const names[] = {
        [UNARY_NOT] = "not", [UNARY_NEG] = "-", [UNARY_POS] = "+", [UNARY_INVERT] = "~",
    };
    return (unsigned)op < sizeof names / sizeof names[0] ? names[op] : "?";
}

const char *ast_cmpop_str(CmpOpKind op)
{
    static const char *const names[] = {
        [CMP_EQ] = "==", [CMP_NE] = "!=", [CMP_LT] = "<", [CMP_LE] = "<=",
        [CMP_GT] = ">", [CMP_GE] = ">=", [CMP_IS] = "is", [CMP_IS_NOT] = "is not",
        [CMP_IN] = "in", [CMP_NOT_IN] = "not in",
    };
    return (unsigned)op < sizeof names / sizeof names[0] ? names[op] : "?";
}

const char *ast_boolop_str(BoolOpKind op)
{
    return op == BOOL_AND ? "and" : "or";
}

/* ---- dump ------------------------------------------------------------- */

static void dump_str(const char *s, size_t n, StrBuf *out)
{
    sb_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':  sb_puts(out, "\\\""); break;
        case '\\': sb_puts(out, "\\\\"); break;
        case '\n': sb_puts(out, "\\n"); break;
        case '\t': sb_puts(out, "\\t"); break;
        case '\r': sb_puts(out, "\\r"); break;
        default:
            if (c < 0x20 || c == 0x7F)
                sb_printf(out, "\\x%02x", c);
            else
                sb_putc(out, (char)c);
        }
    }
    sb_putc(out, '"');
}

static void dump_opt(const Expr *e, StrBuf *out)
{
    if (e)
        ast_dump_expr(e, out);
    else
        sb_putc(out, '_');
}

static void dump_list(const ExprList *l, StrBuf *out)
{
    for (int i = 0; i < l->n; i++) {
        sb_putc(out, ' ');
        ast_dump_expr(l->items[i], out);
    }
}

static void dump_gens(const Expr *e, StrBuf *out)
{
    for (int i = 0; i < e->u.comp.ngens; i++) {
        const Comprehension *g = &e->u.comp.gens[i];
        sb_puts(out, " (for ");
        ast_dump_expr(g->target, out);
        sb_putc(out, ' ');
        ast_dump_expr(g->iter, out);
        for (int j = 0; j < g->ifs.n; j++) {
            sb_puts(out, " (if ");
            ast_dump_expr(g->ifs.items[j], out);
            sb_putc(out, ')');
        }
        sb_putc(out, ')');
    }
}

void ast_dump_expr(const Expr *e, StrBuf *out)
{
    switch (e->kind) {
    case EXPR_NAME:
        sb_printf(out, "(name %s)", e->u.name.id);
        return;
    case EXPR_INT:
        sb_printf(out, "(int %s)", e->u.int_lit.text);
        return;
    case EXPR_FLOAT:
        sb_printf(out, "(float %s)", e->u.float_lit.text);
        return;
    case EXPR_STR:
        sb_puts(out, "(str ");
        dump_str(e->u.str_lit.s, e->u.str_lit.len, out);
        sb_putc(out, ')');
        return;
    case EXPR_JOINEDSTR:
        sb_puts(out, "(fstr");
        dump_list(&e->u.joined.parts, out);
        sb_putc(out, ')');
        return;
    case EXPR_FORMATTED:
        sb_puts(out, "(fmt ");
        ast_dump_expr(e->u.formatted.value, out);
        if (e->u.formatted.conversion >= 0)
            sb_printf(out, " !%c", e->u.formatted.conversion);
        if (e->u.formatted.spec) {
            sb_putc(out, ' ');
            ast_dump_expr(e->u.formatted.spec, out);
        }
        sb_putc(out, ')');
        return;
    case EXPR_BOOL:
        sb_puts(out, e->u.boolean.value ? "(const True)" : "(const False)");
        return;
    case EXPR_NONE:
        sb_puts(out, "(const None)");
        return;
    case EXPR_TUPLE:
    case EXPR_LIST:
    case EXPR_SET:
        sb_puts(out, e->kind == EXPR_TUPLE ? "(tuple" : e->kind == EXPR_LIST ? "(list" : "(set");
        dump_list(&e->u.seq.elts, out);
        sb_putc(out, ')');
        return;
    case EXPR_DICT:
        sb_puts(out, "(dict");
        for (int i = 0; i < e->u.dict.keys.n; i++) {
            sb_puts(out, " (kv ");
            ast_dump_expr(e->u.dict.keys.items[i], out);
            sb_putc(out, ' ');
            ast_dump_expr(e->u.dict.values.items[i], out);
            sb_putc(out, ')');
        }
        sb_putc(out, ')');
        return;
    case EXPR_LISTCOMP:
    case EXPR_SETCOMP:
    case EXPR_GENEXP:
        sb_puts(out, e->kind == EXPR_LISTCOMP ? "(listcomp "
                     : e->kind == EXPR_SETCOMP ? "(setcomp " : "(genexp ");
        ast_dump_expr(e->u.comp.elt, out);
        dump_gens(e, out);
        sb_putc(out, ')');
        return;
    case EXPR_DICTCOMP:
        sb_puts(out, "(dictcomp ");
        ast_dump_expr(e->u.comp.key, out);
        sb_putc(out, ' ');
        ast_dump_expr(e->u.comp.value, out);
        dump_gens(e, out);
        sb_putc(out, ')');
        return;
    case EXPR_BINOP:
        sb_printf(out, "(binop %s ", ast_binop_str(e->u.binop.op));
        ast_dump_expr(e->u.binop.left, out);
        sb_putc(out, ' ');
        ast_dump_expr(e->u.binop.right, out);
        sb_putc(out, ')');
        return;
    case EXPR_UNARYOP:
        sb_printf(out, "(unary %s ", ast_unaryop_str(e->u.unary.op));
        ast_dump_expr(e->u.unary.operand, out);
        sb_putc(out, ')');
        return;
    case EXPR_BOOLOP:
        sb_printf(out, "(%s", ast_boolop_str(e->u.boolop.op));
        dump_list(&e->u.boolop.values, out);
        sb_putc(out, ')');
        return;
    case EXPR_COMPARE:
        sb_puts(out, "(compare ");
        ast_dump_expr(e->u.compare.operands[0], out);
        for (int i = 0; i < e->u.compare.nops; i++) {
            sb_printf(out, " %s ", ast_cmpop_str(e->u.compare.ops[i]));
            ast_dump_expr(e->u.compare.operands[i + 1], out);
        }
        sb_putc(out, ')');
        return;
    case EXPR_IFEXP:
        sb_puts(out, "(ifexp ");
        ast_dump_expr(e->u.ifexp.body, out);
        sb_putc(out, ' ');
        ast_dump_expr(e->u.ifexp.test, out);
        sb_putc(out, ' ');
        ast_dump_expr(e->u.ifexp.orelse, out);
        sb_putc(out, ')');
        return;
    case EXPR_CALL:
        sb_puts(out, "(call ");
        ast_dump_expr(e->u.call.func, out);
        dump_list(&e->u.call.args, out);
        for (int i = 0; i < e->u.call.nkw; i++) {
            sb_printf(out, " (kw %s ", e->u.call.kw[i].name);
            ast_dump_expr(e->u.call.kw[i].value, out);
            sb_putc(out, ')');
        }
        sb_putc(out, ')');
        return;
    case EXPR_ATTRIBUTE:
        sb_puts(out, "(attr ");
        ast_dump_expr(e->u.attribute.value, out);
        sb_printf(out, " %s)", e->u.attribute.attr);
        return;
    case EXPR_SUBSCRIPT:
        sb_puts(out, "(sub ");
        ast_dump_expr(e->u.subscript.value, out);
        sb_putc(out, ' ');
        ast_dump_expr(e->u.subscript.index, out);
        sb_putc(out, ')');
        return;
    case EXPR_SLICE:
        sb_puts(out, "(slice ");
        dump_opt(e->u.slice.lower, out);
        sb_putc(out, ' ');
        dump_opt(e->u.slice.upper, out);
        sb_putc(out, ' ');
        dump_opt(e->u.slice.step, out);
        sb_putc(out, ')');
        return;
    }
    sb_puts(out, "(?)");
}

static void dump_body(const char *tag, const StmtList *l, StrBuf *out)
{
    sb_printf(out, " (%s", tag);
    for (int i = 0; i < l->n; i++) {
        sb_putc(out, ' ');
        ast_dump_stmt(l->items[i], out);
    }
    sb_putc(out, ')');
}

static void dump_orelse(const StmtList *l, StrBuf *out)
{
    if (l->n > 0)
        dump_body("else", l, out);
}

void ast_dump_stmt(const Stmt *s, StrBuf *out)
{
    switch (s->kind) {
    case STMT_EXPR:
        sb_puts(out, "(expr ");
        ast_dump_expr(s->u.expr.value, out);
        sb_putc(out, ')');
        return;
    case STMT_ASSIGN:
        sb_puts(out, "(assign");
        dump_list(&s->u.assign.targets, out);
        sb_putc(out, ' ');
        ast_dump_expr(s->u.assign.value, out);
        sb_putc(out, ')');
        return;
    case STMT_ANNASSIGN:
        sb_puts(out, "(annassign ");
        ast_dump_expr(s->u.annassign.target, out);
        sb_putc(out, ' ');
        ast_dump_expr(s->u.annassign.annotation, out);
        sb_putc(out, ' ');
        dump_opt(s->u.annassign.value, out);
        sb_putc(out, ')');
        return;
    case STMT_AUGASSIGN:
        sb_printf(out, "(augassign %s= ", ast_binop_str(s->u.augassign.op));
        ast_dump_expr(s->u.augassign.target, out);
        sb_putc(out, ' ');
        ast_dump_expr(s->u.augassign.value, out);
        sb_putc(out, ')');
        return;
    case STMT_IF:
        sb_puts(out, "(if ");
        ast_dump_expr(s->u.if_.test, out);
        dump_body("body", &s->u.if_.body, out);
        dump_orelse(&s->u.if_.orelse, out);
        sb_putc(out, ')');
        return;
    case STMT_WHILE:
        sb_puts(out, "(while ");
        ast_dump_expr(s->u.while_.test, out);
        dump_body("body", &s->u.while_.body, out);
        dump_orelse(&s->u.while_.orelse, out);
        sb_putc(out, ')');
        return;
    case STMT_FOR:
        sb_puts(out, "(for ");
        ast_dump_expr(s->u.for_.target, out);
        sb_putc(out, ' ');
        ast_dump_expr(s->u.for_.iter, out);
        dump_body("body", &s->u.for_.body, out);
        dump_orelse(&s->u.for_.orelse, out);
        sb_putc(out, ')');
        return;
    case STMT_BREAK:
        sb_puts(out, "(break)");
        return;
    case STMT_CONTINUE:
        sb_puts(out, "(continue)");
        return;
    case STMT_PASS:
        sb_puts(out, "(pass)");
        return;
    case STMT_FUNCDEF:
        sb_printf(out, "(def %s (params", s->u.funcdef.name);
        for (int i = 0; i < s->u.funcdef.nparams; i++) {
            const Param *pm = &s->u.funcdef.params[i];
            if (pm->dflt) {
                sb_printf(out, " (%s ", pm->name);
                ast_dump_expr(pm->dflt, out);
                sb_putc(out, ')');
            } else {
                sb_printf(out, " %s", pm->name);
            }
        }
        sb_putc(out, ')');
        dump_body("body", &s->u.funcdef.body, out);
        sb_putc(out, ')');
        return;
    case STMT_RETURN:
        sb_puts(out, "(return");
        if (s->u.ret.value) {
            sb_putc(out, ' ');
            ast_dump_expr(s->u.ret.value, out);
        }
        sb_putc(out, ')');
        return;
    case STMT_GLOBAL:
        sb_puts(out, "(global");
        for (int i = 0; i < s->u.global.n; i++)
            sb_printf(out, " %s", s->u.global.names[i]);
        sb_putc(out, ')');
        return;
    case STMT_DEL:
        sb_puts(out, "(del");
        dump_list(&s->u.del.targets, out);
        sb_putc(out, ')');
        return;
    case STMT_IMPORT:
        sb_puts(out, "(import");
        for (int i = 0; i < s->u.import.n; i++) {
            const ImportAlias *a = &s->u.import.names[i];
            if (a->asname)
                sb_printf(out, " (%s as %s)", a->name, a->asname);
            else
                sb_printf(out, " %s", a->name);
        }
        sb_putc(out, ')');
        return;
    case STMT_WITH:
        sb_puts(out, "(with");
        for (int i = 0; i < s->u.with.n; i++) {
            sb_puts(out, " (item ");
            ast_dump_expr(s->u.with.items[i].ctx, out);
            if (s->u.with.items[i].var) {
                sb_putc(out, ' ');
                ast_dump_expr(s->u.with.items[i].var, out);
            }
            sb_putc(out, ')');
        }
        dump_body("body", &s->u.with.body, out);
        sb_putc(out, ')');
        return;
    case STMT_ASSERT:
        sb_puts(out, "(assert ");
        ast_dump_expr(s->u.assert_.test, out);
        if (s->u.assert_.msg) {
            sb_putc(out, ' ');
            ast_dump_expr(s->u.assert_.msg, out);
        }
        sb_putc(out, ')');
        return;
    }
    sb_puts(out, "(?)");
}

void ast_dump(const Ast *ast, StrBuf *out)
{
    for (int i = 0; i < ast->body.n; i++) {
        ast_dump_stmt(ast->body.items[i], out);
        sb_putc(out, '\n');
    }
}

/* ---- comprehension variables ------------------------------------------- */

static unsigned comp_vars_expr(const Expr *e);

static unsigned comp_vars_list(const ExprList *l)
{
    unsigned n = 0;
    for (int i = 0; i < l->n; i++) n += comp_vars_expr(l->items[i]);
    return n;
}

static unsigned count_target_names(const Expr *t)
{
    if (!t) return 0;
    if (t->kind == EXPR_NAME) return 1;
    if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
        unsigned n = 0;
        for (int i = 0; i < t->u.seq.elts.n; i++) n += count_target_names(t->u.seq.elts.items[i]);
        return n;
    }
    return 0;
}

static unsigned comp_vars_expr(const Expr *e)
{
    if (!e) return 0;
    switch (e->kind) {
    case EXPR_LISTCOMP: case EXPR_SETCOMP: case EXPR_GENEXP: case EXPR_DICTCOMP: {
        unsigned n = comp_vars_expr(e->u.comp.elt) + comp_vars_expr(e->u.comp.key) + comp_vars_expr(e->u.comp.value);
        for (int i = 0; i < e->u.comp.ngens; i++) {
            n += count_target_names(e->u.comp.gens[i].target);
            n += comp_vars_expr(e->u.comp.gens[i].iter) + comp_vars_list(&e->u.comp.gens[i].ifs);
        }
        return n;
    }
    case EXPR_JOINEDSTR: return comp_vars_list(&e->u.joined.parts);
    case EXPR_FORMATTED: return comp_vars_expr(e->u.formatted.value) + comp_vars_expr(e->u.formatted.spec);
    case EXPR_TUPLE: case EXPR_LIST: case EXPR_SET: return comp_vars_list(&e->u.seq.elts);
    case EXPR_DICT: return comp_vars_list(&e->u.dict.keys) + comp_vars_list(&e->u.dict.values);
    case EXPR_BINOP: return comp_vars_expr(e->u.binop.left) + comp_vars_expr(e->u.binop.right);
    case EXPR_UNARYOP: return comp_vars_expr(e->u.unary.operand);
    case EXPR_BOOLOP: return comp_vars_list(&e->u.boolop.values);
    case EXPR_COMPARE: {
        unsigned n = 0;
        for (int i = 0; i <= e->u.compare.nops; i++) n += comp_vars_expr(e->u.compare.operands[i]);
        return n;
    }
    case EXPR_IFEXP: return comp_vars_expr(e->u.ifexp.test) + comp_vars_expr(e->u.ifexp.body) + comp_vars_expr(e->u.ifexp.orelse);
    case EXPR_CALL: {
        unsigned n = comp_vars_expr(e->u.call.func) + comp_vars_list(&e->u.call.args);
        for (int i = 0; i < e->u.call.nkw; i++) n += comp_vars_expr(e->u.call.kw[i].value);
        return n;
    }
    case EXPR_ATTRIBUTE: return comp_vars_expr(e->u.attribute.value);
    case EXPR_SUBSCRIPT: return comp_vars_expr(e->u.subscript.value) + comp_vars_expr(e->u.subscript.index);
    case EXPR_SLICE: return comp_vars_expr(e->u.slice.lower) + comp_vars_expr(e->u.slice.upper) + comp_vars_expr(e->u.slice.step);
    default: return 0;
    }
}

unsigned ast_count_comp_vars(const StmtList *body)
{
    unsigned n = 0;
    for (int i = 0; i < body->n; i++) {
        const Stmt *s = body->items[i];
        switch (s->kind) {
        case STMT_EXPR: n += comp_vars_expr(s->u.expr.value); break;
        case STMT_ASSIGN: n += comp_vars_expr(s->u.assign.value) + comp_vars_list(&s->u.assign.targets); break;
        case STMT_ANNASSIGN: n += comp_vars_expr(s->u.annassign.value); break;
        case STMT_AUGASSIGN: n += comp_vars_expr(s->u.augassign.value) + comp_vars_expr(s->u.augassign.target); break;
        case STMT_IF: n += comp_vars_expr(s->u.if_.test) + ast_count_comp_vars(&s->u.if_.body) + ast_count_comp_vars(&s->u.if_.orelse); break;
        case STMT_WHILE: n += comp_vars_expr(s->u.while_.test) + ast_count_comp_vars(&s->u.while_.body) + ast_count_comp_vars(&s->u.while_.orelse); break;
        case STMT_FOR: n += comp_vars_expr(s->u.for_.iter) + ast_count_comp_vars(&s->u.for_.body) + ast_count_comp_vars(&s->u.for_.orelse); break;
        case STMT_RETURN: n += comp_vars_expr(s->u.ret.value); break;
        case STMT_DEL: n += comp_vars_list(&s->u.del.targets); break;
        case STMT_WITH:
            for (int j = 0; j < s->u.with.n; j++) n += comp_vars_expr(s->u.with.items[j].ctx);
            n += ast_count_comp_vars(&s->u.with.body);
            break;
        case STMT_ASSERT: n += comp_vars_expr(s->u.assert_.test) + comp_vars_expr(s->u.assert_.msg); break;
        case STMT_FUNCDEF:
            for (int j = 0; j < s->u.funcdef.nparams; j++) n += comp_vars_expr(s->u.funcdef.params[j].dflt);
            break;
        default: break;
        }
    }
    return n;
}
