/*
 * main.c - options -> scan -> filter -> report -> exit status.
 *
 * The findings of a run are spilled by the scan and filtered and reported
 * one path at a time (report_streamed); only --write-baseline and config
 * suppressions that make findings of their own hold them all
 * (report_whole).  Both give the same bytes.
 *
 * Exit status: 0 when no finding is at or above --fail-on, 1 when one is,
 * 2 for a usage error, a bad rule file, or an input that could not be read
 * or parsed (the other inputs are still linted and reported).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/docs.h"
#include "app/generate.h"
#include "app/options.h"
#include "app/selftest.h"
#include "app/setup.h"
#include "engine/rules.h"
#include "filter/baseline.h"
#include "filter/filter.h"
#include "report/report.h"
#include "scan/pipeline.h"
#include "scan/render.h"
#include "scan/scan.h"

static void print_diags(FILE *out, const struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		if (g->level == DIAG_NOTE)
			continue;
		if (loc_known(g->loc))
			fprintf(out, "%s:%u:%u: %s: %s\n", g->path,
				g->loc.line, g->loc.col,
				diag_level_name(g->level), g->msg);
		else
			fprintf(out, "%s: %s: %s\n", g->path,
				diag_level_name(g->level), g->msg);
	}
}

static void list_rules(const struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		const struct rule *r = rs->v[i];

		printf("%-6s %-8s %s %-34s %s\n", r->id,
		       severity_name(r->severity), r->enabled ? "*" : " ",
		       r->name, r->title);
	}
	printf("\n* enabled with the chosen --profile (default: default)\n");
}

static void print_list(const char *label, char **v, size_t n)
{
	size_t i;

	if (!n)
		return;
	printf("%s", label);
	for (i = 0; i < n; i++)
		printf("%s%s", i ? ", " : "", v[i]);
	printf("\n");
}

static int explain(const struct ruleset *rs, const char *id)
{
	const struct rule *r = rules_find(rs, id);
	unsigned bit;

	if (!r) {
		const char *hint = rules_suggest(rs, id);

		fprintf(stderr, "cagelint: no rule \"%s\"", id);
		if (hint)
			fprintf(stderr, " (did you mean \"%s\"?)", hint);
		fprintf(stderr, " (see --list-rules)\n");
		return 2;
	}
	printf("%s %s: %s\n\n", r->id, r->name, r->title);
	printf("severity: %s\n", severity_name(r->severity));
	printf("applies to: %s\n", mobj_kind_name(r->applies_to));
	printf("profiles:");
	for (bit = 1; bit; bit <<= 1)
		if (r->profiles & bit && strcmp(profile_name(bit), "?"))
			printf(" %s", profile_name(bit));
	printf("\n");
	print_list("NIST SP 800-190: ", r->nist, r->nnist);
	print_list("CWE: ", r->cwe, r->ncwe);
	if (r->description)
		printf("\n%s", r->description);
	if (r->description && !str_has_suffix(r->description, "\n"))
		printf("\n");
	printf("\nfix: %s\n", r->fix);
	print_list("\nsee also: ", r->refs, r->nrefs);
	return 0;
}

static const char *type_name(const struct model_field *f, char *buf,
			     size_t n)
{
	static const char *const names[] = {
		"unset", "bool", "int", "string", "list", "object"
	};

	if (f->type == MV_LIST && f->elem_type == MV_OBJ)
		snprintf(buf, n, "list of %s", mobj_kind_name(f->elem_kind));
	else if (f->type == MV_LIST)
		snprintf(buf, n, "list of %s", names[f->elem_type]);
	else
		snprintf(buf, n, "%s", names[f->type]);
	return buf;
}

static void list_fields(void)
{
	const struct model_field *f;
	size_t n, i;

	f = model_fields(&n);
	for (i = 0; i < n; i++) {
		char buf[64];

		printf("%-15s %-24s %-22s %s%s\n", mobj_kind_name(f[i].owner),
		       f[i].name, type_name(&f[i], buf, sizeof(buf)),
		       model_field_set_by_note(&f[i]), f[i].doc);
	}
	printf("%-15s %-24s %-22s %s\n", "any", "origin", "string",
	       "how messages name the object");
}

static bool want_color(const struct cli *c, const struct report_format *f,
		       FILE *out)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (!f->color || c->color == COLOR_NEVER)
		return false;
	if (c->color == COLOR_ALWAYS)
		return true;
	if (nc && *nc)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fileno(out));
}

static int jobs_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static int run_dump(const struct cli *c, const struct lint_env *env)
{
	struct strbuf sb = STRBUF_INIT;
	struct diags d = { 0 };
	size_t i;
	int rc = 0, r;

	for (i = 0; i < c->npaths; i++) {
		bool in = !strcmp(c->paths[i], "-");
		enum lint_dump what = LINT_DUMP_MODEL;

		if (!strcmp(c->dump_what, "tree"))
			what = LINT_DUMP_TREE;
		else if (!strcmp(c->dump_what, "nodes"))
			what = LINT_DUMP_NODES;
		r = lint_dump(env, c->paths[i], in, what, &sb, &d);
		if (r > rc)
			rc = r;
	}
	fwrite(sb.buf ? sb.buf : "", 1, sb.len, stdout);
	diags_sort(&d);
	print_diags(stderr, &d);
	sb_free(&sb);
	diags_free(&d);
	return rc;
}

/*
 * Write one report (format and file of `o`).  Returns 0, or 2 after
 * saying why it could not be written; *to_stdout tells whether it was a
 * text report on stdout (which shows the errors itself).
 */
