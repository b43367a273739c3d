/*
 * engine.c - run rules over a model.
 *
 * For each object and each enabled rule of its kind: when the rule has a
 * `for`, bind each element of the list in turn; test `when`; on a match,
 * the finding points at the location of the `at` value (or the element,
 * or the object) and its message is the rule's template with every
 * {expression} evaluated.
 */
#include "engine.h"

#include <string.h>

#include "expr.h"

char *engine_message(const struct rule *r, const struct expr_frame *f)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = r->message;
	size_t i = 0, part = 0;

	while (s[i]) {
		if ((s[i] == '{' && s[i + 1] == '{') ||
		    (s[i] == '}' && s[i + 1] == '}')) {
			sb_addc(&sb, s[i]);
			i += 2;
			continue;
		}
		if (s[i] == '{' && part < r->nparts &&
		    r->parts[part].start == i + 1) {
			struct mval v;

			expr_eval(r->parts[part].expr, f, &v);
			expr_value_text(&sb, &v);
			i = r->parts[part].end + 1;
			part++;
			continue;
		}
		sb_addc(&sb, s[i++]);
	}
	return sb_detach(&sb);
}

static struct loc finding_loc(const struct rule *r, const struct mobj *o,
			      const struct expr_frame *f)
{
	struct mval at;
	size_t i;

	for (i = 0; i < r->nat; i++) {
		expr_eval(r->at[i], f, &at);
		if (at.type != MV_UNSET && loc_known(at.loc))
			return at.loc;
	}
	if (f->var && loc_known(f->var->loc))
		return f->var->loc;
	return o->loc;
}

static void judge(const struct rule *r, const struct mobj *o,
		  const struct model *m, struct findings *out)
{
	struct expr_frame f;
	struct mval list;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.obj = o;
	f.tables = r->tables;
	f.ntables = r->ntables;
	if (!r->for_list) {
		if (expr_test(r->when, &f))
			findings_add(out, r, m->path, finding_loc(r, o, &f),
				     engine_message(r, &f),
				     xstrdup(o->origin));
		return;
	}
	expr_eval(r->for_list, &f, &list);
	if (list.type != MV_LIST)
		return;
	for (i = 0; i < list.u.list->n; i++) {
		f.var = &list.u.list->v[i];
		if (expr_test(r->when, &f))
			findings_add(out, r, m->path, finding_loc(r, o, &f),
				     engine_message(r, &f),
				     xstrdup(o->origin));
	}
}

void engine_run(const struct ruleset *rs, const struct model *m,
		struct findings *out)
{
	size_t i, j;

	for (i = 0; i < m->n; i++) {
		const struct mobj *o = m->objs[i];

		for (j = 0; j < rs->n; j++) {
			const struct rule *r = rs->v[j];

			if (r->enabled && r->applies_to == o->kind && r->when)
				judge(r, o, m, out);
		}
	}
}
