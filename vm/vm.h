/*
** vm/vm.h: the register CPU. vm_load places a compiled Program in simulated
** RAM (instruction words in the code segment, constants as objects); vm_run
** fetches each 32-bit word at PC from RAM, decodes and executes it against
** the heap. Frames are register windows in the RAM stack segment: a call's
** argument registers become the callee's first locals (as in Lua and
** CPython 3.11+), so passing an argument adds exactly one reference.
** Runtime errors stop the program with a CPython-style traceback.
*/
#ifndef TRACEVM_VM_H
#define TRACEVM_VM_H

#include <stdio.h>

#include "heap/heap.h"
#include "vm/chunk.h"
#include "vm/profile.h"

/* Python exceptions the VM raises: id and name. */
#define VM_EXCEPTIONS(X)                                    \
    X(NONE, "")                                             \
    X(ZERODIV, "ZeroDivisionError")                         \
    X(NAME, "NameError")                                    \
    X(UNBOUNDLOCAL, "UnboundLocalError")                    \
    X(TYPE, "TypeError")                                    \
    X(VALUE, "ValueError")                                  \
    X(INDEX, "IndexError")                                  \
    X(KEY, "KeyError")                                      \
    X(ATTRIBUTE, "AttributeError")                          \
    X(OVERFLOW, "OverflowError")                            \
    X(RECURSION, "RecursionError")                          \
    X(RUNTIME, "RuntimeError")                              \
    X(MEMORY, "MemoryError")                                \
    X(ASSERTION, "AssertionError")                          \
    X(PERMISSION, "PermissionError")                        \
    X(FILENOTFOUND, "FileNotFoundError")                    \
    X(ISADIR, "IsADirectoryError")                          \
    X(FILEEXISTS, "FileExistsError")                        \
    X(NOTADIR, "NotADirectoryError")                        \
    X(OS, "OSError")                                        \
    X(UNSUPPORTEDOP, "io.UnsupportedOperation")             \
    X(EOF, "EOFError")                                      \
    X(STOPITERATION, "StopIteration")                       \
    X(SQLITE, "sqlite3.OperationalError")                   \
    X(SQLPROG, "sqlite3.ProgrammingError")                  \
    X(SQLINTEGRITY, "sqlite3.IntegrityError")               \
    X(MODULENOTFOUND, "ModuleNotFoundError")                \
    X(SYSTEM, "SystemError")    /* tracevm's own invariant broke */

typedef enum {
#define X(id, name) EXC_##id,
    VM_EXCEPTIONS(X)
#undef X
    EXC__COUNT
} ExcKind;

extern const char *const vm_exc_names[EXC__COUNT];

/* VM_PAUSED: vm_run stopped before step 'pause_at' + 1 (a stepper's budget);
** a later vm_run continues from the saved frames. */
typedef enum { VM_OK = 0, VM_ERROR = 1, VM_STEP_LIMIT = 3, VM_PAUSED = 4 } VmStatus;

/*
** What the CPU loop loads for a chunk when a CALL enters it or a RETURN
** goes back to it, in one record (vm->runs[chunk]): a frame holds one
** pointer to it, and a call's checks read the counts here rather than
** through the Chunk.
*/
typedef struct ChunkRun {
    const Chunk *ch;            /* prog->chunks[chunk] */
    Addr code;                  /* vm->code_addr[chunk] */
    Addr *K, *N;                /* vm->ktab[chunk], vm->ntab[chunk] */
    struct GlobalCache *G;      /* its caches in vm->gcache, by N[] index */
    unsigned nparams, nlocals, nregs, ret_regs;   /* ch's */
} ChunkRun;

typedef struct Frame {
    uint32_t chunk;             /* index in the program */
    unsigned ret;               /* caller's register for the result */
    Addr pc;                    /* address of the next instruction */
    Addr base;                  /* address of R[0] */
    Addr func;                  /* function object (0 for the module) */
    const ChunkRun *run;        /* &vm->runs[chunk] */
} Frame;

typedef struct TraceFrame { uint32_t chunk; uint32_t line; uint32_t ins; /* instruction index */ } TraceFrame;

