/*
** compiler/lex.c: the tokenizer. A port of the parts of CPython's
** Parser/tokenizer.c that the subset needs (indentation stack, brackets,
** numbers, string extents), with its error messages. Strings and numbers are
** only delimited here; the parser decodes them.
*/
#include "compiler/lex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEX_EOF (-1)

typedef struct Lexer {
    const char *src, *end, *p;      /* 'p' is the next byte to read */
    uint32_t line;                  /* line of 'p' */
    const char *line_start;         /* first byte of that line */
    uint32_t line_col0;             /* column of 'line_start' */
    const char *cc_p;               /* column cache: 'cc_col' is col of 'cc_p' */
    uint32_t cc_col;
    int fexpr;                      /* LexInput.fstring_expr */
    int level;                      /* open brackets */
    char paren[LEX_MAX_LEVEL];
    uint32_t paren_line[LEX_MAX_LEVEL], paren_col[LEX_MAX_LEVEL];
    int indent;                     /* top of the indentation stacks */
    int indstack[LEX_MAX_INDENT + 1];   /* columns, tabs to multiples of 8 */
    int altstack[LEX_MAX_INDENT + 1];   /* columns, tabs counting as 1 */
    TokenList *out;
    Diag *err;
    int failed;
} Lexer;

static const char *const kind_names[TK__COUNT] = {
    [TK_EOF] = "end of file", [TK_NEWLINE] = "NEWLINE", [TK_INDENT] = "INDENT",
    [TK_DEDENT] = "DEDENT", [TK_NAME] = "NAME", [TK_INT] = "INT",
    [TK_FLOAT] = "FLOAT", [TK_IMAG] = "IMAG", [TK_STRING] = "STRING",
    [TK_BAD] = "BAD", [TK_ERROR] = "ERROR",
#define X(k, s) [TK_##k] = s,
    LEX_KEYWORDS(X)
    LEX_OPERATORS(X)
#undef X
};

const char *lex_kind_name(TokKind kind)
{
    return (unsigned)kind < TK__COUNT && kind_names[kind] ? kind_names[kind] : "?";
}

void lex_free(TokenList *toks)
{
    free(toks->items);
    toks->items = NULL;
    toks->n = toks->cap = 0;
}

