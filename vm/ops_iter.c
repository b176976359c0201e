/*
** vm/ops_iter.c: iteration on tracevm's built-in types: iter() and next()
** as CPython's iterators make and advance them (range iterators of C longs
** and longrange_iterators, list, tuple, str and dict iterators), and
** list.extend with the length hint and the bulk paths it takes for a
** range or a list iterator.
*/
#include "vm/ops.h"
#include "vm/iter_next.h"

#include <stdlib.h>

static Heap *H(Vm *vm) { return vm->h; }
static Addr nomem(Vm *vm) { return vm_raise(vm, EXC_MEMORY, "%s", ""); }

/* A Py_ssize_t field: -1 and the other negatives read back on 32-bit too. */
static int64_t field_ssize(const Heap *h, Addr o, unsigned f)
{
    return ram_sword(&h->ram, o + (Addr)(2 + f) * HEAP_W(h));
}

static size_t seq_len(const Heap *h, Addr seq)
{
    switch (obj_type(h, seq)) {
    case TY_LIST: return list_len(h, seq);
    case TY_TUPLE: return tuple_len(h, seq);
    default: return str_len(h, seq);
    }
}

/* PyObject_LengthHint: exact where the type knows its length, else 'dflt'. */
static size_t length_hint(Vm *vm, Addr src, size_t dflt)
{
    Heap *h = H(vm);
    switch (obj_type(h, src)) {
    case TY_LIST: return list_len(h, src);
    case TY_TUPLE: return tuple_len(h, src);
    case TY_STR: return str_len(h, src);
    case TY_DICT: return dict_len(h, src);
    case TY_DICTKEYS: case TY_DICTVALUES: case TY_DICTITEMS: return dict_len(h, obj_field(h, src, 0));
    case TY_RANGE: { int64_t n; return int_to_i64(h, obj_field(h, src, 3), &n) && n >= 0 ? (size_t)n : dflt; }
    case TY_LISTITER: case TY_TUPLEITER: case TY_STRITER: case TY_USTRITER: {
        Addr seq = obj_field(h, src, 0);
        if (!seq) return 0;
        size_t n = seq_len(h, seq), i = (size_t)obj_field(h, src, 1);
        return i < n ? n - i : 0;
    }
    case TY_RANGEITER: {
        int64_t n = ri_left(h, src);
        return n > 0 ? (size_t)n : 0;
    }
    case TY_LISTREVITER: case TY_REVERSED: {       /* listreviter_len, reversed_len */
        Addr seq = obj_field(h, src, 0);
        int64_t n = field_ssize(h, src, 1) + 1;
        return !seq || (int64_t)seq_len(h, seq) < n ? 0 : (size_t)n;
    }
    default:
        if (op_is_dictiter(obj_type(h, src))) {     /* dictiter_len */
            Addr d = obj_field(h, src, DI_DICT);
            return d && field_ssize(h, src, DI_USED) == (int64_t)dict_len(h, d) ? (size_t)field_ssize(h, src, DI_LEN) : 0;
        }
        return dflt;
    }
}

/* list(range(..)): op_next's items of a range iterator of C longs, taken
** in a loop of their own; op_next goes on from where this stops (RAM
** full). -1 when the list could not grow (the item is released, as
** list_append does). */
static __attribute__((flatten)) int extend_from_range(Heap *h, Addr l, Addr it)
{
    for (RangeStep s; (s = ri_step(h, it)).left > 0;) {
        Addr x = int_new_fast(h, s.value);
        if (!x) return 0;
        ri_advance(h, it, &s);
        if (list_append(h, l, x) != 0) return -1;
    }
    return 0;
}

