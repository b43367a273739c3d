/*
 * sarif.c - SARIF 2.1.0 for GitHub code scanning (and GitLab Ultimate).
 *
 * One run: the driver lists every enabled rule in id order, with the
 * metadata GitHub shows (descriptions, help, tags, security-severity);
 * NIST SP 800-190 is a taxonomy the rules relate to; every finding is a
 * result with one physical location; diagnostics are tool execution
 * notifications.  Paths are given relative as they came (percent-encoded
 * URI references); only a path given as absolute becomes a file:// URI.
 * Nothing time- or host-dependent is written, and `results` is present
 * even when empty so that a clean run closes old alerts.  Accepted
 * findings are results too, with `suppressions` (inSource for comments
 * and annotations, external for the config file and the baseline); every
 * result carries the finding's fingerprint in partialFingerprints, and
 * with a baseline its baselineState.  Findings under --min-severity are
 * left out.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "engine/nist.h"
#include "report/report_int.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_VERSION "2.1.0"
/* GitHub rejects a rule with more tags. */
#define SARIF_MAX_TAGS 20
/* GitHub and GitLab limits on descriptions and message text (chars). */
#define SARIF_MAX_TEXT 1024
/* GitLab limit on a rule's name. */
#define SARIF_MAX_NAME 255
#define SARIF_ELLIPSIS "\xe2\x80\xa6"	/* U+2026, ends a cut text */

/* The key of our fingerprint in partialFingerprints. */
#define SARIF_FINGERPRINT_KEY "cagelint/v1"
/* runs[0].automationDetails.id: the category of our analyses. */
#define SARIF_AUTOMATION_ID "cagelint/"

#define NIST_NAME "NIST SP 800-190"
#define NIST_VERSION "2017-09"
#define NIST_URI "https://doi.org/10.6028/NIST.SP.800-190"
#define NIST_TITLE "Application Container Security Guide"
#define NIST_TAG_PREFIX "nist-800-190/"
#define CWE_TAG_PREFIX "external/cwe/"
/* runs[0].taxonomies[] holds NIST alone, so its index is 0. */
#define NIST_TAXONOMY_INDEX 0



/*
 * What the whole run's output is built from.  Everything before the
 * results depends on the whole run (the rules that have results, the
 * notifications, whether it succeeded), so each file's results and
 * notifications go to spill files as the file comes, and the document is
 * put together at the end.  A result's ruleIndex, known only then, is
 * spilled as a mark ("\x01", the rule's place in the rule set, "\x02":
 * the writer escapes every control byte of a string, so none is text).
 */
struct sarif {
	const struct report *r;
	bool *has_result;		/* per rule of r->rules */
	long *index_of;			/* rule set place -> driver index */
	const struct rule **rules;	/* tool.driver.rules, by id */
	size_t nrules;
	const char **taxa;		/* NIST sections cited, in order */
	size_t ntaxa;
	struct strbuf results, notes;	/* spill files */
	struct jw rw, nw;		/* their writers */
};

/* Depths of the members of runs[0].results and of the notifications. */
#define SARIF_RESULTS_DEPTH 4
#define SARIF_NOTES_DEPTH 6

/* ====================================================================== */
/* The run's rules and taxa                                               */
/* ====================================================================== */

static int rule_id_cmp(const void *key, const void *elem)
{
	const struct rule *const *r = elem;

	return strcmp(key, (*r)->id);
}

/* Index of rule `id` in the sorted array `v`, or -1. */
static long rule_index(const struct rule *const *v, size_t n, const char *id)
{
	const struct rule *const *p;

	if (!n)
		return -1;
	p = bsearch(id, v, n, sizeof(*v), rule_id_cmp);
	return p ? (long)(p - v) : -1;
}

/*
 * The driver's rules: every enabled rule, and any rule a finding came
 * from (so every result's ruleId is defined even if a caller reports a
 * finding of a rule it disabled afterwards).  In the ruleset's id order.
 */
