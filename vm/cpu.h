/*
** vm/cpu.h: the CPU loop, one source compiled three times (as CPython's
** ceval.c includes its generated cases): vm/vm.c builds vm_run_any, the
** generic loop with the tracing hooks; vm/cpu_w4.c and vm/cpu_w8.c build
** vm_run_w4 and vm_run_w8 for little-endian profiles of one word size,
** without hooks, where every RAM access is a plain host load or store
** (heap/ram.h, TRACEVM_WORD). vm_run picks one; all behave identically.
**
** The includer defines CPU_RUN (the function's name) and, for a loop
** without hooks, CPU_HOOKS 0 and HEAP_HOOKS 0 before any include.
**
** The loop is a switch over opcodes. Registers live in RAM: R[r] is the
** word at frame->base + r * W. Temporaries (r >= nlocals) are consumed by
** the instruction that reads them; see vm/opcodes.def.
*/
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/ops.h"
#include "vm/suggest.h"
#include "vm/trace.h"
#include "vm/vm.h"

#ifndef CPU_HOOKS
#define CPU_HOOKS 1
#endif
/* A tracing hook runs only in a loop built with hooks, and only when traced. */
#define HOOKED(tr) (CPU_HOOKS && (tr))

void vm_capture_traceback(Vm *vm);

typedef struct Regs {
    Heap *h;
    Ram *ram;
    Addr base;
    unsigned nlocals;
    Tracer *tr;
} Regs;

static inline Addr rget(const Regs *R, unsigned r) { return ram_word(R->ram, R->base + (Addr)r * RAM_WORD(R->ram)); }
static inline void rset(Regs *R, unsigned r, Addr v) { ram_set_word(R->ram, R->base + (Addr)r * RAM_WORD(R->ram), v); }

/* Puts 'v' into R[r], stealing the reference; the old value is released last. */
static inline void reg_put(Regs *R, unsigned r, Addr v)
{
    Addr old = rget(R, r);
    rset(R, r, v);
    if (HOOKED(R->tr)) trace_reg_write(R->tr, r, v);
    heap_decref_fast(R->h, old);
}

/* Releases a temporary operand that the instruction has consumed. */
static inline void drop(Regs *R, unsigned x, unsigned keep)
{
    if ((x & XK_BIT) || x < R->nlocals || x == keep) return;
    Addr v = rget(R, x);
    rset(R, x, 0);
    heap_decref_fast(R->h, v);
}

/* Takes R[r]'s reference out: moves a temporary, copies a local. */
static inline Addr take(Regs *R, unsigned r)
{
    Addr v = rget(R, r);
    if (r >= R->nlocals) rset(R, r, 0);
    else heap_incref(R->h, v);
    return v;
}

static Addr unbound(Vm *vm, const Chunk *ch, unsigned r)
{
    if (r < ch->nlocals && ch->locals[r][0] != '.')
        return vm_raise(vm, EXC_UNBOUNDLOCAL, "cannot access local variable '%s' where it is not associated with a value", ch->locals[r]);
    return vm_raise(vm, EXC_NAME, "internal error: empty register r%u", r);
}

static bool push_frame(Vm *vm, uint32_t chunk, Addr base, Addr func, unsigned ret)
{
    if (vm->nframes >= vm->prof.recursion_limit) {
        vm_raise(vm, EXC_RECURSION, "maximum recursion depth exceeded");
        return false;
    }
    const Chunk *ch = vm->prog->chunks[chunk];
    if (base + (Addr)ch->nregs * HEAP_W(vm->h) > vm->h->ram.stack_end) {
        vm_raise(vm, EXC_RECURSION, "maximum recursion depth exceeded (the simulated stack is full)");
        return false;
    }
    if (vm->nframes == vm->capframes) {
        vm->capframes = vm->capframes ? vm->capframes * 2 : 16;
        vm->frames = xrealloc(vm->frames, vm->capframes * sizeof *vm->frames);
    }
    Frame *f = &vm->frames[vm->nframes++];
    f->chunk = chunk;
    f->pc = vm->code_addr[chunk];
    f->base = base;
    f->func = func;
    f->ret = ret;
    return true;
}

