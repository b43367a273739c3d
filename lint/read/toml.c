/*
 * toml.c - the TOML 1.0 reader: one source's bytes into one tree root.
 *
 * What it does: reads the whole of TOML 1.0 - bare, quoted and dotted
 * keys, [tables], [[arrays of tables]], inline tables, arrays, the four
 * string forms with every escape, integers, floats, booleans, the four
 * date-time forms, comments, LF and CRLF - and enforces its rules: UTF-8
 * only, no control characters, no key or table defined twice, inline
 * tables and static arrays sealed, tables made by dotted keys never
 * reopened by a header, tables made by headers never extended by dotted
 * keys.  Scalars get the normal forms tree.h and the brief of read.h ask
 * for: integers in decimal, floats as written without '_' and '+',
 * strings decoded (a newline inside a multi-line string becomes LF),
 * date-times with 'T' and 'Z'.
 *
 * What it does not do: TOML 1.1 (newlines in inline tables, \e, \xHH,
 * times without seconds), error recovery (the first error ends the read
 * with one diagnostic), comments (dropped), or any meaning of keys (the
 * front ends give that).
 *
 * How: a hand-written recursive-descent parser over the bytes.  Recursion
 * follows arrays and inline tables only, and stops at READ_MAX_DEPTH.  A
 * hash index beside the tree finds a key of a table in O(1) and remembers
 * how each table came to be, which is what the redefinition rules need.
 * Locations come from a cursor that only moves forward, so a long line
 * costs linear time, not quadratic.
 */
#include "read/read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The byte-order mark TOML allows (and ignores) at the start of a file. */
#define TOML_BOM "\xEF\xBB\xBF"

/* Smallest size of the key index; it doubles when half full. */
#define TOML_INDEX_MIN 64

/* --- state --------------------------------------------------------------- */

/* How the value under a key came to be; decides what may be done to it. */
enum toml_kind {
	TK_VALUE,	/* a scalar, static array or inline table: sealed */
	TK_IMPLICIT,	/* a table a [header] created on its way to another */
	TK_HEADER,	/* a table defined by its own [header] */
	TK_DOTTED,	/* a table created by a dotted key */
	TK_AOT,		/* an array of tables, grown by [[header]] */
};

/* A forward-only position: byte offset and its line and column. */
struct toml_point {
	size_t off;
	uint32_t line, col;
};

/* One part of a (dotted) key, its node made as soon as it is read. */
struct toml_part {
	struct tree_node *key;
	size_t start, end;	/* byte offsets of its text, quotes included */
};

/* An entry of the key index: pair `idx` of table `map`. */
struct toml_slot {
	struct tree_node *map;	/* NULL: the entry is free */
	size_t idx;
	uint32_t hash;		/* of map and key, to skip most compares */
	uint8_t kind;		/* enum toml_kind of the pair's value */
};

struct toml_parser {
	struct tree *t;
	struct source *src;
	struct diags *d;
	const char *s;		/* the input, src->data */
	size_t len;
	size_t pos;		/* the byte being looked at */
	int failed;		/* an error was reported; stop */
	size_t nodes;		/* nodes made, against READ_MAX_NODES */
	struct toml_point cursor;
	struct strbuf buf;	/* the string or number being decoded */
	struct toml_part *parts;	/* a stack of key parts */
	size_t nparts, capparts;
	struct toml_slot *slots;	/* the key index, a power of two */
	size_t capslots, nslots;
	struct tree_node *root;
	struct tree_node *section;	/* the table keys now go into */
	unsigned section_depth;
};

static int parse_value(struct toml_parser *P, unsigned depth,
		       struct tree_node **out);

/* --- errors and locations ------------------------------------------------ */

