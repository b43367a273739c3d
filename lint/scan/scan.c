/*
 * scan.c - one whole run: paths → files → workers → cross-file stage.
 *
 * Each file's result is folded in file order as the workers hand it on
 * (scan/pool.c), so the outcome does not depend on how the files were
 * spread, and a file's memory goes as soon as it is folded; asked to,
 * its findings go to a spill (scan/spill.h) rather than staying in memory.
 */
#include "scan/scan.h"

#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "model/xref.h"
#include "scan/kustomize.h"
#include "scan/pool.h"
#include "scan/render.h"

/* "-" is shown under --stdin-filename's name when one was given. */
static void name_stdin(struct scan_list *files, const char *name)
{
	size_t i;

	for (i = 0; name && i < files->n; i++) {
		if (!files->v[i].is_stdin)
			continue;
		scan_file_set_display(&files->v[i], xstrdup(name));
	}
}

/*
 * A scan that judged nothing, with no error to say why, says so in every
 * format: a warning, or an
 * error with --fail-if-empty (a gate pointed at the wrong folder must not
 * pass).  With -v the notes say what each file was.
 */
static void say_if_empty(const struct scan_request *req, size_t nfiles,
			 struct scan_outcome *out)
{
	if (out->files_linted || out->diags.nerrors)
		return;		/* judged something, or said why not */
	diag_add(&out->diags, "", LOC_NONE,
		 req->fail_if_empty ? DIAG_ERROR : DIAG_WARNING,
		 "no input cagelint reads among the %zu file%s given or "
		 "found; nothing was checked%s", nfiles,
		 nfiles == 1 ? "" : "s",
		 nfiles ? " (-v says why each was skipped)" : "");
}

/* Drop the files `req->skip` says are not to be read, with a note. */
static void drop_skipped(struct scan_list *files,
			 const struct scan_request *req, struct diags *d)
{
	size_t i, kept = 0;

	for (i = 0; i < files->n; i++) {
		struct scan_file *f = &files->v[i];

		if (req->skip && !f->is_stdin &&
		    req->skip(req->skip_ctx, f->path)) {
			diag_add(d, f->display, LOC_NONE, DIAG_NOTE,
				 "skipped: matches ignore-paths");
			scan_file_free(f);
			continue;
		}
		files->v[kept++] = *f;
	}
	files->n = kept;
}

/*
 * A file the user named that was not judged is worth a warning, not a
 * note only -v shows: they expected it to be read.  (Files found in a
 * directory that cagelint does not read are normal, and stay notes.)
 */
static void warn_if_named_skipped(const struct scan_file *f,
				  struct lint_result *r)
{
	size_t i;

	if (!f->named || r->linted || r->diags.nerrors)
		return;
	for (i = 0; i < r->diags.n; i++)
		if (r->diags.v[i].level == DIAG_NOTE &&
		    str_has_prefix(r->diags.v[i].msg, "skipped:"))
			r->diags.v[i].level = DIAG_WARNING;
}

/* --- files judged through another ------------------------------------- */

static char *clean_copy(const char *path)
{
	char *c = xstrdup(path);

	path_clean(c);
	return c;
}

/* The list's paths, cleaned and sorted, to ask "is it given?" in log n. */
static char **given_paths(const struct scan_list *files)
{
	char **v = xcalloc(files->n ? files->n : 1, sizeof(*v));
	size_t i;

	for (i = 0; i < files->n; i++)
		v[i] = clean_copy(files->v[i].path);
	qsort(v, files->n, sizeof(*v), str_ptr_cmp);
	return v;
}

/* A list entry for `judge` (the file that judges another), as added. */
static struct scan_file judge_entry(char *path, char *display)
{
	struct scan_file e;

	memset(&e, 0, sizeof(e));
	e.path = path;
	e.display = display;
	return e;
}

/*
 * A file that is judged only as part of another (front.judged_with: a
 * Compose override and its project file) is judged through that file,
 * which is read too when it was not given, with a note: naming only the
 * part must not leave it unjudged.  The judge goes next to the file, on
 * the side its name sorts to, so that the list stays in the order a walk
 * gives.  The list is built again once, if a judge is added at all.
 */
