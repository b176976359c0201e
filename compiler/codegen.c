/*
** compiler/codegen.c: AST -> register bytecode.
**
** Registers work as in Lua's lcode.c: a function's locals (parameters
** first) own the low registers; temporaries are reserved above them like a
** stack and released in reverse order ('freereg'). The VM treats every
** register at or above 'nlocals' as a temporary that an instruction
** consumes when it reads it, so a value left in a temporary is always
** released by its reader (or by POP), the way CPython's stack is.
** Constants are folded and merged in consts.c.
*/
#include "compiler/compiler.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/parse.h"

#include "compiler/cg.h"

/* ---------------- emitting ---------------- */

static size_t emit_at(Compiler *c, Instr ins, SrcPos pos)
{
    Chunk *ch = c->fs->chunk;
    if (ch->ncode >= ch->capcode) {
        ch->capcode = ch->capcode ? ch->capcode * 2 : 64;
        ch->code = xrealloc(ch->code, ch->capcode * sizeof *ch->code);
        ch->pos = xrealloc(ch->pos, ch->capcode * sizeof *ch->pos);
    }
    ch->code[ch->ncode] = ins;
    ch->pos[ch->ncode] = pos;
    /* what a RETURN here can find in use: the registers below the free one
    ** (locals, live temporaries such as a loop's iterator) and its operand */
    unsigned op = ins_op(ins);
    if (op == OP_RETURN || op == OP_RETURNNONE) {
        unsigned hi = c->fs->freereg;
        if (op == OP_RETURN && ins_a(ins) + 1 > hi) hi = ins_a(ins) + 1;
        if (hi > ch->ret_regs) ch->ret_regs = hi;
    }
    return ch->ncode++;
}

static size_t emit(Compiler *c, Instr ins, uint32_t line, uint32_t col)
{
    return emit_at(c, ins, (SrcPos){ line, col, 0, 0, 0, 0 });
}

/* The node's span: Expr and Stmt both carry line/col/end_line/end_col. */
#define SPAN(e) ((SrcPos){ (e)->line, (e)->col, (e)->end_line, (e)->end_col, 0, 0 })
#define EMIT(c, e, ins) emit_at((c), (ins), SPAN(e))

/* Character 'col' (1-based) of source line 'line', or 0 past its end. */
static uint32_t char_at(Compiler *c, uint32_t line, uint32_t col)
{
    size_t len;
    const unsigned char *s = (const unsigned char *)program_line(c->prog, line, &len);
    uint32_t k = 1;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n <= 0) { cp = s[i]; n = 1; }
        if (k == col) return cp;
        k++;
        i += (size_t)n;
    }
    return 0;
}

/*
** The '^' part of a traceback's carets (Python/traceback.c,
** extract_anchors_from_expr): a binary operator's symbol (skipping spaces
** and closing parentheses after the left operand), or a subscript's
** "[index]". Only for nodes on one line.
*/
static SrcPos anchored(Compiler *c, const Expr *e)
{
    SrcPos p = SPAN(e);
    if (e->end_line != e->line) return p;
    if (e->kind == EXPR_BINOP) {
        const Expr *l = e->u.binop.left, *r = e->u.binop.right;
        if (l->end_line != e->line || r->line != e->line) return p;
        for (uint32_t i = l->end_col; i < r->col; i++) {
            uint32_t ch = char_at(c, e->line, i);
            if (ch == ' ' || ch == '\t' || ch == '\f') continue;
            p.anchor_lo = i;
            p.anchor_hi = i + 1;
            uint32_t next = char_at(c, e->line, i + 1);
            if (i + 1 < r->col && next != ' ' && next != '\t' && next != '\f') p.anchor_hi++;
            if (i + 1 < r->col && ch == ')') continue;
            break;
        }
    } else if (e->kind == EXPR_SUBSCRIPT) {
        const Expr *v = e->u.subscript.value, *ix = e->u.subscript.index;
        if (v->end_line != e->line || ix->end_line != e->line) return p;
        /* 0-based offsets as in CPython: from the end of the value to just
        ** past the ']' that follows the index */
        uint32_t seg_end = e->end_col - 1, r = ix->end_col;
        while (r < seg_end && char_at(c, e->line, r + 1) != ']') r++;
        if (r < seg_end) r++;
        p.anchor_lo = v->end_col;
        p.anchor_hi = r + 1;
    }
    return p;
}

static size_t here(Compiler *c) { return c->fs->chunk->ncode; }

/* Marks the JMP at 'at' as a warm-up jump (Chunk.warm_jumps). */
static void warm_jump(Compiler *c, size_t at)
{
    Chunk *ch = c->fs->chunk;
    GROW_ARRAY(ch->warm_jumps, ch->nwarm_jumps, ch->capwarm_jumps);
    ch->warm_jumps[ch->nwarm_jumps++] = (uint32_t)at;
}

/* A loop test CPython folds to true: `while True:` ends in JUMP_BACKWARD. */
static bool const_true(const Expr *e)
{
    switch (e->kind) {
    case EXPR_BOOL: return e->u.boolean.value;
    case EXPR_FLOAT: return e->u.float_lit.value != 0;
    case EXPR_STR: return e->u.str_lit.len > 0;
    case EXPR_INT:
        for (const char *d = e->u.int_lit.digits; *d; d++) if (*d != '0') return true;
        return false;
    default: return false;
    }
}

/* Drops the errors recorded since there were 'ndiags': code compiled twice
** reports its errors once. (Its warnings twice, as CPython's do.) */
static void forget_errors(Compiler *c, int ndiags, bool failed)
{
    while (c->diags->n > ndiags) free(c->diags->items[--c->diags->n].message);
    c->failed = failed;
}

/* Points the jump at 'at' to 'target'. */
static void patch(Compiler *c, size_t at, size_t target)
{
    Chunk *ch = c->fs->chunk;
    long off = (long)target - (long)(at + 1);
    if (off < -SBX_BIAS || off > 0xFFFF - SBX_BIAS) {
        cg_error(c, ch->pos[at].line, ch->pos[at].col, "code too large: jump out of range");
        return;
    }
    Instr i = ch->code[at];
    ch->code[at] = (i & 0xFFFFu) | (Instr)(off + SBX_BIAS) << 16;
}

static unsigned reserve(Compiler *c, unsigned n, const Expr *e)
{
    FuncState *fs = c->fs;
    unsigned r = fs->freereg;
    if (fs->freereg + n > MAX_REGS) {
        if (e) cg_error(c, e->line, e->col, "expression too complex: more than %d registers needed", MAX_REGS);
        else cg_error(c, fs->chunk->line, 1, "function too complex: more than %d registers needed", MAX_REGS);
        return MAX_REGS - 1 - (n > MAX_REGS - 1 ? 0 : n);
    }
    fs->freereg += n;
    if (fs->freereg > fs->chunk->nregs) fs->chunk->nregs = fs->freereg;
    return r;
}

static void free_to(Compiler *c, unsigned r) { if (r < c->fs->freereg) c->fs->freereg = r; }

/* Where an expression that writes its register early builds its value:
** 'target' itself when it is the newest temporary (nothing above it is in
** use), else a fresh temporary moved to 'target' at the end. */
static unsigned build_reg(Compiler *c, unsigned target, const Expr *e)
{
    if (target >= c->fs->chunk->nlocals && target + 1 == c->fs->freereg) return target;
    return reserve(c, 1, e);
}

/* ---------------- scopes ---------------- */

static bool is_global_decl(const FuncState *fs, const char *name)
{
    for (int i = 0; i < fs->nglobals; i++) if (strcmp(fs->globals[i], name) == 0) return true;
    return false;
}

/* Register of local 'name', or -1 when it is global. */
static int local_reg(Compiler *c, const char *name)
{
    FuncState *fs = c->fs;
    for (int i = fs->ncomp; i-- > 0;)
        if (strcmp(fs->compnames[i], name) == 0) return (int)fs->compregs[i];
    if (fs->is_module) return -1;
    Chunk *ch = fs->chunk;
    for (unsigned i = 0; i < fs->compbase; i++)
        if (strcmp(ch->locals[i], name) == 0) return (int)i;
    return -1;
}

/* Is local register r bound on every path to here (FuncState.sure)? */
static bool is_sure(Compiler *c, unsigned r) { return r < c->fs->chunk->nlocals && c->fs->sure[r]; }

