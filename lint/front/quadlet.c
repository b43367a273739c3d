/*
 * quadlet.c - Podman Quadlet units into container objects.
 *
 * A `NAME.container` unit is a `podman run` that systemd starts: each key
 * of its [Container] section becomes the podman flag Quadlet would write
 * (podman pkg/systemd/quadlet), and that flag is read by the run line's
 * own flag reader (front_run_flags), so a Quadlet container means exactly
 * what the same `podman run` line means, and every container rule
 * applies.  PodmanArgs is split exec-style and read as flags too; it comes
 * last, so it overrides what the keys said.
 *
 * How Quadlet reads values: a scalar key's last assignment wins, and one
 * pair of surrounding double quotes goes; a list key adds up every
 * assignment (AddCapability, Volume, ...), an empty assignment clearing
 * what came before; booleans are 1/yes/true/on, anything else false.
 *
 * Exec* lines of any section are read for host commands (setenforce 0).
 *
 * What it does not do (yet): merge the drop-ins of NAME.container.d/ and
 * container.d/ over the unit (they are read for syntax only), and make
 * objects of .pod, .kube and .build units (read for syntax only).
 */
#include "front/shell.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"

/* Continuation lines of one value we map to the file. */
#define QUADLET_MAX_PIECES 4096

static const char *const unit_exts[] = {
	".container", ".pod", ".kube", ".build", NULL
};

static bool quadlet_match_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t i;

	for (i = 0; unit_exts[i]; i++) {
		char *dir;
		bool hit;

		if (str_has_suffix(base, unit_exts[i]) &&
		    strlen(base) > strlen(unit_exts[i]))
			return true;
		/* a drop-in: <anything><ext>.d/<name>.conf */
		if (!slash || !str_has_suffix(base, ".conf"))
			continue;
		dir = xasprintf("%s.d", unit_exts[i] + 1);
		hit = (size_t)(slash - path) >= strlen(dir) &&
		      !strncmp(slash - strlen(dir), dir, strlen(dir));
		free(dir);
		if (hit)
			return true;
	}
	return false;
}

/*
 * A unit with a [Container] section, not a drop-in (drop-ins are merged
 * over a unit, never containers alone); any name, for standard input.
 */
static bool is_container_unit(const char *path, const struct tree_node *doc)
{
	return (tree_get(doc, "Container") || tree_get(doc, "X-Container")) &&
	       !str_has_suffix(path, ".conf");
}

/* --- one value: its text, unquoted, and where it is ---------------------- */

struct qval {
	const struct tree_pair *p;
	struct shell_where w;
	size_t off[QUADLET_MAX_PIECES];
	struct loc at[QUADLET_MAX_PIECES];
};

/* Map the value of p to the file (one piece per continuation line). */
static void qval_map(struct front_ctx *fc, struct qval *v,
		     const struct tree_pair *p)
{
	memset(&v->w, 0, sizeof(v->w));
	v->p = p;
	v->w.src = fc->src;
	v->w.line_off = v->off;
	v->w.line_at = v->at;
	v->w.nlines = read_ini_pieces(fc->src, p->value, v->off, v->at,
				      QUADLET_MAX_PIECES);
	if (!v->w.nlines) {
		v->off[0] = 0;
		v->at[0] = p->value->loc;
		v->w.nlines = 1;
	}
}

/* One flag with its value, read as the run line reads it, at `off`. */
static void run_flag(struct front_ctx *fc, struct mobj *c,
		     const struct qval *v, const char *flag, const char *val,
		     size_t off)
{
	struct shell_token t;
	struct shell_where w = v->w;
	size_t shift = strlen(flag) + 1;
	size_t *offs = xcalloc(w.nlines, sizeof(*offs));
	size_t i;

	/* The token "--flag=value" stands where the value does. */
	for (i = 0; i < w.nlines; i++)
		offs[i] = v->off[i] + shift;
	w.line_off = offs;
	t.text = xasprintf("%s=%s", flag, val);
	t.off = off + shift;
	front_run_flags(fc, c, &w, &t, 1);
	free(t.text);
	free(offs);
}

