/*
 * rbac.c - Kubernetes RBAC objects (rbac.authorization.k8s.io/v1), read
 * for one thing: who may use which OpenShift SCC.
 *
 * Role and ClusterRole: the SCCs their rules let `use` (verb use or *,
 * resource securitycontextconstraints or *, apiGroup
 * security.openshift.io or *; resourceNames, or every SCC when there are
 * none), each at its rule.  RoleBinding and ClusterRoleBinding: roleRef,
 * and the subjects that stand for every user or every service account
 * (Group system:authenticated, system:unauthenticated,
 * system:serviceaccounts; User system:anonymous), each at its entry.
 * The cross-file step (model/xref_scc.c) joins role, binding and SCC.
 *
 * Not read: any other permission, aggregated ClusterRoles
 * (aggregationRule), bindings to one service account or one namespace's
 * service accounts (not everyone: the SCC rules judge the SCC as they do
 * for its own users and groups).
 */
#include "front/front.h"

#include <stdlib.h>
#include <string.h>

static const char *const role_kinds[] = { "Role", "ClusterRole", NULL };
static const char *const binding_kinds[] = {
	"RoleBinding", "ClusterRoleBinding", NULL
};

/* Groups that every user, or every service account, belongs to. */
static const char *const everyone_groups[] = {
	"system:authenticated", "system:unauthenticated",
	"system:serviceaccounts", NULL
};

static bool rbac_detect(const struct tree_node *doc)
{
	const char *kind = tree_text(tree_get(doc, "kind"));
	const char *api = tree_text(tree_get(doc, "apiVersion"));

	return tree_is_map(doc) && kind && api &&
	       str_has_prefix(api, "rbac.authorization.k8s.io/") &&
	       (str_in_list(role_kinds, kind) ||
		str_in_list(binding_kinds, kind));
}

/*
 * Does the list at `key` of rule `r` hold one of `a`, `b` (b may be
 * NULL)?  An entry that is no string is an error.
 */
static bool holds(struct front_ctx *fc, const struct tree_node *r,
		  const char *key, const char *a, const char *b)
{
	const struct tree_node *l;
	size_t i;
	bool found = false;

	if (front_get_list(fc, r, key, &l) <= 0)
		return false;
	for (i = 0; i < l->u.list.n; i++) {
		const char *t = tree_text(l->u.list.items[i]);

		if (!t || !tree_is_scalar(l->u.list.items[i])) {
			diag_add(fc->diags, fc->src->path,
				 l->u.list.items[i]->loc, DIAG_ERROR,
				 "%s: an entry must be a string", key);
			continue;
		}
		if (!strcmp(t, a) || (b && !strcmp(t, b)))
			found = true;
	}
	return found;
}

/* One rule of a role: the SCCs it lets use, into the role's list. */
static void role_rule(struct front_ctx *fc, struct mobj *o,
		      const struct tree_node *r)
{
	const struct tree_node *names;
	bool use = holds(fc, r, "verbs", "use", "*");
	bool res = holds(fc, r, "resources", "securitycontextconstraints",
			 "*");
	bool grp = holds(fc, r, "apiGroups", "security.openshift.io", "*");
	struct mlist *l;
	size_t i;

	if (!use || !res || !grp)
		return;
	l = mobj_list(fc->model, o, RBF_SCC_USE, r->loc);
	if (front_get_list(fc, r, "resourceNames", &names) <= 0 ||
	    names->u.list.n == 0) {
		mlist_push_str(fc->model, l, "*", r->loc);
		return;
	}
	for (i = 0; i < names->u.list.n; i++) {
		const char *t = tree_text(names->u.list.items[i]);

		if (t)
			mlist_push_str(fc->model, l, t,
				       names->u.list.items[i]->loc);
	}
}

