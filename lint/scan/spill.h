/*
 * spill.h - a run's findings put aside in a spool (sb_set_spool: memory
 * while they are few, an unlinked temporary file past that), read back
 * one path at a time in path order.
 *
 * A file's findings are written as it is folded (grouped by the path
 * they are about); what stays in memory is one small entry per group:
 * the path (most often the file's own name, not copied), where its
 * records start and how many there are.  After the
 * run, the entries are sorted by path (and, for one path, by the order
 * they were written), so a report can be written path by path with only
 * one path's findings held.  A finding's rule is spilled as its address:
 * the rule set outlives the spill, and the file never leaves the process.
 * It does not sort or filter the findings of a path: the caller does.
 */
#ifndef CAGELINT_SCAN_SPILL_H
#define CAGELINT_SCAN_SPILL_H

#include <stdbool.h>
#include <stdio.h>

#include "engine/finding.h"

struct spill_entry;

struct finding_spill {
	struct strbuf bytes;		/* the records, a spool */
	FILE *in;			/* reading them back, after the seal */
	struct spill_entry *v;		/* one per path of a folded file */
	size_t n, cap;
	struct arena *names;		/* paths that are not their file's */
	size_t next;			/* first entry not yet taken */
	bool failed;			/* a write or a read failed */
	long written;			/* bytes written so far (no ftell) */
};

void finding_spill_open(struct finding_spill *s);
/*
 * Move every finding of `fs` into the spill (`fs` is left empty).  `own`
 * (or NULL) is the name of the file they came from, which must outlive
 * the spill: findings about it are listed under it, not a copy.
 */
void finding_spill_add(struct finding_spill *s, struct findings *fs,
		       const char *own);
/* After the last add: order the entries by path for reading back. */
void finding_spill_seal(struct finding_spill *s);
/* The path of the next entry to take, or NULL after the last. */
const char *finding_spill_peek(const struct finding_spill *s);
/* Append the findings of every entry about `path` to `out`. */
void finding_spill_take(struct finding_spill *s, const char *path,
			struct findings *out);
void finding_spill_free(struct finding_spill *s);

#endif
