/*
 * seccomp.c - seccomp profiles (Docker, Podman and OCI-embedded format)
 * into seccomp_profile objects.
 *
 * What it reads: defaultAction, defaultErrnoRet and Podman's defaultErrno,
 * architectures and archMap (with subArchitectures), syscalls (names and
 * the legacy name, action, errnoRet / errno, args, includes / excludes
 * with caps, arches, minKernel), flags, listenerPath.  Keys no runtime
 * reads are recorded, because a misspelled key is silently ignored.
 *
 * What it does not: decide what the filter lets through (seccomp_facts.c
 * derives that) or judge it (rules CG5xx).
 */
#include "front/front.h"
#include "front/seccomp_front.h"
#include "model/seccomp_facts.h"

#include <stdlib.h>
#include <string.h>

/* A profile with more rules is no profile; bounds the quadratic checks. */
#define SECCOMP_MAX_RULES 4096

static const char *const profile_keys[] = {
	"defaultAction", "defaultErrnoRet", "defaultErrno", "architectures",
	"archMap", "syscalls", "flags", "listenerPath", "listenerMetadata",
	NULL
};
static const char *const rule_keys[] = {
	"names", "name", "action", "errnoRet", "errno", "args", "comment",
	"includes", "excludes", NULL
};
static const char *const filter_keys[] = {
	"caps", "arches", "minKernel", NULL
};

/* Errno names Podman writes (defaultErrno / errno) that matter here. */
static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "EPERM", 1 }, { "ENOENT", 2 }, { "EACCES", 13 }, { "EINVAL", 22 },
	{ "ENOSYS", 38 },
};

static bool seccomp_detect(const struct tree_node *doc)
{
	return tree_is_map(doc) && tree_text(tree_get(doc, "defaultAction")) &&
	       !tree_get(doc, "ociVersion") && !tree_get(doc, "kind");
}

static int errno_value(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errnos); i++)
		if (!strcmp(errnos[i].name, name))
			return errnos[i].value;
	return -1;
}

/* errnoRet (a number) or Podman's errno (a name) into `slot`. */
static void read_errno(struct front_ctx *fc, struct mobj *o, int slot,
		       const struct tree_node *map, const char *num_key,
		       const char *name_key)
{
	const char *name;
	struct loc loc;
	int64_t v;

	if (front_get_int(fc, map, num_key, &v, &loc) > 0) {
		mobj_set_int(o, slot, v, loc);
		return;
	}
	if (front_get_str(fc, map, name_key, &name, &loc) > 0 &&
	    errno_value(name) >= 0)
		mobj_set_int(o, slot, errno_value(name), loc);
}

static void read_filter(struct front_ctx *fc, struct mobj *p, struct mobj *r,
			const struct tree_node *rule, const char *key,
			int caps_slot, int arches_slot)
{
	const struct tree_node *f;
	const char *mk;
	struct loc loc;

	if (front_get_map(fc, rule, key, &f) <= 0)
		return;
	front_str_list(fc, r, caps_slot, f, "caps");
	front_str_list(fc, r, arches_slot, f, "arches");
	if (!strcmp(key, "includes") &&
	    front_get_str(fc, f, "minKernel", &mk, &loc) > 0)
		mobj_set_str(fc->model, r, SRF_MIN_KERNEL, mk, loc);
	front_unknown_keys(fc, p, SPF_UNKNOWN_KEYS, f, filter_keys, key);
}

static void read_rule(struct front_ctx *fc, struct mobj *p, struct mlist *rl,
		      const struct tree_node *rule)
{
	struct mobj *r = model_sub(fc->model, MO_SECCOMP_RULE, rule->loc);
	const struct tree_pair *name = tree_get_pair(rule, "name");
	const struct tree_node *args;
	const char *s;
	struct loc loc;

	r->origin = p->origin;
	front_str_list(fc, r, SRF_NAMES, rule, "names");
	if (name && front_get_str(fc, rule, "name", &s, &loc) > 0) {
		struct mlist *n = mobj_list(fc->model, r, SRF_NAMES, loc);

		mlist_push_str(fc->model, n, s, name->value->loc);
		if (tree_get(rule, "names"))
			mobj_set_bool(r, SRF_NAME_AND_NAMES, true,
				      front_pair_loc(name));
	}
	if (front_get_str(fc, rule, "action", &s, &loc) > 0)
		mobj_set_str(fc->model, r, SRF_ACTION, s,
			     tree_get(rule, "action")->loc);
	read_errno(fc, r, SRF_ERRNO, rule, "errnoRet", "errno");
	if (front_get_list(fc, rule, "args", &args) > 0 && args->u.list.n)
		mobj_set_bool(r, SRF_HAS_ARGS, true, args->loc);
	read_filter(fc, p, r, rule, "includes", SRF_INCLUDES_CAPS,
		    SRF_INCLUDES_ARCHES);
	read_filter(fc, p, r, rule, "excludes", SRF_EXCLUDES_CAPS,
		    SRF_EXCLUDES_ARCHES);
	front_unknown_keys(fc, p, SPF_UNKNOWN_KEYS, rule, rule_keys, "");
	mlist_push_obj(fc->model, rl, r);
}

