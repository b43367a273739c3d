/*
 * model.c - model objects, the field table, and --dump model.
 *
 * Objects live in their model's arena; this file knows how they are
 * stored, copied and printed, not what any field means (derive.c) nor
 * any format's syntax (front/).
 */
#include "model/model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- the field table --------------------------------------------------- */

#define FIELD_ROW(k, id, nm, ty, et, ek, by, doc) \
	{ k, id, nm, ty, et, ek, MODEL_FIELD_##by, doc },
#define KIND_FIELDS(k, name, fields, count) fields(FIELD_ROW, k)
#define KIND_ORIGIN(k, name, fields, count) \
	[k] = { k, MODEL_SLOT_ORIGIN, "origin", MV_STR, 0, 0, \
		MODEL_FIELD_WRITTEN, \
		"how messages name the object" },
#define KIND_COUNT(k, name, fields, count) [k] = count,
#define KIND_NAME(k, name, fields, count) [k] = name,

const struct model_field model_field_rows[] = {
	MODEL_KINDS(KIND_FIELDS)
};

const struct model_field model_origin_rows[MO_KIND_COUNT] = {
	MODEL_KINDS(KIND_ORIGIN)
};

static const int slot_count[MO_KIND_COUNT] = { MODEL_KINDS(KIND_COUNT) };

static const char *const kind_names[MO_KIND_COUNT] = {
	MODEL_KINDS(KIND_NAME)
};

const struct model_field *model_fields(size_t *n)
{
	*n = ARRAY_SIZE(model_field_rows);
	return model_field_rows;
}

const struct model_field *model_field_find(enum mobj_kind kind,
					   const char *name)
{
	size_t i;

	if ((unsigned)kind >= MO_KIND_COUNT)
		return NULL;
	if (!strcmp(name, "origin"))
		return &model_origin_rows[kind];
	for (i = 0; i < ARRAY_SIZE(model_field_rows); i++)
		if (model_field_rows[i].owner == kind &&
		    !strcmp(model_field_rows[i].name, name))
			return &model_field_rows[i];
	return NULL;
}

const char *model_field_set_by_note(const struct model_field *f)
{
	switch (f->set_by) {
	case MODEL_FIELD_DERIVED:
		return "(derived) ";
	case MODEL_FIELD_CROSS_FILE:
		return "(cross-file) ";
	default:
		return "";
	}
}

bool model_kind_cross_file(enum mobj_kind kind)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(model_field_rows); i++)
		if (model_field_rows[i].owner == kind &&
		    model_field_rows[i].set_by == MODEL_FIELD_CROSS_FILE)
			return true;
	return false;
}

/* Cross-file fields set only on the objects that carry a share bit. */
static const struct {
	enum mobj_kind kind;
	int slot;
	unsigned share;
} marked_fields[] = {
	{ MO_CONTAINER, CF_ENGINE_USERNS, MOBJ_SHARE_ENGINE_USERNS },
};

unsigned model_field_share(const struct model_field *f)
{
	size_t i;

	if (f->set_by != MODEL_FIELD_CROSS_FILE)
		return 0;
	for (i = 0; i < ARRAY_SIZE(marked_fields); i++)
		if (marked_fields[i].kind == f->owner &&
		    marked_fields[i].slot == f->slot)
			return marked_fields[i].share;
	return 0;
}

const char *mobj_kind_name(enum mobj_kind kind)
{
	if ((unsigned)kind >= MO_KIND_COUNT)
		return "?";
	return kind_names[kind];
}

int mobj_kind_parse(const char *name)
{
	int i;

	for (i = 0; i < MO_KIND_COUNT; i++)
		if (!strcmp(kind_names[i], name))
			return i;
	return -1;
}

/* --- objects ------------------------------------------------------------ */

struct model *model_new(const char *path)
{
	struct model *m = xcalloc(1, sizeof(*m));

	m->arena = arena_new();
	m->path = path;
	return m;
}

struct model *model_move_to(struct model *from, struct arena *store)
{
	struct model *m = xcalloc(1, sizeof(*m));
	size_t i;

	m->arena = store;
	m->arena_shared = true;
	m->path = from->path ? arena_strdup(store, from->path) : NULL;
	if (from->n) {
		m->objs = xmalloc(from->n * sizeof(*m->objs));
		m->n = m->cap = from->n;
	}
	for (i = 0; i < from->n; i++)
		m->objs[i] = mobj_clone(m, from->objs[i], m->path);
	for (i = 0; i < from->nwaivers; i++)
		model_add_waiver(m, from->waivers[i].rule,
				 from->waivers[i].reason, from->waivers[i].loc,
				 from->waivers[i].unit_line);
	for (i = 0; i < from->nalso; i++)
		model_note_read(m, from->also_read[i]);
	model_free(from);
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	if (!m->arena_shared)
		arena_free(m->arena);
	free(m->objs);
	free(m->waivers);
	free(m->also_read);
	free(m);
}

