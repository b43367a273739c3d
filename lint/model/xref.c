/*
 * xref.c - the cross-file step of the model (see xref.h).
 *
 * Drop-in order assumed (Podman 5, containers/common pkg/config): in one
 * directory, containers.conf, then the .conf files of containers.conf.d
 * in name order, then containers.rootless.conf and the .conf files of
 * containers.rootless.conf.d in name order (the last two apply to
 * rootless Podman).  A later file sets a
 * key again to override it; arrays are replaced, not appended
 * ({append=true} is not followed).
 *
 * Profile references resolve, in this order, to the scanned seccomp
 * profile at the path relative to the referencing file's directory, or
 * to the one scanned profile whose path ends with the reference (a
 * kubelet's localhostProfile is relative to its seccomp root, a
 * containers.conf path is absolute on the host).
 *
 * SELinux MCS levels: runtimes give each container its own pair of
 * categories.  Workloads that pin one level by hand (level: s0:c1,c2)
 * share it with every other workload that pins the same; each such
 * container learns which other workloads those are (one container per
 * workload and place the level is written, so that the containers of one
 * pod inheriting one pod-level value count once).
 *
 * Podman's userns default: a Podman container (run line, Quadlet unit)
 * that sets no user namespace of its own gets the userns of the scanned
 * containers.conf (the first merged set, in path order, that says one),
 * so that `userns = "auto"` there changes the verdict for all of them.
 */
#include "model/xref.h"
#include "model/xref_nodes.h"

#include <stdlib.h>
#include <string.h>

static bool is_conf_set_member(const struct mobj *o)
{
	return o->share & MOBJ_SHARE_CONF_SET;
}

/* Still a reference once the last setting won (seccomp=x then unconfined). */
static bool refers_to_profile(const struct mobj *o)
{
	const struct mval *mode = mobj_get(o, CF_SECCOMP_MODE);
	const struct mval *prof = mobj_get(o, CF_SECCOMP_PROFILE);

	return o->kind == MO_CONTAINER && o->share & MOBJ_SHARE_PROFILE_REF &&
	       mode->type == MV_STR && !strcmp(mode->u.s, "profile") &&
	       prof->type == MV_STR;
}

static bool is_profile_file(const struct mobj *o)
{
	return o->share & MOBJ_SHARE_PROFILE_FILE;
}

/*
 * A Podman container whose user namespace the engine's default decides.
 * Every one is kept and judged here, not only those that run as root:
 * the rules that read engine.userns judge these containers in this step
 * alone (model_field_share), whatever else their conditions say.
 */
static bool takes_engine_userns(const struct mobj *o)
{
	return o->kind == MO_CONTAINER &&
	       o->share & MOBJ_SHARE_ENGINE_USERNS;
}

/* A level with MCS categories, which is what separates containers. */
static bool pins_mcs_level(const struct mobj *o)
{
	const struct mval *lv = mobj_get(o, CF_SELINUX_LEVEL);

	return o->kind == MO_CONTAINER && lv->type == MV_STR &&
	       strstr(lv->u.s, ":c");
}

/*
 * What resolve_profile() reads of a profile file; a profile that is
 * nothing else is kept with these alone (its rules, bypasses and the
 * rest were judged with its own file and are not needed again).
 */
static const int profile_facts[] = { SPF_DEFAULT_ACTION, SPF_DANGEROUS };

void xref_keep(const struct model *m, struct model **kept)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct mobj *o = m->objs[i];
		bool other = is_conf_set_member(o) || refers_to_profile(o) ||
			     pins_mcs_level(o) || takes_engine_userns(o);
		struct model *k;

		if (!other && !is_profile_file(o) && !xref_nodes_keeps(o))
			continue;
		if (!*kept) {
			*kept = model_new(NULL);
			(*kept)->path = arena_strdup((*kept)->arena, m->path);
		}
		k = *kept;
		if (other)
			model_adopt(k, mobj_clone(k, o, k->path));
		else if (is_profile_file(o))
			model_adopt(k, mobj_clone_slots(k, o, k->path,
					profile_facts,
					ARRAY_SIZE(profile_facts), NULL, 0));
		else	/* only for the node and namespace settings */
			model_adopt(k, xref_nodes_clone(k, o, true));
	}
}

