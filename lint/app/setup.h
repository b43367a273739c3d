/*
 * setup.h - the config file under the command line.
 *
 * Finds and reads `.cagelint.yaml` (filter/config.h) and settles each
 * setting: what the command line gave wins, then the file, then the
 * default.  Rule lists merge: the file's enable and disable, then the
 * command line's (a rule the command line enables is not disabled by
 * the file).
 */
#ifndef CAGELINT_APP_SETUP_H
#define CAGELINT_APP_SETUP_H

#include "app/options.h"
#include "engine/rules.h"
#include "filter/config.h"

/* The rules settled for rules_select(): owned strings, or NULL. */
struct setup_rules {
	unsigned profiles;
	char *enable, *disable;
};

/*
 * Read the config file (unless --no-config) into `cfg` and settle
 * fail-on, k8s-version, runtime and rules-dir into `c`.  Errors go to
 * `d`; returns -1 when there was any.  `cfg` is zeroed when no file is
 * read.
 */
int setup_config(struct cli *c, struct config *cfg, struct diags *d);
/*
 * Once the rules are loaded: check the file's rule names, apply its
 * severities, and settle profiles, enable and disable into `out`.
 */
int setup_rules(const struct cli *c, const struct config *cfg,
		struct ruleset *rs, struct setup_rules *out, struct diags *d);
void setup_rules_free(struct setup_rules *r);

#endif
