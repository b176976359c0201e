/*
** vm/native.h: what the files implementing natives share (builtins.c,
** lib_str.c, lib_coll.c, members.c, io.c): argument helpers and the
** tables. Private to vm/.
*/
#ifndef TRACEVM_NATIVE_H
#define TRACEVM_NATIVE_H

#include "vm/builtins.h"

static inline Heap *H(Vm *vm) { return vm->h; }
static inline Addr nomem(Vm *vm) { return vm_raise(vm, EXC_MEMORY, "%s", ""); }
static inline Addr chk(Vm *vm, Addr r) { return r ? r : nomem(vm); }
static inline Addr none(Vm *vm) { return heap_none(vm->h); }

/* A data member of o, of type t (vm/members.c): a new reference, or 0 with
** vm->err set; *found false (and 0) when t has no member 'name'. */
Addr nat_data_member(Vm *vm, Addr o, TypeId t, Addr name, bool *found);
/* Positional arguments of a call whose last len(kw) arguments are keywords. */
static inline unsigned npos(Vm *vm, unsigned n, Addr kw) { return n - (kw ? (unsigned)tuple_len(vm->h, kw) : 0); }
/* The keyword argument 'name' (borrowed) or 0. */
Addr nat_kwarg(Vm *vm, Addr *args, unsigned n, Addr kw, const char *name);
/* False (TypeError set) if a keyword is not in 'allowed' (NULL-terminated). */
bool nat_only_kw(Vm *vm, const char *fn, Addr kw, const char *const *allowed);
/* Calls any callable (the program's function, a builtin, a type). */
Addr nat_call(Vm *vm, Addr f, Addr *args, unsigned n);
/* list(src), with list_extend's preallocation. New reference or 0. */
Addr nat_list_from(Vm *vm, Addr src);
/* dict(args, **kw) into a new dict. */
/* dict_update_arg, then the keywords (dict(), d.update()): a dict's
** items, else an iterable of pairs, each a tuple or list as it is (else
** made a list). 0, or -1 with vm->err set. */
int nat_dict_update(Vm *vm, Addr d, Addr *args, unsigned n, Addr kw);
/* dict(args, **kw): 'fresh' for the type call (tp_alloc, not the free
** list), else a dict from the free list first (copy). */
Addr nat_make_dict(Vm *vm, Addr *args, unsigned n, Addr kw, bool fresh);
/* list.sort(key=None, reverse=False) in CPython's comparison order: 0 or -1. */
int nat_list_sort(Vm *vm, Addr l, Addr *args, unsigned n, Addr kw);

extern const Native lib_str_natives[];
extern const size_t lib_str_nnatives;
extern const Native lib_coll_natives[];
extern const size_t lib_coll_nnatives;

#endif
