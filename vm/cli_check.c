/*
** vm/cli_check.c: 'tracevm check', the golden traces.
**
** For every program under programs/ (or the paths given) and every CPython
** profile (or the one given), runs 'tracevm run --trace-out' in a child
** process and compares the result with
** traces/<path under programs/ without .py>.<profile>.trace. A trace file is
** the trace table exactly as 'run' writes it (cut after 'max_rows' steps,
** the rest summed up by a count and a hash), then the program's stdout,
** stderr and exit status; traces/README.md describes the format.
**
** Each run is a fresh child ('tracevm run' exec'd from this binary): a run
** that crashes, hangs (alarm) or leaks under a sanitizer is reported, not
** inherited, and the file is by construction what 'run' prints. The child
** runs with the project root as its directory, so tracebacks say
** "programs/x.py", with stdin from /dev/null and a fresh empty --disk.
*/
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700       /* realpath(), mkdtemp() */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "heap/util.h"
#include "vm/cli.h"

enum {
    MAX_ROWS_DEFAULT = 1000,    /* trace rows kept in a golden file */
    RUN_TIMEOUT = 300,          /* seconds before a run counts as hung */
    DIFF_CONTEXT = 3,           /* unchanged lines around a change */
    DIFF_WINDOW = 40,           /* lines compared after the first difference */
    DIFF_SHOWN = 24             /* lines of diff printed at most */
};

/* One program to check: its root (holding programs/ and traces/), its path
** under programs/ without ".py", and a profile (NULL: every profile). */
typedef struct Item {
    char *root, *rel, *profile;
} Item;

typedef struct Check {
    char self[4096];            /* this executable, for the child runs */
    char *work;                 /* temporary directory of the runs */
    bool bless, verbose;
    unsigned long max_rows;
    char profiles[64][64];      /* the CPython profiles */
    int nprofiles;
    Item *items; int nitems, capitems;
    unsigned match, differ, missing, blessed, broken, orphans;
} Check;

