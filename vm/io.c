/*
** vm/io.c: open() and text files, and the sqlite3 module over libsqlite3.
**
** File, connection and cursor objects live in simulated RAM like any other
** object (name and mode, or path and connection, in their owned fields); the
** host resources behind them (FILE *, sqlite3 *, fetched rows) live in the
** FileTable hung off vm->files, and the object keeps its slot number in
** field SLOT. RAM never holds a host pointer.
**
** Every path goes through one jail: relative, no '..' component, and after
** resolving symlinks still inside realpath(vm->disk); anything else is
** CPython's "[Errno 13] Permission denied: 'path'".
**
** Writes are buffered exactly as CPython's two layers buffer them (the
** TextIOWrapper's 8 KiB pending chunk, then a BufferedWriter of st_blksize
** bytes), so a program that reads a file it has not closed sees what CPython
** would show. CPython closes a file when its last reference goes; the heap
** frees objects without telling us, so each slot remembers its object and a
** sweep (before every open(), and every few hundred new cursors) asks the
** heap whether that object is still alive; a dead file is flushed and
** closed then, before anything could look at the disk.
**
** sqlite3 follows CPython's legacy transaction control (isolation_level ""):
** BEGIN before INSERT/UPDATE/DELETE/REPLACE outside a transaction, COMMIT in
** commit() or at the end of 'with conn:', and an uncommitted transaction
** rolls back at close. A statement runs to completion in execute(); its rows
** stay on the host and become tuples only when fetched, as in CPython.
** CPython frees a dropped connection only in a cyclic GC pass (it sits in a
** cycle with its statement cache), so its lock outlives it: tracevm keeps
** dead connections open too, until 64 of them pile up.
*/
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700       /* realpath() */
#endif
#include "vm/builtins.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vm/ops.h"

/* Fields of file, connection and cursor objects. */
enum {
    F_NAME = 0, F_MODE = 1,     /* file: owned str objects */
    C_PATH = 0,                 /* connection: owned str */
    K_CONN = 0, K_ROWS = 1,     /* cursor: owned connection, 0 (rows are host-side) */
    SLOT = 2,                   /* every kind: index in its FileTable array */
    F_FLAGS = 3                 /* file: FLAG_CLOSED once close() ran */
};
#define FLAG_CLOSED 1u

#define TEXT_CHUNK 8192         /* TextIOWrapper._CHUNK_SIZE */

enum { LAST_NONE, LAST_READ, LAST_WRITE };

typedef struct HostFile {
    bool used;                  /* the slot belongs to 'obj' (maybe dead) */
    Addr obj;
    FILE *fp;                   /* NULL once closed */
    bool readable, writable;
    bool line_buffering;        /* buffering=1: flush after a write with a newline */
    int last;                   /* C needs a seek between reading and writing */
    long rpos, chunk_end;       /* reading: position, end of CPython's read-ahead */
    StrBuf pending;             /* TextIOWrapper's pending bytes */
    char *wbuf;                 /* BufferedWriter's buffer, 'bufsize' bytes */
    size_t nwbuf, bufsize;
} HostFile;

typedef struct HostConn {
    bool used;
    Addr obj;
    sqlite3 *db;                /* NULL once closed */
} HostConn;

typedef enum { SV_NULL, SV_INT, SV_FLOAT, SV_TEXT, SV_BLOB } SqlType;

typedef struct SqlValue {
    SqlType type;
    int64_t i;
    double f;
    size_t off, len;            /* SV_TEXT / SV_BLOB bytes in HostCursor.text */
} SqlValue;

typedef struct HostCursor {
    bool used, closed;
    Addr obj;
    SqlValue *vals;             /* nrows * ncols values, row-major */
    size_t ncols, nrows, pos, cap;  /* rows [pos, nrows) are still to fetch */
    StrBuf text;
} HostCursor;

/* Slot numbers of one array: 'n' handed out so far, 'free' ones to reuse. */
typedef struct Slots { unsigned n, cap; unsigned *free; unsigned nfree, capfree; } Slots;

struct FileTable {
    char *root;                 /* realpath(vm->disk), NULL if it does not resolve */
    int root_errno;
    HostFile *files; Slots fs;
    HostConn *conns; Slots cs;
    HostCursor *curs; Slots ks;
    unsigned since, sweep_at;   /* cursors made since the last sweep, threshold */
    unsigned conn_sweep_at;     /* open connections that make a sweep close dead ones */
};

static Heap *H(Vm *vm) { return vm->h; }
static Addr nomem(Vm *vm) { return vm_raise(vm, EXC_MEMORY, "%s", ""); }
static Addr none(Vm *vm) { return heap_none(H(vm)); }
static bool is_str(Vm *vm, Addr o) { return obj_type(H(vm), o) == TY_STR; }

static FileTable *table(Vm *vm)
{
    if (!vm->files) {
        FileTable *t = xcalloc(1, sizeof *t);
        t->root = realpath(vm->disk, NULL);
        t->root_errno = t->root ? 0 : errno;
        t->sweep_at = 256;
        t->conn_sweep_at = 64;
        vm->files = t;
    }
    return vm->files;
}

static char *utf8_of(Vm *vm, Addr s)
{
    StrBuf b; sb_init(&b);
    str_to_utf8(H(vm), s, &b);
    return sb_take(&b);
}

/* A path argument as UTF-8 (malloc'd), or NULL with ValueError for a NUL. */
static char *path_of(Vm *vm, Addr s)
{
    StrBuf b; sb_init(&b);
    str_to_utf8(H(vm), s, &b);
    if (b.len && memchr(b.s, '\0', b.len)) {
        sb_free(&b);
        vm_raise(vm, EXC_VALUE, "embedded null byte");
        return NULL;
    }
    return sb_take(&b);
}

/* Raises 'kind' with "prefix" followed by repr(obj), CPython's OSError text. */
static void raise_repr(Vm *vm, ExcKind kind, const char *prefix, Addr obj, const char *suffix)
{
    StrBuf r; sb_init(&r);
    op_repr(vm, obj, &r);
    vm_raise(vm, kind, "%s%s%s", prefix, r.s ? r.s : "", suffix);
    sb_free(&r);
}

/* OSError from errno 'e' about path 'obj', with CPython's subclass when
** tracevm has it (IsADirectoryError, FileExistsError... print as OSError). */
static Addr raise_errno(Vm *vm, int e, Addr obj)
{
    char prefix[160];
    snprintf(prefix, sizeof prefix, "[Errno %d] %s: ", e, strerror(e));
    ExcKind k = e == ENOENT ? EXC_FILENOTFOUND : (e == EACCES || e == EPERM) ? EXC_PERMISSION
              : e == EISDIR ? EXC_ISADIR : e == EEXIST ? EXC_FILEEXISTS : e == ENOTDIR ? EXC_NOTADIR : EXC_OS;
    raise_repr(vm, k, prefix, obj, "");
    return 0;
}

