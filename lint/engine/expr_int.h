/*
 * expr_int.h - what the parts of the `when:` language share (see expr.h).
 *
 * What it is for: the token, the syntax tree, the compiler's state and
 * the few functions one stage calls in another, so that the lexer
 * (expr_lex.c), parser (expr_parse.c), checker (expr_check.c) and
 * evaluator (expr_eval.c) can live in files of their own; expr.c ties
 * them together behind expr.h.
 *
 * What it is not: an interface for anything outside lint/engine/expr*.c.
 * Rules, the engine and the tests use expr.h only.
 */
#ifndef CAGELINT_EXPR_INT_H
#define CAGELINT_EXPR_INT_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pcre2.h>

#include "engine/expr.h"

/*
 * Height of the syntax tree, and depth of the parser's recursion.  A rule
 * that needs a tenth of it is already unreadable; the cap bounds the
 * recursion of parser, checker and evaluator, so that no rule file can
 * overflow the stack.  A chain `a or b or c` counts one level per operator.
 */
#define EXPR_MAX_DEPTH 100

/*
 * Conditions `x: ...` (any, all) inside such conditions.  Rules need two
 * at most (an element of a list inside the element of another); each
 * level is one variable slot in the evaluator's stack frame.
 */
#define EXPR_MAX_LAMBDAS 4

/* Variables visible at once: the rule's `for:` variable, one per lambda. */
#define EXPR_MAX_VARS (1 + EXPR_MAX_LAMBDAS)

/*
 * Arguments the parser takes in one call: the most a builtin function
 * takes (a list and a condition).  expr_builtins.c's rows stay within it.
 */
#define EXPR_MAX_ARGS 2

/* Room for a type's name in a message: "list of container". */
#define TYPE_NAME_MAX 48

struct expr_builtin;

/* ======================================================================
 * Shared structures
 * ====================================================================== */

enum tok_type {
	T_EOF,
	T_IDENT,
	T_STR,
	T_INT,
	T_LPAREN,
	T_RPAREN,
	T_LBRACK,
	T_RBRACK,
	T_COMMA,
	T_COLON,
	T_DOT,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_MATCH,
	T_AND,
	T_OR,
	T_NOT,
	T_IN,
	T_CONTAINS,
	T_TRUE,
	T_FALSE,
};

struct token {
	enum tok_type type;
	size_t off, len;	/* its bytes in the text */
	int64_t ival;		/* T_INT */
};

enum node_op {
	/* made by the parser, replaced by the checker */
	N_NAME,		/* identifier: a variable, a field or a table */
	N_DOT,		/* a.name */
	N_INDEX,	/* a[b] */
	N_CALL,		/* name(a) or name(a, var: b) */
	N_LIST,		/* [literal, ...]: elements chained by `next` */
	N_IN,		/* a in b */
	N_CONTAINS,	/* a contains b */
	/* kept or made by the checker, run by the evaluator */
	N_LIT,		/* u.lit */
	N_VAR,		/* the variable in slot u.slot */
	N_FIELD,	/* field u.field of object a (NULL: the rule's) */
	N_TABLE_GET,	/* table u.table at key b */
	N_K8S_MINOR,	/* the Kubernetes minor version judged against */
	N_NOT,
	N_AND,
	N_OR,
	N_EQ,
	N_NE,
	N_LT,
	N_LE,
	N_GT,
	N_GE,
	N_IN_LIST,	/* a in list b (also `b contains a`) */
	N_IN_TABLE,	/* a in table u.table */
	N_CONTAINS_STR,	/* string a contains string b */
	N_MATCH,	/* a =~ u.re */
	N_BUILTIN,	/* a call of builtin u.fn: fn(a) or fn(a, var: b), the
			 * variable in slot u.slot when it takes one */
};

/* A static type: what a value is when it is set. */
struct ty {
	enum mval_type t;
	enum mval_type elem;	/* lists: type of the elements */
	enum mobj_kind kind;	/* objects, lists of objects: their kind */
};

/*
 * A pattern of `=~`.  A rule loaded from its text holds it compiled (code,
 * mctx).  A built-in rule's comes from the generated table with code NULL
 * and its number among the built-in patterns in `slot`: it is compiled on
 * first use into the rule set's cache (struct expr_regex_cache), so that a
 * run pays only for the patterns it matches with.
 */
struct regex {
	pcre2_code *code;
	pcre2_match_context *mctx;	/* read-only once made */
	struct regex *next;
	const char *pattern;	/* the literal, NUL-terminated */
	size_t slot;		/* built-in: its cache slot */
};

struct node {
	enum node_op op;
	size_t off;		/* the token naming the node, for errors */
	size_t start;		/* the first byte of the node's text */
	unsigned depth;		/* height of the subtree */
	struct node *a, *b;	/* operands */
	struct node *next;	/* N_LIST: the next element */
	const char *name;	/* N_NAME, N_DOT, N_CALL, N_BUILTIN */
	const char *var;	/* N_CALL: the x of `x: cond` */
	unsigned nargs;		/* N_CALL */
	struct ty ty;		/* set by the checker */
	const struct expr_builtin *fn;	/* N_BUILTIN */
	union {
		struct mval lit;		/* N_LIT */
		const struct model_field *field; /* N_FIELD */
		size_t table;		/* N_TABLE_GET, N_IN_TABLE */
		unsigned slot;		/* N_VAR, N_BUILTIN with a condition */
		const struct regex *re;	/* N_MATCH */
	} u;
};

