/*
 * stack_test.c - the main thread's stack under an address-space limit.
 *
 *   stack_test
 *
 * Each case runs in a child process that sets RLIMIT_AS a little above
 * what it already maps, takes the rest of the address space with
 * PROT_NONE mappings (as a file's work that met the allocator's end
 * would have), and then calls deeper than ever before, as the main
 * thread may when it writes the report.  With stack_reserve() called
 * first the child ends normally; without it the kernel cannot grow the
 * stack and the child dies of SIGSEGV (the case that shows this test
 * can fail).
 *
 * Prints "ok NAME" or "FAIL NAME: why" per case, then
 * "stack: N passed, N failed".  Under AddressSanitizer, which maps
 * terabytes of shadow memory and cannot run under RLIMIT_AS, it prints
 * "stack: skipped (...)".
 */
#include "base/util.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* Deeper than the test process has been, within STACK_RESERVE. */
#define DEPTH_FRAMES 64
#define FRAME_BYTES 4096

static volatile int sink;	/* keeps the deep call from being dropped */

static __attribute__((noinline)) int descend(int n)
{
	volatile char frame[FRAME_BYTES];

	frame[0] = (char)n;
	frame[FRAME_BYTES - 1] = (char)n;
	if (n == 0)
		return frame[0];
	return descend(n - 1) + frame[FRAME_BYTES - 1];
}

/* The address space this process maps now, in bytes (VmSize). */
static size_t mapped_now(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long kb = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmSize: %lu kB", &kb) == 1)
			break;
	fclose(f);
	return (size_t)kb * 1024;
}

/* Take what is left under the limit, largest pieces first. */
static void exhaust(void)
{
	size_t piece;

	for (piece = (size_t)64 << 20; piece >= 4096; piece /= 2)
		while (mmap(NULL, piece, PROT_NONE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED)
			;
}

/* Runs in the child: 0 when it got through the deep call. */
static int child(bool reserve)
{
	struct rlimit as;
	size_t now = mapped_now();

	if (!now)
		return 3;
	as.rlim_cur = as.rlim_max = now + ((size_t)16 << 20);
	if (setrlimit(RLIMIT_AS, &as))
		return 3;
	if (reserve)
		stack_reserve();
	exhaust();
	sink = descend(DEPTH_FRAMES);
	return 0;
}

/* How the child ended: its exit status, or 128 + its signal. */
static int run_child(bool reserve)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(child(reserve));
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int main(void)
{
	unsigned passed = 0, failed = 0;
	int got;

	if (UNDER_ASAN) {
		printf("stack: skipped (AddressSanitizer cannot run under "
		       "ulimit -v)\n");
		return 0;
	}
	got = run_child(true);
	if (got == 0) {
		printf("ok reserved stack survives an exhausted address "
		       "space\n");
		passed++;
	} else {
		printf("FAIL reserved stack: the child ended with %d\n", got);
		failed++;
	}
	got = run_child(false);
	if (got == 128 + SIGSEGV) {
		printf("ok without the reserve the same call is a SIGSEGV\n");
		passed++;
	} else {
		printf("FAIL without the reserve: the child ended with %d, "
		       "not SIGSEGV (the test cannot tell)\n", got);
		failed++;
	}
	printf("stack: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
