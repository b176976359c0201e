/*
** heap/numfmt.c: CPython's number and string formatting, rebuilt on glibc's
** correctly rounded printf/strtod. The layout code follows CPython 3.11
** closely so that odd corners agree too: format_float_short (pystrtod.c),
** parse_internal_render_format_spec, calc_number_widths, fill_number and
** _PyUnicode_InsertThousandsGrouping (formatter_unicode.c, unicodeobject.c),
** float___round___impl (floatobject.c), unicode_format_arg_parse and
** unicode_format_arg_output (unicodeobject.c).
*/
#include "heap/numfmt.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/* Reads the code point at s[i] (a stray byte counts as one); returns the
** index after it. */
static size_t next_cp(const char *s, size_t n, size_t i, uint32_t *cp)
{
    int k = utf8_decode((const unsigned char *)s + i, n - i, cp);
    if (k <= 0) {
        *cp = (unsigned char)s[i];
        k = 1;
    }
    return i + (size_t)k;
}

static int64_t count_cps(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80) i++;     /* ASCII: a byte a code point */
    int64_t c = (int64_t)i;
    uint32_t cp;
    for (; i < n; c++) i = next_cp(s, n, i, &cp);
    return c;
}

/* Byte offset of code point number 'k' (or n if there are fewer). */
static size_t cp_offset(const char *s, size_t n, int64_t k)
{
    size_t i = 0;
    uint32_t cp;
    for (; i < n && k > 0; k--) i = next_cp(s, n, i, &cp);
    return i;
}

static void pad_cp(StrBuf *out, uint32_t fill, int64_t n)
{
    if (n <= 0) return;
    if (fill < 0x80) {
        sb_pad(out, (char)fill, (size_t)n);
        return;
    }
    while (n-- > 0) sb_put_utf8(out, fill);
}

static int fail(StrBuf *err, int status, const char *msg)
{
    sb_puts(err, msg);
    return status;
}

static int too_long(StrBuf *err)
{
    return fail(err, FMT_MEMORY_ERROR, "formatted result is too long");
}

/* ---- digit generation (what _Py_dg_dtoa returns) ----------------------- */

/*
** |x| == 0.d[0..n) * 10^decpt, rounded as the mode asks. Like dtoa, 'd'
** has no trailing zeros and zero is "0" with decpt 1. The exact binary
** value of a double has at most 767 significant digits and 1074 digits
** after the point, so longer requests are cut to those: the digits beyond
** are zeros, which format_float_short pads back.
*/
#define EXACT_SIG 780
#define EXACT_FRAC 1100
typedef struct Digits {
    char d[EXACT_FRAC + 330];
    int n;
    int decpt;
} Digits;

static void strip_zeros(Digits *dg)
{
    while (dg->n > 0 && dg->d[dg->n - 1] == '0') dg->n--;
    if (dg->n == 0) {
        dg->d[0] = '0';
        dg->n = 1;
        dg->decpt = 1;
    }
}

/* Reads glibc's "%.*e" text ("d.ddde+XX"): digits kept as printed. */
static void read_e(const char *buf, Digits *dg)
{
    const char *p = buf;
    dg->n = 0;
    for (; *p != 'e'; p++)
        if (*p != '.') dg->d[dg->n++] = *p;
    dg->decpt = atoi(p + 1) + 1;
}

/* mode 2: 'ndigits' significant digits, correctly rounded (ties to even). */
static void sig_digits(double ax, int64_t ndigits, Digits *dg)
{
    char buf[EXACT_SIG + 32];
    snprintf(buf, sizeof buf, "%.*e", (int)MIN(ndigits - 1, EXACT_SIG), ax);
    read_e(buf, dg);
    strip_zeros(dg);
}

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;   /* GCC and clang on 64-bit hosts */

static const uint64_t pow10[20] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
    1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
    100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
    1000000000000000000ull, 10000000000000000000ull,
};

size_t fmt_fixed_exact(char *buf, double ax, int nd)
{
    if (!(ax >= 0 && ax < 9007199254740992.0) || nd < 0 || nd > 17) return 0;
    uint64_t bits;
    memcpy(&bits, &ax, 8);
    unsigned field = (unsigned)(bits >> 52);              /* the sign bit is 0 */
    uint64_t m = bits & ((1ull << 52) - 1);
    int e = field ? (int)field - 1075 : -1074;
    if (field) m |= 1ull << 52;
    /* q = ax * 10**nd rounded half to even, exactly: m * 10**nd < 2**110 */
    u128 p = (u128)m * pow10[nd], q;
    if (e >= 0) {
        q = p << e;                                     /* ax < 2**53: no bits lost */
    } else if (-e > 110) {
        q = 0;                                          /* below half a unit */
    } else {
        unsigned k = (unsigned)-e;
        u128 r = p & (((u128)1 << k) - 1), half = (u128)1 << (k - 1);
        q = p >> k;
        if (r > half || (r == half && (q & 1))) q++;
    }
    /* a quotient of 64 bits takes one hardware divide, not __udivti3 */
    uint64_t q64 = (uint64_t)q, ip, fp;
    if (q >> 64) ip = (uint64_t)(q / pow10[nd]), fp = (uint64_t)(q % pow10[nd]);
    else ip = q64 / pow10[nd], fp = q64 % pow10[nd];
    char tmp[24];
    size_t n = 0, t = 0;
    do { tmp[t++] = (char)('0' + ip % 10); ip /= 10; } while (ip);
    while (t) buf[n++] = tmp[--t];
    if (nd) {
        buf[n++] = '.';
        for (int i = nd; i-- > 0;) { buf[n + (size_t)i] = (char)('0' + fp % 10); fp /= 10; }
        n += (size_t)nd;
    }
    buf[n] = '\0';
    return n;
}

/* 10**k as a 128-bit number, k <= 38 */
static u128 pow10_128(int k)
{
    return k <= 19 ? pow10[k] : (u128)pow10[k - 19] * pow10[19];
}

