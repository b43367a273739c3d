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
#include "engine/finding.h"
#include "engine/rules.h"

enum report_format {
	REPORT_TEXT,	/* gcc style: path:line:col: severity: message [ID] */
	REPORT_JSON,	/* one JSON document */
	REPORT_SARIF,	/* SARIF 2.1.0 for code scanning */
	REPORT_GITHUB,	/* GitHub Actions workflow commands (::error ...) */
	REPORT_GITLAB,	/* GitLab Code Quality (Code Climate JSON) */
};

struct report {
	const struct ruleset *rules;	/* enabled rules are the run's rules */
	const struct findings *findings;	/* sorted */
	const struct diags *diags;	/* sorted; notes only with -v */
	size_t files_scanned;		/* inputs that were linted */
	const char *version;		/* cagelint's version */
	bool color;			/* text: ANSI colours */
	bool verbose;			/* text: also print notes */
};

/* Write the report; returns -1 when writing failed (errno is set). */
int report_write(FILE *out, enum report_format fmt, const struct report *r);
/* "text", "json", "sarif", "github", "gitlab"; -1 when unknown. */
int report_format_parse(const char *name);

#endif
