/*
 * derive.c - the derived fields: what the settings as written add up to
 * (effective capabilities, user.is_root, cleaned host paths, a pod's root
 * containers, a seccomp profile's facts).
 *
 * Knows what the fields mean across formats and nothing about any
 * format's syntax; never reads other files (that is xref.c).
 */
#include "model/derive.h"

#include <stdlib.h>
#include <string.h>

#include "model/caps.h"
#include "model/seccomp_facts.h"

static void derive_caps(struct model *m, struct mobj *c,
			const char *runtime)
{
	const struct mval *add = mobj_get(c, CF_CAP_ADD);
	const struct mval *drop = mobj_get(c, CF_CAP_DROP);
	const struct mval *priv = mobj_get(c, CF_PRIVILEGED);
	const struct mlist *al = add->type == MV_LIST ? add->u.list : NULL;
	const struct mlist *dl = drop->type == MV_LIST ? drop->u.list : NULL;
	const char *const *defaults = model_default_caps(runtime);
	struct mlist *def, *eff;
	bool all = (priv->type == MV_BOOL && priv->u.b) ||
		   mlist_has_str(al, "ALL");
	bool drop_all = mlist_has_str(dl, "ALL");
	struct loc where = loc_known(add->loc) ? add->loc : c->loc;
	size_t i, ncaps;
	const char *const *all_caps = model_all_caps(&ncaps);

	def = mobj_list(m, c, CF_CAP_DEFAULT, c->loc);
	for (i = 0; defaults[i]; i++)
		mlist_push_str(m, def, defaults[i], c->loc);
	eff = mobj_list(m, c, CF_CAP_EFFECTIVE, where);
	for (i = 0; i < ncaps; i++) {
		const char *cap = all_caps[i];
		bool in_default = mlist_has_str(def, cap);
		bool added = all || mlist_has_str(al, cap);
		bool dropped = drop_all || mlist_has_str(dl, cap);

		/* privileged and add ALL win over any drop */
		if (all || added || (in_default && !dropped))
			mlist_push_str(m, eff, cap, where);
	}
}

static void derive_user(struct mobj *c)
{
	const struct mval *uid = mobj_get(c, CF_USER_UID);
	const struct mval *name = mobj_get(c, CF_USER_NAME);
	const struct mval *nonroot = mobj_get(c, CF_RUN_AS_NON_ROOT);

	if (uid->type == MV_INT)
		mobj_set_bool(c, CF_USER_IS_ROOT, uid->u.i == 0, uid->loc);
	else if (name->type == MV_STR)
		mobj_set_bool(c, CF_USER_IS_ROOT, !strcmp(name->u.s, "root"),
			      name->loc);
	else if (nonroot->type == MV_BOOL && nonroot->u.b)
		mobj_set_bool(c, CF_USER_IS_ROOT, false, nonroot->loc);
}

/*
 * Host paths as the runtime resolves them ("/var/lib/kubelet/",
 * "//etc", "/usr/../proc" are /var/lib/kubelet, /etc, /proc), so that
 * rules comparing paths are not evaded by the spelling.
 */
static void derive_host_paths(struct model *m, struct mobj *c)
{
	const struct mval *mounts = mobj_get(c, CF_MOUNTS);
	size_t i;

	for (i = 0; mounts->type == MV_LIST && i < mounts->u.list->n; i++) {
		struct mobj *mo = mounts->u.list->v[i].u.obj;
		const struct mval *hp = mobj_get(mo, MF_HOST_PATH);
		char *clean;

		if (hp->type != MV_STR || hp->u.s[0] != '/')
			continue;
		clean = xstrdup(hp->u.s);
		path_clean(clean);
		if (strcmp(clean, hp->u.s))
			mobj_set_str(m, mo, MF_HOST_PATH, clean, hp->loc);
		free(clean);
	}
}

/* A pod lists the containers that run as root or may (the image decides). */
static void derive_pod(struct model *m, struct mobj *c)
{
	const struct mval *pod = mobj_get(c, CF_POD);
	const struct mval *root = mobj_get(c, CF_USER_IS_ROOT);
	const struct mval *name = mobj_get(c, CF_NAME);
	struct mlist *l;

	if (pod->type != MV_OBJ || (root->type == MV_BOOL && !root->u.b))
		return;
	l = mobj_list(m, pod->u.obj, PDF_ROOT_CONTAINERS, pod->u.obj->loc);
	mlist_push_str(m, l, name->type == MV_STR ? name->u.s : "?",
		       root->type == MV_BOOL ? root->loc : c->loc);
}

void model_derive(struct model *m, const struct model_options *opt)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		struct mobj *o = m->objs[i];
		const struct mval *rt;
		const char *runtime;

		if (o->kind == MO_SECCOMP_PROFILE)
			seccomp_derive(m, o);
		if (o->kind != MO_CONTAINER)
			continue;
		rt = mobj_get(o, CF_RUNTIME);
		if (opt && opt->runtime)
			mobj_set_str(m, o, CF_RUNTIME, opt->runtime,
				     rt->type == MV_STR ? rt->loc : o->loc);
		runtime = rt->type == MV_STR ? rt->u.s : NULL;
		derive_caps(m, o, runtime);
		derive_user(o);
		derive_pod(m, o);
		derive_host_paths(m, o);
	}
}
