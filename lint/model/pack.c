/*
 * pack.c - see pack.h.
 *
 * The bytes: numbers as LEB128 varints (signed ones zigzagged), a string
 * as its length + 1 then its bytes (0: none), a path as 0 (none), 1 (the
 * model's own) or 2 and a string.  A model: tag, path, object count,
 * objects.  An object: kind, share, origin, path, loc, unit_line,
 * partial, whether it holds only some slots, the number of entries, their
 * slots, their values (every held slot, or every set slot).  A value:
 * type, loc, path, then what its type says.  The bytes are made and read
 * by this file alone in one run; should they come back cut short or
 * changed (a temporary file that failed), the read stops there and says
 * so (model_pack.failed), so that a run reports it instead of judging
 * less without a word.
 */
#include "model/pack.h"

#include <stdlib.h>
#include <string.h>

/* Longer than any string or list a file can hold: the bytes are bad. */
#define PACK_MAX_LEN ((uint64_t)1 << 31)

/* --- writing ------------------------------------------------------------ */

static void put_uv(struct strbuf *sb, uint64_t v)
{
	char b[10];
	size_t n = 0;

	do {
		b[n] = (char)(v & 0x7f);
		v >>= 7;
		if (v)
			b[n] = (char)(b[n] | 0x80);
		n++;
	} while (v);
	sb_add(sb, b, n);
}

static void put_str(struct strbuf *sb, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_uv(sb, s ? n + 1 : 0);
	if (n)
		sb_add(sb, s, n);
}

static void put_path(struct strbuf *sb, const char *p, const char *own)
{
	if (!p) {
		put_uv(sb, 0);
	} else if (own && (p == own || !strcmp(p, own))) {
		put_uv(sb, 1);
	} else {
		put_uv(sb, 2);
		put_str(sb, p);
	}
}

static void put_loc(struct strbuf *sb, struct loc loc)
{
	put_uv(sb, loc.line);
	put_uv(sb, loc.col);
	put_uv(sb, loc.end_line);
	put_uv(sb, loc.end_col);
}

static void put_obj(struct strbuf *sb, const struct mobj *o, const char *own);

static void put_val(struct strbuf *sb, const struct mval *v, const char *own)
{
	size_t i;

	put_uv(sb, v->type);
	put_loc(sb, v->loc);
	put_path(sb, v->path, own);
	switch (v->type) {
	case MV_BOOL:
		put_uv(sb, v->u.b);
		break;
	case MV_INT:
		put_uv(sb, ((uint64_t)v->u.i << 1) ^
			   (uint64_t)(v->u.i < 0 ? -1 : 0));
		break;
	case MV_STR:
		put_str(sb, v->u.s);
		break;
	case MV_LIST:
		put_uv(sb, v->u.list->n);
		for (i = 0; i < v->u.list->n; i++)
			put_val(sb, &v->u.list->v[i], own);
		break;
	case MV_OBJ:
		put_obj(sb, v->u.obj, own);
		break;
	default:
		break;
	}
}

/* Is f[k] of `o` packed: every held slot, or a set one. */
static bool packs(const struct mobj *o, size_t k)
{
	return o->held || o->f[k].type != MV_UNSET;
}

static void put_obj(struct strbuf *sb, const struct mobj *o, const char *own)
{
	size_t count = mobj_nvals(o), n = 0, k;

	put_uv(sb, (uint64_t)o->kind);
	put_uv(sb, o->share);
	put_str(sb, o->origin);
	put_path(sb, o->path, own);
	put_loc(sb, o->loc);
	put_uv(sb, o->unit_line);
	put_uv(sb, o->partial);
	put_uv(sb, o->held != NULL);
	for (k = 0; k < count; k++)
		n += packs(o, k);
	put_uv(sb, n);
	for (k = 0; k < count; k++)
		if (packs(o, k))
			put_uv(sb, o->held ? o->held[k] : k);
	for (k = 0; k < count; k++)
		if (packs(o, k))
			put_val(sb, &o->f[k], own);
}

void model_pack_add(struct model_pack *p, size_t tag, const struct model *m)
{
	size_t i;

	put_uv(&p->sb, tag);
	put_str(&p->sb, m->path);
	put_uv(&p->sb, m->n);
	for (i = 0; i < m->n; i++)
		put_obj(&p->sb, m->objs[i], m->path);
	p->n++;
}

/* --- reading ------------------------------------------------------------ */

struct reader {
	FILE *in;
	bool bad;		/* cut short: every read after gives 0 */
	struct model *m;	/* what is being unpacked */
};

static uint64_t get_uv(struct reader *r)
{
	uint64_t v = 0;
	unsigned shift = 0;
	int c;

	while (!r->bad) {
		c = getc(r->in);
		if (c == EOF || shift > 63) {
			r->bad = true;
			break;
		}
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
		shift += 7;
	}
	return 0;
}

