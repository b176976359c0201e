/*
** compiler/ast.h: the abstract syntax tree of the tracevm Python subset, as
** built by the parser (compiler/parse.h) and read by the code generator.
**
** Shape follows CPython's 'ast' module (Lib/ast.py, Parser/Python.asdl) so a
** reader can compare with ast.dump(): same node kinds, same nesting (elif is
** an If inside 'orelse', 'a < b < c' is one Compare, 'a or b or c' is one
** BoolOp with three values). What the subset refuses never appears here.
**
** Memory: every node, list and string hangs off one arena owned by the 'Ast';
** ast_free() releases all of it. Nodes are never shared between two parents.
**
** Strings: identifiers and literal texts are NUL-terminated copies inside the
** arena ('const char *'), never slices of the source, so the source buffer may
** be freed after parsing. Identifiers are kept as written (no NFKC folding).
**
** Positions: every Expr and Stmt carries 'line' and 'col' of its first
** character and 'end_line'/'end_col' just past its last character. Lines and
** columns are 1-based; a column counts CODE POINTS (characters) from the
** start of the line, a tab counting as one, as CPython's error carets do.
** 'end_col' is exclusive: 'x' at column 5 has col 5, end_col 6.
*/
#ifndef TRACEVM_AST_H
#define TRACEVM_AST_H

#include <stddef.h>
#include <stdint.h>

#include "heap/util.h"

typedef struct Expr Expr;
typedef struct Stmt Stmt;

/* A counted array of nodes (in the arena). 'items' is NULL when n == 0. */
typedef struct ExprList { Expr **items; int n; } ExprList;
typedef struct StmtList { Stmt **items; int n; } StmtList;

/* Binary operators, in CPython's 'operator' order (MatMult is refused). */
typedef enum BinOpKind {
    BIN_ADD, BIN_SUB, BIN_MUL, BIN_DIV, BIN_FLOORDIV, BIN_MOD, BIN_POW,
    BIN_LSHIFT, BIN_RSHIFT, BIN_BITOR, BIN_BITXOR, BIN_BITAND
} BinOpKind;

typedef enum UnaryOpKind { UNARY_NOT, UNARY_NEG, UNARY_POS, UNARY_INVERT } UnaryOpKind;

typedef enum BoolOpKind { BOOL_AND, BOOL_OR } BoolOpKind;

typedef enum CmpOpKind {
    CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE,
    CMP_IS, CMP_IS_NOT, CMP_IN, CMP_NOT_IN
} CmpOpKind;

typedef enum ExprKind {
    EXPR_NAME,        /* name                                                */
    EXPR_INT,         /* int_lit   (text kept: no C integer conversion)      */
    EXPR_FLOAT,       /* float_lit                                           */
    EXPR_STR,         /* str_lit   (adjacent plain literals already joined)  */
    EXPR_JOINEDSTR,   /* joined    f-string: parts are STR / FORMATTED       */
    EXPR_FORMATTED,   /* formatted one '{expr!c:spec}' field of an f-string  */
    EXPR_BOOL,        /* boolean   True / False                              */
    EXPR_NONE,        /* (no payload) None                                   */
    EXPR_TUPLE,       /* seq       (a, b)  a, b  ()                          */
    EXPR_LIST,        /* seq       [a, b]                                    */
    EXPR_SET,         /* seq       {a, b}  (never empty)                     */
    EXPR_DICT,        /* dict      {k: v, ...}                               */
    EXPR_LISTCOMP,    /* comp      [elt for ...]                             */
    EXPR_SETCOMP,     /* comp      {elt for ...}                             */
    EXPR_GENEXP,      /* comp      (elt for ...)  or sole call argument      */
    EXPR_DICTCOMP,    /* comp      {key: value for ...}                      */
    EXPR_BINOP,       /* binop     left op right                             */
    EXPR_UNARYOP,     /* unary     op operand  (not, -, +, ~)                */
    EXPR_BOOLOP,      /* boolop    v0 and v1 and ... (n >= 2)                */
    EXPR_COMPARE,     /* compare   o0 op0 o1 op1 o2 ... (chained, one node)  */
    EXPR_IFEXP,       /* ifexp     body if test else orelse                  */
    EXPR_CALL,        /* call      func(args..., name=value...)              */
    EXPR_ATTRIBUTE,   /* attribute value.attr                                */
    EXPR_SUBSCRIPT,   /* subscript value[index]                              */
    EXPR_SLICE        /* slice     lower:upper:step (only as an index, or an
                                   element of a tuple index: d[1:2, 3])      */
} ExprKind;

