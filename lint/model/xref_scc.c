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

/* The role `b` refers to, among the scanned RBAC objects, or NULL. */
static const struct mobj *role_of(struct model *const *kept, size_t n,
				  const struct mobj *b)
{
	const char *kind = str_of(b, RBF_ROLE_KIND);
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			const struct mobj *r = kept[i]->objs[j];

			if (r->kind != MO_RBAC || is_binding(r) ||
			    !same(str_of(r, RBF_KIND), kind) ||
			    !same(str_of(r, RBF_NAME),
				  str_of(b, RBF_ROLE_NAME)))
				continue;
			if (!strcmp(kind, "Role") &&
			    !same(str_of(r, RBF_NAMESPACE),
				  str_of(b, RBF_NAMESPACE)))
				continue;
			return r;
		}
	}
	return NULL;
}

/* Does role `r` let use the SCC named `name`? */
static bool lets_use(const struct mobj *r, const char *name)
{
	const struct mval *l = mobj_get(r, RBF_SCC_USE);

	return l->type == MV_LIST && (mlist_has_str(l->u.list, "*") ||
				      (name && mlist_has_str(l->u.list,
							     name)));
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

/* The first binding that grants SCC `s` to everyone, told to `copy`. */
static void find_grant(struct model *g, struct model *const *kept,
		       size_t n, const struct mobj *s, struct mobj *copy)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			const struct mobj *b = kept[i]->objs[j];
			const struct mobj *r;

			if (!is_binding(b) ||
			    mobj_get(b, RBF_EVERYONE)->type != MV_LIST)
				continue;
			r = role_of(kept, n, b);
			if (r && lets_use(r, str_of(s, SCF_NAME))) {
				tell_grant(g, copy, b, r);
				return;
			}
		}
	}
}

void xref_scc_resolve(struct model *g, struct model *const *kept, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			const struct mobj *s = kept[i]->objs[j];
			struct mobj *copy;

			if (s->kind != MO_SCC)
				continue;
			copy = mobj_clone(g, s, s->path);
			find_grant(g, kept, n, s, copy);
			model_adopt(g, copy);
		}
	}
}
