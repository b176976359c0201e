/*
** vm/spec.c: the specializing interpreter's counters (vm/spec.h), after
** Python/specialize.c (_Py_Specialize_BinaryOp), the interpreter loop's
** BINARY_OP, DEOPT_IF and miss handling, and 3.11's _PyCode_Warmup.
*/
#include "vm/spec.h"

#include <stdlib.h>

#include "heap/heap.h"
#include "vm/chunk.h"

/* What _Py_Specialize_BinaryOp makes of `+` on these operands. */
static SpecKind add_kind(Heap *h, Addr lhs, Addr rhs, Addr target, bool *ok)
{
    TypeId t = obj_type(h, lhs);
    *ok = t == obj_type(h, rhs) && (t == TY_STR || t == TY_INT || t == TY_FLOAT);
    return t == TY_STR ? (target == lhs ? SPEC_INPLACE_STR : SPEC_STR) : t == TY_INT ? SPEC_INT : SPEC_FLOAT;
}

/* Whether a specialized instruction's guards (DEOPT_IF) pass: the
** operands are what it was specialized for (BINARY_OP_ADD_UNICODE takes
** any two str, whatever the target holds). */
static bool spec_hit(Heap *h, const Spec *sp, Addr lhs, Addr rhs, Addr target)
{
    bool ok;
    SpecKind k = add_kind(h, lhs, rhs, target, &ok);
    return ok && (k == sp->kind || (sp->kind == SPEC_STR && k == SPEC_INPLACE_STR));
}

/*
** 3.11: a code object is quickened after 8 warm-up events
** (QUICKENING_WARMUP_DELAY); its adaptive instructions start at 0 and
** specialize on their first run. A specialized one goes back to adaptive
** on its 53rd miss (miss_counter_start) with the counter at 31, backoff 5
** (adaptive_counter_start). 3.12: quickened at once, counters start at 1
** with backoff 1 (adaptive_counter_warmup); after a success the counter
** is 52 (adaptive_counter_cooldown) and a miss that finds it at 0, the
** 53rd, specializes again at once: restart 0. Both back off up to 12
** (16-bit counters with 4 backoff bits).
*/
static const SpecRules rules_311 = { 8, 0, 0, 53, 31, 5, 12 }, rules_312 = { 0, 1, 1, 53, 0, 0, 12 };

const SpecRules *spec_rules(bool py312) { return py312 ? &rules_312 : &rules_311; }

/* The adaptive instruction's counter at zero: specialize, or back off
** (adaptive_counter_backoff) and run the general instruction. */
static bool specialize(Vm *vm, Spec *sp, Addr lhs, Addr rhs, Addr target)
{
    bool ok;
    SpecKind k = add_kind(vm->h, lhs, rhs, target, &ok);
    if (ok) {
        sp->kind = (uint8_t)k;
        sp->counter = vm->rules->misses;
        sp->backoff = 0;
        return k == SPEC_INPLACE_STR;
    }
    sp->kind = SPEC_ADAPTIVE;
    if (sp->backoff < vm->rules->max_backoff) sp->backoff++;
    sp->counter = (uint16_t)((1u << sp->backoff) - 2);   /* re-dispatched at once: one decrement */
    return false;
}

bool spec_add_adapt(Vm *vm, uint32_t chunk, size_t idx, Addr lhs, Addr rhs, Addr target)
{
    if (vm->warmup[chunk]) return false;            /* 3.11: not quickened yet */
    Spec *sp = &vm->spec[chunk][idx];
    if (sp->kind == SPEC_ADAPTIVE) {
        if (sp->counter == 0) return specialize(vm, sp, lhs, rhs, target);
        sp->counter--;
        return false;
    }
    if (spec_hit(vm->h, sp, lhs, rhs, target)) return sp->kind == SPEC_INPLACE_STR;
    /* a miss runs the general instruction, or after the last one allowed
    ** the adaptive one with its restart counter */
    if (--sp->counter) return false;
    sp->kind = SPEC_ADAPTIVE;
    sp->counter = vm->rules->restart;
    sp->backoff = vm->rules->restart_backoff;
    return sp->counter == 0 && specialize(vm, sp, lhs, rhs, target);
}

void spec_warm(Vm *vm, uint32_t chunk, Addr at)
{
    if (!vm->warmup[chunk]) return;
    if (at && !vm->spec[chunk][(at - vm->code_addr[chunk]) / 4].warm_jump) return;
    if (--vm->warmup[chunk] == 0) vm->nwarming--;
}

void spec_init(Vm *vm)
{
    const Program *p = vm->prog;
    vm->rules = spec_rules(vm->py312);
    vm->spec = xcalloc(p->nchunks + 1, sizeof *vm->spec);
    vm->warmup = xcalloc(p->nchunks + 1, 1);
    for (size_t c = 0; c < p->nchunks; c++) {
        const Chunk *ch = p->chunks[c];
        Spec *sp = vm->spec[c] = xcalloc(ch->ncode + 1, sizeof *sp);
        for (size_t i = 0; i < ch->ncode; i++)
            sp[i] = (Spec){ .counter = vm->rules->warmup, .backoff = vm->rules->warmup_backoff };
        for (size_t i = 0; i < ch->nwarm_jumps; i++) sp[ch->warm_jumps[i]].warm_jump = true;
        vm->warmup[c] = vm->rules->quicken_delay;
        vm->nwarming += vm->warmup[c] != 0;
    }
}

void spec_free(Vm *vm)
{
    if (vm->spec) for (size_t c = 0; c < vm->prog->nchunks; c++) free(vm->spec[c]);
    free(vm->spec);
    free(vm->warmup);
}
