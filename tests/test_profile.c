/*
** tests/test_profile.c: the profile loader (vm/profile.c) and the shipped
** profiles. The shipped files must carry the fact sheet's numbers
** (/work/shared/reference/cpython-object-model.md, sections 1-14); bad
** files, written to a temporary directory, must give the exact one-line
** message with line:col.
*/
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/profile.h"

#ifndef PROJECT_ROOT
#define PROJECT_ROOT "."
#endif

#define REAL_DIR PROJECT_ROOT "/profiles"

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/tracevm-profile-XXXXXX");
    cr_assert(mkdtemp(tmpdir) != NULL);
}

static void remove_tmpdir(void)
{
    DIR *d = opendir(tmpdir);
    if (!d) return;
    char path[512];
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(tmpdir);
}

TestSuite(profile, .timeout = 30, .init = make_tmpdir, .fini = remove_tmpdir);

/* Writes text[0..len) to <tmpdir>/<name>; the path goes to 'path'. */
static void write_file(const char *name, const char *text, size_t len, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    cr_assert(f != NULL);
    cr_assert(eq(sz, fwrite(text, 1, len, f), len));
    cr_assert(eq(int, fclose(f), 0));
}

/* The text of a shipped profile (caller frees). */
static char *shipped(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.yaml", REAL_DIR, name);
    FILE *f = fopen(path, "rb");
    cr_assert(f != NULL, "cannot open %s", path);
    char *buf = malloc(1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* 'text' with its one occurrence of 'old' replaced (caller frees). */
static char *replace(const char *text, const char *old, const char *new_)
{
    const char *at = strstr(text, old);
    cr_assert(at != NULL, "'%s' not in the profile", old);
    cr_assert(strstr(at + 1, old) == NULL, "'%s' occurs twice", old);
    size_t n = strlen(text) - strlen(old) + strlen(new_);
    char *out = malloc(n + 1);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    strcpy(out + head, new_);
    strcat(out, at + strlen(old));
    return out;
}

/* 1-based line of the first 'needle' in 'text'. */
static int line_of(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    cr_assert(at != NULL, "'%s' not found", needle);
    int line = 1;
    for (const char *p = text; p < at; p++) line += *p == '\n';
    return line;
}

/* "L:C" of the value that follows the first 'key' in 'text'. */
static void value_pos(const char *text, const char *key, char *out, size_t cap)
{
    const char *at = strstr(text, key);
    cr_assert(at != NULL, "'%s' not found", key);
    const char *v = at + strlen(key);
    while (*v == ' ') v++;
    const char *bol = v;
    while (bol > text && bol[-1] != '\n') bol--;
    snprintf(out, cap, "%d:%d", line_of(text, key), (int)(v - bol) + 1);
}

/* Loads 'text' as <tmpdir>/bad.yaml and checks the error is exactly
** "<path>:<where>" (where = "L:C: error: ..." or ": error: ..."). */
static void expect_error_n(const char *text, size_t len, const char *where)
{
    char path[256], err[1024], want[1400];
    Profile p;
    write_file("bad.yaml", text, len, path, sizeof path);
    cr_assert(eq(int, profile_load(path, &p, err, sizeof err), -1));
    snprintf(want, sizeof want, "%s%s%s", path, where[0] == ':' ? "" : ":", where);
    cr_assert(eq(str, err, want));
}

static void expect_error(const char *text, const char *where)
{
    expect_error_n(text, strlen(text), where);
}

/* A shipped profile with one edit must give the error 'msg' at the value
** of 'key' (the text after 'key' in the edited file). */
static void expect_edit_error(const char *profile, const char *old, const char *new_,
                              const char *key, const char *msg)
{
    char *base = shipped(profile);
    char *text = replace(base, old, new_);
    char pos[32], where[600];
    value_pos(text, key, pos, sizeof pos);
    snprintf(where, sizeof where, "%s: error: %s", pos, msg);
    expect_error(text, where);
    free(text);
    free(base);
}

static Profile load_ok(const char *name)
{
    Profile p;
    char err[1024] = "";
    int rc = profile_load(name, &p, err, sizeof err);
    cr_assert(eq(int, rc, 0), "%s", err);
    return p;
}

/* ------------------------------------------------------------------ */
/* The shipped profiles carry the fact sheet's numbers                 */
/* ------------------------------------------------------------------ */

Test(profile, cpython_3_12_64bit_has_the_fact_sheet_numbers)
{
    Profile p = load_ok("cpython-3.12-64bit");
    const Layout *L = &p.layout;
    cr_assert(eq(str, p.name, "cpython-3.12-64bit"));
    cr_assert(eq(str, p.python_version, "3.12"));
    cr_assert(eq(u32, L->word, 8));
    cr_assert(not(L->big_endian));
    cr_assert(eq(u32, L->u64_align, 8));
    cr_assert(eq(u32, L->gc_header, 16));                      /* §1 */
    cr_assert(eq(u32, L->digit_bits, 30));                     /* §3 */
    cr_assert(eq(u32, L->digit_bytes, 4));
    cr_assert(eq(int, L->int_size_encoding, INT_SIZE_LV_TAG));
    cr_assert(eq(int, L->small_int_min, -5));                  /* §11 */
    cr_assert(eq(int, L->small_int_max, 256));
    cr_assert(eq(u32, L->small_int_stride, 32));               /* §2 */
    cr_assert(eq(u32, L->max_str_digits, 4300));
    cr_assert(eq(u32, L->none_size, 16));                      /* §4 */
    cr_assert(eq(u32, L->bool_size, 28));
    cr_assert(eq(u32, L->float_size, 24));
    cr_assert(eq(u32, L->str_ascii_header, 40));               /* §5 */
    cr_assert(eq(u32, L->str_compact_header, 56));
    cr_assert(L->str_latin1_singleton_utf8);
    cr_assert(eq(u32, L->tuple_base, 40));                     /* §6 */
    cr_assert(eq(u32, L->tuple_item, 8));
    cr_assert(eq(u32, L->list_base, 56));                      /* §7 */
    cr_assert(eq(u32, L->list_slot, 8));
    cr_assert(eq(u32, L->dict_empty, 64));                     /* §8 */
    cr_assert(eq(u32, L->dict_keys_header, 32));
    cr_assert(eq(u32, L->dict_entry_str, 16));
    cr_assert(eq(u32, L->dict_entry_generic, 24));
    cr_assert(eq(u32, L->dict_min_slots, 8));
    cr_assert(eq(u32, L->set_empty, 216));
    cr_assert(eq(u32, L->function_size, 160));                 /* §9 */
    cr_assert(eq(u32, L->range_size, 48));
    cr_assert(eq(u32, L->iter_size, 48));
    cr_assert(eq(int, L->refcount_rule, RC_IMMORTAL));         /* §10 */
    cr_assert(eq(u64, L->static_refcnt, 4294967295u));
    cr_assert(L->interned_immortal);
    cr_assert(L->script_ast_refs);
    cr_assert(eq(u32, L->alignment, 16));                      /* §2 */
    cr_assert(eq(u32, L->small_threshold, 512));
    cr_assert(eq(u32, L->pool_size, 16384));
    cr_assert(eq(u32, L->arena_size, 1048576));
    cr_assert(eq(u32, L->pool_header, 48));
    cr_assert(eq(u32, L->float_freelist, 100));
    cr_assert(eq(u32, L->list_freelist, 80));
    cr_assert(eq(u32, L->dict_freelist, 80));
    cr_assert(eq(u32, L->dict_keys_at_start, 5));
    cr_assert(eq(u32, L->tuple_freelist, 2000));
    cr_assert(eq(u32, L->tuple_freelist_maxlen, 20));
    cr_assert(eq(u64, L->ram_base, 0x7f0000000000u));
    cr_assert(eq(u64, L->ram_size, 1u << 30));
    cr_assert(eq(u64, L->code_size, 1u << 20));
    cr_assert(eq(u64, L->static_size, 1u << 20));
    cr_assert(eq(u64, L->stack_size, 1u << 20));
    cr_assert(eq(u32, p.recursion_limit, 1000));
}

Test(profile, cpython_3_12_32bit_follows_i386)
{
    Profile p = load_ok("cpython-3.12-32bit");
    const Layout *L = &p.layout;
    cr_assert(eq(str, p.python_version, "3.12"));
    cr_assert(eq(u32, L->word, 4));
    cr_assert(eq(u32, L->u64_align, 4));                       /* i386, not wasm32 */
    cr_assert(eq(u32, L->gc_header, 8));
    cr_assert(eq(u32, L->digit_bits, 30));                     /* not 15 (§3, §13) */
    cr_assert(eq(int, L->int_size_encoding, INT_SIZE_LV_TAG));
    cr_assert(eq(u32, L->small_int_stride, 16));
    cr_assert(eq(u32, L->none_size, 8));
    cr_assert(eq(u32, L->bool_size, 16));
    cr_assert(eq(u32, L->float_size, 16));
    cr_assert(eq(u32, L->str_ascii_header, 20));
    cr_assert(eq(u32, L->str_compact_header, 28));
    cr_assert(L->str_latin1_singleton_utf8);
    cr_assert(eq(u32, L->tuple_base, 20));
    cr_assert(eq(u32, L->tuple_item, 4));
    cr_assert(eq(u32, L->list_base, 28));                      /* not 36 (§13) */
    cr_assert(eq(u32, L->list_slot, 4));
    cr_assert(eq(u32, L->dict_empty, 36));                     /* wasm32 would be 40 */
    cr_assert(eq(u32, L->dict_keys_header, 20));
    cr_assert(eq(u32, L->dict_entry_str, 8));
    cr_assert(eq(u32, L->dict_entry_generic, 12));
    cr_assert(eq(u32, L->set_empty, 108));
    cr_assert(eq(u32, L->function_size, 80));
    cr_assert(eq(u32, L->range_size, 24));
    cr_assert(eq(u32, L->iter_size, 24));
    cr_assert(eq(int, L->refcount_rule, RC_IMMORTAL));
    cr_assert(eq(u64, L->static_refcnt, 1073741823u));
    cr_assert(L->interned_immortal);
    cr_assert(eq(u32, L->alignment, 8));
    cr_assert(eq(u32, L->pool_size, 4096));
    cr_assert(eq(u32, L->arena_size, 262144));
    cr_assert(eq(u32, L->pool_header, 32));
    cr_assert(eq(u64, L->ram_size, 128u << 20));
    cr_assert(eq(u32, p.recursion_limit, 1000));
}

Test(profile, cpython_3_11_64bit_has_wstr_headers_and_counting_statics)
{
    Profile p = load_ok("cpython-3.11-64bit");
    const Layout *L = &p.layout;
    cr_assert(eq(str, p.python_version, "3.11"));
    cr_assert(eq(u32, L->word, 8));
    cr_assert(eq(u32, L->gc_header, 16));
    cr_assert(eq(int, L->int_size_encoding, INT_SIZE_SIGNED));
    cr_assert(eq(u32, L->str_ascii_header, 48));
    cr_assert(eq(u32, L->str_compact_header, 72));
    cr_assert(not(L->str_latin1_singleton_utf8));
    cr_assert(eq(u32, L->list_base, 56));
    cr_assert(eq(u32, L->tuple_base, 40));
    cr_assert(eq(u32, L->dict_empty, 64));
    cr_assert(eq(u32, L->function_size, 152));
    cr_assert(eq(int, L->refcount_rule, RC_STATIC_COUNTING));
    cr_assert(eq(u64, L->static_refcnt, 999999999u));
    cr_assert(not(L->interned_immortal));
    cr_assert(L->script_ast_refs);
    cr_assert(eq(u32, L->pool_size, 16384));
    cr_assert(eq(u32, L->pool_header, 48));
    cr_assert(eq(u64, L->ram_base, 0x7f0000000000u));
}

Test(profile, cpython_3_11_32bit_follows_i386)
{
    Profile p = load_ok("cpython-3.11-32bit");
    const Layout *L = &p.layout;
    cr_assert(eq(str, p.python_version, "3.11"));
    cr_assert(eq(u32, L->word, 4));
    cr_assert(eq(u32, L->u64_align, 4));
    cr_assert(eq(u32, L->gc_header, 8));
    cr_assert(eq(u32, L->digit_bits, 30));
    cr_assert(eq(u32, L->digit_bytes, 4));
    cr_assert(eq(int, L->int_size_encoding, INT_SIZE_SIGNED));
    cr_assert(eq(u32, L->bool_size, 16));
    cr_assert(eq(u32, L->str_ascii_header, 24));
    cr_assert(eq(u32, L->str_compact_header, 36));
    cr_assert(not(L->str_latin1_singleton_utf8));
    cr_assert(eq(u32, L->list_base, 28));
    cr_assert(eq(u32, L->dict_empty, 36));
    cr_assert(eq(u32, L->set_empty, 108));
    cr_assert(eq(u32, L->function_size, 76));
    cr_assert(eq(int, L->refcount_rule, RC_STATIC_COUNTING));
    cr_assert(eq(u64, L->static_refcnt, 999999999u));
    cr_assert(not(L->interned_immortal));
    cr_assert(eq(u32, L->alignment, 8));
    cr_assert(eq(u32, L->pool_size, 4096));
    cr_assert(eq(u32, L->arena_size, 262144));
    cr_assert(eq(u32, L->pool_header, 32));
}

Test(profile, memory_maps_are_arena_aligned_and_fit_the_word)
{
    const char *names[] = { "cpython-3.11-32bit", "cpython-3.11-64bit",
                            "cpython-3.12-32bit", "cpython-3.12-64bit", "tiny" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        Profile p = load_ok(names[i]);
        const Layout *L = &p.layout;
        cr_assert(eq(u64, L->ram_base % L->arena_size, 0), "%s", names[i]);
        cr_assert(ge(u64, L->ram_size, L->code_size + L->static_size + L->stack_size
                                        + L->arena_size), "%s", names[i]);
        if (L->word == 4) {
            cr_assert(le(u64, L->ram_base + L->ram_size, 1ull << 32), "%s", names[i]);
            cr_assert(eq(u64, L->ram_base >> 24, 0xf7), "%s: ids look like 0xf7...", names[i]);
        } else {
            cr_assert(eq(u64, L->ram_base >> 40, 0x7f), "%s: ids look like 0x7f...", names[i]);
        }
        cr_assert(gt(sz, strlen(p.description), 10), "%s", names[i]);
    }
}

Test(profile, tiny_has_room_for_exactly_two_arenas)
{
    Profile p = load_ok("tiny");
    const Layout *L = &p.layout;
    cr_assert(eq(str, p.name, "tiny"));
    cr_assert(eq(u64, L->ram_size,
                 L->code_size + L->static_size + L->stack_size + 2ull * L->arena_size));
    cr_assert(eq(u32, L->list_base, 56));
    cr_assert(not(eq(ptr, strstr(p.description, "MemoryError"), NULL)));
}

Test(profile, loads_by_path_and_names_it_after_the_file)
{
    Profile p = load_ok(REAL_DIR "/cpython-3.11-32bit.yaml");
    cr_assert(eq(str, p.name, "cpython-3.11-32bit"));
    cr_assert(eq(u32, p.layout.word, 4));
}

Test(profile, a_copied_profile_with_one_changed_number_loads)
{
    /* The README's recipe: copy, change list.slot, use --profile path. */
    char *base = shipped("cpython-3.12-64bit");
    char *text = replace(base, "  slot: 8\n", "  slot: 16\n");
    char path[256];
    write_file("my.yaml", text, strlen(text), path, sizeof path);
    Profile p = load_ok(path);
    cr_assert(eq(str, p.name, "my"));
    cr_assert(eq(u32, p.layout.list_slot, 16));
    cr_assert(eq(u32, p.layout.list_base, 56));
    free(text);
    free(base);
}

Test(profile, accepts_hex_decimal_and_flow_mappings)
{
    char *base = shipped("cpython-3.12-64bit");
    char *t1 = replace(base, "  pool_size: 16384 ", "  pool_size: 0x4000 ");
    char *t2 = replace(t1, "none:\n  size: 16 ", "none: {size: 16}\n ");
    char path[256];
    write_file("hex.yaml", t2, strlen(t2), path, sizeof path);
    Profile p = load_ok(path);
    cr_assert(eq(u32, p.layout.pool_size, 16384));
    cr_assert(eq(u32, p.layout.none_size, 16));
    free(t2);
    free(t1);
    free(base);
}

/* ------------------------------------------------------------------ */
/* Bad profiles: one exact line each                                   */
/* ------------------------------------------------------------------ */

Test(profile, unknown_key_is_named_with_a_suggestion)
{
    expect_error("list:\n  slott: 8\n",
                 "2:3: error: unknown key 'list.slott' (did you mean 'list.slot'?)");
    expect_error("description: x\nlst:\n  slot: 8\n",
                 "2:1: error: unknown key 'lst' (did you mean 'list'?)");
    expect_error("machine:\n  colour: blue\n", "2:3: error: unknown key 'machine.colour'");
}

Test(profile, missing_key_is_reported_at_its_mapping)
{
    char *base = shipped("cpython-3.12-64bit");
    char *text = replace(base, "  digit_bits: 30            # §3, sys.int_info\n", "");
    char where[128];
    snprintf(where, sizeof where, "%d:3: error: missing key 'int.digit_bits'",
             line_of(text, "  digit_bytes:"));
    expect_error(text, where);
    free(text);

    text = replace(base, "vm:\n  recursion_limit: 1000", "");
    snprintf(where, sizeof where, "%d:1: error: missing key 'vm'", line_of(text, "description:"));
    expect_error(text, where);
    free(text);
    free(base);
}

Test(profile, wrong_type_is_reported_at_the_value)
{
    expect_error("machine:\n  word: eight\n",
                 "2:9: error: 'machine.word' must be an integer, got 'eight'");
    expect_error("machine:\n  word: \"8\"\n",
                 "2:9: error: 'machine.word' must be an integer, got the string \"8\"");
    expect_error("machine:\n  word:\n",
                 "2:8: error: 'machine.word' must be an integer, got nothing");
    expect_error("machine:\n  word: [8]\n",
                 "2:9: error: 'machine.word' must be an integer, got a sequence");
    expect_error("str:\n  latin1_singleton_utf8: yes\n",
                 "2:26: error: 'str.latin1_singleton_utf8' must be true or false, got 'yes'");
    expect_error("machine:\n  endian: middle\n",
                 "2:11: error: 'machine.endian' must be little or big, got 'middle'");
    expect_error("refcount:\n  rule: never\n",
                 "2:9: error: 'refcount.rule' must be static_counting or immortal, got 'never'");
    expect_error("list: 5\n", "1:7: error: 'list' must be a mapping of keys, got '5'");
    expect_error("python_version: three\n",
                 "1:17: error: 'python_version' must be a version such as 3.12, got 'three'");
}

Test(profile, out_of_range_values_are_refused)
{
    expect_error("machine:\n  word: 16\n", "2:9: error: 'machine.word' must be 4 or 8, got 16");
    expect_error("int:\n  digit_bits: 16\n",
                 "2:15: error: 'int.digit_bits' must be 15 or 30, got 16");
    expect_error("list:\n  slot: -8\n", "2:9: error: 'list.slot' must not be negative, got -8");
    expect_error("int:\n  small_min: -2000\n",
                 "2:14: error: 'int.small_min' must be between -1024 and 0, got -2000");
    expect_error("allocator:\n  small_threshold: 1024\n",
                 "2:20: error: 'allocator.small_threshold' must be between 8 and 512, got 1024");
    expect_error("ram:\n  size: 0x80000000\n",
                 "2:9: error: 'ram.size' must be between 0x1000 and 0x40000000, got 0x80000000");
}

Test(profile, huge_numbers_are_out_of_range)
{
    expect_error("machine:\n  word: 99999999999999999999999\n",
                 "2:9: error: 'machine.word' must be 4 or 8, got 99999999999999999999999");
    expect_error("ram:\n  base: 0x10000000000000000\n",
                 "2:9: error: 'ram.base' must be between 0x1 and 0xffffffffffffffff, "
                 "got 0x10000000000000000");
    expect_error("int:\n  small_min: -99999999999999999999999\n",
                 "2:14: error: 'int.small_min' must be between -1024 and 0, "
                 "got -99999999999999999999999");
}

Test(profile, checks_between_keys_name_the_key)
{
    expect_edit_error("cpython-3.12-64bit", "  arena_size: 1048576 ", "  arena_size: 8192 ",
                      "  pool_size:",
                      "'allocator.pool_size' must be at most 'allocator.arena_size' (8192), "
                      "got 16384");
    expect_edit_error("cpython-3.12-64bit", "  size: 0x40000000 ", "  size: 0x300000 ",
                      "  size:",
                      "'ram.size' must be at least 0x400000 (code + static + stack rounded up "
                      "to an arena, plus one arena), got 0x300000");
    expect_edit_error("cpython-3.12-64bit", "  base: 0x7f0000000000 ",
                      "  base: 0x7f0000001000 ", "  base:",
                      "'ram.base' must be a multiple of 'allocator.arena_size' (0x100000), "
                      "got 0x7f0000001000");
    expect_edit_error("cpython-3.12-32bit", "  base: 0xf7000000 ", "  base: 0xff000000 ",
                      "  size:",
                      "'ram.size' puts the end of RAM (0xff000000 + 0x8000000) beyond the "
                      "32-bit address space");
    expect_edit_error("cpython-3.12-32bit", "  static_refcnt: 1073741823 ",
                      "  static_refcnt: 4294967295 ", "  static_refcnt:",
                      "'refcount.static_refcnt' must be at most 2147483647 (Py_ssize_t on a "
                      "4-byte word), got 4294967295");
    expect_edit_error("cpython-3.11-64bit", "  interned_immortal: false ",
                      "  interned_immortal: true ", "  interned_immortal:",
                      "'refcount.interned_immortal' can be true only with "
                      "'refcount.rule: immortal'");
    expect_edit_error("cpython-3.12-64bit", "  digit_bits: 30 ", "  digit_bits: 15 ",
                      "  digit_bytes:",
                      "'int.digit_bytes' must be 2 when 'int.digit_bits' is 15, got 4");
    expect_edit_error("cpython-3.12-64bit", "  pool_size: 16384 ", "  pool_size: 20000 ",
                      "  pool_size:", "'allocator.pool_size' must be a power of two, got 20000");
    expect_edit_error("cpython-3.12-64bit", "  max_str_digits: 4300 ",
                      "  max_str_digits: 100 ", "  max_str_digits:",
                      "'int.max_str_digits' must be 0 (no limit) or at least 640, got 100");
    expect_edit_error("cpython-3.12-64bit", "  slot: 8\n", "  slot: 12\n", "  slot:",
                      "'list.slot' must be a multiple of 'machine.word' (8), got 12");
}

Test(profile, duplicate_keys_are_refused)
{
    expect_error("machine:\n  word: 8\n  word: 4\n",
                 "3:3: error: duplicate key 'machine.word' (first at line 2)");
    expect_error("list:\n  slot: 8\ndescription: x\nlist:\n  base: 56\n",
                 "4:1: error: duplicate key 'list' (first at line 1)");
}

Test(profile, aliases_are_refused_where_they_appear)
{
    expect_error("machine: &m\n  word: 8\nram: *m\n",
                 "3:6: error: aliases are not allowed in a profile");
    /* a billion laughs never gets expanded */
    expect_error("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n",
                 "2:8: error: aliases are not allowed in a profile");
}

Test(profile, a_second_document_is_refused)
{
    expect_error("machine:\n  word: 8\n---\nmachine:\n  word: 4\n",
                 "3:1: error: more than one document (a profile is a single mapping)");
}

Test(profile, empty_files_and_non_mappings_are_refused)
{
    expect_error("", "1:1: error: profile is empty");
    expect_error("# nothing but a comment\n", "1:1: error: profile is empty");
    expect_error("---\n", "1:1: error: profile is empty");
    expect_error("- a\n- b\n", "1:1: error: a profile must be a mapping of keys, got a sequence");
    expect_error("just words\n",
                 "1:1: error: a profile must be a mapping of keys, got 'just words'");
}

Test(profile, syntax_errors_carry_libyaml_problem_and_context)
{
    expect_error("machine:\n  word: 8\n endian: little\n",
                 "3:2: error: did not find expected key "
                 "(while parsing a block mapping at line 1, column 1)");
    expect_error("list: [1, 2\n",
                 "2:1: error: did not find expected ',' or ']' "
                 "(while parsing a flow sequence at line 1, column 7)");
}

Test(profile, invalid_utf8_is_reported_with_its_byte_offset)
{
    expect_error("description: ok\xff\n",
                 ": error: invalid leading UTF-8 octet (#FF) at byte offset 15");
    expect_error("description: caf\xe9\n",
                 ": error: incomplete UTF-8 octet sequence at byte offset 16");
}

Test(profile, descriptions_are_one_bounded_line)
{
    expect_error("description: \"two\\nlines\"\n",
                 "1:14: error: 'description' must be one line of printable text");
    char text[400];
    snprintf(text, sizeof text, "description: %0200d\n", 0);
    expect_error(text, "1:14: error: 'description' must be at most 159 bytes long, got 200");
}

Test(profile, oversized_files_and_node_floods_are_refused)
{
    size_t n = (1u << 20) + 1;
    char *big = malloc(n);
    memset(big, '#', n);
    expect_error_n(big, n, ": error: file is larger than 1048576 bytes (1 MiB)");
    free(big);

    /* root, 'x', the sequence, then one node per item: item 4093 is node 4097 */
    size_t cap = 3 + 5000 * 4 + 1, len = 0;
    char *flood = malloc(cap);
    len += (size_t)snprintf(flood, cap, "x:\n");
    for (int i = 0; i < 5000; i++) len += (size_t)snprintf(flood + len, cap - len, "- 1\n");
    expect_error_n(flood, len, "4095:3: error: too many nodes (a profile has at most 4096)");
    free(flood);
}

Test(profile, unknown_name_lists_the_available_profiles)
{
    char err[1024];
    Profile p;
    cr_assert(eq(int, profile_load("cpython-9.99-64bit", &p, err, sizeof err), -1));
    const char *head = "tracevm: error: cannot open profile 'cpython-9.99-64bit': "
                       "No such file or directory (available: cpython-3.11-32bit, "
                       "cpython-3.11-64bit, cpython-3.12-32bit, cpython-3.12-64bit";
    cr_assert(eq(int, strncmp(err, head, strlen(head)), 0), "%s", err);
    cr_assert(not(eq(ptr, strstr(err, ", tiny"), NULL)), "%s", err);

    /* exact text with a directory we control */
    char path[256];
    write_file("b.yaml", "", 0, path, sizeof path);
    write_file("a.yaml", "", 0, path, sizeof path);
    setenv("TRACEVM_PROFILES", tmpdir, 1);
    cr_assert(eq(int, profile_load("c", &p, err, sizeof err), -1));
    cr_assert(eq(str, err, "tracevm: error: cannot open profile 'c': No such file or "
                           "directory (available: a, b)"));
}

Test(profile, missing_path_and_directory_are_reported)
{
    char err[1024];
    Profile p;
    cr_assert(eq(int, profile_load("/nonexistent/x.yaml", &p, err, sizeof err), -1));
    cr_assert(eq(str, err, "tracevm: error: cannot open profile '/nonexistent/x.yaml': "
                           "No such file or directory"));
    cr_assert(eq(int, profile_load(tmpdir, &p, err, sizeof err), -1));
    char want[256];
    snprintf(want, sizeof want, "tracevm: error: cannot open profile '%s': Is a directory",
             tmpdir);
    cr_assert(eq(str, err, want));
}

Test(profile, a_short_error_buffer_is_cut_not_overrun)
{
    char err[16];
    Profile p;
    cr_assert(eq(int, profile_load("/nonexistent/x.yaml", &p, err, sizeof err), -1));
    cr_assert(eq(str, err, "tracevm: error:"));
    cr_assert(eq(int, profile_load("/nonexistent/x.yaml", &p, NULL, 0), -1));
}

/* ------------------------------------------------------------------ */
/* profile_dir and profile_list                                        */
/* ------------------------------------------------------------------ */

Test(profile, list_finds_the_shipped_profiles_sorted)
{
    char names[64][64];
    unsetenv("TRACEVM_PROFILES");
    cr_assert(eq(str, (char *)profile_dir(), TRACEVM_PROFILE_DIR));
    int n = profile_list(names, 64);
    const char *want[] = { "cpython-3.11-32bit", "cpython-3.11-64bit", "cpython-3.12-32bit",
                           "cpython-3.12-64bit", "tiny" };
    int found = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0) cr_assert(lt(int, strcmp(names[i - 1], names[i]), 0));
        if (found < 5 && strcmp(names[i], want[found]) == 0) found++;
    }
    cr_assert(eq(int, found, 5));
}

