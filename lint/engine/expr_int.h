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
 * any()/all() inside any()/all().  Rules need two at most (an element of a
 * list inside the element of another); each level is one variable slot in
 * the evaluator's stack frame.
 */
#define EXPR_MAX_LAMBDAS 4

/* Variables visible at once: the rule's `for:` variable, one per lambda. */
#define EXPR_MAX_VARS (1 + EXPR_MAX_LAMBDAS)

/*
 * Functions take at most two arguments (any and all: a list and a
 * condition).
 */
#define EXPR_MAX_ARGS 2

/* Room for a type's name in a message: "list of container". */
#define TYPE_NAME_MAX 48

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
	N_EXISTS,
	N_COUNT,
	N_ANY,		/* any(a, var: b), the variable in slot u.slot */
	N_ALL,
};

/* A static type: what a value is when it is set. */
struct ty {
	enum mval_type t;
	enum mval_type elem;	/* lists: type of the elements */
	enum mobj_kind kind;	/* objects, lists of objects: their kind */
};

struct regex {
	pcre2_code *code;
	pcre2_match_context *mctx;	/* read-only once made */
	struct regex *next;
};

struct node {
	enum node_op op;
	size_t off;		/* the token naming the node, for errors */
	size_t start;		/* the first byte of the node's text */
	unsigned depth;		/* height of the subtree */
	struct node *a, *b;	/* operands */
	struct node *next;	/* N_LIST: the next element */
	const char *name;	/* N_NAME, N_DOT, N_CALL */
	const char *var;	/* N_CALL: the x of `x: cond` */
	unsigned nargs;		/* N_CALL */
	struct ty ty;		/* set by the checker */
	union {
		struct mval lit;		/* N_LIT */
		const struct model_field *field; /* N_FIELD */
		size_t table;		/* N_TABLE_GET, N_IN_TABLE */
		unsigned slot;		/* N_VAR, N_ANY, N_ALL */
		const struct regex *re;	/* N_MATCH */
	} u;
};

struct expr {
	struct arena *arena;	/* nodes, names, literal strings and lists */
	struct node *root;
	struct regex *regexes;	/* compiled patterns, freed with the expr */
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
	unsigned nlambdas;	/* any()/all() being checked, nested */
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

/* Parser (expr_parse.c): the whole text as one tree, or NULL. */
struct node *expr_parse(struct compiler *c);

/*
 * Checker (expr_check.c): bind the scope's `for:` variable, then resolve
 * and type the whole tree.  Returns the checked root, or NULL.
 */
struct node *expr_check_root(struct compiler *c, struct node *root);

#endif
