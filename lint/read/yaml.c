/*
 * yaml.c - YAML (1.2 core schema, as libyaml reads it) into the generic tree.
 *
 * What it does: every document of a stream becomes one root; anchors and
 * aliases are resolved by sharing the anchored node; merge keys (`<<`) copy
 * the pairs of the merged maps that the map does not set itself; plain
 * scalars get a type (null, bool, int, float, string).  A duplicate key is
 * an error, and the map keeps the last value, as Kubernetes decodes it, so
 * that a duplicate cannot hide from the rules what the cluster would see.
 *
 * A document that goes wrong (a syntax error, an alias to nothing) is
 * reported and dropped, and reading goes on at the next line that starts
 * a document ("---"): the documents around a broken one are judged.
 *
 * What it does not: keep comments (libyaml drops them; the source's lines
 * stay in `struct source` for whoever needs them), apply YAML 1.1 words
 * such as `yes` (tree_bool() does that where a format wants it), or follow
 * tags other than !!str.
 *
 * Limits: nesting READ_MAX_DEPTH, documents READ_MAX_DOCS, errors
 * READ_MAX_ERRORS, and nodes READ_MAX_NODES counting every alias at the
 * full size of what it expands to, so a "billion laughs" file is an error,
 * not an exhausted machine.
 */
#include "read/read.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct anchor {
	char *name;
	struct tree_node *node;
	size_t weight;		/* nodes it stands for, expanded */
};

struct yaml_ctx {
	yaml_parser_t parser;
	struct tree *tree;
	struct source *src;
	struct diags *diags;
	const struct mem_budget *budget;	/* the tree's, or NULL */
	struct anchor *anchors;	/* of the current document */
	size_t nanchors, capanchors;
	size_t weight;		/* nodes so far in the file, expanded */
	uint32_t line_base;	/* lines of the file before this parser's */
	uint32_t fail_line;	/* where the document in hand went wrong */
	unsigned nerrors;	/* errors reported in the file */
	bool failed;		/* the document in hand is given up */
	bool fatal;		/* a limit of the whole file was reached */
};

/* `l` ends at `end` (in the file's lines): a collection at its END event. */
static void set_end(const struct yaml_ctx *c, struct loc *l,
		    const yaml_mark_t *end)
{
	l->end_line = c->line_base + (uint32_t)end->line + 1;
	l->end_col = (uint32_t)end->column + 1;
}

static struct loc mark_loc(const struct yaml_ctx *c, const yaml_mark_t *start,
			   const yaml_mark_t *end)
{
	struct loc l;

	l.line = c->line_base + (uint32_t)start->line + 1;
	l.col = (uint32_t)start->column + 1;
	set_end(c, &l, end);
	return l;
}

static void fail(struct yaml_ctx *c, struct loc loc, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

/*
 * An error in the document in hand: reported (up to READ_MAX_ERRORS in a
 * file), and the document is given up; read_yaml() goes on with the next.
 */
static void fail(struct yaml_ctx *c, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	if (c->failed)
		return;
	c->failed = true;
	c->fail_line = loc.line;
	if (c->nerrors++ >= READ_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	diag_vadd(c->diags, c->src->path, loc, DIAG_ERROR, fmt, ap);
	va_end(ap);
}

static void report(struct yaml_ctx *c, struct loc loc, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

/* An error after which the document is still read (and judged). */
static void report(struct yaml_ctx *c, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	if (c->nerrors++ >= READ_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	diag_vadd(c->diags, c->src->path, loc, DIAG_ERROR, fmt, ap);
	va_end(ap);
}

static void fail_parser(struct yaml_ctx *c)
{
	const yaml_parser_t *p = &c->parser;
	struct loc l = mark_loc(c, &p->problem_mark, &p->problem_mark);

	if (p->error == YAML_MEMORY_ERROR) {
		fail(c, l, "out of memory in the YAML parser");
		c->fatal = true;
		return;
	}
	if (p->context)
		fail(c, l, "YAML syntax: %s %s", p->problem ? p->problem :
		     "error", p->context);
	else
		fail(c, l, "YAML syntax: %s", p->problem ? p->problem :
		     "error");
}

static bool count_nodes(struct yaml_ctx *c, size_t n, struct loc loc)
{
	if (budget_exceeded(c->budget)) {
		fail(c, loc, READ_BUDGET_FMT, tree_over_budget(c->tree));
		c->fatal = true;
		return false;
	}
	if (n > READ_MAX_NODES || c->weight > READ_MAX_NODES - n) {
		fail(c, loc, "more than %u nodes (counting what aliases "
		     "expand to); refusing to expand further", READ_MAX_NODES);
		c->fatal = true;
		return false;
	}
	c->weight += n;
	return true;
}

/* --- scalars ------------------------------------------------------------ */

/* Is s[0..n) one or more digits of `base` (8, 10 or 16)? */
static bool all_digits(const char *s, size_t n, int base)
{
	size_t i;

	if (!n)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ok = base == 8 ? c >= '0' && c <= '7' :
			  (c >= '0' && c <= '9') ||
			  (base == 16 && ((c >= 'a' && c <= 'f') ||
					  (c >= 'A' && c <= 'F')));

		if (!ok)
			return false;
	}
	return true;
}

static bool is_float(const char *s, size_t n)
{
	size_t i = 0, digits = 0;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (n - i == 4 && (!strncmp(s + i, ".inf", 4) ||
			   !strncmp(s + i, ".Inf", 4) ||
			   !strncmp(s + i, ".INF", 4)))
		return true;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		i++;
		digits++;
	}
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			i++;
			digits++;
		}
	}
	if (!digits)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		if (i == n)
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == n;
}

