/*
** vm/opcodes.c: the opcode table, expanded from opcodes.def.
*/
#include "vm/opcodes.h"

const OpInfo op_info[OP__COUNT] = {
#define OP(name, fmt, operands, verb, effect) [OP_##name] = { #name, FMT_##fmt, operands, verb, effect },
#include "vm/opcodes.def"
#undef OP
};
