/*
** heap/numfmt.h: CPython 3.11's text for numbers and strings, byte for byte:
** repr(float), the format-spec mini-language (format(), f-strings,
** str.format), round() on floats, and one printf-style '%' conversion at a
** time. Pure host code: no simulated RAM, no VM types, no bigint. An int
** arrives as the digits of its magnitude (the caller converts its big int to
** the base that fmt_int_base_for_type / fmt_percent_int_base name).
**
** Errors: functions return FMT_OK (0) or a negative FmtStatus naming the
** Python exception to raise, with CPython's message appended to 'err'.
** Output is appended to 'out' as UTF-8; widths and precisions count code
** points. The numeric locale is "C" (CPython's default): 'n' never groups.
*/
#ifndef TRACEVM_NUMFMT_H
#define TRACEVM_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heap/util.h"

typedef enum FmtStatus {
    FMT_OK = 0,
    FMT_VALUE_ERROR = -1,
    FMT_OVERFLOW_ERROR = -2,
    FMT_MEMORY_ERROR = -3,      /* result longer than FMT_MAX_LEN characters */
    FMT_HOOK_ERROR = -4,        /* a PercentHooks callback failed: its exception stands */
    FMT_TYPE_ERROR = -5         /* only "format requires a mapping" */
} FmtStatus;

/* Longest result produced; CPython would try to allocate (MemoryError). */
#define FMT_MAX_LEN ((int64_t)1 << 28)

/* ---- repr ---------------------------------------------------------------- */

/* Appends repr(x) == str(x): shortest round-tripping digits, scientific
** when the decimal exponent is < -4 or >= 16, "inf", "-inf", "nan". */
void fmt_float_repr(double x, StrBuf *out);
/* The same through glibc's printf and strtod alone: what fmt_float_repr
** does outside its exact 128-bit range (1e-5 <= |x| < 1e17). For tests,
** which compare the two. */
void fmt_float_repr_printf(double x, StrBuf *out);

/* "%.*f" of ax (0 <= ax < 2**53) with nd <= 17 digits after the point,
** the text glibc's printf writes (exact, rounded half to even), computed
** in 128-bit integers: its length, or 0 (nothing written) for other ax
** or nd. 'buf' holds at least 40 bytes. */
size_t fmt_fixed_exact(char *buf, double ax, int nd);

/* ---- format specs: [[fill]align][sign][z][#][0][width][,|_][.prec][type] -- */

typedef struct FormatSpec {
    uint32_t fill;      /* fill code point: given, else '0' when 'zero', else ' ' */
    char align;         /* 0 (type's default), '<', '>', '^', '=' */
    char sign;          /* 0, '+', '-', ' ' */
    bool no_neg_0;      /* 'z': a negative zero result loses its sign */
    bool alt;           /* '#' */
    bool zero;          /* '0' before the width with no explicit fill */
    int64_t width;      /* -1 if absent */
    char grouping;      /* 0, ',', '_' */
    int64_t precision;  /* -1 if absent */
    uint32_t type;      /* presentation type (a code point); 0 if absent */
} FormatSpec;

/* Parses spec[0..len) (UTF-8, without the ':'). 'type_name' ("int",
** "float", "str", ...) only appears in the "Invalid format specifier"
** message. Returns FMT_OK or FMT_VALUE_ERROR. An empty spec means str(x):
** the formatters below give that for float, int and str, but bool and
** subclasses must call str() themselves (format(True, '') == 'True'). */
int fmt_parse_spec(const char *spec, size_t len, const char *type_name,
                   FormatSpec *out, StrBuf *err);

/* Appends "Unknown format code 'q' for object of type '<type_name>'". */
void fmt_unknown_code(uint32_t type, const char *type_name, StrBuf *err);

/* format(x, spec) for a float (and for an int with type e E f F g G %,
** converted by the caller). Types e E f F g G n % and none; other types
** give "Unknown format code ... 'float'". */
int fmt_float(double x, const FormatSpec *s, StrBuf *out, StrBuf *err);

#define FMT_BASE_FLOAT   0      /* e E f F g G %: convert to float, call fmt_float */
#define FMT_BASE_CHAR   (-1)    /* 'c': call fmt_int_char */
#define FMT_BASE_UNKNOWN (-2)   /* call fmt_unknown_code(type, "int" or "bool") */
/* The base an int must be converted to for 'type': 10 for d n and none, 2 for
** b, 8 for o, 16 for x X (lower-case digits), or one of FMT_BASE_*. */
int fmt_int_base_for_type(uint32_t type);

