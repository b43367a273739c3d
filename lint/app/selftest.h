/*
 * selftest.h - run every rule's bad and good examples (--test-rules).
 */
#ifndef CAGELINT_SELFTEST_H
#define CAGELINT_SELFTEST_H

#include <stdio.h>

#include "scan/pipeline.h"

/*
 * For each loaded rule (enabled or not), lint each example with only that
 * rule enabled: a bad example must give a finding of the rule (at its `at`
 * line:col when given), a good one none.  Prints failures and a closing
 * "rules: N passed, N failed" line to `out`; returns 0 when all passed.
 */
int selftest_rules(struct ruleset *rs, const struct lint_env *env,
		   FILE *out);

#endif