/* Are all of `kept`'s objects held clones that `is` says yes to? */
static bool holds_only(const struct model *kept,
		       bool (*is)(const struct mobj *o))
{
	size_t i;

	for (i = 0; i < kept->n; i++)
		if (!is(kept->objs[i]) || !kept->objs[i]->held)
			return false;
	return kept->n > 0;
}

static bool is_container(const struct mobj *o)
{
	return o->kind == MO_CONTAINER;
}

bool xref_profiles_only(const struct model *kept)
{
	return holds_only(kept, is_profile_file);
}

bool xref_packable(const struct model *kept)
{
	return holds_only(kept, is_container) || xref_profiles_only(kept);
}

void xref_tell_packed(const struct model *g, struct model *kept)
{
	xref_nodes_tell(g, kept);
}

/* --- containers.conf sets ------------------------------------------------- */

struct conf_file {
	const struct mobj *o;
	char *set;		/* the directory the set lives in */
	int rank;		/* 0 main, 1 drop-in, 2 rootless, 3 its drop-in */
	const char *path;
};

static void classify(struct conf_file *f)
{
	const char *base = path_base(f->path);
	char *dir = path_dir(f->path);

	if (str_has_suffix(dir, "containers.conf.d") ||
	    str_has_suffix(dir, "containers.rootless.conf.d")) {
		f->rank = str_has_suffix(dir, "rootless.conf.d") ? 3 : 1;
		f->set = path_dir(dir);
		free(dir);
		return;
	}
	f->rank = !strcmp(base, "containers.rootless.conf") ? 2 : 0;
	f->set = dir;
}

static int conf_cmp(const void *pa, const void *pb)
{
	const struct conf_file *a = pa, *b = pb;
	int c = strcmp(a->set, b->set);

	if (c)
		return c;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return strcmp(a->path, b->path);
}

/* Apply one file's settings over `dst`: every field it sets wins. */
static void overlay(struct model *g, struct mobj *dst, const struct mobj *src)
{
	struct mobj *copy = mobj_clone(g, src, src->path);
	int i;

	for (i = 0; i < EF__COUNT; i++) {
		if (i == EF_UNKNOWN_KEYS || i == EF_CAPS_ADDED)
			continue;
		if (copy->f[i].type != MV_UNSET)
			dst->f[i] = copy->f[i];
	}
	/* Typos are reported for every file, not only the last. */
	if (copy->f[EF_UNKNOWN_KEYS].type == MV_LIST) {
		struct mlist *l = mobj_list(g, dst, EF_UNKNOWN_KEYS,
					    copy->f[EF_UNKNOWN_KEYS].loc);
		size_t k;

		for (k = 0; k < copy->f[EF_UNKNOWN_KEYS].u.list->n; k++) {
			const struct mval *v =
				&copy->f[EF_UNKNOWN_KEYS].u.list->v[k];

			mlist_push_str(g, l, v->u.s, v->loc);
			l->v[l->n - 1].path = v->path;
		}
	}
	if (copy->f[EF_CAPS_ADDED].type == MV_LIST)
		dst->f[EF_CAPS_ADDED] = copy->f[EF_CAPS_ADDED];
	else if (copy->f[EF_DEFAULT_CAPS].type == MV_LIST)
		mobj_unset(dst, EF_CAPS_ADDED);
	mlist_push_str(g, mobj_list(g, dst, EF_FILES, src->loc), src->path,
		       src->loc);
	dst->f[EF_FILES].u.list->v[dst->f[EF_FILES].u.list->n - 1].path =
		src->path;
}

