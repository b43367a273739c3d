/*
 * options.c - options: the table, getopt_long, --help.
 *
 * Every option is one row of cli_options[]: its long name, short letter,
 * argument, its --help line and its README row.  getopt's table, --help
 * and the README's option rows (--help-markdown) are made from it, and
 * testdata/check-docs.sh checks that README.md holds those rows exactly.
 * The values of --format and --kind are not typed here: they come from
 * the tables of output formats, front ends and readers.
 */
#include "app/options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "engine/expr.h"
#include "engine/rules.h"
#include "filter/waiver.h"
#include "report/report.h"
#include "scan/pipeline.h"

#define CAGELINT_VERSION_STR "0.1.0"

enum opt_id {
	OPT_FORMAT = 'f',
	OPT_OUTPUT = 'o',
	OPT_JOBS = 'j',
	OPT_VERBOSE = 'v',
	OPT_HELP = 'h',
	OPT_FAIL_ON = 256,
	OPT_PROFILE,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_RULES,
	OPT_KIND,
	OPT_RUNTIME,
	OPT_K8S_VERSION,
	OPT_STDIN_NAME,
	OPT_COLOR,
	OPT_NO_COLOR,
	OPT_LIST_RULES,
	OPT_EXPLAIN,
	OPT_LIST_FIELDS,
	OPT_DUMP,
	OPT_TEST_RULES,
	OPT_WRITE_DOCS,
	OPT_VERSION,
	OPT_HELP_MARKDOWN,
	OPT_GENERATE,
	OPT_DOCS_URL,
	OPT_FAIL_IF_EMPTY,
	OPT_CONFIG,
	OPT_NO_CONFIG,
	OPT_MIN_SEVERITY,
	OPT_SHOW_SUPPRESSED,
	OPT_REPORT_UNUSED,
	OPT_TODAY,
	OPT_BASELINE,
	OPT_WRITE_BASELINE,
	OPT_COMPACT,
	OPT_STATS,
	OPT_NO_RENDER,
};

static void format_values(struct strbuf *sb, bool markdown);
static void kind_values(struct strbuf *sb, bool markdown);
static const char *format_choice(size_t i);
static const char *kind_choice(size_t i);
static const char *runtime_choice(size_t i);
static const char *color_choice(size_t i);
static const char *dump_choice(size_t i);

