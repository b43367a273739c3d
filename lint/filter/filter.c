/*
 * filter.c - marking findings, the filter's own findings, the exit status
 * (see filter.h).
 *
 * A finding is covered by a waiver that names its rule (by id or name)
 * and is in the right place: a comment on the finding's line, or alone
 * on the line before the finding, its object or its unit; a file comment
 * in its file; an annotation of its unit; a config entry whose `paths`
 * match it.  The first covering waiver that has not expired wins; when
 * only expired ones cover it, the finding stays new and names the first.
 * Waivers are sorted by file so that each finding looks only at its own
 * file's, whatever the size of the run.
 */
#include "filter/filter.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "filter/baseline.h"
#include "filter/glob.h"

/* ====================================================================== */
/* The filter's own rules                                                 */
/* ====================================================================== */

struct own_rule {
	const char *id, *name, *title, *description, *message, *fix;
};

static const struct own_rule own_rules[] = {
	{ FILTER_RULE_NO_REASON, "suppression-without-reason",
	  "Suppression without a reason",
	  "A finding was accepted without saying why.  Whoever reads the "
	  "code later cannot tell a considered exception from a silenced "
	  "alarm, nor when it may be lifted.\n",
	  "suppression of %s gives no reason",
	  "Write the reason after the rule: \"cagelint:ignore CG101 the "
	  "node agent needs the host's devices\" (or `reason:` in the "
	  "config file, or the annotation's value)." },
	{ FILTER_RULE_UNUSED, "unused-suppression",
	  "Suppression that matches no finding",
	  "A suppression covers nothing any more: the setting was fixed or "
	  "moved.  Left in place, it would silently accept the next finding "
	  "of that rule there.\n",
	  "suppression of %s matched no finding",
	  "Remove the suppression, or move it to where the finding is." },
};

static struct rule *own_rule_new(const struct own_rule *o)
{
	struct rule *r = xcalloc(1, sizeof(*r));

	r->id = xstrdup(o->id);
	r->name = xstrdup(o->name);
	r->title = xstrdup(o->title);
	r->description = xstrdup(o->description);
	r->message = xstrdup(o->message);
	r->fix = xstrdup(o->fix);
	r->severity = SEV_LOW;
	r->applies_to = MO_HOST;
	r->builtin = true;
	/* In no profile: listed, and in SARIF only when they find something. */
	r->enabled = false;
	r->file = xstrdup("(filter)");
	return r;
}

void filter_add_rules(struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(own_rules); i++) {
		if (rules_find(rs, own_rules[i].id))
			continue;
		rules_insert(rs, own_rule_new(&own_rules[i]));
	}
}

/* ====================================================================== */
/* Setting up                                                             */
/* ====================================================================== */

/*
 * Counted from the days since 1970 (gmtime would read the time zone
 * files first).  Years are taken in 400-year eras of 146097 days, each
 * year starting on the 1st of March so that February's leap day ends it.
 */
void filter_date(long long secs, char buf[11])
{
	long long days = secs / 86400 + 719468;
	long long era = days / 146097;
	long long doe = days - era * 146097;			/* [0, 146096] */
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);	/* from March 1 */
	long long mp = (5 * doy + 2) / 153;			/* March = 0 */
	unsigned day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	unsigned month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	unsigned year = (unsigned)((yoe + era * 400 + (month <= 2)) % 10000);
	unsigned v[3] = { year, month, day }, width[3] = { 4, 2, 2 };
	char *p = buf;
	int i;

	for (i = 0; i < 3; i++) {
		unsigned n = v[i], w = width[i];

		while (w--) {
			p[w] = (char)('0' + n % 10);
			n /= 10;
		}
		p += width[i];
		*p++ = i < 2 ? '-' : '\0';
	}
}

void filter_today(char buf[11])
{
	filter_date((long long)time(NULL), buf);
}

void filter_init(struct filter *f, const struct ruleset *rs,
		 const struct filter_options *opt)
{
	memset(f, 0, sizeof(*f));
	f->rules = rs;
	f->opt = *opt;
}

