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
 * Drop-ins are merged over their unit as Quadlet does (see below), and
 * the findings about what a drop-in set point into the drop-in.  A
 * container with Pod=NAME.pod gets the pod-wide settings of that unit
 * (read from next to it, drop-ins merged the same way), and findings
 * about them point into the .pod file.  A .build unit becomes a build
 * object, and a .kube unit the containers of the YAML it plays (see
 * below).  Read on their own, drop-ins and .pod units are checked for
 * syntax and Exec lines only.
 */
#include "front/shell.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"

/* Continuation lines of one value we map to the file. */
#define QUADLET_MAX_PIECES 4096
/* Drop-in files merged over one unit; more is no configuration. */
#define QUADLET_MAX_DROPINS 256

static const char *const unit_exts[] = {
	".container", ".pod", ".kube", ".build", NULL
};

static bool quadlet_match_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = path_base(path);
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

/* NAME.EXT, NAME not empty: a unit file of kind EXT (".container"). */
static bool names_unit(const char *path, const char *ext)
{
	const char *base = path_base(path);

	return str_has_suffix(base, ext) && strlen(base) > strlen(ext);
}

static bool names_container_unit(const char *path)
{
	return names_unit(path, ".container");
}

/* A unit's own section, or its X- form: [Container], [X-Container]. */
static const struct tree_node *unit_section(const struct tree_node *doc,
					    const char *name)
{
	const struct tree_node *sec = tree_get(doc, name);
	char *x;

	if (sec)
		return sec;
	x = xasprintf("X-%s", name);
	sec = tree_get(doc, x);
	free(x);
	return sec;
}

/* --- one value: its text, unquoted, and where it is ---------------------- */

struct qval {
	const struct tree_pair *p;
	struct shell_where w;
	size_t off[QUADLET_MAX_PIECES];
	struct loc at[QUADLET_MAX_PIECES];
};

/* Map the value of p to the file (one piece per continuation line). */
static void qval_map(struct source *src, struct qval *v,
		     const struct tree_pair *p)
{
	memset(&v->w, 0, sizeof(v->w));
	v->p = p;
	v->w.src = src;
	v->w.line_off = v->off;
	v->w.line_at = v->at;
	v->w.nlines = read_ini_pieces(src, p->value, v->off, v->at,
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

/* --- the [Container] keys ------------------------------------------------ */

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
	/* reading pod-wide settings (a .pod joined, a .kube): PodmanArgs
	 * keeps only the flags that reach every container */
	bool pod_wide;
	/* [Container], drop-ins appended */
	const struct tree_node *sec;
	struct dropins *d;		/* whose each entry is (or NULL) */
	/* scratch, large: kept off the stack */
	struct qval v;
};

static void apply_value(struct quadlet *q, const struct qkey *k,
			const struct tree_pair *p);

/* --- drop-ins ------------------------------------------------------------ */

/*
 * Quadlet merges the .conf files of NAME.container.d/, of the drop-in
 * directories of the name's dash-prefixes (foo-bar-.container.d,
 * foo-.container.d), of a template (foo@.container.d) and of container.d/
 * over the unit: their
 * [Container] lines are appended to the unit's, in the order of the
 * files' names, a name found in a more specific directory hiding the
 * same name in a wider one.  Only the unit's own directory is searched
 * (not every Quadlet search path).  A drop-in that cannot be read is
 * left out here; linted on its own it reports its error.
 */
struct dropin_file {
	char *name;		/* its base name, the merge order */
	char *path;		/* as messages show it */
	struct source *src;
	struct tree *t;
};

struct dropins {
	struct dropin_file *f;
	size_t n, cap;
	/* the unit's own file when it is not the linted one (a .pod) */
	struct dropin_file *unit;
	struct tree *merged;
	/* the unit's entries, then the drop-ins' */
	struct tree_node *sec;
	size_t nunit;		/* entries [0, nunit) are the unit's */
	size_t *file_of;	/* for each later entry: its file */
	/* the container before an entry */
	struct mval before[CF__COUNT];
	size_t before_n[CF__COUNT];
};

static bool has_name(const struct dropins *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (!strcmp(d->f[i].name, name))
			return true;
	return false;
}

/* Add the .conf files of directory `dir` not already found. */
static void scan_dropin_dir(struct dropins *d, const char *dir)
{
	DIR *dh = opendir(dir);
	struct dirent *e;

	if (!dh)
		return;
	while ((e = readdir(dh)) != NULL && d->n < QUADLET_MAX_DROPINS) {
		if (!str_has_suffix(e->d_name, ".conf") ||
		    e->d_name[0] == '.' || has_name(d, e->d_name))
			continue;
		d->f = xgrow(d->f, &d->cap, d->n + 1, sizeof(*d->f));
		memset(&d->f[d->n], 0, sizeof(*d->f));
		d->f[d->n].name = xstrdup(e->d_name);
		d->f[d->n].path = xasprintf("%s/%s", dir, e->d_name);
		d->n++;
	}
	closedir(dh);
}

/* The drop-in directories of unit `path`, most specific first. */
static void find_dropins(struct dropins *d, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = path_base(path);
	const char *ext = strrchr(base, '.');
	/* with the slash: "dir/" + "x.d" names what the scan would name */
	char *dir = slash ? xstrndup(path, (size_t)(slash - path + 1)) :
			    xstrdup("");
	size_t stem = (size_t)(ext - base), i;
	const char *at = memchr(base, '@', stem);
	char *cand;

	cand = xasprintf("%s%s.d", dir, base);
	scan_dropin_dir(d, cand);
	free(cand);
	if (at && at + 1 < ext) {
		cand = xasprintf("%s%.*s%s.d", dir, (int)(at - base + 1),
				 base, ext);
		scan_dropin_dir(d, cand);
		free(cand);
	}
	for (i = stem; i-- > 0;) {
		if (base[i] != '-')
			continue;
		cand = xasprintf("%s%.*s%s.d", dir, (int)(i + 1), base, ext);
		scan_dropin_dir(d, cand);
		free(cand);
	}
	cand = xasprintf("%s%s.d", dir, ext + 1);
	scan_dropin_dir(d, cand);
	free(cand);
	free(dir);
}

static int dropin_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dropin_file *)a)->name,
		      ((const struct dropin_file *)b)->name);
}

