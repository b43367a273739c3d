/*
 * rules.c - rule files: load, check, compile, select.
 *
 * A rule file is YAML, read with our YAML reader so that every complaint
 * about it points at its file:line:col.  Everything a rule says is checked
 * here, once: unknown keys, severities, NIST sections, the `when`, `for`
 * and `at` expressions and every {expression} in the message.  After
 * loading, a rule set is immutable.
 *
 * It does not run rules (engine.c) or their examples (selftest.c).
 */
#include "engine/rules.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/expr.h"
#include "engine/nist.h"
#include "engine/rules_int.h"
#include "read/read.h"

/* Keys a rule file may have; anything else is a typo worth reporting. */
static const char *const rule_keys[] = {
	"id", "name", "title", "description", "severity", "applies-to",
	"for", "when", "at", "nist", "cwe", "profiles", "message", "fix",
	"tables", "references", "examples", "cross-file", "absence", NULL
};


/* Rule files over this size are not rules; bounds what --rules reads. */
#define RULE_MAX_FILES 10000

struct loader {
	struct diags *diags;
	const char *file;
	struct source *src;
	struct rule *rule;
	bool examples;		/* the text has its examples */
	bool failed;
};

static void lfail(struct loader *l, struct loc loc, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

static void lfail(struct loader *l, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(l->diags, l->file, loc, DIAG_ERROR, fmt, ap);
	va_end(ap);
	l->failed = true;
}

/* --- plain values --------------------------------------------------------- */

static char *want_str(struct loader *l, const struct tree_node *doc,
		      const char *key, bool required)
{
	const struct tree_pair *p = tree_get_pair(doc, key);

	if (!p) {
		if (required)
			lfail(l, doc->loc, "rule has no %s", key);
		return NULL;
	}
	if (!tree_is_scalar(p->value)) {
		lfail(l, p->value->loc, "%s must be a string", key);
		return NULL;
	}
	return xstrdup(p->value->u.s.text);
}

static char **want_str_list(struct loader *l, const struct tree_node *doc,
			    const char *key, size_t *n)
{
	const struct tree_node *v = tree_get(doc, key);
	char **out;
	size_t i;

	*n = 0;
	if (!v)
		return NULL;
	if (tree_is_scalar(v)) {
		out = xcalloc(1, sizeof(*out));
		out[0] = xstrdup(v->u.s.text);
		*n = 1;
		return out;
	}
	if (!tree_is_list(v)) {
		lfail(l, v->loc, "%s must be a list of strings", key);
		return NULL;
	}
	out = xcalloc(v->u.list.n + 1, sizeof(*out));
	for (i = 0; i < v->u.list.n; i++) {
		const struct tree_node *it = v->u.list.items[i];

		if (!tree_is_scalar(it)) {
			lfail(l, it->loc, "%s entries must be strings", key);
			continue;
		}
		out[(*n)++] = xstrdup(it->u.s.text);
	}
	return out;
}

static void free_str_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* --- expressions ------------------------------------------------------------ */

/*
 * Where byte `offset` of a scalar's text is in the rule file.  Exact for
 * one-line scalars; for multi-line ones, the line is counted and the column
 * is that of the scalar.
 */
static struct loc text_loc(const struct tree_node *n, size_t offset)
{
	struct loc l = n->loc;
	size_t i;

	if (n->loc.line == n->loc.end_line) {
		for (i = 0; i < offset && i < n->u.s.len; i++)
			if (((unsigned char)n->u.s.text[i] & 0xC0) != 0x80)
				l.col++;
		if (n->flags & TREE_QUOTED)
			l.col++;
	} else {
		for (i = 0; i < offset && i < n->u.s.len; i++)
			if (n->u.s.text[i] == '\n')
				l.line++;
		if (n->flags & TREE_QUOTED)
			l.line++;
	}
	l.end_line = l.line;
	l.end_col = l.col + 1;
	return l;
}

static struct expr *compile_at(struct loader *l, const struct tree_node *n,
			       const char *text, size_t base,
			       const struct expr_scope *scope)
{
	struct expr_error err = { 0, NULL };
	struct expr *e = NULL;

	if (expr_compile(&e, text, scope, &err)) {
		lfail(l, text_loc(n, base + err.offset), "%s", err.msg);
		free(err.msg);
		return NULL;
	}
	return e;
}

static void scope_of(const struct rule *r, struct expr_scope *s)
{
	memset(s, 0, sizeof(*s));
	s->kind = r->applies_to;
	s->tables = r->tables;
	s->ntables = r->ntables;
	if (r->for_var && r->for_list) {
		s->var = r->for_var;
		s->var_type = expr_elem_type(r->for_list, &s->var_kind);
	}
}

/* `for: c in capabilities.add` */
static void load_for(struct loader *l, const struct tree_node *doc)
{
	const struct tree_node *n = tree_get(doc, "for");
	struct rule *r = l->rule;
	struct expr_scope scope;
	const char *s, *in;
	size_t vlen;

	if (!n)
		return;
	if (!tree_is_scalar(n)) {
		lfail(l, n->loc, "for must be \"NAME in LIST\"");
		return;
	}
	s = n->u.s.text;
	in = strstr(s, " in ");
	vlen = in ? (size_t)(in - s) : 0;
	while (vlen && s[vlen - 1] == ' ')
		vlen--;
	if (!in || !vlen || strspn(s, "abcdefghijklmnopqrstuvwxyz_") < vlen) {
		lfail(l, n->loc, "for must be \"NAME in LIST\" with a "
		      "lower-case NAME");
		return;
	}
	r->for_var = xstrndup(s, vlen);
	r->for_text = xstrdup(s);
	scope_of(r, &scope);
	scope.var = NULL;
	r->for_list = compile_at(l, n, in + 4, (size_t)(in + 4 - s), &scope);
	if (r->for_list && expr_type(r->for_list) != MV_LIST) {
		lfail(l, text_loc(n, (size_t)(in + 4 - s)),
		      "for needs a list to go through");
		expr_free(r->for_list);
		r->for_list = NULL;
	}
}

static void load_tables(struct loader *l, const struct tree_node *doc)
{
	const struct tree_node *t = tree_get(doc, "tables");
	struct rule *r = l->rule;
	size_t i, j;

	if (!t)
		return;
	if (!tree_is_map(t)) {
		lfail(l, t->loc, "tables must map names to tables");
		return;
	}
	r->tables = xcalloc(t->u.map.n, sizeof(*r->tables));
	for (i = 0; i < t->u.map.n; i++) {
		const struct tree_node *tab = t->u.map.pairs[i].value;
		struct rule_table *rt = &r->tables[r->ntables];

		if (!tree_is_map(tab)) {
			lfail(l, tab->loc, "a table maps keys to strings");
			continue;
		}
		rt->name = xstrdup(t->u.map.pairs[i].key->u.s.text);
		rt->keys = xcalloc(tab->u.map.n, sizeof(char *));
		rt->values = xcalloc(tab->u.map.n, sizeof(char *));
		for (j = 0; j < tab->u.map.n; j++) {
			const struct tree_pair *p = &tab->u.map.pairs[j];

			rt->keys[rt->n] = xstrdup(p->key->u.s.text);
			rt->values[rt->n++] = xstrdup(tree_is_scalar(p->value)
						      ? p->value->u.s.text :
						      "");
		}
		r->ntables++;
	}
}

/*
 * Check every {expression} of the message template compiles.  Rendering
 * compiles them again from the text through rules_render's cache: the
 * compiled parts are kept in rule->msg_parts.
 */
static void load_message(struct loader *l, const struct tree_node *doc)
{
	const struct tree_node *n = tree_get(doc, "message");
	struct rule *r = l->rule;
	struct expr_scope scope;
	const char *s;
	size_t i = 0;

	if (!r->message || !n)
		return;
	scope_of(r, &scope);
	s = r->message;
	while (s[i]) {
		size_t start, end;
		char *text;
		struct expr *e;

		if (s[i] == '{' && s[i + 1] == '{') {
			i += 2;
			continue;
		}
		if (s[i] != '{') {
			i++;
			continue;
		}
		start = i + 1;
		end = start;
		while (s[end] && s[end] != '}')
			end++;
		if (!s[end]) {
			lfail(l, text_loc(n, i), "message: { without }");
			return;
		}
		text = xstrndup(s + start, end - start);
		e = compile_at(l, n, text, start, &scope);
		free(text);
		if (e)
			rule_add_part(r, start, end, e);
		i = end + 1;
	}
}

static struct rule_example *new_example(struct rule *r, bool bad,
				       const struct tree_node *ex)
{
	struct rule_example *e;

	r->examples = xrealloc(r->examples, (r->nexamples + 1) *
			       sizeof(*r->examples));
	e = &r->examples[r->nexamples++];
	memset(e, 0, sizeof(*e));
	e->bad = bad;
	e->loc = ex->loc;
	e->expect_at = tree_text(tree_get(ex, "at")) ?
		       xstrdup(tree_text(tree_get(ex, "at"))) : NULL;
	e->k8s_minor = -1;
	return e;
}

/* `files:` maps file names (which decide the format) to their text. */
static void load_example_files(struct loader *l, const struct tree_node *ex,
			       const struct tree_node *files, bool bad)
{
	struct rule_example *e = new_example(l->rule, bad, ex);
	size_t i;

	e->names = xcalloc(files->u.map.n + 1, sizeof(char *));
	e->texts = xcalloc(files->u.map.n + 1, sizeof(char *));
	for (i = 0; i < files->u.map.n; i++) {
		const struct tree_pair *p = &files->u.map.pairs[i];

		if (!tree_is_scalar(p->value)) {
			lfail(l, p->value->loc, "files maps names to text");
			continue;
		}
		e->names[e->nfiles] = xstrdup(p->key->u.s.text);
		e->texts[e->nfiles++] = xstrdup(p->value->u.s.text);
	}
}

/* An example's `k8s-version`, checked. */
static void example_version(struct loader *l, struct rule_example *e,
			    const struct tree_node *ex)
{
	const struct tree_node *v = tree_get(ex, "k8s-version");

	if (!v)
		return;
	e->k8s_minor = k8s_version_parse(tree_text(v) ? tree_text(v) : "");
	if (e->k8s_minor < 0)
		lfail(l, v->loc, "k8s-version takes 1.0 to 1.%d or latest",
		      K8S_MINOR_LATEST);
}

static void load_examples_of(struct loader *l, const struct tree_node *v,
			     bool bad)
{
	struct rule *r = l->rule;
	size_t i, n = tree_is_list(v) ? v->u.list.n : 1;

	for (i = 0; i < n; i++) {
		const struct tree_node *ex = tree_is_list(v) ?
					     v->u.list.items[i] : v;
		struct rule_example *e;
		const char *kind = tree_text(tree_get(ex, "kind"));
		const char *text = tree_text(tree_get(ex, "text"));
		const struct tree_node *files = tree_get(ex, "files");

		if (tree_is_map(ex) && tree_is_map(files) && !text) {
			load_example_files(l, ex, files, bad);
			example_version(l, &r->examples[r->nexamples - 1], ex);
			continue;
		}
		if (!tree_is_map(ex) || !kind || !text) {
			lfail(l, ex->loc, "an example needs kind and text, "
			      "or files");
			continue;
		}
		e = new_example(r, bad, ex);
		e->kind = xstrdup(kind);
		e->text = xstrdup(text);
		example_version(l, e, ex);
	}
}

static void load_examples(struct loader *l, const struct tree_node *doc)
{
	const struct tree_node *ex = tree_get(doc, "examples");
	const struct tree_node *bad = tree_get(ex, "bad");
	const struct tree_node *good = tree_get(ex, "good");
	struct rule *r = l->rule;

	if (ex && !tree_is_map(ex)) {
		lfail(l, ex->loc, "examples must have bad and good");
		return;
	}
	if (bad)
		load_examples_of(l, bad, true);
	if (good)
		load_examples_of(l, good, false);
	if (r->builtin && l->examples && (!bad || !good))
		lfail(l, ex ? ex->loc : doc->loc, "a built-in rule needs a "
		      "bad and a good example");
}

static void load_meta(struct loader *l, const struct tree_node *doc)
{
	struct rule *r = l->rule;
	const struct tree_node *n;
	char **profiles;
	size_t i, np;
	int sev, kind;

	r->id = want_str(l, doc, "id", true);
	r->name = want_str(l, doc, "name", true);
	r->title = want_str(l, doc, "title", true);
	r->description = want_str(l, doc, "description", false);
	r->message = want_str(l, doc, "message", true);
	r->fix = want_str(l, doc, "fix", true);
	if (r->fix && strchr(r->fix, '{'))
		lfail(l, tree_get(doc, "fix")->loc, "fix is plain text, the "
		      "same for every finding: no {expressions} in it");
	n = tree_get(doc, "severity");
	sev = severity_parse(tree_text(n) ? tree_text(n) : "");
	if (n && (sev < 0 || sev == SEV_NONE))
		lfail(l, n->loc, "severity must be critical, high, medium, "
		      "low or info");
	else if (!n)
		lfail(l, doc->loc, "rule has no severity");
	r->severity = sev < 0 ? SEV_INFO : (enum severity)sev;
	n = tree_get(doc, "applies-to");
	kind = mobj_kind_parse(tree_text(n) ? tree_text(n) : "container");
	if (kind < 0)
		lfail(l, n->loc, "applies-to: unknown object kind \"%s\"",
		      tree_text(n));
	r->applies_to = kind < 0 ? MO_CONTAINER : (enum mobj_kind)kind;
	r->nist = want_str_list(l, doc, "nist", &r->nnist);
	for (i = 0; i < r->nnist; i++)
		if (!nist_find(r->nist[i]))
			lfail(l, tree_get(doc, "nist")->loc, "nist: \"%s\" is "
			      "not a section of NIST SP 800-190 3.4 or 3.5",
			      r->nist[i]);
	if (!r->nnist)
		lfail(l, doc->loc, "rule names no NIST SP 800-190 section");
	r->cwe = want_str_list(l, doc, "cwe", &r->ncwe);
	r->refs = want_str_list(l, doc, "references", &r->nrefs);
	profiles = want_str_list(l, doc, "profiles", &np);
	r->absence = tree_bool(tree_get(doc, "absence")) == 1;
	r->cross_file = tree_bool(tree_get(doc, "cross-file")) == 1 ||
			r->applies_to == MO_ENGINE_DEFAULTS;
	r->profiles = np ? 0 : PROFILE_DEFAULT;
	for (i = 0; i < np; i++) {
		unsigned bit = profile_parse(profiles[i]);

		if (!bit)
			lfail(l, tree_get(doc, "profiles")->loc,
			      "unknown profile \"%s\"", profiles[i]);
		r->profiles |= bit;
	}
	free_str_list(profiles, np);
}

static void check_keys(struct loader *l, const struct tree_node *doc)
{
	size_t i;

	for (i = 0; i < doc->u.map.n; i++) {
		const struct tree_node *k = doc->u.map.pairs[i].key;

		if (!str_in_list(rule_keys, k->u.s.text))
			lfail(l, k->loc, "unknown key \"%s\" in a rule file",
			      k->u.s.text);
	}
}

static void add_at(struct rule *r, struct expr *e)
{
	if (!e)
		return;
	r->at = xrealloc(r->at, (r->nat + 1) * sizeof(*r->at));
	r->at[r->nat++] = e;
}

static void load_at_list(struct loader *l, const struct tree_node *at,
			 const struct expr_scope *scope)
{
	size_t i;

	for (i = 0; i < at->u.list.n; i++) {
		const struct tree_node *it = at->u.list.items[i];

		if (!tree_is_scalar(it)) {
			lfail(l, it->loc, "at entries must be fields");
			continue;
		}
		add_at(l->rule, compile_at(l, it, it->u.s.text, 0, scope));
	}
}

static void load_logic(struct loader *l, const struct tree_node *doc)
{
	const struct tree_node *when = tree_get(doc, "when");
	const struct tree_node *at = tree_get(doc, "at");
	struct rule *r = l->rule;
	struct expr_scope scope;

	load_tables(l, doc);
	load_for(l, doc);
	scope_of(r, &scope);
	if (!tree_is_scalar(when)) {
		lfail(l, when ? when->loc : doc->loc,
		      "rule has no when condition");
	} else {
		r->when_text = xstrdup(when->u.s.text);
		r->when = compile_at(l, when, when->u.s.text, 0, &scope);
		if (r->when && expr_type(r->when) != MV_BOOL) {
			lfail(l, when->loc, "when must be a condition "
			      "(true or false)");
		}
	}
	if (tree_is_scalar(at))
		add_at(r, compile_at(l, at, at->u.s.text, 0, &scope));
	else if (tree_is_list(at))
		load_at_list(l, at, &scope);
	else if (at)
		lfail(l, at->loc, "at must be a field or a list of fields");
	load_message(l, doc);
}

/* Of two cross-file fields read (or NULL), the one that decides more. */
static const struct model_field *
decides_more(const struct model_field *a, const struct model_field *b)
{
	if (!a)
		return b;
	if (b && model_field_share(a) && !model_field_share(b))
		return b;
	return a;
}

/*
 * The first cross-file field any of the rule's expressions reads that
 * any object may get, else the first that only marked objects get
 * (model_field_share), else NULL.
 */
static const struct model_field *reads_cross_file(const struct rule *r)
{
	const struct model_field *f = NULL;
	size_t i;

	if (r->for_list)
		f = expr_cross_file_field(r->for_list);
	if (r->when)
		f = decides_more(f, expr_cross_file_field(r->when));
	for (i = 0; i < r->nat; i++)
		f = decides_more(f, expr_cross_file_field(r->at[i]));
	for (i = 0; i < r->nparts; i++)
		f = decides_more(f, expr_cross_file_field(r->parts[i].expr));
	return f;
}

/* "container and engine_defaults": the kinds the cross-file step judges. */
static void cross_file_kinds(struct strbuf *sb)
{
	size_t n = 0, total = 0;
	int k;

	for (k = 0; k < MO_KIND_COUNT; k++)
		total += model_kind_cross_file((enum mobj_kind)k);
	for (k = 0; k < MO_KIND_COUNT; k++) {
		if (!model_kind_cross_file((enum mobj_kind)k))
			continue;
		if (n)
			sb_adds(sb, n + 1 == total ? " and " : ", ");
		sb_adds(sb, mobj_kind_name((enum mobj_kind)k));
		n++;
	}
}

/*
 * A rule that reads a field only the cross-file step sets is judged there,
 * `cross-file: true` or not: judged file by file it would never see the
 * field set, and never fire.  Unless that field is one only marked
 * objects get (model_field_share) and the rule does not say `cross-file:
 * true`: then only the marked objects wait for that step (defer_share).
 * And a rule judged there must apply to a kind that step judges, or it
 * would never run at all.
 */
static void settle_cross_file(struct loader *l, const struct tree_node *doc)
{
	const struct tree_node *flag = tree_get(doc, "cross-file");
	const struct tree_node *kind = tree_get(doc, "applies-to");
	const struct model_field *f = reads_cross_file(l->rule);
	struct rule *r = l->rule;
	struct strbuf kinds = STRBUF_INIT;

	if (f && !r->cross_file && model_field_share(f))
		r->defer_share = model_field_share(f);
	else if (f)
		r->cross_file = true;
	if (!r->cross_file || model_kind_cross_file(r->applies_to))
		return;
	cross_file_kinds(&kinds);
	if (f)
		lfail(l, kind ? kind->loc : doc->loc, "the rule reads %s, "
		      "which the cross-file step sets, but that step judges "
		      "only %s objects, not %s", f->name, kinds.buf,
		      mobj_kind_name(r->applies_to));
	else
		lfail(l, flag ? flag->loc : doc->loc, "cross-file: the "
		      "cross-file step judges only %s objects; a rule on %s "
		      "would never run", kinds.buf,
		      mobj_kind_name(r->applies_to));
	sb_free(&kinds);
}

static int load_text(struct ruleset *rs, const char *file, const char *text,
		     size_t len, bool builtin, bool examples, struct diags *d)
{
	struct loader l;
	struct tree *t = tree_new();
	struct rule *r;
	const struct tree_node *doc;
	size_t i;

	memset(&l, 0, sizeof(l));
	l.diags = d;
	l.file = file;
	l.examples = examples;
	l.src = source_from_mem(file, text, len);
	if (read_yaml(t, l.src, d) || t->ndocs != 1 ||
	    !tree_is_map(t->docs[0])) {
		if (!d->nerrors || t->ndocs != 1)
			diag_add(d, file, LOC_NONE, DIAG_ERROR,
				 "a rule file holds one YAML map");
		tree_free(t);
		source_free(l.src);
		return -1;
	}
	doc = t->docs[0];
	r = xcalloc(1, sizeof(*r));
	r->builtin = builtin;
	r->file = xstrdup(file);
	l.rule = r;
	check_keys(&l, doc);
	load_meta(&l, doc);
	load_logic(&l, doc);
	settle_cross_file(&l, doc);
	load_examples(&l, doc);
	for (i = 0; !l.failed && i < rs->n; i++) {
		if (!strcmp(rs->v[i]->id, r->id) ||
		    !strcmp(rs->v[i]->name, r->name))
			lfail(&l, tree_get(doc, "id")->loc, "rule %s (%s) is "
			      "defined twice (also in %s)", r->id, r->name,
			      rs->v[i]->file);
	}
	tree_free(t);
	source_free(l.src);
	if (l.failed) {
		rule_free(r);
		return -1;
	}
	rs->v = xgrow(rs->v, &rs->cap, rs->n + 1, sizeof(*rs->v));
	rs->v[rs->n++] = r;
	return 0;
}

int rules_load_text(struct ruleset *rs, const char *file, const char *text,
		    size_t len, bool builtin, struct diags *d)
{
	return load_text(rs, file, text, len, builtin, true, d);
}

/* --- whole sets ------------------------------------------------------------- */

static int rule_cmp(const void *pa, const void *pb)
{
	const struct rule *a = *(const struct rule *const *)pa;
	const struct rule *b = *(const struct rule *const *)pb;

	return strcmp(a->id, b->id);
}

static int load_dir(struct ruleset *rs, const char *dir, struct diags *d)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!dp) {
		diag_add(d, dir, LOC_NONE, DIAG_ERROR,
			 "cannot open rules directory");
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!str_has_suffix(de->d_name, ".yaml") &&
		    !str_has_suffix(de->d_name, ".yml"))
			continue;
		if (n >= RULE_MAX_FILES)
			break;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), str_ptr_cmp);
	for (i = 0; i < n; i++) {
		struct source *src = source_read(names[i], names[i], 0, d);

		if (!src || rules_load_text(rs, names[i], src->data, src->len,
					    false, d))
			rc = -1;
		source_free(src);
		free(names[i]);
	}
	free(names);
	return rc;
}