/* n / 2**t rounded down, and whether it was exact; t may be <= 0 (then a
** left shift, which the callers keep below 2**128). */
static uint64_t shift_down(u128 n, int t, bool *exact)
{
    if (t <= 0) { *exact = true; return (uint64_t)(n << -t); }
    if (t >= 128) { *exact = n == 0; return 0; }
    *exact = (n & (((u128)1 << t) - 1)) == 0;
    return (uint64_t)(n >> t);
}

/*
** mode 0 for the doubles most programs print, 1e-5 <= ax < 1e17, without
** printf or strtod: the shortest digits that read back, in exact 128-bit
** arithmetic. Scaled by 10**k, ax is X in [10**16, 10**17) and the reals
** that round to ax are the interval (lo, hi) around it, closed when the
** significand is even (strtod rounds a tie to even). The nearest decimal
** of n digits is a multiple c of 10**(17-n) next to X; the answer is the
** first n whose nearer neighbour, or failing that the other one, lies in
** the interval. False (nothing written) outside that range, or when X is
** exactly halfway between two such multiples: shortest_digits decides.
*/
static bool shortest_exact(double ax, Digits *dg)
{
    if (!(ax >= 1e-5 && ax < 1e17)) return false;
    uint64_t bits;
    memcpy(&bits, &ax, 8);
    int field = (int)(bits >> 52);
    uint64_t m = (bits & ((1ull << 52) - 1)) | (1ull << 52);
    int q = field - 1075;                       /* ax = m * 2**q */
    bool edge = (bits & ((1ull << 52) - 1)) == 0;   /* a power of two: the gap below is half */
    /* k = 16 - floor(log10(ax)), from an estimate fixed up exactly below:
    ** floor(e2 * log10(2)) for ax = 1.f * 2**e2, which floor(log10(ax))
    ** equals or exceeds by one (1262611 / 2**22 is log10(2) to 7 digits,
    ** exact enough for |e2| < 60; log10() was 7% of a float's repr) */
    int e2 = field - 1023;
    int est = e2 >= 0 ? (e2 * 1262611) >> 22 : -((-e2 * 1262611 + (1 << 22) - 1) >> 22);
    int k = 16 - est;
    if (k < 0 || k > 22) return false;
    /* X = 2m * 10**k / 2**t and the bounds, all over 2**(t+1) so the
    ** narrow gap below a power of two is an integer numerator too */
    int t = 1 - q;
    bool xe, le, he;
    uint64_t xf;
    for (;;) {
        xf = shift_down((u128)(2 * m) * pow10_128(k), t, &xe);
        if (xf < pow10[16] && k < 21) { k++; continue; }
        if (xf >= pow10[17] && k > 0) { k--; continue; }
        break;
    }
    if (xf < pow10[16] || xf >= pow10[17] || k > 21) return false;
    u128 p = pow10_128(k);
    uint64_t lf = shift_down((u128)(edge ? 4 * m - 1 : 4 * m - 2) * p, t + 1, &le);
    uint64_t hf = shift_down((u128)(4 * m + 2) * p, t + 1, &he);
    bool closed = (m & 1) == 0;
    uint64_t xrem2 = 0;                         /* 2 * frac(X), as 0 (none), 1 (< 1), 2 (= 1), 3 (> 1) */
    if (!xe) {
        u128 r = ((u128)(2 * m) * p) & (((u128)1 << t) - 1), half = (u128)1 << (t - 1);
        xrem2 = r < half ? 1 : r == half ? 2 : 3;
    }
    /* 15 digits first: a decimal of at most DBL_DIG digits that reads back
    ** is the 15-digit rounding (shortest_digits), zeros stripped */
    for (int n = 15; n <= 17; n++) {
        uint64_t u = pow10[17 - n], c1 = xf / u * u, c2 = c1 + u;
        /* which of c1, c2 is nearer X: compare 2(X - c1) with u */
        uint64_t d = 2 * (xf - c1);
        int cmp;                                /* sign of 2(X - c1) - u */
        switch (xrem2) {
        case 0: cmp = d < u ? -1 : d > u; break;
        case 1: cmp = u <= d ? 1 : -1; break;
        case 2: cmp = d + 1 < u ? -1 : d + 1 > u; break;
        default: cmp = u <= d + 1 ? 1 : -1; break;
        }
        if (cmp == 0) return false;             /* a tie: let printf round it */
        uint64_t near = cmp < 0 ? c1 : c2, far = cmp < 0 ? c2 : c1;
        uint64_t cs[2] = { near, far };
        for (int i = 0; i < 2; i++) {
            uint64_t c = cs[i];
            bool above_lo = c > lf || (c == lf && le && closed);
            bool below_hi = he ? (c < hf || (c == hf && closed)) : c <= hf;
            if (!above_lo || !below_hi) continue;
            /* c's digits: 17 of them, or "1" and zeros when c2 carried */
            char tmp[24], *digits = fmt_u64(tmp, c);
            int len = (int)(tmp + 23 - digits);
            memcpy(dg->d, digits, (size_t)len);
            dg->n = len;
            dg->decpt = len - k;
            strip_zeros(dg);
            return true;
        }
    }
    return false;
}
#else
size_t fmt_fixed_exact(char *buf, double ax, int nd) { (void)buf; (void)ax; (void)nd; return 0; }
static bool shortest_exact(double ax, Digits *dg) { (void)ax; (void)dg; return false; }
#endif

/* mode 3: 'ndigits' digits after the point, correctly rounded. */
static void frac_digits(double ax, int64_t ndigits, Digits *dg)
{
    char buf[EXACT_FRAC + 330];
    if (!fmt_fixed_exact(buf, ax, (int)MIN(ndigits, 18)))
        snprintf(buf, sizeof buf, "%.*f", (int)MIN(ndigits, EXACT_FRAC), ax);
    int n = 0, decpt = 0;
    bool frac = false;
    for (const char *p = buf; *p; p++) {
        if (*p == '.') {
            frac = true;
            continue;
        }
        if (!frac) decpt++;
        dg->d[n++] = *p;
    }
    int lead = 0;
    while (lead < n && dg->d[lead] == '0') lead++;
    memmove(dg->d, dg->d + lead, (size_t)(n - lead));
    dg->n = n - lead;
    dg->decpt = decpt - lead;
    strip_zeros(dg);
}