void lex_advance_pos(const char *s, size_t n, uint32_t *line, uint32_t *col)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            (*line)++;
            *col = 1;
        } else if ((c & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* ---- positions -------------------------------------------------------- */

/* Column of 'ptr', which lies on the current line (or just past its end). */
static uint32_t col_of(Lexer *L, const char *ptr)
{
    if (L->cc_p < L->line_start || ptr < L->cc_p) {
        L->cc_p = L->line_start;
        L->cc_col = L->line_col0;
    }
    while (L->cc_p < ptr) {
        if (((unsigned char)*L->cc_p & 0xC0) != 0x80)
            L->cc_col++;
        L->cc_p++;
    }
    return L->cc_col;
}

/* Records that a new line starts at 'at'. */
static void new_line(Lexer *L, const char *at)
{
    L->line++;
    L->line_start = at;
    L->line_col0 = 1;
    L->cc_p = at;
    L->cc_col = 1;
}

static int is_newline_char(int c)
{
    return c == '\n' || c == '\r';
}

/* If p points at a line ending, returns its length (1 or 2), else 0. */
static int newline_len(const Lexer *L, const char *p)
{
    if (p >= L->end)
        return 0;
    if (*p == '\n')
        return 1;
    if (*p == '\r')
        return (p + 1 < L->end && p[1] == '\n') ? 2 : 1;
    return 0;
}

/* ---- errors and tokens ------------------------------------------------ */

static void fail(Lexer *L, DiagKind kind, uint32_t line, uint32_t col,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void fail(Lexer *L, DiagKind kind, uint32_t line, uint32_t col,
                 const char *fmt, ...)
{
    if (L->failed)
        return;
    StrBuf b;
    sb_init(&b);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    L->failed = 1;
    L->err->kind = kind;
    L->err->line = line;
    L->err->col = col ? col : 1;
    L->err->end_col = 0;
    L->err->message = sb_take(&b);
}

static Token *emit_at(Lexer *L, TokKind kind, const char *start, uint32_t line,
                      uint32_t col)
{
    GROW_ARRAY(L->out->items, L->out->n, L->out->cap);
    Token *t = &L->out->items[L->out->n++];
    t->kind = kind;
    t->start = start;
    t->len = (uint32_t)(L->p - start);
    t->line = line;
    t->col = col;
    t->end_line = L->line;
    t->end_col = col_of(L, L->p);
    return t;
}

static TokKind last_kind(const Lexer *L)
{
    return L->out->n ? L->out->items[L->out->n - 1].kind : TK_EOF;
}

/* ---- characters ------------------------------------------------------- */

/*
** Non-ASCII code points that cannot appear in identifiers and would not be
** shown by CPython ("invalid non-printable character U+XXXX").
*/
static int is_nonprintable(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) || cp == 0xAD ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF ||
           (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE000 && cp <= 0xF8FF) ||
           (cp >= 0xF0000);
}

/*
** Non-ASCII code points accepted in identifiers: everything printable except
** the punctuation and symbol blocks (Latin-1 signs, general punctuation,
** currency, arrows, mathematical operators, box drawing, dingbats, CJK and
** full-width punctuation, emoji). An approximation of XID_Start/XID_Continue.
*/
static int is_ident_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9') || cp == '_';
    if (is_nonprintable(cp))
        return 0;
    if (cp >= 0xA1 && cp <= 0xBF)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB7;
    if (cp == 0xD7 || cp == 0xF7)
        return 0;
    static const uint32_t bad[][2] = {
        {0x2010, 0x2027}, {0x2030, 0x205E}, {0x20A0, 0x20CF}, {0x2190, 0x2BFF},
        {0x2E00, 0x2E7F}, {0x3001, 0x3004}, {0x3008, 0x3020}, {0x3030, 0x3030},
        {0xFE10, 0xFE1F}, {0xFE30, 0xFE4F}, {0xFE00, 0xFE0F}, {0xFF01, 0xFF0F},
        {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65}, {0xFFE0, 0xFFEE},
        {0xFFFC, 0xFFFF}, {0x1F000, 0x1FAFF},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (cp >= bad[i][0] && cp <= bad[i][1])
            return 0;
    return 1;
}

/* Decodes the code point at p (the source was validated: never fails). */
static int decode_at(const Lexer *L, const char *p, uint32_t *cp)
{
    int k = utf8_decode((const unsigned char *)p, (size_t)(L->end - p), cp);
    if (k <= 0) {           /* only in f-string sub-lexers on odd input */
        *cp = (unsigned char)*p;
        k = 1;
    }
    return k;
}

/* Reports the character at 'p' as invalid, as CPython words it. */
static void invalid_char(Lexer *L, const char *p)
{
    uint32_t cp;
    int k = decode_at(L, p, &cp);
    uint32_t col = col_of(L, p);
    if (is_nonprintable(cp))
        fail(L, DIAG_SYNTAX, L->line, col, "invalid non-printable character U+%04X", cp);
    else
        fail(L, DIAG_SYNTAX, L->line, col, "invalid character '%.*s' (U+%04X)", k, p, cp);
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_xdigit(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
/* CPython's is_potential_identifier_char: any byte >= 128 counts. */
static int is_potential_ident(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
           c == '_' || c >= 128;
}

/* ---- numbers (CPython tok_get, "Number" branch) ----------------------- */

static int nextc(Lexer *L)
{
    if (L->p >= L->end)
        return LEX_EOF;
    return (unsigned char)*L->p++;
}

static void backup(Lexer *L, int c)
{
    if (c != LEX_EOF)
        L->p--;
}

/* CPython's syntaxerror(tok, ...): the column is the number of characters
** before the read position. */
static void num_error(Lexer *L, const char *msg, const char *kind)
{
    uint32_t col = col_of(L, L->p);
    col = col > 1 ? col - 1 : 1;
    char buf[64];
    snprintf(buf, sizeof buf, msg, kind);
    fail(L, DIAG_SYNTAX, L->line, col, "%s", buf);
}

static int lookahead(Lexer *L, const char *test)
{
    const char *save = L->p;
    const char *s = test;
    int res = 0;
    for (;;) {
        int c = nextc(L);
        if (*s == 0) {
            res = !is_potential_ident(c);
            break;
        }
        if (c != *s)
            break;
        s++;
    }
    L->p = save;
    return res;
}

/*
** 'c' has just been read after a number. A keyword that may follow a number
** ("1if x else 2") ends it; any other identifier character is an error.
*/
static int verify_end_of_number(Lexer *L, int c, const char *kind)
{
    int r = 0;
    if (c == 'a')
        r = lookahead(L, "nd");
    else if (c == 'e')
        r = lookahead(L, "lse");
    else if (c == 'f')
        r = lookahead(L, "or");
    else if (c == 'i') {
        int c2 = L->p < L->end ? (unsigned char)*L->p : LEX_EOF;
        r = c2 == 'f' || c2 == 'n' || c2 == 's';
    } else if (c == 'o')
        r = lookahead(L, "r");
    else if (c == 'n')
        r = lookahead(L, "ot");
    if (r)
        return 1;
    if (is_potential_ident(c)) {
        backup(L, c);
        num_error(L, "invalid %s literal", kind);
        return 0;
    }
    return 1;
}

/* Returns the character after the digits, or 0 after an error. */
static int decimal_tail(Lexer *L)
{
    int c;
    for (;;) {
        do
            c = nextc(L);
        while (is_digit(c));
        if (c != '_')
            break;
        c = nextc(L);
        if (!is_digit(c)) {
            backup(L, c);
            num_error(L, "invalid decimal literal", "");
            return 0;
        }
    }
    return c;
}

/* Radix literal after "0x"/"0o"/"0b". Returns the next char or 0 on error. */
static int radix_tail(Lexer *L, int base, const char *kind)
{
    int c = nextc(L);
    do {
        if (c == '_')
            c = nextc(L);
        int ok = base == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + base);
        if (!ok) {
            if (base != 16 && is_digit(c)) {
                char msg[64];
                snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", c, kind);
                num_error(L, "%s", msg);
            } else {
                backup(L, c);
                num_error(L, "invalid %s literal", kind);
            }
            return 0;
        }
        do
            c = nextc(L);
        while (base == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + base));
    } while (c == '_');
    if (base != 16 && is_digit(c)) {
        char msg[64];
        snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", c, kind);
        num_error(L, "%s", msg);
        return 0;
    }
    if (!verify_end_of_number(L, c, kind))
        return 0;
    return c;
}

static void lex_number(Lexer *L, const char *start, uint32_t col)
{
    TokKind kind = TK_INT;
    int c = nextc(L);
    if (c == '0') {
        c = nextc(L);
        if (c == 'x' || c == 'X') {
            if (!(c = radix_tail(L, 16, "hexadecimal")))
                return;
            goto done;
        } else if (c == 'o' || c == 'O') {
            if (!(c = radix_tail(L, 8, "octal")))
                return;
            goto done;
        } else if (c == 'b' || c == 'B') {
            if (!(c = radix_tail(L, 2, "binary")))
                return;
            goto done;
        }
        int nonzero = 0;
        for (;;) {          /* maybe old-style octal; '0' itself is fine */
            if (c == '_') {
                c = nextc(L);
                if (!is_digit(c)) {
                    backup(L, c);
                    num_error(L, "invalid decimal literal", "");
                    return;
                }
            }
            if (c != '0')
                break;
            c = nextc(L);
        }
        if (is_digit(c)) {
            nonzero = 1;
            if (!(c = decimal_tail(L)))
                return;
        }
        if (c == '.') {
            c = nextc(L);
            goto fraction;
        } else if (c == 'e' || c == 'E') {
            goto exponent;
        } else if (c == 'j' || c == 'J') {
            goto imaginary;
        } else if (nonzero) {
            backup(L, c);
            fail(L, DIAG_SYNTAX, L->line, col,
                 "leading zeros in decimal integer literals are not permitted; "
                 "use an 0o prefix for octal integers");
            return;
        }
        if (!verify_end_of_number(L, c, "decimal"))
            return;
        goto done;
    } else if (c == '.') {
        c = nextc(L);       /* ".5": the caller checked the digit */
        goto fraction;
    }
    backup(L, c);
    if (!(c = decimal_tail(L)))
        return;
    if (c == '.') {
        c = nextc(L);
    fraction:
        kind = TK_FLOAT;
        if (is_digit(c)) {
            backup(L, c);
            if (!(c = decimal_tail(L)))
                return;
        }
    }
    if (c == 'e' || c == 'E') {
        int e;
    exponent:
        e = c;
        c = nextc(L);
        if (c == '+' || c == '-') {
            c = nextc(L);
            if (!is_digit(c)) {
                backup(L, c);
                num_error(L, "invalid decimal literal", "");
                return;
            }
        } else if (!is_digit(c)) {
            backup(L, c);
            /* "1else": the number is "1", 'e' starts a keyword */
            if (!verify_end_of_number(L, e, "decimal"))
                return;
            backup(L, e);
            emit_at(L, kind, start, L->line, col);
            return;
        }
        kind = TK_FLOAT;
        backup(L, c);
        if (!(c = decimal_tail(L)))
            return;
    }
    if (c == 'j' || c == 'J') {
    imaginary:
        kind = TK_IMAG;
        c = nextc(L);
        if (!verify_end_of_number(L, c, "imaginary"))
            return;
    } else if (!verify_end_of_number(L, c, "decimal")) {
        return;
    }
done:
    backup(L, c);
    emit_at(L, kind, start, L->line, col);
}

/* ---- strings ---------------------------------------------------------- */

/* Is s[0..n) a valid string prefix (r, u, b, f, br, rb, fr, rf, any case)? */
static int is_string_prefix(const char *s, size_t n)
{
    int saw_b = 0, saw_r = 0, saw_u = 0, saw_f = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((c == 'b' || c == 'B') && !saw_b && !saw_u && !saw_f)
            saw_b = 1;
        else if ((c == 'r' || c == 'R') && !saw_r && !saw_u)
            saw_r = 1;
        else if ((c == 'u' || c == 'U') && !saw_u && !saw_b && !saw_r && !saw_f)
            saw_u = 1;
        else if ((c == 'f' || c == 'F') && !saw_f && !saw_b && !saw_u)
            saw_f = 1;
        else
            return 0;
    }
    return 1;
}

/* The line CPython names in "(detected at line N)" when input ends here. */
static uint32_t detected_line(const Lexer *L)
{
    if (L->p >= L->end && L->line_start == L->end && L->line > 1)
        return L->line - 1;
    return L->line;
}

/* 'L->p' is at the opening quote; 'start' at the prefix. */
static void lex_string(Lexer *L, const char *start, uint32_t line, uint32_t col)
{
    char quote = *L->p++;
    int quote_size = 1, end_quote_size = 0;
    if (L->p < L->end && *L->p == quote) {
        if (L->p + 1 < L->end && L->p[1] == quote) {
            quote_size = 3;
            L->p += 2;
        } else {
            L->p++;
            end_quote_size = 1;         /* empty string */
        }
    }
    while (end_quote_size != quote_size) {
        if (L->p >= L->end || (quote_size == 1 && is_newline_char(*L->p))) {
            if (quote_size == 3)
                fail(L, DIAG_SYNTAX, line, col,
                     "unterminated triple-quoted string literal (detected at line %u)",
                     detected_line(L));
            else
                fail(L, DIAG_SYNTAX, line, col,
                     "unterminated string literal (detected at line %u)",
                     detected_line(L));
            return;
        }
        int nl = newline_len(L, L->p);
        if (nl) {
            L->p += nl;
            new_line(L, L->p);
            end_quote_size = 0;
            continue;
        }
        char c = *L->p++;
        if (c == quote) {
            end_quote_size++;
        } else {
            end_quote_size = 0;
            if (c == '\\' && L->p < L->end) {
                nl = newline_len(L, L->p);
                if (nl) {
                    L->p += nl;
                    new_line(L, L->p);
                } else {
                    L->p++;
                }
            }
        }
    }
    emit_at(L, TK_STRING, start, line, col);
}

/* ---- operators -------------------------------------------------------- */

typedef struct OpSpelling { const char *s; TokKind kind; } OpSpelling;

/* Longest spellings first, so the first match is the longest. */
static const OpSpelling ops3[] = {
    {"**=", TK_DSTAREQ}, {"//=", TK_DSLASHEQ}, {">>=", TK_RSHIFTEQ},
    {"<<=", TK_LSHIFTEQ}, {"...", TK_ELLIPSIS},
};
static const OpSpelling ops2[] = {
    {"**", TK_DSTAR}, {"//", TK_DSLASH}, {">>", TK_RSHIFT}, {"<<", TK_LSHIFT},
    {"<=", TK_LE}, {">=", TK_GE}, {"==", TK_EQEQ}, {"!=", TK_NE},
    {"->", TK_ARROW}, {":=", TK_WALRUS}, {"+=", TK_PLUSEQ}, {"-=", TK_MINUSEQ},
    {"*=", TK_STAREQ}, {"/=", TK_SLASHEQ}, {"%=", TK_PERCENTEQ},
    {"&=", TK_AMPEQ}, {"|=", TK_VBAREQ}, {"^=", TK_CARETEQ}, {"@=", TK_ATEQ},
};
static const OpSpelling ops1[] = {
    {"(", TK_LPAR}, {")", TK_RPAR}, {"[", TK_LSQB}, {"]", TK_RSQB},
    {"{", TK_LBRACE}, {"}", TK_RBRACE}, {",", TK_COMMA}, {":", TK_COLON},
    {";", TK_SEMI}, {".", TK_DOT}, {"+", TK_PLUS}, {"-", TK_MINUS},
    {"*", TK_STAR}, {"/", TK_SLASH}, {"%", TK_PERCENT}, {"@", TK_AT},
    {"&", TK_AMP}, {"|", TK_VBAR}, {"^", TK_CARET}, {"~", TK_TILDE},
    {"<", TK_LT}, {">", TK_GT}, {"=", TK_EQ}, {"!", TK_BANG},
};

static TokKind match_op(const Lexer *L, size_t *n)
{
    size_t avail = (size_t)(L->end - L->p);
    if (avail >= 3)
        for (size_t i = 0; i < sizeof ops3 / sizeof ops3[0]; i++)
            if (memcmp(L->p, ops3[i].s, 3) == 0) {
                *n = 3;
                return ops3[i].kind;
            }
    if (avail >= 2)
        for (size_t i = 0; i < sizeof ops2 / sizeof ops2[0]; i++)
            if (memcmp(L->p, ops2[i].s, 2) == 0) {
                *n = 2;
                return ops2[i].kind;
            }
    for (size_t i = 0; i < sizeof ops1 / sizeof ops1[0]; i++)
        if (*L->p == ops1[i].s[0]) {
            *n = 1;
            return ops1[i].kind;
        }
    return TK_EOF;
}

static void lex_operator(Lexer *L, TokKind kind, size_t n, uint32_t col)
{
    const char *start = L->p;
    char c = *start;
    if (kind == TK_LPAR || kind == TK_LSQB || kind == TK_LBRACE) {
        if (L->level >= LEX_MAX_LEVEL) {
            fail(L, DIAG_SYNTAX, L->line, col, "too many nested parentheses");
            return;
        }
        L->paren[L->level] = c;
        L->paren_line[L->level] = L->line;
        L->paren_col[L->level] = col;
        L->level++;
    } else if (kind == TK_RPAR || kind == TK_RSQB || kind == TK_RBRACE) {
        if (L->level == 0) {
            fail(L, DIAG_SYNTAX, L->line, col, "unmatched '%c'", c);
            return;
        }
        char open = L->paren[L->level - 1];
        if ((open == '(' && c != ')') || (open == '[' && c != ']') ||
            (open == '{' && c != '}')) {
            if (L->paren_line[L->level - 1] != L->line)
                fail(L, DIAG_SYNTAX, L->line, col,
                     "closing parenthesis '%c' does not match opening parenthesis '%c' on line %u",
                     c, open, L->paren_line[L->level - 1]);
            else
                fail(L, DIAG_SYNTAX, L->line, col,
                     "closing parenthesis '%c' does not match opening parenthesis '%c'",
                     c, open);
            return;
        }
        L->level--;
    }
    L->p += n;
    emit_at(L, kind, start, L->line, col);
}

/* ---- keywords --------------------------------------------------------- */

static const OpSpelling keywords[] = {
#define X(k, s) {s, TK_##k},
    LEX_KEYWORDS(X)
#undef X
};

static TokKind keyword_kind(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strlen(keywords[i].s) == n && memcmp(keywords[i].s, s, n) == 0)
            return keywords[i].kind;
    return TK_NAME;
}

