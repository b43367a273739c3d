/*
 * text.c - a file as plain text: one document, one scalar holding the
 * whole text, for front ends that scan lines themselves (shell scripts,
 * Makefiles, systemd units).  Rejects text with NUL bytes (a binary).
 */
#include "read/read.h"

#include <string.h>

int read_text(struct tree *t, struct source *src, struct diags *d)
{
	const char *nul = memchr(src->data, '\0', src->len);

	if (nul) {
		diag_add(d, src->path, source_loc(src, (size_t)(nul -
			 src->data)), DIAG_ERROR, "a NUL byte: not a text file");
		return -1;
	}
	tree_add_doc(t, tree_scalar(t, TT_STRING, src->data, src->len,
				    source_span(src, 0, src->len)));
	return 0;
}

const struct reader reader_text = {
	.name = "text",
	.read = read_text,
};
