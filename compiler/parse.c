/*
** compiler/parse.c: the parser's errors, nodes and expressions: a Pratt
** parser driven by one ParseRule table (clox compiler.c), with Python's
** precedence, and assignment targets. Statements (recursive descent) and
** the entry point are in compiler/parse_stmt.c; string literals, f-strings
** included, in compiler/parse_str.c; compiler/parse_internal.h holds what
** the three share.
**
** Error handling (clox errorAt/synchronize): the first error of a statement
** is recorded and sets 'panic'; callers return NULL up to the statement loop,
** which skips to the next statement (and over the failed statement's block
** and its else/elif clauses) and goes on. Indentation errors, tokenizer
** errors and too many errors stop parsing ('stop').
**
** Recursion is bounded: PARSE_MAX_DEPTH nested parse_prec calls, expression
** trees at most AST_MAX_HEIGHT high, blocks nested at most AST_MAX_HEIGHT
** deep (the tokenizer already caps brackets and indentation).
*/
#include "compiler/parse_internal.h"

#include <stdlib.h>

/* ---- errors ----------------------------------------------------------- */

void parse_verror(Parser *p, DiagKind kind, uint32_t line, uint32_t col,
                   const char *fmt, va_list ap)
{
    if (p->panic || p->stop)
        return;
    StrBuf b;
    sb_init(&b);
    sb_vprintf(&b, fmt, ap);
    int prefix = p->fstring && !p->plain_msg && strncmp(b.s, "f-string", 8) != 0;
    if (p->diags.n < PARSE_MAX_DIAGS)
        p->fail_pos[p->diags.n] = p->fstring ? p->outer_pos : p->pos;
    diag_add(&p->diags, kind, line, col, 0, "%s%s", prefix ? "f-string: " : "", b.s);
    sb_free(&b);
    p->panic = 1;
    if (kind != DIAG_SYNTAX)
        p->stop = STOP_FATAL;
    else if (p->diags.n >= PARSE_MAX_DIAGS)
        p->stop = STOP_TOO_MANY;
}

/* Reports at a token; at TK_ERROR the tokenizer's own message wins instead. */
void *parse_error_at(Parser *p, const Token *t, const char *fmt, ...)
{
    if (t->kind == TK_ERROR) {
        if (!p->stop)
            p->stop = STOP_LEXER;
        return NULL;
    }
    va_list ap;
    va_start(ap, fmt);
    parse_verror(p, DIAG_SYNTAX, t->line, t->col, fmt, ap);
    va_end(ap);
    return NULL;
}

void *parse_error_pos(Parser *p, DiagKind kind, uint32_t line, uint32_t col,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    parse_verror(p, kind, line, col, fmt, ap);
    va_end(ap);
    return NULL;
}

void *parse_error_expr(Parser *p, const Expr *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    parse_verror(p, DIAG_SYNTAX, e->line, e->col, fmt, ap);
    va_end(ap);
    return NULL;
}

void *parse_syntax_error(Parser *p, const Token *t)
{
    return parse_error_at(p, t, "invalid syntax");
}

/* "'class' is not supported by tracevm" at token 't' ('what' = "'class' is"). */
void *parse_refuse(Parser *p, const Token *t, const char *what)
{
    return parse_error_at(p, t, "%s not supported by tracevm", what);
}

/* ---- nodes ------------------------------------------------------------ */

Expr *parse_new_expr(Parser *p, ExprKind kind, uint32_t line, uint32_t col)
{
    Expr *e = ast_alloc(p->ast, sizeof *e);
    e->kind = kind;
    e->height = 1;
    e->line = e->end_line = line;
    e->col = e->end_col = col;
    return e;
}

Expr *parse_expr_at(Parser *p, ExprKind kind, const Token *t)
{
    return parse_new_expr(p, kind, t->line, t->col);
}

static int hmax(int h, const Expr *e) { return e && e->height > h ? e->height : h; }

static int list_height(int h, ExprList l)
{
    for (int i = 0; i < l.n; i++)
        h = hmax(h, l.items[i]);
    return h;
}

