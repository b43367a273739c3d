/*
 * cli.h - the command line: one table of options from which getopt's
 * table and --help are both made, so they cannot drift apart.
 */
#ifndef CAGELINT_CLI_H
#define CAGELINT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "base/util.h"
#include "engine/severity.h"
#include "report/report.h"

enum cli_action {
	ACT_LINT,
	ACT_LIST_RULES,
	ACT_EXPLAIN,
	ACT_LIST_FIELDS,
	ACT_DUMP,
	ACT_TEST_RULES,
	ACT_WRITE_DOCS,
	ACT_VERSION,
	ACT_HELP,
	ACT_GENERATE,
};

enum cli_color {
	COLOR_AUTO,
	COLOR_ALWAYS,
	COLOR_NEVER,
};

/* Formats one run may write; more would be the same format twice. */
#define CLI_MAX_OUTPUTS 16

/* One report: a format, and the file it goes to (NULL: -o, or stdout). */
struct cli_output {
	const struct report_format *format;
	const char *path;
};

struct cli {
	enum cli_action action;
	/* Every -f FORMAT[=FILE]; none given: the first format, to -o. */
	struct cli_output outputs[CLI_MAX_OUTPUTS];
	size_t noutputs;
	const char *output;		/* -o FILE, or NULL: stdout */
	enum severity fail_on;
	unsigned profiles;
	/* Every --enable and --disable list, joined by commas. */
	struct strbuf enable, disable;
	const char *rules_dir;
	const char *kind;
	const char *runtime;
	int k8s_minor;			/* --k8s-version 1.N */
	bool k8s_version_given;		/* ... said on the command line */
	const char *stdin_name;		/* --stdin-filename */
	const char *docs_url;		/* --docs-url: SARIF helpUri base */
	const char *explain_id;
	const char *dump_what;		/* tree | model */
	const char *docs_dir;		/* --write-docs DIR */
	int jobs;			/* 0: number of cores */
	enum cli_color color;
	bool verbose;
	bool fail_if_empty;		/* --fail-if-empty */
	bool no_render;			/* --no-render */
	bool help_markdown;		/* --help-markdown: README's rows */
	const char *generate;		/* --generate WHAT */
	/* Given on the command line: the config file does not override. */
	bool fail_on_given, profiles_given, k8s_given;
	const char *config;		/* --config FILE */
	bool no_config;			/* --no-config */
	const char *today;		/* --today YYYY-MM-DD */
	enum severity min_severity;	/* --min-severity */
	bool show_suppressed, report_unused, compact, stats;
	const char *baseline;		/* --baseline FILE */
	const char *write_baseline;	/* --write-baseline FILE */
	char **paths;
	size_t npaths;
};

/* One row of the option table (options.c). */
struct cli_option {
	const char *name;
	int id;			/* its short letter, or a number past 255 */
	const char *arg;	/* NULL: takes no argument */
	/* For --help, one line; NULL: a hidden option (not documented). */
	const char *help;
	/* The README's "Meaning" for it, markdown (checked by make check). */
	const char *doc;
	/*
	 * The values it takes, from their registration table: written where
	 * help or doc has "{}", as code spans when `markdown`.  NULL: none,
	 * or `choice`'s list.
	 */
	void (*values)(struct strbuf *sb, bool markdown);
	/*
	 * Its i-th value, NULL past the last (NULL: any value): what the
	 * option accepts, what "{}" lists when `values` is NULL, and what
	 * the shell completions offer.
	 */
	const char *(*choice)(size_t i);
};

/* Every option, in --help's order (hidden ones have no help). */
const struct cli_option *cli_options_all(size_t *n);
/*
 * Append one of an option's texts (its help or doc) with "{}" replaced
 * by the values it takes, as code spans when `markdown`.
 */
void cli_option_text(struct strbuf *sb, const struct cli_option *o,
		     const char *text, bool markdown);

/*
 * Parse argv into `c`.  Returns 0, or 2 after printing a usage error to
 * stderr (the exit status for usage errors).
 */
int cli_parse(struct cli *c, int argc, char **argv);
/* Free what cli_parse allocated (cli_parse does it itself on failure). */
void cli_free(struct cli *c);
void cli_help(FILE *out);
/*
 * The README's option table rows ("| `--flag ARG` | meaning |"), made
 * from the same table as --help; testdata/check-docs.sh compares them.
 */
void cli_help_markdown(FILE *out);
/* The version string, e.g. "0.1.0". */
const char *cli_version(void);

#endif
