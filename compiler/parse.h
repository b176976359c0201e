/*
** compiler/parse.h: the parser of the tracevm Python subset. It builds the
** AST of compiler/ast.h from UTF-8 source, with CPython's precedence and, for
** the common mistakes, CPython's error messages. Constructs outside the
** subset are refused with "'class' is not supported by tracevm" and the like.
**
** Errors: the parser records each diagnostic, skips to the next statement and
** goes on, so one run can report several (at most PARSE_MAX_DIAGS); it stops
** at the first tokenizer or indentation error, where what follows cannot be
** trusted. Only positions and messages are recorded: see diag.h to print them.
*/
#ifndef TRACEVM_PARSE_H
#define TRACEVM_PARSE_H

#include <stddef.h>

#include "compiler/ast.h"
#include "compiler/diag.h"

#define PARSE_MAX_DIAGS 20

/*
** Parses a module. 'path' is only kept for messages (may be NULL). 'src' need
** not be NUL-terminated and may be freed once this returns (the AST holds
** copies). Returns a new Ast (free with ast_free), or NULL when at least one
** diagnostic was appended to 'diags'. An empty source is a valid empty module.
*/
Ast *parse_module(const char *path, const char *src, size_t len, DiagList *diags);

#endif
