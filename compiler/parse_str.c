/*
** compiler/parse_str.c: string literals, as the parser's prefix rule for
** TK_STRING: adjacent literals joined, escapes decoded, f-strings split
** into their literal parts and replacement fields, each field's expression
** parsed by a nested run of the parser (compiler/parse.c) over its tokens.
*/
#include "compiler/parse_internal.h"

#include <stdlib.h>

/* ---- strings and f-strings -------------------------------------------- */

static Expr *parse_fstring_expr(Parser *p, const Token *tok, const char *s,
                                const char *e);

/* Position of byte 'at' inside token 't'. */
static void pos_in(const Token *t, const char *at, uint32_t *line, uint32_t *col)
{
    *line = t->line;
    *col = t->col;
    lex_advance_pos(t->start, (size_t)(at - t->start), line, col);
}

static void *error_in(Parser *p, const Token *t, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void *error_in(Parser *p, const Token *t, const char *at, const char *fmt, ...)
{
    uint32_t line, col;
    pos_in(t, at, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    parse_verror(p, DIAG_SYNTAX, line, col, fmt, ap);
    va_end(ap);
    return NULL;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/*
** Decodes the escape sequence at s (s[0] == '\\', s < e) of a non-raw
** literal whose body starts at 'body', appending to 'out'. Returns the
** position after it, or NULL after an error. An unknown escape such as '\d'
** keeps the backslash and leaves the next character to the caller, as
** CPython does.
*/
static const char *decode_escape(Parser *p, const Token *t, const char *body,
                                 const char *s, const char *e, StrBuf *out)
{
    if (s + 1 >= e) {
        sb_putc(out, '\\');
        return s + 1;
    }
    char c = s[1];
    const char *q = s + 2;
    switch (c) {
    case '\n': return q;
    case '\r': return (q < e && *q == '\n') ? q + 1 : q;
    case '\\': sb_putc(out, '\\'); return q;
    case '\'': sb_putc(out, '\''); return q;
    case '"':  sb_putc(out, '"'); return q;
    case 'a':  sb_putc(out, '\a'); return q;
    case 'b':  sb_putc(out, '\b'); return q;
    case 'f':  sb_putc(out, '\f'); return q;
    case 'n':  sb_putc(out, '\n'); return q;
    case 'r':  sb_putc(out, '\r'); return q;
    case 't':  sb_putc(out, '\t'); return q;
    case 'v':  sb_putc(out, '\v'); return q;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = (uint32_t)(c - '0');
        for (int i = 0; i < 2 && q < e && *q >= '0' && *q <= '7'; i++)
            v = v * 8 + (uint32_t)(*q++ - '0');
        sb_put_utf8(out, v);
        return q;
    }
    case 'x': case 'u': case 'U': {
        int need = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        uint32_t v = 0;
        int got = 0;
        while (got < need && q < e && hexval(*q) >= 0) {
            v = v * 16 + (uint32_t)hexval(*q++);
            got++;
        }
        size_t at = (size_t)(s - body);
        if (got < need) {
            parse_error_at(p, t, "(unicode error) 'unicodeescape' codec can't decode bytes in "
                     "position %zu-%zu: truncated \\%s escape", at, at + 1 + (size_t)got,
                     c == 'x' ? "xXX" : c == 'u' ? "uXXXX" : "UXXXXXXXX");
            return NULL;
        }
        if (v > 0x10FFFF) {
            parse_error_at(p, t, "(unicode error) 'unicodeescape' codec can't decode bytes in "
                     "position %zu-%zu: illegal Unicode character", at, at + 9);
            return NULL;
        }
        sb_put_utf8(out, v);
        return q;
    }
    case 'N':
        parse_refuse(p, t, "'\\N{...}' escape is");
        return NULL;
    default:
        sb_putc(out, '\\');
        return s + 1;
    }
}

/* Appends one literal character (or line ending, normalized to "\n"). */
static const char *copy_char(const char *s, const char *e, StrBuf *out)
{
    if (*s == '\r') {
        sb_putc(out, '\n');
        return (s + 1 < e && s[1] == '\n') ? s + 2 : s + 1;
    }
    sb_putc(out, *s);
    return s + 1;
}

/* The literal under construction: text pending in 'lit', finished parts. */
typedef struct StrAcc {
    StrBuf lit;
    ExprVec parts;
    const Token *first;         /* first token of the concatenation */
} StrAcc;

/* Moves pending literal text into a STR part. */
static void flush_lit(Parser *p, StrAcc *acc)
{
    if (acc->lit.len == 0)
        return;
    Expr *s = parse_expr_at(p, EXPR_STR, acc->first);
    s->u.str_lit.s = ast_strndup(p->ast, acc->lit.s, acc->lit.len);
    s->u.str_lit.len = acc->lit.len;
    parse_finish(p, s);
    VEC_PUSH(p, acc->parts, s);
    sb_clear(&acc->lit);
}

static const char *fstring_body(Parser *p, const Token *t, const char *body,
                                const char *s, const char *e, int raw, int nest,
                                StrAcc *acc);

/*
** One replacement field; 's' is at its '{'. Appends the FORMATTED part (and
** the "x=" text of a self-documenting field). Returns the position after the
** closing '}', or NULL after an error.
*/
static const char *fstring_field(Parser *p, const Token *t, const char *body,
                                 const char *s, const char *e, int raw, int nest,
                                 StrAcc *acc)
{
    const char *open = s++;
    if (nest >= 2)
        return error_in(p, t, open, "f-string: expressions nested too deeply");
    const char *x = s;
    char stack[LEX_MAX_LEVEL];
    int depth = 0;
    while (s < e) {
        char c = *s;
        if (c == '\\')
            return error_in(p, t, s, "f-string expression part cannot include a backslash");
        if (c == '#')
            return error_in(p, t, s, "f-string expression part cannot include '#'");
        if (c == '\'' || c == '"') {
            int triple = s + 2 < e && s[1] == c && s[2] == c;
            const char *q = s + (triple ? 3 : 1);
            for (;;) {
                if (q >= e)
                    return error_in(p, t, s, "f-string: unterminated string");
                if (*q == '\\')
                    return error_in(p, t, q, "f-string expression part cannot include a backslash");
                if (*q == c && (!triple || (q + 2 < e && q[1] == c && q[2] == c)))
                    break;
                q++;
            }
            s = q + (triple ? 3 : 1);
            continue;
        }
        if (c == '(' || c == '[' || c == '{') {
            if (depth >= LEX_MAX_LEVEL)
                return error_in(p, t, s, "f-string: too many nested parenthesis");
            stack[depth++] = c;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                if (c == '}')
                    break;
                return error_in(p, t, s, "f-string: unmatched '%c'", c);
            }
            char o = stack[--depth];
            if ((o == '(' && c != ')') || (o == '[' && c != ']') || (o == '{' && c != '}'))
                return error_in(p, t, s, "f-string: closing parenthesis '%c' does not "
                                "match opening parenthesis '%c'", c, o);
        } else if (depth == 0) {
            if ((c == '!' || c == '=' || c == '<' || c == '>') && s + 1 < e && s[1] == '=') {
                s += 2;
                continue;
            }
            if (c == '!' || c == ':' || c == '=')
                break;
        }
        s++;
    }
    if (s >= e)
        return error_in(p, t, open, "f-string: expecting '}'");
    const char *xe = s;
    int blank = 1;
    for (const char *q = x; q < xe; q++)
        if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\r' && *q != '\f')
            blank = 0;
    if (blank) {
        if (*s == '}')
            return error_in(p, t, s, "f-string: empty expression not allowed");
        return error_in(p, t, s, "f-string: expression required before '%c'", *s);
    }
    Expr *value = parse_fstring_expr(p, t, x, xe);
    if (!value)
        return NULL;
    int selfdoc = 0;
    if (*s == '=') {            /* "{x = }": the text up to here is kept */
        s++;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        selfdoc = 1;
        sb_put(&acc->lit, x, (size_t)(s - x));
    }
    int conversion = -1;
    if (s < e && *s == '!') {
        s++;
        if (s >= e || (*s != 's' && *s != 'r' && *s != 'a'))
            return error_in(p, t, s < e ? s : e - 1,
                            "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        if (s + 1 < e && s[1] != ':' && s[1] != '}')
            return error_in(p, t, open, "f-string: expecting '}'");
        conversion = *s++;
    }
    Expr *spec = NULL;
    if (s < e && *s == ':') {
        StrAcc sub = {.first = t};
        sb_init(&sub.lit);
        uint32_t sl, sc;
        pos_in(t, s + 1, &sl, &sc);
        s = fstring_body(p, t, body, s + 1, e, raw, nest + 1, &sub);
        if (s)
            flush_lit(p, &sub);
        sb_free(&sub.lit);
        if (!s)
            return NULL;
        spec = parse_new_expr(p, EXPR_JOINEDSTR, sl, sc);
        spec->u.joined.parts = to_list(sub.parts);
        if (!parse_finish(p, spec))
            return NULL;
    }
    if (s >= e || *s != '}')
        return error_in(p, t, open, "f-string: expecting '}'");
    s++;
    if (selfdoc && conversion < 0 && !spec)
        conversion = 'r';
    flush_lit(p, acc);
    uint32_t line, col;
    pos_in(t, open, &line, &col);
    Expr *f = parse_new_expr(p, EXPR_FORMATTED, line, col);
    f->u.formatted.value = value;
    f->u.formatted.conversion = conversion;
    f->u.formatted.spec = spec;
    f->height = parse_child_height(f) + 1;
    pos_in(t, s, &f->end_line, &f->end_col);
    if (f->height > AST_MAX_HEIGHT)
        return parse_error_expr(p, f, "expression too deeply nested");
    VEC_PUSH(p, acc->parts, f);
    return s;
}

/*
** The text of an f-string from 's' to 'e': literal text with '{{' and '}}',
** and fields. Inside a format spec ('nest' > 0) it stops at the '}' closing
** the field and returns its position; at the top it returns 'e'.
*/
static const char *fstring_body(Parser *p, const Token *t, const char *body,
                                const char *s, const char *e, int raw, int nest,
                                StrAcc *acc)
{
    while (s < e) {
        char c = *s;
        if (c == '{') {
            if (nest == 0 && s + 1 < e && s[1] == '{') {
                sb_putc(&acc->lit, '{');
                s += 2;
                continue;
            }
            s = fstring_field(p, t, body, s, e, raw, nest, acc);
            if (!s)
                return NULL;
        } else if (c == '}') {
            if (nest > 0)
                return s;
            if (s + 1 < e && s[1] == '}') {
                sb_putc(&acc->lit, '}');
                s += 2;
                continue;
            }
            return error_in(p, t, s, "f-string: single '}' is not allowed");
        } else if (c == '\\' && !raw) {
            s = decode_escape(p, t, body, s, e, &acc->lit);
            if (!s)
                return NULL;
        } else {
            s = copy_char(s, e, &acc->lit);
        }
    }
    if (nest > 0)
        return error_in(p, t, e, "f-string: expecting '}'");
    return s;
}

/* Adds one string token to 'acc'. Returns 0 after an error. */
static int add_string_token(Parser *p, const Token *t, StrAcc *acc, int *is_f)
{
    const char *s = t->start, *end = t->start + t->len;
    int raw = 0, bytes = 0, f = 0;
    while (*s != '\'' && *s != '"') {
        char c = *s++;
        if (c == 'r' || c == 'R') raw = 1;
        else if (c == 'b' || c == 'B') bytes = 1;
        else if (c == 'f' || c == 'F') f = 1;
    }
    if (bytes) {
        parse_refuse(p, t, "bytes literals are");
        return 0;
    }
    size_t q = (end - s >= 6 && s[1] == s[0] && s[2] == s[0]) ? 3 : 1;
    const char *body = s + q, *be = end - q;
    if (f) {
        *is_f = 1;
        return fstring_body(p, t, body, body, be, raw, 0, acc) != NULL;
    }
    for (s = body; s < be;) {
        if (*s == '\\' && !raw) {
            s = decode_escape(p, t, body, s, be, &acc->lit);
            if (!s)
                return 0;
        } else {
            s = copy_char(s, be, &acc->lit);
        }
    }
    return 1;
}

Expr *parse_string_atom(Parser *p, const Token *t, Prec prec)
{
    (void)prec;
    StrAcc acc = {.first = t};
    sb_init(&acc.lit);
    int is_f = 0, ok = add_string_token(p, t, &acc, &is_f);
    while (ok && check(p, TK_STRING))
        ok = add_string_token(p, advance(p), &acc, &is_f);
    Expr *e = NULL;
    if (ok && is_f) {
        flush_lit(p, &acc);
        e = parse_expr_at(p, EXPR_JOINEDSTR, t);
        e->u.joined.parts = to_list(acc.parts);
        e = parse_finish(p, e);
    } else if (ok) {
        e = parse_expr_at(p, EXPR_STR, t);
        e->u.str_lit.s = ast_strndup(p->ast, acc.lit.s ? acc.lit.s : "", acc.lit.len);
        e->u.str_lit.len = acc.lit.len;
        e = parse_finish(p, e);
    }
    sb_free(&acc.lit);
    return e;
}

/*
** Parses the expression text s..e of an f-string field, positioned inside
** token 't', with its own token array; errors get the "f-string: " prefix.
*/
static Expr *parse_fstring_expr(Parser *p, const Token *t, const char *s, const char *e)
{
    LexInput in = {s, (size_t)(e - s), 0, 0, 1};
    pos_in(t, s, &in.line, &in.col);
    TokenList toks = {0};
    Diag err = {0};
    Expr *x = NULL;
    int outer = p->fstring ? p->outer_pos : p->pos;
    if (!lex_tokenize(&in, &toks, &err)) {
        /* CPython 3.11 reports tokenizer errors here without "f-string: " */
        p->plain_msg = 1;
        parse_error_pos(p, err.kind, err.line, err.col, "%s", err.message);
        p->plain_msg = 0;
        free(err.message);
    } else {
        const Token *save = p->toks;
        int save_n = p->ntoks, save_pos = p->pos, save_outer = p->outer_pos;
        p->outer_pos = outer;
        p->fstring++;
        p->toks = toks.items;
        p->ntoks = toks.n;
        p->pos = 0;
        x = parse_exprlist(p);
        if (x && !check(p, TK_EOF))
            x = parse_bracket_error(p, x);        /* CPython parses "(expr)" */
        p->toks = save;
        p->ntoks = save_n;
        p->pos = save_pos;
        p->outer_pos = save_outer;
        p->fstring--;
    }
    lex_free(&toks);
    return x;
}
