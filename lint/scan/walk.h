/*
 * walk.h - from command-line paths to the list of files to lint.
 */
#ifndef CAGELINT_SCAN_WALK_H
#define CAGELINT_SCAN_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

struct rendered;

struct scan_file {
	char *path;		/* to open (in the list's `names` when walked) */
	/*
	 * To show: relative as given, no "./".  Most often the end of
	 * `path` itself (display_in_path), so that a list of many files
	 * holds each name once: set and free it through the calls below.
	 */
	char *display;
	bool display_in_path;
	bool is_stdin;
	bool named;		/* named on the command line, not found */
	bool partial;		/* a Kustomize patch (scan/kustomize.h) */
	bool path_in_list;	/* `path` is in the list's names, not malloc'd */
	/*
	 * The walk met it as a symbolic link to a file, so that its real
	 * name may differ from its own.  (Known of walked files only: one
	 * not in the list's names may be a link too.)
	 */
	bool via_link;
	/* front_for_path_memo's of `display` (as the pipeline asks), or 0 */
	uint8_t front_memo;
	/* Linted instead of `path`'s bytes: a built overlay, a chart. */
	struct rendered *rendered;
};

struct scan_list {
	struct scan_file *v;
	size_t n, cap;
	struct arena *names;	/* the walked files' paths, freed with it */
};

/*
 * Expand `paths` into files: a file is taken as is (even a symlink, since
 * it was named); a directory is walked recursively in name order, skipping
 * VCS folders, never following a symlink out of the directory named on the
 * command line, and entering each directory once (no loop on cycles).  "-"
 * is standard input.  Files reached twice (through a link) are linted once,
 * under their own name.  Problems go to `d` (notes and errors).
 */
void scan_paths(struct scan_list *out, char **paths, size_t npaths,
		struct diags *d);
void scan_list_free(struct scan_list *l);
/* Free what one entry owns (to drop it from a list). */
void scan_file_free(struct scan_file *f);
/* Replace the name shown, with `display` (which the entry then owns). */
void scan_file_set_display(struct scan_file *f, char *display);

#endif
