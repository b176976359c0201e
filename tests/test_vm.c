/*
** tests/test_vm.c: whole programs on the simulated CPU, their output and
** errors checked against real CPython. Expected texts were printed by
** python3 (3.11.7) and pyenv 3.12.1 running the same program as a script;
** 32-bit values come from the fact sheet (§ numbers) and pyodide's 32-bit
** CPython 3.12. Every run should leave an empty heap after vm_shutdown;
** today that holds only in part (see CHECK_EMPTY_HEAP_AFTER_EVERY_RUN).
*/
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"

TestSuite(vm, .timeout = 120);

/*
** Bug: heap_live_count(vm->h) is not 0 after vm_shutdown today, for two
** reasons (found by this suite; see the disabled test
** every_run_releases_all_heap_objects):
**  1. a module-level function and the module's globals dict form a cycle
**     (function -> globals -> function); with no cycle collector and no
**     clearing of the module dict at shutdown (CPython's finalization sets
**     the module's globals to None), the function, its code object, the
**     globals dict and its '__name__'/'__main__' strings stay live;
**  2. on the 3.12 profiles interned strings are immortal and vm_shutdown
**     never releases them (CPython frees them at finalization,
**     _PyUnicode_ClearInterned), e.g. 'print', '__name__', '__main__'.
** Set this to 1 once both are fixed: every run in this file then checks
** for an empty heap.
*/
#define CHECK_EMPTY_HEAP_AFTER_EVERY_RUN 1

enum { P312_64, P312_32, P311_64, P311_32 };

static int pidx(const char *name)
{
    for (int i = 0; i < TV_NPROFILES; i++)
        if (strcmp(name, tv_profiles[i]) == 0) return i;
    cr_fatal("unknown profile %s", name);
    return -1;
}

#define PER_PROFILE(test)                                                   \
    ParameterizedTestParameters(vm, test)                                   \
    {                                                                       \
        static TvProfileParam params[TV_NPROFILES];                         \
        size_t n = tv_profile_params(params);                               \
        return cr_make_param_array(TvProfileParam, params, n);              \
    }                                                                       \
    ParameterizedTest(TvProfileParam *param, vm, test)

/* Runs 'src' on 'profile', expects status OK, output 'want' and an empty heap. */
static void expect_output(const char *profile, const char *src, const char *want)
{
    TvRun r;
    cr_assert(tv_run(&r, profile, src, TV_TRACE_OFF, 0), "does not compile:\n%s", r.diags);
    cr_expect(eq(int, (int)r.status, VM_OK), "%s: %s", profile, r.tb);
    cr_expect(eq(str, r.out, (char *)want), "%s", profile);
    if (CHECK_EMPTY_HEAP_AFTER_EVERY_RUN)
        cr_expect(eq(u64, r.live_after, 0), "%s: objects left after vm_shutdown", profile);
    tv_run_free(&r);
}

/* Runs 'src' expecting a Python error 'kind' whose traceback is 'tb'. */
static void expect_error(const char *profile, const char *src, ExcKind kind, const char *out, const char *tb)
{
    TvRun r;
    cr_assert(tv_run(&r, profile, src, TV_TRACE_OFF, 0), "does not compile:\n%s", r.diags);
    cr_expect(eq(int, (int)r.status, VM_ERROR), "%s", profile);
    cr_expect(eq(int, (int)r.exc, (int)kind), "%s: %s", profile, r.tb);
    cr_expect(eq(str, r.out, (char *)out), "%s: output before the error", profile);
    cr_expect(eq(str, r.tb, (char *)tb), "%s", profile);
    if (CHECK_EMPTY_HEAP_AFTER_EVERY_RUN)
        cr_expect(eq(u64, r.live_after, 0), "%s: objects left after an error and vm_shutdown", profile);
    tv_run_free(&r);
}

/* ------------------------------------------------------------------ */
/* arithmetic                                                          */