/* A string read into the model's arena, or NULL. */
static const char *get_str(struct reader *r)
{
	uint64_t n = get_uv(r);
	char *s;

	if (!n || r->bad)
		return NULL;
	if (n - 1 > PACK_MAX_LEN) {
		r->bad = true;
		return NULL;
	}
	s = arena_alloc(r->m->arena, (size_t)n);
	if (n > 1 && fread(s, 1, (size_t)(n - 1), r->in) != n - 1) {
		r->bad = true;
		return NULL;
	}
	return s;
}

static const char *get_path(struct reader *r)
{
	switch (get_uv(r)) {
	case 0:
		return NULL;
	case 1:
		return r->m->path;
	default:
		return get_str(r);
	}
}

static struct loc get_loc(struct reader *r)
{
	struct loc loc;

	loc.line = (uint32_t)get_uv(r);
	loc.col = (uint32_t)get_uv(r);
	loc.end_line = (uint32_t)get_uv(r);
	loc.end_col = (uint32_t)get_uv(r);
	return loc;
}

static struct mobj *get_obj(struct reader *r, unsigned depth);

static void get_val(struct reader *r, struct mval *v, unsigned depth)
{
	uint64_t z;
	size_t i, n;

	v->type = (uint8_t)get_uv(r);
	v->loc = get_loc(r);
	v->path = get_path(r);
	switch (r->bad ? MV_UNSET : v->type) {
	case MV_BOOL:
		v->u.b = get_uv(r) != 0;
		break;
	case MV_INT:
		z = get_uv(r);
		v->u.i = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
		break;
	case MV_STR:
		v->u.s = get_str(r);
		if (!v->u.s)
			v->u.s = "";
		break;
	case MV_LIST:
		n = (size_t)get_uv(r);
		if (n > PACK_MAX_LEN)
			r->bad = true;
		n = r->bad ? 0 : n;
		v->u.list = arena_alloc(r->m->arena, sizeof(*v->u.list));
		v->u.list->v = arena_alloc(r->m->arena,
					   (n ? n : 1) * sizeof(struct mval));
		v->u.list->n = v->u.list->cap = n;
		for (i = 0; i < n; i++)
			get_val(r, &v->u.list->v[i], depth);
		break;
	case MV_OBJ:
		v->u.obj = get_obj(r, depth + 1);
		break;
	default:
		v->type = MV_UNSET;
		break;
	}
}

static struct mobj *get_obj(struct reader *r, unsigned depth)
{
	struct mobj head = { 0 };
	struct mobj *o;
	uint16_t *slots;
	bool held;
	size_t n, k;

	head.kind = (enum mobj_kind)get_uv(r);
	if ((unsigned)head.kind >= MO_KIND_COUNT || depth > 8)
		r->bad = true;
	if (r->bad)
		head.kind = MO_CONTAINER;
	head.share = (unsigned)get_uv(r);
	head.origin = get_str(r);
	head.path = get_path(r);
	head.loc = get_loc(r);
	head.unit_line = (uint32_t)get_uv(r);
	head.partial = get_uv(r) != 0;
	held = get_uv(r) != 0;
	n = (size_t)get_uv(r);
	if (n > (size_t)model_slot_count(head.kind))
		r->bad = true;
	n = r->bad ? 0 : n;
	slots = arena_alloc(r->m->arena, (n ? n : 1) * sizeof(*slots));
	for (k = 0; k < n; k++) {
		slots[k] = (uint16_t)get_uv(r);
		if (slots[k] >= model_slot_count(head.kind)) {
			r->bad = true;
			slots[k] = 0;
		}
	}
	o = held ? mobj_new_held(r->m, head.kind, head.loc, slots, n) :
		   model_sub(r->m, head.kind, head.loc);
	o->share = head.share;
	o->origin = head.origin ? head.origin : "";
	o->path = head.path;
	o->unit_line = head.unit_line;
	o->partial = head.partial;
	for (k = 0; k < n && !r->bad; k++)
		get_val(r, held ? &o->f[k] : &o->f[slots[k]], depth);
	return o;
}

void model_pack_spool(struct model_pack *p)
{
	sb_set_spool(&p->sb);
}

bool model_pack_rewind(struct model_pack *p)
{
	sb_spool_close(&p->sb, p->in);
	p->in = sb_spool_open(&p->sb, &p->failed);
	return !p->failed;
}

struct model *model_pack_next(struct model_pack *p, size_t *tag)
{
	struct reader r = { p->in, false, NULL };
	size_t n, i;
	int c;

	if (!r.in || p->failed || (c = getc(r.in)) == EOF)
		return NULL;
	ungetc(c, r.in);
	*tag = (size_t)get_uv(&r);
	r.m = model_new(NULL);
	r.m->path = get_str(&r);
	n = (size_t)get_uv(&r);
	for (i = 0; i < n && !r.bad; i++)
		model_adopt(r.m, get_obj(&r, 0));
	if (r.bad) {
		p->failed = true;
		model_free(r.m);
		return NULL;
	}
	return r.m;
}

void model_pack_free(struct model_pack *p)
{
	sb_spool_close(&p->sb, p->in);
	sb_free(&p->sb);
	memset(p, 0, sizeof(*p));
}
