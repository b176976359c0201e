/*
** bench/measure.c: runs a command once and prints what it cost, on one line:
**     wall_s cpu_s maxrss_kb exit
** (wall clock, user+sys CPU of the child, the child's peak resident set, its
** exit status; 128+N if killed by signal N).
**
** usage: measure [-o FILE] [-i FILE] CMD [ARGS...]
**   -o FILE   the command's stdout (default /dev/null)
**   -i FILE   the command's stdin (default /dev/null)
** The command's stderr is passed through.
**
** Why a C helper: /usr/bin/time rounds to 10 ms (too coarse for start-up),
** and a child forked from a big launcher (python) inherits the launcher's
** resident set in ru_maxrss; this launcher is tiny, so ru_maxrss is the
** program's own (floor: about 1 MiB, see 'measure /bin/true').
*/
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    const char *out = "/dev/null", *in = "/dev/null";
    int i = 1;
    for (; i + 1 < argc && argv[i][0] == '-' && argv[i][1] && !argv[i][2]; i += 2) {
        if (argv[i][1] == 'o') out = argv[i + 1];
        else if (argv[i][1] == 'i') in = argv[i + 1];
        else break;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: measure [-o FILE] [-i FILE] CMD [ARGS...]\n");
        return 2;
    }
    int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fi = open(in, O_RDONLY);
    if (fo < 0 || fi < 0) { perror("measure: open"); return 2; }
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) { perror("measure: fork"); return 2; }
    if (pid == 0) {
        dup2(fi, 0);
        dup2(fo, 1);
        execvp(argv[i], argv + i);
        perror("measure: exec");
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) { perror("measure: wait4"); return 2; }
    double wall = now() - t0;
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("%.6f %.6f %ld %d\n", wall, cpu, ru.ru_maxrss, code);
    return 0;
}
