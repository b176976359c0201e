/*
** tests/test_bigint.c: heap/bigint against values computed with CPython
** 3.11 (pasted as literals), plus a differential test of identities over a
** few thousand pseudo-random operand pairs (and glibc's correctly rounded
** strtod for float conversions).
*/
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "heap/bigint.h"

TestSuite(bigint, .timeout = 60);

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */

/* Sets 'a' from decimal text with an optional leading '-'. */
static void set(BigInt *a, const char *s)
{
    bool neg = s[0] == '-';
    if (neg) s++;
    cr_assert(eq(int, big_from_string(a, s, strlen(s), 10), 0), "parse %s", s);
    if (neg) big_neg(a, a);
}

static char *dec(const BigInt *a)
{
    StrBuf b;
    sb_init(&b);
    big_to_decimal(a, &b);
    return sb_take(&b);
}

static char *in_base(const BigInt *a, int base, bool prefix)
{
    StrBuf b;
    sb_init(&b);
    big_to_base(a, base, prefix, &b);
    return sb_take(&b);
}

static void assert_dec(const BigInt *a, const char *want)
{
    char *got = dec(a);
    cr_assert(eq(str, got, (char *)want));
    free(got);
}

static void assert_base(const BigInt *a, int base, bool prefix, const char *want)
{
    char *got = in_base(a, base, prefix);
    cr_assert(eq(str, got, (char *)want));
    free(got);
}

/* Checks Python's divmod(a, b) == (q, r) for decimal literals. */
static void check_divmod(const char *a, const char *b, const char *q, const char *r)
{
    BigInt x, y, qq, rr;
    big_init(&x); big_init(&y); big_init(&qq); big_init(&rr);
    set(&x, a);
    set(&y, b);
    cr_assert(eq(int, big_divmod(&qq, &rr, &x, &y), 0));
    assert_dec(&qq, q);
    assert_dec(&rr, r);
    big_free(&x); big_free(&y); big_free(&qq); big_free(&rr);
}

typedef void (*BinOp)(BigInt *, const BigInt *, const BigInt *);

static void check_binop(BinOp op, const char *a, const char *b, const char *want)
{
    BigInt x, y, r;
    big_init(&x); big_init(&y); big_init(&r);
    set(&x, a);
    set(&y, b);
    op(&r, &x, &y);
    assert_dec(&r, want);
    big_free(&x); big_free(&y); big_free(&r);
}

static void check_to_double(const char *a, double want)
{
    BigInt x;
    big_init(&x);
    set(&x, a);
    double d = 0;
    cr_assert(eq(int, big_to_double(&x, &d), 0), "%s", a);
    cr_assert(eq(dbl, d, want), "%s", a);
    big_free(&x);
}

static void check_true_divide(const char *a, const char *b, double want)
{
    BigInt x, y;
    big_init(&x); big_init(&y);
    set(&x, a);
    set(&y, b);
    double d = 0;
    cr_assert(eq(int, big_true_divide(&x, &y, &d), 0), "%s / %s", a, b);
    cr_assert(eq(dbl, d, want), "%s / %s = %.17g", a, b, d);
    cr_assert(eq(int, signbit(d) != 0, signbit(want) != 0), "%s / %s sign", a, b);
    big_free(&x); big_free(&y);
}

static void pow_of(BigInt *r, int64_t base, uint64_t e)
{
    BigInt b;
    big_init(&b);
    big_set_i64(&b, base);
    big_pow(r, &b, e);
    big_free(&b);
}


/* ---------------------------------------------------------------------- */
/* construction and comparison                                             */

Test(bigint, int64_values_round_trip_including_the_extremes)
{
    const int64_t vals[] = { 0, 1, -1, 1073741823, 1073741824, -1073741824,
                             INT64_MAX, INT64_MIN, INT64_MIN + 1, 1152921504606846976 };
    BigInt a;
    big_init(&a);
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        int64_t out = 12345;
        big_set_i64(&a, vals[i]);
        cr_assert(big_to_i64(&a, &out));
        cr_assert(eq(i64, out, vals[i]));
        cr_assert(eq(int, a.sign, vals[i] < 0 ? -1 : vals[i] > 0));
    }
    big_free(&a);
}

Test(bigint, zero_has_no_digits_and_needs_no_allocation)
{
    BigInt a;
    big_init(&a);
    cr_assert(eq(sz, a.n, 0));
    cr_assert(eq(int, a.sign, 0));
    cr_assert(eq(ptr, a.d, NULL));
    assert_dec(&a, "0");
    big_free(&a);
}

Test(bigint, values_outside_int64_do_not_convert)
{
    BigInt a;
    big_init(&a);
    int64_t out = 7;
    set(&a, "9223372036854775808");                 /* 2**63 */
    cr_assert(not(big_to_i64(&a, &out)));
    set(&a, "-9223372036854775809");
    cr_assert(not(big_to_i64(&a, &out)));
    set(&a, "18446744073709551616");                /* 2**64 */
    cr_assert(not(big_to_i64(&a, &out)));
    cr_assert(eq(i64, out, 7));
    set(&a, "-9223372036854775808");
    cr_assert(big_to_i64(&a, &out));
    cr_assert(eq(i64, out, INT64_MIN));
    big_free(&a);
}

Test(bigint, from_digits_strips_leading_zeros)
{
    const uint32_t d[] = { 5, 1, 0, 0 };
    const uint32_t z[] = { 0, 0 };
    BigInt a;
    big_init(&a);
    big_from_digits(&a, d, 4, 1);
    cr_assert(eq(sz, a.n, 2));
    assert_dec(&a, "-1073741829");
    big_from_digits(&a, z, 2, 1);
    cr_assert(eq(sz, a.n, 0));
    cr_assert(eq(int, a.sign, 0));
    big_free(&a);
}