/* Arranges the arguments R[a+1 ..] of a call of 'func' as its parameters:
** keyword arguments to their slots, defaults for the missing ones. */
static bool bind_args(Vm *vm, Regs *R, unsigned a, unsigned nargs, Addr func, const Chunk *cc, Addr kwnames)
{
    Heap *h = vm->h;
    unsigned np = cc->nparams;
    unsigned nkw = kwnames ? (unsigned)tuple_len(h, kwnames) : 0;
    unsigned npos = nargs - nkw;
    if (npos > np) {
        vm_raise(vm, EXC_TYPE, "%s() takes %u positional argument%s but %u %s given", cc->name, np, np == 1 ? "" : "s", npos, npos == 1 ? "was" : "were");
        return false;
    }
    if (nkw) {
        Addr vals[256];
        for (unsigned i = 0; i < nkw; i++) { vals[i] = rget(R, a + 1 + npos + i); rset(R, a + 1 + npos + i, 0); }
        for (unsigned i = 0; i < nkw; i++) {
            Addr kn = tuple_get(h, kwnames, i);
            unsigned slot = np;
            for (unsigned p = 0; p < np; p++) if (str_eq_cstr(h, kn, cc->locals[p])) { slot = p; break; }
            StrBuf s; sb_init(&s); str_to_utf8(h, kn, &s);
            if (slot == np || rget(R, a + 1 + slot)) {
                if (slot == np) vm_raise(vm, EXC_TYPE, "%s() got an unexpected keyword argument '%s'", cc->name, s.s);
                else vm_raise(vm, EXC_TYPE, "%s() got multiple values for argument '%s'", cc->name, s.s);
                sb_free(&s);
                for (unsigned j = i; j < nkw; j++) heap_decref(h, vals[j]);
                return false;
            }
            sb_free(&s);
            rset(R, a + 1 + slot, vals[i]);
        }
    }
    Addr defaults = obj_field(h, func, 2);
    unsigned nd = defaults ? (unsigned)tuple_len(h, defaults) : 0;
    unsigned missing = 0;
    for (unsigned p = npos; p < np; p++) {
        if (rget(R, a + 1 + p)) continue;
        if (p >= np - nd) {
            Addr d = tuple_get(h, defaults, p - (np - nd));
            heap_incref(h, d);
            rset(R, a + 1 + p, d);
        } else {
            missing++;
        }
    }
    if (missing) {
        StrBuf names; sb_init(&names);
        unsigned k = 0;
        for (unsigned p = npos; p < np; p++) {
            if (rget(R, a + 1 + p)) continue;
            if (k) sb_puts(&names, k == missing - 1 ? (missing > 2 ? ", and " : " and ") : ", ");
            sb_printf(&names, "'%s'", cc->locals[p]);
            k++;
        }
        vm_raise(vm, EXC_TYPE, "%s() missing %u required positional argument%s: %s", cc->name, missing, missing == 1 ? "" : "s", names.s);
        sb_free(&names);
        return false;
    }
    return true;
}

#define CHECK(x) do { if (!(x)) goto error; } while (0)

/*
** globals[name] or builtins[name] (borrowed, 0 if neither), through the
** name's inline cache: a hit costs two RAM reads instead of hashing.
*/
static Addr global_cached(Vm *vm, uint32_t pn, Addr name)
{
    Heap *h = vm->h;
    GlobalCache *gc = &vm->gcache[pn];
    Addr keys = dict_keys_object(h, vm->globals);
    uint32_t shape = dict_keys_shape(h, keys);
    if (gc->keys == keys && gc->shape == shape) {
        if (gc->slot) {
            Addr v = ram_word(&h->ram, gc->slot);
            if (v && ram_word(&h->ram, gc->slot - HEAP_W(h)) == name) return v;
        } else if (gc->nentries == dict_nentries(h, vm->globals)) {
            return gc->builtin;         /* no key was added: still not a global */
        }
    }
    Addr slot = dict_value_slot(h, vm->globals, name);
    gc->keys = keys;
    gc->shape = shape;
    gc->slot = slot;
    if (slot) return ram_word(&h->ram, slot);
    gc->nentries = dict_nentries(h, vm->globals);
    gc->builtin = builtins_lookup(vm, name);
    return gc->builtin;
}

