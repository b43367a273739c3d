/*
 * expr_check.c - the checker of the `when:` language (see expr.h).
 *
 * What it does: resolves every name of a parsed tree (the `for:` and
 * lambda variables, the fields of model.h's field table, the rule's
 * tables, the functions), gives every node its static type, and compiles
 * the regular expressions.  Every mistake in a rule that the parser let
 * through is found here, reported with the byte offset of its token and,
 * for a misspelt name, the closest known one.  It rewrites the parser's
 * nodes in place into the forms the evaluator runs (N_NAME into N_FIELD,
 * N_VAR, ...).
 *
 * What it does not do: read text (expr_lex.c, expr_parse.c), evaluate
 * anything (expr_eval.c), or know any field by name.
 */
#include "engine/expr_int.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PCRE2's error messages are under 120 bytes. */
#define REGEX_MSG_MAX 256


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
const char *expr_type_name(struct ty t, char *buf, size_t size)
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

/* The closest name comes from base/util.h (str_suggest). */

static const char *suggest_field(enum mobj_kind kind, const char *want)
{
	struct str_suggest s = { want, NULL, 0 };
	const struct model_field *f;
	size_t n, i;

	f = model_fields(&n);
	for (i = 0; i < n; i++)
		if (f[i].owner == kind)
			str_suggest_try(&s, f[i].name);
	str_suggest_try(&s, "origin");
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
	struct str_suggest s = { n->name, NULL, 0 };
	size_t i;

	if (!c->scope->ntables)
		return expr_fail(c, n->off, "unknown table \"%s\" (this rule "
			    "has no tables)", n->name);
	for (i = 0; i < c->scope->ntables; i++)
		str_suggest_try(&s, c->scope->tables[i].name);
	if (s.best)
		return expr_fail(c, n->off, "unknown table \"%s\" (did you mean "
			    "\"%s\"?)", n->name, s.best);
	return expr_fail(c, n->off, "unknown table \"%s\"", n->name);
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
		expr_fail(c, n->off, "\"%s\" is both a table of the rule and a "
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
		expr_fail(c, segs[0]->off, "table \"%s\" can only be read as "
		     "%s[KEY] or tested with \"KEY in %s\"", name, name,
		     name);
		free(name);
		return NULL;
	}
	best = suggest_field(kind, name);
	if (best)
		expr_fail(c, segs[0]->off, "unknown field \"%s\" for %s "
		     "(did you mean \"%s\"?)", name, mobj_kind_name(kind),
		     best);
	else
		expr_fail(c, segs[0]->off, "unknown field \"%s\" for %s", name,
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
			return expr_fail(c, segs[i]->off, "cannot read field "
				    "\"%s\": the value is %s, not an object",
				    segs[i]->name,
				    expr_type_name(ty, buf, sizeof(buf)));
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
		if (f->set_by == MODEL_FIELD_CROSS_FILE &&
		    (!c->e->cross_file || (model_field_share(c->e->cross_file)
					   && !model_field_share(f))))
			c->e->cross_file = f;
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
			return expr_fail(c, e->off, "list elements must all have "
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
		return expr_fail(c, n->off, "only a table can be indexed with "
			    "[KEY]");
	t = find_table(c, table->name);
	if (t < 0)
		return unknown_table(c, table);
	key = check(c, n->b);
	if (!key)
		return NULL;
	if (key->ty.t != MV_STR)
		return expr_fail(c, key->start, "a table key must be a string, "
			    "got %s", expr_type_name(key->ty, buf, sizeof(buf)));
	n->op = N_TABLE_GET;
	n->a = NULL;
	n->b = key;
	n->u.table = (size_t)t;
	n->ty = TY_STR;
	return n;
}

/* Operand `a` of `op` must be a bool. */
static struct node *want_bool(struct compiler *c, struct node *a,
			      const char *op)
{
	char buf[TYPE_NAME_MAX];

	if (!a || a->ty.t == MV_BOOL)
		return a;
	return expr_fail(c, a->start, "\"%s\" needs a bool, got %s", op,
		    expr_type_name(a->ty, buf, sizeof(buf)));
}

static struct node *check_not(struct compiler *c, struct node *n)
{
	n->a = want_bool(c, check(c, n->a), "not");
	n->ty = TY_BOOL;
	return n->a ? n : NULL;
}

static struct node *check_logic(struct compiler *c, struct node *n)
{
	n->a = want_bool(c, check(c, n->a), op_text(n->op));
	if (!n->a)
		return NULL;
	n->b = want_bool(c, check(c, n->b), op_text(n->op));
	n->ty = TY_BOOL;
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
		return expr_fail(c, n->off, "cannot compare %s with %s",
			    expr_type_name(n->a->ty, b1, sizeof(b1)),
			    expr_type_name(n->b->ty, b2, sizeof(b2)));
	if (!is_scalar(n->a->ty.t))
		return expr_fail(c, n->off, "\"%s\" compares bools, ints or "
			    "strings, not %s", op_text(n->op),
			    expr_type_name(n->a->ty, b1, sizeof(b1)));
	n->ty = TY_BOOL;
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
			return expr_fail(c, s->start, "\"%s\" needs int operands, "
				    "got %s", op_text(n->op),
				    expr_type_name(s->ty, buf, sizeof(buf)));
		*side[i] = s;
	}
	n->ty = TY_BOOL;
	return n;
}

/* `elem in list` and `list contains elem` both become N_IN_LIST. */
static struct node *check_member(struct compiler *c, struct node *n,
				 struct node *elem, struct node *list)
{
	char b1[TYPE_NAME_MAX], b2[TYPE_NAME_MAX];

	if (!is_scalar(list->ty.elem))
		return expr_fail(c, n->off, "\"%s\" cannot search a %s (only "
			    "lists of bools, ints or strings)",
			    op_text(n->op),
			    expr_type_name(list->ty, b1, sizeof(b1)));
	if (elem->ty.t != list->ty.elem)
		return expr_fail(c, n->off, "cannot look for %s in a %s",
			    expr_type_name(elem->ty, b1, sizeof(b1)),
			    expr_type_name(list->ty, b2, sizeof(b2)));
	n->op = N_IN_LIST;
	n->a = elem;
	n->b = list;
	n->ty = TY_BOOL;
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
		return expr_fail(c, elem->start, "a table key must be a string, "
			    "got %s", expr_type_name(elem->ty, buf, sizeof(buf)));
	if (is_table) {
		n->op = N_IN_TABLE;
		n->a = elem;
		n->b = NULL;
		n->u.table = t;
		n->ty = TY_BOOL;
		return n;
	}
	list = check(c, n->b);
	if (!list)
		return NULL;
	if (list->ty.t != MV_LIST)
		return expr_fail(c, list->start, "\"in\" needs a list or a table "
			    "on its right, got %s",
			    expr_type_name(list->ty, buf, sizeof(buf)));
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
		return expr_fail(c, l->start, "\"contains\" needs a list or a "
			    "string on its left, got %s",
			    expr_type_name(l->ty, buf, sizeof(buf)));
	if (r->ty.t != MV_STR)
		return expr_fail(c, r->start, "a string can only contain a "
			    "string, got %s",
			    expr_type_name(r->ty, buf, sizeof(buf)));
	n->op = N_CONTAINS_STR;
	n->a = l;
	n->b = r;
	n->ty = TY_BOOL;
	return n;
}

/* Compile the pattern of string literal `lit`, JIT where available. */
static const struct regex *compile_regex(struct compiler *c,
					 const struct node *lit)
{
	struct regex *re = arena_alloc(c->e->arena, sizeof(*re));
	size_t where = 0;
	int code;

	memset(re, 0, sizeof(*re));
	re->pattern = lit->u.lit.u.s;
	code = expr_regex_build(re, &where);
	if (code) {
		PCRE2_UCHAR msg[REGEX_MSG_MAX];

		pcre2_get_error_message(code, msg, sizeof(msg));
		return expr_fail(c, expr_string_text_offset(c->text, lit->off, where),
			    "invalid regular expression: %s", (char *)msg);
	}
	re->next = c->e->regexes;
	c->e->regexes = re;
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
		return expr_fail(c, l->start, "\"=~\" needs a string on its "
			    "left, got %s",
			    expr_type_name(l->ty, buf, sizeof(buf)));
	if (n->b->op != N_LIT || n->b->u.lit.type != MV_STR)
		return expr_fail(c, n->b->start, "the right side of \"=~\" must "
			    "be a string literal (the pattern)");
	n->u.re = compile_regex(c, n->b);
	if (!n->u.re)
		return NULL;
	n->a = l;
	n->b = NULL;
	n->ty = TY_BOOL;
	return n;
}

/* NAME() with the wrong arguments: what the row says it takes. */
static void *wrong_arity(struct compiler *c, const struct node *n,
			 const struct expr_builtin *fn)
{
	if (fn->lambda)
		return expr_fail(c, n->off, "%s() takes %s: %s", fn->name,
				 fn->takes, fn->usage);
	return expr_fail(c, n->off, "%s() takes %s", fn->name, fn->takes);
}

static void *unknown_function(struct compiler *c, const struct node *n)
{
	struct str_suggest s = { n->name, NULL, 0 };
	struct strbuf names = STRBUF_INIT;
	const struct expr_builtin *fn;
	size_t i;

	for (i = 0; (fn = expr_builtin_at(i)) != NULL; i++)
		str_suggest_try(&s, fn->name);
	if (s.best)
		return expr_fail(c, n->off, "unknown function \"%s\" (did you "
				 "mean \"%s\"?)", n->name, s.best);
	expr_builtin_names(&names, false, "", " and ");
	expr_fail(c, n->off, "unknown function \"%s\" (there are %s)",
		  n->name, names.buf);
	sb_free(&names);
	return NULL;
}

/* NAME(...): a row of the builtins' table, its arity, then its check. */
static struct node *check_call(struct compiler *c, struct node *n)
{
	const struct expr_builtin *fn = expr_builtin_find(n->name);

	if (!fn)
		return unknown_function(c, n);
	assert(fn->arity <= EXPR_MAX_ARGS);
	if (n->nargs != fn->arity || (n->var != NULL) != fn->lambda)
		return wrong_arity(c, n, fn);
	n = fn->check(c, n);
	if (n) {
		n->op = N_BUILTIN;
		n->fn = fn;
	}
	return n;
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

struct node *expr_check_node(struct compiler *c, struct node *n)
{
	return check(c, n);
}

struct node *expr_check_root(struct compiler *c, struct node *root)
{
	bind_scope_var(c);
	return check(c, root);
}
