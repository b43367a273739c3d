/*
 * effective_caps.c - capabilities as the runtimes compute them.
 *
 * A container is judged for the runtimes it may run on: --runtime, else
 * the one its file names (the engine of a run line), else every runtime
 * its format runs on (Kubernetes: containerd and CRI-O; Compose: Docker
 * and Podman).  Each runtime reads the names as written its own way
 * (model_cap_resolve) and combines defaults, ALL, adds and drops in its
 * own order:
 *
 *   docker, podman,  add ALL: every capability but the drops; else drop
 *   nerdctl          ALL: the adds only; else defaults - drops + adds
 *                    (moby's TweakCapabilities, containers/common's
 *                    MergeCapabilities, nerdctl's generateCapOpts);
 *   containerd       defaults, or every one after add ALL, or none after
 *                    drop ALL (drop ALL last), then + adds, then - drops
 *                    (WithCapabilities in the CRI plugin);
 *   cri-o            the same (setupCapabilities).
 *
 * Privileged is every capability everywhere.  The effective set is what
 * any of the runtimes grants (the worst case); the add list keeps what any
 * of them grants, the drop list what all of them drop; the defaults kept
 * are those some runtime does not drop.  Names some runtime ignores or
 * refuses are listed in capabilities.ineffective.
 *
 * Formats that write names the runtime takes as they are (OCI configs,
 * Dockerfiles) are computed once, for their runtime, with Docker's order.
 */
#include "model/effective_caps.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/caps.h"

/* At most this many runtimes are judged at once (see candidates()). */
#define CAPS_MAX_RUNTIMES 2
/* capabilities(7) knows 41; room for the kernel to grow. */
#define CAPS_MAX 64

/* One runtime's reading of a container's lists. */
struct reading {
	bool add_all, drop_all;
	bool add[CAPS_MAX], drop[CAPS_MAX];
	bool eff[CAPS_MAX], kept[CAPS_MAX];
	/* its default capabilities, as indexes, in its list's order */
	size_t defaults[CAPS_MAX], ndefaults;
};

/*
 * The runtimes the container is judged for, into out; returns how many.
 * *named_as_written: the lists hold names as written (to be resolved).
 */
static size_t candidates(const struct mobj *c, const char *runtime,
			 const char **out, bool *as_written)
{
	const struct mval *fmt = mobj_get(c, CF_FORMAT);
	const char *f = fmt->type == MV_STR ? fmt->u.s : "";

	*as_written = !strcmp(f, "kubernetes") || !strcmp(f, "compose") ||
		      !strcmp(f, "docker-run") || !strcmp(f, "quadlet");
	if (runtime || !*as_written) {
		out[0] = runtime;
		return 1;
	}
	out[0] = strcmp(f, "kubernetes") ? "docker" : "containerd";
	out[1] = strcmp(f, "kubernetes") ? "podman" : "cri-o";
	return 2;
}

/*
 * The names come from the capability tables (the linker keeps one copy
 * of each literal), so the same pointer is tried before the same text.
 */
static size_t cap_index(const char *name)
{
	size_t i, n;
	const char *const *all = model_all_caps(&n);

	for (i = 0; i < n; i++)
		if (all[i] == name)
			return i;
	for (i = 0; i < n && strcmp(all[i], name); i++)
		;
	return i;
}

/* Does the runtime apply drops after ALL and adds (CRI) or not (engines)? */
static bool cri_order(const char *rt)
{
	return rt && (!strcmp(rt, "containerd") || !strcmp(rt, "cri-o"));
}

/* Read one list under runtime rt into flags (an index per capability). */
static void read_list(const struct mobj *c, int slot, bool add,
		      const char *rt, bool *flags, bool *all)
{
	const struct mval *v = mobj_get(c, slot);
	size_t i;

	for (i = 0; v->type == MV_LIST && i < v->u.list->n; i++) {
		const char *name;
		enum cap_effect e = model_cap_resolve(rt ? rt : "docker",
						      v->u.list->v[i].u.s,
						      add, &name);

		if (e == CAP_EFFECT_ALL)
			*all = true;
		else if (e == CAP_EFFECT_NAMED)
			flags[cap_index(name)] = true;
	}
}

/* What runtime rt makes of the container's settings. */
static void compute(const struct mobj *c, const char *rt, struct reading *r)
{
	const struct mval *priv = mobj_get(c, CF_PRIVILEGED);
	const char *const *defaults = model_default_caps(rt);
	bool base[CAPS_MAX] = { false };
	bool cri = cri_order(rt);
	size_t i, n;

	model_all_caps(&n);
	memset(r, 0, sizeof(*r));
	read_list(c, CF_CAP_ADD, true, rt, r->add, &r->add_all);
	read_list(c, CF_CAP_DROP, false, rt, r->drop, &r->drop_all);
	for (i = 0; i < CAPS_MAX && defaults[i]; i++) {
		r->defaults[i] = cap_index(defaults[i]);
		assert(r->defaults[i] < n);	/* a default is a capability */
		base[r->defaults[i]] = true;
	}
	r->ndefaults = i;
	for (i = 0; i < n; i++) {
		bool dropped = r->drop[i] || r->drop_all;

		r->kept[i] = base[i] && !dropped;
		if (cri)
			r->eff[i] = ((r->drop_all ? false : r->add_all ||
				      base[i]) || r->add[i]) && !r->drop[i];
		else if (r->add_all)
			r->eff[i] = !r->drop[i];
		else if (r->drop_all)
			r->eff[i] = r->add[i];
		else
			r->eff[i] = (base[i] && !r->drop[i]) || r->add[i];
		if (priv->type == MV_BOOL && priv->u.b)
			r->eff[i] = true;
	}
}

