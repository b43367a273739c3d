/*
 * xref_nodes.c - see xref_nodes.h.
 *
 * CRI-O order (crio.conf.d(5), pkg/config UpdateFromPath): crio.conf
 * first, then every file under the crio.conf.d directory next to it, in
 * the lexical order of their paths (subdirectories included); a later
 * file sets an option again to override it, and an array is replaced
 * whole.  A [crio.runtime.runtimes.NAME] (or workloads) table in a later
 * file replaces that handler as a whole: only the last definition of each
 * is kept.  A file recognised by content alone is a set of its own.
 *
 * containerd: a config is a set of its own, with the scanned files its
 * `imports` name (model/xref_containerd.c) after it, in the order of
 * the imports and, within a glob, of their paths; a later file's
 * setting wins key by key, a runtime it defines again replaces that
 * runtime (containerd 2 merges plugin tables key by key; containerd 1
 * replaced a whole plugin table, which is not modelled).  An import
 * that matches no scanned file is listed on the config
 * (imports_not_scanned).  Imports of imported files are not followed.  Lexical
 * order here is byte order of the whole path, which differs from Go's
 * directory walk only when a file and a directory share a prefix.
 *
 * Kubelet: its config files and flags are put together first
 * (model/xref_kubelet.c).  A pod is not told which node runs it, so a
 * pod of the scan is judged against every resulting kubelet at once:
 * seccompDefault counts as on only when all of them set it; otherwise
 * the first that does not is the one named.
 *
 * CRI-O's default capabilities and the pods on CRI-O: model/xref_cri.c.
 * SCCs that RBAC lets everyone use: model/xref_scc.c.
 *
 * Pod Security: a pod or container marked MOBJ_SHARE_PSA learns the
 * enforce level and version of the scanned Namespace it names (the first
 * of that name); the engine then judges it with the Pod Security rules
 * of that level.  A namespace without an enforce label tells nothing: the
 * cluster's default applies, which cagelint cannot see.
 */
#include "model/xref_nodes.h"
#include "model/xref_containerd.h"
#include "model/xref_cri.h"
#include "model/xref_kubelet.h"
#include "model/xref_scc.h"

#include <stdlib.h>
#include <string.h>

#define CRIO_DROP_IN_DIR "crio.conf.d/"

static bool judged(const struct mobj *o)
{
	const struct mval *mode = mobj_get(o, CF_SECCOMP_MODE);
	const struct mval *priv = mobj_get(o, CF_PRIVILEGED);

	return o->kind == MO_CONTAINER && o->share & MOBJ_SHARE_NODE_JUDGED &&
	       mode->type == MV_UNSET && !(priv->type == MV_BOOL && priv->u.b);
}

bool xref_nodes_adopts(const struct mobj *o)
{
	return judged(o) || xref_cri_wants(o) || o->share & MOBJ_SHARE_PSA;
}

/*
 * What CG366, CG713, CG714 and CG715 read of a container (and their
 * messages and locations), and what xref_cri reads.
 */
static const int slim_slots[] = {
	CF_FORMAT, CF_NAME, CF_ROLE, CF_WORKLOAD_KIND, CF_WORKLOAD_NAME,
	CF_WORKLOAD_NAMESPACE, CF_PRIVILEGED, CF_SECCOMP_MODE,
	CF_K8S_SECURITY_CONTEXT, CF_RUNTIME, CF_CAP_ADD, CF_CAP_DROP,
	CF_K8S_CAP_DROP,
};

/* What the cross-file step sets on them (xref_cri_tell, tell_containers). */
static const int slim_later[] = {
	CF_NODE_SECCOMP_DEFAULT, CF_NODE_KUBELET, CF_NODE_CRI_CAPS,
	CF_NODE_CRI_CONFIG,
};

struct mobj *xref_nodes_clone(struct model *kept, const struct mobj *o,
			      bool only_for_nodes)
{
	if (!only_for_nodes || o->kind != MO_CONTAINER ||
	    o->share & MOBJ_SHARE_PSA)
		return mobj_clone(kept, o, kept->path);
	return mobj_clone_slots(kept, o, kept->path, slim_slots,
				ARRAY_SIZE(slim_slots), slim_later,
				ARRAY_SIZE(slim_later));
}

bool xref_nodes_keeps(const struct mobj *o)
{
	return o->share & (MOBJ_SHARE_NODE_CONFIG | MOBJ_SHARE_NAMESPACE) ||
	       xref_nodes_adopts(o);
}

/* --- CRI runtime configuration sets ------------------------------------ */

struct cri_file {
	const struct mobj *o;
	char *set;		/* what the file belongs to */
	int rank;		/* 0 crio.conf, 1 a drop-in; containerd: 0
				 * the config, 1 + N an import of its Nth */
	size_t seq;		/* order kept, for a stable sort */
	struct mobj *notes;	/* a config's imports that match nothing */
};

