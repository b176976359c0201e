/*
** vm/trace_events.h: the machine-readable trace (json, yaml). vm/trace.c
** records each hook of a step as a Tev in a TevStep; at the end of the step
** a TevWriter writes it out and the TevStep is reused, so memory does not
** grow with the run. The schema is docs/trace-format.md (version 1).
** Only vm/trace.c uses this header.
*/
#ifndef TRACEVM_TRACE_EVENTS_H
#define TRACEVM_TRACE_EVENTS_H

#include <stdbool.h>
#include <stdio.h>

#include "vm/vm.h"

#define TEV_SCHEMA_VERSION 1

typedef enum {
    TEV_FETCH, TEV_REG_READ, TEV_REG_WRITE, TEV_CONST_READ, TEV_RAM_READ, TEV_RAM_WRITE,
    TEV_COMPUTE, TEV_BRANCH, TEV_CALL, TEV_METHOD, TEV_RETURN, TEV_BUILD, TEV_NEXT,
    TEV_ALLOC, TEV_FREE, TEV_REFCOUNT, TEV_CACHED, TEV_OUTPUT, TEV_ERROR, TEV_NOTE, TEV_RESIZE
} TevKind;

typedef struct TevStep TevStep;
typedef struct TevWriter TevWriter;

TevStep *tev_step_new(void);
void tev_step_free(TevStep *s);

/* Starts step 'step' (clears the previous one) and records the fetch. */
void tev_begin(TevStep *s, Vm *vm, uint64_t step, uint32_t line, uint32_t chunk, Addr pc, Instr ins, const char *instr);
void tev_reg(TevStep *s, TevKind kind, uint32_t chunk, unsigned r, Addr v);
void tev_const(TevStep *s, unsigned k, Addr v);
void tev_global(TevStep *s, bool store, Addr name, Addr v);
void tev_compute(TevStep *s, const char *text, Addr result);
void tev_branch(TevStep *s, int truth, bool jump);
void tev_call(TevStep *s, Addr f, unsigned nargs);
void tev_method(TevStep *s, Addr self, Addr name, unsigned nargs);
void tev_return(TevStep *s, Addr v, bool to_caller);
void tev_value(TevStep *s, TevKind kind, Addr v);
void tev_next(TevStep *s, Addr v, const char *text);
void tev_output(TevStep *s, const char *text, size_t n);
void tev_error(TevStep *s, const char *kind, const char *msg);
void tev_note(TevStep *s, const char *text);
void tev_heap(TevStep *s, const HeapEvent *e);

/* A writer for one document on 'out': the header now, a step per
** tev_writer_step, the result in tev_writer_finish. */
TevWriter *tev_writer_new(Vm *vm, FILE *out, bool yaml);
void tev_writer_step(TevWriter *w, TevStep *s);
void tev_writer_error(TevWriter *w, const char *kind, const char *msg);
void tev_writer_note(TevWriter *w, const char *text);
/* Writes the result and frees the writer. */
void tev_writer_finish(TevWriter *w);

#endif