static void sarif_collect_rules(struct sarif *s)
{
	const struct ruleset *rs = s->r->rules;
	size_t i;

	s->rules = xcalloc(rs->n ? rs->n : 1, sizeof(*s->rules));
	s->index_of = xcalloc(rs->n ? rs->n : 1, sizeof(*s->index_of));
	s->nrules = 0;
	for (i = 0; i < rs->n; i++) {
		s->index_of[i] = -1;
		if (rs->v[i]->enabled || s->has_result[i]) {
			s->index_of[i] = (long)s->nrules;
			s->rules[s->nrules++] = rs->v[i];
		}
	}
}

/* Dotted section numbers in numeric order: 3.4.2 < 3.4.10 < 3.5.1. */
static int section_cmp(const char *a, const char *b)
{
	const char *pa = a, *pb = b;

	while (*pa && *pb) {
		bool numbers = isdigit((unsigned char)*pa) &&
			       isdigit((unsigned char)*pb);

		if (numbers) {
			char *ea, *eb;
			unsigned long x = strtoul(pa, &ea, 10);
			unsigned long y = strtoul(pb, &eb, 10);

			if (x != y)
				return x < y ? -1 : 1;
			pa = ea;
			pb = eb;
			continue;
		}
		if (*pa != *pb)
			break;
		pa++;
		pb++;
	}
	if (*pa != *pb)
		return (unsigned char)*pa < (unsigned char)*pb ? -1 : 1;
	return strcmp(a, b);
}

static int section_qsort_cmp(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return section_cmp(*x, *y);
}

/* Every NIST section the run's rules cite, sorted, each once. */
static void sarif_collect_taxa(struct sarif *s)
{
	size_t i, j, n = 0, cap = 0;
	const char **v = NULL;

	for (i = 0; i < s->nrules; i++) {
		for (j = 0; j < s->rules[i]->nnist; j++) {
			v = xgrow(v, &cap, n + 1, sizeof(*v));
			v[n++] = s->rules[i]->nist[j];
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), section_qsort_cmp);
	s->ntaxa = 0;
	for (i = 0; i < n; i++) {
		if (!s->ntaxa || strcmp(v[s->ntaxa - 1], v[i]))
			v[s->ntaxa++] = v[i];
	}
	s->taxa = v;
}

static long taxon_index(const struct sarif *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->ntaxa; i++) {
		if (strcmp(s->taxa[i], id) == 0)
			return (long)i;
	}
	return -1;
}

static const char *nist_title(const char *id)
{
	const struct nist_section *n = nist_find(id);

	return n ? n->title : NULL;
}

/* ====================================================================== */
/* Small pieces                                                           */
/* ====================================================================== */

/* `s` as a string of at most `max` characters, cut with an ellipsis. */
static void sarif_string_max(struct jw *w, const char *s, size_t max)
{
	size_t n = strlen(s);
	struct strbuf cut = STRBUF_INIT;

	if (utf8_prefix_len(s, max) == n) {
		jw_string(w, s);
		return;
	}
	sb_add(&cut, s, utf8_prefix_len(s, max - 1));
	sb_adds(&cut, SARIF_ELLIPSIS);
	jw_string(w, cut.buf);
	sb_free(&cut);
}

/* `"key": {"text": s}` with s cut to SARIF_MAX_TEXT. */
static void sarif_kmessage(struct jw *w, const char *key, const char *s)
{
	jw_kobject(w, key);
	jw_key(w, "text");
	sarif_string_max(w, s, SARIF_MAX_TEXT);
	jw_end_object(w);
}

