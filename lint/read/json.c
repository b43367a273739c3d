/*
 * json.c - JSON (RFC 8259) into the generic tree, with a position for
 * every node.
 *
 * One pass over the text builds the tree as it goes, so memory is the
 * tree's and nothing else (a parser that builds its own values first
 * needs several times that, before any limit could be checked), and every
 * limit is checked the moment it is reached.
 *
 * What it does: strings are checked to be UTF-8 and their escapes decoded
 * (a \u0000 stays in the text, with its length; see READ_NUL_MESSAGE);
 * integers that fit 64 bits get their decimal text, other numbers keep
 * the text as written.  A duplicate key is an error, and the map keeps
 * the last value, as Kubernetes (Go's encoding/json) decodes it.  A UTF-8
 * byte order mark is skipped.
 *
 * What it does not: accept comments, trailing commas, NaN or single
 * quotes (none of them is JSON, and a runtime would refuse them too).
 *
 * Limits: nesting READ_MAX_DEPTH, values READ_MAX_NODES, errors
 * READ_MAX_ERRORS; a string is at most the file.
 */
#include "read/read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct json_ctx {
	struct tree *tree;
	struct source *src;
	struct diags *diags;
	const char *s;
	size_t n, pos;
	size_t nodes;
	unsigned nerrors;
	bool failed;		/* a syntax error: nothing more is read */
	struct strbuf buf;	/* the string being decoded */
};

static void jvfail(struct json_ctx *c, size_t at, bool fatal,
		   const char *fmt, va_list ap)
{
	if (c->failed)
		return;
	c->failed = fatal;
	if (c->nerrors++ >= READ_MAX_ERRORS)
		return;
	diag_vadd(c->diags, c->src->path, source_loc(c->src, at), DIAG_ERROR,
		  fmt, ap);
}