static const struct cli_option cli_options[] = {
	{ "format", OPT_FORMAT, "FMT",
	  "output format: {}; FMT=FILE writes it to FILE (repeatable)",
	  "{}. `FMT=FILE` writes that report to FILE, and `-f` may be "
	  "repeated: `-f sarif=out.sarif -f text` writes both in one run",
	  format_values, format_choice },
	{ "output", OPT_OUTPUT, "FILE", "write the report to FILE",
	  "write the report to FILE (errors still go to stderr too)",
	  NULL, NULL },
	{ "fail-on", OPT_FAIL_ON, "SEV",
	  "exit 1 on findings at or above SEV: {} (default: low)",
	  "exit 1 when a finding is at or above SEV: {} (`none`: never; "
	  "default: `low`)",
	  NULL, severity_name_at },
	{ "fail-if-empty", OPT_FAIL_IF_EMPTY, NULL,
	  "exit 2 when no file was linted (for gates)",
	  "exit 2 when no input cagelint reads was found (a gate pointed "
	  "at the wrong folder); without it such a run warns",
	  NULL, NULL },
	{ "min-severity", OPT_MIN_SEVERITY, "SEV",
	  "show only findings at or above SEV (default: info, all); "
	  "--fail-on still decides the exit status",
	  "show only findings at or above SEV (default `info`: all); what "
	  "fails is still `--fail-on`'s",
	  NULL, severity_name_at },
	{ "config", OPT_CONFIG, "FILE",
	  "read settings from FILE (default: the nearest .cagelint.yaml "
	  "up to the repository root)",
	  "read settings from FILE instead of the nearest `.cagelint.yaml` "
	  "(see [The config file](#the-config-file))",
	  NULL, NULL },
	{ "no-config", OPT_NO_CONFIG, NULL, "read no config file",
	  "read no config file",
	  NULL, NULL },
	{ "baseline", OPT_BASELINE, "FILE",
	  "findings in FILE are unchanged: hidden, never failing",
	  "findings recorded in FILE are *unchanged*: hidden, never "
	  "failing; new ones fail as usual",
	  NULL, NULL },
	{ "write-baseline", OPT_WRITE_BASELINE, "FILE",
	  "write the findings to FILE as a baseline (exit 0 unless an "
	  "input could not be read)",
	  "record the current findings in FILE (exit 0 unless an input "
	  "could not be read)",
	  NULL, NULL },
	{ "show-suppressed", OPT_SHOW_SUPPRESSED, NULL,
	  "also show suppressed and baseline findings",
	  "also show suppressed and baseline findings, each saying what "
	  "accepted it",
	  NULL, NULL },
	{ "report-unused", OPT_REPORT_UNUSED, NULL,
	  "report suppressions that matched no finding",
	  "report suppressions that matched no finding (rule CG002)",
	  NULL, NULL },
	{ "today", OPT_TODAY, "DATE",
	  "judge suppressions' until= as on DATE, YYYY-MM-DD (default: "
	  "$CAGELINT_TODAY, else today)",
	  "judge `until=` dates as on DATE (`YYYY-MM-DD`); default: "
	  "`$CAGELINT_TODAY` when set, else today (UTC)",
	  NULL, NULL },
	{ "compact", OPT_COMPACT, NULL, "text: one line a finding, no fix",
	  "text: one line a finding, no fix text",
	  NULL, NULL },
	{ "stats", OPT_STATS, NULL, "text: add counts per rule",
	  "text: a table of the shown findings per rule, most severe first",
	  NULL, NULL },
	{ "profile", OPT_PROFILE, "NAME",
	  "rule set: {} (repeatable)",
	  "which rules run: {}; repeatable",
	  NULL, profile_name_at },
	{ "enable", OPT_ENABLE, "IDS", "also run these rules (ids or names)",
	  "also run these rules (comma-separated ids or names); "
	  "repeatable",
	  NULL, NULL },
	{ "disable", OPT_DISABLE, "IDS", "do not run these rules",
	  "do not run these rules; repeatable",
	  NULL, NULL },
	{ "rules", OPT_RULES, "DIR", "load more rule files from DIR",
	  "load your own rule files (`*.yaml`) from DIR as well",
	  NULL, NULL },
	{ "kind", OPT_KIND, "KIND",
	  "read inputs as KIND ({}); "
	  "needed for stdin only when content is ambiguous",
	  "read every input as KIND: {}",
	  kind_values, kind_choice },
	{ "no-render", OPT_NO_RENDER, NULL,
	  "do not build Kustomize overlays or render Helm charts",
	  "do not build Kustomize overlays (`kustomize`, `kubectl`) or "
	  "render Helm charts (`helm`) found on PATH: their files are "
	  "judged one by one (see [Helm charts and Kustomize]"
	  "(#helm-charts-and-kustomize)); config `render: false`",
	  NULL, NULL },
	{ "runtime", OPT_RUNTIME, "NAME",
	  "whose defaults apply: {} "
	  "(default: every runtime the format runs on)",
	  "whose defaults apply: {}: the default capabilities, how "
	  "capability names are read, the default seccomp profile compared "
	  "with; without it, every runtime the format runs on (an add counts "
	  "where any grants it, a drop where all honour it)",
	  NULL, runtime_choice },
	{ "k8s-version", OPT_K8S_VERSION, "1.N",
	  "judge Kubernetes manifests as Kubernetes 1.N would (1.0 to 1."
	  STRINGIFY(K8S_MINOR_LATEST) ", or latest: the default)",
	  "judge Kubernetes manifests as Kubernetes 1.N would: `1.0` to `1."
	  STRINGIFY(K8S_MINOR_LATEST) "`, or `latest` (the default); "
	  "decides what the `pss-*` profiles allow",
	  NULL, NULL },
	{ "docs-url", OPT_DOCS_URL, "URL",
	  "where docs/rules is published, for SARIF's helpUri",
	  "where `docs/rules/` is published (e.g. your fork's "
	  "`https://github.com/ORG/cagelint/blob/TAG/docs/rules`): SARIF "
	  "rules link their page there (`helpUri`)",
	  NULL, NULL },
	{ "stdin-filename", OPT_STDIN_NAME, "NAME",
	  "name standard input NAME in reports",
	  "the name standard input gets in reports",
	  NULL, NULL },
	{ "jobs", OPT_JOBS, "N", "lint with N threads (default: all cores)",
	  "threads (default: the number of cores); the output does not "
	  "depend on it",
	  NULL, NULL },
	{ "color", OPT_COLOR, "WHEN", "colour text output: {}",
	  "{} (default `auto`: on a terminal, unless `NO_COLOR` is set)",
	  NULL, color_choice },
	{ "no-color", OPT_NO_COLOR, NULL, "same as --color=never",
	  "same as `--color=never`",
	  NULL, NULL },
	{ "verbose", OPT_VERBOSE, NULL, "also say which files were skipped "
	  "and why",
	  "also list skipped files and why",
	  NULL, NULL },
	{ "list-rules", OPT_LIST_RULES, NULL, "list the rules and exit",
	  "the rules, their severity, and which the profile enables",
	  NULL, NULL },
	{ "explain", OPT_EXPLAIN, "ID", "explain one rule and exit",
	  "one rule: what is lost, what to do, NIST and CWE references",
	  NULL, NULL },
	{ "list-fields", OPT_LIST_FIELDS, NULL,
	  "list the model fields rules can use and exit",
	  "the model fields rules can use",
	  NULL, NULL },
	{ "dump", OPT_DUMP, "WHAT",
	  "print each PATH as JSON and exit; WHAT: {} (tree: TOML in "
	  "toml-test's encoding; nodes: every node with its line:col)",
	  "print each PATH as JSON, WHAT is one of {}: `tree` (what a reader "
	  "made; TOML in toml-test's tagged encoding), `nodes` (the tree "
	  "with every node's line:col, any format), or `model` (what a "
	  "front end made)",
	  NULL, dump_choice },
	{ "test-rules", OPT_TEST_RULES, NULL,
	  "run every rule's bad and good examples and exit",
	  "run every rule's bad and good examples (your own too, with "
	  "`--rules`)",
	  NULL, NULL },
	{ "write-docs", OPT_WRITE_DOCS, "DIR",
	  "write the rule pages and the NIST SP 800-190 map into DIR and "
	  "exit",
	  "write the rule pages and the NIST map (what `make docs` does)",
	  NULL, NULL },
	{ "version", OPT_VERSION, NULL, "print the version and exit",
	  "print the version",
	  NULL, NULL },
	{ "help", OPT_HELP, NULL, "print this help and exit",
	  "print the options with one line each",
	  NULL, NULL },
	/* The README's option rows, as testdata/check-docs.sh wants them. */
	{ "help-markdown", OPT_HELP_MARKDOWN, NULL, NULL, NULL, NULL, NULL },
	/* The man page or a shell's completions, for the build. */
	{ "generate", OPT_GENERATE, "WHAT", NULL, NULL, NULL, NULL },
};

