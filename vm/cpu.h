/*
** vm/cpu.h: the CPU loop, one source compiled five times (as CPython's
** ceval.c includes its generated cases): vm/vm.c builds vm_run_any, the
** generic loop with the tracing hooks; vm/cpu_fast.c builds one loop per
** machine shape (word size x int encoding) without hooks, where every RAM
** access is one host load or store (heap/ram.h TRACEVM_WORD and
** TRACEVM_DIRECT, heap/heap.h TRACEVM_INT_LV). vm_run picks one; all behave
** identically.
**
** The includer defines CPU_RUN (the function's name) and, for a loop
** without hooks, CPU_HOOKS 0 and HEAP_HOOKS 0 before any include.
**
** The loop is a switch over opcodes. Registers live in RAM: R[r] is the
** word at frame->base + r * W. Temporaries (r >= nlocals) are consumed by
** the instruction that reads them; see vm/opcodes.def.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heap/dict_lookup.h"
#include "heap/obj_str.h"
#include "vm/builtins.h"
#include "vm/iter_next.h"
#include "vm/ops.h"
#include "vm/spec.h"
#include "vm/suggest.h"
#include "vm/trace.h"
#include "vm/vm.h"

#ifndef CPU_HOOKS
#define CPU_HOOKS 1
#endif
#if !CPU_HOOKS
static inline void tuple_free_moved(Heap *h, Addr o);     /* heap/dealloc.h, included after */
#endif
/* A tracing hook runs only in a loop built with hooks, and only when traced. */
#define HOOKED(tr) (CPU_HOOKS && (tr))
/* Register access and the loop's helpers are inlined whole into the loops
** without hooks, by heap.h's rule (those loops set HEAP_HOOKS 0 too). */
#define CPU_HOT HEAP_HOT

void vm_capture_traceback(Vm *vm);

typedef struct Regs {
    Heap *h;
    Ram *ram;
    Addr base;
    unsigned nlocals;
    Tracer *tr;
} Regs;

CPU_HOT Addr rget(const Regs *R, unsigned r) { return ram_word(R->ram, R->base + (Addr)r * RAM_WORD(R->ram)); }
CPU_HOT void rset(Regs *R, unsigned r, Addr v) { ram_set_word(R->ram, R->base + (Addr)r * RAM_WORD(R->ram), v); }

/* Puts 'v' into R[r], stealing the reference; the old value is released last. */
CPU_HOT void reg_put(Regs *R, unsigned r, Addr v)
{
    Addr old = rget(R, r);
    rset(R, r, v);
    if (HOOKED(R->tr)) trace_reg_write(R->tr, r, v);
    heap_decref_fast(R->h, old);
}

/* Releases a temporary operand that the instruction has consumed. */
CPU_HOT void drop(Regs *R, unsigned x, unsigned keep)
{
    /* a constant (XK_BIT, 0x80 and up) reads as negative as a signed byte */
    if ((int)(int8_t)x < (int)R->nlocals || x == keep) return;
    Addr v = rget(R, x);
    rset(R, x, 0);
    heap_decref_fast(R->h, v);
}

/* Takes R[r]'s reference out: moves a temporary, copies a local. */
CPU_HOT Addr take(Regs *R, unsigned r)
{
    Addr v = rget(R, r);
    if (r >= R->nlocals) rset(R, r, 0);
    else heap_incref(R->h, v);
    return v;
}

#include "vm/cpu_fuse.h"
#include "vm/cpu_call.h"

#define CHECK(x) do { if (!(x)) goto error; } while (0)

/*
** BUILDDICT's dict of the c pairs in R[b..]: their references go to it
** (temporaries emptied, locals increfed), or 0 with an exception raised.
** Out of the CPU loop's way: its loops and calls there cost the loop a
** register (the pc went to the stack).
*/
static __attribute__((noinline)) Addr build_dict(Vm *vm, Regs R, unsigned b, unsigned c)
{
    Heap *h = vm->h;
    if (!HOOKED(R.tr) && !HEAP_OBSERVED(h) && c && c <= 8) {    /* str keys: built in place */
        Addr kv[16];
        for (unsigned i = 0; i < 2 * c; i++) kv[i] = rget(&R, b + i);
        Addr d = dict_build_str(h, kv, c);
        if (d) {
            for (unsigned i = 0; i < 2 * c; i++) (void)take(&R, b + i);
            return d;
        }
    }
    /* a display that fits the smallest table: dict_new; a larger one
    ** presized (_PyDict_FromItems), for str keys if all are */
    Addr d;
    if (c <= usable_fraction(h->L.dict_min_slots)) d = new_dict_with(h, h->empty_keys);
    else {
        bool unicode = true;
        for (unsigned i = 0; i < c && unicode; i++) unicode = obj_type(h, rget(&R, b + 2 * i)) == TY_STR;
        d = dict_new_presized(h, c, unicode);
    }
    if (!d) { vm_raise(vm, EXC_MEMORY, "%s", ""); return 0; }
    for (unsigned i = 0; i < c; i++) {
        Addr k = rget(&R, b + 2 * i), v = rget(&R, b + 2 * i + 1);
        if (!CPU_HOOKS && dict_store(h, d, k, v)) continue;     /* an int or str key */
        if (!op_check_hashable(vm, k)) { heap_decref(h, d); return 0; }
        heap_incref(h, v);
        if (dict_set(h, d, k, v) != 0) { heap_decref(h, d); vm_raise(vm, EXC_MEMORY, "%s", ""); return 0; }
    }
    for (unsigned i = 0; i < 2 * c; i++) drop(&R, b + i, MAX_REGS);
    return d;
}

/* A global cache miss: looks 'name' up and refills the cache. */
static Addr global_miss(Vm *vm, GlobalCache *gc, Addr name, Addr keys, uint32_t shape)
{
    Heap *h = vm->h;
    Addr slot = dict_value_slot(h, vm->globals, name);
    gc->keys = keys;
    gc->shape = shape;
    gc->slot = slot;
    if (slot) return ram_word(&h->ram, slot);
    gc->nentries = dict_nentries(h, vm->globals);
    gc->builtin = builtins_lookup(vm, name);
    return gc->builtin;
}

/* A STOREGLOBAL that missed the cache: stores through dict_set, then
** points the cache at the value's slot, so that a name only ever stored
** (a module-level loop variable) hits from then on. False: RAM is full. */
static bool global_store_miss(Vm *vm, GlobalCache *gc, Addr name, Addr v)
{
    Heap *h = vm->h;
    if (dict_set(h, vm->globals, name, v) != 0) return false;
    Addr keys = ram_word(&h->ram, vm->globals_keys_at);
    gc->keys = keys;
    gc->shape = dict_keys_shape(h, keys);
    gc->slot = dict_value_slot(h, vm->globals, name);
    return true;
}

/*
** globals[name] or builtins[name] (borrowed, 0 if neither), through the
** name's inline cache: a hit costs a few RAM reads instead of hashing.
*/
CPU_HOT Addr global_cached(Vm *vm, GlobalCache *gc, Addr name)
{
    Heap *h = vm->h;
    Addr keys = ram_word(&h->ram, vm->globals_keys_at);
    uint32_t shape = dict_keys_shape(h, keys);
    if (gc->keys == keys && gc->shape == shape) {
        if (gc->slot) {
            Addr v = ram_word(&h->ram, gc->slot);
            if (v && ram_word(&h->ram, gc->slot - HEAP_W(h)) == name) return v;
        } else if (gc->nentries == ram_word(&h->ram, dict_keys_nentries_at(h, keys))) {
            return gc->builtin;         /* no key was added: still not a global */
        }
    }
    return global_miss(vm, gc, name, keys, shape);
}

/* Both operands ints of at most two digits: their values in *p and *q.
** The CPU loop's inline arithmetic and comparisons start here. */
static inline __attribute__((always_inline)) bool int_pair(const Heap *h, Addr x, Addr y, int64_t *p, int64_t *q)
{
    Addr it = heap_type_obj(h, TY_INT);
    return obj_type_addr(h, x) == it && obj_type_addr(h, y) == it && int_small(h, x, p) && int_small(h, y, q);
}

/* |v| < 2**53: converts to a double exactly. */
static inline bool int_fits_double(int64_t v) { return v > -(INT64_C(1) << 53) && v < INT64_C(1) << 53; }

