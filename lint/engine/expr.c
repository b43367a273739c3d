/*
 * expr.c - the `when:` language of rule files (see expr.h).
 *
 * What it does: turns the text of an expression into a typed tree once,
 * when a rule is loaded, and evaluates that tree against model objects as
 * often as the engine asks.  Four stages, one section each:
 *
 *   lexer      text -> tokens, one at a time, each with its byte offset
 *   parser     tokens -> syntax tree; names are not resolved yet
 *   checker    resolves names (variables, fields, tables, functions),
 *              gives every node its static type and compiles the regular
 *              expressions; every mistake in a rule is found here or
 *              earlier, and reported with the byte offset of its token
 *   evaluator  walks the checked tree; never fails, never writes to the
 *              expression, allocates nothing but PCRE2's match data
 *
 * The grammar, lowest precedence first:
 *
 *   expr     := and { "or" and }
 *   and      := not { "and" not }
 *   not      := "not" not | compare
 *   compare  := postfix [ ("==" | "!=" | "<" | "<=" | ">" | ">=" |
 *                          "in" | "contains" | "=~") postfix ]
 *   postfix  := primary { "." IDENT | "[" expr "]" }
 *   primary  := STRING | INT | "true" | "false" | list | "(" expr ")"
 *             | IDENT "(" [ arg { "," arg } ] ")" | IDENT
 *   arg      := IDENT ":" expr | expr
 *   list     := "[" literal { "," literal } [ "," ] "]"
 *
 * What it does not do: read rule files or turn offsets into file:line:col
 * (rules.c), decide which objects a rule sees (engine.c), or know any
 * field by name: every field comes from model.h's field table.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "engine/expr.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>


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

/*
 * PCRE2 limits for one match.  Patterns match paths, names and image
 * references; an honest match of such a subject needs a few thousand steps
 * and a nesting of a few dozen.  The limits turn a pattern that backtracks
 * catastrophically ("^(a+)+$") into a quick non-match instead of a hang,
 * and bound the heap the interpreter may take for its frames.
 */
#define EXPR_REGEX_MATCH_LIMIT 100000
#define EXPR_REGEX_DEPTH_LIMIT 1000
#define EXPR_REGEX_HEAP_LIMIT_KIB 4096

/*
 * UTF-8 patterns; a subject that is not valid UTF-8 simply does not match
 * where it is invalid.  \C could split a character: refused.
 */
#define EXPR_REGEX_OPTIONS \
	(PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C)

/* PCRE2's error messages are under 120 bytes. */
#define REGEX_MSG_MAX 256

/* Names longer than this get no "did you mean" (bounds the work). */
#define SUGGEST_MAX_LEN 64

/* Room for a type's name in a message: "list of container". */
#define TYPE_NAME_MAX 48

/* Longest piece of a token quoted in a message. */
#define TOKEN_QUOTE_MAX 24

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

static void *fail(struct compiler *c, size_t off, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

/* Record the first error; later ones are consequences.  Returns NULL. */
static void *fail(struct compiler *c, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (c->failed)
		return NULL;
	c->failed = true;
	c->err_off = off;
	va_start(ap, fmt);
	c->err_msg = xvasprintf(fmt, ap);
	va_end(ap);
	return NULL;
}

/* ======================================================================
 * Lexer
 * ====================================================================== */

static const struct {
	const char *word;
	enum tok_type type;
} keywords[] = {
	{ "and", T_AND },
	{ "or", T_OR },
	{ "not", T_NOT },
	{ "in", T_IN },
	{ "contains", T_CONTAINS },
	{ "true", T_TRUE },
	{ "false", T_FALSE },
};

/* Longer operators first, so "==" is not read as "=" "=". */
static const struct {
	const char *text;
	enum tok_type type;
} punctuation[] = {
	{ "==", T_EQ }, { "!=", T_NE }, { "<=", T_LE }, { ">=", T_GE },
	{ "=~", T_MATCH }, { "<", T_LT }, { ">", T_GT }, { "(", T_LPAREN },
	{ ")", T_RPAREN }, { "[", T_LBRACK }, { "]", T_RBRACK },
	{ ",", T_COMMA }, { ":", T_COLON }, { ".", T_DOT },
};

/* Characters people write from other languages, and what to write. */
static const struct {
	char ch;
	const char *hint;
} misused_chars[] = {
	{ '=', "; did you mean \"==\"?" },
	{ '!', "; use \"not\" or \"!=\"" },
	{ '&', "; use \"and\"" },
	{ '|', "; use \"or\"" },
	{ '\'', "; strings are written in double quotes" },
};

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static bool is_ident_start(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       ch == '_';
}

static bool is_ident_char(char ch)
{
	return is_ident_start(ch) || is_digit(ch);
}

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static size_t skip_space(const char *s, size_t i)
{
	while (is_space(s[i]))
		i++;
	return i;
}

/* A string: checks its escapes; decode_string() makes its value later. */
static int lex_string(struct compiler *c, struct token *t)
{
	const char *s = c->text;
	size_t i = t->off + 1;

	while (s[i] != '"') {
		if (s[i] == '\0' || (s[i] == '\\' && s[i + 1] == '\0')) {
			fail(c, t->off, "unterminated string");
			return -1;
		}
		if (s[i] != '\\') {
			i++;
			continue;
		}
		if (!strchr("\"\\nt", s[i + 1])) {
			fail(c, i, "unknown escape in a string "
			     "(use \\\", \\\\, \\n or \\t)");
			return -1;
		}
		i += 2;
	}
	t->type = T_STR;
	t->len = i + 1 - t->off;
	return 0;
}

/* A decimal integer, with an optional minus sign right before it. */
static int lex_number(struct compiler *c, struct token *t)
{
	const char *s = c->text;
	size_t i = t->off;
	bool negative = s[i] == '-';
	uint64_t v = 0;

	if (negative)
		i++;
	while (is_digit(s[i])) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > ((uint64_t)INT64_MAX - d) / 10) {
			fail(c, t->off, "integer out of range");
			return -1;
		}
		v = v * 10 + d;
		i++;
	}
	t->type = T_INT;
	t->len = i - t->off;
	t->ival = negative ? -(int64_t)v : (int64_t)v;
	return 0;
}

static void lex_ident(struct compiler *c, struct token *t)
{
	const char *s = c->text + t->off;
	size_t n = 0, i;

	while (is_ident_char(s[n]))
		n++;
	t->type = T_IDENT;
	t->len = n;
	for (i = 0; i < ARRAY_SIZE(keywords); i++)
		if (strlen(keywords[i].word) == n &&
		    !memcmp(keywords[i].word, s, n))
			t->type = keywords[i].type;
}