/* Read each drop-in and append its `secname` entries to d->sec. */
static void merge_dropins(struct dropins *d, const char *secname)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		struct dropin_file *f = &d->f[i];
		struct diags ignored = { 0 };
		const struct tree_node *sec;

		f->src = source_read(f->path, f->path, 0, &ignored);
		f->t = tree_new();
		if (!f->src || read_ini(f->t, f->src, &ignored)) {
			diags_free(&ignored);
			continue;
		}
		sec = unit_section(f->t->docs[0], secname);
		for (j = 0; sec && j < sec->u.map.n; j++) {
			size_t k = d->sec->u.map.n - d->nunit;

			tree_map_push(d->merged, d->sec,
				      sec->u.map.pairs[j].key,
				      sec->u.map.pairs[j].value);
			d->file_of = xrealloc(d->file_of, (k + 1) *
					      sizeof(*d->file_of));
			d->file_of[k] = i;
		}
		diags_free(&ignored);
	}
}

static struct dropins *dropins_load(const char *path,
				    const struct tree_node *unit,
				    const char *secname, const char *ext)
{
	struct dropins *d = xcalloc(1, sizeof(*d));
	size_t i;

	d->merged = tree_new();
	d->sec = tree_map(d->merged, unit->loc);
	for (i = 0; i < unit->u.map.n; i++)
		tree_map_push(d->merged, d->sec, unit->u.map.pairs[i].key,
			      unit->u.map.pairs[i].value);
	d->nunit = unit->u.map.n;
	/* standard input and other names have no drop-in directories */
	if (names_unit(path, ext))
		find_dropins(d, path);
	if (d->n > 1)
		qsort(d->f, d->n, sizeof(*d->f), dropin_cmp);
	merge_dropins(d, secname);
	return d;
}

static void dropin_file_free(struct dropin_file *f)
{
	free(f->name);
	free(f->path);
	if (f->src)
		source_free(f->src);
	if (f->t)
		tree_free(f->t);
}

static void dropins_free(struct dropins *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		dropin_file_free(&d->f[i]);
	if (d->unit) {
		dropin_file_free(d->unit);
		free(d->unit);
	}
	free(d->f);
	free(d->file_of);
	tree_free(d->merged);
	free(d);
}