static const char arith_src[] =
    "print(2 ** 100, -2 ** 63, 7 // -2, -7 % 3, 7 / 2, 2 ** -2)\n"
    "print(123456789 * 987654321, 10 ** 20 // 7, -(10 ** 20) % 7, (1 << 100) >> 98)\n"
    "a = 2 ** 64\n"
    "print(a * a - 1, a // 3, a % 1000, -a, abs(-a), a == 18446744073709551616)\n"
    "print(0.1 + 0.2, 1 / 3, 2.5 * 4, 1e16, 1e-5, 123456789.0 * 10)\n"
    "print(1e300 * 10, 1e308 * 10, -1e308 * 10, 1e22, 1.5e-7, 0.1 * 3)\n"
    "print(17 // -5, 17 % -5, round(2.675, 2), int(-3.9), float(10 ** 20), 3 - 0.5)\n"
    "print(255 & 15, 255 | 256, 5 ^ 3, ~5, -1 >> 3, 1 << 62, 7 % -3)\n";

/* python3 and 3.12, identical */
static const char arith_out[] =
    "1267650600228229401496703205376 -9223372036854775808 -4 2 3.5 0.25\n"
    "121932631112635269 14285714285714285714 5 4\n"
    "340282366920938463463374607431768211455 6148914691236517205 616 -18446744073709551616 18446744073709551616 True\n"
    "0.30000000000000004 0.3333333333333333 10.0 1e+16 1e-05 1234567890.0\n"
    "1e+301 inf -inf 1e+22 1.5e-07 0.30000000000000004\n"
    "-4 -3 2.67 -3 1e+20 2.5\n"
    "15 511 6 -6 -1 4611686018427387904 -2\n";

PER_PROFILE(arithmetic_matches_cpython_incl_bigints_and_float_repr)
{
    expect_output(param->name, arith_src, arith_out);
}

/* §11, computed at run time so no constant is shared. */
static const char is_src[] =
    "x = 200\n"
    "print(x + 56 is 256, x + 57 is 257)\n"
    "a = int('257')\n"
    "b = int('257')\n"
    "print(a is b, a == b)\n"
    "c = int('256')\n"
    "print(c is x + 56, int('-5') is -5, int('-6') is int('-6'))\n"
    "y = 250\n"
    "print(y + 6 is y + 6, y + 7 is y + 7)\n"
    "cA = 1000\n"
    "cB = 1000\n"
    "print(cA is cB)\n"
    "def f():\n"
    "    return 1000\n"
    "print(f() is cA)\n"
    "s = 'hel' + 'lo'\n"
    "print(s is 'hello')\n";

PER_PROFILE(identity_of_small_ints_and_constants_matches_cpython)
{
    expect_output(param->name, is_src,
                  "True False\nFalse True\nTrue True False\nTrue False\nTrue\nTrue\nTrue\n");
}

/* ------------------------------------------------------------------ */
/* sys.getrefcount and sys.getsizeof                                  */

static const char rc_src[] =
    "import sys\n"
    "x = []\n"
    "print(sys.getrefcount(x))\n"           /* 2: name + argument */
    "y = x\n"
    "print(sys.getrefcount(x))\n"           /* 3 */
    "c = [x, x]\n"
    "print(sys.getrefcount(x))\n"           /* 5 */
    "del y\n"
    "print(sys.getrefcount(x))\n"           /* 4 */
    "print(sys.getrefcount([]))\n"          /* 1 */
    "def f(o):\n"
    "    return sys.getrefcount(o)\n"
    "print(f(c))\n"                         /* 3: name + parameter + argument */
    "n = 123456\n"
    "print(sys.getrefcount(n))\n"           /* 4: co_consts + AST + name + argument */
    "a = 123457\n"
    "b = 123457\n"
    "print(sys.getrefcount(a))\n"           /* 5 */
    "m = int('123458')\n"
    "print(sys.getrefcount(m))\n"           /* 2 */
    "def g():\n"
    "    x = []\n"
    "    return sys.getrefcount(x)\n"
    "print(g())\n"                          /* 2 */
    "def h():\n"
    "    x = 123459\n"
    "    return sys.getrefcount(x)\n"
    "print(h())\n"                          /* 4 */
    "print(sys.getrefcount(2.75), sys.getrefcount('vm unique text q8!'))\n"   /* 3 3 */
    "print(sys.getrefcount(None) > 1000, sys.getrefcount(40) > 999999999)\n";

/* The same on python3, 3.12.1 and pyodide 3.12 (32-bit), §10. */
PER_PROFILE(getrefcount_follows_script_semantics)
{
    expect_output(param->name, rc_src, "2\n3\n5\n4\n1\n3\n4\n5\n2\n2\n4\n3 3\nTrue True\n");
}

