/*
** compiler/parse_stmt.c: statements, by recursive descent (blocks, if/while/
** for/def/with/import, assignments and the simple statements), error
** recovery at statement boundaries (clox synchronize), and the entry point
** parse_module. Expressions are compiler/parse.c's.
*/
#include "compiler/parse_internal.h"

#include <stdlib.h>

/* ---- nodes ------------------------------------------------------------ */

static Stmt *new_stmt(Parser *p, StmtKind kind, const Token *t)
{
    Stmt *s = ast_alloc(p->ast, sizeof *s);
    s->kind = kind;
    s->line = s->end_line = t->line;
    s->col = s->end_col = t->col;
    return s;
}

static Stmt *finish_stmt(Parser *p, Stmt *s)
{
    const Token *last = prev(p);
    s->end_line = last->end_line;
    s->end_col = last->end_col;
    return s;
}

/* Ends a compound statement at the end of its last body statement. */
static Stmt *finish_block_stmt(Stmt *s, StmtList body)
{
    if (body.n > 0) {
        s->end_line = body.items[body.n - 1]->end_line;
        s->end_col = body.items[body.n - 1]->end_col;
    }
    return s;
}

/* ---- statements ------------------------------------------------------- */

static int parse_statement(Parser *p, StmtVec *out);

/*
** Skips to the start of the next statement after an error in the statement
** that began at token 'start': past its NEWLINE (unless it already consumed
** it), over an indented block that follows and over else/elif/except/finally
** clauses, which would only produce more errors.
*/
static void synchronize(Parser *p, int start)
{
    p->panic = 0;
    if (p->stop)
        return;
    if (p->pos == start || prev(p)->kind != TK_NEWLINE) {
        while (!check(p, TK_NEWLINE) && !check(p, TK_EOF) && !check(p, TK_ERROR))
            advance(p);
        match(p, TK_NEWLINE);
    }
    for (;;) {
        if (check(p, TK_INDENT)) {
            int depth = 0;
            do {
                if (check(p, TK_INDENT))
                    depth++;
                else if (check(p, TK_DEDENT))
                    depth--;
                if (check(p, TK_EOF) || check(p, TK_ERROR))
                    return;
                advance(p);
            } while (depth > 0);
        }
        TokKind k = peek(p)->kind;
        if (k != TK_ELSE && k != TK_ELIF && k != TK_EXCEPT && k != TK_FINALLY)
            return;
        while (!check(p, TK_NEWLINE) && !check(p, TK_EOF) && !check(p, TK_ERROR))
            advance(p);
        match(p, TK_NEWLINE);
    }
}

/* Parses statements until 'end' (TK_DEDENT or TK_EOF), recovering from errors. */
static void parse_statements(Parser *p, TokKind end, StmtVec *out)
{
    while (!p->stop && !check(p, end) && !check(p, TK_EOF)) {
        if (check(p, TK_ERROR)) {
            p->stop = STOP_LEXER;
            return;
        }
        int start = p->pos;
        p->panic = 0;
        if (!parse_statement(p, out) || p->panic)
            synchronize(p, start);
        if (p->pos == start)        /* never loop without progress */
            advance(p);
    }
}

/*
** ':' and the body of a compound statement: an indented block or simple
** statements on the same line. 'what' names the header for messages
** ("'if' statement"); 'colon_required' makes any token other than ':' an
** "expected ':'" (def, else), otherwise only a line end does.
*/
static int parse_block(Parser *p, const char *what, const Token *kw,
                       int colon_required, StmtList *body)
{
    if (!match(p, TK_COLON)) {
        if (colon_required || check(p, TK_NEWLINE))
            parse_error_at(p, peek(p), "expected ':'");
        else
            parse_syntax_error(p, peek(p));
        return 0;
    }
    if (p->block_depth >= AST_MAX_HEIGHT) {
        parse_error_at(p, kw, "too many statically nested blocks");
        return 0;
    }
    StmtVec v = {0};
    p->block_depth++;
    int ok = 1;
    if (match(p, TK_NEWLINE)) {
        if (!check(p, TK_INDENT)) {
            const Token *at = peek(p);
            for (int i = 0; at->kind == TK_DEDENT; i++)
                at = peek_at(p, i + 1);
            if (at->kind == TK_EOF)
                at = prev(p);
            if (at->kind == TK_ERROR)
                p->stop = STOP_LEXER;
            else
                parse_error_pos(p, DIAG_INDENTATION, at->line, at->col,
                          "expected an indented block after %s on line %u", what, kw->line);
            ok = 0;
        } else {
            advance(p);
            parse_statements(p, TK_DEDENT, &v);
            match(p, TK_DEDENT);
        }
    } else {
        ok = parse_statement(p, &v);
    }
    p->block_depth--;
    *body = to_stmts(v);
    return ok;
}