static bool is_crio(const struct mobj *o)
{
	const struct mval *f = mobj_get(o, o->kind == MO_CRI_CONFIG ?
					CRF_FORMAT : CHF_FORMAT);

	return f->type == MV_STR && !strcmp(f->u.s, "cri-o");
}

static void classify(struct cri_file *f, const char *path)
{
	const char *d = strstr(path, CRIO_DROP_IN_DIR);
	const char *base = path_base(path);

	while (d && d != path && d[-1] != '/')
		d = strstr(d + 1, CRIO_DROP_IN_DIR);
	f->rank = 0;
	if (!is_crio(f->o)) {
		f->set = xstrdup(path);
	} else if (d) {
		f->rank = 1;
		f->set = d == path ? xstrdup(".") :
			 xstrndup(path, (size_t)(d - path - 1));
	} else if (!strcmp(base, "crio.conf")) {
		f->set = base == path ? xstrdup(".") :
			 xstrndup(path, (size_t)(base - path - 1));
	} else {
		f->set = xstrdup(path);
	}
}

static int cri_cmp(const void *pa, const void *pb)
{
	const struct cri_file *a = pa, *b = pb;
	int c = strcmp(a->set, b->set);

	if (c)
		return c;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	c = strcmp(a->o->path, b->o->path);
	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* What the first file of a set says for good (its version, its imports). */
static bool first_says(const struct mobj *dst, int i)
{
	return (i == CRF_VERSION || i == CRF_IMPORTS) &&
	       dst->f[i].type != MV_UNSET;
}

/* Keys ignored in any file of the set all stay ignored. */
static void add_ignored(struct model *g, struct mobj *dst,
			const struct mval *v)
{
	struct mlist *l = mobj_list(g, dst, CRF_IGNORED, v->loc);
	size_t i;

	for (i = 0; i < v->u.list->n; i++) {
		mlist_push_str(g, l, v->u.list->v[i].u.s, v->u.list->v[i].loc);
		l->v[l->n - 1].path = v->u.list->v[i].path;
	}
}

/* One file's settings over `dst`: every option it sets wins. */
static void overlay(struct model *g, struct mobj *dst, const struct mobj *src)
{
	struct mobj *copy = mobj_clone(g, src, src->path);
	struct mlist *files;
	int i;

	for (i = 0; i < CRF__COUNT; i++) {
		if (i == CRF_FILES || i == CRF_CAPS_ADDED ||
		    copy->f[i].type == MV_UNSET || first_says(dst, i))
			continue;
		if (i == CRF_IGNORED && dst->f[i].type == MV_LIST)
			add_ignored(g, dst, &copy->f[i]);
		else
			dst->f[i] = copy->f[i];
	}
	if (copy->f[CRF_DEFAULT_CAPS].type != MV_UNSET)
		dst->f[CRF_CAPS_ADDED] = copy->f[CRF_CAPS_ADDED];
	files = mobj_list(g, dst, CRF_FILES, src->loc);
	mlist_push_str(g, files, src->path, src->loc);
	files->v[files->n - 1].path = src->path;
	mobj_slot(dst, CRF_FILES)->path = src->path;
}

static bool same_handler(const struct mobj *a, const struct mobj *b)
{
	return a->kind == MO_CRI_HANDLER && b->kind == MO_CRI_HANDLER &&
	       !strcmp(mobj_get(a, CHF_KIND)->u.s, mobj_get(b, CHF_KIND)->u.s) &&
	       !strcmp(mobj_get(a, CHF_NAME)->u.s, mobj_get(b, CHF_NAME)->u.s);
}

/* A handler that a later file of its set defines again is replaced. */
static bool redefined(const struct cri_file *f, size_t i, size_t end)
{
	size_t j;

	for (j = i + 1; j < end; j++)
		if (same_handler(f[i].o, f[j].o))
			return true;
	return false;
}

/* The last definition f[k] of a handler, told which ones it replaced. */
static void adopt_handler(struct model *g, const struct cri_file *f,
			  size_t start, size_t k)
{
	struct mobj *h = mobj_clone(g, f[k].o, f[k].o->path);
	size_t j;

	for (j = start; j < k; j++) {
		const struct mobj *o = f[j].o;
		char *where;

		if (!same_handler(o, f[k].o))
			continue;
		where = xasprintf("%s:%u", o->path, o->loc.line);
		mlist_push_str(g, mobj_list(g, h, CHF_REPLACES, h->loc), where,
			       h->loc);
		free(where);
	}
	model_adopt(g, h);
}

static void merge_set(struct model *g, const struct cri_file *f, size_t i,
		      size_t end)
{
	struct mobj *merged = NULL;
	size_t k;

	for (k = i; k < end; k++) {
		const struct mobj *o = f[k].o;

		if (o->kind == MO_CRI_HANDLER) {
			if (!redefined(f, k, end))
				adopt_handler(g, f, i, k);
			continue;
		}
		if (!merged) {
			merged = model_sub(g, MO_CRI_CONFIG, o->loc);
			merged->origin = arena_strdup(g->arena, o->origin);
			merged->path = o->path;
			merged->share = o->share;
		}
		overlay(g, merged, o);
		if (f[k].notes)
			merged->f[CRF_IMPORTS_MISSING] =
				f[k].notes->f[CRF_IMPORTS_MISSING];
	}
	if (merged)
		model_adopt(g, merged);
}

/* --- containerd imports ------------------------------------------------ */

static void import_missing(struct model *g, struct cri_file *main,
			   const struct mval *pat)
{
	if (!main->notes)
		main->notes = model_sub(g, MO_CRI_CONFIG, main->o->loc);
	mlist_push_str(g, mobj_list(g, main->notes, CRF_IMPORTS_MISSING,
				    pat->loc), pat->u.s, pat->loc);
	main->notes->f[CRF_IMPORTS_MISSING].u.list->v
		[main->notes->f[CRF_IMPORTS_MISSING].u.list->n - 1].path =
		main->o->path;
}

/*
 * The files that import `k` of config f[m] names join its set, after
 * it and after the files of earlier imports; a file is imported once,
 * by the first import that names it (containerd loads a file once).
 */
static void follow_import(struct model *g, struct cri_file *f, size_t nf,
			  size_t m, size_t k)
{
	const struct mval *pat = &mobj_get(f[m].o, CRF_IMPORTS)->u.list->v[k];
	bool found = false;
	size_t j;

	for (j = 0; j < nf; j++) {
		if (is_crio(f[j].o) || f[j].rank != 0 ||
		    !strcmp(f[j].o->path, f[m].o->path) ||
		    !xref_containerd_imports(f[m].o->path, pat->u.s,
					     f[j].o->path))
			continue;
		free(f[j].set);
		f[j].set = xstrdup(f[m].set);
		f[j].rank = 1 + (int)k;
		found = true;
	}
	if (!found)
		import_missing(g, &f[m], pat);
}

static void follow_imports(struct model *g, struct cri_file *f, size_t nf)
{
	size_t i, k;

	for (i = 0; i < nf; i++) {
		const struct mval *im;

		if (f[i].o->kind != MO_CRI_CONFIG || is_crio(f[i].o) ||
		    f[i].rank != 0)
			continue;
		im = mobj_get(f[i].o, CRF_IMPORTS);
		for (k = 0; im->type == MV_LIST && k < im->u.list->n; k++)
			follow_import(g, f, nf, i, k);
	}
}

static void merge_cri_sets(struct model *g, struct model *const *kept,
			   size_t n)
{
	struct cri_file *f = NULL;
	size_t nf = 0, cap = 0, i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			const struct mobj *o = kept[i]->objs[j];

			if (o->kind != MO_CRI_CONFIG &&
			    o->kind != MO_CRI_HANDLER)
				continue;
			f = xgrow(f, &cap, nf + 1, sizeof(*f));
			f[nf].o = o;
			f[nf].seq = nf;
			f[nf].notes = NULL;
			classify(&f[nf], kept[i]->path);
			nf++;
		}
	}
	follow_imports(g, f, nf);
	if (nf > 1)
		qsort(f, nf, sizeof(*f), cri_cmp);
	for (i = 0; i < nf; i = j) {
		for (j = i; j < nf && !strcmp(f[j].set, f[i].set); j++)
			;
		merge_set(g, f, i, j);
	}
	for (i = 0; i < nf; i++)
		free(f[i].set);
	free(f);
}

