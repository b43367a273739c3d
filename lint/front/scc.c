/*
 * scc.c - an OpenShift SecurityContextConstraints
 * (security.openshift.io/v1) into an scc object: what a pod that is
 * admitted under it may ask for, and who may use it.
 *
 * Detected by kind in any YAML or JSON file, before the workload front
 * end.  The fields sit at the top level of the object (there is no spec).
 * Besides the fields as written, two lists are made here, each entry at
 * the field that causes it:
 *   privileged_equivalent  what lets a pod get the host anyway: privileged
 *                          containers, every capability or SYS_ADMIN, the
 *                          host PID namespace, host directories for any
 *                          user, any SELinux context with host namespaces;
 *   loosened               every loosening (host network, ports or
 *                          IPC, host directories, any user or SELinux
 *                          context, any seccomp profile, unsafe sysctls,
 *                          every volume type).
 * That split is our judgement; the API defines neither.  Access granted
 * by RBAC (the `use` verb on the SCC) is joined in the cross-file step
 * (front/rbac.c, model/xref_scc.c).
 */
#include "front/front.h"

#include <stdlib.h>
#include <string.h>

/* Groups every user, or every service account, belongs to. */
static const char *const everyone[] = {
	"system:authenticated", "system:unauthenticated",
	"system:serviceaccounts", NULL
};

struct scc {
	struct front_ctx *fc;
	struct mobj *o;
	const struct tree_node *doc;
};

static bool scc_detect(const struct tree_node *doc)
{
	const char *kind = tree_text(tree_get(doc, "kind"));

	return tree_is_map(doc) && kind &&
	       !strcmp(kind, "SecurityContextConstraints");
}

static void note(struct scc *s, int slot, const char *what, struct loc at)
{
	mlist_push_str(s->fc->model, mobj_list(s->fc->model, s->o, slot, at),
		       what, at);
}

/* Is a boolean field set true?  Its location in *at. */
static bool is_true(const struct scc *s, int slot, struct loc *at)
{
	const struct mval *v = mobj_get(s->o, slot);

	*at = v->loc;
	return v->type == MV_BOOL && v->u.b;
}

/* The location of the entry `want` (or "*") in list slot, or NULL. */
static const struct mval *entry(const struct scc *s, int slot,
				const char *want)
{
	const struct mval *v = mobj_get(s->o, slot);
	size_t i;

	for (i = 0; v->type == MV_LIST && i < v->u.list->n; i++)
		if (!strcmp(v->u.list->v[i].u.s, want))
			return &v->u.list->v[i];
	return NULL;
}

static const struct mval *run_as_any(const struct scc *s, int slot)
{
	const struct mval *v = mobj_get(s->o, slot);

	return v->type == MV_STR && !strcmp(v->u.s, "RunAsAny") ? v : NULL;
}

/* Host directories: allowHostDirVolumePlugin, or volumes * or hostPath. */
static const struct mval *host_dirs(const struct scc *s)
{
	const struct mval *v = mobj_get(s->o, SCF_HOST_DIR);

	if (v->type == MV_BOOL && v->u.b)
		return v;
	v = entry(s, SCF_VOLUMES, "*");
	return v ? v : entry(s, SCF_VOLUMES, "hostPath");
}

/* The first of `a`, `b` set (the entry for "*", then a named one). */
static const struct mval *either(const struct mval *a, const struct mval *b)
{
	return a ? a : b;
}

static void judge_privileged(struct scc *s)
{
	const struct mval *any_user = run_as_any(s, SCF_RUN_AS_USER);
	const struct mval *any_se = run_as_any(s, SCF_SELINUX);
	const struct mval *hostns = mobj_get(s->o, SCF_HOST_NAMESPACES);
	const struct mval *caps = either(entry(s, SCF_CAPS, "*"),
					 entry(s, SCF_CAPS, "SYS_ADMIN"));
	const struct mval *pid = entry(s, SCF_HOST_NAMESPACES, "allowHostPID");
	const struct mval *dirs = host_dirs(s);
	struct loc at;

	if (is_true(s, SCF_PRIVILEGED, &at))
		note(s, SCF_AS_PRIVILEGED, "privileged containers", at);
	if (caps)
		note(s, SCF_AS_PRIVILEGED, !strcmp(caps->u.s, "*") ?
		     "every capability" : "CAP_SYS_ADMIN", caps->loc);
	if (pid)
		note(s, SCF_AS_PRIVILEGED, "the host's PID namespace",
		     pid->loc);
	if (dirs && any_user)
		note(s, SCF_AS_PRIVILEGED,
		     "host directories as any user (root included)",
		     dirs->loc);
	/* host ports alone share no namespace */
	if (any_se && hostns->type == MV_LIST &&
	    hostns->u.list->n > (entry(s, SCF_HOST_NAMESPACES,
				       "allowHostPorts") ? 1u : 0u))
		note(s, SCF_AS_PRIVILEGED,
		     "any SELinux context with host namespaces", any_se->loc);
}

