/*
 * pool.h - lint a list of files with worker threads.
 */
#ifndef CAGELINT_SCAN_POOL_H
#define CAGELINT_SCAN_POOL_H

#include "scan/pipeline.h"
#include "scan/walk.h"

/*
 * Lint every file with `jobs` worker threads; results[i] is for file i.
 * The results do not depend on `jobs`.
 */
void scan_run(const struct lint_env *env, const struct scan_list *files,
	      int jobs, struct lint_result *results);

#endif