/* Resolve a plain scalar's type (YAML 1.2 core schema). */
static enum tree_type resolve_plain(const char *s, size_t n,
				    struct strbuf *norm)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	static const char *const trues[] = { "true", "True", "TRUE" };
	static const char *const falses[] = { "false", "False", "FALSE" };
	size_t i;
	int base = 0, off = 0;
	/*
	 * The words are 5 bytes at most and start with one of these: other
	 * scalars skip the search.
	 */
	bool wordlike = n <= 5 &&
			(!n || s[0] == '~' || s[0] == 'n' || s[0] == 'N' ||
			 s[0] == 't' || s[0] == 'T' || s[0] == 'f' ||
			 s[0] == 'F');

	/*
	 * A number starts with a digit, a sign or a point: most keys and
	 * names are strings by their first byte.
	 */
	if (!wordlike && !(s[0] >= '0' && s[0] <= '9') && s[0] != '-' &&
	    s[0] != '+' && s[0] != '.')
		return TT_STRING;

	for (i = 0; wordlike && i < ARRAY_SIZE(nulls); i++)
		if (strlen(nulls[i]) == n && !memcmp(s, nulls[i], n))
			return TT_NULL;
	for (i = 0; wordlike && n >= 4 && i < ARRAY_SIZE(trues); i++) {
		if (strlen(trues[i]) == n && !memcmp(s, trues[i], n)) {
			sb_adds(norm, "true");
			return TT_BOOL;
		}
		if (strlen(falses[i]) == n && !memcmp(s, falses[i], n)) {
			sb_adds(norm, "false");
			return TT_BOOL;
		}
	}
	if (n > 2 && s[0] == '0' && s[1] == 'x' &&
	    all_digits(s + 2, n - 2, 16)) {
		base = 16;
		off = 2;
	} else if (n > 2 && s[0] == '0' && s[1] == 'o' &&
		   all_digits(s + 2, n - 2, 8)) {
		base = 8;
		off = 2;
	} else if (all_digits(s + (*s == '-' || *s == '+'),
			      n - (*s == '-' || *s == '+'), 10)) {
		base = 10;
	}
	if (base && n - (size_t)off <= 20) {
		char buf[32], *end;
		long long v;

		memcpy(buf, s + off, n - (size_t)off);
		buf[n - (size_t)off] = '\0';
		errno = 0;
		v = strtoll(buf, &end, base);
		if (*end == '\0' && errno == 0) {
			/* Written as it would be printed: kept as it is. */
			if (base != 10 || s[0] == '+' ||
			    (n > 1 + (s[0] == '-') && s[s[0] == '-'] == '0') ||
			    (v == 0 && s[0] == '-'))
				sb_add_int(norm, v);
			return TT_INT;
		}
	}
	if (is_float(s, n) || (n == 4 && (!strncmp(s, ".nan", 4) ||
					  !strncmp(s, ".NaN", 4) ||
					  !strncmp(s, ".NAN", 4))))
		return TT_FLOAT;
	return TT_STRING;
}