static int lex_punct(struct compiler *c, struct token *t)
{
	const char *s = c->text + t->off;
	unsigned char ch = (unsigned char)*s;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(punctuation); i++) {
		size_t n = strlen(punctuation[i].text);

		if (!strncmp(s, punctuation[i].text, n)) {
			t->type = punctuation[i].type;
			t->len = n;
			return 0;
		}
	}
	for (i = 0; i < ARRAY_SIZE(misused_chars); i++)
		if (misused_chars[i].ch == *s) {
			fail(c, t->off, "unexpected \"%c\"%s", *s,
			     misused_chars[i].hint);
			return -1;
		}
	if (ch > ' ' && ch < 0x7f)
		fail(c, t->off, "unexpected \"%c\"", ch);
	else
		fail(c, t->off, "unexpected byte 0x%02x", ch);
	return -1;
}

/* Read the next token into c->tok; -1 (error recorded) on bad input. */
static int lex_next(struct compiler *c)
{
	struct token *t = &c->tok;
	const char *s = c->text;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	t->off = skip_space(s, c->pos);
	if (s[t->off] == '\0')
		t->type = T_EOF;
	else if (s[t->off] == '"')
		rc = lex_string(c, t);
	else if (is_digit(s[t->off]) ||
		 (s[t->off] == '-' && is_digit(s[t->off + 1])))
		rc = lex_number(c, t);
	else if (is_ident_start(s[t->off]))
		lex_ident(c, t);
	else
		rc = lex_punct(c, t);
	c->pos = t->off + t->len;
	return rc;
}

/* The value of a string token, in the expression's arena. */
static char *decode_string(struct compiler *c, const struct token *t)
{
	const char *s = c->text + t->off + 1;
	size_t n = t->len - 2, i, j = 0;
	char *d = arena_alloc(c->e->arena, n + 1);

	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			d[j++] = s[i];
			continue;
		}
		i++;
		d[j++] = s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : s[i];
	}
	d[j] = '\0';
	return d;
}

/*
 * The offset in the text of byte `decoded` of the string literal whose
 * opening quote is at `quote` (escapes take two bytes of text for one).
 */
static size_t string_text_offset(const char *text, size_t quote,
				 size_t decoded)
{
	size_t pos = quote + 1;

	while (decoded > 0 && text[pos] != '"' && text[pos] != '\0') {
		pos += text[pos] == '\\' ? 2 : 1;
		decoded--;
	}
	return pos;
}

/* ======================================================================
 * Parser
 * ====================================================================== */

/* How messages name the current token. */
static void describe_token(const struct compiler *c, char *buf, size_t size)
{
	const struct token *t = &c->tok;
	int n = t->len > TOKEN_QUOTE_MAX ? TOKEN_QUOTE_MAX : (int)t->len;

	if (t->type == T_EOF)
		snprintf(buf, size, "the end of the expression");
	else if (t->type == T_STR)
		snprintf(buf, size, "a string");
	else
		snprintf(buf, size, "\"%.*s\"%s", n, c->text + t->off,
			 t->len > TOKEN_QUOTE_MAX ? "..." : "");
}

static void *unexpected(struct compiler *c, const char *what)
{
	char found[TOKEN_QUOTE_MAX + 32];

	describe_token(c, found, sizeof(found));
	return fail(c, c->tok.off, "expected %s, found %s", what, found);
}

static int expect(struct compiler *c, enum tok_type type, const char *what)
{
	if (c->tok.type != type) {
		unexpected(c, what);
		return -1;
	}
	return lex_next(c);
}

/* A node whose text starts at `off`, with its operands (or NULL). */
static struct node *new_node(struct compiler *c, enum node_op op,
			     size_t off, struct node *a, struct node *b)
{
	struct node *n = arena_alloc(c->e->arena, sizeof(*n));
	unsigned below = 0;

	if (a && a->depth > below)
		below = a->depth;
	if (b && b->depth > below)
		below = b->depth;
	n->op = op;
	n->off = off;
	n->start = off;
	n->a = a;
	n->b = b;
	n->depth = below + 1;
	if (n->depth > EXPR_MAX_DEPTH)
		return fail(c, off, "expression nested too deeply "
			    "(more than %d levels)", EXPR_MAX_DEPTH);
	return n;
}

/* A binary node: named by its operator, its text starts with `a`'s. */
static struct node *new_binary(struct compiler *c, enum node_op op,
			       size_t off, struct node *a, struct node *b)
{
	struct node *n = new_node(c, op, off, a, b);

	if (n)
		n->start = a->start;
	return n;
}

static int enter(struct compiler *c)
{
	if (++c->depth > EXPR_MAX_DEPTH) {
		fail(c, c->tok.off, "expression nested too deeply "
		     "(more than %d levels)", EXPR_MAX_DEPTH);
		return -1;
	}
	return 0;
}

static void leave(struct compiler *c)
{
	c->depth--;
}

static struct node *parse_expr(struct compiler *c);

/* STRING | INT | true | false, as an N_LIT with its type. */
static struct node *parse_literal(struct compiler *c)
{
	struct node *n = new_node(c, N_LIT, c->tok.off, NULL, NULL);
	struct mval *v;

	if (!n)
		return NULL;
	v = &n->u.lit;
	switch (c->tok.type) {
	case T_STR:
		v->type = MV_STR;
		v->u.s = decode_string(c, &c->tok);
		break;
	case T_INT:
		v->type = MV_INT;
		v->u.i = c->tok.ival;
		break;
	case T_TRUE:
	case T_FALSE:
		v->type = MV_BOOL;
		v->u.b = c->tok.type == T_TRUE;
		break;
	default:
		return unexpected(c, "a string, a number, true or false");
	}
	n->ty.t = v->type;
	return lex_next(c) ? NULL : n;
}

/* "[" literal { "," literal } [","] "]" */
static struct node *parse_list(struct compiler *c)
{
	struct node *list = new_node(c, N_LIST, c->tok.off, NULL, NULL);
	struct node **tail;

	if (!list || lex_next(c))
		return NULL;
	if (c->tok.type == T_RBRACK)
		return fail(c, list->off, "an empty list has no element "
			    "type; to test a list for emptiness, use "
			    "count(LIST) == 0");
	tail = &list->a;
	while (c->tok.type != T_RBRACK) {
		*tail = parse_literal(c);
		if (!*tail)
			return NULL;
		tail = &(*tail)->next;
		if (c->tok.type != T_COMMA)
			break;
		if (lex_next(c))
			return NULL;
	}
	return expect(c, T_RBRACK, "\",\" or \"]\"") ? NULL : list;
}

/* After "(" or ",": is this argument `IDENT :`? */
static bool at_lambda(const struct compiler *c)
{
	return c->tok.type == T_IDENT &&
	       c->text[skip_space(c->text, c->pos)] == ':';
}

/* One argument of a call: `x: cond` (name in *var) or an expression. */
static struct node *parse_arg(struct compiler *c, unsigned nth,
			      const char **var)
{
	if (!at_lambda(c))
		return parse_expr(c);
	if (nth != 1)
		return fail(c, c->tok.off, "\"x: condition\" can only be "
			    "the second argument of any() or all()");
	*var = arena_strndup(c->e->arena, c->text + c->tok.off, c->tok.len);
	if (lex_next(c) || lex_next(c))
		return NULL;
	return parse_expr(c);
}

