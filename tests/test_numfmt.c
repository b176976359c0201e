/*
** tests/test_numfmt.c: heap/numfmt against CPython 3.11. Every expected
** string below was printed by python3 (repr, format, round, '%'), never
** computed with the code under test.
*/
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heap/numfmt.h"

TestSuite(numfmt, .timeout = 60);

/* "ValueError: msg" as python3 prints type(e).__name__ + ": " + str(e). */
static void put_error(StrBuf *res, int rc, const StrBuf *err)
{
    const char *name = rc == FMT_VALUE_ERROR ? "ValueError"
                     : rc == FMT_OVERFLOW_ERROR ? "OverflowError"
                     : rc == FMT_TYPE_ERROR ? "TypeError"
                     : rc == FMT_MEMORY_ERROR ? "MemoryError" : "HookError";
    sb_printf(res, "%s: %s", name, err->s ? err->s : "");
}

/* The magnitude of 'v' as digits in 'base' (what a bigint would hand over). */
static void int_digits(int64_t v, int base, char *buf, bool *negative)
{
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char tmp[72];
    int k = 0;
    do {
        tmp[k++] = "0123456789abcdef"[m % (uint64_t)base];
        m /= (uint64_t)base;
    } while (m);
    for (int i = 0; i < k; i++) buf[i] = tmp[k - 1 - i];
    buf[k] = '\0';
    *negative = v < 0;
}

/* format(value, spec) the way the VM dispatches it; returns a malloc'd
** result, or "XxxError: message". 'kind' is 'f', 'i' or 's'. */
static char *format_value(char kind, double f, int64_t i, const char *s, const char *spec)
{
    StrBuf out, err;
    sb_init(&out);
    sb_init(&err);
    FormatSpec fs;
    const char *type_name = kind == 'f' ? "float" : kind == 'i' ? "int" : "str";
    int rc = fmt_parse_spec(spec, strlen(spec), type_name, &fs, &err);
    if (rc == FMT_OK && kind == 'f') {
        rc = fmt_float(f, &fs, &out, &err);
    } else if (rc == FMT_OK && kind == 's') {
        rc = fmt_str(s, strlen(s), &fs, &out, &err);
    } else if (rc == FMT_OK) {
        int base = fmt_int_base_for_type(fs.type);
        if (base == FMT_BASE_FLOAT) {
            rc = fmt_float((double)i, &fs, &out, &err);
        } else if (base == FMT_BASE_CHAR) {
            rc = fmt_int_char(i, &fs, &out, &err);
        } else if (base == FMT_BASE_UNKNOWN) {
            fmt_unknown_code(fs.type, "int", &err);
            rc = FMT_VALUE_ERROR;
        } else {
            char digits[72];
            bool neg;
            int_digits(i, base, digits, &neg);
            rc = fmt_int_text(digits, strlen(digits), neg, base, &fs, &out, &err);
        }
    }
    StrBuf res;
    sb_init(&res);
    if (rc == FMT_OK) sb_put(&res, out.s ? out.s : "", out.len);
    else put_error(&res, rc, &err);
    sb_free(&out);
    sb_free(&err);
    return sb_take(&res);
}

static char *repr_of(double x)
{
    StrBuf b;
    sb_init(&b);
    fmt_float_repr(x, &b);
    return sb_take(&b);
}

Test(numfmt, repr_of_tricky_floats_matches_cpython)
{
    static const struct { double x; const char *want; } cases[] = {
        { 0.1, "0.1" },
        { 0.1 + 0.2, "0.30000000000000004" },
        { 1.0 / 3, "0.3333333333333333" },
        { 2.0 / 3, "0.6666666666666666" },
        { 100.0, "100.0" },
        { 1e16, "1e+16" },
        { 1e15, "1000000000000000.0" },
        { 9999999999999998.0, "9999999999999998.0" },
        { 1e-5, "1e-05" },
        { 1e-4, "0.0001" },
        { 0.0001234, "0.0001234" },
        { 9.999999999999999e22, "1e+23" },
        { 1e22, "1e+22" },
        { 1e23, "1e+23" },
        { 9007199254740992.0, "9007199254740992.0" },
        { 9007199254740993.0, "9007199254740992.0" },
        { 123456789012345678.0, "1.2345678901234568e+17" },
        { 1.5e-7, "1.5e-07" },
        { 2.5e-05, "2.5e-05" },
        { 5e-324, "5e-324" },
        { 0x1p-1074 * 3, "1.5e-323" },
        { 2.2250738585072014e-308, "2.2250738585072014e-308" },
        { 2.225073858507201e-308, "2.225073858507201e-308" },
        { 1.7976931348623157e308, "1.7976931348623157e+308" },
        { 1e300 * 10, "1e+301" },
        { -1e300 * 10, "-1e+301" },
        { NAN, "nan" },
        { -0.0, "-0.0" },
        { 0.0, "0.0" },
        { 1.0, "1.0" },
        { -1.5, "-1.5" },
        { 1.5e300, "1.5e+300" },
        { 1e301, "1e+301" },
        { 123.456, "123.456" },
        { 0x1p-1017, "7.120236347223045e-307" },
        { 0x1p-1007, "7.291122019556398e-304" },
        { 0x1p+60, "1.152921504606847e+18" },
        { 0x1p-20, "9.5367431640625e-07" },
        { 1e100, "1e+100" },
        { 0.3, "0.3" },
        { 1.1 * 1.1, "1.2100000000000002" },
        { 4.35, "4.35" },
        { 2.675, "2.675" },
        { 1234567890123456.0, "1234567890123456.0" },
        { 12345678901234567.0, "1.2345678901234568e+16" },
        { 0.000123, "0.000123" },
        { -123e-20, "-1.23e-18" },
        { 3.141592653589793, "3.141592653589793" },
        { 1e-310, "1e-310" },
        { 0x1.fffffffffffffp-1, "0.9999999999999999" },
        { 4503599627370497.5, "4503599627370498.0" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = repr_of(cases[k].x);
        cr_expect(eq(str, got, (char *)cases[k].want), "case %zu", k);
        free(got);
    }
}

Test(numfmt, repr_appends_to_what_is_already_there)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "x=");
    fmt_float_repr(-2.5, &b);
    cr_assert(eq(str, b.s, "x=-2.5"));
    sb_free(&b);
}

