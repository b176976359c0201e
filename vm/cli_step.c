/*
** vm/cli_step.c: 'tracevm step', an interactive stepper that can go back.
**
** Processes. The controller (this process) reads commands and prints; it
** never runs the program. The program runs in a "head" process (a Stepper,
** vm/stepper.h) that obeys one command at a time over a pipe. Going back
** uses checkpoints: every so many steps the head forks a copy of itself
** that stops and waits (copy-on-write, so a checkpoint costs only the pages
** that change afterwards). To reach step T below the head, the controller
** parks the head (it becomes a checkpoint too), wakes the checkpoint
** nearest below T, which forks a new head, and that head replays forward to
** T silently. A replay is exact: the machine is deterministic, program
** output is captured inside the head, input() reads a log kept here.
**
** Every machine process is a child of the controller (double fork plus
** PR_SET_CHILD_SUBREAPER), so the controller reaps them, knows when a head
** dies, and signals only processes it has not reaped yet. A checkpoint
** waits in pselect on a "lifeline" pipe whose write end only the
** controller holds: if the controller dies, every checkpoint exits.
** Displays and inspection run in a throwaway child of the head, so looking
** at the machine can never change what a replay reproduces.
**
** The number of checkpoints is capped; past the cap the one whose removal
** leaves the smallest gap is dropped, so far-away history gets sparser and
** recent history stays dense.
*/
#define _GNU_SOURCE             /* fopencookie, pselect, prctl */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "vm/cli.h"
#include "vm/stepper.h"

/* ---------------- messages ---------------- */

enum {
    /* controller -> head */
    M_RUN = 1, M_SHOW, M_QUERY, M_WATCH, M_PARK, M_QUIT, M_INPUT, M_RESTORE,
    /* head -> controller */
    R_HELLO = 100, R_TEXT, R_CKPT, R_STOPPED, R_DONE, R_WATCH, R_INPUT_REQ, R_PARKED, R_FAIL
};

typedef struct MsgHead { uint32_t type; uint32_t len; } MsgHead;
typedef struct RunMsg { StpRun run; bool show; bool color; } RunMsg;
typedef struct ShowMsg { StpStop stop; bool color; } ShowMsg;
typedef struct Hello { int32_t pid; uint64_t step; int32_t status; } Hello;
typedef struct CkMsg { int32_t pid; uint64_t step; } CkMsg;
typedef struct StoppedMsg { StpStop stop; uint64_t step; int32_t status; } StoppedMsg;

static bool write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        if (w < 0) { if (errno == EINTR) continue; return false; }
        c += w;
        n -= (size_t)w;
    }
    return true;
}

static bool read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n) {
        ssize_t r = read(fd, c, n);
        if (r < 0) { if (errno == EINTR) continue; return false; }
        if (r == 0) return false;
        c += r;
        n -= (size_t)r;
    }
    return true;
}

static bool send_msg(int fd, uint32_t type, const void *p, size_t n)
{
    MsgHead h = { type, (uint32_t)n };
    return write_all(fd, &h, sizeof h) && (!n || write_all(fd, p, n));
}

/* ---------------- the program's disk ----------------
** The program's open() and sqlite3 work in a private copy of --disk (the
** real folder is never written). A checkpoint saves the copy as it is at
** its step; a head born from a checkpoint makes the copy what it was then
** (files created later moved away, saved bytes put back in place), so a
** replay sees the disk as the first run did. A fork shares each open file
** description (one offset for both processes): new processes re-open their
** files privately at the offset they had, and a file a checkpoint holds
** open gets its name back if another timeline moved it. */

static bool copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY);
    if (in < 0) return false;
    /* in place: a descriptor the program holds keeps pointing at the file */
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) { close(in); return false; }
    char buf[65536];
    ssize_t n;
    bool ok = true;
    while ((n = read(in, buf, sizeof buf)) > 0) if (!write_all(out, buf, (size_t)n)) { ok = false; break; }
    if (n < 0) ok = false;
    close(in);
    close(out);
    return ok;
}

static void make_parents(const char *path)
{
    char *p = xstrdup(path);
    for (char *c = p + 1; *c; c++) {
        if (*c != '/') continue;
        *c = 0;
        mkdir(p, 0755);
        *c = '/';
    }
    free(p);
}

/* Copies the tree 'from' into 'to' while within the budget; false past it. */
static bool copy_tree(const char *from, const char *to, uint64_t *bytes, unsigned *files)
{
    DIR *d = opendir(from);
    if (!d) return false;
    mkdir(to, 0755);
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        StrBuf a, b; sb_init(&a); sb_init(&b);
        sb_printf(&a, "%s/%s", from, e->d_name);
        sb_printf(&b, "%s/%s", to, e->d_name);
        struct stat st;
        if (lstat(a.s, &st) == 0) {
            if (!*files) ok = false;
            else (*files)--;
            if (ok && S_ISDIR(st.st_mode)) ok = copy_tree(a.s, b.s, bytes, files);
            else if (ok && S_ISREG(st.st_mode)) {
                if ((uint64_t)st.st_size > *bytes) ok = false;
                else { *bytes -= (uint64_t)st.st_size; ok = copy_file(a.s, b.s); }
            } else if (ok && S_ISLNK(st.st_mode)) {
                char target[PATH_MAX];
                ssize_t n = readlink(a.s, target, sizeof target - 1);
                if (n >= 0) { target[n] = 0; if (symlink(target, b.s) != 0) ok = false; }
            }
        }
        sb_free(&a); sb_free(&b);
    }
    closedir(d);
    return ok;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    remove(path);
    return 0;
}

static void remove_tree(const char *path)
{
    if (path && *path) nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---------------- the machine side ---------------- */

typedef struct Head {
    Stepper *s;
    int cmd, rsp, life;         /* pipe ends */
    FILE *trace;                /* trace rows -> R_TEXT */
    bool private_disk;          /* 'disk' is our copy of 'real' */
    const char *disk, *real, *tmp;
    char ck_dir[PATH_MAX];      /* files saved by the checkpoint this head came from */
} Head;

static Head H;
static volatile sig_atomic_t wake_flag;

static void on_usr1(int sig) { (void)sig; wake_flag = 1; }
static void on_int_head(int sig) { (void)sig; stp_interrupted = 1; }
static void on_chld(int sig) { (void)sig; }

static void reap(void)
{
    while (waitpid(-1, NULL, WNOHANG) > 0) {}
}

/* After a fork: regular files get their own open file description at the
** offset they had, so that this process's reads and writes do not move the
** other's. */
static void private_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d) return;
    int fds[256], n = 0, self = dirfd(d);
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        int fd = atoi(e->d_name);
        if (fd > 2 && fd != self && fd != H.cmd && fd != H.rsp && fd != H.life) fds[n++] = fd;
    }
    closedir(d);
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (fstat(fds[i], &st) != 0 || !S_ISREG(st.st_mode)) continue;
        int fl = fcntl(fds[i], F_GETFL), fdfl = fcntl(fds[i], F_GETFD);
        off_t off = lseek(fds[i], 0, SEEK_CUR);
        char path[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fds[i]);
        int nfd = open(path, fl & (O_ACCMODE | O_APPEND));
        if (nfd < 0) continue;
        if (off >= 0) lseek(nfd, off, SEEK_SET);
        if (dup2(nfd, fds[i]) >= 0 && fdfl >= 0) fcntl(fds[i], F_SETFD, fdfl);
        close(nfd);
    }
}