/* The generated table's rules: each a copy of its struct, nothing more. */
static void load_compiled(struct ruleset *rs)
{
	const struct rule *const *v;
	size_t n, nregex, i;

	v = builtin_compiled(&n, &nregex);
	rs->regexes = expr_regex_cache_new(nregex);
	rs->v = xgrow(rs->v, &rs->cap, rs->n + n, sizeof(*rs->v));
	for (i = 0; i < n; i++) {
		struct rule *r = xmalloc(sizeof(*r));

		*r = *v[i];
		r->borrowed = true;
		rs->v[rs->n++] = r;
	}
}

int rules_load(struct ruleset *rs, const char *user_dir, bool examples,
	       struct diags *d)
{
	const struct builtin_rule *b;
	size_t n, i;
	int rc = 0;

	rs->k8s_minor = K8S_MINOR_LATEST;
	if (!examples) {
		load_compiled(rs);
	} else {
		b = builtin_rules(&n);
		for (i = 0; i < n; i++)
			if (load_text(rs, b[i].file, b[i].text, b[i].len,
				      true, true, d))
				rc = -1;
	}
	if (user_dir && load_dir(rs, user_dir, d))
		rc = -1;
	/* The compiled table comes in order: only rule files can upset it. */
	sort_unless_ordered(rs->v, rs->n, sizeof(*rs->v), rule_cmp);
	return rc;
}