static void read_role(struct front_ctx *fc, struct mobj *o,
		      const struct tree_node *doc)
{
	const struct tree_node *rules;
	size_t i;

	if (front_get_list(fc, doc, "rules", &rules) <= 0)
		return;
	for (i = 0; i < rules->u.list.n; i++) {
		const struct tree_node *r = rules->u.list.items[i];

		if (!tree_is_map(r)) {
			diag_add(fc->diags, fc->src->path, r->loc, DIAG_ERROR,
				 "rules: an entry must be a map");
			continue;
		}
		role_rule(fc, o, r);
	}
}

static void subject(struct front_ctx *fc, struct mobj *o,
		    const struct tree_node *s)
{
	const char *kind = NULL, *name = NULL;
	struct loc at;

	if (!tree_is_map(s)) {
		diag_add(fc->diags, fc->src->path, s->loc, DIAG_ERROR,
			 "subjects: an entry must be a map");
		return;
	}
	if (front_get_str(fc, s, "kind", &kind, &at) <= 0 ||
	    front_get_str(fc, s, "name", &name, &at) <= 0)
		return;
	if ((!strcmp(kind, "Group") && str_in_list(everyone_groups, name)) ||
	    (!strcmp(kind, "User") && !strcmp(name, "system:anonymous")))
		mlist_push_str(fc->model, mobj_list(fc->model, o,
						    RBF_EVERYONE, at),
			       name, at);
}

static void read_binding(struct front_ctx *fc, struct mobj *o,
			 const struct tree_node *doc)
{
	const struct tree_node *ref, *subjects;
	size_t i;

	if (front_get_map(fc, doc, "roleRef", &ref) > 0) {
		front_copy_str(fc, o, RBF_ROLE_KIND, ref, "kind");
		front_copy_str(fc, o, RBF_ROLE_NAME, ref, "name");
	}
	if (front_get_list(fc, doc, "subjects", &subjects) <= 0)
		return;
	for (i = 0; i < subjects->u.list.n; i++)
		subject(fc, o, subjects->u.list.items[i]);
}

static void rbac_build(struct front_ctx *fc, const struct tree_node *doc)
{
	const struct tree_node *k = tree_get(doc, "kind");
	const char *kind = tree_text(k);
	const char *name = tree_text(tree_path(doc, "metadata.name"));
	char *origin;
	struct mobj *o;

	/*
	 * Read as RBAC because --kind said so: the kind alone tells a role
	 * from a binding, and without one of the four nothing can be read.
	 */
	if (!kind || (!str_in_list(role_kinds, kind) &&
		      !str_in_list(binding_kinds, kind))) {
		diag_add(fc->diags, fc->src->path, k ? k->loc : doc->loc,
			 DIAG_ERROR, "not read as RBAC: kind must be Role, "
			 "ClusterRole, RoleBinding or ClusterRoleBinding");
		return;
	}
	origin = xasprintf("%s \"%s\"", kind, name ? name : "?");
	o = model_add(fc->model, MO_RBAC, origin, doc->loc);
	free(origin);
	mobj_set_str(fc->model, o, RBF_KIND, kind, doc->loc);
	if (name)
		mobj_set_str(fc->model, o, RBF_NAME, name,
			     tree_path(doc, "metadata.name")->loc);
	if (tree_text(tree_path(doc, "metadata.namespace")))
		mobj_set_str(fc->model, o, RBF_NAMESPACE,
			     tree_text(tree_path(doc, "metadata.namespace")),
			     tree_path(doc, "metadata.namespace")->loc);
	if (str_in_list(role_kinds, kind))
		read_role(fc, o, doc);
	else
		read_binding(fc, o, doc);
	/* kept for the cross-file step only when it can grant an SCC */
	if (mobj_get(o, RBF_SCC_USE)->type == MV_LIST ||
	    mobj_get(o, RBF_EVERYONE)->type == MV_LIST)
		o->share |= MOBJ_SHARE_NODE_CONFIG;
}

const struct front front_rbac = {
	.name = "rbac",
	.summary = "RBAC roles and bindings (who may use an OpenShift SCC)",
	.detect = rbac_detect,
	.build = rbac_build,
};
