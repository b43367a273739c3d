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
 * Values are read as compose-go (the loader of `docker compose`) reads
 * them: booleans in any case of true/false, yes/no, y/n, on/off, quoted or
 * not (its toBoolean cast); `$$`, `$VAR`, `${VAR}`, `${VAR:-default}` and
 * `${VAR-default}` interpolated (its template package), judged as if the
 * variable were unset, so with its default where it has one; a value that
 * needs a variable without a default is unknown here: a note says so and
 * it is judged as written (a boolean not at all).  `extends` of a service
 * of the same file is followed: the base's settings first, the service's
 * own over them (scalars replaced, lists added to).
 *
 * What it does not: read the environment or .env files, follow `extends`
 * into another file or `include`, or merge compose.override.yaml into
 * compose.yaml: each file is judged as written.
 */
#include "front/front.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The socket use_api_socket mounts into the container. */
#define COMPOSE_API_SOCKET "/var/run/docker.sock"
/* Chains of extends longer than this are no real file (and end cycles). */
#define COMPOSE_MAX_EXTENDS 16
/* Nesting of ${A:-${B:-...}} defaults; deeper is left as written. */
#define COMPOSE_MAX_INTERP_DEPTH 8

/* --- values as compose-go reads them ------------------------------------ */

/*
 * The name of a variable at s: [A-Za-z_][A-Za-z0-9_]*; returns its length
 * (0 when none).
 */
static size_t var_name_len(const char *s)
{
	size_t n = 0;

	if (!isalpha((unsigned char)s[0]) && s[0] != '_')
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	return n;
}

/* The offset of the brace closing the one at s[0] == '{', or 0. */
static size_t closing_brace(const char *s, size_t n)
{
	size_t i, depth = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && --depth == 0)
			return i;
	}
	return 0;
}

static void interpolate(struct strbuf *out, const char *s, size_t n,
			int depth, bool *unknown);

/*
 * One ${...} body (between the braces): NAME, NAME:-DEF, NAME-DEF, or the
 * forms whose value needs the variable (NAME:?ERR, NAME:+ALT, ...).
 */
static void interpolate_braced(struct strbuf *out, const char *body,
			       size_t n, int depth, bool *unknown)
{
	size_t name = var_name_len(body);
	const char *op = body + name;

	if (name && n > name + 1 && op[0] == ':' && op[1] == '-') {
		interpolate(out, op + 2, n - name - 2, depth + 1, unknown);
		return;
	}
	if (name && n > name && op[0] == '-') {
		interpolate(out, op + 1, n - name - 1, depth + 1, unknown);
		return;
	}
	*unknown = true;
	sb_adds(out, "${");
	sb_add(out, body, n);
	sb_addc(out, '}');
}

/*
 * Append the interpolation of s[0..n) to out; *unknown is set when a
 * part needs a variable's value (that part is kept as written).
 */
static void interpolate(struct strbuf *out, const char *s, size_t n,
			int depth, bool *unknown)
{
	size_t i = 0;

	while (i < n) {
		size_t close, name;

		if (s[i] != '$' || i + 1 >= n) {
			sb_addc(out, s[i++]);
			continue;
		}
		if (s[i + 1] == '$') {
			sb_addc(out, '$');
			i += 2;
			continue;
		}
		if (s[i + 1] == '{' && depth < COMPOSE_MAX_INTERP_DEPTH &&
		    (close = closing_brace(s + i + 1, n - i - 1)) > 0) {
			interpolate_braced(out, s + i + 2, close - 1, depth,
					   unknown);
			i += close + 2;
			continue;
		}
		name = var_name_len(s + i + 1);
		if (name)
			*unknown = true;
		sb_add(out, s + i, name + 1);
		i += name + 1;
	}
}

/*
 * The text of a scalar as compose-go sees it after interpolation (in the
 * model's arena), or NULL for a map, a list or a null.  A value that
 * needs the environment gets a note and comes back as written.
 */
static const char *ctext(struct front_ctx *fc, const struct tree_node *n,
			 bool *unknown_out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *text = tree_text(n);
	bool unknown = false;
	char *out;

	if (unknown_out)
		*unknown_out = false;
	if (!text || n->type == TT_NULL)
		return NULL;
	if (!strchr(text, '$'))
		return text;
	interpolate(&sb, text, n->u.s.len, 0, &unknown);
	out = arena_strdup(fc->model->arena, sb.buf ? sb.buf : "");
	sb_free(&sb);
	if (unknown)
		diag_add(fc->diags, fc->src->path, n->loc, DIAG_NOTE,
			 "\"%s\" needs a variable of the environment that "
			 "has no default here: judged as written", text);
	if (unknown_out)
		*unknown_out = unknown;
	return out;
}

