/*
** vm/disasm.h: instruction words as text, from op_info[] (vm/opcodes.def):
** "MUL r2, r0(x), r1(y)", constants and names resolved. Used by
** 'tracevm dis' and by the trace's instruction column.
*/
#ifndef TRACEVM_DISASM_H
#define TRACEVM_DISASM_H

#include <stdio.h>

#include "vm/chunk.h"
#include "vm/vm.h"

/* One instruction of chunk 'chunk' (vm may be NULL: constants are then
** shown from the program's descriptions). */
void dis_instruction(const Program *p, uint32_t chunk, Instr ins, Vm *vm, StrBuf *out);
/* The whole listing: constants, names, locals and code of every chunk.
** 'code_base' is where the code segment starts (words' addresses). */
void dis_program(const Program *p, uint64_t code_base, FILE *f);
/* A constant as Python would write it. */
void dis_const(const Program *p, uint32_t k, StrBuf *out);

#endif
