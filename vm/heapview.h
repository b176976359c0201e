/*
** vm/heapview.h: the live objects after a run ('tracevm run --heap').
*/
#ifndef TRACEVM_HEAPVIEW_H
#define TRACEVM_HEAPVIEW_H

#include <stdbool.h>
#include <stdio.h>

#include "vm/vm.h"

/* Lists every live heap object (and the static objects bound to global
** names): id, type, getsizeof, refcount, value and names. With 'bytes',
** each object's fields follow as hex and binary in the profile's byte order. */
void heapview_print(Vm *vm, FILE *out, bool bytes);

#endif
