/*
** vm/cpu_builtins.h: what the CPU loops without hooks do out of the
** loop's way: two str compared (str_compare_fast), FORITER's next item
** for the iterators op_next_fast leaves (next_unhooked), a dict
** comprehension's store (dict_store_unhooked), and
** the builtins they answer themselves (builtin_fast: abs, divmod, str of a
** small int, ord, chr, range, list of a range, list or tuple, tuple of a
** list or tuple, enumerate and zip of lists, tuples, strs and ranges,
** isinstance of a type),
** and ITER's iterators of those (iter_unhooked). Part of vm/cpu.h,
** compiled with it in each of its units; nothing here runs with hooks.
*/
#ifndef TRACEVM_CPU_BUILTINS_H
#define TRACEVM_CPU_BUILTINS_H

/* x == y, x < y and the other four for two str, without hooks, out of the
** CPU loop's way (PyUnicode_RichCompare makes nothing): the truth, or -1
** when op_compare must decide (another type; an order of non-ASCII str). */
static __attribute__((noinline)) int str_compare_fast(Heap *h, unsigned op, Addr x, Addr y)
{
    Addr st = heap_type_obj(h, TY_STR);
    if (obj_type_addr(h, x) != st || obj_type_addr(h, y) != st) return -1;
    if (op == OP_EQ || op == OP_NE) return str_eq_fast(h, x, y) == (op == OP_EQ);
    if (!str_is_ascii(h, x) || !str_is_ascii(h, y)) return -1;
    size_t nx = str_len(h, x), ny = str_len(h, y), m = nx < ny ? nx : ny;
    const uint8_t *px = ascii_chars(h, x), *py = ascii_chars(h, y);
    /* the first chars decide most orders ("a" <= ch <= "z"): a libc call
    ** only when they are equal */
    int c = m ? (int)px[0] - (int)py[0] : 0;
    if (!c && m > 1) c = memcmp(px + 1, py + 1, m - 1);
    if (!c) c = (nx > ny) - (nx < ny);
    switch (op) {
    case OP_LT: return c < 0;
    case OP_LE: return c <= 0;
    case OP_GT: return c > 0;
    case OP_GE: return c >= 0;
    default: return -1;
    }
}

/*
** FORITER's next item when op_next_fast declines, without hooks, out of
** the CPU loop's way: an enumerate's or zip's next tuple or a dict
** iterator's next (vm/iter_next.h, here with the loop's RAM access), a
** list_reverseiterator's next item. 1 with *out, 0 at the end, -1 on an
** error; -2 when op_next must do it (another iterator).
*/
static __attribute__((noinline)) int next_unhooked(Vm *vm, Addr it, Addr *out)
{
    Heap *h = vm->h;
    Addr t = obj_type_addr(h, it);
    if (t == heap_type_obj(h, TY_ENUMERATE)) return enum_next(vm, it, out);
    if (t == heap_type_obj(h, TY_ZIP)) return zip_next(vm, it, out);
    TypeId ty = (TypeId)((t - h->type_base) >> h->type_shift);
    if (op_is_dictiter(ty)) return dict_iter_next(vm, it, ty, out);     /* for k in d: */
    if (t == heap_type_obj(h, TY_LISTREVITER)) {     /* for x in reversed(xs): listreviter_next */
        Addr seq = obj_field(h, it, 0);
        int64_t i = ram_sword(&h->ram, it + 3 * (Addr)HEAP_W(h));
        if (!seq || i < 0 || (uint64_t)i >= list_len(h, seq)) return -2;     /* the end: op_next's */
        obj_set_field(h, it, 1, (uint64_t)(i - 1));
        *out = list_get(h, seq, (size_t)i);
        heap_incref(h, *out);
        return 1;
    }
    return -2;
}