/* ---- indentation ------------------------------------------------------ */

/*
** At the start of a line outside brackets: measures the indentation and
** emits INDENT/DEDENT tokens. Blank and comment-only lines are skipped
** entirely. Returns 0 when the line was blank (and consumed), 1 otherwise.
*/
static int indentation(Lexer *L)
{
    int col = 0, alt = 0;
    const char *q = L->p;
    for (; q < L->end; q++) {
        if (*q == ' ') {
            col++;
            alt++;
        } else if (*q == '\t') {
            col = (col / 8 + 1) * 8;
            alt++;
        } else if (*q == '\f') {
            col = alt = 0;
        } else {
            break;
        }
    }
    if (q >= L->end) {
        L->p = q;
        return 1;           /* end of file: handled by the caller */
    }
    if (*q == '#' || is_newline_char(*q)) {
        while (q < L->end && !is_newline_char(*q))
            q++;
        int nl = newline_len(L, q);
        L->p = q + nl;
        if (nl)
            new_line(L, L->p);
        return 0;
    }
    L->p = q;
    if (col == L->indstack[L->indent]) {
        if (alt != L->altstack[L->indent])
            goto tab_error;
    } else if (col > L->indstack[L->indent]) {
        if (L->indent + 1 >= LEX_MAX_INDENT) {
            fail(L, DIAG_INDENTATION, L->line, 1, "too many levels of indentation");
            return 1;
        }
        if (alt <= L->altstack[L->indent])
            goto tab_error;
        L->indent++;
        L->indstack[L->indent] = col;
        L->altstack[L->indent] = alt;
        emit_at(L, TK_INDENT, L->line_start, L->line, 1);
    } else {
        int n = 0;
        while (L->indent > 0 && col < L->indstack[L->indent]) {
            L->indent--;
            n++;
        }
        if (col != L->indstack[L->indent]) {
            const char *e = q;
            while (e < L->end && !is_newline_char(*e))
                e++;
            fail(L, DIAG_INDENTATION, L->line, col_of(L, e),
                 "unindent does not match any outer indentation level");
            return 1;
        }
        if (alt != L->altstack[L->indent])
            goto tab_error;
        for (int i = 0; i < n; i++)
            emit_at(L, TK_DEDENT, q, L->line, col_of(L, q));
    }
    return 1;
tab_error:
    fail(L, DIAG_TAB, L->line, 1, "inconsistent use of tabs and spaces in indentation");
    return 1;
}

