/*
 * json.c - the JSON report: one document for scripts.
 *
 *   { "version", "findings": [...], "errors": [...], "summary": {...} }
 *
 * Keys always appear, in a fixed order; an unknown line or column, a rule
 * without a fix or a finding without an origin is null.  Accepted
 * findings are listed too (scripts decide), with "status" suppressed or
 * unchanged and the "suppression" that accepted them (kind, reason, path,
 * line, until, expired); a new finding whose suppression expired keeps
 * that suppression with "expired": true.  Findings under --min-severity
 * are left out.  "errors" holds
 * the diagnostics a text report would show (notes only when verbose),
 * each with its level.  The layout is a contract with users' scripts: add
 * keys, never rename or drop one.
 */
#include <stdlib.h>

#include "report/report_int.h"

static void json_string_list(struct jw *w, const char *key, char **v,
			     size_t n)
{
	size_t i;

	jw_karray(w, key);
	for (i = 0; i < n; i++)
		jw_string(w, v[i]);
	jw_end_array(w);
}

static const char *json_status(const struct finding *f)
{
	switch (f->mark.state) {
	case FINDING_SUPPRESSED: return "suppressed";
	case FINDING_UNCHANGED: return "unchanged";
	default: return "new";
	}
}

static void json_suppression(struct jw *w, const struct finding *f)
{
	const struct finding_mark *m = &f->mark;

	jw_key(w, "suppression");
	if (!m->how) {
		jw_null(w);
		return;
	}
	jw_begin_object(w);
	jw_kstring(w, "kind", m->how);
	jw_kstring(w, "reason", m->reason);
	jw_kstring(w, "path", m->where);
	jw_key(w, "line");
	jw_uint_or_null(w, m->where_line);
	jw_kstring(w, "until", m->until);
	jw_kbool(w, "expired", m->expired);
	jw_end_object(w);
}

static void json_finding(struct jw *w, const struct finding *f)
{
	const struct rule *rule = f->rule;

	jw_begin_object(w);
	jw_kstring(w, "rule", rule->id);
	jw_kstring(w, "name", rule->name);
	jw_kstring(w, "severity", severity_name(rule->severity));
	jw_kstring(w, "path", f->path);
	jw_key(w, "line");
	jw_uint_or_null(w, f->loc.line);
	jw_key(w, "column");
	jw_uint_or_null(w, f->loc.col);
	jw_key(w, "end_line");
	jw_uint_or_null(w, f->loc.end_line);
	jw_key(w, "end_column");
	jw_uint_or_null(w, f->loc.end_col);
	jw_kstring(w, "message", f->message);
	jw_kstring(w, "fix", rule->fix && rule->fix[0] ? rule->fix : NULL);
	jw_kstring(w, "origin", f->origin);
	json_string_list(w, "nist", rule->nist, rule->nnist);
	json_string_list(w, "cwe", rule->cwe, rule->ncwe);
	jw_kstring(w, "fingerprint", f->fingerprint);
	jw_kstring(w, "status", json_status(f));
	json_suppression(w, f);
	jw_end_object(w);
}

static void json_diag(struct jw *w, const struct diag *d)
{
	jw_begin_object(w);
	jw_kstring(w, "path", d->path[0] ? d->path : NULL);
	jw_key(w, "line");
	jw_uint_or_null(w, d->loc.line);
	jw_key(w, "column");
	jw_uint_or_null(w, d->loc.col);
	jw_kstring(w, "level", diag_level_name(d->level));
	jw_kstring(w, "message", d->msg);
	jw_end_object(w);
}

static void json_summary(struct jw *w, const struct report *r,
			 const struct report_totals *c)
{
	int s;

	jw_kobject(w, "summary");
	jw_kuint(w, "files", r->files_scanned);
	jw_kuint(w, "findings", c->findings);
	for (s = SEV_CRITICAL; s >= SEV_INFO; s--)
		jw_kuint(w, severity_name((enum severity)s),
			 c->by_severity[s]);
	jw_kuint(w, "errors", c->errors);
	if (r->filter) {
		jw_kuint(w, "suppressed", r->filter->suppressed);
		jw_kuint(w, "unchanged", r->filter->unchanged);
		jw_kuint(w, "below_min_severity", r->filter->below_min);
		jw_kuint(w, "expired_suppressions", r->filter->expired);
		if (r->filter->baseline) {
			jw_kuint(w, "new", r->filter->new_findings);
			jw_kuint(w, "fixed", r->filter->fixed);
		}
	}
	jw_end_object(w);
}

/*
 * The findings go out as each file comes; the errors, which follow all
 * of them in the document, wait in a spill file.
 */
struct json_state {
	struct jw w;		/* the document, inside "findings" */
	struct strbuf errors;	/* spill: the "errors" array's members */
	struct jw ew;		/* its writer, at the array's depth */
};

/* Depth of the members of "findings" and "errors": root, array. */
#define JSON_ARRAY_DEPTH 2

static void *json_begin(struct strbuf *out, const struct report *r)
{
	struct json_state *st = xcalloc(1, sizeof(*st));

	jw_init(&st->w, out);
	jw_begin_object(&st->w);
	jw_kstring(&st->w, "version",
		   r->version ? r->version : CAGELINT_UNKNOWN_VERSION);
	jw_karray(&st->w, "findings");
	report_spill_open(&st->errors);
	jw_init_in_array(&st->ew, &st->errors, JSON_ARRAY_DEPTH);
	return st;
}

static void json_file(void *state, struct strbuf *out, const struct report *r)
{
	struct json_state *st = state;
	size_t i;

	(void)out;
	for (i = 0; i < r->findings->n; i++)
		if (!r->findings->v[i].mark.below_min)
			json_finding(&st->w, &r->findings->v[i]);
	for (i = 0; i < r->diags->n; i++) {
		if (report_diag_shown(r, &r->diags->v[i]))
			json_diag(&st->ew, &r->diags->v[i]);
	}
}

static int json_end(void *state, struct strbuf *out, const struct report *r,
		    const struct report_totals *t)
{
	struct json_state *st = state;
	int rc;

	jw_end_array(&st->w);
	jw_karray(&st->w, "errors");
	rc = report_spill_copy(out, &st->errors, NULL, NULL);
	jw_adopt_members(&st->w, &st->ew);
	jw_end_array(&st->w);
	json_summary(&st->w, r, t);
	jw_end_object(&st->w);
	jw_finish(&st->w);
	free(st);
	return rc;
}

const struct report_format report_format_json = {
	.name = "json",
	.summary = "one JSON document: findings, errors and a "
		   "summary, for scripts",
	.begin = json_begin,
	.file = json_file,
	.end = json_end,
};
