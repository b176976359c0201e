/*
** vm/cpu_fuse.h: the instructions that the CPU loops without hooks run
** together in one dispatch, where nothing can observe the steps between
** them: the test for "MOVE into a local" (move_to_local), FORITER's tuple
** spread into locals (unpack_to_locals) and a local's (unpack_local), a
** chained comparison's branch (chain_branch) and xs.append(x) at its
** LOADMETHOD (append_arg). Each
** keeps the references, their order and the step count of the
** instructions it stands for; tests/fastpath.sh compares the result with
** the loop with hooks. Part of vm/cpu.h, compiled with it in each of its
** units, after the register helpers.
*/
#ifndef TRACEVM_CPU_FUSE_H
#define TRACEVM_CPU_FUSE_H

/* Whether instruction m is MOVE R[from] into a local: what the loops
** without hooks run together with the instruction that filled R[from]. */
static inline bool move_to_local(Instr m, unsigned from, unsigned nlocals)
{
    return ins_op(m) == OP_MOVE && ins_b(m) == from && ins_a(m) < nlocals;
}

/*
** The code's part of an UNPACK's spread into locals, decoded once per
** UNPACK (code never changes) into *uh: the UNPACK u at pc of 1 to 4
** items into temporaries (none of them R[a] or R[a + 1]: FORITER's
** iterator and item), each taken into a local by the MOVE after it in
** order. The number of items, 0 for another shape.
*/
static __attribute__((noinline, unused)) unsigned unpack_decode(const Regs *R, Heap *h, UnpackHint *uh, Addr pc, Instr u, unsigned a)
{
    unsigned t = ins_a(u), c = ins_c(u);
    uh->pc = pc;
    uh->n = 0;
    if (c == 0 || c > 4 || t < R->nlocals || (t <= a + 1 && t + c > a)) return 0;
    for (unsigned i = 0; i < c; i++) {
        Instr m = (Instr)ram_rd(&h->ram, pc + 4 * (Addr)(i + 1), 4);
        if (!move_to_local(m, t + i, R->nlocals)) return 0;
        uh->dst[i] = (uint8_t)ins_a(m);
    }
    return uh->n = c;
}
/* unpack_decode's answer, decoded at the UNPACK's first run (out of line) */
CPU_HOT unsigned unpack_shape(const Regs *R, Heap *h, UnpackHint *uh, Addr pc, Instr u, unsigned a)
{
    return uh->pc == pc ? uh->n : unpack_decode(R, h, uh, pc, u, a);
}

/* The c items at 'items' (a tuple's or list's), each with a reference
** taken, into the locals uh->dst in order (each old value released as it
** is put); 'seq', if not 0, loses a reference between, as UNPACK drops
** its operand before the MOVEs. */
CPU_HOT void spread_to_locals(Regs *R, Heap *h, const UnpackHint *uh, Addr items, unsigned c, Addr seq)
{
    Addr item[4];
    for (unsigned i = 0; i < c; i++) { item[i] = ram_word(&h->ram, items + (Addr)i * HEAP_W(h)); heap_incref(h, item[i]); }
    if (seq) heap_decref_fast(h, seq);
    for (unsigned i = 0; i < c; i++) reg_put(R, uh->dst[i], item[i]);
}

/*
** Without hooks, FORITER's next item 'v' (a new reference) when the next
** instruction, u at pc, is UNPACK of it into temporaries that the MOVEs
** after it take into locals: the same increfs, tuple drop and puts in the
** same order, without the temporaries or the dispatches. The number of
** instructions done (the UNPACK and its MOVEs; 0 when the shape differs:
** not a tuple of that length, a MOVE missing, or fewer than that many
** steps left in 'room').
*/
CPU_HOT unsigned unpack_to_locals(Regs *R, Heap *h, UnpackHint *uh, Addr pc, Instr u, Addr v, unsigned a, uint64_t room)
{
    unsigned c = unpack_shape(R, h, uh, pc, u, a);
    if (c == 0 || room <= c || obj_type_addr(h, v) != heap_type_obj(h, TY_TUPLE) || tuple_len(h, v) != c) return 0;
    spread_to_locals(R, h, uh, tuple_item_at(h, v, 0), c, v);
    return 1 + c;
}