static bool is_uri_unreserved(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/*
 * The URI reference for a path: relative paths stay relative (a leading
 * "./" dropped), absolute ones become file:// URIs.  Every byte but the
 * unreserved ones and '/' is percent-encoded (RFC 3986), which also keeps
 * a ':' in a first segment from reading as a scheme.  Caller frees.
 */
static char *sarif_uri(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p = (const unsigned char *)path;

	if (*p == '/') {
		sb_adds(&sb, "file://");
	} else {
		while (p[0] == '.' && p[1] == '/')
			p += 2;
	}
	for (; *p; p++) {
		if (*p == '/' || is_uri_unreserved(*p))
			sb_addc(&sb, (char)*p);
		else
			sb_addf(&sb, "%%%02X", *p);
	}
	return sb_detach(&sb);
}

/*
 * The region GitHub needs: all four fields.  An unknown start is line 1
 * (the finding is about the file), an unknown or backwards end is one
 * character after the start.
 */
static struct loc sarif_region(struct loc l)
{
	struct loc g = l;

	if (!g.line)
		g.line = 1;
	if (!g.col)
		g.col = 1;
	if (!l.line || !report_loc_has_end(g)) {
		g.end_line = g.line;
		g.end_col = g.col + 1;
	}
	return g;
}

/* `{"physicalLocation": ...}` for `path`, with a region when wanted. */
static void sarif_location(struct jw *w, const char *path, struct loc l,
			   bool region)
{
	char *uri = sarif_uri(path);
	struct loc g = sarif_region(l);

	jw_begin_object(w);
	jw_kobject(w, "physicalLocation");
	jw_kobject(w, "artifactLocation");
	jw_kstring(w, "uri", uri);
	jw_end_object(w);
	if (region) {
		jw_kobject(w, "region");
		jw_kuint(w, "startLine", g.line);
		jw_kuint(w, "startColumn", g.col);
		jw_kuint(w, "endLine", g.end_line);
		jw_kuint(w, "endColumn", g.end_col);
		jw_end_object(w);
	}
	jw_end_object(w);
	jw_end_object(w);
	free(uri);
}

/* MAJOR.MINOR.PATCH with an optional -pre or +build tail. */
static bool is_semver(const char *v)
{
	int part;

	for (part = 0; part < 3; part++) {
		if (!isdigit((unsigned char)*v))
			return false;
		if (v[0] == '0' && isdigit((unsigned char)v[1]))
			return false;
		while (isdigit((unsigned char)*v))
			v++;
		if (part < 2 && *v++ != '.')
			return false;
	}
	if (!*v)
		return true;
	if ((*v != '-' && *v != '+') || !v[1])
		return false;
	for (v++; *v; v++) {
		if (!isalnum((unsigned char)*v) && !strchr(".-+", *v))
			return false;
	}
	return true;
}

/* ====================================================================== */
/* tool.driver                                                            */
/* ====================================================================== */

static void tag_add(char **tags, size_t *n, char *tag)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		if (strcmp(tags[i], tag) == 0) {
			free(tag);
			return;
		}
	}
	if (*n >= SARIF_MAX_TAGS) {
		free(tag);
		return;
	}
	tags[(*n)++] = tag;
}

/* "CWE-250" → "external/cwe/cwe-250", GitHub's own spelling. */
static char *cwe_tag(const char *cwe)
{
	char *t = xasprintf(CWE_TAG_PREFIX "%s", cwe);
	char *p;

	for (p = t + strlen(CWE_TAG_PREFIX); *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return t;
}

static void sarif_rule_tags(struct jw *w, const struct rule *rule)
{
	char *tags[SARIF_MAX_TAGS] = { NULL };
	size_t n = 0, i;

	tag_add(tags, &n, xstrdup("security"));
	for (i = 0; i < rule->ncwe; i++)
		tag_add(tags, &n, cwe_tag(rule->cwe[i]));
	for (i = 0; i < rule->nnist; i++)
		tag_add(tags, &n, xasprintf(NIST_TAG_PREFIX "%s",
					    rule->nist[i]));
	jw_karray(w, "tags");
	for (i = 0; i < n; i++) {
		jw_string(w, tags[i]);
		free(tags[i]);
	}
	jw_end_array(w);
}

static const char *rule_description(const struct rule *rule)
{
	if (rule->description && rule->description[0])
		return rule->description;
	return rule->title;
}

/* help.text / help.markdown: the description, the fix, further reading. */
static char *rule_help(const struct rule *rule, bool markdown)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	sb_adds(&sb, rule_description(rule));
	if (rule->fix && rule->fix[0]) {
		sb_adds(&sb, markdown ? "\n\n**Fix:** " : "\n\nFix: ");
		sb_adds(&sb, rule->fix);
	}
	if (rule->nrefs && markdown)
		sb_adds(&sb, "\n\n**See also:**\n");
	else if (rule->nrefs)
		sb_adds(&sb, "\n\nSee also:");
	for (i = 0; i < rule->nrefs; i++) {
		if (markdown)
			sb_addf(&sb, "\n- <%s>", rule->refs[i]);
		else
			sb_addf(&sb, "\n  %s", rule->refs[i]);
	}
	return sb_detach(&sb);
}