static void add_local(FuncState *fs, const char *name)
{
    Chunk *ch = fs->chunk;
    for (unsigned i = 0; i < ch->nlocals; i++) if (strcmp(ch->locals[i], name) == 0) return;
    ch->locals = xrealloc(ch->locals, (ch->nlocals + 1) * sizeof *ch->locals);
    ch->locals[ch->nlocals++] = xstrdup(name);
}

static void scan_target(FuncState *fs, const Expr *t)
{
    if (!t) return;
    if (t->kind == EXPR_NAME) {
        if (!is_global_decl(fs, t->u.name.id)) add_local(fs, t->u.name.id);
    } else if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
        for (int i = 0; i < t->u.seq.elts.n; i++) scan_target(fs, t->u.seq.elts.items[i]);
    }
}

static void scan_globals(FuncState *fs, const StmtList *body);
static void scan_locals(FuncState *fs, const StmtList *body);

static void scan_globals(FuncState *fs, const StmtList *body)
{
    for (int i = 0; i < body->n; i++) {
        const Stmt *s = body->items[i];
        switch (s->kind) {
        case STMT_GLOBAL:
            for (int j = 0; j < s->u.global.n; j++) {
                GROW_ARRAY(fs->globals, fs->nglobals, fs->capglobals);
                fs->globals[fs->nglobals++] = (char *)s->u.global.names[j];
            }
            break;
        case STMT_IF: scan_globals(fs, &s->u.if_.body); scan_globals(fs, &s->u.if_.orelse); break;
        case STMT_WHILE: scan_globals(fs, &s->u.while_.body); scan_globals(fs, &s->u.while_.orelse); break;
        case STMT_FOR: scan_globals(fs, &s->u.for_.body); scan_globals(fs, &s->u.for_.orelse); break;
        case STMT_WITH: scan_globals(fs, &s->u.with.body); break;
        default: break;
        }
    }
}

/* Names bound so far in a body, to catch 'global x' after 'x = ...'. */
typedef struct Bound { const char **names; int n, cap; } Bound;

static void bound_target(Bound *b, const Expr *t)
{
    if (!t) return;
    if (t->kind == EXPR_NAME) {
        GROW_ARRAY(b->names, b->n, b->cap);
        b->names[b->n++] = t->u.name.id;
    } else if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
        for (int i = 0; i < t->u.seq.elts.n; i++) bound_target(b, t->u.seq.elts.items[i]);
    }
}

/* symtable.c: "name 'x' is assigned to before global declaration" */
static void check_global_order(Compiler *c, const StmtList *body, Bound *b)
{
    for (int i = 0; i < body->n; i++) {
        const Stmt *s = body->items[i];
        switch (s->kind) {
        case STMT_GLOBAL:
            for (int j = 0; j < s->u.global.n; j++)
                for (int k = 0; k < b->n; k++)
                    if (strcmp(b->names[k], s->u.global.names[j]) == 0) {
                        cg_error(c, s->line, s->col, "name '%s' is assigned to before global declaration", s->u.global.names[j]);
                        break;
                    }
            break;
        case STMT_ASSIGN:
            for (int j = 0; j < s->u.assign.targets.n; j++) bound_target(b, s->u.assign.targets.items[j]);
            break;
        case STMT_ANNASSIGN: if (s->u.annassign.value) bound_target(b, s->u.annassign.target); break;
        case STMT_AUGASSIGN: bound_target(b, s->u.augassign.target); break;
        case STMT_FOR:
            bound_target(b, s->u.for_.target);
            check_global_order(c, &s->u.for_.body, b);
            check_global_order(c, &s->u.for_.orelse, b);
            break;
        case STMT_IF: check_global_order(c, &s->u.if_.body, b); check_global_order(c, &s->u.if_.orelse, b); break;
        case STMT_WHILE: check_global_order(c, &s->u.while_.body, b); check_global_order(c, &s->u.while_.orelse, b); break;
        case STMT_WITH:
            for (int j = 0; j < s->u.with.n; j++) bound_target(b, s->u.with.items[j].var);
            check_global_order(c, &s->u.with.body, b);
            break;
        case STMT_FUNCDEF: {
            Expr name = { .kind = EXPR_NAME };
            name.u.name.id = s->u.funcdef.name;
            bound_target(b, &name);
            break;
        }
        default: break;
        }
    }
}

static void scan_locals(FuncState *fs, const StmtList *body)
{
    for (int i = 0; i < body->n; i++) {
        const Stmt *s = body->items[i];
        switch (s->kind) {
        case STMT_ASSIGN:
            for (int j = 0; j < s->u.assign.targets.n; j++) scan_target(fs, s->u.assign.targets.items[j]);
            break;
        case STMT_ANNASSIGN: if (s->u.annassign.value) scan_target(fs, s->u.annassign.target); break;
        case STMT_AUGASSIGN: scan_target(fs, s->u.augassign.target); break;
        case STMT_FOR:
            scan_target(fs, s->u.for_.target);
            scan_locals(fs, &s->u.for_.body);
            scan_locals(fs, &s->u.for_.orelse);
            break;
        case STMT_IF: scan_locals(fs, &s->u.if_.body); scan_locals(fs, &s->u.if_.orelse); break;
        case STMT_WHILE: scan_locals(fs, &s->u.while_.body); scan_locals(fs, &s->u.while_.orelse); break;
        case STMT_WITH:
            for (int j = 0; j < s->u.with.n; j++) scan_target(fs, s->u.with.items[j].var);
            scan_locals(fs, &s->u.with.body);
            break;
        case STMT_DEL:
            for (int j = 0; j < s->u.del.targets.n; j++) scan_target(fs, s->u.del.targets.items[j]);
            break;
        case STMT_FUNCDEF:
            if (!is_global_decl(fs, s->u.funcdef.name)) add_local(fs, s->u.funcdef.name);
            break;
        case STMT_IMPORT:
            for (int j = 0; j < s->u.import.n; j++) {
                const ImportAlias *a = &s->u.import.names[j];
                const char *n = a->asname ? a->asname : a->name;
                if (!is_global_decl(fs, n)) add_local(fs, n);
            }
            break;
        default: break;
        }
    }
}

/* ---------------- expressions ---------------- */

static void expr_into(Compiler *c, const Expr *e, unsigned target);
static void stmt(Compiler *c, const Stmt *s);
static void block(Compiler *c, const StmtList *l);
static void store_target(Compiler *c, const Expr *t, unsigned src);

/* A register holding e's value: a local's own register (borrowed), or a
** new temporary at the top. */
static unsigned expr_reg(Compiler *c, const Expr *e)
{
    if (e->kind == EXPR_NAME) {
        int r = local_reg(c, e->u.name.id);
        if (r >= 0) return (unsigned)r;
    }
    unsigned r = reserve(c, 1, e);
    expr_into(c, e, r);
    return r;
}

/* An X operand: a constant (XK_BIT | slot) when e folds and the slot fits. */
static unsigned expr_x(Compiler *c, const Expr *e)
{
    if (e->kind != EXPR_NAME) {
        Folded f = cg_fold(c, e);
        if (f.ok) {
            unsigned slot = cg_kslot(c, cg_add_const(c, f.k));
            if (slot < XK_BIT) return XK_BIT | slot;
            unsigned r = reserve(c, 1, e);
            EMIT(c, e, ins_abx(OP_LOADK, r, slot));
            return r;
        }
    }
    return expr_reg(c, e);
}

static void load_const(Compiler *c, const Expr *e, uint32_t pk, unsigned target)
{
    EMIT(c, e, ins_abx(OP_LOADK, target, cg_kslot(c, pk)));
}

/* The enclosing function that has 'name' as a variable, when the current
** function reads it without a variable of its own: CPython reads it from
** a cell (a closure). NULL when the name is a global. */
static const FuncState *enclosing_owner(Compiler *c, const char *name)
{
    if (is_global_decl(c->fs, name)) return NULL;
    for (const FuncState *p = c->fs->parent; p && !p->is_module; p = p->parent) {
        if (is_global_decl(p, name)) return NULL;
        for (unsigned i = 0; i < p->compbase; i++)
            if (strcmp(p->chunk->locals[i], name) == 0) return p;
    }
    return NULL;
}