/* Height of the tallest child of 'e'. */
int parse_child_height(const Expr *e)
{
    int h = 0;
    switch (e->kind) {
    case EXPR_NAME: case EXPR_INT: case EXPR_FLOAT: case EXPR_STR:
    case EXPR_BOOL: case EXPR_NONE:
        break;
    case EXPR_JOINEDSTR: h = list_height(h, e->u.joined.parts); break;
    case EXPR_FORMATTED:
        h = hmax(hmax(h, e->u.formatted.value), e->u.formatted.spec);
        break;
    case EXPR_TUPLE: case EXPR_LIST: case EXPR_SET:
        h = list_height(h, e->u.seq.elts);
        break;
    case EXPR_DICT:
        h = list_height(list_height(h, e->u.dict.keys), e->u.dict.values);
        break;
    case EXPR_LISTCOMP: case EXPR_SETCOMP: case EXPR_GENEXP: case EXPR_DICTCOMP:
        h = hmax(hmax(hmax(h, e->u.comp.elt), e->u.comp.key), e->u.comp.value);
        for (int i = 0; i < e->u.comp.ngens; i++) {
            const Comprehension *g = &e->u.comp.gens[i];
            h = list_height(hmax(hmax(h, g->target), g->iter), g->ifs);
        }
        break;
    case EXPR_BINOP: h = hmax(hmax(h, e->u.binop.left), e->u.binop.right); break;
    case EXPR_UNARYOP: h = hmax(h, e->u.unary.operand); break;
    case EXPR_BOOLOP: h = list_height(h, e->u.boolop.values); break;
    case EXPR_COMPARE:
        for (int i = 0; i <= e->u.compare.nops; i++)
            h = hmax(h, e->u.compare.operands[i]);
        break;
    case EXPR_IFEXP:
        h = hmax(hmax(hmax(h, e->u.ifexp.test), e->u.ifexp.body), e->u.ifexp.orelse);
        break;
    case EXPR_CALL:
        h = list_height(hmax(h, e->u.call.func), e->u.call.args);
        for (int i = 0; i < e->u.call.nkw; i++)
            h = hmax(h, e->u.call.kw[i].value);
        break;
    case EXPR_ATTRIBUTE: h = hmax(h, e->u.attribute.value); break;
    case EXPR_SUBSCRIPT:
        h = hmax(hmax(h, e->u.subscript.value), e->u.subscript.index);
        break;
    case EXPR_SLICE:
        h = hmax(hmax(hmax(h, e->u.slice.lower), e->u.slice.upper), e->u.slice.step);
        break;
    }
    return h;
}

/*
** Completes 'e' once its last token was consumed: end position from that
** token, height from the children. Returns NULL when the tree is too high.
*/
Expr *parse_finish(Parser *p, Expr *e)
{
    const Token *last = prev(p);
    e->end_line = last->end_line;
    e->end_col = last->end_col;
    e->height = parse_child_height(e) + 1;
    if (e->height > AST_MAX_HEIGHT)
        return parse_error_expr(p, e, "expression too deeply nested");
    return e;
}

/* ---- expressions: the Pratt table --------------------------------------- */

typedef Expr *(*PrefixFn)(Parser *p, const Token *t, Prec prec);
typedef Expr *(*InfixFn)(Parser *p, Expr *left);

typedef struct ParseRule {
    PrefixFn prefix;
    InfixFn infix;
    Prec prec;
} ParseRule;

static const ParseRule rules[TK__COUNT];

/* Does a comprehension clause ('for' or the refused 'async for') follow? */
static int at_comp(const Parser *p) { return check(p, TK_FOR) || check(p, TK_ASYNC); }

int parse_starts_expr(const Token *t) { return rules[t->kind].prefix != NULL; }

/* Tokens that, right after a complete expression inside brackets, mean a
** missing comma ("[1 2]"): they start an expression but continue none. */
int parse_starts_atom(const Token *t)
{
    switch (t->kind) {
    case TK_NAME: case TK_INT: case TK_FLOAT: case TK_IMAG: case TK_STRING:
    case TK_LBRACE: case TK_TILDE: case TK_TRUE: case TK_FALSE: case TK_NONE:
    case TK_LAMBDA: case TK_ELLIPSIS:
        return 1;
    default:
        return 0;
    }
}

/* After 'e' inside brackets: the generic error, or the missing-comma hint. */
void *parse_bracket_error(Parser *p, const Expr *e)
{
    if (e && parse_starts_atom(peek(p)) && !(e->kind == EXPR_NAME && check(p, TK_STRING)))
        return parse_error_expr(p, e, "invalid syntax. Perhaps you forgot a comma?");
    return parse_syntax_error(p, peek(p));
}

Expr *parse_prec(Parser *p, Prec prec)
{
    if (p->depth >= PARSE_MAX_DEPTH)
        return parse_error_at(p, peek(p), "expression too deeply nested");
    const Token *t = advance(p);
    PrefixFn prefix = rules[t->kind].prefix;
    if (!prefix)
        return parse_syntax_error(p, t);
    p->depth++;
    Expr *left = prefix(p, t, prec);
    while (left && !p->stop) {
        const Token *nt = peek(p);
        const ParseRule *r = &rules[nt->kind];
        if (!r->infix || r->prec < prec)
            break;
        if (nt->kind == TK_NOT && peek_at(p, 1)->kind != TK_IN)
            break;          /* only "not in" continues an expression */
        left = r->infix(p, left);
    }
    p->depth--;
    return left;
}

/* ---- atoms ------------------------------------------------------------ */