void filter_take_waivers(struct filter *f, struct waivers *w)
{
	waivers_move(&f->waivers, w);
}

void filter_free(struct filter *f)
{
	waivers_free(&f->waivers);
	free(f->rel_for);
	free(f->rel);
}

/* The rule a waiver names (id, any case, or name), or NULL. */
static const struct rule *named_rule(const struct filter *f,
				     const char *name)
{
	return rules_find(f->rules, name);
}

/* The rule id or name closest to `name`, or NULL. */
static const char *suggest_rule(const struct ruleset *rs, const char *name)
{
	struct str_suggest s;
	size_t i;

	str_suggest_init(&s, name);
	for (i = 0; i < rs->n; i++) {
		str_suggest_try(&s, rs->v[i]->id);
		str_suggest_try(&s, rs->v[i]->name);
	}
	return s.best;
}

/*
 * Look up the rules each waiver names, once; warn about each name no rule
 * has.
 */
static void resolve_names(struct filter *f, struct diags *d)
{
	size_t i, j;

	for (i = 0; i < f->waivers.n; i++) {
		struct waiver *wv = &f->waivers.v[i];

		free(wv->resolved);
		wv->resolved = xcalloc(wv->nrules + 1, sizeof(*wv->resolved));
		for (j = 0; j < wv->nrules; j++) {
			const char *hint;

			wv->resolved[j] = named_rule(f, wv->rules[j]);
			if (wv->resolved[j])
				continue;
			hint = suggest_rule(f->rules, wv->rules[j]);
			diag_add(d, wv->path, wv->loc, DIAG_WARNING,
				 "%s suppresses unknown rule \"%s\"%s%s%s",
				 waiver_kind_name(wv->kind), wv->rules[j],
				 hint ? " (did you mean \"" : "",
				 hint ? hint : "", hint ? "\"?)" : "");
		}
	}
}

/* Config entries first (they name no file), then by file. */
static int waiver_cmp(const void *pa, const void *pb)
{
	const struct waiver *a = pa, *b = pb;
	int c = (a->kind != WAIVER_CONFIG) - (b->kind != WAIVER_CONFIG);

	if (!c)
		c = strcmp(a->path, b->path);
	if (!c)
		c = loc_cmp(a->loc, b->loc);
	return c;
}

/* ====================================================================== */
/* Marking                                                                */
/* ====================================================================== */

static bool names_rule(const struct waiver *wv, const struct rule *r)
{
	size_t i;

	for (i = 0; i < wv->nrules; i++)
		if (wv->resolved[i] == r)
			return true;
	return false;
}

/* `path` relative to the config file's folder, kept for the next call. */
static const char *relative(struct filter *f, const char *path)
{
	if (!f->rel_for || strcmp(f->rel_for, path)) {
		free(f->rel_for);
		free(f->rel);
		f->rel_for = xstrdup(path);
		f->rel = glob_relative(f->opt.config_dir, path);
	}
	return f->rel;
}

/* Is the finding where the waiver says (the rule aside)? */
static bool in_place(struct filter *f, const struct waiver *wv,
		     const struct finding *fd)
{
	uint32_t t = wv->target;

	switch (wv->kind) {
	case WAIVER_COMMENT:
		return fd->loc.line == wv->line ||
		       (t && (fd->loc.line == t || fd->obj_line == t ||
			      fd->unit_line == t));
	case WAIVER_FILE:
		return true;
	case WAIVER_ANNOTATION:
		return t && fd->unit_line == t;
	case WAIVER_CONFIG:
		return !wv->nglobs ||
		       glob_match_rel(wv->globs, wv->nglobs,
				      relative(f, fd->path));
	}
	return false;
}

static bool expired(const struct filter *f, const struct waiver *wv)
{
	return wv->until && f->opt.today && waiver_date_valid(wv->until) &&
	       strcmp(wv->until, f->opt.today) < 0;
}

