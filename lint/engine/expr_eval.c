/*
 * expr_eval.c - the evaluator of the `when:` language (see expr.h).
 *
 * What it does: walks a checked tree against one model object and gives
 * its value, with the location of the text that decided it, so that a
 * finding can point there.  Never fails, never writes to the expression,
 * allocates nothing but PCRE2's match data; any number of threads may
 * evaluate one expression at once.
 *
 * What it does not do: check types or names (expr_check.c has, once, so
 * that evaluation need not), or decide which objects a rule sees
 * (engine.c).
 */
#include "engine/expr_int.h"

#include <assert.h>
#include <string.h>

/*
 * Every step checks the type tag of a value before it reads the union, so
 * a value of the wrong type in the model (a bug elsewhere) reads as unset
 * instead of being misread.
 */

static void eval(const struct node *n, struct env *env, struct mval *out);

void expr_set_unset(struct mval *out)
{
	memset(out, 0, sizeof(*out));
	out->type = MV_UNSET;
}

void expr_set_bool(struct mval *out, bool b, struct loc loc)
{
	expr_set_unset(out);
	out->type = MV_BOOL;
	out->loc = loc;
	out->u.b = b;
}

bool expr_truthy(const struct mval *v)
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
	expr_set_unset(out);
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
	expr_set_unset(out);
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
	if (expr_truthy(&a) == stop_on) {
		expr_set_bool(out, stop_on, a.loc);
		return;
	}
	eval(n->b, env, &a);
	expr_set_bool(out, expr_truthy(&a), a.loc);
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
	expr_set_bool(out, r, pick_loc(&a, &b));
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
				expr_set_bool(out, true, list.u.list->v[i].loc);
				return;
			}
	expr_set_bool(out, false, pick_loc(&list, &elem));
}

static void eval_in_table(const struct node *n, struct env *env,
			  struct mval *out)
{
	struct mval key;

	eval(n->a, env, &key);
	expr_set_bool(out, table_get(env->f, n->u.table, &key) != NULL, key.loc);
}

static void eval_contains_str(const struct node *n, struct env *env,
			      struct mval *out)
{
	struct mval a, b;

	eval(n->a, env, &a);
	eval(n->b, env, &b);
	expr_set_bool(out, a.type == MV_STR && b.type == MV_STR && a.u.s &&
		 b.u.s && strstr(a.u.s, b.u.s), pick_loc(&a, &b));
}

/*
 * Match data is made for each match, so that evaluations share nothing
 * mutable.  Hitting a limit (PCRE2_ERROR_MATCHLIMIT...) is a non-match;
 * running out of memory is not an answer, it is the file's error
 * (die_oom), like any other failed allocation.
 */
static bool regex_match(const struct regex *pat, const char *s,
			const struct expr_frame *f)
{
	const struct regex *re = expr_regex_get(pat, f);
	pcre2_match_data *md;
	int rc;

	if (!re)
		return false;
	md = pcre2_match_data_create(1, NULL);
	if (!md)
		die_oom(0);
	rc = pcre2_match(re->code, (PCRE2_SPTR)s, strlen(s), 0, 0, md,
			 re->mctx);
	pcre2_match_data_free(md);
	if (rc == PCRE2_ERROR_NOMEMORY)
		die_oom(0);
	return rc >= 0;
}

static void eval_match(const struct node *n, struct env *env,
		       struct mval *out)
{
	struct mval a;

	eval(n->a, env, &a);
	expr_set_bool(out, a.type == MV_STR && a.u.s &&
		      regex_match(n->u.re, a.u.s, env->f), a.loc);
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
			expr_set_unset(out);
		break;
	case N_FIELD:
		eval_field(n, env, out);
		break;
	case N_K8S_MINOR:
		expr_set_unset(out);
		out->type = MV_INT;
		out->u.i = env->f->k8s_minor;
		break;
	case N_TABLE_GET:
		eval_table_get(n, env, out);
		break;
	case N_NOT:
		eval(n->a, env, &a);
		expr_set_bool(out, !expr_truthy(&a), a.loc);
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
	case N_BUILTIN:
		n->fn->eval(n, env, out);
		break;
	default:
		assert(!"unchecked node");
		expr_set_unset(out);
		break;
	}
}

void expr_eval_node(const struct node *n, struct env *env, struct mval *out)
{
	eval(n, env, out);
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
	return expr_truthy(&v);
}

void expr_value_text(struct strbuf *sb, const struct mval *v)
{
	size_t i;

	switch (v->type) {
	case MV_BOOL:
		sb_adds(sb, v->u.b ? "true" : "false");
		break;
	case MV_INT:
		sb_add_int(sb, v->u.i);
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