/* Files are never deleted from our disk copy, only moved to tmp/grave, so
** a file a checkpoint holds open keeps its inode and can get its name back:
** SQLite notices a database file replaced by another one ("attempt to write
** a readonly database"). */
static void bury(const char *path)
{
    static unsigned n;
    struct stat st;
    if (lstat(path, &st) != 0) return;
    char g[PATH_MAX + 64];
    snprintf(g, sizeof g, "%s/grave", H.tmp);
    mkdir(g, 0755);
    snprintf(g, sizeof g, "%s/grave/%ld-%u", H.tmp, (long)getpid(), n++);
    if (rename(path, g) != 0) unlink(path);
}

/* Which of our descriptors name which file of the disk copy (taken when a
** checkpoint is made, so that its heads can put the names back). */
typedef struct FdName { int fd; dev_t dev; ino_t ino; char path[PATH_MAX]; } FdName;
static FdName fdnames[64];
static int nfdnames;

static void record_fds(void)
{
    if (!H.private_disk) return;
    static FdName old[64];
    int nold = nfdnames;
    memcpy(old, fdnames, (size_t)nold * sizeof old[0]);
    nfdnames = 0;
    size_t dl = strlen(H.disk);
    for (int fd = 3; fd < 1024 && nfdnames < 64; fd++) {
        if (fd == H.cmd || fd == H.rsp || fd == H.life) continue;
        struct stat st;
        if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) continue;
        char link[64], target[PATH_MAX];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t len = readlink(link, target, sizeof target - 1);
        if (len <= 0) continue;
        target[len] = 0;
        const char *path = NULL;
        if (!strncmp(target, H.disk, dl) && target[dl] == '/') path = target;
        /* a file re-linked under its name still shows the name it was opened by */
        for (int i = 0; i < nold && !path; i++)
            if (old[i].fd == fd && old[i].ino == st.st_ino && old[i].dev == st.st_dev) path = old[i].path;
        if (!path) continue;
        FdName *r = &fdnames[nfdnames++];
        r->fd = fd;
        r->dev = st.st_dev;
        r->ino = st.st_ino;
        snprintf(r->path, sizeof r->path, "%s", path);
    }
}