static void mark_by(struct finding *fd, const struct waiver *wv, bool old)
{
	struct finding_mark *m = &fd->mark;

	m->state = old ? FINDING_NEW : FINDING_SUPPRESSED;
	m->expired = old;
	m->in_source = wv->kind != WAIVER_CONFIG;
	m->how = waiver_kind_name(wv->kind);
	m->reason = wv->reason;
	m->where = wv->path;
	m->where_line = wv->loc.line;
	m->until = wv->until;
}

/* First waiver of file `path` in the sorted array (config ones aside). */
static size_t first_of_file(const struct waivers *w, size_t from,
			    const char *path)
{
	return str_lower_bound(w->v, from, w->n, sizeof(*w->v),
			       offsetof(struct waiver, path), path);
}

/* Try the waiver: true when it suppresses (and the search may stop). */
static bool try_waiver(struct filter *f, struct waiver *wv,
		       struct finding *fd, const struct waiver **old)
{
	if (!names_rule(wv, fd->rule) || !in_place(f, wv, fd))
		return false;
	wv->used++;
	if (expired(f, wv)) {
		if (!*old)
			*old = wv;
		return false;
	}
	mark_by(fd, wv, false);
	return true;
}

static void mark_finding(struct filter *f, size_t nconfig, struct finding *fd)
{
	const struct waiver *old = NULL;
	size_t i;

	for (i = first_of_file(&f->waivers, nconfig, fd->path);
	     i < f->waivers.n && !strcmp(f->waivers.v[i].path, fd->path); i++)
		if (try_waiver(f, &f->waivers.v[i], fd, &old))
			return;
	for (i = 0; i < nconfig; i++)
		if (try_waiver(f, &f->waivers.v[i], fd, &old))
			return;
	if (old) {
		mark_by(fd, old, true);
		f->sum.expired++;
	}
}

/* ====================================================================== */
/* Findings about suppressions                                            */
/* ====================================================================== */

static char *rules_text(const struct waiver *wv)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < wv->nrules; i++) {
		if (i)
			sb_addc(&sb, ',');
		sb_adds(&sb, wv->rules[i]);
	}
	return sb_detach(&sb);
}

static void add_own_finding(struct filter *f, struct findings *fs,
			    const char *id, const struct waiver *wv)
{
	const struct rule *r = rules_find(f->rules, id);
	char *names, *setting;

	if (!r)
		return;
	names = rules_text(wv);
	setting = xasprintf("%s %s", waiver_kind_name(wv->kind), names);
	findings_add(fs, r, wv->path, wv->loc,
		     xasprintf(r->message, names[0] ? names : "no rule"),
		     NULL);
	finding_set_identity(&fs->v[fs->n - 1], "suppression", setting,
			     wv->loc.line, 0);
	free(setting);
	free(names);
}

static void add_hygiene_of(struct filter *f, struct findings *fs,
			   const struct waiver *wv)
{
	/* One naming no rule was warned about, and covers nothing. */
	if (!wv->nrules)
		return;
	if (!wv->reason[0])
		add_own_finding(f, fs, FILTER_RULE_NO_REASON, wv);
	if (f->opt.report_unused && !wv->used)
		add_own_finding(f, fs, FILTER_RULE_UNUSED, wv);
}

static void add_hygiene(struct filter *f, struct findings *fs)
{
	size_t i;

	for (i = 0; i < f->waivers.n; i++)
		add_hygiene_of(f, fs, &f->waivers.v[i]);
}

/* ====================================================================== */
/* The stage                                                              */
/* ====================================================================== */

static bool is_own_rule(const struct rule *r)
{
	return !strcmp(r->id, FILTER_RULE_NO_REASON) ||
	       !strcmp(r->id, FILTER_RULE_UNUSED);
}