/* §10: an identifier-like str constant is interned; 3.12 makes it immortal. */
PER_PROFILE(interned_string_constant_refcount_follows_the_version)
{
    static const char *const want[] = {
        [P312_64] = "4294967295\n", [P312_32] = "1073741823\n",   /* python 3.12.1; §10 D */
        [P311_64] = "4\n", [P311_32] = "4\n",                     /* python3; §10 B */
    };
    expect_output(param->name, "import sys\ns = 'vm_unique_ident_q7'\nprint(sys.getrefcount(s))\n", want[pidx(param->name)]);
}

static const char sizes_src[] =
    "import sys\n"
    "print(sys.getsizeof(1), sys.getsizeof(2 ** 60), sys.getsizeof(1.5), sys.getsizeof(None), sys.getsizeof(True))\n"
    "print(sys.getsizeof([]), sys.getsizeof([100, 200, 400, 300, 900]), sys.getsizeof(()), sys.getsizeof((1, 2, 3)))\n"
    "print(sys.getsizeof('Hello'), sys.getsizeof('\xc3\xa9'), sys.getsizeof('a\xe2\x82\xac'), sys.getsizeof({}))\n"
    "l = []\n"
    "for i in range(5):\n"
    "    l.append(i)\n"
    "print(sys.getsizeof(l))\n"
    "def f():\n"
    "    pass\n"
    "print(sys.getsizeof(f))\n";

PER_PROFILE(getsizeof_matches_each_build)
{
    static const char *const want[] = {
        /* python 3.12.1 */
        [P312_64] = "28 36 24 16 28\n56 104 40 64\n46 61 62 64\n120\n160\n",
        /* pyodide 3.12 32-bit, with i386's {} = 36 (§1, §8) */
        [P312_32] = "16 24 16 8 16\n28 52 20 32\n26 33 34 36\n60\n80\n",
        /* python 3.11.7 */
        [P311_64] = "28 36 24 16 28\n56 104 40 64\n54 74 78 64\n120\n152\n",
        /* §3-§9, build B */
        [P311_32] = "16 24 16 8 16\n28 52 20 32\n30 38 42 36\n60\n76\n",
    };
    expect_output(param->name, sizes_src, want[pidx(param->name)]);
}

/* ------------------------------------------------------------------ */
/* errors                                                              */

/* Tracebacks: exactly what python3 and pyenv 3.12.1 print for
** `python3 /tmp/prog.py` (identical on both). */

PER_PROFILE(zero_division_gives_a_cpython_traceback)
{
    expect_error(param->name,
                 "def f(a):\n    return a // 0\nprint(1)\nf(3)\n",
                 EXC_ZERODIV, "1\n",
                 "Traceback (most recent call last):\n"
                 "  File \"/tmp/prog.py\", line 4, in <module>\n"
                 "    f(3)\n"
                 "  File \"/tmp/prog.py\", line 2, in f\n"
                 "    return a // 0\n"
                 "           ~~^^~~\n"
                 "ZeroDivisionError: integer division or modulo by zero\n");
    expect_error(param->name, "x = 1 / 0\n", EXC_ZERODIV, "",
                 "Traceback (most recent call last):\n"
                 "  File \"/tmp/prog.py\", line 1, in <module>\n"
                 "    x = 1 / 0\n"
                 "        ~~^~~\n"
                 "ZeroDivisionError: division by zero\n");
    expect_error(param->name, "x = 1.5 % 0\n", EXC_ZERODIV, "",
                 "Traceback (most recent call last):\n"
                 "  File \"/tmp/prog.py\", line 1, in <module>\n"
                 "    x = 1.5 % 0\n"
                 "        ~~~~^~~\n"
                 "ZeroDivisionError: float modulo\n");
}

Test(vm, unbound_local_is_reported_like_cpython)
{
    expect_error("cpython-3.12-64bit", "def f():\n    print(x)\n    x = 1\nf()\n", EXC_UNBOUNDLOCAL, "",
                 "Traceback (most recent call last):\n"
                 "  File \"/tmp/prog.py\", line 4, in <module>\n"
                 "    f()\n"
                 "  File \"/tmp/prog.py\", line 2, in f\n"
                 "    print(x)\n"
                 "          ^\n"
                 "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value\n");
}

Test(vm, unknown_name_is_a_name_error)
{
    expect_error("cpython-3.11-64bit", "print(undefined_name)\n", EXC_NAME, "",
                 "Traceback (most recent call last):\n"
                 "  File \"/tmp/prog.py\", line 1, in <module>\n"
                 "    print(undefined_name)\n"
                 "          ^^^^^^^^^^^^^^\n"
                 "NameError: name 'undefined_name' is not defined\n");
}

