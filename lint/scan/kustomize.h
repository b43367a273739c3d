/*
 * kustomize.h - what the kustomizations among the scanned files say
 * about the other files: which are patches, which are resources, which
 * folders' kustomizations they build on.
 */
#ifndef CAGELINT_SCAN_KUSTOMIZE_H
#define CAGELINT_SCAN_KUSTOMIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "scan/walk.h"

/* Real paths (realpath()), a growing list. */
struct kz_paths {
	char **v;
	size_t n, cap;
};

/* One kustomization among the scanned files, as far as it was read. */
struct kz {
	size_t idx;		/* its file in the scan list */
	char *dir;		/* its folder, as the scan reaches it */
	char *real;		/* the file's real path */
	struct kz_paths files;	/* resource and patch files it names */
	struct kz_paths patches;	/* ... of which patches */
	struct kz_paths uses;	/* kustomization files of folders it names */
	bool used;		/* another scanned kustomization names it */
};

struct kz_set {
	struct kz *v;
	size_t n;
	char **real;		/* every scanned file's real path, or NULL */
	size_t nreal;
};

/*
 * Read every kustomization of `files` (kustomization.yaml, .yml,
 * Kustomization): `resources:`, `bases:`, `components:` name files and
 * folders; `patchesStrategicMerge:` entries, `patches:` and
 * `patchesJson6902:` entries' `path:` name patches.  Inline patches and
 * remote resources name no file.  One that does not parse names nothing
 * (it is reported when it is linted).
 */
void kz_set_read(struct kz_set *s, const struct scan_list *files);
void kz_set_free(struct kz_set *s);
/* The file of `files` whose real path is `real`, or -1. */
long kz_set_file(const struct kz_set *s, const char *real);

/*
 * Mark `partial` every file of `files` that a kustomization among them
 * names as a patch.  A file no kustomization names is left whole, however
 * much it looks like a patch.
 */
void kustomize_mark_patches(struct scan_list *files);

/* Is `path`'s last component a kustomization's file name? */
bool kustomize_is_kustomization(const char *path);

#endif
