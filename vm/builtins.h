/*
** vm/builtins.h: built-in functions (print, len, id, ...), the modules sys
** and sqlite3, and the methods of the built-in types. Builtin function
** objects live in the static segment, one per native.
*/
#ifndef TRACEVM_BUILTINS_H
#define TRACEVM_BUILTINS_H

#include "vm/vm.h"

typedef Addr (*NativeFn)(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw);

typedef struct Native {
    const char *name;
    TypeId owner;           /* TY_NONE: a builtin function; TY_MODULE: sys.*; else a method */
    NativeFn fn;
    int min, max;           /* positional argument counts (max -1: any) */
    bool kw;                /* accepts keyword arguments */
} Native;

/* vm/io.c: open(), file methods and sqlite3 (owners TY_FILE, TY_SQLCONN,
** TY_SQLCURSOR; module functions are TY_MODULE natives named "sqlite3.connect"). */
extern const Native vm_io_natives[];
extern const size_t vm_io_nnatives;
Addr vm_open(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw);
/* next line of a file opened for reading: 1 and *out, 0 at EOF, -1 error */
int vm_file_next(Vm *vm, Addr f, Addr *out);
/* closes files and connections the program left open */
void vm_io_shutdown(Vm *vm);
/* __exit__ of a with-block: closes a file or connection */
int vm_io_close(Vm *vm, Addr o);

int builtins_init(Vm *vm);
void builtins_shutdown(Vm *vm);     /* closes files and connections */
void builtins_free(Vm *vm);
/* The builtin function object named 'name' (static), or 0. */
Addr builtins_find(Vm *vm, const char *name);
/* builtins[name] (borrowed) or 0. */
Addr builtins_lookup(Vm *vm, Addr name);
/* Calls builtin object 'f'; args borrowed; new reference or 0. */
Addr builtins_call(Vm *vm, Addr f, Addr *args, unsigned n, Addr kwnames);
/* self.name(args): 'name' is one of the program's names (an instruction's
** operand), as for builtins_has_method. */
Addr builtins_call_method(Vm *vm, Addr self, Addr name, Addr *args, unsigned n, Addr kwnames);
Addr builtins_getattr(Vm *vm, Addr o, Addr name);
/* True if 'self' has method 'name' (one of the program's names); else
** AttributeError (with a suggestion). *nt gets the method for
** builtins_call_native (NULL for a module's attribute). */
bool builtins_has_method(Vm *vm, Addr self, Addr name, const Native **nt);
/* Calls method 'nt' of 'self', as builtins_has_method found it: what
** builtins_call_method does after its lookup. */
Addr builtins_call_native(Vm *vm, const Native *nt, Addr self, Addr *args, unsigned n, Addr kwnames);
Addr builtins_import(Vm *vm, Addr name);
int builtins_close(Vm *vm, Addr ctx);
const char *vm_builtin_name(Vm *vm, Addr f);

#endif