/* --- kubelet configurations and the pods they run ---------------------- */

/*
 * The kubelet (as xref_kubelet_merge left it in `g`) that decides
 * seccompDefault, or NULL.  Flags whose config file is unknown and that
 * do not say seccompDefault decide nothing.
 */
static const struct mobj *deciding_kubelet(const struct model *g)
{
	const struct mobj *first = NULL;
	size_t j;

	for (j = 0; j < g->n; j++) {
		const struct mobj *o = g->objs[j];
		const struct mval *sd, *unknown;

		if (o->kind != MO_KUBELET)
			continue;
		sd = mobj_get(o, KF_SECCOMP_DEFAULT);
		unknown = mobj_get(o, KF_CONFIG_UNKNOWN);
		if (sd->type != MV_BOOL && unknown->type == MV_BOOL)
			continue;
		if (!(sd->type == MV_BOOL && sd->u.b))
			return o;
		if (!first)
			first = o;
	}
	return first;
}

static void tell_containers(struct model *const *kept, size_t n,
			    const struct mobj *k)
{
	const struct mval *sd = mobj_get(k, KF_SECCOMP_DEFAULT);
	bool on = sd->type == MV_BOOL && sd->u.b;
	struct loc at = sd->type == MV_BOOL ? sd->loc : k->loc;
	const char *path = sd->type == MV_BOOL && sd->path ? sd->path :
			   k->path;
	char *where = xasprintf("%s:%d", path, at.line);
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			struct mobj *o = kept[i]->objs[j];

			if (!judged(o))
				continue;
			mobj_set_bool(o, CF_NODE_SECCOMP_DEFAULT, on, at);
			mobj_slot(o, CF_NODE_SECCOMP_DEFAULT)->path = path;
			mobj_set_str(kept[i], o, CF_NODE_KUBELET, where, at);
			mobj_slot(o, CF_NODE_KUBELET)->path = path;
		}
	}
	free(where);
}