/* ---------------- host slots and their objects ---------------- */

static unsigned slot_take(Slots *s, void **arr, size_t elem)
{
    unsigned i;
    if (s->nfree) {
        i = s->free[--s->nfree];
    } else {
        if (s->n >= s->cap) {
            s->cap = s->cap < 8 ? 8 : s->cap * 2;
            *arr = xrealloc(*arr, (size_t)s->cap * elem);
        }
        i = s->n++;
    }
    memset((char *)*arr + (size_t)i * elem, 0, elem);
    return i;
}

static void slot_give(Slots *s, unsigned i)
{
    GROW_ARRAY(s->free, s->nfree, s->capfree);
    s->free[s->nfree++] = i;
}

/*
** True while 'o', recorded for slot 'i', is a live object of type 't' that
** still owns the slot. Reads the heap's live-object map (what heap_walk
** walks); an address reused by another object fails the type or slot test,
** since a slot is handed out again only after its object was found dead.
*/
static bool slot_alive(Vm *vm, Addr o, TypeId t, unsigned i)
{
    const Heap *h = H(vm);
    return heap_is_live(h, o) && obj_type(h, o) == t && obj_field(h, o, SLOT) == i;
}

static void cursor_drop_rows(HostCursor *k)
{
    free(k->vals);
    k->vals = NULL;
    k->ncols = k->nrows = k->pos = k->cap = 0;
    sb_free(&k->text);
}

/* The OS gets 'n' bytes now. */
static bool raw_write(HostFile *f, const char *s, size_t n)
{
    return n == 0 || (fwrite(s, 1, n, f->fp) == n && fflush(f->fp) == 0);
}

/* BufferedWriter.write: buffered if it fits, else the buffer and then the data go out. */
static bool buffered_write(HostFile *f, const char *s, size_t n)
{
    if (n == 0) return true;
    if (n <= f->bufsize - f->nwbuf) {
        if (!f->wbuf) f->wbuf = xmalloc(f->bufsize);
        memcpy(f->wbuf + f->nwbuf, s, n);
        f->nwbuf += n;
        return true;
    }
    bool ok = raw_write(f, f->wbuf, f->nwbuf);
    f->nwbuf = 0;
    if (n > f->bufsize) return raw_write(f, s, n) && ok;
    if (!f->wbuf) f->wbuf = xmalloc(f->bufsize);
    memcpy(f->wbuf, s, n);
    f->nwbuf = n;
    return ok;
}

/* TextIOWrapper.flush: pending bytes, then the writer's buffer, to the OS. */
static bool flush_all(HostFile *f)
{
    bool ok = buffered_write(f, f->pending.s, f->pending.len);
    f->pending.len = 0;
    ok = raw_write(f, f->wbuf, f->nwbuf) && ok;
    f->nwbuf = 0;
    return ok;
}

static void release_file(HostFile *f)
{
    if (f->fp) {
        flush_all(f);
        fclose(f->fp);
    }
    f->fp = NULL;
    sb_free(&f->pending);
    free(f->wbuf);
    f->wbuf = NULL;
}

static void release_conn(HostConn *c)
{
    if (c->db) sqlite3_close_v2(c->db);     /* rolls back an open transaction */
    c->db = NULL;
}

/* Releases the host side of objects the heap has freed: files and cursors
** always, connections when 'conns' (see the file comment). */
static void sweep(Vm *vm, bool conns)
{
    FileTable *t = table(vm);
    for (unsigned i = 0; i < t->fs.n; i++) {
        HostFile *f = &t->files[i];
        if (!f->used || slot_alive(vm, f->obj, TY_FILE, i)) continue;
        release_file(f);
        f->used = false;
        slot_give(&t->fs, i);
    }
    unsigned used = 0;
    for (unsigned i = 0; i < t->ks.n; i++) {
        HostCursor *k = &t->curs[i];
        if (!k->used) continue;
        if (slot_alive(vm, k->obj, TY_SQLCURSOR, i)) { used++; continue; }
        cursor_drop_rows(k);
        k->used = false;
        slot_give(&t->ks, i);
    }
    t->since = 0;
    t->sweep_at = used < 128 ? 256 : 2 * used;
    if (!conns) return;
    unsigned open = 0;
    for (unsigned i = 0; i < t->cs.n; i++) {
        HostConn *c = &t->conns[i];
        if (!c->used) continue;
        if (slot_alive(vm, c->obj, TY_SQLCONN, i)) { open += c->db != NULL; continue; }
        release_conn(c);
        c->used = false;
        slot_give(&t->cs, i);
    }
    t->conn_sweep_at = open < 32 ? 64 : 2 * open;
}

/* ---------------- the disk jail ---------------- */

static bool inside(const char *root, const char *p)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/') return true;
    return strncmp(p, root, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

/*
** Host path of program path 'path' (malloc'd), or NULL and *err set: EACCES
** for a path outside the jail, else the errno that resolving it gave.
*/
static char *jail_path(Vm *vm, const char *path, int *err)
{
    FileTable *t = table(vm);
    if (path[0] == '\0') { *err = ENOENT; return NULL; }
    if (path[0] == '/') { *err = EACCES; return NULL; }
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.') { *err = EACCES; return NULL; }
        p += n;
        while (*p == '/') p++;
    }
    if (!t->root) { *err = t->root_errno ? t->root_errno : ENOENT; return NULL; }
    StrBuf full; sb_init(&full);
    sb_printf(&full, "%s/%s", vm->disk, path);
    char *host = sb_take(&full);
    char *parent = xstrndup(host, (size_t)(strrchr(host, '/') - host));
    char *rp = realpath(parent, NULL);
    int e = errno;
    free(parent);
    if (!rp) { free(host); *err = e; return NULL; }
    bool ok = inside(t->root, rp);
    free(rp);
    struct stat st;
    if (ok && lstat(host, &st) == 0 && S_ISLNK(st.st_mode)) {
        rp = realpath(host, NULL);
        ok = rp && inside(t->root, rp);     /* a dangling link could create a file anywhere */
        free(rp);
    }
    if (!ok) { free(host); *err = EACCES; return NULL; }
    return host;
}

static void record_written(Vm *vm, const char *path)
{
    for (unsigned i = 0; i < vm->nwritten; i++)
        if (strcmp(vm->written[i], path) == 0) return;
    vm->written = xrealloc(vm->written, (vm->nwritten + 1) * sizeof *vm->written);
    vm->written[vm->nwritten++] = xstrdup(path);
}

/* ---------------- open() ---------------- */

typedef struct Mode { bool r, w, a, x, plus, t, b; } Mode;

