/*
 * compose.c - Compose files into container objects, one per service.
 *
 * Detected by name (compose.yaml, docker-compose.yml, their .override and
 * other variants) or by content (a top-level `services` map, with or
 * without the obsolete `version`).  What a service says about isolation
 * goes into the same fields a Kubernetes container fills, so the same
 * rules judge it: privileged, cap_add / cap_drop, security_opt in all its
 * spellings (seccomp, apparmor, label, no-new-privileges, systempaths),
 * pid / ipc / network_mode / userns_mode / uts / cgroup, devices, volumes
 * (short and long syntax), use_api_socket, sysctls, read_only, user.
 *
 * What it does not: merge several Compose files (extends, include,
 * overrides): each file is judged as written.
 */
#include "front/front.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The socket use_api_socket mounts into the container. */
#define COMPOSE_API_SOCKET "/var/run/docker.sock"

static bool compose_match_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	if (!str_has_suffix(base, ".yaml") && !str_has_suffix(base, ".yml"))
		return false;
	return str_has_prefix(base, "compose.") ||
	       str_has_prefix(base, "docker-compose.") ||
	       str_has_prefix(base, "compose-") ||
	       str_has_prefix(base, "docker-compose-");
}

static bool compose_detect(const struct tree_node *doc)
{
	return tree_is_map(doc) && tree_is_map(tree_get(doc, "services")) &&
	       !tree_get(doc, "apiVersion") && !tree_get(doc, "kind");
}

static void set_bool_pair(struct mobj *c, int slot, bool v,
			  const struct tree_pair *p)
{
	mobj_set_bool(c, slot, v, front_pair_loc(p));
}

/* pid: host, ipc: host, network_mode: host, ... */
static void host_ns(struct front_ctx *fc, struct mobj *c,
		    const struct tree_node *svc, const char *key, int slot)
{
	const struct tree_pair *p = tree_get_pair(svc, key);
	const char *v = p ? tree_text(p->value) : NULL;

	if (v)
		set_bool_pair(c, slot, !strcmp(v, "host"), p);
	(void)fc;
}

static void caps(struct front_ctx *fc, struct mobj *c,
		 const struct tree_node *svc, const char *key, int slot)
{
	const struct tree_pair *p = tree_get_pair(svc, key);
	const struct tree_node *l;
	struct mlist *out;
	size_t i;

	if (front_get_list(fc, svc, key, &l) <= 0)
		return;
	out = mobj_list(fc->model, c, slot, front_pair_loc(p));
	for (i = 0; i < l->u.list.n; i++) {
		const struct tree_node *it = l->u.list.items[i];

		if (tree_is_scalar(it))
			mlist_push_str(fc->model, out,
				       model_cap_normalize(fc->model,
							   it->u.s.text),
				       it->loc);
	}
}

static void security_opts(struct front_ctx *fc, struct mobj *c,
			  const struct tree_node *svc)
{
	const struct tree_node *l;
	size_t i;

	if (front_get_list(fc, svc, "security_opt", &l) <= 0)
		return;
	for (i = 0; i < l->u.list.n; i++)
		if (tree_is_scalar(l->u.list.items[i]))
			front_security_opt(fc, c, l->u.list.items[i]->u.s.text,
					   l->u.list.items[i]->loc);
}

/* A host path: absolute, relative (./x, ../x) or home (~/x). */
static bool is_host_path(const char *s)
{
	return s[0] == '/' || s[0] == '.' || s[0] == '~';
}

/* "SRC:DST[:MODE]" */
static void short_volume(struct front_ctx *fc, struct mobj *c,
			 const struct tree_node *it)
{
	const char *s = it->u.s.text;
	const char *c1 = strchr(s, ':');
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	char *src, *dst;
	bool ro = c2 && (strstr(c2, "ro") == c2 + 1 ||
			 strstr(c2, ",ro") || strstr(c2, "ro,"));

	if (!c1 || !is_host_path(s))
		return;		/* a named or anonymous volume */
	src = xstrndup(s, (size_t)(c1 - s));
	dst = c2 ? xstrndup(c1 + 1, (size_t)(c2 - c1 - 1)) :
		   xstrdup(c1 + 1);
	front_bind_mount(fc, c, src, it->loc, dst, ro, it->loc);
	free(src);
	free(dst);
}

