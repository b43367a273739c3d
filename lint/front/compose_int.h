/*
 * compose_int.h - private to the Compose front end (front/compose*.c).
 *
 * compose.c reads services into containers; compose_files.c finds and
 * loads the other files a Compose project is made of (the override file
 * beside the project file, the files `extends` and `include` name, the
 * project's .env).  Nothing else includes this header.
 */
#ifndef CAGELINT_FRONT_COMPOSE_INT_H
#define CAGELINT_FRONT_COMPOSE_INT_H

#include "front/front.h"

/* Variables of a .env file; more than this is no real file. */
#define COMPOSE_MAX_ENV_VARS 4096

/*
 * The variables a project's .env sets.  A value of NULL is set but not
 * known here (it refers to another variable, which compose would look up
 * in the process environment: never read by cagelint).
 */
struct compose_env {
	char **names, **values;
	size_t n, cap;
};

/* One Compose file read from disk: its text, tree and first document. */
struct compose_file {
	char *path;			/* as shown: relative to the scan */
	struct source *src;
	struct tree *tree;
	const struct tree_node *doc;	/* NULL when it has none */
	/*
	 * As an included file: how many files above it (1: included by the
	 * project file) when it was last read in, 0 before.  Read in again
	 * only from higher up, where its own includes reach further: a
	 * file included from many places is read in a few times, not once
	 * for each path to it (which grows as the product of the lists).
	 */
	unsigned include_depth;
};

/* Distinct files one Compose file may bring in; more is no real project. */
#define COMPOSE_MAX_FILES 64

/*
 * The files read while one Compose file is built, each read once however
 * many services extend it (freed with the build).
 */
struct compose_files {
	struct compose_file *v[COMPOSE_MAX_FILES];
	size_t n;
};

/* The chain of files that include the one being read (cycles end). */
struct compose_include {
	const char *path;
	const struct compose_include *up;
};

/*
 * What the Compose front end knows while it builds one file.  `fc` comes
 * first: every function of compose.c takes `&cc->fc` as a front_ctx, and
 * compose_of() gets the rest back from it.
 */
struct compose_ctx {
	struct front_ctx fc;
	const struct compose_env *env;	/* the project's .env, or NULL */
	struct compose_files *files;	/* the build's files read so far */
	const struct compose_include *included;	/* NULL: the top file */
	const char *path;	/* the file read, in the model's arena */
	bool own;		/* it is the model's own file */
};

static inline const struct compose_ctx *compose_of(const struct front_ctx *fc)
{
	return (const struct compose_ctx *)fc;
}

/* How a file takes part in a project, as `docker compose` finds one. */
enum compose_role {
	COMPOSE_ALONE,		/* judged as it is (a -f file, a variant) */
	COMPOSE_PROJECT,	/* the project file; *other: its override */
	COMPOSE_IN_PROJECT,	/* the override the project file merges */
	COMPOSE_PARTIAL,	/* an override with no project file beside it */
};

/*
 * The role of the file at `path` (display path), from the file names of
 * its directory.  With COMPOSE_PROJECT and COMPOSE_IN_PROJECT, *other is
 * the other file's path (to free).
 */
enum compose_role compose_role(const char *path, char **other);

/* `rel` relative to the directory of `file` (as is when absolute). */
char *compose_join(const char *file, const char *rel);

/*
 * Read and parse a Compose file.  NULL after an error in `d` at `at` of
 * `from` (its own read or parse errors go to `d` too).
 */
struct compose_file *compose_file_load(const char *path, struct diags *d,
				       const char *from, struct loc at);
void compose_file_free(struct compose_file *f);
/*
 * The same through `files`: a file read before is not read again (nor its
 * errors said twice); owned by `files`.
 */
struct compose_file *compose_files_get(struct compose_files *files,
				       const char *path, struct diags *d,
				       const char *from, struct loc at);
void compose_files_free(struct compose_files *files);

/*
 * The .env of the directory of `file`, when there is one (KEY=VALUE
 * lines as compose's dotenv reads them); problems go to `d`.
 */
void compose_env_load(struct compose_env *e, const char *file,
		      struct diags *d);
void compose_env_free(struct compose_env *e);
/*
 * The value of variable `name` (its first `len` bytes): 1 and *value
 * (NULL when not known here) when .env sets it, 0 when it does not.
 */
int compose_env_get(const struct compose_env *e, const char *name,
		    size_t len, const char **value);

#endif
