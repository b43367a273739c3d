/*
 * containerd.c - containerd's config.toml into a cri_config object (what
 * the CRI plugin gives every pod on the node) and one cri_handler object
 * per runtime handler.
 *
 * Detected by name (config.toml in a directory named containerd, or a
 * file named containerd.toml), or by a [plugins] table with an
 * io.containerd plugin in a TOML file no name claims; --kind
 * containerd-config forces it.
 *
 * The CRI plugin's settings live in a table whose name depends on the
 * file's `version` (containerd docs/cri/config.md):
 *   version 1 (or none)  [plugins.cri]
 *   version 2            [plugins."io.containerd.grpc.v1.cri"]
 *   version 3            [plugins."io.containerd.cri.v1.runtime"]
 * In a version 3 file the old table still exists, for the streaming
 * server only: runtime settings written there are silently ignored, and
 * are recorded as ignored_keys.  Read: enable_selinux, disable_apparmor,
 * unset_seccomp_profile, and per containerd.runtimes.NAME
 * privileged_without_host_devices (and its _all_devices_allowed),
 * cgroup_writable, base_runtime_spec; and `imports`, which the
 * cross-file step follows among the scanned files (model/xref_nodes.c).
 */
#include "front/front.h"

#include <stdlib.h>
#include <string.h>

#define CTRD_ORIGIN "containerd config"
#define CTRD_V2_TABLE "io.containerd.grpc.v1.cri"
#define CTRD_V3_TABLE "io.containerd.cri.v1.runtime"

/* Runtime settings the v3 server table no longer reads. */
static const char *const runtime_keys[] = {
	"enable_selinux", "selinux_category_range", "disable_apparmor",
	"unset_seccomp_profile", "restrict_oom_score_adj", "containerd",
	"cdi_spec_dirs", "enable_cdi", "disable_proc_mount", NULL
};

static bool ctrd_match_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = path_base(path);

	if (!strcmp(base, "containerd.toml"))
		return true;
	return !strcmp(base, "config.toml") && slash &&
	       slash - path >= 10 && !strncmp(slash - 10, "containerd", 10) &&
	       (slash - path == 10 || slash[-11] == '/');
}

static bool ctrd_detect(const struct tree_node *doc)
{
	const struct tree_node *plugins = tree_get(doc, "plugins");
	size_t i;

	if (!tree_is_map(plugins))
		return false;
	for (i = 0; i < plugins->u.map.n; i++)
		if (str_has_prefix(plugins->u.map.pairs[i].key->u.s.text,
				   "io.containerd."))
			return true;
	return false;
}

static void read_handler(struct front_ctx *fc, const struct tree_pair *p)
{
	const char *name = p->key->u.s.text;
	char *origin;
	struct mobj *h;

	if (!tree_is_map(p->value)) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "runtime %s must be a table", name);
		return;
	}
	origin = xasprintf("containerd runtime \"%s\"", name);
	h = model_add(fc->model, MO_CRI_HANDLER, origin, p->key->loc);
	h->share |= MOBJ_SHARE_NODE_CONFIG;
	free(origin);
	mobj_set_str(fc->model, h, CHF_FORMAT, "containerd", p->key->loc);
	mobj_set_str(fc->model, h, CHF_NAME, name, p->key->loc);
	mobj_set_str(fc->model, h, CHF_KIND, "runtime", p->key->loc);
	front_copy_toml_bool(fc, h, CHF_PRIV_HOST_DEVICES, p->value,
			     "privileged_without_host_devices");
	front_copy_toml_bool(fc, h, CHF_ALL_DEVICES_ALLOWED, p->value,
		"privileged_without_host_devices_all_devices_allowed");
	front_copy_toml_bool(fc, h, CHF_CGROUP_WRITABLE, p->value,
			     "cgroup_writable");
	front_copy_str(fc, h, CHF_BASE_SPEC, p->value,
		       "base_runtime_spec");
}

static void read_runtime(struct front_ctx *fc, struct mobj *c,
			 const struct tree_node *cri)
{
	const struct tree_node *ctr, *rts;
	size_t i;

	front_copy_toml_bool(fc, c, CRF_SELINUX, cri, "enable_selinux");
	front_copy_toml_bool(fc, c, CRF_APPARMOR_DISABLED, cri,
			     "disable_apparmor");
	front_copy_str(fc, c, CRF_UNSET_SECCOMP, cri,
		       "unset_seccomp_profile");
	if (front_get_map(fc, cri, "containerd", &ctr) <= 0 ||
	    front_get_map(fc, ctr, "runtimes", &rts) <= 0)
		return;
	for (i = 0; i < rts->u.map.n; i++)
		read_handler(fc, &rts->u.map.pairs[i]);
}

/* Runtime settings written in the v3 server table: containerd skips them. */
static void ignored(struct front_ctx *fc, struct mobj *c,
		    const struct tree_node *server)
{
	size_t i;

	for (i = 0; i < server->u.map.n; i++) {
		const struct tree_node *k = server->u.map.pairs[i].key;
		char *name;

		if (!str_in_list(runtime_keys, k->u.s.text))
			continue;
		name = xasprintf("[plugins.\"" CTRD_V2_TABLE "\"] %s",
				 k->u.s.text);
		mlist_push_str(fc->model, mobj_list(fc->model, c, CRF_IGNORED,
						    k->loc), name, k->loc);
		free(name);
	}
}

static int ctrd_version(struct front_ctx *fc, const struct tree_node *doc,
			struct mobj *c)
{
	int64_t v = 1;
	struct loc at;
	int rc = front_get_int(fc, doc, "version", &v, &at);

	if (rc < 0)
		return -1;
	if (v < 1 || v > 3) {
		diag_add(fc->diags, fc->src->path,
			 tree_get(doc, "version")->loc, DIAG_ERROR,
			 "version %lld is not a containerd config version "
			 "(1, 2 or 3)", (long long)v);
		return -1;
	}
	if (rc > 0)
		mobj_set_int(c, CRF_VERSION, v, at);
	return (int)v;
}

static void ctrd_build(struct front_ctx *fc, const struct tree_node *doc)
{
	static const char *const tables[] = { "cri", CTRD_V2_TABLE,
					      CTRD_V3_TABLE };
	const struct tree_node *plugins, *cri, *server;
	struct mobj *c;
	int v;

	if (!tree_is_map(doc))
		return;
	c = model_add(fc->model, MO_CRI_CONFIG, CTRD_ORIGIN, doc->loc);
	c->share |= MOBJ_SHARE_NODE_CONFIG;
	mobj_set_str(fc->model, c, CRF_FORMAT, "containerd", doc->loc);
	v = ctrd_version(fc, doc, c);
	front_get_strings(fc, doc, "imports", c, CRF_IMPORTS, false);
	if (v < 0 || front_get_map(fc, doc, "plugins", &plugins) <= 0)
		return;
	if (front_get_map(fc, plugins, tables[v - 1], &cri) > 0) {
		mobj_set_str(fc->model, c, CRF_CRI_TABLE, tables[v - 1],
			     tree_get_pair(plugins, tables[v - 1])->key->loc);
		read_runtime(fc, c, cri);
	}
	if (v == 3 && front_get_map(fc, plugins, CTRD_V2_TABLE, &server) > 0)
		ignored(fc, c, server);
}

const struct front front_containerd = {
	.name = "containerd-config",
	.summary = "containerd config.toml (CRI plugin, versions 1 to 3)",
	.reader = &reader_toml,
	.match_path = ctrd_match_path,
	.detect = ctrd_detect,
	.build = ctrd_build,
};
