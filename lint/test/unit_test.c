/*
 * unit_test.c - checks of single functions that no input reaches with a
 * known answer.
 *
 *   unit_test
 *
 * - filter_date, the date a waiver's `until` is compared with, against
 *   the C library's gmtime for every day from 1970 to 2400, at the first
 *   and the last second of the day;
 * - a spool (sb_set_spool): bytes written in pieces of every kind read
 *   back as written, from memory while they fit in half a chunk and from
 *   the temporary file past a chunk, and read twice.
 *
 * - a map's key index (tree_map_index): every key, and keys that are not
 *   there, found in an indexed map as in the same map scanned, for maps
 *   of every size around the index's threshold, with keys that are
 *   prefixes of each other, empty or holding a NUL; and after a push.
 *
 * Prints each failure, then "unit: N passed, N failed"; exits 1 when any
 * check failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "filter/filter.h"
#include "read/tree.h"

struct counts {
	unsigned passed, failed;
};

static void check(struct counts *n, bool ok, const char *what)
{
	if (ok) {
		n->passed++;
		return;
	}
	printf("FAIL %s\n", what);
	n->failed++;
}

static void check_dates(struct counts *n)
{
	long long day;

	for (day = 0; day < 157000; day++) {
		long long at[2] = { day * 86400, day * 86400 + 86399 };
		int i;

		for (i = 0; i < 2; i++) {
			time_t t = (time_t)at[i];
			struct tm tm;
			char want[16], got[11];

			gmtime_r(&t, &tm);
			strftime(want, sizeof(want), "%Y-%m-%d", &tm);
			filter_date(at[i], got);
			if (strcmp(want, got)) {
				printf("filter_date(%lld) is %s, not %s\n",
				       at[i], got, want);
				check(n, false, "filter_date");
				return;
			}
		}
	}
	check(n, true, "filter_date");
}

/* What `in` holds, to its end, equals `want` (its `n` bytes). */
static bool reads_back(FILE *in, const char *want, size_t n)
{
	char buf[4096];
	size_t at = 0, got;

	while (in && (got = fread(buf, 1, sizeof(buf), in)) > 0) {
		if (at + got > n || memcmp(buf, want + at, got))
			return false;
		at += got;
	}
	return at == n;
}

/*
 * `total` bytes spooled through sb_add, sb_addc and sb_addf in turns
 * (lengths from a fixed sequence), kept beside in a plain buffer.
 */
static void check_spool(struct counts *n, size_t total)
{
	struct strbuf sp = STRBUF_INIT, want = STRBUF_INIT;
	unsigned seed = (unsigned)total * 2654435761u + 1;
	bool failed = false, filed = false;
	char what[96];
	FILE *in;
	int pass;

	sb_set_spool(&sp);
	while (want.len < total) {
		size_t left = total - want.len, k;
		char piece[700];

		seed = seed * 1103515245u + 12345u;
		k = (seed >> 8) % sizeof(piece) + 1;
		if (k > left)
			k = left;
		switch (seed % 3) {
		case 0:
			for (size_t i = 0; i < k; i++)
				piece[i] = (char)(seed >> (i % 24));
			sb_add(&sp, piece, k);
			sb_add(&want, piece, k);
			break;
		case 1:
			sb_addc(&sp, (char)seed);
			sb_addc(&want, (char)seed);
			break;
		default:
			k = (size_t)snprintf(piece, sizeof(piece), "%u",
					     seed % 1000);
			if (k > left)
				break;
			sb_addf(&sp, "%u", seed % 1000);
			sb_add(&want, piece, k);
			break;
		}
		filed |= sp.sink != NULL;
	}
	/* sb_addf makes room for its text at half a chunk */
	snprintf(what, sizeof(what), "a spool of %zu bytes: %s", total,
		 filed ? "made a file" : "made no file");
	check(n, (total > SB_SINK_CHUNK / 2 || !filed) &&
		 (total <= SB_SINK_CHUNK || filed), what);
	for (pass = 1; pass <= 2; pass++) {
		in = sb_spool_open(&sp, &failed);
		snprintf(what, sizeof(what),
			 "a spool of %zu bytes, read %s", total,
			 pass == 1 ? "once" : "again");
		check(n, !failed && (in != NULL) == (total > 0) &&
			 reads_back(in, want.buf, want.len), what);
		sb_spool_close(&sp, in);
	}
	sb_free(&sp);
	sb_free(&want);
}

/* Where `key` is in `map` (an index into its pairs), or -1. */
static long found_at(const struct tree_node *map, const char *key)
{
	const struct tree_pair *p = tree_get_pair(map, key);

	return p ? (long)(p - map->u.map.pairs) : -1;
}

static void check_map_index(struct counts *n, size_t nkeys)
{
	static const char *const odd[] = { "", "a", "ab", "a\0b", "b" };
	struct tree *t = tree_new();
	struct tree_node *map = tree_map(t, LOC_NONE);
	struct tree_node *plain = tree_map(t, LOC_NONE);
	char key[32], what[96];
	size_t i;
	bool same = true;

	for (i = 0; i < nkeys; i++) {
		struct tree_node *k;

		if (i < 5)
			k = tree_scalar(t, TT_STRING, odd[i], i == 3 ? 3 :
					strlen(odd[i]), LOC_NONE);
		else {
			snprintf(key, sizeof(key), "k%zu", (i * 7919) % nkeys);
			k = tree_scalar(t, TT_STRING, key, strlen(key),
					LOC_NONE);
		}
		tree_map_push(t, map, k, k);
		tree_map_push(t, plain, k, k);
	}
	tree_map_index(t, map);
	check(n, (nkeys > 16) == !!(map->flags & TREE_INDEXED),
	      "a map is indexed when it has more than 16 keys");
	for (i = 0; i < nkeys + 40; i++) {
		if (i < 5)
			snprintf(key, sizeof(key), "%s", odd[i]);
		else if (i % 3)
			snprintf(key, sizeof(key), "k%zu", i);
		else
			snprintf(key, sizeof(key), "k%zux", i);
		same = same && found_at(map, key) == found_at(plain, key);
	}
	snprintf(what, sizeof(what), "%zu keys: each found as a scan finds "
		 "it", nkeys);
	check(n, same, what);
	tree_map_push(t, map, tree_scalar(t, TT_STRING, "pushed", 6,
					  LOC_NONE), NULL);
	snprintf(what, sizeof(what), "%zu keys: a key pushed after the "
		 "index is found", nkeys);
	check(n, !(map->flags & TREE_INDEXED) &&
		 found_at(map, "pushed") == (long)nkeys &&
		 (nkeys < 6 || found_at(map, "b") == 4), what);
	tree_free(t);
}

int main(void)
{
	static const size_t sizes[] = {
		0, 1, 1000, SB_SINK_CHUNK / 2, SB_SINK_CHUNK - 1,
		SB_SINK_CHUNK, SB_SINK_CHUNK + 1, 3 * SB_SINK_CHUNK + 17,
		1000 * 1000,
	};
	struct counts n = { 0, 0 };
	size_t i;

	check_dates(&n);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		check_spool(&n, sizes[i]);
	for (i = 0; i < 40; i++)
		check_map_index(&n, i);
	check_map_index(&n, 1000);
	check_map_index(&n, 4096);
	printf("unit: %u passed, %u failed\n", n.passed, n.failed);
	return n.failed ? 1 : 0;
}