void rules_insert(struct ruleset *rs, struct rule *r)
{
	size_t at = rs->n;

	while (at > 0 && strcmp(rs->v[at - 1]->id, r->id) > 0)
		at--;
	rs->v = xgrow(rs->v, &rs->cap, rs->n + 1, sizeof(*rs->v));
	memmove(rs->v + at + 1, rs->v + at, (rs->n - at) * sizeof(*rs->v));
	rs->v[at] = r;
	rs->n++;
}

const struct rule *rules_find(const struct ruleset *rs, const char *key)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (!strcasecmp(rs->v[i]->id, key) ||
		    !strcmp(rs->v[i]->name, key))
			return rs->v[i];
	return NULL;
}

const char *rules_suggest(const struct ruleset *rs, const char *want)
{
	struct str_suggest sg;
	size_t i;

	str_suggest_init(&sg, want);
	for (i = 0; i < rs->n; i++) {
		str_suggest_try(&sg, rs->v[i]->id);
		str_suggest_try(&sg, rs->v[i]->name);
	}
	return sg.best;
}

static int apply_list(struct ruleset *rs, const char *list, bool on,
		      struct diags *d)
{
	char *copy, *tok, *save = NULL;
	int rc = 0;

	if (!list)
		return 0;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ", ", &save); tok;
	     tok = strtok_r(NULL, ", ", &save)) {
		struct rule *r = (struct rule *)rules_find(rs, tok);

		if (!r) {
			const char *hint = rules_suggest(rs, tok);

			diag_add(d, "cagelint", LOC_NONE, DIAG_ERROR,
				 "--%s: no rule \"%s\"%s%s%s (see --list-rules)",
				 on ? "enable" : "disable", tok,
				 hint ? " (did you mean \"" : "",
				 hint ? hint : "", hint ? "\"?)" : "");
			rc = -1;
			continue;
		}
		r->enabled = on;
	}
	free(copy);
	return rc;
}

