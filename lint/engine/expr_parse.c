/*
 * expr_parse.c - the parser of the `when:` language (see expr.h).
 *
 * What it does: turns the tokens of expr_lex.c into a syntax tree by
 * recursive descent, with the depth of the tree and of the recursion
 * capped.  The grammar, lowest precedence first:
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
 * What it does not do: resolve names or types.  A name stays N_NAME, a
 * call stays N_CALL whatever it names; the checker (expr_check.c) decides
 * what they are and reports unknown ones.
 */
#include "engine/expr_int.h"

#include <stdio.h>

/* Longest piece of a token quoted in a message. */
#define TOKEN_QUOTE_MAX 24

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
	return expr_fail(c, c->tok.off, "expected %s, found %s", what, found);
}

static int expect(struct compiler *c, enum tok_type type, const char *what)
{
	if (c->tok.type != type) {
		unexpected(c, what);
		return -1;
	}
	return expr_lex_next(c);
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
		return expr_fail(c, off, "expression nested too deeply "
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
		expr_fail(c, c->tok.off, "expression nested too deeply "
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
		v->u.s = expr_decode_string(c, &c->tok);
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
	return expr_lex_next(c) ? NULL : n;
}

/* "[" literal { "," literal } [","] "]" */
static struct node *parse_list(struct compiler *c)
{
	struct node *list = new_node(c, N_LIST, c->tok.off, NULL, NULL);
	struct node **tail;

	if (!list || expr_lex_next(c))
		return NULL;
	if (c->tok.type == T_RBRACK)
		return expr_fail(c, list->off, "an empty list has no element "
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
		if (expr_lex_next(c))
			return NULL;
	}
	return expect(c, T_RBRACK, "\",\" or \"]\"") ? NULL : list;
}

/* After "(" or ",": is this argument `IDENT :`? */
static bool at_lambda(const struct compiler *c)
{
	return c->tok.type == T_IDENT &&
	       c->text[expr_skip_space(c->text, c->pos)] == ':';
}

/* `x: cond` first: the functions that take one take it second. */
static void *lambda_not_second(struct compiler *c)
{
	struct strbuf names = STRBUF_INIT;

	expr_builtin_names(&names, true, "()", " or ");
	expr_fail(c, c->tok.off, "\"x: condition\" can only be the second "
		  "argument of %s", names.buf);
	sb_free(&names);
	return NULL;
}

/* One argument of a call: `x: cond` (name in *var) or an expression. */
static struct node *parse_arg(struct compiler *c, unsigned nth,
			      const char **var)
{
	if (!at_lambda(c))
		return parse_expr(c);
	if (nth != 1)
		return lambda_not_second(c);
	*var = arena_strndup(c->e->arena, c->text + c->tok.off, c->tok.len);
	if (expr_lex_next(c) || expr_lex_next(c))
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

	if (expr_lex_next(c))
		return NULL;
	while (c->tok.type != T_RPAREN) {
		if (nargs == EXPR_MAX_ARGS)
			return expr_fail(c, c->tok.off, "too many arguments to "
				    "%s()", name);
		args[nargs] = parse_arg(c, nargs, &var);
		if (!args[nargs++])
			return NULL;
		if (c->tok.type != T_COMMA)
			break;
		if (expr_lex_next(c))
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

	if (expr_lex_next(c))
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
		if (expr_lex_next(c))
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

	if (expr_lex_next(c))
		return NULL;
	if (c->tok.type != T_IDENT)
		return unexpected(c, "a field name after \".\"");
	n = new_binary(c, N_DOT, c->tok.off, base, NULL);
	if (!n)
		return NULL;
	n->name = arena_strndup(c->e->arena, c->text + c->tok.off,
				c->tok.len);
	return expr_lex_next(c) ? NULL : n;
}

/* "[key]" after a value; the current token is "[". */
static struct node *parse_index(struct compiler *c, struct node *base)
{
	size_t off = c->tok.off;
	struct node *key;

	if (expr_lex_next(c))
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
	if (expr_lex_next(c))
		return NULL;
	r = parse_postfix(c);
	if (!r)
		return NULL;
	if (compare_op(c->tok.type) >= 0)
		return expr_fail(c, c->tok.off, "comparisons do not chain; "
			    "combine them with \"and\"");
	return new_binary(c, compare_ops[i].op, off, l, r);
}

static struct node *parse_not(struct compiler *c)
{
	size_t off = c->tok.off;
	struct node *a;

	if (c->tok.type != T_NOT)
		return parse_compare(c);
	if (enter(c) || expr_lex_next(c))
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

		if (expr_lex_next(c))
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

struct node *expr_parse(struct compiler *c)
{
	char found[TOKEN_QUOTE_MAX + 32];
	struct node *n;

	if (expr_lex_next(c))
		return NULL;
	n = parse_expr(c);
	if (!n || c->tok.type == T_EOF)
		return n;
	describe_token(c, found, sizeof(found));
	return expr_fail(c, c->tok.off, "unexpected %s after a complete "
		    "expression", found);
}