/* The scalar of `ev`, which starts and ends at `loc`. */
static struct tree_node *make_scalar(struct yaml_ctx *c,
				     const yaml_event_t *ev, struct loc loc)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	struct strbuf norm = STRBUF_INIT;
	enum tree_type type = TT_STRING;
	struct tree_node *node;

	/* The reader takes no NUL as it is: only an escape can make one. */
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    memchr(s, '\0', n))
		report(c, loc, "%s", READ_NUL_MESSAGE);
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    !(tag && !strcmp(tag, YAML_STR_TAG)))
		type = resolve_plain(s, n, &norm);
	if (type == TT_NULL) {
		node = tree_scalar(c->tree, TT_NULL, "", 0, loc);
	} else if (norm.len) {
		node = tree_scalar(c->tree, type, norm.buf, norm.len, loc);
	} else {
		node = tree_scalar(c->tree, type, s, n, loc);
	}
	if (norm.buf)
		sb_free(&norm);
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		node->flags |= TREE_QUOTED;
	return node;
}

/* --- anchors ------------------------------------------------------------- */

static void anchor_set(struct yaml_ctx *c, const char *name,
		       struct tree_node *node, size_t weight)
{
	struct anchor *a;
	size_t i;

	/* A later anchor of the same name shadows the earlier one. */
	for (i = 0; i < c->nanchors; i++) {
		if (!strcmp(c->anchors[i].name, name)) {
			c->anchors[i].node = node;
			c->anchors[i].weight = weight;
			return;
		}
	}
	c->anchors = xgrow(c->anchors, &c->capanchors, c->nanchors + 1,
			   sizeof(*c->anchors));
	a = &c->anchors[c->nanchors++];
	a->name = xstrdup(name);
	a->node = node;
	a->weight = weight;
}

static const struct anchor *anchor_get(struct yaml_ctx *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nanchors; i++)
		if (!strcmp(c->anchors[i].name, name))
			return &c->anchors[i];
	return NULL;
}

static void anchors_clear(struct yaml_ctx *c)
{
	size_t i;

	for (i = 0; i < c->nanchors; i++)
		free(c->anchors[i].name);
	c->nanchors = 0;
}

/* --- nodes ---------------------------------------------------------------- */

static struct tree_node *parse_node(struct yaml_ctx *c, yaml_event_t *ev,
				    int depth);

static bool next_event(struct yaml_ctx *c, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&c->parser, ev)) {
		fail_parser(c);
		return false;
	}
	return true;
}

static bool is_merge_key(const struct tree_node *k)
{
	return k->kind == TREE_SCALAR && !(k->flags & TREE_QUOTED) &&
	       k->u.s.len == 2 && !memcmp(k->u.s.text, "<<", 2);
}

static void report_duplicate(void *ctx, const struct tree_node *key,
			     const struct tree_node *earlier)
{
	report(ctx, key->loc, "duplicate key \"%s\" (first at %u:%u); the "
	       "last one is used, as Kubernetes does", key->u.s.text,
	       earlier->loc.line, earlier->loc.col);
}

/* Append the pairs of merged map `from` to the candidates. */
static bool merge_candidates(struct yaml_ctx *c, const struct tree_node *from,
			     struct loc at, struct tree_pair **v, size_t *n,
			     size_t *cap)
{
	size_t i;

	if (from->kind != TREE_MAP) {
		fail(c, at, "a merge key (<<) takes a map or a list of maps");
		return false;
	}
	for (i = 0; i < from->u.map.n; i++) {
		if (!count_nodes(c, 2, at))
			return false;
		*v = xgrow(*v, cap, *n + 1, sizeof(**v));
		(*v)[(*n)++] = from->u.map.pairs[i];
	}
	return true;
}

/*
 * Merge keys: the map's own keys win, then among merged maps the earlier
 * one.  The candidates are listed in that order and the first of each
 * key kept (sorted, so a large map merged into a large map stays n log n).
 */
