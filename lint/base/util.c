/*
 * util.c - see util.h.  Nothing here knows about containers or inputs.
 */
#include "base/util.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("cagelint: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* The innermost guard of this thread (see util.h), or NULL. */
static _Thread_local struct oom_guard *oom_guard_top;

void oom_guard_push(struct oom_guard *g)
{
	g->prev = oom_guard_top;
	oom_guard_top = g;
}

void oom_guard_pop(struct oom_guard *g)
{
	oom_guard_top = g->prev;
}

/* Touch each page of a STACK_RESERVE frame, then drop what was touched. */
static __attribute__((noinline)) void stack_touch(void)
{
	volatile char frame[STACK_RESERVE];
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t lo, hi;
	size_t i;

	if (page <= 0)
		page = 4096;
	/* from the top down, a page at a time: the stack grows that way */
	for (i = sizeof(frame); i >= (size_t)page; i -= (size_t)page)
		frame[i - 1] = 0;
	frame[0] = 0;
	lo = ((uintptr_t)frame + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
	hi = ((uintptr_t)frame + sizeof(frame)) & ~((uintptr_t)page - 1);
	if (hi > lo)
		madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

void stack_reserve(void)
{
	struct rlimit as, st;

	if (getrlimit(RLIMIT_AS, &as) || as.rlim_cur == RLIM_INFINITY)
		return;
	/* a stack limit below the reserve: touching it would be the fault */
	if (getrlimit(RLIMIT_STACK, &st) ||
	    (st.rlim_cur != RLIM_INFINITY && st.rlim_cur < 2 * STACK_RESERVE))
		return;
	stack_touch();
}

void die_oom(size_t n)
{
	static const char msg[] = "cagelint: fatal: out of memory\n";
	struct oom_guard *g = oom_guard_top;
	ssize_t w;

	(void)n;
	if (g) {
		oom_guard_pop(g);
		longjmp(g->jump, 1);
	}
	/* Nothing that allocates: no stdio, no exit handlers. */
	w = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)w;
	_exit(2);
}

static void *check(void *p, size_t n)
{
	if (!p && n)
		die_oom(n);
	return p;
}

void *xmalloc(size_t n)
{
	return check(malloc(n ? n : 1), n);
}

void *xcalloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		die("allocation size overflow");
	return check(calloc(count ? count : 1, size ? size : 1), count * size);
}

void *xrealloc(void *p, size_t n)
{
	return check(realloc(p, n ? n : 1), n);
}

void *xgrow(void *p, size_t *cap, size_t want, size_t elem)
{
	size_t n = *cap ? *cap : 8;

	if (want <= *cap)
		return p;
	while (n < want) {
		if (n > SIZE_MAX / 2 / elem)
			die("allocation size overflow");
		n *= 2;
	}
	/* the new size is recorded only once it is had (an oom_guard) */
	p = xrealloc(p, n * elem);
	*cap = n;
	return p;
}