/* 'if x = 1:' gets CPython's hint. */
static Expr *parse_condition(Parser *p)
{
    Expr *test = parse_expr(p);
    if (test && check(p, TK_EQ) && parse_starts_expr(peek_at(p, 1)) &&
        peek_at(p, 1)->kind != TK_STAR && peek_at(p, 1)->kind != TK_DSTAR)
        return parse_error_expr(p, test, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    return test;
}

static Stmt *parse_if(Parser *p)
{
    const Token *kw = advance(p);
    Stmt *first = new_stmt(p, STMT_IF, kw);
    Stmt *cur = first;
    const char *what = "'if' statement";
    int depth0 = p->block_depth;
    for (;;) {
        Expr *test = parse_condition(p);
        if (!test || !parse_block(p, what, kw, 0, &cur->u.if_.body))
            break;
        cur->u.if_.test = test;
        finish_block_stmt(cur, cur->u.if_.body);
        if (check(p, TK_ELIF)) {
            if (p->block_depth >= AST_MAX_HEIGHT) {
                parse_error_at(p, peek(p), "too many statically nested blocks");
                break;
            }
            p->block_depth++;           /* an elif nests one If deeper */
            kw = advance(p);
            Stmt *n = new_stmt(p, STMT_IF, kw);
            Stmt **one = ast_alloc(p->ast, sizeof *one);
            one[0] = n;
            cur->u.if_.orelse = (StmtList){one, 1};
            cur = n;
            what = "'elif' statement";
            continue;
        }
        if (check(p, TK_ELSE)) {
            kw = advance(p);
            if (!parse_block(p, "'else' statement", kw, 1, &cur->u.if_.orelse))
                break;
            finish_block_stmt(cur, cur->u.if_.orelse);
        }
        p->block_depth = depth0;
        /* the ends of the outer ifs are the end of the innermost one */
        for (Stmt *s = first; s != cur; s = s->u.if_.orelse.items[0]) {
            s->end_line = cur->end_line;
            s->end_col = cur->end_col;
        }
        return first;
    }
    p->block_depth = depth0;
    return NULL;
}

/* Parses an 'else:' clause of a loop (outside the loop for break/continue). */
static int parse_loop_else(Parser *p, Stmt *s, StmtList *orelse)
{
    if (!check(p, TK_ELSE))
        return 1;
    const Token *kw = advance(p);
    if (!parse_block(p, "'else' statement", kw, 1, orelse))
        return 0;
    finish_block_stmt(s, *orelse);
    return 1;
}

/* A loop's body, where 'break' and 'continue' belong, and its else clause. */
static Stmt *parse_loop_rest(Parser *p, Stmt *s, const char *what, const Token *kw, StmtList *body, StmtList *orelse)
{
    int saved = p->in_loop;
    p->in_loop = 1;
    int ok = parse_block(p, what, kw, 0, body);
    p->in_loop = saved;
    if (!ok)
        return NULL;
    finish_block_stmt(s, *body);
    return parse_loop_else(p, s, orelse) ? s : NULL;
}

static Stmt *parse_while(Parser *p)
{
    const Token *kw = advance(p);
    Stmt *s = new_stmt(p, STMT_WHILE, kw);
    if (!(s->u.while_.test = parse_condition(p)))
        return NULL;
    return parse_loop_rest(p, s, "'while' statement", kw, &s->u.while_.body, &s->u.while_.orelse);
}

static Stmt *parse_for(Parser *p)
{
    const Token *kw = advance(p);
    Stmt *s = new_stmt(p, STMT_FOR, kw);
    Expr *target = parse_targets(p);
    if (!target || !parse_check_target(p, target, 0))
        return NULL;
    if (!match(p, TK_IN))
        return parse_syntax_error(p, peek(p));
    Expr *iter = parse_exprlist(p);
    if (!iter)
        return NULL;
    s->u.for_.target = target;
    s->u.for_.iter = iter;
    return parse_loop_rest(p, s, "'for' statement", kw, &s->u.for_.body, &s->u.for_.orelse);
}

static Stmt *parse_def(Parser *p)
{
    const Token *kw = advance(p);
    Stmt *s = new_stmt(p, STMT_FUNCDEF, kw);
    const Token *name = peek(p);
    if (name->kind != TK_NAME)
        return parse_syntax_error(p, name);
    advance(p);
    s->u.funcdef.name = ast_strndup(p->ast, name->start, name->len);
    if (!match(p, TK_LPAR))
        return parse_error_at(p, peek(p), "expected '('");
    VEC(Param) params = {0};
    while (!check(p, TK_RPAR)) {
        const Token *t = peek(p);
        if (t->kind == TK_STAR || t->kind == TK_DSTAR || t->kind == TK_SLASH) {
            const char *what = t->kind == TK_STAR
                ? (peek_at(p, 1)->kind == TK_NAME ? "'*args' parameters are"
                                                   : "keyword-only parameters ('*') are")
                : t->kind == TK_DSTAR ? "'**kwargs' parameters are"
                                      : "positional-only parameters ('/') are";
            return parse_refuse(p, t, what);
        }
        if (t->kind != TK_NAME)
            return parse_syntax_error(p, t);
        advance(p);
        Param pm = {ast_strndup(p->ast, t->start, t->len), NULL, t->line, t->col};
        for (int i = 0; i < params.n; i++)
            if (strcmp(params.items[i].name, pm.name) == 0)
                return parse_error_at(p, t, "duplicate argument '%s' in function definition", pm.name);
        if (match(p, TK_COLON) && !parse_expr(p))      /* annotation: dropped */
            return NULL;
        if (match(p, TK_EQ)) {
            if (!(pm.dflt = parse_expr(p)))
                return NULL;
        } else if (params.n > 0 && params.items[params.n - 1].dflt) {
            return parse_error_at(p, t, "non-default argument follows default argument");
        }
        VEC_PUSH(p, params, pm);
        if (!match(p, TK_COMMA)) {
            if (!check(p, TK_RPAR))
                return parse_syntax_error(p, peek(p));
            break;
        }
    }
    advance(p);
    if (match(p, TK_ARROW) && !parse_expr(p))           /* return annotation: dropped */
        return NULL;
    s->u.funcdef.params = params.items;
    s->u.funcdef.nparams = params.n;
    int saved_func = p->in_func, saved_loop = p->in_loop;
    p->in_func = 1;
    p->in_loop = 0;
    int ok = parse_block(p, "function definition", kw, 1, &s->u.funcdef.body);
    p->in_func = saved_func;
    p->in_loop = saved_loop;
    return ok ? finish_block_stmt(s, s->u.funcdef.body) : NULL;
}

static Stmt *parse_with(Parser *p)
{
    const Token *kw = advance(p);
    Stmt *s = new_stmt(p, STMT_WITH, kw);
    VEC(WithItem) items = {0};
    do {
        WithItem it = {0};
        if (!(it.ctx = parse_expr(p)))
            return NULL;
        if (match(p, TK_AS)) {
            Expr *v = parse_prec(p, PREC_BOR);
            if (!v)
                return NULL;
            if (v->kind != EXPR_NAME) {
                const Expr *bad = parse_invalid_target(v);
                if (bad)
                    return parse_error_expr(p, bad, "cannot assign to %s", parse_expr_name(bad));
                return parse_error_expr(p, v, "'with ... as' target other than a name "
                                  "is not supported by tracevm");
            }
            it.var = v;
        }
        VEC_PUSH(p, items, it);
    } while (match(p, TK_COMMA));
    s->u.with.items = items.items;
    s->u.with.n = items.n;
    if (!parse_block(p, "'with' statement", kw, 0, &s->u.with.body))
        return NULL;
    return finish_block_stmt(s, s->u.with.body);
}

static Stmt *parse_import(Parser *p)
{
    const Token *kw = advance(p);
    Stmt *s = new_stmt(p, STMT_IMPORT, kw);
    VEC(ImportAlias) names = {0};
    do {
        const Token *first = peek(p);
        if (first->kind != TK_NAME)
            return parse_syntax_error(p, first);
        advance(p);
        StrBuf b;
        sb_init(&b);
        sb_put(&b, first->start, first->len);
        while (check(p, TK_DOT) && peek_at(p, 1)->kind == TK_NAME) {
            advance(p);
            const Token *t = advance(p);
            sb_putc(&b, '.');
            sb_put(&b, t->start, t->len);
        }
        ImportAlias a = {ast_strndup(p->ast, b.s, b.len), NULL, first->line, first->col};
        sb_free(&b);
        if (strcmp(a.name, "sys") != 0 && strcmp(a.name, "sqlite3") != 0)
            return parse_error_at(p, first, "import of module '%s' is not supported by tracevm "
                            "(only 'sys' and 'sqlite3')", a.name);
        if (match(p, TK_AS)) {
            const Token *t = peek(p);
            if (t->kind != TK_NAME)
                return parse_syntax_error(p, t);
            advance(p);
            a.asname = ast_strndup(p->ast, t->start, t->len);
        }
        VEC_PUSH(p, names, a);
    } while (match(p, TK_COMMA));
    s->u.import.names = names.items;
    s->u.import.n = names.n;
    return finish_stmt(p, s);
}

static int is_augassign(TokKind k)
{
    switch (k) {
    case TK_PLUSEQ: case TK_MINUSEQ: case TK_STAREQ: case TK_SLASHEQ:
    case TK_DSLASHEQ: case TK_PERCENTEQ: case TK_DSTAREQ: case TK_AMPEQ:
    case TK_VBAREQ: case TK_CARETEQ: case TK_LSHIFTEQ: case TK_RSHIFTEQ:
    case TK_ATEQ:
        return 1;
    default:
        return 0;
    }
}

/* Is 'e' an unparenthesized tuple ("a, b" rather than "(a, b)")? */
static int bare_tuple(const Expr *e)
{
    return e->kind == EXPR_TUPLE && e->u.seq.elts.n > 0 &&
           e->u.seq.elts.items[0]->line == e->line && e->u.seq.elts.items[0]->col == e->col;
}

/*
** "t = v": CPython words a bad single target as "cannot assign to X here.
** Maybe you meant '==' instead of '='?" when it could be a comparison.
*/
static void *assign_target_error(Parser *p, Expr *target, int single)
{
    const Expr *bad = parse_invalid_target(target);
    if (!bad)
        return NULL;
    const Expr *last = bare_tuple(target)
        ? target->u.seq.elts.items[target->u.seq.elts.n - 1] : target;
    int hint = single && bad == last;
    switch (bad->kind) {
    case EXPR_TUPLE: case EXPR_LIST: case EXPR_BOOL: case EXPR_NONE:
    case EXPR_COMPARE: case EXPR_BOOLOP: case EXPR_IFEXP: case EXPR_GENEXP:
        hint = 0;
        break;
    case EXPR_UNARYOP:
        if (bad->u.unary.op == UNARY_NOT)
            hint = 0;
        break;
    default:
        break;
    }
    if (hint)
        return parse_error_expr(p, bad, "cannot assign to %s here. Maybe you meant '==' "
                          "instead of '='?", parse_expr_name(bad));
    return parse_error_expr(p, bad, "cannot assign to %s", parse_expr_name(bad));
}

/* Expression statement, assignment, annotated or augmented assignment. */
static Stmt *parse_expr_stmt(Parser *p)
{
    const Token *start = peek(p);
    Expr *e = parse_exprlist(p);
    if (!e)
        return NULL;
    const Token *t = peek(p);
    if (t->kind == TK_EQ) {
        ExprVec targets = {0};
        Expr *value = e;
        while (match(p, TK_EQ)) {
            VEC_PUSH(p, targets, value);
            if (check(p, TK_YIELD))
                return parse_refuse(p, peek(p), "'yield' is");
            if (!(value = parse_exprlist(p)))
                return NULL;
        }
        for (int i = 0; i < targets.n; i++) {
            if (parse_invalid_target(targets.items[i]))
                return assign_target_error(p, targets.items[i], targets.n == 1);
            if (!parse_check_target(p, targets.items[i], 0))
                return NULL;
        }
        Stmt *s = new_stmt(p, STMT_ASSIGN, start);
        s->u.assign.targets = to_list(targets);
        s->u.assign.value = value;
        return finish_stmt(p, s);
    }
    if (t->kind == TK_COLON) {
        if (e->kind == EXPR_TUPLE || e->kind == EXPR_LIST)
            return parse_error_expr(p, e, "only single target (not %s) can be annotated",
                              e->kind == EXPR_TUPLE ? "tuple" : "list");
        if (e->kind == EXPR_ATTRIBUTE)
            return parse_error_expr(p, e, "assigning to an attribute '%s' is not supported "
                              "by tracevm", e->u.attribute.attr);
        if (e->kind != EXPR_NAME && e->kind != EXPR_SUBSCRIPT)
            return parse_error_expr(p, e, "illegal target for annotation");
        advance(p);
        Stmt *s = new_stmt(p, STMT_ANNASSIGN, start);
        s->u.annassign.target = e;
        if (!(s->u.annassign.annotation = parse_expr(p)))
            return NULL;
        if (match(p, TK_EQ) && !(s->u.annassign.value = parse_exprlist(p)))
            return NULL;
        return finish_stmt(p, s);
    }
    if (is_augassign(t->kind)) {
        if (t->kind == TK_ATEQ)
            return parse_refuse(p, t, "'@=' (matrix multiplication) is");
        if (e->kind == EXPR_ATTRIBUTE)
            return parse_error_expr(p, e, "assigning to an attribute '%s' is not supported "
                              "by tracevm", e->u.attribute.attr);
        if (e->kind != EXPR_NAME && e->kind != EXPR_SUBSCRIPT)
            return parse_error_expr(p, e, "'%s' is an illegal expression for augmented assignment",
                              parse_expr_name(e));
        advance(p);
        Stmt *s = new_stmt(p, STMT_AUGASSIGN, start);
        s->u.augassign.target = e;
        s->u.augassign.op = parse_binop_of(t->kind);
        if (!(s->u.augassign.value = parse_exprlist(p)))
            return NULL;
        return finish_stmt(p, s);
    }
    if (e->kind == EXPR_NAME && parse_starts_atom(t) &&
        (strcmp(e->u.name.id, "print") == 0 || strcmp(e->u.name.id, "exec") == 0))
        return parse_error_expr(p, e, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                          e->u.name.id, e->u.name.id);
    Stmt *s = new_stmt(p, STMT_EXPR, start);
    s->u.expr.value = e;
    return finish_stmt(p, s);
}

/* One simple statement (no ';' or NEWLINE handling). */
static Stmt *parse_simple(Parser *p)
{
    const Token *t = peek(p);
    Stmt *s;
    switch (t->kind) {
    case TK_PASS: case TK_BREAK: case TK_CONTINUE:
        advance(p);
        s = new_stmt(p, t->kind == TK_PASS ? STMT_PASS : t->kind == TK_BREAK ? STMT_BREAK
                     : STMT_CONTINUE, t);
        if (t->kind == TK_BREAK && !p->in_loop)
            parse_error_at(p, t, "'break' outside loop");
        if (t->kind == TK_CONTINUE && !p->in_loop)
            parse_error_at(p, t, "'continue' not properly in loop");
        return finish_stmt(p, s);
    case TK_RETURN:
        advance(p);
        s = new_stmt(p, STMT_RETURN, t);
        if (parse_starts_expr(peek(p)) && !(s->u.ret.value = parse_exprlist(p)))
            return NULL;
        if (!p->in_func)
            parse_error_at(p, t, "'return' outside function");
        return finish_stmt(p, s);
    case TK_GLOBAL: {
        advance(p);
        s = new_stmt(p, STMT_GLOBAL, t);
        VEC(const char *) names = {0};
        do {
            const Token *n = peek(p);
            if (n->kind != TK_NAME)
                return parse_syntax_error(p, n);
            advance(p);
            VEC_PUSH(p, names, ast_strndup(p->ast, n->start, n->len));
        } while (match(p, TK_COMMA));
        s->u.global.names = names.items;
        s->u.global.n = names.n;
        return finish_stmt(p, s);
    }
    case TK_DEL: {
        advance(p);
        s = new_stmt(p, STMT_DEL, t);
        ExprVec v = {0};
        do {
            if (!parse_starts_expr(peek(p)))
                break;
            Expr *e = parse_prec(p, PREC_BOR);
            if (!e || !parse_check_target(p, e, 1))
                return NULL;
            VEC_PUSH(p, v, e);
        } while (match(p, TK_COMMA));
        if (v.n == 0)
            return parse_syntax_error(p, peek(p));
        s->u.del.targets = to_list(v);
        return finish_stmt(p, s);
    }
    case TK_ASSERT:
        advance(p);
        s = new_stmt(p, STMT_ASSERT, t);
        if (!(s->u.assert_.test = parse_expr(p)))
            return NULL;
        if (match(p, TK_COMMA) && !(s->u.assert_.msg = parse_expr(p)))
            return NULL;
        return finish_stmt(p, s);
    case TK_IMPORT:
        return parse_import(p);
    case TK_FROM:     return parse_refuse(p, t, "'from ... import' is");
    case TK_RAISE:    return parse_refuse(p, t, "'raise' is");
    case TK_NONLOCAL: return parse_refuse(p, t, "'nonlocal' is");
    case TK_YIELD:    return parse_refuse(p, t, "'yield' is");
    default:
        return parse_expr_stmt(p);
    }
}

/* simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static int parse_simple_line(Parser *p, StmtVec *out)
{
    for (;;) {
        Stmt *s = parse_simple(p);
        if (!s)
            return 0;
        VEC_PUSH(p, *out, s);
        if (match(p, TK_SEMI)) {
            if (check(p, TK_NEWLINE))
                break;
            continue;
        }
        break;
    }
    if (!match(p, TK_NEWLINE)) {
        parse_syntax_error(p, peek(p));
        return 0;
    }
    return 1;
}

/* Is this "match x:" with an indented block, the start of a match statement? */
static int is_match_stmt(const Parser *p)
{
    if (!tok_is(peek(p), "match") || !parse_starts_expr(peek_at(p, 1)))
        return 0;
    TokKind k1 = peek_at(p, 1)->kind;
    if (k1 != TK_NAME && k1 != TK_INT && k1 != TK_STRING && k1 != TK_LSQB &&
        k1 != TK_LPAR && k1 != TK_LBRACE && k1 != TK_MINUS && k1 != TK_TRUE &&
        k1 != TK_FALSE && k1 != TK_NONE && k1 != TK_FLOAT)
        return 0;
    for (int i = 1;; i++) {
        TokKind k = peek_at(p, i)->kind;
        if (k == TK_NEWLINE)
            return peek_at(p, i - 1)->kind == TK_COLON && peek_at(p, i + 1)->kind == TK_INDENT;
        if (k == TK_EOF || k == TK_ERROR)
            return 0;
    }
}

static int parse_statement(Parser *p, StmtVec *out)
{
    const Token *t = peek(p);
    Stmt *s = NULL;
    switch (t->kind) {
    case TK_IF:    s = parse_if(p); break;
    case TK_WHILE: s = parse_while(p); break;
    case TK_FOR:   s = parse_for(p); break;
    case TK_DEF:   s = parse_def(p); break;
    case TK_WITH:  s = parse_with(p); break;
    case TK_CLASS: return parse_refuse(p, t, "'class' is") != NULL;
    case TK_TRY:   return parse_refuse(p, t, "'try' is") != NULL;
    case TK_ASYNC: return parse_refuse(p, t, "'async' is") != NULL;
    case TK_AT:    return parse_refuse(p, t, "'@' (decorator) is") != NULL;
    case TK_INDENT: {
        uint32_t col = t->end_col > 1 ? t->end_col - 1 : 1;
        parse_error_pos(p, DIAG_INDENTATION, t->line, col, "unexpected indent");
        return 0;
    }
    case TK_NAME:
        if (is_match_stmt(p))
            return parse_refuse(p, t, "'match' is") != NULL;
        return parse_simple_line(p, out);
    default:
        return parse_simple_line(p, out);
    }
    if (!s)
        return 0;
    VEC_PUSH(p, *out, s);
    return 1;
}

/* ---- entry point ------------------------------------------------------ */

/*
** Did the parser's diagnostic 'i' come from tokens that a soft tokenizer error
** at 'line' (an unclosed bracket) swallowed? CPython decides with the furthest
** token it fetched; the failing token and two of lookahead approximate it.
*/
static int swallowed(const Parser *p, int i, uint32_t line)
{
    for (int k = p->fail_pos[i]; k <= p->fail_pos[i] + 2 && k < p->ntoks; k++)
        if (p->toks[k].kind == TK_ERROR || p->toks[k].line > line)
            return 1;
    return 0;
}

Ast *parse_module(const char *path, const char *src, size_t len, DiagList *diags)
{
    (void)path;
    LexInput in = {src, len, 1, 1, 0};
    TokenList toks = {0};
    Diag lexerr = {0};
    int lex_ok = lex_tokenize(&in, &toks, &lexerr);

    Parser P = {0};
    P.ast = ast_new();
    P.toks = toks.items;
    P.ntoks = toks.n;
    diag_init(&P.diags);
    StmtVec body = {0};
    parse_statements(&P, TK_EOF, &body);
    P.ast->body = to_stmts(body);

    /*
    ** A tokenizer error takes priority, as in CPython (pegen's
    ** _PyPegen_tokenize_full_source_to_check_for_errors): a raised one
    ** (bad string, number, character, bracket) replaces the parser's
    ** messages, except an unexpected indent, which CPython reports first.
    ** An unclosed bracket (or a bad line continuation, which CPython's
    ** tokenizer does not raise either) replaces only what the parser found
    ** on later lines: those lines were swallowed by it.
    */
    int n0 = diags->n;
    int soft = !lex_ok && (lexerr.kind != DIAG_SYNTAX ||
                           strstr(lexerr.message, "was never closed") ||
                           strstr(lexerr.message, "unexpected EOF") ||
                           strstr(lexerr.message, "after line continuation"));
    int indent_first = P.diags.n > 0 && P.diags.items[0].kind == DIAG_INDENTATION &&
                       strcmp(P.diags.items[0].message, "unexpected indent") == 0;
    if (lex_ok || indent_first) {
        for (int i = 0; i < P.diags.n; i++)
            diag_push_copy(diags, &P.diags.items[i]);
    } else if (!soft) {
        diag_push_copy(diags, &lexerr);
    } else {
        int dropped = 0, same_line_after = 0;
        for (int i = 0; i < P.diags.n; i++) {
            const Diag *d = &P.diags.items[i];
            if (swallowed(&P, i, lexerr.line) ||
                (d->line == lexerr.line && d->col == lexerr.col)) {
                dropped = 1;
                continue;
            }
            if (d->line == lexerr.line && d->col > lexerr.col)
                same_line_after = 1;
            diag_push_copy(diags, d);
        }
        if (!same_line_after &&
            (dropped || (P.stop != STOP_FATAL && P.stop != STOP_TOO_MANY)))
            diag_push_copy(diags, &lexerr);
    }
    free(lexerr.message);
    diag_free(&P.diags);
    lex_free(&toks);
    if (diags->n > n0) {
        ast_free(P.ast);
        return NULL;
    }
    return P.ast;
}
