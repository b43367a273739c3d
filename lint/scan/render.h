/*
 * render.h - run a tool that renders inputs (kustomize, kubectl, helm)
 * and keep what it wrote, within bounds.
 */
#ifndef CAGELINT_SCAN_RENDER_H
#define CAGELINT_SCAN_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "filter/config.h"
#include "scan/pipeline.h"

struct kz_set;
struct scan_list;

/* How long one tool may run; a build that takes longer is stuck. */
#define RENDER_TIMEOUT_MS 120000
/*
 * What one tool may write on standard output: far past any real chart
 * or overlay (the largest public charts render to a few MiB); past it
 * the tool is stopped and its output not judged.
 */
#define RENDER_MAX_OUTPUT (64u * 1024 * 1024)
/* Of its standard error, what is kept for the message. */
#define RENDER_MAX_STDERR (16u * 1024)

struct render_run {
	char *out;		/* standard output, NUL-terminated */
	size_t len;
	char *err;		/* the start of standard error, NUL-terminated */
	int status;		/* exit status; -1: killed or not started */
	bool timed_out, too_big;
};

/*
 * The executable `name` on PATH (an absolute path to free), or NULL.
 * A name with a '/' is not looked up.
 */
char *render_find_tool(const char *name);
/*
 * Run `argv` (argv[0] a path, as render_find_tool gives) with no shell,
 * standard input from /dev/null, in the current folder; wait at most
 * RENDER_TIMEOUT_MS, keep at most RENDER_MAX_OUTPUT.  Returns 0 when it
 * exited 0 within bounds, else -1 (with `r` saying why).  Never call it
 * while worker threads run: it forks.
 */
int render_exec(char *const argv[], struct render_run *r);
/* Why a run failed, in words: "exited with status 1: <stderr>". */
char *render_failure(const struct render_run *r);
void render_run_free(struct render_run *r);

/* --- rendered inputs ----------------------------------------------------- */

/*
 * Where the document of a rendered stream that starts at `line` comes
 * from: a file and the object's place in it, or (no location) the
 * kustomization that built it, the object then named by the finding.
 */
struct render_origin {
	uint32_t line;		/* first line of the document in the stream */
	char *path;		/* to show: a scanned file's display name */
	char *file;		/* to open, or NULL: no file of its own */
	struct loc loc;		/* the object in it; LOC_NONE: unknown */
};

/* What a tool rendered, linted in place of the files it was made of. */
struct rendered {
	char *data;
	size_t len;
	struct render_origin *origins;	/* by line; none: keep the stream's */
	size_t norigins;
};

void rendered_free(struct rendered *r);
/* Add an origin (`path`, `file` copied; `file` may be NULL). */
void rendered_add_origin(struct rendered *r, uint32_t line, const char *path,
			 const char *file, struct loc loc);


/*
 * Lint a rendered stream named `display`, then point what was found at
 * the files its documents come from (r->origins), and read the comment
 * suppressions of those files.
 */
void lint_rendered(const struct lint_env *env, const char *display,
		   const struct rendered *r, struct lint_result *out);

/* How the scan renders (the command line and config file decide). */
struct render_options {
	bool off;			/* --no-render, `render: false` */
	const struct config_chart *charts;	/* `helm:` of the config */
	size_t ncharts;
};

/*
 * Build every overlay among `files` (their kustomizations read in `s`)
 * whose kustomization no other scanned one builds on, with `kustomize
 * build` or `kubectl kustomize` (whichever is on PATH): its
 * kustomization's slot then holds the built stream, and
 * the files the build was made of (resources, patches, the kustomizations
 * it builds on) are dropped with a note, judged through the build only.
 * A build that fails is an error at its kustomization, and its files are
 * judged one by one.  Nothing is built when `o->off` or no tool is found.
 */
void render_kustomize(struct scan_list *files, const struct kz_set *s,
		      const struct render_options *o, struct diags *d);
/*
 * Render every chart among `files` (a folder with Chart.yaml, not inside
 * another chart) with `helm template` when helm is on PATH: the
 * Chart.yaml's slot holds the stream, with "# Source:" comments naming
 * the chart's files as the scan reaches them; the chart's other files
 * are dropped with a note.  Without helm, nothing changes (templates are
 * read masked, see scan/pipeline.c).
 */
void render_helm(struct scan_list *files, const struct render_options *o,
		 struct diags *d);

#endif
