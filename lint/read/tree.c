/*
 * tree.c - the generic tree: construction, lookup and JSON dumps.
 */
#include "read/tree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct tree *tree_new(void)
{
	struct tree *t = xcalloc(1, sizeof(*t));

	t->arena = arena_new();
	return t;
}

void tree_free(struct tree *t)
{
	if (!t)
		return;
	arena_free(t->arena);
	free(t->docs);
	free(t);
}

void tree_add_doc(struct tree *t, struct tree_node *root)
{
	if (t->on_doc) {
		t->on_doc(t->on_doc_ctx, root);
		t->ndocs++;
		arena_reset(t->arena);
		return;
	}
	t->docs = xgrow(t->docs, &t->capdocs, t->ndocs + 1, sizeof(*t->docs));
	t->docs[t->ndocs++] = root;
}

static struct tree_node *node_new(struct tree *t, enum tree_kind kind,
				  struct loc loc)
{
	struct tree_node *n = arena_alloc(t->arena, sizeof(*n));

	n->kind = (uint8_t)kind;
	n->loc = loc;
	return n;
}

struct tree_node *tree_scalar(struct tree *t, enum tree_type type,
			      const char *text, size_t len, struct loc loc)
{
	struct tree_node *n = node_new(t, TREE_SCALAR, loc);

	n->type = (uint8_t)type;
	n->u.s.text = arena_strndup(t->arena, text, len);
	n->u.s.len = len;
	return n;
}

struct tree_node *tree_list(struct tree *t, struct loc loc)
{
	return node_new(t, TREE_LIST, loc);
}

struct tree_node *tree_map(struct tree *t, struct loc loc)
{
	return node_new(t, TREE_MAP, loc);
}

/* Capacity is implicit: the next power of two at or above n (min 4). */
static size_t implicit_cap(size_t n)
{
	size_t c = 4;

	while (c < n)
		c *= 2;
	return c;
}

static void *arena_grow(struct arena *a, void *old, size_t n, size_t elem)
{
	void *p;

	if (n && n < implicit_cap(n))
		return old;
	/* Empty, or exactly full: move to a block twice as large. */
	p = arena_alloc(a, implicit_cap(n + 1) * elem);
	if (n)
		memcpy(p, old, n * elem);
	return p;
}

void tree_list_push(struct tree *t, struct tree_node *list,
		    struct tree_node *item)
{
	size_t n = list->u.list.n;

	list->u.list.items = arena_grow(t->arena, list->u.list.items, n,
					sizeof(*list->u.list.items));
	list->u.list.items[n] = item;
	list->u.list.n = n + 1;
}

void tree_map_push(struct tree *t, struct tree_node *map,
		   struct tree_node *key, struct tree_node *value)
{
	size_t n = map->u.map.n;

	map->flags &= (uint8_t)~TREE_INDEXED;
	map->u.map.pairs = arena_grow(t->arena, map->u.map.pairs, n,
				      sizeof(*map->u.map.pairs));
	map->u.map.pairs[n].key = key;
	map->u.map.pairs[n].value = value;
	map->u.map.n = n + 1;
}

size_t tree_over_budget(const struct tree *t)
{
	const struct mem_budget *b = arena_budget(t->arena);

	return budget_exceeded(b) ? (b->limit >> 20) + !(b->limit >> 20) : 0;
}

/* --- duplicate keys ---------------------------------------------------- */

/* A pair with its place in the array it came from. */
struct ranked_pair {
	struct tree_pair pair;
	size_t rank;
};

static bool same_key(const struct tree_node *a, const struct tree_node *b)
{
	return a->u.s.len == b->u.s.len &&
	       !memcmp(a->u.s.text, b->u.s.text, a->u.s.len);
}

/* Key `k` against `len` bytes at `key`: by bytes, then by length. */
static int key_cmp(const struct tree_node *k, const char *key, size_t len)
{
	size_t n = k->u.s.len < len ? k->u.s.len : len;
	int r = memcmp(k->u.s.text, key, n);

	if (r)
		return r;
	return k->u.s.len < len ? -1 : k->u.s.len > len;
}

