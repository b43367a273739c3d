/*
 * report.c - choosing a format, writing it out, and what formats share.
 *
 * A report is written in parts (report_begin, report_file per path,
 * report_end) through a buffer that goes to stdio 64 KiB at a time, so a
 * failed write is reported once, at the end; report_write() feeds those
 * parts from findings and diagnostics held whole.
 * The shared parts (reading order, counts, UTF-8, the JSON writer) are
 * declared in report_int.h.  Nothing here renders a finding itself.
 */
#include "report/report.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

/* ====================================================================== */
/* Formats                                                                */
/* ====================================================================== */

static const struct report_format *const format_table[] = {
#define REPORT_FORMAT(id) &report_format_##id,
#include "report/formats.h"
#undef REPORT_FORMAT
};

const struct report_format *const *report_formats(size_t *n)
{
	*n = ARRAY_SIZE(format_table);
	return format_table;
}

const struct report_format *report_format_find(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(format_table); i++)
		if (strcmp(name, format_table[i]->name) == 0)
			return format_table[i];
	return NULL;
}

/* A report being written: the format's state and the document. */
struct report_stream {
	const struct report_format *fmt;
	const struct report *run;	/* borrowed */
	struct report part;		/* run's settings, one path's items */
	struct report_totals totals;
	struct strbuf doc;		/* a window on `out` */
	FILE *out;
	void *state;
};

