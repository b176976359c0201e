/*
** compiler/cg.h: what the code generator's files share (codegen.c: scopes,
** registers and statements; consts.c: the constant table and folding).
** Private to compiler/.
*/
#ifndef TRACEVM_CG_H
#define TRACEVM_CG_H

#include "compiler/ast.h"
#include "compiler/compiler.h"

enum { MAX_INT_BITS = 128, MAX_STR_FOLD = 4096, MAX_COLLECTION_FOLD = 256 };

typedef struct Loop {
    struct Loop *prev;
    size_t *breaks; size_t nbreaks, capbreaks;
    size_t cont;                /* continue target */
    int iter_reg;               /* for-loops: register of the iterator, else -1 */
    int with_depth;             /* with-blocks open when the loop started */
} Loop;

typedef struct FuncState {
    struct FuncState *parent;
    Chunk *chunk;
    bool is_module;
    char **globals; int nglobals, capglobals;   /* 'global' names */
    unsigned freereg;
    Loop *loop;
    int *with_regs; int nwith, capwith;         /* open with-blocks' context registers */
    /* comprehension variables: hidden locals, bound while compiling one */
    const char **compnames; unsigned *compregs; int ncomp, capcomp;
    unsigned compnext, compbase, compmax;
    /* locals bound on every path here (parameters, then names assigned by the
    ** body's top-level statements so far) and never deleted: no check needed */
    bool sure[256];
} FuncState;

typedef struct Compiler {
    Program *prog;
    DiagList *diags;
    FuncState *fs;
    const CompileOptions *opt;
    bool failed;
} Compiler;

/* Records a SyntaxError at line:col (at most ~20 per file). */
void cg_error(Compiler *c, uint32_t line, uint32_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- the program's constant table (consts.c) ---- */
/* Adds 'k' (taking its memory), merging it with an equal constant. */
uint32_t cg_add_const(Compiler *c, Const k);
uint32_t cg_const_str(Compiler *c, const char *s, size_t n);
uint32_t cg_const_simple(Compiler *c, ConstKind kind);
/* The current chunk's K slot / N slot for a program constant / name. */
unsigned cg_kslot(Compiler *c, uint32_t pk);
unsigned cg_nslot(Compiler *c, const char *name);

/* A folded value: 'ok' false when the expression is not a constant. */
typedef struct Folded {
    bool ok;
    Const k;                    /* owned until added */
} Folded;

/* Folds 'e' as CPython's AST optimizer would; .ok false if it is not constant. */
Folded cg_fold(Compiler *c, const Expr *e);
void cg_folded_free(Folded *f);

#endif