static void mark_baseline(struct filter *f, struct finding *fd)
{
	if (!f->baseline || fd->mark.state != FINDING_NEW)
		return;
	if (baseline_take(f->baseline, fd->fingerprint)) {
		fd->mark.state = FINDING_UNCHANGED;
		fd->mark.in_source = false;
		fd->mark.expired = false;
		fd->mark.how = "baseline";
		fd->mark.reason = "in the baseline";
		fd->mark.where = NULL;
		fd->mark.until = NULL;
	} else {
		f->sum.new_findings++;
	}
}

/* Hidden or shown, and the counts the summaries give. */
static void settle(struct filter *f, struct finding *fd)
{
	struct finding_mark *m = &fd->mark;

	if (m->state == FINDING_SUPPRESSED)
		f->sum.suppressed++;
	else if (m->state == FINDING_UNCHANGED)
		f->sum.unchanged++;
	if (m->state != FINDING_NEW && !f->opt.show_suppressed) {
		m->hidden = true;
		return;
	}
	if (fd->rule->severity < f->opt.min_severity) {
		m->hidden = true;
		m->below_min = true;
		f->sum.below_min++;
		return;
	}
	f->sum.shown++;
}

void filter_begin(struct filter *f, struct diags *d)
{
	if (f->waivers.n)
		qsort(f->waivers.v, f->waivers.n, sizeof(*f->waivers.v),
		      waiver_cmp);
	f->nconfig = 0;
	while (f->nconfig < f->waivers.n &&
	       f->waivers.v[f->nconfig].kind == WAIVER_CONFIG)
		f->nconfig++;
	f->next = f->nconfig;
	resolve_names(f, d);
	f->sum.baseline = f->baseline != NULL;
	f->sum.show_suppressed = f->opt.show_suppressed;
}

void filter_end(struct filter *f)
{
	if (f->baseline)
		f->sum.fixed = baseline_unmatched(f->baseline);
}

void filter_apply(struct filter *f, struct findings *fs, struct diags *d)
{
	size_t i;

	filter_begin(f, d);
	for (i = 0; i < fs->n; i++)
		if (!is_own_rule(fs->v[i].rule))
			mark_finding(f, f->nconfig, &fs->v[i]);
	add_hygiene(f, fs);
	for (i = 0; i < fs->n; i++) {
		mark_baseline(f, &fs->v[i]);
		settle(f, &fs->v[i]);
	}
	filter_end(f);
	findings_sort(fs);
}

bool filter_config_quiet(const struct waivers *config, bool report_unused)
{
	size_t i;

	for (i = 0; i < config->n; i++) {
		const struct waiver *wv = &config->v[i];

		if (wv->nrules && (!wv->reason[0] || report_unused))
			return false;
	}
	return true;
}

const char *filter_peek_path(const struct filter *f)
{
	return f->next < f->waivers.n ? f->waivers.v[f->next].path : NULL;
}

/*
 * A file's waivers cover only findings about that file, so once its
 * findings are marked, whether each waiver was used is known.  Waivers
 * of a path before `path` (none, when every path is given in order) get
 * their own findings too, lest they be lost.
 */
void filter_path(struct filter *f, const char *path, struct findings *fs)
{
	size_t i, n = fs->n;

	for (i = 0; i < n; i++)
		if (!is_own_rule(fs->v[i].rule))
			mark_finding(f, f->nconfig, &fs->v[i]);
	while (f->next < f->waivers.n &&
	       strcmp(f->waivers.v[f->next].path, path) <= 0)
		add_hygiene_of(f, fs, &f->waivers.v[f->next++]);
	for (i = 0; i < fs->n; i++) {
		mark_baseline(f, &fs->v[i]);
		settle(f, &fs->v[i]);
	}
	findings_sort(fs);
}

int filter_exit_status(const struct findings *f, const struct diags *d,
		       enum severity fail_on)
{
	size_t i;

	if (d->nerrors)
		return 2;
	for (i = 0; fail_on != SEV_NONE && i < f->n; i++)
		if (f->v[i].mark.state == FINDING_NEW &&
		    f->v[i].rule->severity >= fail_on)
			return 1;
	return 0;
}