/* Python's % and // on int64 (q != 0, no overflow: |p|, |q| < 2**60):
** the result takes the divisor's sign, the quotient rounds down. */
static inline int64_t int_mod(int64_t p, int64_t q)
{
    int64_t r = p % q;
    return r && (r ^ q) < 0 ? r + q : r;
}
static inline int64_t int_floordiv(int64_t p, int64_t q)
{
    int64_t d = p / q;
    return p % q && (p ^ q) < 0 ? d - 1 : d;
}
/*
** x in s for a tuple or list s and an int of at most two digits or a str
** x, without running anything: 1 or 0 when every item up to the answer is
** x itself or of x's exact type (compared by value, as int and str
** compare); -1 when an item of another type comes first, and op_compare
** decides (bools and floats equal to ints, and the rest).
*/
static inline int seq_contains_fast(Heap *h, Addr s, Addr x)
{
    Addr xt = obj_type_addr(h, x);
    bool is_int = xt == heap_type_obj(h, TY_INT);
    int64_t xv = 0, v;
    if (is_int ? !int_small(h, x, &xv) : xt != heap_type_obj(h, TY_STR)) return -1;
    Addr items = obj_type_addr(h, s) == heap_type_obj(h, TY_LIST) ? list_items(h, s) : s + 3 * HEAP_W(h);
    size_t n = (size_t)obj_ob_size(h, s);
    for (size_t i = 0; i < n; i++) {
        Addr it = ram_word(&h->ram, items + i * HEAP_W(h));
        if (it == x) return 1;
        if (obj_type_addr(h, it) != xt) return -1;
        if (is_int ? int_small(h, it, &v) && v == xv : str_eq_fast(h, it, x)) return 1;
    }
    return 0;
}

/* x in c without hooks, out of the CPU loop's way: k in d for an int or
** str key in a dict or its keys() (dict_find's answer), x in a tuple or
** list (seq_contains_fast's),
** a str in a str (str_contains); -1 when op_compare must decide. */
static __attribute__((noinline)) int contains_fast(Heap *h, Addr c, Addr x)
{
    Addr t = obj_type_addr(h, c), slot;
    if (t == heap_type_obj(h, TY_DICT)) return dict_find(h, c, x, &slot);
    if (t == heap_type_obj(h, TY_DICTKEYS)) return dict_find(h, obj_field(h, c, 0), x, &slot);  /* k in d.keys() */
    if (t == heap_type_obj(h, TY_TUPLE) || t == heap_type_obj(h, TY_LIST)) return seq_contains_fast(h, c, x);
    if (t == heap_type_obj(h, TY_STR) && obj_type_addr(h, x) == t) {
        size_t n = str_len(h, c);
        if (str_len(h, x) == 1 && n <= 32 && str_is_ascii(h, c) && str_is_ascii(h, x)) {
            /* ch in "aeiou": one ASCII char in short ASCII text, a loop
            ** where the bytes lie (str_contains' memchr is a call) */
            const uint8_t *p = ascii_chars(h, c);
            uint8_t ch = ascii_chars(h, x)[0];
            for (size_t i = 0; i < n; i++) if (p[i] == ch) return 1;
            return 0;
        }
        return str_contains(h, c, x);
    }
    return -1;
}

/* float % (float_rem, y != 0): the result takes the divisor's sign, a zero
** result too. */
static inline double float_mod(double x, double y)
{
    double m = fmod(x, y);
    if (!m) return copysign(0.0, y);
    return (y < 0) != (m < 0) ? m + y : m;
}

/*
** A float operand, the other a float or an int of at most two digits:
** their values in *p and *q, as float_binary and op_compare see them. An
** int converts as PyLong_AsDouble converts it; *exact tells whether it
** converted exactly (|v| <= 2**53), which comparisons need, since CPython
** compares a float with an int by value.
*/
static inline __attribute__((always_inline)) bool float_pair(const Heap *h, Addr x, Addr y, double *p, double *q, bool *exact)
{
    Addr ft = heap_type_obj(h, TY_FLOAT), it = heap_type_obj(h, TY_INT);
    Addr tx = obj_type_addr(h, x), ty = obj_type_addr(h, y);
    if (tx != ft && ty != ft) return false;
    int64_t v;
    *exact = true;
    if (tx == ft) *p = float_value(h, x);
    else if (tx == it && int_small(h, x, &v)) { *p = (double)v; *exact = int_fits_double(v); }
    else return false;
    if (ty == ft) *q = float_value(h, y);
    else if (ty == it && int_small(h, y, &v)) { *q = (double)v; *exact = *exact && int_fits_double(v); }
    else return false;
    return true;
}

/*
** -x (long_neg, float_neg) and the builtin abs(x) (long_abs, float_abs)
** for an int of at most two digits or a float, without hooks, out of the
** CPU loop's way: the result, or 0 when op_unary or b_abs must do it (a
** bool, a big int, another type, a full RAM: they raise). abs() of an int
** that is not negative is the int itself; of a float, always a new float.
*/
static __attribute__((noinline)) Addr negate_fast(Heap *h, Addr x, bool absolute)
{
    Addr t = obj_type_addr(h, x);
    int64_t v;
    if (t == heap_type_obj(h, TY_FLOAT)) {
        double d = float_value(h, x);
        return float_new_fast(h, absolute ? fabs(d) : -d);
    }
    if (t != heap_type_obj(h, TY_INT) || !int_small(h, x, &v)) return 0;
    if (absolute && v >= 0) { heap_incref(h, x); return x; }
    return int_new_fast(h, -v);
}

#include "vm/cpu_builtins.h"

/*
** x ** y without hooks, out of the CPU loop's way: two small ints with
** y >= 0 and an int64 result (long_pow), or a positive finite float and a
** finite float or small int (float_pow: there every special case is
** ruled out and the result is C's pow). 0 when op_binary must do it:
** other operands, an overflow, a full RAM.
*/
static __attribute__((noinline)) Addr pow_fast(Heap *h, Addr x, Addr y)
{
    int64_t p, q, r;
    double fp, fq;
    bool exact;
    if (int_pair(h, x, y, &p, &q)) return q >= 0 && op_i64_pow(p, q, &r) ? int_new_fast(h, r) : 0;
    if (!float_pair(h, x, y, &fp, &fq, &exact) || !(fp > 0) || !isfinite(fp) || !isfinite(fq)) return 0;
    double d = pow(fp, fq);
    return isfinite(d) ? float_new_fast(h, d) : 0;
}

/* Remembers that k's value in dict d sits at vslot (Vm.lk). */
static inline void lookup_remember(Vm *vm, Addr d, Addr k, Addr vslot)
{
    Heap *h = vm->h;
    Addr keys = keys_of(h, d);
    vm->lk = (LookupCache){ d, k, ram_word(&h->ram, vslot - HEAP_W(h)), keys, vslot, dict_keys_shape(h, keys) };
}

/* Where k's value sits in d if Vm.lk still says so, else 0. */
static inline Addr lookup_recall(Vm *vm, Addr d, Addr k)
{
    Heap *h = vm->h;
    if (vm->lk.dict != d || vm->lk.key != k) return 0;
    Addr keys = keys_of(h, d);
    Addr ek = vm->lk.ekey;
    if (keys != vm->lk.keys || dict_keys_shape(h, keys) != vm->lk.shape
        || ram_word(&h->ram, vm->lk.vslot - HEAP_W(h)) != ek || (ek != k && !key_eq(h, ek, k)))
        return 0;
    return vm->lk.vslot;
}

/* o[i] for a list or tuple o (its type t) and an int index in range
** (negative counts from the end): the item, a new reference; else 0.
** GETITEM runs it in the loops without hooks before anything else:
** nothing here can raise. */
static inline __attribute__((always_inline)) Addr seq_item_fast(Heap *h, Addr o, Addr t, Addr i)
{
    int64_t k;
    bool list = t == heap_type_obj(h, TY_LIST);
    if ((!list && t != heap_type_obj(h, TY_TUPLE)) || obj_type_addr(h, i) != heap_type_obj(h, TY_INT) || !int_small(h, i, &k))
        return 0;
    int64_t n = obj_ob_size(h, o);
    if (k < 0) k += n;
    if (k < 0 || k >= n) return 0;
    Addr v = list ? list_get(h, o, (size_t)k) : tuple_get(h, o, (size_t)k);
    heap_incref(h, v);
    return v;
}

/* o[i] for a list, tuple or ASCII str and an int index in range, as
** op_getitem does it; 0 to take the general path. */
static inline Addr getitem_fast(Heap *h, Addr o, Addr i)
{
    Addr t = obj_type_addr(h, o);
    if (t == heap_type_obj(h, TY_STR) && str_is_ascii(h, o)) {
        /* s[i] of ASCII text: the character's latin-1 singleton */
        int64_t k;
        if (obj_type_addr(h, i) != heap_type_obj(h, TY_INT) || !int_small(h, i, &k)) return 0;
        int64_t n = (int64_t)str_len(h, o);
        if (k < 0) k += n;
        if (k < 0 || k >= n) return 0;
        return str_char_singleton(h, ascii_chars(h, o)[k]);
    }
    return seq_item_fast(h, o, t, i);
}

/* l[i] = v for a list and a small int index in range: the slot of the
** item, or 0 (anything else, and IndexError, take op_setitem). */
static inline Addr list_slot_fast(Heap *h, Addr o, Addr i)
{
    int64_t k;
    if (obj_type_addr(h, o) != heap_type_obj(h, TY_LIST) || obj_type_addr(h, i) != heap_type_obj(h, TY_INT)
        || !int_small(h, i, &k))
        return 0;
    int64_t n = obj_ob_size(h, o);
    if (k < 0) k += n;
    if (k < 0 || k >= n) return 0;
    return list_items(h, o) + (Addr)k * HEAP_W(h);
}