typedef struct VmError {
    ExcKind kind;
    char *msg;                  /* owned */
    TraceFrame *tb; unsigned ntb;
} VmError;

typedef struct Tracer Tracer;

/* LOADGLOBAL/STOREGLOBAL inline cache for one name of one chunk (CPython
** 3.11's LOAD_GLOBAL cache): where the value sits in the globals dict, or,
** for a builtin, the object and the dict's entry count when it was missed.
** A chunk's caches are in its N[] order (ChunkRun.G), so an instruction
** finds its own from the frame in one load. */
typedef struct GlobalCache {
    Addr keys;                  /* globals' keys object when cached; 0 = empty */
    uint32_t shape;             /* and its shape (dict_keys_shape) */
    Addr slot;                  /* value word in RAM, or 0: not in globals */
    size_t nentries;            /* (builtin) globals' entries then */
    Addr builtin;               /* (builtin) the object */
} GlobalCache;
/* LOADMETHOD's cache for one program name: the builtin type last found
** to have a method of that name, and the method. Builtin types never gain
** or lose a method, so a hit skips the lookup (modules are not cached). */
typedef struct MethodCache {
    Addr type;                  /* the type object; 0 = empty */
    const struct Native *nt;
} MethodCache;
/* The last d[k] or d.get(k) the CPU loop found: where k's value sits, so
** that a store to d[k] right after (counts[w] = counts.get(w, 0) + 1,
** d[k] += 1) needs no second probe. Checked before each use: the same d
** and k, d's keys object and its shape unchanged, that entry still
** holding the key it held (ekey), and that key equal to k. A key is in a
** dict once and a deleted entry's key is cleared, so a hit is always k's
** entry, whatever ran in between (k's address may even hold another
** object by then: the equality is checked again). */
typedef struct LookupCache { Addr dict, key, ekey, keys, vslot; uint32_t shape; } LookupCache;
/* The UNPACK after a FORITER whose items the loops without hooks spread
** into locals (vm/cpu_fuse.h unpack_to_locals): the locals its MOVEs fill,
** decoded once, for code never changes; n = 0: an UNPACK of another shape. */
typedef struct UnpackHint { Addr pc; unsigned n; uint8_t dst[4]; } UnpackHint;
typedef struct FileTable FileTable;

/* CPython's specializing interpreter, as far as ids show it (vm/spec.h). */
typedef struct Spec Spec;
typedef struct SpecRules SpecRules;