static void usage_check(FILE *f)
{
    fprintf(f,
        "usage: tracevm check [--bless] [--profile NAME|PATH] [PATH...]\n"
        "\n"
        "Runs every program under programs/ (or the PATHs given: programs, folders\n"
        "of programs, golden traces or folders of them) on every CPython profile\n"
        "(or the one given) and compares its trace, output and exit status with\n"
        "traces/<path under programs/ without .py>.<profile>.trace.\n"
        "On a difference prints the program, the profile, the first differing step\n"
        "and a unified diff around it. Without PATHs the project is the current\n"
        "directory if it holds programs/ and traces/, else the source tree.\n"
        "\n"
        "options:\n"
        "  --bless           write the new traces instead of comparing\n"
        "  --profile NAME    only this profile (default: every cpython-* profile)\n"
        "  --max-rows N      trace rows kept per file (default %d; 0 = all)\n"
        "  -v, --verbose     name every trace checked\n"
        "  -h, --help        this text\n"
        "\n"
        "exit status: 0 all traces match (or were blessed), 1 a difference, a\n"
        "missing or stale trace, or a run that crashed; 2 bad command line.\n"
        "traces/README.md describes the trace files.\n", MAX_ROWS_DEFAULT);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !memcmp(s + n - m, suffix, m);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *join(const char *a, const char *b)
{
    StrBuf s; sb_init(&s);
    sb_printf(&s, "%s/%s", a, b);
    return sb_take(&s);
}

static int compare_strs(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Appends to *list every regular file under 'dir' ending in 'suffix', as
** paths relative to 'dir', sorted. Skips names starting with '.'. */
static void walk(const char *dir, const char *prefix, const char *suffix, char ***list, int *n, int *cap)
{
    DIR *d = opendir(dir);
    if (!d) return;
    char **names = NULL; int nn = 0, nc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.') continue;
        GROW_ARRAY(names, nn, nc);
        names[nn++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (nn) qsort(names, (size_t)nn, sizeof *names, compare_strs);
    for (int i = 0; i < nn; i++) {
        char *full = join(dir, names[i]);
        StrBuf r; sb_init(&r);
        sb_printf(&r, "%s%s", prefix, names[i]);
        char *rel = sb_take(&r);
        if (is_dir(full)) {
            char *sub = join(rel, "");
            walk(full, sub, suffix, list, n, cap);
            free(sub);
        } else if (ends_with(names[i], suffix)) {
            GROW_ARRAY(*list, *n, *cap);
            (*list)[(*n)++] = xstrdup(rel);
        }
        free(rel);
        free(full);
        free(names[i]);
    }
    free(names);
}

static void add_item(Check *c, const char *root, const char *rel, const char *profile)
{
    GROW_ARRAY(c->items, c->nitems, c->capitems);
    Item *it = &c->items[c->nitems++];
    it->root = xstrdup(root);
    it->rel = xstrdup(rel);
    it->profile = profile ? xstrdup(profile) : NULL;
}

/* Adds every program under root/programs/<sub> ("" for all). */
static void add_programs(Check *c, const char *root, const char *sub)
{
    StrBuf d; sb_init(&d);
    sb_printf(&d, "%s/programs%s%s", root, *sub ? "/" : "", sub);
    char **list = NULL; int n = 0, cap = 0;
    char *prefix = *sub ? join(sub, "") : xstrdup("");
    walk(d.s, prefix, ".py", &list, &n, &cap);
    for (int i = 0; i < n; i++) {
        list[i][strlen(list[i]) - 3] = '\0';
        add_item(c, root, list[i], NULL);
        free(list[i]);
    }
    free(list);
    free(prefix);
    sb_free(&d);
}

/* Splits a trace name "seed/compute.cpython-3.12-64bit.trace" into the
** program part and the profile, trying each known profile as the suffix. */
static bool split_trace_name(const Check *c, const char *name, char **rel, const char **profile)
{
    for (int i = 0; i < c->nprofiles; i++) {
        StrBuf s; sb_init(&s);
        sb_printf(&s, ".%s.trace", c->profiles[i]);
        bool ok = ends_with(name, s.s) && strlen(name) > s.len;
        if (ok) {
            *rel = xstrndup(name, strlen(name) - s.len);
            *profile = c->profiles[i];
        }
        sb_free(&s);
        if (ok) return true;
    }
    return false;
}

/*
** A PATH argument: a program or folder under some '.../programs/', or a
** trace or folder under '.../traces/'. The part before that component is
** the project root. Returns false after printing an error.
*/
static bool add_path(Check *c, const char *arg)
{
    char *abs = realpath(arg, NULL);
    if (!abs) {
        fprintf(stderr, "tracevm: error: cannot open '%s': %s\n", arg, strerror(errno));
        return false;
    }
    bool ok = false;
    const char *kinds[2] = { "/programs", "/traces" };
    for (int k = 0; k < 2 && !ok; k++) {
        size_t kl = strlen(kinds[k]);
        char *hit = NULL;
        for (char *p = strstr(abs, kinds[k]); p; p = strstr(p + 1, kinds[k]))
            if (p[kl] == '/' || p[kl] == '\0') hit = p;
        if (!hit) continue;
        char *root = xstrndup(abs, (size_t)(hit - abs));
        const char *sub = hit[kl] ? hit + kl + 1 : "";
        bool dir = is_dir(abs);
        if (k == 0 && dir) { add_programs(c, root, sub); ok = true; }
        else if (k == 0 && ends_with(sub, ".py")) {
            char *rel = xstrndup(sub, strlen(sub) - 3);
            add_item(c, root, rel, NULL);
            free(rel);
            ok = true;
        } else if (k == 1 && dir) {
            StrBuf d; sb_init(&d);
            sb_printf(&d, "%s/programs%s%s", root, *sub ? "/" : "", sub);
            if (is_dir(d.s)) { add_programs(c, root, sub); ok = true; }
            else fprintf(stderr, "tracevm: error: '%s' has no matching folder '%s'\n", arg, d.s);
            sb_free(&d);
        } else if (k == 1) {
            char *rel; const char *prof;
            if (split_trace_name(c, sub, &rel, &prof)) {
                add_item(c, root, rel, prof);
                free(rel);
                ok = true;
            } else fprintf(stderr, "tracevm: error: '%s' is not named <program>.<profile>.trace\n", arg);
        } else fprintf(stderr, "tracevm: error: '%s' is not a .py program\n", arg);
        free(root);
        if (!ok) { free(abs); return false; }
    }
    if (!ok) fprintf(stderr, "tracevm: error: '%s' is not under a programs/ or traces/ folder\n", arg);
    free(abs);
    return ok;
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            for (struct dirent *e; (e = readdir(d)) != NULL;) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
                char *sub = join(path, e->d_name);
                remove_tree(sub);
                free(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else unlink(path);
}

static bool read_whole(const char *path, StrBuf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_put(out, buf, n);
    bool ok = !ferror(f);
    fclose(f);
    return ok;
}

static bool is_row_start(const char *line) { return line[0] >= '0' && line[0] <= '9'; }

/*
** Appends the trace table at 'path' to 'out': the header and the first
** 'max_rows' rows as they are; any further rows are replaced by one line
** with their count and the FNV-1a 64-bit hash of their bytes, so a change
** beyond the cut still shows.
*/
static void append_trace(const Check *c, const char *path, StrBuf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) return;                             /* no trace: did not compile */
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long rows = 0, first_cut = 0;
    uint64_t hash = 0xcbf29ce484222325u;
    bool cut = false;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (is_row_start(line)) {
            rows++;
            if (!cut && c->max_rows && rows > c->max_rows) { cut = true; first_cut = rows; }
        }
        if (!cut) { sb_put(out, line, (size_t)len); continue; }
        for (ssize_t i = 0; i < len; i++) {
            hash ^= (unsigned char)line[i];
            hash *= 0x100000001b3u;
        }
    }
    free(line);
    fclose(f);
    if (out->len && out->s[out->len - 1] != '\n') sb_putc(out, '\n');
    if (cut)
        sb_printf(out, "... steps %lu to %lu not kept (%lu rows); their text hashes to fnv1a64:%016llx\n",
                  first_cut, rows, rows - first_cut + 1, (unsigned long long)hash);
}

/*
** Replaces every 'from' in b[start..] by 'to'. Tracebacks name the program
** by its absolute path (as CPython does), and the project may live anywhere:
** the root and the temporary disk are written as "" and "<disk>" so a trace
** file does not depend on where the checkout is.
*/
static const char *find(const char *p, const char *end, const char *s, size_t n)
{
    for (; (size_t)(end - p) >= n; p++) {
        p = memchr(p, s[0], (size_t)(end - p) - n + 1);
        if (!p) return NULL;
        if (!memcmp(p, s, n)) return p;
    }
    return NULL;
}

static void replace_all(StrBuf *b, size_t start, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to);
    if (!fl || b->len <= start) return;
    StrBuf r; sb_init(&r);
    sb_put(&r, b->s, start);
    const char *p = b->s + start, *end = b->s + b->len;
    while (p < end) {
        const char *hit = find(p, end, from, fl);
        if (!hit) { sb_put(&r, p, (size_t)(end - p)); break; }
        sb_put(&r, p, (size_t)(hit - p));
        sb_put(&r, to, tl);
        p = hit + fl;
    }
    sb_free(b);
    *b = r;
    if (!b->s) { sb_init(b); sb_put(b, "", 0); }
}

static void append_stream(StrBuf *out, const char *name, const char *path)
{
    StrBuf s; sb_init(&s);
    read_whole(path, &s);
    sb_printf(out, "== %s ==\n", name);
    if (s.len) {
        sb_put(out, s.s, s.len);
        if (s.s[s.len - 1] != '\n') sb_printf(out, "\n\\ no newline at end of %s\n", name);
    }
    sb_free(&s);
}

/*
** Runs one program on one profile in a child and renders its trace file
** into 'out'. Returns false if the run crashed, hung or could not start
** (the text then says so in its last line).
*/
static bool run_one(const Check *c, const Item *it, const char *profile, StrBuf *out)
{
    char *disk = join(c->work, "disk"), *tpath = join(c->work, "trace");
    char *opath = join(c->work, "stdout"), *epath = join(c->work, "stderr");
    char *prog = NULL;
    {
        StrBuf s; sb_init(&s);
        sb_printf(&s, "programs/%s.py", it->rel);
        prog = sb_take(&s);
    }
    remove_tree(disk);
    unlink(tpath);
    mkdir(disk, 0700);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int o = open(opath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(epath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || o < 0 || e < 0 || chdir(it->root) != 0) _exit(126);
        dup2(in, 0); dup2(o, 1); dup2(e, 2);
        close(in); close(o); close(e);
        alarm(RUN_TIMEOUT);                     /* survives exec: a hung run dies */
        char *argv[] = { "tracevm", "run", "--profile", (char *)profile, "--disk", disk,
                         "--trace-out", tpath, prog, NULL };
        execv(c->self, argv);
        _exit(127);
    }
    int status = 0;
    bool ok = pid > 0;
    while (ok && waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) ok = false;
    if (ok) {
        size_t start = out->len;
        append_trace(c, tpath, out);
        append_stream(out, "stdout", opath);
        append_stream(out, "stderr", epath);
        if (WIFEXITED(status) && WEXITSTATUS(status) < 126)
            sb_printf(out, "== exit status %d ==\n", WEXITSTATUS(status));
        else if (WIFEXITED(status)) {
            sb_printf(out, "== could not run %s (status %d) ==\n", c->self, WEXITSTATUS(status));
            ok = false;
        } else {
            int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
            sb_printf(out, "== killed by signal %d%s ==\n", sig,
                      sig == SIGALRM ? " (timed out)" : " (crashed)");
            ok = false;
        }
        StrBuf rootslash; sb_init(&rootslash);
        sb_printf(&rootslash, "%s/", it->root);
        replace_all(out, start, disk, "<disk>");
        replace_all(out, start, rootslash.s, "");
        sb_free(&rootslash);
    } else sb_printf(out, "== could not start a run: %s ==\n", strerror(errno));
    remove_tree(disk);
    free(disk); free(tpath); free(opath); free(epath); free(prog);
    return ok;
}

/* Lines of a text, as (start, length) slices without the '\n'. */
typedef struct Lines { const char **s; size_t *n; size_t count, cap; } Lines;

static void split_lines(const StrBuf *b, Lines *l)
{
    memset(l, 0, sizeof *l);
    size_t i = 0;
    while (i < b->len) {
        const char *nl = memchr(b->s + i, '\n', b->len - i);
        size_t end = nl ? (size_t)(nl - b->s) : b->len;
        if (l->count >= l->cap) {
            l->cap = l->cap ? l->cap * 2 : 256;
            l->s = xrealloc(l->s, l->cap * sizeof *l->s);
            l->n = xrealloc(l->n, l->cap * sizeof *l->n);
        }
        l->s[l->count] = b->s + i;
        l->n[l->count++] = end - i;
        i = end + 1;
    }
}

static void free_lines(Lines *l) { free(l->s); free(l->n); }

static bool line_eq(const Lines *a, size_t i, const Lines *b, size_t j)
{
    return a->n[i] == b->n[j] && !memcmp(a->s[i], b->s[j], a->n[i]);
}

static bool line_is(const Lines *l, size_t i, const char *text)
{
    return l->n[i] == strlen(text) && !memcmp(l->s[i], text, l->n[i]);
}

static bool line_starts(const Lines *l, size_t i, const char *text)
{
    return l->n[i] >= strlen(text) && !memcmp(l->s[i], text, strlen(text));
}

/* Describes where line 'i' (the first difference; lines before it are the
** same in both) falls: a step of the trace, past the rows kept, or the
** stdout, stderr or exit status section. */
static void describe(const Lines *a, const Lines *b, size_t i, StrBuf *out)
{
    const char *section = NULL;
    size_t section_line = 0;
    for (size_t k = 0; k < i; k++) {
        if (line_is(a, k, "== stdout ==")) { section = "stdout"; section_line = k; }
        else if (line_is(a, k, "== stderr ==")) { section = "stderr"; section_line = k; }
    }
    const Lines *sides[2] = { a, b };
    for (int s = 0; s < 2; s++) {
        const Lines *l = sides[s];
        if (i >= l->count) continue;
        if (line_starts(l, i, "== exit status") || line_starts(l, i, "== killed")) {
            sb_puts(out, "in the exit status");
            return;
        }
        const Lines *o = sides[1 - s];
        if (!section && line_starts(l, i, "== ") && (i >= o->count || is_row_start(o->s[i]))) {
            sb_puts(out, "at the end of the trace (one run has more steps)");
            return;
        }
        if (!section && line_starts(l, i, "... steps ")) {
            sb_puts(out, "beyond the rows kept (see the full trace with 'tracevm run --trace')");
            return;
        }
    }
    if (section) {
        sb_printf(out, "in the program's %s, line %zu", section, i - section_line);
        return;
    }
    for (int s = 0; s < 2; s++)
        if (i < sides[s]->count && is_row_start(sides[s]->s[i])) {
            sb_printf(out, "at step %lu", strtoul(sides[s]->s[i], NULL, 10));
            return;
        }
    for (size_t k = i; k-- > 0;)
        if (is_row_start(a->s[k])) {
            sb_printf(out, "at step %lu", strtoul(a->s[k], NULL, 10));
            return;
        }
    sb_puts(out, "in the table header");
}

/*
** Prints a unified diff of the lines around the first difference 'first':
** an LCS over a window of DIFF_WINDOW lines, then the first hunk, cut
** after DIFF_SHOWN lines.
*/
static void print_diff(const Lines *a, const Lines *b, size_t first, const char *la, const char *lb)
{
    size_t a0 = first >= DIFF_CONTEXT ? first - DIFF_CONTEXT : 0, b0 = a0;
    size_t a1 = a->count < first + DIFF_WINDOW ? a->count : first + DIFF_WINDOW;
    size_t b1 = b->count < first + DIFF_WINDOW ? b->count : first + DIFF_WINDOW;
    size_t na = a1 - a0, nb = b1 - b0, w = nb + 1;
    unsigned *dp = xcalloc((na + 1) * (nb + 1), sizeof *dp);
    for (size_t i = na; i-- > 0;)
        for (size_t j = nb; j-- > 0;)
            dp[i * w + j] = line_eq(a, a0 + i, b, b0 + j) ? dp[(i + 1) * w + j + 1] + 1
                          : dp[(i + 1) * w + j] > dp[i * w + j + 1] ? dp[(i + 1) * w + j] : dp[i * w + j + 1];
    /* The edit script: ' ' both, '-' only a, '+' only b. */
    char *op = xmalloc(na + nb + 1);
    size_t *ia = xmalloc((na + nb + 1) * sizeof *ia), *ib = xmalloc((na + nb + 1) * sizeof *ib);
    size_t nops = 0, i = 0, j = 0;
    while (i < na || j < nb) {
        if (i < na && j < nb && line_eq(a, a0 + i, b, b0 + j) && dp[i * w + j] == dp[(i + 1) * w + j + 1] + 1) {
            op[nops] = ' '; ia[nops] = i++; ib[nops++] = j++;
        } else if (j >= nb || (i < na && dp[(i + 1) * w + j] >= dp[i * w + j + 1])) {
            op[nops] = '-'; ia[nops] = i++; ib[nops++] = j;
        } else {
            op[nops] = '+'; ia[nops] = i; ib[nops++] = j++;
        }
    }
    /* The first hunk: up to DIFF_CONTEXT unchanged lines after its last change. */
    size_t shown = 0, after = 0, cnt_a = 0, cnt_b = 0;
    bool changed = false;
    while (shown < nops && shown < DIFF_SHOWN) {
        if (op[shown] == ' ') { if (changed && after == DIFF_CONTEXT) break; if (changed) after++; }
        else { changed = true; after = 0; }
        if (op[shown] != '+') cnt_a++;
        if (op[shown] != '-') cnt_b++;
        shown++;
    }
    printf("--- %s\n+++ %s\n@@ -%zu,%zu +%zu,%zu @@\n", la, lb, a0 + (cnt_a ? 1 : 0), cnt_a, b0 + (cnt_b ? 1 : 0), cnt_b);
    for (size_t k = 0; k < shown; k++) {
        const Lines *l = op[k] == '+' ? b : a;
        size_t idx = op[k] == '+' ? b0 + ib[k] : a0 + ia[k];
        printf("%c%.*s\n", op[k], (int)l->n[idx], l->s[idx]);
    }
    /* Anything left out: a later change in the window, or different tails. */
    bool more = false;
    for (size_t k = shown; k < nops && !more; k++) more = op[k] != ' ';
    if (!more && a->count - a1 != b->count - b1) more = true;
    for (size_t k = 0; !more && a1 + k < a->count; k++) more = !line_eq(a, a1 + k, b, b1 + k);
    if (more) printf("(diff cut here: more lines differ)\n");
    free(op); free(ia); free(ib); free(dp);
}

static bool write_file(const char *path, const StrBuf *text)
{
    /* mkdir -p the folders, then write a temporary file and rename it. */
    char *dir = xstrdup(path);
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        mkdir(dir, 0777);
        *p = '/';
    }
    free(dir);
    StrBuf tmp; sb_init(&tmp);
    sb_printf(&tmp, "%s.tmp", path);
    FILE *f = fopen(tmp.s, "wb");
    bool ok = f && fwrite(text->s, 1, text->len, f) == text->len;
    if (f && fclose(f) != 0) ok = false;
    if (ok && rename(tmp.s, path) != 0) ok = false;
    if (!ok) {
        fprintf(stderr, "tracevm: error: cannot write '%s': %s\n", path, strerror(errno));
        unlink(tmp.s);
    }
    sb_free(&tmp);
    return ok;
}