/* CPython's _io.open mode checks, in its order and wording. */
static bool parse_mode(Vm *vm, const char *m, Mode *md)
{
    memset(md, 0, sizeof *md);
    for (const char *p = m; *p; p++) {
        bool *flag;
        switch (*p) {
        case 'r': flag = &md->r; break;
        case 'w': flag = &md->w; break;
        case 'a': flag = &md->a; break;
        case 'x': flag = &md->x; break;
        case '+': flag = &md->plus; break;
        case 't': flag = &md->t; break;
        case 'b': flag = &md->b; break;
        default: flag = NULL; break;
        }
        if (!flag || strchr(p + 1, *p)) { vm_raise(vm, EXC_VALUE, "invalid mode: '%s'", m); return false; }
        *flag = true;
    }
    if (md->t && md->b) { vm_raise(vm, EXC_VALUE, "can't have text and binary mode at once"); return false; }
    int n = md->r + md->w + md->a + md->x;
    if (n > 1) { vm_raise(vm, EXC_VALUE, "must have exactly one of create/read/write/append mode"); return false; }
    if (n == 0) {
        vm_raise(vm, EXC_VALUE, "Must have exactly one of create/read/write/append mode and at most one plus");
        return false;
    }
    if (md->b) { vm_raise(vm, EXC_VALUE, "binary mode is not supported by tracevm"); return false; }
    return true;
}

static bool utf8_name(const char *e)
{
    static const char *const names[] = { "utf-8", "utf8", "utf_8", "u8", "utf", "cp65001", NULL };
    for (const char *const *n = names; *n; n++) {
        size_t i = 0;
        while (e[i] && (*n)[i] && (e[i] | 0x20) == (*n)[i]) i++;
        if (!e[i] && !(*n)[i]) return true;
    }
    return false;
}

/* Opens 'host' for mode 'md' with errno set on failure; a directory is EISDIR
** (fopen accepts one for reading). */
static FILE *open_host(const char *host, const Mode *md)
{
    const char *cmode = md->r ? (md->plus ? "r+" : "r") : md->w ? (md->plus ? "w+" : "w")
                      : md->a ? (md->plus ? "a+" : "a") : (md->plus ? "w+x" : "wx");
    FILE *fp = fopen(host, cmode);
    struct stat st;
    if (fp && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        errno = EISDIR;
        return NULL;
    }
    return fp;
}

/* The arguments of open(): file, mode, buffering, encoding. */
static bool open_args(Vm *vm, Addr *args, unsigned n, Addr kw, Addr a[4])
{
    Heap *h = H(vm);
    static const char *const params[] = { "file", "mode", "buffering", "encoding", "errors", "newline", NULL };
    size_t nk = kw ? tuple_len(h, kw) : 0;
    unsigned np = n - (unsigned)nk;
    for (unsigned i = 0; i < 4; i++) a[i] = i < np ? args[i] : 0;
    for (size_t i = 0; i < nk; i++) {
        Addr k = tuple_get(h, kw, i);
        int p = 0;
        while (params[p] && !str_eq_cstr(h, k, params[p])) p++;
        if (!params[p]) { raise_repr(vm, EXC_TYPE, "", k, " is an invalid keyword argument for open()"); return false; }
        if ((unsigned)p < np) {
            vm_raise(vm, EXC_TYPE, "argument for open() given by name ('%s') and position (%d)", params[p], p + 1);
            return false;
        }
        if (p >= 4) { vm_raise(vm, EXC_TYPE, "open() argument '%s' is not supported by tracevm", params[p]); return false; }
        a[p] = args[np + i];
    }
    if (!a[0]) { vm_raise(vm, EXC_TYPE, "open() missing required argument 'file' (pos 1)"); return false; }
    if (a[1] && !is_str(vm, a[1])) {
        vm_raise(vm, EXC_TYPE, "open() argument 'mode' must be str, not %s", op_type_name(vm, a[1]));
        return false;
    }
    if (a[3] && obj_type(h, a[3]) != TY_NONE && !is_str(vm, a[3])) {
        vm_raise(vm, EXC_TYPE, "open() argument 'encoding' must be str or None, not %s", op_type_name(vm, a[3]));
        return false;
    }
    return true;
}

/*
** open(file, mode='r', buffering=-1, encoding=None): checks in CPython's
** order (arguments, mode, then the path, then buffering and encoding).
*/
Addr vm_open(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self;
    Heap *h = H(vm);
    Addr a[4];
    if (!open_args(vm, args, n, kw, a)) return 0;
    Addr file = a[0], mode = a[1], encoding = a[3];
    int64_t buffering = -1;
    if (a[2] && !op_index(vm, a[2], &buffering)) return 0;
    char *ms = mode ? utf8_of(vm, mode) : xstrdup("r");
    Mode md;
    bool ok = parse_mode(vm, ms, &md);
    free(ms);
    if (!ok) return 0;
    if (!is_str(vm, file))
        return vm_raise(vm, EXC_TYPE, "expected str, bytes or os.PathLike object, not %s", op_type_name(vm, file));
    char *path = path_of(vm, file);
    if (!path) return 0;

    int err = 0;
    char *host = jail_path(vm, path, &err);
    if (!host) { free(path); return raise_errno(vm, err, file); }
    sweep(vm, false);               /* dead writers flush before the disk is looked at */
    FILE *fp = open_host(host, &md);
    if (!fp && (errno == EMFILE || errno == ENFILE)) { sweep(vm, true); fp = open_host(host, &md); }
    err = errno;
    free(host);
    if (!fp) { free(path); return raise_errno(vm, err, file); }
    if (md.a) fseek(fp, 0, SEEK_END);       /* Python's append mode starts at the end */
    const char *why = NULL;
    char *enc = encoding && is_str(vm, encoding) ? utf8_of(vm, encoding) : NULL;
    if (buffering == 0) why = "can't have unbuffered text I/O";
    else if (enc && !utf8_name(enc)) why = "is not supported by tracevm (only 'utf-8')";
    if (why) {
        if (buffering == 0) vm_raise(vm, EXC_VALUE, "%s", why);
        else vm_raise(vm, EXC_VALUE, "encoding '%s' %s", enc, why);
        free(enc);
        free(path);
        fclose(fp);
        return 0;
    }
    free(enc);

    Addr f = heap_new_object(h, TY_FILE, 4, 0);
    Addr mstr = mode ? mode : str_from_cstr(h, "r");
    if (!f || !mstr) {
        fclose(fp);
        free(path);
        heap_decref(h, f);
        return nomem(vm);
    }
    bool writes = md.w || md.a || md.x || md.plus;
    if (writes) record_written(vm, path);
    free(path);
    if (mode) heap_incref(h, mode);
    heap_incref(h, file);
    obj_set_field(h, f, F_NAME, file);
    obj_set_field(h, f, F_MODE, mstr);
    obj_set_field(h, f, F_FLAGS, 0);
    FileTable *t = table(vm);
    unsigned i = slot_take(&t->fs, (void **)&t->files, sizeof *t->files);
    obj_set_field(h, f, SLOT, i);
    HostFile *hf = &t->files[i];
    hf->used = true;
    hf->obj = f;
    hf->fp = fp;
    hf->readable = md.r || md.plus;
    hf->writable = writes;
    hf->line_buffering = buffering == 1;
    hf->last = LAST_NONE;
    struct stat st;
    if (buffering > 1) hf->bufsize = (size_t)buffering;
    else hf->bufsize = fstat(fileno(fp), &st) == 0 && st.st_blksize > 1 ? (size_t)st.st_blksize : 8192;
    return f;
}

