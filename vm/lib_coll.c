/*
** vm/lib_coll.c: the methods of list, tuple and dict, and list sorting in
** CPython's comparison order.
*/
#include "vm/native.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vm/ops.h"

/*
** Sorting as CPython's listsort (Objects/listsort.txt) orders its
** comparisons, so that a TypeError names the same pair: runs found by
** count_run, extended to 'minrun' by binary insertion, then merged (a plain
** stable merge: galloping changes only which comparisons run, not results).
** Only '<' is used; 'reverse' reverses before and after, for stability.
*/
/* An item being sorted: its key (the item itself without key=) and value;
** 'iv' is the key's value when every key is an int of at most two digits
** (SortState.ints): then '<' compares those, with no call and no failure,
** as CPython's unsafe_long_compare does. Stability makes the order the
** same either way. */
typedef struct SortItem { Addr k, v; int64_t iv; } SortItem;
/* 'strs': every key a str of one byte a character (ASCII or Latin-1),
** 'iv' its length: '<' compares bytes, as CPython's unsafe_latin_compare. */
typedef struct SortState { Vm *vm; bool failed; bool ints, strs; } SortState;

static bool lt(SortState *ss, SortItem x, SortItem y)
{
    if (ss->ints) return x.iv < y.iv;
    if (ss->strs) {
        Heap *h = H(ss->vm);
        size_t n = (size_t)(x.iv < y.iv ? x.iv : y.iv);
        int c = memcmp(str_data(h, x.k), str_data(h, y.k), n);
        return c < 0 || (c == 0 && x.iv < y.iv);
    }
    if (ss->failed) return false;
    int c = op_order(ss->vm, x.k, y.k, "<");
    if (c == -2) { ss->failed = true; return false; }
    return c == -1;
}

static void reverse_items(SortItem *a, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) { SortItem t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; }
}

static size_t count_run(SortState *ss, SortItem *lo, size_t n, bool *descending)
{
    *descending = false;
    if (n == 1) return 1;
    size_t k = 2;
    if (lt(ss, lo[1], lo[0])) {
        *descending = true;
        while (k < n && lt(ss, lo[k], lo[k - 1])) k++;
    } else {
        while (k < n && !ss->failed && !lt(ss, lo[k], lo[k - 1])) k++;
    }
    return k;
}

static void binarysort(SortState *ss, SortItem *lo, size_t n, size_t start)
{
    if (start == 0) start = 1;
    for (; start < n && !ss->failed; start++) {
        SortItem pivot = lo[start];
        size_t l = 0, r = start;
        do {
            size_t p = l + ((r - l) >> 1);
            if (lt(ss, pivot, lo[p])) r = p; else l = p + 1;
        } while (l < r && !ss->failed);
        memmove(lo + l + 1, lo + l, (start - l) * sizeof *lo);
        lo[l] = pivot;
    }
}

static size_t compute_minrun(size_t n)
{
    size_t r = 0;
    while (n >= 64) { r |= n & 1; n >>= 1; }
    return n + r;
}

/* merges a[0..m) and a[m..n) in place through tmp, stably */
static void merge_runs(SortState *ss, SortItem *a, size_t m, size_t n, SortItem *tmp)
{
    memcpy(tmp, a, m * sizeof *a);
    size_t i = 0, j = m, k = 0;
    while (i < m && j < n && !ss->failed) a[k++] = lt(ss, a[j], tmp[i]) ? a[j++] : tmp[i++];
    while (i < m) a[k++] = tmp[i++];
}