void model_note_read(struct model *m, const char *path)
{
	size_t i;

	for (i = 0; i < m->nalso; i++)
		if (!strcmp(m->also_read[i], path))
			return;
	m->also_read = xgrow(m->also_read, &m->capalso, m->nalso + 1,
			     sizeof(*m->also_read));
	m->also_read[m->nalso++] = arena_strdup(m->arena, path);
}

void model_add_waiver(struct model *m, const char *rule, const char *reason,
		      struct loc loc, uint32_t unit_line)
{
	struct model_waiver *w;

	m->waivers = xgrow(m->waivers, &m->capwaivers, m->nwaivers + 1,
			   sizeof(*m->waivers));
	w = &m->waivers[m->nwaivers++];
	w->rule = arena_strdup(m->arena, rule);
	w->reason = arena_strdup(m->arena, reason ? reason : "");
	w->loc = loc;
	w->unit_line = unit_line;
}

/* An object with room for `nvals` values, all unset. */
static struct mobj *obj_new(struct model *m, enum mobj_kind kind,
			    struct loc loc, size_t nvals)
{
	struct mobj *o = arena_alloc(m->arena, sizeof(*o));

	o->kind = kind;
	o->loc = loc;
	o->origin = "";
	o->f = arena_alloc(m->arena, sizeof(struct mval) * (nvals ? nvals : 1));
	return o;
}

struct mobj *model_sub(struct model *m, enum mobj_kind kind, struct loc loc)
{
	return obj_new(m, kind, loc, slot_count[kind]);
}

/*
 * Make `o` (with room for `room` values) hold slots: the `n` of `slots`
 * now, or none yet when `slots` is NULL (the caller adds them in order).
 */
static uint16_t *hold_room(struct model *m, struct mobj *o, size_t room,
			   const uint16_t *slots, size_t n)
{
	uint16_t *held = arena_alloc(m->arena, sizeof(*held) *
				     (room ? room : 1));

	if (slots && n)
		memcpy(held, slots, sizeof(*held) * n);
	o->held = held;
	o->nheld = slots ? (uint16_t)n : 0;
	return held;
}

struct mobj *mobj_new_held(struct model *m, enum mobj_kind kind,
			   struct loc loc, const uint16_t *slots, size_t n)
{
	struct mobj *o = obj_new(m, kind, loc, n);

	hold_room(m, o, n, slots, n);
	return o;
}

int model_slot_count(enum mobj_kind kind)
{
	return slot_count[kind];
}

size_t mobj_nvals(const struct mobj *o)
{
	return o->held ? o->nheld : (size_t)slot_count[o->kind];
}

struct mobj *model_add(struct model *m, enum mobj_kind kind,
		       const char *origin, struct loc loc)
{
	struct mobj *o = model_sub(m, kind, loc);

	o->origin = arena_strdup(m->arena, origin);
	m->objs = xgrow(m->objs, &m->cap, m->n + 1, sizeof(*m->objs));
	m->objs[m->n++] = o;
	return o;
}

/* Where a held object keeps `slot`, or -1. */
static int held_index(const struct mobj *o, int slot)
{
	int k;

	for (k = 0; k < o->nheld; k++)
		if (o->held[k] == slot)
			return k;
	return -1;
}

const struct mval *mobj_get(const struct mobj *o, int slot)
{
	static const struct mval unset;
	int k;

	if (!o->held)
		return &o->f[slot];
	k = held_index(o, slot);
	return k < 0 ? &unset : &o->f[k];
}

struct mval *mobj_slot(struct mobj *o, int slot)
{
	int k;

	if (!o->held)
		return &o->f[slot];
	k = held_index(o, slot);
	if (k < 0)
		die("internal error: field %d of a kept %s was not kept",
		    slot, mobj_kind_name(o->kind));
	return &o->f[k];
}

void mobj_set_bool(struct mobj *o, int slot, bool v, struct loc loc)
{
	struct mval *f = mobj_slot(o, slot);

	f->type = MV_BOOL;
	f->loc = loc;
	f->u.b = v;
}

void mobj_set_int(struct mobj *o, int slot, int64_t v, struct loc loc)
{
	struct mval *f = mobj_slot(o, slot);

	f->type = MV_INT;
	f->loc = loc;
	f->u.i = v;
}

