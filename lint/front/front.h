/*
 * front.h - front ends: one per input format, tree → model objects.
 *
 * A front end is the only code that knows what a format's keys mean.  It
 * reads one document of the generic tree and adds model objects, setting
 * each field with the location of the text that set it.  Registering a new
 * format is one file plus one line in front/fronts.h.
 */
#ifndef CAGELINT_FRONT_H
#define CAGELINT_FRONT_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/source.h"
#include "model/caps.h"
#include "model/model.h"
#include "read/read.h"
#include "read/tree.h"

struct front_ctx {
	struct model *model;
	struct source *src;
	struct diags *diags;
	/*
	 * Objects past this many are not judged (0: no limit); a front end
	 * that makes many objects from one document (a script's run lines,
	 * a Compose file's services, a List's items) stops once
	 * front_full() says so, and the caller reports it.
	 */
	size_t max_objects;
};

/* Has the model passed its object limit or its file's memory budget? */
static inline bool front_full(const struct front_ctx *fc)
{
	return (fc->max_objects && fc->model->n > fc->max_objects) ||
	       budget_exceeded(arena_budget(fc->model->arena));
}

struct front {
	const char *name;	/* as --kind and rule examples name it */
	const char *summary;	/* one line saying what it reads */
	/*
	 * The reader for this format's files; NULL: YAML or JSON
	 * (reader_yaml_or_json: by extension, else by first character).
	 */
	const struct reader *reader;
	/*
	 * Does the path name a file of this format (Dockerfile,
	 * compose.yaml, containers.conf)?  NULL: known by content only.
	 * A file matched by name goes to this front end alone.
	 */
	bool (*match_path)(const char *path);
	/*
	 * For a file neither a path nor its extension claims: does its text
	 * look like this format?  NULL: never.  Must be cheap and certain.
	 */
	bool (*sniff)(const char *text, size_t len);
	/*
	 * Does this document belong to the format?  Asked of YAML and JSON
	 * files that no front end claimed by name.  (Never adds diags.)
	 * NULL: never; the format is known by its name or content only.
	 */
	bool (*detect)(const struct tree_node *doc);
	/* Add the document's objects (and its errors to fc->diags). */
	void (*build)(struct front_ctx *fc, const struct tree_node *doc);
	/*
	 * The file whose build judges this one, when this one is judged
	 * only as part of it (a Compose override: its project file, which
	 * merges it), as a path to free; NULL when it is judged by itself.
	 * The scan reads that file too when it was not given, so that
	 * naming only the part (a pre-commit run on a changed override)
	 * still judges it.  NULL hook: never.
	 */
	char *(*judged_with)(const char *path);
};

#define FRONT(id) extern const struct front front_##id;
#include "front/fronts.h"
#undef FRONT

/* Every front end, in the order detection tries them. */
const struct front *const *front_all(size_t *n);
const struct front *front_find(const char *name);
/* The front end whose match_path() claims `path`, or NULL. */
const struct front *front_for_path(const char *path);
/*
 * The same, asked once per path: `*memo` is 0 until the first call, which
 * stores the answer in it (1 for none, 2 + its place in the table).
 */
const struct front *front_for_path_memo(const char *path, uint8_t *memo);

/* --- helpers for front ends ------------------------------------------- */

/* The pair of `key` in `map` unless absent or null, else NULL. */
const struct tree_pair *front_present(const struct tree_node *map,
				      const char *key);
/* The span of a key and its value, for fields set from a map entry. */
struct loc front_pair_loc(const struct tree_pair *p);
/*
 * Read a boolean at `key` of `map`.  Returns 1 and fills *out and *loc when
 * set, 0 when absent or null, -1 (after an error diag) when of another type.
 */
int front_get_bool(struct front_ctx *fc, const struct tree_node *map,
		   const char *key, bool *out, struct loc *loc);
/* The same for whole numbers. */
int front_get_int(struct front_ctx *fc, const struct tree_node *map,
		  const char *key, int64_t *out, struct loc *loc);