/* list(iter(xs)), list(map(..)), list(reversed(xs)): op_next's items of a
** list iterator, taken in a loop of their own (no program code runs, so the
** list keeps its items); op_next goes on from where this stops and drops
** the list at the end. Not for an iterator over 'l' itself, which grows as
** it is read. -1 as extend_from_range. */
static __attribute__((flatten)) int extend_from_listiter(Heap *h, Addr l, Addr it)
{
    Addr seq = obj_field(h, it, 0);
    if (!seq || seq == l) return 0;
    size_t i = (size_t)obj_field(h, it, 1), n = list_len(h, seq);
    int rc = 0;
    while (i < n) {
        Addr v = list_get(h, seq, i++);
        heap_incref(h, v);
        if (list_append(h, l, v) != 0) { rc = -1; break; }
    }
    obj_set_field(h, it, 1, i);
    return rc;
}

/* list(reversed(xs)), " ".join(reversed(xs)): listreviter_next's items
** in a loop of their own, as extend_from_listiter. */
static __attribute__((flatten)) int extend_from_listreviter(Heap *h, Addr l, Addr it)
{
    Addr seq = obj_field(h, it, 0);
    if (!seq || seq == l) return 0;
    int64_t i = field_ssize(h, it, 1);
    int rc = 0;
    while (i >= 0 && (size_t)i < list_len(h, seq)) {
        Addr v = list_get(h, seq, (size_t)i--);
        heap_incref(h, v);
        if (list_append(h, l, v) != 0) { rc = -1; break; }
    }
    obj_set_field(h, it, 1, (uint64_t)i);
    return rc;
}

/* PyObject_GetIter for a constructor's argument: TypeError "'T' object is
** not iterable" for any value that has no iterator. */
static Addr get_iter(Vm *vm, Addr src)
{
    Addr it = op_iter(vm, src);
    if (!it && vm->err.kind == EXC_TYPE) {
        vm_clear_error(vm);
        vm_raise(vm, EXC_TYPE, "'%s' object is not iterable", op_type_name(vm, src));
    }
    return it;
}

/*
** list.extend as CPython's list_extend: a list or tuple source is copied
** after one resize (or an exact preallocation of an empty list); any other
** iterable is preallocated from its length hint (8 when unknown), appended
** item by item, and the spare room is given back at the end.
*/
int op_list_extend(Vm *vm, Addr l, Addr src)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, src);
    size_t m = list_len(h, l);
    if (t == TY_LIST || t == TY_TUPLE) {
        size_t n = t == TY_LIST ? list_len(h, src) : tuple_len(h, src);
        if (n == 0) return 0;
        if (!list_items(h, l)) {
            if (list_preallocate_exact(h, l, n) != 0) { nomem(vm); return -1; }
        } else if (list_resize(h, l, m + n) != 0) { nomem(vm); return -1; }
        ram_set_word(&h->ram, l + 2 * h->W, m + n);
        /* each item increfed in order; src == l: its first m items, which
        ** stay in place (read after the resize) */
        Addr from = t == TY_TUPLE ? tuple_item_at(h, src, 0) : list_items(h, src);
        heap_copy_refs(h, list_items(h, l) + (Addr)m * h->W, from, 1, n);
        return 0;
    }
    Addr it = get_iter(vm, src);
    if (!it) return -1;
    size_t n = length_hint(vm, src, 8);
    if (!list_items(h, l)) {
        if (n && list_preallocate_exact(h, l, n) != 0) { heap_decref(h, it); nomem(vm); return -1; }
    } else {
        if (list_resize(h, l, m + n) != 0) { heap_decref(h, it); nomem(vm); return -1; }
        ram_set_word(&h->ram, l + 2 * h->W, m);
    }
    Addr v;
    int st;
    Addr itt = obj_type_addr(h, it);
    if ((itt == heap_type_obj(h, TY_RANGEITER) && extend_from_range(h, l, it) != 0)
        || (itt == heap_type_obj(h, TY_LISTITER) && extend_from_listiter(h, l, it) != 0)
        || (itt == heap_type_obj(h, TY_LISTREVITER) && extend_from_listreviter(h, l, it) != 0)
        || ((itt == heap_type_obj(h, TY_DICTITER) || itt == heap_type_obj(h, TY_DICTVALITER) || itt == heap_type_obj(h, TY_DICTITEMITER))
            && dict_iter_extend(vm, l, it, obj_type(h, it)) != 0)) {
        heap_decref(h, it);
        nomem(vm);
        return -1;
    }
    while ((st = op_next(vm, it, &v)) == 1)
        if (list_append(h, l, v) != 0) { heap_decref(h, it); nomem(vm); return -1; }
    heap_decref(h, it);
    if (st < 0) return -1;
    if (list_len(h, l) < list_capacity(h, l)) list_resize(h, l, list_len(h, l));
    return 0;
}

