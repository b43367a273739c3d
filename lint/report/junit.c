/*
 * junit.c - JUnit XML, the test report Jenkins, GitLab (artifacts:
 * reports: junit:) and most CI servers show.
 *
 *   <testsuites name="cagelint" tests= failures= errors=>
 *     <testsuite name="PATH" ...>        one per file with something to say
 *       <testcase classname="PATH" name="CG101 privileged-container 8:23">
 *         <failure type="critical" message="...">the text report's lines
 *       <testcase ... name="error 3:1"><error message="..."/>
 *     <testsuite name="cagelint">        always: one passing test case
 *       <testcase name="N files linted"/>   that says what was checked
 *
 * A finding is a failed test case, an input that could not be read an
 * errored one; notes are left out unless verbose.  Text is escaped for
 * XML 1.0: markup characters as entities, control characters and bytes
 * that are not UTF-8 as \xHH, so no input can break the document.
 */
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "report/report_int.h"

/* `s` as XML character data or attribute value. */
static void xml_add(struct strbuf *sb, const char *s)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *p, *end;

	sb_add_printable(&tmp, s, true);
	p = tmp.buf ? tmp.buf : "";
	end = p + tmp.len;
	while (p < end) {
		size_t len = utf8_seq_len(p, (size_t)(end - p));
		unsigned char c = (unsigned char)*p;

		if (!len)
			sb_addf(sb, "\\x%02x", c);
		else if (c == '&')
			sb_adds(sb, "&amp;");
		else if (c == '<')
			sb_adds(sb, "&lt;");
		else if (c == '>')
			sb_adds(sb, "&gt;");
		else if (c == '"')
			sb_adds(sb, "&quot;");
		else if (c == '\n')
			sb_adds(sb, "&#10;");
		else if (c < 0x20 && c != '\t' && c != '\r')
			sb_addf(sb, "\\x%02x", c);
		else
			sb_add(sb, p, len);
		p += len ? len : 1;
	}
	sb_free(&tmp);
}

static void where(struct strbuf *sb, struct loc l)
{
	if (l.line && l.col)
		sb_addf(sb, " %u:%u", l.line, l.col);
	else if (l.line)
		sb_addf(sb, " %u", l.line);
}

/* The text report's words for a finding: place, severity, message, fix. */
static void finding_text(struct strbuf *sb, const struct finding *f)
{
	struct strbuf t = STRBUF_INIT;

	sb_adds(&t, f->path);
	if (f->loc.line)
		sb_addf(&t, ":%u:%u", f->loc.line, f->loc.col);
	sb_addf(&t, ": %s: %s [%s]\nfix: %s",
		severity_name(f->rule->severity), f->message, f->rule->id,
		f->rule->fix ? f->rule->fix : "");
	xml_add(sb, t.buf);
	sb_free(&t);
}

static void add_finding(struct strbuf *sb, const struct finding *f)
{
	struct strbuf name = STRBUF_INIT;

	sb_addf(&name, "%s %s", f->rule->id, f->rule->name);
	where(&name, f->loc);
	sb_adds(sb, "    <testcase classname=\"");
	xml_add(sb, f->path);
	sb_adds(sb, "\" name=\"");
	xml_add(sb, name.buf);
	sb_free(&name);
	if (!report_finding_new(f)) {
		/* Accepted (--show-suppressed): skipped, with the reason. */
		sb_adds(sb, "\">\n      <skipped message=\"");
		xml_add(sb, f->mark.state == FINDING_UNCHANGED ?
			"in the baseline" : f->mark.reason ? f->mark.reason :
			"");
		sb_adds(sb, "\"/>\n    </testcase>\n");
		return;
	}
	sb_addf(sb, "\">\n      <failure type=\"%s\" message=\"",
		severity_name(f->rule->severity));
	xml_add(sb, f->message);
	sb_adds(sb, "\">");
	finding_text(sb, f);
	sb_adds(sb, "</failure>\n    </testcase>\n");
}

