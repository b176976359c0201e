/*
** vm/stepper.c: moving a machine forward for 'tracevm step', and the
** comparison of one stop with the previous one.
**
** The CPU runs with a step budget (vm->pause_at): a plain move ("step 100",
** "goto 5000", "continue" with nothing to watch) is one budgeted vm_run at
** full speed, cut only where a checkpoint is due. Moves that look at every
** instruction ("next", "finish", breakpoints, watches) run one instruction
** per vm_run and test their condition in between.
**
** A stop is compared with the previous one through StpShared: a copy of the
** used parts of RAM (statics, the register stack, the arenas, the large
** blocks) and the table of live objects with their refcounts. Whatever the
** path between the two stops (forward, or a jump to a checkpoint), the
** differences are exact for the two states.
*/
#define _GNU_SOURCE             /* fopencookie */
#include "vm/stepper.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vm/stepper_internal.h"
#include "vm/trace.h"

volatile int stp_interrupted;

/* ---------------- captured output, logged input ---------------- */

static ssize_t out_write(void *c, const char *buf, size_t n)
{
    Stepper *s = c;
    sb_put(&s->out, buf, n);
    return (ssize_t)n;
}

static ssize_t in_read(void *c, char *buf, size_t n)
{
    Stepper *s = c;
    if (s->inpos >= s->inlog.len && s->in_fn) s->in_fn(s->ud, s->inpos, &s->inlog);
    size_t have = s->inlog.len - s->inpos;
    if (have > n) have = n;
    if (have) memcpy(buf, s->inlog.s + s->inpos, have);
    s->inpos += have;
    return (ssize_t)have;
}

size_t stp_shared_size(const Layout *L)
{
    uint64_t objcap = L->ram_size / 16 + 16;
    size_t page = 4096;
    size_t head = (sizeof(StpShared) + page - 1) / page * page;
    size_t objs = (size_t)((objcap * sizeof(StpObj) + page - 1) / page * page);
    return head + objs + (size_t)L->ram_size;
}

void stp_shared_init(StpShared *sh, const Layout *L)
{
    size_t page = 4096;
    sh->valid = false;
    sh->objcap = L->ram_size / 16 + 16;
    sh->objs_off = (sizeof(StpShared) + page - 1) / page * page;
    sh->ram_off = sh->objs_off + (size_t)((sh->objcap * sizeof(StpObj) + page - 1) / page * page);
}

Stepper *stp_new(const Profile *prof, const Program *prog, const char *disk, uint64_t max_steps,
                 StpShared *sh, char *err, size_t errcap)
{
    Stepper *s = xcalloc(1, sizeof *s);
    s->prog = prog;
    s->sh = sh;
    sb_init(&s->out);
    sb_init(&s->inlog);
    s->fout = fopencookie(s, "w", (cookie_io_functions_t){ NULL, out_write, NULL, NULL });
    s->fin = fopencookie(s, "r", (cookie_io_functions_t){ in_read, NULL, NULL, NULL });
    if (!s->fout || !s->fin) {
        snprintf(err, errcap, "tracevm: error: cannot capture the program's input and output");
        stp_free(s);
        return NULL;
    }
    setvbuf(s->fout, NULL, _IONBF, 0);
    VmOptions opt = { s->fout, s->fin, disk, max_steps };
    s->vm = vm_new(prof, prog, &opt, err, errcap);
    if (!s->vm) { stp_free(s); return NULL; }
    s->status = vm_start(s->vm) == VM_OK ? VM_PAUSED : VM_ERROR;
    return s;
}

void stp_set_io(Stepper *s, StpInputFn in, StpCheckpointFn ck, void *ud)
{
    s->in_fn = in;
    s->ck_fn = ck;
    s->ud = ud;
}

void stp_free(Stepper *s)
{
    if (!s) return;
    if (s->vm) {
        vm_shutdown(s->vm);
        vm_free(s->vm);
    }
    if (s->fout) fclose(s->fout);
    if (s->fin) fclose(s->fin);
    sb_free(&s->out);
    sb_free(&s->inlog);
    free(s);
}