/* --format's values: the report formats' table; the first is default. */
static void format_values(struct strbuf *sb, bool markdown)
{
	const struct report_format *const *f;
	size_t n, i;

	f = report_formats(&n);
	for (i = 0; i < n; i++) {
		sb_addf(sb, markdown ? "%s`%s`%s" : "%s%s%s",
			i ? (markdown ? "; " : ", ") : "", f[i]->name,
			i ? "" : " (default)");
		if (markdown)
			sb_addf(sb, ": %s", f[i]->summary);
	}
}

/* --kind's values: the front ends', then the readers' --kind may name. */
static void kind_values(struct strbuf *sb, bool markdown)
{
	size_t i;

	for (i = 0; lint_kind_name(i); i++)
		sb_addf(sb, markdown ? "%s`%s`" : "%s%s", i ? ", " : "",
			lint_kind_name(i));
}

/* The values an option takes, one per index, NULL past the last. */
static const char *format_choice(size_t i)
{
	const struct report_format *const *f;
	size_t n;

	f = report_formats(&n);
	return i < n ? f[i]->name : NULL;
}

static const char *kind_choice(size_t i)
{
	return lint_kind_name(i);
}

static const char *pick(const char *const *v, size_t n, size_t i)
{
	return i < n ? v[i] : NULL;
}