static void merge_conf_sets(struct model *g, struct model *const *kept,
			    size_t n)
{
	struct conf_file *files = NULL;
	size_t nf = 0, cap = 0, i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			if (!is_conf_set_member(kept[i]->objs[j]))
				continue;
			files = xgrow(files, &cap, nf + 1, sizeof(*files));
			files[nf].o = kept[i]->objs[j];
			files[nf].path = kept[i]->path;
			classify(&files[nf]);
			nf++;
		}
	}
	if (nf > 1)
		qsort(files, nf, sizeof(*files), conf_cmp);
	for (i = 0; i < nf; i = j) {
		struct mobj *merged = model_sub(g, MO_ENGINE_DEFAULTS,
						files[i].o->loc);

		merged->origin = arena_strdup(g->arena, "containers.conf");
		merged->path = files[i].path;
		for (j = i; j < nf && !strcmp(files[j].set, files[i].set); j++)
			overlay(g, merged, files[j].o);
		model_adopt(g, merged);
	}
	for (i = 0; i < nf; i++)
		free(files[i].set);
	free(files);
}

/* --- seccomp profile references -------------------------------------------- */

/*
 * The scanned profile files, indexed once so that each reference is a
 * binary search, not a walk over every profile (a run of N pods naming N
 * profiles stays O(N log N)).
 *   exact: each profile's path cleaned, without a leading '/' (so that an
 *          absolute reference compares as if relative);
 *   tails: each path as kept and every tail of it after a '/', for the
 *          "one profile whose path ends with the reference" rule.
 * Entries of one key keep file order, so the first file wins.
 */
struct profile_key {
	const char *key;
	size_t file;		/* index into kept: file order */
	const struct mobj *o;
	const char *path;	/* the profile's file, as kept */
};

struct profile_index {
	struct profile_key *exact, *tails;
	size_t nexact, ntails, cap_exact, cap_tails;
	char **owned;		/* the cleaned paths */
	size_t nowned;
};

static int profile_key_cmp(const void *pa, const void *pb)
{
	const struct profile_key *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	if (c)
		return c;
	return a->file < b->file ? -1 : a->file > b->file;
}

static void index_add(struct profile_key **v, size_t *n, size_t *cap,
		      struct profile_key k)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = k;
}

static void index_profile(struct profile_index *ix, size_t file,
			  const struct mobj *o, const char *path)
{
	struct profile_key k = { path, file, o, path };
	char *clean = xstrdup(path);
	const char *s;

	path_clean(clean);
	ix->owned[ix->nowned++] = clean;
	k.key = clean + (*clean == '/');
	index_add(&ix->exact, &ix->nexact, &ix->cap_exact, k);
	k.key = path;
	index_add(&ix->tails, &ix->ntails, &ix->cap_tails, k);
	for (s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
		k.key = s + 1;
		index_add(&ix->tails, &ix->ntails, &ix->cap_tails, k);
	}
}

static void profile_index_build(struct profile_index *ix,
				struct model *const *kept, size_t n)
{
	size_t i, j, count = 0;

	memset(ix, 0, sizeof(*ix));
	for (i = 0; i < n; i++)
		for (j = 0; kept[i] && j < kept[i]->n; j++)
			count += is_profile_file(kept[i]->objs[j]);
	ix->owned = xcalloc(count ? count : 1, sizeof(*ix->owned));
	for (i = 0; i < n; i++)
		for (j = 0; kept[i] && j < kept[i]->n; j++)
			if (is_profile_file(kept[i]->objs[j]))
				index_profile(ix, i, kept[i]->objs[j],
					      kept[i]->path);
	if (ix->nexact > 1)
		qsort(ix->exact, ix->nexact, sizeof(*ix->exact),
		      profile_key_cmp);
	if (ix->ntails > 1)
		qsort(ix->tails, ix->ntails, sizeof(*ix->tails),
		      profile_key_cmp);
}

static void profile_index_free(struct profile_index *ix)
{
	size_t i;

	for (i = 0; i < ix->nowned; i++)
		free(ix->owned[i]);
	free(ix->owned);
	free(ix->exact);
	free(ix->tails);
}

