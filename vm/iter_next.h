/*
** vm/iter_next.h: the next item of an enumerate or zip object (enum_next,
** zip_next) or of a dict iterator (dict_iter_next), as static functions compiled into each unit that includes
** this file: vm/ops.c (op_next) and the CPU loops (vm/cpu.h), where the
** loops without hooks read RAM directly with a constant word size (as
** heap/dict_lookup.h is shared). Each returns 1 with *out (a new
** reference), 0 at the end, -1 with vm->err set.
*/
#ifndef TRACEVM_ITER_NEXT_H
#define TRACEVM_ITER_NEXT_H

#include "heap/dict_lookup.h"
#include "vm/ops.h"

/* An inner iterator's next item: a list's or range's inline, else op_next. */
HEAP_HOT int inner_next(Vm *vm, Addr it, Addr *out)
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

/*
** The pair an enumerate or a dict item iterator hands out: 'res', its own
** result tuple, when nothing else holds it (a and b put in, the old items
** dropped after; CPython's enum_next takes the tuple's reference before
** filling it, dictiter_iternextitem after: 'ref_first'), else a new tuple.
** a and b are stolen; 0 when RAM is full (both released).
*/
static inline Addr pair_result(Heap *h, Addr res, Addr a, Addr b, bool ref_first)
{
    if (res && obj_refcnt(h, res) == 1) {   /* res is never 0; gcc 12 without PGO warns otherwise */
        if (ref_first) heap_incref(h, res);
        Addr old_a = tuple_get(h, res, 0), old_b = tuple_get(h, res, 1);
        tuple_set(h, res, 0, a);
        tuple_set(h, res, 1, b);
        if (!ref_first) heap_incref(h, res);
        heap_decref(h, old_a);
        heap_decref(h, old_b);
        return res;
    }
    if (!(res = tuple_new_filled(h, 2))) { heap_decref(h, a); heap_decref(h, b); return 0; }
    tuple_set(h, res, 0, a);
    tuple_set(h, res, 1, b);
    return res;
}

/* A new tuple of n Nones (PyTuple_Pack(2, None, None), zip_new's result
** holder): 0 when RAM is full. */
static inline Addr tuple_of_nones(Heap *h, size_t n)
{
    Addr t = tuple_new_filled(h, n);
    for (size_t i = 0; t && i < n; i++) { heap_incref(h, h->none); tuple_set(h, t, i, h->none); }
    return t;
}

/* An iterator of x for enum_new and zip_new: 'quiet' (the loops without
** hooks, x an iter_fast_kind) raises nothing. */
static inline Addr iter_for(Vm *vm, Addr x, bool quiet) { return quiet ? iter_fast(vm->h, x) : op_iter(vm, x); }
static inline Addr made_nomem(Vm *vm, bool quiet) { if (!quiet) next_nomem(vm); return 0; }

/*
** enumerate(x, start) as enum_new_impl makes it: the object, then x's
** iterator, then the (None, None) result tuple its next reuses. 'start'
** is 0 or an int; one beyond Py_ssize_t counts as an int object
** (en_longindex). 0 with vm->err set, or, when 'quiet' (x an
** iter_fast_kind), 0 only when RAM is full, nothing raised and nothing
** left behind.
*/
static __attribute__((unused)) Addr enum_new(Vm *vm, Addr x, Addr start, bool quiet)
{
    Heap *h = vm->h;
    Addr e = heap_new_object(h, TY_ENUMERATE, 4, 0);
    if (!e) return made_nomem(vm, quiet);
    int64_t idx = 0;
    if (start && !op_as_c_long(h, start, &idx)) {
        heap_incref(h, start);
        obj_set_field(h, e, EN_LONGINDEX, start);
        idx = op_c_long_max(h);
    }
    obj_set_field(h, e, EN_INDEX, (uint64_t)idx);
    Addr it = iter_for(vm, x, quiet);
    if (!it) { heap_decref(h, e); return 0; }
    obj_set_field(h, e, EN_SIT, it);
    Addr res = tuple_of_nones(h, 2);
    if (!res) { heap_decref(h, e); return made_nomem(vm, quiet); }
    obj_set_field(h, e, EN_RESULT, res);
    return e;
}

