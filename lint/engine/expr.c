/*
 * expr.c - the `when:` language of rule files (see expr.h).
 *
 * What it does: compiles the text of an expression once, when a rule is
 * loaded, through four stages, one file each:
 *
 *   expr_lex.c    text -> tokens, one at a time, each with its byte offset
 *   expr_parse.c  tokens -> syntax tree; names are not resolved yet
 *   expr_check.c  resolves names (variables, fields, tables, functions),
 *                 gives every node its static type and compiles the
 *                 regular expressions; every mistake in a rule is found
 *                 here or earlier, with the byte offset of its token
 *   expr_eval.c   walks the checked tree; never fails, never writes to
 *                 the expression, allocates nothing but PCRE2's match data
 *
 * This file holds what they share at run time: the first-error record of
 * a compilation, expr_compile() that runs the stages, and the lifetime of
 * a compiled expression.  expr_int.h is their common vocabulary.
 *
 * What it does not do: read rule files or turn offsets into file:line:col
 * (rules.c), decide which objects a rule sees (engine.c), or know any
 * field by name: every field comes from model.h's field table.
 */
#include "engine/expr_int.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void *expr_fail(struct compiler *c, size_t off, const char *fmt, ...)
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
	root = expr_parse(&c);
	if (root)
		root = expr_check_root(&c, root);
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

const struct model_field *expr_cross_file_field(const struct expr *e)
{
	return e->cross_file;
}

enum mval_type expr_elem_type(const struct expr *e, enum mobj_kind *kind)
{
	if (kind)
		*kind = e->root->ty.kind;
	return e->root->ty.t == MV_LIST ? e->root->ty.elem : MV_UNSET;
}