/* --- namespaces and the pods in them ------------------------------------- */

/* The scanned namespaces by name, sorted once, searched per pod. */
struct ns_entry {
	const struct mobj *o;
	size_t seq;		/* scan order */
};

struct ns_index {
	struct ns_entry *v;
	size_t n, cap;
};

static const char *ns_name(const struct mobj *ns)
{
	return mobj_get(ns, NSF_NAME)->u.s;
}

/* By name, then first scanned first (the first of a name wins). */
static int ns_cmp(const void *pa, const void *pb)
{
	const struct ns_entry *a = pa, *b = pb;
	int c = strcmp(ns_name(a->o), ns_name(b->o));

	return c ? c : (a->seq < b->seq ? -1 : a->seq > b->seq);
}

static void ns_index_build(struct ns_index *ix, struct model *const *kept,
			   size_t n)
{
	size_t i, j;

	memset(ix, 0, sizeof(*ix));
	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			const struct mobj *o = kept[i]->objs[j];

			if (o->kind != MO_NAMESPACE ||
			    mobj_get(o, NSF_NAME)->type != MV_STR)
				continue;
			ix->v = xgrow(ix->v, &ix->cap, ix->n + 1,
				      sizeof(*ix->v));
			ix->v[ix->n].o = o;
			ix->v[ix->n].seq = ix->n;
			ix->n++;
		}
	}
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof(*ix->v), ns_cmp);
}

static const struct mobj *find_namespace(const struct ns_index *ix,
					 const char *name)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ns_name(ix->v[mid].o), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && !strcmp(ns_name(ix->v[lo].o), name) ?
	       ix->v[lo].o : NULL;
}

/* Copy a namespace value to slot `to` of `o` (in model `m`). */
static void copy_ns_value(struct model *m, struct mobj *o, int to,
			  const struct mobj *ns, int from)
{
	const struct mval *v = mobj_get(ns, from);

	if (v->type == MV_STR)
		mobj_set_str(m, o, to, v->u.s, v->loc);
	else if (v->type == MV_INT)
		mobj_set_int(o, to, v->u.i, v->loc);
	else
		return;
	mobj_slot(o, to)->path = ns->path;
}

static void tell_pss_level(struct model *const *kept, size_t n)
{
	struct ns_index ix;
	size_t i, j;

	ns_index_build(&ix, kept, n);
	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			struct mobj *o = kept[i]->objs[j];
			bool pod = o->kind == MO_POD;
			const struct mval *name;
			const struct mobj *ns;

			if (!(o->share & MOBJ_SHARE_PSA))
				continue;
			name = mobj_get(o, pod ? PDF_WORKLOAD_NAMESPACE :
					CF_WORKLOAD_NAMESPACE);
			ns = find_namespace(&ix, name->u.s);
			if (!ns || mobj_get(ns, NSF_ENFORCE_LEVEL)->type !=
				   MV_STR)
				continue;
			copy_ns_value(kept[i], o, pod ? PDF_PSA_LEVEL :
				      CF_PSA_LEVEL, ns, NSF_ENFORCE_LEVEL);
			copy_ns_value(kept[i], o, pod ? PDF_PSA_MINOR :
				      CF_PSA_MINOR, ns, NSF_ENFORCE_MINOR);
		}
	}
	free(ix.v);
}

void xref_nodes_tell(const struct model *g, struct model *kept)
{
	const struct mobj *k = deciding_kubelet(g);

	xref_cri_tell(g, &kept, 1);
	if (k)
		tell_containers(&kept, 1, k);
}

void xref_nodes_resolve(struct model *g, struct model *const *kept,
			size_t n)
{
	const struct mobj *k;

	xref_kubelet_merge(g, kept, n);
	xref_scc_resolve(g, kept, n);
	k = deciding_kubelet(g);
	merge_cri_sets(g, kept, n);
	xref_cri_tell(g, kept, n);
	if (k)
		tell_containers(kept, n, k);
	tell_pss_level(kept, n);
}
