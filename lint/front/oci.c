/*
 * oci.c - OCI runtime config.json into a container object (and, when it
 * embeds one, a seccomp_profile object).
 *
 * What it reads: the five capability sets, linux.seccomp, noNewPrivileges,
 * apparmorProfile, selinuxLabel, linux.namespaces (a missing namespace, or
 * one joined by path to /proc/1/ns/..., is the host's), process.user,
 * uid/gid mappings, root.readonly, masked and read-only paths, the device
 * cgroup and linux.devices, mounts (bind mounts of host paths; /sys and
 * cgroup filesystems without ro), rootfsPropagation, hooks, and keys no
 * runtime reads (a misspelled noNewPrivilege is silently ignored).
 *
 * Capabilities are mapped onto the model's add/drop relative to the
 * runtime's default set, so that the rules written for Kubernetes apply:
 * all 41 capabilities count as ALL, and all 41 with every device and no
 * seccomp filter is what --privileged produces.
 */
#include "front/front.h"
#include "front/seccomp_front.h"

#include <stdlib.h>
#include <string.h>

/* Capabilities in the five sets; more would be no capability list. */
#define OCI_MAX_CAPS 256

static const char *const top_keys[] = {
	"ociVersion", "process", "root", "hostname", "domainname", "mounts",
	"hooks", "annotations", "linux", "solaris", "windows", "vm", "zos",
	"freebsd", NULL
};
static const char *const process_keys[] = {
	"terminal", "consoleSize", "cwd", "env", "args", "commandLine",
	"rlimits", "apparmorProfile", "capabilities", "noNewPrivileges",
	"oomScoreAdj", "scheduler", "selinuxLabel", "ioPriority",
	"execCPUAffinity", "user", NULL
};
static const char *const linux_keys[] = {
	"namespaces", "uidMappings", "gidMappings", "timeOffsets", "devices",
	"netDevices", "cgroupsPath", "rootfsPropagation", "resources",
	"unified", "sysctl", "seccomp", "maskedPaths", "readonlyPaths",
	"mountLabel", "personality", "intelRdt", "memoryPolicy", NULL
};
static const char *const root_keys[] = { "path", "readonly", NULL };
static const char *const user_keys[] = {
	"uid", "gid", "umask", "additionalGids", "username", NULL
};
static const char *const cap_sets[] = {
	"bounding", "effective", "inheritable", "permitted", "ambient", NULL
};

struct oci {
	struct front_ctx *fc;
	struct mobj *c;
	const struct tree_node *doc, *process, *linux;
	struct loc linux_loc;	/* where `linux` is, for what it lacks */
};

static bool oci_detect(const struct tree_node *doc)
{
	return tree_is_map(doc) && tree_text(tree_get(doc, "ociVersion"));
}

static void check_keys(struct oci *o, const struct tree_node *map,
		       const char *const *known, const char *prefix)
{
	front_unknown_keys(o->fc, o->c, CF_UNKNOWN_KEYS, map, known, prefix);
}

/* --- capabilities ----------------------------------------------------- */

static void read_caps(struct oci *o)
{
	const struct tree_pair *cp = tree_get_pair(o->process, "capabilities");
	const char *names[OCI_MAX_CAPS];
	const struct tree_node *at[OCI_MAX_CAPS];
	size_t n = 0, i, j, ncaps;
	const char *const *all = model_all_caps(&ncaps);
	struct model *m = o->fc->model;
	const char *const *default_caps = model_default_caps(NULL);
	struct mlist *add, *drop;

	if (!cp || !tree_is_map(cp->value))
		return;
	check_keys(o, cp->value, cap_sets, "process.capabilities");
	for (i = 0; cap_sets[i]; i++) {
		const struct tree_node *l = tree_get(cp->value, cap_sets[i]);

		for (j = 0; tree_is_list(l) && j < l->u.list.n; j++) {
			const struct tree_node *it = l->u.list.items[j];
			const char *cap;
			size_t k;

			if (!tree_is_scalar(it) || n == OCI_MAX_CAPS)
				continue;
			cap = model_cap_normalize(m, it->u.s.text);
			for (k = 0; k < n && strcmp(names[k], cap); k++)
				;
			if (k < n)
				continue;
			names[n] = cap;
			at[n++] = it;
		}
	}
	add = mobj_list(m, o->c, CF_CAP_ADD, front_pair_loc(cp));
	for (i = 0, j = 0; i < ncaps; i++)
		for (size_t k = 0; k < n; k++)
			if (!strcmp(names[k], all[i]))
				j++;
	if (j == ncaps) {
		mlist_push_str(m, add, "ALL", cp->key->loc);
		return;
	}
	for (i = 0; i < n; i++)
		if (!str_in_list(default_caps, names[i]))
			mlist_push_str(m, add, names[i], at[i]->loc);
	drop = mobj_list(m, o->c, CF_CAP_DROP, front_pair_loc(cp));
	for (i = 0; default_caps[i]; i++) {
		for (j = 0; j < n && strcmp(names[j], default_caps[i]); j++)
			;
		if (j == n)
			mlist_push_str(m, drop, default_caps[i], cp->key->loc);
	}
}