/* xorshift64*: a fixed stream of bit patterns, the same on every run. */
static uint64_t next_bits(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * UINT64_C(2685821657736338717);
}

/* Significant digits of a decimal number: no sign, leading or trailing zeros, exponent. */
static int significant_digits(const char *s)
{
    char d[64];
    int n = 0;
    for (; *s && *s != 'e' && *s != 'E'; s++)
        if (*s >= '0' && *s <= '9' && (n > 0 || *s != '0')) d[n++] = *s;
    while (n > 0 && d[n - 1] == '0') n--;
    return n;
}

/* Property, not a copy of the algorithm: repr reads back exactly and never
** needs more significant digits than C's "%.17g". */
Test(numfmt, repr_round_trips_and_is_never_longer_than_17_digits)
{
    uint64_t state = UINT64_C(0x9E3779B97F4A7C15);
    int checked = 0;
    while (checked < 2000) {
        uint64_t bits = next_bits(&state);
        double x;
        memcpy(&x, &bits, sizeof x);
        if (isnan(x)) continue;
        checked++;
        char *r = repr_of(x);
        char g17[40];
        snprintf(g17, sizeof g17, "%.17g", x);
        double back = strtod(r, NULL);
        cr_expect(memcmp(&back, &x, sizeof x) == 0, "%s does not read back as %s", r, g17);
        cr_expect(significant_digits(r) <= significant_digits(g17), "%s longer than %s", r, g17);
        free(r);
    }
}

