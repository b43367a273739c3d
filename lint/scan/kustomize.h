/*
 * kustomize.h - what the kustomizations among the scanned files say about
 * the other files: which are patches.
 */
#ifndef CAGELINT_SCAN_KUSTOMIZE_H
#define CAGELINT_SCAN_KUSTOMIZE_H

#include <stdbool.h>

#include "scan/walk.h"

/*
 * Mark `partial` every file of `files` that a kustomization among them
 * (kustomization.yaml, kustomization.yml, Kustomization) names as a
 * patch: `patchesStrategicMerge:` entries, `patches:` and
 * `patchesJson6902:` entries' `path:`.  A file no kustomization names is
 * left whole, however much it looks like a patch.  A kustomization that
 * does not parse names nothing (it is reported when it is linted).
 */
void kustomize_mark_patches(struct scan_list *files);

/* Is `path`'s last component a kustomization's file name? */
bool kustomize_is_kustomization(const char *path);

#endif
