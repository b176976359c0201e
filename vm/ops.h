/*
** vm/ops.h: Python semantics of the built-in types: arithmetic, comparison,
** truth, repr/str, formatting, indexing, iteration. Every function returns a
** NEW reference (or 0 with vm->err set); arguments are borrowed.
*/
#ifndef TRACEVM_OPS_H
#define TRACEVM_OPS_H

#include "vm/opcodes.h"
#include "vm/vm.h"

Addr op_binary(Vm *vm, OpCode op, Addr a, Addr b);
/* +=, *=: lists are changed in place (list_inplace_concat / repeat). */
Addr op_inplace(Vm *vm, OpCode op, Addr a, Addr b);
/* PyUnicode_Append(&left, right): steals left's reference; the new value
** of the local, or 0 with vm->err set (left kept). */
Addr op_str_append(Vm *vm, Addr left, Addr right);
/* list.extend(src) with CPython's preallocation rules: 0 or -1. */
int op_list_extend(Vm *vm, Addr l, Addr src);
/* tuple(src) as PySequence_Tuple: a new reference, or 0 with vm->err set. */
Addr op_tuple_from(Vm *vm, Addr src);
Addr op_unary(Vm *vm, OpCode op, Addr a);
/* EQ..NOTIN: the result object (a bool for every built-in type). */
Addr op_compare(Vm *vm, OpCode op, Addr a, Addr b);
/* 1 equal, 0 not, -1 error. */
int op_eq(Vm *vm, Addr a, Addr b);
/* -1 less, 0 equal, 1 greater; -2 error (TypeError for unorderable). */
int op_order(Vm *vm, Addr a, Addr b, const char *opname);
int op_truth(Vm *vm, Addr a);
int op_contains(Vm *vm, Addr container, Addr v);

void op_repr(Vm *vm, Addr a, StrBuf *out);
void op_repr_str_cut(Vm *vm, Addr s, size_t limit, StrBuf *out);
/* op_repr_str_cut's text once the quotes are known: whether s holds a
** single quote (sq) and a double quote (dq) anywhere, not only in what is
** shown. The trace keeps those per str (vm/trace.c str_scan). */
void op_repr_str_quoted(Vm *vm, Addr s, size_t limit, bool sq, bool dq, StrBuf *out);
/* str.isprintable() of one code point, in the profile's Unicode version
** (vm/unicode_printable.c): what repr() leaves unescaped. */
bool op_unicode_printable(uint32_t c, bool py312);
/* Whether c lies in one of the n sorted, disjoint ranges r. */
bool op_in_ranges(const uint32_t (*r)[2], size_t n, uint32_t c);
/* str.isalpha, isdigit, isalnum, isspace of one code point above Latin-1,
** in the profile's Unicode version (vm/unicode_classes.c, generated). */
typedef enum { UC_ALPHA, UC_DIGIT, UC_ALNUM, UC_SPACE } UnicodeClass;
bool op_unicode_class(uint32_t c, UnicodeClass cls, bool py312);
void op_str(Vm *vm, Addr a, StrBuf *out);
/* op_repr (or op_str when 'str') as a program sees it: false, with
** ValueError raised, when an int in it passes max_str_digits. op_repr and
** op_str themselves show every digit (traces, the stepper, messages). */
bool op_repr_strict(Vm *vm, Addr a, bool str, StrBuf *out);
Addr op_repr_obj(Vm *vm, Addr a);
Addr op_str_obj(Vm *vm, Addr a);
Addr op_format(Vm *vm, Addr v, Addr spec);   /* spec may be 0 (vm/format.c) */
int op_format_into(Vm *vm, Addr v, const char *spec, size_t n, StrBuf *out);   /* vm/format.c */
bool op_check_int_digits(Vm *vm, Addr a);
Addr op_percent_format(Vm *vm, Addr fmt, Addr args);  /* 'fmt' % args (vm/format.c) */
const char *op_type_name(Vm *vm, Addr a);

Addr op_getitem(Vm *vm, Addr c, Addr i);
int op_setitem(Vm *vm, Addr c, Addr i, Addr v);    /* borrows v */
int op_delitem(Vm *vm, Addr c, Addr i);
Addr op_new_slice(Vm *vm, Addr start, Addr stop, Addr step);

