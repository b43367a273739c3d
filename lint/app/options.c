/*
 * cli.c - options: the table, getopt_long, --help.
 *
 * Every option is one row of cli_options[]: its long name, short letter,
 * argument, and help text.  getopt's table and the --help text are made
 * from it; a test checks that README.md documents every row.
 */
#include "app/options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "engine/expr.h"
#include "engine/rules.h"
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
};

struct cli_option {
	const char *name;
	int id;
	const char *arg;	/* NULL: takes no argument */
	const char *help;
};

static const struct cli_option cli_options[] = {
	{ "format", OPT_FORMAT, "FMT",
	  "output format: text (default), json, sarif, github, gitlab" },
	{ "output", OPT_OUTPUT, "FILE", "write the report to FILE" },
	{ "fail-on", OPT_FAIL_ON, "SEV",
	  "exit 1 on findings at or above SEV: critical, high, medium, "
	  "low (default), info, none" },
	{ "profile", OPT_PROFILE, "NAME",
	  "rule set: default, pss-baseline, pss-restricted, all "
	  "(repeatable)" },
	{ "enable", OPT_ENABLE, "IDS", "also run these rules (ids or names)" },
	{ "disable", OPT_DISABLE, "IDS", "do not run these rules" },
	{ "rules", OPT_RULES, "DIR", "load more rule files from DIR" },
	{ "kind", OPT_KIND, "KIND",
	  "read inputs as KIND (kubernetes, dockerfile, compose, "
	  "docker-run, ci-run, "
	  "seccomp, oci, "
	  "containers-conf, selinux-config, yaml, json, toml); "
	  "needed for stdin only when content is ambiguous" },
	{ "runtime", OPT_RUNTIME, "NAME",
	  "whose defaults apply: docker, podman, containerd, cri-o" },
	{ "k8s-version", OPT_K8S_VERSION, "1.N",
	  "judge Kubernetes manifests as Kubernetes 1.N would (1.0 to 1."
	  STRINGIFY(K8S_MINOR_LATEST) ", or latest: the default)" },
	{ "stdin-filename", OPT_STDIN_NAME, "NAME",
	  "name standard input NAME in reports" },
	{ "jobs", OPT_JOBS, "N", "lint with N threads (default: all cores)" },
	{ "color", OPT_COLOR, "WHEN", "colour text output: auto, always, never" },
	{ "no-color", OPT_NO_COLOR, NULL, "same as --color=never" },
	{ "verbose", OPT_VERBOSE, NULL, "also say which files were skipped "
	  "and why" },
	{ "list-rules", OPT_LIST_RULES, NULL, "list the rules and exit" },
	{ "explain", OPT_EXPLAIN, "ID", "explain one rule and exit" },
	{ "list-fields", OPT_LIST_FIELDS, NULL,
	  "list the model fields rules can use and exit" },
	{ "dump", OPT_DUMP, "WHAT",
	  "print each PATH as JSON and exit; WHAT: tree (TOML in "
	  "toml-test's encoding), nodes (every node with its line:col), "
	  "model" },
	{ "test-rules", OPT_TEST_RULES, NULL,
	  "run every rule's bad and good examples and exit" },
	{ "write-docs", OPT_WRITE_DOCS, "DIR",
	  "write the rule pages and the NIST SP 800-190 map into DIR and "
	  "exit" },
	{ "version", OPT_VERSION, NULL, "print the version and exit" },
	{ "help", OPT_HELP, NULL, "print this help and exit" },
};

const char *cli_version(void)
{
	return CAGELINT_VERSION_STR;
}

void cli_help(FILE *out)
{
	size_t i;

	fputs("usage: cagelint [OPTIONS] [PATH...]\n"
	      "\n"
	      "Find where container isolation is switched off or weakened.\n"
	      "PATH is a file, a directory (scanned recursively) or - for\n"
	      "standard input; with no PATH, the current directory.\n"
	      "\n"
	      "options:\n", out);
	for (i = 0; i < ARRAY_SIZE(cli_options); i++) {
		const struct cli_option *o = &cli_options[i];
		char left[64];

		if (o->id < 256)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->id,
				 o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-26s %s\n", left, o->help);
	}
	fputs("\n"
	      "exit status: 0 nothing at or above --fail-on, 1 findings,\n"
	      "2 usage error or an input that could not be read or parsed\n",
	      out);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("cagelint: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'cagelint --help'.\n", stderr);
	return 2;
}

static int set_option(struct cli *c, int id, const char *arg)
{
	char *end;
	long n;

	switch (id) {
	case OPT_FORMAT:
		c->format = report_format_parse(arg);
		if (c->format < 0)
			return usage_error("unknown format \"%s\"", arg);
		break;
	case OPT_OUTPUT:
		c->output = arg;
		break;
	case OPT_FAIL_ON:
		n = severity_parse(arg);
		if (n < 0)
			return usage_error("--fail-on: unknown severity "
					   "\"%s\"", arg);
		c->fail_on = (enum severity)n;
		break;
	case OPT_PROFILE:
		if (!profile_parse(arg))
			return usage_error("unknown profile \"%s\"", arg);
		c->profiles |= profile_parse(arg);
		break;
	case OPT_ENABLE:
		c->enable = arg;
		break;
	case OPT_DISABLE:
		c->disable = arg;
		break;
	case OPT_RULES:
		c->rules_dir = arg;
		break;
	case OPT_KIND: {
		const char *const *k = lint_kind_names();

		while (*k && strcmp(*k, arg))
			k++;
		if (!*k)
			return usage_error("--kind: unknown kind \"%s\"", arg);
		c->kind = arg;
		break;
	}
	case OPT_RUNTIME:
		if (strcmp(arg, "docker") && strcmp(arg, "podman") &&
		    strcmp(arg, "containerd") && strcmp(arg, "cri-o"))
			return usage_error("--runtime: unknown runtime "
					   "\"%s\"", arg);
		c->runtime = arg;
		break;
	case OPT_K8S_VERSION:
		c->k8s_minor = k8s_version_parse(arg);
		if (c->k8s_minor < 0)
			return usage_error("--k8s-version: \"%s\" is not a "
					   "Kubernetes version from 1.0 to 1."
					   STRINGIFY(K8S_MINOR_LATEST)
					   " (or latest)", arg);
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
		if (!strcmp(arg, "auto"))
			c->color = COLOR_AUTO;
		else if (!strcmp(arg, "always"))
			c->color = COLOR_ALWAYS;
		else if (!strcmp(arg, "never"))
			c->color = COLOR_NEVER;
		else
			return usage_error("--color takes auto, always or "
					   "never, not \"%s\"", arg);
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
		if (strcmp(arg, "tree") && strcmp(arg, "nodes") &&
		    strcmp(arg, "model"))
			return usage_error("--dump takes tree, nodes or model, "
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
	c->format = REPORT_TEXT;
	c->fail_on = SEV_LOW;
	c->k8s_minor = K8S_MINOR_LATEST;
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
			if (optopt && optopt < 256)
				return usage_error("unknown or incomplete "
						   "option -%s",
						   (char[]){ (char)optopt,
							     0 });
			return usage_error("unknown or incomplete option "
					   "%s", argv[optind - 1]);
		}
		rc = set_option(c, id, optarg);
		if (rc)
			return rc;
	}
	if (!c->profiles)
		c->profiles = PROFILE_DEFAULT;
	c->paths = argv + optind;
	c->npaths = (size_t)(argc - optind);
	return 0;
}