static void add_judging_files(struct scan_list *files, struct diags *d)
{
	size_t i, n = files->n, nout = 0, cap = 0;
	char **given = NULL;
	struct scan_file *out = NULL;

	for (i = 0; i < n; i++) {
		struct scan_file *f = &files->v[i];
		const struct front *fr = f->is_stdin ? NULL :
			front_for_path_memo(f->display, &f->front_memo);
		char *path = NULL, *display = NULL, *key;
		bool known;

		if (fr && fr->judged_with &&
		    (path = fr->judged_with(f->path)) != NULL) {
			if (!given)
				given = given_paths(files);
			key = clean_copy(path);
			known = bsearch(&key, given, n, sizeof(*given),
					str_ptr_cmp) != NULL;
			free(key);
			display = known ? NULL : fr->judged_with(f->display);
			if (!display) {
				free(path);
				path = NULL;
			}
		}
		if (!display && !out)
			continue;	/* nothing added yet: the list as is */
		if (!out) {
			cap = n + 1;
			out = xcalloc(cap, sizeof(*out));
			memcpy(out, files->v, i * sizeof(*out));
			nout = i;
		}
		out = xgrow(out, &cap, nout + 2, sizeof(*out));
		if (!display) {
			out[nout++] = *f;
			continue;
		}
		diag_add(d, f->display, LOC_NONE, DIAG_NOTE, "judged through "
			 "%s, which is read too (it was not given)", display);
		if (strcmp(display, f->display) < 0) {
			out[nout++] = judge_entry(path, display);
			out[nout++] = *f;
		} else {
			out[nout++] = *f;
			out[nout++] = judge_entry(path, display);
		}
	}
	for (i = 0; given && i < n; i++)
		free(given[i]);
	free(given);
	if (out) {
		free(files->v);
		files->v = out;
		files->n = nout;
		files->cap = cap;
	}
}

/* --- the count of files read -------------------------------------------- */

/*
 * The names of the files a run read: each file judged, and each file a
 * front end read to judge one (a Compose project's other files), cleaned
 * so that one file named two ways counts once.  A judged file is marked
 * (one byte) and its name taken from the list at the end; only the other
 * files' names are copied as they come (they are few).
 */
struct read_names {
	unsigned char *judged;	/* one per file of the list */
	char **also;		/* cleaned copies */
	size_t nalso, capalso;
};

static void read_names_add(struct read_names *r, const char *path)
{
	r->also = xgrow(r->also, &r->capalso, r->nalso + 1, sizeof(*r->also));
	r->also[r->nalso++] = clean_copy(path);
}

/* `d` cleaned (path_clean), in *buf, which grows as needed. */
static const char *cleaned(const char *d, char **buf, size_t *cap)
{
	size_t len = strlen(d);

	*buf = xgrow(*buf, cap, len + 1, 1);
	memcpy(*buf, d, len + 1);
	path_clean(*buf);
	return *buf;
}

/*
 * The judged files' count when no other file was read and their names are
 * clean and in strictly rising order (one walk, mostly): distinct without
 * a sort.  0 when that is not so.
 */
static size_t count_if_ordered(const struct read_names *r,
			       const struct scan_list *files)
{
	const char *last = NULL;
	char *clean = NULL;
	size_t i, n = 0, cap = 0;
	bool ordered = !r->nalso;

	for (i = 0; i < files->n && ordered; i++) {
		const char *d = files->v[i].display;

		if (!r->judged[i])
			continue;
		ordered = !strcmp(cleaned(d, &clean, &cap), d) &&
			  (!last || strcmp(last, d) < 0);
		last = d;
		n++;
	}
	free(clean);
	return ordered ? n : 0;
}