/* ---------------- file methods ---------------- */

static HostFile *host_file(Vm *vm, Addr f)
{
    FileTable *t = vm->files;
    return t ? &t->files[obj_field(H(vm), f, SLOT)] : NULL;
}

/*
** The host file behind 'f', checked and ready for 'need' ('r', 'w' or 0):
** NULL with the error raised. Switching from writing to reading flushes;
** switching from reading to writing puts the position where CPython's
** buffered reader had got to: the end of its last read-ahead chunk.
*/
static HostFile *file_check(Vm *vm, Addr f, int need)
{
    HostFile *hf = host_file(vm, f);
    if (!hf || !hf->fp) { vm_raise(vm, EXC_VALUE, "I/O operation on closed file."); return NULL; }
    if (need == 'r' && !hf->readable) { vm_raise(vm, EXC_UNSUPPORTEDOP, "not readable"); return NULL; }
    if (need == 'w' && !hf->writable) { vm_raise(vm, EXC_UNSUPPORTEDOP, "not writable"); return NULL; }
    if (need == 'r' && hf->last != LAST_READ) {
        if (hf->last == LAST_WRITE) { flush_all(hf); fseek(hf->fp, 0, SEEK_CUR); }
        hf->rpos = hf->chunk_end = ftell(hf->fp);
        hf->last = LAST_READ;
    } else if (need == 'w' && hf->last != LAST_WRITE) {
        if (hf->last == LAST_READ) {
            long end = hf->chunk_end;
            if (fseek(hf->fp, 0, SEEK_END) == 0 && ftell(hf->fp) < end) end = ftell(hf->fp);
            fseek(hf->fp, end, SEEK_SET);
        }
        hf->last = LAST_WRITE;
    }
    return hf;
}

static void decode_error(Vm *vm, int byte, long pos, const char *why)
{
    vm_raise(vm, EXC_VALUE, "'utf-8' codec can't decode byte 0x%02x in position %ld: %s", byte, pos, why);
}

/* getc, keeping CPython's read-ahead position: a chunk is max(8 KiB, the
** characters still wanted) bytes. */
static int next_byte(HostFile *hf, int64_t want)
{
    int c = getc(hf->fp);
    if (c == EOF) return EOF;
    if (hf->rpos >= hf->chunk_end) hf->chunk_end = hf->rpos + (want > TEXT_CHUNK ? (long)want : TEXT_CHUNK);
    hf->rpos++;
    return c;
}

static void put_back(HostFile *hf, int c)
{
    ungetc(c, hf->fp);
    hf->rpos--;
}

/*
** Reads one character as UTF-8 into 'out', with universal newlines ("\r\n"
** and "\r" read as "\n"). 1: a character ('*nl' true for a newline), 0: end
** of file, -1: invalid UTF-8 (raised, with UnicodeDecodeError's text).
*/
static int read_char(Vm *vm, HostFile *hf, int64_t want, StrBuf *out, bool *nl)
{
    *nl = false;
    long start = hf->rpos;
    int c = next_byte(hf, want);
    if (c == EOF) return 0;
    if (c == '\r') {
        int d = next_byte(hf, want);
        if (d != '\n' && d != EOF) put_back(hf, d);
        c = '\n';
    }
    if (c < 0x80) { sb_putc(out, (char)c); *nl = c == '\n'; return 1; }
    char b[4] = { (char)c };
    int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c < 0xC2 || c > 0xF4) { decode_error(vm, c, start, "invalid start byte"); return -1; }
    for (int k = 1; k < need; k++) {
        int d = next_byte(hf, want);
        if (d == EOF) { decode_error(vm, c, start, "unexpected end of data"); return -1; }
        /* continuation bytes; the second is narrowed against overlongs,
        ** surrogates and code points past U+10FFFF */
        bool bad = (d & 0xC0) != 0x80
            || (k == 1 && ((c == 0xE0 && d < 0xA0) || (c == 0xED && d > 0x9F)
                           || (c == 0xF0 && d < 0x90) || (c == 0xF4 && d > 0x8F)));
        if (bad) { put_back(hf, d); decode_error(vm, c, start, "invalid continuation byte"); return -1; }
        b[k] = (char)d;
    }
    sb_put(out, b, (size_t)need);
    return 1;
}

/* Reads up to 'limit' characters (-1: no limit), stopping after a newline
** when 'line'. The str, or 0 with the error raised. */
static Addr read_text(Vm *vm, HostFile *hf, int64_t limit, bool line)
{
    StrBuf b; sb_init(&b);
    int r = 1;
    for (int64_t count = 0; limit < 0 || count < limit; count++) {
        bool nl;
        r = read_char(vm, hf, line || limit < 0 ? 0 : limit - count, &b, &nl);
        if (r <= 0 || (line && nl)) break;
    }
    Addr s = r < 0 ? 0 : op_str_utf8(vm, b.s ? b.s : "", b.len);
    sb_free(&b);
    return s;
}

/* Optional size argument (int, or None when 'none_ok'); -1 when absent. */
static bool size_arg(Vm *vm, Addr *args, unsigned n, int64_t *out, bool none_ok)
{
    *out = -1;
    if (n == 0 || (none_ok && obj_type(H(vm), args[0]) == TY_NONE)) return true;
    if (none_ok && !op_is_int(vm, args[0])) {
        vm_raise(vm, EXC_TYPE, "argument should be integer or None, not '%s'", op_type_name(vm, args[0]));
        return false;
    }
    return op_index(vm, args[0], out);
}

static Addr f_read(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    int64_t lim;
    if (!size_arg(vm, args, n, &lim, true)) return 0;
    HostFile *hf = file_check(vm, self, 'r');
    return hf ? read_text(vm, hf, lim, false) : 0;
}

static Addr f_readline(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    int64_t lim;
    if (!size_arg(vm, args, n, &lim, false)) return 0;
    HostFile *hf = file_check(vm, self, 'r');
    return hf ? read_text(vm, hf, lim, true) : 0;
}

static Addr f_readlines(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    int64_t hint;
    if (!size_arg(vm, args, n, &hint, true)) return 0;
    HostFile *hf = file_check(vm, self, 'r');
    if (!hf) return 0;
    Addr l = list_new(h, 0);
    if (!l) return nomem(vm);
    uint64_t total = 0;
    for (;;) {
        Addr s = read_text(vm, hf, -1, true);
        if (!s) { heap_decref(h, l); return 0; }
        size_t len = str_len(h, s);
        if (len == 0) { heap_decref(h, s); break; }
        if (list_append(h, l, s) != 0) { heap_decref(h, l); return nomem(vm); }
        total += len;
        if (hint > 0 && total >= (uint64_t)hint) break;
    }
    return l;
}

