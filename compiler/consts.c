/*
** compiler/consts.c: the program's constant table and constant folding.
** Constants are folded where CPython's AST optimizer folds them (unary
** minus, arithmetic, str and tuple concatenation and repetition, tuples of
** constants) within its size limits, then merged program-wide by type and
** value, as CPython's per-compilation-unit constant cache merges them.
*/
#include "compiler/cg.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cg_error(Compiler *c, uint32_t line, uint32_t col, const char *fmt, ...)
{
    if (c->failed && c->diags->n >= 20) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(c->diags, DIAG_SYNTAX, line, col, 0, "%s", msg);
    c->failed = true;
}

/* ---------------- constants ---------------- */

static bool const_equal(const Program *p, const Const *a, const Const *b)
{
    if (a->kind != b->kind) return false;
    switch (a->kind) {
    case CK_NONE: case CK_TRUE: case CK_FALSE: return true;
    case CK_INT: return big_cmp(&a->i, &b->i) == 0;
    case CK_FLOAT:      /* by bits: -0.0 and 0.0 stay apart, as in CPython */
        return memcmp(&a->f, &b->f, sizeof a->f) == 0;
    case CK_STR: return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
    case CK_TUPLE:
        if (a->n != b->n) return false;
        for (size_t i = 0; i < a->n; i++)
            if (a->items[i] != b->items[i] &&
                !const_equal(p, &p->consts[a->items[i]], &p->consts[b->items[i]])) return false;
        return true;
    case CK_CODE: return a->code == b->code;
    }
    return false;
}

/* Adds 'k' to the program's table (taking its memory), merging equal ones. */
uint32_t cg_add_const(Compiler *c, Const k)
{
    Program *p = c->prog;
    for (size_t i = 0; i < p->nconsts; i++) {
        if (const_equal(p, &p->consts[i], &k)) {
            big_free(&k.i);
            free(k.s);
            free(k.items);
            return (uint32_t)i;
        }
    }
    GROW_ARRAY(p->consts, p->nconsts, p->capconsts);
    p->consts[p->nconsts] = k;
    return (uint32_t)p->nconsts++;
}