/* ---- the main loop ---------------------------------------------------- */

static void at_eof(Lexer *L)
{
    if (L->level > 0) {
        fail(L, DIAG_SYNTAX, L->paren_line[L->level - 1], L->paren_col[L->level - 1],
             "'%c' was never closed", L->paren[L->level - 1]);
        return;
    }
    uint32_t col = col_of(L, L->p);
    if (!L->fexpr) {
        TokKind k = last_kind(L);
        if (L->out->n > 0 && k != TK_NEWLINE && k != TK_INDENT && k != TK_DEDENT)
            emit_at(L, TK_NEWLINE, L->p, L->line, col);
        for (; L->indent > 0; L->indent--)
            emit_at(L, TK_DEDENT, L->p, L->line, col);
    }
    emit_at(L, TK_EOF, L->p, L->line, col);
}

static void run(Lexer *L)
{
    int bol = !L->fexpr;
    while (!L->failed) {
        if (bol) {
            bol = 0;
            if (!indentation(L)) {
                bol = 1;
                continue;
            }
            if (L->failed)
                return;
        }
        while (L->p < L->end && (*L->p == ' ' || *L->p == '\t' || *L->p == '\f'))
            L->p++;
        if (L->p >= L->end) {
            at_eof(L);
            return;
        }
        const char *start = L->p;
        uint32_t col = col_of(L, start);
        unsigned char c = (unsigned char)*start;
        if (c == '#') {
            while (L->p < L->end && !is_newline_char(*L->p))
                L->p++;
            continue;
        }
        int nl = newline_len(L, start);
        if (nl) {
            L->p += nl;
            if (L->level > 0 || L->fexpr) {
                new_line(L, L->p);
                continue;
            }
            GROW_ARRAY(L->out->items, L->out->n, L->out->cap);
            Token *t = &L->out->items[L->out->n++];
            *t = (Token){TK_NEWLINE, start, (uint32_t)nl, L->line, col, L->line, col + 1};
            new_line(L, L->p);
            bol = 1;
            continue;
        }
        if (c == '\\') {
            nl = newline_len(L, start + 1);
            if (start + 1 >= L->end) {
                fail(L, DIAG_SYNTAX, L->line, col + 1, "unexpected EOF while parsing");
                return;
            }
            if (!nl) {
                fail(L, DIAG_SYNTAX, L->line, col + 1,
                     "unexpected character after line continuation character");
                return;
            }
            L->p = start + 1 + nl;
            if (L->p >= L->end) {
                fail(L, DIAG_SYNTAX, L->line, col + 1, "unexpected EOF while parsing");
                return;
            }
            new_line(L, L->p);
            continue;
        }
        uint32_t cp = c;
        int k = 1;
        if (c >= 0x80)
            k = decode_at(L, start, &cp);
        if ((c < 0x80 && is_ident_cp(cp) && !is_digit(c)) || (c >= 0x80 && is_ident_cp(cp))) {
            L->p += k;
            while (L->p < L->end) {
                k = decode_at(L, L->p, &cp);
                if (!is_ident_cp(cp))
                    break;
                L->p += k;
            }
            size_t n = (size_t)(L->p - start);
            if (L->p < L->end && (*L->p == '\'' || *L->p == '"') && n <= 2 &&
                is_string_prefix(start, n)) {
                lex_string(L, start, L->line, col);
                continue;
            }
            emit_at(L, keyword_kind(start, n), start, L->line, col);
            continue;
        }
        if (is_digit(c) || (c == '.' && start + 1 < L->end && is_digit(start[1]))) {
            lex_number(L, start, col);
            continue;
        }
        if (c == '\'' || c == '"') {
            lex_string(L, start, L->line, col);
            continue;
        }
        size_t n;
        TokKind op = match_op(L, &n);
        if (op != TK_EOF) {
            lex_operator(L, op, n, col);
            continue;
        }
        if (c >= 0x80 || c < 0x20 || c == 0x7F) {
            invalid_char(L, start);
            return;
        }
        L->p++;                         /* '$', '?', '`' */
        emit_at(L, TK_BAD, start, L->line, col);
    }
}

