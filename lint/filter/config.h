/*
 * config.h - the project's config file, `.cagelint.yaml`.
 *
 * Found in the current folder or the nearest parent, stopping at the
 * repository root (the folder holding `.git`); --config names one,
 * --no-config skips it.  Keys:
 *
 *   profile: default | [pss-baseline, ...]     fail-on: SEV
 *   k8s-version: "1.N"                          runtime: NAME
 *   enable: [ID or name, ...]                   disable: [...]
 *   severity: { RULE: SEV, ... }                rules-dir: DIR
 *   ignore-paths: [glob, ...]   (files not read; relative to the file)
 *   suppress: [ { rules: [...], paths: [glob, ...], reason: ...,
 *                 until: YYYY-MM-DD }, ... ]
 *   render: true | false        (build overlays, render charts)
 *   helm: { CHART_DIR: { values: [FILE, ...] }, ... }
 *                               (values files; relative to the file)
 *
 * Every mistake is an error at its line:col, with a "did you mean" when
 * a known word is close; the run then exits 2 before reading any input.
 * This module reads and checks the file; main applies it under the
 * command line, which wins.
 */
#ifndef CAGELINT_FILTER_CONFIG_H
#define CAGELINT_FILTER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "engine/rules.h"
#include "filter/waiver.h"

#define CONFIG_FILE_NAME ".cagelint.yaml"
/* Entries of any one list or map (bounds memory on a hostile file). */
#define CONFIG_MAX_ITEMS 10000

/* A word from the file with where it was written. */
struct config_word {
	char *text;
	struct loc loc;
};

struct config_words {
	struct config_word *v;
	size_t n;
};

/* A chart's `helm:` entry: its folder and values files, made absolute. */
struct config_chart {
	char *dir;
	char **values;
	size_t nvalues;
};

struct config {
	char *path;		/* the file read, NULL when none */
	char *dir;		/* its folder, absolute and clean */
	unsigned profiles;	/* profile bits, 0: not set */
	int fail_on;		/* enum severity, -1: not set */
	int k8s_minor;		/* -1: not set */
	char *runtime;		/* NULL: not set */
	char *rules_dir;	/* absolute or relative to the file */
	struct config_words enable, disable;
	struct config_words severity_rules;	/* severity: keys ... */
	int *severity_values;			/* ... and their values */
	char **ignore_paths;
	size_t nignore_paths;
	struct waivers suppress;	/* WAIVER_CONFIG */
	bool render_off;	/* render: false */
	struct config_chart *charts;	/* helm: */
	size_t ncharts;
};

/*
 * The config file to read: `explicit` when given, else the nearest
 * `.cagelint.yaml` from the current folder up to the repository root;
 * NULL when there is none.  The caller frees it.
 */
char *config_find(const char *explicit_path);
/*
 * Read and check `file` into `c` (zeroed first).  Errors at line:col go
 * to `d`; returns -1 when there was any.
 */
int config_load(struct config *c, const char *file, struct diags *d);
/*
 * Check the rule ids and names the file gives (enable, disable, severity,
 * suppress) against the loaded rules, and apply `severity` to them.
 * Errors go to `d`; returns -1 when there was any.
 */
int config_apply_rules(const struct config *c, struct ruleset *rs,
		       struct diags *d);
/* The enable or disable list as one comma-separated string, or NULL. */
char *config_words_join(const struct config_words *w);
/* Is `path` (as the scan names it) matched by ignore-paths? */
bool config_ignores(const struct config *c, const char *path);
void config_free(struct config *c);

#endif