/* d[k] = v into a dict without hooks, out of the CPU loop's way (a dict
** comprehension's DICTSET): dict_store, one probe for a key found or new;
** false when op_setitem must do it, having changed nothing. */
static __attribute__((noinline, unused)) bool dict_store_unhooked(Vm *vm, Addr d, Addr k, Addr v)
{
    return dict_store(vm->h, d, k, v);
}

/* divmod(x, y) of two small ints, y != 0, without hooks: the quotient,
** the remainder, then the tuple, as b_divmod (and l_divmod's fast path)
** makes them; 0 when b_divmod must do it (a full RAM: nothing is left
** behind). */
static inline Addr divmod_fast(Heap *h, Addr x, Addr y)
{
    int64_t p, q;
    if (!int_pair(h, x, y, &p, &q) || q == 0) return 0;
    Addr d = int_new_fast(h, int_floordiv(p, q)), m = d ? int_new_fast(h, int_mod(p, q)) : 0;
    Addr t = m ? tuple_new_filled(h, 2) : 0;
    if (!t) { heap_decref(h, m); heap_decref(h, d); return 0; }
    tuple_set(h, t, 0, d);
    tuple_set(h, t, 1, m);
    return t;
}

/* Whether 3.11's compute_range_length (vm/builtins.c range_length_311)
** makes only small ints, which it takes and drops again: no allocation. */
static inline bool range_len_small_311(const Heap *h, int64_t a, int64_t b, int64_t s)
{
    (void)h;
    int64_t lo = s > 0 ? a : b, hi = s > 0 ? b : a, st = s > 0 ? s : -s;
    if (s < 0 && st > HEAP_SMALL_MAX(h)) return false;     /* the negated step is made */
    if (lo >= hi) return true;
    int64_t tmp1 = hi - lo, tmp2 = (tmp1 - 1) / st;
    return tmp1 <= HEAP_SMALL_MAX(h) && tmp2 + 1 <= HEAP_SMALL_MAX(h);
}

/* range() of one to three small ints, as make_range builds it
** (vm/builtins.c): 0 for anything else, and when RAM is full. */
static Addr range_fast(Vm *vm, unsigned n, Addr x, Addr y, Addr z)
{
    Heap *h = vm->h;
    Addr int_t = heap_type_obj(h, TY_INT);
    Addr start = n == 1 ? heap_small_int_addr(h, 0) : x, stop = n == 1 ? x : y;
    Addr step = n == 3 ? z : heap_small_int_addr(h, 1);
    int64_t a, b, s;
    if (!start || !stop || !step || obj_type_addr(h, start) != int_t || obj_type_addr(h, stop) != int_t
        || obj_type_addr(h, step) != int_t || !int_small(h, start, &a) || !int_small(h, stop, &b)
        || !int_small(h, step, &s) || s == 0 || (!vm->py312 && !range_len_small_311(h, a, b, s)))
        return 0;
    int64_t len = (int64_t)op_range_len(a, b, s);     /* small ints: far below INT64_MAX */
    Addr l = int_new_fast(h, len);
    if (!l) return 0;
    Addr r = heap_new_plain(h, TY_RANGE, h->L.range_size, 4 * (uint64_t)HEAP_W(h));
    if (!r) { heap_decref(h, l); return 0; }
    heap_incref(h, start); heap_incref(h, stop); heap_incref(h, step);
    obj_set_field(h, r, 0, start);
    obj_set_field(h, r, 1, stop);
    obj_set_field(h, r, 2, step);
    obj_set_field(h, r, 3, l);
    return r;
}

/* iter() of a list, tuple, str or range_of_longs without hooks, as op_iter
** makes it, out of the CPU loop's way (iter_fast): 0 for anything else,
** and when RAM is full (op_iter then raises). */
static __attribute__((noinline)) Addr iter_unhooked(Heap *h, Addr x) { return iter_fast(h, x); }

