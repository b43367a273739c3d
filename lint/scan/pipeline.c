/*
 * lint.c - the per-file pipeline: pick a reader, read, run the front ends,
 * derive, judge.
 *
 * Input formats are recognised by file name first (extension), then by
 * content: every document of a YAML or JSON file is offered to each front
 * end's detect().  A file no front end claims is skipped with a note (seen
 * with -v), never an error: pre-commit hands us every YAML file of a repo.
 *
 * The input is written by whoever opens a pull request, so what is judged
 * is decided on what a parser sees, never on raw bytes: every file of a
 * kind we read is parsed (a key may be written with an escape, a file in
 * UTF-16), and a file that does not parse is an error, whatever it looks
 * like (a template marker only words the message).  The documents of a
 * stream that did parse are judged beside the error of one that did not.
 */
#include "scan/pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "engine/engine.h"
#include "front/front.h"
#include "model/xref.h"
#include "read/gotmpl.h"
#include "read/read.h"

/*
 * The names --kind accepts: every front end's (front/fronts.h), then the
 * readers' that --kind may name (read/readers.h).  Nothing is listed here.
 */
const char *lint_kind_name(size_t i)
{
	const struct front *const *fronts;
	const struct reader *const *readers;
	size_t nf, nr, j;

	fronts = front_all(&nf);
	if (i < nf)
		return fronts[i]->name;
	i -= nf;
	readers = reader_all(&nr);
	for (j = 0; j < nr; j++)
		if (readers[j]->is_kind && !i--)
			return readers[j]->name;
	return NULL;
}

/* The front end that claims a file by its path, or NULL. */
static const struct front *front_by_path(const char *path)
{
	const struct front *const *fronts;
	size_t n, i;

	fronts = front_all(&n);
	for (i = 0; i < n; i++)
		if (fronts[i]->match_path && fronts[i]->match_path(path))
			return fronts[i];
	return NULL;
}

/*
 * Which reader: the chosen front end's, or --kind's, or by the end of the
 * name; YAML-or-JSON (a document front end's, and standard input's) by
 * the first character.  NULL: not an input we read.
 */
static const struct reader *pick_reader(const struct lint_env *env,
					const struct front *front,
					const struct source *src, bool sniff)
{
	const struct reader *r;

	if (front)
		return front->reader ? front->reader :
		       reader_yaml_or_json(src);
	r = env->kind ? reader_for_kind(env->kind) : NULL;
	if (!r)
		r = reader_by_suffix(path_base(src->path));
	if (!r && (sniff || env->kind))
		r = reader_yaml_or_json(src);
	return r;
}

/*
 * Does a `{{` stand outside a comment of a line?  Only to word an error
 * about a file that did not parse (a Helm or other Go template is not
 * YAML until rendered); whether a file is read and judged never depends
 * on it.
 */
static bool looks_like_template(const struct source *src)
{
	size_t i;
	bool comment = false;

	for (i = 0; i + 1 < src->len; i++) {
		char ch = src->data[i];

		if (ch == '\n')
			comment = false;
		else if (ch == '#' && (i == 0 || strchr(" \t\n",
							src->data[i - 1])))
			comment = true;
		else if (!comment && ch == '{' && src->data[i + 1] == '{')
			return true;
	}
	return false;
}

/* --- templates read without rendering ------------------------------------- */

/* Mark every scalar holding a masked action: set, its value unknown. */
static void mark_opaque(struct tree_node *n)
{
	size_t i;

	if (n->kind == TREE_SCALAR) {
		if (gotmpl_is_masked(n->u.s.text, n->u.s.len))
			n->flags |= TREE_OPAQUE;
		return;
	}
	if (n->kind == TREE_LIST) {
		for (i = 0; i < n->u.list.n; i++)
			mark_opaque(n->u.list.items[i]);
		return;
	}
	for (i = 0; i < n->u.map.n; i++) {
		mark_opaque(n->u.map.pairs[i].key);
		mark_opaque(n->u.map.pairs[i].value);
	}
}

/*
 * A YAML file that did not parse but looks like a Go template (a Helm
 * chart's) is read again with its actions masked (read/gotmpl.c), keeping
 * every line and column.  When that parses, its tree and source replace
 * the first ones and *t, *src are updated (the masked source is to free),
 * so that what the template sets literally is judged; what an action sets
 * is unknown, and a warning says so.  Otherwise nothing changes.
 */
