/*
 * github.c - GitHub Actions workflow commands, one line per entry.
 *
 *   ::error file=P,line=L,col=C,endLine=L2,endColumn=C2,title=ID name::msg
 *
 * critical and high findings are errors, medium warnings, low and info
 * notices; diagnostics keep their level (notes only when verbose).  Parts
 * of a location that are unknown are left out.  Values are escaped the
 * way the Actions runner unescapes them, so no input can end a command
 * early or start a new one.  GitHub shows only the first few annotations
 * of each kind per step: this format is a preview, SARIF the full view.
 */
#include <stdio.h>
#include <stdlib.h>

#include "report/report_int.h"

/*
 * Escape `str` for a command's message (`property` false) or for a property
 * value, which must also not hold the ':' and ',' that delimit it.  Other
 * control characters are shown escaped, as in the text report.
 */
static void gh_add_escaped(struct strbuf *sb, const char *str, bool property)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *s;

	sb_add_printable(&tmp, str, true);
	for (s = tmp.buf ? tmp.buf : ""; *s; s++) {
		switch (*s) {
		case '%':
			sb_adds(sb, "%25");
			break;
		case '\r':
			sb_adds(sb, "%0D");
			break;
		case '\n':
			sb_adds(sb, "%0A");
			break;
		case ':':
			sb_adds(sb, property ? "%3A" : ":");
			break;
		case ',':
			sb_adds(sb, property ? "%2C" : ",");
			break;
		default:
			sb_addc(sb, *s);
		}
	}
	sb_free(&tmp);
}

/* Writes `,` before every property but the first. */
struct gh_props {
	struct strbuf *sb;
	bool any;
};

static void gh_prop_str(struct gh_props *p, const char *key, const char *val)
{
	sb_adds(p->sb, p->any ? "," : " ");
	sb_adds(p->sb, key);
	sb_addc(p->sb, '=');
	gh_add_escaped(p->sb, val, true);
	p->any = true;
}

static void gh_prop_uint(struct gh_props *p, const char *key, uint32_t v)
{
	char num[16];

	snprintf(num, sizeof(num), "%lu", (unsigned long)v);
	gh_prop_str(p, key, num);
}

/* `file=`, `line=`, `col=`, `endLine=`, `endColumn=` as far as known. */
static void gh_place(struct gh_props *p, const char *path, struct loc l)
{
	if (!path[0])
		return;
	gh_prop_str(p, "file", path);
	if (!l.line)
		return;
	gh_prop_uint(p, "line", l.line);
	if (l.col)
		gh_prop_uint(p, "col", l.col);
	if (!report_loc_has_end(l))
		return;
	gh_prop_uint(p, "endLine", l.end_line);
	gh_prop_uint(p, "endColumn", l.end_col);
}

static const char *gh_severity_command(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
	case SEV_HIGH:
		return "error";
	case SEV_MEDIUM:
		return "warning";
	case SEV_LOW:
	case SEV_INFO:
	case SEV_NONE:
		break;
	}
	return "notice";
}

static const char *gh_level_command(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR: return "error";
	case DIAG_WARNING: return "warning";
	case DIAG_NOTE: return "notice";
	}
	return "notice";
}

static void gh_finding(struct strbuf *sb, const struct finding *f)
{
	const struct rule *rule = f->rule;
	struct gh_props p = { sb, false };
	char *title = xasprintf("%s %s", rule->id, rule->name);

	sb_addf(sb, "::%s", gh_severity_command(rule->severity));
	gh_place(&p, f->path, f->loc);
	gh_prop_str(&p, "title", title);
	sb_adds(sb, "::");
	gh_add_escaped(sb, f->message, false);
	sb_addc(sb, '\n');
	free(title);
}

static void gh_diag(struct strbuf *sb, const struct diag *d)
{
	struct gh_props p = { sb, false };

	sb_addf(sb, "::%s", gh_level_command(d->level));
	gh_place(&p, d->path, d->loc);
	sb_adds(sb, "::");
	gh_add_escaped(sb, d->msg, false);
	sb_addc(sb, '\n');
}

/* No state: every line stands alone. */
static void *github_begin(struct strbuf *out, const struct report *r)
{
	static char none;

	(void)out;
	(void)r;
	return &none;
}

static void github_file(void *state, struct strbuf *out,
			const struct report *r)
{
	struct report_iter it;
	struct report_item item;

	(void)state;
	report_iter_init(&it, r);
	while (report_iter_next(&it, &item)) {
		if (item.f && report_finding_new(item.f))
			gh_finding(out, item.f);
		else if (item.f)
			continue;	/* accepted: no annotation */
		else
			gh_diag(out, item.d);
	}
}

static int github_end(void *state, struct strbuf *out,
		      const struct report *r, const struct report_totals *t)
{
	(void)state;
	(void)out;
	(void)r;
	(void)t;
	return 0;
}

const struct report_format report_format_github = {
	.name = "github",
	.summary = "GitHub Actions workflow commands (annotations)",
	.begin = github_begin,
	.file = github_file,
	.end = github_end,
};
