/*
 * pipeline.c - the per-file pipeline: pick a reader, read, run the front
 * ends, derive, judge.
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
 *
 * Memory: a YAML stream is judged one document at a time as it is read
 * (lint_stream), so a file of many documents costs what its largest
 * document does, beside the text itself.  Other formats are one document
 * anyway.  A YAML file that does not read and looks like a template is
 * read again whole, its stream's verdicts dropped (read_masked).
 * Nothing here outlives the file but its result (struct lint_result).
 */
#include "scan/pipeline.h"

#include <setjmp.h>
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
 * A suppression in the rendered text (a template's comment, an
 * annotation) moves with the findings it is to cover: the lines it is
 * matched on are shifted as theirs are.
 */
static void waiver_to_template(const struct source_mark *v, size_t n,
			       struct waiver *w)
{
	const struct source_mark *m = mark_of(v, n, w->loc.line);

	if (!m || !w->loc.line)
		return;
	to_template(v, n, &w->path, &w->loc);
	if (w->line > m->line)
		w->line -= m->line;
	if (w->target > m->line)
		w->target -= m->line;
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
	for (i = 0; n && i < out->waivers.n; i++)
		if (!strcmp(out->waivers.v[i].path, src->path))
			waiver_to_template(v, n, &out->waivers.v[i]);
	free(v);
}

/* --- limits of one file --------------------------------------------------- */

static void budget_error(struct front_ctx *fc, struct loc loc)
{
	diag_add(fc->diags, fc->src->path, loc, DIAG_ERROR,
		 "judging this file takes more than %u MiB of memory (the "
		 "budget of one file); the rest is not judged",
		 LINT_FILE_BUDGET >> 20);
}

/*
 * Has the model passed LINT_MAX_OBJECTS or the file's memory budget?
 * Asked before each document is built; reports once, at `doc`.
 */