/* The first entry with `key` (and how many there are), or NULL. */
static const struct profile_key *index_find(const struct profile_key *v,
					    size_t n, const char *key,
					    size_t *count)
{
	size_t lo = str_lower_bound(v, 0, n, sizeof(*v),
				    offsetof(struct profile_key, key), key);
	size_t end;

	for (end = lo; end < n && !strcmp(v[end].key, key); end++)
		;
	*count = end - lo;
	return end > lo ? &v[lo] : NULL;
}

/*
 * The profile a reference written in file `from` names: the one at the
 * path relative to `from`'s directory (an absolute one as is), else the
 * one scanned profile whose path ends with the reference.
 */
static const struct mobj *find_profile(const struct profile_index *ix,
				       const char *from, const char *ref,
				       const char **found)
{
	char *dir = path_dir(from), *want;
	const struct profile_key *k;
	size_t count;

	want = ref[0] == '/' ? xstrdup(ref) : xasprintf("%s/%s", dir, ref);
	path_clean(want);
	k = index_find(ix->exact, ix->nexact, want + (*want == '/'), &count);
	if (!k) {
		k = index_find(ix->tails, ix->ntails, ref + (*ref == '/'),
			       &count);
		if (count != 1)
			k = NULL;
	}
	free(dir);
	free(want);
	if (!k)
		return NULL;
	*found = k->path;
	return k->o;
}

/* The slots a profile's facts go to, on a container or engine settings. */
struct ref_slots {
	int ref, found, file, def, dangerous;	/* def: -1 when none */
};

static const struct ref_slots container_slots = {
	CF_SECCOMP_PROFILE, CF_SECCOMP_PROFILE_FOUND, CF_SECCOMP_PROFILE_FILE,
	CF_SECCOMP_PROFILE_DEFAULT, CF_SECCOMP_PROFILE_DANGEROUS
};
static const struct ref_slots engine_slots = {
	EF_SECCOMP_PROFILE, EF_SECCOMP_PROFILE_FOUND, EF_SECCOMP_PROFILE_FILE,
	-1, EF_SECCOMP_PROFILE_DANGEROUS
};

/*
 * Resolve the profile `o` refers to and copy the facts rules need onto
 * it.  This is where a profile's derived facts meet the objects that use
 * it; a new fact is one more slot here.
 */
static void resolve_profile(struct model *g, struct mobj *o,
			    const struct ref_slots *s,
			    const struct profile_index *ix)
{
	const struct mval *ref = mobj_get(o, s->ref);
	const char *file = NULL;
	const char *path = ref->path ? ref->path : o->path;
	const struct mobj *p = find_profile(ix, path, ref->u.s, &file);
	const struct mval *v;
	struct mlist *l;
	size_t i;

	mobj_set_bool(o, s->found, p != NULL, ref->loc);
	mobj_slot(o, s->found)->path = path;
	if (!p)
		return;
	mobj_set_str(g, o, s->file, file, ref->loc);
	mobj_slot(o, s->file)->path = path;
	v = mobj_get(p, SPF_DEFAULT_ACTION);
	if (s->def >= 0 && v->type == MV_STR) {
		mobj_set_str(g, o, s->def, v->u.s, ref->loc);
		mobj_slot(o, s->def)->path = path;
	}
	v = mobj_get(p, SPF_DANGEROUS);
	l = mobj_list(g, o, s->dangerous, ref->loc);
	mobj_slot(o, s->dangerous)->path = path;
	for (i = 0; v->type == MV_LIST && i < v->u.list->n; i++)
		mlist_push_str(g, l, v->u.list->v[i].u.s, ref->loc);
}

/* Engine defaults that name a profile file. */
static bool engine_names_profile(const struct mobj *e)
{
	const struct mval *sp = mobj_get(e, EF_SECCOMP_PROFILE);

	return e->kind == MO_ENGINE_DEFAULTS && sp->type == MV_STR &&
	       strcmp(sp->u.s, "unconfined") && *sp->u.s;
}