/* NAME "(" [ arg { "," arg } ] ")"; the current token is "(". */
static struct node *parse_call(struct compiler *c, const struct token *fn)
{
	struct node *args[EXPR_MAX_ARGS] = { NULL, NULL }, *call;
	const char *name = arena_strndup(c->e->arena, c->text + fn->off,
					 fn->len);
	const char *var = NULL;
	unsigned nargs = 0;

	if (lex_next(c))
		return NULL;
	while (c->tok.type != T_RPAREN) {
		if (nargs == EXPR_MAX_ARGS)
			return fail(c, c->tok.off, "too many arguments to "
				    "%s()", name);
		args[nargs] = parse_arg(c, nargs, &var);
		if (!args[nargs++])
			return NULL;
		if (c->tok.type != T_COMMA)
			break;
		if (lex_next(c))
			return NULL;
	}
	if (expect(c, T_RPAREN, "\",\" or \")\""))
		return NULL;
	call = new_node(c, N_CALL, fn->off, args[0], args[1]);
	if (call) {
		call->name = name;
		call->var = var;
		call->nargs = nargs;
	}
	return call;
}

/* An identifier: a name, or a function call when "(" follows. */
static struct node *parse_name(struct compiler *c)
{
	struct token id = c->tok;
	struct node *n;

	if (lex_next(c))
		return NULL;
	if (c->tok.type == T_LPAREN)
		return parse_call(c, &id);
	n = new_node(c, N_NAME, id.off, NULL, NULL);
	if (n)
		n->name = arena_strndup(c->e->arena, c->text + id.off,
					id.len);
	return n;
}

static struct node *parse_primary(struct compiler *c)
{
	size_t off = c->tok.off;
	struct node *n;

	switch (c->tok.type) {
	case T_STR:
	case T_INT:
	case T_TRUE:
	case T_FALSE:
		return parse_literal(c);
	case T_LBRACK:
		return parse_list(c);
	case T_IDENT:
		return parse_name(c);
	case T_LPAREN:
		if (lex_next(c))
			return NULL;
		n = parse_expr(c);
		if (!n || expect(c, T_RPAREN, "\")\""))
			return NULL;
		n->start = off;
		return n;
	default:
		return unexpected(c, "an expression");
	}
}

/* ".name" after a value; the current token is ".". */
static struct node *parse_dot(struct compiler *c, struct node *base)
{
	struct node *n;

	if (lex_next(c))
		return NULL;
	if (c->tok.type != T_IDENT)
		return unexpected(c, "a field name after \".\"");
	n = new_binary(c, N_DOT, c->tok.off, base, NULL);
	if (!n)
		return NULL;
	n->name = arena_strndup(c->e->arena, c->text + c->tok.off,
				c->tok.len);
	return lex_next(c) ? NULL : n;
}

/* "[key]" after a value; the current token is "[". */
static struct node *parse_index(struct compiler *c, struct node *base)
{
	size_t off = c->tok.off;
	struct node *key;

	if (lex_next(c))
		return NULL;
	key = parse_expr(c);
	if (!key || expect(c, T_RBRACK, "\"]\""))
		return NULL;
	return new_binary(c, N_INDEX, off, base, key);
}

static struct node *parse_postfix(struct compiler *c)
{
	struct node *n = parse_primary(c);

	while (n) {
		if (c->tok.type == T_DOT)
			n = parse_dot(c, n);
		else if (c->tok.type == T_LBRACK)
			n = parse_index(c, n);
		else
			break;
	}
	return n;
}

static const struct {
	enum tok_type tok;
	enum node_op op;
} compare_ops[] = {
	{ T_EQ, N_EQ }, { T_NE, N_NE }, { T_LT, N_LT }, { T_LE, N_LE },
	{ T_GT, N_GT }, { T_GE, N_GE }, { T_IN, N_IN },
	{ T_CONTAINS, N_CONTAINS }, { T_MATCH, N_MATCH },
};

/* The index of `t` in compare_ops, or -1. */
static int compare_op(enum tok_type t)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(compare_ops); i++)
		if (compare_ops[i].tok == t)
			return (int)i;
	return -1;
}

static struct node *parse_compare(struct compiler *c)
{
	struct node *l = parse_postfix(c), *r;
	size_t off = c->tok.off;
	int i;

	if (!l)
		return NULL;
	i = compare_op(c->tok.type);
	if (i < 0)
		return l;
	if (lex_next(c))
		return NULL;
	r = parse_postfix(c);
	if (!r)
		return NULL;
	if (compare_op(c->tok.type) >= 0)
		return fail(c, c->tok.off, "comparisons do not chain; "
			    "combine them with \"and\"");
	return new_binary(c, compare_ops[i].op, off, l, r);
}

static struct node *parse_not(struct compiler *c)
{
	size_t off = c->tok.off;
	struct node *a;

	if (c->tok.type != T_NOT)
		return parse_compare(c);
	if (enter(c) || lex_next(c))
		return NULL;
	a = parse_not(c);
	leave(c);
	return a ? new_node(c, N_NOT, off, a, NULL) : NULL;
}

/* operand { TOK operand }, left-associative. */
static struct node *parse_chain(struct compiler *c, enum tok_type tok,
				enum node_op op,
				struct node *(*operand)(struct compiler *))
{
	struct node *n = operand(c);

	while (n && c->tok.type == tok) {
		size_t off = c->tok.off;
		struct node *r;

		if (lex_next(c))
			return NULL;
		r = operand(c);
		n = r ? new_binary(c, op, off, n, r) : NULL;
	}
	return n;
}

static struct node *parse_and(struct compiler *c)
{
	return parse_chain(c, T_AND, N_AND, parse_not);
}

static struct node *parse_expr(struct compiler *c)
{
	struct node *n;

	if (enter(c))
		return NULL;
	n = parse_chain(c, T_OR, N_OR, parse_and);
	leave(c);
	return n;
}

/* The whole text as one expression. */
static struct node *parse(struct compiler *c)
{
	char found[TOKEN_QUOTE_MAX + 32];
	struct node *n;

	if (lex_next(c))
		return NULL;
	n = parse_expr(c);
	if (!n || c->tok.type == T_EOF)
		return n;
	describe_token(c, found, sizeof(found));
	return fail(c, c->tok.off, "unexpected %s after a complete "
		    "expression", found);
}

/* ======================================================================
 * Checker
 * ====================================================================== */

static const struct ty ty_bool = { MV_BOOL, MV_UNSET, 0 };
static const struct ty ty_int = { MV_INT, MV_UNSET, 0 };
static const struct ty ty_str = { MV_STR, MV_UNSET, 0 };

static struct node *check(struct compiler *c, struct node *n);

static bool is_scalar(enum mval_type t)
{
	return t == MV_BOOL || t == MV_INT || t == MV_STR;
}

static bool same_type(struct ty a, struct ty b)
{
	if (a.t != b.t)
		return false;
	if (a.t == MV_LIST && a.elem != b.elem)
		return false;
	if ((a.t == MV_OBJ || (a.t == MV_LIST && a.elem == MV_OBJ)) &&
	    a.kind != b.kind)
		return false;
	return true;
}

