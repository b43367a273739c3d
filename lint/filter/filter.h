/*
 * filter.h - what of a scan's outcome is shown and what fails.
 *
 * The filter stage sits between the engine's findings and the report.
 * It takes every suppression the run knows of (comments and annotations
 * the pipeline found, the config file's `suppress` list), an optional
 * baseline, and marks each finding (struct finding_mark): new, suppressed
 * (how, why, where, until) or unchanged since the baseline; a suppression
 * whose date has passed no longer suppresses, and the finding says so.
 * Suppressions without a reason, and with --report-unused those that
 * matched nothing, become findings of their own.  It then decides the
 * exit status.  It never reads inputs and never prints.
 */
#ifndef CAGELINT_FILTER_FILTER_H
#define CAGELINT_FILTER_FILTER_H

#include <stdbool.h>

#include "engine/finding.h"
#include "engine/rules.h"
#include "engine/severity.h"
#include "filter/waiver.h"

/* The environment variable --today falls back on (tests, CI replays). */
#define FILTER_TODAY_ENV "CAGELINT_TODAY"
/* The rules of suppressions themselves (made by the filter). */
#define FILTER_RULE_NO_REASON "CG001"
#define FILTER_RULE_UNUSED "CG002"

struct filter_options {
	enum severity fail_on;		/* SEV_NONE: never fail on findings */
	enum severity min_severity;	/* shown from this severity up */
	const char *today;		/* YYYY-MM-DD: when `until` expires */
	bool show_suppressed;		/* suppressed and unchanged shown */
	bool report_unused;		/* unused suppressions are findings */
	const char *config_dir;		/* config `paths` are relative to it */
};

/* What the summaries say beside the findings shown. */
struct filter_summary {
	size_t shown;		/* findings shown */
	size_t suppressed;	/* hidden: accepted by a suppression */
	size_t unchanged;	/* hidden: in the baseline */
	size_t below_min;	/* hidden: under --min-severity */
	size_t expired;		/* shown: their suppression expired */
	size_t fixed;		/* baseline entries no longer found */
	size_t new_findings;	/* with a baseline: findings not in it */
	bool baseline;		/* a baseline was read */
	bool show_suppressed;	/* accepted findings are shown too */
};

struct baseline;

struct filter {
	const struct ruleset *rules;
	struct filter_options opt;
	struct waivers waivers;		/* all of the run's */
	struct baseline *baseline;	/* borrowed, or NULL */
	struct filter_summary sum;
	/* The last finding path made relative for `paths` (sorted input). */
	char *rel_for, *rel;
	/* Path by path (filter_begin): config waivers, next file waiver. */
	size_t nconfig, next;
};

/*
 * Add the filter's own rules (a suppression without a reason, an unused
 * suppression) to `rs`, so that reports, --list-rules and --explain
 * describe them like any other.  They belong to no profile: the filter
 * makes their findings itself.  Call once, before the scan.
 */
void filter_add_rules(struct ruleset *rs);

void filter_init(struct filter *f, const struct ruleset *rs,
		 const struct filter_options *opt);
/* Take every waiver of `w` (it is left empty). */
void filter_take_waivers(struct filter *f, struct waivers *w);
/*
 * Mark every finding of `fs`, add the findings about suppressions, and
 * sort again.  Rule names no rule has are warnings in `d`.
 */
void filter_apply(struct filter *f, struct findings *fs, struct diags *d);
void filter_free(struct filter *f);

/*
 * The same marks, one path at a time, for a run whose findings are not
 * all held: filter_begin once every waiver is taken, then filter_path
 * for each path that has findings, diagnostics or waivers, in strcmp
 * order, then filter_end.  Config entries make findings of their own
 * (no reason given, or unused with --report-unused) at the config
 * file's place, known only at the end: filter_config_quiet says whether
 * there are none, which a run must know before it goes path by path.
 */
bool filter_config_quiet(const struct waivers *config, bool report_unused);
/* Sort the waivers and look up the rules they name (warnings in `d`). */
void filter_begin(struct filter *f, struct diags *d);
/* The smallest path whose waivers have not been through filter_path. */
const char *filter_peek_path(const struct filter *f);
/*
 * Mark `fs`, every finding about `path`, add the findings about the
 * waivers of `path`, and sort them.
 */
void filter_path(struct filter *f, const char *path, struct findings *fs);
/* The baseline's entries that matched nothing are counted as fixed. */
void filter_end(struct filter *f);

/* Today's date as YYYY-MM-DD (UTC) into `buf`, for `until`. */
void filter_today(char buf[11]);
/* The UTC date `secs` (0 or more) seconds after 1970 began, as above. */
void filter_date(long long secs, char buf[11]);

/*
 * The run's exit status: 2 when any input or rule could not be read
 * (errors in `d`), else 1 when a new finding is at or above `fail_on`
 * (never with SEV_NONE), else 0.  Suppressed and unchanged findings
 * never fail.
 */
int filter_exit_status(const struct findings *f, const struct diags *d,
		       enum severity fail_on);

#endif