/*
** l + m of two lists or two tuples, and a list or tuple times a small int
** (either side), without hooks, as vm/ops.c's list_concat, tuple_concat
** and seq_repeat make them: the same object from the same free list or
** block, each item's references taken in the same order. 0 for anything
** else (a repeat of more than 64 items: seq_repeat's bulk copy), and when
** RAM is full (nothing is left behind; op_binary then raises).
** seq_operands: whether a list or tuple is where it could be.
*/
static inline bool seq_operands(const Heap *h, unsigned op, Addr a, Addr b)
{
    Addr lt = heap_type_obj(h, TY_LIST), tt = heap_type_obj(h, TY_TUPLE), ta = obj_type_addr(h, a), tb;
    return ta == lt || ta == tt || (op == OP_MUL && ((tb = obj_type_addr(h, b)) == lt || tb == tt));
}
static __attribute__((noinline)) Addr seq_binary_fast(Heap *h, unsigned op, Addr a, Addr b)
{
    Addr lt = heap_type_obj(h, TY_LIST), tt = heap_type_obj(h, TY_TUPLE);
    Addr ta = obj_type_addr(h, a), tb = obj_type_addr(h, b);
    unsigned W = HEAP_W(h);
    if (op == OP_ADD) {
        if (ta != tb || (ta != lt && ta != tt)) return 0;
        size_t na = (size_t)obj_ob_size(h, a), nb = (size_t)obj_ob_size(h, b);
        if (ta == tt) {
            if (!na || !nb) { Addr r = na ? a : b; heap_incref(h, r); return r; }
            Addr r = tuple_new_filled(h, na + nb);
            if (!r) return 0;
            heap_copy_refs(h, tuple_item_at(h, r, 0), tuple_item_at(h, a, 0), 1, na);
            heap_copy_refs(h, tuple_item_at(h, r, na), tuple_item_at(h, b, 0), 1, nb);
            return r;
        }
        Addr r = list_new_filled(h, na + nb);
        if (!r) return 0;
        heap_copy_refs(h, list_items(h, r), list_items(h, a), 1, na);
        heap_copy_refs(h, list_items(h, r) + (Addr)na * W, list_items(h, b), 1, nb);
        return r;
    }
    /* OP_MUL: the sequence on either side */
    Addr s = a, k = b;
    if (ta != lt && ta != tt) { s = b; k = a; ta = tb; }
    int64_t n;
    if ((ta != lt && ta != tt) || obj_type_addr(h, k) != heap_type_obj(h, TY_INT) || !int_small(h, k, &n)) return 0;
    if (n < 0) n = 0;
    size_t len = (size_t)obj_ob_size(h, s);
    if ((uint64_t)n > 64 || len * (size_t)n > 64) return 0;
    size_t total = len * (size_t)n;
    Addr r, dst, src;
    if (ta == tt) {
        if (n == 1 || len == 0) { r = n == 1 ? s : h->empty_tuple; heap_incref(h, r); return r; }
        if (!total) { heap_incref(h, h->empty_tuple); return h->empty_tuple; }
        if (!(r = tuple_new_filled(h, total))) return 0;
        dst = tuple_item_at(h, r, 0);
        src = tuple_item_at(h, s, 0);
    } else {
        if (!(r = list_new_filled(h, total))) return 0;
        dst = total ? list_items(h, r) : 0;
        src = list_items(h, s);
    }
    for (size_t j = 0; j < (size_t)n; j++) heap_copy_refs(h, dst + (Addr)(j * len) * W, src, 1, len);
    return r;
}

