/*
 * docker_daemon.c - Docker's daemon.json into a docker_daemon object:
 * what dockerd gives every container, and who may talk to it.
 *
 * Detected by name (daemon.json, or --kind docker-daemon).  The keys are
 * dockerd's flag names (moby daemon/config): seccomp-profile,
 * no-new-privileges, selinux-enabled, userns-remap, icc,
 * authorization-plugins, builder.entitlements, and the API's listeners
 * (hosts) with tls / tlsverify.  A tcp:// listener is safe only when
 * clients must show a certificate the daemon's CA signed: tlsverify true,
 * or tls true with tlsverify not said (dockerd then verifies).
 *
 * The same settings given as dockerd flags in a systemd unit or a script
 * are read by hostcmd.c.  What it does not check: the values of keys it
 * does not name, and a key set both here and as a flag (dockerd refuses
 * to start then).
 */
#include "front/front.h"

#include <strings.h>
#include <string.h>

static bool daemon_match_path(const char *path)
{
	return !strcmp(path_base(path), "daemon.json");
}

static void set_bool(struct front_ctx *fc, struct mobj *d,
		     const struct tree_node *doc, const char *key, int slot)
{
	struct loc at;
	bool b;

	if (front_get_bool(fc, doc, key, &b, &at) == 1)
		mobj_set_bool(d, slot, b, at);
}

static void set_str(struct front_ctx *fc, struct mobj *d,
		    const struct tree_node *doc, const char *key, int slot)
{
	struct loc at;
	const char *s;

	if (front_get_str(fc, doc, key, &s, &at) == 1)
		mobj_set_str(fc->model, d, slot, s, at);
}

/* A key of a map, its case ignored (dockerd decodes builder like Go). */
static const struct tree_node *get_nocase(const struct tree_node *map,
					  const char *key)
{
	size_t i;

	for (i = 0; tree_is_map(map) && i < map->u.map.n; i++)
		if (!strcasecmp(map->u.map.pairs[i].key->u.s.text, key))
			return map->u.map.pairs[i].value;
	return NULL;
}

static void entitlements(struct front_ctx *fc, struct mobj *d,
			 const struct tree_node *doc)
{
	const struct tree_node *b = get_nocase(get_nocase(doc, "builder"),
					       "entitlements");

	if (!b)
		return;
	if (!tree_is_map(b)) {
		diag_add(fc->diags, fc->src->path, b->loc, DIAG_ERROR,
			 "builder.entitlements must be an object");
		return;
	}
	set_bool(fc, d, b, "security-insecure", DDF_BUILDER_INSECURE);
	set_bool(fc, d, b, "network-host", DDF_BUILDER_NET_HOST);
}

/* The tcp:// hosts no client certificate guards. */
static void open_listeners(struct front_ctx *fc, struct mobj *d,
			   const struct tree_node *doc)
{
	const struct mval *hosts = mobj_get(d, DDF_HOSTS);
	const struct mval *verify = mobj_get(d, DDF_TLS_VERIFY);
	struct loc at;
	bool tls = false;
	size_t i;

	if (hosts->type != MV_LIST)
		return;
	if (front_get_bool(fc, doc, "tls", &tls, &at) < 0)
		return;
	if (verify->type == MV_BOOL ? verify->u.b : tls)
		return;
	for (i = 0; i < hosts->u.list->n; i++) {
		const struct mval *h = &hosts->u.list->v[i];

		if (str_has_prefix(h->u.s, "tcp://"))
			mlist_push_str(fc->model,
				       mobj_list(fc->model, d, DDF_OPEN_TCP,
						 h->loc), h->u.s, h->loc);
	}
}

static void daemon_build(struct front_ctx *fc, const struct tree_node *doc)
{
	struct mobj *d;

	if (!tree_is_map(doc)) {
		diag_add(fc->diags, fc->src->path, doc->loc, DIAG_ERROR,
			 "daemon.json must be a JSON object");
		return;
	}
	d = model_add(fc->model, MO_DOCKER_DAEMON, "daemon.json", doc->loc);
	mobj_set_str(fc->model, d, DDF_SOURCE, "daemon.json", doc->loc);
	set_str(fc, d, doc, "seccomp-profile", DDF_SECCOMP_PROFILE);
	set_bool(fc, d, doc, "no-new-privileges", DDF_NO_NEW_PRIVS);
	set_bool(fc, d, doc, "selinux-enabled", DDF_SELINUX_ENABLED);
	set_str(fc, d, doc, "userns-remap", DDF_USERNS_REMAP);
	set_bool(fc, d, doc, "icc", DDF_ICC);
	front_str_list(fc, d, DDF_AUTHZ_PLUGINS, doc, "authorization-plugins");
	front_str_list(fc, d, DDF_HOSTS, doc, "hosts");
	set_bool(fc, d, doc, "tlsverify", DDF_TLS_VERIFY);
	entitlements(fc, d, doc);
	open_listeners(fc, d, doc);
}

const struct front front_docker_daemon = {
	.name = "docker-daemon",
	.summary = "Docker's daemon.json",
	.reader = &reader_json,
	.match_path = daemon_match_path,
	.build = daemon_build,
};