static void sarif_rule_help(struct jw *w, const struct rule *rule)
{
	char *text = rule_help(rule, false);
	char *md = rule_help(rule, true);

	jw_kobject(w, "help");
	jw_kstring(w, "text", text);
	jw_kstring(w, "markdown", md);
	jw_end_object(w);
	free(text);
	free(md);
}

/* Each NIST section the rule cites, once, as a relationship to a taxon. */
static void sarif_rule_relationships(struct jw *w, const struct sarif *s,
				     const struct rule *rule)
{
	size_t i, j;

	if (!rule->nnist)
		return;
	jw_karray(w, "relationships");
	for (i = 0; i < rule->nnist; i++) {
		for (j = 0; j < i; j++) {
			if (strcmp(rule->nist[j], rule->nist[i]) == 0)
				break;
		}
		if (j < i)
			continue;
		jw_begin_object(w);
		jw_kobject(w, "target");
		jw_kstring(w, "id", rule->nist[i]);
		jw_kuint(w, "index", (unsigned long long)
			 taxon_index(s, rule->nist[i]));
		jw_kobject(w, "toolComponent");
		jw_kstring(w, "name", NIST_NAME);
		jw_kuint(w, "index", NIST_TAXONOMY_INDEX);
		jw_end_object(w);
		jw_end_object(w);
		jw_karray(w, "kinds");
		jw_string(w, "relevant");
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_end_array(w);
}

/* The rule's page under the published docs/rules/ folder. */
static void sarif_help_uri(struct jw *w, const char *base,
			   const struct rule *rule)
{
	struct strbuf uri = STRBUF_INIT;
	size_t n = strlen(base);

	while (n && base[n - 1] == '/')
		n--;
	sb_add(&uri, base, n);
	sb_addc(&uri, '/');
	rule_page_name(&uri, rule);
	jw_kstring(w, "helpUri", uri.buf);
	sb_free(&uri);
}

static void sarif_rule(struct jw *w, const struct sarif *s,
		       const struct rule *rule)
{
	jw_begin_object(w);
	jw_kstring(w, "id", rule->id);
	jw_key(w, "name");
	sarif_string_max(w, rule->name, SARIF_MAX_NAME);
	sarif_kmessage(w, "shortDescription", rule->title);
	sarif_kmessage(w, "fullDescription", rule_description(rule));
	if (s->r->docs_url)
		sarif_help_uri(w, s->r->docs_url, rule);
	jw_kobject(w, "defaultConfiguration");
	jw_kstring(w, "level", severity_sarif_level(rule->severity));
	jw_end_object(w);
	sarif_rule_help(w, rule);
	sarif_rule_relationships(w, s, rule);
	jw_kobject(w, "properties");
	sarif_rule_tags(w, rule);
	jw_kstring(w, "security-severity", severity_score(rule->severity));
	jw_kstring(w, "precision", "very-high");
	jw_end_object(w);
	jw_end_object(w);
}

static void sarif_tool(struct jw *w, const struct sarif *s)
{
	const char *version = s->r->version;
	size_t i;

	if (!version || !version[0])
		version = CAGELINT_UNKNOWN_VERSION;
	jw_kobject(w, "tool");
	jw_kobject(w, "driver");
	jw_kstring(w, "name", CAGELINT_TOOL_NAME);
	jw_kstring(w, "version", version);
	if (is_semver(version))
		jw_kstring(w, "semanticVersion", version);
	jw_karray(w, "rules");
	for (i = 0; i < s->nrules; i++)
		sarif_rule(w, s, s->rules[i]);
	jw_end_array(w);
	jw_end_object(w);
	jw_end_object(w);
}

/* ====================================================================== */
/* Taxonomies, invocations, results                                       */
/* ====================================================================== */

static void sarif_taxonomies(struct jw *w, const struct sarif *s)
{
	size_t i;

	if (!s->ntaxa)
		return;
	jw_karray(w, "taxonomies");
	jw_begin_object(w);
	jw_kstring(w, "name", NIST_NAME);
	jw_kstring(w, "version", NIST_VERSION);
	jw_kstring(w, "organization", "NIST");
	jw_kstring(w, "informationUri", NIST_URI);
	sarif_kmessage(w, "shortDescription", NIST_TITLE);
	jw_kbool(w, "isComprehensive", false);
	jw_karray(w, "taxa");
	for (i = 0; i < s->ntaxa; i++) {
		const char *title = nist_title(s->taxa[i]);

		jw_begin_object(w);
		jw_kstring(w, "id", s->taxa[i]);
		if (title)
			sarif_kmessage(w, "shortDescription", title);
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_end_object(w);
	jw_end_array(w);
}

static void sarif_notification(struct jw *w, const struct diag *d)
{
	jw_begin_object(w);
	jw_kstring(w, "level", diag_level_name(d->level));
	sarif_kmessage(w, "message", d->msg);
	if (d->path[0]) {
		jw_karray(w, "locations");
		sarif_location(w, d->path, d->loc, loc_known(d->loc));
		jw_end_array(w);
	}
	jw_end_object(w);
}

/* One invocation: whether it succeeded, and what went wrong on the way. */
static int sarif_invocations(struct jw *w, struct sarif *s,
			     const struct report_totals *t)
{
	int rc = 0;

	jw_karray(w, "invocations");
	jw_begin_object(w);
	jw_kbool(w, "executionSuccessful", t->errors == 0);
	if (t->diags_shown) {
		jw_karray(w, "toolExecutionNotifications");
		rc = report_spill_copy(w->sb, &s->notes, NULL, NULL);
		jw_adopt_members(w, &s->nw);
		jw_end_array(w);
	}
	jw_end_object(w);
	jw_end_array(w);
	return rc;
}

/* Why an accepted finding is accepted (SARIF §3.35). */
static void sarif_suppressions(struct jw *w, const struct finding *f)
{
	const struct finding_mark *m = &f->mark;

	if (m->state == FINDING_NEW)
		return;
	jw_karray(w, "suppressions");
	jw_begin_object(w);
	jw_kstring(w, "kind", m->in_source ? "inSource" : "external");
	jw_kstring(w, "status", "accepted");
	if (m->reason && m->reason[0])
		jw_kstring(w, "justification", m->reason);
	if (m->where && m->where[0]) {
		jw_key(w, "location");
		sarif_location(w, m->where, (struct loc){ m->where_line, 0,
							  0, 0 },
			       m->where_line != 0);
	}
	if (m->how || m->until) {
		jw_kobject(w, "properties");
		jw_kstring(w, "by", m->how);
		if (m->until)
			jw_kstring(w, "until", m->until);
		jw_end_object(w);
	}
	jw_end_object(w);
	jw_end_array(w);
}

static void sarif_result_properties(struct jw *w, const struct finding *f)
{
	const struct finding_mark *m = &f->mark;

	if (!f->origin && !m->expired)
		return;
	jw_kobject(w, "properties");
	if (f->origin)
		jw_kstring(w, "origin", f->origin);
	if (m->expired) {
		char *what = xasprintf("%s at %s:%lu expired on %s", m->how,
				       m->where ? m->where : "?",
				       (unsigned long)m->where_line,
				       m->until ? m->until : "?");

		jw_kstring(w, "expiredSuppression", what);
		free(what);
	}
	jw_end_object(w);
}

/* The spilled result's ruleIndex: a mark for the rule's place `k`. */
static void sarif_rule_index_mark(struct jw *w, long k)
{
	char mark[32];
	int n = snprintf(mark, sizeof(mark), "\x01%ld\x02", k);

	jw_key(w, "ruleIndex");
	jw_raw(w, mark, (size_t)n);
}

/* A mark put back as the rule's index among the driver's rules. */
static void sarif_rule_index_put(void *ctx, struct strbuf *out,
				 unsigned long k)
{
	const struct sarif *s = ctx;

	sb_addf(out, "%ld", s->index_of[k]);
}

static void sarif_result(struct jw *w, const struct sarif *s,
			 const struct finding *f)
{
	const struct rule *rule = f->rule;
	const struct ruleset *rs = s->r->rules;
	long k = rule_index((const struct rule *const *)rs->v, rs->n,
			    rule->id);
	const char *text = f->message[0] ? f->message : rule->title;

	jw_begin_object(w);
	jw_kstring(w, "ruleId", rule->id);
	if (k >= 0)
		sarif_rule_index_mark(w, k);
	jw_kstring(w, "level", severity_sarif_level(rule->severity));
	sarif_kmessage(w, "message", text);
	jw_karray(w, "locations");
	sarif_location(w, f->path, f->loc, true);
	jw_end_array(w);
	jw_kobject(w, "partialFingerprints");
	jw_kstring(w, SARIF_FINGERPRINT_KEY, f->fingerprint);
	jw_end_object(w);
	sarif_suppressions(w, f);
	if (s->r->filter && s->r->filter->baseline)
		jw_kstring(w, "baselineState",
			   f->mark.state == FINDING_UNCHANGED ? "unchanged" :
			   "new");
	sarif_result_properties(w, f);
	jw_end_object(w);
}

static int sarif_run(struct jw *w, struct sarif *s,
		     const struct report_totals *t)
{
	int rc;

	jw_begin_object(w);
	sarif_tool(w, s);
	jw_kobject(w, "automationDetails");
	jw_kstring(w, "id", SARIF_AUTOMATION_ID);
	jw_end_object(w);
	rc = sarif_invocations(w, s, t);
	sarif_taxonomies(w, s);
	jw_kstring(w, "columnKind", "unicodeCodePoints");
	jw_karray(w, "results");
	if (report_spill_copy(w->sb, &s->results, sarif_rule_index_put, s))
		rc = -1;
	jw_adopt_members(w, &s->rw);
	jw_end_array(w);
	jw_end_object(w);
	return rc;
}

/* A finding's rule is a driver rule, shown or not (see collect_rules). */
static void sarif_mark_rule(struct sarif *s, const struct rule *rule)
{
	const struct ruleset *rs = s->r->rules;
	long k = rule_index((const struct rule *const *)rs->v, rs->n,
			    rule->id);

	if (k >= 0)
		s->has_result[k] = true;
}

/* Nothing is written before the end: it all depends on the whole run. */
static void *sarif_begin(struct strbuf *out, const struct report *r)
{
	struct sarif *s = xcalloc(1, sizeof(*s));

	(void)out;
	s->r = r;
	s->has_result = xcalloc(r->rules->n ? r->rules->n : 1,
				sizeof(*s->has_result));
	report_spill_open(&s->results);
	report_spill_open(&s->notes);
	jw_init_in_array(&s->rw, &s->results, SARIF_RESULTS_DEPTH);
	jw_init_in_array(&s->nw, &s->notes, SARIF_NOTES_DEPTH);
	return s;
}

static void sarif_file(void *state, struct strbuf *out,
		       const struct report *r)
{
	struct sarif *s = state;
	size_t i;

	(void)out;
	for (i = 0; i < r->findings->n; i++) {
		const struct finding *f = &r->findings->v[i];

		sarif_mark_rule(s, f->rule);
		if (!f->mark.below_min)
			sarif_result(&s->rw, s, f);
	}
	for (i = 0; i < r->diags->n; i++)
		if (report_diag_shown(r, &r->diags->v[i]))
			sarif_notification(&s->nw, &r->diags->v[i]);
}

static int sarif_end(void *state, struct strbuf *out, const struct report *r,
		     const struct report_totals *t)
{
	struct sarif *s = state;
	struct jw w;
	int rc;

	s->r = r;
	sarif_collect_rules(s);
	sarif_collect_taxa(s);
	jw_init(&w, out);
	jw_begin_object(&w);
	jw_kstring(&w, "$schema", SARIF_SCHEMA);
	jw_kstring(&w, "version", SARIF_VERSION);
	jw_karray(&w, "runs");
	rc = sarif_run(&w, s, t);
	jw_end_array(&w);
	jw_end_object(&w);
	jw_finish(&w);
	free(s->has_result);
	free(s->index_of);
	free(s->rules);
	free(s->taxa);
	free(s);
	return rc;
}

const struct report_format report_format_sarif = {
	.name = "sarif",
	.summary = "SARIF 2.1.0 for GitHub code scanning",
	.begin = sarif_begin,
	.file = sarif_file,
	.end = sarif_end,
};