/*
** o[sl] without hooks for a list, a tuple or an ASCII str (step 1) and a
** slice of small ints or None, as get_slice (vm/ops.c) makes it: the new
** list, tuple or str, or o itself where get_slice returns it; 0 for
** anything else, and when RAM is full (nothing is left behind).
*/
static __attribute__((noinline)) Addr slice_fast(Heap *h, Addr o, Addr sl)
{
    Addr t = obj_type_addr(h, o), none = h->none;
    bool list = t == heap_type_obj(h, TY_LIST), tuple = t == heap_type_obj(h, TY_TUPLE);
    bool str = t == heap_type_obj(h, TY_STR) && str_is_ascii(h, o);
    if (!list && !tuple && !str) return 0;
    int64_t n = (int64_t)obj_ob_size(h, o), step = 1, v[2];
    Addr st = obj_field(h, sl, 2);
    if (st != none && (obj_type_addr(h, st) != heap_type_obj(h, TY_INT) || !int_small(h, st, &step) || step == 0)) return 0;
    for (unsigned i = 0; i < 2; i++) {
        Addr e = obj_field(h, sl, i);
        if (e == none) { v[i] = slice_end_none(i == 0, n, step); continue; }
        if (obj_type_addr(h, e) != heap_type_obj(h, TY_INT) || !int_small(h, e, &v[i])) return 0;
        v[i] = slice_end(v[i], n, step);
    }
    size_t cnt = slice_count(v[0], v[1], step);
    if (!list && cnt == (size_t)n && step == 1) { heap_incref(h, o); return o; }
    if (str) return step == 1 ? str_ascii_piece(h, ascii_chars(h, o) + v[0], cnt) : 0;
    Addr r = list ? list_new_filled(h, cnt) : tuple_new_filled(h, cnt);     /* every item set below */
    if (r && cnt)
        heap_copy_refs(h, list ? list_items(h, r) : tuple_item_at(h, r, 0),
                       list ? list_items(h, o) + (Addr)v[0] * HEAP_W(h) : tuple_item_at(h, o, (size_t)v[0]), step, cnt);
    return r;
}

/* list(range(..)) of a range_of_longs, as the list type's call and
** op_list_extend make it (vm/builtins.c, vm/ops.c): the list, the range's
** iterator, the item array preallocated for the range's length, the ints
** (extend_from_range's loop, here with the loop's constants), the
** iterator dropped, a spare slot given back. 0 for anything else, and
** when RAM is full (then what was made is released again, and
** builtins_call repeats it to raise the MemoryError). */
static Addr list_of_range_fast(Heap *h, Addr rg)
{
    int64_t v[4];
    if (!range_of_longs(h, rg, v)) return 0;
    Addr l = list_new_fresh(h);
    if (!l) return 0;
    Addr it = range_iter_fast(h, rg);
    if (!it || (v[3] && list_preallocate_exact(h, l, (size_t)v[3]) != 0)) {
        heap_decref(h, it);
        heap_decref(h, l);
        return 0;
    }
    for (RangeStep s; (s = ri_step(h, it)).left > 0;) {
        Addr x = int_new_fast(h, s.value);
        if (!x) { heap_decref(h, it); heap_decref(h, l); return 0; }
        ri_advance(h, it, &s);
        list_append(h, l, x);               /* room for every item */
    }
    heap_decref(h, it);
    if (list_len(h, l) < list_capacity(h, l)) list_resize(h, l, list_len(h, l));
    return l;
}

/* list(xs) and tuple(xs) of a list or tuple, as list_vectorcall (a list
** not from the free list, its items preallocated exactly:
** op_list_extend) and PySequence_Tuple (a tuple is itself, a list's items
** go straight into a new tuple: op_tuple_from) make them; 0 for anything
** else, and when RAM is full (nothing is left behind). */
static Addr seq_copy_fast(Heap *h, bool to_list, Addr x)
{
    Addr t = obj_type_addr(h, x);
    bool from_list = t == heap_type_obj(h, TY_LIST);
    if (!from_list && t != heap_type_obj(h, TY_TUPLE)) return 0;
    size_t n = from_list ? list_len(h, x) : tuple_len(h, x);
    Addr src = from_list ? list_items(h, x) : tuple_item_at(h, x, 0);
    if (!to_list) {
        if (!from_list) { heap_incref(h, x); return x; }
        Addr r = n ? tuple_new_filled(h, n) : 0;
        if (r) heap_copy_refs(h, tuple_item_at(h, r, 0), src, 1, n);
        return r;
    }
    Addr l = list_new_fresh(h);
    if (!l || !n) return l;
    if (list_preallocate_exact(h, l, n) != 0) { heap_decref(h, l); return 0; }
    ram_set_word(&h->ram, l + 2 * HEAP_W(h), n);
    heap_copy_refs(h, list_items(h, l), src, 1, n);
    return l;
}

