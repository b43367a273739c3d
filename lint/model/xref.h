/*
 * xref.h - the cross-file step of the model: what can only be known once
 * every file of a run is read.
 *
 * Workers lint files in parallel and free each file's model when done;
 * what other files need is first copied into the file's `kept` model
 * (xref_keep), chosen by the flags a front end set on the object
 * (mobj.share), never by its format.  After the workers, xref_resolve()
 * sees every kept object in file order, so its result does not depend
 * on -j:
 *   - containers.conf files of one directory (the main file and its
 *     drop-ins) merge into the settings Podman would use, each value
 *     remembering the file and line that set it;
 *   - a reference to a seccomp profile (a Kubernetes localhostProfile, a
 *     seccomp=PATH, a containers.conf seccomp_profile) is resolved
 *     against the scanned profiles, and the referring object gets that
 *     profile's facts;
 *   - containers that pin an SELinux MCS level learn which other
 *     workloads pin the same one;
 *   - Podman containers that leave their user namespace to the engine
 *     learn containers.conf's userns default.
 * It resolves and merges only: judging is the engine's (the rules marked
 * cross-file run over the model xref_resolve returns).
 */
#ifndef CAGELINT_MODEL_XREF_H
#define CAGELINT_MODEL_XREF_H

#include "model/model.h"

/*
 * Copy the objects of `m` that cross-file work needs into *kept (made on
 * first use, its path that of `m`).  Small: only objects a front end
 * marked as shared, and containers that pin an SELinux level.
 */
void xref_keep(const struct model *m, struct model **kept);

/*
 * Merge and resolve the kept models of a run (in file order).  Returns a
 * new model of the objects the cross-file rules judge: merged settings
 * it owns, and containers it borrows from `kept` (which must outlive it;
 * free it with model_free, which leaves borrowed objects alone).
 */
struct model *xref_resolve(struct model *const *kept, size_t n);

/*
 * Can a kept model wait packed (model/pack.h)?  Two kinds can:
 * - what xref_keep made for the node settings alone (containers with the
 *   few fields they read).  Such a model needs no other kept object, and
 *   no other needs it: it is left out of xref_resolve, then told what the
 *   resolved model says (xref_tell_packed) and judged on its own, one at
 *   a time (its objects are all judged);
 * - seccomp profiles alone (the facts a reference reads: see
 *   xref_profiles_only).  These are wanted only when a kept object may
 *   name a profile (xref_may_name_profiles), and then they go back among
 *   the kept models, in file order, before xref_resolve.
 */
bool xref_packable(const struct model *kept);
void xref_tell_packed(const struct model *g, struct model *kept);
/* A kept model of seccomp profiles alone: never judged in this step. */
bool xref_profiles_only(const struct model *kept);
/*
 * May one of the kept models name a profile file (a container's
 * reference, an engine's default)?  When none may, no profile is read.
 */
bool xref_may_name_profiles(struct model *const *kept, size_t n);

#endif
