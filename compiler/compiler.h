/*
** compiler/compiler.h: source text -> Program (vm/chunk.h). The front end
** (lex, parse) builds an AST; codegen.c allocates registers, folds and
** merges constants as CPython's compiler does, and emits instruction words.
*/
#ifndef TRACEVM_COMPILER_H
#define TRACEVM_COMPILER_H

#include <stddef.h>

#include "compiler/diag.h"
#include "vm/chunk.h"

typedef struct CompileOptions {
    unsigned max_str_digits;    /* decimal int literal limit (profile), 0 = none */
    unsigned python_minor;      /* 11 or 12: where versions place positions; 0 = 12 */
} CompileOptions;

/* Compiles 'src' (need not be NUL-terminated). Returns a Program the caller
** frees with program_free, or NULL with diagnostics in 'diags'. Copies
** 'path' and 'src'. */
Program *cmp_compile(const char *path, const char *src, size_t len,
                     const CompileOptions *opt, DiagList *diags);

#endif