void str_replace(char **slot, char *s)
{
	free(*slot);
	*slot = s;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Formatted once into `small` when it fits (most do), else twice. */
char *xvasprintf(const char *fmt, va_list ap)
{
	char small[256];
	va_list cp;
	int n;
	char *s;

	va_copy(cp, ap);
	n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0)
		die("bad format string");
	s = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(small))
		memcpy(s, small, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *xstrcat(const char *s, ...)
{
	va_list ap;
	const char *p;
	size_t n = 0;
	char *out, *at;

	va_start(ap, s);
	for (p = s; p; p = va_arg(ap, const char *))
		n += strlen(p);
	va_end(ap);
	at = out = xmalloc(n + 1);
	va_start(ap, s);
	for (p = s; p; p = va_arg(ap, const char *)) {
		size_t k = strlen(p);

		memcpy(at, p, k);
		at += k;
	}
	va_end(ap);
	*at = '\0';
	return out;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/* --- strbuf ------------------------------------------------------------ */

void sb_set_sink(struct strbuf *sb, FILE *sink)
{
	sb->sink = sink;
}

/*
 * Past what it may hold in memory (a chunk, its NUL included): a window
 * writes, a spool makes its file.
 */
static bool sb_spills(const struct strbuf *sb, size_t len)
{
	return len >= SB_SINK_CHUNK && (sb->sink || sb->spool);
}

int sb_flush(struct strbuf *sb)
{
	if (sb->spool && !sb->sink && sb->len) {
		sb->sink = tmpfile();
		sb->spool = sb->sink != NULL;	/* else it stays in memory */
	}
	if (sb->sink && sb->len) {
		if (fwrite(sb->buf, 1, sb->len, sb->sink) != sb->len)
			sb->sink_failed = true;
		sb->len = 0;
		sb->buf[0] = '\0';
	}
	return sb->sink_failed ? -1 : 0;
}

int sb_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb_spills(sb, sb->len + n))
		sb_flush(sb);
	if (sb->max && sb->len + n > sb->max)
		return -1;
	sb->buf = xgrow(sb->buf, &sb->cap, sb->len + n + 1, 1);
	if (n)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int sb_adds(struct strbuf *sb, const char *s)
{
	return sb_add(sb, s, strlen(s));
}

int sb_addc(struct strbuf *sb, char c)
{
	/* The common case, a byte that fits, without sb_add's checks. */
	if (sb->len + 1 < sb->cap && (!sb->max || sb->len < sb->max) &&
	    !sb_spills(sb, sb->len + 1)) {
		sb->buf[sb->len++] = c;
		sb->buf[sb->len] = '\0';
		return 0;
	}
	return sb_add(sb, &c, 1);
}

/* Decimal digits of v, without a format string to interpret. */
int sb_add_uint(struct strbuf *sb, unsigned long long v)
{
	char buf[24], *p = buf + sizeof(buf);	/* 2^64 has 20 */

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return sb_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

int sb_add_int(struct strbuf *sb, long long v)
{
	if (v < 0 && sb_addc(sb, '-'))
		return -1;
	return sb_add_uint(sb, v < 0 ? 0 - (unsigned long long)v :
				     (unsigned long long)v);
}

void str_hex64(char out[17], uint64_t v)
{
	int i;

	for (i = 15; i >= 0; i--, v >>= 4)
		out[i] = "0123456789abcdef"[v & 0xf];
	out[16] = '\0';
}

/*
 * Formatted straight into the buffer's spare room; only when it does not
 * fit is the buffer grown and the text formatted again.
 */
int sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	if (sb_spills(sb, 2 * sb->len))
		sb_flush(sb);
	room = sb->buf ? sb->cap - sb->len : 0;
	va_start(ap, fmt);
	n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("cannot format \"%s\"", fmt);
	if (sb->max && sb->len + (size_t)n > sb->max) {
		if (room)
			sb->buf[sb->len] = '\0';
		return -1;
	}
	if ((size_t)n >= room) {
		sb->buf = xgrow(sb->buf, &sb->cap, sb->len + (size_t)n + 1, 1);
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
	return 0;
}

int sb_add_json_escaped(struct strbuf *sb, const char *s, size_t n)
{
	size_t i, start = 0;
	char esc[8];

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;

		switch (c) {
		case '"': rep = "\\\""; break;
		case '\\': rep = "\\\\"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\t': rep = "\\t"; break;
		case '\b': rep = "\\b"; break;
		case '\f': rep = "\\f"; break;
		default:
			if (c < 0x20 || c == 0x7f) {
				snprintf(esc, sizeof(esc), "\\u%04x", c);
				rep = esc;
			}
		}
		if (!rep)
			continue;
		if (sb_add(sb, s + start, i - start) || sb_adds(sb, rep))
			return -1;
		start = i + 1;
	}
	return sb_add(sb, s + start, n - start);
}

char *sb_detach(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_set_spool(struct strbuf *sb)
{
	sb->spool = true;
}

FILE *sb_spool_open(struct strbuf *sb, bool *failed)
{
	FILE *in;

	if (sb->sink) {
		if (sb_flush(sb) || fflush(sb->sink) ||
		    fseek(sb->sink, 0, SEEK_SET)) {
			*failed = true;
			return NULL;
		}
		return sb->sink;
	}
	if (!sb->len)
		return NULL;
	in = fmemopen(sb->buf, sb->len, "r");
	if (!in)
		*failed = true;
	return in;
}

void sb_spool_close(struct strbuf *sb, FILE *in)
{
	if (in && in != sb->sink)
		fclose(in);
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	if (sb->spool && sb->sink)
		fclose(sb->sink);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	if (sb->spool)
		sb->sink = NULL;
}

/* --- arena ------------------------------------------------------------- */

/*
 * Chunks start small and double up to ARENA_CHUNK, so that an arena that
 * holds little (a model kept for the cross-file step: a few objects)
 * takes little, and one that holds much takes few chunks.
 */
#define ARENA_FIRST_CHUNK 1024
#define ARENA_CHUNK (64 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct arena_chunk *head;
	struct mem_budget *budget;	/* charged for each chunk, or NULL */
	size_t charged;			/* what its live chunks cost `budget` */
};

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

/*
 * A few freed chunks of each size are kept for the next arena of the
 * same thread: one per file, arenas come and go thousands of times a
 * run, and the allocator's work for a chunk costs hundreds of
 * instructions each way.  Per thread, so no lock; at most
 * CHUNK_CACHE_DEPTH of each size (1 KiB to 64 KiB: 254 KiB a thread).
 */
#define CHUNK_CACHE_DEPTH 2
#define CHUNK_CLASSES 7		/* ARENA_FIRST_CHUNK << 0 .. << 6 */

static _Thread_local struct arena_chunk *chunk_cache[CHUNK_CLASSES]
						   [CHUNK_CACHE_DEPTH];

/* The cache row for chunks of `size`, or -1 for other sizes. */
static int chunk_class(size_t size)
{
	int k;

	for (k = 0; k < CHUNK_CLASSES; k++)
		if (size == (size_t)ARENA_FIRST_CHUNK << k)
			return k;
	return -1;
}

static void chunk_release(struct arena_chunk *c)
{
	int k = chunk_class(c->size), i;

	for (i = 0; k >= 0 && i < CHUNK_CACHE_DEPTH; i++) {
		if (!chunk_cache[k][i]) {
			chunk_cache[k][i] = c;
			return;
		}
	}
	free(c);
}

void arena_cache_drop(void)
{
	int k, i;

	for (k = 0; k < CHUNK_CLASSES; k++)
		for (i = 0; i < CHUNK_CACHE_DEPTH; i++) {
			free(chunk_cache[k][i]);
			chunk_cache[k][i] = NULL;
		}
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c; c = next) {
		next = c->next;
		chunk_release(c);
	}
	if (a->budget)
		a->budget->used -= a->charged;
	a->head = NULL;
	a->charged = 0;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	arena_reset(a);
	free(a);
}

