/*
 * failmalloc.c - an allocator that fails when told to, for the
 * allocation-failure suite (testdata/hostile/alloc-faults.sh).
 *
 * Built as a shared object and preloaded into cagelint:
 *
 *   LD_PRELOAD=build/failmalloc.so FAIL_AT=N [FAIL_COUNT=K] cagelint ...
 *
 * malloc, calloc and realloc fail (NULL, errno ENOMEM) from the Nth call
 * of the process on, K calls in a row (1 when unset), and work as usual
 * before and after.  With FAIL_REPORT set, the number of calls made is
 * printed to standard error at exit ("allocations: N"), so that a script
 * can tell how many points there are to try.  glibc only: the real
 * allocator is reached through its __libc_* names.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *p, size_t n);

static long calls;
static long fail_at = -1;
static long fail_count = 1;
static int configured;

static void configure(void)
{
	const char *at = getenv("FAIL_AT");
	const char *count = getenv("FAIL_COUNT");

	configured = 1;
	if (at)
		fail_at = atol(at);
	if (count)
		fail_count = atol(count);
}

/* Count this call; true when it is one of those that fail. */
static int fails(void)
{
	if (!configured)
		configure();
	calls++;
	if (fail_at > 0 && calls >= fail_at && calls - fail_at < fail_count) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *malloc(size_t n)
{
	return fails() ? NULL : __libc_malloc(n);
}

void *calloc(size_t count, size_t size)
{
	return fails() ? NULL : __libc_calloc(count, size);
}

void *realloc(void *p, size_t n)
{
	return fails() ? NULL : __libc_realloc(p, n);
}

__attribute__((destructor)) static void report(void)
{
	if (getenv("FAIL_REPORT"))
		fprintf(stderr, "allocations: %ld\n", calls);
}