/*
** Without hooks, MOVE of a local's tuple or list 'v' into an empty
** temporary when the next instruction, u at pc, is UNPACK of it into
** temporaries that the MOVEs after it take into locals (a, b = t): the
** items' increfs and the puts in the same order, without the temporaries
** or the dispatches; the MOVE's incref and the UNPACK's decref of v
** cancel (a local holds it). The number of instructions done after the
** MOVE (the UNPACK and its MOVEs), 0 when the shape differs or fewer
** steps than that are left in 'room'. Out of the loop's way: inline, it
** cost the loop a register (the heap pointer went to the stack).
*/
static __attribute__((noinline, unused)) unsigned unpack_local(Regs *R, Heap *h, UnpackHint *uh, Addr pc, Instr u, Addr v, uint64_t room)
{
    unsigned c = unpack_shape(R, h, uh, pc, u, MAX_REGS);
    if (c == 0 || room < 1 + c) return 0;
    Addr t = obj_type_addr(h, v);
    if (t == heap_type_obj(h, TY_TUPLE) && tuple_len(h, v) == c) spread_to_locals(R, h, uh, tuple_item_at(h, v, 0), c, 0);
    else if (t == heap_type_obj(h, TY_LIST) && list_len(h, v) == c) spread_to_locals(R, h, uh, list_items(h, v), c, 0);
    else return 0;
    return 1 + c;
}

/*
** Without hooks, where a chained comparison's bool (in temporary a) goes
** next: at 'at', the target of the JMP after its last comparison or of the
** ANDJMP after an earlier one ('pop': the middle operand, still held, is
** released first), the compiler puts "[POP y;] MOVE x, a; JMPIF/JMPIFNOT
** x" (a < b < c in an if or while). When that is the shape, with x an
** empty temporary and every instruction within 'room' steps, the POP is
** done and the branch is taken on 'truth' where the bool would have been
** tested: *pc at its destination, and the number of instructions done. 0
** for another shape, nothing done. The bool is never made: its incref and
** the branch's decref would cancel, and both temporaries end empty.
*/
CPU_HOT unsigned chain_branch(Regs *R, Heap *h, Addr *pc, Addr at, unsigned a, bool pop, int truth, uint64_t room)
{
    unsigned n = pop ? 3 : 2, y = 0;
    Instr p = pop ? (Instr)ram_rd(&h->ram, at, 4) : 0;
    Instr m = (Instr)ram_rd(&h->ram, at + 4 * (Addr)(n - 2), 4), j = (Instr)ram_rd(&h->ram, at + 4 * (Addr)(n - 1), 4);
    unsigned x = ins_a(m);
    if (room < n || ins_op(m) != OP_MOVE || ins_b(m) != a || x < R->nlocals || x == a
        || (ins_op(j) != OP_JMPIF && ins_op(j) != OP_JMPIFNOT) || ins_a(j) != x)
        return 0;
    if (pop && (ins_op(p) != OP_POP || (y = ins_a(p)) < R->nlocals || y == a || y == x)) return 0;
    if (rget(R, x)) return 0;
    if (pop) {
        Addr v = rget(R, y);
        rset(R, y, 0);
        heap_decref(h, v);
    }
    *pc = at + 4 * (Addr)n;
    if (truth == (ins_op(j) == OP_JMPIF)) *pc += (Addr)((int64_t)ins_sbx(j) * 4);
    return n;
}

/*
** Without hooks, at LOADMETHOD R[A].append (ins) of a list: when the
** instructions at pc are "MOVE R[A+1], local" or "LOADK R[A+1], K[..]",
** then "CALLMETHOD R[A], 1, append" and "POP R[A]" (xs.append(x) as a
** statement), x's value (borrowed); else 0. An unbound local gives 0:
** the MOVE raises.
*/
CPU_HOT Addr append_arg(Regs *R, Heap *h, Addr pc, Instr ins, Addr *K)
{
    unsigned a = ins_a(ins);
    Instr m = (Instr)ram_rd(&h->ram, pc, 4);
    bool k = ins_op(m) == OP_LOADK;
    if ((!k && (ins_op(m) != OP_MOVE || ins_b(m) >= R->nlocals)) || ins_a(m) != a + 1
        || (Instr)ram_rd(&h->ram, pc + 4, 4) != ((Instr)OP_CALLMETHOD | (Instr)a << 8 | (Instr)1 << 16 | (Instr)ins_c(ins) << 24)
        || (Instr)ram_rd(&h->ram, pc + 8, 4) != ((Instr)OP_POP | (Instr)a << 8) || rget(R, a + 1))
        return 0;
    return k ? K[ins_bx(m)] : rget(R, ins_b(m));
}

#endif
