/*
** vm/suggest.c: "Did you mean: 'total'?" as CPython 3.11/3.12 computes it
** (Python/suggestions.c): a Levenshtein distance where a case change costs
** 1 and any other edit 2, at most a third of the characters changed, the
** first best candidate in the order the names are offered.
*/
#include "vm/suggest.h"

#include <stdint.h>
#include <string.h>

enum { MAX_CANDIDATES = 750, MAX_STRING = 40, MOVE_COST = 2, CASE_COST = 1 };

static size_t substitution_cost(char a, char b)
{
    if ((a & 31) != (b & 31)) return MOVE_COST;
    if (a == b) return 0;
    if (a >= 'A' && a <= 'Z') a = (char)(a + ('a' - 'A'));
    if (b >= 'A' && b <= 'Z') b = (char)(b + ('a' - 'A'));
    return a == b ? CASE_COST : MOVE_COST;
}

static size_t distance(const char *a, size_t na, const char *b, size_t nb, size_t max_cost)
{
    size_t row[MAX_STRING];
    while (na && nb && a[0] == b[0]) { a++; b++; na--; nb--; }
    while (na && nb && a[na - 1] == b[nb - 1]) { na--; nb--; }
    if (na == 0 || nb == 0) return (na + nb) * MOVE_COST;
    if (na > MAX_STRING || nb > MAX_STRING) return max_cost + 1;
    if (nb < na) { const char *t = a; a = b; b = t; size_t tn = na; na = nb; nb = tn; }
    if ((nb - na) * MOVE_COST > max_cost) return max_cost + 1;
    for (size_t i = 0; i < na; i++) row[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t bi = 0; bi < nb; bi++) {
        size_t dist = result = bi * MOVE_COST, minimum = SIZE_MAX;
        for (size_t i = 0; i < na; i++) {
            size_t substitute = dist + substitution_cost(b[bi], a[i]);
            dist = row[i];
            size_t insert_delete = (result < dist ? result : dist) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            row[i] = result;
            if (result < minimum) minimum = result;
        }
        if (minimum > max_cost) return max_cost + 1;
    }
    return result;
}

const char *suggest_name(const char *name, const char *const *cands, size_t n)
{
    if (n >= MAX_CANDIDATES) return NULL;
    size_t nlen = strlen(name), best_dist = SIZE_MAX;
    const char *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *c = cands[i];
        if (strcmp(c, name) == 0) continue;
        size_t clen = strlen(c);
        size_t max_dist = (nlen + clen + 3) * MOVE_COST / 6;
        if (best_dist - 1 < max_dist) max_dist = best_dist - 1;
        size_t d = distance(name, nlen, c, clen, max_dist);
        if (d > max_dist) continue;
        if (!best || d < best_dist) { best = c; best_dist = d; }
    }
    return best;
}

/* ---- the candidates CPython offers ---- */

#include <stdlib.h>

#include "vm/pynames.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static bool is312(const Vm *vm) { return vm->py312; }

static void add_dict_keys(Heap *h, Addr d, char ***list, size_t *n, size_t *cap)
{
    size_t pos = 0;
    Addr k, v;
    while (dict_next(h, d, &pos, &k, &v)) {
        if (obj_type(h, k) != TY_STR) continue;
        StrBuf s; sb_init(&s);
        str_to_utf8(h, k, &s);
        GROW_ARRAY(*list, *n, *cap);
        (*list)[(*n)++] = sb_take(&s);
    }
}

static void try_list(const char *name, char **cands, size_t n, const char **best)
{
    if (*best) return;
    *best = suggest_name(name, (const char *const *)cands, n);
}

/* modules a 3.12 NameError reminds the user to import (sys.stdlib_module_names, the common ones) */
static const char *const common_modules[] = {
    "sys", "os", "math", "random", "time", "json", "re", "sqlite3", "datetime", "collections",
    "itertools", "functools", "string", "statistics", "decimal", "fractions", "copy", "pathlib",
};

void suggest_name_error(Vm *vm, const Chunk *ch, Addr base, bool in_function, const char *name, StrBuf *msg)
{
    Heap *h = vm->h;
    char **list = NULL;
    size_t n = 0, cap = 0;
    const char *best = NULL;
    if (in_function) {                  /* bound locals first (the frame's f_locals) */
        for (unsigned r = 0; r < ch->nlocals; r++) {
            if (ch->locals[r][0] == '.' || !ram_word(&h->ram, base + (Addr)r * h->W)) continue;
            GROW_ARRAY(list, n, cap);
            list[n++] = xstrdup(ch->locals[r]);
        }
        try_list(name, list, n, &best);
    }
    size_t nlocal = n;
    if (vm->globals) add_dict_keys(h, vm->globals, &list, &n, &cap);
    try_list(name, list + nlocal, n - nlocal, &best);
    if (!best) {
        if (is312(vm)) best = suggest_name(name, builtin_names_312, COUNT(builtin_names_312));
        else best = suggest_name(name, builtin_names_311, COUNT(builtin_names_311));
    }
    if (best) sb_printf(msg, ". Did you mean: '%s'?", best);
    else if (is312(vm))
        for (size_t i = 0; i < COUNT(common_modules); i++)
            if (strcmp(name, common_modules[i]) == 0) { sb_printf(msg, ". Did you forget to import '%s'?", name); break; }
    for (size_t i = 0; i < n; i++) free(list[i]);
    free(list);
}

void suggest_attr_error(Vm *vm, TypeId t, bool sys_module, const char *name, StrBuf *msg)
{
    const char *best = NULL;
    bool v12 = is312(vm);
#define DIR(ty) (v12 ? suggest_name(name, dir_##ty##_312, COUNT(dir_##ty##_312)) : suggest_name(name, dir_##ty##_311, COUNT(dir_##ty##_311)))
    if (sys_module) best = DIR(sys);
    else switch (t) {
    case TY_STR: best = DIR(str); break;
    case TY_LIST: best = DIR(list); break;
    case TY_DICT: best = DIR(dict); break;
    case TY_TUPLE: best = DIR(tuple); break;
    case TY_INT: best = DIR(int); break;
    case TY_FLOAT: best = DIR(float); break;
    case TY_RANGE: best = DIR(range); break;
    default: break;
    }
#undef DIR
    if (best) sb_printf(msg, ". Did you mean: '%s'?", best);
}