/* By key bytes, then by place. */
static int ranked_cmp(const void *pa, const void *pb)
{
	const struct ranked_pair *a = pa, *b = pb;
	const struct tree_node *kb = b->pair.key;
	int r = key_cmp(a->pair.key, kb->u.s.text, kb->u.s.len);

	if (r)
		return r;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

static int rank_cmp(const void *pa, const void *pb)
{
	const struct ranked_pair *a = pa, *b = pb;

	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

/*
 * Maps of up to this many keys are first searched for a repeated key
 * pair by pair (at most 120 short compares), which costs less than the
 * sort; almost every map has no repeated key and is then left as it is.
 */
#define DEDUPE_FAST_KEYS 16

static bool any_key_repeats(const struct tree_pair *pairs, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++)
			if (same_key(pairs[i].key, pairs[j].key))
				return true;
	return false;
}

size_t tree_pairs_dedupe(struct tree_pair *pairs, size_t n, bool keep_last,
			 tree_dup_fn *dup, void *ctx)
{
	struct ranked_pair *v;
	size_t i, out = 0;

	if (n < 2)
		return n;
	if (n <= DEDUPE_FAST_KEYS && !any_key_repeats(pairs, n))
		return n;
	v = xmalloc(n * sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].pair = pairs[i];
		v[i].rank = i;
	}
	qsort(v, n, sizeof(*v), ranked_cmp);
	for (i = 0; i < n; i++) {
		bool later = i + 1 < n && same_key(v[i].pair.key,
						   v[i + 1].pair.key);
		bool earlier = out && same_key(v[out - 1].pair.key,
					       v[i].pair.key);

		if (later && dup)
			dup(ctx, v[i + 1].pair.key, v[i].pair.key);
		if (keep_last ? later : earlier)
			continue;
		v[out++] = v[i];
	}
	qsort(v, out, sizeof(*v), rank_cmp);
	for (i = 0; i < out; i++)
		pairs[i] = v[i].pair;
	free(v);
	return out;
}

/* --- lookup ---------------------------------------------------------- */

/* Maps of more keys than this are indexed; smaller ones are scanned. */
#define INDEX_MIN_KEYS 16

/* The pairs' order by key, kept after the room of the pairs' block. */
static uint32_t *map_order(const struct tree_node *map)
{
	return (uint32_t *)(map->u.map.pairs + implicit_cap(map->u.map.n));
}

static int order_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct tree_pair *pairs = ctx;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct tree_node *kb = pairs[b].key;
	int r = key_cmp(pairs[a].key, kb->u.s.text, kb->u.s.len);

	if (r)
		return r;
	return a < b ? -1 : a > b;
}

void tree_map_index(struct tree *t, struct tree_node *map)
{
	size_t n = map->u.map.n, cap = implicit_cap(n), i;
	struct tree_pair *pairs;
	uint32_t *order;

	if (map->kind != TREE_MAP || n <= INDEX_MIN_KEYS || n > UINT32_MAX)
		return;
	/* the pairs' room kept as it was, for a push after this */
	pairs = arena_alloc(t->arena, cap * sizeof(*pairs) +
				      n * sizeof(*order));
	memcpy(pairs, map->u.map.pairs, n * sizeof(*pairs));
	map->u.map.pairs = pairs;
	order = map_order(map);
	for (i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, n, sizeof(*order), order_cmp, pairs);
	map->flags |= TREE_INDEXED;
}

/* A key looked up in an indexed map. */
struct map_key {
	const struct tree_pair *pairs;
	const char *text;
	size_t len;
};

/* The pair an entry of the order names, against the key looked up. */
static int order_key_cmp(const void *elem, const void *key)
{
	const struct map_key *k = key;

	return key_cmp(k->pairs[*(const uint32_t *)elem].key, k->text,
		       k->len);
}

const struct tree_pair *tree_get_indexed(const struct tree_node *map,
					 const char *key, size_t len)
{
	const uint32_t *order = map_order(map);
	struct map_key k = { map->u.map.pairs, key, len };
	size_t lo = sorted_lower_bound(order, 0, map->u.map.n, sizeof(*order),
				       &k, order_key_cmp);

	if (lo < map->u.map.n &&
	    !key_cmp(map->u.map.pairs[order[lo]].key, key, len))
		return &map->u.map.pairs[order[lo]];
	return NULL;
}

struct tree_node *tree_path(const struct tree_node *n, const char *path)
{
	char part[128];
	const char *dot;

	while (n && *path) {
		size_t len;

		dot = strchr(path, '.');
		len = dot ? (size_t)(dot - path) : strlen(path);
		if (len >= sizeof(part))
			return NULL;
		memcpy(part, path, len);
		part[len] = '\0';
		n = tree_get(n, part);
		path += len + (dot ? 1 : 0);
	}
	return (struct tree_node *)n;
}

const char *tree_text(const struct tree_node *n)
{
	if (!n || n->kind != TREE_SCALAR || n->type == TT_NULL)
		return NULL;
	return n->u.s.text;
}

bool tree_is_map(const struct tree_node *n)
{
	return n && n->kind == TREE_MAP;
}

bool tree_is_list(const struct tree_node *n)
{
	return n && n->kind == TREE_LIST;
}

bool tree_is_scalar(const struct tree_node *n)
{
	return n && n->kind == TREE_SCALAR && n->type != TT_NULL;
}