/* --- security labels ------------------------------------------------------ */

static void read_lsm(struct oci *o)
{
	const struct tree_pair *ap = tree_get_pair(o->process,
						   "apparmorProfile");
	const struct tree_pair *sp = tree_get_pair(o->process, "selinuxLabel");
	struct model *m = o->fc->model;
	const char *s;

	s = ap ? tree_text(ap->value) : NULL;
	if (s && *s) {
		mobj_set_str(m, o->c, CF_APPARMOR_MODE, strcmp(s, "unconfined") ?
			     "profile" : "unconfined", front_pair_loc(ap));
		mobj_set_str(m, o->c, CF_APPARMOR_PROFILE, s,
			     front_pair_loc(ap));
	}
	s = sp ? tree_text(sp->value) : NULL;
	if (s && *s) {
		/* user:role:type[:level], the level may hold colons */
		static const int slots[] = { CF_SELINUX_USER, CF_SELINUX_ROLE,
					     CF_SELINUX_TYPE };
		const char *p = s;
		size_t i;

		for (i = 0; i < ARRAY_SIZE(slots); i++) {
			const char *colon = strchr(p, ':');
			char *part = xstrndup(p, colon ? (size_t)(colon - p) :
					      strlen(p));

			mobj_set_str(m, o->c, slots[i], part,
				     front_pair_loc(sp));
			free(part);
			if (!colon)
				return;
			p = colon + 1;
		}
		mobj_set_str(m, o->c, CF_SELINUX_LEVEL, p, front_pair_loc(sp));
	}
}

static void read_seccomp(struct oci *o)
{
	const struct tree_pair *sp = tree_get_pair(o->linux, "seccomp");
	struct model *m = o->fc->model;

	if (!sp) {
		mobj_set_str(m, o->c, CF_SECCOMP_MODE, "unconfined",
			     o->linux_loc);
		return;
	}
	if (!tree_is_map(sp->value)) {
		diag_add(o->fc->diags, o->fc->src->path, sp->value->loc,
			 DIAG_ERROR, "linux.seccomp must be an object");
		return;
	}
	mobj_set_str(m, o->c, CF_SECCOMP_MODE, "profile", front_pair_loc(sp));
	mobj_set_str(m, o->c, CF_SECCOMP_PROFILE, "linux.seccomp",
		     front_pair_loc(sp));
	seccomp_read_profile(o->fc, sp->value,
			     "the seccomp profile of the OCI config", "oci");
}

/* --- namespaces and users -------------------------------------------------- */

static const struct {
	const char *type;
	int slot;
} namespaces[] = {
	{ "pid", CF_HOST_PID }, { "network", CF_HOST_NETWORK },
	{ "ipc", CF_HOST_IPC }, { "uts", CF_HOST_UTS },
	{ "mount", CF_HOST_MOUNT }, { "user", CF_HOST_USERS },
	{ "cgroup", CF_HOST_CGROUP },
};

static void read_namespaces(struct oci *o)
{
	const struct tree_pair *np = tree_get_pair(o->linux, "namespaces");
	const struct tree_node *list = np ? np->value : NULL;
	struct loc where = np ? front_pair_loc(np) : o->linux_loc;
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(namespaces); i++) {
		const struct tree_node *found = NULL;

		for (j = 0; tree_is_list(list) && j < list->u.list.n; j++) {
			const struct tree_node *e = list->u.list.items[j];
			const char *t = tree_text(tree_get(e, "type"));

			if (t && !strcmp(t, namespaces[i].type))
				found = e;
		}
		if (!found) {
			mobj_set_bool(o->c, namespaces[i].slot, true, where);
			continue;
		}
		/* Joining PID 1's namespace is joining the host's. */
		if (str_has_prefix(tree_text(tree_get(found, "path")) ?
				   tree_text(tree_get(found, "path")) : "",
				   "/proc/1/ns/"))
			mobj_set_bool(o->c, namespaces[i].slot, true,
				      tree_get(found, "path")->loc);
		else
			mobj_set_bool(o->c, namespaces[i].slot, false,
				      found->loc);
	}
}