Vm *stp_vm(Stepper *s) { return s->vm; }
uint64_t stp_step(const Stepper *s) { return s->vm->steps; }

/* ---------------- where the CPU is ---------------- */

uint32_t stp_line_at(const Stepper *s, uint32_t chunk, Addr pc)
{
    const Chunk *ch = s->prog->chunks[chunk];
    size_t i = (size_t)((pc - s->vm->code_addr[chunk]) / 4);
    return i < ch->ncode ? ch->pos[i].line : ch->line;
}

/* True when the instruction at 'pc' begins the code of a source line. */
static bool line_start(const Stepper *s, uint32_t chunk, Addr pc)
{
    const Chunk *ch = s->prog->chunks[chunk];
    size_t i = (size_t)((pc - s->vm->code_addr[chunk]) / 4);
    if (i >= ch->ncode) return false;
    return i == 0 || ch->pos[i - 1].line != ch->pos[i].line;
}

/* ---------------- watches ---------------- */

typedef struct WVal { Addr v; uint64_t rc; } WVal;

/* False when the watched local's frame is gone. */
static bool watch_eval(Stepper *s, const StpWatch *w, WVal *out)
{
    Vm *vm = s->vm;
    Heap *h = vm->h;
    Addr v;
    if (w->frame < 0) {
        v = vm->globals ? dict_get_str(h, vm->globals, w->name) : 0;
    } else {
        if (vm->nframes <= (unsigned)w->frame || vm->frames[w->frame].base != w->base) return false;
        v = ram_word(&h->ram, w->base + (Addr)w->reg * h->W);
    }
    out->v = v;
    out->rc = v ? obj_refcnt(h, v) : 0;
    return true;
}

bool stp_resolve_watch(Stepper *s, const char *name, StpWatch *w, FILE *out)
{
    Vm *vm = s->vm;
    memset(w, 0, sizeof *w);
    snprintf(w->name, sizeof w->name, "%s", name);
    w->frame = -1;
    if (vm->nframes) {
        unsigned fi = vm->nframes - 1;
        const Frame *f = &vm->frames[fi];
        const Chunk *ch = s->prog->chunks[f->chunk];
        if (fi > 0) {
            for (unsigned r = 0; r < ch->nlocals; r++) {
                if (!strcmp(ch->locals[r], name)) {
                    w->frame = (int)fi;
                    w->base = f->base;
                    w->reg = r;
                    break;
                }
            }
        }
    }
    WVal v;
    watch_eval(s, w, &v);
    if (w->frame < 0 && !v.v) fprintf(out, "'%s' is not bound yet: the watch stops when it is.\n", name);
    return true;
}

/* ---------------- moving ---------------- */

static bool has_break(const StpRun *r, uint32_t line, unsigned *id)
{
    for (unsigned i = 0; i < r->nbreaks; i++)
        if (r->breaks[i].line == line) { *id = r->breaks[i].id; return true; }
    return false;
}

/* The next step at which a checkpoint is due after 'cur', given the
** checkpoints that exist; '*make' false: only a point to plan again. */
static uint64_t next_due(const StpRun *r, uint64_t cur, uint64_t last_made, bool *make)
{
    *make = false;
    if (!r->ck_every) return UINT64_MAX;
    uint64_t prev = last_made, next = UINT64_MAX;
    for (unsigned i = 0; i < r->nck; i++) {
        if (r->ck[i] <= cur && (prev == UINT64_MAX || r->ck[i] > prev)) prev = r->ck[i];
        if (r->ck[i] > cur && r->ck[i] < next) next = r->ck[i];
    }
    if (last_made != UINT64_MAX && last_made > prev) prev = last_made;
    uint64_t cand = prev == UINT64_MAX ? cur + 1 : prev + r->ck_every;
    if (cand <= cur) cand = cur + 1;
    if (next != UINT64_MAX && cand + r->ck_every / 2 > next) return next;
    *make = true;
    return cand;
}

static void stop_msg(StpStop *st, StpReason why, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void stop_msg(StpStop *st, StpReason why, const char *fmt, ...)
{
    st->reason = why;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->msg, sizeof st->msg, fmt, ap);
    va_end(ap);
}