static struct arena_chunk *chunk_new(struct arena *a, size_t size)
{
	int k = chunk_class(size), i;
	struct arena_chunk *c = NULL;

	for (i = CHUNK_CACHE_DEPTH - 1; k >= 0 && i >= 0 && !c; i--) {
		c = chunk_cache[k][i];
		chunk_cache[k][i] = NULL;
	}
	if (!c)
		c = xmalloc(sizeof(*c) + size);

	if (a->budget) {
		a->budget->used += sizeof(*c) + size;
		a->charged += sizeof(*c) + size;
	}
	c->size = size;
	c->used = 0;
	return c;
}

/*
 * The head chunk is the one being filled.  A request larger than a
 * quarter of the next chunk's size (an object's slot array) gets a chunk
 * of its own, put behind the head: the head keeps its room for the small
 * ones that follow, and the next size still doubles from the head's, so
 * an arena of a few large objects (a kept model) does not grow a chunk
 * twice its largest request for each of them.  `align` is 1 for string
 * bytes, which need no alignment, else sizeof(max_align_t).
 */
static void *arena_take(struct arena *a, size_t n, size_t align)
{
	struct arena_chunk *c = a->head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;

	if (!c || at > c->size || c->size - at < n) {
		size_t size = !c ? ARENA_FIRST_CHUNK : c->size < ARENA_CHUNK ?
			      2 * c->size : ARENA_CHUNK;

		if (c && n > size / 4) {
			struct arena_chunk *own = chunk_new(a, n);

			own->next = c->next;
			c->next = own;
			own->used = n;
			return own->data;
		}
		c = chunk_new(a, size < n ? n : size);
		c->next = a->head;
		a->head = c;
		at = 0;
	}
	c->used = at + n;
	return (char *)c->data + at;
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = arena_take(a, n, sizeof(max_align_t));

	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_take(a, n + 1, 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *tmp, *s;

	va_start(ap, fmt);
	tmp = xvasprintf(fmt, ap);
	va_end(ap);
	s = arena_strdup(a, tmp);
	free(tmp);
	return s;
}

void arena_set_budget(struct arena *a, struct mem_budget *b)
{
	a->budget = b;
	a->charged = 0;	/* chunks from before were charged to no one */
}

const struct mem_budget *arena_budget(const struct arena *a)
{
	return a->budget;
}

/* --- strings ----------------------------------------------------------- */

bool str_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

bool str_ieq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

bool str_in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

/* What str_lower_bound looks for, and where an element holds its string. */
struct str_at {
	size_t offset;
	const char *key;
};

static int str_at_cmp(const void *elem, const void *key)
{
	const struct str_at *k = key;
	const char *s;

	memcpy(&s, (const char *)elem + k->offset, sizeof(s));
	return strcmp(s, k->key);
}

size_t str_lower_bound(const void *v, size_t lo, size_t hi, size_t size,
		       size_t offset, const char *key)
{
	struct str_at k = { offset, key };

	return sorted_lower_bound(v, lo, hi, size, &k, str_at_cmp);
}

size_t sorted_lower_bound(const void *v, size_t lo, size_t hi, size_t size,
			  const void *key,
			  int (*cmp)(const void *elem, const void *key))
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp((const char *)v + mid * size, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void sort_unless_ordered(void *v, size_t n, size_t size,
			 int (*cmp)(const void *, const void *))
{
	const char *p = v;
	size_t i;

	for (i = 1; i < n; i++) {
		if (cmp(p + (i - 1) * size, p + i * size) > 0) {
			qsort(v, n, size, cmp);
			return;
		}
	}
}

int str_index_cmp(const void *pa, const void *pb)
{
	const struct str_index *a = pa, *b = pb;
	int c = strcmp(a->s, b->s);

	if (c)
		return c;
	return a->i < b->i ? -1 : a->i > b->i;
}

const struct str_index *str_index_find(const struct str_index *v, size_t n,
				       const char *s, size_t *count)
{
	size_t lo, end;

	*count = 0;
	if (!s)
		return NULL;
	lo = str_lower_bound(v, 0, n, sizeof(*v),
			     offsetof(struct str_index, s), s);
	for (end = lo; end < n && !strcmp(v[end].s, s); end++)
		;
	*count = end - lo;
	return *count ? &v[lo] : NULL;
}

int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int str_cmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

void path_clean(char *p)
{
	bool abs = *p == '/';
	char *base = p + abs;	/* ".." never takes away what is before */
	char *out = base;	/* end of the cleaned part; never past seg */
	const char *seg = p;

	if (!*p)
		return;
	while (*seg) {
		const char *end;
		char *last;
		size_t len;

		while (*seg == '/')
			seg++;
		for (end = seg; *end && *end != '/'; end++)
			;
		len = (size_t)(end - seg);
		if (!len || (len == 1 && seg[0] == '.')) {
			seg = end;
			continue;
		}
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			for (last = out; last > base && last[-1] != '/'; last--)
				;
			if (out > base && !(out - last == 2 &&
					     !strncmp(last, "..", 2))) {
				out = last > base ? last - 1 : base;
				seg = end;
				continue;
			}
			if (abs) {
				seg = end;
				continue;
			}
		}
		if (out > base)
			*out++ = '/';
		memmove(out, seg, len);
		out += len;
		seg = end;
	}
	if (out == p)
		*out++ = '.';
	*out = '\0';
}

/* --- UTF-8 --------------------------------------------------------------- */

size_t utf8_encode(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3F));
	out[2] = (char)(0x80 | (c >> 6 & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* The code point of a valid sequence of `len` bytes at `s`. */
static uint32_t utf8_decode(const unsigned char *s, size_t len)
{
	static const unsigned char lead_mask[] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
	uint32_t c = s[0] & lead_mask[len];
	size_t i;

	for (i = 1; i < len; i++)
		c = c << 6 | (s[i] & 0x3F);
	return c;
}

size_t utf8_sequence(const char *str, size_t n)
{
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	const unsigned char *s = (const unsigned char *)str;
	size_t len, i;
	uint32_t c;

	if (!n)
		return 0;
	if (s[0] < 0x80)
		return 1;
	len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (!len || s[0] > 0xF4 || n < len)
		return 0;
	for (i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	c = utf8_decode(s, len);
	if (c < least[len] || c > 0x10FFFF || (c >= 0xD800 && c < 0xE000))
		return 0;
	return len;
}

/* Does code point `c` reorder, hide or break the text it is shown in? */
static bool unsafe_to_show(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x061C ||
	       c == 0x200E || c == 0x200F || (c >= 0x2028 && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* How many bytes from the start of `str` show as they are. */
static size_t shown_as_is(const char *str, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char ch = (unsigned char)str[i];
		size_t len;

		if (ch >= 0x20 && ch < 0x7F) {
			i++;
			continue;
		}
		len = utf8_sequence(str + i, n - i);
		if (!len || unsafe_to_show(utf8_decode(
				(const unsigned char *)str + i, len)))
			break;
		i += len;
	}
	return i;
}

bool str_shows_as_is(const char *s)
{
	size_t n = strlen(s);

	return shown_as_is(s, n) == n;
}

/*
 * Most strings show as they are: they are copied at their own size (a
 * run keeps one for every finding's message).
 */
char *str_display(const char *str)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(str), i = shown_as_is(str, n);
	char *s;

	if (i == n)
		return xstrndup(str, n);
	sb_add(&sb, str, i);
	while (i < n) {
		size_t len = utf8_sequence(str + i, n - i);
		uint32_t c;

		if (!len) {
			sb_addf(&sb, "\\x%02X", (unsigned char)str[i]);
			i++;
			continue;
		}
		c = utf8_decode((const unsigned char *)str + i, len);
		if (unsafe_to_show(c))
			sb_addf(&sb, "\\u{%04X}", (unsigned)c);
		else
			sb_add(&sb, str + i, len);
		i += len;
	}
	s = xstrndup(sb.buf, sb.len);
	sb_free(&sb);
	return s;
}

/* str_display for a string the caller owns: `s` itself when it shows as is. */
char *str_display_take(char *s)
{
	char *d;

	if (str_shows_as_is(s))
		return s;
	d = str_display(s);
	free(s);
	return d;
}

/* --- did you mean ----------------------------------------------------- */

/* Levenshtein distance; SIZE_MAX when either name is too long to try. */
static size_t str_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), i, j;
	size_t row[STR_SUGGEST_MAX_LEN + 1];

	if (n > STR_SUGGEST_MAX_LEN || m > STR_SUGGEST_MAX_LEN)
		return SIZE_MAX;
	for (j = 0; j <= m; j++)
		row[j] = j;
	for (i = 1; i <= n; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[m];
}

void str_suggest_init(struct str_suggest *s, const char *want)
{
	s->want = want;
	s->best = NULL;
	s->dist = 0;
}

void str_suggest_try(struct str_suggest *s, const char *candidate)
{
	size_t d = str_edit_distance(s->want, candidate);

	if (d == SIZE_MAX || d > strlen(s->want) / 4 + 1)
		return;
	if (!s->best || d < s->dist) {
		s->best = candidate;
		s->dist = d;
	}
}

const char *path_base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char *path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}