void mobj_set_str(struct model *m, struct mobj *o, int slot, const char *s,
		  struct loc loc)
{
	struct mval *f = mobj_slot(o, slot);

	f->type = MV_STR;
	f->loc = loc;
	f->u.s = arena_strdup(m->arena, s);
}

void mobj_set_obj(struct mobj *o, int slot, struct mobj *v, struct loc loc)
{
	struct mval *f = mobj_slot(o, slot);

	f->type = MV_OBJ;
	f->loc = loc;
	f->u.obj = v;
}

void mobj_unset(struct mobj *o, int slot)
{
	memset(mobj_slot(o, slot), 0, sizeof(struct mval));
}

struct mlist *mobj_list(struct model *m, struct mobj *o, int slot,
			struct loc loc)
{
	struct mval *f = mobj_slot(o, slot);

	if (f->type != MV_LIST) {
		f->type = MV_LIST;
		f->loc = loc;
		f->u.list = arena_alloc(m->arena, sizeof(struct mlist));
	}
	return f->u.list;
}

/* Arena memory is not given back: grow to exactly `cap` items. */
static void mlist_grow(struct model *m, struct mlist *l, size_t cap)
{
	struct mval *v = arena_alloc(m->arena, cap * sizeof(*v));

	if (l->n)
		memcpy(v, l->v, l->n * sizeof(*v));
	l->v = v;
	l->cap = cap;
}

void mlist_reserve(struct model *m, struct mlist *l, size_t n)
{
	if (l->cap - l->n < n)
		mlist_grow(m, l, l->n + n);
}

static struct mval *mlist_push(struct model *m, struct mlist *l)
{
	if (l->n == l->cap)
		mlist_grow(m, l, l->cap ? l->cap * 2 : 4);
	return &l->v[l->n++];
}

void mlist_push_static(struct model *m, struct mlist *l, const char *s,
		       struct loc loc)
{
	struct mval *v = mlist_push(m, l);

	v->type = MV_STR;
	v->loc = loc;
	v->u.s = s;
}

void mlist_push_str(struct model *m, struct mlist *l, const char *s,
		    struct loc loc)
{
	mlist_push_static(m, l, arena_strdup(m->arena, s), loc);
}

void mlist_push_obj(struct model *m, struct mlist *l, struct mobj *obj)
{
	struct mval *v = mlist_push(m, l);

	v->type = MV_OBJ;
	v->loc = obj->loc;
	v->u.obj = obj;
}

bool mlist_has_str(const struct mlist *l, const char *s)
{
	size_t i;

	for (i = 0; l && i < l->n; i++)
		if (l->v[i].type == MV_STR && !strcmp(l->v[i].u.s, s))
			return true;
	return false;
}

static void clone_val(struct model *m, struct mval *dst,
		      const struct mval *src, const char *path);
static int held_index(const struct mobj *o, int slot);

/*
 * A copy of `o` without its fields, with room for `nvals` of them: what
 * says what and where it is.
 */
static struct mobj *clone_head(struct model *m, const struct mobj *o,
			       const char *path, size_t nvals)
{
	struct mobj *c = obj_new(m, o->kind, o->loc, nvals);

	c->origin = arena_strdup(m->arena, o->origin ? o->origin : "");
	c->path = path;
	c->share = o->share;
	c->unit_line = o->unit_line;
	c->partial = o->partial;
	return c;
}

/* Hold `slots` of `o` on `c` (those set, or all when `all`). */
static void hold(struct model *m, struct mobj *c, const struct mobj *o,
		 const int *slots, size_t n, bool all, uint16_t *held)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mval *v;

		if (slots[i] < 0 || slots[i] >= slot_count[o->kind] ||
		    held_index(c, slots[i]) >= 0)
			continue;
		v = mobj_get(o, slots[i]);
		if (!all && v->type == MV_UNSET)
			continue;
		held[c->nheld] = (uint16_t)slots[i];
		clone_val(m, &c->f[c->nheld++], v, c->path);
	}
}

struct mobj *mobj_clone(struct model *m, const struct mobj *o,
			const char *path)
{
	size_t i, n = mobj_nvals(o);
	struct mobj *c = clone_head(m, o, path, n);

	if (o->held)
		hold_room(m, c, n, o->held, n);
	for (i = 0; i < n; i++)
		clone_val(m, &c->f[i], &o->f[i], path);
	return c;
}