static bool over_limits(struct front_ctx *fc, const struct tree_node *doc)
{
	if (budget_exceeded(arena_budget(fc->model->arena))) {
		budget_error(fc, doc->loc);
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

/* Objects a front end made of one document belong to its unit. */
static void close_document(struct model *m, size_t first,
			   const struct tree_node *doc)
{
	for (; first < m->n; first++)
		if (!m->objs[first]->unit_line)
			m->objs[first]->unit_line = doc->loc.line;
}

/*
 * Give one document to `front` when one was chosen (by path or --kind),
 * else to the first front end whose detect() claims it.  True when it
 * was taken.
 */
static bool build_document(const struct front *front,
			   const struct tree_node *doc, struct front_ctx *fc)
{
	const struct front *const *fronts;
	size_t first = fc->model->n, n, j;
	bool claimed = false;

	if (front) {
		front->build(fc, doc);
		claimed = true;
	}
	fronts = front_all(&n);
	for (j = 0; !claimed && j < n; j++) {
		if (!fronts[j]->detect || !fronts[j]->detect(doc))
			continue;
		fronts[j]->build(fc, doc);
		claimed = true;
	}
	close_document(fc->model, first, doc);
	return claimed;
}

/*
 * Every document of `t` in turn; true when any was taken.  A front end
 * stops early inside a document when front_full() says so; the budget
 * part of that is reported here (the object count is cap_objects'
 * business).
 */
static bool run_fronts(const struct front *front, struct tree *t,
		       struct front_ctx *fc)
{
	size_t i;
	bool claimed = false;

	for (i = 0; i < t->ndocs && !over_limits(fc, t->docs[i]); i++)
		claimed |= build_document(front, t->docs[i], fc);
	if (i == t->ndocs && i &&
	    budget_exceeded(arena_budget(fc->model->arena)))
		budget_error(fc, fc->model->n ?
			     fc->model->objs[fc->model->n - 1]->loc :
			     t->docs[i - 1]->loc);
	return claimed;
}

/*
 * A Kustomize patch writes only what it changes: its objects are judged
 * for what they set, not for what they leave out (engine/engine.c).
 */
static void mark_partial(struct model *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		m->objs[i]->partial = true;
}

static void note_partial(const char *path, struct diags *d)
{
	diag_add(d, path, LOC_NONE, DIAG_NOTE, "a patch named by a "
		 "kustomization: judged for what it sets, not for what it "
		 "leaves out");
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
	uint8_t memo = env->front_memo;

	if (env->kind)
		return front_find(env->kind);
	f = front_for_path_memo(src->path, &memo);
	return f ? f : front_by_sniff(src);
}

/*
 * One file's work, in the caller's frame so that an allocation failure
 * (an oom_guard jump, base/util.h) finds everything to free: what is
 * built is always reachable from here.
 */
struct file_job {
	const struct lint_env *env;
	const char *path;	/* to read, or NULL: `src` is given */
	const char *display;
	bool is_stdin;
	bool sniff;		/* decide the reader by content too */
	struct source *src;
	struct source *masked;	/* the template-masked copy, or NULL */
	struct tree *tree;
	struct tree *spare;	/* the masked tree while it is read */
	struct model *model;
	struct mem_budget budget;
	struct lint_result *out;
	/* Judging a YAML stream one document at a time (lint_stream): */
	const struct front *front;	/* chosen for the file, or NULL */
	struct lint_result *real_out;	/* `out` while out is `scratch` */
	struct lint_result scratch;	/* what the stream found */
	struct waivers model_waivers;	/* its annotations', in order */
	size_t objects;			/* objects built so far */
	bool claimed;			/* a front end took a document */
	bool stopped;			/* a limit was reached */
};

/*
 * A file that does not parse and looks like a Go template is read again
 * with its actions masked; when that parses, its tree and masked text
 * replace the job's.  Both are held by the job while being built.
 */
static bool read_masked(struct file_job *job, const struct reader *reader)
{
	struct diags md = { 0 };
	size_t len, i;
	char *masked;

	if (reader != &reader_yaml)
		return false;
	masked = gotmpl_mask(job->src->data, job->src->len, &len);
	job->masked = source_from_mem(job->src->path, masked, len);
	free(masked);
	job->spare = tree_new();
	arena_set_budget(job->spare->arena, &job->budget);
	if (reader->read(job->spare, job->masked, &md)) {
		diags_free(&md);
		tree_free(job->spare);
		job->spare = NULL;
		source_free(job->masked);
		job->masked = NULL;
		return false;
	}
	diags_free(&md);
	for (i = 0; i < job->spare->ndocs; i++)
		mark_opaque(job->spare->docs[i]);
	tree_free(job->tree);
	job->tree = job->spare;
	job->spare = NULL;
	diag_add(&job->out->diags, job->src->path, LOC_NONE, DIAG_WARNING,
		 "read as a Go template without rendering it: settings "
		 "written literally are judged, those its actions set are "
		 "not (to judge them, put helm on PATH, or lint the "
		 "output of helm template ... | cagelint -)");
	return true;
}

static void read_tree(struct file_job *job, const struct reader *reader)
{
	struct lint_result *out = job->out;
	struct diags rd = { 0 };
	bool tmpl;

	job->tree = tree_new();
	arena_set_budget(job->tree->arena, &job->budget);
	if (!reader->read(job->tree, job->src, &rd)) {
		diags_free(&rd);
		return;
	}
	tmpl = !job->env->kind && looks_like_template(job->src);
	if (tmpl && read_masked(job, reader)) {
		diags_free(&rd);
		return;
	}
	diags_move(&out->diags, &rd);
	if (tmpl)
		diag_add(&out->diags, job->src->path, LOC_NONE, DIAG_WARNING,
			 "looks like a template ({{ ... }}) that cannot be "
			 "read without rendering: lint the rendered output "
			 "(helm template ... | cagelint -)");
}

/*
 * The other files the front ends read for model `m` (added to those of
 * the file's other documents), for the run's count of files.
 */
static void keep_also_read(const struct model *m, struct lint_result *out)
{
	size_t i, cap = out->nalso;

	if (!m->nalso)
		return;
	out->also_read = xgrow(out->also_read, &cap, out->nalso + m->nalso,
			       sizeof(*out->also_read));
	for (i = 0; i < m->nalso; i++) {
		char *copy = xstrdup(m->also_read[i]);

		out->also_read[out->nalso++] = copy;	/* counted once had */
	}
}

/*
 * Judge model `m` of the file (or of one of its documents): derive, run
 * the rules (at most LINT_MAX_FINDINGS for the file), keep what the
 * cross-file step needs, and collect the annotations' waivers.
 */
static void judge_model(struct file_job *job, struct model *m,
			struct waivers *waivers)
{
	struct lint_result *out = job->out;

	if (job->env->partial)
		mark_partial(m);
	model_derive(m, &job->env->mopt);
	out->findings.max = LINT_MAX_FINDINGS;
	engine_run(job->env->rules, m, &out->findings);
	out->findings.max = 0;
	xref_keep(m, &out->kept);
	keep_also_read(m, out);
	waivers_add_model(waivers, m->path, m);
}

/*
 * Once every document of the file that was judged is: findings cut
 * short and alike merged, the comments' waivers (JSON has none; its
 * annotations still count), then the annotations' of `model_waivers`.
 */
static void finish_judged(struct file_job *job, const struct reader *reader,
			  const struct source *src,
			  struct waivers *model_waivers)
{
	struct lint_result *out = job->out;

	out->linted = true;
	if (job->env->partial)
		note_partial(src->path, &out->diags);
	if (out->findings.dropped)
		diag_add(&out->diags, src->path, LOC_NONE, DIAG_ERROR,
			 "more than %d findings in one file: %zu more are not "
			 "reported", LINT_MAX_FINDINGS, out->findings.dropped);
	findings_merge_alike(&out->findings, LINT_MAX_ALIKE, &out->diags);
	if (reader != &reader_json)
		waivers_scan_text(&out->waivers, src->path, src->data,
				  src->len, &out->diags);
	waivers_move(&out->waivers, model_waivers);
}

static void judge(struct file_job *job, const struct reader *reader)
{
	struct source *src = job->masked ? job->masked : job->src;
	struct waivers mw = { 0 };

	cap_objects(&(struct front_ctx){ job->model, src, &job->out->diags,
					 0 });
	judge_model(job, job->model, &mw);
	finish_judged(job, reader, src, &mw);
}

/* A file no front end took: say why, when no error already does. */
static void not_judged(struct file_job *job)
{
	struct lint_result *out = job->out;

	if (out->diags.nerrors)
		return;
	if (job->env->partial)
		diag_add(&out->diags, job->src->path, LOC_NONE, DIAG_WARNING,
			 "a patch named by a kustomization in a form cagelint "
			 "does not judge (JSON 6902 operations): what it "
			 "changes is not checked unless the overlay is built "
			 "(kustomize or kubectl on PATH)");
	else
		diag_add(&out->diags, job->src->path, LOC_NONE, DIAG_NOTE,
			 "skipped: no document in a format cagelint reads");
}

/* Add everything of `from` to `to`; `from` is left empty. */
static void result_move(struct lint_result *to, struct lint_result *from)
{
	findings_move(&to->findings, &from->findings);
	diags_move(&to->diags, &from->diags);
	waivers_move(&to->waivers, &from->waivers);
	to->linted |= from->linted;
	to->kept = from->kept;
	from->kept = NULL;
	to->also_read = from->also_read;
	to->nalso = from->nalso;
	from->also_read = NULL;
	from->nalso = 0;
}

/*
 * Back to the file's own result; what the stream found joins it when
 * `keep`, else it is dropped.
 */
static void end_scratch(struct file_job *job, bool keep)
{
	if (job->out != &job->scratch)
		return;
	if (keep)
		result_move(job->real_out, &job->scratch);
	lint_result_free(&job->scratch);
	job->out = job->real_out;
}

/* Free what the job built; the source it was given stays the caller's. */
static void job_release(struct file_job *job)
{
	model_free(job->model);
	job->model = NULL;
	tree_free(job->tree);
	job->tree = NULL;
	tree_free(job->spare);
	job->spare = NULL;
	source_free(job->masked);
	job->masked = NULL;
	waivers_free(&job->model_waivers);
	/* What a stream found before a failure is true: it is kept. */
	end_scratch(job, true);
}

/* --- one document at a time ------------------------------------------------ */

/*
 * A YAML stream is judged document by document as the reader reads it:
 * each document gets a model of its own (job->model), judged and freed
 * before the next, and the reader frees the document's nodes (tree
 * on_doc).  Memory follows the largest document, not the file.  The
 * rules judge one object at a time in the same order, so the findings
 * are those a model of the whole file gives; the limits of a file
 * (objects, budget, findings) are counted over the whole stream.
 */

/* Past a limit of the file, before document `doc`: report, stop. */
static bool stream_over_limits(struct file_job *job,
			       const struct tree_node *doc)
{
	struct front_ctx fc = { NULL, job->src, &job->out->diags, 0 };

	if (budget_exceeded(&job->budget))
		budget_error(&fc, doc->loc);
	else if (job->objects > LINT_MAX_OBJECTS)
		diag_add(&job->out->diags, job->src->path, doc->loc,
			 DIAG_ERROR, "more than %d objects in one file; the "
			 "rest is not judged", LINT_MAX_OBJECTS);
	else
		return false;
	job->stopped = true;
	return true;
}

/* Drop the objects past the file's LINT_MAX_OBJECTS, saying so once. */
static void stream_cap_objects(struct file_job *job, struct model *m,
			       size_t room)
{
	job->objects += m->n;
	if (m->n <= room)
		return;
	diag_add(&job->out->diags, job->src->path, m->objs[room]->loc,
		 DIAG_ERROR, "more than %d objects in one file; the rest is "
		 "not judged", LINT_MAX_OBJECTS);
	m->n = room;
}

static void judge_document(void *ctx, const struct tree_node *doc)
{
	struct file_job *job = ctx;
	size_t room;
	struct front_ctx fc;

	if (job->stopped || stream_over_limits(job, doc))
		return;
	room = LINT_MAX_OBJECTS - job->objects;
	job->model = model_new(job->src->path);
	arena_set_budget(job->model->arena, &job->budget);
	fc.model = job->model;
	fc.src = job->src;
	fc.diags = &job->out->diags;
	/* 0 would be no limit: with no room, one object is past it. */
	fc.max_objects = room ? room : 1;
	if (build_document(job->front, doc, &fc)) {
		job->claimed = true;
		if (budget_exceeded(&job->budget)) {
			budget_error(&fc, job->model->n ?
				     job->model->objs[job->model->n - 1]->loc :
				     doc->loc);
			job->stopped = true;
		}
		stream_cap_objects(job, job->model, room);
		judge_model(job, job->model, &job->model_waivers);
	}
	model_free(job->model);
	job->model = NULL;
}

/*
 * Read and judge a YAML stream into job->scratch; returns what the
 * reader returned (0: the whole stream was read).
 */
static int lint_stream(struct file_job *job)
{
	int rc;

	job->real_out = job->out;
	job->out = &job->scratch;
	job->tree = tree_new();
	arena_set_budget(job->tree->arena, &job->budget);
	job->tree->on_doc = judge_document;
	job->tree->on_doc_ctx = job;
	rc = reader_yaml.read(job->tree, job->src, &job->out->diags);
	tree_free(job->tree);
	job->tree = NULL;
	if (job->claimed)
		finish_judged(job, &reader_yaml, job->src,
			      &job->model_waivers);
	else
		not_judged(job);
	return rc;
}

/*
 * A YAML file is judged as a stream.  One that did not read and looks
 * like a template is to be read again with its actions masked
 * (read_masked), whole: what the stream gave is dropped, so that nothing
 * is judged twice, and false says to go on.
 */
static bool lint_yaml_stream(struct file_job *job)
{
	bool again = lint_stream(job) && !job->env->kind &&
		     looks_like_template(job->src);

	end_scratch(job, !again);
	if (!again)
		map_to_templates(job->src, job->out);
	return !again;
}

/* --- a whole tree, then a whole model -------------------------------------- */

static void lint_source(struct file_job *job)
{
	const struct lint_env *env = job->env;
	struct lint_result *out = job->out;
	const struct front *front = chosen_front(env, job->src);
	const struct reader *reader = pick_reader(env, front, job->src,
						  job->sniff);
	struct front_ctx fc;

	if (!reader) {
		diag_add(&out->diags, job->src->path, LOC_NONE, DIAG_NOTE,
			 "skipped: not a format cagelint reads");
		return;
	}
	job->front = front;
	if (reader == &reader_yaml && lint_yaml_stream(job))
		return;
	read_tree(job, reader);
	job->model = model_new(job->src->path);
	arena_set_budget(job->model->arena, &job->budget);
	fc.model = job->model;
	fc.src = job->masked ? job->masked : job->src;
	fc.diags = &out->diags;
	fc.max_objects = LINT_MAX_OBJECTS;
	if (run_fronts(front, job->tree, &fc))
		judge(job, reader);
	else
		not_judged(job);
	job_release(job);
	if (reader == &reader_yaml)
		map_to_templates(job->src, out);
}

static void job_work(struct file_job *job)
{
	if (job->path) {
		job->src = source_read(job->path, job->display, job->is_stdin,
				       &job->out->diags);
		if (!job->src)
			return;
	}
	lint_source(job);
}

/*
 * Run the job; when the allocator fails on the way, the file's work is
 * dropped and the failure is this file's error: the other files of the
 * run are judged as usual.  What it found before is kept (it is true),
 * its cross-file objects are not (they may be incomplete).
 */
static void run_job(struct file_job *job)
{
	struct oom_guard guard;

	if (setjmp(guard.jump) == 0) {
		oom_guard_push(&guard);
		job_work(job);
		oom_guard_pop(&guard);
		return;
	}
	job_release(job);
	model_free(job->out->kept);
	job->out->kept = NULL;
	diag_add(&job->out->diags, job->src ? job->src->path : job->display,
		 LOC_NONE, DIAG_ERROR, "out of memory while reading this "
		 "file; the rest of it is not judged (the other files are)");
}

void lint_file(const struct lint_env *env, const char *path,
	       const char *display, bool is_stdin, struct lint_result *out)
{
	struct file_job job = { .env = env, .path = path, .display = display,
				.is_stdin = is_stdin, .sniff = is_stdin,
				.budget = { 0, LINT_FILE_BUDGET }, .out = out };

	run_job(&job);
	source_free(job.src);
}

void lint_cross_file(const struct ruleset *rs, struct model *const *kept,
		     size_t n, struct model_pack *packed,
		     struct findings *out)
{
	struct model *g = xref_resolve(kept, n), *m;
	size_t tag;

	engine_run_cross_file(rs, g, out);
	if (packed)
		model_pack_rewind(packed);
	while (packed && (m = model_pack_next(packed, &tag))) {
		/* profiles came back to `kept` before, when wanted */
		if (!xref_profiles_only(m)) {
			xref_tell_packed(g, m);
			engine_run_cross_file(rs, m, out);
		}
		model_free(m);
	}
	model_free(g);
}

void lint_text(const struct lint_env *env, const char *display,
	       const char *text, size_t len, const char *kind,
	       struct lint_result *out)
{
	struct lint_env e = *env;
	struct file_job job = { .env = &e, .display = display,
				.sniff = kind != NULL,
				.budget = { 0, LINT_FILE_BUDGET }, .out = out };

	e.kind = kind;
	job.src = source_from_mem(display, text, len);
	if (!source_decode(job.src, &out->diags))
		run_job(&job);
	source_free(job.src);
}

void lint_result_free(struct lint_result *r)
{
	size_t i;

	findings_free(&r->findings);
	diags_free(&r->diags);
	waivers_free(&r->waivers);
	model_free(r->kept);
	r->kept = NULL;
	for (i = 0; i < r->nalso; i++)
		free(r->also_read[i]);
	free(r->also_read);
	r->also_read = NULL;
	r->nalso = 0;
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
		struct front_ctx fc = { m, src, d, 0 };

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
