/*
 * expr.h - the `when:` language of rule files.
 *
 * A small, typed expression language over model objects:
 *
 *   privileged
 *   any(capabilities.add, c: c == "ALL")
 *   seccomp.mode == "unconfined" and not exists(seccomp.profile)
 *   m.host_path =~ "^/(var/)?run/docker\\.sock$"
 *   c in dangerous            (dangerous: a table of the rule file)
 *   dangerous[c]              (the table's value for key c)
 *   k8s_minor >= 25           (the Kubernetes 1.N judged against)
 *
 * Field paths are checked against the model's field table when a rule is
 * compiled, so a typo in a rule file is an error at load time, with the
 * offset of the mistake.  Regular expressions must be string literals: each
 * is compiled once (PCRE2, JIT where available, with a match limit).
 * Evaluation never allocates and never fails: a field that is unset yields
 * an unset value, which is false as a condition and equal to nothing.
 *
 * A compiled expression is immutable; any number of threads may evaluate
 * it at once.
 */
#ifndef CAGELINT_EXPR_H
#define CAGELINT_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

/* A rule file's named string→string table (`tables:`), read by `in` and []. */
struct rule_table {
	char *name;
	char **keys, **values;
	size_t n;
};
struct expr;

/* The one name that is neither a field nor a variable: --k8s-version. */
#define EXPR_K8S_MINOR "k8s_minor"
/* The newest Kubernetes minor version the rules know; the default. */
#define K8S_MINOR_LATEST 37

/* What names an expression may use when it is compiled. */
struct expr_scope {
	enum mobj_kind kind;		/* the object the rule applies to */
	const char *var;		/* a variable bound by `for:`, or NULL */
	enum mval_type var_type;	/* its type */
	enum mobj_kind var_kind;	/* its object kind, when MV_OBJ */
	const struct rule_table *tables;	/* the rule's tables */
	size_t ntables;
};

struct expr_error {
	size_t offset;		/* byte offset in the text where it went wrong */
	char *msg;		/* owned by the caller after a failure */
};

/*
 * Compile `text`.  On success stores the expression in *out and returns 0;
 * on failure fills `err` and returns -1.
 */
int expr_compile(struct expr **out, const char *text,
		 const struct expr_scope *scope, struct expr_error *err);
void expr_free(struct expr *e);

/* The static type of the expression's result (MV_BOOL for conditions). */
enum mval_type expr_type(const struct expr *e);
/* For MV_LIST results: the type of the elements (and object kind). */
enum mval_type expr_elem_type(const struct expr *e, enum mobj_kind *kind);

/*
 * The first field the expression reads that only the cross-file step sets
 * (MODEL_FIELD_CROSS_FILE), or NULL: a rule that reads one must be judged
 * there, or it never sees the field set.  A field any object may get
 * comes before one that only marked objects get (model_field_share).
 */
const struct model_field *expr_cross_file_field(const struct expr *e);

/*
 * The built-in rules' patterns, compiled on first use.  One per rule set;
 * any number of threads may use it at once (each slot is set once, with
 * an atomic exchange).  Patterns of rules loaded from text are compiled
 * when loaded and never come here.
 */
struct expr_regex_cache;
struct expr_regex_cache *expr_regex_cache_new(size_t nslots);
void expr_regex_cache_free(struct expr_regex_cache *c);

/* What an evaluation sees. */
struct expr_frame {
	struct expr_regex_cache *regexes;	/* built-in patterns */
	const struct mobj *obj;		/* the object being judged */
	const struct mval *var;		/* value of scope->var, or NULL */
	const struct rule_table *tables;
	size_t ntables;
	int k8s_minor;			/* Kubernetes 1.N: k8s_minor */
};

/* Evaluate; *out borrows from the object, the tables or the expression. */
void expr_eval(const struct expr *e, const struct expr_frame *f,
	       struct mval *out);
/* Evaluate a condition: true only for a set boolean true. */
bool expr_test(const struct expr *e, const struct expr_frame *f);

/*
 * The builtin functions, for documentation: function i's usage,
 * "any(LIST, x: CONDITION)", and in *doc (when not NULL) what it gives;
 * NULL past the last.
 */
const char *expr_function_usage(size_t i, const char **doc);

/* Append a value as message text: lists as "A, B", unset as "(unset)". */
void expr_value_text(struct strbuf *sb, const struct mval *v);

#endif
