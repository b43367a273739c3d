/*
 * xref_nodes.h - the cross-file step for node settings: what a CRI
 * runtime's configuration files add up to, and what the scanned kubelet
 * configurations mean for the pods of the same scan.
 *
 * Also the Pod Security level and version a pod is judged at, when its
 * namespace is scanned (--profile pss-* without --k8s-version).
 *
 * Part of xref (model/xref.h), which calls it; kept apart so that the
 * node formats' merge rules live in one place.
 */
#ifndef CAGELINT_MODEL_XREF_NODES_H
#define CAGELINT_MODEL_XREF_NODES_H

#include "model/model.h"

/* Does cross-file work need this object (xref_keep asks)? */
bool xref_nodes_keeps(const struct mobj *o);

/*
 * The copy xref_keep makes of an object it keeps: a container kept only
 * because the node's settings judge it is copied with the few fields
 * those rules read (a scan of many pods keeps little per pod); anything
 * else whole.
 */
struct mobj *xref_nodes_clone(struct model *kept, const struct mobj *o,
			      bool only_for_nodes);

/*
 * Is it a container or pod the cross-file rules judge because of node or
 * namespace settings (the caller adopts it into the resolved model)?
 */
bool xref_nodes_adopts(const struct mobj *o);

/*
 * Merge the CRI-O configuration sets and pass containerd's through, as
 * new objects of `g`; tell the containers and pods of `kept` what the
 * scanned kubelet configurations and namespaces say (they stay in
 * `kept`: the caller adopts them).
 */
void xref_nodes_resolve(struct model *g, struct model *const *kept,
			size_t n);
/* The same telling, for one kept model left out of that call. */
void xref_nodes_tell(const struct model *g, struct model *kept);

#endif