Test(bigint, compare_orders_by_sign_then_magnitude)
{
    BigInt a, b;
    big_init(&a); big_init(&b);
    set(&a, "-1267650600228229401496703205376");
    set(&b, "-1267650600228229401496703205375");
    cr_assert(eq(int, big_cmp(&a, &b), -1));
    cr_assert(eq(int, big_cmp(&b, &a), 1));
    cr_assert(eq(int, big_cmp_abs(&a, &b), 1));
    cr_assert(eq(int, big_cmp(&a, &a), 0));
    set(&b, "0");
    cr_assert(eq(int, big_cmp(&a, &b), -1));
    set(&a, "1");
    cr_assert(eq(int, big_cmp(&a, &b), 1));
    big_free(&a); big_free(&b);
}

/* ---------------------------------------------------------------------- */
/* arithmetic                                                              */

Test(bigint, two_to_the_100_and_ten_to_the_100)
{
    BigInt a;
    big_init(&a);
    pow_of(&a, 2, 100);
    assert_dec(&a, "1267650600228229401496703205376");
    cr_assert(eq(sz, big_bit_length(&a), 101));
    pow_of(&a, 10, 100);
    assert_dec(&a, "1" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
                       "0000000000" "0000000000" "0000000000" "0000000000" "0000000000");
    big_free(&a);
}

Test(bigint, addition_and_subtraction_handle_signs_and_carries)
{
    check_binop(big_add, "1152921504606846975", "1", "1152921504606846976");
    check_binop(big_sub, "1152921504606846976", "1", "1152921504606846975");
    check_binop(big_add, "-1267650600228229401496703205376", "1267650600228229401496703205376", "0");
    check_binop(big_add, "-5", "1267650600228229401496703205376", "1267650600228229401496703205371");
    check_binop(big_sub, "5", "1267650600228229401496703205376", "-1267650600228229401496703205371");
    check_binop(big_sub, "-1267650600228229401496703205376", "1", "-1267650600228229401496703205377");
}

Test(bigint, multiplication_matches_python)
{
    check_binop(big_mul, "-1267650600228229401496703205376", "3",
                "-3802951800684688204490109616128");
    check_binop(big_mul, "1267650600228229401496703205376", "-1267650600228229401496703205376",
                "-1606938044258990275541962092341162602522202993782792835301376");
    check_binop(big_mul, "0", "-1267650600228229401496703205376", "0");
}

Test(bigint, karatsuba_sized_product_matches_python)
{
    /* 3**5000 * 7**3000: 263 x 281 digits, python: 4921 decimal digits */
    BigInt a, b, r;
    big_init(&a); big_init(&b); big_init(&r);
    pow_of(&a, 3, 5000);
    pow_of(&b, 7, 3000);
    big_mul(&r, &a, &b);
    char *s = dec(&r);
    cr_assert(eq(sz, strlen(s), 4921));
    cr_assert(eq(int, strncmp(s, "795048533939719765710389286970", 30), 0));
    cr_assert(eq(str, s + 4921 - 30, "487009821258474690252117900001"));
    free(s);
    big_free(&a); big_free(&b); big_free(&r);
}

Test(bigint, floor_division_and_modulo_follow_python_signs)
{
    check_divmod("-7", "2", "-4", "1");
    check_divmod("7", "-2", "-4", "-1");
    check_divmod("-7", "-2", "3", "-1");
    check_divmod("7", "2", "3", "1");
    check_divmod("-1000000000000000000000000000007", "123456789012345678901",
                 "-8100000073", "12345596999334559766");
    check_divmod("-1000000000000000000000000000007", "-123456789012345678901",
                 "8100000072", "-111111192013011119135");
    check_divmod("1000000000000000000000000000007", "-123456789012345678901",
                 "-8100000073", "-12345596999334559766");
    check_divmod("-1267650600228229401496703205376", "18446744073709551621",
                 "-68719476736", "343597383680");
    check_divmod("5", "1267650600228229401496703205376", "0", "5");
    check_divmod("-5", "1267650600228229401496703205376", "-1",
                 "1267650600228229401496703205371");
}

Test(bigint, division_by_zero_writes_nothing)
{
    BigInt a, z, q, r;
    big_init(&a); big_init(&z); big_init(&q); big_init(&r);
    set(&a, "1267650600228229401496703205376");
    set(&q, "11");
    set(&r, "22");
    cr_assert(eq(int, big_divmod(&q, &r, &a, &z), -1));
    assert_dec(&q, "11");
    assert_dec(&r, "22");
    double d = 3.0;
    cr_assert(eq(int, big_true_divide(&a, &z, &d), -1));
    cr_assert(eq(dbl, d, 3.0));
    big_free(&a); big_free(&z); big_free(&q); big_free(&r);
}

Test(bigint, knuth_division_with_a_small_top_divisor_digit)
{
    /* divisor 2**60 + 1: top digit 1, so both sides shift by 29 bits */
    check_divmod("369988485035126972924700782451696644186473100389722973815184405301748249",
                 "1152921504606846977",
                 "320913855415764168007251618538269440933393442323904390", "518296611393219219");
    check_divmod("-369988485035126972924700782451696644186473100389722973815184405301748249",
                 "1152921504606846977",
                 "-320913855415764168007251618538269440933393442323904391", "634624893213627758");
}

Test(bigint, knuth_division_add_back_and_double_correction_cases)
{
    /* found by simulating algorithm D in base 2**30 with python */
    check_divmod("1329227994546975835347809041754619904", "618970020219150891900469247",
                 "2147483643", "618970019642690149797593083");          /* add-back */
    check_divmod("1856910057775148908815581182", "576460754450907135",
                 "3221225458", "34359738352");                        /* qhat - 2 */
    check_divmod("713623845688365943255655066762612671967657983",
                 "618970021948533146126385151",
                 "1152921499238137877", "618969968337683189424193556");
}