int rules_select(struct ruleset *rs, unsigned profiles, const char *enable,
		 const char *disable, struct diags *d)
{
	size_t i;
	int rc;

	for (i = 0; i < rs->n; i++)
		rs->v[i]->enabled = (rs->v[i]->profiles & profiles) != 0;
	rc = apply_list(rs, enable, true, d);
	if (apply_list(rs, disable, false, d))
		rc = -1;
	return rc;
}

void rule_free(struct rule *r)
{
	size_t i, j;

	if (!r)
		return;
	if (r->borrowed) {
		free(r);
		return;
	}
	free(r->id);
	free(r->name);
	free(r->title);
	free(r->description);
	free(r->message);
	free(r->fix);
	free_str_list(r->nist, r->nnist);
	free_str_list(r->cwe, r->ncwe);
	free_str_list(r->refs, r->nrefs);
	free(r->for_var);
	free(r->for_text);
	free(r->when_text);
	expr_free(r->for_list);
	expr_free(r->when);
	for (i = 0; i < r->nat; i++)
		expr_free(r->at[i]);
	free(r->at);
	for (i = 0; i < r->ntables; i++) {
		for (j = 0; j < r->tables[i].n; j++) {
			free(r->tables[i].keys[j]);
			free(r->tables[i].values[j]);
		}
		free(r->tables[i].name);
		free(r->tables[i].keys);
		free(r->tables[i].values);
	}
	free(r->tables);
	for (i = 0; i < r->nparts; i++)
		expr_free(r->parts[i].expr);
	free(r->parts);
	for (i = 0; i < r->nexamples; i++) {
		struct rule_example *e = &r->examples[i];

		free(e->kind);
		free(e->text);
		free(e->expect_at);
		for (j = 0; j < e->nfiles; j++) {
			free(e->names[j]);
			free(e->texts[j]);
		}
		free(e->names);
		free(e->texts);
	}
	free(r->examples);
	free(r->file);
	free(r);
}

