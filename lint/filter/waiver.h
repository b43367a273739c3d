/*
 * waiver.h - the suppressions a run knows of, wherever they are written.
 *
 * A waiver says "these rules do not apply here, for this reason, until
 * this date".  It comes from a comment in an input (`cagelint:ignore` and
 * `cagelint:ignore-file`), from a Kubernetes annotation
 * (`ignore.cagelint.io/RULE`), or from the config file's `suppress` list.
 * This module only finds and holds them; which finding a waiver covers is
 * decided in filter.c.  It reads no file itself: the pipeline hands it the
 * text it already has.
 */
#ifndef CAGELINT_FILTER_WAIVER_H
#define CAGELINT_FILTER_WAIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "engine/rules.h"
#include "model/model.h"

/* Rules one waiver may name; a longer list is cut with a warning. */
#define WAIVER_MAX_RULES 64
/* Directives one file may hold; more are ignored with a warning. */
#define WAIVER_MAX_PER_FILE 10000

enum waiver_kind {
	WAIVER_COMMENT,		/* cagelint:ignore: a line, or an object */
	WAIVER_FILE,		/* cagelint:ignore-file: the whole file */
	WAIVER_ANNOTATION,	/* ignore.cagelint.io/RULE on an object */
	WAIVER_CONFIG,		/* the config file's suppress list */
};

struct waiver {
	enum waiver_kind kind;
	char *path;		/* the file it is written in */
	struct loc loc;		/* where it is written */
	char **rules;		/* ids or names, as written */
	size_t nrules;
	const struct rule **resolved;	/* the rules they name (NULL: none) */
	char **globs;		/* WAIVER_CONFIG: paths covered (none: all) */
	size_t nglobs;
	char *reason;		/* "" when none was given */
	char *until;		/* YYYY-MM-DD, or NULL */
	/*
	 * WAIVER_COMMENT: `line` is its own line (covered when the comment
	 * follows code) and `target` the next line of content when the
	 * comment is alone on its line (0 otherwise); a finding on that
	 * line, or of an object or unit starting there, is covered.
	 * WAIVER_ANNOTATION: `target` is the first line of its unit.
	 */
	uint32_t line, target;
	size_t used;		/* findings it covered in this run */
};

struct waivers {
	struct waiver *v;
	size_t n, cap;
};

/*
 * Find every `cagelint:ignore` and `cagelint:ignore-file` directive in a
 * comment of `text` (a file of `path` with `#` or `;` comments) in one
 * pass, appending them to `w`.  Malformed directives are warnings in `d`.
 */
void waivers_scan_text(struct waivers *w, const char *path, const char *text,
		       size_t len, struct diags *d);
/* Append the annotations a front end recorded in `m` (file `path`). */
void waivers_add_model(struct waivers *w, const char *path,
		       const struct model *m);
/* A new waiver at the end of `w`, zeroed but for kind, path and loc. */
struct waiver *waivers_add(struct waivers *w, enum waiver_kind kind,
			   const char *path, struct loc loc);
/* Add rule names from a comma-separated list (blanks ignored). */
void waiver_add_rules(struct waiver *wv, const char *list, size_t n);
void waivers_move(struct waivers *to, struct waivers *from);
void waivers_free(struct waivers *w);

/* "comment", "file comment", "annotation", "config". */
const char *waiver_kind_name(enum waiver_kind k);
/* Is `s` a date written YYYY-MM-DD (digits in place, month 01-12...)? */
bool waiver_date_valid(const char *s);

#endif