static int write_report(const struct cli *c, const struct cli_output *o,
			struct report *rep, bool *to_stdout)
{
	FILE *out = stdout;
	int rc = 0;

	if (o->path) {
		out = fopen(o->path, "w");
		if (!out) {
			fprintf(stderr, "cagelint: cannot write %s: %s\n",
				o->path, strerror(errno));
			return 2;
		}
	}
	*to_stdout = out == stdout && !strcmp(o->format->name, "text");
	rep->color = want_color(c, o->format, out);
	if (report_write(out, o->format, rep) || fflush(out)) {
		fprintf(stderr, "cagelint: cannot write the %s report: %s\n",
			o->format->name, strerror(errno));
		rc = 2;
	}
	if (out != stdout && fclose(out) && !rc) {
		fprintf(stderr, "cagelint: cannot write %s: %s\n", o->path,
			strerror(errno));
		rc = 2;
	}
	return rc;
}

static bool config_skip(const void *ctx, const char *path)
{
	return config_ignores(ctx, path);
}

/*
 * The filter stage: every suppression (the config file's, the inputs'),
 * the baseline, then the marks; --write-baseline writes what is left.
 * Returns the exit status.
 */
/*
 * The filter of the run, with every suppression (the config file's, the
 * inputs') and the baseline; it borrows `today` and `bl` from the caller.
 */
static void filter_setup(const struct cli *c, const struct ruleset *rs,
			 struct config *cfg, struct scan_outcome *res,
			 struct filter *flt, struct baseline *bl,
			 char today[11])
{
	struct filter_options fo;
	const char *env_today = getenv(FILTER_TODAY_ENV);

	memset(&fo, 0, sizeof(fo));
	fo.fail_on = c->fail_on;
	fo.min_severity = c->min_severity;
	filter_today(today);
	fo.today = c->today ? c->today :
		   env_today && waiver_date_valid(env_today) ? env_today :
		   today;
	fo.show_suppressed = c->show_suppressed;
	fo.report_unused = c->report_unused;
	fo.config_dir = cfg->dir;
	filter_init(flt, rs, &fo);
	filter_take_waivers(flt, &cfg->suppress);
	filter_take_waivers(flt, &res->waivers);
	if (c->baseline && !baseline_read(bl, c->baseline, &res->diags))
		flt->baseline = bl;
}

static int run_filter(const struct cli *c, const struct ruleset *rs,
		      struct config *cfg, struct scan_outcome *res,
		      struct filter *flt)
{
	struct baseline bl = { 0 };
	char today[11];
	int rc;

