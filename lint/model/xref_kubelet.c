/*
 * xref_kubelet.c - the kubelet's settings as the kubelet ends up with
 * them: its config file, with the command-line flags over it.
 *
 * Precedence: a flag that sets what the config file also sets wins (the
 * Kubernetes documentation, "Set Kubelet Parameters Via A Configuration
 * File": command-line flags which target the same value as a config
 * file override that value).  Among flags, the last one given wins, and
 * a list flag given again adds to the list.
 *
 * The flags of one scan are taken as one kubelet's command line, in the
 * order kubeadm's unit expands them: the words of the `kubelet` command
 * itself, then $KUBELET_KUBECONFIG_ARGS, $KUBELET_CONFIG_ARGS,
 * $KUBELET_KUBEADM_ARGS (kubeadm-flags.env), $KUBELET_EXTRA_ARGS
 * (/etc/default/kubelet, /etc/sysconfig/kubelet), then other
 * KUBELET_*ARGS; files of one rank in path order.  Variables are not
 * expanded: a variable that no unit's command line names still counts.
 *
 * The config file is the scanned KubeletConfiguration whose path and
 * the --config value end alike (one is the other with directories in
 * front: /var/lib/kubelet/config.yaml and node/var/lib/kubelet/...).
 * Flags that name no --config but may take one from a variable (only
 * environment files, or a command line with $WORDS) go over every
 * scanned config file: the scan is taken as one node, as for the pods.
 * Two default sets (kubelet's applyLegacyDefaults): with no config file
 * the command line's legacy defaults apply (anonymous requests on,
 * webhook authentication off, AlwaysAllow, read-only port 10255); they
 * are filled in here only for a command line that is whole (no --config,
 * no variable words).  Flags whose config file is not scanned, or may
 * be named in a variable, are marked config_unknown: rules do not judge
 * what they leave unset.
 */
#include "model/xref_kubelet.h"

#include <stdlib.h>
#include <string.h>

/* The fields flags set, and what they override in the config file. */
static const int flag_slots[] = {
	KF_ANONYMOUS, KF_WEBHOOK_AUTHN, KF_AUTHZ_MODE, KF_READ_ONLY_PORT,
	KF_UNSAFE_SYSCTLS, KF_PROTECT_KERNEL, KF_SECCOMP_DEFAULT,
	KF_CONFIG_PATH,
};

struct member {
	const struct mobj *o;
	int rank;
	size_t seq;
};

struct flag_set {
	struct mobj *f;		/* the flags together, in g */
	bool has_command;	/* a `kubelet` command line is among them */
	bool open;		/* a command line takes words from $VARS */
};

static const char *source_of(const struct mobj *o)
{
	const struct mval *s = mobj_get(o, KF_SOURCE);

	return s->type == MV_STR ? s->u.s : NULL;
}

static int rank_of(const char *source)
{
	static const char *const order[] = {
		"command line", "KUBELET_KUBECONFIG_ARGS",
		"KUBELET_CONFIG_ARGS", "KUBELET_KUBEADM_ARGS",
		"KUBELET_EXTRA_ARGS", NULL
	};
	int i;

	for (i = 0; order[i]; i++)
		if (!strcmp(order[i], source))
			return i;
	return i;
}

static int member_cmp(const void *pa, const void *pb)
{
	const struct member *a = pa, *b = pb;
	int c;

	if (a->rank != b->rank)
		return a->rank - b->rank;
	c = strcmp(a->o->path, b->o->path);
	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* --- the flags together ------------------------------------------------- */

static void note_file(struct model *g, struct mobj *o, const char *path,
		      struct loc at)
{
	struct mlist *files = mobj_list(g, o, KF_FILES, at);

	if (mlist_has_str(files, path))
		return;
	mlist_push_str(g, files, path, at);
	files->v[files->n - 1].path = path;
}

/* A later list flag adds to the list the earlier ones made. */
static void add_items(struct model *g, struct mobj *dst,
		      const struct mval *v)
{
	struct mlist *l = mobj_list(g, dst, KF_UNSAFE_SYSCTLS, v->loc);
	size_t i;

	if (!dst->f[KF_UNSAFE_SYSCTLS].path)
		mobj_slot(dst, KF_UNSAFE_SYSCTLS)->path = v->path;

	for (i = 0; i < v->u.list->n; i++) {
		mlist_push_str(g, l, v->u.list->v[i].u.s, v->u.list->v[i].loc);
		l->v[l->n - 1].path = v->u.list->v[i].path;
	}
}

/* The file each value of `o` came from, kept on its copy `c`. */
static void keep_paths(struct mobj *c, const struct mobj *o, int s)
{
	const struct mval *from = &o->f[s];
	size_t i;

	if (from->path)
		mobj_slot(c, s)->path = from->path;
	for (i = 0; from->type == MV_LIST && i < from->u.list->n; i++)
		if (from->u.list->v[i].path)
			c->f[s].u.list->v[i].path = from->u.list->v[i].path;
}

/* Member `o`'s flags over `dst`; lists add up when `add_lists`. */
static void over(struct model *g, struct mobj *dst, const struct mobj *o,
		 bool add_lists)
{
	struct mobj *copy = mobj_clone(g, o, o->path);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flag_slots); i++) {
		int s = flag_slots[i];

		if (copy->f[s].type == MV_UNSET)
			continue;
		keep_paths(copy, o, s);
		if (s == KF_UNSAFE_SYSCTLS && add_lists)
			add_items(g, dst, &copy->f[s]);
		else
			dst->f[s] = copy->f[s];
	}
	note_file(g, dst, o->path, o->loc);
}