/*
** Checks the whole file before tokenizing, as CPython decodes it first: the
** first NUL byte or invalid UTF-8 sequence is an error. Messages follow
** CPython 3.12 and its UTF-8 codec ("position" is the byte offset in the line).
*/
static int check_source(Lexer *L)
{
    const unsigned char *s = (const unsigned char *)L->src;
    size_t n = (size_t)(L->end - L->src);
    uint32_t line = 1, col = 1;
    size_t line_off = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c == 0) {
            fail(L, DIAG_SYNTAX, line, col, "source code cannot contain null bytes");
            return 0;
        }
        if (c < 0x80) {
            if (c == '\n' || (c == '\r' && !(i + 1 < n && s[i + 1] == '\n'))) {
                line++;
                col = 1;
                line_off = i + 1;
            } else if (c != '\r') {
                col++;
            }
            i++;
            continue;
        }
        /* the codec's rules: number of bytes and the range of the second */
        int need;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) need = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            fail(L, DIAG_SYNTAX, line, col,
                 "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: invalid start byte",
                 c, i - line_off);
            return 0;
        }
        int good = 1;           /* bytes of the sequence that were valid */
        const char *why = NULL;
        for (int j = 1; j <= need; j++) {
            if (i + (size_t)j >= n) {
                why = "unexpected end of data";
                break;
            }
            unsigned b = s[i + (size_t)j];
            unsigned l = j == 1 ? lo : 0x80, h = j == 1 ? hi : 0xBF;
            if (b < l || b > h) {
                why = "invalid continuation byte";
                break;
            }
            good++;
        }
        if (why) {
            if (good == 1)
                fail(L, DIAG_SYNTAX, line, col,
                     "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                     c, i - line_off, why);
            else
                fail(L, DIAG_SYNTAX, line, col,
                     "(unicode error) 'utf-8' codec can't decode bytes in position %zu-%zu: %s",
                     i - line_off, i - line_off + (size_t)good - 1, why);
            return 0;
        }
        i += (size_t)need + 1;
        col++;
    }
    return 1;
}

int lex_tokenize(const LexInput *in, TokenList *out, Diag *err)
{
    Lexer *L = xcalloc(1, sizeof *L);
    L->src = in->src ? in->src : "";
    L->end = L->src + (in->src ? in->len : 0);
    L->p = L->src;
    L->line = in->line ? in->line : 1;
    L->line_start = L->src;
    L->line_col0 = in->col ? in->col : 1;
    L->cc_p = L->src;
    L->cc_col = L->line_col0;
    L->fexpr = in->fstring_expr;
    L->out = out;
    L->err = err;
    err->message = NULL;
    if (!L->fexpr) {
        if (check_source(L)) {
            if (L->end - L->p >= 3 && memcmp(L->p, "\xEF\xBB\xBF", 3) == 0) {
                L->p += 3;          /* BOM: columns start after it */
                L->line_start = L->cc_p = L->p;
            }
            run(L);
        }
    } else {
        run(L);
    }
    int ok = !L->failed;
    if (!ok) {
        GROW_ARRAY(out->items, out->n, out->cap);
        Token *t = &out->items[out->n++];
        *t = (Token){TK_ERROR, L->p, 0, err->line, err->col, err->line, err->col};
    }
    free(L);
    return ok;
}