Test(profile, list_uses_TRACEVM_PROFILES_and_skips_other_files)
{
    char path[256], names[8][64];
    const char *files[] = { "zeta.yaml", "alpha.yaml", "_draft.yaml", "README.md",
                            ".hidden.yaml", "notes.yml", "mid.yaml" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        write_file(files[i], "x", 1, path, sizeof path);
    setenv("TRACEVM_PROFILES", tmpdir, 1);
    cr_assert(eq(str, (char *)profile_dir(), tmpdir));
    cr_assert(eq(int, profile_list(names, 8), 3));
    cr_assert(eq(str, names[0], "alpha"));
    cr_assert(eq(str, names[1], "mid"));
    cr_assert(eq(str, names[2], "zeta"));
    cr_assert(eq(int, profile_list(names, 2), 2));
    cr_assert(eq(str, names[1], "mid"));
}

Test(profile, names_load_from_TRACEVM_PROFILES)
{
    char *text = shipped("cpython-3.11-64bit");
    char path[256];
    write_file("mine.yaml", text, strlen(text), path, sizeof path);
    setenv("TRACEVM_PROFILES", tmpdir, 1);
    Profile p = load_ok("mine");
    cr_assert(eq(str, p.name, "mine"));
    cr_assert(eq(u32, p.layout.function_size, 152));
    free(text);
}

/* range.iter_size came after profiles were written: one without it gets
** CPython's for its python_version (3.11 keeps an index: 6 words; 3.12
** five), and the key, when given, must be one of those two. */
Test(profile, range_iter_size_defaults_from_the_python_version)
{
    static const struct { const char *profile, *version; unsigned want; } cases[] = {
        { "cpython-3.12-64bit", "\"3.12\"", 40 }, { "cpython-3.12-32bit", "\"3.12\"", 20 },
        { "cpython-3.11-64bit", "\"3.11\"", 48 }, { "cpython-3.11-32bit", "\"3.11\"", 24 },
        { "cpython-3.12-64bit", "\"3.11\"", 48 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *base = shipped(cases[i].profile);
        char *line = strstr(base, "  iter_size:");
        cr_assert(line != NULL);
        memmove(line, strchr(line, '\n') + 1, strlen(strchr(line, '\n') + 1) + 1);     /* the key left out */
        char version[40];
        snprintf(version, sizeof version, "python_version: %s", cases[i].version);
        char *text = replace(base, strstr(base, "python_version: \"3.11\"") ? "python_version: \"3.11\"" : "python_version: \"3.12\"", version);
        char path[256];
        write_file("old.yaml", text, strlen(text), path, sizeof path);
        cr_expect(eq(u32, load_ok(path).layout.range_iter_size, cases[i].want), "%s as %s", cases[i].profile, cases[i].version);
        free(text);
        free(base);
    }
    expect_edit_error("cpython-3.11-64bit", "  iter_size: 48 ", "  iter_size: 56 ", "iter_size:",
                      "'range.iter_size' must be 5 words (3.12: a header, start, step, len) or 6 (3.11: and an index), got 56");
}
