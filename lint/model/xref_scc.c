/*
 * xref_scc.c - OpenShift SCCs granted through RBAC (see xref_scc.h).
 *
 * OpenShift admits a pod under an SCC when the pod's user or service
 * account is in the SCC's users or groups, or may `use` it through RBAC
 * (security.openshift.io, resource securitycontextconstraints).  A
 * binding whose subjects are every user or every service account, to a
 * role that lets use an SCC, grants that SCC to everyone: the SCC is
 * then weighted as if those groups were in its own `groups`.
 *
 * A RoleBinding's roleRef to a Role names a Role of the binding's own
 * namespace; to a ClusterRole, the cluster-wide one.  A RoleBinding
 * grants the SCC to the pods of its namespace only; the finding names
 * that namespace (every user may create pods in a namespace of their
 * own, so it still counts as everyone).  The first binding
 * found (in scan order) is the one named.  Every SCC of the scan is
 * handed to the resolved model, so that the SCC rules that read what
 * RBAC grants judge them all once.
 */
#include "model/xref_scc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *str_of(const struct mobj *o, int slot)
{
	const struct mval *v = mobj_get(o, slot);

	return v->type == MV_STR ? v->u.s : NULL;
}

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static bool is_binding(const struct mobj *o)
{
	const char *k = str_of(o, RBF_KIND);

	return o->kind == MO_RBAC && k && str_has_suffix(k, "Binding");
}

/*
 * The lookups are indexed, so that N SCCs, bindings and roles take
 * N log N, not N^3 (each SCC asked every binding, which asked every
 * object for its role): the roles sorted by kind and name (and by
 * namespace, for a Role), then by scan order, to find the first one a
 * roleRef names; the grants (a binding to everyone, with its role) in
 * scan order; and the SCC names their roles let use, sorted, each with
 * the grant that lists it.
 */
struct ref {
	const struct mobj *o;
	const char *kind, *name, *ns;
	size_t order;		/* in scan order */
};

struct grant {
	const struct mobj *b, *r;
};

struct scc_index {
	struct ref *roles, *roles_ns;	/* by kind, name (, namespace) */
	size_t nroles, nroles_ns;
	struct grant *grants;		/* in scan order */
	size_t ngrants;
	/* the SCC names grants' roles let use, with the grant */
	struct str_index *names;
	size_t nnames;
	size_t first_star;		/* first grant whose role says "*" */
};