static void read_mappings(struct oci *o, const char *key)
{
	const struct tree_node *l = tree_get(o->linux, key);
	size_t i;
	int64_t cid, hid;
	struct loc loc;

	for (i = 0; tree_is_list(l) && i < l->u.list.n; i++) {
		const struct tree_node *e = l->u.list.items[i];

		if (front_get_int(o->fc, e, "containerID", &cid, &loc) > 0 &&
		    front_get_int(o->fc, e, "hostID", &hid, &loc) > 0 &&
		    cid == 0 && hid == 0)
			mobj_set_bool(o->c, CF_ROOT_MAPS_TO_ROOT, true, e->loc);
	}
}

static void read_user(struct oci *o)
{
	const struct tree_node *u = tree_get(o->process, "user");
	int64_t v;
	struct loc loc;

	check_keys(o, u, user_keys, "process.user");
	if (front_get_int(o->fc, u, "uid", &v, &loc) > 0)
		mobj_set_int(o->c, CF_USER_UID, v, loc);
	if (front_get_int(o->fc, u, "gid", &v, &loc) > 0)
		mobj_set_int(o->c, CF_USER_GID, v, loc);
	read_mappings(o, "uidMappings");
	read_mappings(o, "gidMappings");
}

/* --- filesystems and devices ----------------------------------------------- */

static bool has_option(const struct tree_node *mnt, const char *opt)
{
	const struct tree_node *l = tree_get(mnt, "options");
	size_t i;

	for (i = 0; tree_is_list(l) && i < l->u.list.n; i++) {
		const char *s = tree_text(l->u.list.items[i]);

		if (s && !strcmp(s, opt))
			return true;
	}
	return false;
}

static void read_mount(struct oci *o, struct mlist *l,
		       const struct tree_node *mnt)
{
	const char *type = tree_text(tree_get(mnt, "type"));
	const char *dest = tree_text(tree_get(mnt, "destination"));
	bool ro = has_option(mnt, "ro");
	struct model *m = o->fc->model;
	struct mobj *mo;

	if (!tree_is_map(mnt))
		return;
	if (type && (!strcmp(type, "sysfs") || !strcmp(type, "cgroup") ||
		     !strcmp(type, "cgroup2")) && !ro)
		mlist_push_str(m, mobj_list(m, o->c, CF_KERNEL_FS_WRITABLE,
					    mnt->loc),
			       dest ? dest : type, mnt->loc);
	if (!has_option(mnt, "bind") && !has_option(mnt, "rbind") &&
	    !(type && !strcmp(type, "bind")))
		return;
	mo = model_sub(m, MO_MOUNT, mnt->loc);
	mo->origin = o->c->origin;
	mobj_set_str(m, mo, MF_KIND, "bind", mnt->loc);
	if (tree_text(tree_get(mnt, "source")))
		mobj_set_str(m, mo, MF_HOST_PATH,
			     tree_text(tree_get(mnt, "source")),
			     front_pair_loc(tree_get_pair(mnt, "source")));
	if (dest)
		mobj_set_str(m, mo, MF_TARGET, dest,
			     front_pair_loc(tree_get_pair(mnt,
							  "destination")));
	mobj_set_bool(mo, MF_READ_ONLY, ro, mnt->loc);
	mlist_push_obj(m, l, mo);
}

static void read_mounts(struct oci *o)
{
	const struct tree_node *mounts;
	struct mlist *l;
	size_t i;

	if (front_get_list(o->fc, o->doc, "mounts", &mounts) <= 0)
		return;
	l = mobj_list(o->fc->model, o->c, CF_MOUNTS, mounts->loc);
	for (i = 0; i < mounts->u.list.n; i++)
		read_mount(o, l, mounts->u.list.items[i]);
}

static void read_paths(struct oci *o, const char *key, int slot)
{
	const struct tree_pair *p = tree_get_pair(o->linux, key);

	if (!p)
		mobj_set_bool(o->c, slot, true, o->linux_loc);
	else if (tree_is_list(p->value) && p->value->u.list.n == 0)
		mobj_set_bool(o->c, slot, true, front_pair_loc(p));
	else if (p->value->kind == TREE_SCALAR && p->value->type == TT_NULL)
		mobj_set_bool(o->c, slot, true, front_pair_loc(p));
}

static void read_devices(struct oci *o)
{
	const struct tree_node *res = tree_get(o->linux, "resources");
	const struct tree_node *rules = tree_get(res, "devices");
	const struct tree_node *devs = tree_get(o->linux, "devices");
	struct model *m = o->fc->model;
	size_t i;

	for (i = 0; tree_is_list(rules) && i < rules->u.list.n; i++) {
		const struct tree_node *r = rules->u.list.items[i];
		const char *type = tree_text(tree_get(r, "type"));
		bool allow;
		struct loc loc;

		/* allow, no type (or "a"), no major/minor: every device */
		if (front_get_bool(o->fc, r, "allow", &allow, &loc) > 0 &&
		    allow && (!type || !strcmp(type, "a")) &&
		    !tree_get(r, "major") && !tree_get(r, "minor"))
			mobj_set_bool(o->c, CF_DEVICES_ALLOW_ALL, true, r->loc);
	}
	for (i = 0; tree_is_list(devs) && i < devs->u.list.n; i++) {
		const struct tree_node *d = devs->u.list.items[i];
		const struct tree_node *path = tree_get(d, "path");

		if (tree_is_scalar(path))
			mlist_push_str(m, mobj_list(m, o->c, CF_DEVICES,
						    devs->loc),
				       path->u.s.text, path->loc);
	}
}

