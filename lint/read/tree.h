/*
 * tree.h - the generic tree every reader produces.
 *
 * A reader turns bytes into documents made of three kinds of node: maps
 * (ordered key/value pairs), lists and scalars.  Every node carries the
 * location of its text.  Readers know syntax only; what a key means is the
 * front ends' business.  All nodes and strings of a tree live in the
 * tree's arena and go away with tree_free().
 *
 * Nodes may be shared: a YAML alias points at the node of its anchor, and a
 * merge key copies pairs, not nodes.  A tree is therefore a DAG; the YAML
 * reader bounds how much an alias may expand (see yaml.c).
 */
#ifndef CAGELINT_TREE_H
#define CAGELINT_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/diag.h"
#include "base/util.h"

enum tree_kind {
	TREE_SCALAR,
	TREE_LIST,
	TREE_MAP,
};

/* What a scalar holds.  `text` is always there too, in a normal form. */
enum tree_type {
	TT_STRING,
	TT_NULL,
	TT_BOOL,	/* text "true" or "false" */
	TT_INT,		/* text in decimal, e.g. "-42" */
	TT_FLOAT,	/* text as written, or "inf" "-inf" "nan" */
	TT_DATETIME,		/* TOML offset date-time (RFC 3339 text) */
	TT_DATETIME_LOCAL,	/* TOML local date-time */
	TT_DATE_LOCAL,		/* TOML local date */
	TT_TIME_LOCAL,		/* TOML local time */
};

/* Scalar flags */
#define TREE_QUOTED 0x01	/* written quoted (or as a block scalar) */
#define TREE_OPAQUE 0x02	/* set by a template action: value unknown */
/* Map flag: its keys' order is kept after its pairs (tree_map_index) */
#define TREE_INDEXED 0x04

struct tree_node;

struct tree_pair {
	struct tree_node *key;	/* always a scalar */
	struct tree_node *value;
};

struct tree_node {
	uint8_t kind;		/* enum tree_kind */
	uint8_t type;		/* enum tree_type, for scalars */
	uint8_t flags;
	struct loc loc;
	union {
		struct {
			char *text;	/* NUL-terminated; may hold NULs */
			size_t len;
		} s;
		struct {
			struct tree_node **items;
			size_t n;
		} list;
		struct {
			struct tree_pair *pairs;
			size_t n;
		} map;
	} u;
};

/*
 * Told of each document as soon as a reader has read it whole; the
 * document's nodes are freed when it returns (see struct tree).
 */
typedef void tree_doc_fn(void *ctx, const struct tree_node *root);

/*
 * With `on_doc` set, a tree holds one document at a time: each root goes
 * to on_doc instead of `docs`, then the arena is emptied (its budget
 * given back), so a stream of many documents costs what its largest
 * does.  `docs` then stays empty and `ndocs` counts the documents handed
 * on.  Only for readers that touch no node of a document once it is
 * added (the YAML reader).
 */
struct tree {
	struct arena *arena;
	struct tree_node **docs;	/* one root per document */
	size_t ndocs, capdocs;
	tree_doc_fn *on_doc;		/* or NULL: keep every document */
	void *on_doc_ctx;
};

struct tree *tree_new(void);
void tree_free(struct tree *t);
void tree_add_doc(struct tree *t, struct tree_node *root);

/*
 * When the budget the tree's arena is charged to is exceeded: its limit
 * in MiB (at least 1), for the message; else 0.
 */
size_t tree_over_budget(const struct tree *t);

/* Node constructors; everything is allocated in the tree's arena. */
struct tree_node *tree_scalar(struct tree *t, enum tree_type type,
			      const char *text, size_t len, struct loc loc);
struct tree_node *tree_list(struct tree *t, struct loc loc);
struct tree_node *tree_map(struct tree *t, struct loc loc);
/*
 * Append to a list or map.  Growth doubles in the arena; readers bound the
 * number of nodes per file, so this cannot grow without limit.
 */
