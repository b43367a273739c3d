/*
 * pack.h - models kept past their file, packed into bytes.
 *
 * The cross-file step keeps some objects of many files that it needs
 * only if the scan turns out to hold something else (the containers it
 * judges against a node's configuration are needed only when a node's
 * configuration is scanned, and the seccomp profiles only when
 * something names one).  Packed, such a model costs its strings
 * and a few bytes per value instead of its objects; it is unpacked, as
 * it was, only when wanted.  Only the objects and the path are packed
 * (a kept model has no waivers and read nothing else).
 */
#ifndef CAGELINT_MODEL_PACK_H
#define CAGELINT_MODEL_PACK_H

#include <stdio.h>

#include "model/model.h"

struct model_pack {
	struct strbuf sb;	/* the bytes */
	FILE *in;		/* where model_pack_next reads */
	size_t n;		/* models packed */
	bool failed;		/* the bytes could not be written or read */
};

/*
 * Let the bytes go to a temporary file (unlinked) once they pass a
 * chunk, so that what waits costs little memory (see sb_set_spool).
 */
void model_pack_spool(struct model_pack *p);
/* Append `m` (not changed) under `tag`, a number of the caller's. */
void model_pack_add(struct model_pack *p, size_t tag, const struct model *m);
/*
 * Read from the first model again (before the first model_pack_next).
 * False, with `failed` set, when the bytes cannot be read back.
 */
bool model_pack_rewind(struct model_pack *p);
/*
 * The next packed model (in the order they were packed) and its tag;
 * NULL after the last, or when a read fails (`failed` is then set).
 */
struct model *model_pack_next(struct model_pack *p, size_t *tag);
void model_pack_free(struct model_pack *p);

#endif