static void load_name(Compiler *c, const Expr *e, const char *name, unsigned target)
{
    int r = local_reg(c, name);
    if (r >= 0) {
        if ((unsigned)r != target) EMIT(c, e, ins_abc(OP_MOVE, target, (unsigned)r, 0));
        else if (!is_sure(c, target)) EMIT(c, e, ins_abc(OP_CHECKLOCAL, target, 0, 0));
        return;
    }
    const FuncState *owner = enclosing_owner(c, name);
    if (owner)
        cg_error(c, e->line, e->col, "closures are not supported by tracevm: '%s' is a variable of the "
                 "enclosing function '%s' (pass it as an argument, or define '%s' at module level)",
                 name, owner->chunk->name, c->fs->chunk->name);
    EMIT(c, e, ins_abx(OP_LOADGLOBAL, target, cg_nslot(c, name)));
}

static OpCode binop_code(BinOpKind op)
{
    switch (op) {
    case BIN_ADD: return OP_ADD;
    case BIN_SUB: return OP_SUB;
    case BIN_MUL: return OP_MUL;
    case BIN_DIV: return OP_DIV;
    case BIN_FLOORDIV: return OP_FLOORDIV;
    case BIN_MOD: return OP_MOD;
    case BIN_POW: return OP_POW;
    case BIN_LSHIFT: return OP_LSHIFT;
    case BIN_RSHIFT: return OP_RSHIFT;
    case BIN_BITAND: return OP_BITAND;
    case BIN_BITOR: return OP_BITOR;
    case BIN_BITXOR: return OP_BITXOR;
    }
    return OP_ADD;
}

static OpCode cmp_code(CmpOpKind op)
{
    switch (op) {
    case CMP_EQ: return OP_EQ;
    case CMP_NE: return OP_NE;
    case CMP_LT: return OP_LT;
    case CMP_LE: return OP_LE;
    case CMP_GT: return OP_GT;
    case CMP_GE: return OP_GE;
    case CMP_IS: return OP_IS;
    case CMP_IS_NOT: return OP_ISNOT;
    case CMP_IN: return OP_IN;
    case CMP_NOT_IN: return OP_NOTIN;
    }
    return OP_EQ;
}

/* SyntaxWarning for 'x is 1000' (compile.c check_compare): a literal
** other than None, True, False or ... is never reliably identical. */
static void check_is_literal(Compiler *c, const Expr *e)
{
    for (int i = 0; i < e->u.compare.nops; i++) {
        CmpOpKind op = e->u.compare.ops[i];
        if (op != CMP_IS && op != CMP_IS_NOT) continue;
        const Expr *sides[2] = { e->u.compare.operands[i], e->u.compare.operands[i + 1] };
        for (int k = 0; k < 2; k++) {
            if (sides[k]->kind == EXPR_NAME) continue;
            Folded f = cg_fold(c, sides[k]);
            if (!f.ok) continue;
            ConstKind kind = f.k.kind;
            cg_folded_free(&f);
            if (kind == CK_NONE || kind == CK_TRUE || kind == CK_FALSE) continue;
            const char *tn = kind == CK_INT ? "int" : kind == CK_FLOAT ? "float" : kind == CK_STR ? "str" : "tuple";
            char msg[128];
            bool py311 = c->opt && c->opt->python_minor == 11;
            const char *opname = op == CMP_IS ? "is" : "is not", *alt = op == CMP_IS ? "==" : "!=";
            if (py311) snprintf(msg, sizeof msg, "\"%s\" with a literal. Did you mean \"%s\"?", opname, alt);
            else snprintf(msg, sizeof msg, "\"%s\" with '%s' literal. Did you mean \"%s\"?", opname, tn, alt);
            Program *p = c->prog;
            GROW_ARRAY(p->warnings, p->nwarnings, p->capwarnings);
            p->warnings[p->nwarnings++] = (Warning){ e->line, xstrdup("SyntaxWarning"), xstrdup(msg) };
            return;
        }
    }
}

static void compare(Compiler *c, const Expr *e, unsigned target)
{
    check_is_literal(c, e);
    int n = e->u.compare.nops;
    unsigned base = c->fs->freereg;
    if (n == 1) {
        unsigned a = expr_x(c, e->u.compare.operands[0]);
        unsigned b = expr_x(c, e->u.compare.operands[1]);
        EMIT(c, e, ins_abc(cmp_code(e->u.compare.ops[0]), target, a, b));
        free_to(c, base);
        return;
    }
    /* a < b < c: b is evaluated once; the false path releases it */
    unsigned r = reserve(c, 1, e);
    expr_into(c, e->u.compare.operands[0], r);
    size_t *falses = xmalloc((size_t)n * sizeof *falses);
    int nf = 0;
    unsigned mid = reserve(c, 1, e);
    for (int i = 0; i < n; i++) {
        const Expr *rhs = e->u.compare.operands[i + 1];
        if (i < n - 1) {
            expr_into(c, rhs, mid);
            unsigned cp = reserve(c, 1, e);
            EMIT(c, e, ins_abc(OP_COPY, cp, mid, 0));
            EMIT(c, e, ins_abc(cmp_code(e->u.compare.ops[i]), r, r, cp));
            free_to(c, cp);
            falses[nf++] = EMIT(c, e, ins_asbx(OP_ANDJMP, r, 0));
            EMIT(c, e, ins_abc(OP_MOVE, r, mid, 0));   /* b becomes the next left operand */
        } else {
            unsigned rr = expr_x(c, rhs);
            EMIT(c, e, ins_abc(cmp_code(e->u.compare.ops[i]), r, r, rr));
        }
    }
    size_t jend = EMIT(c, e, ins_asbx(OP_JMP, 0, 0));
    for (int i = 0; i < nf; i++) patch(c, falses[i], here(c));
    EMIT(c, e, ins_abc(OP_POP, mid, 0, 0));
    patch(c, jend, here(c));
    free(falses);
    if (r != target) EMIT(c, e, ins_abc(OP_MOVE, target, r, 0));
    free_to(c, base);
}

static void call_args(Compiler *c, const Expr *e, unsigned base, int *nargs)
{
    int n = 0;
    for (int i = 0; i < e->u.call.args.n; i++) {
        const Expr *a = e->u.call.args.items[i];
        unsigned r = reserve(c, 1, a);
        if (r != base + 1 + (unsigned)n) return;
        if (a->kind == EXPR_GENEXP) {
            /* a generator expression argument is built as a list, then iterated */
            expr_into(c, a, r);
        } else {
            expr_into(c, a, r);
        }
        n++;
    }
    for (int i = 0; i < e->u.call.nkw; i++) {
        unsigned r = reserve(c, 1, e->u.call.kw[i].value);
        expr_into(c, e->u.call.kw[i].value, r);
        n++;
    }
    if (n > 255) cg_error(c, e->line, e->col, "too many arguments in call");
    if (e->u.call.nkw) {
        Const k = { .kind = CK_TUPLE };
        big_init(&k.i);
        k.items = xmalloc((size_t)e->u.call.nkw * sizeof *k.items);
        k.n = (size_t)e->u.call.nkw;
        for (int i = 0; i < e->u.call.nkw; i++) k.items[i] = cg_const_str(c, e->u.call.kw[i].name, strlen(e->u.call.kw[i].name));
        EMIT(c, e, ins_abx(OP_KWNAMES, 0, cg_kslot(c, cg_add_const(c, k))));
    }
    *nargs = n;
}

static void call(Compiler *c, const Expr *e, unsigned target)
{
    unsigned base = c->fs->freereg;
    bool top = target >= c->fs->chunk->nlocals && target + 1 == c->fs->freereg;
    unsigned f = top ? target : reserve(c, 1, e);
    const Expr *fn = e->u.call.func;
    int nargs = 0;
    if (fn->kind == EXPR_ATTRIBUTE) {
        expr_into(c, fn->u.attribute.value, f);
        unsigned m = cg_nslot(c, fn->u.attribute.attr);
        if (m > 255) cg_error(c, fn->line, fn->col, "too many names in one function");
        EMIT(c, fn, ins_abc(OP_LOADMETHOD, f, 0, m & 0xFF));   /* CPython's LOAD_METHOD */
        call_args(c, e, f, &nargs);
        EMIT(c, e, ins_abc(OP_CALLMETHOD, f, (unsigned)nargs, m & 0xFF));
    } else {
        expr_into(c, fn, f);
        call_args(c, e, f, &nargs);
        EMIT(c, e, ins_abc(OP_CALL, f, (unsigned)nargs, 0));
    }
    if (f != target) EMIT(c, e, ins_abc(OP_MOVE, target, f, 0));
    free_to(c, base);
}