static void take_member(struct model *g, struct flag_set *fs,
			const struct mobj *o)
{
	const struct mval *ex = mobj_get(o, KF_EXPANDS);
	const char *src = source_of(o);

	if (!fs->f) {
		fs->f = model_sub(g, MO_KUBELET, o->loc);
		fs->f->origin = arena_strdup(g->arena, "kubelet flags");
		fs->f->path = o->path;
		fs->f->share = o->share;
		mobj_set_str(g, fs->f, KF_SOURCE, src, o->loc);
		mobj_slot(fs->f, KF_SOURCE)->path = o->path;
	}
	if (!strcmp(src, "command line")) {
		fs->has_command = true;
		fs->open |= ex->type == MV_BOOL && ex->u.b;
	}
	over(g, fs->f, o, true);
}

/* --- flags and config file ---------------------------------------------- */

static const char *skip_dot_slash(const char *p)
{
	while (*p == '/' || (p[0] == '.' && p[1] == '/'))
		p++;
	return p;
}

/* Does `b` end with `a`, at the start of a path component? */
static bool ends_with_component(const char *b, const char *a)
{
	size_t na = strlen(a), nb = strlen(b);

	return na && nb >= na && !strcmp(b + nb - na, a) &&
	       (nb == na || b[nb - na - 1] == '/');
}

static bool names_file(const char *config, const char *path)
{
	const char *a = skip_dot_slash(config), *b = skip_dot_slash(path);

	return ends_with_component(a, b) || ends_with_component(b, a);
}

/* The command line's own defaults where nothing said otherwise. */
static void legacy_defaults(struct mobj *f)
{
	if (f->f[KF_ANONYMOUS].type == MV_UNSET)
		mobj_set_bool(f, KF_ANONYMOUS, true, f->loc);
	if (f->f[KF_WEBHOOK_AUTHN].type == MV_UNSET)
		mobj_set_bool(f, KF_WEBHOOK_AUTHN, false, f->loc);
	if (f->f[KF_READ_ONLY_PORT].type == MV_UNSET)
		mobj_set_int(f, KF_READ_ONLY_PORT, 10255, f->loc);
}

/* A command line with no --config and no words from variables. */
static bool whole(const struct flag_set *fs)
{
	return fs->has_command && !fs->open &&
	       fs->f->f[KF_CONFIG_PATH].type == MV_UNSET;
}

/*
 * Do the flags apply to config file `c`: --config names it, or the flags
 * name none where one may hide in a variable (the scan is one node).
 */
static bool flags_apply(const struct flag_set *fs, const struct mobj *c)
{
	const struct mval *cp;

	if (!fs->f)
		return false;
	cp = mobj_get(fs->f, KF_CONFIG_PATH);
	if (cp->type == MV_STR)
		return names_file(cp->u.s, c->path);
	return !whole(fs);
}

static void flags_alone(struct model *g, struct flag_set *fs)
{
	if (whole(fs)) {
		legacy_defaults(fs->f);
		if (fs->f->f[KF_AUTHZ_MODE].type == MV_UNSET)
			mobj_set_str(g, fs->f, KF_AUTHZ_MODE, "AlwaysAllow",
				     fs->f->loc);
	} else {
		mobj_set_bool(fs->f, KF_CONFIG_UNKNOWN, true, fs->f->loc);
	}
	model_adopt(g, fs->f);
}

/* A config file, with the flags over it when they apply to it. */
static bool config_out(struct model *g, const struct mobj *c,
		       const struct flag_set *fs)
{
	struct mobj *m = mobj_clone(g, c, c->path);
	bool named = flags_apply(fs, c);

	if (named) {
		const struct mlist *files = fs->f->f[KF_FILES].u.list;
		size_t i;

		m->origin = arena_strdup(g->arena, "kubelet config and flags");
		over(g, m, fs->f, false);
		/* the config file first, then the flags' files */
		m->f[KF_FILES].u.list->n = 0;
		note_file(g, m, c->path, c->loc);
		for (i = 0; i < files->n; i++)
			note_file(g, m, files->v[i].u.s, files->v[i].loc);
	}
	model_adopt(g, m);
	return named;
}

void xref_kubelet_merge(struct model *g, struct model *const *kept,
			size_t n)
{
	struct member *mem = NULL;
	struct flag_set fs = { NULL, false, false };
	size_t nm = 0, cap = 0, i, j;
	bool used = false;

	for (i = 0; i < n; i++) {
		for (j = 0; kept[i] && j < kept[i]->n; j++) {
			const struct mobj *o = kept[i]->objs[j];

			if (o->kind != MO_KUBELET || !source_of(o))
				continue;
			mem = xgrow(mem, &cap, nm + 1, sizeof(*mem));
			mem[nm].o = o;
			mem[nm].rank = rank_of(source_of(o));
			mem[nm].seq = nm;
			nm++;
		}
	}
	if (nm > 1)
		qsort(mem, nm, sizeof(*mem), member_cmp);
	for (i = 0; i < nm; i++)
		take_member(g, &fs, mem[i].o);
	free(mem);
	for (i = 0; i < n; i++)
		for (j = 0; kept[i] && j < kept[i]->n; j++)
			if (kept[i]->objs[j]->kind == MO_KUBELET &&
			    !source_of(kept[i]->objs[j]))
				used |= config_out(g, kept[i]->objs[j], &fs);
	if (fs.f && !used)
		flags_alone(g, &fs);
}
