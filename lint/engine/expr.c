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
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

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

struct expr_regex_cache {
	size_t n;
	_Atomic(struct regex *) *slots;
};

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

/* --- regular expressions ------------------------------------------------ */

int expr_regex_build(struct regex *re, size_t *where)
{
	PCRE2_SIZE at = 0;
	int code;

	re->code = pcre2_compile((PCRE2_SPTR)re->pattern, strlen(re->pattern),
				 EXPR_REGEX_OPTIONS, &code, &at, NULL);
	if (!re->code && code == PCRE2_ERROR_HEAP_FAILED)
		die_oom(0);	/* not the pattern's fault: no "matches nothing" */
	if (!re->code) {
		*where = at;
		return code;
	}
	/* Without JIT (not built in, no executable memory) PCRE2 interprets
	 * the pattern: slower, the same result. */
	(void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
	re->mctx = pcre2_match_context_create(NULL);
	if (!re->mctx)
		die_oom(0);
	pcre2_set_match_limit(re->mctx, EXPR_REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, EXPR_REGEX_DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, EXPR_REGEX_HEAP_LIMIT_KIB);
	return 0;
}

static void regex_release(struct regex *re)
{
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	free(re);
}

struct expr_regex_cache *expr_regex_cache_new(size_t nslots)
{
	struct expr_regex_cache *c = xcalloc(1, sizeof(*c));
	size_t i;

	c->n = nslots;
	c->slots = xcalloc(nslots ? nslots : 1, sizeof(*c->slots));
	for (i = 0; i < nslots; i++)
		atomic_init(&c->slots[i], NULL);
	return c;
}

void expr_regex_cache_free(struct expr_regex_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		struct regex *re = atomic_load(&c->slots[i]);

		if (re)
			regex_release(re);
	}
	free(c->slots);
	free(c);
}

/*
 * Two threads may compile the same pattern at once; the first to store
 * its copy wins and the other frees its own.  A built-in pattern was
 * compiled when the binary was built, so failing here is a bug: the
 * pattern then matches nothing.
 */
const struct regex *expr_regex_get(const struct regex *re,
				   const struct expr_frame *f)
{
	struct expr_regex_cache *c = f ? f->regexes : NULL;
	struct regex *have, *mine, *expected = NULL;
	size_t where;

	if (re->code || !c || re->slot >= c->n)
		return re->code ? re : NULL;
	have = atomic_load_explicit(&c->slots[re->slot], memory_order_acquire);
	if (have)
		return have;
	mine = xcalloc(1, sizeof(*mine));
	mine->pattern = re->pattern;
	if (expr_regex_build(mine, &where)) {
		free(mine);
		return NULL;
	}
	if (atomic_compare_exchange_strong_explicit(&c->slots[re->slot],
						    &expected, mine,
						    memory_order_acq_rel,
						    memory_order_acquire))
		return mine;
	regex_release(mine);
	return expected;
}