static bool all_const(Compiler *c, const ExprList *l)
{
    for (int i = 0; i < l->n; i++) {
        Folded f = cg_fold(c, l->items[i]);
        bool ok = f.ok;
        cg_folded_free(&f);
        if (!ok) return false;
    }
    return true;
}

/* BUILDTUPLE/BUILDLIST from items in fresh temporaries: the result is
** written last, so it goes straight into 'target', even a local's register. */
static void seq_build(Compiler *c, const Expr *e, OpCode op, const ExprList *l, unsigned target)
{
    unsigned base = c->fs->freereg;
    unsigned first = c->fs->freereg;
    if (l->n > 255) { cg_error(c, e->line, e->col, "too many items in display"); return; }
    for (int i = 0; i < l->n; i++) expr_into(c, l->items[i], reserve(c, 1, l->items[i]));
    EMIT(c, e, ins_abc(op, target, first, (unsigned)l->n));
    free_to(c, base);
}

static void list_display(Compiler *c, const Expr *e, unsigned target)
{
    const ExprList *l = &e->u.seq.elts;
    unsigned base = c->fs->freereg;
    bool consts = l->n > 2 && all_const(c, l);
    if (l->n <= 30 && !consts) {
        seq_build(c, e, OP_BUILDLIST, l, target);
        return;
    }
    unsigned r = build_reg(c, target, e);
    if (consts) {
        /* CPython: BUILD_LIST 0; LOAD_CONST tuple; LIST_EXTEND */
        EMIT(c, e, ins_abc(OP_BUILDLIST, r, 0, 0));
        Const k = { .kind = CK_TUPLE };
        big_init(&k.i);
        k.items = xmalloc((size_t)l->n * sizeof *k.items);
        k.n = (size_t)l->n;
        for (int i = 0; i < l->n; i++) { Folded f = cg_fold(c, l->items[i]); k.items[i] = cg_add_const(c, f.k); }
        unsigned t = reserve(c, 1, e);
        EMIT(c, e, ins_abx(OP_LOADK, t, cg_kslot(c, cg_add_const(c, k))));
        EMIT(c, e, ins_abc(OP_LISTEXTEND, r, t, 0));
    } else {
        EMIT(c, e, ins_abc(OP_BUILDLIST, r, 0, 0));
        for (int i = 0; i < l->n; i++) {
            unsigned t = reserve(c, 1, l->items[i]);
            expr_into(c, l->items[i], t);
            EMIT(c, e, ins_abc(OP_LISTAPPEND, r, t, 0));
            free_to(c, t);
        }
    }
    if (r != target) EMIT(c, e, ins_abc(OP_MOVE, target, r, 0));
    free_to(c, base);
}

static void dict_display(Compiler *c, const Expr *e, unsigned target)
{
    unsigned base = c->fs->freereg;
    unsigned first = c->fs->freereg;
    int n = e->u.dict.keys.n;
    if (n > 127) { cg_error(c, e->line, e->col, "too many items in dict display"); return; }
    for (int i = 0; i < n; i++) {
        expr_into(c, e->u.dict.keys.items[i], reserve(c, 1, e));
        expr_into(c, e->u.dict.values.items[i], reserve(c, 1, e));
    }
    EMIT(c, e, ins_abc(OP_BUILDDICT, target, first, (unsigned)n));   /* written last, as seq_build */
    free_to(c, base);
}

static void bind_comp_target(Compiler *c, const Expr *t)
{
    FuncState *fs = c->fs;
    if (t->kind == EXPR_NAME) {
        if (fs->compnext >= fs->compbase + fs->compmax) {
            cg_error(c, t->line, t->col, "too many comprehension variables");
            return;
        }
        GROW_ARRAY(fs->compnames, fs->ncomp, fs->capcomp);
        fs->compregs = xrealloc(fs->compregs, (size_t)fs->capcomp * sizeof *fs->compregs);
        fs->compnames[fs->ncomp] = t->u.name.id;
        fs->compregs[fs->ncomp] = fs->compnext++;
        fs->ncomp++;
    } else if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
        for (int i = 0; i < t->u.seq.elts.n; i++) bind_comp_target(c, t->u.seq.elts.items[i]);
    } else {
        cg_error(c, t->line, t->col, "cannot assign to expression in comprehension");
    }
}

/* [elt for t in it if cond ...]: inlined (as 3.12 does); its variables are
** hidden locals cleared afterwards, so they neither leak nor keep objects. */
static void comprehension(Compiler *c, const Expr *e, unsigned target)
{
    FuncState *fs = c->fs;
    unsigned base = fs->freereg;
    unsigned r = build_reg(c, target, e);
    bool is_dict = e->kind == EXPR_DICTCOMP;
    if (e->kind == EXPR_SETCOMP) { cg_error(c, e->line, e->col, "set comprehensions are not supported by tracevm"); return; }
    if (is_dict) EMIT(c, e, ins_abc(OP_BUILDDICT, r, 0, 0));
    else EMIT(c, e, ins_abc(OP_BUILDLIST, r, 0, 0));
    int ncomp0 = fs->ncomp;
    unsigned next0 = fs->compnext;
    size_t *loops = xmalloc((size_t)e->u.comp.ngens * sizeof *loops);
    unsigned *iters = xmalloc((size_t)e->u.comp.ngens * sizeof *iters);
    size_t **skips = xcalloc((size_t)e->u.comp.ngens, sizeof *skips);
    for (int g = 0; g < e->u.comp.ngens; g++) {
        const Comprehension *gen = &e->u.comp.gens[g];
        unsigned it = reserve(c, 1, gen->iter);
        unsigned src = expr_reg(c, gen->iter);
        EMIT(c, gen->iter, ins_abc(OP_ITER, it, src, 0));
        free_to(c, it + 1);
        iters[g] = it;
        loops[g] = here(c);
        unsigned val = reserve(c, 1, gen->iter);
        EMIT(c, gen->iter, ins_asbx(OP_FORITER, it, 0));
        bind_comp_target(c, gen->target);
        store_target(c, gen->target, val);
        free_to(c, val);
        for (int k = 0; k < gen->ifs.n; k++) {
            unsigned t = reserve(c, 1, gen->ifs.items[k]);
            expr_into(c, gen->ifs.items[k], t);
            size_t j = EMIT(c, gen->ifs.items[k], ins_asbx(OP_JMPIFNOT, t, 0));
            free_to(c, t);
            skips[g] = xrealloc(skips[g], (size_t)(k + 2) * sizeof **skips);
            skips[g][k] = j;
            skips[g][k + 1] = SIZE_MAX;
        }
    }
    if (is_dict) {
        unsigned k = reserve(c, 1, e->u.comp.key);
        expr_into(c, e->u.comp.key, k);
        unsigned v = reserve(c, 1, e->u.comp.value);
        expr_into(c, e->u.comp.value, v);
        EMIT(c, e, ins_abc(OP_DICTSET, r, k, v));
        free_to(c, k);
    } else {
        unsigned v = reserve(c, 1, e->u.comp.elt);
        expr_into(c, e->u.comp.elt, v);
        EMIT(c, e, ins_abc(OP_LISTAPPEND, r, v, 0));
        free_to(c, v);
    }
    for (int g = e->u.comp.ngens; g-- > 0;) {
        if (skips[g]) for (size_t k = 0; skips[g][k] != SIZE_MAX; k++) patch(c, skips[g][k], loops[g]);
        size_t j = EMIT(c, e, ins_asbx(OP_JMP, 0, 0));
        patch(c, j, loops[g]);
        patch(c, loops[g], here(c));
        free(skips[g]);
    }
    for (unsigned v = next0; v < fs->compnext; v++) EMIT(c, e, ins_abc(OP_DELLOCAL, v, 0, 0));
    fs->ncomp = ncomp0;
    fs->compnext = next0;
    free(loops); free(iters); free(skips);
    if (e->kind == EXPR_GENEXP) EMIT(c, e, ins_abc(OP_ITER, r, r, 0));
    if (r != target) EMIT(c, e, ins_abc(OP_MOVE, target, r, 0));
    free_to(c, base);
}

