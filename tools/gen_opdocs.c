/*
** tools/gen_opdocs.c: writes docs/opcodes.md from vm/opcodes.def, so the
** opcode documentation is never typed twice. The table comes from
** including opcodes.def with this file's own OP() macro; the legend comes
** from the comment at the top of the same file, read at run time (a C
** include cannot see comments).
**
**   gen_opdocs DEF                 print the document on stdout
**   gen_opdocs DEF -o FILE         write it to FILE
**   gen_opdocs DEF --check FILE    exit 1 (with a message) if FILE differs
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/opcodes.h"

typedef struct OpDoc { const char *name, *format, *operands, *verb, *effect; } OpDoc;

static const OpDoc ops[] = {
#define OP(name, fmt, operands, verb, effect) { #name, #fmt, operands, verb, effect },
#include "vm/opcodes.def"
#undef OP
};

_Static_assert(sizeof ops / sizeof *ops == OP__COUNT, "one row per opcode");

typedef struct Buf { char *s; size_t len, cap; } Buf;

static void put(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s) { perror("gen_opdocs"); exit(2); }
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void puts_(Buf *b, const char *s) { put(b, s, strlen(s)); }

/* Table cell text: '|' would end the cell in Markdown. */
static void cell(Buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '|') puts_(b, "\\|");
        else put(b, s, 1);
    }
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    Buf b = { 0 };
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) put(&b, chunk, n);
    fclose(f);
    if (!b.s) put(&b, "", 0);
    *len = b.len;
    return b.s;
}

/*
** The leading comment of opcodes.def as paragraphs: each "** text" line
** without its "**" and one space, paragraphs split at "**" lines. The
** first paragraph (what the file is) is skipped; the second (the OP()
** fields and operand letters) becomes a code block, so its column layout
** survives; later ones are plain text.
*/
static void legend(Buf *out, const char *def)
{
    const char *start = strstr(def, "/*");
    const char *end = start ? strstr(start, "*/") : NULL;
    if (!start || !end) {
        fprintf(stderr, "gen_opdocs: no leading comment in opcodes.def\n");
        exit(2);
    }
    int para = 0;
    int in_code = 0;
    const char *p = strchr(start, '\n');
    while (p && p < end) {
        p++;
        const char *e = strchr(p, '\n');
        if (!e || e > end) break;
        const char *t = p;
        while (t < e && *t == ' ') t++;
        if (e - t >= 2 && t[0] == '*' && t[1] == '*') {
            t += 2;
            if (t < e && *t == ' ') t++;
            if (t == e) {                       /* "**": paragraph break */
                if (in_code) { puts_(out, "```\n"); in_code = 0; }
                if (para >= 1) puts_(out, "\n");
                para++;
            } else if (para == 1) {
                if (!in_code) { puts_(out, "```\n"); in_code = 1; }
                for (int k = 0; k < 2 && t < e && *t == ' '; k++) t++;   /* the block's own indent */
                put(out, t, (size_t)(e - t));
                puts_(out, "\n");
            } else if (para >= 2) {
                put(out, t, (size_t)(e - t));
                puts_(out, "\n");
            }
        }
        p = e;
    }
    if (in_code) puts_(out, "```\n");
}

static void document(Buf *out, const char *def)
{
    puts_(out,
          "# tracevm opcodes\n"
          "\n"
          "Generated from `vm/opcodes.def` by `tools/gen_opdocs.c`; do not edit.\n"
          "Regenerate with `cmake --build build --target opdocs`\n"
          "(or `build/gen_opdocs vm/opcodes.def -o docs/opcodes.md`).\n"
          "\n"
          "Column `op` is the opcode number (line order in opcodes.def).\n"
          "\n"
          "## Legend\n"
          "\n");
    legend(out, def);
    puts_(out,
          "\n"
          "## Instructions\n"
          "\n"
          "| op | name | format | operands | verb | effect |\n"
          "|---:|---|---|---|---|---|\n");
    char num[16];
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        snprintf(num, sizeof num, "%zu", i);
        puts_(out, "| ");
        puts_(out, num);
        puts_(out, " | `");
        puts_(out, ops[i].name);
        puts_(out, "` | ");
        puts_(out, ops[i].format);
        puts_(out, " | `");
        cell(out, ops[i].operands);
        puts_(out, "` | ");
        cell(out, ops[i].verb);
        puts_(out, " | ");
        cell(out, ops[i].effect);
        puts_(out, " |\n");
    }
}

int main(int argc, char **argv)
{
    if (argc != 2 && !(argc == 4 && (!strcmp(argv[2], "-o") || !strcmp(argv[2], "--check")))) {
        fprintf(stderr, "usage: gen_opdocs vm/opcodes.def [-o FILE | --check FILE]\n");
        return 2;
    }
    size_t deflen;
    char *def = read_file(argv[1], &deflen);
    if (!def) { fprintf(stderr, "gen_opdocs: cannot read %s\n", argv[1]); return 2; }
    Buf doc = { 0 };
    document(&doc, def);
    free(def);
    int rc = 0;
    if (argc == 2) {
        fwrite(doc.s, 1, doc.len, stdout);
    } else if (!strcmp(argv[2], "-o")) {
        FILE *f = fopen(argv[3], "wb");
        if (!f || fwrite(doc.s, 1, doc.len, f) != doc.len || fclose(f) != 0) {
            fprintf(stderr, "gen_opdocs: cannot write %s\n", argv[3]);
            rc = 2;
        }
    } else {
        size_t len;
        char *cur = read_file(argv[3], &len);
        if (!cur || len != doc.len || memcmp(cur, doc.s, len) != 0) {
            fprintf(stderr,
                    "%s is %s vm/opcodes.def.\n"
                    "Regenerate it with:  cmake --build build --target opdocs\n"
                    "(or: build/gen_opdocs vm/opcodes.def -o docs/opcodes.md) and commit it.\n",
                    argv[3], cur ? "out of date with" : "missing; it is generated from");
            rc = 1;
        }
        free(cur);
    }
    free(doc.s);
    return rc;
}
