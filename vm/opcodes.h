/*
** vm/opcodes.h: opcodes and instruction words, generated from opcodes.def.
** A word is | C:8 | B:8 | A:8 | op:8 |; Bx is the top 16 bits; sBx is Bx
** minus SBX_BIAS (Lua's "excess K"), so no negative value is ever shifted.
*/
#ifndef TRACEVM_OPCODES_H
#define TRACEVM_OPCODES_H

#include <stdint.h>

typedef uint32_t Instr;

typedef enum {
#define OP(name, fmt, operands, verb, effect) OP_##name,
#include "vm/opcodes.def"
#undef OP
    OP__COUNT
} OpCode;
_Static_assert(OP__COUNT <= 256, "opcode field is 8 bits");

typedef enum { FMT_ABC, FMT_ABx, FMT_AsBx, FMT_A, FMT_sBx } OpFormat;

typedef struct OpInfo {
    const char *name;       /* "ADD" */
    OpFormat format;
    const char *operands;   /* three letters, see opcodes.def */
    const char *verb;       /* "Add" (--explain) */
    const char *effect;     /* "R[A] = X[B] + X[C]" */
} OpInfo;

extern const OpInfo op_info[OP__COUNT];

#define SBX_BIAS 0x7FFF
#define XK_BIT 0x80u            /* X operand: constant index when set */
#define MAX_REGS 128            /* registers a frame may use (X operands hold 7 bits) */

static inline unsigned ins_op(Instr i)  { return i & 0xFFu; }
static inline unsigned ins_a(Instr i)   { return (i >> 8) & 0xFFu; }
static inline unsigned ins_b(Instr i)   { return (i >> 16) & 0xFFu; }
static inline unsigned ins_c(Instr i)   { return (i >> 24) & 0xFFu; }
static inline unsigned ins_bx(Instr i)  { return i >> 16; }
static inline int      ins_sbx(Instr i) { return (int)(i >> 16) - SBX_BIAS; }

static inline Instr ins_abc(OpCode op, unsigned a, unsigned b, unsigned c)
{   /* cast before shifting: a small operand would be promoted to int */
    return (Instr)op | (Instr)a << 8 | (Instr)b << 16 | (Instr)c << 24;
}
static inline Instr ins_abx(OpCode op, unsigned a, unsigned bx)
{
    return (Instr)op | (Instr)a << 8 | (Instr)bx << 16;
}
static inline Instr ins_asbx(OpCode op, unsigned a, int sbx)
{
    return (Instr)op | (Instr)a << 8 | (Instr)(sbx + SBX_BIAS) << 16;
}

#endif