static void add_diag(struct strbuf *sb, const struct diag *d)
{
	struct strbuf name = STRBUF_INIT;

	sb_adds(&name, diag_level_name(d->level));
	where(&name, d->loc);
	sb_adds(sb, "    <testcase classname=\"");
	xml_add(sb, d->path);
	sb_adds(sb, "\" name=\"");
	xml_add(sb, name.buf);
	sb_adds(sb, "\">\n      <");
	sb_adds(sb, d->level == DIAG_ERROR ? "error" : "system-out");
	if (d->level == DIAG_ERROR) {
		sb_adds(sb, " message=\"");
		xml_add(sb, d->msg);
		sb_adds(sb, "\"/>\n");
	} else {
		sb_adds(sb, ">");
		xml_add(sb, d->msg);
		sb_adds(sb, "</system-out>\n");
	}
	sb_adds(sb, "    </testcase>\n");
	sb_free(&name);
}

static const char *item_path(const struct report_item *it)
{
	return it->f ? it->f->path : it->d->path;
}

/*
 * Counts of the items from `it` on (a copy: the caller's is not moved)
 * that are about `path`, or of all of them when `path` is NULL.
 */
static void suite_counts(struct report_iter it, const char *path,
			 size_t *tests, size_t *failures, size_t *errors)
{
	struct report_item item;

	*tests = *failures = *errors = 0;
	while (report_iter_next(&it, &item) &&
	       (!path || !strcmp(item_path(&item), path))) {
		(*tests)++;
		if (item.f)
			*failures += report_finding_new(item.f);
		else if (item.d->level == DIAG_ERROR)
			(*errors)++;
	}
}

/*
 * The header counts every test case of the run, so the suites go to a
 * spill file as each file comes and are copied in after it at the end.
 */
struct junit_state {
	struct strbuf suites;	/* spill */
	size_t tests, failures, errors;
};

static void *junit_begin(struct strbuf *out, const struct report *r)
{
	struct junit_state *st = xcalloc(1, sizeof(*st));

	(void)out;
	(void)r;
	report_spill_open(&st->suites);
	return st;
}

/* One path's items make one suite (none when it shows none). */
static void junit_file(void *state, struct strbuf *out,
		       const struct report *r)
{
	struct junit_state *st = state;
	struct strbuf *sb = &st->suites;
	struct report_iter it;
	struct report_item item;
	size_t tests, failures, errors;
	bool open = false;

	(void)out;
	report_iter_init(&it, r);
	suite_counts(it, NULL, &tests, &failures, &errors);
	st->tests += tests;
	st->failures += failures;
	st->errors += errors;
	while (report_iter_next(&it, &item)) {
		if (!open) {
			const char *path = item_path(&item);

			open = true;
			sb_adds(sb, "  <testsuite name=\"");
			xml_add(sb, path[0] ? path : "cagelint");
			sb_addf(sb, "\" tests=\"%zu\" failures=\"%zu\" "
				"errors=\"%zu\">\n", tests, failures, errors);
		}
		if (item.f)
			add_finding(sb, item.f);
		else
			add_diag(sb, item.d);
	}
	if (open)
		sb_adds(sb, "  </testsuite>\n");
}

static int junit_end(void *state, struct strbuf *out, const struct report *r,
		     const struct report_totals *t)
{
	struct junit_state *st = state;
	int rc;

	(void)t;
	sb_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sb_addf(out, "<testsuites name=\"cagelint\" tests=\"%zu\" "
		"failures=\"%zu\" errors=\"%zu\">\n",
		st->tests + 1, st->failures, st->errors);
	rc = report_spill_copy(out, &st->suites, NULL, NULL);
	sb_addf(out, "  <testsuite name=\"cagelint\" tests=\"1\" "
		"failures=\"0\" errors=\"0\">\n"
		"    <testcase classname=\"cagelint\" "
		"name=\"%zu file%s linted\"/>\n"
		"  </testsuite>\n</testsuites>\n",
		r->files_scanned, r->files_scanned == 1 ? "" : "s");
	free(st);
	return rc;
}

const struct report_format report_format_junit = {
	.name = "junit",
	.summary = "JUnit XML test report (Jenkins, GitLab "
		   "`reports: junit`): a failed test case per finding",
	.begin = junit_begin,
	.file = junit_file,
	.end = junit_end,
};