static const char *runtime_choice(size_t i)
{
	static const char *const v[] = {
		"docker", "podman", "containerd", "cri-o"
	};

	return pick(v, ARRAY_SIZE(v), i);
}

static const char *color_choice(size_t i)
{
	static const char *const v[] = { "auto", "always", "never" };

	return pick(v, ARRAY_SIZE(v), i);
}

static const char *dump_choice(size_t i)
{
	static const char *const v[] = { "tree", "nodes", "model" };

	return pick(v, ARRAY_SIZE(v), i);
}

/* The choices as a list: "a, b, c", or "`a`, `b`, `c`" in markdown. */
static void choice_values(struct strbuf *sb, const struct cli_option *o,
			  bool markdown)
{
	size_t i;

	for (i = 0; o->choice(i); i++)
		sb_addf(sb, markdown ? "%s`%s`" : "%s%s", i ? ", " : "",
			o->choice(i));
}

void cli_option_text(struct strbuf *sb, const struct cli_option *o,
		     const char *text, bool markdown)
{
	const char *hole = o->values || o->choice ? strstr(text, "{}") : NULL;

	if (!hole) {
		sb_adds(sb, text);
		return;
	}
	sb_add(sb, text, (size_t)(hole - text));
	if (o->values)
		o->values(sb, markdown);
	else
		choice_values(sb, o, markdown);
	sb_adds(sb, hole + 2);
}

const struct cli_option *cli_options_all(size_t *n)
{
	*n = ARRAY_SIZE(cli_options);
	return cli_options;
}

/* The row of option `id`. */
static const struct cli_option *option_by_id(int id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cli_options); i++)
		if (cli_options[i].id == id)
			return &cli_options[i];
	return NULL;
}

/* Is `arg` one of the option's choices? */
static bool is_choice(int id, const char *arg)
{
	const struct cli_option *o = option_by_id(id);
	size_t i;

	for (i = 0; o && o->choice && o->choice(i); i++)
		if (!strcmp(o->choice(i), arg))
			return true;
	return false;
}

const char *cli_version(void)
{
	return CAGELINT_VERSION_STR;
}

/* Where --help's texts start: two spaces, 26 for the flags, one space. */
#define HELP_COLUMN 29

void cli_help(FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	sb_adds(&sb, "usage: cagelint [OPTIONS] [PATH...]\n"
		"\n"
		"Find where container isolation is switched off or weakened.\n"
		"PATH is a file, a directory (scanned recursively) or - for\n"
		"standard input; with no PATH, the current directory.\n"
		"\n"
		"options:\n");
	for (i = 0; i < ARRAY_SIZE(cli_options); i++) {
		const struct cli_option *o = &cli_options[i];
		size_t start = sb.len;

		if (!o->help)
			continue;
		if (o->id < 256)
			sb_addf(&sb, "  -%c, --%s", o->id, o->name);
		else
			sb_addf(&sb, "      --%s", o->name);
		if (o->arg)
			sb_addf(&sb, " %s", o->arg);
		/* The texts start in one column; a longer flag pushes. */
		sb_addf(&sb, "%*s", (int)(sb.len - start < HELP_COLUMN ?
					   HELP_COLUMN - (sb.len - start) :
					   1), "");
		cli_option_text(&sb, o, o->help, false);
		sb_addc(&sb, '\n');
	}
	sb_adds(&sb, "\n"
		"exit status: 0 nothing at or above --fail-on, 1 findings,\n"
		"2 usage error or an input that could not be read or parsed\n");
	fputs(sb.buf, out);
	sb_free(&sb);
}