Test(bigint, powers_including_negative_bases_and_zero_exponent)
{
    BigInt a;
    big_init(&a);
    pow_of(&a, 3, 200);
    assert_dec(&a, "265613988875874769338781322035779626829233452653394495974574961739092490901302182994384699044001");
    pow_of(&a, -3, 101);
    assert_dec(&a, "-1546132562196033993109383389296863818106322566003");
    pow_of(&a, 0, 0);
    assert_dec(&a, "1");
    pow_of(&a, 0, 5);
    assert_dec(&a, "0");
    pow_of(&a, -1, 1000001);
    assert_dec(&a, "-1");
    big_free(&a);
}

Test(bigint, factorial_3000_is_quick_and_correct)
{
    BigInt f, k;
    big_init(&f); big_init(&k);
    big_set_i64(&f, 1);
    for (int i = 2; i <= 3000; i++) {
        big_set_i64(&k, i);
        big_mul(&f, &f, &k);
    }
    char *s = dec(&f);
    size_t len = strlen(s), zeros = 0;
    while (zeros < len && s[len - 1 - zeros] == '0') zeros++;
    cr_assert(eq(sz, len, 9131));
    cr_assert(eq(sz, zeros, 748));
    cr_assert(eq(int, strncmp(s, "414935960343785408555686709308", 30), 0));
    cr_assert(eq(int, strncmp(s + len - zeros - 30, "660854385966122194424872042496", 30), 0));
    free(s);
    big_free(&f); big_free(&k);
}

/* ---------------------------------------------------------------------- */
/* bits                                                                    */

Test(bigint, bitwise_operators_on_negatives_use_twos_complement)
{
    check_binop(big_and, "-12", "10", "0");
    check_binop(big_or, "-1267650600228229401496703205376", "12345",
                "-1267650600228229401496703193031");
    check_binop(big_xor, "-1180591620717411303429", "36893488147419103235",
                "-1217485108864830406664");
    check_binop(big_and, "-1267650600228229401496703205377", "-18446744073709551616",
                "-1267650600246676145570412756992");
    check_binop(big_and, "-1267650600228229401496703205376", "1267650600228229401496703205375", "0");
    check_binop(big_and, "-1180591620717411303424", "1770887431076116955136",
                "1180591620717411303424");
}

Test(bigint, invert_is_minus_x_minus_one)
{
    BigInt a;
    big_init(&a);
    big_invert(&a, &a);                         /* ~0 */
    assert_dec(&a, "-1");
    big_invert(&a, &a);
    assert_dec(&a, "0");
    pow_of(&a, 2, 100);
    big_invert(&a, &a);
    assert_dec(&a, "-1267650600228229401496703205377");
    big_free(&a);
}

Test(bigint, shifts_floor_like_python)
{
    BigInt a, r;
    big_init(&a); big_init(&r);
    big_set_i64(&a, -1);
    big_rshift(&r, &a, 100);
    assert_dec(&r, "-1");
    big_set_i64(&a, -5);
    big_rshift(&r, &a, 1);
    assert_dec(&r, "-3");
    pow_of(&a, -2, 101);
    big_rshift(&a, &a, 3);
    assert_dec(&a, "-316912650057057350374175801344");
    set(&a, "1606938044258990275541962092341162602522202993782792835301376");  /* 2**200 */
    big_add(&a, &a, &(BigInt){ (uint32_t[]){ 12345 }, 1, 1, 1 });
    big_lshift(&r, &a, 77);
    assert_dec(&r, "242833611528216133864932738352939863330300854881517440158342074872755860295869530112");
    big_rshift(&r, &a, 77);
    assert_dec(&r, "10633823966279326983230456482242756608");
    big_neg(&a, &a);
    big_rshift(&r, &a, 77);
    assert_dec(&r, "-10633823966279326983230456482242756609");
    big_lshift(&r, &a, 77);
    assert_dec(&r, "-242833611528216133864932738352939863330300854881517440158342074872755860295869530112");
    big_rshift(&r, &a, 100000);
    assert_dec(&r, "-1");
    big_neg(&a, &a);
    big_rshift(&r, &a, 201);
    assert_dec(&r, "0");
    big_free(&a); big_free(&r);
}

Test(bigint, bit_length_counts_magnitude_bits)
{
    BigInt a;
    big_init(&a);
    cr_assert(eq(sz, big_bit_length(&a), 0));
    set(&a, "18446744073709551615");
    cr_assert(eq(sz, big_bit_length(&a), 64));
    pow_of(&a, -2, 100);
    cr_assert(eq(sz, big_bit_length(&a), 101));
    big_free(&a);
}

/* ---------------------------------------------------------------------- */
/* text                                                                    */

Test(bigint, hex_binary_and_octal_use_python_prefixes)
{
    BigInt a;
    big_init(&a);
    big_set_i64(&a, -31);
    assert_base(&a, 16, true, "-0x1f");
    assert_base(&a, 16, false, "-1f");
    big_set_i64(&a, 5);
    assert_base(&a, 2, true, "0b101");
    big_set_i64(&a, 15);
    assert_base(&a, 8, true, "0o17");
    big_set_i64(&a, 0);
    assert_base(&a, 16, true, "0x0");
    assert_base(&a, 2, false, "0");
    set(&a, "1267650600228229401496703205631");                  /* 2**100 + 255 */
    assert_base(&a, 16, true, "0x100000000000000000000000ff");
    pow_of(&a, -2, 70);
    assert_base(&a, 8, true, "0o200000000000000000000000");
    big_neg(&a, &a);
    assert_base(&a, 8, true, "-0o200000000000000000000000");
    set(&a, "-2147483653");
    assert_base(&a, 2, true, "-0b10000000000000000000000000000101");
    pow_of(&a, 3, 100);
    assert_base(&a, 16, true, "0x5a4653ca673768565b41f775d6947d55cf3813d1");
    assert_base(&a, 8, true, "0o55106247451471566412626640767353532243725271716011721");
    assert_base(&a, 10, true, "515377520732011331036461129765621272702107522001");
    big_free(&a);
}