/* Append "rt ignores it" / "rt refuses ..." for runtimes that do not honour
 * the name. */
static void say_effects(struct strbuf *sb, const char *const *rts,
			const enum cap_effect *eff, size_t n)
{
	size_t i;
	bool first = true;

	for (i = 0; i < n; i++) {
		if (eff[i] != CAP_EFFECT_NONE && eff[i] != CAP_EFFECT_REFUSED)
			continue;
		sb_addf(sb, "%s%s %s", first ? "" : "; ", rts[i],
			eff[i] == CAP_EFFECT_NONE ? "ignores it" :
			"refuses to start the container");
		first = false;
	}
}

/*
 * Rewrite one add or drop list, as written, into what the runtimes make
 * of it: an add stays where any runtime grants it, a drop where all honour
 * it.  A name that some runtime ignores or refuses goes to
 * capabilities.ineffective.
 */
static void resolve_list(struct model *m, struct mobj *c, int slot, bool add,
			 const char *const *rts, size_t nrt)
{
	const struct mval *v = mobj_get(c, slot);
	struct mlist *l = v->type == MV_LIST ? v->u.list : NULL;
	size_t i, j, k = 0;

	for (i = 0; l && i < l->n; i++) {
		enum cap_effect eff[CAPS_MAX_RUNTIMES];
		const char *name, *got = NULL;
		size_t honoured = 0;

		for (j = 0; j < nrt; j++) {
			eff[j] = model_cap_resolve(rts[j] ? rts[j] : "docker",
						   l->v[i].u.s, add, &name);
			if (eff[j] == CAP_EFFECT_ALL)
				name = "ALL";
			if (name) {
				got = got && !strcmp(got, "ALL") ? got : name;
				honoured++;
			}
		}
		if (honoured < nrt) {
			struct strbuf sb = STRBUF_INIT;
			struct mlist *bad;

			sb_addf(&sb, "%s \"%s\" (", add ? "add" : "drop",
				l->v[i].u.s);
			say_effects(&sb, rts, eff, nrt);
			sb_addc(&sb, ')');
			bad = mobj_list(m, c, CF_CAP_INEFFECTIVE, l->v[i].loc);

			mlist_push_str(m, bad, sb.buf, l->v[i].loc);
			/* in the file that wrote the name (a merged one) */
			bad->v[bad->n - 1].path = l->v[i].path;
			sb_free(&sb);
		}
		if (got && (add || honoured == nrt)) {
			l->v[k] = l->v[i];
			l->v[k++].u.s = got;
		}
	}
	if (l)
		l->n = k;
}

static bool effective_in_any(const struct reading *r, size_t nrt, size_t i)
{
	size_t j;

	for (j = 0; j < nrt; j++)
		if (r[j].eff[i])
			return true;
	return false;
}

/*
 * The set lists: defaults (of the first runtime), effective, kept.  The
 * names are the capability tables' own strings (no copies), and each list
 * is sized once: a file of thousands of containers holds these sets for
 * each of them.
 */
static void fill_sets(struct model *m, struct mobj *c,
		      const struct reading *r, size_t nrt)
{
	const struct mval *add = mobj_get(c, CF_CAP_ADD);
	struct loc where = loc_known(add->loc) ? add->loc : c->loc;
	struct mlist *def = mobj_list(m, c, CF_CAP_DEFAULT, c->loc);
	struct mlist *eff = mobj_list(m, c, CF_CAP_EFFECTIVE, where);
	struct mlist *kept = mobj_list(m, c, CF_CAP_KEPT_DEFAULT, c->loc);
	size_t i, j, n, count = 0;
	const char *const *all = model_all_caps(&n);
	bool listed[CAPS_MAX] = { false };

	mlist_reserve(m, def, r[0].ndefaults);
	for (i = 0; i < r[0].ndefaults; i++)
		mlist_push_static(m, def, all[r[0].defaults[i]], c->loc);
	for (i = 0, count = 0; i < n; i++)
		count += effective_in_any(r, nrt, i);
	mlist_reserve(m, eff, count);
	for (i = 0; i < n; i++)
		if (effective_in_any(r, nrt, i))
			mlist_push_static(m, eff, all[i], where);
	/* kept: in the order of each runtime's default list */
	for (j = 0; j < nrt; j++) {
		for (i = 0; i < r[j].ndefaults; i++) {
			size_t k = r[j].defaults[i];

			if (r[j].kept[k] && !listed[k]) {
				listed[k] = true;
				mlist_push_static(m, kept, all[k], c->loc);
			}
		}
	}
}

void effective_caps_derive(struct model *m, struct mobj *c,
			   const char *runtime)
{
	const char *rts[CAPS_MAX_RUNTIMES];
	struct reading r[CAPS_MAX_RUNTIMES];
	bool as_written;
	size_t nrt = candidates(c, runtime, rts, &as_written), i;

	for (i = 0; i < nrt; i++)
		compute(c, rts[i], &r[i]);
	fill_sets(m, c, r, nrt);
	if (as_written) {
		resolve_list(m, c, CF_CAP_ADD, true, rts, nrt);
		resolve_list(m, c, CF_CAP_DROP, false, rts, nrt);
	}
}
