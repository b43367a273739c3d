/*
 * source.c - see source.h.
 */
#include "base/source.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct source *source_new(const char *display)
{
	struct source *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(display);
	return s;
}

struct source *source_from_mem(const char *display, const char *data,
			       size_t n)
{
	struct source *s = source_new(display);

	s->data = xstrndup(data, n);
	s->len = n;
	return s;
}

/* --- reading ---------------------------------------------------------- */

const char *source_file_type(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISDIR(mode))
		return "a directory";
	return "not a regular file";
}

/*
 * Open `path` without waiting on it (a FIFO with no writer would block
 * open and read forever) and make sure, on the descriptor itself, that it
 * is a regular file: the name may have been swapped for something else
 * since the directory walk saw it.  Returns the descriptor or -1 after an
 * error.
 */
static int open_regular(const char *path, const char *display,
			struct diags *d)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	struct stat st;

	if (fd < 0) {
		diag_add(d, display, LOC_NONE, DIAG_ERROR, "cannot open: %s",
			 strerror(errno));
		return -1;
	}
	if (fstat(fd, &st)) {
		diag_add(d, display, LOC_NONE, DIAG_ERROR, "cannot stat: %s",
			 strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		diag_add(d, display, LOC_NONE, DIAG_ERROR,
			 "%s, not a regular file; not read",
			 source_file_type(st.st_mode));
	} else if ((uintmax_t)st.st_size > SOURCE_MAX_BYTES) {
		diag_add(d, display, LOC_NONE, DIAG_ERROR,
			 "file is larger than %u MiB; not read",
			 SOURCE_MAX_BYTES >> 20);
	} else {
		return fd;
	}
	close(fd);
	return -1;
}

/* Read all of `fd`, at most SOURCE_MAX_BYTES; -1 after an error. */
static int read_all(int fd, const char *display, struct strbuf *sb,
		    struct diags *d)
{
	char chunk[65536];
	ssize_t got;

	sb->max = SOURCE_MAX_BYTES;
	for (;;) {
		got = read(fd, chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			diag_add(d, display, LOC_NONE, DIAG_ERROR,
				 "cannot read: %s", strerror(errno));
			return -1;
		}
		if (got == 0)
			return 0;
		if (sb_add(sb, chunk, (size_t)got)) {
			diag_add(d, display, LOC_NONE, DIAG_ERROR,
				 "file is larger than %u MiB; not read",
				 SOURCE_MAX_BYTES >> 20);
			return -1;
		}
	}
}

struct source *source_read(const char *path, const char *display,
			   int fd_stdin, struct diags *d)
{
	struct strbuf sb = STRBUF_INIT;
	struct source *s;
	int fd = fd_stdin ? 0 : open_regular(path, display, d);
	int rc;

	if (fd < 0)
		return NULL;
	rc = read_all(fd, display, &sb, d);
	if (!fd_stdin)
		close(fd);
	if (rc) {
		sb_free(&sb);
		return NULL;
	}
	s = source_new(display);
	s->len = sb.len;
	s->data = sb_detach(&sb);
	if (source_decode(s, d)) {
		source_free(s);
		return NULL;
	}
	return s;
}

/* --- UTF-16 and UTF-32 ---------------------------------------------------- */

enum utf_form { UTF_8, UTF_16LE, UTF_16BE, UTF_32LE, UTF_32BE };

static enum utf_form bom_form(const unsigned char *p, size_t n)
{
	if (n >= 4 && !memcmp(p, "\0\0\xFE\xFF", 4))
		return UTF_32BE;
	if (n >= 4 && !memcmp(p, "\xFF\xFE\0\0", 4))
		return UTF_32LE;
	if (n >= 2 && !memcmp(p, "\xFE\xFF", 2))
		return UTF_16BE;
	if (n >= 2 && !memcmp(p, "\xFF\xFE", 2))
		return UTF_16LE;
	return UTF_8;
}

