/*
 * xref_kubelet.h - what the kubelet of a scan is told, put together from
 * its config file and its command-line flags (see xref_kubelet.c).
 *
 * Part of the cross-file step for node settings (model/xref_nodes.c).
 */
#ifndef CAGELINT_MODEL_XREF_KUBELET_H
#define CAGELINT_MODEL_XREF_KUBELET_H

#include "model/model.h"

/*
 * Every kubelet object of `kept` (configs and flags) into new objects of
 * `g`, the ones the kubelet rules judge: the flags of the scan over the
 * config file their --config names, each other config alone, and the
 * flags alone when their config file is not scanned.
 */
void xref_kubelet_merge(struct model *g, struct model *const *kept,
			size_t n);

#endif