void cli_help_markdown(FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cli_options); i++) {
		const struct cli_option *o = &cli_options[i];

		if (!o->doc)
			continue;
		sb_adds(&sb, "| ");
		if (o->id < 256)
			sb_addf(&sb, "`-%c`, ", o->id);
		sb_addf(&sb, "`--%s%s%s` | ", o->name, o->arg ? " " : "",
			o->arg ? o->arg : "");
		cli_option_text(&sb, o, o->doc, true);
		sb_adds(&sb, " |\n");
	}
	fputs(sb.buf, out);
	sb_free(&sb);
}

/* Print "cagelint: MESSAGE[ (did you mean "HINT"?)]" and the way out. */
static int usage_hint(const char *hint, const char *fmt, const char *arg)
{
	fputs("cagelint: ", stderr);
	fprintf(stderr, fmt, arg);
	if (hint)
		fprintf(stderr, " (did you mean \"%s\"?)", hint);
	fputs("\nTry 'cagelint --help'.\n", stderr);
	return 2;
}

static int usage_error(const char *fmt, const char *arg)
{
	return usage_hint(NULL, fmt, arg);
}

/* A value option `id` does not take: said with its closest choice. */
static int bad_choice(int id, const char *fmt, const char *arg)
{
	const struct cli_option *o = option_by_id(id);
	struct str_suggest sg;
	size_t i;

	str_suggest_init(&sg, arg);
	for (i = 0; o && o->choice && o->choice(i); i++)
		str_suggest_try(&sg, o->choice(i));
	return usage_hint(sg.best, fmt, arg);
}

/*
 * An option getopt did not know (`word` as written: "--formt=x"): said
 * with the closest option name, or that it needs an argument.
 */
static int bad_option(const char *word)
{
	struct str_suggest sg;
	char *name = xstrndup(word + 2, strcspn(word + 2, "="));
	const struct cli_option *o;
	char *hint = NULL;
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(cli_options); i++) {
		o = &cli_options[i];
		if (o->arg && !strcmp(o->name, name)) {
			free(name);
			return usage_error("option %s needs an argument", word);
		}
	}
	str_suggest_init(&sg, name);
	for (i = 0; i < ARRAY_SIZE(cli_options); i++)
		if (cli_options[i].help)
			str_suggest_try(&sg, cli_options[i].name);
	if (sg.best)
		hint = xasprintf("--%s", sg.best);
	rc = usage_hint(hint, "unknown option %s", word);
	free(hint);
	free(name);
	return rc;
}

static bool kind_known(const char *name)
{
	size_t i;

	for (i = 0; lint_kind_name(i); i++)
		if (!strcmp(lint_kind_name(i), name))
			return true;
	return false;
}

/*
 * Add a repeated option's comma list to the ones given before it, so that
 * --enable A --enable B enables both (the size is argv's, which the
 * kernel bounds).
 */
static void add_to_list(struct strbuf *list, const char *arg)
{
	if (list->len)
		sb_addc(list, ',');
	sb_adds(list, arg);
}

/*
 * -f FORMAT or -f FORMAT=FILE: one more report of the run.  The name is
 * matched before the first '=' (no format name has one).
 */
static int add_output(struct cli *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *name = eq ? xstrndup(arg, (size_t)(eq - arg)) : xstrdup(arg);
	const struct report_format *f = report_format_find(name);

	free(name);
	if (!f) {
		char *want = xstrndup(arg, eq ? (size_t)(eq - arg) : strlen(arg));
		int rc = bad_choice(OPT_FORMAT, "unknown format \"%s\"", want);

		free(want);
		return rc;
	}
	if (eq && !eq[1])
		return usage_error("-f %s: no file after '='", arg);
	if (c->noutputs == CLI_MAX_OUTPUTS)
		return usage_error("more than 16 reports (-f): \"%s\"", arg);
	c->outputs[c->noutputs].format = f;
	c->outputs[c->noutputs].path = eq ? eq + 1 : NULL;
	c->noutputs++;
	return 0;
}

