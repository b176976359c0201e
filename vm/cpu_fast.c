/*
** vm/cpu_fast.c: the CPU loop (vm/cpu.h) for one machine shape, without
** tracing hooks: vm_run enters it while nothing observes the run. CMake
** compiles this file once per shape, defining
**   TRACEVM_WORD    4 or 8: the word size (little-endian only)
**   TRACEVM_INT_LV  1: ints carry 3.12's lv_tag, 0: 3.11's signed size
**   CPU_RUN         the function's name, vm_run_w<WORD>_<lv|ss>
**   CPU_RELEASE     vm_release_w<WORD>_<lv|ss>: heap_decref compiled here
** Every RAM access is a host load or store at the simulated address itself
** (TRACEVM_DIRECT): vm_run only comes here when the RAM is mapped there.
** Dying tuples, lists and dicts are freed by heap/dealloc.h compiled here too.
*/
#define TRACEVM_DIRECT 1
/* Here simulated addresses are host pointers made from integers; with the
** allocator's numbers constant (heap.h HEAP_ALIGN), gcc 12 follows a
** constant address into paths the loop never takes (a tuple slot of an
** address it derives from 0) and reports a store into "a region of size
** 0". */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#endif
#define CPU_HOOKS 0
#define HEAP_HOOKS 0
#define HEAP_DEALLOC heap_dealloc_unobserved
#include "vm/cpu.h"
#include "heap/dealloc.h"

/* heap_decref with this unit's dealloc: vm_shutdown releases the module's
** globals through it, so that a list of a million tuples kept to the end
** dies at the loops' speed (the generic heap_dealloc took ~120
** instructions an int of such a tuple). Cold: it runs once, and where it
** landed among the hot code moved them (a word-reversal loop 15% slower
** with the same instructions). */
void CPU_RELEASE(Heap *h, Addr o);
__attribute__((cold)) void CPU_RELEASE(Heap *h, Addr o) { heap_decref(h, o); }