/*
 * A boolean as compose-go's toBoolean casts it: true/false, yes/no, y/n,
 * on/off in any case, quoted or not; 1 if true, 0 if false, -1 if not one.
 */
static int compose_bool_text(const char *s)
{
	static const char *const yes[] = { "true", "yes", "y", "on" };
	static const char *const no[] = { "false", "no", "n", "off" };
	size_t i;

	for (i = 0; s && i < ARRAY_SIZE(yes); i++) {
		if (!strcasecmp(s, yes[i]))
			return 1;
		if (!strcasecmp(s, no[i]))
			return 0;
	}
	return -1;
}

/*
 * A boolean key of a service: 1 and *out set, 0 absent (or null, or
 * unknown until the environment is read), -1 after an error (docker
 * compose refuses the file: "invalid boolean").
 */
static int compose_get_bool(struct front_ctx *fc, const struct tree_node *svc,
			    const char *key, bool *out, struct loc *loc)
{
	const struct tree_pair *p = tree_get_pair(svc, key);
	const char *v;
	bool unknown;
	int b;

	if (!p || (tree_is_scalar(p->value) && p->value->type == TT_NULL))
		return 0;
	v = ctext(fc, p->value, &unknown);
	if (unknown)
		return 0;
	b = compose_bool_text(v);
	if (b < 0) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be a boolean (true/false, yes/no, y/n, "
			 "on/off), not %s", key, v ? v :
			 tree_is_map(p->value) ? "a map" : "a list");
		return -1;
	}
	*out = b == 1;
	*loc = front_pair_loc(p);
	return 1;
}

static bool compose_match_path(const char *path)
{
	const char *base = path_base(path);

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
	const char *v = p ? ctext(fc, p->value, NULL) : NULL;

	if (v)
		set_bool_pair(c, slot, !strcmp(v, "host"), p);
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
		const char *v = ctext(fc, it, NULL);

		/* as written: derive() reads it as the runtime does */
		if (v)
			mlist_push_str(fc->model, out, v, it->loc);
	}
}

static void security_opts(struct front_ctx *fc, struct mobj *c,
			  const struct tree_node *svc)
{
	const struct tree_node *l;
	size_t i;

	if (front_get_list(fc, svc, "security_opt", &l) <= 0)
		return;
	for (i = 0; i < l->u.list.n; i++) {
		const char *v = ctext(fc, l->u.list.items[i], NULL);

		if (v)
			front_security_opt(fc, c, v, l->u.list.items[i]->loc);
	}
}

/*
 * A host path: absolute, relative (./x, ../x), home (~/x), or one that
 * starts with a variable not known here (${DATA_DIR}:/data).
 */
static bool is_host_path(const char *s)
{
	return s[0] == '/' || s[0] == '.' || s[0] == '~' || s[0] == '$';
}

/* "SRC:DST[:MODE]" */
static void short_volume(struct front_ctx *fc, struct mobj *c,
			 const struct tree_node *it)
{
	const char *s = ctext(fc, it, NULL);
	const char *c1 = s ? strchr(s, ':') : NULL;
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
	const char *type = ctext(fc, tree_get(it, "type"), NULL);
	const struct tree_pair *src = tree_get_pair(it, "source");
	const char *s = src ? ctext(fc, src->value, NULL) : NULL;
	bool ro = false;
	struct loc at;

	if (compose_get_bool(fc, it, "read_only", &ro, &at) < 0 || !type ||
	    strcmp(type, "bind") || !s)
		return;
	front_bind_mount(fc, c, s, front_pair_loc(src),
			 ctext(fc, tree_get(it, "target"), NULL), ro, it->loc);
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
	bool on = false;
	struct loc at;

	if (compose_get_bool(fc, svc, "use_api_socket", &on, &at) <= 0 ||
	    !on)
		return;
	front_bind_mount(fc, c, COMPOSE_API_SOCKET, at, COMPOSE_API_SOCKET,
			 false, at);
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
		const char *v = ctext(fc, it, NULL);
		char *path;

		if (v) {
			path = xstrndup(v, strcspn(v, ":"));
			mlist_push_str(fc->model, out, path, it->loc);
			free(path);
		} else if ((v = ctext(fc, src, NULL)) != NULL) {
			mlist_push_str(fc->model, out, v, src->loc);
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
			     ctext(fc, p->value, NULL), front_pair_loc(p));
	}
	for (i = 0; tree_is_list(s) && i < s->u.list.n; i++) {
		const char *v = ctext(fc, s->u.list.items[i], NULL);
		const char *eq;

		if (!v)
			continue;
		eq = strchr(v, '=');
		front_sysctl(fc, c, v, eq ? (size_t)(eq - v) : strlen(v),
			     eq ? eq + 1 : NULL, s->u.list.items[i]->loc);
	}
}