Test(bigint, parsing_accepts_underscores_between_digits_only)
{
    BigInt a;
    big_init(&a);
    cr_assert(eq(int, big_from_string(&a, "1_000_000", 9, 10), 0));
    assert_dec(&a, "1000000");
    cr_assert(eq(int, big_from_string(&a, "ff_ff", 5, 16), 0));
    assert_dec(&a, "65535");
    cr_assert(eq(int, big_from_string(&a, "FF_ff", 5, 16), 0));
    assert_dec(&a, "65535");
    cr_assert(eq(int, big_from_string(&a, "zz_zz", 5, 36), 0));
    assert_dec(&a, "1679615");
    cr_assert(eq(int, big_from_string(&a, "0000", 4, 10), 0));
    assert_dec(&a, "0");
    const char *ones = "1111111111" "1111111111" "1111111111" "1111111111"
                       "1111111111" "1111111111" "1111111111";
    cr_assert(eq(int, big_from_string(&a, ones, 70, 2), 0));
    assert_dec(&a, "1180591620717411303423");
    const char *sevens = "7777777777" "7777777777" "7777777777" "7777777777" "7777777777";
    cr_assert(eq(int, big_from_string(&a, sevens, 50, 8), 0));
    assert_dec(&a, "1427247692705959881058285969449495136382746623");

    big_set_i64(&a, 42);
    const char *bad[] = { "_1", "1_", "1__0", "", "_", "12a", "0x1f", "1 2", "-1" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert(eq(int, big_from_string(&a, bad[i], strlen(bad[i]), 10), -1), "%s", bad[i]);
    cr_assert(eq(int, big_from_string(&a, "102", 3, 2), -1));
    cr_assert(eq(int, big_from_string(&a, "g", 1, 16), -1));
    assert_dec(&a, "42");                      /* untouched by failures */
    big_free(&a);
}

Test(bigint, twenty_thousand_digit_number_round_trips_through_decimal)
{
    char *s = xmalloc(20001);
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        s[i] = (char)('0' + x % 10);
    }
    s[0] = '7';
    s[20000] = '\0';
    BigInt a;
    big_init(&a);
    cr_assert(eq(int, big_from_string(&a, s, 20000, 10), 0));
    char *t = dec(&a);
    cr_assert(eq(str, t, s));
    cr_assert(ge(sz, big_ndigits_decimal_upper_bound(&a), 20000));
    free(t);
    free(s);
    big_free(&a);
}

Test(bigint, three_to_the_40000_prints_like_python)
{
    BigInt a;
    big_init(&a);
    pow_of(&a, 3, 40000);
    char *s = dec(&a);
    cr_assert(eq(sz, strlen(s), 19085));
    cr_assert(eq(int, strncmp(s, "708253593171918440402570201814", 30), 0));
    cr_assert(eq(str, s + 19085 - 30, "521343275987452369866208800001"));
    free(s);
    big_free(&a);
}

Test(bigint, ten_thousand_digits_print_in_well_under_50_ms)
{
    BigInt a;
    big_init(&a);
    pow_of(&a, 7, 11835);                      /* 10,002 decimal digits */
    char *s = dec(&a);
    cr_assert(eq(sz, strlen(s), 10002));
    free(s);
    big_free(&a);
}

Test(bigint, hundred_thousand_decimal_digits_parse_and_print_back)
{
    char *s = xmalloc(100001);
    for (int i = 0; i < 100000; i++) s[i] = (char)('0' + (i * 7 + 3) % 10);
    s[100000] = '\0';
    BigInt a;
    big_init(&a);
    cr_assert(eq(int, big_from_string(&a, s, 100000, 10), 0));
    char *t = dec(&a);
    cr_assert(eq(str, t, s));
    free(t);
    free(s);
    big_free(&a);
}

/* ---------------------------------------------------------------------- */
/* floats                                                                  */

Test(bigint, to_double_rounds_ties_to_even)
{
    check_to_double("9007199254740993", 9007199254740992.0);     /* 2**53 + 1 */
    check_to_double("9007199254740995", 9007199254740996.0);     /* 2**53 + 3 */
    check_to_double("-9007199254740995", -9007199254740996.0);
    check_to_double("1208925819614629308923905", 0x1.0000000000001p+80);  /* 2**80+2**27+1 */
    check_to_double(/* 3**600 */
                    "1873927703884793988675401992035812342430846903099278155796690998321191"
                    "0963157763678726120154469030856807730587971859910379069087693119051085"
                    "1395662173706350833849436138680295452568971179986081568436994650932937"
                    "6583314130952669635714260086693568948377087781501446119483769222387990"
                    "5132001",
                    1.873927703884794e+286);
    check_to_double("0", 0.0);
}

Test(bigint, to_double_overflows_at_two_to_the_1024)
{
    BigInt a, b;
    big_init(&a); big_init(&b);
    double d = 5.0;
    pow_of(&a, 2, 1024);
    cr_assert(eq(int, big_to_double(&a, &d), -1));
    pow_of(&b, 2, 970);
    big_sub(&a, &a, &b);                            /* halfway: rounds up to 2**1024 */
    cr_assert(eq(int, big_to_double(&a, &d), -1));
    big_neg(&a, &a);
    cr_assert(eq(int, big_to_double(&a, &d), -1));
    cr_assert(eq(dbl, d, 5.0));
    big_set_i64(&b, 1);
    big_add(&a, &a, &b);
    big_neg(&a, &a);                                /* 2**1024 - 2**970 - 1 */
    cr_assert(eq(int, big_to_double(&a, &d), 0));
    cr_assert(eq(dbl, d, 1.7976931348623157e+308));
    big_free(&a); big_free(&b);
}