/*
** tuple(src) as PySequence_Tuple: a tuple is itself, a list's items are
** copied into a tuple of their number (PyList_AsTuple); any other iterable's
** iterator is made first, then a tuple of its length hint (10 when it has
** none) is filled, grown by 10 and a quarter whenever it is full, cut back
** to its items at the end, and the iterator dropped last.
*/
Addr op_tuple_from(Vm *vm, Addr src)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, src);
    if (t == TY_TUPLE) { heap_incref(h, src); return src; }
    if (t == TY_LIST) {
        size_t n = list_len(h, src);
        Addr r = tuple_new(h, n);
        if (!r) return nomem(vm);
        if (n) heap_copy_refs(h, tuple_item_at(h, r, 0), list_items(h, src), 1, n);
        return r;
    }
    Addr it = get_iter(vm, src);
    if (!it) return 0;
    size_t n = length_hint(vm, src, 10), j = 0;
    Addr r = tuple_new(h, n), v;
    int st = r ? 0 : -2;
    while (r && (st = op_next(vm, it, &v)) == 1) {
        if (j >= n) {
            n += 10;
            n += n >> 2;
            if (!(r = tuple_resize(h, r, n))) { heap_decref(h, v); st = -2; break; }
        }
        tuple_set(h, r, j++, v);
    }
    if (st == 0 && j < n && !(r = tuple_resize(h, r, j))) st = -2;
    if (st != 0) heap_decref(h, r);
    heap_decref(h, it);
    if (st == -2) return nomem(vm);
    return st == 0 ? r : 0;
}

/*
** iter(range): CPython's range_iter. A range_iterator of C longs when
** start, stop, step and the length each fit a C long and the last item
** cannot overflow one; otherwise a longrange_iterator holding the range's
** own ints (3.11 adds an index, the int 0).
*/
static Addr range_iter_new(Vm *vm, Addr rg)
{
    Heap *h = H(vm);
    int64_t start, stop, step, len;
    bool fits = int_to_i64(h, obj_field(h, rg, 0), &start) && int_to_i64(h, obj_field(h, rg, 1), &stop)
             && int_to_i64(h, obj_field(h, rg, 2), &step) && int_to_i64(h, obj_field(h, rg, 3), &len)
             && ri_fits(h, start, stop, step, len);
    Addr r = heap_new_object(h, fits ? TY_RANGEITER : TY_LONGRANGEITER, 0, 0);
    if (!r) return nomem(vm);
    if (fits) return ri_init(h, r, start, step, len);
    unsigned at = h->range_iter_index;
    static const unsigned from[3] = { 0, 2, 3 };            /* the range's start, step, length */
    for (unsigned i = 0; i < 3; i++) {
        Addr f = obj_field(h, rg, from[i]);
        heap_incref(h, f);
        obj_set_field(h, r, at + i, f);
    }
    if (at) obj_set_field(h, r, 0, int_from_i64(h, 0));    /* the index, a cached small int */
    return r;
}