/* Whether x is a list or a tuple (*tuple says which). */
static inline bool list_or_tuple(const Heap *h, Addr x, bool *tuple)
{
    Addr t = obj_type_addr(h, x);
    *tuple = t == heap_type_obj(h, TY_TUPLE);
    return *tuple || t == heap_type_obj(h, TY_LIST);
}

/* A native's loop over list or tuple x, done without its iterator, as
** the iterator's existence leaves RAM: made (iter_fast), at index i, at
** its end (its sequence dropped) when 'end', then released. False when
** RAM is full (nothing made). */
static bool seq_walked(Heap *h, Addr x, size_t i, bool end)
{
    Addr it = iter_fast(h, x), item;
    if (!it) return false;
    obj_set_field(h, it, 1, i);
    if (end) (void)op_next_fast(h, it, &item);     /* past the last item: 0, the sequence dropped */
    heap_decref_fast(h, it);
    return true;
}

/*
** any(x) ('want' true) or all(x) of a list or tuple whose items up to the
** first that decides are bools, None or small ints, as any_all
** (vm/builtins.c) runs it: the iterator made, left where that item left
** it (or at the end, its sequence dropped), released; True or False. 0
** for anything else, and when RAM is full, having changed nothing.
*/
static Addr any_all_fast(Heap *h, Addr x, bool want)
{
    Addr int_t = heap_type_obj(h, TY_INT);
    bool tuple;
    if (!list_or_tuple(h, x, &tuple)) return 0;
    size_t n = (size_t)obj_ob_size(h, x), i = 0;
    for (; i < n; i++) {
        Addr v = seq_get(h, x, tuple, i);
        int64_t iv;
        bool truth;
        if (v == h->true_ || v == h->false_) truth = v == h->true_;
        else if (v == h->none) truth = false;
        else if (obj_type_addr(h, v) == int_t && int_small(h, v, &iv)) truth = iv != 0;
        else return 0;
        if (truth == want) break;
    }
    if (!seq_walked(h, x, i < n ? i + 1 : n, i >= n)) return 0;
    return heap_bool(h, (i < n) == want);
}

/*
** sum(x) of a list or tuple of small ints and bools whose total stays a C
** long, as b_sum's in-place walk adds them: the iterator made, run to its
** end and released, then the total. 0 for anything else (before anything
** is made), and when RAM is full.
*/
static Addr sum_fast(Heap *h, Addr x)
{
    bool tuple;
    if (!list_or_tuple(h, x, &tuple)) return 0;
    int64_t lmax = op_c_long_max(h), lmin = -lmax - 1, total = 0;
    size_t n = (size_t)obj_ob_size(h, x);
    for (size_t i = 0; i < n; i++)
        if (!sum_small_add(h, seq_get(h, x, tuple, i), &total, lmin, lmax)) return 0;
    return seq_walked(h, x, n, true) ? int_new_fast(h, total) : 0;
}

