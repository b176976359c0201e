/*
** vm/cpu_call.h: how the CPU loops enter a program function: a frame
** pushed (push_frame, RecursionError when the limit or the simulated
** stack is reached), the arguments bound to the parameters (bind_args:
** keywords to their slots, defaults for the rest, CPython's TypeErrors),
** and the error for an empty register (unbound). Part of vm/cpu.h,
** compiled with it in each of its units, after the register helpers.
*/
#ifndef TRACEVM_CPU_CALL_H
#define TRACEVM_CPU_CALL_H

static Addr unbound(Vm *vm, const Chunk *ch, unsigned r)
{
    if (r < ch->nlocals && ch->locals[r][0] != '.')
        return vm_raise(vm, EXC_UNBOUNDLOCAL, "cannot access local variable '%s' where it is not associated with a value", ch->locals[r]);
    return vm_raise(vm, EXC_NAME, "internal error: empty register r%u", r);
}

static bool frame_overflow(Vm *vm, bool stack_full)
{
    vm_raise(vm, EXC_RECURSION, stack_full ? "maximum recursion depth exceeded (the simulated stack is full)"
                                           : "maximum recursion depth exceeded");
    return false;
}

/* Pushes the frame of a call of chunk 'chunk' (run is &vm->runs[chunk]).
** The loop's own calls inline this; false after raising RecursionError. */
CPU_HOT bool push_frame(Vm *vm, uint32_t chunk, const ChunkRun *run, Addr base, Addr func, unsigned ret)
{
    unsigned n = vm->nframes;
    if (n >= vm->prof.recursion_limit) return frame_overflow(vm, false);
    if (base + (Addr)run->nregs * HEAP_W(vm->h) > vm->h->ram.stack_end) return frame_overflow(vm, true);
    if (n == vm->capframes) {
        vm->capframes = vm->capframes ? vm->capframes * 2 : 16;
        vm->frames = xrealloc(vm->frames, vm->capframes * sizeof *vm->frames);
    }
    vm->nframes = n + 1;
    Frame *f = &vm->frames[n];
    f->chunk = chunk;
    f->ret = ret;
    f->pc = run->code;
    f->base = base;
    f->func = func;
    f->run = run;
    if (vm->nwarming) spec_warm(vm, chunk, 0);        /* RESUME */
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
            if (slot == np || rget(R, a + 1 + slot)) {
                StrBuf s; sb_init(&s); str_to_utf8(h, kn, &s);
                if (slot == np) vm_raise(vm, EXC_TYPE, "%s() got an unexpected keyword argument '%s'", cc->name, s.s);
                else vm_raise(vm, EXC_TYPE, "%s() got multiple values for argument '%s'", cc->name, s.s);
                sb_free(&s);
                for (unsigned j = i; j < nkw; j++) heap_decref(h, vals[j]);
                return false;
            }
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

#endif
