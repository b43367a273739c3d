/*
 * rules.h - rule files: load, check, compile, select.
 *
 * A rule is one YAML file (rules/<ID>-<name>.yaml) read with our own YAML
 * reader, so every mistake in it is reported at its file:line:col.  The
 * built-in rules are compiled into the binary; --rules DIR adds a user's
 * own through the same loader.  A rule set is loaded and compiled once per
 * run and is read-only afterwards, so workers share it without locks.
 */
#ifndef CAGELINT_RULES_H
#define CAGELINT_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "engine/expr.h"
#include "engine/severity.h"
#include "model/model.h"

struct expr;

/* Profiles a rule belongs to (bit set). */
enum rule_profile {
	PROFILE_DEFAULT = 1u << 0,
	PROFILE_PSS_BASELINE = 1u << 1,
	PROFILE_PSS_RESTRICTED = 1u << 2,
};

struct rule_example {
	bool bad;		/* bad: the rule must fire; good: it must not */
	char *kind;		/* input kind, e.g. "kubernetes" */
	char *text;		/* the input */
	/*
	 * Or several files linted together (`files:`, name: text), each
	 * recognised by its name, for rules that read across files.
	 */
	char **names, **texts;
	size_t nfiles;
	struct loc loc;		/* where the example is in the rule file */
	char *expect_at;	/* "line:col" the finding must point at */
	int k8s_minor;		/* `k8s-version: 1.N` to judge at, or -1 */
};

/* One {expression} of a message template: text[start, end) is its body. */
struct rule_msg_part {
	size_t start, end;
	struct expr *expr;
};

struct rule {
	char *id;		/* CG101 */
	char *name;		/* privileged-container */
	char *title;		/* one line, sentence case, no period */
	char *description;	/* what protection is lost and why it matters */
	char *message;		/* template: {expr} parts are evaluated */
	char *fix;		/* what to do instead */
	enum severity severity;
	enum mobj_kind applies_to;
	unsigned profiles;	/* enum rule_profile bits */
	char **nist;		/* NIST SP 800-190 sections: "3.4.3" */
	size_t nnist;
	char **cwe;		/* "CWE-250" */
	size_t ncwe;
	char **refs;		/* further reading (URLs) */
	size_t nrefs;

	char *for_text;		/* the rule file's `for:` and `when:` as written */
	char *when_text;

	/* compiled parts */
	char *for_var;		/* `for: c in capabilities.add` → "c" */
	struct expr *for_list;	/* ... → capabilities.add */
	struct expr *when;
	/*
	 * The values whose location the finding takes: the first of them
	 * that is set (`at:` is one expression or a list of them).
	 */
	struct expr **at;
	size_t nat;
	struct rule_table *tables;
	size_t ntables;
	struct rule_msg_part *parts;	/* message's {expressions}, in order */
	size_t nparts;

	struct rule_example *examples;
	size_t nexamples;

	char *file;		/* where the rule came from, for messages */
	bool builtin;
	bool enabled;		/* after --profile / --enable / --disable */
	/*
	 * Judged once every file is read, over what model/xref.c resolved
	 * and merged, not file by file: the rule says `cross-file: true`,
	 * or reads a field only that step sets (MODEL_FIELD_CROSS_FILE), or
	 * judges engine_defaults, which drop-in files merge into.
	 */
	bool cross_file;
	/*
	 * The rule reports a setting that is missing (`absence: true`):
	 * "no readOnlyRootFilesystem", "runAsNonRoot unset", defaults that
	 * an unset field leaves.  Such a rule is not judged on a partial
	 * object (mobj.partial: a Kustomize patch), which holds only what
	 * it changes; rules about what is set are.
	 */
	bool absence;
	/*
	 * mobj_share bits: an object that carries one is judged by this rule
	 * in the cross-file step instead, where it gets the field the rule
	 * reads (model_field_share); the others file by file.  0: none.
	 */
	unsigned defer_share;
	/*
	 * A built-in rule from the generated table: its strings, tables and
	 * expressions are static data, only the struct is the rule set's.
	 */
	bool borrowed;
};

struct ruleset {
	struct rule **v;	/* sorted by id */
	size_t n, cap;
	int k8s_minor;		/* Kubernetes 1.N judged against */
	struct expr_regex_cache *regexes;	/* built-in rules' patterns */
};

/*
 * "1.N", "v1.N" or "latest" to N, for 1.0 up to the newest minor the
 * rules know (K8S_MINOR_LATEST); -1 for anything else.
 */
int k8s_version_parse(const char *s);

/*
 * Load the built-in rules and, when `user_dir` is not NULL, every *.yaml /
 * *.yml file in it.  Without `examples`, the built-in rules come from the
 * table compiled when the binary was built (tools/rulegen.c): no parsing,
 * their patterns compiled on first use.  With it (--test-rules and
 * --write-docs), from their full text, examples and all.  Errors in rule
 * files go to `d` at file:line:col; returns -1 when any rule file had an
 * error.
 */
int rules_load(struct ruleset *rs, const char *user_dir, bool examples,
	       struct diags *d);
/* Load one rule file's text (used by rules_load and the tests). */
int rules_load_text(struct ruleset *rs, const char *file, const char *text,
		    size_t len, bool builtin, struct diags *d);
/*
 * Mark rules enabled: those in any of the `profiles` bits, then apply the
 * comma-separated `enable` and `disable` lists (ids or names; NULL = none).
 * Unknown ids or names are errors in `d`.
 */
int rules_select(struct ruleset *rs, unsigned profiles, const char *enable,
		 const char *disable, struct diags *d);
const struct rule *rules_find(const struct ruleset *rs, const char *id_or_name);
/* Add `r` (the set then owns it) where its id falls in the set's order. */
void rules_insert(struct ruleset *rs, struct rule *r);
void rules_free(struct ruleset *rs);

/* The profile bit for "default", "pss-baseline", ...; 0 when unknown. */
unsigned profile_parse(const char *name);
const char *profile_name(unsigned bit);
/*
 * The file name of a rule's documentation page, "CG101-privileged-
 * container.md" (docs/rules/, and SARIF's helpUri under --docs-url).
 */
void rule_page_name(struct strbuf *sb, const struct rule *r);
/* The rule id or name closest to `want` (a typo of one), or NULL. */
const char *rules_suggest(const struct ruleset *rs, const char *want);
/* The i-th name --profile takes ("all" last), or NULL past the end. */
const char *profile_name_at(size_t i);

#endif