/* The builtins called with n arguments (x, y, z: the first three) whose common
** cases the loops without hooks answer here, out of the CPU loop's way
** (len() is len_fast; ord and chr builtin_fast's own): the result, or 0
** when builtins_call must do it. */
static __attribute__((noinline)) Addr builtin_fast_more(Vm *vm, Addr f, unsigned n, Addr x, Addr y, Addr z)
{
    Heap *h = vm->h;
    int64_t v;
    if (obj_type_addr(h, f) != heap_type_obj(h, TY_TYPE)) {     /* a builtin function */
        if (n == 1 && x) {
            if (f == vm->builtin_any || f == vm->builtin_all) return any_all_fast(h, x, f == vm->builtin_any);
            if (f == vm->builtin_sum) return sum_fast(h, x);
            return f == vm->builtin_abs ? negate_fast(h, x, true) : 0;
        }
        if (n != 2 || !x || !y) return 0;
        if (f == vm->builtin_divmod) return divmod_fast(h, x, y);
        if (f == vm->builtin_isinstance)    /* of a type: no tuple of types, no error */
            return obj_type_addr(h, y) == heap_type_obj(h, TY_TYPE) ? heap_bool(h, op_isinstance_type(h, x, y)) : 0;
        return 0;
    }
    if (f == heap_type_obj(h, TY_STR)) {   /* str() of an int below 2^60: op_str_obj's first case */
        if (n != 1 || !x || obj_type_addr(h, x) != heap_type_obj(h, TY_INT) || !int_small(h, x, &v)) return 0;
        return str_from_i64(h, v);
    }
    if (f == heap_type_obj(h, TY_FLOAT)) {     /* float() of a float (itself) or a small int: make_float's */
        if (n != 1 || !x) return 0;
        if (obj_type_addr(h, x) == heap_type_obj(h, TY_FLOAT)) { heap_incref(h, x); return x; }
        if (obj_type_addr(h, x) != heap_type_obj(h, TY_INT) || !int_small(h, x, &v)) return 0;
        return float_new_fast(h, (double)v);
    }
    if (f == heap_type_obj(h, TY_RANGE)) return range_fast(vm, n, x, y, z);
    if (f == heap_type_obj(h, TY_LIST) || f == heap_type_obj(h, TY_TUPLE)) {
        if (n != 1 || !x) return 0;
        bool to_list = f == heap_type_obj(h, TY_LIST);
        Addr r = seq_copy_fast(h, to_list, x);
        return r || !to_list ? r : list_of_range_fast(h, x);
    }
    if (f == heap_type_obj(h, TY_ZIP) || f == heap_type_obj(h, TY_ENUMERATE)) {
        /* of lists, tuples, strs and ranges: nothing can raise but RAM */
        Addr a[3] = { x, y, z };
        bool zip = f == heap_type_obj(h, TY_ZIP);
        for (unsigned i = 0; i < (zip ? n : 1); i++)
            if (!a[i] || !iter_fast_kind(h, a[i])) return 0;
        if (zip) return zip_new(vm, a, n, true);
        if (n > 2 || (n == 2 && (!y || obj_type_addr(h, y) != heap_type_obj(h, TY_INT) || !int_small(h, y, &v)))) return 0;
        return enum_new(vm, x, n == 2 ? y : 0, true);
    }
    return 0;
}

/* len() of a list, tuple, str or dict: the word after the type (ob_size,
** length, ma_used) as an int; 0 for anything else, or when RAM is full. */
static inline Addr len_fast(Heap *h, Addr o)
{
    Addr t = obj_type_addr(h, o);
    if (t != heap_type_obj(h, TY_LIST) && t != heap_type_obj(h, TY_TUPLE)
        && t != heap_type_obj(h, TY_STR) && t != heap_type_obj(h, TY_DICT))
        return 0;
    return int_new_fast(h, obj_ob_size(h, o));
}

