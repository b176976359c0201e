/*
** tests/test_parse.c: the compiler front end (lexer, parser, AST dump,
** diagnostics). Expected dumps were cross-checked against CPython's ast module
** (same tree shape); expected messages and positions are CPython 3.11's where
** CPython has one (3.12's for NUL bytes), and tracevm's own for refusals.
*/
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/parse.h"

TestSuite(parse, .timeout = 30);

/* The dump of 'src' (which must parse), without the final newline. */
static char *dump_n(const char *src, size_t len)
{
    DiagList dl;
    diag_init(&dl);
    Ast *ast = parse_module("prog.py", src, len, &dl);
    StrBuf out;
    sb_init(&out);
    if (!ast) {
        diag_format_all(&dl, "prog.py", src, len, &out);
        cr_log_error("unexpected errors:\n%s", out.s);
        sb_clear(&out);
        sb_puts(&out, "<errors>");
    } else {
        ast_dump(ast, &out);
        if (out.len && out.s[out.len - 1] == '\n')
            out.s[--out.len] = '\0';
    }
    ast_free(ast);
    diag_free(&dl);
    return sb_take(&out);
}

static char *dump(const char *src) { return dump_n(src, strlen(src)); }

/* The formatted diagnostics of 'src' (which must fail). */
static char *errors_n(const char *src, size_t len)
{
    DiagList dl;
    diag_init(&dl);
    Ast *ast = parse_module("prog.py", src, len, &dl);
    StrBuf out;
    sb_init(&out);
    if (ast) {
        sb_puts(&out, "<parsed>");
        ast_free(ast);
    } else {
        diag_format_all(&dl, "prog.py", src, len, &out);
    }
    diag_free(&dl);
    return sb_take(&out);
}

static char *errors(const char *src) { return errors_n(src, strlen(src)); }

/* Only the first line ("prog.py:1:2: SyntaxError: ...") of the diagnostics. */
static char *first_error(const char *src, size_t len)
{
    char *all = errors_n(src, len);
    char *nl = strchr(all, '\n');
    if (nl)
        *nl = '\0';
    return all;
}

#define ASSERT_DUMP(src, expected)                  \
    do {                                            \
        char *got_ = dump(src);                     \
        cr_assert(eq(str, got_, (char *)(expected)));\
        free(got_);                                 \
    } while (0)

#define ASSERT_ERRORS(src, expected)                \
    do {                                            \
        char *got_ = errors(src);                   \
        cr_assert(eq(str, got_, (char *)(expected)));\
        free(got_);                                 \
    } while (0)

#define ASSERT_FIRST_ERROR(src, expected)                   \
    do {                                                    \
        char *got_ = first_error(src, strlen(src));         \
        cr_assert(eq(str, got_, (char *)(expected)));       \
        free(got_);                                         \
    } while (0)

/* ---- precedence --------------------------------------------------------- */

Test(parse, the_example_statement_multiplies_before_adding)
{
    ASSERT_DUMP("z = x * y + 2\n",
                "(assign (name z) (binop + (binop * (name x) (name y)) (int 2)))");
}

Test(parse, power_binds_tighter_than_unary_minus_on_its_left)
{
    ASSERT_DUMP("-2 ** 2\n", "(expr (unary - (binop ** (int 2) (int 2))))");
    ASSERT_DUMP("2 ** -1\n", "(expr (binop ** (int 2) (unary - (int 1))))");
    ASSERT_DUMP("-a * b\n", "(expr (binop * (unary - (name a)) (name b)))");
    ASSERT_DUMP("~a ** b\n", "(expr (unary ~ (binop ** (name a) (name b))))");
}

Test(parse, power_is_right_associative)
{
    ASSERT_DUMP("2 ** 3 ** 2\n", "(expr (binop ** (int 2) (binop ** (int 3) (int 2))))");
}

Test(parse, not_binds_looser_than_comparisons)
{
    ASSERT_DUMP("not a == b\n", "(expr (unary not (compare (name a) == (name b))))");
    ASSERT_DUMP("not not a\n", "(expr (unary not (unary not (name a))))");
    ASSERT_DUMP("a and not b\n", "(expr (and (name a) (unary not (name b))))");
}

Test(parse, and_binds_tighter_than_or_and_chains_flatten)
{
    ASSERT_DUMP("a or b and c\n", "(expr (or (name a) (and (name b) (name c))))");
    ASSERT_DUMP("a or b or c\n", "(expr (or (name a) (name b) (name c)))");
    ASSERT_DUMP("(a or b) or c\n", "(expr (or (or (name a) (name b)) (name c)))");
}

Test(parse, conditional_expressions_nest_to_the_right)
{
    ASSERT_DUMP("a if b else c if d else e\n",
                "(expr (ifexp (name a) (name b) (ifexp (name c) (name d) (name e))))");
    ASSERT_DUMP("a or b if c and d else e\n",
                "(expr (ifexp (or (name a) (name b)) (and (name c) (name d)) (name e)))");
}

Test(parse, chained_comparison_is_one_node)
{
    ASSERT_DUMP("x < y <= z\n", "(expr (compare (name x) < (name y) <= (name z)))");
    ASSERT_DUMP("a is not b not in c in d != e\n",
                "(expr (compare (name a) is not (name b) not in (name c) in (name d) != (name e)))");
}

Test(parse, bitwise_operators_follow_python_precedence)
{
    ASSERT_DUMP("a | b ^ c & d << e + f\n",
                "(expr (binop | (name a) (binop ^ (name b) (binop & (name c) "
                "(binop << (name d) (binop + (name e) (name f)))))))");
    ASSERT_DUMP("a < b | c\n", "(expr (compare (name a) < (binop | (name b) (name c))))");
    ASSERT_DUMP("a << b >> c\n", "(expr (binop >> (binop << (name a) (name b)) (name c)))");
}

Test(parse, arithmetic_is_left_associative)
{
    ASSERT_DUMP("a - b - c\n", "(expr (binop - (binop - (name a) (name b)) (name c)))");
    ASSERT_DUMP("x // y % z * w / v\n",
                "(expr (binop / (binop * (binop % (binop // (name x) (name y)) (name z)) "
                "(name w)) (name v)))");
    ASSERT_DUMP("(a + b) * c\n", "(expr (binop * (binop + (name a) (name b)) (name c)))");
}

Test(parse, primaries_bind_tightest)
{
    ASSERT_DUMP("-f(x).y[1] ** 2\n",
                "(expr (unary - (binop ** (sub (attr (call (name f) (name x)) y) (int 1)) (int 2))))");
}

/* ---- statements --------------------------------------------------------- */