/* By kind and name, then namespace when `ns`, then scan order. */
static int ref_cmp(const struct ref *a, const struct ref *b, bool ns)
{
	int c = strcmp(a->kind, b->kind);

	if (!c)
		c = strcmp(a->name, b->name);
	if (!c && ns)
		c = strcmp(a->ns, b->ns);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int ref_cmp_kn(const void *a, const void *b)
{
	return ref_cmp(a, b, false);
}

static int ref_cmp_knn(const void *a, const void *b)
{
	return ref_cmp(a, b, true);
}

/*
 * The role binding `b` refers to: the first scanned of its kind and name
 * (and, for a Role, of the binding's namespace), or NULL.
 */
static const struct mobj *role_of(const struct scc_index *x,
				  const struct mobj *b)
{
	struct ref key = { NULL, str_of(b, RBF_ROLE_KIND),
			   str_of(b, RBF_ROLE_NAME), str_of(b, RBF_NAMESPACE),
			   0 };
	bool ns = key.kind && !strcmp(key.kind, "Role");
	const struct ref *v = ns ? x->roles_ns : x->roles;
	size_t n = ns ? x->nroles_ns : x->nroles, at;

	if (!key.kind || !key.name || (ns && !key.ns))
		return NULL;
	at = sorted_lower_bound(v, 0, n, sizeof(*v), &key,
				ns ? ref_cmp_knn : ref_cmp_kn);
	if (at < n && same(v[at].kind, key.kind) &&
	    same(v[at].name, key.name) && (!ns || same(v[at].ns, key.ns)))
		return v[at].o;
	return NULL;
}

static void index_roles(struct scc_index *x, struct model *const *kept,
			size_t n)
{
	size_t i, j, order = 0, cap = 0, capns = 0;

	for (i = 0; i < n; i++)
		for (j = 0; kept[i] && j < kept[i]->n; j++, order++) {
			const struct mobj *r = kept[i]->objs[j];
			struct ref e = { r, str_of(r, RBF_KIND),
					 str_of(r, RBF_NAME),
					 str_of(r, RBF_NAMESPACE), order };

			if (r->kind != MO_RBAC || is_binding(r) || !e.kind ||
			    !e.name)
				continue;
			x->roles = xgrow(x->roles, &cap, x->nroles + 1,
					 sizeof(*x->roles));
			x->roles[x->nroles++] = e;
			if (!e.ns)
				continue;
			x->roles_ns = xgrow(x->roles_ns, &capns,
					    x->nroles_ns + 1,
					    sizeof(*x->roles_ns));
			x->roles_ns[x->nroles_ns++] = e;
		}
	if (x->nroles > 1)
		qsort(x->roles, x->nroles, sizeof(*x->roles), ref_cmp_kn);
	if (x->nroles_ns > 1)
		qsort(x->roles_ns, x->nroles_ns, sizeof(*x->roles_ns),
		      ref_cmp_knn);
}

/* The names grant `g`'s role lets use; a "*" may make it first_star. */
static void index_names(struct scc_index *x, size_t g, size_t *cap)
{
	const struct mval *l = mobj_get(x->grants[g].r, RBF_SCC_USE);
	size_t i;

	if (l->type != MV_LIST || !l->u.list)
		return;
	for (i = 0; i < l->u.list->n; i++) {
		const struct mval *e = &l->u.list->v[i];

		if (e->type != MV_STR)
			continue;
		if (!strcmp(e->u.s, "*") && g < x->first_star)
			x->first_star = g;
		x->names = xgrow(x->names, cap, x->nnames + 1,
				 sizeof(*x->names));
		x->names[x->nnames].s = e->u.s;
		x->names[x->nnames++].i = g;
	}
}

static void index_grants(struct scc_index *x, struct model *const *kept,
			 size_t n)
{
	size_t i, j, cap = 0, capnames = 0;

	x->first_star = SIZE_MAX;
	for (i = 0; i < n; i++)
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			const struct mobj *b = kept[i]->objs[j];
			const struct mobj *r;

			if (!is_binding(b) ||
			    mobj_get(b, RBF_EVERYONE)->type != MV_LIST ||
			    !(r = role_of(x, b)))
				continue;
			x->grants = xgrow(x->grants, &cap, x->ngrants + 1,
					  sizeof(*x->grants));
			x->grants[x->ngrants].b = b;
			x->grants[x->ngrants].r = r;
			index_names(x, x->ngrants++, &capnames);
		}
	if (x->nnames > 1)
		qsort(x->names, x->nnames, sizeof(*x->names), str_index_cmp);
}

/* The first grant whose role lets use the SCC named `name`, or NULL. */
static const struct grant *grant_of(const struct scc_index *x,
				    const char *name)
{
	size_t n, g = x->first_star;
	const struct str_index *e = str_index_find(x->names, x->nnames, name,
						   &n);

	if (e && e->i < g)
		g = e->i;
	return g < x->ngrants ? &x->grants[g] : NULL;
}

static void scc_index_free(struct scc_index *x)
{
	free(x->roles);
	free(x->roles_ns);
	free(x->grants);
	free(x->names);
}

/* Tell SCC copy `s` (in g) that binding `b`, to role `r`, grants it. */
static void tell_grant(struct model *g, struct mobj *s,
		       const struct mobj *b, const struct mobj *r)
{
	const struct mval *who = &mobj_get(b, RBF_EVERYONE)->u.list->v[0];
	const char *ns = str_of(b, RBF_NAMESPACE);
	bool scoped = !strcmp(str_of(b, RBF_KIND), "RoleBinding") && ns;
	char *text = xasprintf("%s%s%s at %s:%u (to %s, through %s at %s:%u)",
			       b->origin, scoped ? " of namespace " : "",
			       scoped ? ns : "", b->path, who->loc.line,
			       who->u.s, r->origin, r->path, r->loc.line);

	mobj_set_bool(s, SCF_RBAC_EVERYONE, true, who->loc);
	s->f[SCF_RBAC_EVERYONE].path = b->path;
	mobj_set_str(g, s, SCF_RBAC_GRANT, text, who->loc);
	s->f[SCF_RBAC_GRANT].path = b->path;
	free(text);
}

void xref_scc_resolve(struct model *g, struct model *const *kept, size_t n)
{
	struct scc_index x;
	size_t i, j;

	memset(&x, 0, sizeof(x));
	index_roles(&x, kept, n);
	index_grants(&x, kept, n);
	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			const struct mobj *s = kept[i]->objs[j];
			const struct grant *gr;
			struct mobj *copy;

			if (s->kind != MO_SCC)
				continue;
			copy = mobj_clone(g, s, s->path);
			gr = grant_of(&x, str_of(s, SCF_NAME));
			if (gr)
				tell_grant(g, copy, gr->b, gr->r);
			model_adopt(g, copy);
		}
	}
	scc_index_free(&x);
}