/*
** Int keys in bulk: a stable LSD radix sort on their values (the sign bit
** flipped, so negatives come first), 11 bits a pass, skipping the digits
** every key shares. A stable sort by a total order has one result, so it
** is the merges' order, without their mispredicted compare per step.
*/
enum { RADIX_BITS = 11, RADIX_MIN = 256 };
static void radix_sort_ints(SortItem *a, size_t n, SortItem *tmp)
{
    const uint64_t flip = (uint64_t)1 << 63, mask = (1u << RADIX_BITS) - 1;
    uint64_t first = (uint64_t)a[0].iv ^ flip, diff = 0;
    for (size_t i = 1; i < n; i++) diff |= ((uint64_t)a[i].iv ^ flip) ^ first;
    SortItem *src = a, *dst = tmp;
    for (unsigned shift = 0; shift < 64; shift += RADIX_BITS) {
        if (!((diff >> shift) & mask)) continue;
        size_t at[1u << RADIX_BITS] = { 0 };
        for (size_t i = 0; i < n; i++) at[(((uint64_t)src[i].iv ^ flip) >> shift) & mask]++;
        for (size_t d = 0, sum = 0; d <= mask; d++) { size_t c = at[d]; at[d] = sum; sum += c; }
        for (size_t i = 0; i < n; i++) dst[at[(((uint64_t)src[i].iv ^ flip) >> shift) & mask]++] = src[i];
        SortItem *t = src; src = dst; dst = t;
    }
    if (src != a) memcpy(a, src, n * sizeof *a);
}

static int sort_items(Vm *vm, SortItem *a, size_t n, bool reverse, bool ints, bool strs)
{
    SortState ss = { vm, false, ints, strs };
    if (n < 2) return 0;
    if (reverse) reverse_items(a, n);
    SortItem *tmp = xmalloc((n + 1) * sizeof *tmp);
    if (ints && n >= RADIX_MIN) {
        radix_sort_ints(a, n, tmp);
        free(tmp);
        if (reverse) reverse_items(a, n);
        return 0;
    }
    size_t minrun = compute_minrun(n);
    size_t *runs = xmalloc((n / minrun + 2) * sizeof *runs), nruns = 0;
    for (size_t lo = 0; lo < n && !ss.failed;) {
        bool desc;
        size_t len = count_run(&ss, a + lo, n - lo, &desc);
        if (desc) reverse_items(a + lo, len);
        if (len < minrun) {
            size_t force = n - lo < minrun ? n - lo : minrun;
            binarysort(&ss, a + lo, force, len);
            len = force;
        }
        runs[nruns++] = lo;
        lo += len;
    }
    while (nruns > 1 && !ss.failed) {          /* merge neighbouring runs */
        size_t k = 0;
        for (size_t i = 0; i + 1 < nruns; i += 2) {
            size_t start = runs[i], mid = runs[i + 1], end = i + 2 < nruns ? runs[i + 2] : n;
            merge_runs(&ss, a + start, mid - start, end - start, tmp);
            runs[k++] = start;
        }
        if (nruns & 1) runs[k++] = runs[nruns - 1];
        nruns = k;
    }
    free(runs);
    free(tmp);
    if (ss.failed) return -1;
    if (reverse) reverse_items(a, n);
    return 0;
}

int nat_list_sort(Vm *vm, Addr l, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    static const char *const ok[] = { "key", "reverse", NULL };
    if (!nat_only_kw(vm, "sort", kw, ok)) return -1;
    Addr key = nat_kwarg(vm, args, n, kw, "key");
    Addr rev = nat_kwarg(vm, args, n, kw, "reverse");
    if (key == h->none) key = 0;
    bool reverse = rev ? op_truth(vm, rev) == 1 : false;
    size_t len = list_len(h, l);
    SortItem *a = xmalloc((len + 1) * sizeof *a);
    int st = 0;
    size_t nkeys = 0;
    for (size_t i = 0; i < len; i++) {
        a[i].v = list_get(h, l, i);
        a[i].k = a[i].v;
        if (key) {                      /* keys first, as CPython computes them */
            Addr item = a[i].v;
            a[i].k = nat_call(vm, key, &item, 1);
            if (!a[i].k) { st = -1; break; }
            nkeys++;
        }
    }
    bool ints = st == 0;
    for (size_t i = 0; i < len && ints; i++) {
        TypeId t = obj_type(h, a[i].k);
        ints = (t == TY_INT || t == TY_BOOL) && int_small(h, a[i].k, &a[i].iv);
    }
    bool strs = st == 0 && !ints;
    for (size_t i = 0; i < len && strs; i++) {
        strs = obj_type(h, a[i].k) == TY_STR && str_kind(h, a[i].k) == 1;
        a[i].iv = strs ? (int64_t)str_len(h, a[i].k) : 0;
    }
    if (st == 0) st = sort_items(vm, a, len, reverse, ints, strs);
    if (st == 0) for (size_t i = 0; i < len; i++) ram_set_word(&h->ram, list_items(h, l) + i * h->W, a[i].v);
    if (key) for (size_t i = 0; i < nkeys; i++) heap_decref(h, a[i].k);
    free(a);
    return st;
}

