/*
 * finding.h - what a rule says about one model object.
 *
 * Findings are the only thing reporters see besides the rule table and the
 * diagnostics.  A finding owns its strings; the rule it points to lives for
 * the whole run.
 */
#ifndef CAGELINT_FINDING_H
#define CAGELINT_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

/* Hex digits of a finding's fingerprint (64 bits). */
#define FINDING_FINGERPRINT_LEN 16

struct rule;

/* What the filter stage decided about a finding (filter/filter.h). */
enum finding_state {
	FINDING_NEW,		/* shown, and counts for --fail-on */
	FINDING_SUPPRESSED,	/* accepted by a comment, annotation, config */
	FINDING_UNCHANGED,	/* in the --baseline: known, never fails */
};

/*
 * The filter's mark, plain data so that reporters need nothing of the
 * filter: the strings are borrowed from the filter and live as long as
 * it.  A finding whose only suppression has expired stays FINDING_NEW
 * with `expired` set and the suppression described.
 */
struct finding_mark {
	unsigned char state;	/* enum finding_state */
	bool hidden;		/* left out unless --show-suppressed */
	bool below_min;		/* hidden: under --min-severity */
	bool expired;		/* its suppression's `until` has passed */
	bool in_source;		/* the suppression is in the input itself */
	const char *how;	/* "comment", "annotation", "config", ... */
	const char *reason;	/* the justification ("" when none) */
	const char *where;	/* the suppression's file */
	uint32_t where_line;	/* and line (0: none) */
	const char *until;	/* YYYY-MM-DD or NULL */
};

struct finding {
	const struct rule *rule;
	char *path;		/* the input file, as given or found */
	struct loc loc;		/* where the finding points */
	char *message;		/* rendered: says what protection is lost */
	char *origin;		/* e.g. `container "app" of Deployment "web"` */
	/*
	 * Who it is about, for suppressions and baselines (never a line):
	 * `object` names the object the rule judged (its origin), `setting`
	 * the element a `for:` bound (a capability, a mount), or NULL.
	 * `fingerprint` hashes rule, path, object and setting, so it survives
	 * moved lines and unrelated edits.
	 */
	char *object;
	char *setting;
	char fingerprint[FINDING_FINGERPRINT_LEN + 1];
	/*
	 * Where the judged object starts (its first line) and where the unit
	 * holding it starts (a Kubernetes workload, a document): a comment
	 * alone on the line above either covers every finding of it.  0:
	 * unknown.
	 */
	uint32_t obj_line, unit_line;
	struct finding_mark mark;	/* zero until the filter runs */
};

struct findings {
	struct finding *v;
	size_t n, cap;
	/*
	 * When not 0, the engine keeps at most `max` findings here and
	 * counts the others in `dropped` (bounds what one file can cost).
	 */
	size_t max, dropped;
};

/* Append a finding; takes ownership of `message` and `origin`. */
void findings_add(struct findings *f, const struct rule *rule,
		  const char *path, struct loc loc, char *message,
		  char *origin);
/*
 * Say who the last finding added is about (see struct finding) and compute
 * its fingerprint; `object` and `setting` (either may be NULL) are copied.
 */
void finding_set_identity(struct finding *f, const char *object,
			  const char *setting, uint32_t obj_line,
			  uint32_t unit_line);
/* The fingerprint of rule `id`, `path`, `object`, `setting` into `out`. */
void finding_fingerprint(char out[FINDING_FINGERPRINT_LEN + 1],
			 const char *id, const char *path, const char *object,
			 const char *setting);
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