/* A scalar value: one pair of surrounding double quotes goes. */
static char *unquote(const char *s, size_t *skip)
{
	size_t n = strlen(s);

	*skip = 0;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		*skip = 1;
		return xstrndup(s + 1, n - 2);
	}
	return xstrdup(s);
}

static bool quadlet_bool(const char *s)
{
	return !strcasecmp(s, "1") || !strcasecmp(s, "yes") ||
	       !strcasecmp(s, "true") || !strcasecmp(s, "on");
}

/* --- the [Container] keys ------------------------------------------------- */

enum qkind {
	Q_SCALAR,	/* last wins, unquoted */
	Q_WORDS,	/* all add up, split into words */
	Q_LINES,	/* all add up, one value a line */
	Q_ARGS,		/* all add up, exec-style words: podman flags */
};

struct qkey {
	const char *key;
	enum qkind kind;
	const char *flag;	/* the podman flag, or NULL (see apply) */
	const char *prefix;	/* put before the value (security-opt) */
};

static const struct qkey container_keys[] = {
	{ "AddCapability", Q_WORDS, "--cap-add", "" },
	{ "DropCapability", Q_WORDS, "--cap-drop", "" },
	{ "AddDevice", Q_WORDS, "--device", "" },
	{ "Sysctl", Q_WORDS, "--sysctl", "" },
	{ "UIDMap", Q_WORDS, NULL, "" },
	{ "GIDMap", Q_WORDS, NULL, "" },
	{ "Volume", Q_LINES, "--volume", "" },
	{ "Network", Q_LINES, "--network", "" },
	{ "GroupAdd", Q_LINES, "--group-add", "" },
	{ "Mount", Q_ARGS, "--mount", "" },
	{ "Unmask", Q_ARGS, "--security-opt", "unmask=" },
	{ "Mask", Q_ARGS, "--security-opt", "mask=" },
	{ "UserNS", Q_SCALAR, "--userns", "" },
	{ "SeccompProfile", Q_SCALAR, "--security-opt", "seccomp=" },
	{ "AppArmor", Q_SCALAR, "--security-opt", "apparmor=" },
	{ "SecurityLabelType", Q_SCALAR, "--security-opt", "label=type:" },
	{ "SecurityLabelLevel", Q_SCALAR, "--security-opt", "label=level:" },
	{ "SecurityLabelDisable", Q_SCALAR, NULL, "" },
	{ "NoNewPrivileges", Q_SCALAR, NULL, "" },
	{ "ReadOnly", Q_SCALAR, NULL, "" },
	{ "Image", Q_SCALAR, NULL, "" },
	{ "ContainerName", Q_SCALAR, NULL, "" },
	{ "PodmanArgs", Q_ARGS, NULL, "" },
};

struct quadlet {
	struct front_ctx *fc;
	struct mobj *c;
	const struct tree_node *sec;	/* the [Container] entries */
	struct qval v;			/* scratch, large: kept off the stack */
};

/* A key Quadlet reads as a boolean, and the user's own fields. */
static void scalar_key(struct quadlet *q, const struct qkey *k,
		       const char *val, size_t off)
{
	struct model *m = q->fc->model;
	struct loc at = shell_where_at(&q->v.w, off);

	if (k->flag) {
		char *full = xasprintf("%s%s", k->prefix, val);

		if (*val)
			run_flag(q->fc, q->c, &q->v, k->flag, full, off);
		free(full);
	} else if (!strcmp(k->key, "SecurityLabelDisable")) {
		if (quadlet_bool(val))
			mobj_set_bool(q->c, CF_SELINUX_DISABLED, true, at);
	} else if (!strcmp(k->key, "NoNewPrivileges")) {
		mobj_set_bool(q->c, CF_NO_NEW_PRIVS, quadlet_bool(val), at);
	} else if (!strcmp(k->key, "ReadOnly")) {
		mobj_set_bool(q->c, CF_READ_ONLY_ROOT, quadlet_bool(val), at);
	} else if (!strcmp(k->key, "Image")) {
		mobj_set_str(m, q->c, CF_IMAGE, val, at);
	} else if (!strcmp(k->key, "ContainerName")) {
		mobj_set_str(m, q->c, CF_NAME, val, at);
	}
}