/* Does `is` say yes to any object of the kept models? */
static bool any_kept(struct model *const *kept, size_t n,
		     bool (*is)(const struct mobj *o))
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; kept[i] && j < kept[i]->n; j++)
			if (is(kept[i]->objs[j]))
				return true;
	return false;
}

static bool may_name_profile(const struct mobj *o)
{
	return refers_to_profile(o) || engine_names_profile(o);
}

bool xref_may_name_profiles(struct model *const *kept, size_t n)
{
	return any_kept(kept, n, may_name_profile);
}

static void resolve_engine_profiles(struct model *g,
				    const struct profile_index *ix)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (engine_names_profile(g->objs[i]))
			resolve_profile(g, g->objs[i], &engine_slots, ix);
}

/*
 * Does anything name a profile file?  When nothing does, the profiles
 * are not indexed (a scan of many profiles and no pods).
 */
static bool profiles_named(const struct model *g, struct model *const *kept,
			   size_t n)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (engine_names_profile(g->objs[i]))
			return true;
	return any_kept(kept, n, refers_to_profile);
}

/* --- shared MCS levels ---------------------------------------------------- */

/* Names listed per container; a run where more share a level says "...". */
#define MCS_MAX_NAMED 8

struct level_user {
	struct mobj *o;
	struct model *m;	/* the kept model that owns it */
	const char *level;
	char *workload;		/* identity: file and object */
	char *name;		/* how a message names the workload */
	bool reports;		/* first of its workload at this place */
};

/* By level, then workload, then where the level is written. */
static int level_user_cmp(const void *pa, const void *pb)
{
	const struct level_user *a = pa, *b = pb;
	int c = strcmp(a->level, b->level);

	if (!c)
		c = strcmp(a->workload, b->workload);
	if (!c)
		c = loc_cmp(mobj_get(a->o, CF_SELINUX_LEVEL)->loc,
			    mobj_get(b->o, CF_SELINUX_LEVEL)->loc);
	return c;
}

static bool same_place(const struct level_user *a, const struct level_user *b)
{
	return !level_user_cmp(a, b);
}

/*
 * Name, on u[k], the other workloads of its group u[from, to) (sorted):
 * `distinct` holds the index of each workload's first entry in the
 * group.  At most MCS_MAX_NAMED names and "...", so each container
 * costs a constant, however many share the level.
 */
static void name_sharers(struct level_user *u, size_t k,
			 const size_t *distinct, size_t ndistinct)
{
	const struct mval *lv = mobj_get(u[k].o, CF_SELINUX_LEVEL);
	struct mlist *l = NULL;
	size_t d, named = 0;

	for (d = 0; d < ndistinct && named <= MCS_MAX_NAMED; d++) {
		const struct level_user *other = &u[distinct[d]];

		if (!strcmp(other->workload, u[k].workload))
			continue;
		if (!l)
			l = mobj_list(u[k].m, u[k].o, CF_SELINUX_LEVEL_SHARED,
				      lv->loc);
		mlist_push_str(u[k].m, l, named < MCS_MAX_NAMED ?
			       other->name : "...", lv->loc);
		named++;
	}
	if (l)
		mobj_slot(u[k].o, CF_SELINUX_LEVEL_SHARED)->path =
			lv->path;
}

static void describe_workload(struct level_user *u, const char *path)
{
	const struct mval *kind = mobj_get(u->o, CF_WORKLOAD_KIND);
	const struct mval *name = mobj_get(u->o, CF_WORKLOAD_NAME);
	const struct mval *ns = mobj_get(u->o, CF_WORKLOAD_NAMESPACE);
	const struct mval *lv = mobj_get(u->o, CF_SELINUX_LEVEL);

	if (kind->type == MV_STR && name->type == MV_STR) {
		u->workload = xasprintf("%s\n%s\n%s\n%s", path, kind->u.s,
					ns->type == MV_STR ? ns->u.s : "",
					name->u.s);
		u->name = xasprintf("%s \"%s\" (%s)", kind->u.s, name->u.s,
				    path);
	} else {
		u->workload = xasprintf("%s\n%s", path, u->o->origin);
		u->name = xasprintf("%s (%s)", u->o->origin, path);
	}
	u->level = lv->u.s;
}