struct report_stream *report_begin(FILE *out, const struct report_format *fmt,
				   const struct report *run)
{
	static const struct ruleset no_rules;
	struct report_stream *s;

	if (!fmt) {
		errno = EINVAL;
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->fmt = fmt;
	s->run = run;
	s->out = out;
	s->part = *run;
	if (!s->part.rules)
		s->part.rules = &no_rules;
	/* Written as it is made, a window of SB_SINK_CHUNK bytes at a time. */
	sb_set_sink(&s->doc, out);
	s->state = fmt->begin(&s->doc, &s->part);
	return s;
}

void report_file(struct report_stream *s, const struct findings *fs,
		 const struct diags *ds)
{
	static const struct findings no_findings;
	static const struct diags no_diags;

	if (!s)
		return;
	s->part.findings = fs ? fs : &no_findings;
	s->part.diags = ds ? ds : &no_diags;
	report_totals_add(&s->part, &s->totals);
	s->fmt->file(s->state, &s->doc, &s->part);
	s->part.findings = NULL;
	s->part.diags = NULL;
}

int report_end(struct report_stream *s)
{
	int rc = 0;

	if (!s)
		return -1;
	s->part.files_scanned = s->run->files_scanned;
	s->part.filter = s->run->filter;
	if (s->fmt->end(s->state, &s->doc, &s->part, &s->totals))
		rc = -1;
	if (sb_flush(&s->doc) || fflush(s->out) != 0 || ferror(s->out))
		rc = -1;
	sb_free(&s->doc);
	free(s);
	return rc;
}

/* The items of `fs` from `*i` on that are about `path`, as a slice. */
static struct findings findings_of_path(const struct findings *fs,
					size_t *i, const char *path)
{
	struct findings sl = { 0 };

	sl.v = fs->v ? fs->v + *i : NULL;
	while (*i < fs->n && !strcmp(fs->v[*i].path, path)) {
		(*i)++;
		sl.n++;
	}
	return sl;
}

static struct diags diags_of_path(const struct diags *ds, size_t *i,
				  const char *path)
{
	struct diags sl = { 0 };

	sl.v = ds->v ? ds->v + *i : NULL;
	while (*i < ds->n && !strcmp(ds->v[*i].path, path)) {
		if (ds->v[*i].level == DIAG_ERROR)
			sl.nerrors++;
		(*i)++;
		sl.n++;
	}
	return sl;
}

/*
 * Render `r` as `fmt` and write it to `out`, flushing it: the findings
 * and diagnostics held whole, handed on one path at a time.  NULL rules,
 * findings or diags in `r` read as empty.  Returns 0, or -1 with errno set
 * when writing failed (EINVAL for no format).  Does not close
 * `out` and never writes anything but the document.
 */
int report_write(FILE *out, const struct report_format *fmt,
		 const struct report *r)
{
	static const struct findings no_findings;
	static const struct diags no_diags;
	const struct findings *fs = r->findings ? r->findings : &no_findings;
	const struct diags *ds = r->diags ? r->diags : &no_diags;
	struct report_stream *s = report_begin(out, fmt, r);
	size_t fi = 0, di = 0;

	if (!s)
		return -1;
	while (fi < fs->n || di < ds->n) {
		const char *fp = fi < fs->n ? fs->v[fi].path : NULL;
		const char *dp = di < ds->n ? ds->v[di].path : NULL;
		const char *path = !dp || (fp && strcmp(fp, dp) <= 0) ? fp : dp;
		struct findings fsl = findings_of_path(fs, &fi, path);
		struct diags dsl = diags_of_path(ds, &di, path);

		report_file(s, &fsl, &dsl);
	}
	return report_end(s);
}

/* ====================================================================== */
/* Reading order                                                          */
/* ====================================================================== */

bool report_finding_shown(const struct finding *f)
{
	return !f->mark.hidden;
}

bool report_finding_new(const struct finding *f)
{
	return f->mark.state == FINDING_NEW;
}

bool report_diag_shown(const struct report *r, const struct diag *d)
{
	return d->level != DIAG_NOTE || r->verbose;
}

void report_iter_init(struct report_iter *it, const struct report *r)
{
	it->r = r;
	it->fi = 0;
	it->di = 0;
}

/* Skip diagnostics that are not shown; the next one or NULL. */
static const struct diag *iter_peek_diag(struct report_iter *it)
{
	const struct diags *ds = it->r->diags;

	while (it->di < ds->n && !report_diag_shown(it->r, &ds->v[it->di]))
		it->di++;
	return it->di < ds->n ? &ds->v[it->di] : NULL;
}

/* Does diagnostic `d` come before (or at the place of) finding `f`? */
static bool diag_goes_first(const struct diag *d, const struct finding *f)
{
	int c = strcmp(d->path, f->path);

	if (c)
		return c < 0;
	return loc_cmp(d->loc, f->loc) <= 0;
}

/* Skip findings the filter hid; the next one or NULL. */
static const struct finding *iter_peek_finding(struct report_iter *it)
{
	const struct findings *fs = it->r->findings;

	while (it->fi < fs->n && !report_finding_shown(&fs->v[it->fi]))
		it->fi++;
	return it->fi < fs->n ? &fs->v[it->fi] : NULL;
}

bool report_iter_next(struct report_iter *it, struct report_item *item)
{
	const struct finding *f = iter_peek_finding(it);
	const struct diag *d = iter_peek_diag(it);

	item->f = NULL;
	item->d = NULL;
	if (d && (!f || diag_goes_first(d, f))) {
		item->d = d;
		it->di++;
		return true;
	}
	if (f) {
		item->f = f;
		it->fi++;
		return true;
	}
	return false;
}

/* ====================================================================== */
/* Counts                                                                 */
/* ====================================================================== */

/* One path's part (every item of it has one path): one file with errors. */
void report_totals_add(const struct report *part, struct report_totals *t)
{
	size_t i, errors = 0;

	for (i = 0; i < part->findings->n; i++) {
		enum severity s = part->findings->v[i].rule->severity;

		if (!report_finding_shown(&part->findings->v[i]))
			continue;
		t->findings++;
		if ((size_t)s < ARRAY_SIZE(t->by_severity))
			t->by_severity[s]++;
	}
	for (i = 0; i < part->diags->n; i++) {
		const struct diag *d = &part->diags->v[i];

		t->diags_shown += report_diag_shown(part, d);
		errors += d->level == DIAG_ERROR;
	}
	t->errors += errors;
	if (errors && part->diags->v[0].path[0])
		t->files_with_errors++;
	else
		t->errors_without_path += errors;
}

/* ====================================================================== */
/* Spill files                                                            */
/* ====================================================================== */

void report_spill_open(struct strbuf *sb)
{
	memset(sb, 0, sizeof(*sb));
	sb_set_spool(sb);
}

/* Where report_spill_copy is in the spill: copying, or in a mark. */
struct spill_copy {
	struct strbuf *out;
	void (*mark)(void *ctx, struct strbuf *out, unsigned long n);
	void *ctx;
	bool in_mark;
	unsigned long n;
};

/* Copy `n` bytes of spilled text, putting each mark through `c->mark`. */
static void spill_copy_chunk(struct spill_copy *c, const char *p, size_t n)
{
	const char *end = p + n;

	while (p < end) {
		const char *m;

		if (c->in_mark) {
			if (*p == '\x02') {
				c->mark(c->ctx, c->out, c->n);
				c->in_mark = false;
			} else {
				c->n = c->n * 10 + (unsigned long)(*p - '0');
			}
			p++;
			continue;
		}
		m = c->mark ? memchr(p, '\x01', (size_t)(end - p)) : NULL;
		sb_add(c->out, p, (size_t)((m ? m : end) - p));
		if (!m)
			break;
		c->in_mark = true;
		c->n = 0;
		p = m + 1;
	}
}

int report_spill_copy(struct strbuf *out, struct strbuf *spill,
		      void (*mark)(void *ctx, struct strbuf *out,
				   unsigned long n),
		      void *ctx)
{
	struct spill_copy c = { out, mark, ctx, false, 0 };
	FILE *f = spill->sink;
	char buf[SB_SINK_CHUNK];
	size_t got;
	int rc = 0;

	if (!f) {
		spill_copy_chunk(&c, spill->buf ? spill->buf : "", spill->len);
		sb_free(spill);
		return 0;
	}
	if (sb_flush(spill) || fflush(f) || fseek(f, 0, SEEK_SET))
		rc = -1;
	while (!rc && (got = fread(buf, 1, sizeof(buf), f)) > 0)
		spill_copy_chunk(&c, buf, got);
	if (ferror(f))
		rc = -1;
	fclose(f);
	spill->sink = NULL;
	sb_free(spill);
	return rc;
}

/* A location's end is known and not before its start. */
bool report_loc_has_end(struct loc l)
{
	if (!l.line || !l.end_line || !l.end_col)
		return false;
	return l.end_line > l.line ||
	       (l.end_line == l.line && l.end_col > l.col);
}

/* ====================================================================== */
/* UTF-8                                                                  */
/* ====================================================================== */

/* Is `c` a continuation byte in [lo, hi] (lo and hi within 0x80..0xbf)? */
static bool utf8_cont_in(unsigned char c, unsigned char lo, unsigned char hi)
{
	return c >= lo && c <= hi;
}

size_t utf8_seq_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (!n)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0;
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (n < len || !utf8_cont_in(p[1], lo, hi))
		return 0;
	for (i = 2; i < len; i++) {
		if (!utf8_cont_in(p[i], 0x80, 0xbf))
			return 0;
	}
	return len;
}