/*
** 3.11 counts some calls into C against the recursion limit (3.12 has a
** separate C stack limit): print() enters two levels (itself and the
** file's write method); fast one-argument builtins such as len() none.
** Measured: a recursive function that prints stops two frames earlier.
*/
static bool c_call_depth_ok(Vm *vm, Addr f)
{
    if (f != vm->print_c_levels) return true;
    if (vm->nframes + 2 <= vm->prof.recursion_limit) return true;
    vm_raise(vm, EXC_RECURSION, "maximum recursion depth exceeded while calling a Python object");
    return false;
}

/* gcc 12 at -O2 reports 'pc' as maybe-uninitialized at the error label
** although it is set before the first jump there (a known false positive
** with computed control flow this size). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

/*
** Dispatch: with GCC or clang, each instruction jumps through a table of
** label addresses (computed goto); the switch it jumps into stays for
** other compilers and for 'break'. The table comes from opcodes.def. GCC
** 12 keeps one shared indirect jump (the loop head is more than one
** block); one jump per case measured no faster here (bench/README.md).
*/
#if defined(__GNUC__)
#define CPU_GOTO 1
#define CASE(name) case OP_##name: L_##name
#define CASE_DEFAULT default: L__default
#define DISPATCH(op) goto *dispatch[(op)]
#else
#define CPU_GOTO 0
#define CASE(name) case OP_##name
#define CASE_DEFAULT default
#define DISPATCH(op) ((void)0)
#endif

/* The binary case's try at a big int + or - (int_add_digits,
** int_sub_digits): the result, 0 when another path must do it, or
** ADDSUB_NOMEM. A function of its own: with the tests in the loop, the
** loop benchmark, which never comes here, ran 2.5% slower. */
#define ADDSUB_NOMEM ((Addr)1)
static __attribute__((noinline, unused)) Addr bigint_addsub(Heap *h, OpCode op, Addr lhs, Addr rhs)
{
    Addr r;
    if ((op != OP_ADD && op != OP_IADD && op != OP_SUB) || obj_type_addr(h, lhs) != heap_type_obj(h, TY_INT)
        || obj_type_addr(h, rhs) != heap_type_obj(h, TY_INT)
        || !(op == OP_SUB ? int_sub_digits(h, lhs, rhs, &r) : int_add_digits(h, lhs, rhs, &r)))
        return 0;
    return r ? r : ADDSUB_NOMEM;
}

VmStatus CPU_RUN(Vm *vm)
{
    Heap *h = vm->h;
    const Program *prog = vm->prog;
    Regs R = { h, &h->ram, 0, 0, CPU_HOOKS ? vm->tr : NULL };
    if (!vm->started && vm_start(vm) != VM_OK) return VM_ERROR;
    if (!vm->nframes) return VM_OK;                 /* already finished */
    /* one compare per instruction serves both the step limit and a pause */
    uint64_t stop_at = vm->max_steps ? vm->max_steps : UINT64_MAX;
    if (vm->pause_at && vm->pause_at < stop_at) stop_at = vm->pause_at;

    /* The loops without hooks count steps in a local, which the compiler
    ** can keep in a register (RAM stores may alias vm->steps). vm->steps is
    ** brought up to date wherever anyone else may read or advance it: on
    ** every way out, and around native calls, which may run the program's
    ** functions in a nested loop (vm_call_function: sorted's key=, map).
    ** The loop with hooks counts in vm->steps itself: the tracer reads it. */
#if CPU_HOOKS
#define STEPS_OUT() ((void)0)
#define STEPS_IN() ((void)0)
#define STEPS_LEFT() (vm->steps < stop_at ? stop_at - vm->steps : 0)
#define STEPS_ADD(n) (vm->steps += (n))
#define STEP_TAKE() (vm->steps >= stop_at ? true : (vm->steps++, false))
#else
    /* ... and count down, the steps left before stop_at: the fetch tests
    ** that for zero, not against a limit that the compiler kept on the
    ** stack. vm->steps is steps_top - left (steps_top is stop_at, or
    ** vm->steps if that is already past it). */
    uint64_t left, steps_top;
#define STEPS_OUT() (vm->steps = steps_top - left)
#define STEPS_IN() (steps_top = vm->steps < stop_at ? stop_at : vm->steps, left = steps_top - vm->steps)
#define STEPS_LEFT() left
#define STEPS_ADD(n) (left -= (n))
#define STEP_TAKE() (left == 0 ? true : (left--, false))
    STEPS_IN();
#endif
    uint32_t chunk;
    const Chunk *ch;
    unsigned depth;                     /* this loop's frame: nested calls run above it */
    Addr pc = 0;
    Addr lhs, rhs, res;                 /* operands and result of the binary cases */
    int truth;                          /* a comparison's outcome */
#if CPU_GOTO
    /* labels as values and computed goto are GNU C: -Wpedantic says so */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#ifdef __clang__
#pragma GCC diagnostic ignored "-Winitializer-overrides"
#else
#pragma GCC diagnostic ignored "-Woverride-init"
#endif
    static const void *const dispatch[256] = {
        [0 ... 255] = &&L__default,
#define OP(name, fmt, operands, verb, effect) [OP_##name] = &&L_##name,
#include "vm/opcodes.def"
#undef OP
    };
#endif
    Addr *K;
    Addr *N;
    GlobalCache *G;                     /* this chunk's global caches */
/* the frame at 'd', the top one: the loop's state from it */
#define LOAD_FRAME_AT(d) do {                                  \
        depth = (d);                                           \
        const Frame *f_ = &vm->frames[depth];                  \
        const ChunkRun *r_ = f_->run;                          \
        chunk = f_->chunk; ch = r_->ch;                        \
        pc = f_->pc; R.base = f_->base; R.nlocals = r_->nlocals; \
        K = r_->K; N = r_->N; G = r_->G;                       \
    } while (0)
#define LOAD_FRAME() LOAD_FRAME_AT(vm->nframes - 1)
#define SAVE_PC() (vm->frames[depth].pc = pc)
#define XV(x) ((x) & XK_BIT ? K[(x) & ~XK_BIT] : rget(&R, (x)))
#define RV(r, var) do { var = rget(&R, (r)); if (!var) { unbound(vm, ch, (r)); goto error; } } while (0)
#define XVC(x, var) do { var = XV(x); if (!var) { unbound(vm, ch, (x)); goto error; } } while (0)
/*
** The number cases. 'ok' and 'val' are expressions in the values p and q of
** two small ints; 'fok' and 'fval' in the values fp and fq of a float and a
** float or small int (NUM_ only). Anything else, or an 'ok' that fails,
** goes to the general code at 'binary' / 'compare', which also raises.
*/
#define NUM_OPERANDS()                                                                \
        lhs = XV(b); rhs = XV(c);                                                     \
        if (!lhs || !rhs) goto binary
#define HOOK_OPERANDS()                                                               \
        if (HOOKED(R.tr)) { trace_operand(R.tr, b, lhs); trace_operand(R.tr, c, rhs); }
#define INT_BINARY(ok, val) do {                                                      \
        int64_t p, q;                                                                 \
        NUM_OPERANDS();                                                               \
        if (!int_pair(h, lhs, rhs, &p, &q) || !(ok)) goto binary;                     \
        HOOK_OPERANDS();                                                              \
        res = int_new_fast(h, (val));                                                 \
        CHECK(res);                                                                   \
        goto binary_done;                                                             \
    } while (0)
#define NUM_BINARY(ok, val, fok, fval) do {                                           \
        int64_t p, q;                                                                 \
        double fp, fq;                                                                \
        bool exact_;                                                                  \
        NUM_OPERANDS();                                                               \
        if (int_pair(h, lhs, rhs, &p, &q)) {                                          \
            if (!(ok)) goto binary;                                                   \
            HOOK_OPERANDS();                                                          \
            res = int_new_fast(h, (val));                                             \
        } else if (float_pair(h, lhs, rhs, &fp, &fq, &exact_)) {                      \
            if (!(fok)) goto binary;                                                  \
            HOOK_OPERANDS();                                                          \
            res = float_new_fast(h, (fval));                                          \
        } else {                                                                      \
            goto binary;                                                              \
        }                                                                             \
        CHECK(res);                                                                   \
        goto binary_done;                                                             \
    } while (0)
#define NUM_COMPARE(cond, fcond) do {                                                 \
        int64_t p, q;                                                                 \
        double fp, fq;                                                                \
        bool exact_;                                                                  \
        lhs = XV(b); rhs = XV(c);                                                     \
        if (!lhs || !rhs) goto compare;                                               \
        if (int_pair(h, lhs, rhs, &p, &q)) truth = (cond);                            \
        else if (float_pair(h, lhs, rhs, &fp, &fq, &exact_) && exact_) truth = (fcond); \
        else goto compare;                                                            \
        HOOK_OPERANDS();                                                              \
        goto compare_num;                                                             \
    } while (0)

    /* The operands are read from the word where a case uses them: decoded
    ** all up front, they were spilled to the stack before every dispatch. */
#ifdef TRACEVM_DIRECT
    /* In the direct loops an operand is one byte load from the instruction
    ** in RAM (little-endian: op, A, B, C), cheaper than shifting a copy of
    ** the word, and it frees the register that copy needed. */
    const uint8_t *ip = NULL;