/* The drop-in an entry of the merged section comes from, or NULL. */
static struct dropin_file *dropin_of(const struct quadlet *q,
				     const struct tree_pair *p)
{
	size_t i = (size_t)(p - q->sec->u.map.pairs);

	return i < q->d->nunit ? q->d->unit : &q->d->f[q->d->file_of[i -
								q->d->nunit]];
}

static struct source *dropin_source(const struct quadlet *q,
				    const struct tree_pair *p)
{
	struct dropin_file *f = dropin_of(q, p);

	return f ? f->src : q->fc->src;
}

/* Remember the container's fields before an entry is applied. */
static void dropin_begin(struct quadlet *q)
{
	size_t i;

	for (i = 0; i < CF__COUNT; i++) {
		q->d->before[i] = q->c->f[i];
		q->d->before_n[i] = q->c->f[i].type == MV_LIST ?
				    q->c->f[i].u.list->n : 0;
	}
}

/* A value (and a sub-object's values) set from file `path`. */
static void stamp(struct mval *v, const char *path)
{
	const struct model_field *fields;
	size_t n, i;

	v->path = path;
	if (v->type != MV_OBJ)
		return;
	fields = model_fields(&n);
	for (i = 0; i < n; i++)
		if (fields[i].owner == v->u.obj->kind &&
		    v->u.obj->f[fields[i].slot].type != MV_UNSET)
			v->u.obj->f[fields[i].slot].path = path;
}

/*
 * After an entry from a drop-in: every value it set or added names the
 * drop-in's file, so that findings point there.
 */
static void dropin_end(struct quadlet *q, const struct tree_pair *p)
{
	struct dropin_file *f = dropin_of(q, p);
	const char *path;
	size_t i, k;

	if (!f)
		return;
	path = arena_strdup(q->fc->model->arena, f->path);
	for (i = 0; i < CF__COUNT; i++) {
		struct mval *cur = &q->c->f[i];
		const struct mval *old = &q->d->before[i];

		if (cur->type == MV_LIST) {
			bool same = old->type == MV_LIST &&
				    old->u.list == cur->u.list;

			if (!same)
				cur->path = path;
			for (k = same ? q->d->before_n[i] : 0;
			     k < cur->u.list->n; k++)
				stamp(&cur->u.list->v[k], path);
		} else if (memcmp(cur, old, sizeof(*cur))) {
			stamp(cur, path);
		}
	}
}

static void apply_pair(struct quadlet *q, const struct qkey *k,
		       const struct tree_pair *p)
{
	dropin_begin(q);
	qval_map(dropin_source(q, p), &q->v, p);
	apply_value(q, k, p);
	dropin_end(q, p);
}

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

/*
 * The `podman pod create` flags that reach every container of the pod
 * (its namespaces, id maps, volumes, sysctls); each takes a value.
 */
static const char *const pod_wide_flags[] = {
	"--network", "--net", "--userns", "--uidmap", "--gidmap", "--pid",
	"--uts", "--volume", "-v", "--sysctl", NULL
};

/* tok[0] is a pod-wide flag: how many words it takes (0: not one). */
static size_t pod_wide_words(const struct shell_token *tok, size_t n)
{
	size_t i, len;

	for (i = 0; pod_wide_flags[i]; i++) {
		len = strlen(pod_wide_flags[i]);
		if (strncmp(tok->text, pod_wide_flags[i], len))
			continue;
		if (tok->text[len] == '=')
			return 1;
		if (!tok->text[len])
			return n > 1 ? 2 : 0;
	}
	return 0;
}

/* A .pod's PodmanArgs: the pod-wide flags only, the others skipped. */
static void pod_args(struct quadlet *q, struct shell_token *tok, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		k = pod_wide_words(tok + i, n - i);
		if (k)
			front_run_flags(q->fc, q->c, &q->v.w, tok + i, k);
		i += k ? k : 1;
	}
}

/* PodmanArgs: flags, with positional words skipped. */
static void podman_args(struct quadlet *q, struct shell_token *tok,
			size_t n)
{
	size_t i = 0;

	if (q->pod_wide) {
		pod_args(q, tok, n);
		return;
	}
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
		if (k->kind == Q_SCALAR)
			last = p;
		else
			apply_pair(q, k, p);
	}
	if (last)
		apply_pair(q, k, last);
}

