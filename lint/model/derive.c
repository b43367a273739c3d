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
#include "model/filemode.h"
#include "model/seccomp_facts.h"

/* At most this many runtimes are judged at once (see candidates()). */
#define DERIVE_MAX_RUNTIMES 2

/*
 * The runtimes a container's settings are judged for: --runtime, else the
 * one its file names (the engine of a run line), else every runtime its
 * format runs on: Kubernetes manifests on containerd and CRI-O, Compose
 * files on Docker and Podman.  Other formats write names the runtime
 * reads exactly (OCI configs, containers.conf): none, and their lists are
 * taken as they are.
 */
static size_t candidates(const struct mobj *c, const char **out)
{
	const struct mval *rt = mobj_get(c, CF_RUNTIME);
	const struct mval *fmt = mobj_get(c, CF_FORMAT);
	const char *f = fmt->type == MV_STR ? fmt->u.s : "";

	if (strcmp(f, "kubernetes") && strcmp(f, "compose") &&
	    strcmp(f, "docker-run"))
		return 0;
	if (rt->type == MV_STR) {
		out[0] = rt->u.s;
		return 1;
	}
	out[0] = strcmp(f, "kubernetes") ? "docker" : "containerd";
	out[1] = strcmp(f, "kubernetes") ? "podman" : "cri-o";
	return 2;
}

/* Append "rt: what it does" for each runtime that does not honour it. */
static void say_effects(struct strbuf *sb, const char *const *rts,
			const enum cap_effect *eff, size_t n)
{
	size_t i;
	bool first = true;

	for (i = 0; i < n; i++) {
		if (eff[i] != CAP_EFFECT_NONE && eff[i] != CAP_EFFECT_REFUSED)
			continue;
		sb_addf(sb, "%s%s %s", first ? "" : "; ", rts[i],
			eff[i] == CAP_EFFECT_NONE ? "ignores it" :
			"refuses to start the container");
		first = false;
	}
}

/*
 * Rewrite one add or drop list, as written, into what the runtimes make
 * of it.  An add counts when any runtime grants it (the worst case); a
 * drop only when every runtime honours it.  A name that some runtime
 * ignores or refuses goes to capabilities.ineffective.
 */
static void resolve_list(struct model *m, struct mobj *c, int slot, bool add,
			 const char *const *rts, size_t nrt)
{
	const struct mval *v = mobj_get(c, slot);
	struct mlist *l = v->type == MV_LIST ? v->u.list : NULL;
	size_t i, j, k = 0;

	for (i = 0; l && i < l->n; i++) {
		enum cap_effect eff[DERIVE_MAX_RUNTIMES];
		const char *name = NULL, *got = NULL;
		size_t honoured = 0;

		for (j = 0; j < nrt; j++) {
			eff[j] = model_cap_resolve(rts[j], l->v[i].u.s, add,
						   &name);
			if (eff[j] == CAP_EFFECT_ALL)
				name = "ALL";
			if (name) {
				got = got && !strcmp(got, "ALL") ? got : name;
				honoured++;
			}
		}
		if (honoured < nrt) {
			struct strbuf sb = STRBUF_INIT;

			sb_addf(&sb, "%s \"%s\" (", add ? "add" : "drop",
				l->v[i].u.s);
			say_effects(&sb, rts, eff, nrt);
			sb_addc(&sb, ')');
			mlist_push_str(m, mobj_list(m, c, CF_CAP_INEFFECTIVE,
						    l->v[i].loc),
				       sb.buf, l->v[i].loc);
			sb_free(&sb);
		}
		if (got && (add || honoured == nrt)) {
			l->v[k] = l->v[i];
			l->v[k++].u.s = got;
		}
	}
	if (l)
		l->n = k;
}

/* The runtime's defaults that no drop takes away (adds aside). */
static void derive_kept(struct model *m, struct mobj *c)
{
	const struct mval *def = mobj_get(c, CF_CAP_DEFAULT);
	const struct mval *drop = mobj_get(c, CF_CAP_DROP);
	const struct mlist *dl = drop->type == MV_LIST ? drop->u.list : NULL;
	struct mlist *kept;
	size_t i;

	if (def->type != MV_LIST)
		return;
	kept = mobj_list(m, c, CF_CAP_KEPT_DEFAULT, c->loc);
	for (i = 0; !mlist_has_str(dl, "ALL") && i < def->u.list->n; i++)
		if (!mlist_has_str(dl, def->u.list->v[i].u.s))
			mlist_push_str(m, kept, def->u.list->v[i].u.s,
				       def->u.list->v[i].loc);
}

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

/* capabilities.add and .drop from as written to as the runtimes read. */
static void resolve_caps(struct model *m, struct mobj *c)
{
	const char *rts[DERIVE_MAX_RUNTIMES];
	size_t n = candidates(c, rts);

	if (!n)
		return;
	resolve_list(m, c, CF_CAP_ADD, true, rts, n);
	resolve_list(m, c, CF_CAP_DROP, false, rts, n);
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
		if (o->kind != MO_CONTAINER)
			continue;
		rt = mobj_get(o, CF_RUNTIME);
		if (opt && opt->runtime)
			mobj_set_str(m, o, CF_RUNTIME, opt->runtime,
				     rt->type == MV_STR ? rt->loc : o->loc);
		runtime = rt->type == MV_STR ? rt->u.s : NULL;
		resolve_caps(m, o);
		derive_caps(m, o, runtime);
		derive_kept(m, o);
		derive_user(o);
		derive_pod(m, o);
		derive_host_paths(m, o);
		derive_sysctls(m, o, CF_SYSCTLS);
	}
}
