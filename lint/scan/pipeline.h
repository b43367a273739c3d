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
#include "model/derive.h"
#include "model/model.h"

/* What every file of a run shares; read-only while workers run. */
struct lint_env {
	const struct ruleset *rules;
	struct model_options mopt;
	const char *kind;	/* --kind: force this input format, or NULL */
};

struct lint_result {
	struct findings findings;
	struct diags diags;
	bool linted;		/* the file was a known input and was judged */
	struct model *kept;	/* objects for the cross-file step, or NULL */
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
 * cross-file, appending to `out`.  `kept[i]` may be NULL.
 */
void lint_cross_file(const struct ruleset *rs, struct model *const *kept,
		     size_t n, struct findings *out);
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
