/*
 * json.c - JSON into the generic tree, with a position for every node.
 *
 * jansson parses and validates (and gives the error position when the text
 * is not JSON); it does not say where each value sits.  So a second pass
 * walks the text and the parsed value side by side: the text is known to be
 * valid JSON by then, so that pass only skips tokens, in the order jansson
 * keeps object members (insertion order), and records where each key and
 * value starts and ends.
 *
 * Duplicate keys are rejected (as in YAML: which one wins is up to the
 * parser).  Limits: nesting READ_MAX_DEPTH, nodes READ_MAX_NODES.
 */
#include "read/read.h"

#include <inttypes.h>
#include <jansson.h>
#include <string.h>

struct json_ctx {
	struct tree *tree;
	struct source *src;
	struct diags *diags;
	const char *s;
	size_t n, pos;
	size_t nodes;
	bool failed;
};

static void jfail(struct json_ctx *c, size_t at, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

static void jfail(struct json_ctx *c, size_t at, const char *fmt, ...)
{
	va_list ap;

	if (c->failed)
		return;
	c->failed = true;
	va_start(ap, fmt);
	diag_vadd(c->diags, c->src->path, source_loc(c->src, at), DIAG_ERROR,
		  fmt, ap);
	va_end(ap);
}

static void skip_ws(struct json_ctx *c)
{
	while (c->pos < c->n && strchr(" \t\r\n", c->s[c->pos]) &&
	       c->s[c->pos])
		c->pos++;
}

static void skip_string(struct json_ctx *c)
{
	c->pos++;		/* the opening quote */
	while (c->pos < c->n && c->s[c->pos] != '"') {
		if (c->s[c->pos] == '\\')
			c->pos++;
		c->pos++;
	}
	c->pos++;		/* the closing quote */
}

static void skip_atom(struct json_ctx *c)
{
	while (c->pos < c->n && !strchr(",]} \t\r\n", c->s[c->pos]))
		c->pos++;
}

static void expect(struct json_ctx *c, char ch)
{
	skip_ws(c);
	if (c->pos < c->n && c->s[c->pos] == ch)
		c->pos++;
}

static struct tree_node *convert(struct json_ctx *c, json_t *v, int depth);

static struct tree_node *convert_object(struct json_ctx *c, json_t *v,
					size_t start, int depth)
{
	struct tree_node *map = tree_map(c->tree, source_loc(c->src, start));
	const char *key;
	json_t *val;
	void *it;

	c->pos++;		/* { */
	for (it = json_object_iter(v); it;
	     it = json_object_iter_next(v, it)) {
		struct tree_node *k, *vn;
		size_t kstart;

		key = json_object_iter_key(it);
		val = json_object_iter_value(it);
		skip_ws(c);
		kstart = c->pos;
		skip_string(c);
		k = tree_scalar(c->tree, TT_STRING, key, strlen(key),
				source_span(c->src, kstart, c->pos));
		k->flags |= TREE_QUOTED;
		expect(c, ':');
		vn = convert(c, val, depth + 1);
		if (!vn)
			return NULL;
		tree_map_push(c->tree, map, k, vn);
		expect(c, ',');
	}
	expect(c, '}');
	map->loc = source_span(c->src, start, c->pos);
	return map;
}

static struct tree_node *convert_array(struct json_ctx *c, json_t *v,
				       size_t start, int depth)
{
	struct tree_node *list = tree_list(c->tree,
					   source_loc(c->src, start));
	size_t i;

	c->pos++;		/* [ */
	for (i = 0; i < json_array_size(v); i++) {
		struct tree_node *item = convert(c, json_array_get(v, i),
						 depth + 1);

		if (!item)
			return NULL;
		tree_list_push(c->tree, list, item);
		expect(c, ',');
	}
	expect(c, ']');
	list->loc = source_span(c->src, start, c->pos);
	return list;
}

static struct tree_node *convert(struct json_ctx *c, json_t *v, int depth)
{
	struct tree_node *node;
	size_t start;
	char num[32];

	skip_ws(c);
	start = c->pos;
	if (depth > READ_MAX_DEPTH) {
		jfail(c, start, "nesting deeper than %d levels",
		      READ_MAX_DEPTH);
		return NULL;
	}
	if (++c->nodes > READ_MAX_NODES) {
		jfail(c, start, "more than %u values in one file",
		      READ_MAX_NODES);
		return NULL;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return convert_object(c, v, start, depth);
	case JSON_ARRAY:
		return convert_array(c, v, start, depth);
	case JSON_STRING:
		skip_string(c);
		node = tree_scalar(c->tree, TT_STRING, json_string_value(v),
				   json_string_length(v),
				   source_span(c->src, start, c->pos));
		node->flags |= TREE_QUOTED;
		return node;
	case JSON_INTEGER:
		skip_atom(c);
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		return tree_scalar(c->tree, TT_INT, num, strlen(num),
				   source_span(c->src, start, c->pos));
	case JSON_REAL:
		skip_atom(c);
		return tree_scalar(c->tree, TT_FLOAT, c->s + start,
				   c->pos - start,
				   source_span(c->src, start, c->pos));
	case JSON_TRUE:
	case JSON_FALSE:
		skip_atom(c);
		return tree_scalar(c->tree, TT_BOOL, c->s + start,
				   c->pos - start,
				   source_span(c->src, start, c->pos));
	case JSON_NULL:
		skip_atom(c);
		return tree_scalar(c->tree, TT_NULL, "", 0,
				   source_span(c->src, start, c->pos));
	}
	return NULL;
}

/*
 * jansson's error position counts bytes up to and including where it
 * stopped; point at the character it stopped on.
 */
static size_t error_offset(const json_error_t *e, size_t len)
{
	size_t at = e->position > 0 ? (size_t)e->position - 1 : 0;

	return at > len ? len : at;
}

int read_json(struct tree *t, struct source *src, struct diags *d)
{
	struct json_ctx c;
	json_error_t err;
	json_t *root;
	struct tree_node *node;
	size_t skip = 0;

	memset(&c, 0, sizeof(c));
	c.tree = t;
	c.src = src;
	c.diags = d;
	c.s = src->data;
	c.n = src->len;
	/* A UTF-8 byte order mark is not JSON, but editors write it. */
	if (c.n >= 3 && !memcmp(c.s, "\xEF\xBB\xBF", 3))
		skip = 3;
	root = json_loadb(c.s + skip, c.n - skip,
			  JSON_DECODE_ANY | JSON_REJECT_DUPLICATES |
			  JSON_ALLOW_NUL, &err);
	if (!root) {
		jfail(&c, skip + error_offset(&err, c.n - skip),
		      "JSON syntax: %s", err.text);
		return -1;
	}
	c.pos = skip;
	node = convert(&c, root, 0);
	json_decref(root);
	if (!node)
		return -1;
	tree_add_doc(t, node);
	return 0;
}

static const char *const json_suffixes[] = { ".json", NULL };

const struct reader reader_json = {
	.name = "json",
	.read = read_json,
	.suffixes = json_suffixes,
	.is_kind = true,
};