/* 'profile' names the trace file; 'arg' is what the child's --profile gets. */
static void check_one(Check *c, const Item *it, const char *profile, const char *arg)
{
    StrBuf now, gold; sb_init(&now); sb_init(&gold);
    StrBuf path, shown; sb_init(&path); sb_init(&shown);
    sb_printf(&path, "%s/traces/%s.%s.trace", it->root, it->rel, profile);
    sb_printf(&shown, "traces/%s.%s.trace", it->rel, profile);
    bool ran = run_one(c, it, arg, &now);
    bool have = read_whole(path.s, &gold);
    if (!ran) {
        c->broken++;
        printf("FAIL programs/%s.py on %s: the run did not finish\n", it->rel, profile);
        const char *last = now.len > 1 ? now.s + now.len - 2 : now.s;
        while (last > now.s && last[-1] != '\n') last--;
        printf("  %s", last);
        StrBuf e; sb_init(&e);
        char *ep = join(c->work, "stderr");
        read_whole(ep, &e);
        if (e.len) printf("  its stderr:\n%.*s%s", (int)(e.len > 4000 ? 4000 : e.len), e.s,
                          e.s[(e.len > 4000 ? 4000 : e.len) - 1] == '\n' ? "" : "\n");
        free(ep);
        sb_free(&e);
    } else if (have && gold.len == now.len && !memcmp(gold.s, now.s, now.len)) {
        c->match++;
        if (c->verbose) printf("ok   %s\n", shown.s);
    } else if (c->bless) {
        if (write_file(path.s, &now)) {
            c->blessed++;
            printf("blessed %s (%s)\n", shown.s, have ? "changed" : "new");
        } else c->broken++;
    } else if (!have) {
        c->missing++;
        printf("MISSING %s: no golden trace for programs/%s.py on %s (write it: tracevm check --bless programs/%s.py)\n",
               shown.s, it->rel, profile, it->rel);
    } else {
        c->differ++;
        Lines a, b;
        split_lines(&gold, &a);
        split_lines(&now, &b);
        size_t i = 0;
        while (i < a.count && i < b.count && line_eq(&a, i, &b, i)) i++;
        StrBuf where; sb_init(&where);
        describe(&a, &b, i, &where);
        printf("FAIL programs/%s.py on %s: the trace differs from %s, first %s (line %zu)\n",
               it->rel, profile, shown.s, where.s, i + 1);
        StrBuf now_label; sb_init(&now_label);
        sb_printf(&now_label, "programs/%s.py on %s, now", it->rel, profile);
        print_diff(&a, &b, i, shown.s, now_label.s);
        sb_free(&now_label);
        sb_free(&where);
        free_lines(&a);
        free_lines(&b);
    }
    sb_free(&now); sb_free(&gold); sb_free(&path); sb_free(&shown);
}