Test(bigint, from_double_truncates_toward_zero)
{
    BigInt a;
    big_init(&a);
    big_from_double(&a, -2.5);
    assert_dec(&a, "-2");
    big_from_double(&a, 0.75);
    assert_dec(&a, "0");
    big_from_double(&a, 9223372036854775808.0);
    assert_dec(&a, "9223372036854775808");
    big_from_double(&a, -1.5e19);
    assert_dec(&a, "-15000000000000000000");
    big_from_double(&a, 1e300);
    assert_dec(&a, "10000000000000000525047602552044202487044685811081591549158541155118024579889081"
                   "95786371375080447864043704443832883878176942523235360430575644792184786706982848"
                   "38720092657580373783023379478809005936895323497079994508111903896764088007465274"
                   "2780142494579258788820056842838115669472196386865459400540160");
    big_free(&a);
}

Test(bigint, true_division_is_correctly_rounded)
{
    check_true_divide("1", "3", 0.3333333333333333);
    check_true_divide("1" "0000000000000000000000", "3", 3.3333333333333335e+21);
    check_true_divide("-1000000000000000000000000000000", "7", -1.4285714285714285e+29);
    check_true_divide("0", "-5", -0.0);
    BigInt a, b;
    big_init(&a); big_init(&b);
    double d = 0;
    pow_of(&a, 10, 400);
    pow_of(&b, 10, 399);
    cr_assert(eq(int, big_true_divide(&a, &b, &d), 0));
    cr_assert(eq(dbl, d, 10.0));
    pow_of(&a, 2, 1100);
    pow_of(&b, 2, 100);
    cr_assert(eq(int, big_true_divide(&a, &b, &d), 0));        /* no overflow */
    cr_assert(eq(dbl, d, 1.0715086071862673e+301));
    big_set_i64(&b, 3);
    cr_assert(eq(int, big_true_divide(&a, &b, &d), -2));
    big_set_i64(&b, 1);
    pow_of(&a, 2, 1024);
    big_sub(&a, &a, &(BigInt){ (uint32_t[]){ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                             0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                             1u << 10 }, 33, 33, 1 });    /* - 2**970 */
    cr_assert(eq(int, big_true_divide(&a, &b, &d), -2));
    big_free(&a); big_free(&b);
}

Test(bigint, true_division_underflows_to_signed_zero_and_subnormals)
{
    BigInt one, big;
    big_init(&one); big_init(&big);
    double d = 1.0;
    big_set_i64(&one, 1);
    pow_of(&big, 10, 400);
    cr_assert(eq(int, big_true_divide(&one, &big, &d), 0));
    cr_assert(eq(dbl, d, 0.0));
    cr_assert(not(signbit(d)));
    big_neg(&one, &one);
    cr_assert(eq(int, big_true_divide(&one, &big, &d), 0));
    cr_assert(eq(dbl, d, 0.0));
    cr_assert(signbit(d));
    big_neg(&one, &one);
    pow_of(&big, 2, 1074);
    cr_assert(eq(int, big_true_divide(&one, &big, &d), 0));
    cr_assert(eq(dbl, d, 5e-324));
    pow_of(&big, 2, 1075);                          /* half the smallest subnormal: to even */
    cr_assert(eq(int, big_true_divide(&one, &big, &d), 0));
    cr_assert(eq(dbl, d, 0.0));
    big_set_i64(&one, 3);
    cr_assert(eq(int, big_true_divide(&one, &big, &d), 0));
    cr_assert(eq(dbl, d, 1e-323));
    pow_of(&big, 2, 1076);
    cr_assert(eq(int, big_true_divide(&one, &big, &d), 0));
    cr_assert(eq(dbl, d, 5e-324));
    big_free(&one); big_free(&big);
}

/* ---------------------------------------------------------------------- */
/* aliasing and the differential test                                      */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545F4914F6CDD1Du;
}

/* A random value: mostly small, sometimes Karatsuba-sized, with digit
** patterns (all ones, zeros, 2**29) that stress carries and algorithm D. */
static void rand_big(BigInt *a)
{
    uint64_t k = rnd() % 100;
    size_t n = k < 40 ? rnd() % 4 : k < 85 ? 4 + rnd() % 30 : k < 97 ? 34 + rnd() % 120
             : 150 + rnd() % 250;
    int pattern = (int)(rnd() % 4);
    uint32_t *d = xmalloc((n + 1) * sizeof *d);
    for (size_t i = 0; i < n; i++) {
        uint32_t r = (uint32_t)(rnd() & BIG_MASK);
        if (pattern == 1) r = (rnd() & 1) ? BIG_MASK : 0;
        else if (pattern == 2) r = (uint32_t[]){ 0, 1, BIG_MASK, 1u << 29, (1u << 29) - 1, r }[rnd() % 6];
        d[i] = r;
    }
    big_from_digits(a, d, n, rnd() & 1);
    free(d);
}

static void assert_same(const BigInt *a, const BigInt *b, const char *what)
{
    if (big_cmp(a, b) != 0) {
        char *x = dec(a), *y = dec(b);
        cr_fatal("%s: %s != %s", what, x, y);
    }
}

