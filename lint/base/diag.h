/*
 * diag.h - locations and diagnostics about inputs and rule files.
 *
 * A diagnostic is something cagelint says about a file it could not fully
 * read (a YAML syntax error, a rule file with an unknown field), as opposed
 * to a finding, which a rule makes about a well-formed input.  Diagnostics
 * are collected, not printed: workers finish files in any order, and the
 * output must not depend on it, so main sorts and prints them at the end.
 * A diagnostic's path and message are stored as str_display() makes them:
 * they quote the input (file names, keys), and must not reach a terminal
 * or a CI log with control or bidirectional characters.
 */
#ifndef CAGELINT_DIAG_H
#define CAGELINT_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/*
 * A place in a source file.  Lines and columns start at 1; columns count
 * Unicode code points.  0 means unknown.  end_col is the column just after
 * the last character (as in SARIF).
 */
struct loc {
	uint32_t line, col;
	uint32_t end_line, end_col;
};

#define LOC_NONE ((struct loc){ 0, 0, 0, 0 })

static inline int loc_known(struct loc l)
{
	return l.line != 0;
}

/* The span from the start of `a` to the end of `b`. */
struct loc loc_span(struct loc a, struct loc b);
int loc_cmp(struct loc a, struct loc b);

enum diag_level {
	DIAG_ERROR,	/* the input (or rule file) could not be used; exit 2 */
	DIAG_WARNING,	/* used, but something in it is probably a mistake */
	DIAG_NOTE,	/* shown only with -v: a file skipped and why */
};

struct diag {
	char *path;
	struct loc loc;
	enum diag_level level;
	char *msg;
};

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t nerrors;
	/*
	 * Notes are not kept (added or moved here, they are dropped): for a
	 * run that will not show them, a note a file can hold much memory
	 * over a tree of files cagelint does not read.
	 */
	bool drop_notes;
};

void diag_add(struct diags *d, const char *path, struct loc loc,
	      enum diag_level level, const char *fmt, ...) PRINTF_LIKE(5, 6);
void diag_vadd(struct diags *d, const char *path, struct loc loc,
	       enum diag_level level, const char *fmt, va_list ap);
/* Move every diagnostic of `from` to the end of `to` (notes as it takes). */
void diags_move(struct diags *to, struct diags *from);
void diags_sort(struct diags *d);
void diags_free(struct diags *d);
const char *diag_level_name(enum diag_level level);

#endif
