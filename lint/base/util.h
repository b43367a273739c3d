/*
 * util.h - memory, growable buffers and arenas.
 *
 * Every allocation in cagelint goes through the x* family: out of memory
 * inside one file's work ends that file's work (an oom_guard, below), and
 * anywhere else prints one line and exits (die_oom); per-file budgets keep
 * input from getting there.  Growable buffers take a maximum size; reaching it is an
 * error the caller reports, never a crash.  Arenas hold everything that
 * lives exactly as long as one input file (its tree and its model
 * objects), are charged to that file's budget, and are freed in one call.
 */
#ifndef CAGELINT_UTIL_H
#define CAGELINT_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The text of a macro's value: STRINGIFY(37) is "37". */
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#define SENTINEL __attribute__((sentinel))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#define SENTINEL
#endif

NORETURN void die(const char *fmt, ...) PRINTF_LIKE(1, 2);
/*
 * Out of memory, from the x* family or from a library's allocator (PCRE2,
 * libyaml): inside a file's work (an oom_guard, below) that file's error;
 * elsewhere one line, then exit status 2 (an input could not be read),
 * without a core dump.  Per-file budgets (struct mem_budget) keep input
 * from getting here; this is for an allocator that fails anyway.
 */
NORETURN void die_oom(size_t n);

/*
 * A place to go back to when the allocator fails: the work of one input
 * file, which owns all it allocates and can be dropped without touching
 * the other files.  While a guard is pushed on a thread, die_oom() on that
 * thread (an x* allocation that fails, or a library's) jumps back to the
 * guard's setjmp() instead of ending the process, and the guard is popped.  The code between push and
 * pop must hold no lock and leave every structure it grows consistent at
 * each allocation (grow, then store), so that what was built so far can
 * be freed the usual way; memory of an object being built when the jump
 * came is lost, which is bounded by that one object.
 *
 *	struct oom_guard g;
 *	if (setjmp(g.jump) == 0) {
 *		oom_guard_push(&g);
 *		work(job);		// job lives in the caller's frame
 *		oom_guard_pop(&g);
 *	} else {
 *		drop(job);		// popped already
 *	}
 *
 * One guard per thread at a time (thread-local, not shared state).
 */
struct oom_guard {
	jmp_buf jump;
	struct oom_guard *prev;
};

void oom_guard_push(struct oom_guard *g);
void oom_guard_pop(struct oom_guard *g);

/*
 * Under an address-space limit (ulimit -v), the kernel grows the main
 * thread's stack only while the limit leaves room: once the files' work
 * has taken the address space, a call deeper than any before is a
 * SIGSEGV that no guard can catch.  Called first thing in main(): when
 * such a limit is set, grow the stack by STACK_RESERVE now and give the
 * pages back (the mapping stays, so later calls fault within it).  The
 * deepest input (READ_MAX_DEPTH nesting) needs under 128 KiB.
 */
#define STACK_RESERVE (512 * 1024)
void stack_reserve(void);

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of `elem` sized items to hold at least `want` items. */
void *xgrow(void *p, size_t *cap, size_t want, size_t elem);
char *xstrdup(const char *s);
/*
 * Free *slot and put `s` (owned, may be NULL) in its place.  The new
 * string is made by the caller's argument before the old one goes, so
 * an allocation that fails (a file's oom_guard) leaves *slot as it was.
 */
