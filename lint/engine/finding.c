/*
 * finding.c - see finding.h.
 *
 * A growable array of findings, its merge and its canonical order.  It does
 * not render, filter or count findings: reporters and the filter do that.
 * The order is total (every field takes part), so output never depends on
 * which worker finished first or on qsort's instability.
 */
#include "engine/finding.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rules.h"

static void finding_release(struct finding *f);

/*
 * Append a finding for `rule` at `path`:`loc`.  `path` is copied; the
 * finding takes ownership of `message` (must not be NULL) and `origin`
 * (may be NULL when the object has no name worth giving).
 */
void findings_add(struct findings *f, const struct rule *rule,
		  const char *path, struct loc loc, char *message,
		  char *origin)
{
	struct finding n;

	assert(rule && message);
	/*
	 * Made whole before it is appended: should an allocation fail (a
	 * file's out-of-memory guard), the list holds only whole findings.
	 */
	memset(&n, 0, sizeof(n));
	n.rule = rule;
	n.path = xstrdup(path ? path : "");
	n.loc = loc;
	/* Messages quote the input (names): shown only made safe. */
	n.message = str_display_take(message);
	n.origin = origin ? str_display_take(origin) : NULL;
	finding_fingerprint(n.fingerprint, rule->id, n.path, NULL, NULL);
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof(*f->v));
	f->v[f->n++] = n;
}

/* FNV-1a, 64 bits, with a separator so that "ab","c" is not "a","bc". */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;
	return h * 0x100000001b3ULL;
}

/*
 * A path as given may start with "./" or not depending on how cagelint
 * was called; the fingerprint leaves that out.
 */
static const char *path_for_fingerprint(const char *path)
{
	while (path && path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

void finding_fingerprint(char out[FINDING_FINGERPRINT_LEN + 1],
			 const char *id, const char *path, const char *object,
			 const char *setting)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = fnv1a(h, id);
	h = fnv1a(h, path_for_fingerprint(path));
	h = fnv1a(h, object);
	h = fnv1a(h, setting);
	_Static_assert(FINDING_FINGERPRINT_LEN == 16, "str_hex64's digits");
	str_hex64(out, h);
}

void finding_set_identity(struct finding *f, const char *object,
			  const char *setting, uint32_t obj_line,
			  uint32_t unit_line)
{
	str_replace(&f->object, object ? xstrdup(object) : NULL);
	str_replace(&f->setting, setting ? xstrdup(setting) : NULL);
	f->obj_line = obj_line;
	f->unit_line = unit_line;
	finding_fingerprint(f->fingerprint, f->rule->id, f->path, object,
			    setting);
}

/* Move every finding of `from` to the end of `to`; `from` is left empty. */
void findings_move(struct findings *to, struct findings *from)
{
	if (!from->n)
		return;
	to->v = xgrow(to->v, &to->cap, to->n + from->n, sizeof(*to->v));
	memcpy(to->v + to->n, from->v, from->n * sizeof(*from->v));
	to->n += from->n;
	free(from->v);
	memset(from, 0, sizeof(*from));
}

static int alike_cmp(const void *pa, const void *pb)
{
	const struct finding *a = *(const struct finding *const *)pa;
	const struct finding *b = *(const struct finding *const *)pb;
	int c;

	if (a->rule != b->rule)
		return strcmp(a->rule->id, b->rule->id);
	c = strcmp(a->message, b->message);
	if (!c)
		c = str_cmp_null(a->origin, b->origin);
	if (!c)
		c = strcmp(a->path, b->path);
	if (!c)
		c = loc_cmp(a->loc, b->loc);
	return c ? c : (a < b ? -1 : a > b);
}

static bool alike(const struct finding *a, const struct finding *b)
{
	return a->rule == b->rule && !strcmp(a->message, b->message) &&
	       !str_cmp_null(a->origin, b->origin) && !strcmp(a->path, b->path);
}

/* Mark the findings past the first `keep` of each group. */
static void mark_alike(struct finding **v, size_t n, size_t keep, bool *drop,
		       const struct finding *base, struct diags *d)
{
	size_t i = 0, j;

	while (i < n) {
		for (j = i + 1; j < n && alike(v[i], v[j]); j++)
			if (j - i >= keep)
				drop[v[j] - base] = true;
		if (j - i > keep)
			diag_add(d, v[i]->path, v[i + keep]->loc,
				 DIAG_WARNING, "%zu more findings [%s] like "
				 "the one at %u:%u are not listed", j - i -
				 keep, v[i]->rule->id,
				 v[i]->loc.line, v[i]->loc.col);
		i = j;
	}
}

void findings_merge_alike(struct findings *f, size_t keep, struct diags *d)
{
	struct finding **v;
	bool *drop;
	size_t i, out = 0;

	if (f->n <= keep)
		return;
	v = xmalloc(f->n * sizeof(*v));
	drop = xcalloc(f->n, sizeof(*drop));
	for (i = 0; i < f->n; i++)
		v[i] = &f->v[i];
	qsort(v, f->n, sizeof(*v), alike_cmp);
	mark_alike(v, f->n, keep, drop, f->v, d);
	for (i = 0; i < f->n; i++) {
		if (drop[i]) {
			finding_release(&f->v[i]);
			continue;
		}
		f->v[out++] = f->v[i];
	}
	f->n = out;
	free(v);
	free(drop);
}

static int u32_cmp(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

static const char *finding_rule_id(const struct finding *f)
{
	return f->rule ? f->rule->id : NULL;
}

/*
 * The keys that make two findings duplicates: rule, path, the whole
 * location and the message.  Path, line, column, rule id and message come
 * first because that is the order users read.
 */
static int finding_key_cmp(const struct finding *a, const struct finding *b)
{
	int c = str_cmp_null(a->path, b->path);

	if (!c)
		c = u32_cmp(a->loc.line, b->loc.line);
	if (!c)
		c = u32_cmp(a->loc.col, b->loc.col);
	if (!c)
		c = str_cmp_null(finding_rule_id(a), finding_rule_id(b));
	if (!c)
		c = str_cmp_null(a->message, b->message);
	if (!c)
		c = u32_cmp(a->loc.end_line, b->loc.end_line);
	if (!c)
		c = u32_cmp(a->loc.end_col, b->loc.end_col);
	return c;
}

/* Origins in order, a missing one last (a duplicate keeps its origin). */
static int origin_cmp(const char *a, const char *b)
{
	if (!a || !b)
		return a ? -1 : b ? 1 : 0;
	return strcmp(a, b);
}

/* Total order: the key, then the origin so that ties are stable too. */
static int finding_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c = finding_key_cmp(a, b);

	return c ? c : origin_cmp(a->origin, b->origin);
}

static void finding_release(struct finding *f)
{
	free(f->path);
	free(f->message);
	free(f->origin);
	free(f->object);
	free(f->setting);
}

/*
 * Sort by path, line, column, rule id and message (then end position and
 * origin, a missing origin last), and drop exact duplicates: of findings
 * with the same rule, path, location and message only the first in this
 * order is kept.
 */
void findings_sort(struct findings *f)
{
	size_t i, kept;

	if (f->n < 2)
		return;
	qsort(f->v, f->n, sizeof(*f->v), finding_cmp);
	kept = 1;
	for (i = 1; i < f->n; i++) {
		if (finding_key_cmp(&f->v[kept - 1], &f->v[i]) == 0) {
			finding_release(&f->v[i]);
			continue;
		}
		f->v[kept++] = f->v[i];
	}
	f->n = kept;
}

/* Free every finding's strings and the array; `f` is left empty. */
void findings_free(struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		finding_release(&f->v[i]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}