/* ---------------- list methods ---------------- */

static Addr m_list_append(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    heap_incref(H(vm), args[0]);
    if (list_append(H(vm), self, args[0]) != 0) return nomem(vm);
    return none(vm);
}

static Addr m_list_extend(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    if (op_list_extend(vm, self, args[0]) != 0) return 0;
    return none(vm);
}

static Addr m_list_pop(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    size_t len = list_len(h, self);
    if (len == 0) return vm_raise(vm, EXC_INDEX, "pop from empty list");
    int64_t i = (int64_t)len - 1;
    if (n && !op_index(vm, args[0], &i)) return 0;
    if (i < 0) i += (int64_t)len;
    if (i < 0 || (uint64_t)i >= len) return vm_raise(vm, EXC_INDEX, "pop index out of range");
    return list_pop(h, self, (size_t)i);
}

static Addr m_list_insert(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    int64_t i;
    if (!op_index(vm, args[0], &i)) return 0;
    int64_t len = (int64_t)list_len(h, self);
    if (i < 0) { i += len; if (i < 0) i = 0; }
    if (i > len) i = len;
    heap_incref(h, args[1]);
    if (list_insert(h, self, (size_t)i, args[1]) != 0) return nomem(vm);
    return none(vm);
}

static int64_t list_find(Vm *vm, Addr l, Addr v, int64_t from)
{
    Heap *h = H(vm);
    for (size_t i = (size_t)from; i < list_len(h, l); i++) {
        int e = op_eq(vm, list_get(h, l, i), v);
        if (e < 0) return -2;
        if (e) return (int64_t)i;
    }
    return -1;
}

static Addr m_list_remove(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    int64_t i = list_find(vm, self, args[0], 0);
    if (i == -2) return 0;
    if (i < 0) return vm_raise(vm, EXC_VALUE, "list.remove(x): x not in list");
    heap_decref(H(vm), list_pop(H(vm), self, (size_t)i));
    return none(vm);
}

static Addr m_list_index(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    int64_t from = 0;
    if (n > 1 && !op_index(vm, args[1], &from)) return 0;
    if (from < 0) { from += (int64_t)list_len(H(vm), self); if (from < 0) from = 0; }
    int64_t i = list_find(vm, self, args[0], from);
    if (i == -2) return 0;
    if (i < 0) {
        StrBuf s; sb_init(&s); op_repr(vm, args[0], &s);
        vm_raise(vm, EXC_VALUE, "%s is not in list", s.s);
        sb_free(&s);
        return 0;
    }
    return chk(vm, int_from_i64(H(vm), i));
}

static Addr m_tuple_count(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    int64_t c = 0;
    for (size_t i = 0; i < tuple_len(h, self); i++) {
        int e = op_eq(vm, tuple_get(h, self, i), args[0]);
        if (e < 0) return 0;
        c += e;
    }
    return chk(vm, int_from_i64(h, c));
}

static Addr m_tuple_index(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    for (size_t i = 0; i < tuple_len(h, self); i++) {
        int e = op_eq(vm, tuple_get(h, self, i), args[0]);
        if (e < 0) return 0;
        if (e) return chk(vm, int_from_i64(h, (int64_t)i));
    }
    return vm_raise(vm, EXC_VALUE, "tuple.index(x): x not in tuple");
}

static Addr m_list_count(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    int64_t c = 0;
    for (size_t i = 0; i < list_len(h, self); i++) {
        int e = op_eq(vm, list_get(h, self, i), args[0]);
        if (e < 0) return 0;
        c += e;
    }
    return chk(vm, int_from_i64(h, c));
}

static Addr m_list_reverse(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    Heap *h = H(vm);
    list_reverse(h, self);
    return none(vm);
}

static Addr m_list_sort(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    if (npos(vm, n, kw)) return vm_raise(vm, EXC_TYPE, "sort() takes no positional arguments");
    if (nat_list_sort(vm, self, args, n, kw) != 0) return 0;
    return none(vm);
}