/* longrange_iterator's next, as CPython computes it (3.12: start + step
** and len - 1 made before the old start is handed out; 3.11: index + 1,
** index * step and start + that product): 1, 0 at the end, -1 raised. */
static int longrange_next(Vm *vm, Addr it, Addr *out)
{
    Heap *h = H(vm);
    Addr one = heap_small_int_addr(h, 1);     /* _PyLong_GetOne(): no reference */
    if (!h->range_iter_index) {
        Addr start = obj_field(h, it, 0), step = obj_field(h, it, 1), len = obj_field(h, it, 2);
        if (int_sign(h, len) <= 0) return 0;
        Addr ns = op_binary(vm, OP_ADD, start, step);
        if (!ns) return -1;
        Addr nl = op_binary(vm, OP_SUB, len, one);
        if (!nl) { heap_decref(h, ns); return -1; }
        *out = start;                       /* the field's reference */
        obj_set_field(h, it, 0, ns);
        obj_set_field(h, it, 2, nl);
        heap_decref(h, len);
        return 1;
    }
    Addr index = obj_field(h, it, 0), start = obj_field(h, it, 1), step = obj_field(h, it, 2), len = obj_field(h, it, 3);
    Addr lt = op_compare(vm, OP_LT, index, len);
    if (!lt) return -1;
    bool more = lt == h->true_;
    heap_decref(h, lt);
    if (!more) return 0;
    Addr ni = op_binary(vm, OP_ADD, index, one);
    if (!ni) return -1;
    Addr product = op_binary(vm, OP_MUL, index, step);
    if (!product) { heap_decref(h, ni); return -1; }
    Addr r = op_binary(vm, OP_ADD, start, product);
    heap_decref(h, product);
    if (!r) { heap_decref(h, ni); return -1; }
    obj_set_field(h, it, 0, ni);
    heap_decref(h, index);
    *out = r;
    return 1;
}

/* A sequence's iterator of type t (list, tuple, str, their reverse
** iterators): the sequence, then the index it starts at. */
static Addr seq_iter_new(Vm *vm, TypeId t, Addr seq, int64_t index)
{
    Addr r = seq_iter_make(H(vm), t, seq, index);
    return r ? r : nomem(vm);
}

/* dictiter_new: an iterator over d of type t (a dict iterator type) */
static Addr dictiter_new(Vm *vm, Addr d, TypeId t)
{
    Heap *h = H(vm);
    Addr r = heap_new_object(h, t, 5, 0);
    if (!r) return nomem(vm);
    bool rev = t >= TY_DICTREVKEYITER;
    heap_incref(h, d);
    obj_set_field(h, r, DI_DICT, d);
    obj_set_field(h, r, DI_USED, dict_len(h, d));
    obj_set_field(h, r, DI_POS, rev ? (uint64_t)dict_nentries(h, d) - 1 : 0);
    obj_set_field(h, r, DI_LEN, dict_len(h, d));
    if (t == TY_DICTITEMITER || t == TY_DICTREVITEMITER) {     /* PyTuple_Pack(2, None, None) */
        Addr tup = tuple_new(h, 2);
        if (!tup) { heap_decref(h, r); return nomem(vm); }
        tuple_set(h, tup, 0, heap_none(h));
        tuple_set(h, tup, 1, heap_none(h));
        obj_set_field(h, r, DI_RESULT, tup);
    }
    return r;
}

/* The dict iterator a dict or view gives, forwards or reversed. */
static Addr dict_iter_of(Vm *vm, Addr a, TypeId t, bool rev)
{
    Heap *h = H(vm);
    static const TypeId fwd[3] = { TY_DICTITER, TY_DICTVALITER, TY_DICTITEMITER };
    static const TypeId back[3] = { TY_DICTREVKEYITER, TY_DICTREVVALITER, TY_DICTREVITEMITER };
    unsigned kind = t == TY_DICTVALUES ? 1 : t == TY_DICTITEMS ? 2 : 0;
    return dictiter_new(vm, t == TY_DICT ? a : obj_field(h, a, 0), (rev ? back : fwd)[kind]);
}

