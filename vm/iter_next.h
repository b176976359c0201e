/*
** vm/iter_next.h: the next item of an enumerate or zip object (enum_next,
** zip_next), as static functions compiled into each unit that includes
** this file: vm/ops.c (op_next) and the CPU loops (vm/cpu.h), where the
** loops without hooks read RAM directly with a constant word size (as
** heap/dict_lookup.h is shared). Each returns 1 with *out (a new
** reference), 0 at the end, -1 with vm->err set.
*/
#ifndef TRACEVM_ITER_NEXT_H
#define TRACEVM_ITER_NEXT_H

#include "vm/ops.h"

/* An inner iterator's next item: a list's or range's inline, else op_next. */
static inline int inner_next(Vm *vm, Addr it, Addr *out)
{
    int st = op_next_fast(vm->h, it, out);
    return st >= 0 ? st : op_next(vm, it, out);
}

static inline int next_nomem(Vm *vm) { vm_raise(vm, EXC_MEMORY, "%s", ""); return -1; }

/* Puts 'v' (stolen) at slot i of a tuple its owner reuses, then drops the
** item it held. */
static inline void tuple_replace(Heap *h, Addr t, size_t i, Addr v)
{
    Addr old = tuple_get(h, t, i);
    tuple_set(h, t, i, v);
    heap_decref(h, old);
}

/* enum_next: the inner iterator's next item, then its index (a new int,
** or en_longindex once the count passes Py_ssize_t), then the result:
** en_result itself when nothing else holds it, else a new tuple. */
static __attribute__((unused)) int enum_next(Vm *vm, Addr it, Addr *out)
{
    Heap *h = vm->h;
    Addr v, index;
    int st = inner_next(vm, obj_field(h, it, EN_SIT), &v);
    if (st <= 0) return st;
    int64_t max = op_c_long_max(h);
    uint64_t raw = obj_field(h, it, EN_INDEX);
    int64_t idx = HEAP_W(h) == 4 ? (int32_t)raw : (int64_t)raw;
    if (idx == max) {                   /* enum_next_long */
        index = obj_field(h, it, EN_LONGINDEX);
        if (!index) {
            if (!(index = int_new_fast(h, max))) { heap_decref(h, v); return next_nomem(vm); }
            obj_set_field(h, it, EN_LONGINDEX, index);
        }
        Addr one = int_new_fast(h, 1);
        Addr up = op_binary(vm, OP_ADD, index, one);
        heap_decref(h, one);
        if (!up) { heap_decref(h, v); return -1; }
        obj_set_field(h, it, EN_LONGINDEX, up);     /* its reference to index moves to the result */
    } else {
        if (!(index = int_new_fast(h, idx))) { heap_decref(h, v); return next_nomem(vm); }
        obj_set_field(h, it, EN_INDEX, (uint64_t)(idx + 1));
    }
    Addr res = obj_field(h, it, EN_RESULT);
    if (obj_refcnt(h, res) == 1) {
        heap_incref(h, res);
        Addr old_index = tuple_get(h, res, 0), old_item = tuple_get(h, res, 1);
        tuple_set(h, res, 0, index);
        tuple_set(h, res, 1, v);
        heap_decref(h, old_index);
        heap_decref(h, old_item);
    } else {
        if (!(res = tuple_new_filled(h, 2))) { heap_decref(h, index); heap_decref(h, v); return next_nomem(vm); }
        tuple_set(h, res, 0, index);
        tuple_set(h, res, 1, v);
    }
    *out = res;
    return 1;
}

/* zip_next: each iterator's next item into the result tuple, which is
** zip's own when nothing else holds it (each old item dropped as it is
** replaced), else a new tuple made first. */
static __attribute__((unused)) int zip_next(Vm *vm, Addr it, Addr *out)
{
    Heap *h = vm->h;
    size_t n = (size_t)obj_field(h, it, ZIP_SIZE);
    if (n == 0) return 0;
    Addr its = obj_field(h, it, ZIP_ITTUPLE), res = obj_field(h, it, ZIP_RESULT);
    bool reuse = obj_refcnt(h, res) == 1;
    if (reuse) heap_incref(h, res);
    else if (!(res = tuple_new(h, n))) return next_nomem(vm);
    for (size_t k = 0; k < n; k++) {
        Addr v;
        int st = inner_next(vm, tuple_get(h, its, k), &v);
        if (st <= 0) { heap_decref(h, res); return st; }
        if (reuse) tuple_replace(h, res, k, v); else tuple_set(h, res, k, v);
    }
    *out = res;
    return 1;
}

#endif
