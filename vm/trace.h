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

/* table and explain for people; json and yaml carry every event of every
** step (docs/trace-format.md). */
typedef enum { TRACE_TABLE, TRACE_EXPLAIN, TRACE_JSON, TRACE_YAML } TraceFormat;

/* Which steps are written: steps lo..hi and source lines lo..hi, both
** inclusive; hi 0 = no restriction. The program runs the same either way. */
typedef struct TraceFilter { uint64_t step_lo, step_hi; uint32_t line_lo, line_hi; } TraceFilter;

Tracer *trace_new(Vm *vm, FILE *out, TraceFormat fmt);
void trace_set_filter(Tracer *t, const TraceFilter *f);
/* Flushes the last row; json and yaml end the document with the result
** (ok, error, step_limit) and any notes. Returns 0, or the errno of a
** write of the trace that failed (a full disk): rows were lost. */
int trace_free(Tracer *t);

void trace_begin(Tracer *t, uint32_t chunk, Addr pc, Instr ins, uint32_t line);
void trace_end(Tracer *t);
void trace_reg_read(Tracer *t, unsigned r, Addr v);
void trace_reg_write(Tracer *t, unsigned r, Addr v);
void trace_operand(Tracer *t, unsigned x, Addr v);
void trace_const_read(Tracer *t, unsigned k, Addr v);
void trace_global(Tracer *t, bool store, Addr name, Addr v);
void trace_binary(Tracer *t, OpCode op, Addr x, Addr y, Addr r);
/* trace_binary in two halves, for an operation that changes x itself
** (s += t resizing s in place): the operands are shown as they were. */
void trace_binary_operands(Tracer *t, OpCode op, Addr x, Addr y);
void trace_binary_result(Tracer *t, Addr r);
void trace_unary(Tracer *t, OpCode op, Addr x, Addr r);
void trace_branch(Tracer *t, Addr x, int truth, bool jump);
void trace_call(Tracer *t, Addr f, unsigned nargs);
void trace_method(Tracer *t, Addr self, Addr name, unsigned nargs);
void trace_return(Tracer *t, Addr v, bool to_caller);
void trace_built(Tracer *t, Addr o);
void trace_next(Tracer *t, Addr v);
void trace_output(Tracer *t, const char *s, size_t n);
void trace_error(Tracer *t, const char *kind, const char *msg);
/* A value as the trace shows it: "int 5 @0x7f0000100a60" (reads RAM only). */
void trace_describe(Vm *vm, Addr v, StrBuf *out);
/* The two parts of that: type name ("int") and short value ("5", may be empty). */
void trace_value_parts(Vm *vm, Addr v, StrBuf *type, StrBuf *repr);
void trace_note(Tracer *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
