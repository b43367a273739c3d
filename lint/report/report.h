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

/* An output format: one file of lint/report/, one line of formats.h. */
struct report_format {
	const char *name;	/* as --format names it */
	const char *summary;	/* one line for the README's --format row */
	/*
	 * Append the complete document for `r` to `out`.  `r` has no NULL
	 * rules, findings or diags (report_write sees to that).
	 */
	void (*write)(struct strbuf *out, const struct report *r);
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

#endif