struct mobj *mobj_clone_slots(struct model *m, const struct mobj *o,
			      const char *path, const int *slots, size_t n,
			      const int *later, size_t nlater)
{
	/* room for every slot named; hold() keeps those set (and `later`) */
	struct mobj *c = clone_head(m, o, path, n + nlater);
	uint16_t *held = hold_room(m, c, n + nlater, NULL, 0);

	hold(m, c, o, slots, n, false, held);
	hold(m, c, o, later, nlater, true, held);
	return c;
}

static void clone_val(struct model *m, struct mval *dst,
		      const struct mval *src, const char *path)
{
	size_t i;

	*dst = *src;
	dst->path = path;
	if (src->type == MV_STR) {
		dst->u.s = arena_strdup(m->arena, src->u.s);
	} else if (src->type == MV_OBJ) {
		dst->u.obj = mobj_clone(m, src->u.obj, path);
	} else if (src->type == MV_LIST) {
		struct mlist *l = arena_alloc(m->arena, sizeof(*l));

		l->n = l->cap = src->u.list->n;
		l->v = arena_alloc(m->arena, (l->n ? l->n : 1) *
				   sizeof(*l->v));
		for (i = 0; i < l->n; i++)
			clone_val(m, &l->v[i], &src->u.list->v[i], path);
		dst->u.list = l;
	}
}

void model_adopt(struct model *m, struct mobj *o)
{
	m->objs = xgrow(m->objs, &m->cap, m->n + 1, sizeof(*m->objs));
	m->objs[m->n++] = o;
}

/* --- dump ---------------------------------------------------------------- */

static void dump_obj(struct strbuf *sb, const struct mobj *o, int depth);

static void pad(struct strbuf *sb, int depth)
{
	sb_addc(sb, '\n');
	while (depth-- > 0)
		sb_adds(sb, "  ");
}

static void dump_val(struct strbuf *sb, const struct mval *v, int depth)
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
		sb_addc(sb, '"');
		sb_add_json_escaped(sb, v->u.s, strlen(v->u.s));
		sb_addc(sb, '"');
		break;
	case MV_LIST:
		sb_addc(sb, '[');
		for (i = 0; i < v->u.list->n; i++) {
			const struct mval *e = &v->u.list->v[i];

			if (i)
				sb_addc(sb, ',');
			pad(sb, depth + 1);
			if (e->type == MV_OBJ) {
				dump_obj(sb, e->u.obj, depth + 1);
			} else {
				sb_addf(sb, "{\"at\": \"%u:%u\", \"value\": ",
					e->loc.line, e->loc.col);
				dump_val(sb, e, depth + 1);
				sb_addc(sb, '}');
			}
		}
		if (v->u.list->n)
			pad(sb, depth);
		sb_addc(sb, ']');
		break;
	case MV_OBJ:
		/* A reference: the object itself is dumped where it is. */
		sb_addf(sb, "\"%s at %u:%u\"", mobj_kind_name(v->u.obj->kind),
			v->u.obj->loc.line, v->u.obj->loc.col);
		break;
	default:
		sb_adds(sb, "null");
	}
}

static void dump_obj(struct strbuf *sb, const struct mobj *o, int depth)
{
	size_t i;

	sb_addf(sb, "{\"kind\": \"%s\", \"at\": \"%u:%u\"",
		mobj_kind_name(o->kind), o->loc.line, o->loc.col);
	if (o->origin && *o->origin) {
		sb_adds(sb, ", \"origin\": \"");
		sb_add_json_escaped(sb, o->origin, strlen(o->origin));
		sb_addc(sb, '"');
	}
	sb_adds(sb, ", \"fields\": {");
	for (i = 0; i < ARRAY_SIZE(model_field_rows); i++) {
		const struct model_field *f = &model_field_rows[i];
		const struct mval *v;

		if (f->owner != o->kind)
			continue;
		v = mobj_get(o, f->slot);
		if (v->type == MV_UNSET)
			continue;
		if (sb->buf[sb->len - 1] != '{')
			sb_addc(sb, ',');
		pad(sb, depth + 1);
		sb_addf(sb, "\"%s\": {\"at\": \"%u:%u\", \"value\": ", f->name,
			v->loc.line, v->loc.col);
		dump_val(sb, v, depth + 1);
		sb_addc(sb, '}');
	}
	if (sb->buf[sb->len - 1] != '{')
		pad(sb, depth);
	sb_adds(sb, "}}");
}

void model_dump_json(struct strbuf *sb, const struct model *m)
{
	size_t i;

	sb_addc(sb, '[');
	for (i = 0; i < m->n; i++) {
		if (i)
			sb_addc(sb, ',');
		pad(sb, 1);
		dump_obj(sb, m->objs[i], 1);
	}
	if (m->n)
		pad(sb, 0);
	sb_adds(sb, "]\n");
}
