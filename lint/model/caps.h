/*
 * caps.h - capability names and the runtimes' default sets.
 */
#ifndef CAGELINT_MODEL_CAPS_H
#define CAGELINT_MODEL_CAPS_H

#include "model/model.h"

/* Normalise a capability name: upper case, no CAP_ prefix ("all" → ALL). */
char *model_cap_normalize(struct model *m, const char *name);
/*
 * The capabilities a runtime grants by default, without CAP_ (NULL-
 * terminated): "podman", "cri-o", else Docker's and containerd's 14.
 */
const char *const *model_default_caps(const char *runtime);
/* The 41 capability names, without CAP_. */
const char *const *model_all_caps(size_t *n);

#endif
