/*
 * xref_nodes.h - the cross-file step for node settings: what a CRI
 * runtime's configuration files add up to, and what the scanned kubelet
 * configurations mean for the pods of the same scan.
 *
 * Part of xref (model/xref.h), which calls it; kept apart so that the
 * node formats' merge rules live in one place.
 */
#ifndef CAGELINT_MODEL_XREF_NODES_H
#define CAGELINT_MODEL_XREF_NODES_H

#include "model/model.h"

/* Does cross-file work need this object (xref_keep asks)? */
bool xref_nodes_keeps(const struct mobj *o);

/* Is it a container the node's settings judge (to be adopted)? */
bool xref_nodes_judged(const struct mobj *o);

/*
 * Merge the CRI-O configuration sets and pass containerd's through, as
 * new objects of `g`; tell the judged containers of `kept` what the
 * scanned kubelet configurations say (they stay in `kept`: the caller
 * adopts them).
 */
void xref_nodes_resolve(struct model *g, struct model *const *kept,
			size_t n);

#endif
