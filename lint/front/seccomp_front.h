/*
 * seccomp_front.h - the seccomp profile reader other front ends share
 * (an OCI config.json embeds a profile under linux.seccomp).
 */
#ifndef CAGELINT_SECCOMP_FRONT_H
#define CAGELINT_SECCOMP_FRONT_H

#include "front/front.h"

/*
 * Add a seccomp_profile object (and its rules) read from the map `doc`,
 * named `origin` in messages; `format` is "seccomp" or "oci".
 */
struct mobj *seccomp_read_profile(struct front_ctx *fc,
				  const struct tree_node *doc,
				  const char *origin, const char *format);

#endif
