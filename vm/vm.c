/*
** vm/vm.c: loading a Program into simulated RAM and the CPU loop.
**
** Loading follows what CPython does for a script: constants become objects
** (identifier-like strings interned, equal constants one object), each
** code object's constant table holds a reference to its entries, and while
** the script runs its AST holds one more (fact sheet section 10), released
** at shutdown. Instruction words are written to the code segment; the CPU
** fetches them from there. The CPU loop itself is vm/cpu.h.
*/
#include "vm/vm.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/ops.h"
#include "vm/spec.h"
#include "vm/suggest.h"
#include "vm/trace.h"

const char *const vm_exc_names[EXC__COUNT] = {
#define X(id, name) name,
    VM_EXCEPTIONS(X)
#undef X
};

Addr vm_raise(Vm *vm, ExcKind kind, const char *fmt, ...)
{
    if (vm->err.kind != EXC_NONE) return 0;      /* the first error wins */
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    vm->err.kind = kind;
    free(vm->err.msg);
    vm->err.msg = xstrdup(buf);
    return 0;
}

void vm_clear_error(Vm *vm)
{
    free(vm->err.msg);
    vm->err.msg = NULL;
    vm->err.kind = EXC_NONE;
}

/* ---------------- loading ---------------- */

static Addr make_const(Vm *vm, size_t i)
{
    Heap *h = vm->h;
    const Const *k = &vm->prog->consts[i];
    switch (k->kind) {
    case CK_NONE: return heap_none(h);
    case CK_TRUE: return heap_bool(h, true);
    case CK_FALSE: return heap_bool(h, false);
    case CK_INT: return int_from_big(h, &k->i);
    case CK_FLOAT: return float_new(h, k->f);
    case CK_STR: {
        Addr s = str_from_utf8(h, k->s, k->len);
        if (s && k->intern) s = str_intern(h, s);
        return s;
    }
    case CK_TUPLE: {
        Addr t = tuple_new(h, k->n);
        if (!t) return 0;
        for (size_t j = 0; j < k->n; j++) {
            Addr it = vm->consts[k->items[j]];
            heap_incref(h, it);
            tuple_set(h, t, j, it);
        }
        return t;
    }
    case CK_CODE: {
        Addr c = heap_new_object(h, TY_CODE, 1, 0);
        if (c) obj_set_field(h, c, 0, k->code);
        return c;
    }
    }
    return 0;
}