/* How many distinct names; frees them. */
static size_t read_names_count(struct read_names *r,
			       const struct scan_list *files)
{
	size_t i, n = r->nalso, k = 0, distinct = 0, cap = 0;
	char **v, *clean = NULL;

	if ((distinct = count_if_ordered(r, files)) != 0) {
		free(r->judged);
		return distinct;
	}
	for (i = 0; i < files->n; i++)
		n += r->judged[i];
	v = xcalloc(n ? n : 1, sizeof(*v));
	/* a name that cleans to another joins the copies (r->also) */
	for (i = 0; i < files->n; i++) {
		const char *d = files->v[i].display;

		if (!r->judged[i])
			continue;
		if (!strcmp(cleaned(d, &clean, &cap), d))
			v[k++] = files->v[i].display;
		else
			read_names_add(r, clean);
	}
	for (i = 0; i < r->nalso; i++)
		v[k++] = r->also[i];
	if (k > 1)
		qsort(v, k, sizeof(*v), str_ptr_cmp);
	for (i = 0; i < k; i++)
		distinct += !i || strcmp(v[i - 1], v[i]);
	for (i = 0; i < r->nalso; i++)
		free(r->also[i]);
	free(clean);
	free(v);
	free(r->also);
	free(r->judged);
	return distinct;
}

/* The files' kept models, in file order (only files that keep). */
struct kept_list {
	struct model **v;
	size_t *at;			/* the file each came from */
	size_t n, cap, capat;
};

static void kept_add(struct kept_list *l, struct model *m, size_t at)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->at = xgrow(l->at, &l->capat, l->n + 1, sizeof(*l->at));
	l->v[l->n] = m;
	l->at[l->n++] = at;
}

static void kept_free(struct kept_list *l)
{
	free(l->v);
	free(l->at);
	memset(l, 0, sizeof(*l));
}

/* What the fold of each file's result needs. */
struct fold {
	const struct scan_list *files;
	struct scan_outcome *out;
	struct kept_list kept;
	struct arena *store;		/* where the kept objects live */
	/* kept for the node settings alone, and seccomp profiles */
	struct model_pack packed;
	struct read_names read;		/* the files read, for the count */
};

/*
 * Fold file i's result into the outcome, in file order, as soon as it is
 * handed on: its memory goes at once, except the objects it keeps for
 * the cross-file step.
 */
static void fold_result(void *ctx, size_t i, struct lint_result *r)
{
	struct fold *fo = ctx;
	struct scan_outcome *out = fo->out;
	size_t j;

	warn_if_named_skipped(&fo->files->v[i], r);
	fo->read.judged[i] = r->linted;
	for (j = 0; j < r->nalso; j++)
		read_names_add(&fo->read, r->also_read[j]);
	if (out->spilled)
		finding_spill_add(&out->spill, &r->findings,
				  fo->files->v[i].display);
	else
		findings_move(&out->findings, &r->findings);
	diags_move(&out->diags, &r->diags);
	waivers_move(&out->waivers, &r->waivers);
	if (r->kept && xref_packable(r->kept)) {
		model_pack_add(&fo->packed, i, r->kept);
		model_free(r->kept);
	} else if (r->kept) {
		kept_add(&fo->kept, model_move_to(r->kept, fo->store), i);
	}
	r->kept = NULL;
	lint_result_free(r);
}

/*
 * The seccomp profiles that waited packed are wanted when a kept object
 * may name one: they go back among the kept models where their files
 * fall, so that the cross-file step sees what it saw with them kept.
 */
static void unpack_profiles(struct fold *fo)
{
	struct kept_list all = { 0 };
	struct model *m;
	size_t i = 0, tag;

	if (!fo->packed.n || !xref_may_name_profiles(fo->kept.v, fo->kept.n) ||
	    !model_pack_rewind(&fo->packed))
		return;
	for (;;) {
		m = model_pack_next(&fo->packed, &tag);
		if (m && !xref_profiles_only(m)) {
			model_free(m);
			continue;
		}
		while (i < fo->kept.n && (!m || fo->kept.at[i] < tag)) {
			kept_add(&all, fo->kept.v[i], fo->kept.at[i]);
			i++;
		}
		if (!m)
			break;
		kept_add(&all, model_move_to(m, fo->store), tag);
	}
	kept_free(&fo->kept);
	fo->kept = all;
}

void scan(const struct lint_env *env, const struct scan_request *req,
	  struct scan_outcome *out)
{
	static char *dot[] = { "." };
	struct scan_list files = { 0 };
	struct kz_set kz;
	struct fold fo;
	size_t i, n;

