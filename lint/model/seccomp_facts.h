/*
 * seccomp_facts.h - what a seccomp profile really lets through.
 *
 * Computed in C because it needs real code: syscall names resolved per
 * architecture through libseccomp (never through the running kernel), the
 * first-matching-rule semantics of the runtimes, and tables of syscalls
 * that do the same thing.  Rules then read the derived fields.
 */
#ifndef CAGELINT_SECCOMP_FACTS_H
#define CAGELINT_SECCOMP_FACTS_H

#include <stdbool.h>

#include "model/model.h"

/*
 * Fill the derived fields of a seccomp_profile object (mode,
 * dangerous_allowed, bypasses, unknown_denied/allowed, shadowed,
 * missing_arches) and each rule's action_known.  The profile is judged as
 * a default container would meet it: the 14 default capabilities of
 * Docker and containerd, an x86_64 host, a kernel newer than any
 * minKernel.  dangerous_allowed compares it with the default profile of
 * `runtime` (--runtime), or with Docker's and Podman's both when NULL.
 */
void seccomp_derive(struct model *m, struct mobj *profile,
		    const char *runtime);

/* Is `name` a system call on any architecture in `arches` (all if NULL)? */
bool seccomp_name_known(const char *name, const struct mlist *arches);
/* Is `arch` an SCMP_ARCH_ name runc and crun accept? */
bool seccomp_arch_known(const char *arch);
/* Is `action` one of the SCMP_ACT_ values runtimes accept? */
bool seccomp_action_known(const char *action);

#endif
