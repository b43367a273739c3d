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

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
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
		r = reader_by_suffix(base_name(src->path));
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
	const char *base = base_name(src->path);
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

	if (!reader) {
		diag_add(&out->diags, src->path, LOC_NONE, DIAG_NOTE,
			 "skipped: not a format cagelint reads");
		return;
	}
	t = tree_new();
	arena_set_budget(t->arena, &budget);
	if (reader->read(t, src, &out->diags) && !env->kind &&
	    looks_like_template(src))
		diag_add(&out->diags, src->path, LOC_NONE, DIAG_WARNING,
			 "looks like a template ({{ ... }}): lint the "
			 "rendered output (helm template ... | cagelint -)");
	m = model_new(src->path);
	arena_set_budget(m->arena, &budget);
	fc.model = m;
	fc.src = src;
	fc.diags = &out->diags;
	if (run_fronts(front, t, &fc)) {
		out->linted = true;
		cap_objects(&fc);
		model_derive(m, &env->mopt);
		engine_run(env->rules, m, &out->findings);
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
