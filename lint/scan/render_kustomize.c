/*
 * render_kustomize.c - build Kustomize overlays and judge what they make.
 *
 * An overlay is judged as the cluster gets it: its kustomization is built
 * (`kustomize build DIR`, else `kubectl kustomize DIR`), and the stream
 * built is linted in the kustomization's place.  Only the kustomizations
 * that no other scanned one builds on are built (a base is judged through
 * each overlay that uses it), and the files a build was made of are not
 * judged again on their own: a note says which build judged them.
 *
 * Each built object's findings point at the scanned file that declares an
 * object of the same kind and name (at that object, since the lines of
 * the built object are not that file's), else at the kustomization, the
 * finding naming the object.  Names a kustomization changes (namePrefix)
 * therefore point at the kustomization.
 *
 * What it does not do: read kustomizations (kustomize.c), run the tool
 * (render.c), or judge (the pipeline).
 */
#include "scan/render.h"

#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "read/read.h"
#include "scan/kustomize.h"

/* A scanned object a built one may come from. */
struct declared {
	char *kind, *name;
	size_t file;		/* in the scan list */
	struct loc loc;
};

struct declared_list {
	struct declared *v;
	size_t n, cap;
};

static const char *doc_kind(const struct tree_node *doc)
{
	return tree_text(tree_get(doc, "kind"));
}

static const char *doc_name(const struct tree_node *doc)
{
	return tree_text(tree_get(tree_get(doc, "metadata"), "name"));
}

/* The objects of scanned file `i`, by kind and name. */
static void declare_file(struct declared_list *l, const struct scan_file *f,
			 size_t i)
{
	struct diags quiet = { 0 };
	struct source *src = source_read(f->path, f->display, 0, &quiet);
	struct tree *t = tree_new();
	size_t j;

	if (src && !reader_yaml.read(t, src, &quiet))
		for (j = 0; j < t->ndocs; j++) {
			const struct tree_node *doc = t->docs[j];
			struct declared *e;

			if (!tree_is_map(doc) || !doc_kind(doc) ||
			    !doc_name(doc))
				continue;
			l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
			e = &l->v[l->n++];
			e->kind = xstrdup(doc_kind(doc));
			e->name = xstrdup(doc_name(doc));
			e->file = i;
			e->loc = doc->loc;
		}
	tree_free(t);
	source_free(src);
	diags_free(&quiet);
}

static void declared_free(struct declared_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].kind);
		free(l->v[i].name);
	}
	free(l->v);
}

/* --- what a build is made of --------------------------------------------- */

/* What collecting a build's members needs, for every build of a scan. */
struct members {
	size_t *member;	/* of each file: the build that has it + 1, or 0 */
	size_t *seen;	/* of each kustomization: the last build that met it */
	size_t *todo;	/* kustomizations met, not yet looked into */
};

/*
 * Mark kustomization `k`'s files and those it builds on as built by the
 * scanned file `by` (member[file] = by + 1).  A kustomization this build
 * has met holds `visit` in seen[] (one number per build: nothing to clear
 * between builds).  With a stack, not recursion: a chain of overlays may
 * be long.
 */
static void collect_members(const struct kz_set *s, size_t k, size_t by,
			    struct members *m, size_t visit)
{
	size_t *member = m->member, *seen = m->seen, *todo = m->todo;
	size_t ntodo = 0, i, j, n;
	const struct str_index *r;
	long f;

	seen[k] = visit;
	todo[ntodo++] = k;
	while (ntodo) {
		const struct kz *z = &s->v[todo[--ntodo]];

		member[z->idx] = by + 1;
		for (i = 0; i < z->files.n; i++) {
			f = kz_set_file(s, z->files.v[i]);
			if (f >= 0)
				member[f] = by + 1;
		}
		for (i = 0; i < z->uses.n; i++)
			for (r = kz_set_named(s, z->uses.v[i], &n), j = 0;
			     j < n; j++)
				if (seen[r[j].i] != visit) {
					/* a loop: each once */
					seen[r[j].i] = visit;
					todo[ntodo++] = r[j].i;
				}
	}
}