static bool apply_merges(struct yaml_ctx *c, struct tree_node *map,
			 struct tree_node **merges, const struct loc *at,
			 size_t nmerges)
{
	struct tree_pair *v = NULL;
	size_t n = 0, cap = 0, i, j;
	bool ok = true;

	v = xgrow(v, &cap, map->u.map.n + 1, sizeof(*v));
	for (i = 0; i < map->u.map.n; i++)
		v[n++] = map->u.map.pairs[i];
	for (i = 0; i < nmerges && ok; i++) {
		const struct tree_node *m = merges[i];

		if (m->kind != TREE_LIST) {
			ok = merge_candidates(c, m, at[i], &v, &n, &cap);
			continue;
		}
		for (j = 0; j < m->u.list.n && ok; j++)
			ok = merge_candidates(c, m->u.list.items[j], at[i],
					      &v, &n, &cap);
	}
	if (ok) {
		n = tree_pairs_dedupe(v, n, false, NULL, NULL);
		map->u.map.n = 0;
		for (i = 0; i < n; i++)
			tree_map_push(c->tree, map, v[i].key, v[i].value);
	}
	free(v);
	return ok;
}

static struct tree_node *parse_mapping(struct yaml_ctx *c, yaml_event_t *ev,
				       int depth)
{
	struct tree_node *map = tree_map(c->tree,
					 mark_loc(c, &ev->start_mark,
						  &ev->end_mark));
	struct tree_node **merges = NULL;
	struct loc *merge_at = NULL;
	size_t nmerges = 0, capm = 0, capl = 0;
	yaml_event_t kev, vev;

	for (;;) {
		struct tree_node *k, *v;

		if (!next_event(c, &kev))
			goto fail;
		if (kev.type == YAML_MAPPING_END_EVENT) {
			set_end(c, &map->loc, &kev.end_mark);
			yaml_event_delete(&kev);
			break;
		}
		k = parse_node(c, &kev, depth + 1);
		yaml_event_delete(&kev);
		if (!k)
			goto fail;
		if (k->kind != TREE_SCALAR) {
			fail(c, k->loc, "a map key must be a scalar");
			goto fail;
		}
		if (!next_event(c, &vev))
			goto fail;
		v = parse_node(c, &vev, depth + 1);
		yaml_event_delete(&vev);
		if (!v)
			goto fail;
		if (is_merge_key(k)) {
			merges = xgrow(merges, &capm, nmerges + 1,
				       sizeof(*merges));
			merge_at = xgrow(merge_at, &capl, nmerges + 1,
					 sizeof(*merge_at));
			merges[nmerges] = v;
			merge_at[nmerges++] = k->loc;
			continue;
		}
		tree_map_push(c->tree, map, k, v);
	}
	/* Kubernetes decodes the last of two equal keys; so do we. */
	map->u.map.n = tree_pairs_dedupe(map->u.map.pairs, map->u.map.n, true,
					 report_duplicate, c);
	if (nmerges && !apply_merges(c, map, merges, merge_at, nmerges))
		goto fail;
	tree_map_index(c->tree, map);
	free(merges);
	free(merge_at);
	return map;
fail:
	free(merges);
	free(merge_at);
	return NULL;
}

static struct tree_node *parse_sequence(struct yaml_ctx *c, yaml_event_t *ev,
					int depth)
{
	struct tree_node *list = tree_list(c->tree,
					   mark_loc(c, &ev->start_mark,
						    &ev->end_mark));
	yaml_event_t iev;

	for (;;) {
		struct tree_node *item;

		if (!next_event(c, &iev))
			return NULL;
		if (iev.type == YAML_SEQUENCE_END_EVENT) {
			set_end(c, &list->loc, &iev.end_mark);
			yaml_event_delete(&iev);
			return list;
		}
		item = parse_node(c, &iev, depth + 1);
		yaml_event_delete(&iev);
		if (!item)
			return NULL;
		tree_list_push(c->tree, list, item);
	}
}

/*
 * Build the node that starts with `ev` (which the caller deletes).  Returns
 * NULL after reporting an error.
 */