struct expr {
	struct arena *arena;	/* nodes, names, literal strings and lists */
	struct node *root;
	struct regex *regexes;	/* compiled patterns, freed with the expr */
	/*
	 * The first cross-file field read that any object may get, else the
	 * first one only marked objects get (model_field_share), else NULL.
	 */
	const struct model_field *cross_file;
};

/* A name in scope while checking: the `for:` variable, a lambda's. */
struct binding {
	const char *name;
	struct ty ty;
	unsigned slot;
};

/* Everything compiling one expression needs; lives on the stack. */
struct compiler {
	const char *text;
	const struct expr_scope *scope;
	struct expr *e;
	struct token tok;	/* the current token */
	size_t pos;		/* where the lexer goes on */
	unsigned depth;		/* parser recursion */
	struct binding binds[EXPR_MAX_VARS];
	unsigned nbinds;
	unsigned nlambdas;	/* conditions x: ... being checked, nested */
	bool failed;
	size_t err_off;
	char *err_msg;
};

/* ======================================================================
 * Between the stages
 * ====================================================================== */

/*
 * Record the first error of a compilation; later ones are consequences.
 * Returns NULL, so that a stage can `return expr_fail(...)`.  (expr.c)
 */
void *expr_fail(struct compiler *c, size_t off, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

/* Lexer (expr_lex.c) */

/* Read the next token into c->tok; -1 (error recorded) on bad input. */
int expr_lex_next(struct compiler *c);
/* The first byte at or after `i` that is not white space. */
size_t expr_skip_space(const char *s, size_t i);
/* The value of string token `t`, in the expression's arena. */
char *expr_decode_string(struct compiler *c, const struct token *t);
/*
 * The offset in the text of byte `decoded` of the string literal whose
 * opening quote is at `quote` (escapes take two bytes of text for one).
 */
size_t expr_string_text_offset(const char *text, size_t quote,
			       size_t decoded);

/*
 * Compile `re->pattern` into re->code (JIT where available) and a match
 * context with the limits.  Returns 0, or the PCRE2 error code with the
 * offset of the mistake in *where.  (expr.c)
 */
int expr_regex_build(struct regex *re, size_t *where);

/* The compiled form of `re`, from the frame's cache when built in. (expr.c) */
const struct regex *expr_regex_get(const struct regex *re,
				   const struct expr_frame *f);

/* Parser (expr_parse.c): the whole text as one tree, or NULL. */
struct node *expr_parse(struct compiler *c);

/*
 * Checker (expr_check.c): bind the scope's `for:` variable, then resolve
 * and type the whole tree.  Returns the checked root, or NULL.
 */
struct node *expr_check_root(struct compiler *c, struct node *root);

/*
 * Checker (expr_check.c): resolve and type `n`; returns the node that
 * replaces it, or NULL (error recorded).  For the builtins' checks.
 */
struct node *expr_check_node(struct compiler *c, struct node *n);
/* "string", "list of mount"...; `buf` (TYPE_NAME_MAX) holds long names. */
const char *expr_type_name(struct ty t, char *buf, size_t size);

#define TY_BOOL ((struct ty){ MV_BOOL, MV_UNSET, 0 })
#define TY_INT ((struct ty){ MV_INT, MV_UNSET, 0 })
#define TY_STR ((struct ty){ MV_STR, MV_UNSET, 0 })

/* Evaluator (expr_eval.c) */

/* One evaluation's variables; on the caller's stack, never shared. */
struct env {
	const struct expr_frame *f;
	const struct mval *vars[EXPR_MAX_VARS];
};

void expr_eval_node(const struct node *n, struct env *env, struct mval *out);
void expr_set_unset(struct mval *out);
void expr_set_bool(struct mval *out, bool b, struct loc loc);
/* True only for a set boolean true. */
bool expr_truthy(const struct mval *v);

/* ======================================================================
 * Builtin functions (expr_builtins.c)
 * ====================================================================== */

/*
 * One row of the table of functions.  `check` gets the N_CALL node once
 * its arity is known right (nargs == arity, and `x:` given exactly when
 * `lambda`); it checks the arguments and sets the node's type.  `eval`
 * gets the N_BUILTIN node.
 */
struct expr_builtin {
	const char *name;
	unsigned arity;
	bool lambda;		/* (LIST, x: CONDITION), x in slot u.slot */
	const char *takes;	/* arity error: "NAME() takes <takes>" */
	const char *usage;	/* "any(LIST, x: CONDITION)"; also in the
				 * arity error of a lambda */
	const char *doc;	/* what it gives, for the documentation */
	struct node *(*check)(struct compiler *c, struct node *call);
	void (*eval)(const struct node *n, struct env *env, struct mval *out);
};

/*
 * The table itself, by name for the generated table of built-in rules,
 * whose N_BUILTIN nodes point at its rows (tools/rulegen.c).
 */
extern const struct expr_builtin expr_builtin_rows[];

/* The row named `name`, or NULL. */
const struct expr_builtin *expr_builtin_find(const char *name);
/* Row i in table order, or NULL past the last. */
const struct expr_builtin *expr_builtin_at(size_t i);
/*
 * Append the names in table order, each followed by `suffix`, separated
 * by ", " and `last_sep` before the last: "exists, count, any and all",
 * or with `lambdas_only` and "()", " or ": "any() or all()".
 */
void expr_builtin_names(struct strbuf *sb, bool lambdas_only,
			const char *suffix, const char *last_sep);

#endif
