/*
 * engine.h - model objects x enabled rules -> findings.
 */
#ifndef CAGELINT_ENGINE_H
#define CAGELINT_ENGINE_H

#include "engine/expr.h"
#include "engine/finding.h"
#include "engine/rules.h"
#include "model/model.h"

/*
 * Judge every object of `m` with every enabled rule that applies to its
 * kind, appending findings (path m->path) to `out`.  Reads the rule set
 * only: any number of threads may run it at once on different models.
 */
void engine_run(const struct ruleset *rs, const struct model *m,
		struct findings *out);
/* The same for the rules judged once every file is read (cross_file). */
void engine_run_cross_file(const struct ruleset *rs, const struct model *m,
			   struct findings *out);

/* Render a rule's message for one object (and `var`, the for-element). */
char *engine_message(const struct rule *r, const struct expr_frame *f);

#endif
