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
	/*
	 * The scanned files a kustomization may name, by real path (then
	 * by index): only those whose own name is the last part of a path
	 * some entry names, or whose real name may differ from their own
	 * (links; files named or added, not walked).  No other file is
	 * asked for its real path (a walk of many files with one
	 * kustomization resolves a handful).
	 */
	struct str_index *files;	/* real paths owned here */
	size_t nfiles;
	struct str_index *by_real;	/* v's kustomizations by real path */
	size_t nby_real;
};

/*
 * Read every kustomization of `files` (kustomization.yaml, .yml,
 * Kustomization): `resources:`, `bases:`, `components:` name files and
 * folders; `patchesStrategicMerge:` entries, `patches:` and
 * `patchesJson6902:` entries' `path:` name patches.  Inline patches and
 * remote resources name no file.  One that does not parse names nothing
 * (it is reported when it is linted).  The set holds indices into
 * `files`: it is read again after the list changes.
 */
void kz_set_read(struct kz_set *s, const struct scan_list *files);
void kz_set_free(struct kz_set *s);
/* The first file of the list whose real path is `real`, or -1. */
long kz_set_file(const struct kz_set *s, const char *real);
/*
 * The kustomizations whose file's real path is `real`: *n of them from
 * the one returned, in the order of s->v (.i is the index there).
 */
const struct str_index *kz_set_named(const struct kz_set *s,
				     const char *real, size_t *n);

/*
 * Mark `partial` every file of `files` that a kustomization of `s` (read
 * from them) names as a patch.  A file no kustomization names is left
 * whole, however much it looks like a patch.
 */
void kustomize_mark_patches(struct scan_list *files, const struct kz_set *s);

/* Is `path`'s last component a kustomization's file name? */
bool kustomize_is_kustomization(const char *path);

#endif
