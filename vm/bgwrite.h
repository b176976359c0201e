/*
** vm/bgwrite.h: bytes written to a FILE by a second thread. The trace
** builds its next rows while the kernel copies the last batch into the
** file, so a traced run takes about the longer of the two, not their sum.
** The order of the bytes is the order they were handed over.
*/
#ifndef TRACEVM_BGWRITE_H
#define TRACEVM_BGWRITE_H

#include <stdbool.h>
#include <stdio.h>

#include "heap/util.h"

typedef struct BgWriter BgWriter;

/* Turns a batch handed over into the bytes to write: called in the
** writer's thread, one batch at a time, in order; it appends to 'out'. */
typedef void (*BgShape)(const StrBuf *in, StrBuf *out);

/* A writer for 'out'; nothing else may write to 'out' until bgw_wait or
** bgw_free returns. 'shape' (NULL: the batches are the bytes) runs in the
** writer's thread, so the caller need not spend its own time on it.
** Without a thread (the host refused one) every batch is shaped and
** written at once, in the caller's thread. */
BgWriter *bgw_new(FILE *out, BgShape shape);
/* Hands b's bytes over and leaves b empty, holding the buffer the thread
** wrote last (no allocation per batch); 'raw' bytes are written without
** the shape. Waits while every slot of the queue is taken. Returns how
** many batches wait for the thread, this one included: more than one
** says the thread is behind (0: no thread, written at once). */
unsigned bgw_submit(BgWriter *w, StrBuf *b, bool raw);
/* Returns once every byte handed over is in 'out' (or failed: ferror). */
void bgw_wait(BgWriter *w);
/* bgw_wait, then ends the thread. Returns the errno of the first write
** that failed (a full disk), else 0. NULL is fine. */
int bgw_free(BgWriter *w);

#endif