static const char *scalar_name(enum mval_type t, enum mobj_kind kind)
{
	switch (t) {
	case MV_BOOL:
		return "bool";
	case MV_INT:
		return "int";
	case MV_STR:
		return "string";
	case MV_OBJ:
		return mobj_kind_name(kind);
	case MV_LIST:
		return "list";
	default:
		return "unset";
	}
}

/* "string", "list of mount"...; `buf` holds the longer names. */
static const char *type_name(struct ty t, char *buf, size_t size)
{
	if (t.t != MV_LIST)
		return scalar_name(t.t, t.kind);
	snprintf(buf, size, "list of %s", scalar_name(t.elem, t.kind));
	return buf;
}

static const char *op_text(enum node_op op)
{
	switch (op) {
	case N_AND:
		return "and";
	case N_OR:
		return "or";
	case N_EQ:
		return "==";
	case N_NE:
		return "!=";
	case N_LT:
		return "<";
	case N_LE:
		return "<=";
	case N_GT:
		return ">";
	case N_GE:
		return ">=";
	case N_IN:
		return "in";
	case N_CONTAINS:
		return "contains";
	default:
		return "?";
	}
}

/* --- did you mean ------------------------------------------------------ */

/* Levenshtein distance; SIZE_MAX when either name is too long to try. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), i, j;
	size_t row[SUGGEST_MAX_LEN + 1];

	if (n > SUGGEST_MAX_LEN || m > SUGGEST_MAX_LEN)
		return SIZE_MAX;
	for (j = 0; j <= m; j++)
		row[j] = j;
	for (i = 1; i <= n; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[m];
}

struct suggestion {
	const char *want;	/* what was written */
	const char *best;	/* the closest candidate so far, or NULL */
	size_t dist;
};

/* A candidate is close when at most a quarter of it (+1) differs. */
static void suggest_try(struct suggestion *s, const char *candidate)
{
	size_t d = edit_distance(s->want, candidate);

	if (d > strlen(s->want) / 4 + 1)
		return;
	if (!s->best || d < s->dist) {
		s->best = candidate;
		s->dist = d;
	}
}

static const char *suggest_field(enum mobj_kind kind, const char *want)
{
	struct suggestion s = { want, NULL, 0 };
	const struct model_field *f;
	size_t n, i;

	f = model_fields(&n);
	for (i = 0; i < n; i++)
		if (f[i].owner == kind)
			suggest_try(&s, f[i].name);
	suggest_try(&s, "origin");
	return s.best;
}

/* --- names -------------------------------------------------------------- */

static const struct binding *find_binding(const struct compiler *c,
					  const char *name)
{
	unsigned i;

	for (i = c->nbinds; i-- > 0;)
		if (!strcmp(c->binds[i].name, name))
			return &c->binds[i];
	return NULL;
}

/* The index of the rule's table `name`, or -1. */
static long find_table(const struct compiler *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->scope->ntables; i++)
		if (!strcmp(c->scope->tables[i].name, name))
			return (long)i;
	return -1;
}

static void *unknown_table(struct compiler *c, const struct node *n)
{
	struct suggestion s = { n->name, NULL, 0 };
	size_t i;

	if (!c->scope->ntables)
		return fail(c, n->off, "unknown table \"%s\" (this rule "
			    "has no tables)", n->name);
	for (i = 0; i < c->scope->ntables; i++)
		suggest_try(&s, c->scope->tables[i].name);
	if (s.best)
		return fail(c, n->off, "unknown table \"%s\" (did you mean "
			    "\"%s\"?)", n->name, s.best);
	return fail(c, n->off, "unknown table \"%s\"", n->name);
}

/*
 * Does `n` name one of the rule's tables where a table may stand (the
 * right of `in`)?  1 and its index in *idx: yes; 0: no; -1: error (the
 * name is a table and a field both, and it is not clear which is meant).
 */
static int table_ref(struct compiler *c, const struct node *n, size_t *idx)
{
	long t;

	if (n->op != N_NAME || find_binding(c, n->name))
		return 0;
	t = find_table(c, n->name);
	if (t < 0)
		return 0;
	if (model_field_find(c->scope->kind, n->name)) {
		fail(c, n->off, "\"%s\" is both a table of the rule and a "
		     "field of %s; rename the table", n->name,
		     mobj_kind_name(c->scope->kind));
		return -1;
	}
	*idx = (size_t)t;
	return 1;
}

/* The type of a value read from field `f`. */
static struct ty field_type(const struct model_field *f)
{
	struct ty t = { f->type, f->elem_type, f->elem_kind };

	if (t.t != MV_LIST)
		t.elem = MV_UNSET;
	if (t.t != MV_OBJ && t.elem != MV_OBJ)
		t.kind = 0;
	return t;
}

/* The field of `kind` named by segs[0..k) joined with dots, or NULL. */
static const struct model_field *field_of(enum mobj_kind kind,
					  struct node **segs, size_t k,
					  char **joined)
{
	struct strbuf sb = STRBUF_INIT;
	const struct model_field *f;
	size_t i;

	for (i = 0; i < k; i++) {
		if (i)
			sb_addc(&sb, '.');
		sb_adds(&sb, segs[i]->name);
	}
	f = model_field_find(kind, sb.buf);
	if (joined)
		*joined = sb_detach(&sb);
	sb_free(&sb);
	return f;
}

static void *unknown_field(struct compiler *c, enum mobj_kind kind,
			   struct node **segs, size_t n, bool at_root)
{
	char *name;
	const char *best;

	field_of(kind, segs, n, &name);
	if (at_root && n == 1 && find_table(c, name) >= 0) {
		fail(c, segs[0]->off, "table \"%s\" can only be read as "
		     "%s[KEY] or tested with \"KEY in %s\"", name, name,
		     name);
		free(name);
		return NULL;
	}
	best = suggest_field(kind, name);
	if (best)
		fail(c, segs[0]->off, "unknown field \"%s\" for %s "
		     "(did you mean \"%s\"?)", name, mobj_kind_name(kind),
		     best);
	else
		fail(c, segs[0]->off, "unknown field \"%s\" for %s", name,
		     mobj_kind_name(kind));
	free(name);
	return NULL;
}

/*
 * Resolve the names segs[0..n) as fields read one after another from
 * `base` (NULL: the rule's object) of type `ty`, each time taking the
 * longest run of names that is one field ("capabilities.add").  The last
 * name node of each run becomes its N_FIELD node.
 */
static struct node *resolve_fields(struct compiler *c, struct node *base,
				   struct ty ty, struct node **segs,
				   size_t n)
{
	size_t i = 0;

	while (i < n) {
		char buf[TYPE_NAME_MAX];
		const struct model_field *f = NULL;
		struct node *fn;
		size_t k;

		if (ty.t != MV_OBJ)
			return fail(c, segs[i]->off, "cannot read field "
				    "\"%s\": the value is %s, not an object",
				    segs[i]->name,
				    type_name(ty, buf, sizeof(buf)));
		for (k = n - i; k > 0; k--) {
			f = field_of(ty.kind, segs + i, k, NULL);
			if (f)
				break;
		}
		if (!f)
			return unknown_field(c, ty.kind, segs + i, n - i,
					     !base);
		fn = segs[i + k - 1];
		fn->op = N_FIELD;
		fn->off = segs[i]->off;
		fn->start = base ? base->start : segs[i]->off;
		fn->a = base;
		fn->u.field = f;
		fn->ty = field_type(f);
		base = fn;
		ty = fn->ty;
		i += k;
	}
	return base;
}