/* CPython 3.11 and 3.12 (limit 1000): the module frame plus 999 frames
** of f; printed as 3 frames and "[Previous line repeated 996 more times]". */
PER_PROFILE(recursion_stops_at_the_profile_limit)
{
    TvRun r;
    cr_assert(tv_run(&r, param->name, "def f(n):\n    return f(n + 1)\nf(0)\n", TV_TRACE_OFF, 0));
    cr_expect(eq(int, (int)r.status, VM_ERROR));
    cr_expect(eq(int, (int)r.exc, EXC_RECURSION), "%.300s", r.tb);
    cr_expect(eq(u32, r.vm->err.ntb, 1000), "frames in the traceback");
    size_t n = strlen(r.tb);
    const char *last = "RecursionError: maximum recursion depth exceeded\n";
    cr_expect(n > strlen(last) && strcmp(r.tb + n - strlen(last), last) == 0, "%s", r.tb + (n > 200 ? n - 200 : 0));
    if (CHECK_EMPTY_HEAP_AFTER_EVERY_RUN)
        cr_expect(eq(u64, r.live_after, 0), "objects left after unwinding 1000 frames");
    tv_run_free(&r);
}

/* The depth a program reaches, printed by itself: pyenv 3.12.1 prints 0..998. */
Test(vm, recursion_depth_seen_by_the_program_matches_3_12)
{
    TvRun r;
    cr_assert(tv_run(&r, "cpython-3.12-64bit", "def f(n):\n    print(n)\n    f(n + 1)\nf(0)\n", TV_TRACE_OFF, 0));
    cr_expect(eq(int, (int)r.exc, EXC_RECURSION));
    cr_expect(eq(sz, tv_nlines(r.out), 999));
    char *last = tv_line(r.out, 998);
    cr_expect(last && strcmp(last, "998") == 0, "last depth printed: %s", last ? last : "(none)");
    free(last);
    tv_run_free(&r);
}

/* Bug: CPython 3.11 counts calls of builtins (print, then the file's write)
** against the recursion limit, so the same program stops after printing
** 996 there (python3 3.11.7); tracevm's 3.11 profiles print 998. */
Test(vm, recursion_depth_seen_by_the_program_matches_3_11)
{
    TvRun r;
    cr_assert(tv_run(&r, "cpython-3.11-64bit", "def f(n):\n    print(n)\n    f(n + 1)\nf(0)\n", TV_TRACE_OFF, 0));
    cr_expect(eq(int, (int)r.exc, EXC_RECURSION));
    cr_expect(eq(sz, tv_nlines(r.out), 997));
    char *last = tv_line(r.out, 996);
    cr_expect(last && strcmp(last, "996") == 0, "last depth printed: %s", last ? last : "(none)");
    free(last);
    tv_run_free(&r);
}

/* CPython collapses a repeated traceback entry after three copies
** (TB_RECURSIVE_CUTOFF in Python/traceback.c). */
PER_PROFILE(recursion_traceback_collapses_repeated_frames)
{
    TvRun r;
    cr_assert(tv_run(&r, param->name, "def f(n):\n    return f(n + 1)\nf(0)\n", TV_TRACE_OFF, 0));
    cr_expect(eq(str, r.tb,
                 "Traceback (most recent call last):\n"
                 "  File \"/tmp/prog.py\", line 3, in <module>\n"
                 "    f(0)\n"
                 "  File \"/tmp/prog.py\", line 2, in f\n"
                 "    return f(n + 1)\n"
                 "           ^^^^^^^^\n"
                 "  File \"/tmp/prog.py\", line 2, in f\n"
                 "    return f(n + 1)\n"
                 "           ^^^^^^^^\n"
                 "  File \"/tmp/prog.py\", line 2, in f\n"
                 "    return f(n + 1)\n"
                 "           ^^^^^^^^\n"
                 "  [Previous line repeated 996 more times]\n"
                 "RecursionError: maximum recursion depth exceeded\n"));
    tv_run_free(&r);
}

