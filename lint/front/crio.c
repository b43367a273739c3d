/*
 * crio.c - CRI-O's crio.conf and its crio.conf.d drop-ins into a
 * cri_config object (what every pod on the node gets) and one cri_handler
 * object per runtime handler or workload (what pods may unlock there).
 *
 * Detected by name: crio.conf, and every file inside a crio.conf.d
 * directory (CRI-O decodes every regular file there, whatever its
 * extension), or by a top-level [crio] table in a TOML file that no name
 * claims; --kind crio-conf forces it.  Read with our TOML reader.
 *
 * Only the isolation settings are read (cri-o pkg/config): [crio.runtime]
 * default_capabilities, add_inheritable_capabilities, seccomp_profile,
 * selinux, apparmor_profile, default_sysctls, additional_devices,
 * allowed_devices, no_pivot; and each [crio.runtime.runtimes.NAME] and
 * [crio.runtime.workloads.NAME] allowed_annotations and
 * privileged_without_host_devices.  Other keys are neither read nor
 * checked.  One file's objects hold what that file sets; merging a main
 * file with its drop-ins is the cross-file step's (model/xref_nodes.c),
 * and the rules judge the merged settings.
 */
#include "front/front.h"

#include <stdlib.h>
#include <string.h>

#define CRIO_ORIGIN "crio.conf"

static bool crio_match_path(const char *path)
{
	const char *base = path_base(path);
	const char *dir;

	if (!strcmp(base, "crio.conf"))
		return true;
	/* any file whose directory, or one above it, is crio.conf.d */
	for (dir = strstr(path, "crio.conf.d/"); dir;
	     dir = strstr(dir + 1, "crio.conf.d/"))
		if (dir == path || dir[-1] == '/')
			return true;
	return false;
}

static bool crio_detect(const struct tree_node *doc)
{
	return tree_is_map(doc) && tree_is_map(tree_get(doc, "crio"));
}

/* The pod-facing settings of one [crio.runtime.runtimes.NAME] table. */
static void read_handler(struct front_ctx *fc, const struct tree_pair *p,
			 const char *kind)
{
	const char *name = p->key->u.s.text;
	char *origin;
	struct mobj *h;

	if (!tree_is_map(p->value)) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s %s must be a table", kind, name);
		return;
	}
	origin = xasprintf(CRIO_ORIGIN " %s \"%s\"", kind, name);
	h = model_add(fc->model, MO_CRI_HANDLER, origin, p->key->loc);
	h->share |= MOBJ_SHARE_NODE_CONFIG;
	free(origin);
	mobj_set_str(fc->model, h, CHF_FORMAT, "cri-o", p->key->loc);
	mobj_set_str(fc->model, h, CHF_NAME, name, p->key->loc);
	mobj_set_str(fc->model, h, CHF_KIND, kind, p->key->loc);
	front_get_strings(fc, p->value, "allowed_annotations", h,
			  CHF_ANNOTATIONS, false);
	front_copy_toml_bool(fc, h, CHF_PRIV_HOST_DEVICES, p->value,
			     "privileged_without_host_devices");
}

static void read_handlers(struct front_ctx *fc, const struct tree_node *rt,
			  const char *table, const char *kind)
{
	const struct tree_node *t;
	size_t i;

	if (front_get_map(fc, rt, table, &t) <= 0)
		return;
	for (i = 0; i < t->u.map.n; i++)
		read_handler(fc, &t->u.map.pairs[i], kind);
}

/* CRI-O's default_capabilities beyond its own default set. */
static void caps_added(struct front_ctx *fc, struct mobj *c)
{
	const struct mval *caps = mobj_get(c, CRF_DEFAULT_CAPS);
	struct mlist *out;
	size_t i;

	if (caps->type != MV_LIST)
		return;
	out = mobj_list(fc->model, c, CRF_CAPS_ADDED, caps->loc);
	for (i = 0; i < caps->u.list->n; i++)
		if (!str_in_list(model_default_caps("cri-o"),
				 caps->u.list->v[i].u.s))
			mlist_push_str(fc->model, out, caps->u.list->v[i].u.s,
				       caps->u.list->v[i].loc);
}

static void read_runtime(struct front_ctx *fc, struct mobj *c,
			 const struct tree_node *rt)
{
	front_get_strings(fc, rt, "default_capabilities", c,
			  CRF_DEFAULT_CAPS, true);
	front_copy_toml_bool(fc, c, CRF_INHERITABLE_CAPS, rt,
			     "add_inheritable_capabilities");
	front_copy_str(fc, c, CRF_SECCOMP_PROFILE, rt, "seccomp_profile");
	front_copy_toml_bool(fc, c, CRF_SELINUX, rt, "selinux");
	front_copy_str(fc, c, CRF_APPARMOR_PROFILE, rt,
		       "apparmor_profile");
	front_get_strings(fc, rt, "default_sysctls", c, CRF_SYSCTLS, false);
	front_get_strings(fc, rt, "additional_devices", c, CRF_DEVICES,
			  false);
	front_get_strings(fc, rt, "allowed_devices", c, CRF_ALLOWED_DEVICES,
			  false);
	front_copy_toml_bool(fc, c, CRF_NO_PIVOT, rt, "no_pivot");
	caps_added(fc, c);
	read_handlers(fc, rt, "runtimes", "runtime");
	read_handlers(fc, rt, "workloads", "workload");
}

static void crio_build(struct front_ctx *fc, const struct tree_node *doc)
{
	const struct tree_node *crio, *rt;
	struct mobj *c;

	if (!tree_is_map(doc))
		return;
	c = model_add(fc->model, MO_CRI_CONFIG, CRIO_ORIGIN, doc->loc);
	c->share |= MOBJ_SHARE_NODE_CONFIG;
	mobj_set_str(fc->model, c, CRF_FORMAT, "cri-o", doc->loc);
	if (front_get_map(fc, doc, "crio", &crio) > 0 &&
	    front_get_map(fc, crio, "runtime", &rt) > 0)
		read_runtime(fc, c, rt);
}

const struct front front_crio = {
	.name = "crio-conf",
	.summary = "CRI-O crio.conf and crio.conf.d drop-ins",
	.reader = &reader_toml,
	.match_path = crio_match_path,
	.detect = crio_detect,
	.build = crio_build,
};
