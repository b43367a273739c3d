/*
 * finding.h - what a rule says about one model object.
 *
 * Findings are the only thing reporters see besides the rule table and the
 * diagnostics.  A finding owns its strings; the rule it points to lives for
 * the whole run.
 */
#ifndef CAGELINT_FINDING_H
#define CAGELINT_FINDING_H

#include <stddef.h>

#include "base/diag.h"

struct rule;

struct finding {
	const struct rule *rule;
	char *path;		/* the input file, as given or found */
	struct loc loc;		/* where the finding points */
	char *message;		/* rendered: says what protection is lost */
	char *origin;		/* e.g. `container "app" of Deployment "web"` */
};

struct findings {
	struct finding *v;
	size_t n, cap;
};

/* Append a finding; takes ownership of `message` and `origin`. */
void findings_add(struct findings *f, const struct rule *rule,
		  const char *path, struct loc loc, char *message,
		  char *origin);
void findings_move(struct findings *to, struct findings *from);
/* Sort by path, line, column, rule id, message; drop exact duplicates. */
void findings_sort(struct findings *f);
void findings_free(struct findings *f);
/*
 * Findings alike in all but their place (rule, message, object, file):
 * keep the first `keep` of each group (by place) and say how many more
 * there were in one warning added to `d`.  Sorts: n log n.
 */
void findings_merge_alike(struct findings *f, size_t keep, struct diags *d);

#endif