static bool read_masked(const struct reader *reader, struct tree **t,
			struct source **src, struct mem_budget *budget,
			struct diags *d)
{
	struct diags md = { 0 };
	struct source *msrc;
	struct tree *mt;
	size_t len, i;
	char *masked;

	if (reader != &reader_yaml)
		return false;
	masked = gotmpl_mask((*src)->data, (*src)->len, &len);
	msrc = source_from_mem((*src)->path, masked, len);
	free(masked);
	mt = tree_new();
	arena_set_budget(mt->arena, budget);
	if (reader->read(mt, msrc, &md)) {
		diags_free(&md);
		tree_free(mt);
		source_free(msrc);
		return false;
	}
	diags_free(&md);
	for (i = 0; i < mt->ndocs; i++)
		mark_opaque(mt->docs[i]);
	tree_free(*t);
	*t = mt;
	*src = msrc;
	diag_add(d, msrc->path, LOC_NONE, DIAG_WARNING,
		 "read as a Go template without rendering it: settings "
		 "written literally are judged, those its actions set are "
		 "not (render it to judge them: helm template ... | "
		 "cagelint -)");
	return true;
}

/* --- rendered charts: "# Source:" ---------------------------------------- */

/* Where `helm template` says a document came from. */
struct source_mark {
	uint32_t line;		/* the comment's line */
	const char *path;	/* in the source's text, not NUL-terminated */
	size_t len;
};

#define SOURCE_MARK "# Source: "

/* Every "# Source: PATH" line of the text, in order. */
static size_t find_source_marks(const struct source *src,
				struct source_mark **out)
{
	struct source_mark *v = NULL;
	size_t n = 0, cap = 0, i = 0, mlen = strlen(SOURCE_MARK);
	uint32_t line = 1;

	while (i < src->len) {
		const char *nl = memchr(src->data + i, '\n', src->len - i);
		size_t eol = nl ? (size_t)(nl - src->data) : src->len;
		size_t end = eol;

		if (end > i && src->data[end - 1] == '\r')
			end--;
		if (end - i > mlen && !memcmp(src->data + i, SOURCE_MARK, mlen)) {
			v = xgrow(v, &cap, n + 1, sizeof(*v));
			v[n].line = line;
			v[n].path = src->data + i + mlen;
			v[n].len = end - i - mlen;
			n++;
		}
		i = eol + 1;
		line++;
	}
	*out = v;
	return n;
}

/* The mark of the document holding `line`: the last one before it. */
static const struct source_mark *mark_of(const struct source_mark *v,
					 size_t n, uint32_t line)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &v[lo - 1] : NULL;
}

/* Point `*path`, `*loc` at the template file and its rendered line. */
static void to_template(const struct source_mark *v, size_t n, char **path,
			struct loc *loc)
{
	const struct source_mark *m = mark_of(v, n, loc->line);

	if (!m || !loc->line)
		return;
	free(*path);
	*path = xstrndup(m->path, m->len);
	loc->line -= m->line;
	if (loc->end_line > m->line)
		loc->end_line -= m->line;
}

/*
 * Output of `helm template` (on standard input, or a file) names each
 * document's template in a "# Source:" comment: findings and errors in a
 * document point at that template, at the document's own line numbers
 * (the template's, where no action above them added or removed lines).
 */
static void map_to_templates(const struct source *src, struct lint_result *out)
{
	struct source_mark *v;
	size_t n = find_source_marks(src, &v), i;

	for (i = 0; n && i < out->findings.n; i++)
		if (!strcmp(out->findings.v[i].path, src->path))
			to_template(v, n, &out->findings.v[i].path,
				    &out->findings.v[i].loc);
	for (i = 0; n && i < out->diags.n; i++)
		if (!strcmp(out->diags.v[i].path, src->path))
			to_template(v, n, &out->diags.v[i].path,
				    &out->diags.v[i].loc);
	free(v);
}

/* --- limits of one file --------------------------------------------------- */

/*
 * Has the model passed LINT_MAX_OBJECTS or the file's memory budget?
 * Asked before each document is built; reports once, at `doc`.
 */
