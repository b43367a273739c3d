/*
 * pool.c - lint a list of files with worker threads, results in order.
 *
 * Workers take the next file under one lock and lint it into a slot of a
 * ring of results; the calling thread waits for the slot of the next
 * file in order, hands it to the consumer and frees the slot.  A worker
 * that would overwrite a slot not yet consumed waits, so the ring bounds
 * what is held.  The per-file pipeline (pipeline.c) shares nothing
 * mutable, and the consumer sees the files in order, so what it sees is
 * the same for any number of workers.  This does not walk directories or
 * fold results: scan.c does.
 */
#include "scan/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "scan/render.h"

struct pool {
	const struct lint_env *env;
	const struct scan_list *files;
	struct lint_result *slots;	/* file i goes to slots[i % window] */
	bool *done;			/* its result is ready */
	size_t window;
	size_t next;		/* the next file a worker takes */
	size_t taken;		/* files handed to the consumer */
	pthread_mutex_t lock;
	pthread_cond_t ready;	/* a slot was filled */
	pthread_cond_t freed;	/* a slot was consumed */
	/*
	 * Who sleeps on them: a signal is sent only to a sleeper, since a
	 * wake-up is a system call and files come thousands a second.
	 */
	size_t awaited;		/* the file the consumer waits for, or SIZE_MAX */
	int idle;		/* workers waiting for a free slot */
};

/* File i: rendered output, or the file, with the run's env for it. */
static void lint_one(const struct pool *p, size_t i, struct lint_result *r)
{
	const struct scan_file *f = &p->files->v[i];
	struct lint_env env = *p->env;

	env.partial = f->partial;
	env.front_memo = f->rendered ? 0 : f->front_memo;
	if (f->rendered)
		lint_rendered(&env, f->display, f->rendered, r);
	else
		lint_file(&env, f->path, f->display, f->is_stdin, r);
}

/* Is the next file's slot free (its result taken)?  Under the lock. */
static bool next_slot_free(const struct pool *p)
{
	return p->next < p->taken + p->window;
}

/* The next file whose slot is free, or SIZE_MAX when none is left. */
static size_t take_next(struct pool *p)
{
	size_t i;

	pthread_mutex_lock(&p->lock);
	while (p->next < p->files->n && !next_slot_free(p)) {
		p->idle++;
		pthread_cond_wait(&p->freed, &p->lock);
		p->idle--;
	}
	i = p->next < p->files->n ? p->next++ : SIZE_MAX;
	pthread_mutex_unlock(&p->lock);
	return i;
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	while ((i = take_next(p)) != SIZE_MAX) {
		lint_one(p, i, &p->slots[i % p->window]);
		pthread_mutex_lock(&p->lock);
		p->done[i % p->window] = true;
		if (p->awaited == i)
			pthread_cond_signal(&p->ready);
		pthread_mutex_unlock(&p->lock);
	}
	arena_cache_drop();
	return NULL;
}

/*
 * On the calling thread: hand every result on in order, and lint files
 * too while the next result is not ready (one thread fewer to start,
 * and no sleep while there is work: on as many cores as jobs, a thread
 * more than the cores would only take turns with the others).
 */
static void consume_all(struct pool *p, scan_consume_fn *consume, void *ctx)
{
	size_t i, j;

	for (i = 0; i < p->files->n; i++) {
		struct lint_result *r = &p->slots[i % p->window];

		pthread_mutex_lock(&p->lock);
		while (!p->done[i % p->window]) {
			if (p->next < p->files->n && next_slot_free(p)) {
				j = p->next++;
				pthread_mutex_unlock(&p->lock);
				lint_one(p, j, &p->slots[j % p->window]);
				pthread_mutex_lock(&p->lock);
				p->done[j % p->window] = true;
				continue;
			}
			p->awaited = i;
			pthread_cond_wait(&p->ready, &p->lock);
		}
		p->awaited = SIZE_MAX;
		pthread_mutex_unlock(&p->lock);
		/* No worker writes this slot until `taken` passes i. */
		consume(ctx, i, r);
		memset(r, 0, sizeof(*r));
		pthread_mutex_lock(&p->lock);
		p->done[i % p->window] = false;
		p->taken++;
		if (p->idle)
			pthread_cond_broadcast(&p->freed);
		pthread_mutex_unlock(&p->lock);
	}
}

/* One thread: lint and hand on each file in turn. */
static void run_serial(const struct pool *p, scan_consume_fn *consume,
		       void *ctx)
{
	struct lint_result r;
	size_t i;

	for (i = 0; i < p->files->n; i++) {
		memset(&r, 0, sizeof(r));
		lint_one(p, i, &r);
		consume(ctx, i, &r);
	}
}

/* Start up to `jobs` workers; returns how many started. */
static int start_workers(struct pool *p, pthread_t *tids, int jobs)
{
	int started = 0;

	while (started < jobs &&
	       !pthread_create(&tids[started], NULL, worker, p))
		started++;
	return started;
}

static void run_parallel(struct pool *p, int jobs, scan_consume_fn *consume,
			 void *ctx)
{
	pthread_t *tids = xcalloc((size_t)jobs, sizeof(*tids));
	int started, i;

	p->window = (size_t)jobs * SCAN_WINDOW_PER_JOB;
	p->awaited = SIZE_MAX;
	p->slots = xcalloc(p->window, sizeof(*p->slots));
	p->done = xcalloc(p->window, sizeof(*p->done));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->freed, NULL);
	/* the calling thread is the last job (consume_all) */
	started = start_workers(p, tids, jobs - 1);
	consume_all(p, consume, ctx);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	pthread_cond_destroy(&p->freed);
	pthread_cond_destroy(&p->ready);
	pthread_mutex_destroy(&p->lock);
	free(p->done);
	free(p->slots);
	free(tids);
}

void scan_run(const struct lint_env *env, const struct scan_list *files,
	      int jobs, scan_consume_fn *consume, void *ctx)
{
	struct pool p;

	memset(&p, 0, sizeof(p));
	p.env = env;
	p.files = files;
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > files->n)
		jobs = files->n ? (int)files->n : 1;
	if (jobs == 1)
		run_serial(&p, consume, ctx);
	else
		run_parallel(&p, jobs, consume, ctx);
	arena_cache_drop();	/* what this thread kept for the files */
}
