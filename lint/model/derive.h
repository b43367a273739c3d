/*
 * derive.h - compute the derived fields of a file's model.
 */
#ifndef CAGELINT_MODEL_DERIVE_H
#define CAGELINT_MODEL_DERIVE_H

#include "model/model.h"

struct model_options {
	const char *runtime;	/* --runtime, or NULL: each format's default */
	/*
	 * Pods are judged by Pod Security rules at the level and version of
	 * their namespace's labels, when it is scanned (--profile pss-*
	 * without --k8s-version): mark them for the cross-file step.
	 */
	bool psa_by_namespace;
};

/*
 * Compute the derived fields of every object: the runtime's default
 * capabilities and the effective set, user.is_root.  Pure function of the
 * objects and the options; never reads other files.
 */
void model_derive(struct model *m, const struct model_options *opt);

#endif