static void fstring(Compiler *c, const Expr *e, unsigned target)
{
    const ExprList *parts = &e->u.joined.parts;
    unsigned base = c->fs->freereg;
    unsigned first = c->fs->freereg;
    if (parts->n > 255) { cg_error(c, e->line, e->col, "f-string too long"); return; }
    for (int i = 0; i < parts->n; i++) {
        const Expr *p = parts->items[i];
        unsigned t = reserve(c, 1, p);
        if (p->kind == EXPR_STR) { expr_into(c, p, t); continue; }
        expr_into(c, p->u.formatted.value, t);
        int conv = p->u.formatted.conversion;
        if (conv > 0) EMIT(c, p, ins_abc(OP_CONVERT, t, t, conv == 's' ? 1 : conv == 'r' ? 2 : 3));
        unsigned spec = 0;
        if (p->u.formatted.spec) {
            spec = expr_x(c, p->u.formatted.spec);
        }
        EMIT(c, p, ins_abc(OP_FORMAT, t, t, spec));
        free_to(c, t + 1);
    }
    EMIT(c, e, ins_abc(OP_BUILDSTR, target, first, (unsigned)parts->n));   /* written last */
    free_to(c, base);
}

static void subscript_index(Compiler *c, const Expr *idx, unsigned *x)
{
    if (idx->kind == EXPR_SLICE) {
        unsigned s = reserve(c, 1, idx);
        unsigned b = reserve(c, 3, idx);
        const Expr *parts[3] = { idx->u.slice.lower, idx->u.slice.upper, idx->u.slice.step };
        for (int i = 0; i < 3; i++) {
            if (parts[i]) expr_into(c, parts[i], b + (unsigned)i);
            else load_const(c, idx, cg_const_simple(c, CK_NONE), b + (unsigned)i);
        }
        EMIT(c, idx, ins_abc(OP_BUILDSLICE, s, b, 0));
        free_to(c, s + 1);
        *x = s;
        return;
    }
    *x = expr_x(c, idx);
}

static void expr_into(Compiler *c, const Expr *e, unsigned target)
{
    unsigned base = c->fs->freereg;
    switch (e->kind) {
    case EXPR_NAME:
        load_name(c, e, e->u.name.id, target);
        return;
    case EXPR_INT: case EXPR_FLOAT: case EXPR_STR: case EXPR_BOOL: case EXPR_NONE:
    case EXPR_TUPLE: case EXPR_BINOP: case EXPR_UNARYOP: case EXPR_JOINEDSTR: {
        Folded f = cg_fold(c, e);
        if (f.ok) { load_const(c, e, cg_add_const(c, f.k), target); return; }
        if (c->failed && (e->kind == EXPR_INT)) return;
        break;
    }
    default: break;
    }
    switch (e->kind) {
    case EXPR_TUPLE: seq_build(c, e, OP_BUILDTUPLE, &e->u.seq.elts, target); return;
    case EXPR_LIST: list_display(c, e, target); return;
    case EXPR_DICT: dict_display(c, e, target); return;
    case EXPR_SET: cg_error(c, e->line, e->col, "set displays are not supported by tracevm"); return;
    case EXPR_JOINEDSTR: fstring(c, e, target); return;
    case EXPR_BINOP: {
        /* a fresh temporary target holds the left operand too: x * y + 2
        ** runs in one register, as the notes' CPU does */
        const Expr *l = e->u.binop.left;
        bool simple_left = l->kind == EXPR_NAME ? local_reg(c, l->u.name.id) < 0 : true;
        if (target >= c->fs->chunk->nlocals && target + 1 == c->fs->freereg && simple_left) {
            Folded f = cg_fold(c, l);
            bool is_const = f.ok;
            cg_folded_free(&f);
            if (!is_const) {
                expr_into(c, l, target);
                unsigned b2 = expr_x(c, e->u.binop.right);
                emit_at(c, ins_abc(binop_code(e->u.binop.op), target, target, b2), anchored(c, e));
                free_to(c, base);
                return;
            }
        }
        unsigned a = expr_x(c, e->u.binop.left);
        unsigned b = expr_x(c, e->u.binop.right);
        emit_at(c, ins_abc(binop_code(e->u.binop.op), target, a, b), anchored(c, e));
        free_to(c, base);
        return;
    }
    case EXPR_UNARYOP: {
        unsigned a = expr_reg(c, e->u.unary.operand);
        OpCode op = e->u.unary.op == UNARY_NEG ? OP_NEG : e->u.unary.op == UNARY_POS ? OP_POS
                  : e->u.unary.op == UNARY_INVERT ? OP_INVERT : OP_NOT;
        EMIT(c, e, ins_abc(op, target, a, 0));
        free_to(c, base);
        return;
    }
    case EXPR_BOOLOP: {
        unsigned r = reserve(c, 1, e);
        OpCode j = e->u.boolop.op == BOOL_AND ? OP_ANDJMP : OP_ORJMP;
        size_t *ends = xmalloc((size_t)e->u.boolop.values.n * sizeof *ends);
        int n = e->u.boolop.values.n;
        for (int i = 0; i < n; i++) {
            expr_into(c, e->u.boolop.values.items[i], r);
            if (i < n - 1) ends[i] = EMIT(c, e, ins_asbx(j, r, 0));
        }
        for (int i = 0; i < n - 1; i++) patch(c, ends[i], here(c));
        free(ends);
        if (r != target) EMIT(c, e, ins_abc(OP_MOVE, target, r, 0));
        free_to(c, base);
        return;
    }
    case EXPR_COMPARE: compare(c, e, target); return;
    case EXPR_IFEXP: {
        unsigned r = reserve(c, 1, e);
        unsigned t = reserve(c, 1, e);
        expr_into(c, e->u.ifexp.test, t);
        size_t jelse = EMIT(c, e, ins_asbx(OP_JMPIFNOT, t, 0));
        free_to(c, t);
        expr_into(c, e->u.ifexp.body, r);
        size_t jend = EMIT(c, e, ins_asbx(OP_JMP, 0, 0));
        patch(c, jelse, here(c));
        expr_into(c, e->u.ifexp.orelse, r);
        patch(c, jend, here(c));
        if (r != target) EMIT(c, e, ins_abc(OP_MOVE, target, r, 0));
        free_to(c, base);
        return;
    }
    case EXPR_CALL: call(c, e, target); return;
    case EXPR_ATTRIBUTE: {
        unsigned r = reserve(c, 1, e);
        expr_into(c, e->u.attribute.value, r);
        unsigned n = cg_nslot(c, e->u.attribute.attr);
        if (n > 255) cg_error(c, e->line, e->col, "too many names in one function");
        EMIT(c, e, ins_abc(OP_GETATTR, r, r, n & 0xFF));
        if (r != target) EMIT(c, e, ins_abc(OP_MOVE, target, r, 0));
        free_to(c, base);
        return;
    }
    case EXPR_SUBSCRIPT: {
        unsigned v = expr_reg(c, e->u.subscript.value);
        unsigned x;
        subscript_index(c, e->u.subscript.index, &x);
        emit_at(c, ins_abc(OP_GETITEM, target, v, x), anchored(c, e));
        free_to(c, base);
        return;
    }
    case EXPR_LISTCOMP: case EXPR_SETCOMP: case EXPR_GENEXP: case EXPR_DICTCOMP:
        comprehension(c, e, target);
        return;
    case EXPR_SLICE:
        cg_error(c, e->line, e->col, "slice outside of a subscript");
        return;
    case EXPR_FORMATTED: case EXPR_INT: case EXPR_FLOAT: case EXPR_STR:
    case EXPR_BOOL: case EXPR_NONE: case EXPR_NAME:
        break;
    }
    cg_error(c, e->line, e->col, "cannot compile this expression");
}

/* ---------------- statements ---------------- */

