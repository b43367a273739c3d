/*
 * xref_containerd.c - containerd's `imports`, matched against the paths
 * of the scan.
 *
 * containerd (cmd/containerd/server/config, resolveImports) takes a
 * relative import as relative to the directory of the config that
 * names it, and expands an import with `*` as a glob (Go's
 * filepath.Glob: `*` and `?` stop at `/`).  Here a relative import is
 * joined to the scanned config's directory and matched against each
 * scanned path.  An absolute import names a file on the node, while the
 * scan holds copies under some root: it matches a scanned path whose
 * last components match the import's (the import
 * /etc/containerd/conf.d/NAME.toml, NAME a glob, matches
 * node1/etc/containerd/conf.d/10-gpu.toml).  Where several such
 * roots are scanned, the ones outside the config's own root still match:
 * keep one node per scan.
 */
#include "model/xref_containerd.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Longest import pattern compared; a longer one names nothing. */
#define CTRD_MAX_IMPORT 4096

static size_t components(const char *p)
{
	size_t n = 1;

	for (; *p; p++)
		n += *p == '/';
	return n;
}

/* The last `n` components of `path` (all of it when it has fewer). */
static const char *last_components(const char *path, size_t n)
{
	const char *p = path + strlen(path);

	while (p > path) {
		if (p[-1] == '/' && --n == 0)
			return p;
		p--;
	}
	return path;
}

bool xref_containerd_imports(const char *main_path, const char *pattern,
			     const char *path)
{
	const char *slash = strrchr(main_path, '/');
	bool ok;
	char *full;

	if (!*pattern || strlen(pattern) > CTRD_MAX_IMPORT ||
	    !strcmp(path, main_path))
		return false;
	if (pattern[0] == '/') {
		while (*pattern == '/')
			pattern++;
		return fnmatch(pattern, last_components(path,
				components(pattern)), FNM_PATHNAME) == 0;
	}
	if (str_has_prefix(pattern, "./"))
		pattern += 2;
	full = slash ? xasprintf("%.*s/%s", (int)(slash - main_path),
				 main_path, pattern) : xstrdup(pattern);
	ok = fnmatch(full, path, FNM_PATHNAME) == 0;
	free(full);
	return ok;
}
