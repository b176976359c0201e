/*
** vm/cpu_w4.c: the CPU loop (vm/cpu.h) for little-endian 32-bit profiles,
** without tracing hooks: vm_run enters it while nothing observes the run.
*/
#define TRACEVM_WORD 4
#define CPU_HOOKS 0
#define HEAP_HOOKS 0
#define CPU_RUN vm_run_w4
#include "vm/cpu.h"
