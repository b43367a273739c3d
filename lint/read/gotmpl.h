/*
 * gotmpl.h - read a Go template (a Helm chart's) as YAML without
 * rendering it: actions masked, lines and columns kept (see gotmpl.c).
 */
#ifndef CAGELINT_READ_GOTMPL_H
#define CAGELINT_READ_GOTMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

/*
 * The text with every action masked (a new string, NUL-terminated, to
 * free; its length in *out_len).  Lines and columns are those of `text`.
 */
char *gotmpl_mask(const char *text, size_t len, size_t *out_len);
/* Does a scalar hold a masked action (its value unknown until rendered)? */
bool gotmpl_is_masked(const char *s, size_t len);

#endif
