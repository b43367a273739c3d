/*
 * config.c - reading and checking `.cagelint.yaml` (see config.h).
 *
 * The file goes through the same YAML reader as every input, so its
 * syntax errors read like theirs.  Each top-level key has one reader in
 * the table below; a key no reader has is an error with the closest
 * known key.  Values are checked here as far as they can be without the
 * rules (severities, profiles, versions, runtimes, dates); rule names
 * wait for config_apply_rules(), once the rules (and rules-dir) are
 * loaded.  It does not apply anything to the command line.
 */
#include "filter/config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/source.h"
#include "filter/glob.h"
#include "read/read.h"

/* Folders climbed looking for the file (bounds the walk on odd trees). */
#define CONFIG_MAX_DEPTH 64

struct cfg_ctx {
	struct config *c;
	const char *file;
	struct diags *d;
	int errors;
};

static void cfg_error(struct cfg_ctx *x, struct loc loc, const char *fmt,
		      ...) PRINTF_LIKE(3, 4);

static void cfg_error(struct cfg_ctx *x, struct loc loc, const char *fmt,
		      ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(x->d, x->file, loc, DIAG_ERROR, fmt, ap);
	va_end(ap);
	x->errors++;
}

/* " (did you mean \"x\"?)" for the closest of `names`, or "". */
static char *did_you_mean(const char *want, const char *const *names)
{
	struct str_suggest s;

	str_suggest_init(&s, want);
	for (; *names; names++)
		str_suggest_try(&s, *names);
	return s.best ? xasprintf(" (did you mean \"%s\"?)", s.best) :
	       xstrdup("");
}

/* The text of a scalar, or an error naming what `key` wants. */
static const char *scalar(struct cfg_ctx *x, const struct tree_node *n,
			  const char *key)
{
	const char *t = tree_is_scalar(n) ? tree_text(n) : NULL;

	if (!t)
		cfg_error(x, n->loc, "%s: expected a single value", key);
	return t;
}

/* A value from `names` (NULL-terminated), or an error with a hint. */
static const char *one_of(struct cfg_ctx *x, const struct tree_node *n,
			  const char *key, const char *const *names)
{
	const char *t = scalar(x, n, key);
	char *hint;

	if (!t || str_in_list(names, t))
		return t;
	hint = did_you_mean(t, names);
	cfg_error(x, n->loc, "%s: unknown value \"%s\"%s", key, t, hint);
	free(hint);
	return NULL;
}

/* A scalar or a list of scalars, as words with their places. */
static void words(struct cfg_ctx *x, const struct tree_node *n,
		  const char *key, struct config_words *out)
{
	size_t i, count = tree_is_list(n) ? n->u.list.n : 1;

	if (count > CONFIG_MAX_ITEMS) {
		cfg_error(x, n->loc, "%s: more than %d entries", key,
			  CONFIG_MAX_ITEMS);
		return;
	}
	out->v = xrealloc(out->v, (out->n + count) * sizeof(*out->v));
	for (i = 0; i < count; i++) {
		const struct tree_node *e = tree_is_list(n) ?
					    n->u.list.items[i] : n;
		const char *t = scalar(x, e, key);

		if (!t)
			continue;
		out->v[out->n].text = xstrdup(t);
		out->v[out->n++].loc = e->loc;
	}
}

static void words_free(struct config_words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].text);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

/* --- one reader per key -------------------------------------------------- */

static const char *const severity_names[] = {
	"critical", "high", "medium", "low", "info", "none", NULL
};

/* A rule's own severity: no "none" (disable it instead). */
static const char *const rule_severity_names[] = {
	"critical", "high", "medium", "low", "info", NULL
};