/* The common case of arithmetic and comparison: two ints of at most two
** digits, with Python's rules (floor division and modulo round toward
** minus infinity). Returns the result (new reference), or 0 to take the
** general path (which also raises ZeroDivisionError). */
static inline Addr small_int_op(Heap *h, OpCode op, Addr x, Addr y)
{
    Addr it = heap_type_obj(h, TY_INT);
    int64_t a, b;
    if (obj_type_addr(h, x) != it || obj_type_addr(h, y) != it || !int_small(h, x, &a) || !int_small(h, y, &b))
        return 0;
    int64_t r;
    switch (op) {
    case OP_ADD: case OP_IADD: return int_new_fast(h, a + b);     /* |a|, |b| < 2**60 */
    case OP_SUB: return int_new_fast(h, a - b);
    case OP_MUL: case OP_IMUL:
        if (__builtin_mul_overflow(a, b, &r)) return 0;
        return int_new_fast(h, r);
    case OP_MOD:
        if (b == 0) return 0;
        r = a % b;
        if (r && (r ^ b) < 0) r += b;
        return int_new_fast(h, r);
    case OP_FLOORDIV:
        if (b == 0) return 0;
        r = a / b;
        if (a % b && (a ^ b) < 0) r--;
        return int_new_fast(h, r);
    case OP_BITAND: return int_new_fast(h, a & b);
    case OP_BITOR: return int_new_fast(h, a | b);
    case OP_BITXOR: return int_new_fast(h, a ^ b);
    case OP_LT: return heap_bool(h, a < b);
    case OP_LE: return heap_bool(h, a <= b);
    case OP_GT: return heap_bool(h, a > b);
    case OP_GE: return heap_bool(h, a >= b);
    case OP_EQ: return heap_bool(h, a == b);
    case OP_NE: return heap_bool(h, a != b);
    default: return 0;
    }
}

/*
** Float arithmetic and comparison with a float operand (the other a float
** or an int of at most two digits), as float_binary and op_compare do it.
** An int is converted as PyLong_AsDouble converts it; comparisons only
** take ints that convert exactly (|v| <= 2**53), since CPython compares a
** float with an int by value. Returns 0 to take the general path (which
** also raises ZeroDivisionError).
*/
static inline Addr float_op(Heap *h, OpCode op, Addr x, Addr y)
{
    Addr ft = heap_type_obj(h, TY_FLOAT), it = heap_type_obj(h, TY_INT);
    Addr tx = obj_type_addr(h, x), ty = obj_type_addr(h, y);
    if (tx != ft && ty != ft) return 0;
    double a, b;
    int64_t v;
    bool exact = true;
    if (tx == ft) a = float_value(h, x);
    else if (tx == it && int_small(h, x, &v)) { a = (double)v; exact = v >= -(INT64_C(1) << 53) && v <= INT64_C(1) << 53; }
    else return 0;
    if (ty == ft) b = float_value(h, y);
    else if (ty == it && int_small(h, y, &v)) { b = (double)v; exact = exact && v >= -(INT64_C(1) << 53) && v <= INT64_C(1) << 53; }
    else return 0;
    switch (op) {
    case OP_ADD: case OP_IADD: return float_new_fast(h, a + b);
    case OP_SUB: return float_new_fast(h, a - b);
    case OP_MUL: case OP_IMUL: return float_new_fast(h, a * b);
    case OP_DIV: return b == 0 ? 0 : float_new_fast(h, a / b);
    case OP_LT: return exact ? heap_bool(h, a < b) : 0;
    case OP_LE: return exact ? heap_bool(h, a <= b) : 0;
    case OP_GT: return exact ? heap_bool(h, a > b) : 0;
    case OP_GE: return exact ? heap_bool(h, a >= b) : 0;
    case OP_EQ: return exact ? heap_bool(h, a == b) : 0;
    case OP_NE: return exact ? heap_bool(h, a != b) : 0;
    default: return 0;
    }
}

