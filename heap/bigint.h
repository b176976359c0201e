/*
** heap/bigint.h: arbitrary-precision integers on HOST arrays of CPython-style
** digits (base 2^30, one digit per uint32_t, least significant first, sign
** kept apart, no leading zero digits, zero has n == 0). Every operation gives
** exactly Python's result: floor division, modulo with the divisor's sign,
** two's-complement bitwise operators on negatives, correctly rounded floats.
** Knows nothing of simulated RAM: the heap copies digits in and out.
** Host allocation failure aborts (xmalloc); callers limit sizes beforehand.
*/
#ifndef TRACEVM_BIGINT_H
#define TRACEVM_BIGINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heap/util.h"

#define BIG_SHIFT 30
#define BIG_BASE  ((uint32_t)1 << BIG_SHIFT)
#define BIG_MASK  (BIG_BASE - 1)

/* sign is -1, 0 or +1; n == 0 iff sign == 0; d[n-1] != 0 when n > 0.
** 'd' holds 'cap' digits and is owned by the BigInt. */
typedef struct BigInt {
    uint32_t *d;
    size_t n, cap;
    int sign;
} BigInt;

/*
** Every function that writes a result 'r' frees or reuses r's old buffer, and
** 'r' may be the same BigInt as any operand. Operands are never modified
** (unless they are also the result).
*/

/* Sets 'a' to zero without allocating. */
void big_init(BigInt *a);
/* Releases a's buffer; 'a' is zero afterwards and may be reused. */
void big_free(BigInt *a);
void big_set_i64(BigInt *a, int64_t v);
void big_set_u64(BigInt *a, uint64_t v);
/* Makes 'dst' equal 'src' (dst == src is a no-op). */
void big_copy(BigInt *dst, const BigInt *src);
/* Exchanges the values (and buffers) of 'a' and 'b'. */
void big_swap(BigInt *a, BigInt *b);
/* Sets 'a' from 'n' digits, each < 2^30, least significant first; strips
** leading zeros. 'd' must not point into a's own buffer. */
void big_from_digits(BigInt *a, const uint32_t *d, size_t n, int negative);
/* Stores the value in *out and returns true, or returns false (leaving *out
** alone) if it is outside the int64_t range. */
bool big_to_i64(const BigInt *a, int64_t *out);
/* Returns -1, 0 or 1 as a <, ==, > b. Never allocates. */
int big_cmp(const BigInt *a, const BigInt *b);
/* Compares |a| with |b|: -1, 0 or 1. */
int big_cmp_abs(const BigInt *a, const BigInt *b);

void big_add(BigInt *r, const BigInt *a, const BigInt *b);
/* r[0..na) = the low na digits of a + b (na >= nb, base 2**30); returns the
** carry out. r may be a or b. */
uint32_t big_digits_add(uint32_t *r, const uint32_t *a, size_t na, const uint32_t *b, size_t nb);
/* big_digits_add with the instructions of 'level' (big_simd_level). */
uint32_t big_digits_add_at(uint32_t *r, const uint32_t *a, size_t na, const uint32_t *b, size_t nb, int level);
/* Compares the magnitudes a[0..na) and b[0..nb) (normalised): -1, 0, 1. */
int big_digits_cmp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);
/* r[0..na) = a - b for a >= b (so na >= nb); r may be a or b. */
void big_digits_sub(uint32_t *r, const uint32_t *a, size_t na, const uint32_t *b, size_t nb);
/* q[0..n) = (rem * 2**(30n) + a) / d for a one-digit d, returns the
** remainder; rem < d. q may be a. */
uint32_t big_digits_divrem1(uint32_t *q, const uint32_t *a, size_t n, uint32_t d, uint32_t rem);
/* r[0..n) = the low n digits of a * m for m < 2**30; returns the digit
** carried out. r must not overlap a. */
uint32_t big_digits_mul1(uint32_t *r, const uint32_t *a, size_t n, uint32_t m);
/* The vector instructions this CPU has for big_digits_add and
** big_digits_mul1: 2 AVX-512F, 1 AVX2, 0 none (or not an x86-64 build). */
int big_simd_level(void);
/* big_digits_mul1 with the instructions of 'level' (at most
** big_simd_level()), so that tests can check every path. */
uint32_t big_digits_mul1_at(uint32_t *r, const uint32_t *a, size_t n, uint32_t m, int level);
/* a[0..n) % d, 0 < d < 2^30. */
uint32_t big_digits_mod1(const uint32_t *a, size_t n, uint32_t d);
void big_sub(BigInt *r, const BigInt *a, const BigInt *b);
/* Schoolbook below 70 digits (CPython's KARATSUBA_CUTOFF), Karatsuba above. */
void big_mul(BigInt *r, const BigInt *a, const BigInt *b);
/* Python's divmod: q = floor(a / b), r = a - q*b (r has b's sign or is 0).
** 'q' or 'r' may be NULL; q and r must be different BigInts. Returns -1 when
** b == 0 (nothing written), else 0. */
int big_divmod(BigInt *q, BigInt *r, const BigInt *a, const BigInt *b);
/* r = a ** e (0 ** 0 == 1), by left-to-right squaring. The caller bounds
** the result size, as for big_lshift. */
void big_pow(BigInt *r, const BigInt *a, uint64_t e);
void big_neg(BigInt *r, const BigInt *a);
void big_abs(BigInt *r, const BigInt *a);