static bool over_limits(struct front_ctx *fc, const struct tree_node *doc)
{
	const struct mem_budget *b = arena_budget(fc->model->arena);

	if (budget_exceeded(b)) {
		diag_add(fc->diags, fc->src->path, doc->loc, DIAG_ERROR,
			 "judging this file takes more than %u MiB of memory "
			 "(the budget of one file); the rest is not judged",
			 LINT_FILE_BUDGET >> 20);
		return true;
	}
	if (fc->model->n > LINT_MAX_OBJECTS) {
		diag_add(fc->diags, fc->src->path, doc->loc, DIAG_ERROR,
			 "more than %d objects in one file; the rest is not "
			 "judged", LINT_MAX_OBJECTS);
		return true;
	}
	return false;
}

/*
 * A document can hold many objects (a script of many `docker run` lines):
 * past LINT_MAX_OBJECTS, the objects are dropped and the first dropped
 * one is the error.
 */
static void cap_objects(struct front_ctx *fc)
{
	struct model *m = fc->model;

	if (m->n <= LINT_MAX_OBJECTS)
		return;
	diag_add(fc->diags, fc->src->path, m->objs[LINT_MAX_OBJECTS]->loc,
		 DIAG_ERROR, "more than %d objects in one file; the rest is "
		 "not judged", LINT_MAX_OBJECTS);
	m->n = LINT_MAX_OBJECTS;
}

/*
 * Give each document to `front` when one was chosen (by path or --kind),
 * else to the first front end whose detect() claims it.  True when any
 * document was taken.
 */
/* Objects a front end made of one document belong to its unit. */
static void close_document(struct model *m, size_t first,
			   const struct tree_node *doc)
{
	for (; first < m->n; first++)
		if (!m->objs[first]->unit_line)
			m->objs[first]->unit_line = doc->loc.line;
}

static bool run_fronts(const struct front *front, struct tree *t,
		       struct front_ctx *fc)
{
	const struct front *const *fronts;
	size_t n, i, j;
	bool claimed = false;

	fronts = front_all(&n);
	for (i = 0; i < t->ndocs && !over_limits(fc, t->docs[i]); i++) {
		const struct tree_node *doc = t->docs[i];
		size_t first = fc->model->n;

		if (front) {
			claimed = true;
			front->build(fc, doc);
			close_document(fc->model, first, doc);
			continue;
		}
		for (j = 0; j < n; j++) {
			if (!fronts[j]->detect || !fronts[j]->detect(doc))
				continue;
			claimed = true;
			fronts[j]->build(fc, doc);
			break;
		}
		close_document(fc->model, first, doc);
	}
	return claimed;
}

/* The front end whose sniff() recognises a file of no known kind. */
static const struct front *front_by_sniff(const struct source *src)
{
	const char *base = path_base(src->path);
	const struct front *const *fronts;
	size_t n, i;

	/* Only files whose name says nothing: no extension at all. */
	if (strchr(base, '.'))
		return NULL;
	fronts = front_all(&n);
	for (i = 0; i < n; i++)
		if (fronts[i]->sniff && fronts[i]->sniff(src->data, src->len))
			return fronts[i];
	return NULL;
}

/* The front end named by --kind or claiming the path or text, or NULL. */
static const struct front *chosen_front(const struct lint_env *env,
					const struct source *src)
{
	const struct front *f;

	if (env->kind)
		return front_find(env->kind);
	f = front_by_path(src->path);
	return f ? f : front_by_sniff(src);
}

