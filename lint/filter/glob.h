/*
 * glob.h - gitignore-style path patterns, relative to a config file.
 *
 * `*` matches within one path segment, `?` one character, `[abc]` one of
 * a set, `**` any number of whole segments.  A pattern without a slash
 * (but a trailing one) matches a name at any depth; with one, a path from
 * the config file's folder.  A trailing slash matches folders only; a
 * pattern matching a folder matches everything in it.  No negation.
 */
#ifndef CAGELINT_FILTER_GLOB_H
#define CAGELINT_FILTER_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/* Patterns longer than this never match (bounds the matcher's work). */
#define GLOB_MAX_PATTERN 1024

/* Does `pattern` match `rel` (a clean relative path with `/`)? */
bool glob_match_path(const char *pattern, const char *rel);
/*
 * `path` (as the scan names it) relative to the folder `base` (absolute,
 * clean), or a copy of `path` when it is not under it or cannot be
 * resolved; the caller frees it.  NULL `base`: the current folder.
 */
char *glob_relative(const char *base, const char *path);
/* Does any of the `n` patterns match `rel` (from glob_relative)? */
bool glob_match_rel(char *const *patterns, size_t n, const char *rel);
/* Does any of the `n` patterns match `path` relative to `base`? */
bool glob_match_any(char *const *patterns, size_t n, const char *base,
		    const char *path);

#endif
