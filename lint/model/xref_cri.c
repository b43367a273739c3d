/*
 * xref_cri.c - see xref_cri.h.
 *
 * A pod says nothing of the node that runs it, so "on CRI-O" is decided
 * thus: a container whose runtime is cri-o (--runtime cri-o) is on
 * CRI-O; one whose runtime is not said is on CRI-O when the scan holds a
 * CRI-O configuration and no containerd one (a scan of one node's files);
 * any other runtime is not.
 *
 * The configuration named is the first merged CRI-O set, in path order,
 * that adds capabilities (a scan of several nodes is judged against the
 * first that loosens).  A capability counts for a container unless the
 * container drops it (or ALL), or adds it itself (then the pod asked for
 * it, and the rules on added capabilities judge that).  The drop list is
 * the one derive() made: as CRI-O reads the names with --runtime cri-o,
 * else what every runtime honours.
 */
#include "model/xref_cri.h"

#include <stdlib.h>
#include <string.h>

static bool flag_on(const struct mobj *o, int slot)
{
	const struct mval *v = mobj_get(o, slot);

	return v->type == MV_BOOL && v->u.b;
}

static bool list_has(const struct mobj *o, int slot, const char *s)
{
	const struct mval *v = mobj_get(o, slot);

	return v->type == MV_LIST && mlist_has_str(v->u.list, s);
}

static bool runtime_is(const struct mobj *o, const char *name)
{
	const struct mval *rt = mobj_get(o, CF_RUNTIME);

	return rt->type == MV_STR && !strcmp(rt->u.s, name);
}

bool xref_cri_wants(const struct mobj *o)
{
	const struct mval *rt = mobj_get(o, CF_RUNTIME);

	return o->kind == MO_CONTAINER && o->share & MOBJ_SHARE_NODE_JUDGED &&
	       !flag_on(o, CF_PRIVILEGED) && !list_has(o, CF_CAP_DROP, "ALL") &&
	       !list_has(o, CF_CAP_ADD, "ALL") &&
	       (rt->type != MV_STR || !strcmp(rt->u.s, "cri-o"));
}

static bool config_of(const struct mobj *o, const char *format)
{
	const struct mval *f = mobj_get(o, CRF_FORMAT);

	return o->kind == MO_CRI_CONFIG && f->type == MV_STR &&
	       !strcmp(f->u.s, format);
}

/* The first CRI-O set that adds capabilities, or NULL. */
static const struct mobj *adding_crio(const struct model *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct mobj *o = g->objs[i];
		const struct mval *added = mobj_get(o, CRF_CAPS_ADDED);

		if (config_of(o, "cri-o") && added->type == MV_LIST &&
		    added->u.list->n)
			return o;
	}
	return NULL;
}

static bool holds_containerd(const struct model *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (config_of(g->objs[i], "containerd"))
			return true;
	return false;
}

/* Where default_capabilities was set: "file:line". */
static char *setting_place(const struct mobj *crio)
{
	const struct mval *dc = mobj_get(crio, CRF_DEFAULT_CAPS);
	const char *path = dc->path ? dc->path : crio->path;

	return xasprintf("%s:%u", path ? path : "", dc->loc.line);
}

static void tell_one(struct model *m, struct mobj *o,
		     const struct mobj *crio, const char *place)
{
	const struct mlist *added = mobj_get(crio, CRF_CAPS_ADDED)->u.list;
	const struct mval *dc = mobj_get(crio, CRF_DEFAULT_CAPS);
	struct mlist *kept = NULL;
	size_t i;

	for (i = 0; i < added->n; i++) {
		const struct mval *cap = &added->v[i];

		if (list_has(o, CF_CAP_DROP, cap->u.s) ||
		    list_has(o, CF_CAP_ADD, cap->u.s))
			continue;
		if (!kept)
			kept = mobj_list(m, o, CF_NODE_CRI_CAPS, dc->loc);
		mlist_push_str(m, kept, cap->u.s, cap->loc);
		kept->v[kept->n - 1].path = cap->path;
	}
	if (!kept)
		return;
	mobj_slot(o, CF_NODE_CRI_CAPS)->path = dc->path;
	mobj_set_str(m, o, CF_NODE_CRI_CONFIG, place, dc->loc);
	mobj_slot(o, CF_NODE_CRI_CONFIG)->path = dc->path;
}

void xref_cri_tell(const struct model *g, struct model *const *kept,
		   size_t n)
{
	const struct mobj *crio = adding_crio(g);
	bool only_crio;
	char *place;
	size_t i, j;

	if (!crio)
		return;
	only_crio = !holds_containerd(g);
	place = setting_place(crio);
	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			struct mobj *o = kept[i]->objs[j];

			if (!xref_cri_wants(o) ||
			    !(runtime_is(o, "cri-o") || only_crio))
				continue;
			tell_one(kept[i], o, crio, place);
		}
	}
	free(place);
}