static void read_hooks(struct oci *o)
{
	const struct tree_node *hooks = tree_get(o->doc, "hooks");
	struct model *m = o->fc->model;
	size_t i, j;

	for (i = 0; tree_is_map(hooks) && i < hooks->u.map.n; i++) {
		const struct tree_pair *stage = &hooks->u.map.pairs[i];

		for (j = 0; tree_is_list(stage->value) &&
			    j < stage->value->u.list.n; j++) {
			const struct tree_node *h =
				stage->value->u.list.items[j];
			const char *path = tree_text(tree_get(h, "path"));
			char *s = xasprintf("%s: %s", stage->key->u.s.text,
					    path ? path : "?");

			mlist_push_str(m, mobj_list(m, o->c, CF_HOOKS,
						    stage->key->loc),
				       s, h->loc);
			free(s);
		}
	}
}

/*
 * Every capability, every device and no seccomp filter is what a
 * privileged container gets: say so, at the capabilities.
 */
static void mark_privileged(struct oci *o)
{
	const struct mval *add = mobj_get(o->c, CF_CAP_ADD);
	const struct mval *dev = mobj_get(o->c, CF_DEVICES_ALLOW_ALL);
	const struct mval *sec = mobj_get(o->c, CF_SECCOMP_MODE);

	if (add->type == MV_LIST && mlist_has_str(add->u.list, "ALL") &&
	    dev->type == MV_BOOL && dev->u.b && sec->type == MV_STR &&
	    !strcmp(sec->u.s, "unconfined"))
		mobj_set_bool(o->c, CF_PRIVILEGED, true, add->loc);
}

/* --- the whole config ------------------------------------------------------ */

static void oci_build(struct front_ctx *fc, const struct tree_node *doc)
{
	const struct tree_pair *lp = tree_get_pair(doc, "linux");
	const struct tree_node *root = tree_get(doc, "root");
	struct model *m = fc->model;
	struct oci o;
	int rc;
	bool b;
	struct loc loc;
	const char *s;

	memset(&o, 0, sizeof(o));
	o.fc = fc;
	o.doc = doc;
	o.process = tree_get(doc, "process");
	o.linux = lp ? lp->value : NULL;
	o.linux_loc = lp ? lp->key->loc : doc->loc;
	o.c = model_add(m, MO_CONTAINER, "the container of the OCI config",
			doc->loc);
	mobj_set_str(m, o.c, CF_FORMAT, "oci", doc->loc);
	check_keys(&o, doc, top_keys, "");
	check_keys(&o, o.process, process_keys, "process");
	check_keys(&o, o.linux, linux_keys, "linux");
	check_keys(&o, root, root_keys, "root");
	read_caps(&o);
	rc = front_get_bool(fc, o.process, "noNewPrivileges", &b, &loc);
	if (rc > 0)
		mobj_set_bool(o.c, CF_NO_NEW_PRIVS, b, loc);
	else if (rc == 0 && tree_is_map(o.process))	/* absent: off */
		mobj_set_bool(o.c, CF_NO_NEW_PRIVS, false,
			      tree_get_pair(doc, "process")->key->loc);
	read_lsm(&o);
	read_user(&o);
	if (front_get_bool(fc, root, "readonly", &b, &loc) > 0)
		mobj_set_bool(o.c, CF_READ_ONLY_ROOT, b, loc);
	if (o.linux) {
		read_seccomp(&o);
		read_namespaces(&o);
		read_paths(&o, "maskedPaths", CF_MASKED_PATHS_REMOVED);
		read_paths(&o, "readonlyPaths", CF_READONLY_PATHS_REMOVED);
		read_devices(&o);
		if (front_get_str(fc, o.linux, "rootfsPropagation", &s,
				  &loc) > 0)
			mobj_set_str(m, o.c, CF_ROOTFS_PROPAGATION, s, loc);
	}
	read_mounts(&o);
	read_hooks(&o);
	mark_privileged(&o);
}

const struct front front_oci = {
	.name = "oci",
	.summary = "OCI runtime config.json",
	.detect = oci_detect,
	.build = oci_build,
};
