/*
 * keyvalue.c - KEY=VALUE files (/etc/selinux/config) into the generic
 * tree: one document, a map from each key to its value, both with their
 * locations.
 *
 * Follows libselinux's reading: `#` starts a comment line, blank lines are
 * skipped, leading blanks before a key are skipped, blanks after `=` are
 * skipped, trailing blanks are dropped, and no quoting exists (quotes stay
 * part of the value).  When a key appears twice the first one is kept, as
 * libselinux does for SELINUX= (the line of the second is what a reader
 * would believe, so front ends may want to know: it is dropped silently
 * here and the first wins).  A non-comment line without `=` is an error.
 */
#include "read/read.h"

#include <string.h>

/* Longer lines are not configuration; bounds what one line may hold. */
#define KEYVALUE_MAX_LINE 4096

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int read_keyvalue(struct tree *t, struct source *src, struct diags *d)
{
	struct tree_node *map = tree_map(t, source_span(src, 0, src->len));
	size_t pos = 0, nodes = 0;

	if (src->len >= 3 && !memcmp(src->data, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (pos < src->len) {
		const char *nl = memchr(src->data + pos, '\n', src->len - pos);
		size_t end = nl ? (size_t)(nl - src->data) : src->len;
		size_t k = pos, kend, v, vend;
		struct tree_node *key, *val;

		if (end - pos > KEYVALUE_MAX_LINE) {
			diag_add(d, src->path, source_loc(src, pos), DIAG_ERROR,
				 "line longer than %d bytes",
				 KEYVALUE_MAX_LINE);
			return -1;
		}
		while (k < end && is_blank(src->data[k]))
			k++;
		if (k == end || src->data[k] == '#') {
			pos = end + 1;
			continue;
		}
		kend = k;
		while (kend < end && src->data[kend] != '=')
			kend++;
		if (kend == end) {
			diag_add(d, src->path, source_loc(src, k), DIAG_ERROR,
				 "expected KEY=VALUE");
			return -1;
		}
		v = kend + 1;
		while (v < end && is_blank(src->data[v]))
			v++;
		vend = end;
		while (vend > v && is_blank(src->data[vend - 1]))
			vend--;
		while (kend > k && is_blank(src->data[kend - 1]))
			kend--;
		if (tree_over_budget(t)) {
			diag_add(d, src->path, source_loc(src, k), DIAG_ERROR,
				 READ_BUDGET_FMT, tree_over_budget(t));
			return -1;
		}
		if (++nodes > READ_MAX_NODES) {
			diag_add(d, src->path, source_loc(src, k), DIAG_ERROR,
				 "more than %u lines", READ_MAX_NODES);
			return -1;
		}
		key = tree_scalar(t, TT_STRING, src->data + k, kend - k,
				  source_span(src, k, kend));
		val = tree_scalar(t, TT_STRING, src->data + v, vend - v,
				  source_span(src, v, vend));
		tree_map_push(t, map, key, val);
		pos = end + 1;
	}
	/* The first of equal keys wins (sorted: n log n for any count). */
	map->u.map.n = tree_pairs_dedupe(map->u.map.pairs, map->u.map.n, false,
					 NULL, NULL);
	tree_add_doc(t, map);
	return 0;
}

const struct reader reader_keyvalue = {
	.name = "keyvalue",
	.read = read_keyvalue,
};