/*
 * Give the reports without a file of their own the -o file (or stdout):
 * at most one may go there, or two documents would be mixed.
 */
static int settle_outputs(struct cli *c)
{
	size_t i, unnamed = 0;

	if (!c->noutputs) {
		c->outputs[0].format = report_formats(&i)[0];
		c->noutputs = 1;
	}
	for (i = 0; i < c->noutputs; i++) {
		if (c->outputs[i].path)
			continue;
		if (unnamed++)
			return usage_error("two reports would go to %s: give "
					   "one of them a file (-f FORMAT=FILE)",
					   c->output ? c->output : "stdout");
		c->outputs[i].path = c->output;
	}
	return 0;
}

static int set_option(struct cli *c, int id, const char *arg)
{
	char *end;
	long n;

	switch (id) {
	case OPT_FORMAT:
		return add_output(c, arg);
	case OPT_OUTPUT:
		c->output = arg;
		break;
	case OPT_FAIL_ON:
		n = severity_parse(arg);
		if (n < 0)
			return bad_choice(id, "--fail-on: unknown severity "
					   "\"%s\"", arg);
		c->fail_on = (enum severity)n;
		c->fail_on_given = true;
		break;
	case OPT_MIN_SEVERITY:
		n = severity_parse(arg);
		if (n < 0 || n == SEV_NONE)
			return bad_choice(id, "--min-severity: unknown severity "
					   "\"%s\"", arg);
		c->min_severity = (enum severity)n;
		break;
	case OPT_CONFIG:
		c->config = arg;
		break;
	case OPT_NO_CONFIG:
		c->no_config = true;
		break;
	case OPT_BASELINE:
		c->baseline = arg;
		break;
	case OPT_WRITE_BASELINE:
		c->write_baseline = arg;
		break;
	case OPT_SHOW_SUPPRESSED:
		c->show_suppressed = true;
		break;
	case OPT_REPORT_UNUSED:
		c->report_unused = true;
		break;
	case OPT_TODAY:
		if (!waiver_date_valid(arg))
			return usage_error("--today takes a date written "
					   "YYYY-MM-DD, not \"%s\"", arg);
		c->today = arg;
		break;
	case OPT_COMPACT:
		c->compact = true;
		break;
	case OPT_STATS:
		c->stats = true;
		break;
	case OPT_PROFILE:
		if (!profile_parse(arg))
			return bad_choice(id, "unknown profile \"%s\"", arg);
		c->profiles |= profile_parse(arg);
		c->profiles_given = true;
		break;
	case OPT_ENABLE:
		add_to_list(&c->enable, arg);
		break;
	case OPT_DISABLE:
		add_to_list(&c->disable, arg);
		break;
	case OPT_RULES:
		c->rules_dir = arg;
		break;
	case OPT_KIND:
		if (!kind_known(arg))
			return bad_choice(id, "--kind: unknown kind \"%s\"", arg);
		c->kind = arg;
		break;
	case OPT_RUNTIME:
		if (!is_choice(id, arg))
			return bad_choice(id, "--runtime: unknown runtime "
					   "\"%s\"", arg);
		c->runtime = arg;
		break;
	case OPT_K8S_VERSION:
		c->k8s_minor = k8s_version_parse(arg);
		c->k8s_version_given = true;
		if (c->k8s_minor < 0)
			return usage_error("--k8s-version: \"%s\" is not a "
					   "Kubernetes version from 1.0 to 1."
					   STRINGIFY(K8S_MINOR_LATEST)
					   " (or latest)", arg);
		c->k8s_given = true;
		break;
	case OPT_FAIL_IF_EMPTY:
		c->fail_if_empty = true;
		break;
	case OPT_NO_RENDER:
		c->no_render = true;
		break;
	case OPT_DOCS_URL:
		if (!strstr(arg, "://"))
			return usage_error("--docs-url takes an absolute URL "
					   "(https://...), not \"%s\"", arg);
		c->docs_url = arg;
		break;
	case OPT_STDIN_NAME:
		c->stdin_name = arg;
		break;
	case OPT_JOBS:
		n = strtol(arg, &end, 10);
		if (*end || n < 1 || n > 256)
			return usage_error("--jobs takes 1 to 256, not "
					   "\"%s\"", arg);
		c->jobs = (int)n;
		break;
	case OPT_COLOR:
		if (!is_choice(id, arg))
			return bad_choice(id, "--color takes auto, always or "
					   "never, not \"%s\"", arg);
		c->color = !strcmp(arg, "always") ? COLOR_ALWAYS :
			   !strcmp(arg, "never") ? COLOR_NEVER : COLOR_AUTO;
		break;
	case OPT_NO_COLOR:
		c->color = COLOR_NEVER;
		break;
	case OPT_VERBOSE:
		c->verbose = true;
		break;
	case OPT_LIST_RULES:
		c->action = ACT_LIST_RULES;
		break;
	case OPT_EXPLAIN:
		c->action = ACT_EXPLAIN;
		c->explain_id = arg;
		break;
	case OPT_LIST_FIELDS:
		c->action = ACT_LIST_FIELDS;
		break;
	case OPT_DUMP:
		if (!is_choice(id, arg))
			return bad_choice(id, "--dump takes tree, nodes or model, "
					   "not \"%s\"", arg);
		c->action = ACT_DUMP;
		c->dump_what = arg;
		break;
	case OPT_TEST_RULES:
		c->action = ACT_TEST_RULES;
		break;
	case OPT_WRITE_DOCS:
		c->action = ACT_WRITE_DOCS;
		c->docs_dir = arg;
		break;
	case OPT_VERSION:
		c->action = ACT_VERSION;
		break;
	case OPT_HELP:
		c->action = ACT_HELP;
		break;
	case OPT_GENERATE:
		c->action = ACT_GENERATE;
		c->generate = arg;
		break;
	case OPT_HELP_MARKDOWN:
		c->action = ACT_HELP;
		c->help_markdown = true;
		break;
	default:
		return 2;
	}
	return 0;
}