/* One assignment: a scalar unquoted, a list value word by word. */
static void apply_value(struct quadlet *q, const struct qkey *k,
			const struct tree_pair *p)
{
	size_t skip;
	char *val;

	if (k->kind == Q_LINES) {
		scalar_key(q, k, p->value->u.s.text, 0);
	} else if (k->kind != Q_SCALAR) {
		words_key(q, k, p->value->u.s.text);
	} else {
		val = unquote(p->value->u.s.text, &skip);
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
	if (*u) {
		dropin_begin(q);
		qval_map(dropin_source(q, user), &q->v, user);
		run_flag(q->fc, q->c, &q->v, "--user", spec, skip);
		dropin_end(q, user);
	}
	free(u);
	free(spec);
}

/* --- the pod a container joins ------------------------------------------ */

/*
 * The [Pod] keys of a .pod unit that reach every container in the pod:
 * `podman pod create` makes the namespaces the containers join (Network,
 * UserNS, id maps) and mounts its volumes into each of them.  They mean
 * what the same [Container] keys mean, and are applied after the
 * container's own (Podman refuses a container in a pod that sets its own
 * network or user namespace).
 */
static const char *const pod_keys[] = {
	"Network", "UserNS", "UIDMap", "GIDMap", "Volume", "PodmanArgs", NULL
};

static const struct qkey *container_key(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(container_keys); i++)
		if (!strcmp(container_keys[i].key, name))
			return &container_keys[i];
	return NULL;
}

/* The .pod unit at `path` and its drop-ins, or NULL when unreadable. */
static struct dropins *pod_load(const char *path)
{
	struct dropin_file *u = xcalloc(1, sizeof(*u));
	struct diags ignored = { 0 };
	const struct tree_node *sec = NULL;
	struct dropins *d;

	u->name = xstrdup(path_base(path));
	u->path = xstrdup(path);
	u->src = source_read(path, path, 0, &ignored);
	u->t = tree_new();
	if (u->src && !read_ini(u->t, u->src, &ignored) && u->t->ndocs)
		sec = unit_section(u->t->docs[0], "Pod");
	diags_free(&ignored);
	if (!sec) {
		dropin_file_free(u);
		free(u);
		return NULL;
	}
	d = dropins_load(path, sec, "Pod", ".pod");
	d->unit = u;
	return d;
}

/* Apply the pod-wide keys of the loaded pod `pd` to the container. */
static void apply_pod(struct quadlet *q, struct dropins *pd)
{
	struct dropins *own = q->d;
	const struct tree_node *own_sec = q->sec;
	size_t i;

	q->d = pd;
	q->sec = pd->sec;
	q->pod_wide = true;
	for (i = 0; pod_keys[i]; i++)
		apply_key(q, container_key(pod_keys[i]));
	q->pod_wide = false;
	q->d = own;
	q->sec = own_sec;
}

/*
 * Pod=NAME.pod: the pod unit is looked for next to the container's unit
 * (Quadlet searches its unit directories; a scan holds one of them).
 * Not found, a warning says its settings are unknown.
 */
static void join_pod(struct quadlet *q)
{
	const struct tree_pair *pod = last_of(q->sec, "Pod");
	const char *unit = q->fc->src->path;
	const char *slash = strrchr(unit, '/');
	struct dropins *pd;
	char *name, *path;
	size_t skip;

	if (!pod || !names_container_unit(unit))
		return;
	name = unquote(pod->value->u.s.text, &skip);
	if (!names_unit(name, ".pod") || strchr(name, '/')) {
		free(name);
		return;
	}
	path = slash ? xasprintf("%.*s/%s", (int)(slash - unit), unit, name) :
		       xstrdup(name);
	pd = pod_load(path);
	if (pd) {
		apply_pod(q, pd);
		dropins_free(pd);
	} else {
		diag_add(q->fc->diags, dropin_source(q, pod)->path,
			 pod->value->loc, DIAG_WARNING, "Pod=%s: no readable "
			 "%s with a [Pod] section next to this unit; the "
			 "pod's network, user namespace and volumes are not "
			 "known", name, path);
	}
	free(path);
	free(name);
}

/* How messages name the container: its unit file's name. */
static char *unit_name(const char *path)
{
	if (!names_container_unit(path))
		return xstrdup("the Quadlet container");
	return xstrdup(path_base(path));
}