static void end_status(Stepper *s, VmStatus vs, StpStop *st)
{
    Vm *vm = s->vm;
    if (vs == VM_OK) {
        s->status = VM_OK;
        stop_msg(st, STOP_END, "The program finished after %llu steps.", (unsigned long long)vm->steps);
    } else if (vs == VM_ERROR) {
        s->status = VM_ERROR;
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        vm_print_error(vm, m);
        fclose(m);
        stop_msg(st, STOP_ERROR, "The program stopped with an error at step %llu:\n%s",
                 (unsigned long long)vm->steps, buf ? buf : "");
        free(buf);
    } else {
        s->status = VM_STEP_LIMIT;
        stop_msg(st, STOP_LIMIT, "Stopped: the step limit (%llu) is reached; the program may loop forever.",
                 (unsigned long long)vm->max_steps);
    }
}

StpStop stp_run(Stepper *s, const StpRun *r, FILE *trace_out)
{
    StpStop st;
    memset(&st, 0, sizeof st);
    Vm *vm = s->vm;
    if (s->status != VM_PAUSED) {
        if (r->mode == STP_UNTIL && r->n == vm->steps) { st.reason = STOP_DONE; return st; }
        stop_msg(&st, STOP_REFUSED, "%s",
                 s->status == VM_OK ? "The program has finished; go back with 'back' or 'goto STEP'." :
                 s->status == VM_ERROR ? "The program stopped with an error; go back with 'back' or 'goto STEP'." :
                 "The step limit is reached; go back with 'back' or 'goto STEP'.");
        return st;
    }
    if (r->mode == STP_UNTIL && r->n < vm->steps) {
        stop_msg(&st, STOP_REFUSED, "internal: cannot run backwards");
        return st;
    }
    unsigned d0 = vm->nframes;
    if (r->mode == STP_FINISH && d0 <= 1) {
        stop_msg(&st, STOP_REFUSED, "\"finish\" not meaningful in the outermost frame.");
        return st;
    }
    uint64_t target = r->mode == STP_STEP ? vm->steps + r->n : r->mode == STP_UNTIL ? r->n : UINT64_MAX;
    if (r->mode == STP_STEP && r->n > UINT64_MAX - vm->steps) target = UINT64_MAX;
    bool per_step = r->mode == STP_NEXT || r->mode == STP_FINISH ||
                    (r->mode == STP_CONTINUE && (r->nbreaks || r->nwatch));
    WVal base[STP_MAX_WATCH];
    for (unsigned i = 0; i < r->nwatch; i++)
        if (!watch_eval(s, &r->watch[i], &base[i])) base[i].v = base[i].rc = 0;
    Tracer *tr = r->trace && !r->silent && trace_out ? trace_new(vm, trace_out, TRACE_TABLE) : NULL;
    uint64_t last_made = UINT64_MAX;
    bool make;
    uint64_t due = next_due(r, vm->steps, last_made, &make);
    stp_interrupted = 0;
    for (;;) {
        if (vm->steps == due) {
            if (make && s->ck_fn) {
                if (s->ck_fn(s->ud, vm->steps)) { st.reason = STOP_REBORN; break; }
                last_made = vm->steps;
            }
            due = next_due(r, vm->steps, last_made, &make);
        }
        if (vm->steps >= target) { st.reason = STOP_DONE; break; }
        if (stp_interrupted) { stop_msg(&st, STOP_INTERRUPT, "Interrupted."); break; }
        uint32_t pdepth = vm->nframes;
        const Frame *pf = &vm->frames[pdepth - 1];
        uint32_t pline = stp_line_at(s, pf->chunk, pf->pc);
        uint64_t budget = per_step ? vm->steps + 1 : target;
        if (due < budget) budget = due;
        if (budget - vm->steps > 1u << 20) budget = vm->steps + (1u << 20);   /* notice interrupts */
        vm->pause_at = budget;
        VmStatus vs = vm_run(vm);
        vm->pause_at = 0;
        if (vs != VM_PAUSED) { end_status(s, vs, &st); break; }
        if (!per_step) continue;
        const Frame *f = &vm->frames[vm->nframes - 1];
        uint32_t line = stp_line_at(s, f->chunk, f->pc);
        bool event = line_start(s, f->chunk, f->pc) || (vm->nframes == pdepth && line != pline);
        if (r->mode == STP_NEXT && (vm->nframes < d0 || (vm->nframes == d0 && event))) { st.reason = STOP_DONE; break; }
        if (r->mode == STP_FINISH && vm->nframes < d0) { st.reason = STOP_DONE; break; }
        unsigned id;
        if (event && has_break(r, line, &id)) {
            st.id = id;
            stop_msg(&st, STOP_BREAK, "Breakpoint %u, line %u", id, line);
            break;
        }
        bool hit = false;
        for (unsigned i = 0; i < r->nwatch && !hit; i++) {
            WVal now;
            const StpWatch *w = &r->watch[i];
            if (!watch_eval(s, w, &now)) {
                st.id = w->id;
                stop_msg(&st, STOP_WATCH_SCOPE, "Watchpoint %u deleted: the frame of '%s' has returned.", w->id, w->name);
                hit = true;
            } else if (now.v != base[i].v) {
                StrBuf a, b; sb_init(&a); sb_init(&b);
                if (base[i].v) sb_printf(&a, "@0x%llx", (unsigned long long)base[i].v); else sb_puts(&a, "(unbound)");
                if (now.v) trace_describe(vm, now.v, &b); else sb_puts(&b, "(unbound)");
                st.id = w->id;
                stop_msg(&st, STOP_WATCH, "Watchpoint %u: %s\n  old: %s\n  new: %s", w->id, w->name, a.s, b.s);
                sb_free(&a); sb_free(&b);
                hit = true;
            } else if (now.rc != base[i].rc) {
                st.id = w->id;
                stop_msg(&st, STOP_WATCH, "Watchpoint %u: refcount of %s (@0x%llx): %llu -> %llu", w->id, w->name,
                         (unsigned long long)now.v, (unsigned long long)base[i].rc, (unsigned long long)now.rc);
                hit = true;
            }
        }
        if (hit) break;
    }
    if (tr) trace_free(tr);
    return st;
}

