/*
 * ini.c - systemd unit files (and Podman Quadlet units, which are read by
 * the same rules) into the generic tree.
 *
 * One document: a map from each section name to a map of its entries, in
 * file order.  A key may appear many times in a section (systemd keeps
 * every assignment; whether the last wins or all add up is the key's
 * business, so front ends decide), and a section written twice is one
 * section (its entries are appended to the first).
 *
 * The syntax follows Quadlet's parser (podman pkg/systemd/parser):
 *   - each physical line is trimmed of blanks first;
 *   - an empty line or one starting with `#` or `;` is a comment; there
 *     are no comments after a value (`Key=v # x` is the value `v # x`);
 *   - `[Name]` opens a section (blanks after `]` only; the name holds no
 *     `[`, `]` or control character);
 *   - `Key=Value` splits at the first `=`; blanks around the key and
 *     before the value go;
 *   - a line ending in `\` goes on at the next line, joined without a
 *     blank (`--a\` then `--b` is `--a--b`), and comment lines inside such
 *     a continuation are skipped;
 *   - a key before any section, or a line that is none of these, is an
 *     error.
 * Quoting is left to the front end: the value is the text as written
 * (Quadlet unquotes per key: a scalar, a list of words, exec-style args).
 *
 * read_ini_pieces() tells a front end where each byte of a value stands
 * in the file, across continuation lines, for findings inside a value.
 */
#include "read/read.h"

#include <string.h>

/* Longer physical lines are not configuration. */
#define INI_MAX_LINE (64u * 1024)
/* A value joined from continuation lines holds at most this much. */
#define INI_MAX_VALUE (1024u * 1024)
/* Distinct sections of one file; a section is looked up by name. */
#define INI_MAX_SECTIONS 1024

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* One physical line, trimmed: [start, end) of the source. */
struct ini_line {
	size_t start, end;	/* trimmed */
	size_t next;		/* the next line's first byte */
};

static void next_line(const struct source *src, size_t pos,
		      struct ini_line *l)
{
	const char *nl = memchr(src->data + pos, '\n', src->len - pos);
	size_t end = nl ? (size_t)(nl - src->data) : src->len;

	l->next = nl ? end + 1 : src->len;
	while (pos < end && is_space(src->data[pos]))
		pos++;
	while (end > pos && is_space(src->data[end - 1]))
		end--;
	l->start = pos;
	l->end = end;
}

static bool is_comment(const struct source *src, const struct ini_line *l)
{
	return l->start == l->end || src->data[l->start] == '#' ||
	       src->data[l->start] == ';';
}

static bool ends_in_backslash(const struct source *src,
			      const struct ini_line *l)
{
	return l->end > l->start && src->data[l->end - 1] == '\\';
}

/* The line goes on at the next (the file's last line goes nowhere). */
static bool continues(const struct source *src, const struct ini_line *l)
{
	return ends_in_backslash(src, l) && l->next < src->len;
}

/* A line's part of a value: its backslash at the end does not count. */
static size_t piece_len(const struct source *src, const struct ini_line *l)
{
	return l->end - l->start - (ends_in_backslash(src, l) ? 1 : 0);
}

struct ini_reader {
	struct tree *t;
	struct source *src;
	struct diags *d;
	struct tree_node *doc;
	struct tree_node *section;	/* entries of the current one */
	size_t nodes;
};

static int fail(struct ini_reader *r, size_t off, const char *msg)
{
	diag_add(r->d, r->src->path, source_loc(r->src, off), DIAG_ERROR,
		 "%s", msg);
	return -1;
}