	memset(out, 0, sizeof(*out));
	out->diags.drop_notes = !req->keep_notes;
	out->spilled = req->spill;
	if (out->spilled)
		finding_spill_open(&out->spill);
	scan_paths(&files, req->npaths ? req->paths : dot,
		   req->npaths ? req->npaths : 1, &out->diags);
	name_stdin(&files, req->stdin_name);
	drop_skipped(&files, req, &out->diags);
	add_judging_files(&files, &out->diags);
	kz_set_read(&kz, &files);
	kustomize_mark_patches(&files, &kz);
	render_kustomize(&files, &kz, req->render, &out->diags);
	kz_set_free(&kz);
	render_helm(&files, req->render, &out->diags);
	n = files.n;
	if (n && files.cap > n) {
		/* the list stays to the end: without the room it grew by */
		files.v = xrealloc(files.v, n * sizeof(*files.v));
		files.cap = n;
	}
	fo.files = &files;
	fo.out = out;
	memset(&fo.kept, 0, sizeof(fo.kept));
	fo.store = arena_new();
	memset(&fo.packed, 0, sizeof(fo.packed));
	if (out->spilled)
		model_pack_spool(&fo.packed);
	memset(&fo.read, 0, sizeof(fo.read));
	fo.read.judged = xcalloc(n ? n : 1, 1);
	scan_run(env, &files, req->jobs, fold_result, &fo);
	out->files_linted = read_names_count(&fo.read, &files);
	unpack_profiles(&fo);
	lint_cross_file(env->rules, fo.kept.v, fo.kept.n, &fo.packed,
			&out->findings);
	if (fo.packed.failed)
		diag_add(&out->diags, "cagelint", LOC_NONE, DIAG_ERROR,
			 "the objects kept in a temporary file for the "
			 "cross-file checks could not be read back: findings "
			 "of those checks may be missing");
	/*
	 * Cross-file findings too: one per object and list entry (of a
	 * spilled run, path by path as they are taken).
	 */
	if (out->spilled)
		finding_spill_seal(&out->spill);
	else
		findings_merge_alike(&out->findings, LINT_MAX_ALIKE,
				     &out->diags);
	say_if_empty(req, n, out);
	for (i = 0; i < fo.kept.n; i++)
		model_free(fo.kept.v[i]);
	kept_free(&fo.kept);
	arena_free(fo.store);
	model_pack_free(&fo.packed);
	findings_sort(&out->findings);
	diags_sort(&out->diags);
	if (out->spilled)
		out->files = files;
	else
		scan_list_free(&files);
}

const char *scan_peek_path(const struct scan_outcome *o)
{
	const char *a = finding_spill_peek(&o->spill);
	const char *b = o->next_cross < o->findings.n ?
			o->findings.v[o->next_cross].path : NULL;

	if (!a || !b)
		return a ? a : b;
	return strcmp(a, b) <= 0 ? a : b;
}

int scan_take_path(struct scan_outcome *o, const char *path,
		   struct findings *out)
{
	size_t nd = o->diags.n;

	finding_spill_take(&o->spill, path, out);
	while (o->next_cross < o->findings.n &&
	       !strcmp(o->findings.v[o->next_cross].path, path)) {
		struct finding *f = &o->findings.v[o->next_cross++];

		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
		out->v[out->n++] = *f;
		memset(f, 0, sizeof(*f));
	}
	findings_merge_alike(out, LINT_MAX_ALIKE, &o->diags);
	findings_sort(out);
	/* Said once, at the path being written (the report is there). */
	if (o->spill.failed && !o->spill_said) {
		o->spill_said = true;
		diag_add(&o->diags, path, LOC_NONE, DIAG_ERROR,
			 "the findings kept in a temporary file could not "
			 "be written or read back; the report is incomplete");
	}
	if (o->diags.n != nd)
		diags_sort(&o->diags);
	return o->spill.failed ? -1 : 0;
}

void scan_outcome_free(struct scan_outcome *o)
{
	finding_spill_free(&o->spill);
	scan_list_free(&o->files);
	findings_free(&o->findings);
	diags_free(&o->diags);
	waivers_free(&o->waivers);
}