static Expr *p_name(Parser *p, const Token *t, Prec prec)
{
    (void)prec;
    Expr *e = parse_expr_at(p, EXPR_NAME, t);
    e->u.name.id = ast_strndup(p->ast, t->start, t->len);
    return parse_finish(p, e);
}

static Expr *p_const(Parser *p, const Token *t, Prec prec)
{
    (void)prec;
    Expr *e = parse_expr_at(p, t->kind == TK_NONE ? EXPR_NONE : EXPR_BOOL, t);
    e->u.boolean.value = t->kind == TK_TRUE;
    return parse_finish(p, e);
}

static Expr *p_number(Parser *p, const Token *t, Prec prec)
{
    (void)prec;
    if (t->kind == TK_IMAG)
        return parse_refuse(p, t, "complex numbers are");
    char *text = ast_strndup(p->ast, t->start, t->len);
    /* the text without underscores (and without a radix prefix for ints) */
    char *clean = ast_alloc(p->ast, t->len + 1);
    size_t n = 0, i = 0;
    int base = 10;
    if (t->kind == TK_INT && t->len > 1 && text[0] == '0') {
        char c = text[1];
        base = (c == 'x' || c == 'X') ? 16 : (c == 'o' || c == 'O') ? 8
             : (c == 'b' || c == 'B') ? 2 : 10;
        if (base != 10)
            i = 2;
    }
    for (; i < t->len; i++)
        if (text[i] != '_')
            clean[n++] = text[i];
    clean[n] = '\0';
    Expr *e = parse_expr_at(p, t->kind == TK_INT ? EXPR_INT : EXPR_FLOAT, t);
    if (t->kind == TK_INT) {
        e->u.int_lit.text = text;
        e->u.int_lit.digits = clean;
        e->u.int_lit.base = base;
    } else {
        e->u.float_lit.text = text;
        e->u.float_lit.value = strtod(clean, NULL);
    }
    return parse_finish(p, e);
}

static Expr *p_refuse(Parser *p, const Token *t, Prec prec)
{
    if ((t->kind == TK_STAR || t->kind == TK_DSTAR) && prec > PREC_BOR)
        return parse_syntax_error(p, t);      /* "x * * y" */
    switch (t->kind) {
    case TK_LAMBDA:   return parse_refuse(p, t, "'lambda' is");
    case TK_AWAIT:    return parse_refuse(p, t, "'await' is");
    case TK_YIELD:    return parse_refuse(p, t, "'yield' is");
    case TK_ELLIPSIS: return parse_refuse(p, t, "'...' (Ellipsis) is");
    case TK_STAR:     return parse_refuse(p, t, "'*' unpacking is");
    case TK_DSTAR:    return parse_refuse(p, t, "'**' unpacking is");
    default:          return parse_syntax_error(p, t);
    }
}

static Expr *p_unary(Parser *p, const Token *t, Prec prec)
{
    UnaryOpKind op = t->kind == TK_MINUS ? UNARY_NEG : t->kind == TK_PLUS ? UNARY_POS
                   : UNARY_INVERT;
    if (prec > PREC_UNARY)
        return parse_syntax_error(p, t);
    Expr *operand = parse_prec(p, PREC_UNARY);
    if (!operand)
        return NULL;
    Expr *e = parse_expr_at(p, EXPR_UNARYOP, t);
    e->u.unary.op = op;
    e->u.unary.operand = operand;
    return parse_finish(p, e);
}

static Expr *p_not(Parser *p, const Token *t, Prec prec)
{
    if (prec > PREC_NOT)
        return parse_syntax_error(p, t);      /* "a + not b" */
    Expr *operand = parse_prec(p, PREC_NOT);
    if (!operand)
        return NULL;
    Expr *e = parse_expr_at(p, EXPR_UNARYOP, t);
    e->u.unary.op = UNARY_NOT;
    e->u.unary.operand = operand;
    return parse_finish(p, e);
}

/* ---- comprehensions and displays -------------------------------------- */

/*
** The 'for ... in ... if ...' clauses after the element of a comprehension;
** the caller has seen TK_FOR. Returns 0 on error.
*/
static int parse_gens(Parser *p, Expr *comp)
{
    VEC(Comprehension) gens = {0};
    while (at_comp(p)) {
        if (check(p, TK_ASYNC)) {
            parse_refuse(p, peek(p), "'async' is");
            return 0;
        }
        advance(p);
        Comprehension g = {0};
        g.target = parse_targets(p);
        if (!g.target || !parse_check_target(p, g.target, 0))
            return 0;
        if (!match(p, TK_IN)) {
            parse_syntax_error(p, peek(p));
            return 0;
        }
        g.iter = parse_prec(p, PREC_OR);
        if (!g.iter)
            return 0;
        ExprVec ifs = {0};
        while (match(p, TK_IF)) {
            Expr *c = parse_prec(p, PREC_OR);
            if (!c)
                return 0;
            VEC_PUSH(p, ifs, c);
        }
        g.ifs = to_list(ifs);
        VEC_PUSH(p, gens, g);
    }
    comp->u.comp.gens = gens.items;
    comp->u.comp.ngens = gens.n;
    return parse_finish(p, comp) != NULL;
}

