/*
** compiler/lex.h: the tokenizer of the tracevm Python subset. It turns UTF-8
** source into a complete token array (NEWLINE, INDENT and DEDENT included, as
** CPython's tokenizer produces them) before parsing starts. It does not decode
** literals: string and number tokens are slices that the parser interprets.
**
** Follows CPython's Parser/tokenizer.c: tabs advance to the next multiple of
** 8 and indentation must also be consistent with tabs counted as 1 (else
** TabError); at most 100 indentation levels and 200 open brackets; implicit
** line joining inside brackets, backslash continuation, comments, CRLF and
** lone CR line endings, a final line without newline, a UTF-8 BOM.
**
** Columns count code points (1-based). Identifiers may use non-ASCII
** characters: every code point >= 0x80 is accepted except controls,
** invisible format characters (reported as "invalid non-printable
** character") and the common punctuation and symbol blocks (reported as
** "invalid character"). This approximates PEP 3131; no NFKC folding is done.
*/
#ifndef TRACEVM_LEX_H
#define TRACEVM_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "compiler/diag.h"

#define LEX_MAX_LEVEL 200     /* open brackets (CPython MAXLEVEL) */
#define LEX_MAX_INDENT 100    /* indentation levels (CPython MAXINDENT) */

/* Keywords: X(kind-suffix, spelling), in alphabetical order of spelling. */
#define LEX_KEYWORDS(X) \
    X(FALSE, "False") X(NONE, "None") X(TRUE, "True") X(AND, "and")          \
    X(AS, "as") X(ASSERT, "assert") X(ASYNC, "async") X(AWAIT, "await")      \
    X(BREAK, "break") X(CLASS, "class") X(CONTINUE, "continue")              \
    X(DEF, "def") X(DEL, "del") X(ELIF, "elif") X(ELSE, "else")              \
    X(EXCEPT, "except") X(FINALLY, "finally") X(FOR, "for") X(FROM, "from")  \
    X(GLOBAL, "global") X(IF, "if") X(IMPORT, "import") X(IN, "in")          \
    X(IS, "is") X(LAMBDA, "lambda") X(NONLOCAL, "nonlocal") X(NOT, "not")    \
    X(OR, "or") X(PASS, "pass") X(RAISE, "raise") X(RETURN, "return")        \
    X(TRY, "try") X(WHILE, "while") X(WITH, "with") X(YIELD, "yield")

/* Operators and delimiters: X(kind-suffix, spelling). */
#define LEX_OPERATORS(X) \
    X(LPAR, "(") X(RPAR, ")") X(LSQB, "[") X(RSQB, "]") X(LBRACE, "{")       \
    X(RBRACE, "}") X(COMMA, ",") X(COLON, ":") X(SEMI, ";") X(DOT, ".")      \
    X(PLUS, "+") X(MINUS, "-") X(STAR, "*") X(SLASH, "/") X(DSLASH, "//")    \
    X(PERCENT, "%") X(DSTAR, "**") X(AT, "@") X(LSHIFT, "<<")                \
    X(RSHIFT, ">>") X(AMP, "&") X(VBAR, "|") X(CARET, "^") X(TILDE, "~")     \
    X(LT, "<") X(GT, ">") X(LE, "<=") X(GE, ">=") X(EQEQ, "==") X(NE, "!=")  \
    X(EQ, "=") X(PLUSEQ, "+=") X(MINUSEQ, "-=") X(STAREQ, "*=")              \
    X(SLASHEQ, "/=") X(DSLASHEQ, "//=") X(PERCENTEQ, "%=") X(DSTAREQ, "**=") \
    X(ATEQ, "@=") X(AMPEQ, "&=") X(VBAREQ, "|=") X(CARETEQ, "^=")            \
    X(LSHIFTEQ, "<<=") X(RSHIFTEQ, ">>=") X(ARROW, "->") X(WALRUS, ":=")     \
    X(ELLIPSIS, "...") X(BANG, "!")

typedef enum TokKind {
    TK_EOF,           /* end of input (CPython ENDMARKER) */
    TK_NEWLINE,       /* end of a logical line */
    TK_INDENT,
    TK_DEDENT,
    TK_NAME,          /* identifier that is not a keyword */
    TK_INT,           /* 12, 0x1f, 1_000 */
    TK_FLOAT,         /* 1.5, 1e10, .5 */
    TK_IMAG,          /* 1j (the parser refuses it) */
    TK_STRING,        /* one literal with prefix and quotes: rb'x', f"""...""" */
    TK_BAD,           /* a stray '$', '?' or '`': the parser says "invalid syntax" */
    TK_ERROR,         /* the lexer stopped here; its diagnostic says why */
#define X(k, s) TK_##k,
    LEX_KEYWORDS(X)
    LEX_OPERATORS(X)
#undef X
    TK__COUNT
} TokKind;

/* A token: a slice of the source plus its position (1-based, code points). */
typedef struct Token {
    TokKind kind;
    const char *start;          /* first byte in the source */
    uint32_t len;               /* bytes */
    uint32_t line, col;         /* first character */
    uint32_t end_line, end_col; /* just past the last character */
} Token;

typedef struct TokenList {
    Token *items;
    int n, cap;
} TokenList;

/* Where and how to tokenize. */
typedef struct LexInput {
    const char *src;            /* need not be NUL-terminated */
    size_t len;
    uint32_t line, col;         /* position of src[0] (1, 1 for a file) */
    /*
    ** Nonzero for the expression inside an f-string field: newlines are
    ** insignificant (as inside brackets), no INDENT/DEDENT/NEWLINE is
    ** produced and the source is not checked for NUL bytes or bad UTF-8
    ** (the enclosing file already was).
    */
    int fstring_expr;
} LexInput;

/*
** Tokenizes 'in' into 'out' (which must be initialized, e.g. zeroed), always
** ending with TK_EOF or, on the first error, TK_ERROR. Returns 1 on success;
** on error returns 0 and fills '*err' (its message is owned by the caller:
** free it). Never stops on a parse-level problem: an unknown ASCII symbol
** becomes TK_BAD. The tokens point into in->src.
*/
int lex_tokenize(const LexInput *in, TokenList *out, Diag *err);

/* Frees the token array (not the source). */
void lex_free(TokenList *toks);

/* "(", "if", "NAME", "NEWLINE", ... : for messages and debugging. */
const char *lex_kind_name(TokKind kind);

/*
** Advances a (line, col) position over s[0..n) of source text: a newline
** ("\n", "\r\n" or "\r") moves to the next line, column 1; any other code
** point moves one column right. Used to place positions inside tokens.
*/
void lex_advance_pos(const char *s, size_t n, uint32_t *line, uint32_t *col);

#endif
