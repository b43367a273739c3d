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

#include "model/effective_caps.h"
#include "model/filemode.h"
#include "model/seccomp_facts.h"

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

/*
 * A sysctl name as the kubelet reads it (NormalizeName in k8s.io
 * component-helpers): when the first separator is a slash, slashes and
 * dots trade places, so net/ipv4/conf/eth0.100/rp_filter is
 * net.ipv4.conf.eth0/100.rp_filter.  runc reads both spellings the same.
 */
static void derive_sysctls(struct model *m, struct mobj *o, int slot)
{
	const struct mval *l = mobj_get(o, slot);
	size_t i, j;

	for (i = 0; l->type == MV_LIST && i < l->u.list->n; i++) {
		struct mobj *so = l->u.list->v[i].u.obj;
		const struct mval *name = mobj_get(so, SF_NAME);
		char *n;

		if (name->type != MV_STR)
			continue;
		n = xstrdup(name->u.s);
		if (n[strcspn(n, "./")] == '/')
			for (j = 0; n[j]; j++)
				n[j] = n[j] == '/' ? '.' :
				       n[j] == '.' ? '/' : n[j];
		mobj_set_str(m, so, SF_NORMALIZED_NAME, n, name->loc);
		free(n);
	}
}

/* Each RUN step of a build stage: the chmods that weaken system paths. */
static void derive_runs(struct model *m, struct mobj *b)
{
	const struct mval *runs = mobj_get(b, BF_RUNS);
	size_t i;

	for (i = 0; runs->type == MV_LIST && i < runs->u.list->n; i++) {
		struct mobj *r = runs->u.list->v[i].u.obj;
		const struct mval *text = mobj_get(r, RF_TEXT);

		if (text->type == MV_STR)
			filemode_weakened(m, mobj_list(m, r, RF_CHMOD_WEAKENS,
						       text->loc),
					  text->u.s, text->loc);
	}
}

/* A Kubernetes pod or container whose namespace may hold PSA labels. */
static void mark_psa(struct mobj *o)
{
	if ((o->kind == MO_POD &&
	     mobj_get(o, PDF_WORKLOAD_NAMESPACE)->type == MV_STR) ||
	    (o->kind == MO_CONTAINER && o->share & MOBJ_SHARE_NODE_JUDGED &&
	     mobj_get(o, CF_WORKLOAD_NAMESPACE)->type == MV_STR))
		o->share |= MOBJ_SHARE_PSA;
}

void model_derive(struct model *m, const struct model_options *opt)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		struct mobj *o = m->objs[i];
		const struct mval *rt;
		const char *runtime;

		if (o->kind == MO_SECCOMP_PROFILE)
			seccomp_derive(m, o, opt ? opt->runtime : NULL);
		if (o->kind == MO_BUILD)
			derive_runs(m, o);
		if (o->kind == MO_POD)
			derive_sysctls(m, o, PDF_SYSCTLS);
		if (opt && opt->psa_by_namespace)
			mark_psa(o);
		if (o->kind != MO_CONTAINER)
			continue;
		rt = mobj_get(o, CF_RUNTIME);
		if (opt && opt->runtime)
			mobj_set_str(m, o, CF_RUNTIME, opt->runtime,
				     rt->type == MV_STR ? rt->loc : o->loc);
		runtime = rt->type == MV_STR ? rt->u.s : NULL;
		effective_caps_derive(m, o, runtime);
		derive_user(o);
		derive_pod(m, o);
		derive_host_paths(m, o);
		derive_sysctls(m, o, CF_SYSCTLS);
	}
}