Test(parse, assignment_chains_and_unpacking_targets)
{
    ASSERT_DUMP("a = b = 1\n", "(assign (name a) (name b) (int 1))");
    ASSERT_DUMP("a, b = b, a\n",
                "(assign (tuple (name a) (name b)) (tuple (name b) (name a)))");
    ASSERT_DUMP("(a, b) = [c, d] = 1, 2\n",
                "(assign (tuple (name a) (name b)) (list (name c) (name d)) (tuple (int 1) (int 2)))");
    ASSERT_DUMP("a[i], (b, c) = x\n",
                "(assign (tuple (sub (name a) (name i)) (tuple (name b) (name c))) (name x))");
    ASSERT_DUMP("x = 1,\n", "(assign (name x) (tuple (int 1)))");
}

Test(parse, annotated_assignment_keeps_the_annotation)
{
    ASSERT_DUMP("x: int = 5\nlistC: list = []\ny: dict\n",
                "(annassign (name x) (name int) (int 5))\n"
                "(annassign (name listC) (name list) (list))\n"
                "(annassign (name y) (name dict) _)");
}

Test(parse, augmented_assignment_takes_every_operator)
{
    ASSERT_DUMP("a += 1; a -= 1; a *= 1; a /= 1; a //= 1; a %= 1\n",
                "(augassign += (name a) (int 1))\n(augassign -= (name a) (int 1))\n"
                "(augassign *= (name a) (int 1))\n(augassign /= (name a) (int 1))\n"
                "(augassign //= (name a) (int 1))\n(augassign %= (name a) (int 1))");
    ASSERT_DUMP("a **= 1; a &= 1; a |= 1; a ^= 1; a <<= 1; a[i] >>= 1\n",
                "(augassign **= (name a) (int 1))\n(augassign &= (name a) (int 1))\n"
                "(augassign |= (name a) (int 1))\n(augassign ^= (name a) (int 1))\n"
                "(augassign <<= (name a) (int 1))\n(augassign >>= (sub (name a) (name i)) (int 1))");
}

Test(parse, if_elif_else_nests_elif_in_orelse)
{
    ASSERT_DUMP("if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    pass\n",
                "(if (name a) (body (assign (name x) (int 1))) (else (if (name b) "
                "(body (assign (name x) (int 2))) (else (pass)))))");
    ASSERT_DUMP("if a: b; c\n", "(if (name a) (body (expr (name b)) (expr (name c))))");
}

Test(parse, loops_with_else_break_and_continue)
{
    ASSERT_DUMP("while x:\n    x -= 1\n    if x: continue\n    break\nelse:\n    y = 0\n",
                "(while (name x) (body (augassign -= (name x) (int 1)) (if (name x) "
                "(body (continue))) (break)) (else (assign (name y) (int 0))))");
    ASSERT_DUMP("for i, x in enumerate(xs):\n    pass\nelse:\n    pass\n",
                "(for (tuple (name i) (name x)) (call (name enumerate) (name xs)) "
                "(body (pass)) (else (pass)))");
    ASSERT_DUMP("for x in 1, 2: pass\n",
                "(for (name x) (tuple (int 1) (int 2)) (body (pass)))");
}

Test(parse, def_with_defaults_annotations_return_and_global)
{
    ASSERT_DUMP("def f(a, b: int, c=3, d: str = 'x') -> int:\n"
                "    global g, h\n    return a, b\n",
                "(def f (params a b (c (int 3)) (d (str \"x\"))) (body (global g h) "
                "(return (tuple (name a) (name b)))))");
    ASSERT_DUMP("def g():\n    return\n", "(def g (params) (body (return)))");
}

Test(parse, del_import_with_assert)
{
    ASSERT_DUMP("del a, b[1], c[1:2]\n",
                "(del (name a) (sub (name b) (int 1)) (sub (name c) (slice (int 1) (int 2) _)))");
    ASSERT_DUMP("import sys\nimport sqlite3 as db, sys as s\n",
                "(import sys)\n(import (sqlite3 as db) (sys as s))");
    ASSERT_DUMP("with open(p) as f, lock:\n    pass\n",
                "(with (item (call (name open) (name p)) (name f)) (item (name lock)) (body (pass)))");
    ASSERT_DUMP("assert x, 'msg'\nassert y\n",
                "(assert (name x) (str \"msg\"))\n(assert (name y))");
}

Test(parse, empty_and_blank_files_are_empty_modules)
{
    ASSERT_DUMP("", "");
    ASSERT_DUMP("\n\n   \n# only a comment\n", "");
}

Test(parse, line_structure_variants)
{
    ASSERT_DUMP("x = 1\r\nif x:\r\n    y = [1,\r\n  2]\r\n", 
                "(assign (name x) (int 1))\n(if (name x) (body (assign (name y) (list (int 1) (int 2)))))");
    ASSERT_DUMP("x = 1 + \\\n    2", "(assign (name x) (binop + (int 1) (int 2)))");
    ASSERT_DUMP("if x:\n\ty = 1\n\tz = 2\n",
                "(if (name x) (body (assign (name y) (int 1)) (assign (name z) (int 2))))");
    ASSERT_DUMP("if x:\n    y = 1\n  # comment at another indent\n    z = 2\n",
                "(if (name x) (body (assign (name y) (int 1)) (assign (name z) (int 2))))");
    ASSERT_DUMP("\xEF\xBB\xBFx = 1\n", "(assign (name x) (int 1))");
}

/* ---- literals ----------------------------------------------------------- */

Test(parse, int_literals_keep_their_text)
{
    DiagList dl;
    diag_init(&dl);
    const char *src = "0x_FF\n1_000\n0o17\n0b1\n123456789012345678901234567890\n";
    Ast *ast = parse_module("p", src, strlen(src), &dl);
    cr_assert(ast != NULL);
    const char *text[] = {"0x_FF", "1_000", "0o17", "0b1", "123456789012345678901234567890"};
    const char *digits[] = {"FF", "1000", "17", "1", "123456789012345678901234567890"};
    int base[] = {16, 10, 8, 2, 10};
    for (int i = 0; i < 5; i++) {
        const Expr *e = ast->body.items[i]->u.expr.value;
        cr_assert(eq(int, e->kind, EXPR_INT));
        cr_assert(eq(str, (char *)e->u.int_lit.text, (char *)text[i]));
        cr_assert(eq(str, (char *)e->u.int_lit.digits, (char *)digits[i]));
        cr_assert(eq(int, e->u.int_lit.base, base[i]));
    }
    ast_free(ast);
    diag_free(&dl);
}

Test(parse, float_literals_are_converted)
{
    DiagList dl;
    diag_init(&dl);
    const char *src = "1.5\n1e10\n.5\n5.\n1_000.5\n1e400\n";
    Ast *ast = parse_module("p", src, strlen(src), &dl);
    cr_assert(ast != NULL);
    double want[] = {1.5, 1e10, 0.5, 5.0, 1000.5};
    for (int i = 0; i < 5; i++) {
        const Expr *e = ast->body.items[i]->u.expr.value;
        cr_assert(eq(int, e->kind, EXPR_FLOAT));
        cr_assert(eq(dbl, e->u.float_lit.value, want[i]));
    }
    cr_assert(eq(str, (char *)ast->body.items[4]->u.expr.value->u.float_lit.text, "1_000.5"));
    cr_assert(ast->body.items[5]->u.expr.value->u.float_lit.value > 1e308);
    ast_free(ast);
    diag_free(&dl);
}