static void jfail(struct json_ctx *c, size_t at, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

/* A syntax error or a limit: the document is not read further. */
static void jfail(struct json_ctx *c, size_t at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jvfail(c, at, true, fmt, ap);
	va_end(ap);
}

static void jreport(struct json_ctx *c, size_t at, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

/* An error after which the document is still read (and judged). */
static void jreport(struct json_ctx *c, size_t at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jvfail(c, at, false, fmt, ap);
	va_end(ap);
}

/* What stands at `pos`, for "... expected near X" messages. */
static void fail_near(struct json_ctx *c, const char *expected)
{
	unsigned char ch;

	if (c->pos >= c->n) {
		jfail(c, c->pos, "JSON syntax: %s expected near end of file",
		      expected);
		return;
	}
	ch = (unsigned char)c->s[c->pos];
	if (ch == '"') {
		size_t len = 1;

		while (len < 40 && c->pos + len < c->n &&
		       c->s[c->pos + len] != '"' && c->s[c->pos + len] != '\n')
			len++;
		len += c->pos + len < c->n && c->s[c->pos + len] == '"';
		jfail(c, c->pos, "JSON syntax: %s expected near '%.*s'",
		      expected, (int)len, c->s + c->pos);
	} else if (ch >= 0x20 && ch < 0x7f)
		jfail(c, c->pos, "JSON syntax: %s expected near '%c'",
		      expected, ch);
	else
		jfail(c, c->pos, "JSON syntax: %s expected near byte 0x%02x",
		      expected, ch);
}

static void skip_ws(struct json_ctx *c)
{
	while (c->pos < c->n && (c->s[c->pos] == ' ' || c->s[c->pos] == '\t' ||
				 c->s[c->pos] == '\n' || c->s[c->pos] == '\r'))
		c->pos++;
}

static bool eat(struct json_ctx *c, char ch)
{
	skip_ws(c);
	if (c->pos < c->n && c->s[c->pos] == ch) {
		c->pos++;
		return true;
	}
	return false;
}

/* --- strings --------------------------------------------------------- */

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Four hex digits at `pos`, or -1. */
static long hex4(struct json_ctx *c)
{
	long v = 0;
	int i;

	if (c->n - c->pos < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		int d = hex_digit(c->s[c->pos + (size_t)i]);

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	c->pos += 4;
	return v;
}

/* A \u escape (after the "u"): one code point, a pair for U+10000 up. */
static bool unicode_escape(struct json_ctx *c, size_t at)
{
	long hi = hex4(c), lo;
	char b[4];
	size_t n;

	if (hi < 0xD800 || hi >= 0xE000) {
		if (hi < 0)
			goto bad;
		n = utf8_encode(b, (uint32_t)hi);
		sb_add(&c->buf, b, n);
		return true;
	}
	if (hi >= 0xDC00 || c->n - c->pos < 2 || c->s[c->pos] != '\\' ||
	    c->s[c->pos + 1] != 'u')
		goto bad;
	c->pos += 2;
	lo = hex4(c);
	if (lo < 0xDC00 || lo >= 0xE000)
		goto bad;
	n = utf8_encode(b, (uint32_t)(0x10000 + ((hi - 0xD800) << 10) +
				      (lo - 0xDC00)));
	sb_add(&c->buf, b, n);
	return true;
bad:
	jfail(c, at, "JSON syntax: invalid \\u escape (a lone surrogate or "
	      "not four hex digits)");
	return false;
}

static bool simple_escape(struct json_ctx *c, char e)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *p = e ? strchr(from, e) : NULL;

	if (!p)
		return false;
	sb_addc(&c->buf, to[p - from]);
	return true;
}

/*
 * The string starting at `pos` (a quote), decoded into c->buf.  Plain
 * runs are copied whole after a UTF-8 check.
 */
static bool read_string(struct json_ctx *c)
{
	size_t start = c->pos++;

	sb_reset(&c->buf);
	while (c->pos < c->n) {
		unsigned char ch = (unsigned char)c->s[c->pos];
		size_t w;

		if (ch == '"') {
			c->pos++;
			return true;
		}
		if (ch == '\\') {
			size_t at = c->pos;

			if (c->pos + 1 >= c->n)
				break;
			c->pos += 2;
			if (c->s[at + 1] == 'u') {
				if (!unicode_escape(c, at))
					return false;
			} else if (!simple_escape(c, c->s[at + 1])) {
				jfail(c, at, "JSON syntax: invalid escape");
				return false;
			}
			continue;
		}
		if (ch < 0x20) {
			jfail(c, c->pos, "JSON syntax: control character "
			      "0x%02x in a string", ch);
			return false;
		}
		w = utf8_sequence(c->s + c->pos, c->n - c->pos);
		if (!w) {
			jfail(c, c->pos, "JSON syntax: invalid UTF-8 (byte "
			      "0x%02x)", ch);
			return false;
		}
		sb_add(&c->buf, c->s + c->pos, w);
		c->pos += w;
	}
	jfail(c, start, "JSON syntax: unterminated string");
	return false;
}

/* --- values ---------------------------------------------------------- */

static struct tree_node *parse_value(struct json_ctx *c, int depth);

static bool count_node(struct json_ctx *c, size_t at)
{
	size_t mib = tree_over_budget(c->tree);

	if (mib) {
		jfail(c, at, READ_BUDGET_FMT, mib);
		return false;
	}
	if (++c->nodes > READ_MAX_NODES) {
		jfail(c, at, "more than %u values in one file",
		      READ_MAX_NODES);
		return false;
	}
	return true;
}

static struct tree_node *string_node(struct json_ctx *c)
{
	size_t start = c->pos;
	struct tree_node *node;

	if (!read_string(c))
		return NULL;
	node = tree_scalar(c->tree, TT_STRING, c->buf.buf ? c->buf.buf : "",
			   c->buf.len, source_span(c->src, start, c->pos));
	node->flags |= TREE_QUOTED;
	if (c->buf.len && memchr(c->buf.buf, '\0', c->buf.len))
		jreport(c, start, "%s", READ_NUL_MESSAGE);
	return node;
}

static void report_duplicate(void *ctx, const struct tree_node *key,
			     const struct tree_node *earlier)
{
	struct json_ctx *c = ctx;

	if (c->nerrors++ >= READ_MAX_ERRORS)
		return;
	diag_add(c->diags, c->src->path, key->loc, DIAG_ERROR,
		 "duplicate key \"%s\" (first at %u:%u); the last one is "
		 "used, as Kubernetes does", key->u.s.text, earlier->loc.line,
		 earlier->loc.col);
}

static bool object_member(struct json_ctx *c, struct tree_node *map,
			  int depth)
{
	struct tree_node *k, *v;

	skip_ws(c);
	if (c->pos >= c->n || c->s[c->pos] != '"') {
		fail_near(c, map->u.map.n ? "string" : "string or '}'");
		return false;
	}
	if (!count_node(c, c->pos))
		return false;
	k = string_node(c);
	if (!k)
		return false;
	if (!eat(c, ':')) {
		fail_near(c, "':'");
		return false;
	}
	v = parse_value(c, depth + 1);
	if (!v)
		return false;
	tree_map_push(c->tree, map, k, v);
	return true;
}

static struct tree_node *parse_object(struct json_ctx *c, int depth)
{
	size_t start = c->pos++;
	struct tree_node *map = tree_map(c->tree, source_loc(c->src, start));

	if (!eat(c, '}')) {
		do {
			if (!object_member(c, map, depth))
				return NULL;
		} while (eat(c, ','));
		if (!eat(c, '}')) {
			fail_near(c, "',' or '}'");
			return NULL;
		}
	}
	map->loc = source_span(c->src, start, c->pos);
	map->u.map.n = tree_pairs_dedupe(map->u.map.pairs, map->u.map.n, true,
					 report_duplicate, c);
	tree_map_index(c->tree, map);
	return map;
}

static struct tree_node *parse_array(struct json_ctx *c, int depth)
{
	size_t start = c->pos++;
	struct tree_node *list = tree_list(c->tree,
					   source_loc(c->src, start));

	if (!eat(c, ']')) {
		do {
			struct tree_node *item = parse_value(c, depth + 1);

			if (!item)
				return NULL;
			tree_list_push(c->tree, list, item);
		} while (eat(c, ','));
		if (!eat(c, ']')) {
			fail_near(c, "',' or ']'");
			return NULL;
		}
	}
	list->loc = source_span(c->src, start, c->pos);
	return list;
}

static size_t skip_digits(struct json_ctx *c)
{
	size_t from = c->pos;

	while (c->pos < c->n && c->s[c->pos] >= '0' && c->s[c->pos] <= '9')
		c->pos++;
	return c->pos - from;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static struct tree_node *parse_number(struct json_ctx *c)
{
	size_t start = c->pos, ndig;
	bool real = false;
	struct loc at;

	if (c->s[c->pos] == '-')
		c->pos++;
	ndig = skip_digits(c);
	if (!ndig || (ndig > 1 && c->s[c->pos - ndig] == '0'))
		goto bad;
	if (c->pos < c->n && c->s[c->pos] == '.') {
		c->pos++;
		real = true;
		if (!skip_digits(c))
			goto bad;
	}
	if (c->pos < c->n && (c->s[c->pos] == 'e' || c->s[c->pos] == 'E')) {
		c->pos++;
		real = true;
		if (c->pos < c->n && (c->s[c->pos] == '+' ||
				      c->s[c->pos] == '-'))
			c->pos++;
		if (!skip_digits(c))
			goto bad;
	}
	at = source_span(c->src, start, c->pos);
	if (!real) {
		char text[32], *end;
		long long v;

		if (c->pos - start < sizeof(text)) {
			memcpy(text, c->s + start, c->pos - start);
			text[c->pos - start] = '\0';
			errno = 0;
			v = strtoll(text, &end, 10);
			if (!errno && !*end) {
				snprintf(text, sizeof(text), "%lld", v);
				return tree_scalar(c->tree, TT_INT, text,
						   strlen(text), at);
			}
		}
		jfail(c, start, "JSON syntax: too big integer");
		return NULL;
	}
	return tree_scalar(c->tree, TT_FLOAT, c->s + start, c->pos - start,
			   at);
bad:
	jfail(c, start, "JSON syntax: invalid number");
	return NULL;
}

/* true, false or null */
static struct tree_node *parse_word(struct json_ctx *c)
{
	static const struct {
		const char *word;
		enum tree_type type;
	} words[] = {
		{ "true", TT_BOOL }, { "false", TT_BOOL }, { "null", TT_NULL },
	};
	size_t i, start = c->pos;

	for (i = 0; i < ARRAY_SIZE(words); i++) {
		size_t len = strlen(words[i].word);

		if (c->n - c->pos < len ||
		    memcmp(c->s + c->pos, words[i].word, len))
			continue;
		c->pos += len;
		return tree_scalar(c->tree, words[i].type,
				   words[i].type == TT_NULL ? "" :
				   words[i].word,
				   words[i].type == TT_NULL ? 0 : len,
				   source_span(c->src, start, c->pos));
	}
	fail_near(c, "a value");
	return NULL;
}

static struct tree_node *parse_value(struct json_ctx *c, int depth)
{
	char ch;

	skip_ws(c);
	if (depth > READ_MAX_DEPTH) {
		jfail(c, c->pos, "nesting deeper than %d levels",
		      READ_MAX_DEPTH);
		return NULL;
	}
	if (c->pos >= c->n) {
		fail_near(c, "a value");
		return NULL;
	}
	if (!count_node(c, c->pos))
		return NULL;
	ch = c->s[c->pos];
	if (ch == '{')
		return parse_object(c, depth);
	if (ch == '[')
		return parse_array(c, depth);
	if (ch == '"')
		return string_node(c);
	if (ch == '-' || (ch >= '0' && ch <= '9'))
		return parse_number(c);
	return parse_word(c);
}

int read_json(struct tree *t, struct source *src, struct diags *d)
{
	struct json_ctx c;
	struct tree_node *root;

	memset(&c, 0, sizeof(c));
	c.tree = t;
	c.src = src;
	c.diags = d;
	c.s = src->data;
	c.n = src->len;
	c.buf.max = SOURCE_MAX_BYTES;
	/* A UTF-8 byte order mark is not JSON, but editors write it. */
	if (c.n >= 3 && !memcmp(c.s, "\xEF\xBB\xBF", 3))
		c.pos = 3;
	root = parse_value(&c, 0);
	skip_ws(&c);
	if (root && c.pos < c.n)
		fail_near(&c, "end of file");
	sb_free(&c.buf);
	if (root && !c.failed)
		tree_add_doc(t, root);
	return c.nerrors ? -1 : 0;
}

static const char *const json_suffixes[] = { ".json", NULL };

const struct reader reader_json = {
	.name = "json",
	.read = read_json,
	.suffixes = json_suffixes,
	.is_kind = true,
};