/* Gives each recorded descriptor's file its name back if another timeline
** moved it away or put another file there. */
static void rename_back(void)
{
    for (int i = 0; i < nfdnames; i++) {
        struct stat a, b;
        if (fstat(fdnames[i].fd, &a) != 0) continue;
        if (stat(fdnames[i].path, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev) continue;
        if (a.st_nlink == 0) continue;          /* deleted by the program: re-created below */
        bury(fdnames[i].path);
        make_parents(fdnames[i].path);
        char link[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fdnames[i].fd);
        linkat(AT_FDCWD, link, AT_FDCWD, fdnames[i].path, AT_SYMLINK_FOLLOW);
    }
}

/* A checkpoint saves the whole disk copy as it is at its step (tmp/ck-PID/tree). */
static void save_files(void)
{
    snprintf(H.ck_dir, sizeof H.ck_dir, "%s/ck-%ld", H.tmp ? H.tmp : "", (long)getpid());
    if (!H.private_disk) return;
    mkdir(H.ck_dir, 0755);
    StrBuf t; sb_init(&t);
    sb_printf(&t, "%s/tree", H.ck_dir);
    uint64_t budget = 64u << 20;
    unsigned files = 10000;
    copy_tree(H.disk, t.s, &budget, &files);
    sb_free(&t);
}

typedef void (*WalkFn)(const char *rel, const struct stat *st, void *ud);

/* Calls fn for every file and link under root/rel, depth first. */
static void walk(const char *root, const char *rel, WalkFn fn, void *ud)
{
    StrBuf dir; sb_init(&dir);
    sb_printf(&dir, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *d = opendir(dir.s);
    sb_free(&dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        StrBuf r, full; sb_init(&r); sb_init(&full);
        sb_printf(&r, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        sb_printf(&full, "%s/%s", root, r.s);
        struct stat st;
        if (lstat(full.s, &st) == 0) {
            if (S_ISDIR(st.st_mode)) walk(root, r.s, fn, ud);
            else fn(r.s, &st, ud);
        }
        sb_free(&r); sb_free(&full);
    }
    closedir(d);
}

static void drop_extra(const char *rel, const struct stat *st, void *ud)
{
    (void)st;
    const char *tree = ud;
    StrBuf a, b; sb_init(&a); sb_init(&b);
    sb_printf(&a, "%s/%s", tree, rel);
    sb_printf(&b, "%s/%s", H.disk, rel);
    struct stat x;
    if (lstat(a.s, &x) != 0) bury(b.s);
    sb_free(&a); sb_free(&b);
}

static void put_back(const char *rel, const struct stat *st, void *ud)
{
    const char *tree = ud;
    StrBuf a, b; sb_init(&a); sb_init(&b);
    sb_printf(&a, "%s/%s", tree, rel);
    sb_printf(&b, "%s/%s", H.disk, rel);
    make_parents(b.s);
    if (S_ISREG(st->st_mode)) {
        struct stat x;
        if (lstat(b.s, &x) == 0 && !S_ISREG(x.st_mode)) bury(b.s);
        copy_file(a.s, b.s);
    } else if (S_ISLNK(st->st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlink(a.s, target, sizeof target - 1);
        if (n >= 0) {
            target[n] = 0;
            bury(b.s);
            if (symlink(target, b.s) != 0) { /* leave it missing */ }
        }
    }
    sb_free(&a); sb_free(&b);
}

/* A new head makes the disk copy what it was at its checkpoint's step:
** names given back to files it holds open, files created later moved
** away, every saved file's bytes put back in place; a descriptor whose
** file the program itself deleted then points at the re-created file. */
static void restore_files(void)
{
    if (!H.private_disk || !H.ck_dir[0]) return;
    rename_back();
    StrBuf tree; sb_init(&tree);
    sb_printf(&tree, "%s/tree", H.ck_dir);
    walk(H.disk, "", drop_extra, tree.s);
    walk(tree.s, "", put_back, tree.s);
    sb_free(&tree);
    for (int i = 0; i < nfdnames; i++) {
        struct stat a, b;
        int fd = fdnames[i].fd;
        if (fstat(fd, &a) != 0 || stat(fdnames[i].path, &b) != 0) continue;
        if (a.st_ino == b.st_ino && a.st_dev == b.st_dev) continue;
        int fl = fcntl(fd, F_GETFL), fdfl = fcntl(fd, F_GETFD);
        off_t off = lseek(fd, 0, SEEK_CUR);
        int nfd = open(fdnames[i].path, fl & (O_ACCMODE | O_APPEND));
        if (nfd < 0) continue;
        if (off >= 0) lseek(nfd, off, SEEK_SET);
        if (dup2(nfd, fd) >= 0 && fdfl >= 0) fcntl(fd, F_SETFD, fdfl);
        close(nfd);
    }
}

static ssize_t trace_write(void *c, const char *buf, size_t n)
{
    (void)c;
    return send_msg(H.rsp, R_TEXT, buf, n) ? (ssize_t)n : -1;
}

static void head_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_int_head;
    sigaction(SIGINT, &sa, NULL);
}

/* A checkpoint: waits until the controller asks for a new head (SIGUSR1)
** or goes away. Returns true in the new head, a grandchild re-parented to
** the controller. */
static bool ck_wait(void)
{
    signal(SIGINT, SIG_IGN);
    sigset_t during;
    sigprocmask(SIG_SETMASK, NULL, &during);
    sigdelset(&during, SIGUSR1);
    sigdelset(&during, SIGCHLD);
    for (;;) {
        fd_set rd;
        FD_ZERO(&rd);
        FD_SET(H.life, &rd);
        struct timespec ts = { 1, 0 };
        int r = pselect(H.life + 1, &rd, NULL, NULL, &ts, &during);
        if (r > 0) _exit(0);                    /* the controller is gone */
        reap();
        if (!wake_flag) continue;
        wake_flag = 0;
        fflush(NULL);
        pid_t p = fork();
        if (p == 0) {
            pid_t q = fork();
            if (q == 0) { private_fds(); head_signals(); return true; }
            _exit(q < 0 ? 1 : 0);
        }
        if (p > 0) waitpid(p, NULL, 0);
    }
}

/* StpCheckpointFn: a frozen copy of this head at 'step'. */
static bool make_checkpoint(void *ud, uint64_t step)
{
    (void)ud;
    fflush(NULL);
    pid_t p = fork();
    if (p < 0) return false;
    if (p == 0) {
        /* the checkpoint saves its files before this head may write again */
        int sync[2];
        if (pipe(sync) != 0) _exit(1);
        pid_t q = fork();
        if (q == 0) {
            close(sync[0]);
            private_fds();
            record_fds();
            save_files();
            write_all(sync[1], "k", 1);
            close(sync[1]);
            return ck_wait();
        }
        close(sync[1]);
        char k;
        if (q > 0 && read_all(sync[0], &k, 1)) {
            CkMsg m = { (int32_t)q, step };
            send_msg(H.rsp, R_CKPT, &m, sizeof m);
        }
        _exit(0);
    }
    waitpid(p, NULL, 0);
    return false;
}

/* StpInputFn: asks the controller for the input log past 'offset'. */
static void need_input(void *ud, uint64_t offset, StrBuf *more)
{
    (void)ud;
    if (!send_msg(H.rsp, R_INPUT_REQ, &offset, sizeof offset)) return;
    MsgHead h;
    if (!read_all(H.cmd, &h, sizeof h) || h.type != M_INPUT) _exit(0);
    if (h.len) {
        char *b = xmalloc(h.len);
        if (!read_all(H.cmd, b, h.len)) _exit(0);
        sb_put(more, b, h.len);
        free(b);
    }
}

/* Runs fn in a throwaway child that sends its text; waits for it. */
static void in_child(void (*fn)(void *), void *arg)
{
    fflush(NULL);
    pid_t p = fork();
    if (p == 0) {
        fn(arg);
        _exit(0);
    }
    if (p < 0) { fn(arg); return; }
    int st = 0;
    while (waitpid(p, &st, 0) < 0 && errno == EINTR) {}
    if (WIFSIGNALED(st)) {
        char msg[96];
        int n = snprintf(msg, sizeof msg, "(the display crashed with signal %d)\n", WTERMSIG(st));
        send_msg(H.rsp, R_TEXT, msg, (size_t)n);
    }
}

static void send_text_of(void (*fill)(void *, FILE *), void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    fill(arg, m);
    fclose(m);
    for (size_t off = 0; off < len;) {
        size_t n = len - off > 65536 ? 65536 : len - off;
        send_msg(H.rsp, R_TEXT, buf + off, n);
        off += n;
    }
    free(buf);
}

static void fill_show(void *arg, FILE *f) { ShowMsg *m = arg; stp_show_stop(H.s, &m->stop, m->color, f); }
static void child_show(void *arg) { send_text_of(fill_show, arg); }

typedef struct QueryArg { const char *line; bool color; } QueryArg;
static void fill_query(void *arg, FILE *f)
{
    QueryArg *q = arg;
    if (!stp_query(H.s, q->line, q->color, f)) fprintf(f, "Unknown command '%s'. Try 'help'.\n", q->line);
}
static void child_query(void *arg) { send_text_of(fill_query, arg); }

static int32_t head_status(void)
{
    Vm *vm = stp_vm(H.s);
    if (!vm->nframes) return VM_OK;
    if (vm->err.kind != EXC_NONE) return VM_ERROR;
    if (vm->max_steps && vm->steps >= vm->max_steps) return VM_STEP_LIMIT;
    return VM_PAUSED;
}

static _Noreturn void head_main(void)
{
    cookie_io_functions_t io = { NULL, trace_write, NULL, NULL };
    H.trace = fopencookie(NULL, "w", io);
    if (H.trace) setvbuf(H.trace, NULL, _IOFBF, 65536);
    head_signals();
    bool reborn = make_checkpoint(NULL, 0);
    for (;;) {
        (void)reborn;
        Hello hi = { (int32_t)getpid(), stp_step(H.s), head_status() };
        if (!send_msg(H.rsp, R_HELLO, &hi, sizeof hi)) _exit(0);
        reborn = false;
        while (!reborn) {
            reap();
            MsgHead h;
            if (!read_all(H.cmd, &h, sizeof h)) _exit(0);
            char *body = NULL;
            if (h.len) {
                body = xmalloc(h.len + 1);
                if (!read_all(H.cmd, body, h.len)) _exit(0);
                body[h.len] = 0;
            }
            switch (h.type) {
            case M_RUN: {
                RunMsg *rm = (RunMsg *)(void *)body;
                StpStop st = stp_run(H.s, &rm->run, H.trace);
                if (st.reason == STOP_REBORN) { reborn = true; break; }
                if (H.trace) fflush(H.trace);
                if (st.reason == STOP_REFUSED) {
                    size_t n = strlen(st.msg);
                    st.msg[n] = '\n';
                    send_msg(H.rsp, R_TEXT, st.msg, n + 1);
                    st.msg[n] = 0;
                } else if (rm->show) {
                    ShowMsg sm = { st, rm->color };
                    in_child(child_show, &sm);
                }
                StoppedMsg sm = { st, stp_step(H.s), head_status() };
                send_msg(H.rsp, R_STOPPED, &sm, sizeof sm);
                break;
            }
            case M_SHOW: {
                ShowMsg *sm = (ShowMsg *)(void *)body;
                in_child(child_show, sm);
                send_msg(H.rsp, R_DONE, NULL, 0);
                break;
            }
            case M_QUERY: {
                QueryArg q = { body + 1, body[0] == 'c' };
                in_child(child_query, &q);
                send_msg(H.rsp, R_DONE, NULL, 0);
                break;
            }
            case M_WATCH: {
                StpWatch w;
                char *buf = NULL;
                size_t len = 0;
                FILE *m = open_memstream(&buf, &len);
                bool ok = stp_resolve_watch(H.s, body, &w, m);
                fclose(m);
                if (len) send_msg(H.rsp, R_TEXT, buf, len);
                free(buf);
                if (ok) send_msg(H.rsp, R_WATCH, &w, sizeof w);
                else send_msg(H.rsp, R_DONE, NULL, 0);
                break;
            }
            case M_PARK:
                record_fds();
                save_files();
                send_msg(H.rsp, R_PARKED, NULL, 0);
                free(body);
                body = NULL;
                reborn = ck_wait();
                break;
            case M_RESTORE:
                restore_files();
                send_msg(H.rsp, R_DONE, NULL, 0);
                break;
            case M_QUIT:
            default:
                _exit(0);
            }
            free(body);
        }
    }
}

/* ---------------- the controller ---------------- */

typedef struct Ck { uint64_t step; pid_t pid; } Ck;

typedef struct Ctl {
    char tmp[PATH_MAX];         /* the session's folder: disk/, ck-PID/ */
    bool private_disk;
    const Program *prog;
    const char *path;
    int cmd, rsp;               /* pipe ends */
    pid_t head;
    uint64_t step;
    int status;                 /* VmStatus of the head (VM_PAUSED: can go on) */
    Ck ck[STP_MAX_CK + 2];
    unsigned nck, ck_max;
    uint64_t ck_every;
    StpBreak breaks[STP_MAX_BREAKS]; unsigned nbreaks;
    StpWatch watch[STP_MAX_WATCH]; unsigned nwatch;
    unsigned next_id;
    bool trace, color, tty, echo;
    StrBuf inlog;               /* input() lines given so far */
    bool input_file;            /* --input: the log is complete */
    bool in_eof;
    char last[256];
    char **hist; size_t nhist, caphist;
    bool quit;
} Ctl;

static void ck_remove(Ctl *c, unsigned i)
{
    memmove(&c->ck[i], &c->ck[i + 1], (c->nck - i - 1) * sizeof c->ck[0]);
    c->nck--;
}

static void drop_files(Ctl *c, pid_t pid)
{
    char dir[PATH_MAX + 32];
    snprintf(dir, sizeof dir, "%s/ck-%ld", c->tmp, (long)pid);
    remove_tree(dir);
}

static void ck_kill(Ctl *c, unsigned i)
{
    pid_t p = c->ck[i].pid;
    kill(p, SIGKILL);
    waitpid(p, NULL, 0);
    drop_files(c, p);
    ck_remove(c, i);
}

/* Adds a checkpoint (sorted by step); past the cap drops the one whose
** removal leaves the smallest gap (never step 0 nor the newest). */
static void ck_add(Ctl *c, uint64_t step, pid_t pid)
{
    for (unsigned i = 0; i < c->nck; i++) {
        if (c->ck[i].step == step) {      /* already there: keep one */
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            drop_files(c, pid);
            return;
        }
    }
    unsigned at = c->nck;
    while (at > 0 && c->ck[at - 1].step > step) at--;
    memmove(&c->ck[at + 1], &c->ck[at], (c->nck - at) * sizeof c->ck[0]);
    c->ck[at] = (Ck){ step, pid };
    c->nck++;
    while (c->nck > c->ck_max && c->nck > 2) {
        unsigned best = 0;
        uint64_t gap = UINT64_MAX;
        for (unsigned i = 1; i + 1 < c->nck; i++) {
            if (c->ck[i].step == step) continue;
            uint64_t g = c->ck[i + 1].step - c->ck[i - 1].step;
            if (g < gap) { gap = g; best = i; }
        }
        if (!best) break;
        ck_kill(c, best);
    }
}

static void answer_input(Ctl *c, uint64_t offset);

/* Reads messages until one of type 'want' (its body into 'out', up to 'cap').
** False when the head died. */
static bool wait_for(Ctl *c, uint32_t want, void *out, size_t cap)
{
    for (;;) {
        struct pollfd p = { c->rsp, POLLIN, 0 };
        int r = poll(&p, 1, 200);
        if (r == 0) {
            int st;
            if (c->head > 0 && waitpid(c->head, &st, WNOHANG) == c->head) {
                fflush(stdout);
                if (WIFSIGNALED(st)) fprintf(stderr, "tracevm: error: the machine process died (signal %d)\n", WTERMSIG(st));
                else fprintf(stderr, "tracevm: error: the machine process exited (status %d)\n", WEXITSTATUS(st));
                c->head = 0;
                return false;
            }
            continue;
        }
        if (r < 0) { if (errno == EINTR) continue; return false; }
        MsgHead h;
        if (!read_all(c->rsp, &h, sizeof h)) return false;
        char *body = xmalloc(h.len + 1);
        if (h.len && !read_all(c->rsp, body, h.len)) { free(body); return false; }
        body[h.len] = 0;
        switch (h.type) {
        case R_TEXT:
            fwrite(body, 1, h.len, stdout);
            break;
        case R_CKPT: {
            CkMsg m;
            memcpy(&m, body, sizeof m);
            ck_add(c, m.step, m.pid);
            break;
        }
        case R_INPUT_REQ: {
            uint64_t off;
            memcpy(&off, body, sizeof off);
            answer_input(c, off);
            break;
        }
        case R_FAIL:
            fflush(stdout);
            fwrite(body, 1, h.len, stderr);
            free(body);
            return false;
        default:
            break;
        }
        if (h.type == want) {
            if (out) memcpy(out, body, h.len < cap ? h.len : cap);
            free(body);
            fflush(stdout);
            return true;
        }
        free(body);
    }
}

/* ---- reading commands: a small line editor on a terminal ---- */

static struct termios saved_tio;
static bool raw_on;

static void raw_off(void)
{
    if (raw_on) { tcsetattr(0, TCSANOW, &saved_tio); raw_on = false; }
}

static bool raw_enable(void)
{
    if (tcgetattr(0, &saved_tio) < 0) return false;
    struct termios t = saved_tio;
    t.c_iflag &= ~(unsigned)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    t.c_lflag &= ~(unsigned)(ECHO | ICANON | IEXTEN | ISIG);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(0, TCSANOW, &t) < 0) return false;   /* keeps what was typed ahead */
    raw_on = true;
    return true;
}

static void refresh(const char *prompt, const StrBuf *b, size_t pos)
{
    StrBuf o; sb_init(&o);
    sb_printf(&o, "\r%s", prompt);
    sb_put(&o, b->s ? b->s : "", b->len);
    sb_puts(&o, "\033[K\r");
    sb_printf(&o, "\033[%zuC", strlen(prompt) + pos);
    if (strlen(prompt) + pos == 0) sb_puts(&o, "\033[0C");
    write_all(1, o.s, o.len);
    sb_free(&o);
}

/* Emacs-style keys: arrows, Home/End, ^A ^E ^B ^F ^K ^U ^W ^D, history. */
static char *edit_line(Ctl *c, const char *prompt)
{
    fflush(stdout);
    if (!raw_enable()) return NULL;
    StrBuf b; sb_init(&b);
    sb_puts(&b, "");
    size_t pos = 0, hi = c->nhist;
    char *saved = NULL;
    refresh(prompt, &b, pos);
    for (;;) {
        char ch;
        ssize_t r = read(0, &ch, 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) { raw_off(); sb_free(&b); free(saved); return NULL; }
        if (ch == '\r' || ch == '\n') break;
        if (ch == 4) {                              /* ^D */
            if (!b.len) { raw_off(); write_all(1, "\n", 1); sb_free(&b); free(saved); return NULL; }
            if (pos < b.len) { memmove(b.s + pos, b.s + pos + 1, b.len - pos); b.len--; }
        } else if (ch == 3) {                       /* ^C: drop the line */
            b.len = 0; pos = 0;
            if (b.s) b.s[0] = 0;
            write_all(1, "^C\r\n", 4);
        } else if (ch == 127 || ch == 8) {
            if (pos) { memmove(b.s + pos - 1, b.s + pos, b.len - pos + 1); pos--; b.len--; }
        } else if (ch == 1) pos = 0;
        else if (ch == 5) pos = b.len;
        else if (ch == 2) { if (pos) pos--; }
        else if (ch == 6) { if (pos < b.len) pos++; }
        else if (ch == 11) { b.len = pos; b.s[pos] = 0; }
        else if (ch == 21) { memmove(b.s, b.s + pos, b.len - pos + 1); b.len -= pos; pos = 0; }
        else if (ch == 23) {
            size_t p = pos;
            while (p && b.s[p - 1] == ' ') p--;
            while (p && b.s[p - 1] != ' ') p--;
            memmove(b.s + p, b.s + pos, b.len - pos + 1);
            b.len -= pos - p; pos = p;
        } else if (ch == 27) {
            char seq[3];
            if (read(0, &seq[0], 1) != 1 || read(0, &seq[1], 1) != 1) continue;
            if (seq[0] == '[' && seq[1] >= '0' && seq[1] <= '9') {
                if (read(0, &seq[2], 1) != 1) continue;
                if (seq[2] == '~' && seq[1] == '3' && pos < b.len) { memmove(b.s + pos, b.s + pos + 1, b.len - pos); b.len--; }
                if (seq[2] == '~' && (seq[1] == '1' || seq[1] == '7')) pos = 0;
                if (seq[2] == '~' && (seq[1] == '4' || seq[1] == '8')) pos = b.len;
            } else if (seq[0] == '[' || seq[0] == 'O') {
                switch (seq[1]) {
                case 'C': if (pos < b.len) pos++; break;
                case 'D': if (pos) pos--; break;
                case 'H': pos = 0; break;
                case 'F': pos = b.len; break;
                case 'A': case 'B': {
                    if (!c->nhist) break;
                    if (hi == c->nhist) { free(saved); saved = xstrdup(b.s ? b.s : ""); }
                    if (seq[1] == 'A' && hi > 0) hi--;
                    else if (seq[1] == 'B' && hi < c->nhist) hi++;
                    const char *t = hi == c->nhist ? (saved ? saved : "") : c->hist[hi];
                    sb_clear(&b); sb_puts(&b, t); pos = b.len;
                    break;
                }
                default: break;
                }
            }
        } else if ((unsigned char)ch >= 32) {
            sb_putc(&b, 0);
            memmove(b.s + pos + 1, b.s + pos, b.len - pos - 1);
            b.s[pos] = ch;
            pos++;
        }
        refresh(prompt, &b, pos);
    }
    raw_off();
    write_all(1, "\r\n", 2);
    free(saved);
    char *line = sb_take(&b);
    if (*line && (!c->nhist || strcmp(c->hist[c->nhist - 1], line))) {
        GROW_ARRAY(c->hist, c->nhist, c->caphist);
        c->hist[c->nhist++] = xstrdup(line);
    }
    return line;
}

/* The next command (or input line): NULL at end of input. */
static char *read_command(Ctl *c, const char *prompt)
{
    if (c->tty) return edit_line(c, prompt);
    fputs(prompt, stdout);
    fflush(stdout);
    StrBuf b; sb_init(&b);
    int ch;
    bool any = false;
    while ((ch = getchar()) != EOF) {
        any = true;
        if (ch == '\n') break;
        sb_putc(&b, (char)ch);
    }
    if (!any) { fputc('\n', stdout); sb_free(&b); return NULL; }
    if (b.len && b.s[b.len - 1] == '\r') b.s[--b.len] = 0;
    if (c->echo) printf("%s\n", b.s ? b.s : "");
    return sb_take(&b);
}

static void answer_input(Ctl *c, uint64_t offset)
{
    while (offset >= c->inlog.len && !c->in_eof && !c->input_file) {
        printf("[the program reads a line of input]\n");
        char *line = read_command(c, "input> ");
        if (!line) { c->in_eof = true; break; }
        sb_puts(&c->inlog, line);
        sb_putc(&c->inlog, '\n');
        free(line);
    }
    size_t n = offset < c->inlog.len ? c->inlog.len - (size_t)offset : 0;
    send_msg(c->cmd, M_INPUT, n ? c->inlog.s + offset : NULL, n);
}

/* ---- moving ---- */

static bool head_is_alive(const Ctl *c) { return c->head > 0; }

static void fill_run(Ctl *c, StpRun *r)
{
    r->nbreaks = c->nbreaks;
    memcpy(r->breaks, c->breaks, c->nbreaks * sizeof c->breaks[0]);
    r->nwatch = c->nwatch;
    memcpy(r->watch, c->watch, c->nwatch * sizeof c->watch[0]);
    r->ck_every = c->ck_every;
    r->nck = c->nck;
    for (unsigned i = 0; i < c->nck; i++) r->ck[i] = c->ck[i].step;
}

static void forget_id(Ctl *c, unsigned id)
{
    for (unsigned i = 0; i < c->nbreaks; i++)
        if (c->breaks[i].id == id) { memmove(&c->breaks[i], &c->breaks[i + 1], (c->nbreaks - i - 1) * sizeof c->breaks[0]); c->nbreaks--; return; }
    for (unsigned i = 0; i < c->nwatch; i++)
        if (c->watch[i].id == id) { memmove(&c->watch[i], &c->watch[i + 1], (c->nwatch - i - 1) * sizeof c->watch[0]); c->nwatch--; return; }
}

/* Sends one move; the head shows the stop when 'show'. */
static bool run(Ctl *c, StpMode mode, uint64_t n, bool silent, bool show)
{
    RunMsg *m = xcalloc(1, sizeof *m);
    m->run.mode = mode;
    m->run.n = n;
    m->run.silent = silent;
    m->run.trace = c->trace && !silent;
    m->show = show;
    m->color = c->color;
    fill_run(c, &m->run);
    bool ok = send_msg(c->cmd, M_RUN, m, sizeof *m);
    free(m);
    StoppedMsg sm;
    if (!ok || !wait_for(c, R_STOPPED, &sm, sizeof sm)) return false;
    c->step = sm.step;
    c->status = sm.status;
    if (sm.stop.reason == STOP_BREAK) {
        for (unsigned i = 0; i < c->nbreaks; i++)
            if (c->breaks[i].id == sm.stop.id && c->breaks[i].temp) { forget_id(c, sm.stop.id); break; }
    }
    if (sm.stop.reason == STOP_WATCH_SCOPE) forget_id(c, sm.stop.id);
    return true;
}

static bool show(Ctl *c, const char *msg)
{
    ShowMsg m;
    memset(&m, 0, sizeof m);
    if (msg) snprintf(m.stop.msg, sizeof m.stop.msg, "%s", msg);
    m.color = c->color;
    return send_msg(c->cmd, M_SHOW, &m, sizeof m) && wait_for(c, R_DONE, NULL, 0);
}

static bool wait_hello(Ctl *c)
{
    Hello hi;
    if (!wait_for(c, R_HELLO, &hi, sizeof hi)) return false;
    c->head = hi.pid;
    c->step = hi.step;
    c->status = hi.status;
    return true;
}

/* Makes the machine be at step 'target', forward or back. */
static bool go_to(Ctl *c, uint64_t target)
{
    if (target == c->step) return show(c, NULL);
    unsigned best = 0;
    for (unsigned i = 0; i < c->nck; i++) if (c->ck[i].step <= target) best = i;
    if (target > c->step) {
        if (c->status != VM_PAUSED) {
            printf("The program ended at step %" PRIu64 "; it has no step %" PRIu64 ".\n", c->step, target);
            return true;
        }
        /* forward: run the head, unless a checkpoint is much nearer */
        if (c->ck[best].step <= c->step + c->ck_every) return run(c, STP_UNTIL, target, true, true);
    }
    /* the head becomes a checkpoint, unless one exists at its step */
    bool dup = false;
    for (unsigned i = 0; i < c->nck; i++) if (c->ck[i].step == c->step) dup = true;
    if (dup) {
        send_msg(c->cmd, M_QUIT, NULL, 0);
        waitpid(c->head, NULL, 0);
    } else {
        if (!send_msg(c->cmd, M_PARK, NULL, 0) || !wait_for(c, R_PARKED, NULL, 0)) return false;
        ck_add(c, c->step, c->head);
        best = 0;
        for (unsigned i = 0; i < c->nck; i++) if (c->ck[i].step <= target) best = i;
    }
    c->head = 0;
    kill(c->ck[best].pid, SIGUSR1);
    if (!wait_hello(c)) return false;
    if (c->private_disk) {
        if (!send_msg(c->cmd, M_RESTORE, NULL, 0) || !wait_for(c, R_DONE, NULL, 0)) return false;
    }
    if (c->step == target) return show(c, NULL);
    return run(c, STP_UNTIL, target, true, true);
}

/* ---- breakpoints ---- */

static bool line_has_code(const Program *p, uint32_t line)
{
    for (size_t c = 0; c < p->nchunks; c++) {
        const Chunk *ch = p->chunks[c];
        for (size_t i = 0; i < ch->ncode; i++) if (ch->pos[i].line == line) return true;
    }
    return false;
}

static uint32_t count_lines(const Program *p)
{
    uint32_t n = 1;
    for (size_t i = 0; i < p->srclen; i++) if (p->source[i] == '\n') n++;
    return n;
}

static void add_break(Ctl *c, const char *arg, bool temp)
{
    char *end;
    unsigned long line = arg ? strtoul(arg, &end, 10) : 0;
    if (!arg || *end || !line) { printf("usage: %s LINE\n", temp ? "tbreak" : "b"); return; }
    uint32_t last = count_lines(c->prog);
    uint32_t l = (uint32_t)line;
    while (l <= last && !line_has_code(c->prog, l)) l++;
    if (l > last) { printf("No code on line %lu or after it.\n", line); return; }
    if (c->nbreaks >= STP_MAX_BREAKS) { printf("Too many breakpoints.\n"); return; }
    unsigned id = ++c->next_id;
    c->breaks[c->nbreaks++] = (StpBreak){ id, l, temp };
    if (l != line) printf("%s %u at line %u (line %lu has no code)\n", temp ? "Temporary breakpoint" : "Breakpoint", id, l, line);
    else printf("%s %u at line %u\n", temp ? "Temporary breakpoint" : "Breakpoint", id, l);
}

static void add_watch(Ctl *c, const char *name)
{
    if (!name) { printf("usage: watch NAME\n"); return; }
    if (c->nwatch >= STP_MAX_WATCH) { printf("Too many watchpoints.\n"); return; }
    if (c->status != VM_PAUSED && c->status != VM_OK) { /* still resolvable */ }
    StpWatch w;
    if (!send_msg(c->cmd, M_WATCH, name, strlen(name))) return;
    MsgHead dummy; (void)dummy;
    /* R_WATCH on success, R_DONE (after a message) when NAME is unknown */
    for (;;) {
        struct pollfd p = { c->rsp, POLLIN, 0 };
        if (poll(&p, 1, -1) < 0 && errno == EINTR) continue;
        MsgHead h;
        if (!read_all(c->rsp, &h, sizeof h)) return;
        char *body = h.len ? xmalloc(h.len) : NULL;
        if (h.len && !read_all(c->rsp, body, h.len)) { free(body); return; }
        if (h.type == R_TEXT) { fwrite(body, 1, h.len, stdout); free(body); continue; }
        if (h.type == R_WATCH) {
            memcpy(&w, body, sizeof w);
            w.id = ++c->next_id;
            c->watch[c->nwatch++] = w;
            printf("Watchpoint %u: %s (%s)\n", w.id, w.name, w.frame < 0 ? "global" : "local");
        }
        free(body);
        return;
    }
}

static void delete_ids(Ctl *c, char **argv, int argc)
{
    if (argc == 1) {
        c->nbreaks = c->nwatch = 0;
        printf("Deleted all breakpoints and watchpoints.\n");
        return;
    }
    for (int i = 1; i < argc; i++) {
        unsigned id = (unsigned)strtoul(argv[i], NULL, 10);
        unsigned before = c->nbreaks + c->nwatch;
        forget_id(c, id);
        if (c->nbreaks + c->nwatch == before) printf("No breakpoint or watchpoint number %s.\n", argv[i]);
    }
}

static void info(Ctl *c, const char *what)
{
    if (!what || !strncmp(what, "b", 1) || !strncmp(what, "w", 1)) {
        if (!c->nbreaks && !c->nwatch) printf("No breakpoints or watchpoints.\n");
        for (unsigned i = 0; i < c->nbreaks; i++)
            printf("%-3u %s at line %u\n", c->breaks[i].id, c->breaks[i].temp ? "tbreak    " : "breakpoint", c->breaks[i].line);
        for (unsigned i = 0; i < c->nwatch; i++)
            printf("%-3u watch      %s (%s)\n", c->watch[i].id, c->watch[i].name, c->watch[i].frame < 0 ? "global" : "local");
        if (what) return;
    }
    if (!what || !strncmp(what, "c", 1)) {
        printf("%u checkpoints (at most %u, one every %" PRIu64 " steps):", c->nck, c->ck_max, c->ck_every);
        for (unsigned i = 0; i < c->nck; i++) printf(" %" PRIu64, c->ck[i].step);
        printf("\n");
        if (what) return;
    }
    if (!what || !strncmp(what, "s", 1)) {
        printf("at step %" PRIu64 "; %s; trace %s\n", c->step,
               c->status == VM_PAUSED ? "running" : c->status == VM_OK ? "finished" : c->status == VM_ERROR ? "stopped by an error" : "step limit reached",
               c->trace ? "on" : "off");
        return;
    }
    if (what) printf("info: breakpoints, watch, checkpoints or status\n");
}

static void list_source(Ctl *c, const char *arg)
{
    uint32_t last = count_lines(c->prog);
    uint32_t center = arg ? (uint32_t)strtoul(arg, NULL, 10) : 0;
    if (!center) {
        printf("usage: list LINE\n");
        return;
    }
    uint32_t lo = center > 5 ? center - 5 : 1, hi = center + 5 < last ? center + 5 : last;
    for (uint32_t l = lo; l <= hi; l++) {
        size_t len;
        const char *s = program_line(c->prog, l, &len);
        bool bp = false;
        for (unsigned i = 0; i < c->nbreaks; i++) if (c->breaks[i].line == l) bp = true;
        printf("%s%5u  %.*s\n", bp ? "B" : " ", l, (int)len, s ? s : "");
    }
}

static void help(void)
{
    printf(
        "Moving (N defaults to 1):\n"
        "  s, step [N]        execute N instructions\n"
        "  n, next            run to the next source line, over calls\n"
        "  finish             run until the current function returns\n"
        "  c, continue        run to a breakpoint, a watch, or the end\n"
        "  back [N]           go back N instructions (any distance)\n"
        "  goto STEP          go to step STEP, forward or back (0 = before the first)\n"
        "Stopping:\n"
        "  b, break LINE      stop before LINE runs; tbreak LINE stops once\n"
        "  watch NAME         stop when NAME is rebound or its object's refcount changes\n"
        "  delete [ID...]     delete breakpoints and watchpoints (all without ID)\n"
        "  info [b|c|s]       breakpoints and watches, checkpoints, status\n"
        "Looking (changes of the last move are marked):\n"
        "  p NAME             binding, id, type, value, refcount, size (also p rN)\n"
        "  regs               registers of the current frame\n"
        "  bt                 call frames, innermost first\n"
        "  heap [TYPE|ID] [N|all]  live objects: summary, by type, or one id\n"
        "  mem ADDR|NAME [LEN]     RAM bytes in hex and binary, with field names\n"
        "  obj ID|NAME        one object's fields and items\n"
        "  changes            every change of the last move\n"
        "  output             the program's output so far\n"
        "  list LINE          source around LINE\n"
        "  trace on|off       print a trace row for every instruction while moving\n"
        "  help, quit         (an empty line repeats the last command)\n");
}

static bool is_move(const char *c)
{
    static const char *const m[] = { "s", "step", "si", "stepi", "n", "next", "finish", "fin", "c", "continue",
                                     "cont", "back", "b-", "rs", "goto", "g", NULL };
    for (const char *const *p = m; *p; p++) if (!strcmp(*p, c)) return true;
    return false;
}

static bool parse_count(const char *s, uint64_t *n)
{
    if (!s) return true;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno || s[0] == '-') return false;
    *n = v;
    return true;
}

static void command(Ctl *c, char *line)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", line);
    char *argv[8];
    int argc = 0;
    for (char *t = strtok(buf, " \t"); t && argc < 8; t = strtok(NULL, " \t")) argv[argc++] = t;
    if (!argc) return;
    const char *cmd = argv[0];
    if (is_move(cmd) && !head_is_alive(c)) { printf("The machine is gone; quit and start again.\n"); return; }
    if (!strcmp(cmd, "q") || !strcmp(cmd, "quit") || !strcmp(cmd, "exit")) { c->quit = true; return; }
    if (!strcmp(cmd, "h") || !strcmp(cmd, "help") || !strcmp(cmd, "?")) { help(); return; }
    if (!strcmp(cmd, "s") || !strcmp(cmd, "step") || !strcmp(cmd, "si") || !strcmp(cmd, "stepi")) {
        uint64_t n = 1;
        if (!parse_count(argc > 1 ? argv[1] : NULL, &n)) { printf("usage: step [N]\n"); return; }
        run(c, STP_STEP, n, false, true);
    } else if (!strcmp(cmd, "n") || !strcmp(cmd, "next")) {
        run(c, STP_NEXT, 0, false, true);
    } else if (!strcmp(cmd, "finish") || !strcmp(cmd, "fin")) {
        run(c, STP_FINISH, 0, false, true);
    } else if (!strcmp(cmd, "c") || !strcmp(cmd, "continue") || !strcmp(cmd, "cont")) {
        run(c, STP_CONTINUE, 0, false, true);
    } else if (!strcmp(cmd, "back") || !strcmp(cmd, "rs")) {
        uint64_t n = 1;
        if (!parse_count(argc > 1 ? argv[1] : NULL, &n)) { printf("usage: back [N]\n"); return; }
        if (c->step == 0) { printf("Already at step 0.\n"); return; }
        go_to(c, n > c->step ? 0 : c->step - n);
    } else if (!strcmp(cmd, "goto") || !strcmp(cmd, "g")) {
        uint64_t n = 0;
        if (argc < 2 || !parse_count(argv[1], &n)) { printf("usage: goto STEP\n"); return; }
        go_to(c, n);
    } else if (!strcmp(cmd, "b") || !strcmp(cmd, "break")) {
        add_break(c, argc > 1 ? argv[1] : NULL, false);
    } else if (!strcmp(cmd, "tbreak")) {
        add_break(c, argc > 1 ? argv[1] : NULL, true);
    } else if (!strcmp(cmd, "d") || !strcmp(cmd, "delete")) {
        delete_ids(c, argv, argc);
    } else if (!strcmp(cmd, "watch") || !strcmp(cmd, "w")) {
        add_watch(c, argc > 1 ? argv[1] : NULL);
    } else if (!strcmp(cmd, "info") || !strcmp(cmd, "i")) {
        info(c, argc > 1 ? argv[1] : NULL);
    } else if (!strcmp(cmd, "l") || !strcmp(cmd, "list")) {
        list_source(c, argc > 1 ? argv[1] : NULL);
    } else if (!strcmp(cmd, "trace")) {
        if (argc > 1 && !strcmp(argv[1], "on")) c->trace = true;
        else if (argc > 1 && !strcmp(argv[1], "off")) c->trace = false;
        else { printf("usage: trace on|off\n"); return; }
        printf("Trace %s.\n", c->trace ? "on" : "off");
    } else {
        if (!head_is_alive(c)) { printf("The machine is gone; quit and start again.\n"); return; }
        size_t n = strlen(line);
        char *q = xmalloc(n + 2);
        q[0] = c->color ? 'c' : 'n';
        memcpy(q + 1, line, n + 1);
        if (send_msg(c->cmd, M_QUERY, q, n + 1)) wait_for(c, R_DONE, NULL, 0);
        free(q);
    }
}