/* `[Name]` at line l: find or open the section. */
static int section(struct ini_reader *r, const struct ini_line *l)
{
	const char *s = r->src->data;
	const char *close = memchr(s + l->start, ']', l->end - l->start);
	size_t i, nend;
	struct tree_node *name;

	if (!close)
		return fail(r, l->start, "a section name needs its `]`");
	nend = (size_t)(close - s);
	for (i = l->start + 1; i < nend; i++)
		if (s[i] == '[' || (unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return fail(r, i, "a section name may not hold `[` "
				    "or a control character");
	if (nend == l->start + 1)
		return fail(r, l->start, "empty section name");
	if (nend + 1 != l->end)
		return fail(r, nend + 1, "text after a section's `]`");
	name = tree_scalar(r->t, TT_STRING, s + l->start + 1,
			   nend - l->start - 1,
			   source_span(r->src, l->start + 1, nend));
	r->section = tree_get(r->doc, name->u.s.text);
	if (r->section)
		return 0;
	if (r->doc->u.map.n >= INI_MAX_SECTIONS)
		return fail(r, l->start, "more than 1024 sections");
	r->section = tree_map(r->t, source_span(r->src, l->start, l->end));
	tree_map_push(r->t, r->doc, name, r->section);
	return 0;
}

/*
 * The logical line starting at physical line `l`: its text with
 * continuations joined into `sb`, and the source offset of each byte's
 * piece.  *next is the line after it.  Returns -1 on a cap.
 */
static int logical(struct ini_reader *r, struct ini_line *l,
		   struct strbuf *sb, size_t *next)
{
	const char *s = r->src->data;

	sb_reset(sb);
	for (;;) {
		bool more = continues(r->src, l);
		size_t len = piece_len(r->src, l);

		if (l->end - l->start > INI_MAX_LINE)
			return fail(r, l->start, "line longer than 64 KiB");
		if (sb->len + len > INI_MAX_VALUE)
			return fail(r, l->start, "value longer than 1 MiB");
		sb_add(sb, s + l->start, len);
		if (!more)
			break;
		do
			next_line(r->src, l->next, l);
		while (is_comment(r->src, l) && l->next < r->src->len);
		if (is_comment(r->src, l))
			break;
	}
	*next = l->next;
	return 0;
}

/* Where byte `at` of the logical line that began at `first` is. */
static size_t source_off(const struct source *src, size_t first, size_t at)
{
	struct ini_line l;
	size_t done = 0;

	next_line(src, first, &l);
	l.start = first;
	for (;;) {
		size_t len = piece_len(src, &l);

		if (at < done + len || !continues(src, &l))
			return l.start + (at - done);
		done += len;
		do
			next_line(src, l.next, &l);
		while (is_comment(src, &l) && l.next < src->len);
	}
}

static int entry(struct ini_reader *r, size_t first, struct strbuf *sb)
{
	const char *text = sb->buf;
	const char *eq = memchr(text, '=', sb->len);
	size_t kend = (size_t)(eq - text), v = kend + 1, vs, ve;
	struct tree_node *key, *val;

	if (!r->section)
		return fail(r, first, "a key before any [section]");
	while (kend > 0 && is_space(text[kend - 1]))
		kend--;
	if (kend == 0)
		return fail(r, first, "an empty key");
	while (v < sb->len && is_space(text[v]))
		v++;
	if ((r->nodes += 2) > READ_MAX_NODES)
		return fail(r, first, "too many entries");
	key = tree_scalar(r->t, TT_STRING, text, kend,
			  source_span(r->src, first, first + kend));
	vs = source_off(r->src, first, v);
	ve = v < sb->len ? source_off(r->src, first, sb->len - 1) + 1 : vs;
	val = tree_scalar(r->t, TT_STRING, text + v, sb->len - v,
			  source_span(r->src, vs, ve));
	tree_map_push(r->t, r->section, key, val);
	return 0;
}

static int one_line(struct ini_reader *r, struct ini_line *l,
		    struct strbuf *sb, size_t *next)
{
	const char *s = r->src->data;
	size_t first;

	if (is_comment(r->src, l)) {
		*next = l->next;
		return 0;
	}
	if (s[l->start] == '[' && !continues(r->src, l)) {
		*next = l->next;
		return section(r, l);
	}
	first = l->start;
	if (logical(r, l, sb, next))
		return -1;
	if (!sb->len || !memchr(sb->buf, '=', sb->len))
		return fail(r, first, "expected Key=Value, a [Section] or "
			    "a comment");
	return entry(r, first, sb);
}

int read_ini(struct tree *t, struct source *src, struct diags *d)
{
	struct ini_reader r = { t, src, d, NULL, NULL, 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t pos = 0;
	int rc = 0;

	if (src->len >= 3 && !memcmp(src->data, "\xEF\xBB\xBF", 3))
		pos = 3;
	r.doc = tree_map(t, source_span(src, 0, src->len));
	while (pos < src->len && !rc) {
		struct ini_line l;

		next_line(src, pos, &l);
		rc = one_line(&r, &l, &sb, &pos);
	}
	sb_free(&sb);
	if (!rc)
		tree_add_doc(t, r.doc);
	return rc;
}

/* --- where a value's bytes are ------------------------------------------- */

/* The byte offset of a location's line:col (columns count code points). */
static bool loc_offset(struct source *src, struct loc at, size_t *off)
{
	size_t len, i = 0;
	const char *line = source_line(src, at.line, &len);
	uint32_t col = 1;

	if (!line)
		return false;
	while (i < len && col < at.col) {
		i++;
		while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
			i++;
		col++;
	}
	*off = (size_t)(line - src->data) + i;
	return true;
}

size_t read_ini_pieces(struct source *src, const struct tree_node *value,
		       size_t *text_off, struct loc *at, size_t max)
{
	struct ini_line l;
	size_t n = 0, done = 0, start;

	if (!max || !loc_offset(src, value->loc, &start))
		return 0;
	next_line(src, start, &l);
	l.start = start;
	for (;;) {
		bool more = continues(src, &l);

		text_off[n] = done;
		at[n] = source_loc(src, l.start);
		n++;
		done += piece_len(src, &l);
		if (!more || n == max || done >= value->u.s.len)
			return n;
		do
			next_line(src, l.next, &l);
		while (is_comment(src, &l) && l.next < src->len);
	}
}

const struct reader reader_ini = {
	.name = "ini",
	.read = read_ini,
};
