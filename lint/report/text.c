/*
 * text.c - the gcc-style text report, for people, editors and problem
 * matchers.
 *
 * One line per finding, `path:line:col: severity: message [ID]`, then an
 * indented `fix:` line; diagnostics as `path:line:col: error: message`;
 * unknown line or column parts are left out.  Findings and diagnostics
 * come in reading order, and a summary line closes the report when there
 * was anything to say.  Colour (only when asked) changes the severity
 * word, the path and the rule id, nothing else.  Control characters from
 * inputs are shown escaped, so every entry stays on its line and nothing
 * an input holds can drive the terminal.
 */

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
		sb_addf(sb, ":%lu", (unsigned long)loc.line);
		if (loc.col)
			sb_addf(sb, ":%lu", (unsigned long)loc.col);
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

static void text_finding(struct strbuf *sb, const struct report *r,
			 const struct finding *f)
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
	sb_addc(sb, '\n');
	if (rule->fix && rule->fix[0]) {
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
				  const struct report_counts *c)
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
static void text_summary(struct strbuf *sb, const struct report *r)
{
	struct report_counts c;

	report_count(r, &c);
	if (!c.findings && !c.errors)
		return;
	text_summary_findings(sb, &c);
	sb_addf(sb, " in %zu %s", r->files_scanned,
		plural(r->files_scanned, "file", "files"));
	if (c.files_with_errors)
		sb_addf(sb, "; %zu %s could not be read", c.files_with_errors,
			plural(c.files_with_errors, "file", "files"));
	if (c.errors_without_path)
		sb_addf(sb, "; %zu %s%s", c.errors_without_path,
			c.files_with_errors ? "other " : "",
			plural(c.errors_without_path, "error", "errors"));
	sb_addc(sb, '\n');
}

/* ---------------------------------------------------------------------- */

static void text_write(struct strbuf *out, const struct report *r)
{
	struct report_iter it;
	struct report_item item;

	report_iter_init(&it, r);
	while (report_iter_next(&it, &item)) {
		if (item.f)
			text_finding(out, r, item.f);
		else
			text_diag(out, r, item.d);
	}
	text_summary(out, r);
}

const struct report_format report_format_text = {
	.name = "text",
	.summary = "path:line:col: severity: message [ID], then the "
		   "fix, as compilers write",
	.write = text_write,
	.color = true,
};
