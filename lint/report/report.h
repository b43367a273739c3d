/*
 * report.h - turn sorted findings and diagnostics into output.
 *
 * A reporter knows findings, diagnostics and the rule table, nothing else:
 * no model, no input format.  Output is a pure function of its input: no
 * time stamps, no absolute paths that were not given, stable order.
 */
#ifndef CAGELINT_REPORT_H
#define CAGELINT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "base/util.h"
#include "engine/finding.h"
#include "engine/rules.h"
#include "filter/filter.h"

struct report {
	const struct ruleset *rules;	/* enabled rules are the run's rules */
	const struct findings *findings;	/* sorted */
	const struct diags *diags;	/* sorted; notes only with -v */
	size_t files_scanned;		/* inputs that were linted */
	const char *version;		/* cagelint's version */
	bool color;			/* text: ANSI colours */
	bool verbose;			/* text: also print notes */
	/* Where docs/rules/ is published (--docs-url), or NULL. */
	const char *docs_url;
	bool compact;			/* text: one line a finding */
	bool stats;			/* text: a table of counts per rule */
	/*
	 * What the filter hid and why, for the summaries; NULL when no
	 * filter ran (every finding is then new and shown).
	 */
	const struct filter_summary *filter;
};

/*
 * What every part of a report so far held, for the summaries written
 * at the end: counted by report_file, so that no format needs to see the
 * whole run's findings at once.
 */
struct report_totals {
	size_t findings;		/* shown */
	size_t by_severity[SEV_NONE];	/* shown, by enum severity */
	size_t errors;			/* diagnostics of level error */
	size_t files_with_errors;	/* distinct paths among those */
	size_t errors_without_path;	/* errors about no file */
	size_t diags_shown;		/* diagnostics shown */
};

/*
 * An output format: one file of lint/report/, one line of formats.h.
 *
 * A format writes a report in three parts, so that a run can hand it
 * each file's findings as the file is done instead of holding them all:
 * begin, then one call per path (in strcmp order of the paths, each path
 * once), then end.  A format whose whole-run parts come before the
 * results (counts in a header, the list of rules that have results)
 * writes each file's part to a spill file and copies it in at the end,
 * so its memory does not grow with the run either.
 */
struct report_format {
	const char *name;	/* as --format names it */
	const char *summary;	/* one line for the README's --format row */
	/*
	 * Make the format's state for a report of `run` (its findings and
	 * diags are not read: only its settings) and write what comes first.
	 */
	void *(*begin)(struct strbuf *out, const struct report *run);
	/*
	 * One path's part: `part` is the run's report with `findings` and
	 * `diags` every finding and diagnostic of one path (the hidden ones
	 * too, each sorted), which it may not keep past the call.
	 */
	void (*file)(void *state, struct strbuf *out,
		     const struct report *part);
	/*
	 * Write the rest and free the state.  `run` is final by now (files
	 * scanned, the filter's summary); `totals` counts every part seen.
	 * Returns -1 when a spill file could not be written or read back.
	 */
	int (*end)(void *state, struct strbuf *out, const struct report *run,
		   const struct report_totals *totals);
	bool color;		/* --color applies to it */
};

#define REPORT_FORMAT(id) \
	extern const struct report_format report_format_##id;
#include "report/formats.h"
#undef REPORT_FORMAT

/* Every format, in the order of formats.h; the first is the default. */
const struct report_format *const *report_formats(size_t *n);
/* The format called `name` (exact, lower case), or NULL. */
const struct report_format *report_format_find(const char *name);
/* Write the report; returns -1 when writing failed (errno is set). */
int report_write(FILE *out, const struct report_format *fmt,
		 const struct report *r);

/*
 * The same report written as a run goes: report_begin, then
 * report_file for each path in strcmp order ("" first: what is about no
 * file), then report_end, which writes the rest, flushes `out` and
 * frees the stream.  `run` is borrowed until report_end: its settings
 * are read at the start, files_scanned and filter at the end, and its
 * findings and diags never.  report_file's `fs` and `ds` are one path's
 * (all of them, sorted, hidden ones too) and are not kept.
 */
struct report_stream;

struct report_stream *report_begin(FILE *out, const struct report_format *fmt,
				   const struct report *run);
void report_file(struct report_stream *s, const struct findings *fs,
		 const struct diags *ds);
/* Returns 0, or -1 when writing failed (errno set); frees `s`. */
int report_end(struct report_stream *s);

#endif