size_t utf8_prefix_len(const char *s, size_t max_chars)
{
	size_t n = strlen(s), off = 0, chars = 0;

	while (off < n && chars < max_chars) {
		size_t len = utf8_seq_len(s + off, n - off);

		off += len ? len : 1;
		chars++;
	}
	return off;
}

/* Is the UTF-8 sequence at `s` of `len` bytes a C1 control (U+0080-9F)? */
static bool is_c1_control(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	return len == 2 && p[0] == 0xc2 && p[1] < 0xa0;
}

/* Is the byte `c` a C0 control or DEL that must be written escaped? */
static bool is_c0_escaped(unsigned char c, bool keep_lines)
{
	if (c == '\t' || (keep_lines && (c == '\n' || c == '\r')))
		return false;
	return c < 0x20 || c == 0x7f;
}

/*
 * How the character at `s` (`len` bytes, 0 when it is not UTF-8) is
 * written: its escape in `esc` and the escape's length, or 0 when it is
 * written as it is.
 */
static size_t printable_escape(const char *s, size_t len, bool keep_lines,
			       char esc[8])
{
	unsigned char c = (unsigned char)s[0];

	if ((c == '\n' || c == '\r') && !keep_lines) {
		esc[0] = '\\';
		esc[1] = c == '\n' ? 'n' : 'r';
		return 2;
	}
	if (is_c0_escaped(c, keep_lines))
		return (size_t)snprintf(esc, 8, "\\x%02x", c);
	if (is_c1_control(s, len))
		return (size_t)snprintf(esc, 8, "\\u%04x",
					(unsigned char)s[1]);
	return 0;
}

