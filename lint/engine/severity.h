/*
 * severity.h - how bad a finding is, and the names users type for it.
 */
#ifndef CAGELINT_SEVERITY_H
#define CAGELINT_SEVERITY_H

#include <stddef.h>

enum severity {
	SEV_INFO,
	SEV_LOW,
	SEV_MEDIUM,
	SEV_HIGH,
	SEV_CRITICAL,
	SEV_NONE,	/* only as --fail-on none: nothing fails */
};

const char *severity_name(enum severity s);
/* The i-th name --fail-on takes, worst first, "none" last; NULL after. */
const char *severity_name_at(size_t i);
/* Parse "critical" ... "info", "none"; returns -1 for anything else. */
int severity_parse(const char *s);
/* SARIF result level: critical/high error, medium warning, low/info note. */
const char *severity_sarif_level(enum severity s);
/* GitHub's security-severity score as text: "9.5" "8.0" "5.5" "2.0" "0.0". */
const char *severity_score(enum severity s);

#endif