/* o[i] for a list or tuple and an int index in range (negative counts
** from the end), as op_getitem does it; 0 to take the general path. */
static inline Addr getitem_fast(Heap *h, Addr o, Addr i)
{
    int64_t k;
    if (obj_type_addr(h, i) != heap_type_obj(h, TY_INT) || !int_small(h, i, &k)) return 0;
    Addr t = obj_type_addr(h, o);
    bool list = t == heap_type_obj(h, TY_LIST);
    if (!list && t != heap_type_obj(h, TY_TUPLE)) return 0;
    int64_t n = obj_ob_size(h, o);
    if (k < 0) k += n;
    if (k < 0 || k >= n) return 0;
    Addr v = list ? list_get(h, o, (size_t)k) : tuple_get(h, o, (size_t)k);
    heap_incref(h, v);
    return v;
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

    uint32_t chunk;
    const Chunk *ch;
    unsigned depth;                     /* this loop's frame: nested calls run above it */
    Addr pc = 0;
    Addr *K;
    Addr *N;
#define LOAD_FRAME() do {                                      \
        depth = vm->nframes - 1;                               \
        Frame *f_ = &vm->frames[depth];                        \
        chunk = f_->chunk; ch = prog->chunks[chunk];           \
        pc = f_->pc; R.base = f_->base; R.nlocals = ch->nlocals; \
        K = vm->ktab[chunk]; N = vm->ntab[chunk];              \
    } while (0)
