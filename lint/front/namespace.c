/*
 * namespace.c - a Kubernetes Namespace into a namespace object: the Pod
 * Security Admission labels that decide which pods the API server admits
 * in it.
 *
 * Detected by kind (v1 Namespace) in any YAML or JSON file, before the
 * workload front end.  The labels are read as the admission plugin reads
 * them (pod-security-admission api/helpers.go): a level other than
 * privileged, baseline or restricted is enforced as restricted; a
 * version other than "latest" or v1.N is taken as latest.  Namespaces
 * inside a List are left to the workload front end, which ignores them.
 */
#include "front/front.h"

#include <stdlib.h>
#include <string.h>

#define PSA_PREFIX "pod-security.kubernetes.io/"
/* More than any Kubernetes minor version; bounds the number read. */
#define PSA_MAX_MINOR 999

static const char *const levels[] = {
	"privileged", "baseline", "restricted", NULL
};

static bool ns_detect(const struct tree_node *doc)
{
	const char *kind = tree_text(tree_get(doc, "kind"));
	const char *api = tree_text(tree_get(doc, "apiVersion"));

	return tree_is_map(doc) && kind && api && !strcmp(kind, "Namespace") &&
	       !strcmp(api, "v1");
}

/* "v1.N" to N (no leading zeros), or -1 for anything else ("latest"). */
static int version_minor(const char *v)
{
	size_t n;

	if (strncmp(v, "v1.", 3))
		return -1;
	v += 3;
	n = strspn(v, "0123456789");
	if (!n || v[n] || n > 3 || (n > 1 && v[0] == '0'))
		return -1;
	return atoi(v) <= PSA_MAX_MINOR ? atoi(v) : -1;
}

static void read_labels(struct front_ctx *fc, struct mobj *ns,
			const struct tree_node *labels)
{
	static const struct { const char *key; int slot; } map[] = {
		{ PSA_PREFIX "enforce", NSF_ENFORCE },
		{ PSA_PREFIX "enforce-version", NSF_ENFORCE_VERSION },
		{ PSA_PREFIX "audit", NSF_AUDIT },
		{ PSA_PREFIX "warn", NSF_WARN },
	};
	const struct mval *v;
	size_t i;
	int minor;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		front_copy_str(fc, ns, map[i].slot, labels, map[i].key);
	v = mobj_get(ns, NSF_ENFORCE);
	if (v->type == MV_STR)
		mobj_set_str(fc->model, ns, NSF_ENFORCE_LEVEL,
			     str_in_list(levels, v->u.s) ? v->u.s :
			     "restricted", v->loc);
	v = mobj_get(ns, NSF_ENFORCE_VERSION);
	minor = v->type == MV_STR ? version_minor(v->u.s) : -1;
	if (minor >= 0)
		mobj_set_int(ns, NSF_ENFORCE_MINOR, minor, v->loc);
}

static void ns_build(struct front_ctx *fc, const struct tree_node *doc)
{
	const struct tree_node *meta, *labels;
	const char *name = tree_text(tree_path(doc, "metadata.name"));
	char *origin = xasprintf("Namespace \"%s\"", name ? name : "?");
	struct mobj *ns = model_add(fc->model, MO_NAMESPACE, origin,
				    doc->loc);

	ns->share |= MOBJ_SHARE_NAMESPACE;
	free(origin);
	if (name)
		mobj_set_str(fc->model, ns, NSF_NAME, name,
			     tree_path(doc, "metadata.name")->loc);
	if (front_get_map(fc, doc, "metadata", &meta) > 0 &&
	    front_get_map(fc, meta, "labels", &labels) > 0)
		read_labels(fc, ns, labels);
}

const struct front front_namespace = {
	.name = "namespace",
	.summary = "Kubernetes Namespace (Pod Security Admission labels)",
	.detect = ns_detect,
	.build = ns_build,
};
