/*
 * text.c - the gcc-style text report, for people, editors and problem
 * matchers.
 *
 * One line per finding, `path:line:col: severity: message [ID]`; the
 * rule's `fix:` follows its first finding of the run only (on a thousand
 * findings it would be most of the text), and --compact leaves it out.
 * Diagnostics read `path:line:col: error: message`; unknown line or
 * column parts are left out.  Findings and diagnostics come in reading
 * order, a blank line between files; a finding shown although accepted
 * (--show-suppressed) says by what, and one whose suppression expired
 * says which.  A summary line closes the report when there was anything
 * to say, with what the filter hid and why; --stats adds a count per
 * rule.  Colour (only when asked) changes the severity
 * word, the path and the rule id, nothing else.  Control characters from
 * inputs are shown escaped, so every entry stays on its line and nothing
 * an input holds can drive the terminal.
 */

#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

#define ANSI_RESET "\033[0m"
#define ANSI_BOLD "\033[1m"
#define ANSI_DIM "\033[2m"
#define ANSI_BOLD_RED "\033[1;31m"
#define ANSI_RED "\033[31m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_BLUE "\033[34m"
#define ANSI_CYAN "\033[36m"

/* Shown instead of the path of a diagnostic that is about no file. */
#define TEXT_NO_PATH CAGELINT_TOOL_NAME
#define TEXT_FIX_PREFIX "    fix: "

/* ---------------------------------------------------------------------- */
/* Pieces                                                                 */
/* ---------------------------------------------------------------------- */

/* Append `s` with control characters escaped: one line whatever it holds. */
static void text_add(struct strbuf *sb, const char *s)
{
	sb_add_printable(sb, s, false);
}

/* Append `s` wrapped in `color` when colours are on. */
static void text_add_colored(struct strbuf *sb, const struct report *r,
			     const char *color, const char *s)
{
	if (r->color)
		sb_adds(sb, color);
	text_add(sb, s);
	if (r->color)
		sb_adds(sb, ANSI_RESET);
}

/* `path:line:col: `, leaving out the parts that are unknown. */
static void text_add_place(struct strbuf *sb, const struct report *r,
			   const char *path, struct loc loc)
{
	text_add_colored(sb, r, ANSI_BOLD, path[0] ? path : TEXT_NO_PATH);
	if (loc.line) {
		sb_addc(sb, ':');
		sb_add_uint(sb, loc.line);
		if (loc.col) {
			sb_addc(sb, ':');
			sb_add_uint(sb, loc.col);
		}
	}
	sb_adds(sb, ": ");
}

static const char *severity_color(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL: return ANSI_BOLD_RED;
	case SEV_HIGH: return ANSI_RED;
	case SEV_MEDIUM: return ANSI_YELLOW;
	case SEV_LOW: return ANSI_CYAN;
	case SEV_INFO: return ANSI_BLUE;
	case SEV_NONE: break;
	}
	return ANSI_RESET;
}

static const char *level_color(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR: return ANSI_BOLD_RED;
	case DIAG_WARNING: return ANSI_YELLOW;
	case DIAG_NOTE: return ANSI_BLUE;
	}
	return ANSI_RESET;
}

/* ---------------------------------------------------------------------- */
/* Entries                                                                */
/* ---------------------------------------------------------------------- */

/* ` (suppressed by comment at a.yaml:3 until 2027-01-31: reason)` */
static void text_suppression(struct strbuf *sb, const struct finding *f)
{
	const struct finding_mark *m = &f->mark;

	if (m->state == FINDING_UNCHANGED) {
		sb_adds(sb, " (unchanged: in the baseline)");
		return;
	}
	sb_adds(sb, " (suppressed by ");
	text_add(sb, m->how);
	if (m->where) {
		sb_adds(sb, " at ");
		text_add(sb, m->where);
		if (m->where_line)
			sb_addf(sb, ":%lu", (unsigned long)m->where_line);
	}
	if (m->until) {
		sb_adds(sb, " until ");
		text_add(sb, m->until);
	}
	if (m->reason && m->reason[0]) {
		sb_adds(sb, ": ");
		text_add(sb, m->reason);
	}
	sb_addc(sb, ')');
}