static Expr *new_comp(Parser *p, ExprKind kind, const Token *open, Expr *elt)
{
    Expr *c = parse_expr_at(p, kind, open);
    c->u.comp.elt = elt;
    return c;
}

/*
** Parses the rest of a display, "e, e, ..." up to (not including) 'close',
** after its first element and comma. Used by tuple, list and set displays.
*/
static int parse_elts(Parser *p, ExprVec *v, TokKind close)
{
    while (!check(p, close)) {
        Expr *e = parse_expr(p);
        if (!e)
            return 0;
        VEC_PUSH(p, *v, e);
        if (!match(p, TK_COMMA)) {
            if (!check(p, close)) {
                parse_bracket_error(p, e);
                return 0;
            }
            break;
        }
    }
    return 1;
}

static Expr *p_paren(Parser *p, const Token *open, Prec prec)
{
    (void)prec;
    if (match(p, TK_RPAR)) {
        Expr *e = parse_expr_at(p, EXPR_TUPLE, open);
        return parse_finish(p, e);
    }
    Expr *first = parse_expr(p);
    if (!first)
        return NULL;
    if (at_comp(p)) {
        Expr *g = new_comp(p, EXPR_GENEXP, open, first);
        if (!parse_gens(p, g))
            return NULL;
        if (!match(p, TK_RPAR))
            return parse_bracket_error(p, NULL);
        return parse_finish(p, g);
    }
    if (match(p, TK_COMMA)) {
        ExprVec v = {0};
        VEC_PUSH(p, v, first);
        if (!parse_elts(p, &v, TK_RPAR))
            return NULL;
        advance(p);
        Expr *t = parse_expr_at(p, EXPR_TUPLE, open);
        t->u.seq.elts = to_list(v);
        return parse_finish(p, t);
    }
    if (!match(p, TK_RPAR))
        return parse_bracket_error(p, first);
    return first;           /* keeps its own position, as in CPython */
}

static Expr *p_list(Parser *p, const Token *open, Prec prec)
{
    (void)prec;
    ExprVec v = {0};
    if (!match(p, TK_RSQB)) {
        Expr *first = parse_expr(p);
        if (!first)
            return NULL;
        if (at_comp(p)) {
            Expr *c = new_comp(p, EXPR_LISTCOMP, open, first);
            if (!parse_gens(p, c))
                return NULL;
            if (!match(p, TK_RSQB))
                return parse_bracket_error(p, NULL);
            return parse_finish(p, c);
        }
        VEC_PUSH(p, v, first);
        if (match(p, TK_COMMA)) {
            if (!parse_elts(p, &v, TK_RSQB))
                return NULL;
        } else if (!check(p, TK_RSQB)) {
            return parse_bracket_error(p, first);
        }
        advance(p);
    }
    Expr *e = parse_expr_at(p, EXPR_LIST, open);
    e->u.seq.elts = to_list(v);
    return parse_finish(p, e);
}

static Expr *p_brace(Parser *p, const Token *open, Prec prec)
{
    (void)prec;
    ExprVec keys = {0}, values = {0};
    if (match(p, TK_RBRACE)) {
        Expr *d = parse_expr_at(p, EXPR_DICT, open);
        return parse_finish(p, d);
    }
    if (check(p, TK_DSTAR))
        return parse_refuse(p, peek(p), "'**' unpacking is");
    Expr *first = parse_expr(p);
    if (!first)
        return NULL;
    if (!match(p, TK_COLON)) {              /* a set */
        if (at_comp(p)) {
            Expr *c = new_comp(p, EXPR_SETCOMP, open, first);
            if (!parse_gens(p, c))
                return NULL;
            if (!match(p, TK_RBRACE))
                return parse_bracket_error(p, NULL);
            return parse_finish(p, c);
        }
        VEC_PUSH(p, keys, first);
        if (match(p, TK_COMMA)) {
            if (!parse_elts(p, &keys, TK_RBRACE))
                return NULL;
        } else if (!check(p, TK_RBRACE)) {
            return parse_bracket_error(p, first);
        }
        advance(p);
        Expr *s = parse_expr_at(p, EXPR_SET, open);
        s->u.seq.elts = to_list(keys);
        return parse_finish(p, s);
    }
    Expr *v = parse_expr(p);
    if (!v)
        return NULL;
    if (at_comp(p)) {
        Expr *c = new_comp(p, EXPR_DICTCOMP, open, NULL);
        c->u.comp.key = first;
        c->u.comp.value = v;
        if (!parse_gens(p, c))
            return NULL;
        if (!match(p, TK_RBRACE))
            return parse_bracket_error(p, NULL);
        return parse_finish(p, c);
    }
    VEC_PUSH(p, keys, first);
    VEC_PUSH(p, values, v);
    while (match(p, TK_COMMA)) {
        if (check(p, TK_RBRACE))
            break;
        if (check(p, TK_DSTAR))
            return parse_refuse(p, peek(p), "'**' unpacking is");
        Expr *k = parse_expr(p);
        if (!k)
            return NULL;
        if (!match(p, TK_COLON))
            return check(p, TK_COMMA) || check(p, TK_RBRACE)
                   ? parse_error_at(p, peek(p), "':' expected after dictionary key")
                   : parse_bracket_error(p, k);
        v = parse_expr(p);
        if (!v)
            return NULL;
        VEC_PUSH(p, keys, k);
        VEC_PUSH(p, values, v);
    }
    if (!match(p, TK_RBRACE))
        return parse_bracket_error(p, values.items[values.n - 1]);
    Expr *d = parse_expr_at(p, EXPR_DICT, open);
    d->u.dict.keys = to_list(keys);
    d->u.dict.values = to_list(values);
    return parse_finish(p, d);
}