void tree_list_push(struct tree *t, struct tree_node *list,
		    struct tree_node *item);
void tree_map_push(struct tree *t, struct tree_node *map,
		   struct tree_node *key, struct tree_node *value);

/*
 * Equal keys in `pairs`: keep one pair of each key, the last when
 * `keep_last` (as Kubernetes decodes a map) else the first (as a YAML
 * merge key fills in), in their order; returns how many are left.
 * `dup`, when not NULL, is told of each key that repeats an earlier one.
 * Sorts, so any number of keys costs n log n.
 */
typedef void tree_dup_fn(void *ctx, const struct tree_node *key,
			 const struct tree_node *earlier);
size_t tree_pairs_dedupe(struct tree_pair *pairs, size_t n, bool keep_last,
			 tree_dup_fn *dup, void *ctx);
/*
 * A reader calls this on a map it has finished (keys deduped): a map of
 * more than a few keys then keeps its keys in order, so that looking one
 * up (tree_get) takes log n, not n.  Names in the input look up keys in
 * maps as large as the input (a Compose file's services), which would
 * otherwise cost n^2.  A later push forgets the order.
 */
void tree_map_index(struct tree *t, struct tree_node *map);

/* --- reading a tree (front ends) ---------------------------------------- */

/* tree_get_pair of an indexed map (TREE_INDEXED): `len` is strlen(key). */
const struct tree_pair *tree_get_indexed(const struct tree_node *map,
					 const char *key, size_t len);

/*
 * The pair under `key` (for the key's location), or NULL.  Inline: most
 * keys are literals, whose length and first byte the compiler knows.
 */
static inline const struct tree_pair *tree_get_pair(const struct tree_node *map,
						    const char *key)
{
	size_t i, klen;

	if (!map || map->kind != TREE_MAP)
		return NULL;
	klen = strlen(key);
	if (map->flags & TREE_INDEXED)
		return tree_get_indexed(map, key, klen);
	for (i = 0; i < map->u.map.n; i++) {
		const struct tree_node *k = map->u.map.pairs[i].key;

		if (k->u.s.len == klen && k->u.s.text[0] == key[0] &&
		    memcmp(k->u.s.text, key, klen) == 0)
			return &map->u.map.pairs[i];
	}
	return NULL;
}

/* The value under `key` in a map, or NULL (also when `map` is no map). */
static inline struct tree_node *tree_get(const struct tree_node *map,
					 const char *key)
{
	const struct tree_pair *p = tree_get_pair(map, key);

	return p ? p->value : NULL;
}
/* Follow a dotted path of map keys: tree_path(n, "spec.template.spec"). */
struct tree_node *tree_path(const struct tree_node *n, const char *path);
/* A scalar's text, or NULL for non-scalars and nulls. */
const char *tree_text(const struct tree_node *n);
bool tree_is_map(const struct tree_node *n);
bool tree_is_list(const struct tree_node *n);
bool tree_is_scalar(const struct tree_node *n);
/*
 * A boolean as Kubernetes reads it: true/false in any case, and the YAML 1.1
 * words (yes/no/on/off/y/n) when unquoted.  Returns -1 for anything else.
 */
int tree_bool(const struct tree_node *n);
/* A whole number; false when the scalar is no integer or out of range. */
bool tree_int(const struct tree_node *n, int64_t *out);

/* --- dumping (--dump tree) ----------------------------------------------- */

enum tree_dump_style {
	TREE_DUMP_NODES,	/* every node with kind, type, value, line:col */
	TREE_DUMP_TAGGED,	/* toml-test's encoding: {"type","value"} leaves */
};

/* Append one JSON text for document `root` to `sb` (no trailing newline). */
void tree_dump_json(struct strbuf *sb, const struct tree_node *root,
		    enum tree_dump_style style);
const char *tree_type_name(enum tree_type type);

#endif