void str_replace(char **slot, char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* The strings up to a NULL, one after another: no format to interpret. */
char *xstrcat(const char *s, ...) SENTINEL;
char *xvasprintf(const char *fmt, va_list ap);

/* --- growable string buffer ------------------------------------------- */

/*
 * A NUL-terminated byte buffer.  `max` (0 = no limit, only for text we
 * produce ourselves) caps its length; an append that would pass it fails
 * with -1 and leaves the buffer as it was.
 *
 * With a `sink` (sb_set_sink), the buffer is a window on a stream: once
 * it holds SB_SINK_CHUNK bytes, what it holds is written to the sink and
 * it starts again empty, so a long document is never held whole.  Only
 * for text that is appended and never read back.
 *
 * A spool (sb_set_spool) is bytes put aside to be read back once: they
 * stay in memory while they fit in SB_SINK_CHUNK, and only then is the
 * sink made, an unlinked temporary file the buffer owns.  A run that
 * puts aside little makes no file.
 */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
	size_t max;
	FILE *sink;		/* or NULL */
	bool sink_failed;	/* a write to the sink failed */
	bool spool;		/* the sink is a temporary file, made when needed */
};

#define STRBUF_INIT { NULL, 0, 0, 0, NULL, false, false }
#define SB_SINK_CHUNK (64 * 1024)