Test(parse, keywords_right_after_numbers_end_them)
{
    ASSERT_DUMP("x = 1if y else 2\n", "(assign (name x) (ifexp (int 1) (name y) (int 2)))");
    ASSERT_DUMP("1or 2\n", "(expr (or (int 1) (int 2)))");
}

Test(parse, string_escapes_are_decoded)
{
    ASSERT_DUMP("'\\n\\t\\\\\\'\\\"\\r\\0\\x41\\101\\a'\n",
                "(expr (str \"\\n\\t\\\\'\\\"\\r\\x00AA\\x07\"))");
    ASSERT_DUMP("'\\u00e9\\U0001F600'\n", "(expr (str \"\xC3\xA9\xF0\x9F\x98\x80\"))");
    ASSERT_DUMP("'\\d\\q'\n", "(expr (str \"\\\\d\\\\q\"))");
    ASSERT_DUMP("'ab\\\ncd'\n", "(expr (str \"abcd\"))");
    ASSERT_DUMP("r'\\d\\n' R\"\\'\"\n", "(expr (str \"\\\\d\\\\n\\\\'\"))");
    ASSERT_DUMP("'''a\r\nb'''\n", "(expr (str \"a\\nb\"))");
    ASSERT_DUMP("u'x'\n", "(expr (str \"x\"))");
}

Test(parse, adjacent_literals_concatenate)
{
    ASSERT_DUMP("'a' \"b\" '''c'''\n", "(expr (str \"abc\"))");
    ASSERT_DUMP("x = ('a'\n     'b')\n", "(assign (name x) (str \"ab\"))");
    ASSERT_DUMP("'a' f'{x}' 'b' 'c'\n",
                "(expr (fstr (str \"a\") (fmt (name x)) (str \"bc\")))");
}

Test(parse, fstrings_have_literal_and_formatted_parts)
{
    ASSERT_DUMP("f'a{x}b{y!r}{z!s}{w!a}'\n",
                "(expr (fstr (str \"a\") (fmt (name x)) (str \"b\") (fmt (name y) !r) "
                "(fmt (name z) !s) (fmt (name w) !a)))");
    ASSERT_DUMP("f''\n", "(expr (fstr))");
    ASSERT_DUMP("f'abc'\n", "(expr (fstr (str \"abc\")))");
    ASSERT_DUMP("f'{{x}} {{'\n", "(expr (fstr (str \"{x} {\")))");
    ASSERT_DUMP("f'{a + b * 2:>10}'\n",
                "(expr (fstr (fmt (binop + (name a) (binop * (name b) (int 2))) (fstr (str \">10\")))))");
    ASSERT_DUMP("F'{x}' rf'\\d{y}' fR'{z}'\n",
                "(expr (fstr (fmt (name x)) (str \"\\\\d\") (fmt (name y)) (fmt (name z))))");
    ASSERT_DUMP("f'{d[\"k\"]} {f(a, b)} {x, y}'\n",
                "(expr (fstr (fmt (sub (name d) (str \"k\"))) (str \" \") (fmt (call (name f) "
                "(name a) (name b))) (str \" \") (fmt (tuple (name x) (name y)))))");
    ASSERT_DUMP("f'{x == y} {x != y}'\n",
                "(expr (fstr (fmt (compare (name x) == (name y))) (str \" \") "
                "(fmt (compare (name x) != (name y)))))");
}

Test(parse, fstring_specs_may_hold_nested_fields)
{
    ASSERT_DUMP("f'{x:{w}.{p}f}'\n",
                "(expr (fstr (fmt (name x) (fstr (fmt (name w)) (str \".\") (fmt (name p)) (str \"f\")))))");
    ASSERT_DUMP("f'{x!r:^{w}}'\n", "(expr (fstr (fmt (name x) !r (fstr (str \"^\") (fmt (name w))))))");
    ASSERT_DUMP("f'{x:}'\n", "(expr (fstr (fmt (name x) (fstr))))");
}

Test(parse, self_documenting_fstring_fields)
{
    ASSERT_DUMP("f'{x=}'\n", "(expr (fstr (str \"x=\") (fmt (name x) !r)))");
    ASSERT_DUMP("f'a{x = }'\n", "(expr (fstr (str \"ax = \") (fmt (name x) !r)))");
    ASSERT_DUMP("f'{x=:>5}'\n", "(expr (fstr (str \"x=\") (fmt (name x) (fstr (str \">5\")))))");
    ASSERT_DUMP("f'{x=!s}'\n", "(expr (fstr (str \"x=\") (fmt (name x) !s)))");
}

Test(parse, fstrings_nest_with_other_quotes)
{
    ASSERT_DUMP("f\"{f'{x}'}\"\n", "(expr (fstr (fmt (fstr (fmt (name x))))))");
    ASSERT_DUMP("f'''{\n x\n}'''\n", "(expr (fstr (fmt (name x))))");
}

Test(parse, keywords_constants_and_names)
{
    ASSERT_DUMP("x = True, False, None\n",
                "(assign (name x) (tuple (const True) (const False) (const None)))");
    ASSERT_DUMP("\xCF\x80 = caf\xC3\xA9\n", "(assign (name \xCF\x80) (name caf\xC3\xA9))");
    ASSERT_DUMP("match = case = type = 1\n",
                "(assign (name match) (name case) (name type) (int 1))");
}

/* ---- displays, comprehensions, calls, subscripts ----------------------------- */

Test(parse, tuples_lists_dicts_and_sets)
{
    ASSERT_DUMP("(), (1,), (1, 2), [], [1, 2,], {}, {1: 2, 3: 4,}, {1, 2}\n",
                "(expr (tuple (tuple) (tuple (int 1)) (tuple (int 1) (int 2)) (list) "
                "(list (int 1) (int 2)) (dict) (dict (kv (int 1) (int 2)) (kv (int 3) (int 4))) "
                "(set (int 1) (int 2))))");
}

Test(parse, comprehensions_of_every_kind)
{
    ASSERT_DUMP("[e for x in it if c for y in it2]\n",
                "(expr (listcomp (name e) (for (name x) (name it) (if (name c))) (for (name y) (name it2))))");
    ASSERT_DUMP("{k: v for k, v in d if k if v}\n",
                "(expr (dictcomp (name k) (name v) (for (tuple (name k) (name v)) (name d) "
                "(if (name k)) (if (name v)))))");
    ASSERT_DUMP("{x for x in s}\n", "(expr (setcomp (name x) (for (name x) (name s))))");
    ASSERT_DUMP("(x for x in s)\n", "(expr (genexp (name x) (for (name x) (name s))))");
    ASSERT_DUMP("[a if b else c for x in y]\n",
                "(expr (listcomp (ifexp (name a) (name b) (name c)) (for (name x) (name y))))");
}