static int load(Vm *vm, char *err, size_t errcap)
{
    Heap *h = vm->h;
    const Program *p = vm->prog;
    /* instruction words into the code segment */
    vm->code_addr = xcalloc(p->nchunks + 1, sizeof *vm->code_addr);
    Addr at = h->ram.code;
    for (size_t c = 0; c < p->nchunks; c++) {
        const Chunk *ch = p->chunks[c];
        if (at + ch->ncode * 4 > h->ram.code_end) {
            snprintf(err, errcap, "tracevm: error: the program does not fit the profile's code segment (%llu bytes)",
                     (unsigned long long)(h->ram.code_end - h->ram.code));
            return -1;
        }
        vm->code_addr[c] = at;
        for (size_t i = 0; i < ch->ncode; i++) ram_wr(&h->ram, at + i * 4, 4, ch->code[i]);
        at += ch->ncode * 4;
    }
    spec_init(vm);
    /* names (always interned, as CPython interns co_names) */
    vm->names = xcalloc(p->nnames + 1, sizeof *vm->names);
    for (size_t i = 0; i < p->nnames; i++) {
        Addr s = str_from_cstr(h, p->names[i]);
        if (!s) goto nomem;
        vm->names[i] = str_intern(h, s);
        if (strcmp(p->names[i], "append") == 0) vm->name_append = vm->names[i];
        if (strcmp(p->names[i], "get") == 0) vm->name_get = vm->names[i];
        if (strcmp(p->names[i], "pop") == 0) vm->name_pop = vm->names[i];
    }
    /* constants: items before the tuples that hold them (the compiler adds them first) */
    vm->consts = xcalloc(p->nconsts + 1, sizeof *vm->consts);
    for (size_t i = 0; i < p->nconsts; i++) {
        vm->consts[i] = make_const(vm, i);
        if (!vm->consts[i]) goto nomem;
    }
    /* per-chunk tables: each co_consts holds its own reference */
    vm->ktab = xcalloc(p->nchunks + 1, sizeof *vm->ktab);
    vm->ntab = xcalloc(p->nchunks + 1, sizeof *vm->ntab);
    for (size_t c = 0; c < p->nchunks; c++) {
        const Chunk *ch = p->chunks[c];
        vm->ktab[c] = xcalloc(ch->nk + 1, sizeof(Addr));
        for (size_t i = 0; i < ch->nk; i++) {
            Addr o = vm->consts[ch->k[i]];
            heap_incref(h, o);
            vm->ktab[c][i] = o;
        }
        vm->ntab[c] = xcalloc(ch->nnames + 1, sizeof(Addr));
        for (size_t i = 0; i < ch->nnames; i++) {
            Addr o = vm->names[ch->names[i]];
            heap_incref(h, o);
            vm->ntab[c][i] = o;
        }
    }
    /* vm->consts[] itself stands for the script's AST reference; without
    ** that rule the table's references are dropped now */
    vm->ast_refs_held = h->L.script_ast_refs;
    if (!vm->ast_refs_held) {
        for (size_t i = 0; i < p->nconsts; i++) heap_decref(h, vm->consts[i]);
    }
    vm->globals = dict_new_module(h);
    if (!vm->globals) goto nomem;
    vm->globals_keys_at = dict_keys_field(h, vm->globals);
    size_t ncache = 0;
    for (size_t c = 0; c < p->nchunks; c++) ncache += p->chunks[c]->nnames;
    vm->gcache = xcalloc(ncache + 1, sizeof *vm->gcache);
    vm->runs = xcalloc(p->nchunks + 1, sizeof *vm->runs);
    for (size_t c = 0, first = 0; c < p->nchunks; first += p->chunks[c]->nnames, c++) {
        const Chunk *ch = p->chunks[c];
        vm->runs[c] = (ChunkRun){ ch, vm->code_addr[c], vm->ktab[c], vm->ntab[c], vm->gcache + first,
                                  ch->nparams, ch->nlocals, ch->nregs, ch->ret_regs };
    }
    vm->mcache = xcalloc(p->nnames + 1, sizeof *vm->mcache);
    Addr name = str_from_cstr(h, "__name__");
    Addr main = str_from_cstr(h, "__main__");
    if (!name || !main) goto nomem;
    name = str_intern(h, name);
    main = str_intern(h, main);
    dict_set(h, vm->globals, name, main);
    heap_decref(h, name);
    if (!heap_startup_keys(h)) goto nomem;
    return 0;
nomem:
    snprintf(err, errcap, "tracevm: error: the program's constants do not fit the profile's RAM");
    return -1;
}

Vm *vm_new(const Profile *prof, const Program *prog, const VmOptions *opt, char *err, size_t errcap)
{
    Heap *h = heap_new(&prof->layout, err, errcap);
    if (!h) return NULL;
    Vm *vm = xcalloc(1, sizeof *vm);
    vm->h = h;
    vm->prof = *prof;
    vm->py312 = strcmp(prof->python_version, "3.12") >= 0;
    vm->prog = prog;
    vm->out = opt && opt->out ? opt->out : stdout;
    vm->in = opt && opt->in ? opt->in : stdin;
    vm->max_steps = opt ? opt->max_steps : 0;
    vm->disk = xstrdup(opt && opt->disk ? opt->disk : ".");
    if (builtins_init(vm) != 0 || load(vm, err, errcap) != 0) {
        if (!err[0]) snprintf(err, errcap, "tracevm: error: simulated RAM too small to start");
        vm_free(vm);
        return NULL;
    }
    if (strcmp(prof->python_version, "3.11") == 0) vm->print_c_levels = builtins_find(vm, "print");
    vm->builtin_len = builtins_find(vm, "len");
    vm->builtin_abs = builtins_find(vm, "abs");
    vm->builtin_divmod = builtins_find(vm, "divmod");
    vm->builtin_ord = builtins_find(vm, "ord");
    vm->builtin_chr = builtins_find(vm, "chr");
    vm->builtin_isinstance = builtins_find(vm, "isinstance");
    vm->builtin_any = builtins_find(vm, "any");
    vm->builtin_all = builtins_find(vm, "all");
    vm->builtin_sum = builtins_find(vm, "sum");
    return vm;
}