static bool identifier_like(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (!(ch == '_' || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
            return false;
    }
    return true;
}

uint32_t cg_const_str(Compiler *c, const char *s, size_t n)
{
    Const k = { .kind = CK_STR };
    k.s = xstrndup(s, n);
    k.len = n;
    k.intern = identifier_like(s, n);
    big_init(&k.i);
    return cg_add_const(c, k);
}

uint32_t cg_const_simple(Compiler *c, ConstKind kind)
{
    Const k = { .kind = kind };
    big_init(&k.i);
    return cg_add_const(c, k);
}

/* Chunk-local constant slot for program constant 'pk'. */
unsigned cg_kslot(Compiler *c, uint32_t pk)
{
    Chunk *ch = c->fs->chunk;
    for (size_t i = 0; i < ch->nk; i++) if (ch->k[i] == pk) return (unsigned)i;
    GROW_ARRAY(ch->k, ch->nk, ch->capk);
    ch->k[ch->nk] = pk;
    return (unsigned)ch->nk++;
}

unsigned cg_nslot(Compiler *c, const char *name)
{
    Program *p = c->prog;
    size_t pn;
    for (pn = 0; pn < p->nnames; pn++) if (strcmp(p->names[pn], name) == 0) break;
    if (pn == p->nnames) {
        GROW_ARRAY(p->names, p->nnames, p->capnames);
        p->names[p->nnames++] = xstrdup(name);
    }
    Chunk *ch = c->fs->chunk;
    for (size_t i = 0; i < ch->nnames; i++) if (ch->names[i] == pn) return (unsigned)i;
    GROW_ARRAY(ch->names, ch->nnames, ch->capnames);
    ch->names[ch->nnames] = (uint32_t)pn;
    return (unsigned)ch->nnames++;
}

/* ---------------- constant folding ---------------- */

void cg_folded_free(Folded *f) { if (f->ok) { big_free(&f->k.i); free(f->k.s); free(f->k.items); } f->ok = false; }

Folded cg_fold(Compiler *c, const Expr *e);

static bool parse_int_literal(Compiler *c, const Expr *e, BigInt *out)
{
    const char *digits = e->u.int_lit.digits;
    size_t n = strlen(digits);
    int base = e->u.int_lit.base;
    unsigned lim = c->opt ? c->opt->max_str_digits : 0;
    if (base == 10 && lim && n > lim) {
        cg_error(c, e->line, e->col,
                 "Exceeds the limit (%u digits) for integer string conversion: value has %zu digits; "
                 "use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for "
                 "huge integer literals to avoid decimal conversion limits.", lim, n);
        return false;
    }
    if (big_from_string(out, digits, n, base) != 0) {
        cg_error(c, e->line, e->col, "invalid integer literal");
        return false;
    }
    return true;
}

static Folded fold_binop(Compiler *c, BinOpKind op, Folded *a, Folded *b)
{
    (void)c;
    Folded r = { 0 };
    big_init(&r.k.i);
    ConstKind ka = a->k.kind, kb = b->k.kind;
    bool ia = ka == CK_INT || ka == CK_TRUE || ka == CK_FALSE;
    bool ib = kb == CK_INT || kb == CK_TRUE || kb == CK_FALSE;
    BigInt x, y;
    big_init(&x); big_init(&y);
    if (ia) { if (ka == CK_INT) big_copy(&x, &a->k.i); else big_set_i64(&x, ka == CK_TRUE); }
    if (ib) { if (kb == CK_INT) big_copy(&y, &b->k.i); else big_set_i64(&y, kb == CK_TRUE); }
    if (ia && ib) {
        bool ok = true;
        switch (op) {
        case BIN_ADD: big_add(&r.k.i, &x, &y); break;
        case BIN_SUB: big_sub(&r.k.i, &x, &y); break;
        case BIN_MUL:
            if (x.sign && y.sign && big_bit_length(&x) + big_bit_length(&y) > MAX_INT_BITS) ok = false;
            else big_mul(&r.k.i, &x, &y);
            break;
        case BIN_FLOORDIV: ok = big_divmod(&r.k.i, NULL, &x, &y) == 0; break;
        case BIN_MOD: ok = big_divmod(NULL, &r.k.i, &x, &y) == 0; break;
        case BIN_POW: {
            int64_t e;
            if (y.sign < 0 || !big_to_i64(&y, &e)) { ok = false; break; }
            if (x.sign && e > 0 && (uint64_t)big_bit_length(&x) * (uint64_t)e > MAX_INT_BITS) { ok = false; break; }
            big_pow(&r.k.i, &x, (uint64_t)e);
            break;
        }
        case BIN_LSHIFT: {
            int64_t s;
            if (y.sign < 0 || !big_to_i64(&y, &s) || (x.sign && (uint64_t)s + big_bit_length(&x) > MAX_INT_BITS)) { ok = false; break; }
            big_lshift(&r.k.i, &x, (uint64_t)s);
            break;
        }
        case BIN_RSHIFT: {
            int64_t s;
            if (y.sign < 0 || !big_to_i64(&y, &s)) { ok = false; break; }
            big_rshift(&r.k.i, &x, (uint64_t)s);
            break;
        }
        case BIN_BITAND: big_and(&r.k.i, &x, &y); break;
        case BIN_BITOR: big_or(&r.k.i, &x, &y); break;
        case BIN_BITXOR: big_xor(&r.k.i, &x, &y); break;
        case BIN_DIV: {
            double d;
            ok = big_true_divide(&x, &y, &d) == 0;
            if (ok) { r.k.kind = CK_FLOAT; r.k.f = d; r.ok = true; }
            big_free(&x); big_free(&y);
            if (!ok) big_free(&r.k.i);
            return r;
        }
        }
        big_free(&x); big_free(&y);
        if (!ok) { big_free(&r.k.i); return r; }
        r.k.kind = CK_INT;
        r.ok = true;
        return r;
    }
    bool fa = ka == CK_FLOAT || ia, fb = kb == CK_FLOAT || ib;
    if (fa && fb && (ka == CK_FLOAT || kb == CK_FLOAT)) {
        double u, v;
        bool ok = true;
        if (ka == CK_FLOAT) u = a->k.f; else ok = big_to_double(&x, &u) == 0;
        if (kb == CK_FLOAT) v = b->k.f; else ok = ok && big_to_double(&y, &v) == 0;
        big_free(&x); big_free(&y);
        if (!ok) { big_free(&r.k.i); return r; }
        double res;
        switch (op) {
        case BIN_ADD: res = u + v; break;
        case BIN_SUB: res = u - v; break;
        case BIN_MUL: res = u * v; break;
        case BIN_DIV: if (v == 0) { big_free(&r.k.i); return r; } res = u / v; break;
        default: big_free(&r.k.i); return r;        /* //, %, ** on floats: left to run time */
        }
        if (isinf(res) && !isinf(u) && !isinf(v)) { big_free(&r.k.i); return r; }  /* overflow: runtime error */
        r.k.kind = CK_FLOAT;
        r.k.f = res;
        r.ok = true;
        return r;
    }
    big_free(&x); big_free(&y);
    if (ka == CK_STR && kb == CK_STR && op == BIN_ADD && a->k.len + b->k.len <= MAX_STR_FOLD) {
        r.k.kind = CK_STR;
        r.k.len = a->k.len + b->k.len;
        r.k.s = xmalloc(r.k.len + 1);
        memcpy(r.k.s, a->k.s, a->k.len);
        memcpy(r.k.s + a->k.len, b->k.s, b->k.len);
        r.k.s[r.k.len] = '\0';
        r.k.intern = identifier_like(r.k.s, r.k.len);
        r.ok = true;
        return r;
    }
    if (op == BIN_MUL && ((ka == CK_STR && kb == CK_INT) || (ka == CK_INT && kb == CK_STR))) {
        const Const *s = ka == CK_STR ? &a->k : &b->k;
        const Const *n = ka == CK_STR ? &b->k : &a->k;
        int64_t times;
        if (!big_to_i64(&n->i, &times)) { big_free(&r.k.i); return r; }
        if (times < 0 || s->len == 0) times = 0;     /* '' * n is '' however big n is */
        /* CPython folds only short results (it counts code points). The
        ** bounds on 'times' alone and on bytes keep the products from
        ** overflowing ('ab' * 2**62 once wrapped to 0 and passed). */
        size_t cps = 0;
        for (size_t i = 0; i < s->len; i++) if (((unsigned char)s->s[i] & 0xC0) != 0x80) cps++;
        if ((uint64_t)times > MAX_STR_FOLD || (uint64_t)times * cps > MAX_STR_FOLD ||
            (uint64_t)times * s->len > 4 * (uint64_t)MAX_STR_FOLD) { big_free(&r.k.i); return r; }
        r.k.kind = CK_STR;
        r.k.len = s->len * (size_t)times;
        r.k.s = xmalloc(r.k.len + 1);
        for (int64_t i = 0; i < times; i++) memcpy(r.k.s + (size_t)i * s->len, s->s, s->len);
        r.k.s[r.k.len] = '\0';
        r.k.intern = identifier_like(r.k.s, r.k.len);
        r.ok = true;
        return r;
    }
    if (ka == CK_TUPLE && kb == CK_TUPLE && op == BIN_ADD && a->k.n + b->k.n <= MAX_COLLECTION_FOLD) {
        r.k.kind = CK_TUPLE;
        r.k.n = a->k.n + b->k.n;
        r.k.items = xmalloc((r.k.n + 1) * sizeof *r.k.items);
        memcpy(r.k.items, a->k.items, a->k.n * sizeof *r.k.items);
        memcpy(r.k.items + a->k.n, b->k.items, b->k.n * sizeof *r.k.items);
        r.ok = true;
        return r;
    }
    if (op == BIN_MUL && ((ka == CK_TUPLE && kb == CK_INT) || (ka == CK_INT && kb == CK_TUPLE))) {
        const Const *t = ka == CK_TUPLE ? &a->k : &b->k;
        const Const *n = ka == CK_TUPLE ? &b->k : &a->k;
        int64_t times;
        if (big_to_i64(&n->i, &times) &&
            (times <= 0 || t->n == 0 || ((uint64_t)times <= MAX_COLLECTION_FOLD && (uint64_t)times * t->n <= MAX_COLLECTION_FOLD))) {
            if (times < 0) times = 0;
            r.k.kind = CK_TUPLE;
            r.k.n = t->n * (size_t)times;
            r.k.items = xmalloc((r.k.n + 1) * sizeof *r.k.items);
            for (size_t i = 0; i < r.k.n; i++) r.k.items[i] = t->items[i % t->n];
            r.ok = true;
            return r;
        }
    }
    big_free(&r.k.i);
    return r;
}

Folded cg_fold(Compiler *c, const Expr *e)
{
    Folded r = { 0 };
    big_init(&r.k.i);
    switch (e->kind) {
    case EXPR_INT:
        if (!parse_int_literal(c, e, &r.k.i)) { big_free(&r.k.i); return r; }
        r.k.kind = CK_INT;
        r.ok = true;
        return r;
    case EXPR_FLOAT: r.k.kind = CK_FLOAT; r.k.f = e->u.float_lit.value; r.ok = true; return r;
    case EXPR_STR:
        r.k.kind = CK_STR;
        r.k.s = xstrndup(e->u.str_lit.s, e->u.str_lit.len);
        r.k.len = e->u.str_lit.len;
        r.k.intern = identifier_like(r.k.s, r.k.len);
        r.ok = true;
        return r;
    case EXPR_BOOL: r.k.kind = e->u.boolean.value ? CK_TRUE : CK_FALSE; r.ok = true; return r;
    case EXPR_NONE: r.k.kind = CK_NONE; r.ok = true; return r;
    case EXPR_JOINEDSTR:
        if (e->u.joined.parts.n == 0) {
            r.k.kind = CK_STR; r.k.s = xstrdup(""); r.k.len = 0; r.k.intern = true; r.ok = true; return r;
        }
        if (e->u.joined.parts.n == 1 && e->u.joined.parts.items[0]->kind == EXPR_STR)
            { big_free(&r.k.i); return cg_fold(c, e->u.joined.parts.items[0]); }
        big_free(&r.k.i);
        return r;
    case EXPR_UNARYOP: {
        if (e->u.unary.op == UNARY_NOT) { big_free(&r.k.i); return r; }
        Folded a = cg_fold(c, e->u.unary.operand);
        if (!a.ok) { big_free(&r.k.i); return r; }
        if (a.k.kind == CK_INT) {
            if (e->u.unary.op == UNARY_NEG) big_neg(&a.k.i, &a.k.i);
            else if (e->u.unary.op == UNARY_INVERT) big_invert(&a.k.i, &a.k.i);
            big_free(&r.k.i);
            return a;
        }
        if (a.k.kind == CK_FLOAT && e->u.unary.op != UNARY_INVERT) {
            if (e->u.unary.op == UNARY_NEG) a.k.f = -a.k.f;
            big_free(&r.k.i);
            return a;
        }
        cg_folded_free(&a);
        big_free(&r.k.i);
        return r;
    }
    case EXPR_BINOP: {
        Folded a = cg_fold(c, e->u.binop.left);
        if (!a.ok) { big_free(&r.k.i); return r; }
        Folded b = cg_fold(c, e->u.binop.right);
        if (!b.ok) { cg_folded_free(&a); big_free(&r.k.i); return r; }
        big_free(&r.k.i);
        r = fold_binop(c, e->u.binop.op, &a, &b);
        cg_folded_free(&a);
        cg_folded_free(&b);
        return r;
    }
    case EXPR_TUPLE: {
        int n = e->u.seq.elts.n;
        if (n > MAX_COLLECTION_FOLD) { big_free(&r.k.i); return r; }
        uint32_t *items = xmalloc(((size_t)n + 1) * sizeof *items);
        for (int i = 0; i < n; i++) {
            Folded it = cg_fold(c, e->u.seq.elts.items[i]);
            if (!it.ok) { free(items); big_free(&r.k.i); return r; }
            items[i] = cg_add_const(c, it.k);
        }
        r.k.kind = CK_TUPLE;
        r.k.items = items;
        r.k.n = (size_t)n;
        r.ok = true;
        return r;
    }
    default:
        big_free(&r.k.i);
        return r;
    }
}