/* A UIDMap/GIDMap word: container:host:size; 0 on 0 maps root to root. */
static void id_map(struct quadlet *q, const char *word, struct loc at)
{
	const char *w = word[0] == '+' ? word + 1 : word;

	mobj_set_bool(q->c, CF_HOST_USERS, false, at);
	if (str_has_prefix(w, "0:0:") || str_has_prefix(w, "0:@0:"))
		mobj_set_bool(q->c, CF_ROOT_MAPS_TO_ROOT, true, at);
}

/* PodmanArgs: flags, with positional words skipped. */
static void podman_args(struct quadlet *q, struct shell_token *tok,
			size_t n)
{
	size_t i = 0;

	while (i < n) {
		i += front_run_flags(q->fc, q->c, &q->v.w, tok + i, n - i);
		if (i < n)
			i++;
	}
}

/* Every word of a list or args value. */
static void words_key(struct quadlet *q, const struct qkey *k,
		      const char *text)
{
	struct shell_token *tok = xcalloc(SHELL_MAX_TOKENS, sizeof(*tok));
	size_t pos = 0, n, i;

	n = shell_tokenize(text, strlen(text), &pos, tok, SHELL_MAX_TOKENS,
			   SHELL_WORDS);
	if (!strcmp(k->key, "PodmanArgs"))
		podman_args(q, tok, n);
	for (i = 0; i < n && strcmp(k->key, "PodmanArgs"); i++) {
		struct loc at = shell_where_at(&q->v.w, tok[i].off);
		char *full;
		const char *w = tok[i].text;

		if (!k->flag) {
			id_map(q, w, at);
			continue;
		}
		if (!strcmp(k->key, "AddDevice") && w[0] == '-')
			w++;
		full = xasprintf("%s%s", k->prefix, w);
		run_flag(q->fc, q->c, &q->v, k->flag, full, tok[i].off);
		free(full);
	}
	shell_tokens_free(tok, n);
	free(tok);
}

/* Index of the first assignment of `key` that counts (after a clear). */
static size_t first_counted(const struct tree_node *sec, const char *key)
{
	size_t i, from = 0;

	for (i = 0; i < sec->u.map.n; i++)
		if (!strcmp(sec->u.map.pairs[i].key->u.s.text, key) &&
		    !sec->u.map.pairs[i].value->u.s.len)
			from = i + 1;
	return from;
}

static void apply_key(struct quadlet *q, const struct qkey *k)
{
	const struct tree_node *sec = q->sec;
	const struct tree_pair *last = NULL;
	size_t i;

	for (i = first_counted(sec, k->key); i < sec->u.map.n; i++) {
		const struct tree_pair *p = &sec->u.map.pairs[i];

		if (strcmp(p->key->u.s.text, k->key))
			continue;
		if (k->kind == Q_SCALAR) {
			last = p;
			continue;
		}
		qval_map(q->fc, &q->v, p);
		if (k->kind == Q_LINES)
			scalar_key(q, k, p->value->u.s.text, 0);
		else
			words_key(q, k, p->value->u.s.text);
	}
	if (last) {
		size_t skip;
		char *val = unquote(last->value->u.s.text, &skip);

		qval_map(q->fc, &q->v, last);
		scalar_key(q, k, val, skip);
		free(val);
	}
}

/* The last assignment of `key` in section `sec`, or NULL. */
static const struct tree_pair *last_of(const struct tree_node *sec,
				       const char *key)
{
	const struct tree_pair *last = NULL;
	size_t i;

	for (i = 0; i < sec->u.map.n; i++)
		if (!strcmp(sec->u.map.pairs[i].key->u.s.text, key))
			last = &sec->u.map.pairs[i];
	return last;
}

