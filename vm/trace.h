/*
** vm/trace.h: the trace, an observer of the CPU and the heap. The VM calls
** these hooks only when tracing is on (vm->tr != NULL); each executed
** instruction becomes one row: fetch / compute / store. Rows stream to the
** output as they complete; nothing is kept for the whole run.
*/
#ifndef TRACEVM_TRACE_H
#define TRACEVM_TRACE_H

#include <stdbool.h>
#include <stdio.h>

#include "vm/vm.h"

typedef enum { TRACE_TABLE, TRACE_EXPLAIN } TraceFormat;

Tracer *trace_new(Vm *vm, FILE *out, TraceFormat fmt);
void trace_free(Tracer *t);   /* flushes the last row */

void trace_begin(Tracer *t, uint32_t chunk, Addr pc, Instr ins, uint32_t line);
void trace_end(Tracer *t);
void trace_reg_read(Tracer *t, unsigned r, Addr v);
void trace_reg_write(Tracer *t, unsigned r, Addr v);
void trace_operand(Tracer *t, unsigned x, Addr v);
void trace_const_read(Tracer *t, unsigned k, Addr v);
void trace_global(Tracer *t, bool store, Addr name, Addr v);
void trace_binary(Tracer *t, OpCode op, Addr x, Addr y, Addr r);
void trace_unary(Tracer *t, OpCode op, Addr x, Addr r);
void trace_branch(Tracer *t, Addr x, int truth, bool jump);
void trace_call(Tracer *t, Addr f, unsigned nargs);
void trace_method(Tracer *t, Addr self, Addr name, unsigned nargs);
void trace_return(Tracer *t, Addr v, bool to_caller);
void trace_built(Tracer *t, Addr o);
void trace_next(Tracer *t, Addr v);
void trace_output(Tracer *t, const char *s, size_t n);
void trace_error(Tracer *t, const char *kind, const char *msg);
void trace_note(Tracer *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
