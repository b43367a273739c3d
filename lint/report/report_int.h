/*
 * report_int.h - what the reporters share; private to lint/report/.
 *
 * Every reporter appends its document, part by part, to a string buffer
 * that is a window on the output stream (report.h says how a report is
 * written in parts).  Here are the
 * pieces more than one format needs: findings and diagnostics merged in
 * reading order, the counts for summaries, a small pretty-printing JSON
 * writer and UTF-8 helpers.  Nothing here knows a particular format.
 */
#ifndef CAGELINT_REPORT_INT_H
#define CAGELINT_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"
#include "report/report.h"

#define CAGELINT_TOOL_NAME "cagelint"
/* Shown when the caller gave no version. */
#define CAGELINT_UNKNOWN_VERSION "0.0.0-unknown"

/* --- findings and diagnostics in reading order ------------------------ */

/* Exactly one of `f` and `d` is set. */
struct report_item {
	const struct finding *f;
	const struct diag *d;
};

struct report_iter {
	const struct report *r;
	size_t fi, di;
};

/* Is the finding shown (not hidden by the filter)? */
bool report_finding_shown(const struct finding *f);
/* Is it new: neither suppressed nor in the baseline? */
bool report_finding_new(const struct finding *f);

/* Notes are shown only in verbose mode; errors and warnings always. */
bool report_diag_shown(const struct report *r, const struct diag *d);
void report_iter_init(struct report_iter *it, const struct report *r);
/*
 * The next shown finding or shown diagnostic in (path, line, column) order; a
 * diagnostic comes before a finding at the same place.  Returns false at
 * the end.
 */
bool report_iter_next(struct report_iter *it, struct report_item *item);

/* --- counts ----------------------------------------------------------- */

/* Add one path's part (report_file's) to the totals. */
void report_totals_add(const struct report *part, struct report_totals *t);

/*
 * A spill: a spool (sb_set_spool), in memory while it is small and in an
 * unlinked temporary file past that, for the parts a format writes
 * before it knows what goes ahead of them.
 */
void report_spill_open(struct strbuf *sb);
/*
 * Append what was spilled to `out`, with every "\x01N\x02" (N decimal)
 * put through `mark` when it is not NULL, and free the spill.  Returns
 * -1 when it could not be written or read back.
 */
int report_spill_copy(struct strbuf *out, struct strbuf *spill,
		      void (*mark)(void *ctx, struct strbuf *out,
				   unsigned long n),
		      void *ctx);

/* The end of `l` is known and does not come before its start. */
bool report_loc_has_end(struct loc l);

/* --- UTF-8 ------------------------------------------------------------ */

/* Length of the well-formed UTF-8 sequence at `s` (1-4); 0 if none. */
size_t utf8_seq_len(const char *s, size_t n);
/* Bytes of `s` holding at most `max_chars` code points (bad bytes count 1). */
size_t utf8_prefix_len(const char *s, size_t max_chars);

/*
 * Append `s` for a terminal or a log: control characters (but tab, and LF
 * and CR when `keep_lines`) are written as \n, \r, \xHH or \u00HH, so
 * nothing an input holds can move the cursor or recolour the screen.
 * Bytes that are not UTF-8 pass unchanged.
 */
void sb_add_printable(struct strbuf *sb, const char *s, bool keep_lines);

/* --- a small JSON writer ---------------------------------------------- */

/* SARIF, our deepest document, nests 11 levels; deeper is a bug. */
#define JW_MAX_DEPTH 16

/*
 * Pretty-prints with two-space indents, `"key": value`, empty containers
 * as {} and [], in exactly the order the caller writes.  Strings are
 * escaped; bytes that are not UTF-8 become U+FFFD so the document stays
 * valid JSON whatever an input file held.  Misuse (a value where a key is
 * due, unbalanced ends) is a programmer error and asserts.
 */
struct jw {
	struct strbuf *sb;
	unsigned depth;
	bool in_object[JW_MAX_DEPTH + 1];
	bool has_members[JW_MAX_DEPTH + 1];
	bool after_key;
};

void jw_init(struct jw *w, struct strbuf *sb);
/*
 * A writer of the members of an array open at `depth` in another
 * writer's document (a spill file's part of it): after them, the other
 * writer takes on with jw_adopt_members.
 */
void jw_init_in_array(struct jw *w, struct strbuf *sb, unsigned depth);
/* The open array had members written by `from` (jw_init_in_array). */
void jw_adopt_members(struct jw *w, const struct jw *from);
/* A value written as `s` is, which the caller knows to be in place. */
void jw_raw(struct jw *w, const char *s, size_t n);
/* Ends the document with a newline; every container must be closed. */
void jw_finish(struct jw *w);
void jw_begin_object(struct jw *w);
void jw_end_object(struct jw *w);
void jw_begin_array(struct jw *w);
void jw_end_array(struct jw *w);
void jw_key(struct jw *w, const char *key);
/* A string value; NULL writes null. */
void jw_string(struct jw *w, const char *s);
/* The first `n` bytes of `s` as a string value. */
void jw_string_n(struct jw *w, const char *s, size_t n);
void jw_uint(struct jw *w, unsigned long long v);
/* `v` when it is not 0, else null (unknown lines and columns). */
void jw_uint_or_null(struct jw *w, unsigned long long v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);

/* Shorthands: a key and its value. */
void jw_kstring(struct jw *w, const char *key, const char *s);
void jw_kuint(struct jw *w, const char *key, unsigned long long v);
void jw_kbool(struct jw *w, const char *key, bool v);
void jw_kobject(struct jw *w, const char *key);
void jw_karray(struct jw *w, const char *key);

/* Append `s` escaped as the body of a JSON string, U+FFFD for bad bytes. */
void sb_add_json_utf8(struct strbuf *sb, const char *s, size_t n);

#endif