#define a ((unsigned)ip[1])
#define b ((unsigned)ip[2])
#define c ((unsigned)ip[3])
#else
#define a ins_a(ins)
#define b ins_b(ins)
#define c ins_c(ins)
#endif
    Instr ins = 0;
    LOAD_FRAME();
    for (;;) {
        if (STEP_TAKE()) {
            SAVE_PC();
            STEPS_OUT();
            return vm->max_steps && vm->steps >= vm->max_steps ? VM_STEP_LIMIT : VM_PAUSED;
        }
        ins = (Instr)ram_rd(&h->ram, pc, 4);
#ifdef TRACEVM_DIRECT
        ip = ram_ptr(&h->ram, pc);
#endif
        Addr at = pc;
        pc += 4;
        if (HOOKED(R.tr)) trace_begin(R.tr, chunk, at, ins, ch->pos[(at - vm->code_addr[chunk]) / 4].line);
        OpCode op = (OpCode)ins_op(ins);
        DISPATCH(op);
        switch (op) {
        CASE(NOP): break;
        CASE(MOVE): {
            Addr v;
            RV(b, v);
            if (HOOKED(R.tr)) trace_reg_read(R.tr, b, v);
            /* Without hooks, a local moved into an empty temporary that
            ** the next JMPIF or JMPIFNOT tests (while b:, if x:) is tested
            ** where it lies and the branch taken, both counted as
            ** executed: the copy's incref and the branch's decref cancel,
            ** and the temporary ends empty either way. A temporary moved
            ** so (if a and b:, the 'and' in its own register) is emptied
            ** and released after the test, as the branch releases it. The
            ** next opcode is tested first: most MOVEs feed a call or a
            ** display. */
#ifdef TRACEVM_DIRECT
            if (!CPU_HOOKS && (ip[4] == OP_JMPIF || ip[4] == OP_JMPIFNOT) && ip[5] == a
                && b != a && a >= R.nlocals && STEPS_LEFT() && !rget(&R, a)) {
                Instr nx = (Instr)ram_rd(&h->ram, pc, 4);
                int t = v == h->true_ ? 1 : v == h->false_ ? 0 : op_truth(vm, v);
                if (b >= R.nlocals) { rset(&R, b, 0); heap_decref_fast(h, v); }
                STEPS_ADD(1);
                pc += 4;
                if (t == (ins_op(nx) == OP_JMPIF)) pc += (Addr)((int64_t)ins_sbx(nx) * 4);
                break;
            }
            /* a, b = t for a local t: the UNPACK and its MOVEs here */
            unsigned run;
            if (!CPU_HOOKS && ip[4] == OP_UNPACK && ip[6] == a && b < R.nlocals && a >= R.nlocals && !rget(&R, a)
                && (run = unpack_local(&R, h, &vm->uh_local, pc, (Instr)ram_rd(&h->ram, pc, 4), v, STEPS_LEFT()))) {
                STEPS_ADD(run);
                pc += 4 * (Addr)run;
                break;
            }
#endif
            v = take(&R, b);
            reg_put(&R, a, v);
            break;
        }
        CASE(COPY): {
            Addr v;
            RV(b, v);
            if (HOOKED(R.tr)) trace_reg_read(R.tr, b, v);
#ifdef TRACEVM_DIRECT
            /* Without hooks, o[i] op= x reads o[i] through copies of o and
            ** i ("COPY t, o; COPY u, i; GETITEM t, t, u"): for a list or
            ** tuple and an int in range, or a dict that holds i, the item
            ** goes into t here, all three counted as executed. The copies'
            ** increfs and GETITEM's decrefs would cancel (o and i stay
            ** held), and u ends empty either way. */
            if (!CPU_HOOKS && ip[4] == OP_COPY && ip[8] == OP_GETITEM && ip[9] == a && ip[10] == a && ip[11] == ip[5]
                && a >= R.nlocals && ip[5] >= R.nlocals && ip[5] != a && STEPS_LEFT() >= 2 && !rget(&R, a) && !rget(&R, ip[5])) {
                Addr i = rget(&R, ip[6]), t = obj_type_addr(h, v), r = 0, slot;
                if (i && (r = seq_item_fast(h, v, t, i)) == 0 && t == heap_type_obj(h, TY_DICT) && dict_find(h, v, i, &slot) > 0) {
                    r = ram_word(&h->ram, slot);
                    heap_incref(h, r);
                    lookup_remember(vm, v, i, slot);
                }
                if (r) {
                    rset(&R, a, r);
                    STEPS_ADD(2);
                    pc += 8;
                    break;
                }
            }
#endif
            heap_incref(h, v);
            reg_put(&R, a, v);
            break;
        }
        CASE(CHECKLOCAL): {
            Addr v;
            RV(a, v);
            (void)v;
            break;
        }
        CASE(LOADK): {
            Addr v = K[ins_bx(ins)];
            heap_incref(h, v);
            if (HOOKED(R.tr)) trace_const_read(R.tr, ins_bx(ins), v);
            reg_put(&R, a, v);
            break;
        }
        CASE(LOADGLOBAL): {
            Addr name = N[ins_bx(ins)];
            Addr v = global_cached(vm, &G[ins_bx(ins)], name);
            if (!v) {
                StrBuf s, m; sb_init(&s); sb_init(&m);
                str_to_utf8(h, name, &s);
                sb_printf(&m, "name '%s' is not defined", s.s);
                suggest_name_error(vm, ch, R.base, vm->nframes > 1, s.s, &m);
                vm_raise(vm, EXC_NAME, "%s", m.s);
                sb_free(&s); sb_free(&m);
                goto error;
            }
            if (HOOKED(R.tr)) trace_global(R.tr, false, name, v);
#ifdef TRACEVM_DIRECT
            /* Without hooks, f(x, ...) for a builtin f (its cache has no
            ** global slot) and locals or constants x, ... that CALL answers
            ** itself (len, ord, divmod, str of an int, ...): the result
            ** goes into R[A], or into the local the MOVE after the CALL
            ** takes it to, each instruction counted as executed
            ** (builtin_args_call). */
            if (!CPU_HOOKS && !G[ins_bx(ins)].slot && (ip[4] == OP_MOVE || ip[4] == OP_LOADK) && ip[5] == a + 1) {
                Addr r = 0, x;
                unsigned n = 2, to = MAX_REGS;
                if (ip[8] == OP_MOVE || ip[8] == OP_LOADK) {    /* two or three arguments */
                    r = builtin_args_call(vm, &R, pc, a, v, K, STEPS_LEFT(), &n, &to);
                } else if (ip[8] == OP_CALL && ip[9] == a && ip[10] == 1 && STEPS_LEFT() >= 2 && builtin_callable(h, v)
                           && (x = ip[4] == OP_LOADK ? K[ip[6] | (unsigned)ip[7] << 8] : ip[6] < R.nlocals ? rget(&R, ip[6]) : 0)
                           && !rget(&R, a) && !rget(&R, a + 1) && (r = builtin_call1(vm, v, x))
                           && ip[12] == OP_MOVE && ip[14] == a && ip[13] < R.nlocals && STEPS_LEFT() >= 3) {
                    to = ip[13];                        /* and the MOVE of its result */
                    n = 3;
                }                                       /* (else r, if made, stays in R[A]) */
                if (r) {
                    if (to < MAX_REGS) reg_put(&R, to, r);
                    else rset(&R, a, r);
                    STEPS_ADD(n);
                    pc += 4 * (Addr)n;
                    break;
                }
            }
#endif
            heap_incref(h, v);
            reg_put(&R, a, v);
            break;
        }
        CASE(STOREGLOBAL): {
            Addr v;
            RV(a, v);
            v = take(&R, a);
            if (HOOKED(R.tr)) trace_global(R.tr, true, N[ins_bx(ins)], v);
            GlobalCache *gc = &G[ins_bx(ins)];
            Addr gkeys = ram_word(&h->ram, vm->globals_keys_at);
            if (gc->keys && gc->slot && gc->keys == gkeys && gc->shape == dict_keys_shape(h, gkeys)
                && ram_word(&h->ram, gc->slot - HEAP_W(h)) == N[ins_bx(ins)]) {
                Addr old = ram_word(&h->ram, gc->slot);    /* as dict_set replaces a value */
                ram_set_word(&h->ram, gc->slot, v);
                heap_decref_fast(h, old);
            } else if (!global_store_miss(vm, gc, N[ins_bx(ins)], v)) { vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
            break;
        }
        CASE(DELGLOBAL): {
            Addr name = N[ins_bx(ins)];
            if (dict_del(h, vm->globals, name) != 0) {
                StrBuf s; sb_init(&s); str_to_utf8(h, name, &s);
                vm_raise(vm, EXC_NAME, "name '%s' is not defined", s.s);
                sb_free(&s);
                goto error;
            }
            break;
        }
        CASE(DELLOCAL): reg_put(&R, a, 0); break;
        CASE(POP): {
            Addr v = rget(&R, a);
            rset(&R, a, 0);
            heap_decref(h, v);
            break;
        }
        /* Ints of at most two digits inline, each operation with its own
        ** code; anything else (and every error) takes the general path. */
        CASE(ADD): CASE(IADD): NUM_BINARY(true, p + q, true, fp + fq);
        CASE(SUB): NUM_BINARY(true, p - q, true, fp - fq);
        CASE(MUL): CASE(IMUL): {
            int64_t m;
            NUM_BINARY(!__builtin_mul_overflow(p, q, &m), m, true, fp * fq);
        }
        CASE(MOD): NUM_BINARY(q != 0, int_mod(p, q), fq != 0, float_mod(fp, fq));
        CASE(FLOORDIV): INT_BINARY(q != 0, int_floordiv(p, q));
        CASE(BITAND): INT_BINARY(true, p & q);
        CASE(BITOR): INT_BINARY(true, p | q);
        CASE(BITXOR): INT_BINARY(true, p ^ q);
        CASE(DIV): {
            /* ints below 2**53 convert exactly, so one division rounds once,
            ** as long_true_divide's fast path does */
            int64_t p, q;
            double fp, fq;
            bool exact_;
            NUM_OPERANDS();
            if (int_pair(h, lhs, rhs, &p, &q)) {
                if (q == 0 || !int_fits_double(p) || !int_fits_double(q)) goto binary;
                fp = (double)p;
                fq = (double)q;
            } else if (!float_pair(h, lhs, rhs, &fp, &fq, &exact_) || fq == 0) {
                goto binary;
            }
            HOOK_OPERANDS();
            res = float_new_fast(h, fp / fq);
            CHECK(res);
            goto binary_done;
        }
        CASE(POW):
            if (!CPU_HOOKS) {
                NUM_OPERANDS();
                if ((res = pow_fast(h, lhs, rhs))) goto binary_done;
            }
            goto binary;
        /* a shift by a negative count raises; a left shift whose result
        ** would not fit 62 bits takes the general path (int_from_i64 or
        ** the big-int shift, as ops.c decides) */
        CASE(RSHIFT): INT_BINARY(q >= 0, p >> (q < 63 ? q : 63));
        CASE(LSHIFT): INT_BINARY(op_lshift_fits(p, q), (int64_t)((uint64_t)p << q));
        binary: {
            XVC(b, lhs);
            XVC(c, rhs);
            if (HOOKED(R.tr)) { trace_operand(R.tr, b, lhs); trace_operand(R.tr, c, rhs); }
            SAVE_PC();
            if ((op == OP_ADD || op == OP_IADD) && a < R.nlocals
                && spec_add_inplace(vm, chunk, (pc - 4 - vm->code_addr[chunk]) / 4, lhs, rhs, rget(&R, a))) {
                /* BINARY_OP_INPLACE_ADD_UNICODE: the left operand's own
                ** reference goes first (the local still holds s), then
                ** PyUnicode_Append on the local, then the right operand's */
                if (HOOKED(R.tr)) trace_binary_operands(R.tr, op, lhs, rhs);
                drop(&R, b, a);
                res = op_str_append(vm, lhs, rhs);
                CHECK(res);
                rset(&R, a, res);
                if (HOOKED(R.tr)) { trace_binary_result(R.tr, res); trace_reg_write(R.tr, a, res); }
                drop(&R, c, a);
                break;
            }
            /* big positive ints added or subtracted straight from RAM
            ** (x_add, x_sub), without op_binary's dispatch: a, b = b, a + b */
            if (!CPU_HOOKS && (res = bigint_addsub(h, op, lhs, rhs))) {
                if (res == ADDSUB_NOMEM) { vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
                goto binary_done;
            }
            /* lists and tuples joined or repeated (str + str, the common
            ** case here, makes no call on the way to op_binary) */
            if (!CPU_HOOKS && (op == OP_ADD || op == OP_MUL) && seq_operands(h, op, lhs, rhs)
                && (res = seq_binary_fast(h, op, lhs, rhs)))
                goto binary_done;
            res = op == OP_IADD ? op_inplace(vm, OP_ADD, lhs, rhs)
                : op == OP_IMUL ? op_inplace(vm, OP_MUL, lhs, rhs) : op_binary(vm, op, lhs, rhs);
            CHECK(res);
        binary_done:
            if (HOOKED(R.tr)) trace_binary(R.tr, op, lhs, rhs, res);
            drop(&R, c, a);
            drop(&R, b, a);
            reg_put(&R, a, res);
            break;
        }
        CASE(NEG): CASE(POS): CASE(INVERT): CASE(NOT): {
            Addr x;
            RV(b, x);
            if (HOOKED(R.tr)) trace_operand(R.tr, b, x);
            SAVE_PC();
            Addr r = 0;
            if (!CPU_HOOKS && op == OP_NOT && (x == h->true_ || x == h->false_)) r = heap_bool(h, x == h->false_);
            else if (!CPU_HOOKS && op == OP_NEG) r = negate_fast(h, x, false);
            if (!r) r = op_unary(vm, op, x);
            CHECK(r);
            if (HOOKED(R.tr)) trace_unary(R.tr, op, x, r);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        CASE(LT): NUM_COMPARE(p < q, fp < fq);
        CASE(LE): NUM_COMPARE(p <= q, fp <= fq);
        CASE(GT): NUM_COMPARE(p > q, fp > fq);
        CASE(GE): NUM_COMPARE(p >= q, fp >= fq);
        CASE(EQ): NUM_COMPARE(p == q, fp == fq);
        CASE(NE): NUM_COMPARE(p != q, fp != fq);
        CASE(IS): CASE(ISNOT): CASE(IN): CASE(NOTIN):
        compare: {
            XVC(b, lhs);
            XVC(c, rhs);
            if (HOOKED(R.tr)) { trace_operand(R.tr, b, lhs); trace_operand(R.tr, c, rhs); }
            SAVE_PC();
            if (!CPU_HOOKS && (op == OP_IN || op == OP_NOTIN)) {
                int found = contains_fast(h, rhs, lhs);
                if (found >= 0) {
                    res = heap_bool(h, found != (op == OP_NOTIN));
                    goto binary_done;
                }
            } else if (!CPU_HOOKS && op != OP_IS && op != OP_ISNOT && (truth = str_compare_fast(h, op, lhs, rhs)) >= 0) {
                goto compare_num;
            }
            res = op_compare(vm, op, lhs, rhs);
            CHECK(res);
            goto binary_done;
        }
        compare_num: {
            /* Without hooks, a compare into a temporary that the next
            ** instruction branches on takes the branch here: the bool
            ** would be made and consumed with nothing to observe it. */
            if (!CPU_HOOKS && a >= R.nlocals && STEPS_LEFT()) {
                Instr nx = (Instr)ram_rd(&h->ram, pc, 4);
                unsigned nop = ins_op(nx);
                /* if and while: the branch, taken or not, drops the bool */
                if ((nop == OP_JMPIF || nop == OP_JMPIFNOT) && ins_a(nx) == a) {
                    drop(&R, c, a);
                    drop(&R, b, a);
                    reg_put(&R, a, 0);
                    STEPS_ADD(1);
                    pc += 4;
                    if (truth == (nop == OP_JMPIF)) pc += (Addr)((int64_t)ins_sbx(nx) * 4);
                    break;
                }
                if ((nop == OP_ANDJMP || nop == OP_ORJMP) && ins_a(nx) == a) {
                    /* ANDJMP and ORJMP keep the bool when they jump (a
                    ** chained comparison's result), else drop it; an
                    ** ANDJMP's jump in an if or while goes on to the test */
                    bool jump = truth == (nop == OP_ORJMP);
                    Addr to = pc + 4 + (Addr)((int64_t)ins_sbx(nx) * 4);
                    drop(&R, c, a);
                    drop(&R, b, a);
                    reg_put(&R, a, 0);
                    unsigned n = jump && nop == OP_ANDJMP ? chain_branch(&R, h, &pc, to, a, true, truth, STEPS_LEFT() - 1) : 0;
                    if (n) { STEPS_ADD(1 + n); break; }
                    if (jump) rset(&R, a, heap_bool(h, truth));
                    STEPS_ADD(1);
                    pc = jump ? to : pc + 4;
                    break;
                }
                /* the last comparison of a chain, then JMP to its test */
                if (nop == OP_JMP && ins_sbx(nx) >= 0) {
                    unsigned n = chain_branch(&R, h, &pc, pc + 4 + (Addr)((int64_t)ins_sbx(nx) * 4), a, false, truth, STEPS_LEFT() - 1);
                    if (n) {
                        drop(&R, c, a);
                        drop(&R, b, a);
                        reg_put(&R, a, 0);
                        STEPS_ADD(1 + n);
                        break;
                    }
                }
            }
            res = heap_bool(h, truth);
            goto binary_done;
        }
        CASE(JMP):
            if (__builtin_expect(vm->nwarming != 0, 0)) spec_warm(vm, chunk, pc - 4);     /* JUMP_BACKWARD */
            pc += (Addr)((int64_t)ins_sbx(ins) * 4);
            break;
        CASE(JMPIF): CASE(JMPIFNOT): CASE(ORJMP): CASE(ANDJMP): {
            Addr x;
            RV(a, x);
            if (HOOKED(R.tr)) trace_operand(R.tr, a, x);
            int64_t iv;
            int t = x == h->true_ ? 1 : x == h->false_ ? 0
                  : !CPU_HOOKS && obj_type_addr(h, x) == heap_type_obj(h, TY_INT) ? !int_small(h, x, &iv) || iv != 0   /* if i % 2: */
                  : op_truth(vm, x);
            CHECK(t >= 0);
            bool jump = (op == OP_JMPIF || op == OP_ORJMP) ? t : !t;
            if (HOOKED(R.tr)) trace_branch(R.tr, x, t, jump);
            if (op == OP_JMPIF || op == OP_JMPIFNOT || !jump) drop(&R, a, MAX_REGS);
            if (jump) pc += (Addr)((int64_t)ins_sbx(ins) * 4);
            break;
        }
        CASE(KWNAMES): vm->kwnames = K[ins_bx(ins)]; break;
        CASE(CALL): {
            Addr f;
            RV(a, f);
            Addr kw = vm->kwnames;
            vm->kwnames = 0;
            SAVE_PC();
            TypeId ft = obj_type(h, f);
            if (ft == TY_FUNCTION) {
                uint32_t target = (uint32_t)obj_field(h, obj_field(h, f, 3), 0);
                const ChunkRun *run = &vm->runs[target];
                const Chunk *cc = run->ch;
                if (HOOKED(R.tr)) trace_call(R.tr, f, b);
                /* every parameter passed by position: nothing to arrange */
                if ((kw || b != run->nparams) && !bind_args(vm, &R, a, b, f, cc, kw)) goto error;
                Addr nb = R.base + (Addr)(a + 1) * HEAP_W(h);
                /* the function object moves into the frame: R[A] keeps no reference */
                rset(&R, a, 0);
                /* LOAD_FRAME, from the values at hand (LOAD_FRAME itself
                ** reloads them: fib +0.7% instructions); pc, K and N are
                ** read before push_frame stores them, so the callee's first
                ** fetch does not wait on those stores */
                Addr npc = run->code;
                Addr *nK = run->K, *nN = run->N;
                GlobalCache *nG = run->G;
                unsigned nlocals = run->nlocals;
                if (!push_frame(vm, target, run, nb, f, a)) { rset(&R, a, f); goto error; }
                depth++;                        /* the loop's frame is always the top one */
                chunk = target; ch = cc;
                pc = npc; R.base = nb; R.nlocals = nlocals;
                K = nK; N = nN; G = nG;
#if CPU_HOOKS
                /* The callee's other registers are already empty: they are
                ** the caller's free temporaries (each consumed, so zero) or
                ** stack above every frame, which RETURN leaves zero. The
                ** loops without hooks rely on that; this one checks it, so
                ** every traced test run would catch a register left behind. */
                for (Addr p = nb + (Addr)cc->nparams * HEAP_W(h), end = nb + (Addr)cc->nregs * HEAP_W(h); p < end; p += HEAP_W(h))
                    if (ram_word(&h->ram, p)) { vm_raise(vm, EXC_SYSTEM, "internal error: a register above the call holds a value"); goto error; }
#endif
                break;
            }
            /* len() of a list, tuple, str or dict without hooks: the
            ** word after the type (ob_size, length, ma_used); a few more
            ** builtins in builtin_fast */
            if (!CPU_HOOKS && !kw && (ft == TY_BUILTIN || ft == TY_TYPE) && b && b <= 3) {
                Addr o = rget(&R, a + 1), r;
                if (f != vm->builtin_len) r = builtin_fast(vm, f, b, o, b > 1 ? rget(&R, a + 2) : 0, b > 2 ? rget(&R, a + 3) : 0);
                else r = o ? len_fast(h, o) : 0;
                if ((res = r)) goto call_done;
            }
            if (ft != TY_BUILTIN && ft != TY_TYPE) {
                vm_raise(vm, EXC_TYPE, "'%s' object is not callable", op_type_name(vm, f));
                goto error;
            }
            Addr args[256];
            for (unsigned i = 0; i < b; i++) { args[i] = rget(&R, a + 1 + i); }
            if (HOOKED(R.tr)) trace_call(R.tr, f, b);
            if (ft == TY_BUILTIN && !c_call_depth_ok(vm, f)) goto error;
            STEPS_OUT();
            res = builtins_call(vm, f, args, b, kw);
            STEPS_IN();
            CHECK(res);
            goto call_done;
        }
        CASE(LOADMETHOD): {
            Addr self;
            RV(a, self);
            Addr t = obj_type_addr(h, self);
            if (N[c] == vm->name_append && t == heap_type_obj(h, TY_LIST)) {
                /* Without hooks, xs.append(x) as a statement, x a local or
                ** a constant: the MOVE or LOADK of x, the CALLMETHOD and
                ** the POP of its None done here, with the same references
                ** in the same order (x's incref, the append, the list's
                ** decref from R[A]). */
                Addr v;
                if (!CPU_HOOKS && STEPS_LEFT() >= 3 && (v = append_arg(&R, h, pc, ins, K))) {
                    heap_incref(h, v);
                    STEPS_ADD(2);
                    pc += 8;
                    if (list_append(h, self, v) != 0) { vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
                    reg_put(&R, a, 0);
                    STEPS_ADD(1);
                    pc += 4;
                }
                break;
            }
            MethodCache *mc = &vm->mcache[ch->names[c]];
            vm->lm_type = t;
            vm->lm_name = N[c];
            if (mc->type == t) { vm->lm_native = mc->nt; break; }
            SAVE_PC();
            CHECK(builtins_has_method(vm, self, N[c], &vm->lm_native));
            if (vm->lm_native) { mc->type = t; mc->nt = vm->lm_native; }
            break;
        }
        CASE(CALLMETHOD): {
            Addr self;
            RV(a, self);
            Addr kw = vm->kwnames;
            /* list.append(v) without hooks: the same references, without
            ** the call's argument checks */
            if (!CPU_HOOKS && N[c] == vm->name_append && b == 1 && !kw
                && obj_type_addr(h, self) == heap_type_obj(h, TY_LIST) && rget(&R, a + 1)) {
                if (list_append(h, self, take(&R, a + 1)) != 0) { vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
                /* xs.append(v) as a statement: the POP of its None, counted
                ** as executed (None's incref and decref would cancel) */
                if (STEPS_LEFT() && (Instr)ram_rd(&h->ram, pc, 4) == ((Instr)OP_POP | (Instr)a << 8)) {
                    reg_put(&R, a, 0);
                    STEPS_ADD(1);
                    pc += 4;
                    break;
                }
                reg_put(&R, a, heap_none(h));
                break;
            }
            /* xs.pop() without hooks: list_pop's item, the list's reference
            ** moving to R[A], as m_list_pop gives it */
            if (!CPU_HOOKS && N[c] == vm->name_pop && b == 0 && !kw
                && obj_type_addr(h, self) == heap_type_obj(h, TY_LIST) && list_len(h, self)) {
                res = list_pop(h, self, list_len(h, self) - 1);
                goto call_done;
            }
            /* d.get(k[, default]) without hooks, for an int or str key:
            ** m_dict_get's result and references */
            if (!CPU_HOOKS && N[c] == vm->name_get && (b == 1 || b == 2) && !kw
                && obj_type_addr(h, self) == heap_type_obj(h, TY_DICT) && rget(&R, a + 1) && (b == 1 || rget(&R, a + 2))) {
                Addr slot;
                int found = dict_find(h, self, rget(&R, a + 1), &slot);
                if (found > 0) lookup_remember(vm, self, rget(&R, a + 1), slot);
                if (found >= 0) {
                    res = found ? ram_word(&h->ram, slot) : b == 2 ? rget(&R, a + 2) : h->none;
                    heap_incref(h, res);
                    goto call_done;
                }
            }
            vm->kwnames = 0;
            SAVE_PC();
            Addr args[256];
            for (unsigned i = 0; i < b; i++) args[i] = rget(&R, a + 1 + i);
            if (HOOKED(R.tr)) trace_method(R.tr, self, N[c], b);
            STEPS_OUT();
            const Native *nt = vm->lm_native;
            Addr r;
            if (nt && vm->lm_name == N[c] && vm->lm_type == obj_type_addr(h, self))
                /* positional arguments in the method's range: what
                ** call_native would call after its checks */
                r = !kw && nt->fn && (int)b >= nt->min && (nt->max < 0 || (int)b <= nt->max)
                  ? nt->fn(vm, self, args, b, 0)
                  : builtins_call_native(vm, nt, self, args, b, kw);
            else r = builtins_call_method(vm, self, N[c], args, b, kw);
            STEPS_IN();
            CHECK(r);
            res = r;
        }
        call_done: {
            /* a call's result 'res' in R[A], its arguments R[A+1 ..]
            ** released. Without hooks, y = f(x) or y = s.m(): the result
            ** goes into the local the next MOVE would move it to, that MOVE
            ** counted as executed (the function's or self's decref, then
            ** y's old value's, as the two instructions do them). */
            for (unsigned i = 0; i < b; i++) drop(&R, a + 1 + i, MAX_REGS);
#ifdef TRACEVM_DIRECT
            if (!CPU_HOOKS && ip[4] == OP_MOVE && ip[6] == a && ip[5] < R.nlocals && STEPS_LEFT()) {
                reg_put(&R, a, 0);
                reg_put(&R, ip[5], res);
                STEPS_ADD(1);
                pc += 4;
                break;
            }
#endif
            reg_put(&R, a, res);
            break;
        }
        CASE(RETURN): CASE(RETURNNONE): {
            Addr v;
            if (op == OP_RETURN) {
                RV(a, v);
                /* Without hooks, a returned local moves out of its dying
                ** frame: take's incref and the frame's decref below would
                ** cancel, and nobody sees the count in between. */
                if (!CPU_HOOKS) rset(&R, a, 0);
                else v = take(&R, a);
            } else {
                v = heap_none(h);
            }
            const Frame *top = &vm->frames[depth];
            Addr func = top->func;
            unsigned ret = top->ret;
            /* the loops without hooks skip the registers the compiler
            ** knows are empty here (Chunk.ret_regs); the traced loop
            ** releases them all, so tests/fastpath.sh would see a
            ** difference if one were not */
            for (Addr p = R.base, end = R.base + (Addr)(CPU_HOOKS ? ch->nregs : ch->ret_regs) * HEAP_W(h); p < end; p += HEAP_W(h)) {
                Addr old = ram_word(&h->ram, p);
                if (!old) continue;
                ram_set_word(&h->ram, p, 0);
                heap_decref_fast(h, old);
            }
            if (HOOKED(R.tr)) trace_return(R.tr, v, vm->nframes > 1);
            vm->nframes = depth;                        /* the frame popped */
            if (depth == vm->stop_depth) {              /* the module, or a vm_call_function */
                if (vm->stop_depth) { vm->call_result = v; heap_decref(h, func); }
                else heap_decref(h, v);
                if (HOOKED(R.tr)) trace_end(R.tr);
                STEPS_OUT();
                return VM_OK;
            }
            if (func) heap_decref(h, func);
            LOAD_FRAME_AT(depth - 1);
            /* R[ret] is empty: CALL moved the function out of it into the
            ** frame. The loops without hooks rely on that; this one checks it. */
#if CPU_HOOKS
            if (rget(&R, ret)) { heap_decref(h, v); vm_raise(vm, EXC_SYSTEM, "internal error: a call's result register holds a value"); goto error; }
            reg_put(&R, ret, v);
#else
            rset(&R, ret, v);
#endif
            break;
        }
        CASE(MAKEFUNC): {
            Addr code = K[ins_bx(ins)];
            Addr defaults = rget(&R, a);
            Addr f = heap_new_object(h, TY_FUNCTION, 4, 0);
            if (!f) { vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
            uint32_t target = (uint32_t)obj_field(h, code, 0);
            Addr nm = str_from_cstr(h, prog->chunks[target]->name);
            if (!nm) { heap_decref(h, f); vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
            nm = str_intern(h, nm);
            heap_incref(h, vm->globals);
            heap_incref(h, code);
            obj_set_field(h, f, 0, vm->globals);
            obj_set_field(h, f, 1, nm);
            obj_set_field(h, f, 2, defaults);     /* moved from R[A] */
            obj_set_field(h, f, 3, code);
            rset(&R, a, 0);
            reg_put(&R, a, f);
            break;
        }
        CASE(GETATTR): {
            Addr o;
            RV(b, o);
            SAVE_PC();
            Addr r = builtins_getattr(vm, o, N[c]);
            CHECK(r);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        CASE(IMPORT): {
            SAVE_PC();
            Addr m = builtins_import(vm, N[ins_bx(ins)]);
            CHECK(m);
            reg_put(&R, a, m);
            break;
        }
        CASE(BUILDLIST): CASE(BUILDTUPLE): {
            Addr r = op == OP_BUILDLIST ? list_new_filled(h, c) : tuple_new_filled(h, c);
            if (!r) { vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
            for (unsigned i = 0; i < c; i++) {
                Addr v = take(&R, b + i);
                if (op == OP_BUILDLIST) ram_set_word(&h->ram, list_items(h, r) + (Addr)i * HEAP_W(h), v);
                else tuple_set(h, r, i, v);
            }
            if (HOOKED(R.tr)) trace_built(R.tr, r);
            reg_put(&R, a, r);
            break;
        }
        CASE(BUILDDICT): {
            SAVE_PC();
            Addr d = !CPU_HOOKS && !c ? new_dict_with(h, h->empty_keys) : build_dict(vm, R, b, c);
            if (!d && !c) vm_raise(vm, EXC_MEMORY, "%s", "");
            CHECK(d);
            if (HOOKED(R.tr)) trace_built(R.tr, d);
            reg_put(&R, a, d);
            break;
        }
        CASE(BUILDSTR): {
            Addr parts[256];
            for (unsigned i = 0; i < c; i++) parts[i] = rget(&R, b + i);
            Addr r = op_build_str(vm, parts, c);
            CHECK(r);
            for (unsigned i = 0; i < c; i++) drop(&R, b + i, MAX_REGS);
            if (HOOKED(R.tr)) trace_built(R.tr, r);
            reg_put(&R, a, r);
            break;
        }
        CASE(FORMAT): {
            Addr v;
            RV(b, v);
            Addr spec = c ? XV(c) : 0;
            SAVE_PC();
            Addr r = op_format(vm, v, spec);
            CHECK(r);
            if (c) drop(&R, c, a);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        CASE(CONVERT): {
            Addr v;
            RV(b, v);
            SAVE_PC();
            Addr r = c == 1 ? op_str_obj(vm, v) : op_repr_obj(vm, v);
            CHECK(r);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        CASE(LISTAPPEND): {
            Addr l = rget(&R, a);
            Addr v = take(&R, b);
            if (list_append(h, l, v) != 0) { vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
            break;
        }
        CASE(LISTEXTEND): {
            Addr l = rget(&R, a), src = rget(&R, b);
            SAVE_PC();
            Addr r = op_inplace(vm, OP_ADD, l, src);
            CHECK(r);
            heap_decref(h, r);
            drop(&R, b, a);
            if (HOOKED(R.tr)) trace_built(R.tr, l);
            break;
        }
        CASE(DICTSET): {
            Addr d = rget(&R, a), k = rget(&R, b), v = rget(&R, c);
            SAVE_PC();
            if (CPU_HOOKS || !dict_store_unhooked(vm, d, k, v)) CHECK(op_setitem(vm, d, k, v) == 0);
            drop(&R, c, a);
            drop(&R, b, a);
            break;
        }
        CASE(GETITEM): {
            Addr o, i, r = 0;
            RV(b, o);
            XVC(c, i);
            /* Without hooks, l[i] or t[i] with an int index in range in
            ** the loop itself: no SAVE_PC, and no call (getitem_fast's
            ** kept o and i on the stack across it) */
            if (!CPU_HOOKS && (r = seq_item_fast(h, o, obj_type_addr(h, o), i))) {
                drop(&R, c, a);
                drop(&R, b, a);
#ifdef TRACEVM_DIRECT
                /* g[y][x]: the next GETITEM subscripts this item (a list or
                ** tuple) with an int in range: its item goes to that
                ** GETITEM's register here, both counted as executed; the
                ** row's incref and that GETITEM's decref of it cancel. */
                Addr r2, j;
                if (ip[4] == OP_GETITEM && ip[6] == a && a >= R.nlocals && ip[7] != a && STEPS_LEFT()
                    && (j = XV(ip[7])) && !rget(&R, a) && (r2 = seq_item_fast(h, r, obj_type_addr(h, r), j))) {
                    drop(&R, ip[7], ip[5]);             /* that GETITEM's releases, in its order */
                    heap_decref_fast(h, r);
                    reg_put(&R, ip[5], r2);
                    STEPS_ADD(1);
                    pc += 4;
                    break;
                }
#endif
                reg_put(&R, a, r);
                break;
            }
            SAVE_PC();
            r = getitem_fast(h, o, i);
            if (!r && !CPU_HOOKS && obj_type_addr(h, i) == heap_type_obj(h, TY_SLICE)) r = slice_fast(h, o, i);
            if (!r && !CPU_HOOKS && obj_type_addr(h, o) == heap_type_obj(h, TY_DICT)) {
                Addr slot;                              /* d[k] present: op_getitem's result */
                if (dict_find(h, o, i, &slot) > 0) {
                    r = ram_word(&h->ram, slot);
                    heap_incref(h, r);
                    lookup_remember(vm, o, i, slot);
                }
            }
            if (!r) r = op_getitem(vm, o, i);
            CHECK(r);
            if (HOOKED(R.tr)) trace_binary(R.tr, op, o, i, r);
            drop(&R, c, a);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        CASE(SETITEM): {
            Addr o, i, v;
            RV(a, o);
            XVC(b, i);
            XVC(c, v);
            /* pc is saved where something can raise: not on the fast paths */
            Addr slot;
            int found = -1;
            if (!CPU_HOOKS && ((slot = list_slot_fast(h, o, i))
                               || (obj_type_addr(h, o) == heap_type_obj(h, TY_DICT)
                                   && ((slot = lookup_recall(vm, o, i))
                                       || (found = dict_len(h, o) ? dict_find(h, o, i, &slot) : 0) > 0)))) {
                /* l[i] = v, or d[k] = v for a key d has: list_set's and
                ** dict_set's replacement (the old value released last) */
                heap_incref(h, v);
                Addr old = ram_word(&h->ram, slot);
                ram_set_word(&h->ram, slot, v);
                heap_decref_fast(h, old);
            } else {
                SAVE_PC();
                /* a new int or str key (any key, for an empty dict, which
                ** nothing is looked up in): dict_set's insertion (the probe
                ** runs again for the slot: passing it along from dict_find
                ** cost the loops more than it saved) */
                if (CPU_HOOKS || found != 0 || !dict_store(h, o, i, v)) CHECK(op_setitem(vm, o, i, v) == 0);
            }
            drop(&R, c, MAX_REGS);
            drop(&R, b, MAX_REGS);
            drop(&R, a, MAX_REGS);
            break;
        }
        CASE(DELITEM): {
            Addr o, i;
            RV(a, o);
            XVC(b, i);
            SAVE_PC();
            CHECK(op_delitem(vm, o, i) == 0);
            drop(&R, b, MAX_REGS);
            drop(&R, a, MAX_REGS);
            break;
        }
        CASE(BUILDSLICE): {
            Addr s = CPU_HOOKS ? 0 : slice_new(h, rget(&R, b), rget(&R, b + 1), rget(&R, b + 2));
            if (!s) s = op_new_slice(vm, rget(&R, b), rget(&R, b + 1), rget(&R, b + 2));
            CHECK(s);
            for (unsigned i = 0; i < 3; i++) drop(&R, b + i, MAX_REGS);
            reg_put(&R, a, s);
            break;
        }
        CASE(ITER): {
            Addr x;
            RV(b, x);
            SAVE_PC();
            Addr it = CPU_HOOKS ? 0 : iter_unhooked(h, x);
            if (!it) it = op_iter(vm, x);
            CHECK(it);
            drop(&R, b, a);
            reg_put(&R, a, it);
            break;
        }
        CASE(FORITER): {
            Addr it = rget(&R, a), v;
            int st = op_next_fast(h, it, &v);
            if (st < 0) {
                SAVE_PC();
                if (CPU_HOOKS || (st = next_unhooked(vm, it, &v)) == -2) {
                    STEPS_OUT();                /* a map or filter may call the program */
                    st = op_next(vm, it, &v);
                    STEPS_IN();
                }
                CHECK(st >= 0);
            }
            if (st == 1) {
                if (HOOKED(R.tr)) trace_next(R.tr, v);
                /* Without hooks, an item that the next instruction only
                ** moves into a local (the loop variable) goes there at
                ** once, that MOVE counted as executed: the temporary would
                ** be written and emptied with nothing to observe it. */
                if (!CPU_HOOKS && STEPS_LEFT()) {
                    Instr nx = (Instr)ram_rd(&h->ram, pc, 4);
                    if (move_to_local(nx, a + 1, R.nlocals)) {
                        reg_put(&R, ins_a(nx), v);
                        STEPS_ADD(1);
                        pc += 4;
                        break;
                    }
                    /* for k, v in d.items() / zip / enumerate: a tuple the
                    ** UNPACK after it spreads into locals by MOVEs */
                    unsigned run;
                    if (ins_op(nx) == OP_UNPACK && ins_b(nx) == a + 1
                        && (run = unpack_to_locals(&R, h, &vm->uh, pc, nx, v, a, STEPS_LEFT()))) {
                        STEPS_ADD(run);
                        pc += 4 * (Addr)run;
                        break;
                    }
                }
                reg_put(&R, a + 1, v);
            } else {
                if (HOOKED(R.tr)) trace_next(R.tr, 0);
                drop(&R, a, MAX_REGS);
                pc += (Addr)((int64_t)ins_sbx(ins) * 4);
            }
            break;
        }
        CASE(UNPACK): {
            Addr src;
            RV(b, src);
            SAVE_PC();
            TypeId t = obj_type(h, src);
            size_t n;
#if !CPU_HOOKS
            if (!HEAP_OBSERVED(h) && t == TY_TUPLE && tuple_len(h, src) == c && b >= R.nlocals
                && (b < a || b >= a + c) && obj_refcnt(h, src) == 1 && !heap_is_static(h, src)) {
                /* a temporary tuple that dies here (a call's result):
                ** its items move into the registers, so UNPACK_SEQUENCE's
                ** increfs and tupledealloc's decrefs, which cancel, are
                ** not done; RAM ends the same */
                for (unsigned i = 0; i < c; i++) reg_put(&R, a + i, tuple_get(h, src, i));
                rset(&R, b, 0);
                tuple_free_moved(h, src);
                goto unpack_moves;
            }
#endif
            if (t == TY_TUPLE || t == TY_LIST) {
                n = t == TY_TUPLE ? tuple_len(h, src) : list_len(h, src);
                if (n != c) {
                    if (n < c) vm_raise(vm, EXC_VALUE, "not enough values to unpack (expected %u, got %zu)", c, n);
                    else vm_raise(vm, EXC_VALUE, "too many values to unpack (expected %u)", c);
                    goto error;
                }
                for (unsigned i = 0; i < c; i++) {
                    Addr v = t == TY_TUPLE ? tuple_get(h, src, i) : list_get(h, src, i);
                    heap_incref(h, v);
                    reg_put(&R, a + i, v);
                }
            } else {
                Addr it = op_iter(vm, src);
                if (!it && vm->err.kind == EXC_TYPE) {      /* unpack_iterable's words */
                    vm_clear_error(vm);
                    vm_raise(vm, EXC_TYPE, "cannot unpack non-iterable %s object", op_type_name(vm, src));
                }
                CHECK(it);
                unsigned got = 0;
                Addr v;
                int st;
                STEPS_OUT();
                while (got <= c && (st = op_next(vm, it, &v)) == 1) {
                    if (got < c) reg_put(&R, a + got, v); else heap_decref(h, v);
                    got++;
                }
                STEPS_IN();
                heap_decref(h, it);
                if (vm->err.kind) goto error;
                if (got != c) {
                    if (got < c) vm_raise(vm, EXC_VALUE, "not enough values to unpack (expected %u, got %u)", c, got);
                    else vm_raise(vm, EXC_VALUE, "too many values to unpack (expected %u)", c);
                    goto error;
                }
            }
            drop(&R, b, MAX_REGS);
#if !CPU_HOOKS
        unpack_moves:
            /* Without hooks, the MOVEs that follow and take the items into
            ** locals ('for k, v in d.items():', 'q, r = divmod(..)') run
            ** here, each counted as executed: the same takes and puts in
            ** the same order, without their dispatch. */
            for (unsigned i = 0; i < c && STEPS_LEFT(); i++) {
                Instr nx = (Instr)ram_rd(&h->ram, pc, 4);
                if (!move_to_local(nx, a + i, R.nlocals)) break;
                reg_put(&R, ins_a(nx), take(&R, a + i));
                STEPS_ADD(1);
                pc += 4;
            }
#endif
            break;
        }
        CASE(WITHENTER): {
            Addr ctx;
            RV(b, ctx);
            heap_incref(h, ctx);
            reg_put(&R, a, ctx);
            break;
        }
        CASE(WITHEXIT): {
            Addr ctx = rget(&R, a);
            SAVE_PC();
            if (ctx) CHECK(builtins_close(vm, ctx) == 0);
            drop(&R, a, MAX_REGS);
            break;
        }
        CASE(ASSERTFAIL): {
            SAVE_PC();
            if (b) {
                StrBuf s; sb_init(&s);
                op_str(vm, rget(&R, a), &s);
                vm_raise(vm, EXC_ASSERTION, "%s", s.s ? s.s : "");
                sb_free(&s);
            } else {
                vm_raise(vm, EXC_ASSERTION, "%s", "");
            }
            goto error;
        }
        CASE_DEFAULT:
            vm_raise(vm, EXC_TYPE, "bad opcode %u at 0x%llx", op, (unsigned long long)(pc - 4));
            goto error;
        }
        if (HOOKED(R.tr)) trace_end(R.tr);
    }
#undef a
#undef b
#undef c
error:
    STEPS_OUT();
    if (vm->nframes) SAVE_PC();
    if (vm->nested_step_limit) return VM_STEP_LIMIT;   /* hit inside a vm_call_function */
    if (vm->err.kind == EXC_NONE) vm_raise(vm, EXC_MEMORY, "%s", "");
    vm_capture_traceback(vm);
    if (HOOKED(R.tr)) trace_error(R.tr, vm_exc_names[vm->err.kind], vm->err.msg);
    return VM_ERROR;
#if CPU_GOTO
#pragma GCC diagnostic pop
#endif
}