int cli_parse(struct cli *c, int argc, char **argv)
{
	struct option longopts[ARRAY_SIZE(cli_options) + 1];
	char shortopts[2 * ARRAY_SIZE(cli_options) + 2];
	size_t i, ns = 0;
	int id, rc;

	memset(c, 0, sizeof(*c));
	c->fail_on = SEV_LOW;
	c->k8s_minor = K8S_MINOR_LATEST;
	c->min_severity = SEV_INFO;
	for (i = 0; i < ARRAY_SIZE(cli_options); i++) {
		const struct cli_option *o = &cli_options[i];

		longopts[i].name = o->name;
		longopts[i].has_arg = o->arg ? required_argument :
				      no_argument;
		longopts[i].flag = NULL;
		longopts[i].val = o->id;
		if (o->id < 256) {
			shortopts[ns++] = (char)o->id;
			if (o->arg)
				shortopts[ns++] = ':';
		}
	}
	memset(&longopts[i], 0, sizeof(longopts[i]));
	shortopts[ns] = '\0';
	opterr = 0;
	optind = 1;
	for (;;) {
		id = getopt_long(argc, argv, shortopts, longopts, NULL);
		if (id == -1)
			break;
		if (id == '?') {
			cli_free(c);
			if (!strncmp(argv[optind - 1], "--", 2))
				return bad_option(argv[optind - 1]);
			return usage_error("unknown option, or one without "
					   "its argument: -%s",
					   (char[]){ (char)optopt, 0 });
		}
		rc = set_option(c, id, optarg);
		if (rc) {
			cli_free(c);
			return rc;
		}
	}
	if (settle_outputs(c)) {
		cli_free(c);
		return 2;
	}
	if (!c->profiles)
		c->profiles = PROFILE_DEFAULT;
	c->paths = argv + optind;
	c->npaths = (size_t)(argc - optind);
	return 0;
}

void cli_free(struct cli *c)
{
	sb_free(&c->enable);
	sb_free(&c->disable);
}