/* Stores register 'src' into target 't' (consuming it when temporary). */
static void store_target(Compiler *c, const Expr *t, unsigned src)
{
    unsigned base = c->fs->freereg;
    switch (t->kind) {
    case EXPR_NAME: {
        int r = local_reg(c, t->u.name.id);
        if (r >= 0) {
            if ((unsigned)r != src) EMIT(c, t, ins_abc(OP_MOVE, (unsigned)r, src, 0));
        } else {
            EMIT(c, t, ins_abx(OP_STOREGLOBAL, src, cg_nslot(c, t->u.name.id)));
        }
        return;
    }
    case EXPR_SUBSCRIPT: {
        unsigned v = expr_reg(c, t->u.subscript.value);
        unsigned x;
        subscript_index(c, t->u.subscript.index, &x);
        emit_at(c, ins_abc(OP_SETITEM, v, x, src), anchored(c, t));
        free_to(c, base);
        return;
    }
    case EXPR_TUPLE: case EXPR_LIST: {
        int n = t->u.seq.elts.n;
        unsigned first = reserve(c, (unsigned)n, t);
        EMIT(c, t, ins_abc(OP_UNPACK, first, src, (unsigned)n));
        for (int i = 0; i < n; i++) store_target(c, t->u.seq.elts.items[i], first + (unsigned)i);
        free_to(c, base);
        return;
    }
    default:
        cg_error(c, t->line, t->col, "cannot assign to expression");
        return;
    }
}

static void assign(Compiler *c, const Stmt *s)
{
    const ExprList *targets = &s->u.assign.targets;
    const Expr *v = s->u.assign.value;
    unsigned base = c->fs->freereg;
    /* a, b = b, a: no tuple is built (CPython swaps on the stack) */
    if (targets->n == 1 && targets->items[0]->kind == EXPR_TUPLE && v->kind == EXPR_TUPLE &&
        targets->items[0]->u.seq.elts.n == v->u.seq.elts.n && v->u.seq.elts.n <= 3) {
        int n = v->u.seq.elts.n;
        unsigned first = reserve(c, (unsigned)n, v);
        for (int i = 0; i < n; i++) expr_into(c, v->u.seq.elts.items[i], first + (unsigned)i);
        for (int i = 0; i < n; i++) store_target(c, targets->items[0]->u.seq.elts.items[i], first + (unsigned)i);
        free_to(c, base);
        return;
    }
    /* x = expr for a local x: straight into its register when safe, that
    ** is, when the expression writes its target once, after its last read */
    if (targets->n == 1 && targets->items[0]->kind == EXPR_NAME &&
        (v->kind == EXPR_BINOP || v->kind == EXPR_NAME || v->kind == EXPR_INT || v->kind == EXPR_FLOAT ||
         v->kind == EXPR_STR || v->kind == EXPR_NONE || v->kind == EXPR_BOOL || v->kind == EXPR_TUPLE ||
         v->kind == EXPR_LIST || v->kind == EXPR_DICT || v->kind == EXPR_JOINEDSTR ||
         v->kind == EXPR_SUBSCRIPT || v->kind == EXPR_UNARYOP)) {
        int r = local_reg(c, targets->items[0]->u.name.id);
        if (r >= 0) {
            expr_into(c, v, (unsigned)r);
            free_to(c, base);
            return;
        }
    }
    unsigned t = reserve(c, 1, v);
    expr_into(c, v, t);
    for (int i = 0; i < targets->n; i++) {
        unsigned src = t;
        if (i < targets->n - 1) {          /* chained: each target gets its own reference */
            src = reserve(c, 1, v);
            EMIT(c, v, ins_abc(OP_COPY, src, t, 0));
        }
        store_target(c, targets->items[i], src);
        if (src != t) free_to(c, src);
    }
    free_to(c, base);
}

static void augassign(Compiler *c, const Stmt *s)
{
    const Expr *t = s->u.augassign.target;
    unsigned base = c->fs->freereg;
    OpCode op = binop_code(s->u.augassign.op);
    if (op == OP_ADD) op = OP_IADD;         /* x += y changes a list in place */
    else if (op == OP_MUL) op = OP_IMUL;
    if (t->kind == EXPR_NAME) {
        int r = local_reg(c, t->u.name.id);
        if (r >= 0) {
            unsigned x = expr_x(c, s->u.augassign.value);
            if (!is_sure(c, (unsigned)r)) EMIT(c, t, ins_abc(OP_CHECKLOCAL, (unsigned)r, 0, 0));
            EMIT(c, s, ins_abc(op, (unsigned)r, (unsigned)r, x));
            free_to(c, base);
            return;
        }
        unsigned tr = reserve(c, 1, t);
        EMIT(c, t, ins_abx(OP_LOADGLOBAL, tr, cg_nslot(c, t->u.name.id)));
        unsigned x = expr_x(c, s->u.augassign.value);
        EMIT(c, s, ins_abc(op, tr, tr, x));
        EMIT(c, t, ins_abx(OP_STOREGLOBAL, tr, cg_nslot(c, t->u.name.id)));
        free_to(c, base);
        return;
    }
    if (t->kind == EXPR_SUBSCRIPT) {
        unsigned v = reserve(c, 1, t);
        expr_into(c, t->u.subscript.value, v);
        unsigned i = reserve(c, 1, t);
        unsigned x;
        subscript_index(c, t->u.subscript.index, &x);
        if (x != i) {
            if (x & XK_BIT) EMIT(c, t, ins_abx(OP_LOADK, i, x & ~XK_BIT));
            else EMIT(c, t, ins_abc(OP_MOVE, i, x, 0));
        }
        free_to(c, i + 1);
        unsigned v2 = reserve(c, 1, t), i2 = reserve(c, 1, t);
        EMIT(c, t, ins_abc(OP_COPY, v2, v, 0));
        EMIT(c, t, ins_abc(OP_COPY, i2, i, 0));
        EMIT(c, t, ins_abc(OP_GETITEM, v2, v2, i2));
        free_to(c, i2);
        unsigned y = expr_x(c, s->u.augassign.value);
        EMIT(c, s, ins_abc(op, v2, v2, y));
        EMIT(c, s, ins_abc(OP_SETITEM, v, i, v2));
        free_to(c, base);
        return;
    }
    cg_error(c, t->line, t->col, "illegal expression for augmented assignment");
}

static void loop_exit_jumps(Compiler *c, Loop *lp, const Stmt *s, bool is_break)
{
    /* close with-blocks opened inside the loop */
    for (int i = c->fs->nwith; i-- > lp->with_depth;)
        EMIT(c, s, ins_abc(OP_WITHEXIT, (unsigned)c->fs->with_regs[i], 0, 0));
    if (is_break && lp->iter_reg >= 0) EMIT(c, s, ins_abc(OP_POP, (unsigned)lp->iter_reg, 0, 0));
}

static void del_target(Compiler *c, const Expr *t)
{
    unsigned base = c->fs->freereg;
    switch (t->kind) {
    case EXPR_NAME: {
        int r = local_reg(c, t->u.name.id);
        if (r >= 0) {
            EMIT(c, t, ins_abc(OP_CHECKLOCAL, (unsigned)r, 0, 0));
            EMIT(c, t, ins_abc(OP_DELLOCAL, (unsigned)r, 0, 0));
        } else {
            EMIT(c, t, ins_abx(OP_DELGLOBAL, 0, cg_nslot(c, t->u.name.id)));
        }
        return;
    }
    case EXPR_SUBSCRIPT: {
        unsigned v = expr_reg(c, t->u.subscript.value);
        unsigned x;
        subscript_index(c, t->u.subscript.index, &x);
        EMIT(c, t, ins_abc(OP_DELITEM, v, x, 0));
        free_to(c, base);
        return;
    }
    case EXPR_TUPLE: case EXPR_LIST:
        for (int i = 0; i < t->u.seq.elts.n; i++) del_target(c, t->u.seq.elts.items[i]);
        return;
    default:
        cg_error(c, t->line, t->col, "cannot delete expression");
    }
}

static void funcdef(Compiler *c, const Stmt *s);