/*
** Moves the (p+1)-digit decimal in 'dg' one unit in the last place up or
** down, renormalising so the first digit is not zero.
*/
static void step_ulp(Digits *dg, bool up)
{
    int i = dg->n - 1;
    if (up) {
        while (i >= 0 && dg->d[i] == '9') dg->d[i--] = '0';
        if (i >= 0) {
            dg->d[i]++;
            return;
        }
        dg->d[0] = '1';         /* 99..9 + 1 = 100..0: one more power of ten */
        dg->decpt++;
        return;
    }
    while (i >= 0 && dg->d[i] == '0') dg->d[i--] = '9';
    dg->d[i]--;
    if (dg->d[0] == '0') {      /* 100..0 - 1: the grid below is ten times finer */
        memmove(dg->d, dg->d + 1, (size_t)(dg->n - 1));
        dg->d[dg->n - 1] = '9';
        dg->decpt--;
    }
}

static double digits_value(const Digits *dg)
{
    char buf[64];
    int k = 0;
    for (int i = 0; i < dg->n; i++) buf[k++] = dg->d[i];
    int e = dg->decpt - dg->n;          /* "e%d", without a second printf */
    buf[k++] = 'e';
    if (e < 0) { buf[k++] = '-'; e = -e; }
    char rev[8];
    int m = 0;
    do { rev[m++] = (char)('0' + e % 10); e /= 10; } while (e);
    while (m) buf[k++] = rev[--m];
    buf[k] = '\0';
    return strtod(buf, NULL);
}

/*
** Rounds the digits of 'dg', printf's for 'ax', to the nearest 'p' digits:
** what printf gives for 'ax' itself with 'p' digits, except when the
** digits dropped are a 5 and zeros: they may have been rounded up to that
** tie, so false then, with 'dg' as it was (the caller asks printf).
*/
static bool round_digits(Digits *dg, int p)
{
    bool tie = dg->d[p] == '5';
    for (int i = p + 1; i < dg->n; i++) tie = tie && dg->d[i] == '0';
    if (tie) return false;
    bool up = dg->d[p] >= '5';         /* a 5 here has a nonzero digit after it */
    dg->n = p;
    if (up) step_ulp(dg, true);
    return true;
}

/*
** mode 0: the shortest digits that read back as 'ax', the nearest such when
** several have that length. The nearest p-digit decimal may miss while its
** neighbour on the other side hits: at a power of two the interval of reals
** that round to 'ax' is twice as wide above as below. dtoa takes that
** neighbour, so try it before adding a digit. 17 digits always hit.
*/
static void shortest_digits(double ax, Digits *dg, bool exact)
{
    char buf[40];
    int p = 0;
    if (exact && shortest_exact(ax, dg)) return;
    if (ax >= DBL_MIN) {
        /* A normal double: any decimal of at most DBL_DIG (15) digits that
        ** reads back as 'ax' is what 'ax' prints as to 15 digits (such
        ** decimals survive the trip through a double). So the 15-digit
        ** form, zeros stripped, is the answer when it reads back; when it
        ** does not, nothing shorter does, and the search starts at 16. */
        snprintf(buf, sizeof buf, "%.*e", DBL_DIG - 1, ax);
        if (strtod(buf, NULL) == ax) {
            read_e(buf, dg);
            strip_zeros(dg);
            return;
        }
        /* 16 digits or 17. The 17 always read back (DBL_DECIMAL_DIG), and
        ** the 16 are theirs rounded, so one printf serves both. */
        snprintf(buf, sizeof buf, "%.*e", DBL_DECIMAL_DIG - 1, ax);
        read_e(buf, dg);
        if (round_digits(dg, DBL_DECIMAL_DIG - 1)) {
            double y = digits_value(dg);
            if (y != ax) {
                step_ulp(dg, y < ax);
                y = digits_value(dg);
            }
            if (y != ax) read_e(buf, dg);           /* the 17 */
            strip_zeros(dg);
            return;
        }
        p = DBL_DIG;
    }
    for (; p < 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p, ax);
        double y = strtod(buf, NULL);
        read_e(buf, dg);
        if (y != ax) {
            step_ulp(dg, y < ax);
            y = digits_value(dg);
        }
        if (y == ax) {
            strip_zeros(dg);
            return;
        }
    }
    snprintf(buf, sizeof buf, "%.16e", ax);    /* not reached */
    read_e(buf, dg);
    strip_zeros(dg);
}

/* ---- PyOS_double_to_string ---------------------------------------------- */

enum { DTSF_ADD_DOT_0 = 1, DTSF_ALT = 2, DTSF_NO_NEG_0 = 4, DTSF_PRINTF_ONLY = 8 };

