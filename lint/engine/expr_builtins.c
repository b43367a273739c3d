/*
 * expr_builtins.c - the functions of the `when:` language, in one table.
 *
 * What it is for: every builtin function (exists, count, any, all) is one
 * row of `expr_builtin_rows` below: its name, how many arguments it
 * takes, whether its second argument is a condition over the elements of
 * its first (`x: CONDITION`), how its arity error and the documentation
 * show it, and its two functions: one that checks the arguments and
 * gives the call its type, one that evaluates it.  Everything else that names the
 * functions is derived from the table: the checker's recognition of a
 * call and its arity error, the "unknown function" message and its "did
 * you mean", the parser's and checker's messages about conditions, and
 * the list in docs/rules/README.md.  Adding a function is one row plus
 * its two functions.
 *
 * What it does not do: parse calls (expr_parse.c reads any NAME(...)),
 * resolve names or report unknown functions (expr_check.c, from this
 * table), or walk the rest of a tree (expr_eval.c).
 */
#include "engine/expr_int.h"

#include <string.h>

/* ======================================================================
 * exists(VALUE)
 * ====================================================================== */

static struct node *check_exists(struct compiler *c, struct node *n)
{
	struct node *a = expr_check_node(c, n->a);

	if (!a)
		return NULL;
	if (a->op != N_FIELD && a->op != N_VAR && a->op != N_TABLE_GET)
		return expr_fail(c, a->start, "exists() needs a field, a "
				 "variable or a table lookup");
	n->a = a;
	n->ty = TY_BOOL;
	return n;
}

static void eval_exists(const struct node *n, struct env *env,
			struct mval *out)
{
	struct mval a;

	expr_eval_node(n->a, env, &a);
	expr_set_bool(out, a.type != MV_UNSET, a.loc);
}

/* ======================================================================
 * count(LIST)
 * ====================================================================== */

static struct node *check_count(struct compiler *c, struct node *n)
{
	char buf[TYPE_NAME_MAX];
	struct node *a = expr_check_node(c, n->a);

	if (!a)
		return NULL;
	if (a->ty.t != MV_LIST)
		return expr_fail(c, a->start, "count() needs a list, got %s",
				 expr_type_name(a->ty, buf, sizeof(buf)));
	n->a = a;
	n->ty = TY_INT;
	return n;
}

static void eval_count(const struct node *n, struct env *env,
		       struct mval *out)
{
	struct mval a;

	expr_eval_node(n->a, env, &a);
	expr_set_unset(out);
	out->type = MV_INT;
	out->loc = a.loc;
	out->u.i = a.type == MV_LIST && a.u.list ? (int64_t)a.u.list->n : 0;
}

/* ======================================================================
 * any(LIST, x: CONDITION) and all(LIST, x: CONDITION)
 * ====================================================================== */

/* The list, then the condition with x bound to an element's type. */
static struct node *check_quantifier(struct compiler *c, struct node *n)
{
	char buf[TYPE_NAME_MAX];
	struct binding *b;
	struct node *list, *body;

	if (c->nlambdas == EXPR_MAX_LAMBDAS) {
		struct strbuf names = STRBUF_INIT;

		expr_builtin_names(&names, true, "()", " and ");
		expr_fail(c, n->off, "%s nest %d deep at most", names.buf,
			  EXPR_MAX_LAMBDAS);
		sb_free(&names);
		return NULL;
	}
	list = expr_check_node(c, n->a);
	if (!list)
		return NULL;
	if (list->ty.t != MV_LIST)
		return expr_fail(c, list->start, "%s() needs a list, got %s",
				 n->name, expr_type_name(list->ty, buf,
							 sizeof(buf)));
	b = &c->binds[c->nbinds++];
	b->name = n->var;
	b->ty.t = list->ty.elem;
	b->ty.elem = MV_UNSET;
	b->ty.kind = list->ty.kind;
	b->slot = ++c->nlambdas;
	body = expr_check_node(c, n->b);
	c->nbinds--;
	c->nlambdas--;
	if (!body)
		return NULL;
	if (body->ty.t != MV_BOOL)
		return expr_fail(c, body->start, "the condition of %s() must "
				 "be a bool, got %s", n->name,
				 expr_type_name(body->ty, buf, sizeof(buf)));
	n->a = list;
	n->b = body;
	n->u.slot = b->slot;
	n->ty = TY_BOOL;
	return n;
}

