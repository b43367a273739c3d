/*
 * read.h - the readers: bytes of one source into a generic tree.
 *
 * Each reader appends one root per document to `t` and returns 0, or adds
 * a DIAG_ERROR at the line:col of each place where the input went wrong
 * and returns -1.  Either way every root in `t` is a whole document that
 * was read: callers judge them all (a broken document must not hide the
 * others).  Readers never print and never abort on bad input.  Every size
 * an input can drive is capped below; hitting a cap is an error like any
 * other.
 */
#ifndef CAGELINT_READ_H
#define CAGELINT_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "base/source.h"
#include "read/tree.h"

/* Deeper than any real manifest or config; bounds every recursion. */
#define READ_MAX_DEPTH 256
/* Nodes in one file, counting alias expansion (a YAML "billion laughs"). */
#define READ_MAX_NODES (4u * 1024 * 1024)
/* Documents in one multi-document YAML stream. */
#define READ_MAX_DOCS 100000
/*
 * Errors reported for one file; past it the reader stops (the file is
 * already an error, and each report costs memory).
 */
#define READ_MAX_ERRORS 100

/*
 * A string with a NUL character (YAML "\0", JSON "\u0000") is an error:
 * a key keeps its whole length (it is not the key it starts with), but
 * what a front end reads of a value ends at the NUL, which is not what a
 * runtime would be given.  (TOML keeps such strings, as its conformance
 * suite wants; keys still keep their length.)
 */
#define READ_NUL_MESSAGE \
	"a string holds a NUL character (\\u0000); no container setting " \
	"takes one, and the value is not judged as written"

/*
 * A reader as the pipeline chooses it.  A front end names the reader its
 * format is read with; a file no front end claims is read by --kind (for
 * the readers --kind may name) or by the end of its name.
 */
struct reader {
	const char *name;	/* "toml"; --kind's name when `is_kind` */
	int (*read)(struct tree *t, struct source *src, struct diags *d);
	/*
	 * File names ending so are read with this reader when no front end
	 * claims the file (NULL-terminated; NULL: none).
	 */
	const char *const *suffixes;
	/* --kind may name it: read as this, judged by content. */
	bool is_kind;
	/* --dump tree writes toml-test's tagged JSON, not the nodes. */
	bool tagged_dump;
};

#define READER(id) extern const struct reader reader_##id;
#include "read/readers.h"
#undef READER

/* Every reader, in the order of read/readers.h. */
const struct reader *const *reader_all(size_t *n);
/* The reader --kind `name` forces (one with is_kind), or NULL. */
const struct reader *reader_for_kind(const char *name);
/* The reader whose suffix ends `path`, or NULL. */
const struct reader *reader_by_suffix(const char *path);
/*
 * YAML or JSON, for a document format (Kubernetes, Compose, seccomp) or
 * standard input: by the end of the name, else JSON when the first
 * character that is not blank (after a BOM) is { or [, else YAML.
 */
const struct reader *reader_yaml_or_json(const struct source *src);

/*
 * The caller may charge the tree's arena to a per-file budget
 * (arena_set_budget); readers stop with this error, at the node where the
 * budget ran out, as they would at READ_MAX_NODES.
 */
#define READ_BUDGET_FMT \
	"reading this file takes more than %zu MiB of memory (the budget " \
	"of one file); the rest is not read"

/* The reading functions, also called directly by tests and rules.c. */
int read_yaml(struct tree *t, struct source *src, struct diags *d);
int read_json(struct tree *t, struct source *src, struct diags *d);
int read_toml(struct tree *t, struct source *src, struct diags *d);
int read_keyvalue(struct tree *t, struct source *src, struct diags *d);
int read_text(struct tree *t, struct source *src, struct diags *d);
int read_dockerfile(struct tree *t, struct source *src, struct diags *d);
int read_ini(struct tree *t, struct source *src, struct diags *d);

/*
 * Where the text of an INI value (a node read_ini made from `src`)
 * stands in the file: piece i of the value starts at text_off[i] in its
 * text and at at[i] in the file (a value continued over lines has one
 * piece per line).  Fills at most `max` pieces, returns how many.
 */
size_t read_ini_pieces(struct source *src, const struct tree_node *value,
		       size_t *text_off, struct loc *at, size_t max);

#endif