/*
 * Runs of bytes written as they are go out in one append: printable
 * ASCII is decided by one comparison, and only bytes outside it are
 * decoded.
 */
void sb_add_printable(struct strbuf *sb, const char *s, bool keep_lines)
{
	size_t n = strlen(s), off = 0, run = 0;

	while (off + run < n) {
		const char *p = s + off + run;
		unsigned char c = (unsigned char)*p;
		size_t len, elen;
		char esc[8];

		if (c >= 0x20 && c < 0x7f) {
			run++;
			continue;
		}
		len = utf8_seq_len(p, n - off - run);
		elen = printable_escape(p, len, keep_lines, esc);
		if (!elen) {
			run += len ? len : 1;
			continue;
		}
		sb_add(sb, s + off, run);
		sb_add(sb, esc, elen);
		off += run + (len ? len : 1);
		run = 0;
	}
	sb_add(sb, s + off, run);
}

#define UTF8_REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/* Bytes of the word equal to zero, each flagged by its top bit. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)
#define ZERO_BYTES(x) (((x) - ONES) & ~(x) & HIGHS)

/* A word loaded from memory, its first byte made the lowest. */
static uint64_t le64(uint64_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap64(x);
#else
	return x;
#endif
}

/*
 * The bytes of `x` (eight, little-endian) that are not printable ASCII
 * or are '"' or '\\', each flagged by its top bit.  Borrows can flag
 * a byte above a flagged one, never below: the lowest flag is exact.
 */
static uint64_t json_refused(uint64_t x)
{
	return (((x - 0x20 * ONES) | x) & HIGHS) |
	       ZERO_BYTES(x ^ (0x7f * ONES)) | ZERO_BYTES(x ^ ('"' * ONES)) |
	       ZERO_BYTES(x ^ ('\\' * ONES));
}

/*
 * The first byte from `p` that a JSON string cannot hold as it is, or
 * `end`: eight bytes at a time, the last few padded with spaces.
 */
static const char *json_plain_end(const char *p, const char *end)
{
	for (;;) {
		uint64_t x, m;
		size_t n = (size_t)(end - p);

		if (n >= 8) {
			memcpy(&x, p, 8);
		} else {
			x = 0x20 * ONES;
			memcpy(&x, p, n);
		}
		m = json_refused(le64(x));
		if (m)		/* the padding is never refused */
			return p + (__builtin_ctzll(m) >> 3);
		if (n <= 8)
			return end;
		p += 8;
	}
}

/*
 * Runs of bytes written as they are (plain ASCII, well-formed UTF-8) go
 * out in one append; only the other bytes are escaped or replaced.
 */
void sb_add_json_utf8(struct strbuf *sb, const char *s, size_t n)
{
	const char *from = s, *p = s, *end = s + n;

	while (p < end) {
		size_t len;

		p = json_plain_end(p, end);
		if (p == end)
			break;
		len = utf8_seq_len(p, (size_t)(end - p));
		if (len > 1) {
			p += len;
			continue;
		}
		sb_add(sb, from, (size_t)(p - from));
		if (len == 1)
			sb_add_json_escaped(sb, p, 1);
		else
			sb_adds(sb, UTF8_REPLACEMENT);
		from = ++p;
	}
	sb_add(sb, from, (size_t)(p - from));
}

/* ====================================================================== */
/* JSON writer                                                            */
/* ====================================================================== */

void jw_init(struct jw *w, struct strbuf *sb)
{
	memset(w, 0, sizeof(*w));
	w->sb = sb;
}

void jw_finish(struct jw *w)
{
	assert(w->depth == 0 && !w->after_key);
	sb_addc(w->sb, '\n');
}

/*
 * A comma when `comma`, a newline and the indent of the open container:
 * one append (the writer's commonest text).
 */
static void jw_newline(struct jw *w, bool comma)
{
	/* ",\n" and the indent of the deepest container. */
	static const char lead[] = ",\n"
		"                                ";

	static_assert(sizeof(lead) - 3 >= JW_MAX_DEPTH * 2,
		      "the indent of every depth fits");
	sb_add(w->sb, lead + !comma, !!comma + 1 + 2 * (size_t)w->depth);
}

