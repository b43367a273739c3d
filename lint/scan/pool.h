/*
 * pool.h - lint a list of files with worker threads, handing each file's
 * result on in file order as soon as it and every file before it are
 * done.
 *
 * Only a window of results is ever held: a worker that gets
 * SCAN_WINDOW_PER_JOB files per job ahead of the consumer waits, so the
 * memory of results waiting to be taken does not grow with the number of
 * files.  What the consumer sees does not depend on the number of jobs.
 */
#ifndef CAGELINT_SCAN_POOL_H
#define CAGELINT_SCAN_POOL_H

#include "scan/pipeline.h"
#include "scan/walk.h"

/*
 * Files a worker may be ahead of the consumer, per job: enough that a
 * slow file (a big one) does not stall the others, and few enough that
 * the waiting results stay small.
 */
#define SCAN_WINDOW_PER_JOB 16

/*
 * Told of file `i`'s result, for i = 0, 1, ... in order, on the calling
 * thread of scan_run.  It owns what `r` holds (it moves or frees it);
 * the slot is reused after it returns.
 */
typedef void scan_consume_fn(void *ctx, size_t i, struct lint_result *r);

/* Lint every file with `jobs` worker threads, handing each on in order. */
void scan_run(const struct lint_env *env, const struct scan_list *files,
	      int jobs, scan_consume_fn *consume, void *ctx);

#endif