/* TextIOWrapper.write of str 's' (type already checked): the number of
** characters, or -1 raised. */
static int64_t write_str(Vm *vm, Addr self, Addr s)
{
    HostFile *hf = file_check(vm, self, 'w');
    if (!hf) return -1;
    StrBuf b; sb_init(&b);
    str_to_utf8(H(vm), s, &b);
    bool ok = true;
    if (hf->pending.len + b.len > TEXT_CHUNK) {
        ok = buffered_write(hf, hf->pending.s, hf->pending.len);
        hf->pending.len = 0;
    }
    if (b.len) sb_put(&hf->pending, b.s, b.len);
    if (hf->line_buffering && b.len && (memchr(b.s, '\n', b.len) || memchr(b.s, '\r', b.len))) {
        ok = flush_all(hf) && ok;
    } else if (hf->pending.len >= TEXT_CHUNK) {
        ok = buffered_write(hf, hf->pending.s, hf->pending.len) && ok;
        hf->pending.len = 0;
    }
    int e = errno;
    sb_free(&b);
    if (!ok) { vm_raise(vm, EXC_OS, "[Errno %d] %s", e, strerror(e)); return -1; }
    return (int64_t)str_len(H(vm), s);
}

static Addr f_write(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    if (!is_str(vm, args[0])) return vm_raise(vm, EXC_TYPE, "write() argument must be str, not %s", op_type_name(vm, args[0]));
    int64_t w = write_str(vm, self, args[0]);
    if (w < 0) return 0;
    Addr r = int_from_i64(H(vm), w);
    return r ? r : nomem(vm);
}

static Addr f_writelines(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    if (!file_check(vm, self, 0)) return 0;
    Addr it = op_iter(vm, args[0]);
    if (!it) return 0;
    Addr s;
    int r;
    while ((r = op_next(vm, it, &s)) == 1) {
        int64_t w = -1;
        if (is_str(vm, s)) w = write_str(vm, self, s);
        else vm_raise(vm, EXC_TYPE, "write() argument must be str, not %s", op_type_name(vm, s));
        heap_decref(h, s);
        if (w < 0) { r = -1; break; }
    }
    heap_decref(h, it);
    return r < 0 ? 0 : none(vm);
}

static void file_close(Vm *vm, Addr f)
{
    HostFile *hf = host_file(vm, f);
    if (hf) release_file(hf);
    obj_set_field(H(vm), f, F_FLAGS, obj_field(H(vm), f, F_FLAGS) | FLAG_CLOSED);
}

static Addr f_close(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    file_close(vm, self);
    return none(vm);
}

static Addr f_flush(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    HostFile *hf = file_check(vm, self, 0);
    if (!hf) return 0;
    if (!flush_all(hf)) return vm_raise(vm, EXC_OS, "[Errno %d] %s", errno, strerror(errno));
    return none(vm);
}

static Addr f_readable(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    HostFile *hf = file_check(vm, self, 0);
    return hf ? heap_bool(H(vm), hf->readable) : 0;
}

static Addr f_writable(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    HostFile *hf = file_check(vm, self, 0);
    return hf ? heap_bool(H(vm), hf->writable) : 0;
}

static Addr f_tell(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    HostFile *hf = file_check(vm, self, 0);
    if (!hf) return 0;
    flush_all(hf);
    /* while reading, the logical position (CPython rebuilds it from its snapshot) */
    Addr r = int_from_i64(H(vm), hf->last == LAST_READ ? (int64_t)hf->rpos : (int64_t)ftell(hf->fp));
    return r ? r : nomem(vm);
}

/* seek(cookie, whence=0) with TextIOWrapper's restrictions. */
static Addr f_seek(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    int64_t off, whence = 0;
    if (!op_index(vm, args[0], &off)) return 0;
    if (n > 1 && !op_index(vm, args[1], &whence)) return 0;
    HostFile *hf = file_check(vm, self, 0);
    if (!hf) return 0;
    if (whence == 1 && off != 0) return vm_raise(vm, EXC_UNSUPPORTEDOP, "can't do nonzero cur-relative seeks");
    if (whence == 2 && off != 0) return vm_raise(vm, EXC_UNSUPPORTEDOP, "can't do nonzero end-relative seeks");
    if (whence < 0 || whence > 2)
        return vm_raise(vm, EXC_VALUE, "invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
    if (off < 0) return vm_raise(vm, EXC_VALUE, "negative seek position %lld", (long long)off);
    if (off > LONG_MAX) return vm_raise(vm, EXC_OVERFLOW, "Python int too large to convert to C long");
    flush_all(hf);
    if (hf->last == LAST_READ) fseek(hf->fp, hf->rpos, SEEK_SET);   /* drop the read-ahead */
    hf->last = LAST_NONE;
    fseek(hf->fp, (long)off, whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END);
    Addr r = int_from_i64(H(vm), (int64_t)ftell(hf->fp));
    return r ? r : nomem(vm);
}

int vm_file_next(Vm *vm, Addr f, Addr *out)
{
    HostFile *hf = file_check(vm, f, 'r');
    if (!hf) return -1;
    Addr s = read_text(vm, hf, -1, true);
    if (!s) return -1;
    if (str_len(H(vm), s) == 0) { heap_decref(H(vm), s); return 0; }
    *out = s;
    return 1;
}

/* ---------------- sqlite3 ---------------- */

static sqlite3 *conn_db(Vm *vm, Addr c)
{
    FileTable *t = vm->files;
    sqlite3 *db = t ? t->conns[obj_field(H(vm), c, SLOT)].db : NULL;
    if (!db) vm_raise(vm, EXC_SQLPROG, "Cannot operate on a closed database.");
    return db;
}

/* The host cursor behind 'k' and its database; NULL with the error raised. */
static HostCursor *cursor_check(Vm *vm, Addr k, sqlite3 **db)
{
    HostCursor *hc = &vm->files->curs[obj_field(H(vm), k, SLOT)];
    if (hc->closed) { vm_raise(vm, EXC_SQLPROG, "Cannot operate on a closed cursor."); return NULL; }
    *db = conn_db(vm, obj_field(H(vm), k, K_CONN));
    return *db ? hc : NULL;
}

static int sql_error(Vm *vm, sqlite3 *db)
{
    /* CPython maps SQLITE_CONSTRAINT/MISMATCH to IntegrityError */
    int code = sqlite3_errcode(db) & 0xFF;
    vm_raise(vm, code == SQLITE_CONSTRAINT || code == SQLITE_MISMATCH ? EXC_SQLINTEGRITY : EXC_SQLITE, "%s", sqlite3_errmsg(db));
    return -1;
}

static int exec_simple(Vm *vm, sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
    vm_raise(vm, EXC_SQLITE, "%s", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return -1;
}

/* Skips whitespace and SQL comments. */
static const char *skip_sql_space(const char *p)
{
    for (;;) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') p++;
        else if (p[0] == '-' && p[1] == '-') { while (*p && *p != '\n') p++; }
        else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (!e) return p + strlen(p);
            p = e + 2;
        } else return p;
    }
}