/* Full runs only: traces/ files that no program and profile produce. */
static void find_orphans(Check *c, const char *root)
{
    char *dir = join(root, "traces");
    char **list = NULL; int n = 0, cap = 0;
    walk(dir, "", ".trace", &list, &n, &cap);
    for (int i = 0; i < n; i++) {
        char *rel; const char *prof;
        bool known = split_trace_name(c, list[i], &rel, &prof);
        if (known) {
            StrBuf p; sb_init(&p);
            sb_printf(&p, "%s/programs/%s.py", root, rel);
            known = access(p.s, F_OK) == 0;
            sb_free(&p);
            free(rel);
        }
        if (!known) {
            char *full = join(dir, list[i]);
            if (c->bless && unlink(full) == 0) printf("removed traces/%s: no program or profile makes it\n", list[i]);
            else {
                c->orphans++;
                printf("STALE traces/%s: no program or profile makes it (remove it, or run tracevm check --bless)\n", list[i]);
            }
            free(full);
        }
        free(list[i]);
    }
    free(list);
    free(dir);
}

static void find_self(Check *c)
{
    ssize_t n = readlink("/proc/self/exe", c->self, sizeof c->self - 1);
    if (n > 0) c->self[n] = '\0';
    else snprintf(c->self, sizeof c->self, "/proc/self/exe");
}

