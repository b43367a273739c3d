/*
 * pool.c - lint a list of files with worker threads.
 *
 * Workers take the next file from one atomic index and write only their
 * own result slot, so the results are the same for any number of
 * workers; the per-file pipeline (pipeline.c) shares nothing mutable.
 */
#include "scan/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "scan/render.h"

struct pool {
	const struct lint_env *env;
	const struct scan_list *files;
	struct lint_result *results;
	atomic_size_t next;
};

static void *worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);
		const struct scan_file *f;
		struct lint_env env;

		if (i >= p->files->n)
			return NULL;
		f = &p->files->v[i];
		env = *p->env;
		env.partial = f->partial;
		if (f->rendered)
			lint_rendered(&env, f->display, f->rendered,
				      &p->results[i]);
		else
			lint_file(&env, f->path, f->display, f->is_stdin,
				  &p->results[i]);
	}
}

void scan_run(const struct lint_env *env, const struct scan_list *files,
	      int jobs, struct lint_result *results)
{
	struct pool p;
	pthread_t *tids;
	int i, started = 0;

	p.env = env;
	p.files = files;
	p.results = results;
	atomic_init(&p.next, 0);
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > files->n)
		jobs = files->n ? (int)files->n : 1;
	if (jobs == 1) {
		worker(&p);
		return;
	}
	tids = xcalloc((size_t)jobs, sizeof(*tids));
	for (i = 0; i < jobs; i++)
		if (!pthread_create(&tids[i], NULL, worker, &p))
			started++;
		else
			break;
	if (!started)
		worker(&p);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
}
