/*
** vm/stepper_internal.h: what vm/stepper.c and vm/stepper_show.c share.
** Not for other modules: use vm/stepper.h.
*/
#ifndef TRACEVM_STEPPER_INTERNAL_H
#define TRACEVM_STEPPER_INTERNAL_H

#include "vm/stepper.h"

struct Stepper {
    Vm *vm;
    const Program *prog;
    StpShared *sh;
    StrBuf out;                 /* everything the program printed */
    StrBuf inlog;               /* input() bytes known so far */
    size_t inpos;               /* bytes of 'inlog' consumed */
    FILE *fout, *fin;           /* the program's stdout and stdin */
    StpInputFn in_fn;
    StpCheckpointFn ck_fn;
    void *ud;
    VmStatus status;            /* VM_PAUSED while the program can go on */
};

/* Source line of the instruction at 'pc' of 'chunk'. */
uint32_t stp_line_at(const Stepper *s, uint32_t chunk, Addr pc);

#endif