/* User= and Group= make one --user (a Group alone was refused before). */
static void user_keys(struct quadlet *q)
{
	const struct tree_pair *user = last_of(q->sec, "User");
	const struct tree_pair *group = last_of(q->sec, "Group");
	size_t skip;
	char *u, *spec;

	if (!user)
		return;
	u = unquote(user->value->u.s.text, &skip);
	spec = group ? xasprintf("%s:%s", u, group->value->u.s.text) :
		       xstrdup(u);
	qval_map(q->fc, &q->v, user);
	if (*u)
		run_flag(q->fc, q->c, &q->v, "--user", spec, skip);
	free(u);
	free(spec);
}

/* How messages name the container: its unit file's name. */
static char *unit_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!str_has_suffix(path, ".container"))
		return xstrdup("the Quadlet container");
	return xstrdup(slash ? slash + 1 : path);
}

static int container(struct front_ctx *fc, const struct tree_node *doc)
{
	const struct tree_pair *sec = tree_get_pair(doc, "Container");
	const struct tree_pair *group;
	struct quadlet *q;
	char *name;
	size_t i;

	if (!sec)
		sec = tree_get_pair(doc, "X-Container");
	group = last_of(sec->value, "Group");
	if (group && !last_of(sec->value, "User")) {
		diag_add(fc->diags, fc->src->path, group->key->loc,
			 DIAG_ERROR, "Group= without User=: Quadlet does not "
			 "make this unit");
		return -1;
	}
	q = xcalloc(1, sizeof(*q));
	q->fc = fc;
	q->sec = sec->value;
	name = unit_name(fc->src->path);
	q->c = model_add(fc->model, MO_CONTAINER, name, sec->value->loc);
	free(name);
	mobj_set_str(fc->model, q->c, CF_FORMAT, "quadlet", q->c->loc);
	mobj_set_str(fc->model, q->c, CF_RUNTIME, "podman", q->c->loc);
	user_keys(q);
	for (i = 0; i < ARRAY_SIZE(container_keys); i++)
		apply_key(q, &container_keys[i]);
	free(q);
	return 0;
}

/* Exec*= lines of every section: host commands (setenforce 0, ...). */
static void exec_lines(struct front_ctx *fc, const struct tree_node *doc)
{
	struct qval *v = xcalloc(1, sizeof(*v));
	struct shell_token *tok = xcalloc(SHELL_MAX_TOKENS, sizeof(*tok));
	size_t i, j;

	for (i = 0; i < doc->u.map.n; i++) {
		const struct tree_node *sec = doc->u.map.pairs[i].value;

		for (j = 0; j < sec->u.map.n; j++) {
			const struct tree_pair *p = &sec->u.map.pairs[j];
			size_t pos = 0, n;

			if (!str_has_prefix(p->key->u.s.text, "Exec"))
				continue;
			qval_map(fc, v, p);
			n = shell_tokenize(p->value->u.s.text,
					   p->value->u.s.len, &pos, tok,
					   SHELL_MAX_TOKENS, SHELL_WORDS);
			front_host_command(fc, &v->w, tok, n);
			shell_tokens_free(tok, n);
		}
	}
	free(tok);
	free(v);
}

static bool never(const struct tree_node *doc)
{
	(void)doc;
	return false;
}

static int quadlet_build(struct front_ctx *fc, const struct tree_node *doc)
{
	if (!tree_is_map(doc))
		return 0;
	exec_lines(fc, doc);
	if (str_has_suffix(fc->src->path, ".container") &&
	    !is_container_unit(fc->src->path, doc)) {
		diag_add(fc->diags, fc->src->path, doc->loc, DIAG_ERROR,
			 "a .container unit needs a [Container] section");
		return -1;
	}
	if (!is_container_unit(fc->src->path, doc))
		return 0;
	return container(fc, doc);
}

const struct front front_quadlet = {
	.name = "quadlet",
	.summary = "Podman Quadlet units: .container (.pod, .kube, .build "
		   "and drop-ins: syntax)",
	.reader = &reader_ini,
	.match_path = quadlet_match_path,
	.detect = never,
	.build = quadlet_build,
};