Test(bigint, results_may_alias_operands)
{
    BigInt a, b, c, want, q;
    big_init(&a); big_init(&b); big_init(&c); big_init(&want); big_init(&q);
    BinOp ops[] = { big_add, big_sub, big_mul, big_and, big_or, big_xor };
    for (int it = 0; it < 300; it++) {
        rand_big(&a);
        rand_big(&b);
        for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
            ops[o](&want, &a, &b);
            big_copy(&c, &a);
            ops[o](&c, &c, &b);
            assert_same(&c, &want, "r == a");
            big_copy(&c, &b);
            ops[o](&c, &a, &c);
            assert_same(&c, &want, "r == b");
            ops[o](&want, &a, &a);
            big_copy(&c, &a);
            ops[o](&c, &c, &c);
            assert_same(&c, &want, "r == a == b");
        }
        if (b.sign != 0) {
            BigInt r;
            big_init(&r);
            big_divmod(&want, &r, &a, &b);
            big_copy(&c, &a);
            big_divmod(&c, NULL, &c, &b);
            assert_same(&c, &want, "q == a");
            big_copy(&c, &b);
            big_divmod(NULL, &c, &a, &c);
            assert_same(&c, &r, "r == b");
            big_copy(&c, &b);
            big_copy(&q, &a);
            big_divmod(&c, &q, &q, &c);             /* q == b, r == a */
            assert_same(&c, &want, "q == b");
            assert_same(&q, &r, "r == a");
            big_free(&r);
        }
        uint64_t s = rnd() % 200;
        big_lshift(&want, &a, s);
        big_copy(&c, &a);
        big_lshift(&c, &c, s);
        assert_same(&c, &want, "lshift in place");
        big_rshift(&want, &a, s);
        big_copy(&c, &a);
        big_rshift(&c, &c, s);
        assert_same(&c, &want, "rshift in place");
    }
    big_free(&a); big_free(&b); big_free(&c); big_free(&want); big_free(&q);
}

/* Checks that big_to_double(a) agrees with glibc's correctly rounded strtod. */
static void check_double_against_strtod(const BigInt *a)
{
    char *s = dec(a);
    double want = strtod(s, NULL), got = 0;
    int rc = big_to_double(a, &got);
    if (isinf(want)) cr_assert(eq(int, rc, -1), "%s", s);
    else {
        cr_assert(eq(int, rc, 0), "%s", s);
        cr_assert(eq(dbl, got, want), "%s", s);
    }
    free(s);
}

Test(bigint, random_operands_satisfy_arithmetic_identities)
{
    BigInt a, b, q, r, t, u, one;
    big_init(&a); big_init(&b); big_init(&q); big_init(&r);
    big_init(&t); big_init(&u); big_init(&one);
    big_set_i64(&one, 1);
    StrBuf sb;
    sb_init(&sb);
    for (int it = 0; it < 3000; it++) {
        rand_big(&a);
        rand_big(&b);

        big_add(&t, &a, &b);                        /* (a + b) - b == a */
        big_sub(&t, &t, &b);
        assert_same(&t, &a, "(a+b)-b");
        big_sub(&t, &a, &b);                        /* a - b == -(b - a) */
        big_sub(&u, &b, &a);
        big_neg(&u, &u);
        assert_same(&t, &u, "a-b");

        big_mul(&t, &a, &b);                        /* a*b == b*a */
        big_mul(&u, &b, &a);
        assert_same(&t, &u, "a*b");

        if (b.sign != 0) {
            cr_assert(eq(int, big_divmod(&q, &r, &a, &b), 0));
            big_mul(&t, &q, &b);                    /* q*b + r == a */
            big_add(&t, &t, &r);
            assert_same(&t, &a, "q*b+r");
            cr_assert(r.sign == 0 || r.sign == b.sign, "remainder sign");
            cr_assert(lt(int, big_cmp_abs(&r, &b), 0), "|r| < |b|");
            big_mul(&t, &a, &b);                    /* (a*b) // b == a, remainder 0 */
            big_divmod(&q, &r, &t, &b);
            assert_same(&q, &a, "(a*b)//b");
            cr_assert(eq(int, r.sign, 0));

            double x = 0, y = 0;                    /* (a*b) / b == float(a) */
            int rx = big_true_divide(&t, &b, &x), ry = big_to_double(&a, &y);
            cr_assert(eq(int, rx, ry == 0 ? 0 : -2));
            if (rx == 0) cr_assert(eq(dbl, x, y));
        }

        sb_clear(&sb);                              /* decimal round trip */
        big_to_decimal(&a, &sb);
        cr_assert(le(sz, sb.len, big_ndigits_decimal_upper_bound(&a)));
        const char *p = sb.s + (a.sign < 0);
        cr_assert(eq(int, big_from_string(&t, p, strlen(p), 10), 0));
        if (a.sign < 0) big_neg(&t, &t);
        assert_same(&t, &a, "decimal round trip");

        sb_clear(&sb);                              /* hex round trip */
        big_to_base(&a, 16, false, &sb);
        p = sb.s + (a.sign < 0);
        cr_assert(eq(int, big_from_string(&t, p, strlen(p), 16), 0));
        if (a.sign < 0) big_neg(&t, &t);
        assert_same(&t, &a, "hex round trip");

        uint64_t s = rnd() % 300;                   /* shifts */
        big_lshift(&t, &a, s);
        big_rshift(&t, &t, s);
        assert_same(&t, &a, "(a<<s)>>s");
        big_lshift(&u, &one, s);                    /* a >> s == a // 2**s */
        big_divmod(&q, NULL, &a, &u);
        big_rshift(&t, &a, s);
        assert_same(&t, &q, "a>>s");

        big_and(&t, &a, &b);                        /* (a&b) + (a|b) == a+b */
        big_or(&u, &a, &b);
        big_add(&t, &t, &u);
        big_add(&u, &a, &b);
        assert_same(&t, &u, "and+or");
        big_or(&t, &a, &b);                         /* a^b == (a|b) - (a&b) */
        big_and(&u, &a, &b);
        big_sub(&t, &t, &u);
        big_xor(&u, &a, &b);
        assert_same(&t, &u, "xor");
        big_xor(&u, &u, &b);                        /* (a^b)^b == a */
        assert_same(&u, &a, "xor twice");
        big_invert(&t, &a);                         /* ~a & a == 0, ~a == -a-1 */
        big_and(&u, &t, &a);
        cr_assert(eq(int, u.sign, 0));
        big_neg(&u, &a);
        big_sub(&u, &u, &one);
        assert_same(&t, &u, "~a");

        if (it % 4 == 0) {                          /* (a+b)**2 == a*a + 2ab + b*b */
            big_add(&t, &a, &b);
            big_pow(&t, &t, 2);
            big_mul(&u, &a, &b);
            big_add(&u, &u, &u);
            big_mul(&q, &a, &a);
            big_add(&u, &u, &q);
            big_mul(&q, &b, &b);
            big_add(&u, &u, &q);
            assert_same(&t, &u, "square");
        }

        check_double_against_strtod(&a);            /* float conversions */
        double x = 0;
        if (big_to_double(&a, &x) == 0) {
            big_from_double(&t, x);
            double y = 0;
            big_to_double(&t, &y);
            cr_assert(eq(dbl, x, y));
        }
    }
    sb_free(&sb);
    big_free(&a); big_free(&b); big_free(&q); big_free(&r);
    big_free(&t); big_free(&u); big_free(&one);
}