/* Bitwise operators as Python defines them on negatives: on the infinite
** two's-complement representation. big_invert: ~a == -a - 1. */
void big_and(BigInt *r, const BigInt *a, const BigInt *b);
void big_or(BigInt *r, const BigInt *a, const BigInt *b);
void big_xor(BigInt *r, const BigInt *a, const BigInt *b);
void big_invert(BigInt *r, const BigInt *a);
/* r = a * 2**s. The caller bounds 's' (Python raises OverflowError or
** MemoryError long before a shift could overflow size_t). */
void big_lshift(BigInt *r, const BigInt *a, uint64_t s);
/* r = floor(a / 2**s), like Python's >>: -1 >> 100 == -1. */
void big_rshift(BigInt *r, const BigInt *a, uint64_t s);

/* Python's int.bit_length(): bits of |a|, 0 for zero. */
size_t big_bit_length(const BigInt *a);
/* An upper bound on the length of big_to_decimal's text, '-' included. */
size_t big_ndigits_decimal_upper_bound(const BigInt *a);

/* Appends the decimal text of 'a' (with '-' for negatives) to 'out'.
** Quadratic (CPython's base-10^9 conversion): 10,000 digits take ~1 ms. */
void big_to_decimal(const BigInt *a, StrBuf *out);
/* Appends 'a' in base 2, 8 or 16 (lowercase), with Python's prefix ('0b',
** '0o', '0x', after any '-') when 'prefix' is true: -31 -> "-0x1f".
** Base 10 is accepted too and ignores 'prefix'. Other bases abort. */
void big_to_base(const BigInt *a, int base, bool prefix, StrBuf *out);
/* Parses s[0..len) as digits in 'base' (2..36, letters in either case), with
** single underscores allowed between digits as in Python. Sign, whitespace
** and base prefixes ('0x'...) are the caller's job. Returns 0, or -1 (a
** unchanged) for an empty string, a bad character or a misplaced '_'.
** Power-of-two bases are linear; others are quadratic (100,000 decimal
** digits take ~0.1 s). */
int big_from_string(BigInt *a, const char *s, size_t len, int base);

/* Correctly rounded (half-even) conversion, as CPython's PyLong_AsDouble.
** Returns 0, or -1 leaving *out alone when |a| rounds to 2**1024 or more
** ("int too large to convert to float"). */
int big_to_double(const BigInt *a, double *out);
/* a = x truncated toward zero, like int(float). 'x' must be finite. */
void big_from_double(BigInt *a, double x);
/* *out = a / b correctly rounded, as CPython's long_true_divide (a negative
** tiny result is -0.0). Returns 0, -1 if b == 0, or -2 when the result is
** too large ("integer division result too large for a float"). */
int big_true_divide(const BigInt *a, const BigInt *b, double *out);

#endif