void rules_free(struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		rule_free(rs->v[i]);
	free(rs->v);
	expr_regex_cache_free(rs->regexes);
	memset(rs, 0, sizeof(*rs));
}

void rule_add_part(struct rule *r, size_t start, size_t end, struct expr *e)
{
	r->parts = xrealloc(r->parts, (r->nparts + 1) * sizeof(*r->parts));
	r->parts[r->nparts].start = start;
	r->parts[r->nparts].end = end;
	r->parts[r->nparts].expr = e;
	r->nparts++;
}

/* --- Kubernetes versions ---------------------------------------------------- */

int k8s_version_parse(const char *s)
{
	char *end;
	long n;

	if (!strcmp(s, "latest"))
		return K8S_MINOR_LATEST;
	if (*s == 'v')
		s++;
	if (strncmp(s, "1.", 2) || s[2] < '0' || s[2] > '9')
		return -1;
	n = strtol(s + 2, &end, 10);
	if (*end || n < 0 || n > K8S_MINOR_LATEST)
		return -1;
	return (int)n;
}

/* --- profiles --------------------------------------------------------------- */

static const struct {
	const char *name;
	unsigned bit;
} profile_names[] = {
	{ "default", PROFILE_DEFAULT },
	{ "pss-baseline", PROFILE_PSS_BASELINE },
	{ "pss-restricted", PROFILE_PSS_RESTRICTED },
};

unsigned profile_parse(const char *name)
{
	size_t i;

	if (!strcmp(name, "all"))
		return ~0u;
	for (i = 0; i < ARRAY_SIZE(profile_names); i++)
		if (!strcmp(profile_names[i].name, name))
			return profile_names[i].bit;
	return 0;
}

void rule_page_name(struct strbuf *sb, const struct rule *r)
{
	sb_addf(sb, "%s-%s.md", r->id, r->name);
}

const char *profile_name_at(size_t i)
{
	if (i < ARRAY_SIZE(profile_names))
		return profile_names[i].name;
	return i == ARRAY_SIZE(profile_names) ? "all" : NULL;
}

const char *profile_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(profile_names); i++)
		if (profile_names[i].bit == bit)
			return profile_names[i].name;
	return "?";
}
