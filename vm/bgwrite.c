/*
** vm/bgwrite.c: a writer thread behind a ring of NSLOT batches. The caller
** fills a buffer while the thread writes the batches before it; bgw_submit
** swaps the caller's buffer with the empty one of the next free slot, and
** waits only when all NSLOT are queued. Of the shapes measured on a traced
** loop (64 KiB x 2 to 1 MiB x 64, bench/README.md), four slots of the
** trace's 512 KiB batches were as fast as any and add 2.5 MiB to the RSS;
** with two slots the threads woke each other tens of thousands of times.
**
** One mutex and one condition variable guard 'head' and 'count'; the thread
** reads only the slots in the queue, the caller writes only the others.
**
** Into a regular file on Linux, the thread reserves the file's blocks
** RESERVE bytes ahead of what it writes (fallocate, the size unchanged) and
** gives back what is left over when it ends. Allocating blocks one write at
** a time was most of the kernel's time on ext4 here: 400 MB of 256 KiB
** writes took 5.9 GB/s that way and 9.4-9.8 GB/s with the blocks reserved
** (bench/README.md, session 17). A run killed before it ends leaves up to
** RESERVE bytes of blocks past the file's end (its size is right); they
** go with the file, or with any truncation of it.
*/
#define _GNU_SOURCE 1           /* fallocate */
#include "vm/bgwrite.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/magic.h>
#include <sys/vfs.h>
#endif

enum { NSLOT = 4 };
#define RESERVE ((off_t)32 << 20)

struct BgWriter {
    FILE *out;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;          /* 'count' or 'quit' changed */
    StrBuf slot[NSLOT];         /* queued: slot[head], .. slot[head + count - 1] */
    bool raw[NSLOT];            /* the slot's bytes are written as they are, unshaped */
    unsigned head, count;
    bool quit, threaded;
    int err;                    /* errno of the first write that failed, else 0 */
    BgShape shape;              /* NULL: the batches are written as they are */
    StrBuf shaped;              /* the thread's: a shaped batch */
    off_t pos;                  /* the offset the next write goes to */
    off_t reserved;             /* the file's blocks are reserved up to here */
    bool reserving;             /* false once fallocate is refused, or not a file */
    bool trim;                  /* fallocate was called: truncate to the size at the end */
};

/* Reserves the file's blocks up to at least 'end' (see above). */
static void reserve(BgWriter *w, int fd, off_t end)
{
#ifdef __linux__
    if (!w->reserving || end <= w->reserved) return;
    off_t len = end - w->reserved > RESERVE ? end - w->reserved : RESERVE;
    w->trim = true;             /* a refused fallocate may still have reserved some (ext4, ENOSPC) */
    if (fallocate(fd, FALLOC_FL_KEEP_SIZE, w->reserved, len) == 0) w->reserved += len;
    else w->reserving = false;  /* EOPNOTSUPP, or the disk is nearly full: write as it comes */
#else
    (void)w; (void)fd; (void)end;
#endif
}

/* write(2) straight from the buffer: fwrite would copy through the FILE's
** small buffer and split each batch in two system calls. */
static void write_bytes(BgWriter *w, const StrBuf *b)
{
    int fd = fileno(w->out);
    reserve(w, fd, w->pos + (off_t)b->len);
    for (size_t done = 0; done < b->len && !w->err;) {
        ssize_t n = write(fd, b->s + done, b->len - done);
        if (n > 0) done += (size_t)n, w->pos += n;
        else if (n < 0 && errno == EINTR) continue;
        else w->err = n < 0 && errno ? errno : EIO;
    }
}

/* Shapes (when there is a shape and b is not raw) and writes one batch;
** leaves b empty. */
static void write_all(BgWriter *w, StrBuf *b, bool raw)
{
    if (w->shape && !raw) {
        sb_clear(&w->shaped);
        w->shape(b, &w->shaped);
        write_bytes(w, &w->shaped);
    } else {
        write_bytes(w, b);
    }
    sb_clear(b);
}

static void *writer_main(void *arg)
{
    BgWriter *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->count && !w->quit) pthread_cond_wait(&w->cv, &w->mu);
        if (!w->count) break;                   /* quit, nothing left */
        StrBuf *job = &w->slot[w->head];
        pthread_mutex_unlock(&w->mu);
        write_all(w, job, w->raw[w->head]);     /* the caller leaves queued slots alone */
        pthread_mutex_lock(&w->mu);
        w->head = (w->head + 1) % NSLOT;
        w->count--;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

BgWriter *bgw_new(FILE *out, BgShape shape)
{
    BgWriter *w = xcalloc(1, sizeof *w);
    w->out = out;
    w->shape = shape;
    sb_init(&w->shaped);
    fflush(out);                /* from here on the bytes go around the FILE */
    struct stat st;
    int fd = fileno(out);
    w->pos = lseek(fd, 0, SEEK_CUR);
    w->reserving = w->pos >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && !(fcntl(fd, F_GETFL) & O_APPEND);
#ifdef __linux__
    /* tmpfs reserves by allocating and zeroing the pages themselves: the
    ** writes then cost more, not less */
    struct statfs fs;
    if (w->reserving && fstatfs(fd, &fs) == 0 && fs.f_type == TMPFS_MAGIC) w->reserving = false;
#endif
    w->reserved = w->pos;
    for (int i = 0; i < NSLOT; i++) sb_init(&w->slot[i]);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    /* TRACEVM_BGW_SYNC (scripts/pgo_train.sh): written in the caller's
    ** thread, so that a traced run does the same work on every run */
    w->threaded = !getenv("TRACEVM_BGW_SYNC") && pthread_create(&w->thread, NULL, writer_main, w) == 0;
    return w;
}

unsigned bgw_submit(BgWriter *w, StrBuf *b, bool raw)
{
    if (!b->len) return 0;
    if (!w->threaded) { write_all(w, b, raw); return 0; }
    pthread_mutex_lock(&w->mu);
    while (w->count == NSLOT) pthread_cond_wait(&w->cv, &w->mu);
    unsigned at = (w->head + w->count) % NSLOT;
    StrBuf *s = &w->slot[at], empty = *s;
    *s = *b;
    w->raw[at] = raw;
    *b = empty;
    sb_clear(b);
    if (w->count++ == 0) pthread_cond_broadcast(&w->cv);
    unsigned queued = w->count;
    pthread_mutex_unlock(&w->mu);
    return queued;
}

/* Waits until the queue is empty; returns with the lock held. */
static void lock_drained(BgWriter *w)
{
    pthread_mutex_lock(&w->mu);
    while (w->count) pthread_cond_wait(&w->cv, &w->mu);
}

void bgw_wait(BgWriter *w)
{
    if (!w->threaded) return;
    lock_drained(w);
    pthread_mutex_unlock(&w->mu);
}

int bgw_free(BgWriter *w)
{
    if (!w) return 0;
    if (w->threaded) {
        lock_drained(w);
        w->quit = true;
        pthread_cond_broadcast(&w->cv);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->thread, NULL);
    }
    /* the blocks reserved past the end go back: a truncation to the file's
    ** own size frees them. What others wrote through the FILE between the
    ** batches (the trace's closing note) is in the file first. */
    struct stat st;
    if (w->trim && fflush(w->out) == 0 && fstat(fileno(w->out), &st) == 0)
        (void)!ftruncate(fileno(w->out), st.st_size);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    for (int i = 0; i < NSLOT; i++) sb_free(&w->slot[i]);
    sb_free(&w->shaped);
    int err = w->err;
    free(w);
    return err;
}
