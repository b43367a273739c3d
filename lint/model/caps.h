/*
 * caps.h - capability names, the runtimes' default sets, and how each
 * runtime reads a capability name as written.
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

/* What a runtime makes of one capability name as written. */
enum cap_effect {
	CAP_EFFECT_NAMED,	/* that capability (*name) */
	CAP_EFFECT_ALL,		/* every capability */
	CAP_EFFECT_NONE,	/* nothing: a name no kernel has, ignored */
	CAP_EFFECT_REFUSED,	/* the runtime refuses to create it */
};

/*
 * How `runtime` ("docker", "podman", "nerdctl", "containerd", "cri-o";
 * another: as docker) reads `written` in an add list (`add`) or a drop
 * list.  *name is set to the capability (without CAP_, a static string)
 * for CAP_EFFECT_NAMED.
 */
enum cap_effect model_cap_resolve(const char *runtime, const char *written,
				  bool add, const char **name);

#endif