/*
 * runc refuses a profile that names an architecture it does not know
 * (crun as well): the container does not start, and a profile that does
 * not load tends to be "fixed" by running unconfined.
 */
static void check_arch(struct front_ctx *fc, const struct tree_node *a)
{
	if (tree_is_scalar(a) && !seccomp_arch_known(a->u.s.text))
		diag_add(fc->diags, fc->src->path, a->loc, DIAG_ERROR,
			 "unknown architecture \"%s\": runc refuses the "
			 "profile (SCMP_ARCH_X86_64, SCMP_ARCH_AARCH64, ... "
			 "are known)", a->u.s.text);
}

static void check_arches(struct front_ctx *fc, const struct tree_node *list)
{
	size_t i;

	for (i = 0; tree_is_list(list) && i < list->u.list.n; i++)
		check_arch(fc, list->u.list.items[i]);
}

/* architectures, or archMap's architecture and subArchitectures. */
static void read_arches(struct front_ctx *fc, struct mobj *p,
			const struct tree_node *doc)
{
	const struct tree_node *map;
	struct mlist *out;
	size_t i;

	front_str_list(fc, p, SPF_ARCHES, doc, "architectures");
	check_arches(fc, tree_get(doc, "architectures"));
	if (front_get_list(fc, doc, "archMap", &map) <= 0)
		return;
	out = mobj_list(fc->model, p, SPF_ARCHES, map->loc);
	for (i = 0; i < map->u.list.n; i++) {
		const struct tree_node *e = map->u.list.items[i];
		const struct tree_node *a = tree_get(e, "architecture");
		const struct tree_node *subs = tree_get(e, "subArchitectures");
		size_t j;

		check_arch(fc, a);
		check_arches(fc, subs);
		if (tree_is_scalar(a))
			mlist_push_str(fc->model, out, a->u.s.text, a->loc);
		for (j = 0; tree_is_list(subs) && j < subs->u.list.n; j++)
			if (tree_is_scalar(subs->u.list.items[j]))
				mlist_push_str(fc->model, out,
					       subs->u.list.items[j]->u.s.text,
					       subs->u.list.items[j]->loc);
	}
}

struct mobj *seccomp_read_profile(struct front_ctx *fc,
				  const struct tree_node *doc,
				  const char *origin, const char *format)
{
	struct mobj *p = model_add(fc->model, MO_SECCOMP_PROFILE, origin,
				   doc->loc);
	const struct tree_pair *da = tree_get_pair(doc, "defaultAction");
	const struct tree_node *rules;
	struct mlist *rl;
	const char *s;
	struct loc loc;
	size_t i;

	mobj_set_str(fc->model, p, SPF_FORMAT, format, doc->loc);
	if (front_get_str(fc, doc, "defaultAction", &s, &loc) > 0)
		mobj_set_str(fc->model, p, SPF_DEFAULT_ACTION, s,
			     da->value->loc);
	read_errno(fc, p, SPF_DEFAULT_ERRNO, doc, "defaultErrnoRet",
		   "defaultErrno");
	read_arches(fc, p, doc);
	if (front_get_str(fc, doc, "listenerPath", &s, &loc) > 0)
		mobj_set_str(fc->model, p, SPF_LISTENER_PATH, s, loc);
	front_unknown_keys(fc, p, SPF_UNKNOWN_KEYS, doc, profile_keys, "");
	if (front_get_list(fc, doc, "syscalls", &rules) <= 0)
		return p;
	rl = mobj_list(fc->model, p, SPF_RULES, rules->loc);
	for (i = 0; i < rules->u.list.n && i < SECCOMP_MAX_RULES; i++) {
		const struct tree_node *r = rules->u.list.items[i];

		if (!tree_is_map(r)) {
			diag_add(fc->diags, fc->src->path, r->loc, DIAG_ERROR,
				 "syscalls entries must be maps");
			continue;
		}
		read_rule(fc, p, rl, r);
	}
	if (rules->u.list.n > SECCOMP_MAX_RULES)
		diag_add(fc->diags, fc->src->path, rules->loc, DIAG_ERROR,
			 "more than %d syscalls rules; the rest is not read",
			 SECCOMP_MAX_RULES);
	return p;
}

static void seccomp_build(struct front_ctx *fc, const struct tree_node *doc)
{
	struct mobj *p;

	if (!tree_is_map(doc)) {
		diag_add(fc->diags, fc->src->path, doc->loc, DIAG_ERROR,
			 "a seccomp profile is a JSON object");
		return;
	}
	p = seccomp_read_profile(fc, doc, "the seccomp profile", "seccomp");
	/* A profile file of its own: containers elsewhere may name it. */
	p->share |= MOBJ_SHARE_PROFILE_FILE;
}

const struct front front_seccomp = {
	.name = "seccomp",
	.summary = "seccomp profiles (Docker, Podman, OCI format)",
	.detect = seccomp_detect,
	.build = seccomp_build,
};