static uint32_t unit_at(const unsigned char *p, enum utf_form f)
{
	switch (f) {
	case UTF_16LE:
		return (uint32_t)p[0] | (uint32_t)p[1] << 8;
	case UTF_16BE:
		return (uint32_t)p[1] | (uint32_t)p[0] << 8;
	case UTF_32LE:
		return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	case UTF_32BE:
		return (uint32_t)p[3] | (uint32_t)p[2] << 8 |
		       (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
	case UTF_8:
		break;
	}
	return 0;
}

static void put_utf8(struct strbuf *sb, uint32_t c)
{
	char b[4];

	sb_add(sb, b, utf8_encode(b, c));
}

/*
 * The code point at `*i` (advanced past it), or UINT32_MAX when the text
 * is not valid there: a cut unit, a lone surrogate, past U+10FFFF.
 */
static uint32_t next_code_point(const unsigned char *p, size_t n, size_t *i,
				enum utf_form f)
{
	size_t w = f == UTF_32LE || f == UTF_32BE ? 4 : 2;
	uint32_t c, lo;

	if (n - *i < w)
		return UINT32_MAX;
	c = unit_at(p + *i, f);
	*i += w;
	if (w == 4)
		return c > 0x10FFFF || (c >= 0xD800 && c < 0xE000) ?
		       UINT32_MAX : c;
	if (c < 0xD800 || c >= 0xE000)
		return c;
	if (c >= 0xDC00 || n - *i < 2)
		return UINT32_MAX;
	lo = unit_at(p + *i, f);
	if (lo < 0xDC00 || lo >= 0xE000)
		return UINT32_MAX;
	*i += 2;
	return 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
}

static const char *form_name(enum utf_form f)
{
	static const char *const names[] = {
		"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"
	};

	return names[f];
}

int source_decode(struct source *s, struct diags *d)
{
	const unsigned char *p = (const unsigned char *)s->data;
	enum utf_form f = bom_form(p, s->len);
	struct strbuf sb = STRBUF_INIT;
	size_t i = f == UTF_32LE || f == UTF_32BE ? 4 : 2;

	if (f == UTF_8)
		return 0;
	/* UTF-8 is at most 3 bytes for every 2 of UTF-16. */
	sb.max = SOURCE_MAX_BYTES / 2 * 3 + 3;
	sb_add(&sb, "\xEF\xBB\xBF", 3);	/* columns skip it, readers too */
	while (i < s->len) {
		size_t at = i;
		uint32_t c = next_code_point(p, s->len, &i, f);

		if (c == UINT32_MAX) {
			diag_add(d, s->path, LOC_NONE, DIAG_ERROR,
				 "not valid %s (at byte %zu); not read",
				 form_name(f), at);
			sb_free(&sb);
			return -1;
		}
		put_utf8(&sb, c);
	}
	free(s->data);
	free(s->line_start);
	free(s->cp_before);
	s->line_start = NULL;
	s->cp_before = NULL;
	s->len = sb.len;
	s->data = sb_detach(&sb);
	s->encoding = form_name(f);
	return 0;
}

void source_free(struct source *s)
{
	if (!s)
		return;
	free(s->path);
	free(s->data);
	free(s->line_start);
	free(s->cp_before);
	free(s);
}

/*
 * The index: where each line starts, and every SOURCE_CP_STEP bytes the
 * number of code points (bytes that are no UTF-8 continuation) before
 * that byte.  A column is then a binary search for the line and at most
 * SOURCE_CP_STEP bytes counted, whatever the length of the line: a
 * minified JSON file of one line costs no more than the same text pretty
 * printed.  Built once, in one pass; about 1/16 of the file in memory.
 */
#define SOURCE_CP_STEP 64

/*
 * Code points starting in `n` bytes: every byte but UTF-8 continuation
 * bytes (10xxxxxx), counted eight at a time.  In a word, a byte's top
 * bit and the bit below it shifted up leave 0x80 in each continuation
 * byte; the multiply adds up those eight 0/1 counts in the top byte.
 */
static size_t count_leads(const char *p, size_t n)
{
	const uint64_t top = 0x8080808080808080u;
	size_t i = 0, cont = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, c;

		memcpy(&w, p + i, 8);
		c = (w & ~(w << 1) & top) >> 7;
		cont += (size_t)((c * 0x0101010101010101u) >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)p[i] & 0xC0) == 0x80;
	return n - cont;
}