/* CPython's is_dml: the statements that open an implicit transaction. */
static bool is_dml(const char *sql)
{
    static const char *const kws[] = { "insert", "update", "delete", "replace", NULL };
    const char *p = skip_sql_space(sql);
    for (const char *const *k = kws; *k; k++) {
        size_t i = 0;
        while ((*k)[i] && (p[i] | 0x20) == (*k)[i]) i++;
        if (!(*k)[i]) return true;
    }
    return false;
}

/* Prepares the single statement 'sql' (its str object): 0 and *st (NULL for
** empty SQL), or -1 raised. */
static int prepare(Vm *vm, sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
    const char *tail = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, st, &tail) != SQLITE_OK) {
        sql_error(vm, db);
        sqlite3_finalize(*st);
        *st = NULL;
        return -1;
    }
    if (tail && *skip_sql_space(tail)) {
        sqlite3_finalize(*st);
        *st = NULL;
        vm_raise(vm, EXC_SQLPROG, "You can only execute one statement at a time.");
        return -1;
    }
    return 0;
}

static int bind_one(Vm *vm, sqlite3_stmt *st, int i, Addr v)
{
    Heap *h = H(vm);
    int rc;
    switch (obj_type(h, v)) {
    case TY_NONE: rc = sqlite3_bind_null(st, i); break;
    case TY_INT: case TY_BOOL: {
        int64_t x;
        bool fits = int_to_i64(h, v, &x);
        if (!fits) {
            BigInt b; big_init(&b);
            int_to_big(h, v, &b);
            fits = big_to_i64(&b, &x);
            big_free(&b);
        }
        if (!fits) { vm_raise(vm, EXC_OVERFLOW, "Python int too large to convert to SQLite INTEGER"); return -1; }
        rc = sqlite3_bind_int64(st, i, x);
        break;
    }
    case TY_FLOAT: rc = sqlite3_bind_double(st, i, float_value(h, v)); break;
    case TY_STR: {
        StrBuf b; sb_init(&b);
        str_to_utf8(h, v, &b);
        rc = sqlite3_bind_text(st, i, b.s ? b.s : "", (int)b.len, SQLITE_TRANSIENT);
        sb_free(&b);
        break;
    }
    default:
        vm_raise(vm, EXC_SQLPROG, "Error binding parameter %d: type '%s' is not supported", i, op_type_name(vm, v));
        return -1;
    }
    if (rc != SQLITE_OK) return sql_error(vm, sqlite3_db_handle(st));
    return 0;
}

/* Binds a tuple/list (positional) or dict (named) of parameters; 0 = none given. */
static int bind_params(Vm *vm, sqlite3_stmt *st, Addr params)
{
    Heap *h = H(vm);
    int need = sqlite3_bind_parameter_count(st);
    TypeId t = params ? obj_type(h, params) : TY_TUPLE;
    if (t == TY_TUPLE || t == TY_LIST) {
        size_t got = !params ? 0 : t == TY_TUPLE ? tuple_len(h, params) : list_len(h, params);
        if (got != (size_t)need) {
            vm_raise(vm, EXC_SQLPROG, "Incorrect number of bindings supplied. The current statement uses %d, and there are %zu supplied.", need, got);
            return -1;
        }
        for (int i = 0; i < need; i++) {
            Addr v = t == TY_TUPLE ? tuple_get(h, params, (size_t)i) : list_get(h, params, (size_t)i);
            if (bind_one(vm, st, i + 1, v) != 0) return -1;
        }
        return 0;
    }
    if (t == TY_DICT) {
        for (int i = 1; i <= need; i++) {
            const char *name = sqlite3_bind_parameter_name(st, i);
            if (!name) {
                vm_raise(vm, EXC_SQLPROG, "Binding %d has no name, but you supplied a dictionary (which has only names).", i);
                return -1;
            }
            Addr v = dict_get_str(h, params, name + 1);
            if (!v) { vm_raise(vm, EXC_SQLPROG, "You did not supply a value for binding parameter %s.", name); return -1; }
            if (bind_one(vm, st, i, v) != 0) return -1;
        }
        return 0;
    }
    vm_raise(vm, EXC_SQLPROG, "parameters are of unsupported type");
    return -1;
}

/* Steps 'st' to the end; keeps the rows in 'hc' when it is not NULL. */
static int run_stmt(Vm *vm, sqlite3_stmt *st, HostCursor *hc)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!hc) continue;
        size_t nc = (size_t)sqlite3_column_count(st);
        hc->ncols = nc;
        if ((hc->nrows + 1) * nc > hc->cap) {
            hc->cap = hc->cap < 16 ? 16 + nc : hc->cap * 2 + nc;
            hc->vals = xrealloc(hc->vals, hc->cap * sizeof *hc->vals);
        }
        SqlValue *row = hc->vals + hc->nrows * nc;
        for (size_t c = 0; c < nc; c++) {
            SqlValue *v = &row[c];
            memset(v, 0, sizeof *v);
            switch (sqlite3_column_type(st, (int)c)) {
            case SQLITE_INTEGER: v->type = SV_INT; v->i = sqlite3_column_int64(st, (int)c); break;
            case SQLITE_FLOAT: v->type = SV_FLOAT; v->f = sqlite3_column_double(st, (int)c); break;
            case SQLITE_TEXT: case SQLITE_BLOB: {
                bool text = sqlite3_column_type(st, (int)c) == SQLITE_TEXT;
                const void *p = text ? (const void *)sqlite3_column_text(st, (int)c) : sqlite3_column_blob(st, (int)c);
                v->type = text ? SV_TEXT : SV_BLOB;
                v->len = (size_t)sqlite3_column_bytes(st, (int)c);
                v->off = hc->text.len;
                if (v->len) sb_put(&hc->text, p, v->len);
                break;
            }
            default: v->type = SV_NULL; break;
            }
        }
        hc->nrows++;
    }
    if (rc != SQLITE_DONE) return sql_error(vm, sqlite3_db_handle(st));
    return 0;
}

static Addr new_cursor(Vm *vm, Addr conn)
{
    Heap *h = H(vm);
    FileTable *t = table(vm);
    if (++t->since >= t->sweep_at) sweep(vm, false);
    Addr k = heap_new_object(h, TY_SQLCURSOR, 3, 0);
    if (!k) return nomem(vm);
    unsigned i = slot_take(&t->ks, (void **)&t->curs, sizeof *t->curs);
    t->curs[i].used = true;
    t->curs[i].obj = k;
    heap_incref(h, conn);
    obj_set_field(h, k, K_CONN, conn);
    obj_set_field(h, k, K_ROWS, 0);
    obj_set_field(h, k, SLOT, i);
    return k;
}