int sb_add(struct strbuf *sb, const char *s, size_t n);
int sb_adds(struct strbuf *sb, const char *s);
int sb_addc(struct strbuf *sb, char c);
/* Decimal digits, without a format string to interpret. */
int sb_add_uint(struct strbuf *sb, unsigned long long v);
int sb_add_int(struct strbuf *sb, long long v);
int sb_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Append `s` as the body of a JSON string (no quotes). */
int sb_add_json_escaped(struct strbuf *sb, const char *s, size_t n);
/* Give the buffer's string to the caller (never NULL); the buffer is reset. */
char *sb_detach(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
/* Write through to `sink` from now on (see struct strbuf). */
void sb_set_sink(struct strbuf *sb, FILE *sink);
/* Write what is held to the sink; -1 when this or an earlier write failed. */
int sb_flush(struct strbuf *sb);
/* Make an empty buffer a spool (see struct strbuf). */
void sb_set_spool(struct strbuf *sb);
/*
 * A stream reading a spool from its first byte: its file, rewound, or
 * its memory.  NULL when it holds nothing, and NULL with `*failed` set
 * when what it holds cannot be read.  Give it back with sb_spool_close
 * before the buffer changes.
 */
FILE *sb_spool_open(struct strbuf *sb, bool *failed);
void sb_spool_close(struct strbuf *sb, FILE *in);
/* Frees the buffer, and closes a spool's file. */
void sb_free(struct strbuf *sb);

/* --- arena ------------------------------------------------------------ */

/*
 * A bump allocator: many small allocations, one free.  Memory is zeroed.
 * Used for a file's tree and model objects so that a file's work is released
 * at once when the file is done.
 */
struct arena;

/*
 * What the arenas of one input may take together.  Arenas never fail an
 * allocation (callers build trees and models without checks); they charge
 * their chunks here, and the code that drives the input asks
 * budget_exceeded() at each node or object and stops with an error.  So
 * the overshoot is one allocation, and the budget is reached long before
 * the allocator can fail.
 */
struct mem_budget {
	size_t used;		/* bytes of chunks charged so far */
	size_t limit;		/* 0: no limit */
};

static inline bool budget_exceeded(const struct mem_budget *b)
{
	return b && b->limit && b->used > b->limit;
}

struct arena *arena_new(void);
/*
 * Charge this arena's chunks (from now on) to `b`, which outlives it;
 * freeing them gives their cost back, so `b` counts what is alive.
 */
void arena_set_budget(struct arena *a, struct mem_budget *b);
const struct mem_budget *arena_budget(const struct arena *a);
/* Free everything allocated so far; the arena stays usable. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);
/*
 * Free the chunks the calling thread keeps for its next arenas (a
 * thread calls it before it ends; the main thread before exit, so
 * that leak checkers see nothing held).
 */
void arena_cache_drop(void);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* --- small string helpers --------------------------------------------- */

bool str_has_prefix(const char *s, const char *prefix);
bool str_has_suffix(const char *s, const char *suffix);
bool str_ieq(const char *a, const char *b);
/* Is `s` one of the strings of the NULL-terminated `list`? */
bool str_in_list(const char *const *list, const char *s);
/* `v` as 16 lowercase hex digits, most significant first, and a NUL. */
void str_hex64(char out[17], uint64_t v);
/*
 * In v[lo..hi) of `size`-byte elements sorted by the string at byte
 * `offset` of each, the first whose string is not below `key` (hi: none).
 */
size_t str_lower_bound(const void *v, size_t lo, size_t hi, size_t size,
		       size_t offset, const char *key);
/*
 * The same for elements in the order `cmp` (an element, then `key`)
 * gives: the first that `cmp` does not put below `key` (hi: none).
 */
size_t sorted_lower_bound(const void *v, size_t lo, size_t hi, size_t size,
			  const void *key,
			  int (*cmp)(const void *elem, const void *key));
/* Compare two strings, NULL sorting first. */
int str_cmp_null(const char *a, const char *b);
/* qsort's and bsearch's comparison of two `char *` (or `const char *`). */
int str_ptr_cmp(const void *a, const void *b);
/*
 * A string and a number (its place, or what it names), for a list
 * sorted by both (str_index_cmp) and searched by the string.
 */
struct str_index {
	const char *s;
	size_t i;
};
int str_index_cmp(const void *a, const void *b);
/*
 * The first of the sorted v[0..n) whose string is `s`, or NULL; *count
 * is how many in a row have it.
 */
const struct str_index *str_index_find(const struct str_index *v, size_t n,
				       const char *s, size_t *count);
/* qsort, after one pass that finds `v` already in order and leaves it. */
void sort_unless_ordered(void *v, size_t n, size_t size,
			 int (*cmp)(const void *, const void *));
/* --- UTF-8 ------------------------------------------------------------ */

/* Code point `c` (at most U+10FFFF) as UTF-8 in `out` (room for 4). */
size_t utf8_encode(char *out, uint32_t c);
/*
 * The length of the valid UTF-8 sequence at `s` (`n` bytes there), or 0
 * when there is none: overlong forms, surrogates and code points past
 * U+10FFFF are not valid.
 */
size_t utf8_sequence(const char *s, size_t n);
/*
 * A copy of `s` that is safe to show on a terminal or in a CI log: bytes
 * that are no valid UTF-8 become \xNN, control characters and the ones
 * that reorder or break what is shown (U+202A-U+202E and U+2066-U+2069
 * bidirectional overrides and isolates, U+200E/U+200F/U+061C marks,
 * U+2028/U+2029 separators) become \u{XXXX}.  The result is never longer
 * than 10 times `s`; text with none of these comes back unchanged.
 */
char *str_display(const char *s);
char *str_display_take(char *s);
/* Does `s` show as it is (str_display would copy it unchanged)? */
bool str_shows_as_is(const char *s);

/*
 * Clean a path in place, lexically, as Go's filepath.Clean does and
 * runtimes read a bind mount's source: one slash at a time, "." dropped,
 * ".." taking the name before it away (never above /; kept at the start
 * of a relative path), no trailing slash.  "/a//b/../c/" is "/a/c".
 */
void path_clean(char *p);
/* The last component of `path` (after its last '/'), borrowed from it. */
const char *path_base(const char *path);
/* The folder holding `path`, to free: "a/b" → "a", "/b" → "/", "b" → ".". */
char *path_dir(const char *path);

/* --- did you mean ----------------------------------------------------- */

/* Names longer than this get no suggestion (bounds the work). */
#define STR_SUGGEST_MAX_LEN 64

/*
 * The closest of several candidates to what was written: init with the
 * written name, try each candidate, read `best` (NULL: none was close,
 * that is within a quarter of the name's length plus one edit).
 */
struct str_suggest {
	const char *want;
	const char *best;
	size_t dist;
};

void str_suggest_init(struct str_suggest *s, const char *want);
void str_suggest_try(struct str_suggest *s, const char *candidate);

#endif