static void stmt(Compiler *c, const Stmt *s)
{
    FuncState *fs = c->fs;
    unsigned base = fs->freereg;
    switch (s->kind) {
    case STMT_EXPR: {
        const Expr *e = s->u.expr.value;
        if (e->kind == EXPR_STR || e->kind == EXPR_INT || e->kind == EXPR_FLOAT || e->kind == EXPR_NONE
            || e->kind == EXPR_BOOL) return;            /* docstrings and bare constants: no code */
        unsigned r = reserve(c, 1, e);
        expr_into(c, e, r);
        EMIT(c, e, ins_abc(OP_POP, r, 0, 0));
        break;
    }
    case STMT_ASSIGN: assign(c, s); break;
    case STMT_ANNASSIGN:
        if (s->u.annassign.value) {
            Stmt tmp = *s;
            Expr *targets[1] = { s->u.annassign.target };
            tmp.kind = STMT_ASSIGN;
            tmp.u.assign.targets.items = targets;
            tmp.u.assign.targets.n = 1;
            tmp.u.assign.value = s->u.annassign.value;
            assign(c, &tmp);
        }
        break;
    case STMT_AUGASSIGN: augassign(c, s); break;
    case STMT_IF: {
        unsigned t = reserve(c, 1, s->u.if_.test);
        expr_into(c, s->u.if_.test, t);
        size_t jelse = EMIT(c, s, ins_asbx(OP_JMPIFNOT, t, 0));
        free_to(c, base);
        block(c, &s->u.if_.body);
        if (s->u.if_.orelse.n) {
            size_t jend = EMIT(c, s, ins_asbx(OP_JMP, 0, 0));
            patch(c, jelse, here(c));
            block(c, &s->u.if_.orelse);
            patch(c, jend, here(c));
        } else {
            patch(c, jelse, here(c));
        }
        break;
    }
    case STMT_WHILE: {
        /* As CPython compiles it: the test at the top, and again at the
        ** bottom jumping back while true, so an iteration runs no JMP.
        ** `while True:` has no test; it ends in a warm-up JMP. */
        Loop lp = { .prev = fs->loop, .iter_reg = -1, .with_depth = fs->nwith };
        const Expr *test = s->u.while_.test;
        bool forever = const_true(test);
        size_t top = here(c);
        lp.cont = top;
        size_t jexit = SIZE_MAX;
        if (forever) {                  /* no load, but the constant is the code's, as in CPython */
            Folded f = cg_fold(c, test);
            if (f.ok) (void)cg_kslot(c, cg_add_const(c, f.k));
        } else {
            unsigned t = reserve(c, 1, test);
            expr_into(c, test, t);
            jexit = EMIT(c, s, ins_asbx(OP_JMPIFNOT, t, 0));
            free_to(c, base);
        }
        size_t body = here(c);
        fs->loop = &lp;
        block(c, &s->u.while_.body);
        fs->loop = lp.prev;
        if (forever) {
            size_t jb = EMIT(c, s, ins_asbx(OP_JMP, 0, 0));
            patch(c, jb, top);
            warm_jump(c, jb);
        } else {
            int ndiags = c->diags->n;
            bool failed = c->failed;
            unsigned t = reserve(c, 1, test);
            expr_into(c, test, t);
            patch(c, EMIT(c, s, ins_asbx(OP_JMPIF, t, 0)), body);
            free_to(c, base);
            forget_errors(c, ndiags, failed);     /* the top copy reported them */
            patch(c, jexit, here(c));
        }
        block(c, &s->u.while_.orelse);
        for (size_t i = 0; i < lp.nbreaks; i++) patch(c, lp.breaks[i], here(c));
        free(lp.breaks);
        break;
    }
    case STMT_FOR: {
        unsigned it = reserve(c, 1, s->u.for_.iter);
        unsigned src = expr_reg(c, s->u.for_.iter);
        EMIT(c, s->u.for_.iter, ins_abc(OP_ITER, it, src, 0));
        free_to(c, it + 1);
        Loop lp = { .prev = fs->loop, .iter_reg = (int)it, .with_depth = fs->nwith };
        size_t top = here(c);
        lp.cont = top;
        unsigned val = reserve(c, 1, s->u.for_.target);
        size_t jexit = EMIT(c, s, ins_asbx(OP_FORITER, it, 0));
        store_target(c, s->u.for_.target, val);
        free_to(c, val);
        fs->loop = &lp;
        block(c, &s->u.for_.body);
        fs->loop = lp.prev;
        size_t jb = EMIT(c, s, ins_asbx(OP_JMP, 0, 0));
        patch(c, jb, top);
        warm_jump(c, jb);
        patch(c, jexit, here(c));
        free_to(c, base);
        block(c, &s->u.for_.orelse);
        for (size_t i = 0; i < lp.nbreaks; i++) patch(c, lp.breaks[i], here(c));
        free(lp.breaks);
        break;
    }
    case STMT_BREAK: case STMT_CONTINUE: {
        Loop *lp = fs->loop;
        if (!lp) { cg_error(c, s->line, s->col, s->kind == STMT_BREAK ? "'break' outside loop" : "'continue' not properly in loop"); break; }
        loop_exit_jumps(c, lp, s, s->kind == STMT_BREAK);
        size_t j = EMIT(c, s, ins_asbx(OP_JMP, 0, 0));
        if (s->kind == STMT_CONTINUE) {
            patch(c, j, lp->cont);
            warm_jump(c, j);
        } else {
            GROW_ARRAY(lp->breaks, lp->nbreaks, lp->capbreaks);
            lp->breaks[lp->nbreaks++] = j;
        }
        break;
    }
    case STMT_PASS: case STMT_GLOBAL: break;
    case STMT_FUNCDEF: funcdef(c, s); break;
    case STMT_RETURN: {
        if (fs->is_module) { cg_error(c, s->line, s->col, "'return' outside function"); break; }
        if (!s->u.ret.value) {
            for (int i = fs->nwith; i-- > 0;) EMIT(c, s, ins_abc(OP_WITHEXIT, (unsigned)fs->with_regs[i], 0, 0));
            EMIT(c, s, ins_abc(OP_RETURNNONE, 0, 0, 0));
            break;
        }
        unsigned r = expr_reg(c, s->u.ret.value);
        for (int i = fs->nwith; i-- > 0;) EMIT(c, s, ins_abc(OP_WITHEXIT, (unsigned)fs->with_regs[i], 0, 0));
        EMIT(c, s, ins_abc(OP_RETURN, r, 0, 0));
        break;
    }
    case STMT_DEL:
        for (int i = 0; i < s->u.del.targets.n; i++) del_target(c, s->u.del.targets.items[i]);
        break;
    case STMT_IMPORT:
        for (int i = 0; i < s->u.import.n; i++) {
            const ImportAlias *a = &s->u.import.names[i];
            unsigned r = reserve(c, 1, NULL);
            EMIT(c, s, ins_abx(OP_IMPORT, r, cg_nslot(c, a->name)));
            Expr name = { .kind = EXPR_NAME, .line = a->line, .col = a->col };
            name.u.name.id = a->asname ? a->asname : a->name;
            store_target(c, &name, r);
            free_to(c, base);
        }
        break;
    case STMT_WITH: {
        int opened = 0;
        for (int i = 0; i < s->u.with.n; i++) {
            const WithItem *w = &s->u.with.items[i];
            unsigned ctx = reserve(c, 1, w->ctx);
            expr_into(c, w->ctx, ctx);
            unsigned v = reserve(c, 1, w->ctx);
            EMIT(c, w->ctx, ins_abc(OP_WITHENTER, v, ctx, 0));
            if (w->var) store_target(c, w->var, v);
            else EMIT(c, w->ctx, ins_abc(OP_POP, v, 0, 0));
            free_to(c, v);
            GROW_ARRAY(fs->with_regs, fs->nwith, fs->capwith);
            fs->with_regs[fs->nwith++] = (int)ctx;
            opened++;
        }
        block(c, &s->u.with.body);
        for (int i = 0; i < opened; i++) {
            fs->nwith--;
            EMIT(c, s, ins_abc(OP_WITHEXIT, (unsigned)fs->with_regs[fs->nwith], 0, 0));
        }
        break;
    }
    case STMT_ASSERT: {
        unsigned t = reserve(c, 1, s->u.assert_.test);
        expr_into(c, s->u.assert_.test, t);
        size_t jok = EMIT(c, s, ins_asbx(OP_JMPIF, t, 0));
        free_to(c, t);
        unsigned m = reserve(c, 1, s->u.assert_.test);
        if (s->u.assert_.msg) expr_into(c, s->u.assert_.msg, m);
        /* 3.11 blames the test expression, 3.12 the whole statement */
        bool py311 = c->opt && c->opt->python_minor == 11;
        emit_at(c, ins_abc(OP_ASSERTFAIL, m, s->u.assert_.msg != NULL, 0), py311 ? SPAN(s->u.assert_.test) : SPAN(s));
        patch(c, jok, here(c));
        break;
    }
    }
    free_to(c, base);
}