static void key_profile(struct cfg_ctx *x, const struct tree_node *v)
{
	static const char *const names[] = {
		"default", "pss-baseline", "pss-restricted", "all", NULL
	};
	struct config_words w = { NULL, 0 };
	size_t i;

	words(x, v, "profile", &w);
	for (i = 0; i < w.n; i++) {
		char *hint;

		if (profile_parse(w.v[i].text)) {
			x->c->profiles |= profile_parse(w.v[i].text);
			continue;
		}
		hint = did_you_mean(w.v[i].text, names);
		cfg_error(x, w.v[i].loc, "profile: unknown profile \"%s\"%s",
			  w.v[i].text, hint);
		free(hint);
	}
	words_free(&w);
}

static void key_fail_on(struct cfg_ctx *x, const struct tree_node *v)
{
	const char *t = one_of(x, v, "fail-on", severity_names);

	if (t)
		x->c->fail_on = severity_parse(t);
}

static void key_k8s_version(struct cfg_ctx *x, const struct tree_node *v)
{
	const char *t = scalar(x, v, "k8s-version");

	if (!t)
		return;
	x->c->k8s_minor = k8s_version_parse(t);
	if (x->c->k8s_minor < 0)
		cfg_error(x, v->loc, "k8s-version: \"%s\" is not a Kubernetes "
			  "version from 1.0 to 1." STRINGIFY(K8S_MINOR_LATEST)
			  " (or latest)", t);
}

static void key_runtime(struct cfg_ctx *x, const struct tree_node *v)
{
	static const char *const names[] = {
		"docker", "podman", "containerd", "cri-o", NULL
	};
	const char *t = one_of(x, v, "runtime", names);

	if (t)
		x->c->runtime = xstrdup(t);
}

static void key_enable(struct cfg_ctx *x, const struct tree_node *v)
{
	words(x, v, "enable", &x->c->enable);
}

static void key_disable(struct cfg_ctx *x, const struct tree_node *v)
{
	words(x, v, "disable", &x->c->disable);
}

static void key_rules_dir(struct cfg_ctx *x, const struct tree_node *v)
{
	const char *t = scalar(x, v, "rules-dir");

	if (!t)
		return;
	x->c->rules_dir = t[0] == '/' || !x->c->dir ? xstrdup(t) :
			  xasprintf("%s/%s", x->c->dir, t);
}

static void key_severity(struct cfg_ctx *x, const struct tree_node *v)
{
	struct config *c = x->c;
	size_t i;

	if (!tree_is_map(v) || c->severity_values) {
		cfg_error(x, v->loc, "severity: expected one map of rule: "
			  "severity");
		return;
	}
	if (v->u.map.n > CONFIG_MAX_ITEMS) {
		cfg_error(x, v->loc, "severity: more than %d entries",
			  CONFIG_MAX_ITEMS);
		return;
	}
	c->severity_values = xcalloc(v->u.map.n + 1,
				     sizeof(*c->severity_values));
	for (i = 0; i < v->u.map.n; i++) {
		const struct tree_pair *p = &v->u.map.pairs[i];
		const char *sev = one_of(x, p->value, "severity",
					 rule_severity_names);

		if (!sev || !tree_text(p->key))
			continue;
		words(x, p->key, "severity", &c->severity_rules);
		c->severity_values[c->severity_rules.n - 1] =
			severity_parse(sev);
	}
}

static void key_ignore_paths(struct cfg_ctx *x, const struct tree_node *v)
{
	struct config_words w = { NULL, 0 };
	size_t i;

	words(x, v, "ignore-paths", &w);
	x->c->ignore_paths = xcalloc(w.n + 1, sizeof(char *));
	for (i = 0; i < w.n; i++) {
		x->c->ignore_paths[i] = w.v[i].text;
		w.v[i].text = NULL;
	}
	x->c->nignore_paths = w.n;
	words_free(&w);
}

/* --- suppress: a list of {rules, paths, reason, until} ------------------- */

static void suppress_globs(struct cfg_ctx *x, struct waiver *wv,
			   const struct tree_node *v)
{
	struct config_words w = { NULL, 0 };
	size_t i;

	words(x, v, "suppress: paths", &w);
	wv->globs = xcalloc(w.n + 1, sizeof(char *));
	for (i = 0; i < w.n; i++) {
		wv->globs[i] = w.v[i].text;
		w.v[i].text = NULL;
	}
	wv->nglobs = w.n;
	words_free(&w);
}

