/*
 * front.c - the table of front ends (made from front/fronts.h) and the
 * helpers they share.
 */
#include "front/front.h"

#include <stdlib.h>
#include <string.h>

static const struct front *const front_table[] = {
#define FRONT(id) &front_##id,
#include "front/fronts.h"
#undef FRONT
};

const struct front *const *front_all(size_t *n)
{
	*n = ARRAY_SIZE(front_table);
	return front_table;
}

const struct front *front_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(front_table); i++)
		if (!strcmp(front_table[i]->name, name))
			return front_table[i];
	return NULL;
}

const struct front *front_for_path_memo(const char *path, uint8_t *memo)
{
	size_t i;

	_Static_assert(ARRAY_SIZE(front_table) < 254, "a memo is one byte");
	if (*memo)
		return *memo > 1 ? front_table[*memo - 2] : NULL;
	for (i = 0; i < ARRAY_SIZE(front_table); i++) {
		if (front_table[i]->match_path &&
		    front_table[i]->match_path(path)) {
			*memo = (uint8_t)(2 + i);
			return front_table[i];
		}
	}
	*memo = 1;
	return NULL;
}

const struct front *front_for_path(const char *path)
{
	uint8_t memo = 0;

	return front_for_path_memo(path, &memo);
}

struct loc front_pair_loc(const struct tree_pair *p)
{
	return loc_span(p->key->loc, p->value->loc);
}

static const char *kind_word(const struct tree_node *n)
{
	if (n->kind == TREE_MAP)
		return "a map";
	if (n->kind == TREE_LIST)
		return "a list";
	return tree_type_name(n->type);
}

const struct tree_pair *front_present(const struct tree_node *map,
				      const char *key)
{
	const struct tree_pair *p = tree_get_pair(map, key);

	if (!p || (p->value->kind == TREE_SCALAR &&
		   (p->value->type == TT_NULL ||
		    p->value->flags & TREE_OPAQUE)))
		return NULL;
	return p;
}

int front_get_bool(struct front_ctx *fc, const struct tree_node *map,
		   const char *key, bool *out, struct loc *loc)
{
	const struct tree_pair *p = front_present(map, key);
	int b;

	if (!p)
		return 0;
	b = tree_bool(p->value);
	if (b < 0) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be true or false, not %s", key,
			 p->value->kind == TREE_SCALAR ? p->value->u.s.text :
			 kind_word(p->value));
		return -1;
	}
	*out = b;
	*loc = front_pair_loc(p);
	return 1;
}

int front_get_int(struct front_ctx *fc, const struct tree_node *map,
		  const char *key, int64_t *out, struct loc *loc)
{
	const struct tree_pair *p = front_present(map, key);

	if (!p)
		return 0;
	if (p->value->kind != TREE_SCALAR || !tree_int(p->value, out)) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be a whole number, not %s", key,
			 p->value->kind == TREE_SCALAR ? p->value->u.s.text :
			 kind_word(p->value));
		return -1;
	}
	*loc = front_pair_loc(p);
	return 1;
}

int front_get_str(struct front_ctx *fc, const struct tree_node *map,
		  const char *key, const char **out, struct loc *loc)
{
	const struct tree_pair *p = front_present(map, key);

	if (!p)
		return 0;
	if (p->value->kind != TREE_SCALAR) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be a string, not %s", key,
			 kind_word(p->value));
		return -1;
	}
	*out = p->value->u.s.text;
	*loc = front_pair_loc(p);
	return 1;
}

int front_get_map(struct front_ctx *fc, const struct tree_node *map,
		  const char *key, const struct tree_node **out)
{
	const struct tree_pair *p = front_present(map, key);

	*out = NULL;
	if (!p)
		return 0;
	if (p->value->kind != TREE_MAP) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be a map, not %s", key,
			 kind_word(p->value));
		return -1;
	}
	*out = p->value;
	return 1;
}

int front_get_list(struct front_ctx *fc, const struct tree_node *map,
		   const char *key, const struct tree_node **out)
{
	const struct tree_pair *p = front_present(map, key);

	*out = NULL;
	if (!p)
		return 0;
	if (p->value->kind != TREE_LIST) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be a list, not %s", key,
			 kind_word(p->value));
		return -1;
	}
	*out = p->value;
	return 1;
}