/* ---- infix operators -------------------------------------------------- */

BinOpKind parse_binop_of(TokKind k)
{
    switch (k) {
    case TK_PLUS: case TK_PLUSEQ:         return BIN_ADD;
    case TK_MINUS: case TK_MINUSEQ:       return BIN_SUB;
    case TK_STAR: case TK_STAREQ:         return BIN_MUL;
    case TK_SLASH: case TK_SLASHEQ:       return BIN_DIV;
    case TK_DSLASH: case TK_DSLASHEQ:     return BIN_FLOORDIV;
    case TK_PERCENT: case TK_PERCENTEQ:   return BIN_MOD;
    case TK_DSTAR: case TK_DSTAREQ:       return BIN_POW;
    case TK_LSHIFT: case TK_LSHIFTEQ:     return BIN_LSHIFT;
    case TK_RSHIFT: case TK_RSHIFTEQ:     return BIN_RSHIFT;
    case TK_VBAR: case TK_VBAREQ:         return BIN_BITOR;
    case TK_CARET: case TK_CARETEQ:       return BIN_BITXOR;
    default:                              return BIN_BITAND;
    }
}

static Expr *new_binop(Parser *p, BinOpKind op, Expr *l, Expr *r)
{
    Expr *e = parse_new_expr(p, EXPR_BINOP, l->line, l->col);
    e->u.binop.op = op;
    e->u.binop.left = l;
    e->u.binop.right = r;
    return parse_finish(p, e);
}

static Expr *i_binary(Parser *p, Expr *left)
{
    const Token *op = advance(p);
    Expr *right = parse_prec(p, (Prec)(rules[op->kind].prec + 1));
    return right ? new_binop(p, parse_binop_of(op->kind), left, right) : NULL;
}

static Expr *i_power(Parser *p, Expr *left)
{
    advance(p);
    Expr *right = parse_prec(p, PREC_UNARY);    /* right-assoc; "2 ** -1" */
    return right ? new_binop(p, BIN_POW, left, right) : NULL;
}

static Expr *i_refuse(Parser *p, Expr *left)
{
    (void)left;
    const Token *t = peek(p);
    if (t->kind == TK_AT)
        return parse_refuse(p, t, "'@' (matrix multiplication) is");
    return parse_refuse(p, t, "':=' (assignment expression) is");
}

static Expr *i_boolop(Parser *p, Expr *left)
{
    TokKind k = peek(p)->kind;
    ExprVec v = {0};
    VEC_PUSH(p, v, left);
    while (match(p, k)) {
        Expr *r = parse_prec(p, k == TK_OR ? PREC_AND : PREC_NOT);
        if (!r)
            return NULL;
        VEC_PUSH(p, v, r);
    }
    Expr *e = parse_new_expr(p, EXPR_BOOLOP, left->line, left->col);
    e->u.boolop.op = k == TK_OR ? BOOL_OR : BOOL_AND;
    e->u.boolop.values = to_list(v);
    return parse_finish(p, e);
}

/* Consumes a comparison operator if one comes next. */
static int match_cmpop(Parser *p, CmpOpKind *op)
{
    switch (peek(p)->kind) {
    case TK_EQEQ: *op = CMP_EQ; break;
    case TK_NE:   *op = CMP_NE; break;
    case TK_LT:   *op = CMP_LT; break;
    case TK_LE:   *op = CMP_LE; break;
    case TK_GT:   *op = CMP_GT; break;
    case TK_GE:   *op = CMP_GE; break;
    case TK_IN:   *op = CMP_IN; break;
    case TK_IS:
        advance(p);
        *op = match(p, TK_NOT) ? CMP_IS_NOT : CMP_IS;
        return 1;
    case TK_NOT:
        if (peek_at(p, 1)->kind != TK_IN)
            return 0;
        advance(p);
        *op = CMP_NOT_IN;
        break;
    default:
        return 0;
    }
    advance(p);
    return 1;
}

