/*
 * xref_cri.h - the cross-file step for what a scanned CRI-O configuration
 * gives the pods of the same scan: the capabilities its
 * default_capabilities adds beyond CRI-O's own default set, for each
 * container that runs on CRI-O and does not drop them.
 *
 * Part of xref_nodes (model/xref_nodes.h), which calls it after merging
 * the CRI-O drop-ins; it resolves only, the rules judge.
 */
#ifndef CAGELINT_MODEL_XREF_CRI_H
#define CAGELINT_MODEL_XREF_CRI_H

#include "model/model.h"

/*
 * Could a CRI-O default capability reach this container: a Kubernetes
 * container, not privileged, that does not drop ALL and whose runtime is
 * CRI-O or not said?  The step keeps and judges those.
 */
bool xref_cri_wants(const struct mobj *o);

/*
 * Tell each container of `kept` that xref_cri_wants and that runs on
 * CRI-O which added capabilities of the merged CRI-O settings in `g` it
 * keeps (node.cri_capabilities, node.cri_config).
 */
void xref_cri_tell(const struct model *g, struct model *const *kept,
		   size_t n);

#endif