Test(parse, calls_keep_keyword_arguments_and_bare_generators)
{
    ASSERT_DUMP("print(a, b, sep='', end='\\n')\n",
                "(expr (call (name print) (name a) (name b) (kw sep (str \"\")) (kw end (str \"\\n\"))))");
    ASSERT_DUMP("sorted(xs, key=len, reverse=True)\n",
                "(expr (call (name sorted) (name xs) (kw key (name len)) (kw reverse (const True))))");
    ASSERT_DUMP("sum(x*x for x in xs)\n",
                "(expr (call (name sum) (genexp (binop * (name x) (name x)) (for (name x) (name xs)))))");
    ASSERT_DUMP("f()(1,)\n", "(expr (call (call (name f)) (int 1)))");
    ASSERT_DUMP("sys.getsizeof(x)\n", "(expr (call (attr (name sys) getsizeof) (name x)))");
}

Test(parse, slices_with_omitted_parts)
{
    ASSERT_DUMP("a[i:j:k], a[:], a[::], a[::2], a[1:], a[:-1], a[i]\n",
                "(expr (tuple (sub (name a) (slice (name i) (name j) (name k))) "
                "(sub (name a) (slice _ _ _)) (sub (name a) (slice _ _ _)) "
                "(sub (name a) (slice _ _ (int 2))) (sub (name a) (slice (int 1) _ _)) "
                "(sub (name a) (slice _ (unary - (int 1)) _)) (sub (name a) (name i))))");
    ASSERT_DUMP("d[1, 2], d[1:2, 3]\n",
                "(expr (tuple (sub (name d) (tuple (int 1) (int 2))) "
                "(sub (name d) (tuple (slice (int 1) (int 2) _) (int 3)))))");
}

/* ---- positions ---------------------------------------------------------- */

Test(parse, nodes_carry_line_and_column_spans)
{
    DiagList dl;
    diag_init(&dl);
    const char *src = "x = 1\nz = x * y\n";
    Ast *ast = parse_module("p", src, strlen(src), &dl);
    cr_assert(ast != NULL);
    const Stmt *s = ast->body.items[1];
    cr_assert(eq(u32, s->line, 2));
    cr_assert(eq(u32, s->col, 1));
    cr_assert(eq(u32, s->end_col, 10));
    const Expr *e = s->u.assign.value;
    cr_assert(eq(u32, e->line, 2));
    cr_assert(eq(u32, e->col, 5));
    cr_assert(eq(u32, e->end_col, 10));
    cr_assert(eq(u32, e->u.binop.right->col, 9));
    cr_assert(eq(int, e->height, 2));
    ast_free(ast);
    diag_free(&dl);
}

Test(parse, columns_count_characters_not_bytes)
{
    DiagList dl;
    diag_init(&dl);
    const char *src = "s = '\xC3\xA9\xC3\xA9' + x\nf'{\xC3\xA9} {y}'\n";
    Ast *ast = parse_module("p", src, strlen(src), &dl);
    cr_assert(ast != NULL);
    const Expr *e = ast->body.items[0]->u.assign.value;
    cr_assert(eq(u32, e->u.binop.right->col, 12));
    const Expr *j = ast->body.items[1]->u.expr.value;
    cr_assert(eq(int, j->u.joined.parts.n, 3));
    cr_assert(eq(u32, j->u.joined.parts.items[2]->u.formatted.value->col, 8));
    cr_assert(eq(u32, j->u.joined.parts.items[2]->u.formatted.value->line, 2));
    ast_free(ast);
    diag_free(&dl);
}

Test(parse, compound_statements_end_with_their_body)
{
    DiagList dl;
    diag_init(&dl);
    const char *src = "if a:\n    b = 1\nelif c:\n    dd = 22\n";
    Ast *ast = parse_module("p", src, strlen(src), &dl);
    cr_assert(ast != NULL);
    const Stmt *s = ast->body.items[0];
    cr_assert(eq(u32, s->end_line, 4));
    cr_assert(eq(u32, s->end_col, 12));
    cr_assert(eq(u32, s->u.if_.orelse.items[0]->line, 3));
    ast_free(ast);
    diag_free(&dl);
}

/* ---- diagnostics: format and CPython's wording ------------------------------ */

Test(parse, diagnostic_shows_line_and_caret)
{
    ASSERT_ERRORS("x = 1\nz = x * * y\n",
                  "prog.py:2:9: SyntaxError: invalid syntax\n"
                  "    z = x * * y\n"
                  "            ^\n");
}

Test(parse, caret_lines_up_under_tabs)
{
    ASSERT_ERRORS("if x:\n\tz = x * * y\n",
                  "prog.py:2:10: SyntaxError: invalid syntax\n"
                  "    \tz = x * * y\n"
                  "    \t        ^\n");
}

Test(parse, common_syntax_errors_use_cpython_wording)
{
    ASSERT_FIRST_ERROR("if x\n    pass\n", "prog.py:1:5: SyntaxError: expected ':'");
    ASSERT_FIRST_ERROR("def f() x:\n pass\n", "prog.py:1:9: SyntaxError: expected ':'");
    ASSERT_FIRST_ERROR("f(a b)\n", "prog.py:1:3: SyntaxError: invalid syntax. Perhaps you forgot a comma?");
    ASSERT_FIRST_ERROR("x = [1, 2 3]\n", "prog.py:1:9: SyntaxError: invalid syntax. Perhaps you forgot a comma?");
    ASSERT_FIRST_ERROR("a b\n", "prog.py:1:3: SyntaxError: invalid syntax");
    ASSERT_FIRST_ERROR("x = \n", "prog.py:1:5: SyntaxError: invalid syntax");
    ASSERT_FIRST_ERROR("x = 1 +\n", "prog.py:1:8: SyntaxError: invalid syntax");
    ASSERT_FIRST_ERROR("x = $\n", "prog.py:1:5: SyntaxError: invalid syntax");
    ASSERT_FIRST_ERROR("else:\n", "prog.py:1:1: SyntaxError: invalid syntax");
    ASSERT_FIRST_ERROR("x = a if b\n", "prog.py:1:5: SyntaxError: expected 'else' after 'if' expression");
    ASSERT_FIRST_ERROR("if x = 1: pass\n",
                       "prog.py:1:4: SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    ASSERT_FIRST_ERROR("print 'hi'\n",
                       "prog.py:1:1: SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?");
}