/*
** Appends 'x' formatted with 'code' (e E f F g G, or 'r' for repr digits)
** exactly as format_float_short does: the digits of the chosen mode, padded
** with zeros on either side, a point, and an exponent of at least two digits.
*/
static void put_double(StrBuf *out, double x, char code, int64_t precision, unsigned flags)
{
    bool upper = false;
    int mode;
    switch (code) {
    case 'E': upper = true; /* fall through */
    case 'e': code = 'e'; mode = 2; precision++; break;
    case 'F': upper = true; /* fall through */
    case 'f': code = 'f'; mode = 3; break;
    case 'G': upper = true; /* fall through */
    case 'g':
        code = 'g';
        mode = 2;
        if (precision == 0) precision = 1;
        break;
    default: code = 'r'; mode = 0; precision = 0; break;
    }

    bool neg = signbit(x) != 0;
    if (isnan(x) || isinf(x)) {
        if (isinf(x) && neg) sb_putc(out, '-');
        if (isinf(x)) sb_puts(out, upper ? "INF" : "inf");
        else sb_puts(out, upper ? "NAN" : "nan");
        return;
    }
    if (mode == 3 && precision <= 17 && !(flags & DTSF_ADD_DOT_0)) {
        /* 'f' below 2**53: fmt_fixed_exact's text is what the layout below
        ** makes of frac_digits' digits */
        char fixed[48];
        size_t nf = fmt_fixed_exact(fixed, fabs(x), (int)precision);
        if (nf) {
            if (neg && (flags & DTSF_NO_NEG_0) && strspn(fixed, "0.") == nf) neg = false;
            if (neg) sb_putc(out, '-');
            sb_put(out, fixed, nf);
            if (precision == 0 && (flags & DTSF_ALT)) sb_putc(out, '.');
            return;
        }
    }
    Digits dg;
    if (mode == 0) shortest_digits(fabs(x), &dg, !(flags & DTSF_PRINTF_ONLY));
    else if (mode == 2) sig_digits(fabs(x), precision, &dg);
    else frac_digits(fabs(x), precision, &dg);
    if ((flags & DTSF_NO_NEG_0) && neg && dg.n == 1 && dg.d[0] == '0') neg = false;

    int64_t n = dg.n, decpt = dg.decpt, vend = n, exp = 0;
    bool use_exp = false;
    switch (code) {
    case 'e': use_exp = true; vend = precision; break;
    case 'f': vend = decpt + precision; break;
    case 'g':
        if (decpt <= -4 || decpt > ((flags & DTSF_ADD_DOT_0) ? precision - 1 : precision))
            use_exp = true;
        if (flags & DTSF_ALT) vend = precision;
        break;
    default:
        if (decpt <= -4 || decpt > 16) use_exp = true;
        break;
    }
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    /* vstart < decpt <= vend, or vstart < decpt < vend for ".0" */
    int64_t vstart = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && (flags & DTSF_ADD_DOT_0)) vend = MAX(vend, decpt + 1);
    else vend = MAX(vend, decpt);

    if (neg) sb_putc(out, '-');
    if (decpt <= 0) {
        sb_pad(out, '0', (size_t)(decpt - vstart));
        sb_putc(out, '.');
        sb_pad(out, '0', (size_t)-decpt);
    } else {
        sb_pad(out, '0', (size_t)-vstart);
    }
    if (0 < decpt && decpt <= n) {
        sb_put(out, dg.d, (size_t)decpt);
        sb_putc(out, '.');
        sb_put(out, dg.d + decpt, (size_t)(n - decpt));
    } else {
        sb_put(out, dg.d, (size_t)n);
    }
    if (n < decpt) {
        sb_pad(out, '0', (size_t)(decpt - n));
        sb_putc(out, '.');
        sb_pad(out, '0', (size_t)(vend - decpt));
    } else {
        sb_pad(out, '0', (size_t)(vend - n));
    }
    if (out->s[out->len - 1] == '.' && !(flags & DTSF_ALT)) out->s[--out->len] = '\0';
    if (use_exp) sb_printf(out, "%c%+.02d", upper ? 'E' : 'e', (int)exp);
}

void fmt_float_repr(double x, StrBuf *out)
{
    put_double(out, x, 'r', 0, DTSF_ADD_DOT_0);
}

void fmt_float_repr_printf(double x, StrBuf *out)
{
    put_double(out, x, 'r', 0, DTSF_ADD_DOT_0 | DTSF_PRINTF_ONLY);
}

/* ---- format specs ------------------------------------------------------- */

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

/* get_integer: ASCII digits at spec[*i]; -1 on overflow, else the count. */
static int get_integer(const char *spec, size_t len, size_t *i, int64_t *value)
{
    int64_t acc = 0;
    int count = 0;
    for (; *i < len && spec[*i] >= '0' && spec[*i] <= '9'; (*i)++, count++) {
        int d = spec[*i] - '0';
        if (acc > (INT64_MAX - d) / 10) return -1;
        acc = acc * 10 + d;
    }
    *value = acc;
    return count;
}

static void put_code(StrBuf *err, uint32_t c)
{
    if (c > 32 && c < 128) sb_putc(err, (char)c);
    else sb_printf(err, "\\x%x", (unsigned)c);
}

int fmt_parse_spec(const char *spec, size_t len, const char *type_name,
                   FormatSpec *out, StrBuf *err)
{
    *out = (FormatSpec){ .fill = ' ', .width = -1, .precision = -1 };
    size_t i = 0;
    bool fill_given = false;
    uint32_t c0 = 0;
    size_t i1 = len ? next_cp(spec, len, 0, &c0) : 0;
    if (i1 < len && is_align((unsigned char)spec[i1])) {
        out->fill = c0;
        out->align = spec[i1];
        fill_given = true;
        i = i1 + 1;
    } else if (len && is_align(c0)) {
        out->align = (char)c0;
        i = 1;
    }
    if (i < len && (spec[i] == '+' || spec[i] == '-' || spec[i] == ' ')) out->sign = spec[i++];
    if (i < len && spec[i] == 'z') {
        out->no_neg_0 = true;
        i++;
    }
    if (i < len && spec[i] == '#') {
        out->alt = true;
        i++;
    }
    if (!fill_given && i < len && spec[i] == '0') {
        out->fill = '0';
        out->zero = true;
        i++;
    }
    int got = get_integer(spec, len, &i, &out->width);
    if (got < 0) return fail(err, FMT_VALUE_ERROR, "Too many decimal digits in format string");
    if (got == 0) out->width = -1;
    if (i < len && spec[i] == ',') {
        out->grouping = ',';
        i++;
    }
    if (i < len && spec[i] == '_') {
        if (out->grouping) return fail(err, FMT_VALUE_ERROR, "Cannot specify both ',' and '_'.");
        out->grouping = '_';
        i++;
    }
    if (i < len && spec[i] == ',' && out->grouping == '_')
        return fail(err, FMT_VALUE_ERROR, "Cannot specify both ',' and '_'.");
    if (i < len && spec[i] == '.') {
        i++;
        got = get_integer(spec, len, &i, &out->precision);
        if (got < 0) return fail(err, FMT_VALUE_ERROR, "Too many decimal digits in format string");
        if (got == 0) return fail(err, FMT_VALUE_ERROR, "Format specifier missing precision");
    }
    if (i < len) {
        uint32_t t;
        size_t j = next_cp(spec, len, i, &t);
        if (j < len) {
            sb_puts(err, "Invalid format specifier '");
            sb_put(err, spec, len);
            sb_printf(err, "' for object of type '%s'", type_name);
            return FMT_VALUE_ERROR;
        }
        out->type = t;
    }
    if (out->grouping) {
        switch (out->type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (out->grouping == '_') break;
            /* fall through */
        default:
            sb_printf(err, "Cannot specify '%c' with '", out->grouping);
            put_code(err, out->type);
            sb_puts(err, "'.");
            return FMT_VALUE_ERROR;
        }
    }
    return FMT_OK;
}