/*
 * A name or a chain of ".name": a variable, the fields of the rule's
 * object, or the fields of another value (`m.host_path`).
 */
static struct node *check_path(struct compiler *c, struct node *n)
{
	struct ty root = { MV_OBJ, MV_UNSET, c->scope->kind };
	const struct binding *b;
	struct node *p, *base, **segs;
	size_t count = 0, k;

	for (p = n; p->op == N_DOT; p = p->a)
		count++;
	count += p->op == N_NAME;
	segs = arena_alloc(c->e->arena, count * sizeof(*segs));
	k = count;
	for (p = n; p->op == N_DOT; p = p->a)
		segs[--k] = p;
	if (p->op != N_NAME) {
		base = check(c, p);
		if (!base)
			return NULL;
		return resolve_fields(c, base, base->ty, segs, count);
	}
	segs[0] = p;
	b = find_binding(c, p->name);
	if (!b && count == 1 && !strcmp(p->name, EXPR_K8S_MINOR)) {
		p->op = N_K8S_MINOR;
		p->ty.t = MV_INT;
		p->ty.elem = MV_UNSET;
		p->ty.kind = 0;
		return p;
	}
	if (!b)
		return resolve_fields(c, NULL, root, segs, count);
	p->op = N_VAR;
	p->u.slot = b->slot;
	p->ty = b->ty;
	return resolve_fields(c, p, p->ty, segs + 1, count - 1);
}

/* [literal, ...]: one element type; becomes a constant list. */
static struct node *check_list(struct compiler *c, struct node *n)
{
	struct mlist *l = arena_alloc(c->e->arena, sizeof(*l));
	struct node *e;
	size_t count = 0;

	for (e = n->a; e; e = e->next) {
		if (e->ty.t != n->a->ty.t)
			return fail(c, e->off, "list elements must all have "
				    "one type: %s after %s",
				    scalar_name(e->ty.t, 0),
				    scalar_name(n->a->ty.t, 0));
		count++;
	}
	l->v = arena_alloc(c->e->arena, count * sizeof(*l->v));
	for (e = n->a; e; e = e->next)
		l->v[l->n++] = e->u.lit;
	l->cap = l->n;
	n->op = N_LIT;
	n->ty.t = MV_LIST;
	n->ty.elem = n->a->ty.t;
	n->u.lit.type = MV_LIST;
	n->u.lit.u.list = l;
	n->a = NULL;
	return n;
}

/* NAME[key]: a lookup in one of the rule's tables. */
static struct node *check_index(struct compiler *c, struct node *n)
{
	char buf[TYPE_NAME_MAX];
	struct node *table = n->a, *key;
	long t;

	if (table->op != N_NAME || find_binding(c, table->name))
		return fail(c, n->off, "only a table can be indexed with "
			    "[KEY]");
	t = find_table(c, table->name);
	if (t < 0)
		return unknown_table(c, table);
	key = check(c, n->b);
	if (!key)
		return NULL;
	if (key->ty.t != MV_STR)
		return fail(c, key->start, "a table key must be a string, "
			    "got %s", type_name(key->ty, buf, sizeof(buf)));
	n->op = N_TABLE_GET;
	n->a = NULL;
	n->b = key;
	n->u.table = (size_t)t;
	n->ty = ty_str;
	return n;
}

/* Operand `a` of `op` must be a bool. */
static struct node *want_bool(struct compiler *c, struct node *a,
			      const char *op)
{
	char buf[TYPE_NAME_MAX];

	if (!a || a->ty.t == MV_BOOL)
		return a;
	return fail(c, a->start, "\"%s\" needs a bool, got %s", op,
		    type_name(a->ty, buf, sizeof(buf)));
}

static struct node *check_not(struct compiler *c, struct node *n)
{
	n->a = want_bool(c, check(c, n->a), "not");
	n->ty = ty_bool;
	return n->a ? n : NULL;
}

static struct node *check_logic(struct compiler *c, struct node *n)
{
	n->a = want_bool(c, check(c, n->a), op_text(n->op));
	if (!n->a)
		return NULL;
	n->b = want_bool(c, check(c, n->b), op_text(n->op));
	n->ty = ty_bool;
	return n->b ? n : NULL;
}

/* == and !=: two values of one scalar type. */
static struct node *check_equal(struct compiler *c, struct node *n)
{
	char b1[TYPE_NAME_MAX], b2[TYPE_NAME_MAX];

	n->a = check(c, n->a);
	n->b = n->a ? check(c, n->b) : NULL;
	if (!n->b)
		return NULL;
	if (!same_type(n->a->ty, n->b->ty))
		return fail(c, n->off, "cannot compare %s with %s",
			    type_name(n->a->ty, b1, sizeof(b1)),
			    type_name(n->b->ty, b2, sizeof(b2)));
	if (!is_scalar(n->a->ty.t))
		return fail(c, n->off, "\"%s\" compares bools, ints or "
			    "strings, not %s", op_text(n->op),
			    type_name(n->a->ty, b1, sizeof(b1)));
	n->ty = ty_bool;
	return n;
}

/* < <= > >=: two ints. */
static struct node *check_order(struct compiler *c, struct node *n)
{
	char buf[TYPE_NAME_MAX];
	struct node **side[2] = { &n->a, &n->b };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(side); i++) {
		struct node *s = check(c, *side[i]);

		if (!s)
			return NULL;
		if (s->ty.t != MV_INT)
			return fail(c, s->start, "\"%s\" needs int operands, "
				    "got %s", op_text(n->op),
				    type_name(s->ty, buf, sizeof(buf)));
		*side[i] = s;
	}
	n->ty = ty_bool;
	return n;
}

/* `elem in list` and `list contains elem` both become N_IN_LIST. */
static struct node *check_member(struct compiler *c, struct node *n,
				 struct node *elem, struct node *list)
{
	char b1[TYPE_NAME_MAX], b2[TYPE_NAME_MAX];

	if (!is_scalar(list->ty.elem))
		return fail(c, n->off, "\"%s\" cannot search a %s (only "
			    "lists of bools, ints or strings)",
			    op_text(n->op),
			    type_name(list->ty, b1, sizeof(b1)));
	if (elem->ty.t != list->ty.elem)
		return fail(c, n->off, "cannot look for %s in a %s",
			    type_name(elem->ty, b1, sizeof(b1)),
			    type_name(list->ty, b2, sizeof(b2)));
	n->op = N_IN_LIST;
	n->a = elem;
	n->b = list;
	n->ty = ty_bool;
	return n;
}