Test(bigint, true_division_by_powers_of_ten_matches_strtod)
{
    /* a / 10**k is exactly the value strtod reads from "<a>e-<k>" */
    BigInt a, p, ten;
    big_init(&a); big_init(&p); big_init(&ten);
    big_set_i64(&ten, 10);
    for (int it = 0; it < 1500; it++) {
        rand_big(&a);
        if (a.n > 40) continue;
        uint64_t k = rnd() % 700;
        big_pow(&p, &ten, k);
        char *s = dec(&a);
        char buf[64];
        snprintf(buf, sizeof buf, "e-%llu", (unsigned long long)k);
        StrBuf sb;
        sb_init(&sb);
        sb_puts(&sb, s);
        sb_puts(&sb, buf);
        double want = strtod(sb.s, NULL), got = 0;
        int rc = big_true_divide(&a, &p, &got);
        if (isinf(want)) cr_assert(eq(int, rc, -2), "%s", sb.s);
        else {
            cr_assert(eq(int, rc, 0), "%s", sb.s);
            cr_assert(eq(dbl, got, want), "%s", sb.s);
            cr_assert(eq(int, signbit(got) != 0, a.sign < 0), "%s", sb.s);
        }
        sb_free(&sb);
        free(s);
    }
    big_free(&a); big_free(&p); big_free(&ten);
}

/* big_digits_divrem1 and big_digits_mod1 against a digit-at-a-time
** reference, for each length in ns: a starting remainder, random,
** all-ones and tiny digits, divisors from 1 to 2^30 - 1, and q aliasing a. */
static void check_one_digit_division(const size_t *ns, size_t nns, uint64_t seed)
{
    enum { MAXN = 1301 };
    static uint32_t a[MAXN], q[MAXN], ref[MAXN];
    const uint32_t ds[] = { 1, 2, 3, 7, 10, 1000, 65537, 999999937, (1u << 30) - 1, 1u << 29 };
    for (size_t kn = 0; kn < nns; kn++) {
        size_t n = ns[kn];
        cr_assert(n <= MAXN);
        for (size_t k = 0; k < sizeof ds / sizeof ds[0]; k++) {
            for (int pattern = 0; pattern < 3; pattern++) {
                uint32_t d = ds[k];
                for (size_t i = 0; i < n; i++) {
                    seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
                    a[i] = pattern == 0 ? (uint32_t)seed & ((1u << 30) - 1) : pattern == 1 ? (1u << 30) - 1 : (uint32_t)(i % 3);
                }
                uint32_t rem0 = d > 1 ? (uint32_t)(seed % d) : 0;
                uint64_t r = rem0;
                for (size_t i = n; i-- > 0;) {
                    r = r << 30 | a[i];
                    ref[i] = (uint32_t)(r / d);
                    r %= d;
                }
                uint32_t got = big_digits_divrem1(q, a, n, d, rem0);
                cr_assert(eq(u32, got, (uint32_t)r), "n=%zu d=%u pattern %d", n, d, pattern);
                cr_assert(eq(int, memcmp(q, ref, n * sizeof *q), 0), "n=%zu d=%u pattern %d", n, d, pattern);
                uint64_t m = 0;
                for (size_t i = n; i-- > 0;) m = (m << 30 | a[i]) % d;
                cr_assert(eq(u32, big_digits_mod1(a, n, d), (uint32_t)m), "n=%zu d=%u pattern %d", n, d, pattern);
                uint32_t got2 = big_digits_divrem1(a, a, n, d, rem0);     /* in place */
                cr_assert(eq(u32, got2, (uint32_t)r), "in place n=%zu d=%u", n, d);
                cr_assert(eq(int, memcmp(a, ref, n * sizeof *a), 0), "in place n=%zu d=%u", n, d);
            }
        }
    }
}

/* Short ints: two digits per division, odd and even lengths. */
Test(bigint, one_digit_division_takes_two_digits_a_step)
{
    size_t ns[40];
    for (size_t n = 1; n <= 40; n++) ns[n - 1] = n;
    check_one_digit_division(ns, 40, 88172645463325252ull);
}

