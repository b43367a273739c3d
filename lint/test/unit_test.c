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
 * Prints each failure, then "unit: N passed, N failed"; exits 1 when any
 * check failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "filter/filter.h"

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
	printf("unit: %u passed, %u failed\n", n.passed, n.failed);
	return n.failed ? 1 : 0;
}