Addr op_iter(Vm *vm, Addr a);
/* 1 and *out (new ref), 0 when exhausted, -1 on error. */
int op_next(Vm *vm, Addr it, Addr *out);
Addr op_len(Vm *vm, Addr a, int64_t *n);     /* returns nonzero dummy ok / 0 error */

/*
** enumerate and zip objects (enumobject, zipobject). Their references come
** first, in the reverse of the order their deallocs drop them (the work
** list frees the last one's death first, heap_owned_fields); the plain
** words follow. en_result and zip's result are the tuples their next
** reuses while nothing else holds them.
*/
enum { EN_LONGINDEX, EN_RESULT, EN_SIT, EN_INDEX };     /* EN_INDEX: a Py_ssize_t */
enum { ZIP_RESULT, ZIP_ITTUPLE, ZIP_SIZE };            /* ZIP_SIZE: tuplesize */
enum { MAP_FUNC, MAP_ITERS };                          /* map_dealloc drops iters, then func */
enum { FILTER_IT, FILTER_FUNC };                       /* filter_dealloc drops func, then it */

/* x << y (y >= 0) of an int64 whose result stays below 2**62 in
** magnitude: int64 arithmetic may make it (ops.c's int_binary, cpu.h). */
static inline bool op_lshift_fits(int64_t x, int64_t y)
{
    return y >= 0 && y < 62 && x != INT64_MIN && (x == 0 || (x < 0 ? -x : x) < (int64_t)1 << (62 - y));
}
/* LONG_MAX (and PY_SSIZE_T_MAX) of the profile's C: a long is a word on
** Linux, 32- or 64-bit. */
static inline int64_t op_c_long_max(const Heap *h) { (void)h; return HEAP_W(h) == 4 ? INT32_MAX : INT64_MAX; }
/* An int that fits a C long (Py_ssize_t): its value in *v. */
static inline bool op_as_c_long(Heap *h, Addr o, int64_t *v)
{
    return int_to_i64(h, o, v) && *v <= op_c_long_max(h) && *v >= -op_c_long_max(h) - 1;
}

/*
** Dict iterators (CPython's dictiterobject, one type per kind and
** direction): the result tuple an item iterator hands out again while
** nothing else holds it, and the dict (the references, dropped dict
** first), then di_used, di_pos and len.
*/
enum { DI_RESULT, DI_DICT, DI_USED, DI_POS, DI_LEN };
static inline bool op_is_dictiter(TypeId t)
{
    return t == TY_DICTITER || (t >= TY_DICTVALITER && t <= TY_DICTREVITEMITER);
}

/* The iterator types: iter() returns them as they are, next() takes them. */
static inline bool op_is_iterator(TypeId t)
{
    return t == TY_LISTITER || t == TY_TUPLEITER || t == TY_STRITER || t == TY_USTRITER || t == TY_RANGEITER || t == TY_LONGRANGEITER || op_is_dictiter(t)
        || t == TY_LISTREVITER || t == TY_REVERSED || t == TY_ENUMERATE || t == TY_ZIP || t == TY_MAP || t == TY_FILTER
        || t == TY_FILE;
}

/* The next items of map and filter objects (vm/builtins.c), for op_next. */
int op_map_next(Vm *vm, Addr m, Addr *out);
int op_filter_next(Vm *vm, Addr fl, Addr *out);

/* reversed(seq): CPython's reversed_new, the iterator __reversed__ gives
** (list, range, dict and its views) or a 'reversed' (tuple, str). */
Addr op_reversed(Vm *vm, Addr seq);