/* Every loosening, the privileged-equivalent ones included. */
static void judge_loosened(struct scc *s)
{
	static const char *const ns[][2] = {
		{ "allowHostNetwork", "the host's network namespace" },
		{ "allowHostPorts", "host ports" },
		{ "allowHostIPC", "the host's IPC namespace" },
	};
	const struct mval *found[] = {
		host_dirs(s), run_as_any(s, SCF_RUN_AS_USER),
		run_as_any(s, SCF_SELINUX),
		either(entry(s, SCF_SECCOMP, "*"),
		       entry(s, SCF_SECCOMP, "unconfined")),
		entry(s, SCF_UNSAFE_SYSCTLS, "*"),
	};
	static const char *const what[] = {
		"host directories", "any user, root included",
		"any SELinux context", "no seccomp filter",
		"every unsafe sysctl",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ns); i++) {
		const struct mval *v = entry(s, SCF_HOST_NAMESPACES, ns[i][0]);

		if (v)
			note(s, SCF_LOOSENED, ns[i][1], v->loc);
	}
	for (i = 0; i < ARRAY_SIZE(found); i++)
		if (found[i])
			note(s, SCF_LOOSENED, what[i], found[i]->loc);
}

static void read_host_flags(struct scc *s)
{
	static const char *const keys[] = {
		"allowHostNetwork", "allowHostPorts", "allowHostPID",
		"allowHostIPC"
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		bool b;
		struct loc at;

		if (front_get_bool(s->fc, s->doc, keys[i], &b, &at) > 0 && b)
			note(s, SCF_HOST_NAMESPACES, keys[i], at);
	}
}

/* A strategy's type: runAsUser: {type: RunAsAny}. */
static void read_strategy(struct scc *s, const char *key, int slot)
{
	const struct tree_node *m;

	if (front_get_map(s->fc, s->doc, key, &m) > 0)
		front_copy_str(s->fc, s->o, slot, m, "type");
}

static void read_grants(struct scc *s)
{
	const struct mval *g, *anon;
	size_t i;

	front_get_strings(s->fc, s->doc, "users", s->o, SCF_USERS, false);
	front_get_strings(s->fc, s->doc, "groups", s->o, SCF_GROUPS, false);
	g = mobj_get(s->o, SCF_GROUPS);
	for (i = 0; g->type == MV_LIST && i < g->u.list->n; i++)
		if (str_in_list(everyone, g->u.list->v[i].u.s)) {
			mobj_set_bool(s->o, SCF_EVERYONE, true,
				      g->u.list->v[i].loc);
			return;
		}
	anon = entry(s, SCF_USERS, "system:anonymous");
	if (anon)
		mobj_set_bool(s->o, SCF_EVERYONE, true, anon->loc);
}

static void scc_build(struct front_ctx *fc, const struct tree_node *doc)
{
	const char *name = tree_text(tree_path(doc, "metadata.name"));
	char *origin = xasprintf("SCC \"%s\"", name ? name : "?");
	struct scc s = { fc, NULL, doc };

	s.o = model_add(fc->model, MO_SCC, origin, doc->loc);
	free(origin);
	s.o->share |= MOBJ_SHARE_NODE_CONFIG;	/* RBAC may grant it */
	if (name)
		mobj_set_str(fc->model, s.o, SCF_NAME, name,
			     tree_path(doc, "metadata.name")->loc);
	front_copy_int(fc, s.o, SCF_PRIORITY, doc, "priority");
	front_copy_bool(fc, s.o, SCF_PRIVILEGED, doc,
			"allowPrivilegedContainer");
	front_get_strings(fc, doc, "allowedCapabilities", s.o, SCF_CAPS,
			  true);
	front_get_strings(fc, doc, "defaultAddCapabilities", s.o,
			  SCF_DEFAULT_ADD_CAPS, true);
	front_copy_bool(fc, s.o, SCF_HOST_DIR, doc,
			"allowHostDirVolumePlugin");
	front_get_strings(fc, doc, "volumes", s.o, SCF_VOLUMES, false);
	read_host_flags(&s);
	read_strategy(&s, "runAsUser", SCF_RUN_AS_USER);
	read_strategy(&s, "seLinuxContext", SCF_SELINUX);
	front_get_strings(fc, doc, "seccompProfiles", s.o, SCF_SECCOMP,
			  false);
	front_get_strings(fc, doc, "allowedUnsafeSysctls", s.o,
			  SCF_UNSAFE_SYSCTLS, false);
	read_grants(&s);
	judge_privileged(&s);
	judge_loosened(&s);
}

const struct front front_scc = {
	.name = "openshift-scc",
	.summary = "OpenShift SecurityContextConstraints",
	.detect = scc_detect,
	.build = scc_build,
};