static void long_volume(struct front_ctx *fc, struct mobj *c,
			const struct tree_node *it)
{
	const char *type = tree_text(tree_get(it, "type"));
	const struct tree_pair *src = tree_get_pair(it, "source");
	const char *s = src ? tree_text(src->value) : NULL;
	int ro = tree_bool(tree_get(it, "read_only"));

	if (!type || strcmp(type, "bind") || !s)
		return;
	front_bind_mount(fc, c, s, front_pair_loc(src),
			 tree_text(tree_get(it, "target")), ro == 1, it->loc);
}

static void volumes(struct front_ctx *fc, struct mobj *c,
		    const struct tree_node *svc)
{
	const struct tree_pair *p = tree_get_pair(svc, "volumes");
	const struct tree_node *l;
	size_t i;

	if (front_get_list(fc, svc, "volumes", &l) <= 0)
		return;
	/* The list exists (and has its place) even when all are named. */
	mobj_list(fc->model, c, CF_MOUNTS, front_pair_loc(p));
	for (i = 0; i < l->u.list.n; i++) {
		const struct tree_node *it = l->u.list.items[i];

		if (tree_is_scalar(it))
			short_volume(fc, c, it);
		else if (tree_is_map(it))
			long_volume(fc, c, it);
	}
}

static void use_api_socket(struct front_ctx *fc, struct mobj *c,
			   const struct tree_node *svc)
{
	const struct tree_pair *p = tree_get_pair(svc, "use_api_socket");

	if (!p || tree_bool(p->value) != 1)
		return;
	front_bind_mount(fc, c, COMPOSE_API_SOCKET, front_pair_loc(p),
			 COMPOSE_API_SOCKET, false, front_pair_loc(p));
}

/* "/dev/sda:/dev/xvda:rwm" or {source: ..., target: ...} */
static void devices(struct front_ctx *fc, struct mobj *c,
		    const struct tree_node *svc)
{
	const struct tree_node *l;
	struct mlist *out;
	size_t i;

	if (front_get_list(fc, svc, "devices", &l) <= 0)
		return;
	out = mobj_list(fc->model, c, CF_DEVICES, l->loc);
	for (i = 0; i < l->u.list.n; i++) {
		const struct tree_node *it = l->u.list.items[i];
		const struct tree_node *src = tree_get(it, "source");
		char *path;

		if (tree_is_scalar(it)) {
			path = xstrndup(it->u.s.text,
					strcspn(it->u.s.text, ":"));
			mlist_push_str(fc->model, out, path, it->loc);
			free(path);
		} else if (tree_is_scalar(src)) {
			mlist_push_str(fc->model, out, src->u.s.text,
				       src->loc);
		}
	}
}

static void sysctls(struct front_ctx *fc, struct mobj *c,
		    const struct tree_node *svc)
{
	const struct tree_node *s = tree_get(svc, "sysctls");
	size_t i;

	if (!tree_is_map(s) && !tree_is_list(s))
		return;
	mobj_list(fc->model, c, CF_SYSCTLS, s->loc);
	for (i = 0; tree_is_map(s) && i < s->u.map.n; i++) {
		const struct tree_pair *p = &s->u.map.pairs[i];

		front_sysctl(fc, c, p->key->u.s.text, p->key->u.s.len,
			     tree_text(p->value), front_pair_loc(p));
	}
	for (i = 0; tree_is_list(s) && i < s->u.list.n; i++) {
		const struct tree_node *it = s->u.list.items[i];
		const char *eq;

		if (!tree_is_scalar(it))
			continue;
		eq = strchr(it->u.s.text, '=');
		front_sysctl(fc, c, it->u.s.text, eq ? (size_t)(eq -
			     it->u.s.text) : it->u.s.len, eq ? eq + 1 : NULL,
			     it->loc);
	}
}

