/*
 * kustomize.c - read the kustomizations among the scanned files: which
 * files they name as resources and patches, which folders they build on.
 *
 * A Kustomize patch holds only what it changes in the object it patches
 * (`privileged: true` and the names to find the container), so judging
 * it as a whole object would report everything it leaves out.  Which
 * files are patches is said by the kustomization that names them, and
 * only by it: a file is never taken for a patch by its looks.
 *
 * What it does not do: build the overlay (render_kustomize.c does), judge
 * anything, or read a kustomization outside the scanned files.  Paths
 * are compared after realpath(), so "../base/x.yaml" and a link to the
 * same file match.
 */
#include "scan/kustomize.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/source.h"
#include "read/read.h"

/* Entries of one list of a kustomization: far past any real overlay. */
#define KUSTOMIZE_MAX_ENTRIES 10000

static const char *const kustomization_names[] = {
	"kustomization.yaml", "kustomization.yml", "Kustomization", NULL
};

bool kustomize_is_kustomization(const char *path)
{
	return str_in_list(kustomization_names, path_base(path));
}

static void paths_push(struct kz_paths *p, char *real)
{
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	p->v[p->n++] = real;
}

static void paths_free(struct kz_paths *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
}

long kz_set_file(const struct kz_set *s, const char *real)
{
	size_t n;
	const struct str_index *r = str_index_find(s->files, s->nfiles, real,
						   &n);

	return r ? (long)r->i : -1;
}

const struct str_index *kz_set_named(const struct kz_set *s,
				     const char *real, size_t *n)
{
	return str_index_find(s->by_real, s->nby_real, real, n);
}

/* The kustomization file of folder `real_dir`, as a real path, or NULL. */
static char *kustomization_in(const char *real_dir)
{
	size_t i;

	for (i = 0; kustomization_names[i]; i++) {
		char *p = xasprintf("%s/%s", real_dir, kustomization_names[i]);
		struct stat st;

		if (!stat(p, &st) && S_ISREG(st.st_mode))
			return p;
		free(p);
	}
	return NULL;
}

/*
 * One entry naming a file or a folder, relative to the kustomization's
 * folder: a file goes to `files` (and `patches` when one), a folder's
 * kustomization to `uses`.  An inline patch (YAML text) or a remote
 * resource (a URL) names nothing here.
 */
static void take_entry(struct kz *k, const char *rel, bool patch)
{
	char *joined, *real, *sub;
	struct stat st;

	if (!rel || !*rel || strchr(rel, '\n') || strstr(rel, "://"))
		return;
	joined = rel[0] == '/' ? xstrdup(rel) :
		 xasprintf("%s/%s", k->dir, rel);
	real = realpath(joined, NULL);
	free(joined);
	if (!real || stat(real, &st)) {
		free(real);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		sub = kustomization_in(real);
		if (sub)
			paths_push(&k->uses, sub);
		free(real);
		return;
	}
	if (patch)
		paths_push(&k->patches, xstrdup(real));
	paths_push(&k->files, real);
}

/* Each entry of list `key`: a name, or a map whose `path:` is one. */
static void take_list(struct kz *k, const struct tree_node *doc,
		      const char *key, bool patch)
{
	const struct tree_node *l = tree_get(doc, key);
	size_t i;

	if (!l || !tree_is_list(l))
		return;
	for (i = 0; i < l->u.list.n && i < KUSTOMIZE_MAX_ENTRIES; i++) {
		const struct tree_node *e = l->u.list.items[i];

		if (tree_is_map(e))
			e = tree_get(e, "path");
		if (e && tree_is_scalar(e))
			take_entry(k, tree_text(e), patch);
	}
}

static void read_one(struct kz *k, const struct scan_file *f)
{
	struct diags quiet = { 0 };
	struct source *src = source_read(f->path, f->display, 0, &quiet);
	struct tree *t = tree_new();
	const struct tree_node *doc;

	if (src && !reader_yaml.read(t, src, &quiet) && t->ndocs &&
	    tree_is_map(t->docs[0])) {
		doc = t->docs[0];
		take_list(k, doc, "resources", false);
		take_list(k, doc, "bases", false);
		take_list(k, doc, "components", false);
		take_list(k, doc, "patchesStrategicMerge", true);
		take_list(k, doc, "patches", true);
		take_list(k, doc, "patchesJson6902", true);
	}
	tree_free(t);
	source_free(src);
	diags_free(&quiet);
}