/* Integer helpers */
bool op_is_int(Vm *vm, Addr a);              /* int or bool */
static inline bool op_type_is_num(TypeId t) { return t == TY_INT || t == TY_BOOL || t == TY_FLOAT; }
bool op_index(Vm *vm, Addr a, int64_t *out); /* int -> int64 (TypeError/IndexError set) */
Addr op_int_from_double(Vm *vm, double d);
bool op_to_double(Vm *vm, Addr a, double *out);
/* x ** e for e >= 0 by repeated squaring (exact, so the method does not
** show): false when a step overflows int64 and the big-int path must do it. */
static inline bool op_i64_pow(int64_t x, int64_t e, int64_t *r)
{
    int64_t acc = 1, base = x;
    bool ovf = false;
    while (e && !ovf) {
        if (e & 1) ovf |= __builtin_mul_overflow(acc, base, &acc);
        e >>= 1;
        if (e) ovf |= __builtin_mul_overflow(base, base, &base);
    }
    *r = acc;
    return !ovf;
}
/* The f-string result of parts[0..n) (all str): a new string, or the
** empty / one-char singleton for 0 or 1 chars. What OP_BUILDSTR computes,
** without the UTF-8 round trip for ASCII parts. */
Addr op_build_str(Vm *vm, const Addr *parts, unsigned n);
/* Builds a str from UTF-8 (new ref). */
Addr op_str_utf8(Vm *vm, const char *s, size_t n);
/*
** A range iterator of C longs (CPython's rangeiterobject; not a
** longrange_iterator, a type of its own): 3.11 keeps index, start, step and
** len and computes start + index * step; 3.12 keeps start, step and len,
** adding step to start and counting len down (Heap.range_iter_index says
** which). A C long is a word here (LP64, ILP32).
*/
/* The number of items of range(a, b, s), s != 0, as get_len_of_range
** counts them, in unsigned arithmetic: a span wider than INT64_MAX (from
** -2**63 up, say) counts past it without overflowing (make_range and the
** loops' range_fast). */
static inline uint64_t op_range_len(int64_t a, int64_t b, int64_t s)
{
    if (s > 0 && a < b) return 1 + ((uint64_t)b - 1 - (uint64_t)a) / (uint64_t)s;
    if (s < 0 && a > b) return 1 + ((uint64_t)a - 1 - (uint64_t)b) / (0 - (uint64_t)s);
    return 0;
}
enum { RI_INDEX, RI_START, RI_STEP, RI_LEN };
/* Field f of a range iterator; 'index' says which layout (a constant
** offset on each side of the caller's branch, not one computed from it). */
HEAP_HOT Addr ri_at(Addr it, bool index, unsigned f, unsigned W) { return it + (Addr)(2 + f - !index) * W; }
HEAP_HOT void ri_set(Heap *h, Addr it, unsigned f, int64_t v)
{
    ram_set_word(&h->ram, ri_at(it, h->range_iter_index, f, HEAP_W(h)), (uint64_t)v);
}
/* Whether iter() of range(start, stop, step) with 'len' items makes a range
** iterator of C longs (else a longrange_iterator): every number a C long,
** and stop + step not past one (CPython's range_iter). */
HEAP_HOT bool ri_fits(const Heap *h, int64_t start, int64_t stop, int64_t step, int64_t len)
{
    (void)h;
    int64_t lmax = HEAP_W(h) == 8 ? INT64_MAX : INT32_MAX, lmin = -lmax - 1;
    if (start < lmin || start > lmax || stop < lmin || stop > lmax || step < lmin || step > lmax || len > lmax) return false;
    return !len || (step > 0 ? stop <= lmax - (step - 1) : stop >= lmin + (-1 - step));
}
/* A new range iterator of C longs (ri_fits), its fields set: 'r' is a
** heap_new_object of TY_RANGEITER. */
HEAP_HOT Addr ri_init(Heap *h, Addr r, int64_t start, int64_t step, int64_t len)
{
    if (h->range_iter_index) ri_set(h, r, RI_INDEX, 0);
    ri_set(h, r, RI_START, start);
    ri_set(h, r, RI_STEP, step);
    ri_set(h, r, RI_LEN, len);
    return r;
}
/*
** A C-long range iterator read in one go: the next item's value, and what
** the fields become past it, all read before the item is made.
*/
typedef struct { int64_t left, value, after[2]; } RangeStep;
HEAP_HOT RangeStep ri_step(const Heap *h, Addr it)
{
    RangeStep s;
    const Ram *r = &h->ram;
    unsigned W = HEAP_W(h);
    if (h->range_iter_index) {
        int64_t i = ram_sword(r, ri_at(it, true, RI_INDEX, W)), start = ram_sword(r, ri_at(it, true, RI_START, W));
        int64_t step = ram_sword(r, ri_at(it, true, RI_STEP, W)), len = ram_sword(r, ri_at(it, true, RI_LEN, W));
        s.left = len - i;
        s.value = (int64_t)((uint64_t)start + (uint64_t)i * (uint64_t)step);
        s.after[0] = i + 1;                     /* RI_INDEX */
    } else {
        int64_t start = ram_sword(r, ri_at(it, false, RI_START, W)), step = ram_sword(r, ri_at(it, false, RI_STEP, W));
        int64_t len = ram_sword(r, ri_at(it, false, RI_LEN, W));
        s.left = len;
        s.value = start;
        s.after[0] = (int64_t)((uint64_t)start + (uint64_t)step);   /* RI_START */
        s.after[1] = len - 1;                   /* RI_LEN */
    }
    return s;
}
/* Items still to come. */
HEAP_HOT int64_t ri_left(const Heap *h, Addr it) { return ri_step(h, it).left; }
/* Moves the iterator past the item of 's'. */
HEAP_HOT void ri_advance(Heap *h, Addr it, const RangeStep *s)
{
    unsigned W = HEAP_W(h);
    if (h->range_iter_index) { ram_set_word(&h->ram, ri_at(it, true, RI_INDEX, W), (uint64_t)s->after[0]); return; }
    /* len, then start: stored the other way round, the sieve's range
    ** loop ran 25-35% slower in PGO builds (measured; not understood) */
    ram_set_word(&h->ram, ri_at(it, false, RI_LEN, W), (uint64_t)s->after[1]);
    ram_set_word(&h->ram, ri_at(it, false, RI_START, W), (uint64_t)s->after[0]);
}