/* One 'for target in iter if c1 if c2' clause of a comprehension. */
typedef struct Comprehension {
    Expr *target;     /* a NAME, or a TUPLE/LIST of targets                 */
    Expr *iter;
    ExprList ifs;     /* conditions, possibly none                           */
} Comprehension;

/* A keyword argument 'name=value' in a call; 'line'/'col' locate 'name'. */
typedef struct Keyword {
    const char *name;
    Expr *value;
    uint32_t line, col;
} Keyword;

/*
** Expression trees are at most this high (a leaf has height 1), so recursive
** walkers such as the code generator never need more C stack than that; the
** parser refuses taller trees ("expression too deeply nested"). Statements
** nest at most this deep too, counting each block and each 'elif' (which
** nests one If deeper): "too many statically nested blocks".
*/
#define AST_MAX_HEIGHT 1000

struct Expr {
    ExprKind kind;
    int height;                   /* 1 + height of the tallest child         */
    uint32_t line, col;           /* first character, 1-based                */
    uint32_t end_line, end_col;   /* just past the last character            */
    union {
        struct { const char *id; } name;
        /*
        ** 'text' is the literal exactly as written ("0x_ff", "1_000").
        ** 'digits' has the prefix and underscores removed ("ff", "1000"),
        ** never empty; 'base' is 2, 8, 10 or 16. Any size: the code generator
        ** converts (and applies the 4300-digit limit if it wants).
        */
        struct { const char *text; const char *digits; int base; } int_lit;
        /* 'value' from strtod on the text without underscores (inf if huge). */
        struct { double value; const char *text; } float_lit;
        /*
        ** Decoded value as UTF-8, 's[len]' == '\0'; may contain NUL bytes
        ** ("\0"). Lone surrogates from '\ud800' escapes are encoded as
        ** 3-byte sequences (generalized UTF-8), the only non-UTF-8 content.
        */
        struct { const char *s; size_t len; } str_lit;
        /*
        ** An f-string (or a concatenation containing one): 'parts' alternate
        ** freely between EXPR_STR (literal text, never empty, adjacent ones
        ** merged) and EXPR_FORMATTED. f'' has n == 0; f'abc' has one STR part
        ** (CPython's JoinedStr does the same).
        */
        struct { ExprList parts; } joined;
        /*
        ** 'conversion' is -1 (none), 'r', 's' or 'a'. 'spec' is NULL or an
        ** EXPR_JOINEDSTR (the text after ':', which may hold nested fields).
        ** '{x=}' becomes STR "x=" then FORMATTED(x) with conversion 'r' when
        ** neither conversion nor spec is given, as CPython does.
        */
        struct { Expr *value; int conversion; Expr *spec; } formatted;
        struct { int value; } boolean;                    /* 1 True, 0 False */
        struct { ExprList elts; } seq;                    /* TUPLE LIST SET  */
        /* keys.n == values.n */
        struct { ExprList keys, values; } dict;
        /*
        ** 'elt' is the element (LISTCOMP SETCOMP GENEXP); DICTCOMP uses 'key'
        ** and 'value' instead ('elt' NULL). 'gens' has n >= 1 clauses, in
        ** source order (the first is the outermost loop).
        */
        struct {
            Expr *elt, *key, *value;
            Comprehension *gens;
            int ngens;
        } comp;
        struct { BinOpKind op; Expr *left, *right; } binop;
        struct { UnaryOpKind op; Expr *operand; } unary;
        struct { BoolOpKind op; ExprList values; } boolop;
        /* 'ops' has nops entries, 'operands' has nops + 1 (nops >= 1). */
        struct { CmpOpKind *ops; int nops; Expr **operands; } compare;
        struct { Expr *test, *body, *orelse; } ifexp;
        /* Positional arguments come first in 'args'; then 'kw', in order. */
        struct { Expr *func; ExprList args; Keyword *kw; int nkw; } call;
        struct { Expr *value; const char *attr; } attribute;
        /* 'index' may be an EXPR_SLICE or a TUPLE holding slices. */
        struct { Expr *value; Expr *index; } subscript;
        struct { Expr *lower, *upper, *step; } slice;     /* each may be NULL */
    } u;
};