static Expr *i_compare(Parser *p, Expr *left)
{
    VEC(CmpOpKind) ops = {0};
    ExprVec operands = {0};
    VEC_PUSH(p, operands, left);
    CmpOpKind op;
    while (match_cmpop(p, &op)) {
        Expr *r = parse_prec(p, PREC_BOR);
        if (!r)
            return NULL;
        VEC_PUSH(p, ops, op);
        VEC_PUSH(p, operands, r);
    }
    Expr *e = parse_new_expr(p, EXPR_COMPARE, left->line, left->col);
    e->u.compare.ops = ops.items;
    e->u.compare.nops = ops.n;
    e->u.compare.operands = operands.items;
    return parse_finish(p, e);
}

static Expr *i_ifexp(Parser *p, Expr *body)
{
    advance(p);
    Expr *test = parse_prec(p, PREC_OR);
    if (!test)
        return NULL;
    if (!match(p, TK_ELSE)) {
        if (check(p, TK_ERROR))
            return parse_syntax_error(p, peek(p));
        return parse_error_expr(p, body, "expected 'else' after 'if' expression");
    }
    Expr *orelse = parse_prec(p, PREC_TERNARY);
    if (!orelse)
        return NULL;
    Expr *e = parse_new_expr(p, EXPR_IFEXP, body->line, body->col);
    e->u.ifexp.test = test;
    e->u.ifexp.body = body;
    e->u.ifexp.orelse = orelse;
    return parse_finish(p, e);
}

static Expr *i_attr(Parser *p, Expr *left)
{
    advance(p);
    const Token *name = peek(p);
    if (name->kind != TK_NAME)
        return parse_syntax_error(p, name);
    advance(p);
    Expr *e = parse_new_expr(p, EXPR_ATTRIBUTE, left->line, left->col);
    e->u.attribute.value = left;
    e->u.attribute.attr = ast_strndup(p->ast, name->start, name->len);
    return parse_finish(p, e);
}

static Expr *i_call(Parser *p, Expr *func)
{
    advance(p);
    ExprVec args = {0};
    VEC(Keyword) kws = {0};
    Expr *genexp_arg = NULL;
    while (!check(p, TK_RPAR)) {
        if (check(p, TK_STAR) || check(p, TK_DSTAR))
            return parse_refuse(p, peek(p), check(p, TK_STAR) ? "'*' unpacking is"
                                                   : "'**' unpacking is");
        const Token *start = peek(p);
        Expr *e = parse_expr(p);
        if (!e)
            return NULL;
        if (check(p, TK_EQ)) {
            if (e->kind != EXPR_NAME)
                return parse_error_expr(p, e, "expression cannot contain assignment, "
                                  "perhaps you meant \"==\"?");
            advance(p);
            for (int i = 0; i < kws.n; i++)
                if (strcmp(kws.items[i].name, e->u.name.id) == 0)
                    return parse_error_expr(p, e, "keyword argument repeated: %s", e->u.name.id);
            Expr *v = parse_expr(p);
            if (!v)
                return NULL;
            Keyword kw = {e->u.name.id, v, start->line, start->col};
            VEC_PUSH(p, kws, kw);
        } else if (at_comp(p)) {
            Expr *g = new_comp(p, EXPR_GENEXP, start, e);
            if (!parse_gens(p, g))
                return NULL;
            if (args.n + kws.n > 0 || !check(p, TK_RPAR))
                return parse_error_expr(p, e, "Generator expression must be parenthesized");
            genexp_arg = g;
            VEC_PUSH(p, args, g);
        } else {
            if (kws.n > 0)
                return parse_error_expr(p, e, "positional argument follows keyword argument");
            if (genexp_arg)
                return parse_error_expr(p, genexp_arg, "Generator expression must be parenthesized");
            VEC_PUSH(p, args, e);
        }
        if (!match(p, TK_COMMA)) {
            if (!check(p, TK_RPAR))
                return parse_bracket_error(p, e);
            break;
        }
    }
    advance(p);
    Expr *c = parse_new_expr(p, EXPR_CALL, func->line, func->col);
    c->u.call.func = func;
    c->u.call.args = to_list(args);
    c->u.call.kw = kws.items;
    c->u.call.nkw = kws.n;
    return parse_finish(p, c);
}