int front_go_bool(const char *s)
{
	static const char *const yes[] = { "1", "t", "T", "TRUE", "true",
					   "True", NULL };
	static const char *const no[] = { "0", "f", "F", "FALSE", "false",
					  "False", NULL };

	if (str_in_list(yes, s))
		return 1;
	return str_in_list(no, s) ? 0 : -1;
}

int front_copy_bool(struct front_ctx *fc, struct mobj *o, int slot,
		    const struct tree_node *map, const char *key)
{
	bool b;
	struct loc at;
	int rc = front_get_bool(fc, map, key, &b, &at);

	if (rc > 0)
		mobj_set_bool(o, slot, b, at);
	return rc;
}

int front_copy_toml_bool(struct front_ctx *fc, struct mobj *o, int slot,
			 const struct tree_node *map, const char *key)
{
	const struct tree_pair *p = front_present(map, key);

	if (p && (p->value->kind != TREE_SCALAR ||
		  p->value->type != TT_BOOL)) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be true or false, not %s", key,
			 p->value->kind == TREE_SCALAR ?
			 tree_type_name(p->value->type) :
			 kind_word(p->value));
		return -1;
	}
	return front_copy_bool(fc, o, slot, map, key);
}

int front_copy_int(struct front_ctx *fc, struct mobj *o, int slot,
		   const struct tree_node *map, const char *key)
{
	int64_t v;
	struct loc at;
	int rc = front_get_int(fc, map, key, &v, &at);

	if (rc > 0)
		mobj_set_int(o, slot, v, at);
	return rc;
}

int front_copy_str(struct front_ctx *fc, struct mobj *o, int slot,
		   const struct tree_node *map, const char *key)
{
	const char *s;
	struct loc at;
	int rc = front_get_str(fc, map, key, &s, &at);

	if (rc > 0)
		mobj_set_str(fc->model, o, slot, s, at);
	return rc;
}

int front_get_strings(struct front_ctx *fc, const struct tree_node *map,
		      const char *key, struct mobj *o, int slot, bool caps)
{
	const struct tree_node *l;
	struct mlist *out;
	size_t i;
	int rc = front_get_list(fc, map, key, &l);

	if (rc <= 0)
		return rc;
	out = mobj_list(fc->model, o, slot, front_pair_loc(tree_get_pair(map,
								       key)));
	for (i = 0; i < l->u.list.n; i++) {
		const struct tree_node *it = l->u.list.items[i];

		if (!tree_is_scalar(it) || it->type != TT_STRING) {
			diag_add(fc->diags, fc->src->path, it->loc, DIAG_ERROR,
				 "%s entries must be strings", key);
			rc = -1;
			continue;
		}
		mlist_push_str(fc->model, out, caps ?
			       model_cap_normalize(fc->model, it->u.s.text) :
			       it->u.s.text, it->loc);
	}
	return rc;
}

/* As front_get_strings, the list located where its value is written. */
void front_str_list(struct front_ctx *fc, struct mobj *o, int slot,
		    const struct tree_node *map, const char *key)
{
	if (front_get_strings(fc, map, key, o, slot, false) != 0 &&
	    o->f[slot].type == MV_LIST)
		o->f[slot].loc = tree_get(map, key)->loc;
}

/*
 * One security_opt entry: KEY=VALUE or KEY:VALUE (Docker reads both; the
 * label option's value itself holds colons: label:type:spc_t).
 */
void front_security_opt(struct front_ctx *fc, struct mobj *c, const char *s,
			struct loc at)
{
	size_t klen = strcspn(s, "=:");
	const char *v = s[klen] ? s + klen + 1 : "";
	struct model *m = fc->model;

