/*
 * lint.h - one input through the whole pipeline: read, front end, derive,
 * rules.  Everything a file needs is made and freed here, so memory does
 * not grow with the number of files scanned; only findings and
 * diagnostics (small, owned copies) leave.
 */
#ifndef CAGELINT_LINT_H
#define CAGELINT_LINT_H

#include <stdbool.h>

#include "base/diag.h"
#include "engine/finding.h"
#include "engine/rules.h"
#include "filter/waiver.h"
#include "model/derive.h"
#include "model/model.h"
#include "model/pack.h"

/*
 * Bounds on what one file may cost, whoever wrote it.  Reaching one is an
 * error at the file's position (exit status 2); the other files are
 * judged as usual.  docs/security.md lists them for users.
 */
/* Memory for one file's tree and model (their arenas) together. */
#define LINT_FILE_BUDGET (128u * 1024 * 1024)
/* Objects (containers, profiles, ...) judged in one file. */
#define LINT_MAX_OBJECTS 20000
/*
 * Findings of one file alike in all but their place (same rule, same
 * message, same object): the first ones are listed, the rest counted in
 * one warning.  A list of two million equal entries is one problem.
 */
#define LINT_MAX_ALIKE 10
/*
 * Findings one file may give before they are merged: far past any real
 * file (a whole cluster's manifests give a few thousand), and what keeps
 * a file of 20000 objects from holding gigabytes of messages.  Past it
 * the file's report is cut short with an error, exit 2.
 */
#define LINT_MAX_FINDINGS 20000

/* What every file of a run shares; read-only while workers run. */
struct lint_env {
	const struct ruleset *rules;
	struct model_options mopt;
	const char *kind;	/* --kind: force this input format, or NULL */
	/*
	 * The file is a Kustomize patch (scan/kustomize.c found it named by
	 * a kustomization): its objects are partial (mobj.partial), judged
	 * only for what they set.  Set on a per-file copy of the run's env.
	 */
	bool partial;
	/* What the scan found the path names (front_for_path_memo), or 0. */
	uint8_t front_memo;
};

struct lint_result {
	struct findings findings;
	struct diags diags;
	bool linted;		/* the file was a known input and was judged */
	struct model *kept;	/* objects for the cross-file step, or NULL */
	struct waivers waivers;	/* its suppressions: comments, annotations */
	char **also_read;	/* other files read to judge it (model.h) */
	size_t nalso;
};

/*
 * Lint the file at `path` (standard input when `is_stdin`), naming it
 * `display` in messages.  Never fails: problems become diagnostics.
 */
void lint_file(const struct lint_env *env, const char *path,
	       const char *display, bool is_stdin, struct lint_result *out);
/*
 * The cross-file stage, once every file is linted: resolve and merge the
 * kept models (model/xref.h), then judge them with the rules marked
 * cross-file, appending to `out`.  `kept[i]` may be NULL.  Then the
 * models of `packed` (or none), which hold only what the node settings
 * judge (xref_packable), one at a time; packed->failed says when they
 * could not all be read back.
 */
void lint_cross_file(const struct ruleset *rs, struct model *const *kept,
		     size_t n, struct model_pack *packed,
		     struct findings *out);
/* Lint text in memory as input format `kind` (rule examples, tests). */
void lint_text(const struct lint_env *env, const char *display,
	       const char *text, size_t len, const char *kind,
	       struct lint_result *out);
void lint_result_free(struct lint_result *r);

enum lint_dump {
	LINT_DUMP_TREE,		/* TOML in toml-test's tagged JSON, else nodes */
	LINT_DUMP_NODES,	/* every node with its line:col, any format */
	LINT_DUMP_MODEL,
};

/* --dump: print the tree or the model of one file; returns exit status. */
int lint_dump(const struct lint_env *env, const char *path, bool is_stdin,
	      enum lint_dump what, struct strbuf *out, struct diags *d);

/*
 * The i-th name --kind accepts (front ends, then the readers --kind may
 * name), for --help, its check and the fuzz target; NULL past the last.
 */
const char *lint_kind_name(size_t i);

#endif
