/*
 * severity.c - see severity.h.
 *
 * One table maps each severity to the words and numbers other formats use
 * for it.  Nothing here decides what fails a run (that is --fail-on in
 * main) or how a severity is coloured (that is the text reporter).
 */
#include "engine/severity.h"

#include <stddef.h>

#include "base/util.h"

struct severity_info {
	const char *name;	/* what users type and reports print */
	const char *sarif_level;	/* SARIF result / rule level */
	const char *score;	/* GitHub security-severity, as text */
};

/*
 * Indexed by enum severity.  The scores stay clear of GitHub's bucket
 * edges (9.0, 7.0, 4.0, 0.1), whose inclusive ends are ambiguous.
 */
static const struct severity_info severity_table[] = {
	[SEV_INFO] = { "info", "note", "0.0" },
	[SEV_LOW] = { "low", "note", "2.0" },
	[SEV_MEDIUM] = { "medium", "warning", "5.5" },
	[SEV_HIGH] = { "high", "error", "8.0" },
	[SEV_CRITICAL] = { "critical", "error", "9.5" },
	[SEV_NONE] = { "none", "none", "0.0" },
};

static const struct severity_info *severity_info(enum severity s)
{
	if ((size_t)s >= ARRAY_SIZE(severity_table))
		return NULL;
	return &severity_table[s];
}

/* The name of `s`; "?" for a value outside the enum. */
const char *severity_name(enum severity s)
{
	const struct severity_info *i = severity_info(s);

	return i ? i->name : "?";
}

const char *severity_name_at(size_t i)
{
	/* Worst first, as users read them; "none" last. */
	if (i <= SEV_CRITICAL)
		return severity_table[SEV_CRITICAL - i].name;
	return i == SEV_CRITICAL + 1 ? severity_table[SEV_NONE].name : NULL;
}

/* Case-insensitive; returns the enum value, or -1 when `s` is unknown. */
int severity_parse(const char *s)
{
	size_t i;

	if (!s)
		return -1;
	for (i = 0; i < ARRAY_SIZE(severity_table); i++) {
		if (str_ieq(s, severity_table[i].name))
			return (int)i;
	}
	return -1;
}

/* "error", "warning", "note" ("none" for SEV_NONE and bad values). */
const char *severity_sarif_level(enum severity s)
{
	const struct severity_info *i = severity_info(s);

	return i ? i->sarif_level : "none";
}

/* The score as a string; "0.0" (no security severity) for bad values. */
const char *severity_score(enum severity s)
{
	const struct severity_info *i = severity_info(s);

	return i ? i->score : "0.0";
}