void fmt_unknown_code(uint32_t type, const char *type_name, StrBuf *err)
{
    sb_puts(err, "Unknown format code '");
    put_code(err, type);
    sb_printf(err, "' for object of type '%s'", type_name);
}

/* ---- number layout: calc_number_widths + fill_number -------------------- */

/* [sign][prefix][digits][.][rem]: the text of one number, split up. */
typedef struct NumText {
    char sign;                  /* '-' or 0 */
    const char *prefix;         /* "0x" and the like, or "" */
    const char *digits;         /* integer digits, grouped and zero-padded */
    int64_t ndigits;
    bool has_decimal;
    const char *rem;            /* after the point: fraction, exponent, "inf", '%' */
    size_t rem_bytes;
    int64_t nrem;               /* code points in 'rem' */
} NumText;

/*
** _PyUnicode_InsertThousandsGrouping: digits d[0..n) in groups of 'group'
** from the right (0 = no separators), zero-padded on the left until the text
** has at least 'min_width' characters; a separator never comes first.
** Returns the length; when 'end' is not NULL writes the text ending there.
*/
static int64_t group_digits(char *end, const char *d, int64_t n, int64_t min_width,
                            int group, char sep)
{
    int64_t count = 0, remaining = n;
    bool use_sep = false;
    char *p = end;
    min_width = MAX(0, min_width);
    for (;;) {
        int64_t glen = MAX(MAX(remaining, min_width), 1);
        if (group > 0) glen = MIN(group, glen);
        int64_t zeros = MAX(0, glen - remaining);
        int64_t chars = MAX(0, MIN(remaining, glen));
        count += (use_sep ? 1 : 0) + zeros + chars;
        if (p) {
            if (use_sep) *--p = sep;
            p -= chars;
            memcpy(p, d + remaining - chars, (size_t)chars);
            p -= zeros;
            memset(p, '0', (size_t)zeros);
        }
        use_sep = true;
        remaining -= chars;
        min_width -= glen;
        if (group == 0 || (remaining <= 0 && min_width <= 0)) return count;
        min_width -= 1;
    }
}

static int put_number(StrBuf *out, const NumText *nt, const FormatSpec *s,
                      int group, char sep, StrBuf *err)
{
    char align = s->align ? s->align : s->zero ? '=' : '>';
    char sign = nt->sign;
    if (s->sign == '+') sign = nt->sign == '-' ? '-' : '+';
    else if (s->sign == ' ') sign = nt->sign == '-' ? '-' : ' ';
    int64_t nprefix = (int64_t)strlen(nt->prefix);
    int64_t nondigit = (sign ? 1 : 0) + nprefix + (nt->has_decimal ? 1 : 0) + nt->nrem;
    int64_t min_width = s->fill == '0' && align == '=' ? s->width - nondigit : 0;
    if (s->width > FMT_MAX_LEN) return too_long(err);
    int64_t ngrouped = nt->ndigits == 0 ? 0
        : group_digits(NULL, nt->digits, nt->ndigits, min_width, group, sep);
    int64_t npad = s->width - (nondigit + ngrouped), lpad = 0, spad = 0, rpad = 0;
    if (npad > 0) {
        switch (align) {
        case '<': rpad = npad; break;
        case '^': lpad = npad / 2; rpad = npad - lpad; break;
        case '=': spad = npad; break;
        default: lpad = npad; break;
        }
    }
    pad_cp(out, s->fill, lpad);
    if (sign) sb_putc(out, sign);
    sb_puts(out, nt->prefix);
    pad_cp(out, s->fill, spad);
    if (ngrouped) {
        sb_reserve(out, (size_t)ngrouped);
        group_digits(out->s + out->len + ngrouped, nt->digits, nt->ndigits, min_width, group, sep);
        out->len += (size_t)ngrouped;
        out->s[out->len] = '\0';
    }
    if (nt->has_decimal) sb_putc(out, '.');
    sb_put(out, nt->rem, nt->rem_bytes);
    pad_cp(out, s->fill, rpad);
    return FMT_OK;
}

int fmt_float(double x, const FormatSpec *s, StrBuf *out, StrBuf *err)
{
    uint32_t type = s->type;
    switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
        break;
    default:
        fmt_unknown_code(type, "float", err);
        return FMT_VALUE_ERROR;
    }
    if (s->precision > INT_MAX) return fail(err, FMT_VALUE_ERROR, "precision too big");
    if (s->precision > FMT_MAX_LEN) return too_long(err);

    unsigned flags = (s->alt ? DTSF_ALT : 0) | (s->no_neg_0 ? DTSF_NO_NEG_0 : 0);
    int64_t prec = s->precision, default_prec = 6;
    char code = (char)type;
    if (type == 0) {            /* like repr, or like 'g' keeping a ".0" */
        flags |= DTSF_ADD_DOT_0;
        code = 'r';
        default_prec = 0;
    }
    if (type == 'n') code = 'g';
    bool percent = type == '%';
    if (percent) {
        code = 'f';
        x *= 100;
    }
    if (prec < 0) prec = default_prec;
    else if (code == 'r') code = 'g';

    StrBuf num;
    sb_init(&num);
    put_double(&num, x, code, prec, flags);
    if (percent) sb_putc(&num, '%');

    NumText nt = { .prefix = "", .digits = num.s };
    if (num.s[0] == '-') {
        nt.sign = '-';
        nt.digits++;
    }
    const char *p = nt.digits;
    while (*p >= '0' && *p <= '9') p++;
    nt.ndigits = p - nt.digits;
    nt.has_decimal = *p == '.';
    nt.rem = p + (nt.has_decimal ? 1 : 0);
    nt.rem_bytes = strlen(nt.rem);
    nt.nrem = (int64_t)nt.rem_bytes;
    int group = s->grouping ? 3 : 0;
    int rc = put_number(out, &nt, s, group, s->grouping, err);
    sb_free(&num);
    return rc;
}