static void block(Compiler *c, const StmtList *l)
{
    for (int i = 0; i < l->n; i++) stmt(c, l->items[i]);
}

static Chunk *new_chunk(Compiler *c, const char *name, uint32_t line)
{
    Program *p = c->prog;
    Chunk *ch = xcalloc(1, sizeof *ch);
    ch->name = xstrdup(name);
    ch->line = line;
    GROW_ARRAY(p->chunks, p->nchunks, p->capchunks);
    p->chunks[p->nchunks++] = ch;
    return ch;
}

static void open_function(Compiler *c, FuncState *fs, Chunk *ch, bool is_module, const StmtList *body)
{
    memset(fs, 0, sizeof *fs);
    fs->parent = c->fs;
    fs->chunk = ch;
    fs->is_module = is_module;
    c->fs = fs;
    scan_globals(fs, body);
    Bound bound = { 0 };
    check_global_order(c, body, &bound);
    free(bound.names);
    if (!is_module) scan_locals(fs, body);
    fs->compbase = ch->nlocals;
    fs->compmax = ast_count_comp_vars(body);
    for (unsigned i = 0; i < fs->compmax; i++) {
        char nm[32];
        snprintf(nm, sizeof nm, ".comp%u", i);
        add_local(fs, nm);
    }
    fs->compnext = fs->compbase;
    if (ch->nlocals > MAX_REGS / 2) cg_error(c, ch->line, 1, "too many local variables in '%s'", ch->name);
    fs->freereg = ch->nlocals;
    ch->nregs = ch->nlocals;
}

static void close_function(Compiler *c, FuncState *fs)
{
    free(fs->globals);
    free(fs->with_regs);
    free(fs->compnames);
    free(fs->compregs);
    c->fs = fs->parent;
}

/* ---- locals that are surely bound ---- */

/* Marks the names 't' binds as sure, except those the function deletes. */
static void sure_target(Compiler *c, const Expr *t, const bool *deleted)
{
    if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
        for (int i = 0; i < t->u.seq.elts.n; i++) sure_target(c, t->u.seq.elts.items[i], deleted);
    } else if (t->kind == EXPR_NAME) {
        int r = local_reg(c, t->u.name.id);
        if (r >= 0) c->fs->sure[r] = !deleted[r];
    }
}

/* Marks in 'deleted' the locals a `del` anywhere in the body names. */
static void scan_deleted(Compiler *c, const StmtList *body, bool *deleted)
{
    for (int i = 0; i < body->n; i++) {
        const Stmt *s = body->items[i];
        switch (s->kind) {
        case STMT_DEL:
            for (int j = 0; j < s->u.del.targets.n; j++) {
                const Expr *t = s->u.del.targets.items[j];
                int r = t->kind == EXPR_NAME ? local_reg(c, t->u.name.id) : -1;
                if (r >= 0) deleted[r] = true;
            }
            break;
        case STMT_IF: scan_deleted(c, &s->u.if_.body, deleted); scan_deleted(c, &s->u.if_.orelse, deleted); break;
        case STMT_WHILE: scan_deleted(c, &s->u.while_.body, deleted); scan_deleted(c, &s->u.while_.orelse, deleted); break;
        case STMT_FOR: scan_deleted(c, &s->u.for_.body, deleted); scan_deleted(c, &s->u.for_.orelse, deleted); break;
        case STMT_WITH: scan_deleted(c, &s->u.with.body, deleted); break;
        default: break;
        }
    }
}

/* A function body, statement by statement: a top-level statement that
** assigns a name leaves it bound for every statement after it (one that
** fails leaves the function), so those need no CHECKLOCAL. */
static void function_body(Compiler *c, const StmtList *body)
{
    FuncState *fs = c->fs;
    bool deleted[256] = { false };
    scan_deleted(c, body, deleted);
    for (unsigned r = 0; r < fs->chunk->nparams; r++) fs->sure[r] = !deleted[r];
    for (int i = 0; i < body->n; i++) {
        const Stmt *s = body->items[i];
        stmt(c, s);
        if (s->kind == STMT_ASSIGN)
            for (int j = 0; j < s->u.assign.targets.n; j++) sure_target(c, s->u.assign.targets.items[j], deleted);
        else if (s->kind == STMT_AUGASSIGN)
            sure_target(c, s->u.augassign.target, deleted);
        else if (s->kind == STMT_ANNASSIGN && s->u.annassign.value)
            sure_target(c, s->u.annassign.target, deleted);
    }
}

static void funcdef(Compiler *c, const Stmt *s)
{
    FuncState *outer = c->fs;
    unsigned base = outer->freereg;
    uint32_t index = (uint32_t)c->prog->nchunks;
    Chunk *ch = new_chunk(c, s->u.funcdef.name, s->line);
    /* defaults are evaluated in the defining scope, into a tuple */
    int nd = 0;
    for (int i = 0; i < s->u.funcdef.nparams; i++) if (s->u.funcdef.params[i].dflt) nd++;
    unsigned r = reserve(c, 1, NULL);
    if (nd) {
        ExprList l = { xmalloc((size_t)nd * sizeof(Expr *)), nd };
        int k = 0;
        for (int i = 0; i < s->u.funcdef.nparams; i++)
            if (s->u.funcdef.params[i].dflt) l.items[k++] = s->u.funcdef.params[i].dflt;
        Expr tup = { .kind = EXPR_TUPLE, .line = s->line, .col = s->col };
        tup.u.seq.elts = l;
        expr_into(c, &tup, r);
        free(l.items);
    }
    FuncState fs;
    for (int i = 0; i < s->u.funcdef.nparams; i++) {
        const char *pn = s->u.funcdef.params[i].name;
        for (unsigned j = 0; j < ch->nlocals; j++)
            if (strcmp(ch->locals[j], pn) == 0)
                cg_error(c, s->u.funcdef.params[i].line, s->u.funcdef.params[i].col,
                         "duplicate argument '%s' in function definition", pn);
        add_local(&(FuncState){ .chunk = ch }, pn);
    }
    ch->nparams = ch->nlocals;
    open_function(c, &fs, ch, false, &s->u.funcdef.body);
    function_body(c, &s->u.funcdef.body);
    emit(c, ins_abc(OP_RETURNNONE, 0, 0, 0), s->u.funcdef.body.n ? s->u.funcdef.body.items[s->u.funcdef.body.n - 1]->end_line : s->line, 1);
    close_function(c, &fs);
    Const k = { .kind = CK_CODE, .code = index };
    big_init(&k.i);
    EMIT(c, s, ins_abx(OP_MAKEFUNC, r, cg_kslot(c, cg_add_const(c, k))));
    Expr name = { .kind = EXPR_NAME, .line = s->line, .col = s->col };
    name.u.name.id = s->u.funcdef.name;
    store_target(c, &name, r);
    free_to(c, base);
}

Program *cmp_compile(const char *path, const char *src, size_t len,
                     const CompileOptions *opt, DiagList *diags)
{
    Ast *ast = parse_module(path, src, len, diags);
    if (!ast) return NULL;
    Compiler c = { 0 };
    c.diags = diags;
    c.opt = opt;
    Program *p = xcalloc(1, sizeof *p);
    p->path = xstrdup(path);
    p->source = xstrndup(src, len);
    p->srclen = len;
    c.prog = p;
    Chunk *mod = new_chunk(&c, "<module>", 1);
    FuncState fs;
    open_function(&c, &fs, mod, true, &ast->body);
    block(&c, &ast->body);
    uint32_t last = ast->body.n ? ast->body.items[ast->body.n - 1]->end_line : 1;
    emit(&c, ins_abc(OP_RETURNNONE, 0, 0, 0), last, 1);
    close_function(&c, &fs);
    ast_free(ast);
    if (c.failed) {
        program_free(p);
        return NULL;
    }
    return p;
}