/* The same for strings (numbers and booleans are taken as their text). */
int front_get_str(struct front_ctx *fc, const struct tree_node *map,
		  const char *key, const char **out, struct loc *loc);
/* A value that must be a map (or absent); -1 after an error diag. */
int front_get_map(struct front_ctx *fc, const struct tree_node *map,
		  const char *key, const struct tree_node **out);
/* A value that must be a list (or absent); -1 after an error diag. */
int front_get_list(struct front_ctx *fc, const struct tree_node *map,
		   const char *key, const struct tree_node **out);

/*
 * A boolean as Go's strconv.ParseBool reads it, which is how docker,
 * podman and nerdctl read --flag=VALUE and the no-new-privileges option:
 * 1 t T TRUE true True → 1; 0 f F FALSE false False → 0; else -1.
 */
int front_go_bool(const char *s);

/*
 * The strings of the list at `key` of `map` into the list `slot` of `o`
 * (absent: nothing; not a list, or an entry not a string: an error).
 */
void front_str_list(struct front_ctx *fc, struct mobj *o, int slot,
		    const struct tree_node *map, const char *key);

/*
 * Copy the boolean, whole number or string at `key` of `map` into `slot`
 * of `o`, at the pair's location; what front_get_* return.
 */
int front_copy_bool(struct front_ctx *fc, struct mobj *o, int slot,
		    const struct tree_node *map, const char *key);
int front_copy_int(struct front_ctx *fc, struct mobj *o, int slot,
		   const struct tree_node *map, const char *key);
/*
 * The same for a TOML boolean, which must be written true or false: the
 * Go TOML decoders the runtimes use turn no string into a boolean.
 */
int front_copy_toml_bool(struct front_ctx *fc, struct mobj *o, int slot,
			 const struct tree_node *map, const char *key);
int front_copy_str(struct front_ctx *fc, struct mobj *o, int slot,
		   const struct tree_node *map, const char *key);

/*
 * A list of strings at `key` of `map` into the list `slot` of `o`, each at
 * its own location; with `caps`, normalised as capability names (upper
 * case, no CAP_).  Returns 1 when set, 0 when absent, -1 (after an error
 * diag) when not a list of strings.
 */
int front_get_strings(struct front_ctx *fc, const struct tree_node *map,
		      const char *key, struct mobj *o, int slot, bool caps);

/*
 * One --security-opt / security_opt value (Docker, Podman and Compose
 * read KEY=VALUE and KEY:VALUE alike): seccomp, apparmor, label,
 * no-new-privileges, systempaths, unmask=ALL.  Sets the container's
 * fields at `at`.
 */
void front_security_opt(struct front_ctx *fc, struct mobj *c, const char *s,
			struct loc at);

/*
 * Record the keys of `map` that are not in `known` (NULL-terminated) into
 * the string list `slot` of `o`, as "prefix.key" when `prefix` is not
 * empty, each at its key's location: runtimes ignore such keys silently.
 */
void front_unknown_keys(struct front_ctx *fc, struct mobj *o, int slot,
			const struct tree_node *map, const char *const *known,
			const char *prefix);

/* A bind mount of host path `src` (at `src_at`) to `dst` on container c. */
void front_bind_mount(struct front_ctx *fc, struct mobj *c, const char *src,
		      struct loc src_at, const char *dst, bool ro,
		      struct loc at);
/* A user as "NAME", "UID", "UID:GID" or "NAME:GROUP": user.uid or name. */
void front_user(struct front_ctx *fc, struct mobj *c, const char *spec,
		struct loc at);
/*
 * Mark a Podman container whose user namespace is not its own for the
 * cross-file step: containers.conf's userns default decides then.
 */
void front_podman_userns(struct mobj *c);
/* A sysctl `name` (its first `nlen` bytes) = `value` (may be NULL). */
void front_sysctl(struct front_ctx *fc, struct mobj *c, const char *name,
		  size_t nlen, const char *value, struct loc at);

#endif