/* Whatever goes before a member of the open container (or the root). */
static void jw_member_start(struct jw *w)
{
	if (!w->depth)
		return;
	jw_newline(w, w->has_members[w->depth]);
	w->has_members[w->depth] = true;
}

/* Whatever goes before a value: nothing after a key, else a separator. */
static void jw_value_start(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	assert(!w->in_object[w->depth]);
	jw_member_start(w);
}

static void jw_open(struct jw *w, char c, bool object)
{
	jw_value_start(w);
	assert(w->depth < JW_MAX_DEPTH);
	sb_addc(w->sb, c);
	w->depth++;
	w->in_object[w->depth] = object;
	w->has_members[w->depth] = false;
}

static void jw_close(struct jw *w, char c, bool object)
{
	bool had_members;

	assert(w->depth > 0 && w->in_object[w->depth] == object);
	assert(!w->after_key);
	had_members = w->has_members[w->depth];
	w->depth--;
	if (had_members)
		jw_newline(w, false);
	sb_addc(w->sb, c);
}

void jw_begin_object(struct jw *w)
{
	jw_open(w, '{', true);
}

void jw_end_object(struct jw *w)
{
	jw_close(w, '}', true);
}

void jw_begin_array(struct jw *w)
{
	jw_open(w, '[', false);
}

void jw_end_array(struct jw *w)
{
	jw_close(w, ']', false);
}

void jw_key(struct jw *w, const char *key)
{
	size_t n = strlen(key);
	char small[64];

	assert(w->depth > 0 && w->in_object[w->depth] && !w->after_key);
	jw_member_start(w);
	if (n + 4 <= sizeof(small) && json_plain_end(key, key + n) ==
	    key + n) {
		/* the usual key, a short plain word: one append */
		small[0] = '"';
		memcpy(small + 1, key, n);
		memcpy(small + 1 + n, "\": ", 3);
		sb_add(w->sb, small, n + 4);
	} else {
		sb_addc(w->sb, '"');
		sb_add_json_utf8(w->sb, key, n);
		sb_adds(w->sb, "\": ");
	}
	w->after_key = true;
}

void jw_string_n(struct jw *w, const char *s, size_t n)
{
	jw_value_start(w);
	sb_addc(w->sb, '"');
	sb_add_json_utf8(w->sb, s, n);
	sb_addc(w->sb, '"');
}

void jw_string(struct jw *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	jw_string_n(w, s, strlen(s));
}

void jw_uint(struct jw *w, unsigned long long v)
{
	jw_value_start(w);
	sb_add_uint(w->sb, v);
}

void jw_uint_or_null(struct jw *w, unsigned long long v)
{
	if (v)
		jw_uint(w, v);
	else
		jw_null(w);
}

void jw_bool(struct jw *w, bool v)
{
	jw_value_start(w);
	sb_adds(w->sb, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
	jw_value_start(w);
	sb_adds(w->sb, "null");
}

void jw_init_in_array(struct jw *w, struct strbuf *sb, unsigned depth)
{
	assert(depth > 0 && depth <= JW_MAX_DEPTH);
	jw_init(w, sb);
	w->depth = depth;
	w->in_object[depth] = false;
}

void jw_adopt_members(struct jw *w, const struct jw *from)
{
	assert(!w->in_object[w->depth] && from->depth == w->depth);
	w->has_members[w->depth] |= from->has_members[from->depth];
}

void jw_raw(struct jw *w, const char *s, size_t n)
{
	jw_value_start(w);
	sb_add(w->sb, s, n);
}

void jw_kstring(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

void jw_kuint(struct jw *w, const char *key, unsigned long long v)
{
	jw_key(w, key);
	jw_uint(w, v);
}

void jw_kbool(struct jw *w, const char *key, bool v)
{
	jw_key(w, key);
	jw_bool(w, v);
}

void jw_kobject(struct jw *w, const char *key)
{
	jw_key(w, key);
	jw_begin_object(w);
}

void jw_karray(struct jw *w, const char *key)
{
	jw_key(w, key);
	jw_begin_array(w);
}