static void build_index(struct source *s)
{
	size_t cap = 0, from, cps = 0;
	const char *nl, *end = s->data + s->len;

	if (s->line_start)
		return;
	s->line_start = xgrow(NULL, &cap, 1, sizeof(size_t));
	s->line_start[0] = 0;
	s->nlines = 1;
	s->cp_before = xcalloc(s->len / SOURCE_CP_STEP + 1,
			       sizeof(*s->cp_before));
	for (from = 0; from < s->len; from += SOURCE_CP_STEP) {
		size_t n = s->len - from < SOURCE_CP_STEP ?
			   s->len - from : SOURCE_CP_STEP;

		s->cp_before[from / SOURCE_CP_STEP] = cps;
		cps += count_leads(s->data + from, n);
	}
	if (s->len % SOURCE_CP_STEP == 0)
		s->cp_before[s->len / SOURCE_CP_STEP] = cps;
	for (nl = s->len ? memchr(s->data, '\n', s->len) : NULL; nl;
	     nl = memchr(nl + 1, '\n', (size_t)(end - nl - 1))) {
		s->line_start = xgrow(s->line_start, &cap, s->nlines + 1,
				      sizeof(size_t));
		s->line_start[s->nlines++] = (size_t)(nl - s->data) + 1;
	}
}

/* Code points in the bytes before `offset` (offset <= len). */
static size_t cp_count(const struct source *s, size_t offset)
{
	size_t i = offset - offset % SOURCE_CP_STEP;

	return s->cp_before[i / SOURCE_CP_STEP] +
	       count_leads(s->data + i, offset - i);
}

struct loc source_loc(struct source *s, size_t offset)
{
	size_t lo = 0, hi, from;
	struct loc l;

	build_index(s);
	if (offset > s->len)
		offset = s->len;
	hi = s->nlines;
	/* readers ask in file order: most often the line asked last */
	if (s->last_line < s->nlines && s->line_start[s->last_line] <= offset &&
	    (s->last_line + 1 == s->nlines ||
	     s->line_start[s->last_line + 1] > offset)) {
		lo = s->last_line;
		hi = lo + 1;
	}
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (s->line_start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	s->last_line = lo;
	/* A byte order mark at the start of the file is no column. */
	from = s->line_start[lo];
	if (lo == 0 && s->len >= 3 && !memcmp(s->data, "\xEF\xBB\xBF", 3) &&
	    offset >= 3)
		from = 3;
	l.line = (uint32_t)lo + 1;
	/* counted from the line's start when it is near, else by checkpoint */
	l.col = (uint32_t)(offset - from <= SOURCE_CP_STEP ?
			   count_leads(s->data + from, offset - from) :
			   cp_count(s, offset) - cp_count(s, from)) + 1;
	l.end_line = l.line;
	l.end_col = l.col;
	return l;
}

struct loc source_span(struct source *s, size_t start, size_t end)
{
	struct loc a = source_loc(s, start), b = source_loc(s, end);

	a.end_line = b.line;
	a.end_col = b.col;
	return a;
}

const char *source_line(struct source *s, unsigned line, size_t *len)
{
	size_t start, end;

	if (line == 1 && !s->line_start) {
		/* The first line needs no index (a file read from its start). */
		const char *nl = s->len ? memchr(s->data, '\n', s->len) : NULL;

		start = 0;
		end = nl ? (size_t)(nl - s->data) : s->len;
	} else {
		build_index(s);
		if (line == 0 || line > s->nlines)
			return NULL;
		start = s->line_start[line - 1];
		end = line < s->nlines ? s->line_start[line] - 1 : s->len;
	}
	if (end > start && s->data[end - 1] == '\r')
		end--;
	*len = end - start;
	return s->data + start;
}
