/*
** vm/disasm.c: the disassembler. Operand kinds come from op_info[], so a
** new opcode needs no change here.
*/
#include "vm/disasm.h"

#include <string.h>

void dis_const(const Program *p, uint32_t k, StrBuf *out)
{
    const Const *c = &p->consts[k];
    switch (c->kind) {
    case CK_NONE: sb_puts(out, "None"); break;
    case CK_TRUE: sb_puts(out, "True"); break;
    case CK_FALSE: sb_puts(out, "False"); break;
    case CK_INT:
        if (c->i.n > 4) sb_printf(out, "<int of %zu digits>", c->i.n);
        else big_to_decimal(&c->i, out);
        break;
    case CK_FLOAT: {
        extern void fmt_float_repr(double, StrBuf *);
        fmt_float_repr(c->f, out);
        break;
    }
    case CK_STR: {
        sb_putc(out, '\'');
        size_t n = c->len > 24 ? 24 : c->len;
        for (size_t i = 0; i < n; i++) {
            char ch = c->s[i];
            if (ch == '\n') sb_puts(out, "\\n");
            else if (ch == '\'' || ch == '\\') { sb_putc(out, '\\'); sb_putc(out, ch); }
            else if ((unsigned char)ch < 0x20) sb_printf(out, "\\x%02x", (unsigned char)ch);
            else sb_putc(out, ch);
        }
        if (c->len > n) sb_puts(out, "...");
        sb_putc(out, '\'');
        break;
    }
    case CK_TUPLE:
        sb_putc(out, '(');
        for (size_t i = 0; i < c->n; i++) {
            if (i) sb_puts(out, ", ");
            dis_const(p, c->items[i], out);
        }
        if (c->n == 1) sb_putc(out, ',');
        sb_putc(out, ')');
        break;
    case CK_CODE: sb_printf(out, "<code %s>", p->chunks[c->code]->name); break;
    }
}

static void reg(const Chunk *ch, unsigned r, StrBuf *out)
{
    if (r < ch->nlocals && ch->locals[r][0] != '.') sb_printf(out, "r%u(%s)", r, ch->locals[r]);
    else sb_printf(out, "r%u", r);
}

static void operand(const Program *p, const Chunk *ch, char kind, unsigned v, StrBuf *out)
{
    switch (kind) {
    case 'R': reg(ch, v, out); break;
    case 'K': sb_printf(out, "k%u(", v); dis_const(p, ch->k[v], out); sb_putc(out, ')'); break;
    case 'X':
        if (v & XK_BIT) { sb_printf(out, "k%u(", v & ~XK_BIT); dis_const(p, ch->k[v & ~XK_BIT], out); sb_putc(out, ')'); }
        else reg(ch, v, out);
        break;
    case 'N': case 'M': sb_puts(out, p->names[ch->names[v]]); break;
    case 'U': sb_printf(out, "%u", v); break;
    default: break;
    }
}

void dis_instruction(const Program *p, uint32_t chunk, Instr ins, Vm *vm, StrBuf *out)
{
    (void)vm;
    const Chunk *ch = p->chunks[chunk];
    unsigned op = ins_op(ins);
    if (op >= OP__COUNT) { sb_printf(out, "??? %08x", ins); return; }
    const OpInfo *oi = &op_info[op];
    sb_puts(out, oi->name);
    const char *k = oi->operands;
    unsigned vals[3];
    int n = 0;
    switch (oi->format) {
    case FMT_ABC: vals[0] = ins_a(ins); vals[1] = ins_b(ins); vals[2] = ins_c(ins); n = 3; break;
    case FMT_ABx: vals[0] = ins_a(ins); vals[1] = ins_bx(ins); n = 2; break;
    case FMT_AsBx: vals[0] = ins_a(ins); n = 2; break;
    case FMT_A: vals[0] = ins_a(ins); n = 1; break;
    case FMT_sBx: n = 2; break;
    }
    bool first = true;
    for (int i = 0; i < n && i < 3; i++) {
        if (k[i] == '-' ) continue;
        if (op == OP_FORMAT && i == 2 && vals[2] == 0) continue;
        sb_puts(out, first ? " " : ", ");
        first = false;
        if (k[i] == 'J') sb_printf(out, "%+d", ins_sbx(ins));
        else operand(p, ch, k[i], vals[i], out);
    }
}

void dis_program(const Program *p, uint64_t code_base, FILE *f)
{
    StrBuf s; sb_init(&s);
    uint64_t at = code_base;
    for (size_t c = 0; c < p->nchunks; c++) {
        const Chunk *ch = p->chunks[c];
        fprintf(f, "%s<code %s> line %u: %u params, %u locals, %u registers\n", c ? "\n" : "", ch->name, ch->line, ch->nparams, ch->nlocals, ch->nregs);
        if (ch->nk) {
            fprintf(f, "  constants:\n");
            for (size_t i = 0; i < ch->nk; i++) {
                sb_clear(&s);
                dis_const(p, ch->k[i], &s);
                fprintf(f, "    k%-3zu %s\n", i, s.s);
            }
        }
        if (ch->nnames) {
            fprintf(f, "  names:");
            for (size_t i = 0; i < ch->nnames; i++) fprintf(f, " %s", p->names[ch->names[i]]);
            fprintf(f, "\n");
        }
        if (ch->nlocals) {
            fprintf(f, "  locals:");
            for (unsigned i = 0; i < ch->nlocals; i++) fprintf(f, " r%u=%s", i, ch->locals[i]);
            fprintf(f, "\n");
        }
        fprintf(f, "  %-14s %-8s %-8s %-40s %s\n", "address", "offset", "word", "instruction", "line");
        for (size_t i = 0; i < ch->ncode; i++) {
            sb_clear(&s);
            dis_instruction(p, (uint32_t)c, ch->code[i], NULL, &s);
            unsigned op = ins_op(ch->code[i]);
            if (op < OP__COUNT && (op_info[op].format == FMT_AsBx || op_info[op].format == FMT_sBx))
                sb_printf(&s, "  -> 0x%04zx", (size_t)((long)(i + 1) + ins_sbx(ch->code[i])) * 4);
            fprintf(f, "  0x%-12llx 0x%04zx   %08x %-40s %u\n", (unsigned long long)at, i * 4, ch->code[i], s.s, ch->pos[i].line);
            at += 4;
        }
    }
    sb_free(&s);
}