	filter_setup(c, rs, cfg, res, flt, &bl, today);
	filter_apply(flt, &res->findings, &res->diags);
	flt->baseline = NULL;
	baseline_free(&bl);
	if (c->write_baseline)
		baseline_write(c->write_baseline, &res->findings,
			       &res->diags);
	diags_sort(&res->diags);
	rc = filter_exit_status(&res->findings, &res->diags, c->fail_on);
	/* Writing a baseline accepts what it wrote. */
	return c->write_baseline && rc == 1 ? 0 : rc;
}

/*
 * Whether charts and overlays are rendered (--no-render, `render:`), and
 * the config's values files per chart; `o` borrows from `cfg`.
 */
static void render_options_from(struct render_options *o,
				const struct cli *c, const struct config *cfg)
{
	memset(o, 0, sizeof(*o));
	o->off = c->no_render || cfg->render_off;
	o->charts = cfg->charts;
	o->ncharts = cfg->ncharts;
}

/* The report's settings, as every format reads them. */
static void report_settings(struct report *rep, const struct cli *c,
			    const struct ruleset *rs,
			    const struct scan_outcome *res,
			    const struct filter *flt)
{
	memset(rep, 0, sizeof(*rep));
	rep->rules = rs;
	rep->findings = &res->findings;
	rep->diags = &res->diags;
	rep->files_scanned = res->files_linted;
	rep->version = cli_version();
	rep->verbose = c->verbose;
	rep->docs_url = c->docs_url;
	rep->compact = c->compact;
	rep->stats = c->stats;
	rep->filter = &flt->sum;
}

/* Filter, then every report, with the run's findings held whole. */
static int report_whole(const struct cli *c, const struct ruleset *rs,
			struct config *cfg, struct scan_outcome *res)
{
	struct filter flt;
	struct report rep;
	bool any_stdout = false;
	size_t i;
	int rc;

	rc = run_filter(c, rs, cfg, res, &flt);
	report_settings(&rep, c, rs, res, &flt);
	for (i = 0; i < c->noutputs; i++) {
		bool to_stdout = false;

		if (write_report(c, &c->outputs[i], &rep, &to_stdout))
			rc = 2;
		any_stdout |= to_stdout;
	}
	/*
	 * Errors also reach stderr unless a text report showed them on
	 * stdout: a person watching the job sees them whatever the format.
	 */
	if (!any_stdout)
		print_diags(stderr, &res->diags);
	filter_free(&flt);
	return rc;
}

/* One report being written path by path. */
struct stream_out {
	const struct cli_output *o;
	FILE *out;
	struct report rep;
	struct report_stream *s;
};

/*
 * Open each output and begin its report; false after saying why one
 * could not be opened (the others are written all the same).
 */
static bool streams_begin(const struct cli *c, struct stream_out *v,
			  const struct report *rep, bool *any_stdout)
{
	bool ok = true;
	size_t i;

	for (i = 0; i < c->noutputs; i++) {
		v[i].o = &c->outputs[i];
		v[i].out = stdout;
		if (v[i].o->path) {
			v[i].out = fopen(v[i].o->path, "w");
			if (!v[i].out) {
				fprintf(stderr,
					"cagelint: cannot write %s: %s\n",
					v[i].o->path, strerror(errno));
				ok = false;
				continue;
			}
		}
		*any_stdout |= v[i].out == stdout &&
			       !strcmp(v[i].o->format->name, "text");
		v[i].rep = *rep;
		v[i].rep.color = want_color(c, v[i].o->format, v[i].out);
		v[i].s = report_begin(v[i].out, v[i].o->format, &v[i].rep);
	}
	return ok;
}

