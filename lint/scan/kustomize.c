/*
 * kustomize.c - find the files kustomizations name as patches.
 *
 * A Kustomize patch holds only what it changes in the object it patches
 * (`privileged: true` and the names to find the container), so judging
 * it as a whole object would report everything it leaves out.  Which
 * files are patches is said by the kustomization that names them, and
 * only by it: a file is never taken for a patch by its looks.
 *
 * What it does not do: build the overlay, judge anything, or read a
 * kustomization outside the scanned files (a patch is marked only when
 * its kustomization was scanned too).  Paths are compared after
 * realpath(), so "../base/x.yaml" and a link to the same file match.
 */
#include "scan/kustomize.h"

#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "read/read.h"

/* Patches one kustomization may name: far past any real overlay. */
#define KUSTOMIZE_MAX_PATCHES 10000

static const char *const kustomization_names[] = {
	"kustomization.yaml", "kustomization.yml", "Kustomization", NULL
};

bool kustomize_is_kustomization(const char *path)
{
	return str_in_list(kustomization_names, path_base(path));
}

/* The files' real paths, index for index (NULL when unresolvable). */
struct real_paths {
	char **v;
	size_t n;
};

static void real_paths_init(struct real_paths *rp,
			    const struct scan_list *files)
{
	size_t i;

	rp->n = files->n;
	rp->v = xcalloc(rp->n ? rp->n : 1, sizeof(*rp->v));
	for (i = 0; i < rp->n; i++)
		if (!files->v[i].is_stdin)
			rp->v[i] = realpath(files->v[i].path, NULL);
}

static void real_paths_free(struct real_paths *rp)
{
	size_t i;

	for (i = 0; i < rp->n; i++)
		free(rp->v[i]);
	free(rp->v);
}

/* Mark the file at `rel` (relative to the kustomization's folder). */
static void mark_one(struct scan_list *files, const struct real_paths *rp,
		     const char *dir, const char *rel)
{
	char *joined, *real;
	size_t i;

	/* An inline patch (a YAML text, not a name) has a newline. */
	if (!rel || !*rel || strchr(rel, '\n'))
		return;
	joined = rel[0] == '/' ? xstrdup(rel) :
		 xasprintf("%s/%s", dir, rel);
	real = realpath(joined, NULL);
	free(joined);
	for (i = 0; real && i < rp->n; i++)
		if (rp->v[i] && !strcmp(rp->v[i], real))
			files->v[i].partial = true;
	free(real);
}

/* Each entry of list `key`: a name, or a map whose `path:` is one. */
static void mark_list(struct scan_list *files, const struct real_paths *rp,
		      const char *dir, const struct tree_node *doc,
		      const char *key)
{
	const struct tree_node *l = tree_get(doc, key);
	size_t i;

	if (!l || !tree_is_list(l))
		return;
	for (i = 0; i < l->u.list.n && i < KUSTOMIZE_MAX_PATCHES; i++) {
		const struct tree_node *e = l->u.list.items[i];

		if (tree_is_map(e))
			e = tree_get(e, "path");
		if (e && tree_is_scalar(e))
			mark_one(files, rp, dir, tree_text(e));
	}
}

/* The folder holding `path` ("." for a bare name). */
static char *dir_of(const char *path)
{
	const char *base = path_base(path);
	size_t len = (size_t)(base - path);

	if (!len)
		return xstrdup(".");
	/* "dir/name" → "dir"; "/name" → "/" */
	return xstrndup(path, len > 1 ? len - 1 : 1);
}

static void read_kustomization(struct scan_list *files,
			       const struct real_paths *rp, size_t k)
{
	const struct scan_file *f = &files->v[k];
	struct diags quiet = { 0 };
	struct source *src = source_read(f->path, f->display, 0, &quiet);
	struct tree *t;
	char *dir;

	if (!src) {
		diags_free(&quiet);
		return;
	}
	t = tree_new();
	if (!reader_yaml.read(t, src, &quiet) && t->ndocs &&
	    tree_is_map(t->docs[0])) {
		dir = dir_of(f->path);
		mark_list(files, rp, dir, t->docs[0], "patchesStrategicMerge");
		mark_list(files, rp, dir, t->docs[0], "patches");
		mark_list(files, rp, dir, t->docs[0], "patchesJson6902");
		free(dir);
	}
	tree_free(t);
	source_free(src);
	diags_free(&quiet);
}

void kustomize_mark_patches(struct scan_list *files)
{
	struct real_paths rp = { 0 };
	size_t i;

	for (i = 0; i < files->n; i++) {
		if (files->v[i].is_stdin ||
		    !kustomize_is_kustomization(files->v[i].path))
			continue;
		if (!rp.v)
			real_paths_init(&rp, files);
		read_kustomization(files, &rp, i);
	}
	if (rp.v)
		real_paths_free(&rp);
}
