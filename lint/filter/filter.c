/*
 * filter.c - what of a scan's outcome fails the run (see filter.h).
 */
#include "filter/filter.h"

#include "engine/rules.h"

int filter_exit_status(const struct findings *f, const struct diags *d,
		       enum severity fail_on)
{
	size_t i;

	if (d->nerrors)
		return 2;
	for (i = 0; fail_on != SEV_NONE && i < f->n; i++)
		if (f->v[i].rule->severity >= fail_on)
			return 1;
	return 0;
}