/* op_next_fast's list or tuple iterator at index i: listiter_next and
** tupleiter_next, which drop the sequence at the end. */
HEAP_HOT int seq_next(Heap *h, Addr it, bool tuple, uint64_t i, Addr *out)
{
    Addr seq = obj_field(h, it, 0);
    if (!seq) return 0;
    if (i >= (tuple ? tuple_len(h, seq) : list_len(h, seq))) {
        obj_set_field(h, it, 0, 0);
        heap_decref(h, seq);
        return 0;
    }
    obj_set_field(h, it, 1, i + 1);
    *out = seq_get(h, seq, tuple, i);
    heap_incref(h, *out);
    return 1;
}

/*
** op_next's common cases inline: the next item of a list or tuple
** iterator, the next char of an ASCII str (its latin-1 singleton), or the
** next int of a range iterator of C longs, as op_next makes it. Returns 1
** with *out set, 0 at the end (a list or tuple iterator drops its
** sequence there, as listiter_next does; a range iterator changes
** nothing), or -1 for op_next to do it (other iterators, a str
** iterator's end, RAM full), having changed nothing.
*/
HEAP_HOT int op_next_fast(Heap *h, Addr it, Addr *out)
{
    Addr t = obj_type_addr(h, it);
    if (t == heap_type_obj(h, TY_RANGEITER)) {       /* for i in range(n): the most common first */
        RangeStep s = ri_step(h, it);
        if (s.left <= 0) return 0;
        Addr r = int_new_fast(h, s.value);
        if (!r) return -1;
        ri_advance(h, it, &s);
        *out = r;
        return 1;
    }
    uint64_t i = obj_field(h, it, 1);
    if (t == heap_type_obj(h, TY_LISTITER)) return seq_next(h, it, false, i, out);
    if (t == heap_type_obj(h, TY_STRITER)) {          /* an ASCII char: its latin-1 singleton */
        Addr s = obj_field(h, it, 0);
        if (!s || i >= str_len(h, s) || !str_is_ascii(h, s)) return -1;
        obj_set_field(h, it, 1, i + 1);
        *out = str_char_singleton(h, ascii_chars(h, s)[i]);
        return 1;
    }
    if (t == heap_type_obj(h, TY_TUPLEITER)) return seq_next(h, it, true, i, out);
    return -1;
}

/* A new iterator of type t (list, tuple, str, or a reversed one) over
** 'seq', at 'index' (seq_iter_new, vm/ops_iter.c; inline in the untraced
** loops); 0 when RAM is full. */
HEAP_HOT Addr seq_iter_make(Heap *h, TypeId t, Addr seq, int64_t index)
{
    unsigned W = HEAP_W(h);
    uint64_t size = h->L.iter_size, used = 4 * (uint64_t)W + heap_gc(h, t);
    Addr r = heap_make_hot(h, t, size);
    if (!r) return 0;
    heap_incref(h, seq);
    obj_set_field(h, r, 0, seq);
    obj_set_field(h, r, 1, (uint64_t)index);
    if (size > used) memset(ram_ptr(&h->ram, r + 4 * (Addr)W), 0, size - used);
    return r;
}

