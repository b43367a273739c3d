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
 * not (its toBoolean cast); `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `:?` and `:+` interpolated (its template package)
 * with the variables of the project's .env (compose_files.c), any other
 * variable judged unset, so with its default where it has one; a value
 * that needs a variable nobody gives here is unknown: a note says so and
 * it is judged as written (a boolean not at all).
 *
 * Files are read as `docker compose` reads a project (compose-spec
 * merge.md, https://docs.docker.com/reference/compose-file/merge/): the
 * project file with its override merged in, service by service, each
 * read in layers (extends bases first, then the service, then the
 * override's service of the same name): a mapping is merged key by key
 * (a scalar replaced), a sequence appended to (cap_add, cap_drop,
 * security_opt, devices, group_add), volumes unique by target.  Every
 * value remembers the file that set it, so a finding points there.  The
 * override file itself then builds nothing (it is judged with its
 * project file); one with no project file beside it is a partial file:
 * its containers are marked partial (mobj.partial), so that the rules
 * marked `absence: true` leave what it does not set alone.  `extends` follows a base in the same file or
 * in `file:` (relative to the file that names it); top-level `include:`
 * brings the included files' services in, each interpolated with its
 * own directory's .env.
 *
 * What it does not: read the process environment, COMPOSE_FILE or -f
 * lists, profiles, or look for a project file in parent directories.
 */
#include "front/compose_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The socket use_api_socket mounts into the container. */
#define COMPOSE_API_SOCKET "/var/run/docker.sock"
/* Chains of extends longer than this are no real file (and end cycles). */
#define COMPOSE_MAX_EXTENDS 16
/* Files included from included files; deeper is no real project. */
#define COMPOSE_MAX_INCLUDES 8
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
			int depth, bool *unknown,
			const struct compose_env *env);

/*
 * One ${...} body (between the braces): NAME, NAME:-DEF, NAME-DEF, and
 * the forms that need the variable's value (NAME:?ERR, NAME:+ALT, ...).
 * A variable .env sets is its value there; one it does not set is judged
 * unset (so the default is taken), since the process environment is not
 * read; a form that needs a value nobody gives here is unknown.
 */
static void interpolate_braced(struct strbuf *out, const char *body,
			       size_t n, int depth, bool *unknown,
			       const struct compose_env *env)
{
	size_t name = var_name_len(body);
	const char *op = body + name, *value = NULL;
	int set = name ? compose_env_get(env, body, name, &value) : 0;
	bool colon = name < n && op[0] == ':';
	char form = name + colon < n ? op[colon] : 0;
	bool empty = set && value && !*value;

	if (set && !value) {
		*unknown = true;	/* .env sets it from elsewhere */
	} else if (name && name == n && set) {
		sb_adds(out, value);
		return;
	} else if (name && form == '-') {
		if (set && !(colon && empty))
			sb_adds(out, value);
		else
			interpolate(out, op + colon + 1, n - name - colon - 1,
				    depth + 1, unknown, env);
		return;
	} else if (name && form == '?' && set && !(colon && empty)) {
		sb_adds(out, value);
		return;
	} else if (name && form == '+' && set) {
		if (!(colon && empty))
			interpolate(out, op + colon + 1, n - name - colon - 1,
				    depth + 1, unknown, env);
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
			int depth, bool *unknown, const struct compose_env *env)
{
	size_t i = 0;

	while (i < n) {
		size_t close, name;
		const char *value;

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
					   unknown, env);
			i += close + 2;
			continue;
		}
		name = var_name_len(s + i + 1);
		if (name && compose_env_get(env, s + i + 1, name, &value) &&
		    value) {
			sb_adds(out, value);
			i += name + 1;
			continue;
		}
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
	interpolate(&sb, text, n->u.s.len, 0, &unknown, compose_of(fc)->env);
	out = arena_strdup(fc->model->arena, sb.buf ? sb.buf : "");
	sb_free(&sb);
	if (unknown)
		diag_add(fc->diags, fc->src->path, n->loc, DIAG_NOTE,
			 "\"%s\" needs a variable whose value is not known "
			 "here (neither a default nor .env gives it; the "
			 "environment is not read): judged as written", text);
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

/* --- layers: which file set each value ---------------------------------- */

/* A line no input has: marks the slots a layer did not write. */
#define COMPOSE_UNWRITTEN UINT32_MAX

/* Name the file `path` on every value of a sub-object (a mount). */
static void tag_sub(struct mobj *o, const char *path)
{
	int i, n = o->kind == MO_MOUNT ? MF__COUNT :
		   o->kind == MO_SYSCTL ? SF__COUNT :
		   o->kind == MO_PORT ? PF__COUNT : 0;

	for (i = 0; i < n; i++)
		o->f[i].path = path;
}

/*
 * After a layer: the slots it wrote (their mark gone) and the list
 * entries it added (past before_n[slot]) get `path` (NULL: the object's
 * own file); the others get their location back.
 */
static void tag_layer(struct mobj *c, const struct mval *before,
		      const size_t *before_n, const char *path)
{
	size_t i, k, from;

	for (i = 0; i < CF__COUNT; i++) {
		struct mval *v = &c->f[i];
		struct mlist *l = v->type == MV_LIST ? v->u.list : NULL;

		if (v->loc.line == COMPOSE_UNWRITTEN) {
			v->loc = before[i].loc;
		} else {
			v->path = path;
		}
		from = l && before[i].type == MV_LIST &&
		       before[i].u.list == l ? before_n[i] : 0;
		for (k = from; l && k < l->n; k++) {
			l->v[k].path = path;
			if (l->v[k].type == MV_OBJ && l->v[k].u.obj)
				tag_sub(l->v[k].u.obj, path);
		}
	}
}

/*
 * Mounts of earlier layers times mounts of a later one compared for
 * equal targets; past it they are kept side by side (both judged), which
 * bounds the work a crafted pair of files can ask for.
 */
#define COMPOSE_MAX_TARGET_PAIRS (1u << 20)

/*
 * Volumes are unique by target (compose-spec merge.md, "Unique
 * resources"): a mount a later layer adds replaces an earlier one with
 * the same target.  Entries [0, n0) are the earlier layers'.  False when
 * there were too many to compare.
 */
static bool replace_by_target(struct mobj *c, size_t n0)
{
	const struct mval *mv = mobj_get(c, CF_MOUNTS);
	struct mlist *l = mv->type == MV_LIST ? mv->u.list : NULL;
	size_t i, k, out = 0;

	if (l && n0 && (l->n - n0) > COMPOSE_MAX_TARGET_PAIRS / n0)
		return false;

	for (i = 0; l && i < l->n; i++) {
		const struct mval *t = mobj_get(l->v[i].u.obj, MF_TARGET);
		bool replaced = false;

		for (k = n0; i < n0 && t->type == MV_STR && k < l->n; k++) {
			const struct mval *t2 = mobj_get(l->v[k].u.obj,
							 MF_TARGET);

			if (t2->type == MV_STR && !strcmp(t->u.s, t2->u.s))
				replaced = true;
		}
		if (!replaced)
			l->v[out++] = l->v[i];
	}
	if (l)
		l->n = out;
	return true;
}

/*
 * One layer of a service: a service map of one file, read over what the
 * layers before it set (compose-spec merge.md: mappings merged key by
 * key, a scalar replaced, a sequence appended to, volumes unique by
 * target; cap_add, cap_drop, security_opt and devices appended).
 */
static void read_layer(struct compose_ctx *cc, struct mobj *c,
		       const struct tree_node *svc)
{
	struct mval before[CF__COUNT];
	size_t before_n[CF__COUNT];
	const struct mval *mounts = mobj_get(c, CF_MOUNTS);
	size_t i, n0 = mounts->type == MV_LIST ? mounts->u.list->n : 0;

	memcpy(before, c->f, sizeof(before));
	for (i = 0; i < CF__COUNT; i++) {
		before_n[i] = c->f[i].type == MV_LIST ? c->f[i].u.list->n : 0;
		c->f[i].loc.line = COMPOSE_UNWRITTEN;
	}
	read_settings(&cc->fc, c, svc);
	tag_layer(c, before, before_n,
		  cc->own && !c->path ? NULL : cc->path);
	if (!replace_by_target(c, n0))
		diag_add(cc->fc.diags, cc->fc.src->path, svc->loc,
			 DIAG_WARNING, "too many volumes to merge by target: "
			 "those of every layer are judged");
}

/* --- extends ------------------------------------------------------------ */

/* One file of an extends chain: the ctx its values are read with. */
struct chain_file {
	struct compose_ctx cc;
	const struct tree_node *services;
};

/*
 * The file an extends: {file: F} names, as a chain_file (the file is the
 * build's: see compose_files_get); false after an error at `ext`.
 */
static bool extends_file(const struct chain_file *from,
			 const struct tree_node *ext,
			 const struct compose_file **loaded,
			 struct chain_file *to)
{
	const struct front_ctx *fc = &from->cc.fc;
	const struct tree_node *f = tree_get(ext, "file");
	const char *rel = tree_text(f);
	char *path;

	if (!rel) {
		diag_add(fc->diags, fc->src->path, f->loc, DIAG_ERROR,
			 "extends file must be a path");
		return false;
	}
	path = compose_join(fc->src->path, rel);
	*loaded = compose_files_get(from->cc.files, path, fc->diags,
				    fc->src->path, f->loc);
	free(path);
	if (!*loaded)
		return false;
	model_note_read(fc->model, (*loaded)->path);
	*to = *from;
	to->cc.fc.src = (*loaded)->src;
	to->cc.path = arena_strdup(fc->model->arena, (*loaded)->path);
	to->cc.own = false;
	to->services = (*loaded)->doc ? tree_get((*loaded)->doc, "services") :
			NULL;
	return true;
}

static void read_extended(struct chain_file *cf, struct mobj *c,
			  const struct tree_node *svc, int depth);

/*
 * Follow extends: SERVICE or extends: {service: S[, file: F]}: the base's
 * layers first (in F when given, relative to this file), then the
 * service's own.  A missing file or service is an error at the extends.
 */
static void read_base(struct chain_file *cf, struct mobj *c,
		      const struct tree_node *ext, int depth)
{
	const struct front_ctx *fc = &cf->cc.fc;
	const char *name = tree_is_map(ext) ?
			   tree_text(tree_get(ext, "service")) :
			   tree_text(ext);
	const struct compose_file *loaded = NULL;
	struct chain_file other, *in = cf;
	const struct tree_node *base;

	if (!name) {
		diag_add(fc->diags, fc->src->path, ext->loc, DIAG_ERROR,
			 "extends must name a service");
		return;
	}
	if (depth >= COMPOSE_MAX_EXTENDS) {
		diag_add(fc->diags, fc->src->path, ext->loc, DIAG_ERROR,
			 "extends chain longer than %d services (or a cycle)",
			 COMPOSE_MAX_EXTENDS);
		return;
	}
	if (tree_is_map(ext) && tree_get(ext, "file")) {
		if (!extends_file(cf, ext, &loaded, &other))
			return;
		in = &other;
	}
	base = tree_is_map(in->services) ? tree_get(in->services, name) :
	       NULL;
	if (!tree_is_map(base))
		diag_add(fc->diags, fc->src->path, ext->loc, DIAG_ERROR,
			 "extends service \"%s\", which %s does not define",
			 name, loaded ? loaded->path : "this file");
	else
		read_extended(in, c, base, depth + 1);
}

/* The chain of bases first, then the service itself. */
static void read_extended(struct chain_file *cf, struct mobj *c,
			  const struct tree_node *svc, int depth)
{
	const struct tree_node *ext = tree_get(svc, "extends");

	if (ext && ext->type != TT_NULL)
		read_base(cf, c, ext, depth);
	read_layer(&cf->cc, c, svc);
}

/* --- services and files ------------------------------------------------- */

static struct mobj *new_service(struct compose_ctx *cc,
				const struct tree_pair *sp)
{
	const char *name = sp->key->u.s.text;
	char *origin = xasprintf("service \"%s\"", name);
	struct mobj *c = model_add(cc->fc.model, MO_CONTAINER, origin,
				   sp->key->loc);

	free(origin);
	if (!cc->own)
		c->path = cc->path;
	mobj_set_str(cc->fc.model, c, CF_FORMAT, "compose", sp->key->loc);
	mobj_set_str(cc->fc.model, c, CF_NAME, name, sp->key->loc);
	c->f[CF_FORMAT].path = c->f[CF_NAME].path = c->path;
	return c;
}

/* The services map of a document; NULL (after an error) when not a map. */
static const struct tree_node *services_of(struct front_ctx *fc,
					   const struct tree_node *doc)
{
	const struct tree_node *services = NULL;

	if (!doc || !tree_is_map(doc) ||
	    front_get_map(fc, doc, "services", &services) <= 0)
		return NULL;
	return services;
}

/* A service's map, or NULL (an error unless it is null). */
static const struct tree_node *service_map(struct front_ctx *fc,
					   const struct tree_pair *sp)
{
	if (tree_is_map(sp->value))
		return sp->value;
	if (sp->value->type != TT_NULL)
		diag_add(fc->diags, fc->src->path, sp->value->loc, DIAG_ERROR,
			 "service %s must be a map", sp->key->u.s.text);
	return NULL;
}

/*
 * Every service of `cc`'s file as a container; with an override file
 * `ov` (its ctx and services), each service merged with the override's
 * service of the same name, and the override's other services added.
 */
static void read_services(struct compose_ctx *cc,
			  const struct tree_node *services,
			  struct compose_ctx *ov,
			  const struct tree_node *ov_services)
{
	struct chain_file cf = { *cc, services };
	struct chain_file of;
	size_t i;

	for (i = 0; services && i < services->u.map.n &&
		    !front_full(&cc->fc); i++) {
		const struct tree_pair *sp = &services->u.map.pairs[i];
		const struct tree_node *svc = service_map(&cc->fc, sp);
		const struct tree_node *more = ov_services ?
			tree_get(ov_services, sp->key->u.s.text) : NULL;
		struct mobj *c;

		if (!svc)
			continue;
		c = new_service(cc, sp);
		read_extended(&cf, c, svc, 0);
		if (tree_is_map(more)) {
			of.cc = *ov;
			of.services = ov_services;
			read_extended(&of, c, more, 0);
		}
	}
	for (i = 0; ov_services && i < ov_services->u.map.n &&
		    !front_full(&ov->fc); i++) {
		const struct tree_pair *sp = &ov_services->u.map.pairs[i];
		const struct tree_node *svc = service_map(&ov->fc, sp);

		if (!svc || (services && tree_get(services,
						  sp->key->u.s.text)))
			continue;
		of.cc = *ov;
		of.services = ov_services;
		read_extended(&of, new_service(ov, sp), svc, 0);
	}
}

/* --- include ------------------------------------------------------------ */

static void read_file(struct compose_ctx *cc, const struct tree_node *doc,
		      struct compose_ctx *ov, const struct tree_node *ov_doc);

/*
 * One included file (`at`: its path as written, relative to the file
 * that includes it): its services join the project, interpolated with
 * the .env of its own directory (compose-spec include.md: the included
 * file's project_directory and env_file default to its own).
 */
static void include_one(struct compose_ctx *cc, const struct tree_node *at)
{
	struct front_ctx *fc = &cc->fc;
	const char *rel = ctext(fc, at, NULL);
	const struct compose_include *up;
	struct compose_include here;
	struct compose_file *f;
	struct compose_env env;
	struct compose_ctx ic;
	unsigned depth = 1;
	char *path;

	if (!rel || !tree_is_scalar(at)) {
		diag_add(fc->diags, fc->src->path, at->loc, DIAG_ERROR,
			 "include: a path must be a string");
		return;
	}
	path = compose_join(fc->src->path, rel);
	for (up = cc->included; up; up = up->up, depth++)
		if (!strcmp(up->path, path))
			break;
	if (up || !strcmp(path, cc->fc.model->path)) {
		diag_add(fc->diags, fc->src->path, at->loc, DIAG_ERROR,
			 "%s includes itself (through this include)", path);
		free(path);
		return;
	}
	f = compose_files_get(cc->files, path, fc->diags, fc->src->path,
			      at->loc);
	free(path);
	if (!f || (f->include_depth && f->include_depth <= depth))
		return;		/* read in already, from as high up */
	f->include_depth = depth;
	model_note_read(fc->model, f->path);
	compose_env_load(&env, f->path, fc->diags);
	here.path = f->path;
	here.up = cc->included;
	ic = *cc;
	ic.fc.src = f->src;
	ic.env = &env;
	ic.path = arena_strdup(fc->model->arena, f->path);
	ic.own = false;
	ic.included = &here;
	read_file(&ic, f->doc, NULL, NULL);
	compose_env_free(&env);
}

/* include: [PATH, {path: PATH}, {path: [PATH, ...]}] */
static void includes(struct compose_ctx *cc, const struct tree_node *doc)
{
	struct front_ctx *fc = &cc->fc;
	const struct compose_include *up;
	const struct tree_node *l, *p;
	size_t i, k, depth = 0;

	if (front_get_list(fc, doc, "include", &l) <= 0)
		return;
	for (up = cc->included; up; up = up->up)
		depth++;
	if (depth >= COMPOSE_MAX_INCLUDES) {
		diag_add(fc->diags, fc->src->path, l->loc, DIAG_ERROR,
			 "include nested deeper than %d files (or a cycle)",
			 COMPOSE_MAX_INCLUDES);
		return;
	}
	for (i = 0; i < l->u.list.n; i++) {
		const struct tree_node *it = l->u.list.items[i];

		p = tree_is_map(it) ? tree_get(it, "path") : it;
		if (tree_is_list(p))
			for (k = 0; k < p->u.list.n; k++)
				include_one(cc, p->u.list.items[k]);
		else if (p)
			include_one(cc, p);
		else
			diag_add(fc->diags, fc->src->path, it->loc,
				 DIAG_ERROR, "include entry without a path");
	}
}

/* A file's includes, then its services (merged with an override's). */
static void read_file(struct compose_ctx *cc, const struct tree_node *doc,
		      struct compose_ctx *ov, const struct tree_node *ov_doc)
{
	if (!tree_is_map(doc))
		return;
	includes(cc, doc);
	read_services(cc, services_of(&cc->fc, doc), ov,
		      ov ? services_of(&ov->fc, ov_doc) : NULL);
}

/* --- the front end ----------------------------------------------------- */

/*
 * The override file of a project, read for merging (its own errors are
 * reported when it is scanned: here it is only left out, with a warning).
 */
static const struct compose_file *load_override(struct compose_ctx *cc,
						const char *path,
						const struct tree_node *doc)
{
	struct front_ctx *fc = &cc->fc;
	struct diags scratch = { 0 };
	const struct compose_file *f = compose_files_get(cc->files, path,
							 &scratch,
							 fc->src->path,
							 doc->loc);

	diags_free(&scratch);
	if (!f || !tree_is_map(f->doc)) {
		diag_add(fc->diags, fc->src->path, doc->loc, DIAG_WARNING,
			 "%s is not merged: it does not read as a Compose "
			 "file", path);
		return NULL;
	}
	model_note_read(fc->model, f->path);
	return f;
}

/* The containers of an override read alone are partial: say so once. */
static void mark_partial(struct front_ctx *fc, size_t first,
			 const struct tree_node *doc)
{
	size_t i;

	for (i = first; i < fc->model->n; i++)
		fc->model->objs[i]->partial = true;
	diag_add(fc->diags, fc->src->path, doc->loc, DIAG_NOTE,
		 "an override file with no compose.yaml beside it: judged "
		 "as a partial file, on what it sets only (what it lacks "
		 "may come from the file it overrides)");
}

static void compose_build(struct front_ctx *fc, const struct tree_node *doc)
{
	size_t first = fc->model->n;
	char *other = NULL;
	enum compose_role role = compose_role(fc->src->path, &other);
	const struct compose_file *ovf = NULL;
	struct compose_files files = { { 0 }, 0 };
	struct compose_env env;
	struct compose_ctx cc = { *fc, &env, &files, NULL, NULL, true }, ov;

	if (role == COMPOSE_IN_PROJECT) {
		diag_add(fc->diags, fc->src->path, doc->loc, DIAG_NOTE,
			 "judged with %s, merged into it as docker compose "
			 "does", other);
		free(other);
		return;
	}
	compose_env_load(&env, fc->src->path, fc->diags);
	cc.path = arena_strdup(fc->model->arena, fc->src->path);
	if (role == COMPOSE_PROJECT) {
		ovf = load_override(&cc, other, doc);
		ov = cc;
		ov.fc.src = ovf ? ovf->src : NULL;
		ov.path = ovf ? arena_strdup(fc->model->arena, ovf->path) :
			  NULL;
		ov.own = false;
	}
	read_file(&cc, doc, ovf ? &ov : NULL, ovf ? ovf->doc : NULL);
	if (role == COMPOSE_PARTIAL)
		mark_partial(fc, first, doc);
	compose_files_free(&files);
	compose_env_free(&env);
	free(other);
}

/* An override whose project file is beside it is judged by that file. */
static char *compose_judged_with(const char *path)
{
	char *other = NULL;

	if (compose_role(path, &other) == COMPOSE_IN_PROJECT)
		return other;
	free(other);
	return NULL;
}

const struct front front_compose = {
	.name = "compose",
	.summary = "Docker Compose files",
	.match_path = compose_match_path,
	.detect = compose_detect,
	.build = compose_build,
	.judged_with = compose_judged_with,
};