int fmt_int_base_for_type(uint32_t type)
{
    switch (type) {
    case 0: case 'd': case 'n': return 10;
    case 'b': return 2;
    case 'o': return 8;
    case 'x': case 'X': return 16;
    case 'c': return FMT_BASE_CHAR;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': return FMT_BASE_FLOAT;
    default: return FMT_BASE_UNKNOWN;
    }
}

/* format_long_internal: the checks every integer presentation makes. */
static int int_spec_check(const FormatSpec *s, StrBuf *err)
{
    if (s->precision != -1)
        return fail(err, FMT_VALUE_ERROR, "Precision not allowed in integer format specifier");
    if (s->no_neg_0)
        return fail(err, FMT_VALUE_ERROR,
                    "Negative zero coercion (z) not allowed in integer format specifier");
    return FMT_OK;
}

int fmt_int_text(const char *digits, size_t ndigits, bool negative, int base,
                 const FormatSpec *s, StrBuf *out, StrBuf *err)
{
    int want = fmt_int_base_for_type(s->type);
    if (want <= 0 || want != base) {
        fmt_unknown_code(s->type, "int", err);
        return FMT_VALUE_ERROR;
    }
    int rc = int_spec_check(s, err);
    if (rc) return rc;
    static const char *const prefixes[] = { "", "0b", "0o", "0x", "0X" };
    int pi = !s->alt ? 0 : base == 2 ? 1 : base == 8 ? 2 : base == 10 ? 0 : s->type == 'X' ? 4 : 3;
    char *upper = NULL;
    if (s->type == 'X') {
        upper = xstrndup(digits, ndigits);
        for (size_t i = 0; i < ndigits; i++)
            if (upper[i] >= 'a' && upper[i] <= 'z') upper[i] = (char)(upper[i] - 'a' + 'A');
    }
    NumText nt = {
        .sign = negative ? '-' : 0, .prefix = prefixes[pi],
        .digits = upper ? upper : digits, .ndigits = (int64_t)ndigits, .rem = "",
    };
    int group = !s->grouping ? 0 : base == 10 ? 3 : 4;
    rc = put_number(out, &nt, s, group, s->grouping, err);
    free(upper);
    return rc;
}

int fmt_int_char(int64_t value, const FormatSpec *s, StrBuf *out, StrBuf *err)
{
    int rc = int_spec_check(s, err);
    if (rc) return rc;
    if (s->sign)
        return fail(err, FMT_VALUE_ERROR, "Sign not allowed with integer format specifier 'c'");
    if (s->alt)
        return fail(err, FMT_VALUE_ERROR,
                    "Alternate form (#) not allowed with integer format specifier 'c'");
    if (value < 0 || value > 0x10FFFF)
        return fail(err, FMT_OVERFLOW_ERROR, "%c arg not in range(0x110000)");
    StrBuf ch;
    sb_init(&ch);
    sb_put_utf8(&ch, (uint32_t)value);
    /* as CPython does: no digits, the character is the "remainder" */
    NumText nt = { .prefix = "", .digits = "", .rem = ch.s, .rem_bytes = ch.len, .nrem = 1 };
    rc = put_number(out, &nt, s, 0, 0, err);
    sb_free(&ch);
    return rc;
}

/* calc_padding: 'nchars' of text in 'width', aligned by 'align'. */
static void put_padded(StrBuf *out, const char *s, size_t nbytes, int64_t nchars,
                       int64_t width, char align, uint32_t fill)
{
    int64_t total = MAX(width, nchars), lpad = 0;
    if (align == '>') lpad = total - nchars;
    else if (align == '^') lpad = (total - nchars) / 2;
    pad_cp(out, fill, lpad);
    sb_put(out, s, nbytes);
    pad_cp(out, fill, total - nchars - lpad);
}

int fmt_str(const char *utf8, size_t len, const FormatSpec *s, StrBuf *out, StrBuf *err)
{
    if (s->grouping && s->type == 0) {     /* the default type 's' */
        sb_printf(err, "Cannot specify '%c' with 's'.", s->grouping);
        return FMT_VALUE_ERROR;
    }
    if (s->type != 0 && s->type != 's') {
        fmt_unknown_code(s->type, "str", err);
        return FMT_VALUE_ERROR;
    }
    if (s->sign == ' ') return fail(err, FMT_VALUE_ERROR, "Space not allowed in string format specifier");
    if (s->sign) return fail(err, FMT_VALUE_ERROR, "Sign not allowed in string format specifier");
    if (s->no_neg_0)
        return fail(err, FMT_VALUE_ERROR,
                    "Negative zero coercion (z) not allowed in string format specifier");
    if (s->alt)
        return fail(err, FMT_VALUE_ERROR, "Alternate form (#) not allowed in string format specifier");
    if (s->align == '=')
        return fail(err, FMT_VALUE_ERROR, "'=' alignment not allowed in string format specifier");
    if (s->width > FMT_MAX_LEN) return too_long(err);
    int64_t n = count_cps(utf8, len);
    if (s->precision >= 0 && n > s->precision) {
        n = s->precision;
        len = cp_offset(utf8, len, n);
    }
    put_padded(out, utf8, len, n, s->width, s->align ? s->align : '<', s->fill);
    return FMT_OK;
}

/* ---- round -------------------------------------------------------------- */