/* tiny.yaml has 2 MiB of arenas. The first text is what python3 and
** 3.12.1 print for the same program under `ulimit -v 40000`; where the
** second program runs out depends on the allocator, so only the frame and
** the last line are checked. */
Test(vm, huge_list_on_tiny_profile_is_a_memory_error)
{
    expect_error("tiny", "x = [0] * 10000000\n", EXC_MEMORY, "",
                 "Traceback (most recent call last):\n"
                 "  File \"/tmp/prog.py\", line 1, in <module>\n"
                 "    x = [0] * 10000000\n"
                 "        ~~~~^~~~~~~~~~\n"
                 "MemoryError\n");
    TvRun r;
    cr_assert(tv_run(&r, "tiny", "x = []\nwhile True:\n    x.append([1, 2])\n", TV_TRACE_OFF, 0));
    cr_expect(eq(int, (int)r.exc, EXC_MEMORY), "%s", r.tb);
    const char *head = "Traceback (most recent call last):\n  File \"/tmp/prog.py\", line 3, in <module>\n    x.append([1, 2])\n";
    cr_expect(eq(int, strncmp(r.tb, head, strlen(head)), 0), "%s", r.tb);
    size_t n = strlen(r.tb);
    cr_expect(n > 12 && strcmp(r.tb + n - 13, "\nMemoryError\n") == 0, "%s", r.tb);
    tv_run_free(&r);
}

Test(vm, memory_error_inside_a_function_unwinds_every_frame)
{
    TvRun r;
    cr_assert(tv_run(&r, "tiny",
                     "def grow(acc, n):\n    acc.append(str(n) * 50)\n    return grow(acc, n + 1) if n < 900 else acc\n"
                     "def outer():\n    data = []\n    while True:\n        grow(data, 0)\nouter()\n",
                     TV_TRACE_OFF, 0));
    cr_expect(eq(int, (int)r.status, VM_ERROR));
    cr_expect(eq(int, (int)r.exc, EXC_MEMORY), "%s", r.tb);
    const char *head = "Traceback (most recent call last):\n  File \"/tmp/prog.py\", line 8, in <module>\n";
    cr_expect(eq(int, strncmp(r.tb, head, strlen(head)), 0), "%.300s", r.tb);
    size_t n = strlen(r.tb);
    cr_expect(n > 13 && strcmp(r.tb + n - 13, "\nMemoryError\n") == 0, "%s", r.tb);
    cr_expect(gt(u32, r.vm->err.ntb, 2), "frames of outer and grow in the traceback");
    if (CHECK_EMPTY_HEAP_AFTER_EVERY_RUN)
        cr_expect(eq(u64, r.live_after, 0), "objects left after MemoryError in nested frames");
    tv_run_free(&r);
}

/* ------------------------------------------------------------------ */
/* step limit and clean shutdown                                       */

Test(vm, step_limit_stops_an_endless_loop)
{
    TvRun r;
    cr_assert(tv_run(&r, "cpython-3.12-64bit", "n = 0\nwhile True:\n    n += 1\n", TV_TRACE_OFF, 1000));
    cr_expect(eq(int, (int)r.status, VM_STEP_LIMIT));
    cr_expect(eq(u64, r.vm->steps, 1000));
    if (CHECK_EMPTY_HEAP_AFTER_EVERY_RUN) cr_expect(eq(u64, r.live_after, 0));
    tv_run_free(&r);
}

static const char *const clean_programs[] = {
    "x = 5\ny = 10\nz = x * y + 2\nprint(z)\n",
    "l = [1, 'two', 3.0, [4], (5, 6), {'k': 7}]\nl.append(l[3])\nprint(len(l), l[-1] is l[3])\n",
    "d = {}\nfor i in range(50):\n    d[str(i)] = [i] * i\ndel d['7']\nprint(len(d), sum(len(v) for v in d.values()))\n",
    "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(15), 2 ** 200 // 3)\n",
    "s = ''\nfor w in 'the quick brown fox'.split():\n    s = s + w.upper() + '-'\nprint(s, f'{len(s):>4}')\n",
    "t = (1, 2, 3)\na, b, c = t\nx = [v * 2 for v in t if v != b]\nprint(a, b, c, x, t[1:], 'abc'[::-1])\n",
};