Test(parse, invalid_assignment_targets)
{
    ASSERT_FIRST_ERROR("1 = x\n",
                       "prog.py:1:1: SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?");
    ASSERT_FIRST_ERROR("f() = 1\n",
                       "prog.py:1:1: SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?");
    ASSERT_FIRST_ERROR("(a, 1) = x\n", "prog.py:1:5: SyntaxError: cannot assign to literal");
    ASSERT_FIRST_ERROR("a = 1 = 2\n", "prog.py:1:5: SyntaxError: cannot assign to literal");
    ASSERT_FIRST_ERROR("a < b = 1\n", "prog.py:1:1: SyntaxError: cannot assign to comparison");
    ASSERT_FIRST_ERROR("True = 1\n", "prog.py:1:1: SyntaxError: cannot assign to True");
    ASSERT_FIRST_ERROR("for 1 in x: pass\n", "prog.py:1:5: SyntaxError: cannot assign to literal");
    ASSERT_FIRST_ERROR("del f()\n", "prog.py:1:5: SyntaxError: cannot delete function call");
    ASSERT_FIRST_ERROR("a, b += 1\n",
                       "prog.py:1:1: SyntaxError: 'tuple' is an illegal expression for augmented assignment");
    ASSERT_FIRST_ERROR("(a, b): int = 1\n",
                       "prog.py:1:1: SyntaxError: only single target (not tuple) can be annotated");
    ASSERT_FIRST_ERROR("[x for x in y] = 1\n",
                       "prog.py:1:1: SyntaxError: cannot assign to list comprehension here. Maybe you meant '==' instead of '='?");
}

Test(parse, call_and_parameter_errors)
{
    ASSERT_FIRST_ERROR("f(1=2)\n",
                       "prog.py:1:3: SyntaxError: expression cannot contain assignment, perhaps you meant \"==\"?");
    ASSERT_FIRST_ERROR("f(a=1, a=2)\n", "prog.py:1:8: SyntaxError: keyword argument repeated: a");
    ASSERT_FIRST_ERROR("f(a=1, 2)\n", "prog.py:1:8: SyntaxError: positional argument follows keyword argument");
    ASSERT_FIRST_ERROR("f(x for x in y, 1)\n", "prog.py:1:3: SyntaxError: Generator expression must be parenthesized");
    ASSERT_FIRST_ERROR("def f(a=1, b): pass\n",
                       "prog.py:1:12: SyntaxError: non-default argument follows default argument");
    ASSERT_FIRST_ERROR("def f(a, a): pass\n",
                       "prog.py:1:10: SyntaxError: duplicate argument 'a' in function definition");
}

Test(parse, statements_outside_their_context)
{
    ASSERT_ERRORS("return 1\n",
                  "prog.py:1:1: SyntaxError: 'return' outside function\n    return 1\n    ^\n");
    ASSERT_FIRST_ERROR("break\n", "prog.py:1:1: SyntaxError: 'break' outside loop");
    ASSERT_FIRST_ERROR("continue\n", "prog.py:1:1: SyntaxError: 'continue' not properly in loop");
    ASSERT_FIRST_ERROR("for x in y: pass\nelse: break\n", "prog.py:2:7: SyntaxError: 'break' outside loop");
    ASSERT_FIRST_ERROR("while x:\n    def f():\n        break\n", "prog.py:3:9: SyntaxError: 'break' outside loop");
}

Test(parse, bracket_errors)
{
    ASSERT_ERRORS("print((1)\nx = 2\n",
                  "prog.py:1:6: SyntaxError: '(' was never closed\n    print((1)\n         ^\n");
    ASSERT_FIRST_ERROR("x = [1, 2\n", "prog.py:1:5: SyntaxError: '[' was never closed");
    ASSERT_FIRST_ERROR(")\n", "prog.py:1:1: SyntaxError: unmatched ')'");
    ASSERT_FIRST_ERROR("(]\n",
                       "prog.py:1:2: SyntaxError: closing parenthesis ']' does not match opening parenthesis '('");
    ASSERT_FIRST_ERROR("(\n]\n",
                       "prog.py:2:1: SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1");
}

Test(parse, string_errors)
{
    ASSERT_ERRORS("s = 'abc\n",
                  "prog.py:1:5: SyntaxError: unterminated string literal (detected at line 1)\n"
                  "    s = 'abc\n        ^\n");
    ASSERT_FIRST_ERROR("s = '''abc\n\nx\n",
                       "prog.py:1:5: SyntaxError: unterminated triple-quoted string literal (detected at line 3)");
    ASSERT_FIRST_ERROR("x = '\\x4'\n",
                       "prog.py:1:5: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes "
                       "in position 0-2: truncated \\xXX escape");
    ASSERT_FIRST_ERROR("x = '\\U00110000'\n",
                       "prog.py:1:5: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes "
                       "in position 0-9: illegal Unicode character");
}

Test(parse, number_errors)
{
    ASSERT_FIRST_ERROR("x = 1a\n", "prog.py:1:5: SyntaxError: invalid decimal literal");
    ASSERT_FIRST_ERROR("x = 1_\n", "prog.py:1:6: SyntaxError: invalid decimal literal");
    ASSERT_FIRST_ERROR("x = 012\n",
                       "prog.py:1:5: SyntaxError: leading zeros in decimal integer literals are not permitted; "
                       "use an 0o prefix for octal integers");
    ASSERT_FIRST_ERROR("x = 0x\n", "prog.py:1:6: SyntaxError: invalid hexadecimal literal");
    ASSERT_FIRST_ERROR("x = 0b2\n", "prog.py:1:7: SyntaxError: invalid digit '2' in binary literal");
    ASSERT_FIRST_ERROR("x = 0o8\n", "prog.py:1:7: SyntaxError: invalid digit '8' in octal literal");
    ASSERT_FIRST_ERROR("x = 1.__class__\n", "prog.py:1:6: SyntaxError: invalid decimal literal");
}

Test(parse, character_errors)
{
    ASSERT_ERRORS("x = 1 \xE2\x82\xAC 2\n",
                  "prog.py:1:7: SyntaxError: invalid character '\xE2\x82\xAC' (U+20AC)\n"
                  "    x = 1 \xE2\x82\xAC 2\n"
                  "          ^\n");
    ASSERT_FIRST_ERROR("x = \xE2\x80\x8B\n", "prog.py:1:5: SyntaxError: invalid non-printable character U+200B");
    ASSERT_FIRST_ERROR("x = 1 \\ 2\n",
                       "prog.py:1:8: SyntaxError: unexpected character after line continuation character");
    ASSERT_FIRST_ERROR("x = 1 \\", "prog.py:1:8: SyntaxError: unexpected EOF while parsing");
}

Test(parse, nul_byte_is_refused)
{
    const char src[] = "x = 1\0\n";
    char *got = first_error(src, sizeof src - 1);
    cr_assert(eq(str, got, "prog.py:1:6: SyntaxError: source code cannot contain null bytes"));
    free(got);
    char *all = errors_n(src, sizeof src - 1);
    cr_assert(eq(str, all, "prog.py:1:6: SyntaxError: source code cannot contain null bytes\n"
                           "    x = 1\xEF\xBF\xBD\n"
                           "         ^\n"));
    free(all);
}

