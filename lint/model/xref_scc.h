/*
 * xref_scc.h - OpenShift SCCs and the RBAC bindings that let everyone
 * use them (see xref_scc.c).
 *
 * Part of the cross-file step for node and cluster settings
 * (model/xref_nodes.c).
 */
#ifndef CAGELINT_MODEL_XREF_SCC_H
#define CAGELINT_MODEL_XREF_SCC_H

#include "model/model.h"

/*
 * Every SCC of `kept` into `g`, each told the first scanned binding (and
 * its role) that lets every user or service account use it, if any.
 */
void xref_scc_resolve(struct model *g, struct model *const *kept, size_t n);

#endif