int cli_check(int argc, char **argv)
{
    Check c;
    memset(&c, 0, sizeof c);
    c.max_rows = MAX_ROWS_DEFAULT;
    const char *profile = NULL;
    char **paths = xcalloc((size_t)argc + 1, sizeof *paths);
    int npaths = 0, rc = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage_check(stdout); free(paths); return 0; }
        else if (!strcmp(a, "--bless")) c.bless = true;
        else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) c.verbose = true;
        else if (!strcmp(a, "--profile") || !strcmp(a, "--max-rows")) {
            if (i + 1 >= argc) { fprintf(stderr, "tracevm: error: option %s needs a value\n", a); free(paths); return EXIT_USAGE; }
            const char *v = argv[++i];
            if (!strcmp(a, "--profile")) profile = v;
            else {
                char *end;
                errno = 0;
                c.max_rows = strtoul(v, &end, 10);
                if (!*v || *end || errno || v[0] == '-') {
                    fprintf(stderr, "tracevm: error: --max-rows needs a whole number, got '%s'\n", v);
                    free(paths);
                    return EXIT_USAGE;
                }
            }
        }
        else if (!strncmp(a, "--profile=", 10)) profile = a + 10;
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "tracevm: error: unknown option '%s' (see 'tracevm check --help')\n", a); free(paths); return EXIT_USAGE; }
        else paths[npaths++] = argv[i];
    }
    /* The profiles: the one given (by its loaded name), or every cpython-*. */
    char profile_arg[4096] = "";
    if (profile) {
        Profile p;
        if (!cli_load_profile(profile, &p)) { free(paths); return EXIT_USAGE; }
        snprintf(c.profiles[0], sizeof c.profiles[0], "%s", p.name);
        c.nprofiles = 1;
        /* A path must still resolve in the child, which runs in the root. */
        char *abs = strchr(profile, '/') || ends_with(profile, ".yaml") ? realpath(profile, NULL) : NULL;
        snprintf(profile_arg, sizeof profile_arg, "%s", abs ? abs : profile);
        free(abs);
    } else {
        char names[64][64];
        int n = profile_list(names, 64);
        for (int i = 0; i < n; i++)
            if (!strncmp(names[i], "cpython-", 8)) memcpy(c.profiles[c.nprofiles++], names[i], 64);
        if (!c.nprofiles) {
            fprintf(stderr, "tracevm: error: no cpython-* profiles in %s\n", profile_dir());
            free(paths);
            return EXIT_USAGE;
        }
    }
    char *default_root = NULL;
    for (int i = 0; i < npaths; i++)
        if (!add_path(&c, paths[i])) rc = EXIT_USAGE;
    if (!npaths) {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd) && is_dir("programs") && is_dir("traces")) default_root = xstrdup(cwd);
        else if (!(default_root = realpath(PROJECT_ROOT, NULL))) default_root = xstrdup(PROJECT_ROOT);
        add_programs(&c, default_root, "");
        if (!c.nitems) {
            fprintf(stderr, "tracevm: error: no programs under %s/programs\n", default_root);
            rc = EXIT_USAGE;
        }
    }
    free(paths);
    StrBuf tmpl; sb_init(&tmpl);
    const char *tmpdir = getenv("TMPDIR");
    sb_printf(&tmpl, "%s/tracevm-check.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (rc == 0 && !(c.work = mkdtemp(tmpl.s))) {
        fprintf(stderr, "tracevm: error: cannot make a temporary folder '%s': %s\n", tmpl.s, strerror(errno));
        rc = EXIT_USAGE;
    }
    if (rc == 0) {
        find_self(&c);
        unsigned runs = 0;
        for (int i = 0; i < c.nitems; i++)
            for (int k = 0; k < c.nprofiles; k++) {
                const char *prof = c.items[i].profile ? c.items[i].profile : c.profiles[k];
                if (c.items[i].profile && k > 0) break;
                check_one(&c, &c.items[i], prof, profile && !c.items[i].profile ? profile_arg : prof);
                runs++;
            }
        if (default_root && !profile) find_orphans(&c, default_root);
        remove_tree(c.work);
        printf("check: %u runs: %u match, %u differ, %u missing, %u crashed or hung, %u stale; %u blessed\n",
               runs, c.match, c.differ, c.missing, c.broken, c.orphans, c.blessed);
        rc = c.differ || c.missing || c.broken || c.orphans ? 1 : 0;
    }
    for (int i = 0; i < c.nitems; i++) { free(c.items[i].root); free(c.items[i].rel); free(c.items[i].profile); }
    free(c.items);
    free(default_root);
    sb_free(&tmpl);
    return rc;
}