static Addr m_list_copy(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    Heap *h = H(vm);
    size_t len = list_len(h, self);
    Addr r = list_new(h, len);
    if (!r) return nomem(vm);
    if (len) heap_copy_refs(h, list_items(h, r), list_items(h, self), 1, len);
    return r;
}

static Addr m_list_clear(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    list_del_slice(H(vm), self, 0, list_len(H(vm), self));
    return none(vm);
}

/* ---------------- dict methods ---------------- */

static Addr m_dict_get(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    if (!op_check_hashable(vm, args[0])) return 0;
    Addr v = dict_get(H(vm), self, args[0]);
    if (!v) v = n > 1 ? args[1] : H(vm)->none;
    heap_incref(H(vm), v);
    return v;
}

static Addr dict_view(Vm *vm, Addr self, TypeId t)
{
    Addr v = heap_new_object(H(vm), t, 1, 0);
    if (!v) return nomem(vm);
    heap_incref(H(vm), self);
    obj_set_field(H(vm), v, 0, self);
    return v;
}

static Addr m_dict_keys(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return dict_view(vm, self, TY_DICTKEYS); }
static Addr m_dict_values(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return dict_view(vm, self, TY_DICTVALUES); }
static Addr m_dict_items(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return dict_view(vm, self, TY_DICTITEMS); }

static Addr m_dict_pop(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    if (!op_check_hashable(vm, args[0])) return 0;
    Addr v = dict_get(h, self, args[0]);
    if (!v) {
        if (n > 1) { heap_incref(h, args[1]); return args[1]; }
        StrBuf s; sb_init(&s); op_repr(vm, args[0], &s);
        vm_raise(vm, EXC_KEY, "%s", s.s);
        sb_free(&s);
        return 0;
    }
    heap_incref(h, v);
    dict_del(h, self, args[0]);
    return v;
}

static Addr m_dict_setdefault(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    if (!op_check_hashable(vm, args[0])) return 0;
    Addr v = dict_get(h, self, args[0]);
    if (!v) {
        v = n > 1 ? args[1] : h->none;
        heap_incref(h, v);
        if (dict_set(h, self, args[0], v) != 0) return nomem(vm);
    }
    heap_incref(h, v);
    return v;
}

static Addr m_dict_update(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    return nat_dict_update(vm, self, args, n, kw) != 0 ? 0 : none(vm);
}

static Addr m_dict_clear(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    dict_clear(H(vm), self);
    return none(vm);
}

static Addr m_dict_copy(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return nat_make_dict(vm, &self, 1, 0, false); }

const Native lib_coll_natives[] = {
    { "append", TY_LIST, m_list_append, 1, 1, false },
    { "extend", TY_LIST, m_list_extend, 1, 1, false },
    { "pop", TY_LIST, m_list_pop, 0, 1, false },
    { "insert", TY_LIST, m_list_insert, 2, 2, false },
    { "remove", TY_LIST, m_list_remove, 1, 1, false },
    { "index", TY_LIST, m_list_index, 1, 2, false },
    { "count", TY_LIST, m_list_count, 1, 1, false },
    { "reverse", TY_LIST, m_list_reverse, 0, 0, false },
    { "sort", TY_LIST, m_list_sort, 0, 0, true },
    { "copy", TY_LIST, m_list_copy, 0, 0, false },
    { "clear", TY_LIST, m_list_clear, 0, 0, false },
    { "get", TY_DICT, m_dict_get, 1, 2, false },
    { "keys", TY_DICT, m_dict_keys, 0, 0, false },
    { "values", TY_DICT, m_dict_values, 0, 0, false },
    { "items", TY_DICT, m_dict_items, 0, 0, false },
    { "pop", TY_DICT, m_dict_pop, 1, 2, false },
    { "setdefault", TY_DICT, m_dict_setdefault, 1, 2, false },
    { "update", TY_DICT, m_dict_update, 0, 1, true },
    { "copy", TY_DICT, m_dict_copy, 0, 0, false },
    { "clear", TY_DICT, m_dict_clear, 0, 0, false },
    { "count", TY_TUPLE, m_tuple_count, 1, 1, false },
    { "index", TY_TUPLE, m_tuple_index, 1, 1, false },
};
const size_t lib_coll_nnatives = sizeof lib_coll_natives / sizeof lib_coll_natives[0];