/* One subscript item: an expression or a slice lo:hi:step. */
static Expr *parse_slice_item(Parser *p)
{
    const Token *start = peek(p);
    Expr *lo = NULL;
    if (!check(p, TK_COLON)) {
        lo = parse_expr(p);
        if (!lo || !check(p, TK_COLON))
            return lo;
    }
    Expr *s = parse_expr_at(p, EXPR_SLICE, start);
    s->u.slice.lower = lo;
    advance(p);                                 /* ':' */
    if (!check(p, TK_COLON) && !check(p, TK_RSQB) && !check(p, TK_COMMA)) {
        if (!(s->u.slice.upper = parse_expr(p)))
            return NULL;
    }
    if (match(p, TK_COLON) && !check(p, TK_RSQB) && !check(p, TK_COMMA)) {
        if (!(s->u.slice.step = parse_expr(p)))
            return NULL;
    }
    return parse_finish(p, s);
}

static Expr *i_subscript(Parser *p, Expr *value)
{
    advance(p);                                 /* '[' */
    const Token *first_tok = peek(p);
    Expr *index = parse_slice_item(p);
    if (!index)
        return NULL;
    if (check(p, TK_COMMA)) {
        ExprVec v = {0};
        VEC_PUSH(p, v, index);
        while (match(p, TK_COMMA) && !check(p, TK_RSQB)) {
            Expr *e = parse_slice_item(p);
            if (!e)
                return NULL;
            VEC_PUSH(p, v, e);
        }
        Expr *t = parse_expr_at(p, EXPR_TUPLE, first_tok);
        t->u.seq.elts = to_list(v);
        if (!(index = parse_finish(p, t)))
            return NULL;
    }
    if (!match(p, TK_RSQB))
        return parse_bracket_error(p, index);
    Expr *e = parse_new_expr(p, EXPR_SUBSCRIPT, value->line, value->col);
    e->u.subscript.value = value;
    e->u.subscript.index = index;
    return parse_finish(p, e);
}

static const ParseRule rules[TK__COUNT] = {
    [TK_NAME]     = {p_name, NULL, PREC_NONE},
    [TK_INT]      = {p_number, NULL, PREC_NONE},
    [TK_FLOAT]    = {p_number, NULL, PREC_NONE},
    [TK_IMAG]     = {p_number, NULL, PREC_NONE},
    [TK_STRING]   = {parse_string_atom, NULL, PREC_NONE},
    [TK_TRUE]     = {p_const, NULL, PREC_NONE},
    [TK_FALSE]    = {p_const, NULL, PREC_NONE},
    [TK_NONE]     = {p_const, NULL, PREC_NONE},
    [TK_LPAR]     = {p_paren, i_call, PREC_PRIMARY},
    [TK_LSQB]     = {p_list, i_subscript, PREC_PRIMARY},
    [TK_LBRACE]   = {p_brace, NULL, PREC_NONE},
    [TK_DOT]      = {NULL, i_attr, PREC_PRIMARY},
    [TK_DSTAR]    = {p_refuse, i_power, PREC_POWER},
    [TK_MINUS]    = {p_unary, i_binary, PREC_TERM},
    [TK_PLUS]     = {p_unary, i_binary, PREC_TERM},
    [TK_TILDE]    = {p_unary, NULL, PREC_NONE},
    [TK_STAR]     = {p_refuse, i_binary, PREC_FACTOR},
    [TK_SLASH]    = {NULL, i_binary, PREC_FACTOR},
    [TK_DSLASH]   = {NULL, i_binary, PREC_FACTOR},
    [TK_PERCENT]  = {NULL, i_binary, PREC_FACTOR},
    [TK_AT]       = {NULL, i_refuse, PREC_FACTOR},
    [TK_LSHIFT]   = {NULL, i_binary, PREC_SHIFT},
    [TK_RSHIFT]   = {NULL, i_binary, PREC_SHIFT},
    [TK_AMP]      = {NULL, i_binary, PREC_BAND},
    [TK_CARET]    = {NULL, i_binary, PREC_BXOR},
    [TK_VBAR]     = {NULL, i_binary, PREC_BOR},
    [TK_EQEQ]     = {NULL, i_compare, PREC_CMP},
    [TK_NE]       = {NULL, i_compare, PREC_CMP},
    [TK_LT]       = {NULL, i_compare, PREC_CMP},
    [TK_LE]       = {NULL, i_compare, PREC_CMP},
    [TK_GT]       = {NULL, i_compare, PREC_CMP},
    [TK_GE]       = {NULL, i_compare, PREC_CMP},
    [TK_IN]       = {NULL, i_compare, PREC_CMP},
    [TK_IS]       = {NULL, i_compare, PREC_CMP},
    [TK_NOT]      = {p_not, i_compare, PREC_CMP},
    [TK_AND]      = {NULL, i_boolop, PREC_AND},
    [TK_OR]       = {NULL, i_boolop, PREC_OR},
    [TK_IF]       = {NULL, i_ifexp, PREC_TERNARY},
    [TK_WALRUS]   = {NULL, i_refuse, PREC_TERNARY},
    [TK_LAMBDA]   = {p_refuse, NULL, PREC_NONE},
    [TK_AWAIT]    = {p_refuse, NULL, PREC_NONE},
    [TK_YIELD]    = {p_refuse, NULL, PREC_NONE},
    [TK_ELLIPSIS] = {p_refuse, NULL, PREC_NONE},
};