VmStatus vm_run_w4_lv(Vm *vm);
VmStatus vm_run_w4_ss(Vm *vm);
VmStatus vm_run_w8_lv(Vm *vm);
VmStatus vm_run_w8_ss(Vm *vm);
void vm_release_w4_lv(Heap *h, Addr o);
void vm_release_w4_ss(Heap *h, Addr o);
void vm_release_w8_lv(Heap *h, Addr o);
void vm_release_w8_ss(Heap *h, Addr o);

/* Which loop of vm/cpu_fast.c fits this run: 1 + index into the tables
** below (word 4 or 8, 3.11's or 3.12's ints), or 0 for the generic one. */
static int fast_shape(const Vm *vm)
{
    const Heap *h = vm->h;
    const Ram *r = &h->ram;
    if (vm->tr || h->obs || r->big || r->bias != 0 || !INT_DIGIT30(h) || !heap_std_layout(h)) return 0;
    if (r->word != 4 && r->word != 8) return 0;
    return 1 + (r->word == 8) * 2 + INT_LV(h);
}

void vm_shutdown(Vm *vm)
{
    Heap *h = vm->h;
    const Program *p = vm->prog;
    /* unwind frames left by an error: release every register */
    while (vm->nframes) {
        Frame *f = &vm->frames[vm->nframes - 1];
        const Chunk *ch = p->chunks[f->chunk];
        for (unsigned r = ch->nregs; r-- > 0;) {
            Addr a = f->base + (Addr)r * h->W;
            Addr v = ram_word(&h->ram, a);
            ram_set_word(&h->ram, a, 0);
            heap_decref(h, v);
        }
        if (f->func) heap_decref(h, f->func);
        vm->nframes--;
    }
    if (vm->globals) {
        /* as finalization clears module dicts: breaks function <-> globals cycles */
        static void (*const release[4])(Heap *, Addr) = { vm_release_w4_ss, vm_release_w4_lv, vm_release_w8_ss, vm_release_w8_lv };
        Addr g = vm->globals;
        int s = fast_shape(vm);
        vm->globals = 0;
        if (s) dict_clear_with(h, g, release[s - 1]);
        else dict_clear(h, g);
        heap_decref(h, g);
    }
    if (vm->ktab) {
        for (size_t c = 0; c < p->nchunks; c++) {
            for (size_t i = 0; i < p->chunks[c]->nk; i++) heap_decref(h, vm->ktab[c][i]);
            for (size_t i = 0; i < p->chunks[c]->nnames; i++) heap_decref(h, vm->ntab[c][i]);
            free(vm->ktab[c]);
            free(vm->ntab[c]);
        }
        free(vm->ktab);
        free(vm->ntab);
        vm->ktab = vm->ntab = NULL;
    }
    if (vm->consts && vm->ast_refs_held)
        for (size_t i = 0; i < p->nconsts; i++) heap_decref(h, vm->consts[i]);
    vm->ast_refs_held = false;
    if (vm->names)
        for (size_t i = 0; i < p->nnames; i++) heap_decref(h, vm->names[i]);
    free(vm->names);
    vm->names = NULL;
    builtins_shutdown(vm);
    heap_release_interned(h);
}

void vm_free(Vm *vm)
{
    if (!vm) return;
    free(vm->consts);
    free(vm->gcache);
    free(vm->runs);
    free(vm->mcache);
    free(vm->code_addr);
    spec_free(vm);
    free(vm->frames);
    free(vm->err.msg);
    free(vm->err.tb);
    free(vm->disk);
    for (unsigned i = 0; i < vm->nwritten; i++) free(vm->written[i]);
    free(vm->written);
    sb_free(&vm->scratch);
    builtins_free(vm);
    heap_free(vm->h);
    free(vm);
}

/* ---------------- errors ---------------- */

/* Index of the instruction that ran last in a frame whose pc is 'pc'. */
static size_t ins_index(Vm *vm, uint32_t chunk, Addr pc)
{
    size_t i = (size_t)((pc - vm->code_addr[chunk]) / 4);
    return i > 0 ? i - 1 : 0;           /* pc points past the failing word */
}

void vm_capture_traceback(Vm *vm)
{
    free(vm->err.tb);
    vm->err.ntb = vm->nframes;
    vm->err.tb = xcalloc(vm->nframes + 1, sizeof *vm->err.tb);
    for (unsigned i = 0; i < vm->nframes; i++) {
        uint32_t c = vm->frames[i].chunk;
        const Chunk *ch = vm->prog->chunks[c];
        size_t k = ins_index(vm, c, vm->frames[i].pc);
        vm->err.tb[i].chunk = c;
        vm->err.tb[i].ins = (uint32_t)k;
        vm->err.tb[i].line = k < ch->ncode ? ch->pos[k].line : ch->line;
    }
}

