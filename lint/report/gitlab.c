/*
 * gitlab.c - GitLab Code Quality: a JSON array in the Code Climate subset
 * GitLab reads (description, check_name, fingerprint, severity,
 * location.path, location.lines.begin), for every tier's merge request
 * widget.  Diagnostics are not findings and are left out (they still reach
 * stderr and the exit status).
 *
 * A fingerprint must stay the same while the code around a finding moves,
 * so it hashes the rule, the path, the object and the message, not the
 * line; findings that would hash alike get their rank among them mixed in.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

/* FNV-1a, 64 bits: stable across runs and machines. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h ^ 0xff;	/* separates "ab","c" from "a","bc" */
}

static uint64_t fingerprint_of(const struct finding *f)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = fnv1a(h, f->rule->id);
	h = fnv1a(h, f->path);
	h = fnv1a(h, f->origin);
	return fnv1a(h, f->message);
}

/*
 * GitLab's five Code Quality severities, one for each of ours, so that a
 * merge request widget sorts them as we do: blocker, critical, major,
 * minor, info.
 */
static const char *gitlab_severity(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL: return "blocker";
	case SEV_HIGH: return "critical";
	case SEV_MEDIUM: return "major";
	case SEV_LOW: return "minor";
	default: return "info";
	}
}

/* How many findings before `i` share its fingerprint. */
static size_t rank_among_equals(const struct findings *fs, size_t i,
				uint64_t fp)
{
	size_t j, rank = 0;

	for (j = i; j-- > 0;) {
		const struct finding *o = &fs->v[j];

		if (strcmp(o->path, fs->v[i].path))
			break;	/* sorted by path: no earlier equal */
		if (fingerprint_of(o) == fp)
			rank++;
	}
	return rank;
}

/* The document is one array; `state` is its writer. */
static void *gitlab_begin(struct strbuf *out, const struct report *r)
{
	struct jw *w = xcalloc(1, sizeof(*w));

	(void)r;
	jw_init(w, out);
	jw_begin_array(w);
	return w;
}

static void gitlab_finding(struct jw *w, const struct findings *fs, size_t i)
{
	const struct finding *f = &fs->v[i];
	uint64_t fp;
	char hex[17];

	fp = fingerprint_of(f);
	fp ^= rank_among_equals(fs, i, fp) * 0x9e3779b97f4a7c15ULL;
	str_hex64(hex, fp);
	jw_begin_object(w);
	jw_kstring(w, "description", f->message);
	jw_kstring(w, "check_name", f->rule->id);
	jw_kstring(w, "fingerprint", hex);
	jw_kstring(w, "severity", gitlab_severity(f->rule->severity));
	jw_kobject(w, "location");
	jw_kstring(w, "path", f->path);
	jw_kobject(w, "lines");
	jw_kuint(w, "begin", f->loc.line ? f->loc.line : 1);
	jw_end_object(w);
	jw_end_object(w);
	jw_end_object(w);
}

/* One path's findings (the rank among equals is within a path). */
static void gitlab_file(void *state, struct strbuf *out,
			const struct report *r)
{
	const struct findings *fs = r->findings;
	size_t i;

	(void)out;
	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];

		if (report_finding_shown(f) && report_finding_new(f))
			gitlab_finding(state, fs, i);
	}
}

static int gitlab_end(void *state, struct strbuf *out, const struct report *r,
		      const struct report_totals *t)
{
	struct jw *w = state;

	(void)out;
	(void)r;
	(void)t;
	jw_end_array(w);
	jw_finish(w);
	free(w);
	return 0;
}

const struct report_format report_format_gitlab = {
	.name = "gitlab",
	.summary = "GitLab Code Quality (Code Climate JSON)",
	.begin = gitlab_begin,
	.file = gitlab_file,
	.end = gitlab_end,
};