static struct tree_node *parse_node(struct yaml_ctx *c, yaml_event_t *ev,
				    int depth)
{
	struct loc loc = mark_loc(c, &ev->start_mark, &ev->end_mark);
	const char *anchor = NULL;
	struct tree_node *node = NULL;
	size_t before = c->weight;

	if (depth > READ_MAX_DEPTH) {
		fail(c, loc, "nesting deeper than %d levels", READ_MAX_DEPTH);
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT: {
		const struct anchor *a =
			anchor_get(c, (const char *)ev->data.alias.anchor);

		if (!a) {
			fail(c, loc, "alias *%s names no anchor before it",
			     (const char *)ev->data.alias.anchor);
			return NULL;
		}
		if (!count_nodes(c, a->weight, loc))
			return NULL;
		return a->node;
	}
	case YAML_SCALAR_EVENT:
		anchor = (const char *)ev->data.scalar.anchor;
		if (!count_nodes(c, 1, loc))
			return NULL;
		node = make_scalar(c, ev, loc);
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = (const char *)ev->data.sequence_start.anchor;
		if (!count_nodes(c, 1, loc))
			return NULL;
		node = parse_sequence(c, ev, depth);
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = (const char *)ev->data.mapping_start.anchor;
		if (!count_nodes(c, 1, loc))
			return NULL;
		node = parse_mapping(c, ev, depth);
		break;
	default:
		fail(c, loc, "unexpected YAML event");
		return NULL;
	}
	if (node && anchor)
		anchor_set(c, anchor, node, c->weight - before);
	return node;
}

/*
 * Read documents until the stream ends (0) or one goes wrong (-1).  Only
 * whole documents, DOCUMENT-END included, join the tree.
 */
static int parse_stream(struct yaml_ctx *c)
{
	yaml_event_t ev;

	for (;;) {
		struct tree_node *root;

		if (!next_event(c, &ev))
			return -1;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (ev.type != YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if (c->tree->ndocs >= READ_MAX_DOCS) {
			fail(c, mark_loc(c, &ev.start_mark, &ev.end_mark),
			     "more than %d documents in one file",
			     READ_MAX_DOCS);
			c->fatal = true;
			yaml_event_delete(&ev);
			return -1;
		}
		yaml_event_delete(&ev);
		if (!next_event(c, &ev))
			return -1;
		root = parse_node(c, &ev, 0);
		yaml_event_delete(&ev);
		if (!root || !next_event(c, &ev))
			return -1;
		yaml_event_delete(&ev);	/* DOCUMENT-END */
		tree_add_doc(c->tree, root);
		anchors_clear(c);
	}
}

/* Is line `line` (1-based) a document start marker, "---" and a blank? */
static bool is_doc_start(struct source *src, unsigned line)
{
	size_t len;
	const char *s = source_line(src, line, &len);

	return s && len >= 3 && !memcmp(s, "---", 3) &&
	       (len == 3 || s[3] == ' ' || s[3] == '\t');
}

/*
 * Where to go on after a document went wrong at line `bad`: the next line
 * that starts a document, after line `from` (where the parser in hand
 * started, so that every restart moves on).  A "---" at the start of a
 * line always starts a document (it may stand in no scalar), so what
 * follows it is read exactly as a whole-stream parser, and kubectl's
 * splitter, would read it.  0: none.
 */
static unsigned next_doc_line(struct source *src, unsigned bad, unsigned from)
{
	unsigned line = bad > from ? bad : from + 1;
	size_t len;

	for (; source_line(src, line, &len); line++)
		if (is_doc_start(src, line))
			return line;
	return 0;
}

/* Parse the stream from line `first` (1-based) to its end or an error. */
static int parse_from(struct yaml_ctx *c, unsigned first)
{
	size_t len, off;
	const char *start = source_line(c->src, first, &len);
	int rc;

	off = (size_t)(start - c->src->data);
	c->line_base = first - 1;
	c->failed = false;
	c->fail_line = 0;
	if (!yaml_parser_initialize(&c->parser))
		die_oom(0);
	yaml_parser_set_input_string(&c->parser,
				     (const unsigned char *)start,
				     c->src->len - off);
	rc = parse_stream(c);
	anchors_clear(c);
	yaml_parser_delete(&c->parser);
	return rc;
}

int read_yaml(struct tree *t, struct source *src, struct diags *d)
{
	struct yaml_ctx c;
	unsigned first = 1;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	c.tree = t;
	c.budget = arena_budget(t->arena);
	c.src = src;
	c.diags = d;
	while (first && parse_from(&c, first)) {
		rc = -1;
		if (c.fatal || c.nerrors >= READ_MAX_ERRORS)
			break;
		first = next_doc_line(src, c.fail_line ? c.fail_line : first,
				      first);
	}
	free(c.anchors);
	return rc || c.nerrors ? -1 : 0;
}

static const char *const yaml_suffixes[] = { ".yaml", ".yml", NULL };

const struct reader reader_yaml = {
	.name = "yaml",
	.read = read_yaml,
	.suffixes = yaml_suffixes,
	.is_kind = true,
};