static void container(struct front_ctx *fc, const struct tree_node *doc)
{
	const struct tree_pair *sec = tree_get_pair(doc, "Container");
	const struct tree_pair *group;
	struct quadlet *q;
	char *name;
	size_t i;

	if (!sec)
		sec = tree_get_pair(doc, "X-Container");
	q = xcalloc(1, sizeof(*q));
	q->fc = fc;
	q->d = dropins_load(fc->src->path, sec->value, "Container",
			    ".container");
	q->sec = q->d->sec;
	group = last_of(q->sec, "Group");
	if (group && !last_of(q->sec, "User")) {
		diag_add(fc->diags, fc->src->path, group->key->loc,
			 DIAG_ERROR, "Group= without User=: Quadlet does not "
			 "make this unit");
		dropins_free(q->d);
		free(q);
		return;
	}
	name = unit_name(fc->src->path);
	q->c = model_add(fc->model, MO_CONTAINER, name, sec->value->loc);
	free(name);
	mobj_set_str(fc->model, q->c, CF_FORMAT, "quadlet", q->c->loc);
	mobj_set_str(fc->model, q->c, CF_RUNTIME, "podman", q->c->loc);
	user_keys(q);
	for (i = 0; i < ARRAY_SIZE(container_keys); i++)
		apply_key(q, &container_keys[i]);
	join_pod(q);
	front_podman_userns(q->c);
	dropins_free(q->d);
	free(q);
}

/* --- .build units ------------------------------------------------------- */

/*
 * A NAME.build unit runs `podman build`, whose RUN steps run in
 * containers that get the unit's Network and Volume and the PodmanArgs
 * flags (--cap-add, --security-opt, --device, --network, --volume).
 * They are read into a scratch container by the code that reads a
 * .container (drop-ins merged, values stamped with their file), then
 * copied onto one run object that stands for every RUN step of the
 * build, so that the build rules judge them.  The Containerfile is
 * linted on its own when it is scanned.
 */
static const char *const build_keys[] = {
	"Network", "Volume", "PodmanArgs", NULL
};

/* Add string `s`, set by value `v` of the scratch container, to r's list. */
static void run_push(struct model *m, struct mobj *r, int slot,
		     const char *s, const struct mval *v)
{
	struct mlist *l = mobj_list(m, r, slot, v->loc);

	if (!l->n)
		r->f[slot].path = v->path;
	mlist_push_str(m, l, s, v->loc);
	l->v[l->n - 1].path = v->path;
}

static void copy_strings(struct model *m, const struct mobj *c, int from,
			 struct mobj *r, int to, bool caps)
{
	const struct mval *v = mobj_get(c, from);
	size_t i;

	for (i = 0; v->type == MV_LIST && i < v->u.list->n; i++) {
		const struct mval *e = &v->u.list->v[i];

		run_push(m, r, to, caps ? model_cap_normalize(m, e->u.s) :
			 e->u.s, e);
	}
}

/* What the scratch container runs without: seccomp, apparmor, selinux. */
static void copy_unconfined(struct model *m, const struct mobj *c,
			    struct mobj *r)
{
	const struct mval *sc = mobj_get(c, CF_SECCOMP_MODE);
	const struct mval *aa = mobj_get(c, CF_APPARMOR_MODE);
	const struct mval *se = mobj_get(c, CF_SELINUX_DISABLED);

	if (sc->type == MV_STR && !strcmp(sc->u.s, "unconfined"))
		run_push(m, r, RF_UNCONFINED, "seccomp", sc);
	if (aa->type == MV_STR && !strcmp(aa->u.s, "unconfined"))
		run_push(m, r, RF_UNCONFINED, "apparmor", aa);
	if (se->type == MV_BOOL && se->u.b)
		run_push(m, r, RF_UNCONFINED, "selinux", se);
}

static void copy_to_run(struct model *m, const struct mobj *c,
			struct mobj *r)
{
	const struct mval *net = mobj_get(c, CF_HOST_NETWORK);
	const struct mval *mounts = mobj_get(c, CF_MOUNTS);
	size_t i;

	if (net->type == MV_BOOL && net->u.b) {
		mobj_set_str(m, r, RF_NETWORK, "host", net->loc);
		r->f[RF_NETWORK].path = net->path;
	}
	copy_strings(m, c, CF_CAP_ADD, r, RF_CAP_ADD, true);
	copy_strings(m, c, CF_DEVICES, r, RF_DEVICES, false);
	copy_unconfined(m, c, r);
	for (i = 0; mounts->type == MV_LIST && i < mounts->u.list->n; i++) {
		const struct mobj *mo = mounts->u.list->v[i].u.obj;
		const struct mval *host = mobj_get(mo, MF_HOST_PATH);

		if (host->type == MV_STR)
			run_push(m, r, RF_HOST_PATHS, host->u.s, host);
	}
}