static void suppress_field(struct cfg_ctx *x, struct waiver *wv,
			   const struct tree_pair *p)
{
	static const char *const keys[] = {
		"rules", "paths", "reason", "until", NULL
	};
	const char *k = tree_text(p->key);
	const char *t;
	char *hint;
	size_t i;

	if (k && (!strcmp(k, "rules") || !strcmp(k, "rule"))) {
		struct config_words w = { NULL, 0 };

		words(x, p->value, "suppress: rules", &w);
		for (i = 0; i < w.n; i++)
			waiver_add_rules(wv, w.v[i].text, strlen(w.v[i].text));
		words_free(&w);
	} else if (k && !strcmp(k, "paths")) {
		suppress_globs(x, wv, p->value);
	} else if (k && !strcmp(k, "reason")) {
		t = scalar(x, p->value, "suppress: reason");
		str_replace(&wv->reason, xstrdup(t ? t : ""));
	} else if (k && !strcmp(k, "until")) {
		t = scalar(x, p->value, "suppress: until");
		if (t && !waiver_date_valid(t))
			cfg_error(x, p->value->loc, "suppress: until: \"%s\" is "
				  "not a date written YYYY-MM-DD", t);
		else if (t)
			wv->until = xstrdup(t);
	} else {
		hint = did_you_mean(k ? k : "", keys);
		cfg_error(x, p->key->loc, "suppress: unknown key \"%s\"%s",
			  k ? k : "?", hint);
		free(hint);
	}
}

static void key_suppress(struct cfg_ctx *x, const struct tree_node *v)
{
	size_t i, j;

	if (!tree_is_list(v) || v->u.list.n > CONFIG_MAX_ITEMS) {
		cfg_error(x, v->loc, "suppress: expected a list of {rules, "
			  "paths, reason, until} (at most %d)",
			  CONFIG_MAX_ITEMS);
		return;
	}
	for (i = 0; i < v->u.list.n; i++) {
		const struct tree_node *e = v->u.list.items[i];
		struct waiver *wv;

		if (!tree_is_map(e)) {
			cfg_error(x, e->loc, "suppress: each entry is a map "
				  "with rules, paths, reason, until");
			continue;
		}
		wv = waivers_add(&x->c->suppress, WAIVER_CONFIG, x->file,
				 e->loc);
		wv->line = e->loc.line;
		for (j = 0; j < e->u.map.n; j++)
			suppress_field(x, wv, &e->u.map.pairs[j]);
		if (!wv->nrules)
			cfg_error(x, e->loc, "suppress: an entry needs "
				  "\"rules\"");
	}
}

/* --- render, helm: charts and overlays ------------------------------------ */

static void key_render(struct cfg_ctx *x, const struct tree_node *v)
{
	int b = tree_bool(v);

	if (b < 0)
		cfg_error(x, v->loc, "render: expected true or false");
	else
		x->c->render_off = !b;
}

/* A path of the file made absolute: relative to the file's folder. */
static char *from_config_dir(const struct cfg_ctx *x, const char *p)
{
	return p[0] == '/' || !x->c->dir ? xstrdup(p) :
	       xasprintf("%s/%s", x->c->dir, p);
}

static void chart_values(struct cfg_ctx *x, struct config_chart *ch,
			 const struct tree_node *v)
{
	const struct tree_pair *p = tree_get_pair(v, "values");
	struct config_words w = { NULL, 0 };
	size_t i;

	if (!tree_is_map(v) || v->u.map.n != 1 || !p) {
		cfg_error(x, v->loc, "helm: a chart takes one key, values: "
			  "[FILE, ...]");
		return;
	}
	words(x, p->value, "helm: values", &w);
	ch->values = xcalloc(w.n + 1, sizeof(char *));
	for (i = 0; i < w.n; i++)
		ch->values[i] = from_config_dir(x, w.v[i].text);
	ch->nvalues = w.n;
	words_free(&w);
}

