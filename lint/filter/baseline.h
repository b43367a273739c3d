/*
 * baseline.h - the findings a team has already seen, kept in a file.
 *
 * --write-baseline FILE writes the run's findings as sorted JSON a
 * reviewer can read (rule, name, path, object, setting, message,
 * fingerprint), one finding a few lines, so that a diff shows what was
 * added or fixed.  --baseline FILE reads it back; the filter marks the
 * findings whose fingerprint it holds as unchanged.  Only fingerprints
 * count when reading: the other fields are for people.
 */
#ifndef CAGELINT_FILTER_BASELINE_H
#define CAGELINT_FILTER_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "engine/finding.h"

/* A baseline holds at most this many findings (bounds its memory). */
#define BASELINE_MAX_ENTRIES 1000000

struct baseline_entry {
	char fingerprint[FINDING_FINGERPRINT_LEN + 1];
	size_t count;		/* findings with this fingerprint */
	size_t used;		/* of them, found again in this run */
};

struct baseline {
	struct baseline_entry *v;	/* sorted by fingerprint */
	size_t n, cap;
};

/* Read FILE; errors (unreadable, not a baseline) go to `d`, return -1. */
int baseline_read(struct baseline *b, const char *file, struct diags *d);
/*
 * Write the findings of `fs` that are not suppressed to FILE; returns -1
 * with an error in `d` when it cannot be written.
 */
int baseline_write(const char *file, const struct findings *fs,
		   struct diags *d);
/* Is there one more finding with fingerprint `fp` to match?  Takes it. */
bool baseline_take(struct baseline *b, const char *fp);
/* Entries (counted with their multiplicity) no finding matched. */
size_t baseline_unmatched(const struct baseline *b);
void baseline_free(struct baseline *b);

#endif