/* Bug: see CHECK_EMPTY_HEAP_AFTER_EVERY_RUN above (function/globals cycle;
** 3.12 interned strings never released). */
ParameterizedTestParameters(vm, every_run_releases_all_heap_objects)
{
    static TvProfileParam params[TV_NPROFILES];
    size_t n = tv_profile_params(params);
    return cr_make_param_array(TvProfileParam, params, n);
}
ParameterizedTest(TvProfileParam *param, vm, every_run_releases_all_heap_objects)
{
    for (size_t i = 0; i < sizeof clean_programs / sizeof *clean_programs; i++) {
        TvRun r;
        cr_assert(tv_run(&r, param->name, clean_programs[i], TV_TRACE_OFF, 0), "program %zu:\n%s", i, r.diags);
        cr_expect(eq(int, (int)r.status, VM_OK), "program %zu: %s", i, r.tb);
        cr_expect(eq(u64, r.live_after, 0), "%s: program %zu leaves %llu objects", param->name, i,
                  (unsigned long long)r.live_after);
        tv_run_free(&r);
    }
}

/* What does hold today, and catches any refcount leak in the CPU, the
** builtins or error unwinding: on the 3.11 profiles (no immortal interned
** strings), programs that define no function end with an empty heap,
** whether they finish or stop on an error. */
static const char *const no_function_programs[] = {
    "x = 5\ny = 10\nz = x * y + 2\nprint(z)\n",
    "l = [1, 'two', 3.0, [4], (5, 6), {'k': 7}]\nl.append(l[3])\nprint(len(l), l[-1] is l[3])\n",
    "d = {}\nfor i in range(50):\n    d[str(i)] = [i] * i\ndel d['7']\nprint(len(d), sum(len(v) for v in d.values()))\n",
    "s = ''\nfor w in 'the quick brown fox'.split():\n    s = s + w.upper() + '-'\nprint(s, f'{len(s):>4}')\n",
    "import sys\nx = [1.5, 'a b', 2 ** 80]\ny = x\nprint(sys.getrefcount(x), sys.getsizeof(x), 2 ** 100 // 7)\n",
    "x = [1, 2]\ny = {'a': x}\nz = 1 / 0\n",
    "x = [1, 2]\nprint(x[5])\n",
    "s = 'abc' * 3\nprint(undefined_name)\n",
};

ParameterizedTestParameters(vm, runs_without_functions_release_everything_on_3_11)
{
    static TvProfileParam params[2] = { { "cpython-3.11-64bit" }, { "cpython-3.11-32bit" } };
    return cr_make_param_array(TvProfileParam, params, 2);
}
ParameterizedTest(TvProfileParam *param, vm, runs_without_functions_release_everything_on_3_11)
{
    for (size_t i = 0; i < sizeof no_function_programs / sizeof *no_function_programs; i++) {
        TvRun r;
        cr_assert(tv_run(&r, param->name, no_function_programs[i], TV_TRACE_OFF, 0), "program %zu:\n%s", i, r.diags);
        cr_expect(eq(u64, r.live_after, 0), "%s: program %zu (status %d) leaves %llu objects", param->name, i,
                  (int)r.status, (unsigned long long)r.live_after);
        tv_run_free(&r);
    }
}

/* python3 and pyenv 3.12.1 print these */
Test(vm, clean_programs_print_what_cpython_prints)
{
    static const char *const want[] = {
        "52\n",
        "7 True\n",
        "49 1218\n",
        "610 535646014752996758513987364113720867507400997927597611767125\n",
        "THE-QUICK-BROWN-FOX-   20\n",
        "1 2 3 [2, 6] (2, 3) cba\n",
    };
    for (size_t i = 0; i < sizeof clean_programs / sizeof *clean_programs; i++) {
        char *out = tv_output("cpython-3.12-64bit", clean_programs[i]);
        cr_expect(eq(str, out, (char *)want[i]), "program %zu", i);
        free(out);
    }
}

Test(vm, tracing_does_not_change_what_the_program_does)
{
    for (size_t i = 0; i < sizeof clean_programs / sizeof *clean_programs; i++) {
        TvRun plain, traced;
        cr_assert(tv_run(&plain, "cpython-3.12-64bit", clean_programs[i], TV_TRACE_OFF, 0));
        cr_assert(tv_run(&traced, "cpython-3.12-64bit", clean_programs[i], TV_TRACE_TABLE, 0));
        cr_expect(eq(str, plain.out, traced.out), "program %zu", i);
        cr_expect(eq(u64, plain.vm->steps, traced.vm->steps), "program %zu", i);
        cr_expect(gt(sz, strlen(traced.trace), 0));
        tv_run_free(&plain);
        tv_run_free(&traced);
    }
}