/*
** star_expressions: "a" or a bare tuple "a, b," (the tuple starts at 'a').
*/
static Expr *parse_list_of(Parser *p, Prec prec)
{
    Expr *first = parse_prec(p, prec);
    if (!first || !check(p, TK_COMMA))
        return first;
    ExprVec v = {0};
    VEC_PUSH(p, v, first);
    while (match(p, TK_COMMA)) {
        if (!parse_starts_expr(peek(p)))
            break;
        Expr *e = parse_prec(p, prec);
        if (!e)
            return NULL;
        VEC_PUSH(p, v, e);
    }
    Expr *t = parse_new_expr(p, EXPR_TUPLE, first->line, first->col);
    t->u.seq.elts = to_list(v);
    return parse_finish(p, t);
}

Expr *parse_exprlist(Parser *p) { return parse_list_of(p, PREC_TERNARY); }

/* Targets of 'for' and comprehensions: "x", "i, x", "(a, b), c". */
Expr *parse_targets(Parser *p) { return parse_list_of(p, PREC_BOR); }

/* ---- targets ---------------------------------------------------------- */

/* What CPython calls an expression in "cannot assign to %s". */
const char *parse_expr_name(const Expr *e)
{
    switch (e->kind) {
    case EXPR_NAME:      return "name";
    case EXPR_INT: case EXPR_FLOAT: case EXPR_STR: return "literal";
    case EXPR_JOINEDSTR: case EXPR_FORMATTED: return "f-string expression";
    case EXPR_BOOL:      return e->u.boolean.value ? "True" : "False";
    case EXPR_NONE:      return "None";
    case EXPR_TUPLE:     return "tuple";
    case EXPR_LIST:      return "list";
    case EXPR_SET:       return "set display";
    case EXPR_DICT:      return "dict literal";
    case EXPR_LISTCOMP:  return "list comprehension";
    case EXPR_SETCOMP:   return "set comprehension";
    case EXPR_DICTCOMP:  return "dict comprehension";
    case EXPR_GENEXP:    return "generator expression";
    case EXPR_BINOP: case EXPR_UNARYOP: case EXPR_BOOLOP: return "expression";
    case EXPR_COMPARE:   return "comparison";
    case EXPR_IFEXP:     return "conditional expression";
    case EXPR_CALL:      return "function call";
    case EXPR_ATTRIBUTE: return "attribute";
    case EXPR_SUBSCRIPT: return "subscript";
    case EXPR_SLICE:     return "slice";
    }
    return "expression";
}

/* The first sub-expression of target 'e' that cannot be a target, or NULL. */
const Expr *parse_invalid_target(const Expr *e)
{
    switch (e->kind) {
    case EXPR_NAME: case EXPR_SUBSCRIPT: case EXPR_ATTRIBUTE:
        return NULL;
    case EXPR_TUPLE: case EXPR_LIST:
        for (int i = 0; i < e->u.seq.elts.n; i++) {
            const Expr *bad = parse_invalid_target(e->u.seq.elts.items[i]);
            if (bad)
                return bad;
        }
        return NULL;
    default:
        return e;
    }
}

/* The first attribute target inside 'e' (refused by tracevm), or NULL. */
static const Expr *attribute_target(const Expr *e)
{
    if (e->kind == EXPR_ATTRIBUTE)
        return e;
    if (e->kind == EXPR_TUPLE || e->kind == EXPR_LIST)
        for (int i = 0; i < e->u.seq.elts.n; i++) {
            const Expr *a = attribute_target(e->u.seq.elts.items[i]);
            if (a)
                return a;
        }
    return NULL;
}

/* Checks an assignment ('del' == 0) or deletion target. Returns 0 after an error. */
int parse_check_target(Parser *p, Expr *e, int del)
{
    const Expr *bad = parse_invalid_target(e);
    if (bad) {
        parse_error_expr(p, bad, del ? "cannot delete %s" : "cannot assign to %s", parse_expr_name(bad));
        return 0;
    }
    const Expr *a = attribute_target(e);
    if (a) {
        parse_error_expr(p, a, "%s attribute '%s' is not supported by tracevm",
                   del ? "deleting an" : "assigning to an", a->u.attribute.attr);
        return 0;
    }
    return 1;
}