static void usage_step(FILE *f)
{
    fprintf(f,
        "usage: tracevm step [OPTIONS] FILE.py\n"
        "\n"
        "Steps through FILE.py on the simulated machine, forward and back.\n"
        "Commands are read from the terminal (line editing, history) or from a\n"
        "pipe, one per line; 'help' lists them.\n"
        "\n"
        "options:\n"
        "  --profile NAME|PATH  machine profile (default %s)\n"
        "  --disk DIR           directory open() and sqlite3 may use (default: .)\n"
        "  --input FILE         what input() reads (default: asked for on the command input)\n"
        "  --max-steps N        refuse to run past step N (default %llu; 0 = no limit)\n"
        "  --checkpoint-every N steps between checkpoints (default 200000)\n"
        "  --checkpoints N      checkpoints kept at most (default 48)\n"
        "  --color WHEN         always, never or auto (default: auto; NO_COLOR is respected)\n"
        "  --echo               echo commands read from a pipe (default: on when not a terminal)\n"
        "  -h, --help           this text\n", CLI_DEFAULT_PROFILE, (unsigned long long)CLI_DEFAULT_MAX_STEPS);
}

int cli_step(int argc, char **argv)
{
    const char *profile = CLI_DEFAULT_PROFILE, *file = NULL, *disk = NULL, *input = NULL, *color = "auto";
    uint64_t max_steps = CLI_DEFAULT_MAX_STEPS, every = 200000, ckmax = 48;
    int echo = -1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage_step(stdout); return 0; }
        if (!strcmp(a, "--echo")) { echo = 1; continue; }
        if (!strcmp(a, "--no-echo")) { echo = 0; continue; }
        const char *opts[] = { "--profile", "--disk", "--input", "--max-steps", "--checkpoint-every", "--checkpoints", "--color", NULL };
        const char *val = NULL;
        int which = -1;
        for (int k = 0; opts[k]; k++) {
            size_t n = strlen(opts[k]);
            if (!strcmp(a, opts[k])) {
                if (i + 1 >= argc) { fprintf(stderr, "tracevm: error: option %s needs a value\n", a); return EXIT_USAGE; }
                val = argv[++i]; which = k; break;
            }
            if (!strncmp(a, opts[k], n) && a[n] == '=') { val = a + n + 1; which = k; break; }
        }
        if (which < 0) {
            if (a[0] == '-' && a[1]) { fprintf(stderr, "tracevm: error: unknown option '%s' (see 'tracevm step --help')\n", a); return EXIT_USAGE; }
            if (file) { fprintf(stderr, "tracevm: error: more than one program given ('%s', '%s')\n", file, a); return EXIT_USAGE; }
            file = a;
            continue;
        }
        uint64_t *num = which == 3 ? &max_steps : which == 4 ? &every : which == 5 ? &ckmax : NULL;
        if (num) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(val, &end, 10);
            if (!*val || *end || errno || val[0] == '-') { fprintf(stderr, "tracevm: error: %s needs a whole number, got '%s'\n", opts[which], val); return EXIT_USAGE; }
            *num = v;
        } else if (which == 0) profile = val;
        else if (which == 1) disk = val;
        else if (which == 2) input = val;
        else color = val;
    }
    if (!file) { fprintf(stderr, "tracevm: error: no program given (see 'tracevm step --help')\n"); return EXIT_USAGE; }
    if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never")) {
        fprintf(stderr, "tracevm: error: --color takes always, never or auto\n");
        return EXIT_USAGE;
    }
    if (ckmax < 2) ckmax = 2;
    if (ckmax > STP_MAX_CK - 2) ckmax = STP_MAX_CK - 2;
    Profile prof;
    if (!cli_load_profile(profile, &prof)) return EXIT_USAGE;
    Program *p = cli_compile_file(file, &prof);
    if (!p) return EXIT_USAGE;

    Ctl c;
    memset(&c, 0, sizeof c);
    c.prog = p;
    c.path = file;
    c.ck_every = every;
    c.ck_max = (unsigned)ckmax;
    c.tty = isatty(0) && isatty(1);
    c.echo = echo < 0 ? !isatty(0) : echo;
    const char *nc = getenv("NO_COLOR");
    c.color = !strcmp(color, "always") || (!strcmp(color, "auto") && isatty(1) && !(nc && *nc));
    c.status = VM_PAUSED;
    sb_init(&c.inlog);
    if (input) {
        size_t len;
        char *data = cli_read_file(input, &len);
        if (!data) { program_free(p); return EXIT_USAGE; }
        sb_put(&c.inlog, data, len);
        free(data);
        c.input_file = true;
    }

    /* the program's private copy of --disk */
    const char *real = disk ? disk : ".";
    const char *tmpdir = getenv("TMPDIR");
    snprintf(c.tmp, sizeof c.tmp, "%s/tracevm-step.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    char scratch[PATH_MAX + 16] = "";
    if (mkdtemp(c.tmp)) {
        snprintf(scratch, sizeof scratch, "%s/disk", c.tmp);
        uint64_t budget = 64u << 20;
        unsigned files = 10000;
        c.private_disk = copy_tree(real, scratch, &budget, &files);
        if (!c.private_disk) {
            remove_tree(scratch);
            printf("note: '%s' is too large to copy (over 64 MB or 10000 files): the program writes there\n"
                   "directly, and going back does not undo its file changes.\n", real);
        }
    } else {
        c.tmp[0] = 0;
        printf("note: cannot create a temporary folder: the program writes to '%s' directly.\n", real);
    }
    H.private_disk = c.private_disk;
    H.disk = c.private_disk ? scratch : real;
    H.real = real;
    H.tmp = c.tmp;

    size_t shsize = stp_shared_size(&prof.layout);
    StpShared *sh = mmap(NULL, shsize, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (sh == MAP_FAILED) {
        fprintf(stderr, "tracevm: error: cannot map %zu bytes for the stepper\n", shsize);
        program_free(p);
        sb_free(&c.inlog);
        return EXIT_USAGE;
    }
    stp_shared_init(sh, &prof.layout);
    int cmdp[2], rspp[2], lifep[2];
    if (pipe(cmdp) || pipe(rspp) || pipe(lifep)) {
        fprintf(stderr, "tracevm: error: cannot create pipes: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
#ifdef PR_SET_CHILD_SUBREAPER
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
#endif
    signal(SIGPIPE, SIG_IGN);
    /* SIGUSR1 stays blocked in machine processes until a checkpoint waits for it */
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigaddset(&usr1, SIGCHLD);
    fflush(NULL);
    pid_t vm0 = fork();
    if (vm0 < 0) { fprintf(stderr, "tracevm: error: fork: %s\n", strerror(errno)); return EXIT_USAGE; }
    if (vm0 == 0) {
        close(cmdp[1]); close(rspp[0]); close(lifep[1]);
        H.cmd = cmdp[0]; H.rsp = rspp[1]; H.life = lifep[0];
        signal(SIGPIPE, SIG_DFL);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_usr1;
        sigaction(SIGUSR1, &sa, NULL);
        sa.sa_handler = on_chld;
        sigaction(SIGCHLD, &sa, NULL);
        sigprocmask(SIG_BLOCK, &usr1, NULL);
        char err[512] = "";
        H.s = stp_new(&prof, p, H.disk, max_steps, sh, err, sizeof err);
        if (!H.s) {
            size_t n = strlen(err);
            err[n] = '\n';
            send_msg(H.rsp, R_FAIL, err, n + 1);
            _exit(EXIT_USAGE);
        }
        stp_set_io(H.s, need_input, make_checkpoint, NULL);
        head_main();
    }
    close(cmdp[0]); close(rspp[1]); close(lifep[0]);
    c.cmd = cmdp[1];
    c.rsp = rspp[0];
    c.head = vm0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGINT, &sa, NULL);      /* ^C interrupts the head's move, not us */
    int rc = 0;
    if (!wait_hello(&c)) {
        rc = EXIT_USAGE;
    } else {
        printf("tracevm step: %s on %s ('help' lists the commands)\n", file, prof.name);
        show(&c, NULL);
        while (!c.quit) {
            char *line = read_command(&c, "(tvm) ");
            if (!line) break;
            char *t = line;
            while (*t == ' ' || *t == '\t') t++;
            if (!*t) {
                if (c.last[0]) command(&c, c.last);
            } else {
                snprintf(c.last, sizeof c.last, "%s", t);
                command(&c, t);
            }
            free(line);
            fflush(stdout);
        }
    }
    /* tear down: the head, every checkpoint, then whatever is left */
    if (c.head > 0) { send_msg(c.cmd, M_QUIT, NULL, 0); waitpid(c.head, NULL, 0); }
    for (unsigned i = 0; i < c.nck; i++) kill(c.ck[i].pid, SIGKILL);
    for (unsigned i = 0; i < c.nck; i++) waitpid(c.ck[i].pid, NULL, 0);
    close(c.cmd);
    close(c.rsp);
    close(lifep[1]);
    while (waitpid(-1, NULL, WNOHANG) > 0) {}
    if (c.tmp[0]) remove_tree(c.tmp);
    raw_off();
    munmap(sh, shsize);
    for (size_t i = 0; i < c.nhist; i++) free(c.hist[i]);
    free(c.hist);
    sb_free(&c.inlog);
    program_free(p);
    return rc;
}