/* Long ints, divided as four segments side by side (each step by d's
** reciprocal): lengths on both sides of where that starts, odd and even,
** with and without a top segment longer than the others. */
Test(bigint, long_one_digit_division_in_segments_matches_the_digit_chain)
{
    const size_t ns[] = { 255, 256, 257, 258, 263, 264, 265, 271, 300, 513, 1000, 1301 };
    check_one_digit_division(ns, sizeof ns / sizeof ns[0], 0x9E3779B97F4A7C15ull);
}

/* big_digits_mul1 against x_mul's one-chain loop, on every path this CPU
** has (scalar, AVX2, AVX-512F: blocks of 64 digits, carries found by one
** addition a block; a CPU without them tests only the paths it has): lengths across and between block boundaries;
** random digits and multipliers; all-ones digits; and digits whose carry
** runs the whole length: with m = 3, (2^30 - 1) followed by digits
** (2^30 - 1) / 3 makes digit 1 generate a carry and every later digit pass
** it on (each sums to exactly 2^30 - 1). */
Test(bigint, one_digit_multiplication_matches_the_digit_chain)
{
    enum { MAXN = 1100 };
    static uint32_t a[MAXN], r[MAXN + 1], ref[MAXN + 1];
    const uint32_t mask = (1u << 30) - 1, third = mask / 3;
    uint64_t seed = 0x2545F4914F6CDD1Dull;
    const size_t ns[] = { 1, 2, 3, 8, 9, 15, 16, 17, 40, 63, 64, 65, 72, 100, 127, 128, 129, 191, 192, 193, 255, 256, 300, 511, 640, 1000, 1100 };
    for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
        size_t n = ns[k];
        for (int pattern = 0; pattern < 5; pattern++) {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
            uint32_t m = pattern == 0 ? (uint32_t)(seed % mask) + 1 : pattern == 1 ? mask
                       : pattern == 2 ? 3 : pattern == 3 ? 1 : 7;
            for (size_t i = 0; i < n; i++) {
                seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
                a[i] = pattern == 0 || pattern == 4 ? (uint32_t)seed & mask
                     : pattern == 2 ? (i == 0 ? mask : third) : mask;
            }
            uint64_t carry = 0;
            for (size_t i = 0; i < n; i++) {
                carry += (uint64_t)a[i] * m;
                ref[i] = (uint32_t)(carry & mask);
                carry >>= 30;
            }
            for (int level = 0; level <= big_simd_level(); level++) {
                r[n] = 0xDEADBEEF;
                uint32_t got = big_digits_mul1_at(r, a, n, m, level);
                cr_assert(eq(u32, got, (uint32_t)carry), "n=%zu m=%u pattern %d level %d", n, m, pattern, level);
                cr_assert(eq(int, memcmp(r, ref, n * sizeof *r), 0), "n=%zu m=%u pattern %d level %d", n, m, pattern, level);
                cr_assert(eq(u32, r[n], 0xDEADBEEF), "wrote past n=%zu", n);
            }
        }
    }
}


/* big_digits_add against x_add's digit chain, on every path this CPU has
** (see big_digits_mul1 above): random digits; all-ones digits plus a one,
** whose carry runs through every digit and on into the longer operand's;
** a longer operand whose own digits the sum copies; r aliasing a or b. */
Test(bigint, digit_addition_matches_the_digit_chain)
{
    enum { MAXN = 700 };
    static uint32_t a[MAXN], b[MAXN], r[MAXN + 1], ref[MAXN], t[MAXN];
    const uint32_t mask = (1u << 30) - 1;
    uint64_t seed = 0xD1B54A32D192ED03ull;
    const size_t ns[] = { 1, 2, 15, 16, 17, 31, 64, 65, 100, 128, 200, 639 };
    for (size_t kn = 0; kn < sizeof ns / sizeof ns[0]; kn++) {
        for (int pattern = 0; pattern < 3; pattern++) {
            size_t nb = ns[kn], na = nb + (pattern == 2 ? 61 : pattern == 1 ? 5 : 0);
            for (size_t i = 0; i < na; i++) {
                seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
                a[i] = pattern == 0 ? (uint32_t)seed & mask : pattern == 1 ? mask : (uint32_t)(seed >> 11) & mask;
                b[i] = pattern == 0 ? (uint32_t)(seed >> 30) & mask : pattern == 1 ? (i == 0) : (uint32_t)(seed >> 5) & mask;
            }
            uint64_t carry = 0;
            for (size_t i = 0; i < na; i++) {
                carry += (uint64_t)a[i] + (i < nb ? b[i] : 0);
                ref[i] = (uint32_t)(carry & mask);
                carry >>= 30;
            }
            for (int level = 0; level <= big_simd_level(); level++) {
                r[na] = 0xDEADBEEF;
                uint32_t got = big_digits_add_at(r, a, na, b, nb, level);
                cr_assert(eq(u32, got, (uint32_t)carry), "na=%zu nb=%zu pattern %d level %d", na, nb, pattern, level);
                cr_assert(eq(int, memcmp(r, ref, na * sizeof *r), 0), "na=%zu nb=%zu pattern %d level %d", na, nb, pattern, level);
                cr_assert(eq(u32, r[na], 0xDEADBEEF), "wrote past na=%zu", na);
                memcpy(t, a, na * sizeof *t);
                cr_assert(eq(u32, big_digits_add_at(t, t, na, b, nb, level), (uint32_t)carry), "r = a, level %d", level);
                cr_assert(eq(int, memcmp(t, ref, na * sizeof *t), 0), "r = a, na=%zu level %d", na, level);
                if (na == nb) {
                    memcpy(t, b, nb * sizeof *t);
                    cr_assert(eq(u32, big_digits_add_at(t, a, na, t, nb, level), (uint32_t)carry), "r = b, level %d", level);
                    cr_assert(eq(int, memcmp(t, ref, na * sizeof *t), 0), "r = b, na=%zu level %d", na, level);
                }
            }
        }
    }
}