int fmt_float_round(double x, int64_t ndigits, double *out, StrBuf *err)
{
    /* Beyond these, x rounds to itself or to a signed zero (floatobject.c's
       NDIGITS_MAX = 1074 * 0.30103, NDIGITS_MIN = -1025 * 0.30103). */
    if (!isfinite(x) || ndigits > 323) {
        *out = x;
        return FMT_OK;
    }
    if (ndigits < -308) {
        *out = 0.0 * x;
        return FMT_OK;
    }
    /* Below 2**53 with at most 17 places, fmt_fixed_exact is dtoa mode 3:
       the exact value rounded to 10^-ndigits, ties to even. */
    char fixed[48];
    if (ndigits >= 0 && fmt_fixed_exact(fixed + 1, fabs(x), (int)ndigits)) {
        fixed[0] = '-';
        *out = strtod(fixed + !signbit(x), NULL);
        return FMT_OK;
    }
    /* The exact decimal value, then dtoa mode 3 by hand: keep the digits
       before 10^-ndigits, ties to even. */
    Digits dg;
    char buf[EXACT_SIG + 32];
    snprintf(buf, sizeof buf, "%.*e", EXACT_SIG, fabs(x));
    read_e(buf, &dg);
    strip_zeros(&dg);
    int64_t keep = dg.decpt + ndigits;
    if (keep >= dg.n) {
        *out = x;
        return FMT_OK;
    }
    bool up = false;
    if (keep >= 0) {
        char c = dg.d[keep];
        bool more = keep + 1 < dg.n;
        bool odd = keep > 0 && (dg.d[keep - 1] - '0') % 2 == 1;
        up = c > '5' || (c == '5' && (more || odd));
    }
    char text[EXACT_SIG + 40];
    int k = 0;
    if (signbit(x)) text[k++] = '-';
    text[k++] = '0';            /* room for a carry: 99.5 -> 100 */
    for (int64_t i = 0; i < keep; i++) text[k++] = dg.d[i];
    if (up) {
        int j = k - 1;
        while (text[j] == '9') text[j--] = '0';
        text[j]++;
    }
    snprintf(text + k, sizeof text - (size_t)k, "e%d", (int)(dg.decpt - MAX(keep, 0)));
    errno = 0;
    double r = strtod(text, NULL);
    if (errno == ERANGE && fabs(r) >= 1.0)
        return fail(err, FMT_OVERFLOW_ERROR, "rounded value too large to represent");
    *out = r;
    return FMT_OK;
}

double fmt_round_half_even(double x)
{
    double r = round(x);
    if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0);
    return r;
}

/* ---- printf-style '%' --------------------------------------------------- */

static int call_star(const PercentHooks *hooks, bool is_prec, int64_t *v, StrBuf *err)
{
    if (!hooks || !hooks->star) return fail(err, FMT_HOOK_ERROR, "* wants int");
    return hooks->star(hooks->ud, is_prec, v) < 0 ? FMT_HOOK_ERROR : FMT_OK;
}

static bool percent_type_known(uint32_t t)
{
    return t > 0 && t < 0x80 && strchr("sracdiuoxXeEfFgG", (int)t) != NULL;
}

int fmt_percent_spec(const char *fmt, size_t len, size_t *pos, PercentSpec *out,
                     const PercentHooks *hooks, StrBuf *err)
{
    *out = (PercentSpec){ .width = -1, .prec = -1 };
    size_t i = *pos;
    if (i < len && fmt[i] == '%') {
        out->literal = true;
        out->type = '%';
        *pos = i + 1;
        return FMT_OK;
    }
    uint32_t ch = 0;
    bool exhausted = false;     /* CPython's fmtcnt < 0: the format ran out */
    if (i < len && fmt[i] == '(') {
        if (!hooks || !hooks->has_mapping) return fail(err, FMT_TYPE_ERROR, "format requires a mapping");
        size_t start = ++i;
        int depth = 1;
        for (; depth > 0 && i < len; i++) {
            if (fmt[i] == ')') depth--;
            else if (fmt[i] == '(') depth++;
        }
        if (depth > 0) return fail(err, FMT_VALUE_ERROR, "incomplete format key");
        if (!hooks->key || hooks->key(hooks->ud, fmt + start, i - 1 - start) < 0)
            return FMT_HOOK_ERROR;
        ch = ')';
    }
    for (;;) {
        if (i >= len) {
            exhausted = true;
            break;
        }
        i = next_cp(fmt, len, i, &ch);
        if (ch == '-') out->ljust = true;
        else if (ch == '+') out->plus = true;
        else if (ch == ' ') out->blank = true;
        else if (ch == '#') out->alt = true;
        else if (ch == '0') out->zero = true;
        else break;
    }
    int rc;
    if (ch == '*') {
        int64_t v;
        if ((rc = call_star(hooks, false, &v, err))) return rc;
        if (v < 0) {
            out->ljust = true;
            v = v == INT64_MIN ? INT64_MAX : -v;
        }
        out->width = v;
        if (!exhausted && i < len) i = next_cp(fmt, len, i, &ch);
        else exhausted = true;
    } else if (ch >= '0' && ch <= '9') {
        out->width = ch - '0';
        while (!exhausted) {
            if (i >= len) {
                exhausted = true;
                break;
            }
            i = next_cp(fmt, len, i, &ch);
            if (ch < '0' || ch > '9') break;
            int d = (int)ch - '0';
            if (out->width > (INT64_MAX - d) / 10) return fail(err, FMT_VALUE_ERROR, "width too big");
            out->width = out->width * 10 + d;
        }
    }
    if (ch == '.') {
        out->prec = 0;
        if (!exhausted && i < len) i = next_cp(fmt, len, i, &ch);
        else exhausted = true;
        if (ch == '*') {
            int64_t v;
            if ((rc = call_star(hooks, true, &v, err))) return rc;
            if (v > INT_MAX || v < INT_MIN)
                return fail(err, FMT_OVERFLOW_ERROR, "Python int too large to convert to C int");
            out->prec = v < 0 ? 0 : (int)v;
            if (!exhausted && i < len) i = next_cp(fmt, len, i, &ch);
            else exhausted = true;
        } else if (ch >= '0' && ch <= '9') {
            out->prec = (int)ch - '0';
            while (!exhausted) {
                if (i >= len) {
                    exhausted = true;
                    break;
                }
                i = next_cp(fmt, len, i, &ch);
                if (ch < '0' || ch > '9') break;
                int d = (int)ch - '0';
                if (out->prec > (INT_MAX - d) / 10) return fail(err, FMT_VALUE_ERROR, "precision too big");
                out->prec = out->prec * 10 + d;
            }
        }
    }
    if (!exhausted && (ch == 'h' || ch == 'l' || ch == 'L')) {
        if (i < len) i = next_cp(fmt, len, i, &ch);
        else exhausted = true;
    }
    if (exhausted) return fail(err, FMT_VALUE_ERROR, "incomplete format");
    out->type = ch;
    if (!percent_type_known(ch)) out->type_index = (size_t)count_cps(fmt, i) - 1;
    *pos = i;
    return FMT_OK;
}