int tree_bool(const struct tree_node *n)
{
	static const char *const yes[] = { "y", "yes", "on" };
	static const char *const no[] = { "n", "no", "off" };
	const char *s = tree_text(n);
	size_t i;

	if (!s)
		return -1;
	if (!strcasecmp(s, "true"))
		return 1;
	if (!strcasecmp(s, "false"))
		return 0;
	if (n->flags & TREE_QUOTED)
		return -1;
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcasecmp(s, yes[i]))
			return 1;
		if (!strcasecmp(s, no[i]))
			return 0;
	}
	return -1;
}

bool tree_int(const struct tree_node *n, int64_t *out)
{
	const char *s = tree_text(n);
	char *end;
	long long v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

/* --- dump -------------------------------------------------------------- */

const char *tree_type_name(enum tree_type type)
{
	switch (type) {
	case TT_STRING: return "string";
	case TT_NULL: return "null";
	case TT_BOOL: return "bool";
	case TT_INT: return "integer";
	case TT_FLOAT: return "float";
	case TT_DATETIME: return "datetime";
	case TT_DATETIME_LOCAL: return "datetime-local";
	case TT_DATE_LOCAL: return "date-local";
	case TT_TIME_LOCAL: return "time-local";
	}
	return "?";
}

static void indent(struct strbuf *sb, int depth)
{
	sb_addc(sb, '\n');
	while (depth-- > 0)
		sb_adds(sb, "  ");
}

static void dump_string(struct strbuf *sb, const char *s, size_t n)
{
	sb_addc(sb, '"');
	sb_add_json_escaped(sb, s, n);
	sb_addc(sb, '"');
}

static void dump_at(struct strbuf *sb, struct loc l)
{
	sb_addf(sb, "\"at\": \"%u:%u\"", l.line, l.col);
}

static void dump_node(struct strbuf *sb, const struct tree_node *n,
		      enum tree_dump_style style, int depth)
{
	size_t i;

	if (n->kind == TREE_SCALAR) {
		if (style == TREE_DUMP_TAGGED) {
			sb_adds(sb, "{\"type\": ");
			dump_string(sb, tree_type_name(n->type),
				    strlen(tree_type_name(n->type)));
			sb_adds(sb, ", \"value\": ");
		} else {
			sb_addc(sb, '{');
			dump_at(sb, n->loc);
			sb_adds(sb, ", \"type\": \"");
			sb_adds(sb, tree_type_name(n->type));
			sb_adds(sb, "\", \"value\": ");
		}
		dump_string(sb, n->u.s.text, n->u.s.len);
		sb_addc(sb, '}');
		return;
	}
	if (n->kind == TREE_LIST) {
		if (style == TREE_DUMP_NODES) {
			sb_addc(sb, '{');
			dump_at(sb, n->loc);
			sb_adds(sb, ", \"list\": ");
		}
		sb_addc(sb, '[');
		for (i = 0; i < n->u.list.n; i++) {
			if (i)
				sb_addc(sb, ',');
			indent(sb, depth + 1);
			dump_node(sb, n->u.list.items[i], style, depth + 1);
		}
		if (n->u.list.n)
			indent(sb, depth);
		sb_addc(sb, ']');
		if (style == TREE_DUMP_NODES)
			sb_addc(sb, '}');
		return;
	}
	if (style == TREE_DUMP_NODES) {
		sb_addc(sb, '{');
		dump_at(sb, n->loc);
		sb_adds(sb, ", \"map\": [");
	} else {
		sb_addc(sb, '{');
	}
	for (i = 0; i < n->u.map.n; i++) {
		const struct tree_pair *p = &n->u.map.pairs[i];

		if (i)
			sb_addc(sb, ',');
		indent(sb, depth + 1);
		if (style == TREE_DUMP_NODES) {
			sb_adds(sb, "{\"key\": ");
			dump_string(sb, p->key->u.s.text, p->key->u.s.len);
			sb_adds(sb, ", ");
			dump_at(sb, p->key->loc);
			sb_adds(sb, ", \"value\": ");
			dump_node(sb, p->value, style, depth + 1);
			sb_addc(sb, '}');
		} else {
			dump_string(sb, p->key->u.s.text, p->key->u.s.len);
			sb_adds(sb, ": ");
			dump_node(sb, p->value, style, depth + 1);
		}
	}
	if (n->u.map.n)
		indent(sb, depth);
	sb_adds(sb, style == TREE_DUMP_NODES ? "]}" : "}");
}

void tree_dump_json(struct strbuf *sb, const struct tree_node *root,
		    enum tree_dump_style style)
{
	dump_node(sb, root, style, 0);
}
