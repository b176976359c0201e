/*
** vm/chunk.c: freeing programs, and source lines for messages.
*/
#include "vm/chunk.h"

#include <stdlib.h>
#include <unistd.h>

void program_free(Program *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->nchunks; i++) {
        Chunk *c = p->chunks[i];
        free(c->name);
        free(c->code);
        free(c->pos);
        free(c->k);
        free(c->names);
        free(c->warm_jumps);
        for (unsigned j = 0; j < c->nlocals; j++) free(c->locals[j]);
        free(c->locals);
        free(c);
    }
    free(p->chunks);
    for (size_t i = 0; i < p->nconsts; i++) {
        big_free(&p->consts[i].i);
        free(p->consts[i].s);
        free(p->consts[i].items);
    }
    free(p->consts);
    for (size_t i = 0; i < p->nnames; i++) free(p->names[i]);
    free(p->names);
    for (size_t i = 0; i < p->nwarnings; i++) { free(p->warnings[i].category); free(p->warnings[i].msg); }
    free(p->warnings);
    free(p->path);
    free(p->source);
    free(p);
}

const char *program_line(const Program *p, uint32_t line, size_t *len)
{
    const char *s = p->source, *end = p->source + p->srclen;
    for (uint32_t l = 1; l < line && s < end; s++)
        if (*s == '\n') l++;
    const char *e = s;
    while (e < end && *e != '\n' && *e != '\r') e++;
    *len = (size_t)(e - s);
    return s;
}

const char *program_shown_path(const Program *p, char *buf, size_t cap)
{
    char cwd[4096];
    if (p->path[0] == '/' || !getcwd(cwd, sizeof cwd)) return p->path;
    snprintf(buf, cap, "%s/%s", cwd, p->path);
    return buf;
}

void program_print_warnings(const Program *p, FILE *f)
{
    char buf[4352];
    const char *path = program_shown_path(p, buf, sizeof buf);
    for (size_t i = 0; i < p->nwarnings; i++) {
        const Warning *w = &p->warnings[i];
        fprintf(f, "%s:%u: %s: %s\n", path, w->line, w->category, w->msg);
        size_t len;
        const char *s = program_line(p, w->line, &len);
        while (len && (*s == ' ' || *s == '\t')) { s++; len--; }
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
        if (len) fprintf(f, "  %.*s\n", (int)len, s);
    }
}