static void text_expired(struct strbuf *sb, const struct finding *f)
{
	const struct finding_mark *m = &f->mark;

	sb_adds(sb, "    note: the suppression at ");
	text_add(sb, m->where ? m->where : "?");
	if (m->where_line)
		sb_addf(sb, ":%lu", (unsigned long)m->where_line);
	sb_adds(sb, " expired on ");
	text_add(sb, m->until ? m->until : "?");
	if (m->reason && m->reason[0]) {
		sb_adds(sb, " (");
		text_add(sb, m->reason);
		sb_addc(sb, ')');
	}
	sb_addc(sb, '\n');
}

/* A shown finding's count per rule, for --stats. */
struct rule_count {
	const struct rule *rule;
	size_t n;
};

/*
 * What the report remembers from one file to the next: the rules whose
 * fix was printed, the counts per rule (as many as rules fired), and
 * whether the last entry was about a file.
 */
struct text_state {
	const struct rule **fixed;
	size_t nfixed;
	struct rule_count *counts;
	size_t ncounts;
	bool after_file;
};

static bool fix_printed(struct text_state *st, const struct rule *rule)
{
	size_t i;

	for (i = 0; i < st->nfixed; i++)
		if (st->fixed[i] == rule)
			return true;
	st->fixed = xrealloc(st->fixed, (st->nfixed + 1) *
			     sizeof(*st->fixed));
	st->fixed[st->nfixed++] = rule;
	return false;
}

static void text_finding(struct strbuf *sb, const struct report *r,
			 struct text_state *st, const struct finding *f)
{
	const struct rule *rule = f->rule;

	text_add_place(sb, r, f->path, f->loc);
	text_add_colored(sb, r, severity_color(rule->severity),
			 severity_name(rule->severity));
	sb_adds(sb, ": ");
	text_add(sb, f->message);
	sb_addc(sb, ' ');
	if (r->color)
		sb_adds(sb, ANSI_DIM);
	sb_addc(sb, '[');
	text_add(sb, rule->id);
	sb_addc(sb, ']');
	if (r->color)
		sb_adds(sb, ANSI_RESET);
	if (!report_finding_new(f))
		text_suppression(sb, f);
	sb_addc(sb, '\n');
	if (f->mark.expired && !r->compact)
		text_expired(sb, f);
	if (rule->fix && rule->fix[0] && !r->compact &&
	    !fix_printed(st, rule)) {
		sb_adds(sb, TEXT_FIX_PREFIX);
		text_add(sb, rule->fix);
		sb_addc(sb, '\n');
	}
}

static void text_diag(struct strbuf *sb, const struct report *r,
		      const struct diag *d)
{
	text_add_place(sb, r, d->path, d->loc);
	text_add_colored(sb, r, level_color(d->level),
			 diag_level_name(d->level));
	sb_adds(sb, ": ");
	text_add(sb, d->msg);
	sb_addc(sb, '\n');
}

/* ---------------------------------------------------------------------- */
/* Summary                                                                */
/* ---------------------------------------------------------------------- */

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* `3 findings (1 critical, 2 high)` or `no findings`. */
static void text_summary_findings(struct strbuf *sb,
				  const struct report_totals *c)
{
	const char *sep = " (";
	int s;

	if (!c->findings) {
		sb_adds(sb, "no findings");
		return;
	}
	sb_addf(sb, "%zu %s", c->findings,
		plural(c->findings, "finding", "findings"));
	for (s = SEV_CRITICAL; s >= SEV_INFO; s--) {
		if (!c->by_severity[s])
			continue;
		sb_addf(sb, "%s%zu %s", sep, c->by_severity[s],
			severity_name((enum severity)s));
		sep = ", ";
	}
	sb_addc(sb, ')');
}

/*
 * `3 findings (1 critical, 2 high) in 12 files; 1 file could not be read`;
 * errors about no file in particular are counted apart.
 */
/* What the filter hid, and with a baseline what changed since. */
static void text_summary_filter(struct strbuf *sb, const struct report *r)
{
	const struct filter_summary *fs = r->filter;
	bool hid;

	if (!fs)
		return;
	hid = fs->suppressed || (fs->baseline && fs->unchanged);
	if (fs->baseline)
		sb_addf(sb, "; baseline: %zu new, %zu unchanged, %zu fixed",
			fs->new_findings, fs->unchanged, fs->fixed);
	if (fs->suppressed)
		sb_addf(sb, "; %zu suppressed", fs->suppressed);
	if (hid && !fs->show_suppressed)
		sb_adds(sb, " (--show-suppressed shows them)");
	if (fs->below_min)
		sb_addf(sb, "; %zu below --min-severity not shown",
			fs->below_min);
	if (fs->expired)
		sb_addf(sb, "; %zu %s expired", fs->expired,
			plural(fs->expired, "suppression", "suppressions"));
}

