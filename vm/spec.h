/*
** vm/spec.h: CPython's specializing interpreter, where it shows. CPython
** 3.11 and 3.12 rewrite an instruction to a specialized form once it has
** seen its operands; one of those forms changes what a program can see:
** BINARY_OP_INPLACE_ADD_UNICODE extends a str in place, so `s += t` keeps
** id(s). This models when that form is in place for tracevm's ADD and IADD
** into a local: the per-instruction counters and, for 3.11, the warm-up
** that quickens a code object.
*/
#ifndef TRACEVM_SPEC_H
#define TRACEVM_SPEC_H

#include "vm/vm.h"

/* What an ADD/IADD into a local is specialized to (one Spec per
** instruction): a BINARY_OP `+` whose result goes straight into a local
** becomes BINARY_OP_INPLACE_ADD_UNICODE once it has seen two str with
** that local's str on the left. */
typedef enum { SPEC_ADAPTIVE, SPEC_INPLACE_STR, SPEC_STR, SPEC_INT, SPEC_FLOAT } SpecKind;
/* The specializer's constants for one CPython version
** (Include/internal/pycore_code.h, Python/ceval.c; see vm/spec.c). */
struct SpecRules {
    uint8_t quicken_delay;      /* warm-up events before a code object is quickened */
    uint8_t warmup, warmup_backoff;     /* a quickened instruction's adaptive counter */
    uint16_t misses;            /* misses a specialized instruction takes, then ... */
    uint8_t restart, restart_backoff;   /* ... it is adaptive again with this counter */
    uint8_t max_backoff;
};
struct Spec {
    uint16_t counter;           /* adaptive: executions before it specializes; else misses left */
    uint8_t kind;               /* SpecKind */
    uint8_t backoff;            /* exponent of the adaptive counter's next start */
    bool warm_jump;             /* Chunk.warm_jumps: a 3.11 JUMP_BACKWARD */
};

/* Sets up vm->rules, vm->spec and vm->warmup for the program's chunks. */
void spec_init(Vm *vm);
void spec_free(Vm *vm);
/* The specializer's constants of CPython 3.12 (py312) or 3.11. */
const SpecRules *spec_rules(bool py312);
/* For an ADD or IADD (instruction 'idx' of 'chunk') whose result goes
** straight into a local now holding 'target': steps CPython's adaptive
** BINARY_OP and says whether this execution is BINARY_OP_INPLACE_ADD_
** UNICODE, which op_str_append (vm/ops.h) then does. Only the executions
** that reach the general binary path are seen (the CPU loop's small-int
** and float cases never are): an instruction that adds those before strs
** is taken as if it had seen only the strs. spec_add_inplace tests the
** hits inline. */
bool spec_add_adapt(Vm *vm, uint32_t chunk, size_t idx, Addr lhs, Addr rhs, Addr target);
static inline bool spec_add_inplace(Vm *vm, uint32_t chunk, size_t idx, Addr lhs, Addr rhs, Addr target)
{
    const Spec *sp = &vm->spec[chunk][idx];
    Addr t = obj_type_addr(vm->h, lhs);
    if (t == obj_type_addr(vm->h, rhs) && t == heap_type_obj(vm->h, TY_STR) && !vm->warmup[chunk]) {
        /* the hits, inline: BINARY_OP_ADD_UNICODE, BINARY_OP_INPLACE_ADD_UNICODE */
        if (sp->kind == SPEC_STR) return false;
        if (sp->kind == SPEC_INPLACE_STR && target == lhs) return true;
    }
    return spec_add_adapt(vm, chunk, idx, lhs, rhs, target);
}
/* A warm-up event of a chunk's code: 3.11's RESUME ('at' 0) or, for the
** JMP at 'at' when it is a JUMP_BACKWARD there, JUMP_BACKWARD. Call only
** while vm->nwarming: the CPU loops test that one word, so that nothing
** of this stays in their registers. */
void spec_warm(Vm *vm, uint32_t chunk, Addr at);

#endif