/* Which kustomizations another one builds on. */
static void mark_used(struct kz_set *s)
{
	size_t i, j, u, n;

	for (i = 0; i < s->n; i++)
		for (u = 0; u < s->v[i].uses.n; u++) {
			const struct str_index *r =
				kz_set_named(s, s->v[i].uses.v[u], &n);

			for (j = 0; j < n; j++)
				if (r[j].i != i)
					s->v[r[j].i].used = true;
		}
}

/*
 * The last parts of the paths the entries name, sorted: a file whose own
 * name is none of them cannot be one of those paths (unless it is a link).
 */
static const char **entry_bases(const struct kz_set *s, size_t *n)
{
	const char **v = NULL;
	size_t cap = 0, i, j;

	*n = 0;
	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->v[i].files.n; j++) {
			v = xgrow(v, &cap, *n + 1, sizeof(*v));
			v[(*n)++] = path_base(s->v[i].files.v[j]);
		}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), str_ptr_cmp);
	return v;
}

/*
 * Index the files of `files` an entry may name (kz_set.files): a walked
 * file that is no link has its own name last in its real path.
 */
static void index_files(struct kz_set *s, const struct scan_list *files)
{
	size_t nb, i, cap = 0;
	const char **bases = entry_bases(s, &nb);

	for (i = 0; nb && i < files->n; i++) {
		const struct scan_file *f = &files->v[i];
		const char *base = path_base(f->path);
		char *real;

		if (f->is_stdin)
			continue;
		if (f->path_in_list && !f->via_link &&
		    !bsearch(&base, bases, nb, sizeof(*bases), str_ptr_cmp))
			continue;
		if (!(real = realpath(f->path, NULL)))
			continue;
		s->files = xgrow(s->files, &cap, s->nfiles + 1,
				 sizeof(*s->files));
		s->files[s->nfiles].s = real;
		s->files[s->nfiles++].i = i;
	}
	if (s->nfiles > 1)
		qsort(s->files, s->nfiles, sizeof(*s->files), str_index_cmp);
	free(bases);
}

void kz_set_read(struct kz_set *s, const struct scan_list *files)
{
	size_t i, cap = 0, capv = 0;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < files->n; i++) {
		const struct scan_file *f = &files->v[i];
		struct kz *k;

		if (f->is_stdin || f->rendered ||
		    !kustomize_is_kustomization(f->path))
			continue;
		s->v = xgrow(s->v, &capv, s->n + 1, sizeof(*s->v));
		k = &s->v[s->n++];
		memset(k, 0, sizeof(*k));
		k->idx = i;
		k->dir = path_dir(f->path);
		k->real = realpath(f->path, NULL);
		read_one(k, f);
		if (k->real) {
			s->by_real = xgrow(s->by_real, &cap, s->nby_real + 1,
					   sizeof(*s->by_real));
			s->by_real[s->nby_real].s = k->real;
			s->by_real[s->nby_real++].i = s->n - 1;
		}
	}
	if (s->nby_real > 1)
		qsort(s->by_real, s->nby_real, sizeof(*s->by_real),
		      str_index_cmp);
	mark_used(s);
	index_files(s, files);
}

void kz_set_free(struct kz_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].dir);
		free(s->v[i].real);
		paths_free(&s->v[i].files);
		paths_free(&s->v[i].patches);
		paths_free(&s->v[i].uses);
	}
	free(s->v);
	for (i = 0; i < s->nfiles; i++)
		free((char *)s->files[i].s);
	free(s->files);
	free(s->by_real);
	memset(s, 0, sizeof(*s));
}

void kustomize_mark_patches(struct scan_list *files, const struct kz_set *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->v[i].patches.n; j++) {
			long f = kz_set_file(s, s->v[i].patches.v[j]);

			if (f >= 0)
				files->v[f].partial = true;
		}
}
