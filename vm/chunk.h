/*
** vm/chunk.h: the contract between the compiler and the VM (Lua's Proto,
** clox's Chunk). A Program is one compiled file: chunk 0 is the module,
** the others are function bodies. Constants and names are program-wide and
** already deduplicated the way CPython's compiler merges them within one
** compilation unit; a chunk's K[i] and N[i] index those tables. Constants
** are descriptions, not objects: the VM's loader makes the objects in RAM.
*/
#ifndef TRACEVM_CHUNK_H
#define TRACEVM_CHUNK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "heap/bigint.h"
#include "vm/opcodes.h"

/* Where an instruction comes from: the AST node's span (1-based, columns in
** characters, end exclusive; end_line 0 = unknown) and, for binary operators
** and subscripts, the columns [anchor_lo, anchor_hi) that CPython's
** traceback marks with '^' inside '~' (0 = no anchors). */
typedef struct SrcPos {
    uint32_t line, col, end_line, end_col;
    uint32_t anchor_lo, anchor_hi;
} SrcPos;

typedef enum { CK_NONE, CK_TRUE, CK_FALSE, CK_INT, CK_FLOAT, CK_STR, CK_TUPLE, CK_CODE } ConstKind;

typedef struct Const {
    ConstKind kind;
    BigInt i;                   /* CK_INT */
    double f;                   /* CK_FLOAT */
    char *s; size_t len;        /* CK_STR: UTF-8 */
    bool intern;                /* CK_STR: identifier-like, interned */
    uint32_t *items; size_t n;  /* CK_TUPLE: program const indices */
    uint32_t code;              /* CK_CODE: chunk index */
} Const;

typedef struct Chunk {
    char *name;                 /* "<module>" or the function's name */
    Instr *code; SrcPos *pos;   /* one position per instruction */
    size_t ncode, capcode;
    uint32_t *k; size_t nk, capk;           /* K[i] -> program const */
    uint32_t *names; size_t nnames, capnames; /* N[i] -> program name */
    unsigned nparams;           /* parameters: R[0..nparams) */
    unsigned nlocals;           /* locals (parameters first): R[0..nlocals) */
    unsigned nregs;             /* frame size: locals + temporaries */
    unsigned ret_regs;          /* registers a RETURN can find in use: R[ret_regs..nregs)
                                ** are empty at every RETURN (temporaries above the
                                ** compiler's free register are consumed) */
    char **locals;              /* names of the locals */
    /* The JMPs where CPython 3.11 has a JUMP_BACKWARD, which counts
    ** towards quickening the code (a for loop's back edge, continue, the
    ** back edge of a while loop whose test is a true constant); a while
    ** loop's back edge is a conditional jump there, which does not. */
    uint32_t *warm_jumps; size_t nwarm_jumps, capwarm_jumps;
    uint32_t line;              /* line of 'def' (module: 1) */
} Chunk;

/* A compile-time warning CPython would print ("SyntaxWarning: ..."). */
typedef struct Warning { uint32_t line; char *category; char *msg; } Warning;

typedef struct Program {
    char *path;                 /* as given on the command line */
    char *source; size_t srclen;
    Chunk **chunks; size_t nchunks, capchunks;
    Const *consts; size_t nconsts, capconsts;
    char **names; size_t nnames, capnames;
    Warning *warnings; size_t nwarnings, capwarnings;
} Program;

void program_free(Program *p);
/* Source line 'line' (1-based) as (pointer, length) without the newline. */
const char *program_line(const Program *p, uint32_t line, size_t *len);
/* The script's path as CPython shows it in tracebacks and warnings: made
** absolute by joining the current directory (not resolved). */
const char *program_shown_path(const Program *p, char *buf, size_t cap);
/* Prints the warnings as CPython's warnings module shows them:
** "path:LINE: SyntaxWarning: msg" and the stripped source line. */
void program_print_warnings(const Program *p, FILE *f);

#endif