/* `x in LIST` or `key in TABLE`. */
static struct node *check_in(struct compiler *c, struct node *n)
{
	char buf[TYPE_NAME_MAX];
	struct node *elem = check(c, n->a), *list;
	size_t t;
	int is_table;

	if (!elem)
		return NULL;
	is_table = table_ref(c, n->b, &t);
	if (is_table < 0)
		return NULL;
	if (is_table && elem->ty.t != MV_STR)
		return fail(c, elem->start, "a table key must be a string, "
			    "got %s", type_name(elem->ty, buf, sizeof(buf)));
	if (is_table) {
		n->op = N_IN_TABLE;
		n->a = elem;
		n->b = NULL;
		n->u.table = t;
		n->ty = ty_bool;
		return n;
	}
	list = check(c, n->b);
	if (!list)
		return NULL;
	if (list->ty.t != MV_LIST)
		return fail(c, list->start, "\"in\" needs a list or a table "
			    "on its right, got %s",
			    type_name(list->ty, buf, sizeof(buf)));
	return check_member(c, n, elem, list);
}

/* `LIST contains x` or `string contains string`. */
static struct node *check_contains(struct compiler *c, struct node *n)
{
	char buf[TYPE_NAME_MAX];
	struct node *l = check(c, n->a);
	struct node *r = l ? check(c, n->b) : NULL;

	if (!r)
		return NULL;
	if (l->ty.t == MV_LIST)
		return check_member(c, n, r, l);
	if (l->ty.t != MV_STR)
		return fail(c, l->start, "\"contains\" needs a list or a "
			    "string on its left, got %s",
			    type_name(l->ty, buf, sizeof(buf)));
	if (r->ty.t != MV_STR)
		return fail(c, r->start, "a string can only contain a "
			    "string, got %s",
			    type_name(r->ty, buf, sizeof(buf)));
	n->op = N_CONTAINS_STR;
	n->a = l;
	n->b = r;
	n->ty = ty_bool;
	return n;
}

/* Compile the pattern of string literal `lit`, JIT where available. */
static const struct regex *compile_regex(struct compiler *c,
					 const struct node *lit)
{
	const char *pat = lit->u.lit.u.s;
	struct regex *re = arena_alloc(c->e->arena, sizeof(*re));
	PCRE2_SIZE where;
	int code;

	re->code = pcre2_compile((PCRE2_SPTR)pat, strlen(pat),
				 EXPR_REGEX_OPTIONS, &code, &where, NULL);
	if (!re->code) {
		PCRE2_UCHAR msg[REGEX_MSG_MAX];

		pcre2_get_error_message(code, msg, sizeof(msg));
		return fail(c, string_text_offset(c->text, lit->off, where),
			    "invalid regular expression: %s", (char *)msg);
	}
	re->next = c->e->regexes;
	c->e->regexes = re;
	/* Without JIT (not built in, no executable memory) PCRE2 interprets
	 * the pattern: slower, the same result. */
	(void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
	re->mctx = pcre2_match_context_create(NULL);
	if (!re->mctx)
		die("out of memory (PCRE2 match context)");
	pcre2_set_match_limit(re->mctx, EXPR_REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, EXPR_REGEX_DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, EXPR_REGEX_HEAP_LIMIT_KIB);
	return re;
}

/* `string =~ "pattern"`: the pattern must be a literal. */
static struct node *check_match(struct compiler *c, struct node *n)
{
	char buf[TYPE_NAME_MAX];
	struct node *l = check(c, n->a);

	if (!l)
		return NULL;
	if (l->ty.t != MV_STR)
		return fail(c, l->start, "\"=~\" needs a string on its "
			    "left, got %s",
			    type_name(l->ty, buf, sizeof(buf)));
	if (n->b->op != N_LIT || n->b->u.lit.type != MV_STR)
		return fail(c, n->b->start, "the right side of \"=~\" must "
			    "be a string literal (the pattern)");
	n->u.re = compile_regex(c, n->b);
	if (!n->u.re)
		return NULL;
	n->a = l;
	n->b = NULL;
	n->ty = ty_bool;
	return n;
}

static const struct {
	const char *name;
	enum node_op op;
	bool lambda;		/* takes (LIST, x: COND) */
} functions[] = {
	{ "exists", N_EXISTS, false },
	{ "count", N_COUNT, false },
	{ "any", N_ANY, true },
	{ "all", N_ALL, true },
};

/* exists(x) and count(list). */
static struct node *check_unary_call(struct compiler *c, struct node *n,
				     enum node_op op)
{
	char buf[TYPE_NAME_MAX];
	struct node *a;

	if (n->nargs != 1)
		return fail(c, n->off, "%s() takes one argument", n->name);
	a = check(c, n->a);
	if (!a)
		return NULL;
	if (op == N_EXISTS && a->op != N_FIELD && a->op != N_VAR &&
	    a->op != N_TABLE_GET)
		return fail(c, a->start, "exists() needs a field, a "
			    "variable or a table lookup");
	if (op == N_COUNT && a->ty.t != MV_LIST)
		return fail(c, a->start, "count() needs a list, got %s",
			    type_name(a->ty, buf, sizeof(buf)));
	n->op = op;
	n->a = a;
	n->ty = op == N_COUNT ? ty_int : ty_bool;
	return n;
}

/* any(LIST, x: COND) and all(LIST, x: COND). */
static struct node *check_lambda(struct compiler *c, struct node *n,
				 enum node_op op)
{
	char buf[TYPE_NAME_MAX];
	struct binding *b;
	struct node *list, *body;

	if (n->nargs != 2 || !n->var)
		return fail(c, n->off, "%s() takes a list and a condition: "
			    "%s(LIST, x: CONDITION)", n->name, n->name);
	if (c->nlambdas == EXPR_MAX_LAMBDAS)
		return fail(c, n->off, "any() and all() nest %d deep at "
			    "most", EXPR_MAX_LAMBDAS);
	list = check(c, n->a);
	if (!list)
		return NULL;
	if (list->ty.t != MV_LIST)
		return fail(c, list->start, "%s() needs a list, got %s",
			    n->name, type_name(list->ty, buf, sizeof(buf)));
	b = &c->binds[c->nbinds++];
	b->name = n->var;
	b->ty.t = list->ty.elem;
	b->ty.elem = MV_UNSET;
	b->ty.kind = list->ty.kind;
	b->slot = ++c->nlambdas;
	body = check(c, n->b);
	c->nbinds--;
	c->nlambdas--;
	if (!body)
		return NULL;
	if (body->ty.t != MV_BOOL)
		return fail(c, body->start, "the condition of %s() must be "
			    "a bool, got %s", n->name,
			    type_name(body->ty, buf, sizeof(buf)));
	n->op = op;
	n->a = list;
	n->b = body;
	n->u.slot = b->slot;
	n->ty = ty_bool;
	return n;
}

static struct node *check_call(struct compiler *c, struct node *n)
{
	struct suggestion s = { n->name, NULL, 0 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(functions); i++) {
		if (strcmp(functions[i].name, n->name))
			continue;
		if (functions[i].lambda)
			return check_lambda(c, n, functions[i].op);
		return check_unary_call(c, n, functions[i].op);
	}
	for (i = 0; i < ARRAY_SIZE(functions); i++)
		suggest_try(&s, functions[i].name);
	if (s.best)
		return fail(c, n->off, "unknown function \"%s\" (did you "
			    "mean \"%s\"?)", n->name, s.best);
	return fail(c, n->off, "unknown function \"%s\" (there are "
		    "exists, count, any and all)", n->name);
}

/* Resolve and type `n`; returns the node that replaces it, or NULL. */
static struct node *check(struct compiler *c, struct node *n)
{
	switch (n->op) {
	case N_LIT:
		return n;
	case N_LIST:
		return check_list(c, n);
	case N_NAME:
	case N_DOT:
		return check_path(c, n);
	case N_INDEX:
		return check_index(c, n);
	case N_NOT:
		return check_not(c, n);
	case N_AND:
	case N_OR:
		return check_logic(c, n);
	case N_EQ:
	case N_NE:
		return check_equal(c, n);
	case N_LT:
	case N_LE:
	case N_GT:
	case N_GE:
		return check_order(c, n);
	case N_IN:
		return check_in(c, n);
	case N_CONTAINS:
		return check_contains(c, n);
	case N_MATCH:
		return check_match(c, n);
	case N_CALL:
		return check_call(c, n);
	default:
		assert(!"node checked twice");
		return NULL;
	}
}

/* The rule's `for:` variable, in slot 0. */
static void bind_scope_var(struct compiler *c)
{
	const struct expr_scope *s = c->scope;
	struct binding *b;

	if (!s->var)
		return;
	b = &c->binds[c->nbinds++];
	b->name = s->var;
	b->ty.t = s->var_type;
	/* the scope says nothing of a list variable's elements; the model's
	 * lists of scalars are lists of strings */
	b->ty.elem = s->var_type == MV_LIST ? MV_STR : MV_UNSET;
	b->ty.kind = s->var_type == MV_OBJ ? s->var_kind : 0;
	b->slot = 0;
}

int expr_compile(struct expr **out, const char *text,
		 const struct expr_scope *scope, struct expr_error *err)
{
	struct compiler c;
	struct node *root;

	assert(out && text && scope && err);
	memset(&c, 0, sizeof(c));
	c.text = text;
	c.scope = scope;
	c.e = xcalloc(1, sizeof(*c.e));
	c.e->arena = arena_new();
	bind_scope_var(&c);
	root = parse(&c);
	if (root)
		root = check(&c, root);
	if (!root) {
		assert(c.failed);
		err->offset = c.err_off;
		err->msg = c.err_msg;
		if (!err->msg)
			err->msg = xstrdup("invalid expression");
		expr_free(c.e);
		*out = NULL;
		return -1;
	}
	c.e->root = root;
	*out = c.e;
	return 0;
}

void expr_free(struct expr *e)
{
	struct regex *re;

	if (!e)
		return;
	for (re = e->regexes; re; re = re->next) {
		pcre2_match_context_free(re->mctx);
		pcre2_code_free(re->code);
	}
	arena_free(e->arena);
	free(e);
}

enum mval_type expr_type(const struct expr *e)
{
	return e->root->ty.t;
}

enum mval_type expr_elem_type(const struct expr *e, enum mobj_kind *kind)
{
	if (kind)
		*kind = e->root->ty.kind;
	return e->root->ty.t == MV_LIST ? e->root->ty.elem : MV_UNSET;
}

/* ======================================================================
 * Evaluator
 *
 * Every step checks the type tag of a value before it reads the union, so
 * a value of the wrong type in the model (a bug elsewhere) reads as unset
 * instead of being misread.
 * ====================================================================== */

/* One evaluation's variables; on the caller's stack, never shared. */
struct env {
	const struct expr_frame *f;
	const struct mval *vars[EXPR_MAX_VARS];
};

static void eval(const struct node *n, struct env *env, struct mval *out);

static void set_unset(struct mval *out)
{
	memset(out, 0, sizeof(*out));
	out->type = MV_UNSET;
}

static void set_bool(struct mval *out, bool b, struct loc loc)
{
	set_unset(out);
	out->type = MV_BOOL;
	out->loc = loc;
	out->u.b = b;
}

static bool truthy(const struct mval *v)
{
	return v->type == MV_BOOL && v->u.b;
}

/* Unset equals nothing, not even unset. */
static bool values_equal(const struct mval *a, const struct mval *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case MV_BOOL:
		return a->u.b == b->u.b;
	case MV_INT:
		return a->u.i == b->u.i;
	case MV_STR:
		return a->u.s && b->u.s && !strcmp(a->u.s, b->u.s);
	default:
		return false;
	}
}