Test(parse, invalid_utf8_is_refused)
{
    ASSERT_FIRST_ERROR("\xff\n",
                       "prog.py:1:1: SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xff "
                       "in position 0: invalid start byte");
    ASSERT_FIRST_ERROR("x = 1\ns = '\xC3('\n",
                       "prog.py:2:6: SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xc3 "
                       "in position 5: invalid continuation byte");
    ASSERT_FIRST_ERROR("s = '\xE2\x82",
                       "prog.py:1:6: SyntaxError: (unicode error) 'utf-8' codec can't decode bytes "
                       "in position 5-6: unexpected end of data");
}

Test(parse, indentation_errors)
{
    ASSERT_ERRORS("  x = 1\n", "prog.py:1:2: IndentationError: unexpected indent\n      x = 1\n     ^\n");
    ASSERT_FIRST_ERROR("if x:\n    a = 1\n  b = 2\n",
                       "prog.py:3:8: IndentationError: unindent does not match any outer indentation level");
    ASSERT_FIRST_ERROR("if x:\npass\n",
                       "prog.py:2:1: IndentationError: expected an indented block after 'if' statement on line 1");
    ASSERT_FIRST_ERROR("def f():\n",
                       "prog.py:1:9: IndentationError: expected an indented block after function definition on line 1");
    ASSERT_FIRST_ERROR("for x in y:\n    pass\nelse:\nz\n",
                       "prog.py:4:1: IndentationError: expected an indented block after 'else' statement on line 3");
}

Test(parse, tabs_and_spaces_must_be_consistent)
{
    ASSERT_FIRST_ERROR("if x:\n\tif y:\n        pass\n",
                       "prog.py:3:1: TabError: inconsistent use of tabs and spaces in indentation");
    ASSERT_FIRST_ERROR("if x:\n        a\n\tb\n",
                       "prog.py:3:1: TabError: inconsistent use of tabs and spaces in indentation");
}

Test(parse, too_many_indentation_levels)
{
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < 120; i++) {
        sb_pad(&b, ' ', (size_t)i);
        sb_puts(&b, "if x:\n");
    }
    sb_pad(&b, ' ', 120);
    sb_puts(&b, "pass\n");
    ASSERT_FIRST_ERROR(b.s, "prog.py:101:1: IndentationError: too many levels of indentation");
    sb_free(&b);
}

Test(parse, fstring_errors)
{
    ASSERT_FIRST_ERROR("f'{x'\n", "prog.py:1:3: SyntaxError: f-string: expecting '}'");
    ASSERT_FIRST_ERROR("f'{}'\n", "prog.py:1:4: SyntaxError: f-string: empty expression not allowed");
    ASSERT_FIRST_ERROR("f'{!r}'\n", "prog.py:1:4: SyntaxError: f-string: expression required before '!'");
    ASSERT_FIRST_ERROR("f'}'\n", "prog.py:1:3: SyntaxError: f-string: single '}' is not allowed");
    ASSERT_FIRST_ERROR("f'{x!z}'\n",
                       "prog.py:1:6: SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'");
    ASSERT_FIRST_ERROR("f'{a:{b:{c}}}'\n", "prog.py:1:9: SyntaxError: f-string: expressions nested too deeply");
    ASSERT_FIRST_ERROR("f'{#}'\n", "prog.py:1:4: SyntaxError: f-string expression part cannot include '#'");
    ASSERT_FIRST_ERROR("f'{a\\n}'\n",
                       "prog.py:1:5: SyntaxError: f-string expression part cannot include a backslash");
    ASSERT_FIRST_ERROR("f'{a b}'\n", "prog.py:1:4: SyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?");
    ASSERT_FIRST_ERROR("f'{1 $ 2}'\n", "prog.py:1:6: SyntaxError: f-string: invalid syntax");
    ASSERT_FIRST_ERROR("f'{a)}'\n", "prog.py:1:5: SyntaxError: f-string: unmatched ')'");
}

/* ---- refused constructs ------------------------------------------------- */

Test(parse, refused_statements_name_the_construct)
{
    ASSERT_ERRORS("class A:\n    pass\n",
                  "prog.py:1:1: SyntaxError: 'class' is not supported by tracevm\n    class A:\n    ^\n");
    ASSERT_FIRST_ERROR("try:\n    pass\nexcept E:\n    pass\nfinally:\n    pass\n",
                       "prog.py:1:1: SyntaxError: 'try' is not supported by tracevm");
    ASSERT_FIRST_ERROR("raise E\n", "prog.py:1:1: SyntaxError: 'raise' is not supported by tracevm");
    ASSERT_FIRST_ERROR("def f():\n    yield 1\n", "prog.py:2:5: SyntaxError: 'yield' is not supported by tracevm");
    ASSERT_FIRST_ERROR("x = yield\n", "prog.py:1:5: SyntaxError: 'yield' is not supported by tracevm");
    ASSERT_FIRST_ERROR("async def f(): pass\n", "prog.py:1:1: SyntaxError: 'async' is not supported by tracevm");
    ASSERT_FIRST_ERROR("await x\n", "prog.py:1:1: SyntaxError: 'await' is not supported by tracevm");
    ASSERT_FIRST_ERROR("def f():\n    nonlocal x\n", "prog.py:2:5: SyntaxError: 'nonlocal' is not supported by tracevm");
    ASSERT_FIRST_ERROR("@d\ndef f(): pass\n", "prog.py:1:1: SyntaxError: '@' (decorator) is not supported by tracevm");
    ASSERT_FIRST_ERROR("match x:\n    case 1:\n        pass\n",
                       "prog.py:1:1: SyntaxError: 'match' is not supported by tracevm");
    ASSERT_FIRST_ERROR("from os import path\n",
                       "prog.py:1:1: SyntaxError: 'from ... import' is not supported by tracevm");
    ASSERT_FIRST_ERROR("import os\n",
                       "prog.py:1:8: SyntaxError: import of module 'os' is not supported by tracevm "
                       "(only 'sys' and 'sqlite3')");
    ASSERT_FIRST_ERROR("import sys, os.path\n",
                       "prog.py:1:13: SyntaxError: import of module 'os.path' is not supported by tracevm "
                       "(only 'sys' and 'sqlite3')");
}