typedef enum StmtKind {
    STMT_EXPR,        /* expr      expression statement                      */
    STMT_ASSIGN,      /* assign    t0 = t1 = ... = value                     */
    STMT_ANNASSIGN,   /* annassign target: annotation [= value]              */
    STMT_AUGASSIGN,   /* augassign target op= value                          */
    STMT_IF,          /* if_       if/elif/else (elif = IF alone in orelse)  */
    STMT_WHILE,       /* while_    while test: body else: orelse             */
    STMT_FOR,         /* for_      for target in iter: body else: orelse     */
    STMT_BREAK,       /* (none)                                              */
    STMT_CONTINUE,    /* (none)                                              */
    STMT_PASS,        /* (none)                                              */
    STMT_FUNCDEF,     /* funcdef   def name(params): body                    */
    STMT_RETURN,      /* ret       return [value]                            */
    STMT_GLOBAL,      /* global    global a, b                               */
    STMT_DEL,         /* del       del t0, t1                                */
    STMT_IMPORT,      /* import    import sys [as s], sqlite3                */
    STMT_WITH,        /* with      with e0 as n0, e1: body                   */
    STMT_ASSERT       /* assert    assert test[, msg]                        */
} StmtKind;

/*
** A function parameter. 'dflt' is NULL for a parameter without a default;
** once one parameter has a default, all following ones do (checked by the
** parser). Annotations on parameters are parsed and dropped.
*/
typedef struct Param {
    const char *name;
    Expr *dflt;
    uint32_t line, col;
} Param;

/* 'import name as asname': 'asname' NULL without 'as'. name is "sys" or "sqlite3". */
typedef struct ImportAlias {
    const char *name;
    const char *asname;
    uint32_t line, col;
} ImportAlias;

/* One 'expr [as NAME]' item of a with statement; 'var' is NULL or an EXPR_NAME. */
typedef struct WithItem {
    Expr *ctx;
    Expr *var;
} WithItem;

struct Stmt {
    StmtKind kind;
    uint32_t line, col;           /* first character (the keyword), 1-based  */
    uint32_t end_line, end_col;   /* just past the last character            */
    union {
        struct { Expr *value; } expr;
        /*
        ** A target is one of: NAME, SUBSCRIPT (value[index], index may be a
        ** slice), or a TUPLE/LIST of targets (nested allowed). The parser
        ** checks this for assignment, 'for', comprehension and 'del' targets;
        ** 'with ... as' takes a NAME only.
        */
        struct { ExprList targets; Expr *value; } assign;   /* targets.n >= 1 */
        /* target is NAME or SUBSCRIPT; 'value' may be NULL ('x: int'). */
        struct { Expr *target; Expr *annotation; Expr *value; } annassign;
        /* target is NAME or SUBSCRIPT. */
        struct { Expr *target; BinOpKind op; Expr *value; } augassign;
        struct { Expr *test; StmtList body, orelse; } if_;   /* orelse may be empty */
        struct { Expr *test; StmtList body, orelse; } while_;
        struct { Expr *target; Expr *iter; StmtList body, orelse; } for_;
        struct { const char *name; Param *params; int nparams; StmtList body; } funcdef;
        struct { Expr *value; } ret;                   /* value may be NULL */
        struct { const char **names; int n; } global;
        struct { ExprList targets; } del;              /* NAME/SUBSCRIPT/TUPLE/LIST */
        struct { ImportAlias *names; int n; } import;
        struct { WithItem *items; int n; StmtList body; } with;
        struct { Expr *test; Expr *msg; } assert_;     /* msg may be NULL */
    } u;
};

/* A parsed module. Create with parse_module() (parse.h), free with ast_free(). */
typedef struct Ast {
    StmtList body;                /* module statements, possibly none         */
    struct AstArena *arena;       /* owns every node and string (ast.c)       */
} Ast;

/* Frees the tree and everything in its arena. NULL is allowed. */
void ast_free(Ast *ast);

/*
** Appends a compact S-expression dump of the module to 'out': one line per
** top-level statement, e.g. "(assign (name z) (binop + (binop * (name x)
** (name y)) (int 2)))". Used by tests; the format is documented in ast.c.
*/
void ast_dump(const Ast *ast, StrBuf *out);
/* Appends the dump of one expression (no newline). */
void ast_dump_expr(const Expr *e, StrBuf *out);
/* Appends the dump of one statement (no newline). */
void ast_dump_stmt(const Stmt *s, StrBuf *out);

/* Names for operators as written in Python ("+", "//", "not in", "and"). */
const char *ast_binop_str(BinOpKind op);
const char *ast_unaryop_str(UnaryOpKind op);
const char *ast_cmpop_str(CmpOpKind op);
const char *ast_boolop_str(BoolOpKind op);

/* An upper bound of the comprehension variables in one function body:
** the hidden locals its comprehensions bind (compiler/codegen.c). */
unsigned ast_count_comp_vars(const StmtList *body);

/* Arena allocation for the parser: zeroed memory that lives as long as 'ast'. */
void *ast_alloc(Ast *ast, size_t n);
/* Copies s[0..n) into the arena and adds a NUL. */
char *ast_strndup(Ast *ast, const char *s, size_t n);
/* Creates an empty module with its arena. */
Ast *ast_new(void);

#endif