/* user: "root", "0", "0:0", "1000:1000", "app" */
static void user(struct front_ctx *fc, struct mobj *c,
		 const struct tree_node *svc)
{
	const struct tree_pair *p = tree_get_pair(svc, "user");

	if (p && tree_text(p->value))
		front_user(fc, c, tree_text(p->value), front_pair_loc(p));
}

static void groups(struct front_ctx *fc, struct mobj *c,
		   const struct tree_node *svc)
{
	const struct tree_pair *p = tree_get_pair(svc, "group_add");
	const struct tree_node *l;
	struct mlist *out;
	size_t i;

	if (front_get_list(fc, svc, "group_add", &l) <= 0)
		return;
	out = mobj_list(fc->model, c, CF_GROUPS, front_pair_loc(p));
	for (i = 0; i < l->u.list.n; i++)
		if (tree_is_scalar(l->u.list.items[i]))
			mlist_push_str(fc->model, out,
				       l->u.list.items[i]->u.s.text,
				       l->u.list.items[i]->loc);
}

static void read_service(struct front_ctx *fc, const struct tree_pair *sp)
{
	const struct tree_node *svc = sp->value;
	const char *name = sp->key->u.s.text;
	char *origin = xasprintf("service \"%s\"", name);
	struct mobj *c = model_add(fc->model, MO_CONTAINER, origin,
				   sp->key->loc);
	struct loc loc;
	bool b;

	free(origin);
	mobj_set_str(fc->model, c, CF_FORMAT, "compose", sp->key->loc);
	mobj_set_str(fc->model, c, CF_NAME, name, sp->key->loc);
	if (tree_text(tree_get(svc, "image")))
		mobj_set_str(fc->model, c, CF_IMAGE,
			     tree_text(tree_get(svc, "image")),
			     tree_get(svc, "image")->loc);
	if (front_get_bool(fc, svc, "privileged", &b, &loc) > 0)
		mobj_set_bool(c, CF_PRIVILEGED, b, loc);
	if (front_get_bool(fc, svc, "read_only", &b, &loc) > 0)
		mobj_set_bool(c, CF_READ_ONLY_ROOT, b, loc);
	caps(fc, c, svc, "cap_add", CF_CAP_ADD);
	caps(fc, c, svc, "cap_drop", CF_CAP_DROP);
	security_opts(fc, c, svc);
	host_ns(fc, c, svc, "pid", CF_HOST_PID);
	host_ns(fc, c, svc, "ipc", CF_HOST_IPC);
	host_ns(fc, c, svc, "network_mode", CF_HOST_NETWORK);
	host_ns(fc, c, svc, "userns_mode", CF_HOST_USERS);
	host_ns(fc, c, svc, "uts", CF_HOST_UTS);
	host_ns(fc, c, svc, "cgroup", CF_HOST_CGROUP);
	volumes(fc, c, svc);
	use_api_socket(fc, c, svc);
	devices(fc, c, svc);
	sysctls(fc, c, svc);
	user(fc, c, svc);
	groups(fc, c, svc);
}

static int compose_build(struct front_ctx *fc, const struct tree_node *doc)
{
	size_t before = fc->diags->nerrors, i;
	const struct tree_node *services;

	if (front_get_map(fc, doc, "services", &services) <= 0)
		return fc->diags->nerrors > before ? -1 : 0;
	for (i = 0; i < services->u.map.n; i++) {
		const struct tree_pair *sp = &services->u.map.pairs[i];

		if (!tree_is_map(sp->value)) {
			if (sp->value->type != TT_NULL)
				diag_add(fc->diags, fc->src->path,
					 sp->value->loc, DIAG_ERROR,
					 "service %s must be a map",
					 sp->key->u.s.text);
			continue;
		}
		read_service(fc, sp);
	}
	return fc->diags->nerrors > before ? -1 : 0;
}

static const char *const compose_hints[] = { "services", NULL };

const struct front front_compose = {
	.name = "compose",
	.summary = "Docker Compose files",
	.match_path = compose_match_path,
	.hints = compose_hints,
	.detect = compose_detect,
	.build = compose_build,
};
