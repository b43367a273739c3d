/*
 * source.h - one input's bytes, its display path and its line index.
 *
 * A source owns its bytes (NUL-terminated for convenience; the length is
 * authoritative, inputs may hold NULs).  Readers keep the source while they
 * work, and the lines stay at hand after parsing for whatever needs the
 * text again (comments that libyaml drops, snippets).
 */
#ifndef CAGELINT_SOURCE_H
#define CAGELINT_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

#include "base/diag.h"

/* Larger than any real manifest, profile or config; bounds memory per file. */
#define SOURCE_MAX_BYTES (32u * 1024 * 1024)

struct source {
	char *path;		/* as shown in messages, relative where given so */
	char *data;
	size_t len;
	size_t *line_start;	/* offsets of each line's first byte; built lazily */
	size_t nlines;
	size_t *cp_before;	/* code points before every 64th byte */
	size_t last_line;	/* the line source_loc() found last (0-based) */
	const char *encoding;	/* "UTF-16LE"... when decoded, else NULL */
};

/*
 * Read `path` (or standard input when `fd_stdin` is set) into a new source
 * shown as `display`, decoded by source_decode().  Only a regular file is
 * read: the path is opened without blocking and the descriptor checked,
 * so a FIFO, a device or a socket (named, linked to, or swapped in after
 * the walk) is an error and never waited on.  Returns NULL after adding an
 * error to `d` when the file cannot be read, is no regular file, or is
 * larger than SOURCE_MAX_BYTES.
 */
struct source *source_read(const char *path, const char *display,
			   int fd_stdin, struct diags *d);
/*
 * Text that starts with a UTF-16 or UTF-32 byte order mark becomes UTF-8
 * (with a UTF-8 mark, which no column counts); other text is left as it
 * is.  Returns -1 after an error when the text is not valid in the form
 * its mark announces: such a file is refused, never skipped.
 */
int source_decode(struct source *s, struct diags *d);
/* "a FIFO", "a socket", ...: what a file of `mode` is, for messages. */
const char *source_file_type(mode_t mode);
/* A source over a copy of `n` bytes of memory. */
struct source *source_from_mem(const char *display, const char *data,
			       size_t n);
void source_free(struct source *s);

/* The location (line, column in code points) of byte `offset`. */
struct loc source_loc(struct source *s, size_t offset);
/* The span of bytes [start, end). */
struct loc source_span(struct source *s, size_t start, size_t end);
/* Line `line` (1-based) without its newline; NULL past the end. */
const char *source_line(struct source *s, unsigned line, size_t *len);

#endif