Test(parse, refused_expressions_name_the_construct)
{
    ASSERT_FIRST_ERROR("f = lambda x: x\n", "prog.py:1:5: SyntaxError: 'lambda' is not supported by tracevm");
    ASSERT_FIRST_ERROR("x = 1j\n", "prog.py:1:5: SyntaxError: complex numbers are not supported by tracevm");
    ASSERT_FIRST_ERROR("x = b'a'\n", "prog.py:1:5: SyntaxError: bytes literals are not supported by tracevm");
    ASSERT_FIRST_ERROR("x = 'a' rb'b'\n", "prog.py:1:9: SyntaxError: bytes literals are not supported by tracevm");
    ASSERT_FIRST_ERROR("a @ b\n",
                       "prog.py:1:3: SyntaxError: '@' (matrix multiplication) is not supported by tracevm");
    ASSERT_FIRST_ERROR("a @= b\n",
                       "prog.py:1:3: SyntaxError: '@=' (matrix multiplication) is not supported by tracevm");
    ASSERT_FIRST_ERROR("f(*a)\n", "prog.py:1:3: SyntaxError: '*' unpacking is not supported by tracevm");
    ASSERT_FIRST_ERROR("f(**a)\n", "prog.py:1:3: SyntaxError: '**' unpacking is not supported by tracevm");
    ASSERT_FIRST_ERROR("*a, b = c\n", "prog.py:1:1: SyntaxError: '*' unpacking is not supported by tracevm");
    ASSERT_FIRST_ERROR("d = {**a}\n", "prog.py:1:6: SyntaxError: '**' unpacking is not supported by tracevm");
    ASSERT_FIRST_ERROR("x = ...\n", "prog.py:1:5: SyntaxError: '...' (Ellipsis) is not supported by tracevm");
    ASSERT_FIRST_ERROR("(x := 1)\n",
                       "prog.py:1:4: SyntaxError: ':=' (assignment expression) is not supported by tracevm");
    ASSERT_FIRST_ERROR("x = '\\N{DASH}'\n",
                       "prog.py:1:5: SyntaxError: '\\N{...}' escape is not supported by tracevm");
    ASSERT_FIRST_ERROR("[x async for x in y]\n", "prog.py:1:4: SyntaxError: 'async' is not supported by tracevm");
}

Test(parse, refused_parameters_and_targets)
{
    ASSERT_FIRST_ERROR("def f(*args): pass\n",
                       "prog.py:1:7: SyntaxError: '*args' parameters are not supported by tracevm");
    ASSERT_FIRST_ERROR("def f(**kw): pass\n",
                       "prog.py:1:7: SyntaxError: '**kwargs' parameters are not supported by tracevm");
    ASSERT_FIRST_ERROR("def f(a, *, b): pass\n",
                       "prog.py:1:10: SyntaxError: keyword-only parameters ('*') are not supported by tracevm");
    ASSERT_FIRST_ERROR("def f(a, /): pass\n",
                       "prog.py:1:10: SyntaxError: positional-only parameters ('/') are not supported by tracevm");
    ASSERT_FIRST_ERROR("x.a = 1\n",
                       "prog.py:1:1: SyntaxError: assigning to an attribute 'a' is not supported by tracevm");
    ASSERT_FIRST_ERROR("a, x.b = 1, 2\n",
                       "prog.py:1:4: SyntaxError: assigning to an attribute 'b' is not supported by tracevm");
    ASSERT_FIRST_ERROR("x.a += 1\n",
                       "prog.py:1:1: SyntaxError: assigning to an attribute 'a' is not supported by tracevm");
    ASSERT_FIRST_ERROR("del x.a\n",
                       "prog.py:1:5: SyntaxError: deleting an attribute 'a' is not supported by tracevm");
    ASSERT_FIRST_ERROR("with f() as x.y: pass\n",
                       "prog.py:1:13: SyntaxError: 'with ... as' target other than a name is not supported by tracevm");
}

/* ---- recovery ----------------------------------------------------------- */

Test(parse, several_errors_are_reported_one_per_statement)
{
    ASSERT_ERRORS("a b\nc = 1\nif x y:\n    q = = 2\nelse:\n    pass\nreturn 5\n",
                  "prog.py:1:3: SyntaxError: invalid syntax\n    a b\n      ^\n"
                  "prog.py:3:6: SyntaxError: invalid syntax\n    if x y:\n         ^\n"
                  "prog.py:7:1: SyntaxError: 'return' outside function\n    return 5\n    ^\n");
}

Test(parse, errors_inside_blocks_do_not_hide_later_statements)
{
    ASSERT_ERRORS("def f():\n    x = = 1\n    return x\nclass A: pass\n",
                  "prog.py:2:9: SyntaxError: invalid syntax\n        x = = 1\n            ^\n"
                  "prog.py:4:1: SyntaxError: 'class' is not supported by tracevm\n    class A: pass\n    ^\n");
}

Test(parse, a_refused_statement_is_reported_once)
{
    ASSERT_ERRORS("x = 1\nclass A: pass\ny = 2\nimport os\nz = 3\n",
                  "prog.py:2:1: SyntaxError: 'class' is not supported by tracevm\n    class A: pass\n    ^\n"
                  "prog.py:4:8: SyntaxError: import of module 'os' is not supported by tracevm "
                  "(only 'sys' and 'sqlite3')\n    import os\n           ^\n");
}

Test(parse, tokenizer_error_overrides_what_follows_it)
{
    ASSERT_ERRORS("x = 1 +\ny = (2\nz = 3 3\n",
                  "prog.py:1:8: SyntaxError: invalid syntax\n    x = 1 +\n           ^\n"
                  "prog.py:2:5: SyntaxError: '(' was never closed\n    y = (2\n        ^\n");
}

Test(parse, error_count_is_capped)
{
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < 50; i++)
        sb_puts(&b, "a b\n");
    DiagList dl;
    diag_init(&dl);
    Ast *ast = parse_module("p", b.s, b.len, &dl);
    cr_assert(ast == NULL);
    cr_assert(eq(int, dl.n, PARSE_MAX_DIAGS));
    diag_free(&dl);
    sb_free(&b);
}

/* ---- limits ------------------------------------------------------------- */

static char *repeat(const char *prefix, const char *unit, int n, const char *mid,
                    const char *unit2, int n2, const char *suffix)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, prefix);
    for (int i = 0; i < n; i++)
        sb_puts(&b, unit);
    sb_puts(&b, mid);
    for (int i = 0; i < n2; i++)
        sb_puts(&b, unit2);
    sb_puts(&b, suffix);
    return sb_take(&b);
}

Test(parse, ten_thousand_nested_parentheses)
{
    char *src = repeat("x = ", "(", 10000, "1", ")", 10000, "\n");
    char *got = first_error(src, strlen(src));
    cr_assert(eq(str, got, "prog.py:1:205: SyntaxError: too many nested parentheses"));
    free(got);
    free(src);
    src = repeat("x = ", "[", 199, "1", "]", 199, "\n");
    got = dump(src);
    cr_assert(eq(int, strncmp(got, "(assign (name x) (list (list", 28), 0));
    free(got);
    free(src);
}

Test(parse, ten_thousand_unary_operators)
{
    char *src = repeat("x = ", "-", 10000, "1", "", 0, "\n");
    char *got = first_error(src, strlen(src));
    cr_assert(eq(str, got, "prog.py:1:1005: SyntaxError: expression too deeply nested"));
    free(got);
    free(src);
    src = repeat("x = ", "not ", 10000, "1", "", 0, "\n");
    got = first_error(src, strlen(src));
    cr_assert(eq(str, got, "prog.py:1:4005: SyntaxError: expression too deeply nested"));
    free(got);
    free(src);
    src = repeat("x = ", "- ~", 400, "1", "", 0, "\n");
    got = dump(src);
    cr_assert(eq(int, strncmp(got, "(assign (name x) (unary - (unary ~", 34), 0));
    free(got);
    free(src);
}