/*
** The builtins CALL answers without hooks (builtin_fast_more has the
** list), or 0. ord() of an ASCII char (a cached small int) and chr()
** below 256 (the latin-1 singleton) make nothing and call nothing: here,
** in front, they cost no frame; with the rest, the prologue saved six
** registers for them (a char loop's ord and chr: about 20 instructions
** a call).
*/
static __attribute__((noinline)) Addr builtin_fast(Vm *vm, Addr f, unsigned n, Addr x, Addr y, Addr z)
{
    Heap *h = vm->h;
    if (n == 1 && f == vm->builtin_ord && x && obj_type_addr(h, x) == heap_type_obj(h, TY_STR)) {
        if (str_len(h, x) != 1 || !str_is_ascii(h, x)) return 0;
        Addr o = heap_small_int_addr(h, ascii_chars(h, x)[0]);
        heap_incref(h, o);
        return o;
    }
    if (n == 1 && f == vm->builtin_chr && x && obj_type_addr(h, x) == heap_type_obj(h, TY_INT)) {
        int64_t v;
        if (!int_small(h, x, &v) || v < 0 || v > 255) return 0;
        Addr c = h->latin1 + (Addr)v * h->latin1_stride;
        heap_incref(h, c);
        return c;
    }
    return builtin_fast_more(vm, f, n, x, y, z);
}

/* Whether f is a builtin function or a type: what builtin_call1 may answer. */
static inline bool builtin_callable(const Heap *h, Addr f)
{
    Addr t = obj_type_addr(h, f);
    return t == heap_type_obj(h, TY_BUILTIN) || t == heap_type_obj(h, TY_TYPE);
}

/* f(x), f a builtin function or a type, as CALL answers it without hooks
** (len_fast, builtin_fast), or 0. */
static inline Addr builtin_call1(Vm *vm, Addr f, Addr x)
{
    return f == vm->builtin_len ? len_fast(vm->h, x) : builtin_fast(vm, f, 1, x, 0, 0);
}

/*
** Without hooks, at "LOADGLOBAL R[a], f" of a builtin function or type f:
** when the instructions at pc are "MOVE or LOADK R[a+1+i], x_i" for each
** of n arguments (2 or 3, each a local or a constant; LOADGLOBAL itself
** tests for one) and then "CALL R[a], n", and CALL would answer f(x...)
** itself (builtin_fast: divmod, isinstance, range, enumerate, zip), the
** result (a new reference). *n_ins is then the number of instructions it
** stands for after the LOADGLOBAL, the CALL's MOVE into a local included
** when one follows (*local its register, else MAX_REGS), all within
** 'room' steps. 0 for another shape or a call CALL would make: nothing
** done. The increfs of f and the arguments and CALL's decrefs of them
** would cancel: the locals and constants hold them throughout.
*/
static __attribute__((noinline, unused)) Addr builtin_args_call(Vm *vm, Regs *R, Addr pc, unsigned a, Addr f, Addr *K,
                                                         uint64_t room, unsigned *n_ins, unsigned *local)
{
    Heap *h = vm->h;
    Addr x[3] = { 0, 0, 0 };
    unsigned n = 0;
    for (;; n++) {
        if (n >= room) return 0;
        Instr m = (Instr)ram_rd(&h->ram, pc + 4 * (Addr)n, 4);
        if (ins_op(m) == OP_CALL && n >= 2 && ins_a(m) == a && ins_b(m) == n) break;
        if (n == 3 || ins_a(m) != a + 1 + n || rget(R, a + 1 + n)) return 0;
        if (ins_op(m) == OP_LOADK) x[n] = K[ins_bx(m)];
        else if (ins_op(m) == OP_MOVE && ins_b(m) < R->nlocals && (x[n] = rget(R, ins_b(m)))) ;
        else return 0;
    }
    Addr r = rget(R, a) || !builtin_callable(h, f) ? 0 : builtin_fast(vm, f, n, x[0], x[1], x[2]);
    if (!r) return 0;
    Instr m = (Instr)ram_rd(&h->ram, pc + 4 * (Addr)(n + 1), 4);
    *local = MAX_REGS;
    if (room > n + 1 && move_to_local(m, a, R->nlocals)) { *local = ins_a(m); n++; }
    *n_ins = n + 1;
    return r;
}

#endif