/* ---------------- the state hash ---------------- */

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

static uint64_t hash_bytes(uint64_t h, const Ram *ram, Addr lo, Addr hi)
{
    if (hi <= lo) return h;
    const uint8_t *p = ram->mem + (lo - ram->base);
    size_t n = (size_t)(hi - lo), i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w) h = mix(h, w ^ (lo + i));
    }
    for (; i < n; i++) h = mix(h, p[i] ^ ((lo + i) << 8));
    return h;
}

/* Covers every byte of RAM the machine can have written: the code, the
** statics in use, the whole stack segment, the arenas and the large blocks
** (the allocator writes nowhere else), plus the CPU's registers and the
** captured output. */
uint64_t stp_state_hash(Stepper *s)
{
    Vm *vm = s->vm;
    Heap *hp = vm->h;
    Ram *ram = &hp->ram;
    uint64_t h = 0x6a09e667f3bcc908ull;
    h = hash_bytes(h, ram, ram->code, ram->code_end);
    h = hash_bytes(h, ram, ram->stat, hp->stat_top);
    h = hash_bytes(h, ram, ram->stack, ram->stack_end);
    h = hash_bytes(h, ram, ram->heap, hp->arena_top);
    h = hash_bytes(h, ram, hp->large_top, ram->heap_end);
    h = mix(h, hp->stat_top);
    h = mix(h, hp->arena_top);
    h = mix(h, hp->large_top);
    h = mix(h, heap_live_count(hp));
    h = mix(h, vm->steps);
    h = mix(h, vm->nframes);
    for (unsigned f = 0; f < vm->nframes; f++) {
        const Frame *fr = &vm->frames[f];
        h = mix(h, fr->chunk);
        h = mix(h, fr->pc);
        h = mix(h, fr->base);
        h = mix(h, fr->func);
        h = mix(h, fr->ret);
    }
    h = mix(h, (uint64_t)s->status);
    h = mix(h, s->out.len);
    for (size_t k = 0; k < s->out.len; k++) h = mix(h, (unsigned char)s->out.s[k]);
    return h;
}