static Addr sq_connect(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    Heap *h = H(vm);
    Addr pobj = args[0];
    if (!is_str(vm, pobj))
        return vm_raise(vm, EXC_TYPE, "expected str, bytes or os.PathLike object, not %s", op_type_name(vm, pobj));
    char *path = path_of(vm, pobj);
    if (!path) return 0;
    bool memory = strcmp(path, ":memory:") == 0 || path[0] == '\0';
    char *host = NULL;
    if (!memory) {
        int err = 0;
        host = jail_path(vm, path, &err);
        if (!host) {
            free(path);
            if (err == EACCES) return raise_errno(vm, err, pobj);
            return vm_raise(vm, EXC_SQLITE, "unable to open database file");
        }
    }
    FileTable *t = table(vm);
    unsigned open = 0;
    for (unsigned i = 0; i < t->cs.n; i++) open += t->conns[i].used && t->conns[i].db;
    if (open >= t->conn_sweep_at) sweep(vm, true);  /* as CPython's cyclic GC would, eventually */
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(host ? host : path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    free(host);
    if (rc != SQLITE_OK) {
        vm_raise(vm, EXC_SQLITE, "%s", db ? sqlite3_errmsg(db) : "unable to open database file");
        sqlite3_close_v2(db);
        free(path);
        return 0;
    }
    sqlite3_busy_timeout(db, 5000);         /* CPython's default timeout=5.0 */
    if (!memory) record_written(vm, path);
    free(path);
    Addr c = heap_new_object(h, TY_SQLCONN, 3, 0);
    if (!c) { sqlite3_close_v2(db); return nomem(vm); }
    unsigned i = slot_take(&t->cs, (void **)&t->conns, sizeof *t->conns);
    t->conns[i] = (HostConn){ true, c, db };
    heap_incref(h, pobj);
    obj_set_field(h, c, C_PATH, pobj);
    obj_set_field(h, c, SLOT, i);
    return c;
}

static Addr c_close(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    FileTable *t = vm->files;
    if (t) release_conn(&t->conns[obj_field(H(vm), self, SLOT)]);
    return none(vm);
}

static Addr c_cursor(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    if (!conn_db(vm, self)) return 0;
    return new_cursor(vm, self);
}

/* COMMIT or ROLLBACK when a transaction is open. */
static Addr end_transaction(Vm *vm, Addr conn, const char *sql)
{
    sqlite3 *db = conn_db(vm, conn);
    if (!db) return 0;
    if (!sqlite3_get_autocommit(db) && exec_simple(vm, db, sql) != 0) return 0;
    return none(vm);
}

static Addr c_commit(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    return end_transaction(vm, self, "COMMIT");
}

static Addr c_rollback(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    return end_transaction(vm, self, "ROLLBACK");
}

/* cursor.execute(sql, params) on cursor 'k': 0, or -1 raised. */
static int cursor_run(Vm *vm, Addr k, Addr sqlobj, Addr params)
{
    sqlite3 *db;
    HostCursor *hc = cursor_check(vm, k, &db);
    if (!hc) return -1;
    cursor_drop_rows(hc);
    char *sql = utf8_of(vm, sqlobj);
    sqlite3_stmt *st;
    int r = prepare(vm, db, sql, &st);
    if (r == 0 && st) {
        r = bind_params(vm, st, params);
        if (r == 0 && is_dml(sql) && sqlite3_get_autocommit(db)) r = exec_simple(vm, db, "BEGIN ");
        if (r == 0) r = run_stmt(vm, st, hc);
        sqlite3_finalize(st);
        if (r != 0) cursor_drop_rows(hc);
    }
    free(sql);
    return r;
}

static Addr k_execute(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    if (!is_str(vm, args[0])) return vm_raise(vm, EXC_TYPE, "execute() argument 1 must be str, not %s", op_type_name(vm, args[0]));
    if (cursor_run(vm, self, args[0], n > 1 ? args[1] : 0) != 0) return 0;
    heap_incref(H(vm), self);
    return self;
}

static Addr k_executemany(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    if (!is_str(vm, args[0])) return vm_raise(vm, EXC_TYPE, "executemany() argument 1 must be str, not %s", op_type_name(vm, args[0]));
    sqlite3 *db;
    HostCursor *hc = cursor_check(vm, self, &db);
    if (!hc) return 0;
    cursor_drop_rows(hc);
    Addr it = op_iter(vm, args[1]);
    if (!it) return 0;
    char *sql = utf8_of(vm, args[0]);
    sqlite3_stmt *st;
    int r = prepare(vm, db, sql, &st);
    if (r == 0 && st && !is_dml(sql)) {
        vm_raise(vm, EXC_SQLPROG, "executemany() can only execute DML statements.");
        r = -1;
    }
    Addr params;
    int got;
    while (r == 0 && st && (got = op_next(vm, it, &params)) != 0) {
        if (got < 0) { r = -1; break; }
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        r = bind_params(vm, st, params);
        heap_decref(h, params);
        if (r == 0 && sqlite3_get_autocommit(db)) r = exec_simple(vm, db, "BEGIN ");
        if (r == 0) r = run_stmt(vm, st, NULL);
    }
    sqlite3_finalize(st);
    free(sql);
    heap_decref(h, it);
    if (r != 0) return 0;
    heap_incref(h, self);
    return self;
}

static Addr k_executescript(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    if (!is_str(vm, args[0])) return vm_raise(vm, EXC_TYPE, "executescript() argument must be str, not %s", op_type_name(vm, args[0]));
    sqlite3 *db;
    HostCursor *hc = cursor_check(vm, self, &db);
    if (!hc) return 0;
    cursor_drop_rows(hc);
    /* CPython commits a pending transaction first */
    if (!sqlite3_get_autocommit(db) && exec_simple(vm, db, "COMMIT") != 0) return 0;
    char *sql = utf8_of(vm, args[0]);
    int r = exec_simple(vm, db, sql);
    free(sql);
    if (r != 0) return 0;
    heap_incref(H(vm), self);
    return self;
}

/* The object for one fetched value (new reference), or 0 raised. */
static Addr value_obj(Vm *vm, HostCursor *hc, const SqlValue *v, size_t col)
{
    Heap *h = H(vm);
    Addr r;
    switch (v->type) {
    case SV_INT: r = int_from_i64(h, v->i); break;
    case SV_FLOAT: r = float_new(h, v->f); break;
    case SV_TEXT: {
        const unsigned char *s = (const unsigned char *)hc->text.s + v->off;
        for (size_t i = 0; i < v->len;) {
            uint32_t cp;
            int k = utf8_decode(s + i, v->len - i, &cp);
            if (!k) return vm_raise(vm, EXC_SQLITE, "Could not decode to UTF-8 column %zu", col);
            i += (size_t)k;
        }
        return op_str_utf8(vm, v->len ? (const char *)s : "", v->len);
    }
    case SV_BLOB: return vm_raise(vm, EXC_VALUE, "BLOB values (bytes) are not supported by tracevm");
    default: return none(vm);
    }
    return r ? r : nomem(vm);
}

/* Takes the next row as a tuple (new reference); 0 raised. */
static Addr next_row(Vm *vm, HostCursor *hc)
{
    Heap *h = H(vm);
    Addr t = tuple_new(h, hc->ncols);
    if (!t) return nomem(vm);
    const SqlValue *row = hc->vals + hc->pos * hc->ncols;
    for (size_t c = 0; c < hc->ncols; c++) {
        Addr v = value_obj(vm, hc, &row[c], c);
        if (!v) { heap_decref(h, t); return 0; }
        tuple_set(h, t, c, v);
    }
    if (++hc->pos == hc->nrows) cursor_drop_rows(hc);
    return t;
}

/* A list of up to 'max' next rows (-1: all). */
static Addr fetch_list(Vm *vm, Addr self, int64_t max)
{
    Heap *h = H(vm);
    sqlite3 *db;
    HostCursor *hc = cursor_check(vm, self, &db);
    if (!hc) return 0;
    Addr l = list_new(h, 0);
    if (!l) return nomem(vm);
    for (int64_t i = 0; (max < 0 || i < max) && hc->pos < hc->nrows; i++) {
        Addr t = next_row(vm, hc);
        if (!t || list_append(h, l, t) != 0) {
            heap_decref(h, l);
            return t ? nomem(vm) : 0;
        }
    }
    return l;
}

static Addr k_fetchone(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    sqlite3 *db;
    HostCursor *hc = cursor_check(vm, self, &db);
    if (!hc) return 0;
    return hc->pos < hc->nrows ? next_row(vm, hc) : none(vm);
}

static Addr k_fetchall(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    return fetch_list(vm, self, -1);
}

static Addr k_fetchmany(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    int64_t size = 1;               /* cursor.arraysize */
    if (n && !op_index(vm, args[0], &size)) return 0;
    return fetch_list(vm, self, size);
}

static Addr k_close(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    if (!conn_db(vm, obj_field(H(vm), self, K_CONN))) return 0;
    HostCursor *hc = &vm->files->curs[obj_field(H(vm), self, SLOT)];
    hc->closed = true;
    cursor_drop_rows(hc);
    return none(vm);
}

/* conn.execute and friends: a new cursor running the cursor method. */
static Addr via_cursor(Vm *vm, Addr conn, NativeFn fn, const char *name, Addr *args, unsigned n)
{
    if (!is_str(vm, args[0]))
        return vm_raise(vm, EXC_TYPE, "%s() argument%s must be str, not %s", name,
                        strcmp(name, "executescript") == 0 ? "" : " 1", op_type_name(vm, args[0]));
    if (!conn_db(vm, conn)) return 0;
    Addr k = new_cursor(vm, conn);
    if (!k) return 0;
    Addr r = fn(vm, k, args, n, 0);
    heap_decref(H(vm), k);
    return r;
}

static Addr c_execute(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    return via_cursor(vm, self, k_execute, "execute", args, n);
}

static Addr c_executemany(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    return via_cursor(vm, self, k_executemany, "executemany", args, n);
}

static Addr c_executescript(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    return via_cursor(vm, self, k_executescript, "executescript", args, n);
}

/* ---------------- tables and lifetime ---------------- */

const Native vm_io_natives[] = {
    { "open", TY_NONE, vm_open, 0, 3, true },
    { "read", TY_FILE, f_read, 0, 1, false },
    { "readline", TY_FILE, f_readline, 0, 1, false },
    { "readlines", TY_FILE, f_readlines, 0, 1, false },
    { "write", TY_FILE, f_write, 1, 1, false },
    { "writelines", TY_FILE, f_writelines, 1, 1, false },
    { "close", TY_FILE, f_close, 0, 0, false },
    { "flush", TY_FILE, f_flush, 0, 0, false },
    { "readable", TY_FILE, f_readable, 0, 0, false },
    { "writable", TY_FILE, f_writable, 0, 0, false },
    { "seek", TY_FILE, f_seek, 1, 2, false },
    { "tell", TY_FILE, f_tell, 0, 0, false },
    { "sqlite3.connect", TY_MODULE, sq_connect, 1, 1, false },
    { "cursor", TY_SQLCONN, c_cursor, 0, 0, false },
    { "execute", TY_SQLCONN, c_execute, 1, 2, false },
    { "executemany", TY_SQLCONN, c_executemany, 2, 2, false },
    { "executescript", TY_SQLCONN, c_executescript, 1, 1, false },
    { "commit", TY_SQLCONN, c_commit, 0, 0, false },
    { "rollback", TY_SQLCONN, c_rollback, 0, 0, false },
    { "close", TY_SQLCONN, c_close, 0, 0, false },
    { "execute", TY_SQLCURSOR, k_execute, 1, 2, false },
    { "executemany", TY_SQLCURSOR, k_executemany, 2, 2, false },
    { "executescript", TY_SQLCURSOR, k_executescript, 1, 1, false },
    { "fetchone", TY_SQLCURSOR, k_fetchone, 0, 0, false },
    { "fetchmany", TY_SQLCURSOR, k_fetchmany, 0, 1, false },
    { "fetchall", TY_SQLCURSOR, k_fetchall, 0, 0, false },
    { "close", TY_SQLCURSOR, k_close, 0, 0, false },
};
const size_t vm_io_nnatives = sizeof vm_io_natives / sizeof vm_io_natives[0];

/*
** End of a with-block. A file closes; a connection, as CPython's
** Connection.__exit__, commits and stays open.
*/
int vm_io_close(Vm *vm, Addr o)
{
    switch (obj_type(H(vm), o)) {
    case TY_FILE:
        file_close(vm, o);
        return 0;
    case TY_SQLCONN: {
        Addr r = end_transaction(vm, o, "COMMIT");
        if (!r) return -1;
        heap_decref(H(vm), r);
        return 0;
    }
    default:
        return 0;
    }
}

/* Host state only: the objects may already be gone. */
void vm_io_shutdown(Vm *vm)
{
    FileTable *t = vm->files;
    if (!t) return;
    for (unsigned i = 0; i < t->fs.n; i++) release_file(&t->files[i]);
    for (unsigned i = 0; i < t->cs.n; i++) release_conn(&t->conns[i]);
    for (unsigned i = 0; i < t->ks.n; i++) cursor_drop_rows(&t->curs[i]);
    free(t->files); free(t->fs.free);
    free(t->conns); free(t->cs.free);
    free(t->curs); free(t->ks.free);
    free(t->root);
    free(t);
    vm->files = NULL;
}
