/*
 * glob.c - gitignore-style patterns (see glob.h).
 *
 * The matcher walks pattern and name together and backtracks only to the
 * last `*` (within a segment) and the last `**` (across segments), so its
 * work is bounded by the product of the two lengths, never exponential.
 */
#include "filter/glob.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* `[...]` at `p` against `c`; `*end` is set past the `]`.  No `]`: -1. */
static int class_match(const char *p, char c, const char **end)
{
	bool neg = false, hit = false;
	const char *q = p + 1;

	if (*q == '!' || *q == '^') {
		neg = true;
		q++;
	}
	if (*q == ']')
		hit |= c == *q++;
	for (; *q && *q != ']'; q++) {
		if (q[1] == '-' && q[2] && q[2] != ']') {
			hit |= c >= q[0] && c <= q[2];
			q += 2;
		} else {
			hit |= c == *q;
		}
	}
	if (*q != ']')
		return -1;
	*end = q + 1;
	return hit != neg;
}

/* One character of the pattern against the name's; advances both. */
static bool step(const char **pp, const char **nn)
{
	const char *p = *pp, *n = *nn, *end;
	int m;

	if (!*n)
		return false;
	if (*p == '?' && *n != '/') {
		*pp = p + 1;
		*nn = n + 1;
		return true;
	}
	if (*p == '[' && *n != '/') {
		m = class_match(p, *n, &end);
		if (m == 1) {
			*pp = end;
			*nn = n + 1;
			return true;
		}
		if (m == 0)
			return false;
	}
	if (*p == '\\' && p[1])
		p++;
	if (*p != *n)
		return false;
	*pp = p + 1;
	*nn = n + 1;
	return true;
}

static bool match(const char *p, const char *n)
{
	const char *star_p = NULL, *star_n = NULL;	/* last `*` */
	const char *dstar_p = NULL, *dstar_n = NULL;	/* last double star */

	for (;;) {
		if (!strncmp(p, "**/", 3)) {
			dstar_p = p + 3;
			dstar_n = n;
			star_p = NULL;
			p += 3;
			continue;
		}
		if (!strcmp(p, "**"))
			return true;
		if (*p == '*') {
			star_p = ++p;
			star_n = n;
			continue;
		}
		if (!*p && !*n)
			return true;
		if (*p && step(&p, &n))
			continue;
		if (star_p && *star_n && *star_n != '/') {
			p = star_p;
			n = ++star_n;
			continue;
		}
		if (dstar_p) {
			const char *slash = strchr(dstar_n, '/');

			if (!slash)
				return false;
			p = dstar_p;
			n = dstar_n = slash + 1;
			star_p = NULL;
			continue;
		}
		return false;
	}
}

bool glob_match_path(const char *pattern, const char *rel)
{
	size_t plen = strlen(pattern);
	bool dir_only, anchored;
	char *pat;
	const char *seg;
	size_t i, len = strlen(rel);
	bool hit = false;

	if (!plen || plen > GLOB_MAX_PATTERN)
		return false;
	pat = xstrdup(pattern);
	dir_only = pat[plen - 1] == '/';
	while (plen && pat[plen - 1] == '/')
		pat[--plen] = '\0';
	anchored = strchr(pat, '/') != NULL;
	seg = pat[0] == '/' ? pat + 1 : pat;
	/* Each prefix of `rel` that ends a segment: a folder, or the file. */
	for (i = 1; i <= len && !hit; i++) {
		char *prefix, *last;

		if (i < len && rel[i] != '/')
			continue;
		if (i == len && dir_only)
			break;
		prefix = xstrndup(rel, i);
		last = strrchr(prefix, '/');
		hit = match(seg, anchored ? prefix : last ? last + 1 : prefix);
		free(prefix);
	}
	free(pat);
	return hit;
}

char *glob_relative(const char *base, const char *path)
{
	char *abs = realpath(path, NULL);
	char *rel;
	size_t n;

	if (!abs)
		return xstrdup(path);
	if (!base) {
		char *cwd = realpath(".", NULL);

		rel = glob_relative(cwd ? cwd : "/", path);
		free(cwd);
		free(abs);
		return rel;
	}
	n = strlen(base);
	if (!strcmp(base, "/"))
		rel = xstrdup(abs + 1);
	else if (!strncmp(abs, base, n) && abs[n] == '/')
		rel = xstrdup(abs + n + 1);
	else
		rel = xstrdup(path);
	free(abs);
	return rel;
}

bool glob_match_rel(char *const *patterns, size_t n, const char *rel)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (glob_match_path(patterns[i], rel))
			return true;
	return false;
}

bool glob_match_any(char *const *patterns, size_t n, const char *base,
		    const char *path)
{
	char *rel;
	bool hit;

	if (!n)
		return false;
	rel = glob_relative(base, path);
	hit = glob_match_rel(patterns, n, rel);
	free(rel);
	return hit;
}