static void key_helm(struct cfg_ctx *x, const struct tree_node *v)
{
	struct config *c = x->c;
	size_t i;

	if (!tree_is_map(v) || c->charts) {
		cfg_error(x, v->loc, "helm: expected one map of chart folder: "
			  "{ values: [FILE, ...] }");
		return;
	}
	c->charts = xcalloc(v->u.map.n + 1, sizeof(*c->charts));
	for (i = 0; i < v->u.map.n && i < CONFIG_MAX_ITEMS; i++) {
		const struct tree_pair *p = &v->u.map.pairs[i];
		const char *dir = scalar(x, p->key, "helm");

		if (!dir)
			continue;
		c->charts[c->ncharts].dir = from_config_dir(x, dir);
		chart_values(x, &c->charts[c->ncharts++], p->value);
	}
}

struct cfg_key {
	const char *name;
	void (*read)(struct cfg_ctx *x, const struct tree_node *v);
};

static const struct cfg_key cfg_keys[] = {
	{ "profile", key_profile },
	{ "fail-on", key_fail_on },
	{ "k8s-version", key_k8s_version },
	{ "runtime", key_runtime },
	{ "enable", key_enable },
	{ "disable", key_disable },
	{ "severity", key_severity },
	{ "ignore-paths", key_ignore_paths },
	{ "suppress", key_suppress },
	{ "rules-dir", key_rules_dir },
	{ "render", key_render },
	{ "helm", key_helm },
};

static void read_key(struct cfg_ctx *x, const struct tree_pair *p)
{
	const char *names[ARRAY_SIZE(cfg_keys) + 1];
	const char *k = tree_text(p->key);
	char *hint;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cfg_keys); i++) {
		if (k && !strcmp(k, cfg_keys[i].name)) {
			cfg_keys[i].read(x, p->value);
			return;
		}
		names[i] = cfg_keys[i].name;
	}
	names[i] = NULL;
	hint = did_you_mean(k ? k : "", names);
	cfg_error(x, p->key->loc, "unknown key \"%s\"%s", k ? k : "?", hint);
	free(hint);
}

/* --- finding and loading ------------------------------------------------- */

static bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

char *config_find(const char *explicit_path)
{
	struct strbuf up = STRBUF_INIT;
	char *dir, *cand = NULL;
	int depth;

	if (explicit_path)
		return xstrdup(explicit_path);
	dir = realpath(".", NULL);
	/* Named relative to the current folder, as inputs are. */
	for (depth = 0; dir && depth < CONFIG_MAX_DEPTH; depth++) {
		char *git = xasprintf("%s/.git", dir);
		bool root = !access(git, F_OK) || !strcmp(dir, "/");
		char *slash;

		free(git);
		cand = xasprintf("%s%s", up.buf ? up.buf : "",
				 CONFIG_FILE_NAME);
		if (is_file(cand) || root)
			break;
		free(cand);
		cand = NULL;
		sb_adds(&up, "../");
		slash = strrchr(dir, '/');
		slash[slash == dir] = '\0';
	}
	free(dir);
	sb_free(&up);
	if (cand && !is_file(cand)) {
		free(cand);
		cand = NULL;
	}
	return cand;
}

static char *folder_of(const char *file)
{
	char *abs = realpath(file, NULL);
	char *slash;

	if (!abs)
		return NULL;
	slash = strrchr(abs, '/');
	slash[slash == abs] = '\0';
	return abs;
}