/* Tell each workload that pins a level which others pin the same. */
static void share_levels(struct model *g, struct model *const *kept,
			 size_t n)
{
	struct level_user *u = NULL;
	size_t nu = 0, cap = 0, i, j, k, *distinct;

	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			struct mobj *o = kept[i]->objs[j];

			if (!pins_mcs_level(o))
				continue;
			u = xgrow(u, &cap, nu + 1, sizeof(*u));
			memset(&u[nu], 0, sizeof(*u));
			u[nu].o = o;
			u[nu].m = kept[i];
			describe_workload(&u[nu], kept[i]->path);
			nu++;
			if (!refers_to_profile(o))
				model_adopt(g, o);
		}
	}
	if (nu > 1)
		qsort(u, nu, sizeof(*u), level_user_cmp);
	/* One finding per workload and place the level is written. */
	for (i = 0; i < nu; i++)
		u[i].reports = !i || !same_place(&u[i - 1], &u[i]);
	distinct = xcalloc(nu ? nu : 1, sizeof(*distinct));
	for (i = 0; i < nu; i = j) {
		size_t nd = 0;

		for (j = i; j < nu && !strcmp(u[j].level, u[i].level); j++)
			if (j == i || strcmp(u[j].workload, u[j - 1].workload))
				distinct[nd++] = j;
		for (k = i; k < j; k++)
			if (u[k].reports)
				name_sharers(u, k, distinct, nd);
	}
	free(distinct);
	for (i = 0; i < nu; i++) {
		free(u[i].workload);
		free(u[i].name);
	}
	free(u);
}

/* --- Podman's userns default ------------------------------------------- */

/*
 * The userns of the merged containers.conf sets, the first set (in path
 * order) that says one; NULL when none does.
 */
static const struct mval *engine_userns(const struct model *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct mval *u = mobj_get(g->objs[i], EF_USERNS);

		if (g->objs[i]->kind == MO_ENGINE_DEFAULTS &&
		    u->type == MV_STR)
			return u;
	}
	return NULL;
}

/*
 * Give each Podman container that leaves its user namespace to the
 * engine the scanned default (where it was written), and hand it to the
 * cross-file rules (once: a container kept for a profile or an MCS level
 * is handed over there).
 */
static void apply_engine_userns(struct model *g, struct model *const *kept,
				size_t n)
{
	const struct mval *u = engine_userns(g);
	size_t i, j;
	bool set;

	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			struct mobj *o = kept[i]->objs[j];

			if (!takes_engine_userns(o))
				continue;
			set = mobj_get(o, CF_HOST_USERS)->type != MV_UNSET;
			if (u && !set) {
				mobj_set_str(kept[i], o, CF_ENGINE_USERNS,
					     u->u.s, u->loc);
				mobj_slot(o, CF_ENGINE_USERNS)->path = u->path;
			}
			if (!refers_to_profile(o) && !pins_mcs_level(o))
				model_adopt(g, o);
		}
	}
}

struct model *xref_resolve(struct model *const *kept, size_t n)
{
	struct model *g = model_new(NULL);
	struct profile_index ix;
	size_t i, j;

	merge_conf_sets(g, kept, n);
	apply_engine_userns(g, kept, n);
	xref_nodes_resolve(g, kept, n);
	if (profiles_named(g, kept, n))
		profile_index_build(&ix, kept, n);
	else
		memset(&ix, 0, sizeof(ix));
	resolve_engine_profiles(g, &ix);
	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			struct mobj *o = kept[i]->objs[j];

			/* each container once: share_levels adopts these */
			if (!refers_to_profile(o)) {
				if (xref_nodes_adopts(o) && !pins_mcs_level(o))
					model_adopt(g, o);
				continue;
			}
			resolve_profile(kept[i], o, &container_slots, &ix);
			model_adopt(g, o);
		}
	}
	profile_index_free(&ix);
	share_levels(g, kept, n);
	return g;
}