/* Where each built document comes from, by kind and name. */
static void find_origins(struct rendered *r, const struct scan_list *files,
			 const size_t *member, size_t by)
{
	struct declared_list decl = { 0 };
	struct diags quiet = { 0 };
	struct source *src;
	struct tree *t = tree_new();
	size_t i, j;

	const char *kz_display = files->v[by].display;

	for (i = 0; i < files->n; i++)
		if (member[i] == by + 1 && !files->v[i].partial &&
		    !kustomize_is_kustomization(files->v[i].path))
			declare_file(&decl, &files->v[i], i);
	src = source_from_mem(kz_display, r->data, r->len);
	if (!reader_yaml.read(t, src, &quiet))
		for (i = 0; i < t->ndocs; i++) {
			const struct tree_node *doc = t->docs[i];
			const char *kind = doc_kind(doc), *name = doc_name(doc);
			const struct scan_file *f = NULL;
			struct loc at = LOC_NONE;

			for (j = 0; kind && name && j < decl.n && !f; j++)
				if (!strcmp(decl.v[j].kind, kind) &&
				    !strcmp(decl.v[j].name, name)) {
					f = &files->v[decl.v[j].file];
					at = decl.v[j].loc;
				}
			rendered_add_origin(r, doc->loc.line, f ? f->display :
					    kz_display, f ? f->path : NULL, at);
		}
	tree_free(t);
	source_free(src);
	diags_free(&quiet);
	declared_free(&decl);
}

/* --- building ------------------------------------------------------------ */

/* `kustomize build DIR`, else `kubectl kustomize DIR`; NULL: neither. */
static char *find_builder(bool *is_kubectl)
{
	char *tool = render_find_tool("kustomize");

	*is_kubectl = !tool;
	return tool ? tool : render_find_tool("kubectl");
}

/* Build kustomization `k`; on success its slot holds the stream. */
static bool build_one(struct scan_list *files, const struct kz *k,
		      const char *tool, bool is_kubectl, struct diags *d)
{
	struct scan_file *f = &files->v[k->idx];
	char *argv[] = { (char *)tool, is_kubectl ? "kustomize" : "build",
			 k->dir, NULL };
	struct render_run run;
	char *why;

	if (render_exec(argv, &run)) {
		why = render_failure(&run);
		diag_add(d, f->display, LOC_NONE, DIAG_ERROR, "%s %s %s "
			 "failed, so its files are judged one by one: %s",
			 path_base(tool), argv[1], k->dir, why);
		free(why);
		render_run_free(&run);
		return false;
	}
	f->rendered = xcalloc(1, sizeof(*f->rendered));
	f->rendered->data = run.out;
	f->rendered->len = run.len;
	free(run.err);
	return true;
}

/* Drop the members of a build but its kustomization, with a note. */
static void drop_members(struct scan_list *files, const size_t *member,
			 struct diags *d)
{
	size_t i, kept = 0;

	for (i = 0; i < files->n; i++) {
		struct scan_file *f = &files->v[i];

		if (member[i] && !f->rendered)
			diag_add(d, f->display, LOC_NONE, DIAG_NOTE, "judged "
				 "through the build of %s",
				 files->v[member[i] - 1].display);
	}
	for (i = 0; i < files->n; i++) {
		struct scan_file *f = &files->v[i];

		if (!member[i] || f->rendered) {
			files->v[kept++] = *f;
			continue;
		}
		scan_file_free(f);
	}
	files->n = kept;
}

void render_kustomize(struct scan_list *files, const struct kz_set *s,
		      const struct render_options *o, struct diags *d)
{
	struct members m;
	bool is_kubectl = false;
	char *tool = NULL;
	size_t i;

	if ((o && o->off) || !s->n)
		return;
	tool = find_builder(&is_kubectl);
	m.member = xcalloc(files->n ? files->n : 1, sizeof(*m.member));
	m.seen = xcalloc(s->n, sizeof(*m.seen));
	m.todo = xcalloc(s->n, sizeof(*m.todo));
	for (i = 0; i < s->n; i++) {
		const struct kz *k = &s->v[i];

		if (k->used)
			continue;
		if (!tool) {
			diag_add(d, files->v[k->idx].display, LOC_NONE,
				 DIAG_NOTE, "not built: neither kustomize "
				 "nor kubectl is on PATH; its files are "
				 "judged one by one (patches for what they "
				 "set)");
			continue;
		}
		if (!build_one(files, k, tool, is_kubectl, d))
			continue;
		collect_members(s, i, k->idx, &m, i + 1);
		find_origins(files->v[k->idx].rendered, files, m.member,
			     k->idx);
	}
	drop_members(files, m.member, d);
	free(m.member);
	free(m.seen);
	free(m.todo);
	free(tool);
}