/* Where a result came from: its first operand, else its second. */
static struct loc pick_loc(const struct mval *a, const struct mval *b)
{
	return loc_known(a->loc) ? a->loc : b->loc;
}

/* The value of table `idx` at `key`, or NULL. */
static const char *table_get(const struct expr_frame *f, size_t idx,
			     const struct mval *key)
{
	const struct rule_table *t;
	size_t i;

	if (key->type != MV_STR || !key->u.s || idx >= f->ntables)
		return NULL;
	t = &f->tables[idx];
	for (i = 0; i < t->n; i++)
		if (!strcmp(t->keys[i], key->u.s))
			return t->values[i];
	return NULL;
}

static void eval_field(const struct node *n, struct env *env,
		       struct mval *out)
{
	const struct model_field *f = n->u.field;
	const struct mobj *o = env->f->obj;
	const struct mval *v;
	struct mval base;

	if (n->a) {
		eval(n->a, env, &base);
		o = base.type == MV_OBJ ? base.u.obj : NULL;
	}
	set_unset(out);
	if (!o || o->kind != f->owner)
		return;
	if (f->slot == MODEL_SLOT_ORIGIN) {
		if (o->origin) {
			out->type = MV_STR;
			out->loc = o->loc;
			out->u.s = o->origin;
		}
		return;
	}
	v = mobj_get(o, f->slot);
	if (v && v->type == f->type)
		*out = *v;
}

static void eval_table_get(const struct node *n, struct env *env,
			   struct mval *out)
{
	struct mval key;
	const char *s;

	eval(n->b, env, &key);
	s = table_get(env->f, n->u.table, &key);
	set_unset(out);
	if (!s)
		return;
	out->type = MV_STR;
	out->loc = key.loc;
	out->u.s = s;
}

static void eval_logic(const struct node *n, struct env *env,
		       struct mval *out)
{
	bool stop_on = n->op == N_OR;	/* or stops at true, and at false */
	struct mval a;

	eval(n->a, env, &a);
	if (truthy(&a) == stop_on) {
		set_bool(out, stop_on, a.loc);
		return;
	}
	eval(n->b, env, &a);
	set_bool(out, truthy(&a), a.loc);
}

static void eval_compare(const struct node *n, struct env *env,
			 struct mval *out)
{
	struct mval a, b;
	bool r = false;