static void build_unit(struct front_ctx *fc, const struct tree_node *doc)
{
	const struct tree_node *sec = unit_section(doc, "Build");
	struct model *m = fc->model;
	struct quadlet *q = xcalloc(1, sizeof(*q));
	struct mobj *b, *r;
	size_t i;

	q->fc = fc;
	q->d = dropins_load(fc->src->path, sec, "Build", ".build");
	q->sec = q->d->sec;
	q->c = model_sub(m, MO_CONTAINER, sec->loc);
	for (i = 0; build_keys[i]; i++)
		apply_key(q, container_key(build_keys[i]));
	b = model_add(m, MO_BUILD, names_unit(fc->src->path, ".build") ?
		      path_base(fc->src->path) : "the Quadlet build",
		      sec->loc);
	r = model_sub(m, MO_RUN, sec->loc);
	r->origin = b->origin;
	copy_to_run(m, q->c, r);
	mlist_push_obj(m, mobj_list(m, b, BF_RUNS, sec->loc), r);
	dropins_free(q->d);
	free(q);
}

/* --- .kube units -------------------------------------------------------- */

/*
 * A NAME.kube unit runs `podman kube play` on the Kubernetes YAML its
 * Yaml= names (relative to the unit's directory).  That YAML is read
 * here by the Kubernetes front end, its objects and values naming the
 * YAML's file, and the unit's pod-wide settings (Network, UserNS, and
 * those PodmanArgs flags) are given to every container of it, naming the
 * unit's lines.  The same YAML scanned on its own makes the same
 * findings, which the report keeps once; what differs is what the unit
 * changes (Network=host in the unit: host networking at the unit's
 * line).  The copies are judged file by file only: the cross-file rules
 * judge the YAML's own objects.  A Yaml= that cannot be read, or that
 * leaves the unit's directory (absolute, or with `..`: the scan reads
 * no file outside what it was given), is a warning.
 */
static const char *const kube_keys[] = {
	"Network", "UserNS", "PodmanArgs", NULL
};

/* What the unit's settings may set on each container it plays. */
static const int kube_wide_slots[] = {
	CF_HOST_NETWORK, CF_HOST_USERS, CF_HOST_PID, CF_HOST_UTS,
	CF_ROOT_MAPS_TO_ROOT,
};

static void stamp_obj(struct mobj *o, const char *path);

static void stamp_val(struct mval *v, const char *path)
{
	size_t i;

	v->path = path;
	if (v->type == MV_OBJ)
		stamp_obj(v->u.obj, path);
	for (i = 0; v->type == MV_LIST && i < v->u.list->n; i++)
		stamp_val(&v->u.list->v[i], path);
}

/* Every value of `o` and of its sub-objects names file `path`. */
static void stamp_obj(struct mobj *o, const char *path)
{
	const struct model_field *fields;
	size_t n, i;

	if (o->path == path)
		return;
	o->path = path;
	fields = model_fields(&n);
	for (i = 0; i < n; i++)
		if (fields[i].owner == o->kind &&
		    o->f[fields[i].slot].type != MV_UNSET)
			stamp_val(&o->f[fields[i].slot], path);
}

/* A relative path that stays below the unit's directory (no `..`). */
static bool stays_below(const char *name)
{
	const char *seg = name;

	if (name[0] == '/')
		return false;
	while (seg) {
		if (!strncmp(seg, "..", 2) && (seg[2] == '/' || !seg[2]))
			return false;
		seg = strchr(seg, '/');
		if (seg)
			seg++;
	}
	return true;
}

/* Read the YAML at `path` into fc's model; false when it cannot be. */
static bool play_yaml(struct front_ctx *fc, const char *path)
{
	struct diags ignored = { 0 };
	struct source *src = source_read(path, path, 0, &ignored);
	struct tree *t = tree_new();
	struct front_ctx yc = { fc->model, src, &ignored, fc->max_objects };
	bool ok = src && !reader_yaml_or_json(src)->read(t, src, &ignored);
	size_t i;

	for (i = 0; ok && i < t->ndocs; i++)
		if (front_kube.detect(t->docs[i]))
			front_kube.build(&yc, t->docs[i]);
	diags_free(&ignored);
	tree_free(t);
	if (src)
		source_free(src);
	return ok;
}