#define SAVE_PC() (vm->frames[depth].pc = pc)
#define XV(x) ((x) & XK_BIT ? K[(x) & ~XK_BIT] : rget(&R, (x)))
#define RV(r, var) do { var = rget(&R, (r)); if (!var) { unbound(vm, ch, (r)); goto error; } } while (0)
#define XVC(x, var) do { var = XV(x); if (!var) { unbound(vm, ch, (x)); goto error; } } while (0)

    LOAD_FRAME();
    for (;;) {
        if (vm->steps >= stop_at) {
            SAVE_PC();
            return vm->max_steps && vm->steps >= vm->max_steps ? VM_STEP_LIMIT : VM_PAUSED;
        }
        Instr ins = (Instr)ram_rd(&h->ram, pc, 4);
        Addr at = pc;
        pc += 4;
        vm->steps++;
        if (HOOKED(R.tr)) trace_begin(R.tr, chunk, at, ins, ch->pos[(at - vm->code_addr[chunk]) / 4].line);
        unsigned a = ins_a(ins), b = ins_b(ins), c = ins_c(ins);
        OpCode op = (OpCode)ins_op(ins);
        switch (op) {
        case OP_NOP: break;
        case OP_MOVE: {
            Addr v;
            RV(b, v);
            if (HOOKED(R.tr)) trace_reg_read(R.tr, b, v);
            v = take(&R, b);
            reg_put(&R, a, v);
            break;
        }
        case OP_COPY: {
            Addr v;
            RV(b, v);
            if (HOOKED(R.tr)) trace_reg_read(R.tr, b, v);
            heap_incref(h, v);
            reg_put(&R, a, v);
            break;
        }
        case OP_CHECKLOCAL: {
            Addr v;
            RV(a, v);
            (void)v;
            break;
        }
        case OP_LOADK: {
            Addr v = K[ins_bx(ins)];
            heap_incref(h, v);
            if (HOOKED(R.tr)) trace_const_read(R.tr, ins_bx(ins), v);
            reg_put(&R, a, v);
            break;
        }
        case OP_LOADGLOBAL: {
            Addr name = N[ins_bx(ins)];
            Addr v = global_cached(vm, ch->names[ins_bx(ins)], name);
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
            heap_incref(h, v);
            reg_put(&R, a, v);
            break;
        }
        case OP_STOREGLOBAL: {
            Addr v;
            RV(a, v);
            v = take(&R, a);
            if (HOOKED(R.tr)) trace_global(R.tr, true, N[ins_bx(ins)], v);
            GlobalCache *gc = &vm->gcache[ch->names[ins_bx(ins)]];
            Addr gkeys = dict_keys_object(h, vm->globals);
            if (gc->keys && gc->slot && gc->keys == gkeys && gc->shape == dict_keys_shape(h, gkeys)
                && ram_word(&h->ram, gc->slot - HEAP_W(h)) == N[ins_bx(ins)]) {
                Addr old = ram_word(&h->ram, gc->slot);    /* as dict_set replaces a value */
                ram_set_word(&h->ram, gc->slot, v);
                heap_decref(h, old);
            } else if (dict_set(h, vm->globals, N[ins_bx(ins)], v) != 0) { vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
            break;
        }
        case OP_DELGLOBAL: {
            Addr name = N[ins_bx(ins)];
            if (dict_del(h, vm->globals, name) != 0) {
                StrBuf s; sb_init(&s); str_to_utf8(h, name, &s);
                vm_raise(vm, EXC_NAME, "name '%s' is not defined", s.s);
                sb_free(&s);
                goto error;
            }
            break;
        }
        case OP_DELLOCAL: reg_put(&R, a, 0); break;
        case OP_POP: {
            Addr v = rget(&R, a);
            rset(&R, a, 0);
            heap_decref(h, v);
            break;
        }
        case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV: case OP_FLOORDIV: case OP_MOD:
        case OP_POW: case OP_LSHIFT: case OP_RSHIFT: case OP_BITAND: case OP_BITOR: case OP_BITXOR:
        case OP_IADD: case OP_IMUL: {
            Addr x, y;
            XVC(b, x);
            XVC(c, y);
            if (HOOKED(R.tr)) { trace_operand(R.tr, b, x); trace_operand(R.tr, c, y); }
            SAVE_PC();
            Addr r = small_int_op(h, op, x, y);
            if (!r) r = float_op(h, op, x, y);
            if (!r) r = op == OP_IADD ? op_inplace(vm, OP_ADD, x, y)
                      : op == OP_IMUL ? op_inplace(vm, OP_MUL, x, y) : op_binary(vm, op, x, y);
            CHECK(r);
            if (HOOKED(R.tr)) trace_binary(R.tr, op, x, y, r);
            drop(&R, c, a);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        case OP_NEG: case OP_POS: case OP_INVERT: case OP_NOT: {
            Addr x;
            RV(b, x);
            if (HOOKED(R.tr)) trace_operand(R.tr, b, x);
            SAVE_PC();
            Addr r = op_unary(vm, op, x);
            CHECK(r);
            if (HOOKED(R.tr)) trace_unary(R.tr, op, x, r);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        case OP_IS: case OP_ISNOT: case OP_IN: case OP_NOTIN: {
            Addr x, y;
            XVC(b, x);
            XVC(c, y);
            if (HOOKED(R.tr)) { trace_operand(R.tr, b, x); trace_operand(R.tr, c, y); }
            SAVE_PC();
            Addr r = small_int_op(h, op, x, y);
            if (!r) r = float_op(h, op, x, y);
            if (!r) r = op_compare(vm, op, x, y);
            CHECK(r);
            if (HOOKED(R.tr)) trace_binary(R.tr, op, x, y, r);
            drop(&R, c, a);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        case OP_JMP: pc += (Addr)((int64_t)ins_sbx(ins) * 4); break;
        case OP_JMPIF: case OP_JMPIFNOT: case OP_ORJMP: case OP_ANDJMP: {
            Addr x;
            RV(a, x);
            if (HOOKED(R.tr)) trace_operand(R.tr, a, x);
            int t = op_truth(vm, x);
            CHECK(t >= 0);
            bool jump = (op == OP_JMPIF || op == OP_ORJMP) ? t : !t;
            if (HOOKED(R.tr)) trace_branch(R.tr, x, t, jump);
            if (op == OP_JMPIF || op == OP_JMPIFNOT || !jump) drop(&R, a, MAX_REGS);
            if (jump) pc += (Addr)((int64_t)ins_sbx(ins) * 4);
            break;
        }
        case OP_KWNAMES: vm->kwnames = K[ins_bx(ins)]; break;
        case OP_CALL: {
            Addr f;
            RV(a, f);
            Addr kw = vm->kwnames;
            vm->kwnames = 0;
            SAVE_PC();
            TypeId ft = obj_type(h, f);
            if (ft == TY_FUNCTION) {
                uint32_t target = (uint32_t)obj_field(h, obj_field(h, f, 3), 0);
                const Chunk *cc = prog->chunks[target];
                if (HOOKED(R.tr)) trace_call(R.tr, f, b);
                /* every parameter passed by position: nothing to arrange */
                if ((kw || b != cc->nparams) && !bind_args(vm, &R, a, b, f, cc, kw)) goto error;
                Addr nb = R.base + (Addr)(a + 1) * HEAP_W(h);
                /* the function object moves into the frame: R[A] keeps no reference */
                rset(&R, a, 0);
                if (!push_frame(vm, target, nb, f, a)) { rset(&R, a, f); goto error; }
                for (unsigned r = cc->nparams; r < cc->nregs; r++) ram_set_word(&h->ram, nb + (Addr)r * HEAP_W(h), 0);
                LOAD_FRAME();
                break;
            }
            if (ft != TY_BUILTIN && ft != TY_TYPE) {
                vm_raise(vm, EXC_TYPE, "'%s' object is not callable", op_type_name(vm, f));
                goto error;
            }
            Addr args[256];
            for (unsigned i = 0; i < b; i++) { args[i] = rget(&R, a + 1 + i); }
            if (HOOKED(R.tr)) trace_call(R.tr, f, b);
            if (ft == TY_BUILTIN && !c_call_depth_ok(vm, f)) goto error;
            Addr r = builtins_call(vm, f, args, b, kw);
            CHECK(r);
            for (unsigned i = 0; i < b; i++) drop(&R, a + 1 + i, MAX_REGS);
            reg_put(&R, a, r);
            break;
        }
        case OP_LOADMETHOD: {
            Addr self;
            RV(a, self);
            SAVE_PC();
            CHECK(builtins_has_method(vm, self, N[c]));
            break;
        }
        case OP_CALLMETHOD: {
            Addr self;
            RV(a, self);
            Addr kw = vm->kwnames;
            vm->kwnames = 0;
            SAVE_PC();
            Addr args[256];
            for (unsigned i = 0; i < b; i++) args[i] = rget(&R, a + 1 + i);
            if (HOOKED(R.tr)) trace_method(R.tr, self, N[c], b);
            Addr r = builtins_call_method(vm, self, N[c], args, b, kw);
            CHECK(r);
            for (unsigned i = 0; i < b; i++) drop(&R, a + 1 + i, MAX_REGS);
            reg_put(&R, a, r);
            break;
        }
        case OP_RETURN: case OP_RETURNNONE: {
            Addr v;
            if (op == OP_RETURN) { RV(a, v); v = take(&R, a); }
            else v = heap_none(h);
            Frame fr = vm->frames[vm->nframes - 1];
            for (unsigned r = 0; r < ch->nregs; r++) {
                Addr old = rget(&R, r);
                if (!old) continue;
                rset(&R, r, 0);
                heap_decref(h, old);
            }
            if (HOOKED(R.tr)) trace_return(R.tr, v, vm->nframes > 1);
            vm->nframes--;
            if (vm->nframes == vm->stop_depth) {        /* the module, or a vm_call_function */
                if (vm->stop_depth) { vm->call_result = v; heap_decref(h, fr.func); }
                else heap_decref(h, v);
                if (HOOKED(R.tr)) trace_end(R.tr);
                return VM_OK;
            }
            if (fr.func) heap_decref(h, fr.func);
            LOAD_FRAME();
            reg_put(&R, fr.ret, v);
            break;
        }
        case OP_MAKEFUNC: {
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
        case OP_GETATTR: {
            Addr o;
            RV(b, o);
            SAVE_PC();
            Addr r = builtins_getattr(vm, o, N[c]);
            CHECK(r);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        case OP_IMPORT: {
            SAVE_PC();
            Addr m = builtins_import(vm, N[ins_bx(ins)]);
            CHECK(m);
            reg_put(&R, a, m);
            break;
        }
        case OP_BUILDLIST: case OP_BUILDTUPLE: {
            Addr r = op == OP_BUILDLIST ? list_new(h, c) : tuple_new(h, c);
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
        case OP_BUILDDICT: {
            Addr d = dict_new_presized(h, c);
            if (!d) { vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
            SAVE_PC();
            for (unsigned i = 0; i < c; i++) {
                Addr k = rget(&R, b + 2 * i), v = rget(&R, b + 2 * i + 1);
                if (!op_check_hashable(vm, k)) { heap_decref(h, d); goto error; }
                heap_incref(h, v);
                if (dict_set(h, d, k, v) != 0) { heap_decref(h, d); vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
            }
            for (unsigned i = 0; i < 2 * c; i++) drop(&R, b + i, MAX_REGS);
            if (HOOKED(R.tr)) trace_built(R.tr, d);
            reg_put(&R, a, d);
            break;
        }
        case OP_BUILDSTR: {
            StrBuf s; sb_init(&s);
            for (unsigned i = 0; i < c; i++) str_to_utf8(h, rget(&R, b + i), &s);
            Addr r = op_str_utf8(vm, s.s ? s.s : "", s.len);
            sb_free(&s);
            CHECK(r);
            for (unsigned i = 0; i < c; i++) drop(&R, b + i, MAX_REGS);
            if (HOOKED(R.tr)) trace_built(R.tr, r);
            reg_put(&R, a, r);
            break;
        }
        case OP_FORMAT: {
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
        case OP_CONVERT: {
            Addr v;
            RV(b, v);
            SAVE_PC();
            Addr r = c == 1 ? op_str_obj(vm, v) : op_repr_obj(vm, v);
            CHECK(r);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        case OP_LISTAPPEND: {
            Addr l = rget(&R, a);
            Addr v = take(&R, b);
            if (list_append(h, l, v) != 0) { vm_raise(vm, EXC_MEMORY, "%s", ""); goto error; }
            break;
        }
        case OP_LISTEXTEND: {
            Addr l = rget(&R, a), src = rget(&R, b);
            SAVE_PC();
            Addr r = op_inplace(vm, OP_ADD, l, src);
            CHECK(r);
            heap_decref(h, r);
            drop(&R, b, a);
            if (HOOKED(R.tr)) trace_built(R.tr, l);
            break;
        }
        case OP_DICTSET: {
            Addr d = rget(&R, a), k = rget(&R, b), v = rget(&R, c);
            SAVE_PC();
            CHECK(op_setitem(vm, d, k, v) == 0);
            drop(&R, c, a);
            drop(&R, b, a);
            break;
        }
        case OP_GETITEM: {
            Addr o, i;
            RV(b, o);
            XVC(c, i);
            SAVE_PC();
            Addr r = getitem_fast(h, o, i);
            if (!r) r = op_getitem(vm, o, i);
            CHECK(r);
            if (HOOKED(R.tr)) trace_binary(R.tr, op, o, i, r);
            drop(&R, c, a);
            drop(&R, b, a);
            reg_put(&R, a, r);
            break;
        }
        case OP_SETITEM: {
            Addr o, i, v;
            RV(a, o);
            XVC(b, i);
            XVC(c, v);
            SAVE_PC();
            CHECK(op_setitem(vm, o, i, v) == 0);
            drop(&R, c, MAX_REGS);
            drop(&R, b, MAX_REGS);
            drop(&R, a, MAX_REGS);
            break;
        }
        case OP_DELITEM: {
            Addr o, i;
            RV(a, o);
            XVC(b, i);
            SAVE_PC();
            CHECK(op_delitem(vm, o, i) == 0);
            drop(&R, b, MAX_REGS);
            drop(&R, a, MAX_REGS);
            break;
        }
        case OP_BUILDSLICE: {
            Addr s = op_new_slice(vm, rget(&R, b), rget(&R, b + 1), rget(&R, b + 2));
            CHECK(s);
            for (unsigned i = 0; i < 3; i++) drop(&R, b + i, MAX_REGS);
            reg_put(&R, a, s);
            break;
        }
        case OP_ITER: {
            Addr x;
            RV(b, x);
            SAVE_PC();
            Addr it = op_iter(vm, x);
            CHECK(it);
            drop(&R, b, a);
            reg_put(&R, a, it);
            break;
        }
        case OP_FORITER: {
            Addr it = rget(&R, a), v;
            SAVE_PC();
            int st = op_next(vm, it, &v);
            CHECK(st >= 0);
            if (st == 1) {
                if (HOOKED(R.tr)) trace_next(R.tr, v);
                reg_put(&R, a + 1, v);
            } else {
                if (HOOKED(R.tr)) trace_next(R.tr, 0);
                drop(&R, a, MAX_REGS);
                pc += (Addr)((int64_t)ins_sbx(ins) * 4);
            }
            break;
        }
        case OP_UNPACK: {
            Addr src;
            RV(b, src);
            SAVE_PC();
            TypeId t = obj_type(h, src);
            size_t n;
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
                CHECK(it);
                unsigned got = 0;
                Addr v;
                int st;
                while (got <= c && (st = op_next(vm, it, &v)) == 1) {
                    if (got < c) reg_put(&R, a + got, v); else heap_decref(h, v);
                    got++;
                }
                heap_decref(h, it);
                if (vm->err.kind) goto error;
                if (got != c) {
                    if (got < c) vm_raise(vm, EXC_VALUE, "not enough values to unpack (expected %u, got %u)", c, got);
                    else vm_raise(vm, EXC_VALUE, "too many values to unpack (expected %u)", c);
                    goto error;
                }
            }
            drop(&R, b, MAX_REGS);
            break;
        }
        case OP_WITHENTER: {
            Addr ctx;
            RV(b, ctx);
            heap_incref(h, ctx);
            reg_put(&R, a, ctx);
            break;
        }
        case OP_WITHEXIT: {
            Addr ctx = rget(&R, a);
            SAVE_PC();
            if (ctx) CHECK(builtins_close(vm, ctx) == 0);
            drop(&R, a, MAX_REGS);
            break;
        }
        case OP_ASSERTFAIL: {
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
        default:
            vm_raise(vm, EXC_TYPE, "bad opcode %u at 0x%llx", op, (unsigned long long)at);
            goto error;
        }
        if (HOOKED(R.tr)) trace_end(R.tr);
    }
error:
    if (vm->nframes) SAVE_PC();
    if (vm->nested_step_limit) return VM_STEP_LIMIT;   /* hit inside a vm_call_function */
    if (vm->err.kind == EXC_NONE) vm_raise(vm, EXC_MEMORY, "%s", "");
    vm_capture_traceback(vm);
    if (HOOKED(R.tr)) trace_error(R.tr, vm_exc_names[vm->err.kind], vm->err.msg);
    return VM_ERROR;
}