int config_load(struct config *c, const char *file, struct diags *d)
{
	struct cfg_ctx x = { c, file, d, 0 };
	struct source *src;
	struct tree *t;
	size_t i;

	memset(c, 0, sizeof(*c));
	c->fail_on = -1;
	c->k8s_minor = -1;
	c->path = xstrdup(file);
	c->dir = folder_of(file);
	src = source_read(file, file, 0, d);
	if (!src)
		return -1;
	t = tree_new();
	if (read_yaml(t, src, d)) {
		x.errors++;
	} else if (t->ndocs && !tree_is_map(t->docs[0]) &&
		   !(tree_is_scalar(t->docs[0]) && !tree_text(t->docs[0])[0])) {
		cfg_error(&x, t->docs[0]->loc, "expected a map of settings");
	} else if (t->ndocs && tree_is_map(t->docs[0])) {
		for (i = 0; i < t->docs[0]->u.map.n; i++)
			read_key(&x, &t->docs[0]->u.map.pairs[i]);
	}
	tree_free(t);
	source_free(src);
	return x.errors ? -1 : 0;
}

/* --- rules -------------------------------------------------------------- */

static const struct rule *check_rule(struct cfg_ctx *x, const char *key,
				     const char *name, struct loc loc,
				     const struct ruleset *rs)
{
	const struct rule *r = rules_find(rs, name);
	struct str_suggest s;
	size_t i;

	if (r)
		return r;
	str_suggest_init(&s, name);
	for (i = 0; i < rs->n; i++) {
		str_suggest_try(&s, rs->v[i]->id);
		str_suggest_try(&s, rs->v[i]->name);
	}
	cfg_error(x, loc, "%s: unknown rule \"%s\"%s%s%s", key, name,
		  s.best ? " (did you mean \"" : "", s.best ? s.best : "",
		  s.best ? "\"?)" : "");
	return NULL;
}

static void check_words(struct cfg_ctx *x, const char *key,
			const struct config_words *w,
			const struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		check_rule(x, key, w->v[i].text, w->v[i].loc, rs);
}

int config_apply_rules(const struct config *c, struct ruleset *rs,
		       struct diags *d)
{
	struct cfg_ctx x = { (struct config *)c, c->path, d, 0 };
	size_t i, j;

	check_words(&x, "enable", &c->enable, rs);
	check_words(&x, "disable", &c->disable, rs);
	for (i = 0; i < c->suppress.n; i++) {
		const struct waiver *wv = &c->suppress.v[i];

		for (j = 0; j < wv->nrules; j++)
			check_rule(&x, "suppress", wv->rules[j], wv->loc, rs);
	}
	for (i = 0; i < c->severity_rules.n; i++) {
		const struct config_word *w = &c->severity_rules.v[i];
		const struct rule *r = check_rule(&x, "severity", w->text,
						  w->loc, rs);

		if (r)
			((struct rule *)r)->severity =
				(enum severity)c->severity_values[i];
	}
	return x.errors ? -1 : 0;
}

char *config_words_join(const struct config_words *w)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (!w->n)
		return NULL;
	for (i = 0; i < w->n; i++) {
		if (i)
			sb_addc(&sb, ',');
		sb_adds(&sb, w->v[i].text);
	}
	return sb_detach(&sb);
}

bool config_ignores(const struct config *c, const char *path)
{
	return c->nignore_paths &&
	       glob_match_any(c->ignore_paths, c->nignore_paths, c->dir,
			      path);
}

void config_free(struct config *c)
{
	size_t i;

	free(c->path);
	free(c->dir);
	free(c->runtime);
	free(c->rules_dir);
	words_free(&c->enable);
	words_free(&c->disable);
	words_free(&c->severity_rules);
	free(c->severity_values);
	for (i = 0; i < c->nignore_paths; i++)
		free(c->ignore_paths[i]);
	free(c->ignore_paths);
	waivers_free(&c->suppress);
	for (i = 0; i < c->ncharts; i++) {
		size_t j;

		free(c->charts[i].dir);
		for (j = 0; j < c->charts[i].nvalues; j++)
			free(c->charts[i].values[j]);
		free(c->charts[i].values);
	}
	free(c->charts);
	memset(c, 0, sizeof(*c));
}
