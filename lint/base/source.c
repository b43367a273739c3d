/*
 * source.c - see source.h.
 */
#include "base/source.h"

#include <errno.h>
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

struct source *source_read(const char *path, const char *display,
			   int fd_stdin, struct diags *d)
{
	struct strbuf sb = STRBUF_INIT;
	struct source *s;
	char chunk[65536];
	int fd = fd_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	ssize_t got;

	if (fd < 0) {
		diag_add(d, display, LOC_NONE, DIAG_ERROR, "cannot open: %s",
			 strerror(errno));
		return NULL;
	}
	sb.max = SOURCE_MAX_BYTES;
	for (;;) {
		got = read(fd, chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			diag_add(d, display, LOC_NONE, DIAG_ERROR,
				 "cannot read: %s", strerror(errno));
			goto fail;
		}
		if (got == 0)
			break;
		if (sb_add(&sb, chunk, (size_t)got)) {
			diag_add(d, display, LOC_NONE, DIAG_ERROR,
				 "file is larger than %u MiB; not read",
				 SOURCE_MAX_BYTES >> 20);
			goto fail;
		}
	}
	if (!fd_stdin)
		close(fd);
	s = source_new(display);
	s->len = sb.len;
	s->data = sb_detach(&sb);
	return s;
fail:
	if (!fd_stdin)
		close(fd);
	sb_free(&sb);
	return NULL;
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

static bool is_lead(char c)
{
	return ((unsigned char)c & 0xC0) != 0x80;
}

static void build_index(struct source *s)
{
	size_t cap = 0, i, cps = 0;

	if (s->line_start)
		return;
	s->line_start = xgrow(NULL, &cap, 1, sizeof(size_t));
	s->line_start[0] = 0;
	s->nlines = 1;
	s->cp_before = xcalloc(s->len / SOURCE_CP_STEP + 1,
			       sizeof(*s->cp_before));
	for (i = 0; i < s->len; i++) {
		if (i % SOURCE_CP_STEP == 0)
			s->cp_before[i / SOURCE_CP_STEP] = cps;
		cps += is_lead(s->data[i]);
		if (s->data[i] != '\n')
			continue;
		s->line_start = xgrow(s->line_start, &cap, s->nlines + 1,
				      sizeof(size_t));
		s->line_start[s->nlines++] = i + 1;
	}
	if (s->len % SOURCE_CP_STEP == 0)
		s->cp_before[s->len / SOURCE_CP_STEP] = cps;
}

/* Code points in the bytes before `offset` (offset <= len). */
static size_t cp_count(const struct source *s, size_t offset)
{
	size_t i = offset - offset % SOURCE_CP_STEP;
	size_t n = s->cp_before[i / SOURCE_CP_STEP];

	for (; i < offset; i++)
		n += is_lead(s->data[i]);
	return n;
}

struct loc source_loc(struct source *s, size_t offset)
{
	size_t lo = 0, hi, from;
	struct loc l;

	build_index(s);
	if (offset > s->len)
		offset = s->len;
	hi = s->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (s->line_start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	/* A byte order mark at the start of the file is no column. */
	from = s->line_start[lo];
	if (lo == 0 && s->len >= 3 && !memcmp(s->data, "\xEF\xBB\xBF", 3) &&
	    offset >= 3)
		from = 3;
	l.line = (uint32_t)lo + 1;
	l.col = (uint32_t)(cp_count(s, offset) - cp_count(s, from) + 1);
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

	build_index(s);
	if (line == 0 || line > s->nlines)
		return NULL;
	start = s->line_start[line - 1];
	end = line < s->nlines ? s->line_start[line] - 1 : s->len;
	if (end > start && s->data[end - 1] == '\r')
		end--;
	*len = end - start;
	return s->data + start;
}
