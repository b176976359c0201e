/*
** vm/suggest.h: name suggestions for NameError and AttributeError.
*/
#ifndef TRACEVM_SUGGEST_H
#define TRACEVM_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "vm/vm.h"

/* The candidate CPython would suggest for the unknown 'name' among
** cands[0..n) (offered in this order), or NULL. */
const char *suggest_name(const char *name, const char *const *cands, size_t n);

/* Appends CPython's hint to a NameError message: ". Did you mean: 'x'?"
** from the frame's bound locals, then globals, then builtins (3.12 also:
** ". Did you forget to import 'sys'?"). 'base' is the frame's R[0]. */
void suggest_name_error(Vm *vm, const Chunk *ch, Addr base, bool in_function, const char *name, StrBuf *msg);
/* The same for an AttributeError on a built-in type (or the sys module). */
void suggest_attr_error(Vm *vm, TypeId t, bool sys_module, const char *name, StrBuf *msg);

#endif