/* list_reverseiterator's and reversed's next (listreviter_next,
** reversed_next): the item at the index, which counts down; past the
** first item, or past the end of a list that shrank, the sequence is let
** go and the index set to -1. */
static int reviter_next(Vm *vm, Addr it, Addr *out)
{
    Heap *h = H(vm);
    Addr seq = obj_field(h, it, 0);
    if (!seq) return 0;
    int64_t i = field_ssize(h, it, 1);
    if (i >= 0 && (size_t)i < seq_len(h, seq)) {
        TypeId st = obj_type(h, seq);
        if (st == TY_STR) {
            uint32_t ch = str_char(h, seq, (size_t)i);
            *out = ch < 256 ? str_char_singleton(h, ch) : str_from_cps(h, &ch, 1);
            if (!*out) return nomem(vm), -1;
        } else {
            *out = seq_get(h, seq, st == TY_TUPLE, (size_t)i);
            heap_incref(h, *out);
        }
        obj_set_field(h, it, 1, (uint64_t)(i - 1));
        return 1;
    }
    obj_set_field(h, it, 1, (uint64_t)-1);
    obj_set_field(h, it, 0, 0);
    heap_decref(h, seq);
    return 0;
}

/* reversed(range): range_reverse. A range iterator of C longs when start,
** stop, step, -step, start - step and the length are C longs; otherwise a
** longrange_iterator from start + (len - 1) * step, down by step. */
static Addr range_reverse(Vm *vm, Addr rg)
{
    Heap *h = H(vm);
    int64_t start, stop, step, lmax = op_c_long_max(h), lmin = -lmax - 1;
    if (int_to_i64(h, obj_field(h, rg, 0), &start) && int_to_i64(h, obj_field(h, rg, 1), &stop)
        && int_to_i64(h, obj_field(h, rg, 2), &step)
        && start >= lmin && start <= lmax && stop >= lmin && stop <= lmax && step >= lmin && step <= lmax
        /* start - step a C long, in unsigned arithmetic as range_reverse checks it */
        && step != lmin && (step > 0 ? (uint64_t)start - (uint64_t)lmin >= (uint64_t)step
                                     : (uint64_t)lmax - (uint64_t)start >= (uint64_t)0 - (uint64_t)step)) {
        /* get_len_of_range, in unsigned arithmetic */
        uint64_t len = 0;
        if (step > 0 && start < stop) len = ((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1;
        else if (step < 0 && start > stop) len = ((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1;
        if (len <= (uint64_t)lmax) {
            int64_t new_stop = start - step;
            int64_t new_start = (int64_t)((uint64_t)new_stop + len * (uint64_t)step);
            if (HEAP_W(h) == 4) new_start = (int32_t)(uint32_t)new_start;
            Addr r = heap_new_object(h, TY_RANGEITER, 0, 0);
            if (!r) return nomem(vm);
            return ri_init(h, r, new_start, -step, (int64_t)len);
        }
    }
    /* the long way: start + (len - 1) * step and -step as ints */
    Addr r = heap_new_object(h, TY_LONGRANGEITER, 0, 0);
    if (!r) return nomem(vm);
    unsigned at = h->range_iter_index;
    Addr len = obj_field(h, rg, 3);
    heap_incref(h, len);
    obj_set_field(h, r, at + 2, len);
    Addr one = heap_small_int_addr(h, 1);
    Addr diff = op_binary(vm, OP_SUB, len, one);
    Addr product = diff ? op_binary(vm, OP_MUL, diff, obj_field(h, rg, 2)) : 0;
    if (diff) heap_decref(h, diff);
    Addr sum = product ? op_binary(vm, OP_ADD, obj_field(h, rg, 0), product) : 0;
    if (product) heap_decref(h, product);
    Addr neg = sum ? op_unary(vm, OP_NEG, obj_field(h, rg, 2)) : 0;
    if (sum) obj_set_field(h, r, at, sum);
    if (neg) obj_set_field(h, r, at + 1, neg);
    if (at && neg) obj_set_field(h, r, 0, int_from_i64(h, 0));
    if (!neg) { heap_decref(h, r); return 0; }
    return r;
}

Addr op_reversed(Vm *vm, Addr seq)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, seq);
    if (t == TY_TUPLE || t == TY_STR)               /* no __reversed__: a sequence */
        return seq_iter_new(vm, TY_REVERSED, seq, (int64_t)seq_len(h, seq) - 1);
    if (t != TY_LIST && t != TY_RANGE && t != TY_DICT && t != TY_DICTKEYS && t != TY_DICTVALUES && t != TY_DICTITEMS)
        return vm_raise(vm, EXC_TYPE, "'%s' object is not reversible", op_type_name(vm, seq));
    /* _PyObject_LookupSpecial(seq, "__reversed__"): a bound method, made
    ** and dropped around the call */
    Addr m = heap_new_object(h, TY_BUILTIN, 2, 0);
    if (!m) return nomem(vm);
    heap_incref(h, seq);
    obj_set_field(h, m, 0, seq);
    Addr r = t == TY_LIST ? seq_iter_new(vm, TY_LISTREVITER, seq, (int64_t)list_len(h, seq) - 1)
           : t == TY_RANGE ? range_reverse(vm, seq) : dict_iter_of(vm, seq, t, true);
    heap_decref(h, m);
    return r;
}

Addr op_iter(Vm *vm, Addr a)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, a);
    TypeId it;
    switch (t) {
    case TY_LIST: it = TY_LISTITER; break;
    case TY_TUPLE: it = TY_TUPLEITER; break;
    case TY_STR: it = str_is_ascii(h, a) ? TY_STRITER : TY_USTRITER; break;   /* unicode_iter */
    case TY_DICT: case TY_DICTKEYS: case TY_DICTVALUES: case TY_DICTITEMS: return dict_iter_of(vm, a, t, false);
    case TY_RANGE: return range_iter_new(vm, a);
    default:
        if (op_is_iterator(t)) {
            heap_incref(h, a);
            return a;
        }
        return vm_raise(vm, EXC_TYPE, "'%s' object is not iterable", op_type_name(vm, a));
    }
    return seq_iter_new(vm, it, a, 0);
}

