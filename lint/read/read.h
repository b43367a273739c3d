/*
 * read.h - the readers: bytes of one source into a generic tree.
 *
 * Each reader appends one root per document to `t` and returns 0, or adds
 * one DIAG_ERROR at the line:col where the input went wrong and returns -1
 * (documents read before the error may stay in `t`; callers drop them).
 * Readers never print and never abort on bad input.  Every size an input
 * can drive is capped below; hitting a cap is an error like any other.
 */
#ifndef CAGELINT_READ_H
#define CAGELINT_READ_H

#include "base/source.h"
#include "read/tree.h"

/* Deeper than any real manifest or config; bounds every recursion. */
#define READ_MAX_DEPTH 256
/* Nodes in one file, counting alias expansion (a YAML "billion laughs"). */
#define READ_MAX_NODES (4u * 1024 * 1024)
/* Documents in one multi-document YAML stream. */
#define READ_MAX_DOCS 100000

int read_yaml(struct tree *t, struct source *src, struct diags *d);
int read_json(struct tree *t, struct source *src, struct diags *d);
int read_toml(struct tree *t, struct source *src, struct diags *d);
int read_keyvalue(struct tree *t, struct source *src, struct diags *d);
int read_text(struct tree *t, struct source *src, struct diags *d);
int read_dockerfile(struct tree *t, struct source *src, struct diags *d);

#endif