/* format(n, spec) for an int whose magnitude is digits[0..ndigits) in 'base'
** (no sign, no prefix, "0" for zero). Handles '#' (0b 0o 0x 0X), sign,
** fill, align (default '>'), '=' and '0' padding, ',' and '_' grouping.
** FMT_VALUE_ERROR for a precision or 'z'. */
int fmt_int_text(const char *digits, size_t ndigits, bool negative, int base,
                 const FormatSpec *s, StrBuf *out, StrBuf *err);

/* format(n, spec) with type 'c'. 'value' is the int (the caller reports ints
** beyond int64 as OverflowError "Python int too large to convert to C long").
** FMT_OVERFLOW_ERROR "%c arg not in range(0x110000)". */
int fmt_int_char(int64_t value, const FormatSpec *s, StrBuf *out, StrBuf *err);

/* format(str, spec): type s or none, default '<', precision keeps that many
** code points. FMT_VALUE_ERROR for sign, 'z', '#', '=', grouping. */
int fmt_str(const char *utf8, size_t len, const FormatSpec *s, StrBuf *out, StrBuf *err);

/* ---- round ---------------------------------------------------------------- */

/* round(x, ndigits) for a float (ndigits clipped to int64 by the caller):
** correctly rounded, ties to even on the exact binary value; nan and inf
** round to themselves. FMT_OVERFLOW_ERROR "rounded value too large to
** represent" (round(1.7e308, -308)). */
int fmt_float_round(double x, int64_t ndigits, double *out, StrBuf *err);

/* round(x) with no ndigits, still a double: ties go to even. The caller
** converts to int (and raises for inf and nan). */
double fmt_round_half_even(double x);

/* ---- printf-style '%': %[(key)][flags][width][.prec][h|l|L]type ----------- */

typedef struct PercentSpec {
    bool literal;       /* "%%": append '%', consume no argument */
    bool ljust, plus, blank, alt, zero;     /* flags - + space # 0 */
    int64_t width;      /* -1 if absent */
    int prec;           /* -1 if absent */
    uint32_t type;      /* conversion character (a code point) */
    size_t type_index;  /* its code-point index in the format (error message) */
} PercentSpec;

/*
** Callbacks that fetch arguments while the directive is parsed, in CPython's
** order (so '%*' % () says "not enough arguments", not "incomplete format").
** Each returns 0, or -1 after setting the caller's own exception.
**  has_mapping: the right operand is a mapping (not a tuple or str); a '('
**        without one is FMT_TYPE_ERROR "format requires a mapping".
**  key:  "(name)" was read: make mapping[name] the argument source.
**  star: '*' was read: store the next argument, which must be an int
**        (TypeError "* wants int"); beyond int64 raise OverflowError "Python
**        int too large to convert to C ssize_t" (width) or "... C int" (prec).
*/
typedef struct PercentHooks {
    void *ud;
    bool has_mapping;
    int (*key)(void *ud, const char *key, size_t len);
    int (*star)(void *ud, bool is_prec, int64_t *value);
} PercentHooks;

/* Parses one directive of fmt[0..len) starting at fmt[*pos], just after the
** '%'; on success *pos is just past the type character. 'hooks' may be NULL
** when there is no mapping and no '*' can occur.
** FMT_VALUE_ERROR: "incomplete format", "incomplete format key", "width too
** big", "precision too big"; FMT_OVERFLOW_ERROR for a '*' precision beyond
** int. The type is not checked: see fmt_percent_unsupported. */
int fmt_percent_spec(const char *fmt, size_t len, size_t *pos, PercentSpec *out,
                     const PercentHooks *hooks, StrBuf *err);

/* For a type outside s r a c d i u o x X e E f F g G (or a '%' after flags):
** call AFTER fetching the argument, as CPython does. Appends "unsupported
** format character 'q' (0x71) at index 3" and returns FMT_VALUE_ERROR. */
int fmt_percent_unsupported(const PercentSpec *ps, StrBuf *err);

/* Base of the digits fmt_percent_int_text wants: 10 for d i u, 8 for o, 16
** for x X (lower case); 0 for any other type. */
int fmt_percent_int_base(uint32_t type);

/* '%d' % n (types d i u o x X) for an int given as its magnitude's digits.
** FMT_OVERFLOW_ERROR "precision too large" near INT_MAX. */
int fmt_percent_int_text(const char *digits, size_t ndigits, bool negative,
                         const PercentSpec *ps, StrBuf *out, StrBuf *err);

/* '%f' % x (types e E f F g G; precision 6 when absent). */
int fmt_percent_float(double x, const PercentSpec *ps, StrBuf *out, StrBuf *err);

/* '%s' % v for s r a c: 'utf8' is already str(v), repr(v), ascii(v) or the
** character; precision truncates (s r a only), width pads, '-' left-aligns. */
int fmt_percent_str(const char *utf8, size_t len, const PercentSpec *ps,
                    StrBuf *out, StrBuf *err);

#endif