int fmt_percent_unsupported(const PercentSpec *ps, StrBuf *err)
{
    uint32_t c = ps->type;
    sb_printf(err, "unsupported format character '%c' (0x%x) at index %zu",
              c >= 31 && c <= 126 ? (char)c : '?', (unsigned)c, ps->type_index);
    return FMT_VALUE_ERROR;
}

int fmt_percent_int_base(uint32_t type)
{
    switch (type) {
    case 'd': case 'i': case 'u': return 10;
    case 'o': return 8;
    case 'x': case 'X': return 16;
    default: return 0;
    }
}

/*
** unicode_format_arg_output: pads 's' (already converted) to the width.
** 'sign' is set for numbers: a leading '-' or '+' becomes the sign, the
** '+' and ' ' flags supply one otherwise, and '0' pads between the sign
** (and an 0x/0o prefix) and the digits.
*/
static int percent_output(StrBuf *out, const char *s, size_t nbytes, bool sign,
                          const PercentSpec *ps, StrBuf *err)
{
    uint32_t type = ps->type;
    char fill = sign && ps->zero ? '0' : ' ';
    int64_t len = count_cps(s, nbytes), width = ps->width;
    if ((width == -1 || width <= len) && (ps->prec == -1 || ps->prec >= len)
        && !ps->plus && !ps->blank) {
        sb_put(out, s, nbytes);
        return FMT_OK;
    }
    if (width > FMT_MAX_LEN) return too_long(err);
    size_t end = nbytes, pi = 0;
    if ((type == 's' || type == 'r' || type == 'a') && ps->prec >= 0 && len > ps->prec) {
        len = ps->prec;
        end = cp_offset(s, nbytes, len);
    }
    char signchar = 0;
    if (sign) {
        if (s[0] == '-' || s[0] == '+') {
            signchar = s[0];
            len--;
            pi++;
        } else if (ps->plus) {
            signchar = '+';
        } else if (ps->blank) {
            signchar = ' ';
        } else {
            sign = false;
        }
    }
    if (width < len) width = len;
    if (sign) {
        if (fill != ' ') sb_putc(out, signchar);
        if (width > len) width--;
    }
    bool prefix = ps->alt && (type == 'x' || type == 'X' || type == 'o');
    if (prefix) {
        if (fill != ' ') {
            sb_put(out, s + pi, 2);
            pi += 2;
        }
        width = MAX(0, width - 2);
        len -= 2;
    }
    if (width > len && !ps->ljust) {
        sb_pad(out, fill, (size_t)(width - len));
        width = len;
    }
    if (fill == ' ') {
        if (sign) sb_putc(out, signchar);
        if (prefix) {
            sb_put(out, s + pi, 2);
            pi += 2;
        }
    }
    sb_put(out, s + pi, end - pi);
    if (width > len) sb_pad(out, ' ', (size_t)(width - len));
    return FMT_OK;
}

int fmt_percent_int_text(const char *digits, size_t ndigits, bool negative,
                         const PercentSpec *ps, StrBuf *out, StrBuf *err)
{
    int base = fmt_percent_int_base(ps->type);
    if (base == 0) return fmt_percent_unsupported(ps, err);
    if (ps->prec > INT_MAX - 3) return fail(err, FMT_OVERFLOW_ERROR, "precision too large");
    if (ps->prec > FMT_MAX_LEN) return too_long(err);
    if (ps->width == -1 && ps->prec == -1 && !ps->plus && !ps->blank && !ps->alt && ps->type != 'X') {
        if (negative) sb_putc(out, '-');        /* plain "%d": the text as it is */
        sb_put(out, digits, ndigits);
        return FMT_OK;
    }
    /* _PyUnicode_FormatLong: [-][0x]digits, zero-filled to 'prec' digits */
    StrBuf t;
    sb_init(&t);
    if (negative) sb_putc(&t, '-');
    if (ps->alt && base != 10) sb_puts(&t, base == 8 ? "0o" : "0x");
    if (ps->prec > (int64_t)ndigits) sb_pad(&t, '0', (size_t)ps->prec - ndigits);
    sb_put(&t, digits, ndigits);
    if (ps->type == 'X')
        for (size_t i = 0; i < t.len; i++)
            if (t.s[i] >= 'a' && t.s[i] <= 'x') t.s[i] = (char)(t.s[i] - 'a' + 'A');
    int rc = percent_output(out, t.s, t.len, true, ps, err);
    sb_free(&t);
    return rc;
}

int fmt_percent_float(double x, const PercentSpec *ps, StrBuf *out, StrBuf *err)
{
    uint32_t t = ps->type;
    if (!(t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G'))
        return fmt_percent_unsupported(ps, err);
    if (ps->prec > FMT_MAX_LEN) return too_long(err);
    int64_t prec = ps->prec < 0 ? 6 : ps->prec;
    unsigned flags = ps->alt ? DTSF_ALT : 0;
    if (ps->width == -1 && !ps->plus && !ps->blank) {
        /* "%.2f" with nothing to pad and no sign to add: percent_output
        ** would copy put_double's text as it is ('.prec' cuts only str) */
        put_double(out, x, (char)t, prec, flags);
        return FMT_OK;
    }
    StrBuf num;
    sb_init(&num);
    put_double(&num, x, (char)t, prec, flags);
    int rc = percent_output(out, num.s, num.len, true, ps, err);
    sb_free(&num);
    return rc;
}

int fmt_percent_str(const char *utf8, size_t len, const PercentSpec *ps,
                    StrBuf *out, StrBuf *err)
{
    return percent_output(out, utf8, len, false, ps, err);
}