/*
 * Keep of objs[first..] (what the YAML made) the containers, stamped
 * with the YAML's file, and give them the unit's settings.  The pods go:
 * the pod rules judge the YAML's own.
 */
static void apply_kube_unit(struct front_ctx *fc, size_t first,
			    const struct mobj *unit, const char *yaml_path)
{
	const char *unit_path = arena_strdup(fc->model->arena, fc->src->path);
	const char *yp = arena_strdup(fc->model->arena, yaml_path);
	size_t i, k, kept = first;

	for (i = first; i < fc->model->n; i++) {
		struct mobj *o = fc->model->objs[i];

		if (o->kind != MO_CONTAINER)
			continue;
		fc->model->objs[kept++] = o;
		stamp_obj(o, yp);
		o->share = 0;
		for (k = 0; k < ARRAY_SIZE(kube_wide_slots); k++) {
			const struct mval *v = &unit->f[kube_wide_slots[k]];

			if (v->type == MV_UNSET)
				continue;
			o->f[kube_wide_slots[k]] = *v;
			if (!v->path)
				o->f[kube_wide_slots[k]].path = unit_path;
		}
	}
	fc->model->n = kept;
}

static void kube_unit(struct front_ctx *fc, const struct tree_node *doc)
{
	const struct tree_node *sec = unit_section(doc, "Kube");
	struct quadlet *q = xcalloc(1, sizeof(*q));
	const struct tree_pair *yaml;
	const char *unit = fc->src->path;
	const char *slash = strrchr(unit, '/');
	size_t first = fc->model->n, skip, i;
	char *name, *path;

	q->fc = fc;
	q->d = dropins_load(unit, sec, "Kube", ".kube");
	q->sec = q->d->sec;
	q->c = model_sub(fc->model, MO_CONTAINER, sec->loc);
	q->pod_wide = true;
	for (i = 0; kube_keys[i]; i++)
		apply_key(q, container_key(kube_keys[i]));
	yaml = last_of(q->sec, "Yaml");
	if (yaml && names_unit(unit, ".kube")) {
		name = unquote(yaml->value->u.s.text, &skip);
		path = name[0] == '/' || !slash ? xstrdup(name) :
		       xasprintf("%.*s/%s", (int)(slash - unit), unit, name);
		if (!stays_below(name))
			diag_add(fc->diags, dropin_source(q, yaml)->path,
				 yaml->value->loc, DIAG_WARNING, "Yaml=%s: a "
				 "path outside the unit's directory is not "
				 "read; the pods it plays are not known", name);
		else if (!play_yaml(fc, path))
			diag_add(fc->diags, dropin_source(q, yaml)->path,
				 yaml->value->loc, DIAG_WARNING, "Yaml=%s: no "
				 "readable YAML at %s; the pods it plays are "
				 "not known", name, path);
		else
			apply_kube_unit(fc, first, q->c, path);
		free(path);
		free(name);
	}
	dropins_free(q->d);
	free(q);
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
			qval_map(fc->src, v, p);
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

static void quadlet_build(struct front_ctx *fc, const struct tree_node *doc)
{
	if (!tree_is_map(doc))
		return;
	exec_lines(fc, doc);
	if (str_has_suffix(fc->src->path, ".container") &&
	    !is_container_unit(fc->src->path, doc)) {
		diag_add(fc->diags, fc->src->path, doc->loc, DIAG_ERROR,
			 "a .container unit needs a [Container] section");
		return;
	}
	if (unit_section(doc, "Build") &&
	    !str_has_suffix(fc->src->path, ".conf"))
		build_unit(fc, doc);
	else if (unit_section(doc, "Kube") &&
		 !str_has_suffix(fc->src->path, ".conf"))
		kube_unit(fc, doc);
	else if (is_container_unit(fc->src->path, doc))
		container(fc, doc);
}

const struct front front_quadlet = {
	.name = "quadlet",
	.summary = "Podman Quadlet units: .container (with the .pod it "
		   "joins), .build, .kube (drop-ins alone: syntax)",
	.reader = &reader_ini,
	.match_path = quadlet_match_path,
	.build = quadlet_build,
};