static bool filter_has_news(const struct report *r)
{
	const struct filter_summary *fs = r->filter;

	return fs && (fs->suppressed || fs->unchanged || fs->below_min ||
		      fs->fixed || fs->baseline);
}

static void text_summary(struct strbuf *sb, const struct report *r,
			 const struct report_totals *c)
{
	if (!c->findings && !c->errors && !filter_has_news(r))
		return;
	text_summary_findings(sb, c);
	sb_addf(sb, " in %zu %s", r->files_scanned,
		plural(r->files_scanned, "file", "files"));
	if (c->files_with_errors)
		sb_addf(sb, "; %zu %s could not be read", c->files_with_errors,
			plural(c->files_with_errors, "file", "files"));
	if (c->errors_without_path)
		sb_addf(sb, "; %zu %s%s", c->errors_without_path,
			c->files_with_errors ? "other " : "",
			plural(c->errors_without_path, "error", "errors"));
	text_summary_filter(sb, r);
	sb_addc(sb, '\n');
}

/* --- --stats -------------------------------------------------------------- */

static int rule_count_cmp(const void *pa, const void *pb)
{
	const struct rule_count *a = pa, *b = pb;

	if (a->rule->severity != b->rule->severity)
		return a->rule->severity > b->rule->severity ? -1 : 1;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->rule->id, b->rule->id);
}

/* Count a shown finding for --stats (as many entries as rules fired). */
static void text_count(struct text_state *st, const struct rule *rule)
{
	size_t j;

	for (j = 0; j < st->ncounts && st->counts[j].rule != rule; j++)
		;
	if (j == st->ncounts) {
		st->counts = xrealloc(st->counts, (st->ncounts + 1) *
				      sizeof(*st->counts));
		st->counts[st->ncounts].rule = rule;
		st->counts[st->ncounts++].n = 0;
	}
	st->counts[j].n++;
}

/* The shown findings per rule, most severe first, then most frequent. */
static void text_stats(struct strbuf *sb, struct text_state *st)
{
	struct rule_count *v = st->counts;
	size_t i, n = st->ncounts;

	if (n)
		qsort(v, n, sizeof(*v), rule_count_cmp);
	sb_adds(sb, "findings by rule:\n");
	for (i = 0; i < n; i++) {
		sb_addf(sb, "%7zu  %-8s  %-6s ", v[i].n,
			severity_name(v[i].rule->severity), v[i].rule->id);
		text_add(sb, v[i].rule->name);
		sb_addc(sb, '\n');
	}
}

/* ---------------------------------------------------------------------- */

static void *text_begin(struct strbuf *out, const struct report *r)
{
	(void)out;
	(void)r;
	return xcalloc(1, sizeof(struct text_state));
}

/*
 * One path's entries, after a blank line when the entries before were
 * about another file (what is about no file in particular stays with
 * what follows it: its path, "", comes first).
 */
static void text_file(void *state, struct strbuf *out, const struct report *r)
{
	struct text_state *st = state;
	struct report_iter it;
	struct report_item item;
	bool first = true;

	report_iter_init(&it, r);
	while (report_iter_next(&it, &item)) {
		const char *path = item.f ? item.f->path : item.d->path;

		if (first && st->after_file)
			sb_addc(out, '\n');
		first = false;
		st->after_file = path[0] != '\0';
		if (item.f) {
			text_count(st, item.f->rule);
			text_finding(out, r, st, item.f);
		} else {
			text_diag(out, r, item.d);
		}
	}
}

static int text_end(void *state, struct strbuf *out, const struct report *r,
		    const struct report_totals *t)
{
	struct text_state *st = state;

	if (r->stats)
		text_stats(out, st);
	text_summary(out, r, t);
	free(st->fixed);
	free(st->counts);
	free(st);
	return 0;
}

const struct report_format report_format_text = {
	.name = "text",
	.summary = "path:line:col: severity: message [ID], a rule's "
		   "fix once, as compilers write",
	.begin = text_begin,
	.file = text_file,
	.end = text_end,
	.color = true,
};
