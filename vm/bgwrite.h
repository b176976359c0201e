/*
** vm/bgwrite.h: bytes written to a FILE by a second thread. The trace
** builds its next rows while the kernel copies the last batch into the
** file, so a traced run takes about the longer of the two, not their sum.
** The order of the bytes is the order they were handed over.
*/
#ifndef TRACEVM_BGWRITE_H
#define TRACEVM_BGWRITE_H

#include <stdio.h>

#include "heap/util.h"

typedef struct BgWriter BgWriter;

/* A writer for 'out'; nothing else may write to 'out' until bgw_wait or
** bgw_free returns. Without a thread (the host refused one) every batch
** is written at once, in the caller's thread. */
BgWriter *bgw_new(FILE *out);
/* Hands b's bytes over and leaves b empty, holding the buffer the thread
** wrote last (no allocation per batch). Waits while the previous batch is
** still being written. */
void bgw_submit(BgWriter *w, StrBuf *b);
/* Returns once every byte handed over is in 'out' (or failed: ferror). */
void bgw_wait(BgWriter *w);
/* bgw_wait, then ends the thread. Returns the errno of the first write
** that failed (a full disk), else 0. NULL is fine. */
int bgw_free(BgWriter *w);

#endif