extern int vm_file_next(Vm *vm, Addr f, Addr *out);

int op_next(Vm *vm, Addr it, Addr *out)
{
    Heap *h = H(vm);
    int fast = op_next_fast(h, it, out);      /* a list's or range's next item, inline */
    if (fast >= 0) return fast;
    TypeId t = obj_type(h, it);
    uint64_t i = obj_field(h, it, 1);
    switch (t) {
    case TY_STRITER: case TY_USTRITER: {     /* lists and tuples: op_next_fast */
        Addr seq = obj_field(h, it, 0);
        if (!seq) return 0;
        if (i >= str_len(h, seq)) {
            obj_set_field(h, it, 0, 0);       /* exhausted iterators drop their sequence */
            heap_decref(h, seq);
            return 0;
        }
        obj_set_field(h, it, 1, i + 1);
        uint32_t ch = str_char(h, seq, i);
        *out = ch < 256 ? str_char_singleton(h, ch) : str_from_cps(h, &ch, 1);
        return *out ? 1 : (nomem(vm), -1);
    }
    case TY_LONGRANGEITER: return longrange_next(vm, it, out);
    case TY_RANGEITER: {
        RangeStep s = ri_step(h, it);
        if (s.left <= 0) return 0;
        *out = int_from_i64(h, s.value);
        if (!*out) return nomem(vm), -1;
        ri_advance(h, it, &s);
        return 1;
    }
    case TY_LISTREVITER: case TY_REVERSED: return reviter_next(vm, it, out);
    case TY_ENUMERATE: return enum_next(vm, it, out);
    case TY_ZIP: return zip_next(vm, it, out);
    case TY_MAP: return op_map_next(vm, it, out);
    case TY_FILTER: return op_filter_next(vm, it, out);
    case TY_FILE: return vm_file_next(vm, it, out);
    default:
        if (op_is_dictiter(t)) return dict_iter_next(vm, it, t, out);
        vm_raise(vm, EXC_TYPE, "'%s' object is not an iterator", op_type_name(vm, it));
        return -1;
    }
}