/* Whether 'rg' is a range of small ints whose iterator holds C longs:
** its start, stop, step and length in v. */
static inline bool range_of_longs(Heap *h, Addr rg, int64_t v[4])
{
    if (obj_type_addr(h, rg) != heap_type_obj(h, TY_RANGE)) return false;
    Addr int_t = heap_type_obj(h, TY_INT);
    for (unsigned i = 0; i < 4; i++) {
        Addr f = obj_field(h, rg, i);
        if (obj_type_addr(h, f) != int_t || !int_small(h, f, &v[i])) return false;
    }
    return ri_fits(h, v[0], v[1], v[2], v[3]);
}

/* iter() of a range_of_longs, as range_iter_new makes it (vm/ops.c): 0
** for anything else, and when RAM is full. */
static inline Addr range_iter_fast(Heap *h, Addr rg)
{
    int64_t v[4];
    if (!range_of_longs(h, rg, v)) return 0;
    Addr r = HEAP_OBSERVED(h) ? heap_new_object(h, TY_RANGEITER, 0, 0)
           : heap_new_plain(h, TY_RANGEITER, h->L.range_iter_size, (h->range_iter_index ? 4 : 3) * (uint64_t)HEAP_W(h));
    return r ? ri_init(h, r, v[0], v[2], v[3]) : 0;
}

/* Whether iter_fast makes x's iterator: a list, tuple, str, or a
** range_of_longs. */
HEAP_HOT bool iter_fast_kind(Heap *h, Addr x)
{
    Addr t = obj_type_addr(h, x);
    int64_t v[4];
    return t == heap_type_obj(h, TY_LIST) || t == heap_type_obj(h, TY_TUPLE) || t == heap_type_obj(h, TY_STR)
        || range_of_longs(h, x, v);
}

/* iter(x) of an iter_fast_kind, as op_iter makes it: 0 for anything else,
** and when RAM is full (then op_iter raises). */
HEAP_HOT Addr iter_fast(Heap *h, Addr x)
{
    Addr t = obj_type_addr(h, x);
    if (t == heap_type_obj(h, TY_RANGE)) return range_iter_fast(h, x);
    if (t == heap_type_obj(h, TY_LIST)) return seq_iter_make(h, TY_LISTITER, x, 0);
    if (t == heap_type_obj(h, TY_TUPLE)) return seq_iter_make(h, TY_TUPLEITER, x, 0);
    if (t == heap_type_obj(h, TY_STR)) return seq_iter_make(h, str_is_ascii(h, x) ? TY_STRITER : TY_USTRITER, x, 0);
    return 0;
}

/* PySlice_AdjustIndices for n items and a step (not 0): an end given as
** v (saturated to +-INT64_MAX / 2 beyond), one left out (None), and the
** count of items between start and stop. */
static inline int64_t slice_end(int64_t v, int64_t n, int64_t step)
{
    if (v < 0) {
        v += n;
        if (v < 0) v = step < 0 ? -1 : 0;
    } else if (v >= n) {
        v = step < 0 ? n - 1 : n;
    }
    return v;
}
static inline int64_t slice_end_none(bool start, int64_t n, int64_t step)
{
    return step < 0 ? (start ? n - 1 : -1) : (start ? 0 : n);
}
static inline size_t slice_count(int64_t start, int64_t stop, int64_t step)
{
    if (step < 0) return stop < start ? (size_t)((start - stop - 1) / (-step) + 1) : 0;
    return start < stop ? (size_t)((stop - start - 1) / step + 1) : 0;
}

/* isinstance(x, cls) for a type object cls: its type, or bool's base. */
static inline bool op_isinstance_type(const Heap *h, Addr x, Addr cls)
{
    return obj_type_addr(h, x) == cls || (obj_type_addr(h, x) == heap_type_obj(h, TY_BOOL) && cls == heap_type_obj(h, TY_INT));
}

bool op_check_hashable_slow(Vm *vm, Addr k);
/* True if k can be a dict key or set member; else TypeError. Ints and str,
** the common keys, take no call. */
static inline bool op_check_hashable(Vm *vm, Addr k)
{
    Addr t = obj_type_addr(vm->h, k);
    return t == heap_type_obj(vm->h, TY_INT) || t == heap_type_obj(vm->h, TY_STR) || op_check_hashable_slow(vm, k);
}

#endif