/* Report the read's one error at byte `off`; always returns -1. */
static int fail_at(struct toml_parser *P, size_t off, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

static int fail_at(struct toml_parser *P, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (P->failed)
		return -1;
	P->failed = 1;
	va_start(ap, fmt);
	diag_vadd(P->d, P->src->path, source_loc(P->src, off), DIAG_ERROR,
		  fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * The line and column of `off`.  Requests come in increasing order almost
 * always; the cursor walks forward, and the rare step back asks source.c.
 */
static struct toml_point point_at(struct toml_parser *P, size_t off)
{
	struct toml_point *c = &P->cursor;
	struct toml_point back;
	struct loc l;

	if (off < c->off) {
		l = source_loc(P->src, off);
		back.off = off;
		back.line = l.line;
		back.col = l.col;
		return back;
	}
	while (c->off < off) {
		unsigned char b = (unsigned char)P->s[c->off++];

		if (b == '\n') {
			c->line++;
			c->col = 1;
		} else if ((b & 0xC0) != 0x80) {
			c->col++;
		}
	}
	return *c;
}

static struct loc span_of(struct toml_point a, struct toml_point b)
{
	struct loc l = { a.line, a.col, b.line, b.col };

	return l;
}

/* A key's text fit for a message: JSON-escaped, kept in the tree arena. */
static const char *key_name(struct toml_parser *P, const struct tree_node *k)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	sb_add_json_escaped(&sb, k->u.s.text, k->u.s.len);
	s = arena_strdup(P->t->arena, sb.buf ? sb.buf : "");
	sb_free(&sb);
	return s;
}

/* The text of a header's key as written, for messages. */
static const char *header_name(struct toml_parser *P, size_t start,
			       size_t end)
{
	return arena_strndup(P->t->arena, P->s + start, end - start);
}

/* --- bytes --------------------------------------------------------------- */

static int peek_at(const struct toml_parser *P, size_t off)
{
	return off < P->len ? (unsigned char)P->s[off] : -1;
}

static int peek(const struct toml_parser *P)
{
	return peek_at(P, P->pos);
}

/* The length of the newline (LF or CRLF) at `off`, or 0. */
static size_t newline_len(const struct toml_parser *P, size_t off)
{
	int c = peek_at(P, off);

	if (c == '\n')
		return 1;
	if (c == '\r' && peek_at(P, off + 1) == '\n')
		return 2;
	return 0;
}

static void skip_blanks(struct toml_parser *P)
{
	int c = peek(P);

	while (c == ' ' || c == '\t') {
		P->pos++;
		c = peek(P);
	}
}

/*
 * The length of the valid UTF-8 sequence (non-ASCII) at `off`, or 0 when
 * it is malformed, overlong, a surrogate or past U+10FFFF.
 */
static size_t utf8_len(const struct toml_parser *P, size_t off)
{
	int b0 = peek_at(P, off), b1 = peek_at(P, off + 1);
	int lo = 0x80, hi = 0xBF;
	size_t n, i;

	if (b0 >= 0xC2 && b0 <= 0xDF)
		n = 2;
	else if (b0 >= 0xE0 && b0 <= 0xEF)
		n = 3;
	else if (b0 >= 0xF0 && b0 <= 0xF4)
		n = 4;
	else
		return 0;
	if (b0 == 0xE0)
		lo = 0xA0;
	else if (b0 == 0xED)
		hi = 0x9F;
	else if (b0 == 0xF0)
		lo = 0x90;
	else if (b0 == 0xF4)
		hi = 0x8F;
	if (b1 < lo || b1 > hi)
		return 0;
	for (i = 2; i < n; i++) {
		int b = peek_at(P, off + i);

		if (b < 0x80 || b > 0xBF)
			return 0;
	}
	return n;
}

/* Control characters TOML forbids in comments and strings (not tab). */
static int is_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7F;
}

/* What is at the cursor, for "expected X, found Y" messages. */
static const char *found_here(struct toml_parser *P)
{
	int c = peek(P);
	size_t n;

	if (c < 0)
		return "end of file";
	if (newline_len(P, P->pos))
		return "end of line";
	if (is_control(c))
		return arena_printf(P->t->arena, "control character U+%04X",
				    (unsigned)c);
	if (c < 0x80)
		return arena_printf(P->t->arena, "'%c'", c);
	n = utf8_len(P, P->pos);
	if (!n)
		return "invalid UTF-8";
	return arena_printf(P->t->arena, "'%.*s'", (int)n, P->s + P->pos);
}

/* Report that `what` was expected at the cursor; returns -1. */
static int fail_expected(struct toml_parser *P, const char *what)
{
	return fail_at(P, P->pos, "expected %s, found %s", what,
		       found_here(P));
}

/* Skip a comment, if one starts here, up to (not over) its newline. */
static int skip_comment(struct toml_parser *P)
{
	int c;

	if (peek(P) != '#')
		return 0;
	P->pos++;
	for (;;) {
		c = peek(P);
		if (c < 0 || newline_len(P, P->pos))
			return 0;
		if (is_control(c))
			return fail_at(P, P->pos,
				       "control character U+%04X in comment",
				       (unsigned)c);
		if (c < 0x80) {
			P->pos++;
			continue;
		}
		if (!utf8_len(P, P->pos))
			return fail_at(P, P->pos, "invalid UTF-8 in comment");
		P->pos += utf8_len(P, P->pos);
	}
}

/* Skip blanks, comments and newlines (between the items of an array). */
static int skip_space_lines(struct toml_parser *P)
{
	for (;;) {
		skip_blanks(P);
		if (skip_comment(P))
			return -1;
		if (!newline_len(P, P->pos))
			return 0;
		P->pos += newline_len(P, P->pos);
	}
}

/* After a key/value pair or a header: blanks, a comment, a newline. */
static int expect_line_end(struct toml_parser *P, const char *what)
{
	skip_blanks(P);
	if (skip_comment(P))
		return -1;
	if (P->pos >= P->len)
		return 0;
	if (!newline_len(P, P->pos))
		return fail_expected(P, what);
	P->pos += newline_len(P, P->pos);
	return 0;
}

/* --- nodes and the key index --------------------------------------------- */

/* Count one more node; fails when the file passes READ_MAX_NODES. */
static int count_node(struct toml_parser *P, size_t off)
{
	size_t mib = tree_over_budget(P->t);

	if (mib)
		return fail_at(P, off, READ_BUDGET_FMT, mib);
	if (++P->nodes <= READ_MAX_NODES)
		return 0;
	return fail_at(P, off, "more than %u values and keys in one file",
		       READ_MAX_NODES);
}

static struct tree_node *new_scalar(struct toml_parser *P, size_t off,
				    enum tree_type type, struct loc loc)
{
	if (count_node(P, off))
		return NULL;
	return tree_scalar(P->t, type, P->buf.buf ? P->buf.buf : "",
			   P->buf.len, loc);
}

static struct tree_node *new_map(struct toml_parser *P, size_t off,
				 struct loc loc)
{
	if (count_node(P, off))
		return NULL;
	return tree_map(P->t, loc);
}

static struct tree_node *new_list(struct toml_parser *P, size_t off,
				  struct loc loc)
{
	if (count_node(P, off))
		return NULL;
	return tree_list(P->t, loc);
}

static uint32_t slot_hash(const struct tree_node *map,
			  const struct tree_node *key)
{
	const char *k = key->u.s.text;
	size_t n = key->u.s.len;
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	h ^= (uint64_t)(uintptr_t)map * 0x9E3779B97F4A7C15ull;
	for (i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 0x100000001b3ull;
	}
	return (uint32_t)(h ^ (h >> 32));
}

static const struct tree_node *slot_key(const struct toml_slot *sl)
{
	return sl->map->u.map.pairs[sl->idx].key;
}

static struct tree_pair *slot_pair(const struct toml_slot *sl)
{
	return &sl->map->u.map.pairs[sl->idx];
}

/* The index entry of `key` in `map`, or NULL. */
static struct toml_slot *slot_find(struct toml_parser *P,
				   const struct tree_node *map,
				   const struct tree_node *key)
{
	size_t mask = P->capslots - 1, i;
	const struct tree_node *k;
	uint32_t h;

	if (!P->capslots)
		return NULL;
	h = slot_hash(map, key);
	i = h & mask;
	while (P->slots[i].map) {
		if (P->slots[i].hash == h && P->slots[i].map == map) {
			k = slot_key(&P->slots[i]);
			if (k->u.s.len == key->u.s.len &&
			    !memcmp(k->u.s.text, key->u.s.text, k->u.s.len))
				return &P->slots[i];
		}
		i = (i + 1) & mask;
	}
	return NULL;
}

/* Put `sl` in the index, which has room. */
static struct toml_slot *slot_place(struct toml_parser *P,
				    const struct toml_slot *sl)
{
	size_t mask = P->capslots - 1, i = sl->hash & mask;

	while (P->slots[i].map)
		i = (i + 1) & mask;
	P->slots[i] = *sl;
	return &P->slots[i];
}

/* Double the index when it is half full (entries move: look them up again). */
static void slot_grow(struct toml_parser *P)
{
	struct toml_slot *old = P->slots;
	size_t oldcap = P->capslots, i;

	if ((P->nslots + 1) * 2 <= P->capslots)
		return;
	P->capslots = oldcap ? oldcap * 2 : TOML_INDEX_MIN;
	P->slots = xcalloc(P->capslots, sizeof(*P->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].map)
			slot_place(P, &old[i]);
	free(old);
}

/* Add `key` = `value` to `map`, indexed as `kind`; returns its entry. */
static struct toml_slot *add_pair(struct toml_parser *P,
				  struct tree_node *map, struct tree_node *key,
				  struct tree_node *value, enum toml_kind kind)
{
	struct toml_slot sl;

	slot_grow(P);
	tree_map_push(P->t, map, key, value);
	sl.map = map;
	sl.idx = map->u.map.n - 1;
	sl.hash = slot_hash(map, key);
	sl.kind = (uint8_t)kind;
	P->nslots++;
	return slot_place(P, &sl);
}

/* --- strings ------------------------------------------------------------- */

static int buf_add(struct toml_parser *P, const char *s, size_t n)
{
	if (sb_add(&P->buf, s, n))
		return fail_at(P, P->pos, "string longer than %u bytes",
			       SOURCE_MAX_BYTES);
	return 0;
}

/* Append the character at the cursor, which must not be a control one. */
static int string_char(struct toml_parser *P)
{
	int c = peek(P);
	size_t n = 1;

	if (c < 0)
		return fail_at(P, P->pos, "unterminated string");
	if (is_control(c))
		return fail_at(P, P->pos, "control character U+%04X in string",
			       (unsigned)c);
	if (c >= 0x80) {
		n = utf8_len(P, P->pos);
		if (!n)
			return fail_at(P, P->pos, "invalid UTF-8 in string");
	}
	if (buf_add(P, P->s + P->pos, n))
		return -1;
	P->pos += n;
	return 0;
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int add_utf8(struct toml_parser *P, uint32_t cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return buf_add(P, b, n);
}

/* \uXXXX or \UXXXXXXXX at the cursor (on the backslash). */
static int string_unicode(struct toml_parser *P, unsigned ndigits)
{
	size_t at = P->pos;
	uint32_t cp = 0;
	unsigned i;

	for (i = 0; i < ndigits; i++) {
		int v = hex_value(peek_at(P, at + 2 + i));

		if (v < 0)
			return fail_at(P, at,
				       "invalid escape \\%c: "
				       "needs %u hex digits",
				       P->s[at + 1], ndigits);
		cp = cp * 16 + (uint32_t)v;
	}
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return fail_at(P, at,
			       "invalid escape \\%c: "
			       "U+%04X is no Unicode scalar value",
			       P->s[at + 1], cp);
	P->pos = at + 2 + ndigits;
	return add_utf8(P, cp);
}

/* An escape sequence at the cursor (on the backslash) of a basic string. */
static int string_escape(struct toml_parser *P)
{
	int c = peek_at(P, P->pos + 1);
	char out;

	switch (c) {
	case 'b': out = '\b'; break;
	case 't': out = '\t'; break;
	case 'n': out = '\n'; break;
	case 'f': out = '\f'; break;
	case 'r': out = '\r'; break;
	case '"': out = '"'; break;
	case '\\': out = '\\'; break;
	case 'u': return string_unicode(P, 4);
	case 'U': return string_unicode(P, 8);
	default:
		if (c > 0x20 && c < 0x7F)
			return fail_at(P, P->pos,
				       "invalid escape \\%c in string", c);
		return fail_at(P, P->pos, "invalid escape in string");
	}
	P->pos += 2;
	return buf_add(P, &out, 1);
}

/*
 * A backslash ending a line of a multi-line basic string: it eats every
 * blank and newline up to the next other character.  Returns 1 when it
 * was one, 0 when the backslash starts an ordinary escape.
 */
static int line_end_backslash(struct toml_parser *P)
{
	size_t i = P->pos + 1;
	int c = peek_at(P, i);

	while (c == ' ' || c == '\t')
		c = peek_at(P, ++i);
	if (!newline_len(P, i)) {
		if (i == P->pos + 1)
			return 0;
		return fail_at(P, P->pos,
			       "a '\\' followed by blanks must end the line");
	}
	for (;;) {
		c = peek_at(P, i);
		if (c == ' ' || c == '\t')
			i++;
		else if (newline_len(P, i))
			i += newline_len(P, i);
		else
			break;
	}
	P->pos = i;
	return 1;
}

/* The string opened at `open` ends before its closing quote. */
static int fail_unterminated(struct toml_parser *P, size_t open)
{
	struct loc l = source_loc(P->src, open);

	return fail_at(P, P->pos, "unterminated string (opened at %u:%u)",
		       l.line, l.col);
}

/* A run of `q` quotes inside a multi-line string: content or its end. */
static int multiline_quotes(struct toml_parser *P, char q, int *done)
{
	size_t n = 0, i;

	while (peek_at(P, P->pos + n) == q)
		n++;
	if (n > 5)
		return fail_at(P, P->pos + 5,
			       "too many quotes at the end of a string");
	*done = n >= 3;
	if (*done)
		n -= 3;
	for (i = 0; i < n; i++)
		if (buf_add(P, &q, 1))
			return -1;
	P->pos += n + (*done ? 3 : 0);
	return 0;
}

/* A multi-line string, basic (`q` '"') or literal ('\''); cursor on it. */
static int parse_multiline(struct toml_parser *P, char q)
{
	size_t open = P->pos;
	int done = 0, rc;

	P->pos += 3;
	P->pos += newline_len(P, P->pos);
	while (!done) {
		int c = peek(P);

		if (c < 0) {
			rc = fail_unterminated(P, open);
		} else if (c == q) {
			rc = multiline_quotes(P, q, &done);
		} else if (c == '\\' && q == '"') {
			rc = line_end_backslash(P);
			if (rc == 0)
				rc = string_escape(P);
			else if (rc > 0)
				rc = 0;
		} else if (newline_len(P, P->pos)) {
			P->pos += newline_len(P, P->pos);
			rc = buf_add(P, "\n", 1);
		} else {
			rc = string_char(P);
		}
		if (rc)
			return -1;
	}
	return 0;
}

/* A one-line string, basic (`q` '"') or literal ('\''); cursor on it. */
static int parse_oneline(struct toml_parser *P, char q)
{
	size_t open = P->pos;
	int rc;

	P->pos++;
	for (;;) {
		int c = peek(P);

		if (c == q) {
			P->pos++;
			return 0;
		}
		if (c < 0 || newline_len(P, P->pos))
			return fail_unterminated(P, open);
		if (c == '\\' && q == '"')
			rc = string_escape(P);
		else
			rc = string_char(P);
		if (rc)
			return -1;
	}
}

static int is_triple(const struct toml_parser *P, char q)
{
	return peek_at(P, P->pos + 1) == q && peek_at(P, P->pos + 2) == q;
}

/* --- keys ---------------------------------------------------------------- */

static int is_bare_key_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Read one part of a key into a new key node and push it on the stack. */
static int parse_key_part(struct toml_parser *P)
{
	size_t start = P->pos;
	struct toml_point a = point_at(P, start);
	struct toml_part *part;
	struct tree_node *k;
	int c = peek(P), quoted = c == '"' || c == '\'';

	sb_reset(&P->buf);
	if (quoted && is_triple(P, (char)c))
		return fail_at(P, start,
			       "a multi-line string cannot be a key");
	if (quoted && parse_oneline(P, (char)c))
		return -1;
	if (!quoted) {
		while (is_bare_key_char(peek(P)))
			P->pos++;
		if (P->pos == start)
			return fail_expected(P, "a key");
		if (buf_add(P, P->s + start, P->pos - start))
			return -1;
	}
	k = new_scalar(P, start, TT_STRING,
		       span_of(a, point_at(P, P->pos)));
	if (!k)
		return -1;
	if (quoted)
		k->flags |= TREE_QUOTED;
	P->parts = xgrow(P->parts, &P->capparts, P->nparts + 1,
			 sizeof(*P->parts));
	part = &P->parts[P->nparts++];
	part->key = k;
	part->start = start;
	part->end = P->pos;
	return 0;
}

/* Read a dotted key onto the parts stack (the caller pops the parts). */
static int parse_key(struct toml_parser *P)
{
	size_t base = P->nparts;

	for (;;) {
		skip_blanks(P);
		if (P->nparts - base >= READ_MAX_DEPTH)
			return fail_at(P, P->pos,
				       "key with more than %d parts",
				       READ_MAX_DEPTH);
		if (parse_key_part(P))
			return -1;
		skip_blanks(P);
		if (peek(P) != '.')
			return 0;
		P->pos++;
	}
}

/* --- the rules of redefinition ------------------------------------------- */

static int check_depth(struct toml_parser *P, size_t off, unsigned depth)
{
	if (depth <= READ_MAX_DEPTH)
		return 0;
	return fail_at(P, off, "nesting deeper than %d levels",
		       READ_MAX_DEPTH);
}

/* `part` names something that is no table and cannot become one. */
static int fail_sealed(struct toml_parser *P, const struct toml_part *part,
		       const struct toml_slot *sl)
{
	const struct tree_pair *pr = slot_pair(sl);
	const char *name = key_name(P, part->key);
	struct loc at = pr->key->loc;

	if (pr->value->kind == TREE_MAP)
		return fail_at(P, part->start,
			       "cannot extend inline table \"%s\" "
			       "(defined at %u:%u)",
			       name, at.line, at.col);
	if (pr->value->kind == TREE_LIST)
		return fail_at(P, part->start,
			       "cannot extend array \"%s\" (defined at %u:%u)",
			       name, at.line, at.col);
	return fail_at(P, part->start,
		       "\"%s\" is a value, not a table (defined at %u:%u)",
		       name, at.line, at.col);
}

/* `part` names a key its table has already. */
static int fail_duplicate(struct toml_parser *P,
			  const struct toml_part *part,
			  const struct toml_slot *sl)
{
	const struct tree_node *first = slot_key(sl);

	return fail_at(P, part->start,
		       "duplicate key \"%s\" (first defined at %u:%u)",
		       key_name(P, part->key), first->loc.line,
		       first->loc.col);
}

/* `part` names a table a [header] made, which dotted keys cannot extend. */
static int fail_header_made(struct toml_parser *P,
			    const struct toml_part *part,
			    const struct toml_slot *sl)
{
	const struct tree_pair *pr = slot_pair(sl);

	if (sl->kind == TK_AOT)
		return fail_at(P, part->start,
			       "dotted keys cannot extend array of tables "
			       "\"%s\" (defined at %u:%u)",
			       key_name(P, part->key), pr->value->loc.line,
			       pr->value->loc.col);
	return fail_at(P, part->start,
		       "dotted keys cannot extend table \"%s\": "
		       "a [header] made it at %u:%u",
		       key_name(P, part->key), pr->value->loc.line,
		       pr->value->loc.col);
}

/* The last table of an array of tables. */
static struct tree_node *aot_last(const struct tree_node *list)
{
	return list->u.list.items[list->u.list.n - 1];
}

/* Step from `*map` into the table `part` names on a header's way. */
static int header_step(struct toml_parser *P, const struct toml_part *part,
		       struct tree_node **map, unsigned *depth)
{
	struct toml_slot *sl = slot_find(P, *map, part->key);
	struct tree_node *m;

	if (!sl) {
		m = new_map(P, part->start, part->key->loc);
		if (!m)
			return -1;
		add_pair(P, *map, part->key, m, TK_IMPLICIT);
		*map = m;
		*depth += 1;
		return check_depth(P, part->start, *depth);
	}
	switch (sl->kind) {
	case TK_IMPLICIT:
	case TK_HEADER:
	case TK_DOTTED:
		*map = slot_pair(sl)->value;
		*depth += 1;
		break;
	case TK_AOT:
		*map = aot_last(slot_pair(sl)->value);
		*depth += 2;
		break;
	default:
		return fail_sealed(P, part, sl);
	}
	return check_depth(P, part->start, *depth);
}

/* [name] names something that exists and cannot be defined again. */
static int fail_redefined(struct toml_parser *P,
			  const struct toml_part *first,
			  const struct toml_part *last,
			  const struct toml_slot *sl)
{
	const char *name = header_name(P, first->start, last->end);
	const struct tree_node *v = slot_pair(sl)->value;

	switch (sl->kind) {
	case TK_HEADER:
		return fail_at(P, first->start,
			       "duplicate table [%s] (first defined at %u:%u)",
			       name, v->loc.line, v->loc.col);
	case TK_DOTTED:
		return fail_at(P, first->start,
			       "table [%s] was already made by dotted keys "
			       "at %u:%u",
			       name, v->loc.line, v->loc.col);
	case TK_AOT:
		return fail_at(P, first->start,
			       "[%s] is an array of tables "
			       "(defined at %u:%u); use [[%s]]",
			       name, v->loc.line, v->loc.col, name);
	}
	if (v->kind == TREE_MAP)
		return fail_sealed(P, last, sl);
	return fail_duplicate(P, last, sl);
}

/* [[name]] names something that is no array of tables. */
static int fail_not_aot(struct toml_parser *P, const struct toml_part *first,
			const struct toml_part *last,
			const struct toml_slot *sl)
{
	const char *name = header_name(P, first->start, last->end);
	const struct tree_node *v = slot_pair(sl)->value;

	if (sl->kind == TK_VALUE && v->kind == TREE_LIST)
		return fail_at(P, first->start,
			       "cannot append to static array \"%s\" "
			       "(defined at %u:%u)",
			       name, v->loc.line, v->loc.col);
	if (sl->kind == TK_VALUE)
		return fail_duplicate(P, last, sl);
	return fail_at(P, first->start,
		       "[[%s]]: \"%s\" is already a table (defined at %u:%u)",
		       name, name, v->loc.line, v->loc.col);
}

/* [name]: define the table `last` names in `map`; it becomes the section. */
static int header_table(struct toml_parser *P, const struct toml_part *first,
			const struct toml_part *last, struct tree_node *map)
{
	struct toml_slot *sl = slot_find(P, map, last->key);
	struct loc where = loc_span(first->key->loc, last->key->loc);
	struct tree_node *v;

	if (!sl) {
		v = new_map(P, last->start, where);
		if (!v)
			return -1;
		add_pair(P, map, last->key, v, TK_HEADER);
		P->section = v;
		return 0;
	}
	v = slot_pair(sl)->value;
	if (sl->kind == TK_IMPLICIT) {
		sl->kind = TK_HEADER;
		v->loc = where;
		P->section = v;
		return 0;
	}
	return fail_redefined(P, first, last, sl);
}

/* [[name]]: add a table to the array `last` names; it becomes the section. */
static int header_aot(struct toml_parser *P, const struct toml_part *first,
		      const struct toml_part *last, struct tree_node *map)
{
	struct toml_slot *sl = slot_find(P, map, last->key);
	struct loc where = loc_span(first->key->loc, last->key->loc);
	struct tree_node *list, *elem;

	if (sl && sl->kind != TK_AOT)
		return fail_not_aot(P, first, last, sl);
	if (sl) {
		list = slot_pair(sl)->value;
	} else {
		list = new_list(P, last->start, where);
		if (!list)
			return -1;
		add_pair(P, map, last->key, list, TK_AOT);
	}
	elem = new_map(P, last->start, where);
	if (!elem)
		return -1;
	tree_list_push(P->t, list, elem);
	P->section = elem;
	return 0;
}

/* A header line, cursor on its '['. */
static int parse_header(struct toml_parser *P)
{
	size_t base = P->nparts, i;
	int aot = peek_at(P, P->pos + 1) == '[';
	struct tree_node *map = P->root;
	unsigned depth = 0;
	int rc;

	P->pos += aot ? 2 : 1;
	if (parse_key(P))
		return -1;
	if (peek(P) != ']' || (aot && peek_at(P, P->pos + 1) != ']'))
		return fail_expected(P, aot ? "']]' after table name" :
					 "']' after table name");
	P->pos += aot ? 2 : 1;
	for (i = base; i + 1 < P->nparts; i++)
		if (header_step(P, &P->parts[i], &map, &depth))
			return -1;
	if (aot)
		rc = header_aot(P, &P->parts[base], &P->parts[i], map);
	else
		rc = header_table(P, &P->parts[base], &P->parts[i], map);
	P->section_depth = depth + (aot ? 2 : 1);
	if (rc || check_depth(P, P->parts[i].start, P->section_depth))
		return -1;
	P->nparts = base;
	return expect_line_end(P, "end of line after table header");
}

/* Step from `*map` into the table `part` names in a dotted key. */
static int dotted_step(struct toml_parser *P, const struct toml_part *part,
		       struct tree_node **map)
{
	struct toml_slot *sl = slot_find(P, *map, part->key);
	struct tree_node *m;

	if (!sl) {
		m = new_map(P, part->start, part->key->loc);
		if (!m)
			return -1;
		add_pair(P, *map, part->key, m, TK_DOTTED);
		*map = m;
		return 0;
	}
	switch (sl->kind) {
	case TK_DOTTED:
		*map = slot_pair(sl)->value;
		return 0;
	case TK_IMPLICIT:
	case TK_HEADER:
	case TK_AOT:
		return fail_header_made(P, part, sl);
	}
	return fail_sealed(P, part, sl);
}

/* key = value, into table `map` at nesting `depth`; cursor on the key. */
static int parse_keyval(struct toml_parser *P, struct tree_node *map,
			unsigned depth)
{
	size_t base = P->nparts, i;
	struct toml_slot *sl;
	struct tree_node *key, *value;

	if (parse_key(P))
		return -1;
	if (peek(P) != '=')
		return fail_expected(P, "'=' after key");
	P->pos++;
	skip_blanks(P);
	for (i = base; i + 1 < P->nparts; i++) {
		if (dotted_step(P, &P->parts[i], &map))
			return -1;
		depth++;
	}
	key = P->parts[i].key;
	sl = slot_find(P, map, key);
	if (sl)
		return fail_duplicate(P, &P->parts[i], sl);
	P->nparts = base;
	if (parse_value(P, depth + 1, &value))
		return -1;
	add_pair(P, map, key, value, TK_VALUE);
	return 0;
}

/* --- arrays and inline tables -------------------------------------------- */

static int parse_array(struct toml_parser *P, unsigned depth,
		       struct tree_node **out)
{
	size_t start = P->pos;
	struct toml_point a = point_at(P, start);
	struct tree_node *list = new_list(P, start, span_of(a, a));
	struct tree_node *item;

	if (!list)
		return -1;
	P->pos++;
	for (;;) {
		if (skip_space_lines(P))
			return -1;
		if (peek(P) == ']')
			break;
		if (parse_value(P, depth + 1, &item))
			return -1;
		tree_list_push(P->t, list, item);
		if (skip_space_lines(P))
			return -1;
		if (peek(P) == ']')
			break;
		if (peek(P) != ',')
			return fail_expected(P, "',' or ']' after array item");
		P->pos++;
	}
	P->pos++;
	list->loc = span_of(a, point_at(P, P->pos));
	*out = list;
	return 0;
}

/* Blanks inside an inline table, which TOML 1.0 keeps on one line. */
static int inline_blanks(struct toml_parser *P)
{
	skip_blanks(P);
	if (!newline_len(P, P->pos))
		return 0;
	return fail_at(P, P->pos,
		       "newline in inline table (it must fit on one line)");
}

static int parse_inline_table(struct toml_parser *P, unsigned depth,
			      struct tree_node **out)
{
	size_t start = P->pos;
	struct toml_point a = point_at(P, start);
	struct tree_node *map = new_map(P, start, span_of(a, a));

	if (!map)
		return -1;
	P->pos++;
	if (inline_blanks(P))
		return -1;
	if (peek(P) != '}') {
		for (;;) {
			if (parse_keyval(P, map, depth) || inline_blanks(P))
				return -1;
			if (peek(P) == '}')
				break;
			if (peek(P) != ',')
				return fail_expected(P,
					"',' or '}' in inline table");
			P->pos++;
			if (inline_blanks(P))
				return -1;
		}
	}
	P->pos++;
	map->loc = span_of(a, point_at(P, P->pos));
	*out = map;
	return 0;
}

/* --- numbers, booleans and date-times ------------------------------------ */

static int is_token_char(int c)
{
	return is_bare_key_char(c) || c == '.' || c == ':' || c == '+';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int digit_value(int c, unsigned radix)
{
	int v = hex_value(c);

	return v >= 0 && (unsigned)v < radix ? v : -1;
}

/* `n` digits of `radix`, single '_' only between two digits. */
static int digits_ok(const char *s, size_t n, unsigned radix)
{
	size_t i;

	if (!n || digit_value(s[0], radix) < 0 ||
	    digit_value(s[n - 1], radix) < 0)
		return 0;
	for (i = 1; i < n; i++) {
		if (s[i] == '_' && s[i - 1] == '_')
			return 0;
		if (s[i] != '_' && digit_value(s[i], radix) < 0)
			return 0;
	}
	return 1;
}

/* Decimal digits of an integer part: also no leading zero. */
static int decimal_ok(const char *s, size_t n)
{
	return digits_ok(s, n, 10) && !(s[0] == '0' && n > 1);
}

/* The magnitude of checked digits, at most `limit`; -1 when larger. */
static int digits_value(const char *s, size_t n, unsigned radix,
			uint64_t limit, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t dv;

		if (s[i] == '_')
			continue;
		dv = (uint64_t)digit_value(s[i], radix);
		if (v > (limit - dv) / radix)
			return -1;
		v = v * radix + dv;
	}
	*out = v;
	return 0;
}

/* An integer token at `start`; its decimal text goes to the buffer. */
static int integer_text(struct toml_parser *P, const char *s, size_t n,
			size_t start)
{
	unsigned radix = 10;
	uint64_t limit = INT64_MAX, v;
	int neg = s[0] == '-', sign = neg || s[0] == '+';
	const char *d = s + sign;
	size_t dn = n - (size_t)sign;

	if (dn > 2 && d[0] == '0' && (d[1] == 'x' || d[1] == 'o' ||
				      d[1] == 'b')) {
		radix = d[1] == 'x' ? 16 : d[1] == 'o' ? 8 : 2;
		d += 2;
		dn -= 2;
		if (sign || !digits_ok(d, dn, radix))
			return fail_at(P, start, "invalid integer \"%.*s\"",
				       (int)n, s);
	} else if (!decimal_ok(d, dn)) {
		return fail_at(P, start, "invalid number \"%.*s\"", (int)n, s);
	}
	if (neg)
		limit = (uint64_t)INT64_MAX + 1;
	if (digits_value(d, dn, radix, limit, &v))
		return fail_at(P, start,
			       "integer \"%.*s\" does not fit in 64 bits",
			       (int)n, s);
	if (sb_addf(&P->buf, "%s%llu", neg && v ? "-" : "",
		    (unsigned long long)v))
		return fail_at(P, start, "integer too long");
	return 0;
}

/* The length of a run of decimal digits and '_' (a part of a float). */
static size_t digit_run(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (is_digit(s[i]) || s[i] == '_'))
		i++;
	return i;
}

/* Whether `s` is a float of TOML's decimal syntax (no inf or nan). */
static int float_ok(const char *s, size_t n)
{
	size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0, k;

	k = digit_run(s + i, n - i);
	if (!decimal_ok(s + i, k))
		return 0;
	i += k;
	if (i < n && s[i] == '.') {
		i++;
		k = digit_run(s + i, n - i);
		if (!digits_ok(s + i, k, 10))
			return 0;
		i += k;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		k = digit_run(s + i, n - i);
		if (!digits_ok(s + i, k, 10))
			return 0;
		i += k;
	}
	return i == n;
}

/* A float's normal form: as written, without '_' and a leading '+'. */
static int float_text(struct toml_parser *P, const char *s, size_t n)
{
	size_t i;

	if (s[0] == '+') {
		s++;
		n--;
	}
	if (n == 4 && !memcmp(s, "-nan", 4)) {
		s++;
		n--;
	}
	for (i = 0; i < n; i++)
		if (s[i] != '_' && buf_add(P, s + i, 1))
			return -1;
	return 0;
}

static int is_special_float(const char *s, size_t n)
{
	if (n == 4 && (s[0] == '+' || s[0] == '-')) {
		s++;
		n--;
	}
	return n == 3 && (!memcmp(s, "inf", 3) || !memcmp(s, "nan", 3));
}

/* A number token: the buffer gets its text, `*type` its type. */
static int number_value(struct toml_parser *P, const char *s, size_t n,
			size_t start, enum tree_type *type)
{
	size_t sign = s[0] == '+' || s[0] == '-';
	const char *d = s + sign;
	int radix = n - sign > 1 && d[0] == '0' &&
		    (d[1] == 'x' || d[1] == 'o' || d[1] == 'b');

	if (is_special_float(s, n) ||
	    (!radix && (memchr(s, '.', n) || memchr(s, 'e', n) ||
			memchr(s, 'E', n)))) {
		if (!is_special_float(s, n) && !float_ok(s, n))
			return fail_at(P, start, "invalid float \"%.*s\"",
				       (int)n, s);
		*type = TT_FLOAT;
		return float_text(P, s, n);
	}
	*type = TT_INT;
	return integer_text(P, s, n, start);
}

/* `n` decimal digits at s[*i]: their value, or -1. */
static int take_digits(const char *s, size_t len, size_t *i, unsigned n)
{
	int v = 0;
	unsigned k;

	if (*i + n > len)
		return -1;
	for (k = 0; k < n; k++) {
		if (!is_digit(s[*i + k]))
			return -1;
		v = v * 10 + (s[*i + k] - '0');
	}
	*i += n;
	return v;
}

static int take_char(const char *s, size_t len, size_t *i, char c)
{
	if (*i >= len || s[*i] != c)
		return -1;
	(*i)++;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* YYYY-MM-DD at s[*i]. */
static int scan_date(const char *s, size_t n, size_t *i)
{
	int y = take_digits(s, n, i, 4), m, d;

	if (y < 0 || take_char(s, n, i, '-'))
		return -1;
	m = take_digits(s, n, i, 2);
	if (m < 1 || m > 12 || take_char(s, n, i, '-'))
		return -1;
	d = take_digits(s, n, i, 2);
	if (d < 1 || d > days_in_month(y, m))
		return -1;
	return 0;
}

/* HH:MM:SS[.fraction] at s[*i]. */
static int scan_time(const char *s, size_t n, size_t *i)
{
	int h = take_digits(s, n, i, 2), m, sec;

	if (h < 0 || h > 23 || take_char(s, n, i, ':'))
		return -1;
	m = take_digits(s, n, i, 2);
	if (m < 0 || m > 59 || take_char(s, n, i, ':'))
		return -1;
	sec = take_digits(s, n, i, 2);
	if (sec < 0 || sec > 60)
		return -1;
	if (*i < n && s[*i] == '.') {
		(*i)++;
		if (*i >= n || !is_digit(s[*i]))
			return -1;
		while (*i < n && is_digit(s[*i]))
			(*i)++;
	}
	return 0;
}

/* Z or +HH:MM or -HH:MM at s[*i]. */
static int scan_offset(const char *s, size_t n, size_t *i)
{
	int h, m;

	if (*i < n && (s[*i] == 'Z' || s[*i] == 'z')) {
		(*i)++;
		return 0;
	}
	if (*i >= n || (s[*i] != '+' && s[*i] != '-'))
		return -1;
	(*i)++;
	h = take_digits(s, n, i, 2);
	if (h < 0 || h > 23 || take_char(s, n, i, ':'))
		return -1;
	m = take_digits(s, n, i, 2);
	return m < 0 || m > 59 ? -1 : 0;
}

/* Which date-time form `s` is, or -1 when it is none. */
static int datetime_type(const char *s, size_t n, enum tree_type *type)
{
	size_t i = 0;

	if (n > 2 && s[2] == ':') {
		*type = TT_TIME_LOCAL;
		return scan_time(s, n, &i) || i != n ? -1 : 0;
	}
	if (scan_date(s, n, &i))
		return -1;
	*type = TT_DATE_LOCAL;
	if (i == n)
		return 0;
	if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
		return -1;
	i++;
	if (scan_time(s, n, &i))
		return -1;
	*type = TT_DATETIME_LOCAL;
	if (i == n)
		return 0;
	*type = TT_DATETIME;
	return scan_offset(s, n, &i) || i != n ? -1 : 0;
}

/* A date-time token: the buffer gets its normal form. */
static int datetime_value(struct toml_parser *P, const char *s, size_t n,
			  size_t start, enum tree_type *type)
{
	char *b;

	if (datetime_type(s, n, type))
		return fail_at(P, start, "invalid date or time \"%.*s\"",
			       (int)n, s);
	if (buf_add(P, s, n))
		return -1;
	b = P->buf.buf;
	if (*type == TT_DATETIME || *type == TT_DATETIME_LOCAL)
		b[10] = 'T';
	if (b[n - 1] == 'z')
		b[n - 1] = 'Z';
	return 0;
}

/* Whether a token starts like a date (YYYY-) or a time (HH:). */
static int looks_like_datetime(const char *s, size_t n)
{
	if (n >= 3 && is_digit(s[0]) && is_digit(s[1]) && s[2] == ':')
		return 1;
	return n >= 5 && is_digit(s[0]) && is_digit(s[1]) &&
	       is_digit(s[2]) && is_digit(s[3]) && s[4] == '-';
}

/* The end of a token at `start`, taking a date's " HH:" time along. */
static size_t token_end(const struct toml_parser *P, size_t start)
{
	size_t end = start;

	while (is_token_char(peek_at(P, end)))
		end++;
	if (end - start == 10 && looks_like_datetime(P->s + start, 10) &&
	    peek_at(P, end) == ' ' && is_digit(peek_at(P, end + 1)) &&
	    is_digit(peek_at(P, end + 2)) && peek_at(P, end + 3) == ':') {
		end++;
		while (is_token_char(peek_at(P, end)))
			end++;
	}
	return end;
}

/* A bare value: boolean, number or date-time; the buffer gets its text. */
static int parse_bare(struct toml_parser *P, enum tree_type *type)
{
	size_t start = P->pos, end = token_end(P, start), n = end - start;
	const char *s = P->s + start;

	if (!n)
		return fail_expected(P, "a value");
	P->pos = end;
	if ((n == 4 && !memcmp(s, "true", 4)) ||
	    (n == 5 && !memcmp(s, "false", 5))) {
		*type = TT_BOOL;
		return buf_add(P, s, n);
	}
	if (looks_like_datetime(s, n))
		return datetime_value(P, s, n, start, type);
	if (is_special_float(s, n) || is_digit(s[0]) ||
	    ((s[0] == '+' || s[0] == '-') && n > 1))
		return number_value(P, s, n, start, type);
	return fail_at(P, start, "invalid value \"%.*s\"", (int)n, s);
}

/* --- values -------------------------------------------------------------- */

/* Any value at the cursor, `depth` levels below the root. */
static int parse_value(struct toml_parser *P, unsigned depth,
		       struct tree_node **out)
{
	size_t start = P->pos;
	struct toml_point a;
	enum tree_type type = TT_STRING;
	int c = peek(P), rc;

	if (check_depth(P, start, depth))
		return -1;
	if (c == '[')
		return parse_array(P, depth, out);
	if (c == '{')
		return parse_inline_table(P, depth, out);
	a = point_at(P, start);
	sb_reset(&P->buf);
	if ((c == '"' || c == '\'') && is_triple(P, (char)c))
		rc = parse_multiline(P, (char)c);
	else if (c == '"' || c == '\'')
		rc = parse_oneline(P, (char)c);
	else
		rc = parse_bare(P, &type);
	if (rc)
		return -1;
	*out = new_scalar(P, start, type, span_of(a, point_at(P, P->pos)));
	if (!*out)
		return -1;
	if (c == '"' || c == '\'')
		(*out)->flags |= TREE_QUOTED;
	return 0;
}

/* --- the document -------------------------------------------------------- */

static int parse_line(struct toml_parser *P)
{
	int c;

	skip_blanks(P);
	if (skip_comment(P))
		return -1;
	c = peek(P);
	if (c < 0)
		return 0;
	if (newline_len(P, P->pos)) {
		P->pos += newline_len(P, P->pos);
		return 0;
	}
	if (c == '[')
		return parse_header(P);
	if (parse_keyval(P, P->section, P->section_depth))
		return -1;
	return expect_line_end(P, "end of line after value");
}

static void parser_free(struct toml_parser *P)
{
	sb_free(&P->buf);
	free(P->parts);
	free(P->slots);
}

/*
 * Read `src` as TOML 1.0 (see the top of this file).  On success appends
 * one root map to `t` and returns 0.  On malformed input, or when a cap of
 * read.h is reached, adds exactly one DIAG_ERROR to `d` and returns -1;
 * no document is added then (nodes already made stay in the arena until
 * tree_free).  Never aborts on bad input and never prints.
 */
int read_toml(struct tree *t, struct source *src, struct diags *d)
{
	struct toml_parser P;
	int rc = 0;

	memset(&P, 0, sizeof(P));
	P.t = t;
	P.src = src;
	P.d = d;
	P.s = src->data;
	P.len = src->len;
	P.cursor.line = 1;
	P.cursor.col = 1;
	P.buf.max = SOURCE_MAX_BYTES;
	if (src->encoding) {
		diag_add(d, src->path, (struct loc){ 1, 1, 1, 1 }, DIAG_ERROR,
			 "a TOML file must be UTF-8, and this one is %s",
			 src->encoding);
		return -1;
	}
	P.root = tree_map(t, source_span(src, 0, src->len));
	P.section = P.root;
	/* A byte order mark is skipped, and is no column either. */
	if (P.len >= 3 && !memcmp(P.s, TOML_BOM, 3)) {
		P.pos = 3;
		P.cursor.off = 3;
	}
	while (!rc && P.pos < P.len)
		rc = parse_line(&P);
	parser_free(&P);
	if (rc)
		return -1;
	tree_add_doc(t, P.root);
	return 0;
}

static const char *const toml_suffixes[] = { ".toml", NULL };

const struct reader reader_toml = {
	.name = "toml",
	.read = read_toml,
	.suffixes = toml_suffixes,
	.is_kind = true,
	.tagged_dump = true,
};
