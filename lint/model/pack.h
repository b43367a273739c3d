/*
 * pack.h - models kept past their file, packed into bytes.
 *
 * The cross-file step keeps some objects of many files that it needs
 * only if the scan turns out to hold something else (the containers it
 * judges against a node's configuration are needed only when a node's
 * configuration is scanned).  Packed, such a model costs its strings
 * and a few bytes per value instead of its objects; it is unpacked, as
 * it was, only when wanted.  Only the objects and the path are packed
 * (a kept model has no waivers and read nothing else).
 */
#ifndef CAGELINT_MODEL_PACK_H
#define CAGELINT_MODEL_PACK_H

#include "model/model.h"

struct model_pack {
	struct strbuf sb;
	size_t n;		/* models packed */
};

/* Append `m` (not changed) under `tag`, a number of the caller's. */
void model_pack_add(struct model_pack *p, size_t tag, const struct model *m);
/*
 * The model packed at *pos (0 for the first), moved past it, and its
 * tag; NULL after the last.  In the order they were packed.
 */
struct model *model_pack_next(const struct model_pack *p, size_t *pos,
			      size_t *tag);
void model_pack_free(struct model_pack *p);

#endif
