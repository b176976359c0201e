/*
** vm/members.c: the data members of the built-in types, what CPython's
** getset and member descriptors answer (builtins_getattr asks here before
** it looks for a method).
*/
#include "vm/native.h"

/*
** range's start, stop and step: the int objects it holds. int's real and
** numerator (long_long: the int itself, a bool's value as an int), imag 0
** and denominator 1. float's real (float_float: itself) and imag (a new
** 0.0 each time).
*/
Addr nat_data_member(Vm *vm, Addr o, TypeId t, Addr name, bool *found)
{
    Heap *h = H(vm);
    static const char *const range_m[] = { "start", "stop", "step" };
    static const char *const int_m[] = { "real", "numerator", "imag", "denominator" };
    *found = true;
    if (t == TY_RANGE) {
        for (unsigned i = 0; i < 3; i++)
            if (str_eq_cstr(h, name, range_m[i])) { Addr v = obj_field(h, o, i); heap_incref(h, v); return v; }
    } else if (t == TY_INT || t == TY_BOOL) {
        for (unsigned i = 0; i < 4; i++) {
            if (!str_eq_cstr(h, name, int_m[i])) continue;
            if (i >= 2) return chk(vm, int_from_i64(h, i - 2));
            if (t == TY_BOOL) return chk(vm, int_from_i64(h, o == h->true_));
            heap_incref(h, o);
            return o;
        }
    } else if (t == TY_FLOAT) {
        if (str_eq_cstr(h, name, "real")) { heap_incref(h, o); return o; }
        if (str_eq_cstr(h, name, "imag")) return chk(vm, float_new(h, 0.0));
    }
    *found = false;
    return 0;
}
