/*
 * toml_decode.c - a toml-test decoder over read_toml().
 *
 * `toml_decode FILE` reads FILE as TOML 1.0.  On success it prints the
 * document in toml-test's tagged JSON encoding and a newline to standard
 * output and exits 0.  On malformed input it prints each diagnostic as
 * `path:line:col: error: message` to standard error and exits 1.  Usage
 * errors exit 2.  It is a test tool only: no options, no other formats
 * (`cagelint --dump tree|nodes FILE` shows the same tree with locations).
 */
#include <stdio.h>

#include "read/read.h"

static void print_diags(const struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		if (loc_known(g->loc))
			fprintf(stderr, "%s:%u:%u: %s: %s\n", g->path,
				g->loc.line, g->loc.col,
				diag_level_name(g->level), g->msg);
		else
			fprintf(stderr, "%s: %s: %s\n", g->path,
				diag_level_name(g->level), g->msg);
	}
}

/* Decode `path`; returns the exit status described above. */
static int decode(const char *path)
{
	struct diags d = { 0 };
	struct strbuf sb = STRBUF_INIT;
	struct source *src = source_read(path, path, 0, &d);
	struct tree *t = tree_new();
	int status = 1;

	if (src && read_toml(t, src, &d) == 0 && t->ndocs == 1) {
		tree_dump_json(&sb, t->docs[0], TREE_DUMP_TAGGED);
		fwrite(sb.buf, 1, sb.len, stdout);
		fputc('\n', stdout);
		status = 0;
	}
	print_diags(&d);
	sb_free(&sb);
	tree_free(t);
	source_free(src);
	diags_free(&d);
	return status;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: toml_decode FILE\n");
		return 2;
	}
	return decode(argv[1]);
}