Test(numfmt, float_format_specs_match_cpython)
{
    static const struct { double x; const char *spec, *want; } cases[] = {
        { 1.5, ">5", "  1.5" },
        { 3.14159, ".2f", "3.14" },
        { 1234567.891, ",", "1,234,567.891" },
        { 1234567.891, ",.2f", "1,234,567.89" },
        { 1234567.891, "_.3f", "1_234_567.891" },
        { -3.14159, "08.3f", "-003.142" },
        { 3.14159, "08.3f", "0003.142" },
        { 12345.678, "+.3e", "+1.235e+04" },
        { -0.5, "+.3e", "-5.000e-01" },
        { 2.5, "^9", "   2.5   " },
        { 2.5, "*<7", "2.5****" },
        { 0.1234, ".1%", "12.3%" },
        { 0.5, "%", "50.000000%" },
        { 1.0, "g", "1" },
        { 1e-05, "g", "1e-05" },
        { 1e+16, "g", "1e+16" },
        { 123456789.0, "g", "1.23457e+08" },
        { 1234567.0, "g", "1.23457e+06" },
        { 123456.0, "g", "123456" },
        { 0.0001, "g", "0.0001" },
        { 1e-05, ".3g", "1e-05" },
        { 1.0, "#g", "1.00000" },
        { 1.0, "#.3g", "1.00" },
        { 100.0, ".2g", "1e+02" },
        { 1.0, "", "1.0" },
        { 1.0, ".3", "1.0" },
        { 1234.5, ".2", "1.2e+03" },
        { 1e+16, "", "1e+16" },
        { 1e+16, ".20", "10000000000000000.0" },
        { 0.1, ".17", "0.10000000000000001" },
        { 0.1, ".30f", "0.100000000000000005551115123126" },
        { 1e+22, "f", "10000000000000000000000.000000" },
        { 1e+300, ".3e", "1.000e+300" },
        { 1.5, "E", "1.500000E+00" },
        { INFINITY, "F", "INF" },
        { NAN, "E", "NAN" },
        { -INFINITY, "010", "-000000inf" },
        { NAN, "+", "+nan" },
        { -0.0, "", "-0.0" },
        { -0.0, "z", "0.0" },
        { -0.0001, "z.2f", "0.00" },
        { -0.0001, ".2f", "-0.00" },
        { 1.5, "=+8", "+    1.5" },
        { -1.5, "=+8", "-    1.5" },
        { 1.5, "=+08", "+00001.5" },
        { 12.5, "^+10.2f", "  +12.50  " },
        { 1234.5, "012,.1f", "00,001,234.5" },
        { 1234.5, "0=12,", "00,001,234.5" },
        { 1.0, "<06", "1.0000" },
        { 0.5, ".0f", "0" },
        { 1.5, ".0f", "2" },
        { 2.5, ".0f", "2" },
        { 0.125, ".2f", "0.12" },
        { 0.375, ".2f", "0.38" },
        { 2.675, ".2f", "2.67" },
        { 1e-07, "n", "1e-07" },
        { 1234567.0, "n", "1.23457e+06" },
        { 3.0, "#.0f", "3." },
        { 3.0, "#.0e", "3.e+00" },
        { 1e+16, "#", "1.e+16" },
        { 123.456, "x^+15,.2f", "xxxx+123.46xxxx" },
        { 1.5, "€>6", "€€€1.5" },
        { 5e-324, ".3e", "4.941e-324" },
        { 1.7976931348623157e+308, ",.0f", "179,769,313,486,231,570,814,527,423,731,704,356,798,070,567,525,844,996,598,917,476,803,157,260,780,028,538,760,589,558,632,766,878,171,540,458,953,514,382,464,234,321,326,889,464,182,768,467,546,703,537,516,986,049,910,576,551,282,076,245,490,090,389,328,944,075,868,508,455,133,942,304,583,236,903,222,948,165,808,559,332,123,348,274,797,826,204,144,723,168,738,177,180,919,299,881,250,404,026,184,124,858,368" },
        { 0.1, "-", "0.1" },
        { 0.1, " ", " 0.1" },
        { -0.1, " ", "-0.1" },
        { 1e-05, ".1%", "0.0%" },
        { 12345.6789, "_g", "12_345.7" },
        { 9.99, ".2g", "10" },
        { 9.99, ".1f", "10.0" },
        { 0.000123456, ".3", "0.000123" },
        { 123456789.0, ".3", "1.23e+08" },
        { 1.0, ".0", "1e+00" },
        { 1.5, ".0", "2e+00" },
        { 1e+200, ".1f", "99999999999999996973312221251036165947450327545502362648241750950346848435554075534196338404706251868027512415973882408182135734368278484639385041047239877871023591066789981811181813306167128854888448.0" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = format_value('f', cases[k].x, 0, NULL, cases[k].spec);
        cr_expect(eq(str, got, (char *)cases[k].want), "format(x, '%s')", cases[k].spec);
        free(got);
    }
}

Test(numfmt, int_format_specs_match_cpython)
{
    static const struct { int64_t v; const char *spec, *want; } cases[] = {
        { 42, ">5", "   42" },
        { 1234567, ",", "1,234,567" },
        { 1234567, "_", "1_234_567" },
        { -1234567, ",", "-1,234,567" },
        { 255, "_x", "ff" },
        { 4294967295LL, "_x", "ffff_ffff" },
        { 255, "#x", "0xff" },
        { 255, "#X", "0XFF" },
        { 255, "X", "FF" },
        { 5, "#010b", "0b00000101" },
        { 5, "#b", "0b101" },
        { -5, "#010b", "-0b0000101" },
        { 8, "o", "10" },
        { 8, "#o", "0o10" },
        { 42, "=+8", "+     42" },
        { -42, "=+8", "-     42" },
        { 42, "+", "+42" },
        { 42, " ", " 42" },
        { -42, " ", "-42" },
        { 42, "^9", "   42    " },
        { 42, "*<7", "42*****" },
        { 42, "08", "00000042" },
        { -42, "08", "-0000042" },
        { 1234, "010,", "00,001,234" },
        { 1, "06,", "00,001" },
        { 1, "05,", "0,001" },
        { 1234567, "012_", "0_001_234_567" },
        { 255, "#012_x", "0x0_0000_00ff" },
        { 0, "#x", "0x0" },
        { 0, "b", "0" },
        { 123, "n", "123" },
        { 1234567, "n", "1234567" },
        { 42, "", "42" },
        { -42, "d", "-42" },
        { 65, "c", "A" },
        { 8364, "c", "€" },
        { 65, ">5c", "    A" },
        { 65, "=5c", "    A" },
        { 42, "€^7", "€€42€€€" },
        { 255, "#_b", "0b1111_1111" },
        { -255, "x<+#8x", "-0xffxxx" },
        { 1000000000000000LL, ",", "1,000,000,000,000,000" },
        { INT64_MIN, ",", "-9,223,372,036,854,775,808" },
        { 9223372036854775807LL, "_", "9_223_372_036_854_775_807" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = format_value('i', 0, cases[k].v, NULL, cases[k].spec);
        cr_expect(eq(str, got, (char *)cases[k].want), "format(%lld, '%s')",
                  (long long)cases[k].v, cases[k].spec);
        free(got);
    }
}

Test(numfmt, int_with_a_float_type_formats_as_float)
{
    static const struct { int64_t v; const char *spec, *want; } cases[] = {
        { 42, ".2f", "42.00" },
        { 7, "e", "7.000000e+00" },
        { 1, "%", "100.000000%" },
        { -3, "g", "-3" },
        { 1000000, ",.1f", "1,000,000.0" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cr_expect(eq(int, fmt_int_base_for_type((uint32_t)cases[k].spec[strlen(cases[k].spec) - 1]),
                     FMT_BASE_FLOAT));
        char *got = format_value('i', 0, cases[k].v, NULL, cases[k].spec);
        cr_expect(eq(str, got, (char *)cases[k].want), "format(%lld, '%s')",
                  (long long)cases[k].v, cases[k].spec);
        free(got);
    }
}

Test(numfmt, str_format_specs_count_code_points)
{
    static const struct { const char *s, *spec, *want; } cases[] = {
        { "abc", ">5", "  abc" },
        { "abc", "<5", "abc  " },
        { "abc", "^6", " abc  " },
        { "abc", "^7", "  abc  " },
        { "abc", "*^7", "**abc**" },
        { "hello", ".2", "he" },
        { "héllo", ".2", "hé" },
        { "héllo", ">7", "  héllo" },
        { "日本語", "^7", "  日本語  " },
        { "日本語", ".1", "日" },
        { "abc", "05", "abc00" },
        { "abc", "s", "abc" },
        { "abc", "", "abc" },
        { "abc", "x<6.2", "abxxxx" },
        { "abc", "€>5", "€€abc" },
        { "", ">3", "   " },
        { "abcdef", "3", "abcdef" },
        { "abc", ".0", "" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = format_value('s', 0, 0, cases[k].s, cases[k].spec);
        cr_expect(eq(str, got, (char *)cases[k].want), "format('%s', '%s')", cases[k].s, cases[k].spec);
        free(got);
    }
}

Test(numfmt, bad_specs_give_cpython_messages)
{
    static const struct { char kind; double x; const char *s, *spec, *want; } cases[] = {
        { 'f', 1.5, NULL, "z", "1.5" },
        { 'f', 1.5, NULL, "zz", "ValueError: Unknown format code 'z' for object of type 'float'" },
        { 'f', 1.5, NULL, "abc", "ValueError: Invalid format specifier 'abc' for object of type 'float'" },
        { 'i', 1, NULL, "abc", "ValueError: Invalid format specifier 'abc' for object of type 'int'" },
        { 's', 0, "x", "abc", "ValueError: Invalid format specifier 'abc' for object of type 'str'" },
        { 'i', 1, NULL, "z", "ValueError: Negative zero coercion (z) not allowed in integer format specifier" },
        { 's', 0, "a", "z", "ValueError: Negative zero coercion (z) not allowed in string format specifier" },
        { 's', 0, "a", " ", "ValueError: Space not allowed in string format specifier" },
        { 's', 0, "a", "+", "ValueError: Sign not allowed in string format specifier" },
        { 's', 0, "a", "#", "ValueError: Alternate form (#) not allowed in string format specifier" },
        { 's', 0, "a", "=", "ValueError: '=' alignment not allowed in string format specifier" },
        { 's', 0, "ab", ",", "ValueError: Cannot specify ',' with 's'." },
        { 'i', 1, NULL, ",n", "ValueError: Cannot specify ',' with 'n'." },
        { 'i', 1, NULL, "_c", "ValueError: Cannot specify '_' with 'c'." },
        { 'i', 1, NULL, ",_", "ValueError: Cannot specify both ',' and '_'." },
        { 'i', 1, NULL, "_,", "ValueError: Cannot specify both ',' and '_'." },
        { 'f', 1.5, NULL, ".", "ValueError: Format specifier missing precision" },
        { 'i', 1, NULL, ".2", "ValueError: Precision not allowed in integer format specifier" },
        { 'i', 1, NULL, "99999999999999999999", "ValueError: Too many decimal digits in format string" },
        { 'f', 1.5, NULL, ".99999999999", "ValueError: precision too big" },
        { 'i', 1, NULL, "é", "ValueError: Unknown format code '\\xe9' for object of type 'int'" },
        { 'i', 1, NULL, "\001", "ValueError: Unknown format code '\\x1' for object of type 'int'" },
        { 'i', 1, NULL, ",\001", "ValueError: Cannot specify ',' with '\\x1'." },
        { 'i', 65, NULL, "+c", "ValueError: Sign not allowed with integer format specifier 'c'" },
        { 'i', 65, NULL, "#c", "ValueError: Alternate form (#) not allowed with integer format specifier 'c'" },
        { 'i', -1, NULL, "c", "OverflowError: %c arg not in range(0x110000)" },
        { 'i', 1114112, NULL, "c", "OverflowError: %c arg not in range(0x110000)" },
        { 'f', 1.5, NULL, ",z", "ValueError: Cannot specify ',' with 'z'." },
        { 'f', 1.5, NULL, "d", "ValueError: Unknown format code 'd' for object of type 'float'" },
        { 's', 0, "a", "d", "ValueError: Unknown format code 'd' for object of type 'str'" },
        { 'i', 1, NULL, "s", "ValueError: Unknown format code 's' for object of type 'int'" },
        { 'f', 1.5, NULL, ",x", "ValueError: Cannot specify ',' with 'x'." },
        { 'i', 1, NULL, ",b", "ValueError: Cannot specify ',' with 'b'." },
        { 'i', 1, NULL, ".2x", "ValueError: Precision not allowed in integer format specifier" },
        { 'f', 1.5, NULL, "q", "ValueError: Unknown format code 'q' for object of type 'float'" },
        { 's', 0, "a", "_", "ValueError: Cannot specify '_' with 's'." },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = format_value(cases[k].kind, cases[k].x, (int64_t)cases[k].x, cases[k].s, cases[k].spec);
        cr_expect(eq(str, got, (char *)cases[k].want), "spec '%s'", cases[k].spec);
        free(got);
    }
}

Test(numfmt, spec_parser_records_every_field)
{
    FormatSpec fs;
    StrBuf err;
    sb_init(&err);
    cr_assert(eq(int, fmt_parse_spec("*<+z#012_.3f", 12, "float", &fs, &err), FMT_OK));
    cr_expect(eq(u32, fs.fill, '*'));
    cr_expect(eq(chr, fs.align, '<'));
    cr_expect(eq(chr, fs.sign, '+'));
    cr_expect(fs.no_neg_0 && fs.alt && !fs.zero);   /* an explicit fill makes '0' part of the width */
    cr_expect(eq(i64, fs.width, 12));
    cr_expect(eq(chr, fs.grouping, '_'));
    cr_expect(eq(i64, fs.precision, 3));
    cr_expect(eq(u32, fs.type, 'f'));

    cr_assert(eq(int, fmt_parse_spec("08", 2, "int", &fs, &err), FMT_OK));
    cr_expect(eq(u32, fs.fill, '0'));
    cr_expect(eq(chr, fs.align, 0));
    cr_expect(fs.zero);
    cr_expect(eq(i64, fs.width, 8));
    cr_expect(eq(i64, fs.precision, -1));
    cr_expect(eq(u32, fs.type, 0));

    cr_assert(eq(int, fmt_parse_spec("\xe2\x82\xac^9", 5, "str", &fs, &err), FMT_OK));
    cr_expect(eq(u32, fs.fill, 0x20AC));
    cr_expect(eq(chr, fs.align, '^'));
    sb_free(&err);
}

Test(numfmt, round_with_ndigits_is_correctly_rounded_half_even)
{
    static const struct { double x; int64_t n; const char *want; } cases[] = {
        { 2.675, 2, "2.67" },
        { 0.125, 2, "0.12" },
        { 0.375, 2, "0.38" },
        { 1234.5678, -2, "1200.0" },
        { 1234.5, -2, "1200.0" },
        { 1250.0, -2, "1200.0" },
        { 1350.0, -2, "1400.0" },
        { 5e-324, 400, "5e-324" },
        { 5e-324, 323, "0.0" },
        { 5e-324, -1, "0.0" },
        { -0.4, 0, "-0.0" },
        { 0.5, 0, "0.0" },
        { 1.5, 0, "2.0" },
        { 2.5, 0, "2.0" },
        { -2.5, 0, "-2.0" },
        { 1.7976931348623157e308, -308, "OverflowError: rounded value too large to represent" },
        { 1.7976931348623157e308, -307, "OverflowError: rounded value too large to represent" },
        { 1e308, -308, "1e+308" },
        { 123.456, -400, "0.0" },
        { -123.456, -400, "-0.0" },
        { 123.456, 1000000000000000000LL, "123.456" },
        { 0.1, 1, "0.1" },
        { 0.15, 1, "0.1" },
        { 0.25, 1, "0.2" },
        { 0.35, 1, "0.3" },
        { 1e22, -21, "1e+22" },
        { 9.5, -1, "10.0" },
        { 95.0, -2, "100.0" },
        { 4.5e15, -15, "4000000000000000.0" },
        { 1e-320, 320, "1e-320" },
        { 1e-320, 321, "1e-320" },
        { INFINITY, -3, "inf" },
        { 1234.5678, 3, "1234.568" },
        { -1234.5678, 1, "-1234.6" },
        { 0.0, 5, "0.0" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        StrBuf res, err;
        sb_init(&res);
        sb_init(&err);
        double r;
        int rc = fmt_float_round(cases[k].x, cases[k].n, &r, &err);
        if (rc == FMT_OK) fmt_float_repr(r, &res);
        else put_error(&res, rc, &err);
        cr_expect(eq(str, res.s, (char *)cases[k].want), "round(%.17g, %lld)",
                  cases[k].x, (long long)cases[k].n);
        sb_free(&res);
        sb_free(&err);
    }
}

Test(numfmt, round_without_ndigits_ties_to_even)
{
    static const struct { double x, want; } cases[] = {
        { 0.5, 0.0 },
        { 1.5, 2.0 },
        { 2.5, 2.0 },
        { -0.5, 0.0 },
        { -1.5, -2.0 },
        { -2.5, -2.0 },
        { 2.4, 2.0 },
        { 2.6, 3.0 },
        { -2.6, -3.0 },
        { 1e+300, 1e+300 },
        { 4503599627370497.0, 4503599627370497.0 },
        { 0.49999999999999994, 0.0 },
        { -0.0, 0.0 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        cr_expect(eq(dbl, fmt_round_half_even(cases[k].x), cases[k].want), "round(%.17g)", cases[k].x);
}

/* ---- '%' ---------------------------------------------------------------- */

typedef struct Arg {
    char kind;                  /* 'i', 'f', 's' (already str()/repr()'d) */
    int64_t i;
    double f;
    const char *s;
} Arg;

typedef struct Args {
    const Arg *v;
    int n, next;
    const char *keys[2];        /* a tiny mapping for "%(key)" */
    Arg values[2];
} Args;

static int next_arg(Args *a, const Arg **out)
{
    if (a->next >= a->n) return -1;
    *out = &a->v[a->next++];
    return 0;
}

static int star_hook(void *ud, bool is_prec, int64_t *value)
{
    (void)is_prec;
    const Arg *arg;
    if (next_arg(ud, &arg) < 0 || arg->kind != 'i') return -1;
    *value = arg->i;
    return 0;
}

static int key_hook(void *ud, const char *key, size_t len)
{
    Args *a = ud;
    for (int k = 0; k < 2; k++) {
        if (a->keys[k] && strlen(a->keys[k]) == len && memcmp(a->keys[k], key, len) == 0) {
            a->v = &a->values[k];
            a->n = 1;
            a->next = 0;
            return 0;
        }
    }
    return -1;
}

/* fmt % args, as the VM would drive it (no mapping unless keys are given). */
static char *percent(const char *fmt, Args *a)
{
    StrBuf out, err, res;
    sb_init(&out);
    sb_init(&err);
    sb_init(&res);
    PercentHooks hooks = { a, a->keys[0] != NULL, key_hook, star_hook };
    size_t len = strlen(fmt), pos = 0;
    int rc = FMT_OK;
    const char *type_error = NULL;
    while (pos < len && rc == FMT_OK && !type_error) {
        if (fmt[pos] != '%') {
            sb_putc(&out, fmt[pos++]);
            continue;
        }
        pos++;
        PercentSpec ps;
        rc = fmt_percent_spec(fmt, len, &pos, &ps, &hooks, &err);
        if (rc == FMT_HOOK_ERROR) type_error = "not enough arguments for format string";
        if (rc != FMT_OK) break;
        if (ps.literal) {
            sb_putc(&out, '%');
            continue;
        }
        const Arg *arg;
        if (next_arg(a, &arg) < 0) {
            type_error = "not enough arguments for format string";
            break;
        }
        if (arg->kind == 'i' && fmt_percent_int_base(ps.type)) {
            char digits[72];
            bool neg;
            int_digits(arg->i, fmt_percent_int_base(ps.type), digits, &neg);
            rc = fmt_percent_int_text(digits, strlen(digits), neg, &ps, &out, &err);
        } else if (arg->kind == 'f' && ps.type < 0x80 && strchr("eEfFgG", (int)ps.type)) {
            rc = fmt_percent_float(arg->f, &ps, &out, &err);
        } else if (arg->kind == 's' && ps.type < 0x80 && strchr("srac", (int)ps.type)) {
            rc = fmt_percent_str(arg->s, strlen(arg->s), &ps, &out, &err);
        } else {
            rc = fmt_percent_unsupported(&ps, &err);
        }
    }
    if (rc == FMT_OK && !type_error && a->next < a->n)
        type_error = "not all arguments converted during string formatting";
    if (type_error) sb_printf(&res, "TypeError: %s", type_error);
    else if (rc != FMT_OK) put_error(&res, rc, &err);
    else sb_put(&res, out.s ? out.s : "", out.len);
    sb_free(&out);
    sb_free(&err);
    return sb_take(&res);
}

Test(numfmt, percent_conversions_match_cpython)
{
    static const struct { const char *fmt; char kind; double x; const char *s, *want; } cases[] = {
        { "%5.2f", 'f', 3.14159, NULL, " 3.14" },
        { "%-5d", 'i', 42, NULL, "42   " },
        { "%05d", 'i', 42, NULL, "00042" },
        { "%+d", 'i', 42, NULL, "+42" },
        { "%+d", 'i', -42, NULL, "-42" },
        { "%x", 'i', 255, NULL, "ff" },
        { "%X", 'i', 255, NULL, "FF" },
        { "%#x", 'i', 255, NULL, "0xff" },
        { "%#X", 'i', 255, NULL, "0XFF" },
        { "%#o", 'i', 8, NULL, "0o10" },
        { "%o", 'i', 8, NULL, "10" },
        { "%e", 'f', 12345.678, NULL, "1.234568e+04" },
        { "%E", 'f', 0.000123, NULL, "1.230000E-04" },
        { "%g", 'f', 0.0001, NULL, "0.0001" },
        { "%g", 'f', 1e-05, NULL, "1e-05" },
        { "%g", 'f', 123456789.0, NULL, "1.23457e+08" },
        { "%G", 'f', 1e-10, NULL, "1E-10" },
        { "%10s", 's', 0, "abc", "       abc" },
        { "%-10s|", 's', 0, "abc", "abc       |" },
        { "%.2s", 's', 0, "héllo", "hé" },
        { "%10.3s", 's', 0, "héllo", "       hél" },
        { "%r", 's', 0, "'abc'", "'abc'" },
        { "%5r", 's', 0, "'ab'", " 'ab'" },
        { "%c", 's', 0, "x", "x" },
        { "%3c", 's', 0, "é", "  é" },
        { "%-3c|", 's', 0, "é", "é  |" },
        { "% d", 'i', 42, NULL, " 42" },
        { "% d", 'i', -42, NULL, "-42" },
        { "%+05d", 'i', 42, NULL, "+0042" },
        { "%-+5d|", 'i', 42, NULL, "+42  |" },
        { "%#08x", 'i', 255, NULL, "0x0000ff" },
        { "%#-8x|", 'i', 255, NULL, "0xff    |" },
        { "%+#08X", 'i', 255, NULL, "+0X000FF" },
        { "%.5d", 'i', 42, NULL, "00042" },
        { "%.5d", 'i', -42, NULL, "-00042" },
        { "%8.5d", 'i', 42, NULL, "   00042" },
        { "%-8.5d|", 'i', -42, NULL, "-00042  |" },
        { "%#.5x", 'i', 255, NULL, "0x000ff" },
        { "%08.3f", 'f', -3.14159, NULL, "-003.142" },
        { "%-08.3f|", 'f', 3.14159, NULL, "3.142   |" },
        { "%f", 'f', INFINITY, NULL, "inf" },
        { "%05f", 'f', INFINITY, NULL, "00inf" },
        { "%+f", 'f', NAN, NULL, "+nan" },
        { "%.0f", 'f', 2.5, NULL, "2" },
        { "%#.0f", 'f', 2.0, NULL, "2." },
        { "%#g", 'f', 1.0, NULL, "1.00000" },
        { "%g", 'f', 1e+16, NULL, "1e+16" },
        { "%.3g", 'f', 1234.5, NULL, "1.23e+03" },
        { "%10.4e", 'f', -1234.5, NULL, "-1.2345e+03" },
        { "%i", 'i', 7, NULL, "7" },
        { "%u", 'i', -7, NULL, "-7" },
        { "%ld", 'i', 5, NULL, "5" },
        { "%hd", 'i', 5, NULL, "5" },
        { "%Lf", 'f', 1.5, NULL, "1.500000" },
        { "%.f", 'f', 2.5, NULL, "2" },
        { "%5.1f%%", 'f', 99.5, NULL, " 99.5%" },
        { "%s", 's', 0, "", "" },
        { "%.0s|", 's', 0, "abc", "|" },
        { "%.1f", 'f', 0.05, NULL, "0.1" },
        { "%.1f", 'f', 0.15, NULL, "0.1" },
        { "%.1f", 'f', 0.25, NULL, "0.2" },
        { "%0-5d|", 'i', -3, NULL, "-3   |" },
        { "% 05d", 'i', 3, NULL, " 0003" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        Arg arg = { cases[k].kind, (int64_t)cases[k].x, cases[k].x, cases[k].s };
        Args a = { .v = &arg, .n = 1 };
        char *got = percent(cases[k].fmt, &a);
        cr_expect(eq(str, got, (char *)cases[k].want), "'%s' %% ...", cases[k].fmt);
        free(got);
    }
}

Test(numfmt, percent_errors_come_in_cpython_order)
{
    static const struct { const char *fmt; int nargs; const char *want; } cases[] = {
        { "%", 0, "ValueError: incomplete format" },
        { "%-", 1, "ValueError: incomplete format" },
        { "%5", 1, "ValueError: incomplete format" },
        { "%.", 1, "ValueError: incomplete format" },
        { "%.2", 1, "ValueError: incomplete format" },
        { "%(a", 0, "TypeError: format requires a mapping" },
        { "%z", 1, "ValueError: unsupported format character 'z' (0x7a) at index 1" },
        { "%z", 0, "TypeError: not enough arguments for format string" },
        { "%5%", 1, "ValueError: unsupported format character '%' (0x25) at index 2" },
        { "%5%", 0, "TypeError: not enough arguments for format string" },
        { "%é", 1, "ValueError: unsupported format character '?' (0xe9) at index 1" },
        { "%.99999999999d", 1, "ValueError: precision too big" },
        { "%99999999999999999999d", 1, "ValueError: width too big" },
        { "x%ld%k", 2, "ValueError: unsupported format character 'k' (0x6b) at index 5" },
        { "%ll", 1, "ValueError: unsupported format character 'l' (0x6c) at index 2" },
        { "%d", 0, "TypeError: not enough arguments for format string" },
        { "%d %d", 1, "TypeError: not enough arguments for format string" },
        { "%d", 2, "TypeError: not all arguments converted during string formatting" },
        { "%*d", 0, "TypeError: not enough arguments for format string" },
        { "%*", 1, "ValueError: incomplete format" },
        { "%.*", 1, "ValueError: incomplete format" },
    };
    static const Arg ones[2] = { { 'i', 1, 1.0, NULL }, { 'i', 2, 2.0, NULL } };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        Args a = { .v = ones, .n = cases[k].nargs };
        char *got = percent(cases[k].fmt, &a);
        cr_expect(eq(str, got, (char *)cases[k].want), "'%s' %% ...", cases[k].fmt);
        free(got);
    }
}

Test(numfmt, percent_star_takes_width_and_precision_from_arguments)
{
    static const struct { const char *fmt; int64_t stars[2]; int nstars; Arg value; const char *want; } cases[] = {
        { "%*d", { 5 }, 1, { 'i', 42, 0, NULL }, "   42" },
        { "%*d|", { -5 }, 1, { 'i', 42, 0, NULL }, "42   |" },
        { "%.*f", { 2 }, 1, { 'f', 0, 3.14159, NULL }, "3.14" },
        { "%*.*f", { 8, 3 }, 2, { 'f', 0, 3.14159, NULL }, "   3.142" },
        { "%-*.*f|", { 8, -3 }, 2, { 'f', 0, 3.14159, NULL }, "3       |" },
        { "%*s|", { -4 }, 1, { 's', 0, 0, "ab" }, "ab  |" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        Arg args[3];
        int n = 0;
        for (; n < cases[k].nstars; n++) args[n] = (Arg){ 'i', cases[k].stars[n], 0, NULL };
        args[n++] = cases[k].value;
        Args a = { .v = args, .n = n };
        char *got = percent(cases[k].fmt, &a);
        cr_expect(eq(str, got, (char *)cases[k].want), "'%s' %% ...", cases[k].fmt);
        free(got);
    }
    /* '%.*f' % (2**31, 1.0) */
    Arg big[2] = { { 'i', INT64_C(2147483648), 0, NULL }, { 'f', 0, 1.0, NULL } };
    Args a = { .v = big, .n = 2 };
    char *got = percent("%.*f", &a);
    cr_expect(eq(str, got, "OverflowError: Python int too large to convert to C int"));
    free(got);
}

Test(numfmt, percent_key_reads_balanced_parentheses)
{
    Args a = { .keys = { "a", "a(b)" },
               .values = { { 's', 0, 0, "xy" }, { 'i', 5, 0, NULL } } };
    char *got = percent("%(a)5s|", &a);
    cr_expect(eq(str, got, "   xy|"));
    free(got);
    got = percent("%(a(b))5d|", &a);
    cr_expect(eq(str, got, "    5|"));
    free(got);
    got = percent("%(a", &a);                   /* '%(a' % {} */
    cr_expect(eq(str, got, "ValueError: incomplete format key"));
    free(got);
    got = percent("%(a)", &a);                  /* '%(a)' % {'a': 1} */
    cr_expect(eq(str, got, "ValueError: incomplete format"));
    free(got);
}

/* fmt_fixed_exact writes what glibc's "%.*f" writes (exact, half to even),
** for random doubles of every magnitude it takes, halfway cases (k/2**j),
** subnormals and the edges; and declines what it does not take. */
Test(numfmt, fixed_exact_matches_printf)
{
    char got[64], want[64];
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 400000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        double v;
        switch (i % 4) {
        case 0: { uint64_t b = x >> 1; memcpy(&v, &b, 8); break; }          /* any positive double */
        case 1: v = (double)(x % 100000000) / (double)(1ull << (x >> 58)); break;  /* halfway cases */
        case 2: v = ldexp((double)(x >> 11), (int)(x % 80) - 100); break;
        default: v = (double)(x % 1000000) / 1000.0; break;
        }
        int nd = (int)((x >> 40) % 19);
        size_t n = fmt_fixed_exact(got, v, nd);
        if (!(v >= 0 && v < 9007199254740992.0) || nd > 17) {
            cr_assert(eq(sz, n, 0), "took %.17g with %d digits", v, nd);
            continue;
        }
        snprintf(want, sizeof want, "%.*f", nd, v);
        cr_assert(eq(sz, n, strlen(want)), "%.17g .%d: %s, printf %s", v, nd, got, want);
        cr_assert(eq(str, got, want), "%.17g .%d", v, nd);
    }
    const double edges[] = { 0.0, 5e-324, 0.5, 1.5, 2.5, 0.125, 0.0625, 9007199254740991.0, 0.045, 1e-7, 4503599627370495.5 };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        for (int nd = 0; nd <= 17; nd++) {
            fmt_fixed_exact(got, edges[i], nd);
            snprintf(want, sizeof want, "%.*f", nd, edges[i]);
            cr_assert(eq(str, got, want), "%.17g .%d", edges[i], nd);
        }
}

/* repr's exact 128-bit path writes what the printf path writes, for random
** doubles in and around its range (1e-5 .. 1e17), short decimals (0.1,
** 2.675), powers of two (the narrow gap below), products of a loop like
** the bench's, and the range's edges. */
Test(numfmt, repr_exact_path_matches_printf_path)
{
    uint64_t x = 0x2545f4914f6cdd1dull;
    StrBuf a, b;
    sb_init(&a); sb_init(&b);
    double logistic = 0.3;
    for (int i = 0; i < 600000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        double v;
        switch (i % 6) {
        case 0: v = ldexp((double)(x >> 11) / 9007199254740992.0, (int)(x % 80) - 20); break;
        case 1: v = (double)(x % 10000000) / pow(10, (double)(x >> 60)); break;
        case 2: v = ldexp(1.0, (int)(x % 80) - 20); break;
        case 3: logistic = 3.99 * logistic * (1 - logistic); v = logistic * (double)(x % 1000); break;
        case 4: v = nextafter(ldexp(1.0, (int)(x % 80) - 20), (x & 1) ? 0 : INFINITY); break;
        default: v = (double)(x % 100000) * 0.01 + (double)(x >> 40) * 1e-9; break;
        }
        if (x & 2) v = -v;
        sb_clear(&a); sb_clear(&b);
        fmt_float_repr(v, &a);
        fmt_float_repr_printf(v, &b);
        cr_assert(eq(str, a.s, b.s), "%a", v);
    }
    const double edges[] = { 1e-5, 1e17, 9.999999999999999e16, 1e16, 9007199254740992.0, 9007199254740993.0,
                             0.1, 0.2, 0.30000000000000004, 2.675, 1e-4, 0.00001, 123456789012345680.0, 5e-324 };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        for (int d = -2; d <= 2; d++) {
            double v = edges[i];
            for (int j = 0; j < (d < 0 ? -d : d); j++) v = nextafter(v, d < 0 ? 0 : INFINITY);
            sb_clear(&a); sb_clear(&b);
            fmt_float_repr(v, &a);
            fmt_float_repr_printf(v, &b);
            cr_assert(eq(str, a.s, b.s), "%a", v);
        }
    sb_free(&a); sb_free(&b);
}