static void lint_source(const struct lint_env *env, struct source *src,
			bool sniff, struct lint_result *out)
{
	const struct front *front = chosen_front(env, src);
	const struct reader *reader = pick_reader(env, front, src, sniff);
	struct front_ctx fc;
	struct model *m;
	struct tree *t;
	struct mem_budget budget = { 0, LINT_FILE_BUDGET };
	struct diags rd = { 0 };
	struct source *masked = NULL;

	if (!reader) {
		diag_add(&out->diags, src->path, LOC_NONE, DIAG_NOTE,
			 "skipped: not a format cagelint reads");
		return;
	}
	t = tree_new();
	arena_set_budget(t->arena, &budget);
	if (reader->read(t, src, &rd)) {
		bool tmpl = !env->kind && looks_like_template(src);

		if (tmpl && read_masked(reader, &t, &src, &budget,
					&out->diags)) {
			masked = src;
			diags_free(&rd);
		} else {
			diags_move(&out->diags, &rd);
			if (tmpl)
				diag_add(&out->diags, src->path, LOC_NONE,
					 DIAG_WARNING, "looks like a template "
					 "({{ ... }}) that cannot be read "
					 "without rendering: lint the rendered "
					 "output (helm template ... | "
					 "cagelint -)");
		}
	}
	m = model_new(src->path);
	arena_set_budget(m->arena, &budget);
	fc.model = m;
	fc.src = src;
	fc.diags = &out->diags;
	if (run_fronts(front, t, &fc)) {
		out->linted = true;
		cap_objects(&fc);
		model_derive(m, &env->mopt);
		out->findings.max = LINT_MAX_FINDINGS;
		engine_run(env->rules, m, &out->findings);
		out->findings.max = 0;
		if (out->findings.dropped)
			diag_add(&out->diags, src->path, LOC_NONE, DIAG_ERROR,
				 "more than %d findings in one file: %zu more "
				 "are not reported", LINT_MAX_FINDINGS,
				 out->findings.dropped);
		findings_merge_alike(&out->findings, LINT_MAX_ALIKE,
				     &out->diags);
		xref_keep(m, &out->kept);
		/* JSON has no comments; its annotations still count. */
		if (reader != &reader_json)
			waivers_scan_text(&out->waivers, src->path, src->data,
					  src->len, &out->diags);
		waivers_add_model(&out->waivers, src->path, m);
	} else if (!out->diags.nerrors) {
		diag_add(&out->diags, src->path, LOC_NONE, DIAG_NOTE,
			 "skipped: no document in a format cagelint reads");
	}
	model_free(m);
	tree_free(t);
	if (reader == &reader_yaml)
		map_to_templates(src, out);
	source_free(masked);
}

void lint_file(const struct lint_env *env, const char *path,
	       const char *display, bool is_stdin, struct lint_result *out)
{
	struct source *src = source_read(path, display, is_stdin,
					 &out->diags);

	if (!src)
		return;
	lint_source(env, src, is_stdin, out);
	source_free(src);
}

void lint_cross_file(const struct ruleset *rs, struct model *const *kept,
		     size_t n, struct findings *out)
{
	struct model *g = xref_resolve(kept, n);

	engine_run_cross_file(rs, g, out);
	model_free(g);
}

void lint_text(const struct lint_env *env, const char *display,
	       const char *text, size_t len, const char *kind,
	       struct lint_result *out)
{
	struct lint_env e = *env;
	struct source *src = source_from_mem(display, text, len);

	e.kind = kind;
	if (!source_decode(src, &out->diags))
		lint_source(&e, src, kind != NULL, out);
	source_free(src);
}

void lint_result_free(struct lint_result *r)
{
	findings_free(&r->findings);
	diags_free(&r->diags);
	waivers_free(&r->waivers);
	model_free(r->kept);
	r->kept = NULL;
}

int lint_dump(const struct lint_env *env, const char *path, bool is_stdin,
	      enum lint_dump what, struct strbuf *out, struct diags *d)
{
	struct source *src = source_read(path, is_stdin ? "-" : path,
					 is_stdin, d);
	struct tree *t;
	const struct reader *reader;
	int rc = 0;
	size_t i;

	if (!src)
		return 2;
	reader = pick_reader(env, chosen_front(env, src), src, true);
	t = tree_new();
	if (reader->read(t, src, d)) {
		rc = 2;
	} else if (what == LINT_DUMP_TREE && reader->tagged_dump) {
		tree_dump_json(out, t->docs[0], TREE_DUMP_TAGGED);
		sb_addc(out, '\n');
	} else if (what != LINT_DUMP_MODEL) {
		sb_addc(out, '[');
		for (i = 0; i < t->ndocs; i++) {
			sb_adds(out, i ? ",\n" : "\n");
			tree_dump_json(out, t->docs[i], TREE_DUMP_NODES);
		}
		sb_adds(out, t->ndocs ? "\n]\n" : "]\n");
	} else {
		struct model *m = model_new(src->path);
		struct front_ctx fc = { m, src, d };

		run_fronts(chosen_front(env, src), t, &fc);
		model_derive(m, &env->mopt);
		model_dump_json(out, m);
		model_free(m);
		if (d->nerrors)
			rc = 2;
	}
	tree_free(t);
	source_free(src);
	return rc;
}
