/*
 * xref_containerd.h - which scanned files a containerd config's
 * `imports` name (see xref_containerd.c).
 *
 * Part of the cross-file step for node settings (model/xref_nodes.c).
 */
#ifndef CAGELINT_MODEL_XREF_CONTAINERD_H
#define CAGELINT_MODEL_XREF_CONTAINERD_H

#include <stdbool.h>

/*
 * Does the import `pattern`, written in the config scanned at
 * `main_path`, name the scanned file `path`?
 */
bool xref_containerd_imports(const char *main_path, const char *pattern,
			     const char *path);

#endif