/* End each report begun and close its file; 2 when one failed. */
static int streams_end(const struct cli *c, struct stream_out *v)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < c->noutputs; i++) {
		if (!v[i].out)
			continue;
		if (report_end(v[i].s)) {
			fprintf(stderr,
				"cagelint: cannot write the %s report: %s\n",
				v[i].o->format->name, strerror(errno));
			rc = 2;
		}
		if (v[i].out != stdout && fclose(v[i].out) && !rc) {
			fprintf(stderr, "cagelint: cannot write %s: %s\n",
				v[i].o->path, strerror(errno));
			rc = 2;
		}
	}
	return rc;
}

/* The smallest of three paths, any of which may be NULL. */
static const char *first_path(const char *a, const char *b, const char *c)
{
	const char *m = a;

	if (b && (!m || strcmp(b, m) < 0))
		m = b;
	if (c && (!m || strcmp(c, m) < 0))
		m = c;
	return m;
}

/*
 * Every path that has findings, diagnostics or waivers, in order: its
 * findings read back from the spill and marked, then handed with its
 * diagnostics to every report.  Returns whether a new finding is at or
 * above --fail-on.
 */
static bool stream_paths(const struct cli *c, struct scan_outcome *res,
			 struct filter *flt, struct stream_out *v)
{
	size_t di = 0, i, k;
	bool fail = false;

	for (;;) {
		const char *path = first_path(scan_peek_path(res),
					      di < res->diags.n ?
					      res->diags.v[di].path : NULL,
					      filter_peek_path(flt));
		struct findings fs = { 0 };
		struct diags ds = { 0 };

		if (!path)
			break;
		path = xstrdup(path);
		scan_take_path(res, path, &fs);
		filter_path(flt, path, &fs);
		ds.v = res->diags.v + di;
		while (di < res->diags.n &&
		       !strcmp(res->diags.v[di].path, path)) {
			ds.nerrors += res->diags.v[di].level == DIAG_ERROR;
			ds.n++;
			di++;
		}
		for (k = 0; k < c->noutputs; k++)
			report_file(v[k].s, &fs, &ds);
		for (i = 0; i < fs.n && c->fail_on != SEV_NONE; i++)
			fail |= fs.v[i].mark.state == FINDING_NEW &&
				fs.v[i].rule->severity >= c->fail_on;
		findings_free(&fs);
		free((char *)path);
	}
	return fail;
}

/*
 * Filter and report path by path from a spilled scan: the same marks and
 * the same bytes as report_whole, with one path's findings held at a
 * time.  (--write-baseline and config entries that make findings of
 * their own need the whole run, and go through report_whole.)
 */
static int report_streamed(const struct cli *c, const struct ruleset *rs,
			   struct config *cfg, struct scan_outcome *res)
{
	struct filter flt;
	struct baseline bl = { 0 };
	struct report rep;
	struct stream_out *v = xcalloc(c->noutputs + 1, sizeof(*v));
	bool any_stdout = false, fail;
	char today[11];
	int rc;

	filter_setup(c, rs, cfg, res, &flt, &bl, today);
	filter_begin(&flt, &res->diags);
	diags_sort(&res->diags);
	report_settings(&rep, c, rs, res, &flt);
	rc = streams_begin(c, v, &rep, &any_stdout) ? 0 : 2;
	fail = stream_paths(c, res, &flt, v);
	filter_end(&flt);
	if (streams_end(c, v))
		rc = 2;
	if (!any_stdout)
		print_diags(stderr, &res->diags);
	if (res->diags.nerrors)
		rc = 2;
	else if (!rc && fail)
		rc = 1;
	flt.baseline = NULL;
	baseline_free(&bl);
	filter_free(&flt);
	free(v);
	return rc;
}

static int run_lint(const struct cli *c, const struct lint_env *env,
		    const struct ruleset *rs, struct config *cfg)
{
	struct render_options ro;
	struct scan_request req;
	struct scan_outcome res;
	int rc;

	memset(&req, 0, sizeof(req));
	req.paths = c->paths;
	req.npaths = c->npaths;
	req.stdin_name = c->stdin_name;
	req.jobs = c->jobs ? c->jobs : jobs_default();
	req.fail_if_empty = c->fail_if_empty;
	req.keep_notes = c->verbose;
	render_options_from(&ro, c, cfg);
	req.render = &ro;
	if (cfg->nignore_paths) {
		req.skip = config_skip;
		req.skip_ctx = cfg;
	}
	req.spill = !c->write_baseline &&
		    filter_config_quiet(&cfg->suppress, c->report_unused);
	scan(env, &req, &res);
	if (res.spilled)
		rc = report_streamed(c, rs, cfg, &res);
	else
		rc = report_whole(c, rs, cfg, &res);
	scan_outcome_free(&res);
	return rc;
}

