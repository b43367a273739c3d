/*
 * scan.h - one whole run over the paths a user named: walk, lint every
 * file on the workers, then the cross-file stage.  What comes out is the
 * run's findings and diagnostics, sorted; what is shown and what fails
 * is decided above (filter/), how it looks further up (report/).
 */
#ifndef CAGELINT_SCAN_SCAN_H
#define CAGELINT_SCAN_SCAN_H

#include "scan/pipeline.h"

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
};

struct scan_outcome {
	struct findings findings;	/* sorted, duplicates dropped */
	struct diags diags;		/* sorted */
	struct waivers waivers;		/* every file's, in file order */
	size_t files_linted;		/* inputs that were judged */
};

/* Run the scan; the outcome is the same for any number of jobs. */
void scan(const struct lint_env *env, const struct scan_request *req,
	  struct scan_outcome *out);
void scan_outcome_free(struct scan_outcome *o);

#endif