/*
** zip(*args) as zip_vectorcall makes it: the arguments as a tuple, then
** (zip_new) the tuple of their iterators, the result tuple of Nones its
** next reuses, the object; then the arguments' tuple goes. 0 as
** enum_new.
*/
static __attribute__((unused)) Addr zip_new(Vm *vm, const Addr *args, unsigned n, bool quiet)
{
    Heap *h = vm->h;
    Addr a = tuple_new(h, n), its = 0, res = 0, z = 0;
    if (!a) return made_nomem(vm, quiet);
    for (unsigned i = 0; i < n; i++) { heap_incref(h, args[i]); tuple_set(h, a, i, args[i]); }
    if (!(its = tuple_new(h, n))) { made_nomem(vm, quiet); goto done; }
    for (unsigned i = 0; i < n; i++) {
        Addr it = iter_for(vm, args[i], quiet);
        if (!it) { heap_decref(h, its); its = 0; goto done; }
        tuple_set(h, its, i, it);
    }
    if (!(res = tuple_of_nones(h, n))) { made_nomem(vm, quiet); heap_decref(h, its); goto done; }
    if (!(z = heap_new_object(h, TY_ZIP, 3, 0))) { made_nomem(vm, quiet); heap_decref(h, its); heap_decref(h, res); goto done; }
    obj_set_field(h, z, ZIP_ITTUPLE, its);
    obj_set_field(h, z, ZIP_RESULT, res);
    obj_set_field(h, z, ZIP_SIZE, n);
done:
    heap_decref(h, a);
    return z;
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
    if (!(*out = pair_result(h, obj_field(h, it, EN_RESULT), index, v, true))) return next_nomem(vm);
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

/* A dict iterator's walk: its fields (DI_RESULT first) and its dict's
** entries, where the keys start and how far apart, read once. */
typedef struct DictWalk {
    Addr f, d, first, esize;
    int64_t ne, pos, len;
} DictWalk;

/* 1 with *w filled; 0 when the iterator has let go of its dict (the end);
** -1 when the dict's size is not the one the walk began with. */
static inline int dict_walk_begin(Heap *h, Addr it, DictWalk *w)
{
    Ram *r = &h->ram;
    Addr W = HEAP_W(h);
    w->f = it + 2 * W;
    w->d = ram_word(r, w->f + DI_DICT * W);
    if (!w->d) return 0;
    if (ram_sword(r, w->f + DI_USED * W) != (int64_t)dict_len(h, w->d)) return -1;
    Addr k = keys_of(h, w->d);
    KeysView kv;
    keys_view(h, k, &kv);
    w->esize = kv.esize;
    w->first = kv.entries + kv.key_off;
    w->ne = (int64_t)ram_word(r, k_nentries(h, k));
    w->pos = ram_sword(r, w->f + DI_POS * W);
    w->len = ram_sword(r, w->f + DI_LEN * W);
    return 1;
}

/*
** A dict iterator's next, as dictiter_iternextkey/value/item (forwards)
** and dictreviter_iternext: RuntimeError once the dict's size changed
** (and from then on), or when a forward walk finds more keys than it
** began with; an item iterator hands out its result tuple again when
** nothing else holds it. The entries are read where they lie, a keys
** object's geometry read once (heap/dict_lookup.h).
*/
static __attribute__((unused)) int dict_iter_next(Vm *vm, Addr it, TypeId t, Addr *out)
{
    Heap *h = vm->h;
    Ram *r = &h->ram;
    Addr W = HEAP_W(h);
    DictWalk w;
    int st = dict_walk_begin(h, it, &w);
    if (st <= 0) {
        if (st == 0) return 0;
        ram_set_word(r, w.f + DI_USED * W, (uint64_t)-1);       /* sticky */
        vm_raise(vm, EXC_RUNTIME, "dictionary changed size during iteration");
        return -1;
    }
    Addr f = w.f, d = w.d, esize = w.esize, first = w.first;
    int64_t ne = w.ne, pos = w.pos, len = w.len;
    Addr key = 0, e = 0;
    int rc = 0;
    if (t >= TY_DICTREVKEYITER) {
        if (pos >= ne) pos = ne - 1;    /* a table rebuilt at the same size (CPython reads past it) */
        for (; pos >= 0; pos--) if ((key = ram_word(r, e = first + (Addr)pos * esize))) break;
        if (pos < 0) goto fail;
        ram_set_word(r, f + DI_POS * W, (uint64_t)(pos - 1));
    } else {
        for (; pos < ne; pos++) if ((key = ram_word(r, e = first + (Addr)pos * esize))) break;
        if (pos >= ne) goto fail;
        if (len == 0) {
            vm_raise(vm, EXC_RUNTIME, "dictionary keys changed during iteration");
            rc = -1;
            goto fail;
        }
        ram_set_word(r, f + DI_POS * W, (uint64_t)(pos + 1));
    }
    ram_set_word(r, f + DI_LEN * W, (uint64_t)(len - 1));
    Addr v = ram_word(r, e + W);
    if (t == TY_DICTITER || t == TY_DICTREVKEYITER) { heap_incref(h, key); *out = key; return 1; }
    if (t == TY_DICTVALITER || t == TY_DICTREVVALITER) { heap_incref(h, v); *out = v; return 1; }
    heap_incref(h, key);
    heap_incref(h, v);
    if (!(*out = pair_result(h, ram_word(r, f + DI_RESULT * W), key, v, false))) return next_nomem(vm);
    return 1;
fail:
    ram_set_word(r, f + DI_DICT * W, 0);
    heap_decref(h, d);
    return rc;
}

/*
** list(d), sorted(d), list(d.values()), list(d.items()): dict_iter_next's
** forward steps in one loop, the keys object's geometry read once. It
** stops before any step that would end the walk or raise (the dict changed
** size, a key past the count it began with, no key left) and leaves that
** step to op_next, as extend_from_listiter does; the iterator's fields end
** as the single steps leave them. -1 when RAM is full.
*/
static __attribute__((unused)) int dict_iter_extend(Vm *vm, Addr l, Addr it, TypeId t)
{
    Heap *h = vm->h;
    Ram *r = &h->ram;
    Addr W = HEAP_W(h);
    DictWalk w;
    if (dict_walk_begin(h, it, &w) <= 0) return 0;
    Addr f = w.f, esize = w.esize, first = w.first;
    int64_t ne = w.ne, pos = w.pos, len = w.len;
    int rc = 0;
    while (len > 0) {
        Addr key = 0, e = 0;
        int64_t at = pos;       /* a fruitless scan moves no field, as in dict_iter_next */
        for (; at < ne; at++) if ((key = ram_word(r, e = first + (Addr)at * esize))) break;
        if (at >= ne) break;
        pos = at + 1;
        len--;
        Addr v = ram_word(r, e + W), x;
        if (t == TY_DICTITER) x = key;
        else if (t == TY_DICTVALITER) x = v;
        else {
            heap_incref(h, key);
            heap_incref(h, v);
            if (!(x = pair_result(h, ram_word(r, f + DI_RESULT * W), key, v, false))) { rc = -1; break; }
        }
        if (t != TY_DICTITEMITER) heap_incref(h, x);
        if (list_append(h, l, x) != 0) { rc = -1; break; }
    }
    ram_set_word(r, f + DI_POS * W, (uint64_t)pos);
    ram_set_word(r, f + DI_LEN * W, (uint64_t)len);
    return rc;
}

/* sum()'s step for a value taken where it lies: adds x to *t when it is a
** bool or an int of at most two digits and the sum stays within
** [lmin, lmax]; false, with nothing added, otherwise. */
static inline bool sum_small_add(const Heap *h, Addr x, int64_t *t, int64_t lmin, int64_t lmax)
{
    int64_t b;
    if (x == h->true_ || x == h->false_) b = x == h->true_;
    else if (obj_type_addr(h, x) != heap_type_obj(h, TY_INT) || !int_small(h, x, &b)) return false;
    if (!(*t >= 0 ? b <= lmax - *t : b >= lmin - *t)) return false;
    *t += b;
    return true;
}

/*
** sum() of a dict value iterator's ints, in place (no reference taken and
** dropped per value) while nothing observes the heap, as seq_walk_begin
** does for a list: adds the values of at most two digits (and bools) to
** *total while it stays within [lmin, lmax], then leaves the iterator as
** dict_iter_next would have left it after those values, at the first one
** it did not take, for the general loop to go on from.
*/
static __attribute__((unused)) void dict_values_sum(Heap *h, Addr it, int64_t *total, int64_t lmin, int64_t lmax)
{
    if (h->obs || obj_type_addr(h, it) != heap_type_obj(h, TY_DICTVALITER)) return;
    Ram *r = &h->ram;
    Addr W = HEAP_W(h), f = it + 2 * W;
    Addr d = ram_word(r, f + DI_DICT * W);
    if (!d || ram_sword(r, f + DI_USED * W) != (int64_t)dict_len(h, d)) return;
    Addr k = keys_of(h, d);
    KeysView kv;
    keys_view(h, k, &kv);
    Addr first = kv.entries + kv.key_off;
    int64_t ne = (int64_t)ram_word(r, k_nentries(h, k)), pos = ram_sword(r, f + DI_POS * W);
    int64_t len = ram_sword(r, f + DI_LEN * W), t = *total;
    for (; pos < ne; pos++) {
        Addr e = first + (Addr)pos * kv.esize;
        if (!ram_word(r, e)) continue;
        if (len == 0 || !sum_small_add(h, ram_word(r, e + W), &t, lmin, lmax)) break;   /* len 0: dict_iter_next raises */
        len--;
    }
    ram_set_word(r, f + DI_POS * W, (uint64_t)pos);
    ram_set_word(r, f + DI_LEN * W, (uint64_t)len);
    *total = t;
}

#endif
