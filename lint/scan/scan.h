/*
 * scan.h - one whole run over the paths a user named: walk, lint every
 * file on the workers, then the cross-file stage.  What comes out is the
 * run's findings and diagnostics, sorted (or, asked to spill, the
 * findings in a temporary file to be taken one path at a time); what is
 * shown and what fails is decided above (filter/), how it looks further
 * up (report/).
 */
#ifndef CAGELINT_SCAN_SCAN_H
#define CAGELINT_SCAN_SCAN_H

#include "scan/pipeline.h"
#include "scan/spill.h"
#include "scan/walk.h"

struct render_options;

struct scan_request {
	char **paths;		/* files, directories, "-"; none: "." */
	size_t npaths;
	const char *stdin_name;	/* how "-" is named, or NULL */
	int jobs;		/* worker threads, >= 1 */
	bool fail_if_empty;	/* no input judged: an error, not a warning */
	/*
	 * Files for which `skip` says true are not read (the config file's
	 * ignore-paths); a note says so.  NULL: every file is read.
	 */
	bool (*skip)(const void *ctx, const char *path);
	const void *skip_ctx;
	/* Charts and overlays rendered before judging (NULL: defaults). */
	const struct render_options *render;
	/*
	 * Put the files' findings aside in a spill (a temporary file once
	 * they pass a chunk), to be read back one path at a time
	 * (scan_take_path).
	 */
	bool spill;
	/*
	 * Keep the notes (files skipped and why), for a report that shows
	 * them (-v); else they are dropped as they come.
	 */
	bool keep_notes;
};

struct scan_outcome {
	/*
	 * Sorted, duplicates dropped; when `spilled`, only the cross-file
	 * step's, the files' own being in `spill`.
	 */
	struct findings findings;
	struct diags diags;		/* sorted */
	struct waivers waivers;		/* every file's, in file order */
	size_t files_linted;		/* inputs that were judged */
	bool spilled;			/* the files' findings are in `spill` */
	struct finding_spill spill;
	/* a spilled run's files: `spill` lists findings under their names */
	struct scan_list files;
	bool spill_said;		/* its failure was told */
	size_t next_cross;		/* first of `findings` not taken */
};

/* Run the scan; the outcome is the same for any number of jobs. */
void scan(const struct lint_env *env, const struct scan_request *req,
	  struct scan_outcome *out);
void scan_outcome_free(struct scan_outcome *o);

/*
 * With a spilled outcome: the smallest path that still has findings, or
 * NULL; and that path's findings (the files' and the cross-file step's)
 * appended to `out`, alike ones merged and sorted, as the whole run's
 * would be.  A merge's warning is added to `o->diags`, sorted again.
 * Returns -1 when the spill could not be read back (a diagnostic says so).
 */
const char *scan_peek_path(const struct scan_outcome *o);
int scan_take_path(struct scan_outcome *o, const char *path,
		   struct findings *out);

#endif