typedef struct Vm {
    Heap *h;
    Profile prof;
    const Program *prog;
    Addr *consts;               /* program const -> object */
    Addr *names;                /* program name -> interned str */
    Addr *code_addr;            /* chunk -> address of its first word */
    Addr **ktab;                /* chunk -> K[] objects */
    Addr **ntab;                /* chunk -> N[] objects */
    Addr globals;               /* module dict */
    Addr globals_keys_at;       /* RAM address of its keys pointer (dict_keys_field) */
    GlobalCache *gcache;        /* every chunk's global caches, one block */
    ChunkRun *runs;             /* chunk -> its tables and counts, for CALL and RETURN */
    MethodCache *mcache;        /* program name -> LOADMETHOD's cache */
    LookupCache lk;             /* the CPU loop's last dict lookup */
    UnpackHint uh, uh_local;    /* the CPU loop's last FORITER unpacking, and local's (a, b = t) */
    Addr module;                /* the __main__ module object */
    Addr *builtin_objs;         /* builtin function objects (static) */
    Addr builtin_len;           /* the len builtin (the CPU loop's len fast path) */
    Addr builtin_abs, builtin_divmod, builtin_ord, builtin_chr, builtin_isinstance,   /* fast paths: vm/cpu.h builtin_fast */
         builtin_any, builtin_all, builtin_sum;
    Addr name_append;           /* the interned name "append" if the program uses it; else 0 */
    Addr name_get;              /* likewise "get" (the CPU loop's dict.get fast path) */
    Addr name_pop;              /* likewise "pop" (list.pop()) */
    Addr print_c_levels;        /* 3.11: print, which costs recursion levels; else 0 */
    bool py312;                 /* the profile is CPython 3.12 or later */
    const SpecRules *rules;     /* the profile's version's */
    Spec **spec;                /* chunk -> one Spec per instruction */
    uint8_t *warmup;            /* chunk -> 3.11: warm-up events (calls, JUMP_BACKWARDs)
                                ** before its code is quickened; 0 = quickened */
    size_t nwarming;            /* chunks whose warmup is not 0 (3.12: none) */
    /* The method the last LOADMETHOD found, by self's type and the name:
    ** CALLMETHOD calls it without a second lookup when both match. */
    const struct Native *lm_native; Addr lm_type, lm_name;
    Addr sys_module, sqlite_module;
    Frame *frames; unsigned nframes, capframes;
    Addr kwnames;               /* pending KWNAMES tuple (borrowed constant) */
    FILE *out;                  /* program output */
    FILE *in;                   /* input() */
    Tracer *tr;                 /* NULL: not tracing */
    uint64_t steps, max_steps;  /* max_steps 0 = unlimited */
    uint64_t pause_at;          /* vm_run pauses once 'steps' reaches it; 0 = never */
    bool started;               /* vm_start has pushed the module frame */
    unsigned stop_depth;        /* vm_run returns when a frame returns to this depth */
    Addr call_result;           /* what that frame returned (vm_call_function) */
    bool nested_step_limit;     /* --max-steps was reached inside a callback */
    VmError err;
    char *disk;                 /* directory open() may use */
    FileTable *files;
    char **written; unsigned nwritten;  /* files the program wrote */
    bool ast_refs_held;         /* constants carry the script's AST reference */
    StrBuf scratch;             /* text lent to one formatting at a time (vm_scratch_take) */
    bool repr_strict;           /* op_repr_strict is at work: an int past max_str_digits raises */
} Vm;

/* The VM's scratch text buffer, empty, for building one result: its memory
** stays between calls, so '%' and str.format allocate no host buffer each
** time. A nested caller gets an empty StrBuf; vm_scratch_give takes either
** back. */
static inline StrBuf vm_scratch_take(Vm *vm)
{
    StrBuf b = vm->scratch;
    sb_init(&vm->scratch);
    sb_clear(&b);
    return b;
}
static inline void vm_scratch_give(Vm *vm, StrBuf *b)
{
    if (vm->scratch.s || b->cap > 64 * 1024) sb_free(b);
    else vm->scratch = *b;
    sb_init(b);
}

typedef struct VmOptions {
    FILE *out, *in;
    const char *disk;           /* NULL: current directory */
    uint64_t max_steps;
} VmOptions;

/* Creates the heap for 'prof' and loads 'prog' (borrowed: keep it alive).
** NULL with a message in err if the RAM cannot hold it. */
Vm *vm_new(const Profile *prof, const Program *prog, const VmOptions *opt, char *err, size_t errcap);
/* Pushes the module's frame (step 0: nothing executed yet). VM_OK, or
** VM_ERROR when the stack cannot hold it. vm_run calls it if needed. */
VmStatus vm_start(Vm *vm);
/* Runs the module to the end, an error, the step limit, or the pause
** budget ('pause_at'): VM_PAUSED leaves the frames ready for the next call. */
VmStatus vm_run(Vm *vm);
/* Calls the program's function 'f' (TY_FUNCTION) with borrowed 'args' and
** runs it to its return, from inside a native (sorted's key=, map...). New
** reference, or 0 with vm->err set (its frames left for the traceback). */
Addr vm_call_function(Vm *vm, Addr f, Addr *args, unsigned n);
/* Writes the traceback of the last error ("Traceback (most recent call last):" ...). */
void vm_print_error(Vm *vm, FILE *f);
/* Releases the module's globals and the constants (as interpreter exit does). */
void vm_shutdown(Vm *vm);
void vm_free(Vm *vm);

/* Sets the error (printf-style message); always returns 0 so callers can
** 'return vm_raise(...)' from functions returning Addr. */
Addr vm_raise(Vm *vm, ExcKind kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Forgets the pending exception (to raise another in its place). */
void vm_clear_error(Vm *vm);

#endif
