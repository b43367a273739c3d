/*
 * effective_caps.h - what a container's capability settings add up to on
 * the runtimes it may run on.
 */
#ifndef CAGELINT_MODEL_EFFECTIVE_CAPS_H
#define CAGELINT_MODEL_EFFECTIVE_CAPS_H

#include "model/model.h"

/*
 * Fill capabilities.default, .effective, .kept_default and .ineffective
 * of container `c`, and rewrite its .add and .drop lists from as written
 * into what the runtimes read (see effective_caps.c).  `runtime` is its
 * runtime field (--runtime already applied), or NULL.
 */
void effective_caps_derive(struct model *m, struct mobj *c,
			   const char *runtime);

#endif