/* --generate WHAT: the man page or a shell's completions. */
static int run_generate(const char *what, const struct ruleset *rs)
{
	size_t i;

	if (!generate(what, rs, stdout) && !fflush(stdout))
		return 0;
	fprintf(stderr, "cagelint: --generate takes");
	for (i = 0; generate_name(i); i++)
		fprintf(stderr, "%s %s", i ? "," : "", generate_name(i));
	fprintf(stderr, ", not \"%s\"\n", what);
	return 2;
}

int main(int argc, char **argv)
{
	struct ruleset rs = { 0 };
	struct diags d = { 0 };
	struct setup_rules sr = { 0 };
	struct config cfg = { 0 };
	struct lint_env env;
	struct cli c;
	bool own;
	int rc;

	stack_reserve();
	rc = cli_parse(&c, argc, argv);
	if (rc)
		return rc;
	if (c.action == ACT_HELP) {
		(c.help_markdown ? cli_help_markdown : cli_help)(stdout);
		cli_free(&c);
		return 0;
	}
	if (c.action == ACT_VERSION) {
		printf("cagelint %s\n", cli_version());
		cli_free(&c);
		return 0;
	}
	if (c.action == ACT_LIST_FIELDS) {
		list_fields();
		cli_free(&c);
		return 0;
	}
	/* Rule pages and rule tests are the same in every project. */
	own = c.action != ACT_TEST_RULES && c.action != ACT_WRITE_DOCS;
	if (own)
		setup_config(&c, &cfg, &d);
	if (!d.nerrors)
		rules_load(&rs, c.rules_dir, !own, &d);
	rs.k8s_minor = c.k8s_minor;
	if (own && !d.nerrors) {
		filter_add_rules(&rs);
		setup_rules(&c, &cfg, &rs, &sr, &d);
	} else {
		sr.profiles = c.profiles;
	}
	if (!d.nerrors)
		rules_select(&rs, sr.profiles, own ? sr.enable : c.enable.buf,
			     own ? sr.disable : c.disable.buf, &d);
	if (d.nerrors) {
		diags_sort(&d);
		print_diags(stderr, &d);
		diags_free(&d);
		rules_free(&rs);
		cli_free(&c);
		setup_rules_free(&sr);
		config_free(&cfg);
		return 2;
	}
	memset(&env, 0, sizeof(env));
	env.rules = &rs;
	env.mopt.runtime = c.runtime;
	env.mopt.psa_by_namespace = !c.k8s_version_given &&
		!(c.profiles & PROFILE_DEFAULT) && c.profiles &
		(PROFILE_PSS_BASELINE | PROFILE_PSS_RESTRICTED);
	env.kind = c.kind;
	switch (c.action) {
	case ACT_LIST_RULES:
		list_rules(&rs);
		rc = 0;
		break;
	case ACT_EXPLAIN:
		rc = explain(&rs, c.explain_id);
		break;
	case ACT_TEST_RULES:
		rc = selftest_rules(&rs, &env, stdout);
		break;
	case ACT_DUMP:
		rc = run_dump(&c, &env);
		break;
	case ACT_WRITE_DOCS:
		rc = docs_write(&rs, c.docs_dir) ? 2 : 0;
		break;
	case ACT_GENERATE:
		rc = run_generate(c.generate, &rs);
		break;
	default:
		rc = run_lint(&c, &env, &rs, &cfg);
	}
	diags_free(&d);
	rules_free(&rs);
	cli_free(&c);
	setup_rules_free(&sr);
	config_free(&cfg);
	arena_cache_drop();
	return rc;
}