/*
 * any() stops at the first element whose condition holds, all() at the
 * first whose condition does not; the result then points at that element.
 * Over an empty or unset list any() is false and all() true.
 */
static void eval_quantifier(const struct node *n, struct env *env,
			    struct mval *out, bool stop_on)
{
	struct mval list, cond;
	size_t i;

	expr_eval_node(n->a, env, &list);
	if (list.type != MV_LIST || !list.u.list) {
		expr_set_bool(out, !stop_on, list.loc);
		return;
	}
	for (i = 0; i < list.u.list->n; i++) {
		const struct mval *v = &list.u.list->v[i];

		env->vars[n->u.slot] = v;
		expr_eval_node(n->b, env, &cond);
		if (expr_truthy(&cond) == stop_on) {
			env->vars[n->u.slot] = NULL;
			expr_set_bool(out, stop_on, v->loc);
			return;
		}
	}
	env->vars[n->u.slot] = NULL;
	expr_set_bool(out, !stop_on, list.loc);
}

static void eval_any(const struct node *n, struct env *env,
		     struct mval *out)
{
	eval_quantifier(n, env, out, true);
}

static void eval_all(const struct node *n, struct env *env,
		     struct mval *out)
{
	eval_quantifier(n, env, out, false);
}

/* ======================================================================
 * The table
 * ====================================================================== */

/*
 * In the order messages and the documentation list them.  A row's arity
 * is at most EXPR_MAX_ARGS (the parser's cap); a `lambda` row takes two.
 */
const struct expr_builtin expr_builtin_rows[] = {
	{ "exists", 1, false, "one argument", "exists(VALUE)",
	  "true when the field, variable or table lookup VALUE is set",
	  check_exists, eval_exists },
	{ "count", 1, false, "one argument", "count(LIST)",
	  "the number of elements of LIST; 0 when it is unset",
	  check_count, eval_count },
	{ "any", 2, true, "a list and a condition", "any(LIST, x: CONDITION)",
	  "true when CONDITION holds for some element x of LIST (false for "
	  "an empty or unset list); points at that element",
	  check_quantifier, eval_any },
	{ "all", 2, true, "a list and a condition", "all(LIST, x: CONDITION)",
	  "true when CONDITION holds for every element x of LIST (true for "
	  "an empty or unset list); when false, points at the first element "
	  "that fails",
	  check_quantifier, eval_all },
};

const struct expr_builtin *expr_builtin_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(expr_builtin_rows); i++)
		if (!strcmp(expr_builtin_rows[i].name, name))
			return &expr_builtin_rows[i];
	return NULL;
}

const struct expr_builtin *expr_builtin_at(size_t i)
{
	return i < ARRAY_SIZE(expr_builtin_rows) ? &expr_builtin_rows[i] : NULL;
}

void expr_builtin_names(struct strbuf *sb, bool lambdas_only,
			const char *suffix, const char *last_sep)
{
	size_t i, n = 0, total = 0;

	for (i = 0; i < ARRAY_SIZE(expr_builtin_rows); i++)
		total += !lambdas_only || expr_builtin_rows[i].lambda;
	for (i = 0; i < ARRAY_SIZE(expr_builtin_rows); i++) {
		if (lambdas_only && !expr_builtin_rows[i].lambda)
			continue;
		if (n)
			sb_adds(sb, n + 1 == total ? last_sep : ", ");
		sb_addf(sb, "%s%s", expr_builtin_rows[i].name, suffix);
		n++;
	}
}

const char *expr_function_usage(size_t i, const char **doc)
{
	const struct expr_builtin *b = expr_builtin_at(i);

	if (!b)
		return NULL;
	if (doc)
		*doc = b->doc;
	return b->usage;
}