	if (!strncmp(s, "seccomp", klen) && klen == 7) {
		if (!strcmp(v, "unconfined")) {
			mobj_set_str(m, c, CF_SECCOMP_MODE, "unconfined", at);
		} else if (*v) {
			mobj_set_str(m, c, CF_SECCOMP_MODE, "profile", at);
			mobj_set_str(m, c, CF_SECCOMP_PROFILE, v, at);
			c->share |= MOBJ_SHARE_PROFILE_REF;
		}
	} else if (!strncmp(s, "apparmor", klen) && klen == 8) {
		mobj_set_str(m, c, CF_APPARMOR_MODE,
			     strcmp(v, "unconfined") ? "profile" :
			     "unconfined", at);
		mobj_set_str(m, c, CF_APPARMOR_PROFILE, v, at);
	} else if (!strncmp(s, "label", klen) && klen == 5) {
		if (!strcmp(v, "disable"))
			mobj_set_bool(c, CF_SELINUX_DISABLED, true, at);
		else if (str_has_prefix(v, "type:"))
			mobj_set_str(m, c, CF_SELINUX_TYPE, v + 5, at);
		else if (str_has_prefix(v, "level:"))
			mobj_set_str(m, c, CF_SELINUX_LEVEL, v + 6, at);
		else if (str_has_prefix(v, "user:"))
			mobj_set_str(m, c, CF_SELINUX_USER, v + 5, at);
		else if (str_has_prefix(v, "role:"))
			mobj_set_str(m, c, CF_SELINUX_ROLE, v + 5, at);
	} else if (!strncmp(s, "no-new-privileges", klen) && klen == 17) {
		/* moby and podman: ParseBool of the value, none is true */
		int b = *v ? front_go_bool(v) : 1;

		if (b < 0)
			diag_add(fc->diags, fc->src->path, at, DIAG_ERROR,
				 "no-new-privileges takes true or false, not "
				 "\"%s\": the engine refuses it", v);
		else
			mobj_set_bool(c, CF_NO_NEW_PRIVS, b == 1, at);
	} else if (((!strncmp(s, "systempaths", klen) && klen == 11 &&
		     !strcmp(v, "unconfined")) ||
		    (!strncmp(s, "unmask", klen) && klen == 6 &&
		     !strcmp(v, "ALL")))) {
		/* Podman's unmask=ALL does what Docker's systempaths does */
		mobj_set_bool(c, CF_MASKED_PATHS_REMOVED, true, at);
		mobj_set_bool(c, CF_READONLY_PATHS_REMOVED, true, at);
	}
}

void front_unknown_keys(struct front_ctx *fc, struct mobj *o, int slot,
			const struct tree_node *map, const char *const *known,
			const char *prefix)
{
	size_t i;

	for (i = 0; tree_is_map(map) && i < map->u.map.n; i++) {
		const struct tree_node *k = map->u.map.pairs[i].key;
		char *name;

		if (str_in_list(known, k->u.s.text))
			continue;
		name = *prefix ? xasprintf("%s.%s", prefix, k->u.s.text) :
				 xstrdup(k->u.s.text);
		mlist_push_str(fc->model, mobj_list(fc->model, o, slot, k->loc),
			       name, k->loc);
		free(name);
	}
}

void front_bind_mount(struct front_ctx *fc, struct mobj *c, const char *src,
		      struct loc src_at, const char *dst, bool ro,
		      struct loc at)
{
	struct mobj *mo = model_sub(fc->model, MO_MOUNT, at);

	mo->origin = c->origin;
	mobj_set_str(fc->model, mo, MF_KIND, "bind", at);
	mobj_set_str(fc->model, mo, MF_HOST_PATH, src, src_at);
	if (dst)
		mobj_set_str(fc->model, mo, MF_TARGET, dst, at);
	mobj_set_bool(mo, MF_READ_ONLY, ro, at);
	mlist_push_obj(fc->model, mobj_list(fc->model, c, CF_MOUNTS, at), mo);
}

void front_user(struct front_ctx *fc, struct mobj *c, const char *spec,
		struct loc at)
{
	size_t n = strcspn(spec, ":");
	char *name = xstrndup(spec, n);

	if (n && strspn(name, "0123456789") == n)
		mobj_set_int(c, CF_USER_UID, strtoll(name, NULL, 10), at);
	else
		mobj_set_str(fc->model, c, CF_USER_NAME, name, at);
	free(name);
}

void front_sysctl(struct front_ctx *fc, struct mobj *c, const char *name,
		  size_t nlen, const char *value, struct loc at)
{
	struct mobj *so = model_sub(fc->model, MO_SYSCTL, at);
	char *n = xstrndup(name, nlen);

	so->origin = c->origin;
	mobj_set_str(fc->model, so, SF_NAME, n, at);
	if (value)
		mobj_set_str(fc->model, so, SF_VALUE, value, at);
	mlist_push_obj(fc->model, mobj_list(fc->model, c, CF_SYSCTLS, at), so);
	free(n);
}

void front_podman_userns(struct mobj *c)
{
	const struct mval *u = mobj_get(c, CF_HOST_USERS);

	if (!(u->type == MV_BOOL && !u->u.b))
		c->share |= MOBJ_SHARE_ENGINE_USERNS;
}