	eval(n->a, env, &a);
	eval(n->b, env, &b);
	if (n->op == N_EQ || n->op == N_NE) {
		r = values_equal(&a, &b) == (n->op == N_EQ);
	} else if (a.type == MV_INT && b.type == MV_INT) {
		r = (n->op == N_LT && a.u.i < b.u.i) ||
		    (n->op == N_LE && a.u.i <= b.u.i) ||
		    (n->op == N_GT && a.u.i > b.u.i) ||
		    (n->op == N_GE && a.u.i >= b.u.i);
	}
	set_bool(out, r, pick_loc(&a, &b));
}

/* True at the matching element's location; else at the list's. */
static void eval_in_list(const struct node *n, struct env *env,
			 struct mval *out)
{
	struct mval elem, list;
	size_t i;

	eval(n->a, env, &elem);
	eval(n->b, env, &list);
	if (list.type == MV_LIST && list.u.list)
		for (i = 0; i < list.u.list->n; i++)
			if (values_equal(&elem, &list.u.list->v[i])) {
				set_bool(out, true, list.u.list->v[i].loc);
				return;
			}
	set_bool(out, false, pick_loc(&list, &elem));
}

static void eval_in_table(const struct node *n, struct env *env,
			  struct mval *out)
{
	struct mval key;

	eval(n->a, env, &key);
	set_bool(out, table_get(env->f, n->u.table, &key) != NULL, key.loc);
}

static void eval_contains_str(const struct node *n, struct env *env,
			      struct mval *out)
{
	struct mval a, b;

	eval(n->a, env, &a);
	eval(n->b, env, &b);
	set_bool(out, a.type == MV_STR && b.type == MV_STR && a.u.s &&
		 b.u.s && strstr(a.u.s, b.u.s), pick_loc(&a, &b));
}

/*
 * Match data is made for each match, so that evaluations share nothing
 * mutable.  Hitting a limit (PCRE2_ERROR_MATCHLIMIT...) is a non-match.
 */
static bool regex_match(const struct regex *re, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	int rc;

	if (!md)
		die("out of memory (PCRE2 match data)");
	rc = pcre2_match(re->code, (PCRE2_SPTR)s, strlen(s), 0, 0, md,
			 re->mctx);
	pcre2_match_data_free(md);
	return rc >= 0;
}

static void eval_match(const struct node *n, struct env *env,
		       struct mval *out)
{
	struct mval a;

	eval(n->a, env, &a);
	set_bool(out, a.type == MV_STR && a.u.s && regex_match(n->u.re, a.u.s),
		 a.loc);
}

static void eval_count(const struct node *n, struct env *env,
		       struct mval *out)
{
	struct mval a;

	eval(n->a, env, &a);
	set_unset(out);
	out->type = MV_INT;
	out->loc = a.loc;
	out->u.i = a.type == MV_LIST && a.u.list ? (int64_t)a.u.list->n : 0;
}

/*
 * any() stops at the first element whose condition holds, all() at the
 * first whose condition does not; the result then points at that element.
 * Over an empty or unset list any() is false and all() true.
 */
static void eval_quantifier(const struct node *n, struct env *env,
			    struct mval *out)
{
	bool stop_on = n->op == N_ANY;
	struct mval list, cond;
	size_t i;

	eval(n->a, env, &list);
	if (list.type != MV_LIST || !list.u.list) {
		set_bool(out, !stop_on, list.loc);
		return;
	}
	for (i = 0; i < list.u.list->n; i++) {
		const struct mval *v = &list.u.list->v[i];

		env->vars[n->u.slot] = v;
		eval(n->b, env, &cond);
		if (truthy(&cond) == stop_on) {
			env->vars[n->u.slot] = NULL;
			set_bool(out, stop_on, v->loc);
			return;
		}
	}
	env->vars[n->u.slot] = NULL;
	set_bool(out, !stop_on, list.loc);
}

static void eval(const struct node *n, struct env *env, struct mval *out)
{
	struct mval a;

	switch (n->op) {
	case N_LIT:
		*out = n->u.lit;
		break;
	case N_VAR:
		if (env->vars[n->u.slot])
			*out = *env->vars[n->u.slot];
		else
			set_unset(out);
		break;
	case N_FIELD:
		eval_field(n, env, out);
		break;
	case N_K8S_MINOR:
		set_unset(out);
		out->type = MV_INT;
		out->u.i = env->f->k8s_minor;
		break;
	case N_TABLE_GET:
		eval_table_get(n, env, out);
		break;
	case N_NOT:
		eval(n->a, env, &a);
		set_bool(out, !truthy(&a), a.loc);
		break;
	case N_AND:
	case N_OR:
		eval_logic(n, env, out);
		break;
	case N_EQ:
	case N_NE:
	case N_LT:
	case N_LE:
	case N_GT:
	case N_GE:
		eval_compare(n, env, out);
		break;
	case N_IN_LIST:
		eval_in_list(n, env, out);
		break;
	case N_IN_TABLE:
		eval_in_table(n, env, out);
		break;
	case N_CONTAINS_STR:
		eval_contains_str(n, env, out);
		break;
	case N_MATCH:
		eval_match(n, env, out);
		break;
	case N_EXISTS:
		eval(n->a, env, &a);
		set_bool(out, a.type != MV_UNSET, a.loc);
		break;
	case N_COUNT:
		eval_count(n, env, out);
		break;
	case N_ANY:
	case N_ALL:
		eval_quantifier(n, env, out);
		break;
	default:
		assert(!"unchecked node");
		set_unset(out);
		break;
	}
}

void expr_eval(const struct expr *e, const struct expr_frame *f,
	       struct mval *out)
{
	struct env env;

	memset(&env, 0, sizeof(env));
	env.f = f;
	env.vars[0] = f->var;
	eval(e->root, &env, out);
}

bool expr_test(const struct expr *e, const struct expr_frame *f)
{
	struct mval v;

	expr_eval(e, f, &v);
	return truthy(&v);
}

void expr_value_text(struct strbuf *sb, const struct mval *v)
{
	size_t i;

	switch (v->type) {
	case MV_BOOL:
		sb_adds(sb, v->u.b ? "true" : "false");
		break;
	case MV_INT:
		sb_addf(sb, "%lld", (long long)v->u.i);
		break;
	case MV_STR:
		sb_adds(sb, v->u.s ? v->u.s : "(unset)");
		break;
	case MV_LIST:
		for (i = 0; v->u.list && i < v->u.list->n; i++) {
			if (i)
				sb_adds(sb, ", ");
			expr_value_text(sb, &v->u.list->v[i]);
		}
		break;
	case MV_OBJ:
		if (v->u.obj && v->u.obj->origin && *v->u.obj->origin)
			sb_adds(sb, v->u.obj->origin);
		else if (v->u.obj)
			sb_adds(sb, mobj_kind_name(v->u.obj->kind));
		else
			sb_adds(sb, "(unset)");
		break;
	default:
		sb_adds(sb, "(unset)");
		break;
	}
}
