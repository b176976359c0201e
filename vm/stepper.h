/*
** vm/stepper.h: the machine side of 'tracevm step'. A Stepper owns one Vm
** and moves it forward (instructions, source lines, to the end of a call,
** to a breakpoint or a watch, to a given step) and describes where it
** stopped: source line, next instruction, and what changed since the last
** stop (registers, RAM words, refcounts, new and freed objects). It also
** answers the inspection commands (p, regs, bt, heap, mem, obj).
**
** It never goes backwards and never forks: vm/cli_step.c keeps copies of
** the process (checkpoints) and replays forward from one of them. For that
** to be exact the Stepper keeps everything that a replay must reproduce in
** process memory: program output is captured (never written to the
** terminal), input() reads from a log that a callback extends.
**
** The state of the previous stop lives in a StpShared block that the caller
** maps shared between processes, so the comparison survives a jump to a
** checkpoint. Inspection only reads the machine; the caller still runs it
** in a throwaway child so that a display can never change a replay.
*/
#ifndef TRACEVM_STEPPER_H
#define TRACEVM_STEPPER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "vm/vm.h"

typedef enum { STP_STEP, STP_NEXT, STP_FINISH, STP_CONTINUE, STP_UNTIL } StpMode;

enum { STP_MAX_BREAKS = 64, STP_MAX_WATCH = 16, STP_MAX_CK = 128, STP_NAME = 64 };

typedef struct StpBreak { unsigned id; uint32_t line; bool temp; } StpBreak;

/* A watch on NAME: a global (frame -1) or a local of frame 'frame' whose
** register window starts at 'base'. */
typedef struct StpWatch {
    unsigned id;
    char name[STP_NAME];
    int frame;
    Addr base;
    unsigned reg;
} StpWatch;

/* One move. Plain data: it crosses a pipe between processes. */
typedef struct StpRun {
    StpMode mode;
    uint64_t n;                 /* STEP: instructions; UNTIL: the target step */
    bool silent;                /* a replay: no trace rows */
    bool trace;                 /* trace rows (table) while moving */
    unsigned nbreaks, nwatch;
    StpBreak breaks[STP_MAX_BREAKS];
    StpWatch watch[STP_MAX_WATCH];
    uint64_t ck_every;          /* checkpoint spacing in steps (0: none) */
    unsigned nck;
    uint64_t ck[STP_MAX_CK];    /* steps that have a checkpoint, ascending */
} StpRun;

typedef enum {
    STOP_NONE, STOP_DONE, STOP_BREAK, STOP_WATCH, STOP_WATCH_SCOPE,
    STOP_END, STOP_ERROR, STOP_LIMIT, STOP_INTERRUPT, STOP_REFUSED, STOP_REBORN
} StpReason;

typedef struct StpStop {
    StpReason reason;
    unsigned id;                /* breakpoint or watch that stopped the move */
    char msg[512];
} StpStop;

/* One live object as recorded at a stop. */
typedef struct StpObj { Addr addr; uint64_t refcnt, size; uint32_t type; uint32_t pad; } StpObj;

enum { STP_CHANGED_MAX = 4096, STP_CHANGES_TEXT = 1 << 20, STP_EXTENTS = 4 };

/* The previous stop, in memory shared by every process of a session:
** header, then 'objcap' StpObj, then a mirror of simulated RAM (same
** offsets as RAM; only the recorded extents are meaningful). */
typedef struct StpShared {
    bool valid;
    uint64_t step;
    uint64_t out_len;
    unsigned nframes;
    Addr frame_base;
    uint32_t frame_chunk;
    unsigned next;
    Addr ext_lo[STP_EXTENTS], ext_hi[STP_EXTENTS];
    uint64_t nobjs, objcap;
    size_t objs_off, ram_off;
    unsigned nchanged;          /* RAM words changed by the last move */
    Addr changed[STP_CHANGED_MAX];
    size_t changes_len;         /* the full list of the last move's changes */
    char changes[STP_CHANGES_TEXT];
} StpShared;

/* Bytes to map for a StpShared serving a machine of layout 'L'. */
size_t stp_shared_size(const Layout *L);
/* Initializes a zeroed mapping of stp_shared_size bytes. */
void stp_shared_init(StpShared *sh, const Layout *L);

/* Called when input() needs bytes past 'offset' of the input log; appends
** what it has (one line, or nothing at end of input). */
typedef void (*StpInputFn)(void *ud, uint64_t offset, StrBuf *more);
/* Called between two instructions when a checkpoint is due at 'step'. It
** returns true in a process that must now act as a new head (forked from
** the checkpoint later): the move then ends with STOP_REBORN. */
typedef bool (*StpCheckpointFn)(void *ud, uint64_t step);

typedef struct Stepper Stepper;

/* Creates the machine for 'prog' (borrowed) with output captured and input
** from 'input' (may be NULL: the callback is asked). NULL with a message. */
Stepper *stp_new(const Profile *prof, const Program *prog, const char *disk, uint64_t max_steps,
                 StpShared *sh, char *err, size_t errcap);
void stp_set_io(Stepper *s, StpInputFn in, StpCheckpointFn ck, void *ud);
void stp_free(Stepper *s);
Vm *stp_vm(Stepper *s);
uint64_t stp_step(const Stepper *s);
/* Interrupt flag (set from a signal handler): the current move stops soon. */
extern volatile int stp_interrupted;

/* Moves as 'r' asks. 'trace_out' receives trace rows when r->trace. */
StpStop stp_run(Stepper *s, const StpRun *r, FILE *trace_out);

/* Where the machine is, why it stopped, what changed since the previous
** stop (then records this stop in the shared block). 'color': ANSI colours
** instead of marker characters. */
void stp_show_stop(Stepper *s, const StpStop *why, bool color, FILE *out);
/* Answers an inspection command ("p x", "regs", "bt", "heap [T|ID] [N]",
** "mem ADDR [LEN]", "obj ID", "output", "state-hash", "changes", "where").
** Returns false for a command it does not know. */
bool stp_query(Stepper *s, const char *line, bool color, FILE *out);
/* Resolves NAME for a watch at the current position; false if unbound
** and not a local of the current function. */
bool stp_resolve_watch(Stepper *s, const char *name, StpWatch *w, FILE *out);

/* 64-bit hash of RAM bytes, frames, pc, step count and output. */
uint64_t stp_state_hash(Stepper *s);

#endif