Test(parse, long_operator_chains_are_bounded)
{
    char *src = repeat("x = 1", " + 1", 10000, "", "", 0, "\n");
    char *got = first_error(src, strlen(src));
    cr_assert(eq(str, got, "prog.py:1:5: SyntaxError: expression too deeply nested"));
    free(got);
    free(src);
    src = repeat("x = 2", "**2", 10000, "", "", 0, "\n");
    got = first_error(src, strlen(src));
    cr_assert(eq(str, got, "prog.py:1:3005: SyntaxError: expression too deeply nested"));
    free(got);
    free(src);
    src = repeat("x = ", "a if b else ", 5000, "c", "", 0, "\n");
    got = first_error(src, strlen(src));
    cr_assert(eq(int, strncmp(got, "prog.py:1:", 10), 0));
    free(got);
    free(src);
    src = repeat("f", "(1)", 5000, "", "", 0, "\n");
    got = first_error(src, strlen(src));
    cr_assert(eq(str, got, "prog.py:1:1: SyntaxError: expression too deeply nested"));
    free(got);
    free(src);
    src = repeat("x = 1", " + 1", 500, "", "", 0, "\n");
    got = dump(src);
    cr_assert(eq(int, strncmp(got, "(assign (name x) (binop +", 25), 0));
    free(got);
    free(src);
}

Test(parse, long_elif_chains_are_bounded)
{
    char *src = repeat("if a:\n    pass\n", "elif a:\n    pass\n", 5000, "", "", 0, "");
    char *got = first_error(src, strlen(src));
    cr_assert(eq(str, got, "prog.py:2001:1: SyntaxError: too many statically nested blocks"));
    free(got);
    free(src);
    src = repeat("if a:\n    pass\n", "elif a:\n    pass\n", 500, "else:\n    x = 1\n", "", 0, "");
    got = dump(src);
    cr_assert(eq(int, strncmp(got, "(if (name a) (body (pass)) (else (if", 36), 0));
    free(got);
    free(src);
}

/* ---- robustness --------------------------------------------------------- */

static const char *const valid_programs[] = {
    "import sys\n"
    "def fib(n, memo=None):\n"
    "    if n < 2:\n"
    "        return n\n"
    "    return fib(n - 1) + fib(n - 2)\n"
    "xs = [fib(i) for i in range(10) if i % 2 == 0]\n"
    "print(f\"{xs!r:>{20}} {len(xs)=}\", sep='', end='\\n')\n"
    "d = {k: v for k, v in zip('abc', xs)}\n"
    "for i, x in enumerate(xs):\n"
    "    if x > 3 and not i:\n"
    "        continue\n"
    "    elif x:\n"
    "        break\n"
    "else:\n"
    "    pass\n",

    "x: int = 0x_ff\r\n"
    "while x:\r\n"
    "\tx -= 1; y = x ** -2 if x else 1.5e-3\r\n"
    "s = 'a' \"b\" '''c\r\nd''' r'\\d' f'{x:{y}.{2}}'\r\n"
    "a, (b, c) = [1, (2, 3)]\r\n"
    "del a, s[1:2:3]\r\n"
    "with open('f') as fh, open('g'):\r\n"
    "    assert fh, \"msg\"\r\n"
    "global q\r\n"
    "z = a[::2], a[1, 2], -a[0] ** 2, ~1 << 3 | 4 & 5 ^ 6\r\n",

    "def f(a, b=(1, 2), c={'k': [1, {2, 3}]}):\n"
    "    global g\n"
    "    g = sum(x * x for x in a)\n"
    "    return g, b, c\n"
    "print(f([1, 2]), sorted([3, 1], key=abs, reverse=True))\n"
    "x = 1 if True else None\n"
    "\xCF\x80 = 3.14159\n"
    "t = ()\n"
    "n = (1,)\n"
    "q = not x is not None in [1] < 2\n",
};

static const char alphabet[] = "()[]{}:;,.'\"\\\n\r\t #=+-*/%fbrx0_19eE.\xC3\xA9\xFF\x00@!~<>&|^jNu";

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* Parses and, on success, dumps (so the whole tree is walked). */
static void parse_any(const char *src, size_t len)
{
    DiagList dl;
    diag_init(&dl);
    Ast *ast = parse_module("fuzz.py", src, len, &dl);
    StrBuf out;
    sb_init(&out);
    if (ast) {
        cr_assert(eq(int, dl.n, 0));
        ast_dump(ast, &out);
    } else {
        cr_assert(dl.n > 0);
        diag_format_all(&dl, "fuzz.py", src, len, &out);
        for (int i = 1; i < dl.n; i++)      /* recovery always moves on */
            cr_assert(dl.items[i - 1].line < dl.items[i].line ||
                      (dl.items[i - 1].line == dl.items[i].line &&
                       dl.items[i - 1].col < dl.items[i].col),
                      "diagnostics out of order or repeated:\n%s", out.s);
    }
    sb_free(&out);
    ast_free(ast);
    diag_free(&dl);
}

Test(parse, the_sample_programs_parse)
{
    for (size_t i = 0; i < sizeof valid_programs / sizeof valid_programs[0]; i++) {
        char *got = dump(valid_programs[i]);
        cr_assert(strcmp(got, "<errors>") != 0, "program %zu failed", i);
        free(got);
    }
}

Test(parse, every_prefix_of_valid_programs_returns)
{
    for (size_t i = 0; i < sizeof valid_programs / sizeof valid_programs[0]; i++) {
        size_t n = strlen(valid_programs[i]);
        for (size_t k = 0; k <= n; k++) {
            char *copy = xmalloc(k ? k : 1);    /* exact size: ASan sees overreads */
            memcpy(copy, valid_programs[i], k);
            parse_any(copy, k);
            free(copy);
        }
    }
}

Test(parse, randomly_mutated_programs_return)
{
    for (int round = 0; round < 3000; round++) {
        const char *base = valid_programs[round % 3];
        size_t n = strlen(base);
        char *buf = xmalloc(n + 16);
        memcpy(buf, base, n);
        int edits = 1 + (int)(rng() % 4);
        for (int e = 0; e < edits; e++) {
            size_t at = rng() % (n ? n : 1);
            char c = alphabet[rng() % (sizeof alphabet - 1)];
            switch (rng() % 3) {
            case 0:
                buf[at] = c;
                break;
            case 1:                                 /* insert */
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = c;
                n++;
                break;
            default:                                /* delete */
                if (n > 1) {
                    memmove(buf + at, buf + at + 1, n - at - 1);
                    n--;
                }
            }
            if (n + 8 > strlen(base) + 16)
                break;
        }
        char *exact = xmalloc(n);
        memcpy(exact, buf, n);
        parse_any(exact, n);
        free(exact);
        free(buf);
    }
}
