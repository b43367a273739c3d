/*
 * engine.c - run rules over a model.
 *
 * For each object and each enabled rule of its kind: when the rule has a
 * `for`, bind each element of the list in turn; test `when`; on a match,
 * the finding points at the location of the `at` value (or the element,
 * or the object) and its message is the rule's template with every
 * {expression} evaluated.
 *
 * A pod or container marked MOBJ_SHARE_PSA (--profile pss-* without
 * --k8s-version) is judged by the Pod Security rules in the cross-file
 * pass instead, at the level and version of its namespace's labels when
 * the namespace was scanned (model/xref_nodes.c), else as the others.
 * Such a level brings in the rules of its profile whatever --profile
 * chose; --disable does not reach them.
 *
 * A partial object (a Kustomize patch: only what it changes is written)
 * is judged by the rules about what is set, never by those marked
 * `absence: true`, which would report everything the patch leaves to the
 * object it patches.
 *
 * Likewise an object that carries a rule's defer_share bit is judged by
 * that rule in the cross-file pass only (a root Podman container waits
 * for the scanned containers.conf's userns default).
 */
#include "engine/engine.h"

#include <stdlib.h>
#include <string.h>

#include "engine/expr.h"

char *engine_message(const struct rule *r, const struct expr_frame *f)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = r->message;
	size_t i = 0, part = 0;

	while (s[i]) {
		size_t n = strcspn(s + i, "{}");

		sb_add(&sb, s + i, n);	/* the text up to a brace, at once */
		i += n;
		if (!s[i])
			break;
		if (s[i] == s[i + 1]) {
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

/*
 * Where a finding points: the first `at` value that is set, else the
 * element `for` bound, else the object.  The file is the value's own when
 * it has one (objects kept across files), else the object's, else the
 * model's.
 */
static struct loc finding_loc(const struct rule *r, const struct mobj *o,
			      const struct expr_frame *f, const char **path)
{
	struct mval at;
	size_t i;

	*path = o->path;
	for (i = 0; i < r->nat; i++) {
		expr_eval(r->at[i], f, &at);
		if (at.type != MV_UNSET && loc_known(at.loc)) {
			if (at.path)
				*path = at.path;
			return at.loc;
		}
	}
	if (f->var && loc_known(f->var->loc)) {
		if (f->var->path)
			*path = f->var->path;
		return f->var->loc;
	}
	return o->loc;
}

/*
 * The setting a `for:` element stands for, as text that does not depend
 * on where it is written: a value as is; a sub-object (a mount, a RUN
 * step) as its scalar fields in slot order, because its origin is its
 * owner's.  NULL when no element is bound.
 */
static char *element_text(const struct mval *v)
{
	struct strbuf sb = STRBUF_INIT;
	const struct model_field *fields;
	const struct mobj *o;
	size_t i, n;

	if (!v)
		return NULL;
	if (v->type != MV_OBJ || !v->u.obj) {
		expr_value_text(&sb, v);
		return sb_detach(&sb);
	}
	o = v->u.obj;
	sb_adds(&sb, mobj_kind_name(o->kind));
	fields = model_fields(&n);
	for (i = 0; i < n; i++) {
		const struct mval *e;

		if (fields[i].owner != o->kind ||
		    fields[i].set_by != MODEL_FIELD_WRITTEN)
			continue;
		e = mobj_get(o, fields[i].slot);
		if (e->type != MV_STR && e->type != MV_INT &&
		    e->type != MV_BOOL)
			continue;
		sb_addf(&sb, " %s=", fields[i].name);
		expr_value_text(&sb, e);
	}
	return sb_detach(&sb);
}

/*
 * Who a finding is about, in words that survive unrelated edits: the
 * object's origin, but a build stage by its name alone (its origin also
 * names the base image, which is bumped often).
 */
static char *object_identity(const struct mobj *o)
{
	const struct mval *stage;

	if (o->kind == MO_BUILD) {
		stage = mobj_get(o, BF_STAGE);
		if (stage->type == MV_STR)
			return xasprintf("build stage \"%s\"", stage->u.s);
	}
	return xstrdup(o->origin ? o->origin : "");
}

static void add_finding(const struct rule *r, const struct mobj *o,
			const struct model *m, const struct expr_frame *f,
			struct findings *out)
{
	const char *path;
	struct loc loc;
	char *setting, *object;

	if (out->max && out->n >= out->max) {
		out->dropped++;
		return;
	}
	loc = finding_loc(r, o, f, &path);
	setting = element_text(f->var);
	object = object_identity(o);
	findings_add(out, r, path ? path : m->path, loc, engine_message(r, f),
		     xstrdup(o->origin));
	finding_set_identity(&out->v[out->n - 1], object, setting,
			     o->loc.line, o->unit_line);
	free(object);
	free(setting);
}

static void judge(const struct ruleset *rs, const struct rule *r,
		  int k8s_minor, const struct mobj *o, const struct model *m,
		  struct findings *out)
{
	struct expr_frame f;
	struct mval list;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.obj = o;
	f.tables = r->tables;
	f.ntables = r->ntables;
	f.k8s_minor = k8s_minor;
	f.regexes = rs->regexes;
	if (!r->for_list) {
		if (expr_test(r->when, &f))
			add_finding(r, o, m, &f, out);
		return;
	}
	expr_eval(r->for_list, &f, &list);
	if (list.type != MV_LIST)
		return;
	for (i = 0; i < list.u.list->n; i++) {
		f.var = &list.u.list->v[i];
		if (expr_test(r->when, &f))
			add_finding(r, o, m, &f, out);
	}
}

static bool pss_rule(const struct rule *r)
{
	return !r->cross_file &&
	       r->profiles & (PROFILE_PSS_BASELINE | PROFILE_PSS_RESTRICTED);
}

/* A Pod Security rule on an object waiting for its namespace's labels. */
static void judge_at_namespace(const struct ruleset *rs,
			       const struct rule *r, const struct mobj *o,
			       const struct model *m, struct findings *out)
{
	bool pod = o->kind == MO_POD;
	const struct mval *lv = mobj_get(o, pod ? PDF_PSA_LEVEL :
					 CF_PSA_LEVEL);
	const struct mval *mn = mobj_get(o, pod ? PDF_PSA_MINOR :
					 CF_PSA_MINOR);
	unsigned bit;

	if (lv->type != MV_STR) {
		if (r->enabled)
			judge(rs, r, rs->k8s_minor, o, m, out);
		return;
	}
	bit = !strcmp(lv->u.s, "restricted") ? PROFILE_PSS_RESTRICTED :
	      !strcmp(lv->u.s, "baseline") ? PROFILE_PSS_BASELINE : 0;
	if (r->profiles & bit)
		judge(rs, r, mn->type == MV_INT ? (int)mn->u.i :
		      rs->k8s_minor, o, m, out);
}

static void run(const struct ruleset *rs, const struct model *m,
		bool cross_file, struct findings *out)
{
	size_t i, j;

	for (i = 0; i < m->n; i++) {
		const struct mobj *o = m->objs[i];

		for (j = 0; j < rs->n; j++) {
			const struct rule *r = rs->v[j];

			if (r->applies_to != o->kind || !r->when ||
			    (o->partial && r->absence))
				continue;
			if (o->share & MOBJ_SHARE_PSA && pss_rule(r)) {
				if (cross_file)
					judge_at_namespace(rs, r, o, m, out);
			} else if (o->share & r->defer_share) {
				if (cross_file && r->enabled)
					judge(rs, r, rs->k8s_minor, o, m, out);
			} else if (r->enabled && r->cross_file == cross_file) {
				judge(rs, r, rs->k8s_minor, o, m, out);
			}
		}
	}
}

void engine_run(const struct ruleset *rs, const struct model *m,
		struct findings *out)
{
	run(rs, m, false, out);
}

void engine_run_cross_file(const struct ruleset *rs, const struct model *m,
			   struct findings *out)
{
	run(rs, m, true, out);
}