/* ---------------- the CPU ---------------- */

/* The generic loop: any word size and byte order, tracing hooks compiled in. */
#define CPU_RUN vm_run_any
#include "vm/cpu.h"
#if !CPU_HOOKS
/* a build without tracing support (bench/run.sh cost sets CPU_HOOKS 0):
** the loop's tuple_free_moved, as vm/cpu_fast.c has it */
#include "heap/dealloc.h"
#endif

VmStatus vm_start(Vm *vm)
{
    vm->nframes = 0;
    vm->started = true;
    if (push_frame(vm, 0, &vm->runs[0], vm->h->ram.stack, 0, 0)) return VM_OK;
    vm_capture_traceback(vm);
    if (vm->tr) trace_error(vm->tr, vm_exc_names[vm->err.kind], vm->err.msg);
    return VM_ERROR;
}

/*
** Enters the CPU loop built for this run: while nothing observes the run
** (no tracer, no heap observer), a little-endian profile with 30-bit
** digits and a standard build's allocator numbers (heap_std_layout) whose
** RAM is mapped at its simulated addresses runs the loop compiled for its
** word size and int encoding (vm/cpu_fast.c), which has no hooks, turns
** every RAM access into one host load or store and has those numbers as
** constants.
** Everything else runs the generic loop. All five are the same source,
** vm/cpu.h, and behave identically.
*/
VmStatus vm_run(Vm *vm)
{
    static VmStatus (*const run[4])(Vm *) = { vm_run_w4_ss, vm_run_w4_lv, vm_run_w8_ss, vm_run_w8_lv };
    int s = fast_shape(vm);
    return s ? run[s - 1](vm) : vm_run_any(vm);
}

/*
** Calls the program's function 'f' from native code (sorted's key=, map):
** its frame goes above the current frame's registers, and a nested vm_run
** executes until that frame returns. On an error the frames stay on the
** stack, so the traceback shows the callback as CPython does.
*/
Addr vm_call_function(Vm *vm, Addr f, Addr *args, unsigned n)
{
    Heap *h = vm->h;
    const Frame *top = &vm->frames[vm->nframes - 1];
    Addr base = top->base + (Addr)vm->prog->chunks[top->chunk]->nregs * h->W;
    uint32_t target = (uint32_t)obj_field(h, obj_field(h, f, 3), 0);
    const Chunk *cc = vm->prog->chunks[target];
    if (base + (Addr)(cc->nregs + 1) * h->W > h->ram.stack_end)
        return vm_raise(vm, EXC_RECURSION, "maximum recursion depth exceeded (the simulated stack is full)");
    Regs R = { h, &h->ram, base, 0, vm->tr };
    heap_incref(h, f);
    rset(&R, 0, f);
    for (unsigned i = 0; i < n; i++) { heap_incref(h, args[i]); rset(&R, 1 + i, args[i]); }
    for (unsigned r = n; r < cc->nregs; r++) rset(&R, 1 + r, 0);
    if (!bind_args(vm, &R, 0, n, f, cc, 0)) {
        for (unsigned r = 0; r <= cc->nregs; r++) { Addr v = rget(&R, r); rset(&R, r, 0); heap_decref(h, v); }
        return 0;
    }
    rset(&R, 0, 0);
    unsigned saved_stop = vm->stop_depth;
    uint64_t saved_pause = vm->pause_at;
    vm->stop_depth = vm->nframes;
    vm->pause_at = 0;                   /* a callback runs to its end */
    if (!push_frame(vm, target, &vm->runs[target], base + h->W, f, 0)) {
        vm->stop_depth = saved_stop;
        vm->pause_at = saved_pause;
        for (unsigned r = 1; r <= cc->nregs; r++) { Addr v = rget(&R, r); rset(&R, r, 0); heap_decref(h, v); }
        heap_decref(h, f);
        return 0;
    }
    VmStatus st = vm_run(vm);
    vm->stop_depth = saved_stop;
    vm->pause_at = saved_pause;
    if (st == VM_OK) { Addr r = vm->call_result; vm->call_result = 0; return r; }
    if (st == VM_STEP_LIMIT) vm->nested_step_limit = true;
    return 0;
}