/* user: "root", "0", "0:0", "1000:1000", "app" */
static void user(struct front_ctx *fc, struct mobj *c,
		 const struct tree_node *svc)
{
	const struct tree_pair *p = tree_get_pair(svc, "user");
	bool unknown;
	const char *v = p ? ctext(fc, p->value, &unknown) : NULL;

	if (v && !unknown)
		front_user(fc, c, v, front_pair_loc(p));
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
	for (i = 0; i < l->u.list.n; i++) {
		const char *v = ctext(fc, l->u.list.items[i], NULL);

		if (v)
			mlist_push_str(fc->model, out, v,
				       l->u.list.items[i]->loc);
	}
}

/* The settings of one service's own map onto c (over any base's). */
static void read_settings(struct front_ctx *fc, struct mobj *c,
			  const struct tree_node *svc)
{
	const struct tree_node *img = tree_get(svc, "image");
	const char *image = ctext(fc, img, NULL);
	struct loc loc;
	bool b;

	if (image)
		mobj_set_str(fc->model, c, CF_IMAGE, image, img->loc);
	if (compose_get_bool(fc, svc, "privileged", &b, &loc) > 0)
		mobj_set_bool(c, CF_PRIVILEGED, b, loc);
	if (compose_get_bool(fc, svc, "read_only", &b, &loc) > 0)
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

/*
 * The service `svc` extends, when it is one of this file: extends: NAME
 * or extends: {service: NAME} without file:.  NULL otherwise (a base in
 * another file gets a note: its settings are not seen here).
 */
static const struct tree_node *extends_base(struct front_ctx *fc,
					    const struct tree_node *services,
					    const struct tree_node *svc)
{
	const struct tree_node *ext = tree_get(svc, "extends");
	const struct tree_node *base;
	const char *name = tree_is_map(ext) ?
			   tree_text(tree_get(ext, "service")) :
			   tree_text(ext);

	if (!ext || !name)
		return NULL;
	if (tree_is_map(ext) && tree_get(ext, "file")) {
		diag_add(fc->diags, fc->src->path, ext->loc, DIAG_NOTE,
			 "extends a service of another file: its settings "
			 "are not judged with this one");
		return NULL;
	}
	base = tree_get(services, name);
	if (!tree_is_map(base)) {
		diag_add(fc->diags, fc->src->path, ext->loc, DIAG_ERROR,
			 "extends service \"%s\", which this file does not "
			 "define", name);
		return NULL;
	}
	return base;
}

/* The chain of bases first, then the service itself. */
static void read_extended(struct front_ctx *fc, struct mobj *c,
			  const struct tree_node *services,
			  const struct tree_node *svc, int depth)
{
	const struct tree_node *base = extends_base(fc, services, svc);

	if (base && depth >= COMPOSE_MAX_EXTENDS) {
		diag_add(fc->diags, fc->src->path, tree_get(svc, "extends")->loc,
			 DIAG_ERROR, "extends chain longer than %d services "
			 "(or a cycle)", COMPOSE_MAX_EXTENDS);
		return;
	}
	if (base)
		read_extended(fc, c, services, base, depth + 1);
	read_settings(fc, c, svc);
}

static void read_service(struct front_ctx *fc,
			 const struct tree_node *services,
			 const struct tree_pair *sp)
{
	const char *name = sp->key->u.s.text;
	char *origin = xasprintf("service \"%s\"", name);
	struct mobj *c = model_add(fc->model, MO_CONTAINER, origin,
				   sp->key->loc);

	free(origin);
	mobj_set_str(fc->model, c, CF_FORMAT, "compose", sp->key->loc);
	mobj_set_str(fc->model, c, CF_NAME, name, sp->key->loc);
	read_extended(fc, c, services, sp->value, 0);
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
		read_service(fc, services, sp);
	}
	return fc->diags->nerrors > before ? -1 : 0;
}

const struct front front_compose = {
	.name = "compose",
	.summary = "Docker Compose files",
	.match_path = compose_match_path,
	.detect = compose_detect,
	.build = compose_build,
};
