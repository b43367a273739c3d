/*
 * filter.h - what of a scan's outcome fails the run.
 *
 * The filter stage sits between the engine's findings and the report:
 * it decides what is shown and what fails.  Today that is --fail-on;
 * suppressions, the config file and baselines belong here too.
 */
#ifndef CAGELINT_FILTER_FILTER_H
#define CAGELINT_FILTER_FILTER_H

#include "engine/finding.h"
#include "engine/severity.h"

/*
 * The run's exit status: 2 when any input or rule could not be read
 * (errors in `d`), else 1 when a finding is at or above `fail_on`
 * (never with SEV_NONE), else 0.
 */
int filter_exit_status(const struct findings *f, const struct diags *d,
		       enum severity fail_on);

#endif
