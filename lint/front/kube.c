/*
 * kube.c - Kubernetes manifests into container objects.
 *
 * What it reads: Pod, PodTemplate, and any object that embeds a pod
 * template under spec.template or spec.jobTemplate.spec.template (every
 * built-in workload, OpenShift DeploymentConfig, Argo Rollouts and other
 * CRDs), `kind: List` (and *List) items.  Init, regular and ephemeral
 * containers.  Pod-level security settings are inherited the way the
 * kubelet does it: the container's value wins where it is set; for
 * seLinuxOptions, seccompProfile and appArmorProfile the whole struct is
 * taken from one level, for windowsOptions each field on its own.  The
 * legacy seccomp and AppArmor annotations count where no field is set.
 *
 * What it does not: judge anything (rules do), or resolve a
 * localhostProfile against files (derive does that later).
 */
#include "front/front.h"

#include <stdlib.h>
#include <string.h>

/* Nesting of List in List; real manifests use one level. */
#define KUBE_MAX_LIST_DEPTH 8

#define ANN_SECCOMP_POD "seccomp.security.alpha.kubernetes.io/pod"
#define ANN_SECCOMP_CTR "container.seccomp.security.alpha.kubernetes.io/"
#define ANN_APPARMOR_CTR "container.apparmor.security.beta.kubernetes.io/"

struct pod {
	const char *wl_kind, *wl_name, *wl_namespace;
	const struct tree_node *meta;		/* the pod's metadata */
	const struct tree_node *annotations;
	const struct tree_node *spec;		/* the pod spec */
	const struct tree_node *psc;		/* pod securityContext */
	const struct tree_node *volumes;
	/* a long list of volumes: names and places, sorted, or NULL */
	struct str_index *by_name;
	size_t nby_name;
	struct mobj *obj;			/* the pod object */
};

static bool kube_detect(const struct tree_node *doc)
{
	return tree_is_map(doc) && tree_text(tree_get(doc, "apiVersion")) &&
	       tree_text(tree_get(doc, "kind"));
}

/* --- small readers ------------------------------------------------------ */

/*
 * Booleans and whole numbers as the API server takes them.  kubectl turns
 * YAML into JSON with sigs.k8s.io/yaml, whose YAML 1.1 reader makes these
 * plain words booleans: y Y yes Yes YES on On ON true True TRUE and their
 * false twins; the JSON decoder then wants a JSON boolean.  A quoted
 * "true" is a string, and the API server refuses it ("cannot unmarshal
 * string into Go struct field ... of type bool"), as it refuses "1000" for
 * runAsUser.  Such a value is an error at its place, never a guess.
 */
static int yaml11_bool(const struct tree_node *n)
{
	static const char *const yes[] = { "y", "Y", "yes", "Yes", "YES",
					   "on", "On", "ON", NULL };
	static const char *const no[] = { "n", "N", "no", "No", "NO",
					  "off", "Off", "OFF", NULL };

	if (n->type == TT_BOOL)
		return !strcmp(n->u.s.text, "true");
	if (n->type != TT_STRING || (n->flags & TREE_QUOTED))
		return -1;
	if (str_in_list(yes, n->u.s.text))
		return 1;
	return str_in_list(no, n->u.s.text) ? 0 : -1;
}

/* A value's words for an error: its text, or what it is. */
static const char *kube_what(const struct tree_node *n)
{
	if (n->kind == TREE_MAP)
		return "a map";
	if (n->kind == TREE_LIST)
		return "a list";
	return n->type == TT_STRING ? "a string" : tree_type_name(n->type);
}

/* 1 and *out set, 0 absent or null, -1 after an error at the value. */
static int kube_get_bool(struct front_ctx *fc, const struct tree_node *map,
			 const char *key, bool *out, struct loc *loc)
{
	const struct tree_pair *p = front_present(map, key);
	int b;

	if (!p)
		return 0;
	b = p->value->kind == TREE_SCALAR ? yaml11_bool(p->value) : -1;
	if (b < 0) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be true or false, not %s%s%s%s: the API "
			 "server refuses it", key, kube_what(p->value),
			 p->value->kind == TREE_SCALAR ? " \"" : "",
			 p->value->kind == TREE_SCALAR ? p->value->u.s.text :
			 "", p->value->kind == TREE_SCALAR ? "\"" : "");
		return -1;
	}
	*out = b == 1;
	*loc = front_pair_loc(p);
	return 1;
}

/* The same for whole numbers: a quoted number is a string. */
static int kube_get_int(struct front_ctx *fc, const struct tree_node *map,
			const char *key, int64_t *out, struct loc *loc)
{
	const struct tree_pair *p = front_present(map, key);

	if (p && p->value->kind == TREE_SCALAR && p->value->type != TT_INT) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be a whole number, not %s \"%s\": the API "
			 "server refuses it", key, kube_what(p->value),
			 p->value->u.s.text);
		return -1;
	}
	return front_get_int(fc, map, key, out, loc);
}

static void set_bool(struct front_ctx *fc, struct mobj *o, int slot,
		     const struct tree_node *map, const char *key)
{
	struct loc loc;
	bool b;

	if (kube_get_bool(fc, map, key, &b, &loc) > 0)
		mobj_set_bool(o, slot, b, loc);
}

static void set_str(struct front_ctx *fc, struct mobj *o, int slot,
		    const struct tree_node *map, const char *key)
{
	const char *s;
	struct loc loc;

	if (front_get_str(fc, map, key, &s, &loc) > 0)
		mobj_set_str(fc->model, o, slot, s, loc);
}

static void set_int(struct front_ctx *fc, struct mobj *o, int slot,
		    const struct tree_node *map, const char *key)
{
	int64_t v;
	struct loc loc;

	if (kube_get_int(fc, map, key, &v, &loc) > 0)
		mobj_set_int(o, slot, v, loc);
}

static const struct tree_node *get_map(struct front_ctx *fc,
				       const struct tree_node *map,
				       const char *key)
{
	const struct tree_node *m;

	front_get_map(fc, map, key, &m);
	return m;
}

static const struct tree_node *get_list(struct front_ctx *fc,
					const struct tree_node *map,
					const char *key)
{
	const struct tree_node *l;

	front_get_list(fc, map, key, &l);
	return l;
}

/* The container-level map if it has `key`, else the pod-level one. */
static const struct tree_node *inherit(const struct tree_node *csc,
				       const struct tree_node *psc,
				       const char *key)
{
	const struct tree_node *v = tree_get(csc, key);

	if (v && !(v->kind == TREE_SCALAR && v->type == TT_NULL))
		return csc;
	return psc;
}

/* An annotation's pair, for its value and location. */
static const struct tree_pair *annotation(const struct pod *pod,
					  const char *prefix,
					  const char *name)
{
	const struct tree_pair *p;
	char *key;

	if (!pod->annotations)
		return NULL;
	key = xasprintf("%s%s", prefix, name ? name : "");
	p = tree_get_pair(pod->annotations, key);
	free(key);
	if (p && !tree_text(p->value))
		return NULL;
	return p;
}

/* --- capabilities -------------------------------------------------------- */

/*
 * capabilities.add or .drop, into two lists: `slot` for the model's
 * rules (derive() rewrites it into what the runtime makes of each name),
 * `written_slot` exactly as written for the Pod Security Standards, which
 * compare case and prefix as they are.
 */
static void read_caps(struct front_ctx *fc, struct mobj *c,
		      const struct tree_node *caps, const char *key, int slot,
		      int written_slot)
{
	const struct tree_pair *p = tree_get_pair(caps, key);
	const struct tree_node *list = get_list(fc, caps, key);
	struct mlist *l, *w;
	size_t i;

	if (!list)
		return;
	l = mobj_list(fc->model, c, slot, front_pair_loc(p));
	w = mobj_list(fc->model, c, written_slot, front_pair_loc(p));
	for (i = 0; i < list->u.list.n; i++) {
		const struct tree_node *it = list->u.list.items[i];

		if (!tree_is_scalar(it)) {
			diag_add(fc->diags, fc->src->path, it->loc,
				 DIAG_ERROR, "capabilities.%s entries must "
				 "be capability names", key);
			continue;
		}
		/* both as written: derive() reads `slot` as the runtime does */
		mlist_push_str(fc->model, l, it->u.s.text, it->loc);
		mlist_push_str(fc->model, w, it->u.s.text, it->loc);
	}
}

/* --- seccomp and AppArmor ------------------------------------------------ */

/* Set mode (and profile) from a seccompProfile or appArmorProfile map. */
static void profile_field(struct front_ctx *fc, struct mobj *c,
			  const struct tree_node *prof, int mode_slot,
			  int prof_slot)
{
	const struct tree_pair *tp = tree_get_pair(prof, "type");
	const char *type, *lp;
	struct loc loc, lploc;

	if (front_get_str(fc, prof, "type", &type, &loc) <= 0)
		return;
	loc = front_pair_loc(tp);
	if (!strcmp(type, "RuntimeDefault")) {
		mobj_set_str(fc->model, c, mode_slot, "runtime-default", loc);
	} else if (!strcmp(type, "Unconfined")) {
		mobj_set_str(fc->model, c, mode_slot, "unconfined", loc);
	} else if (!strcmp(type, "Localhost")) {
		mobj_set_str(fc->model, c, mode_slot, "profile", loc);
		if (front_get_str(fc, prof, "localhostProfile", &lp,
				  &lploc) > 0)
			mobj_set_str(fc->model, c, prof_slot, lp, lploc);
		if (prof_slot == CF_SECCOMP_PROFILE)
			c->share |= MOBJ_SHARE_PROFILE_REF;
	} else {
		/* Unknown: keep the text so that rules can see it. */
		mobj_set_str(fc->model, c, mode_slot, type, loc);
	}
}

/* Set mode (and profile) from a legacy annotation value. */
static void profile_annotation(struct front_ctx *fc, struct mobj *c,
			       const struct tree_pair *ann, int mode_slot,
			       int prof_slot)
{
	const char *v = ann->value->u.s.text;
	struct loc loc = front_pair_loc(ann);

	if (!strcmp(v, "runtime/default") || !strcmp(v, "docker/default")) {
		mobj_set_str(fc->model, c, mode_slot, "runtime-default", loc);
	} else if (!strcmp(v, "unconfined")) {
		mobj_set_str(fc->model, c, mode_slot, "unconfined", loc);
	} else if (str_has_prefix(v, "localhost/")) {
		mobj_set_str(fc->model, c, mode_slot, "profile", loc);
		mobj_set_str(fc->model, c, prof_slot, v + strlen("localhost/"),
			     loc);
		if (prof_slot == CF_SECCOMP_PROFILE)
			c->share |= MOBJ_SHARE_PROFILE_REF;
	} else {
		mobj_set_str(fc->model, c, mode_slot, v, loc);
	}
}

/*
 * Effective seccomp: container field, container annotation, pod field,
 * pod annotation (the API server copied annotations into the fields in
 * 1.19-1.26; the kubelet took the container's setting first).
 */
static void read_seccomp(struct front_ctx *fc, struct mobj *c,
			 const struct pod *pod, const struct tree_node *csc,
			 const char *name)
{
	const struct tree_node *prof = get_map(fc, csc, "seccompProfile");
	const struct tree_pair *ann;

	if (prof) {
		profile_field(fc, c, prof, CF_SECCOMP_MODE,
			      CF_SECCOMP_PROFILE);
		return;
	}
	ann = annotation(pod, ANN_SECCOMP_CTR, name);
	if (ann) {
		profile_annotation(fc, c, ann, CF_SECCOMP_MODE,
				   CF_SECCOMP_PROFILE);
		return;
	}
	prof = get_map(fc, pod->psc, "seccompProfile");
	if (prof) {
		profile_field(fc, c, prof, CF_SECCOMP_MODE,
			      CF_SECCOMP_PROFILE);
		return;
	}
	ann = annotation(pod, ANN_SECCOMP_POD, NULL);
	if (ann)
		profile_annotation(fc, c, ann, CF_SECCOMP_MODE,
				   CF_SECCOMP_PROFILE);
}

static void read_apparmor(struct front_ctx *fc, struct mobj *c,
			  const struct pod *pod, const struct tree_node *csc,
			  const char *name)
{
	const struct tree_node *prof = get_map(fc, csc, "appArmorProfile");
	const struct tree_pair *ann;

	if (prof) {
		profile_field(fc, c, prof, CF_APPARMOR_MODE,
			      CF_APPARMOR_PROFILE);
		return;
	}
	ann = annotation(pod, ANN_APPARMOR_CTR, name);
	if (ann) {
		profile_annotation(fc, c, ann, CF_APPARMOR_MODE,
				   CF_APPARMOR_PROFILE);
		return;
	}
	prof = get_map(fc, pod->psc, "appArmorProfile");
	if (prof)
		profile_field(fc, c, prof, CF_APPARMOR_MODE,
			      CF_APPARMOR_PROFILE);
}

/* --- volumes and mounts -------------------------------------------------- */

/* The volume source's key: the first key that is not `name`. */
static const struct tree_pair *volume_source(const struct tree_node *vol)
{
	size_t i;

	for (i = 0; tree_is_map(vol) && i < vol->u.map.n; i++)
		if (strcmp(vol->u.map.pairs[i].key->u.s.text, "name"))
			return &vol->u.map.pairs[i];
	return NULL;
}

/* Volumes past this many are found by name in log time (by_name). */
#define KUBE_SCAN_VOLUMES 16

static void index_volumes(struct pod *pod)
{
	size_t i, n = 0;

	if (!pod->volumes || pod->volumes->u.list.n <= KUBE_SCAN_VOLUMES)
		return;
	pod->by_name = xcalloc(pod->volumes->u.list.n, sizeof(*pod->by_name));
	for (i = 0; i < pod->volumes->u.list.n; i++) {
		const struct tree_node *v = pod->volumes->u.list.items[i];
		const char *vn = tree_text(tree_get(v, "name"));

		if (!vn)
			continue;
		pod->by_name[n].s = vn;
		pod->by_name[n++].i = i;
	}
	qsort(pod->by_name, n, sizeof(*pod->by_name), str_index_cmp);
	pod->nby_name = n;
}

/* The first of the pod's volumes named `name`, or NULL. */
static const struct tree_node *find_volume(const struct pod *pod,
					   const char *name)
{
	size_t i;

	if (pod->by_name) {
		size_t n;
		const struct str_index *e = str_index_find(pod->by_name,
							   pod->nby_name,
							   name, &n);

		return e ? pod->volumes->u.list.items[e->i] : NULL;
	}
	for (i = 0; pod->volumes && i < pod->volumes->u.list.n; i++) {
		const struct tree_node *v = pod->volumes->u.list.items[i];
		const char *vn = tree_text(tree_get(v, "name"));

		if (vn && !strcmp(vn, name))
			return v;
	}
	return NULL;
}

/* The pod's volumes, once, as objects its containers share. */
static void read_volumes(struct front_ctx *fc, const struct pod *pod)
{
	const struct tree_pair *vp = tree_get_pair(pod->spec, "volumes");
	struct mlist *l;
	size_t i;

	if (!pod->volumes)
		return;
	l = mobj_list(fc->model, pod->obj, PDF_VOLUMES, front_pair_loc(vp));
	for (i = 0; i < pod->volumes->u.list.n; i++) {
		const struct tree_node *v = pod->volumes->u.list.items[i];
		const struct tree_pair *src = volume_source(v);
		const struct tree_node *hp;
		struct mobj *vo;

		if (!tree_is_map(v))
			continue;
		vo = model_sub(fc->model, MO_VOLUME, v->loc);
		vo->origin = pod->obj->origin;
		set_str(fc, vo, VF_NAME, v, "name");
		/* The API server makes a volume with no source an emptyDir. */
		if (src)
			mobj_set_str(fc->model, vo, VF_KIND,
				     src->key->u.s.text, src->key->loc);
		else
			mobj_set_str(fc->model, vo, VF_KIND, "emptyDir",
				     v->loc);
		hp = get_map(fc, v, "hostPath");
		if (hp)
			set_str(fc, vo, VF_HOST_PATH, hp, "path");
		mlist_push_obj(fc->model, l, vo);
	}
}

/* A container sees the pod's list at `pslot` as its own at `cslot`. */
static void share_list(struct mobj *c, int cslot, const struct mobj *pod,
		       int pslot)
{
	const struct mval *v = mobj_get(pod, pslot);

	if (v->type == MV_LIST)
		c->f[cslot] = *v;
}

static void read_mounts(struct front_ctx *fc, struct mobj *c,
			const struct pod *pod, const struct tree_node *ctr)
{
	const struct tree_node *vms = get_list(fc, ctr, "volumeMounts");
	struct mlist *l;
	size_t i;

	if (!vms)
		return;
	l = mobj_list(fc->model, c, CF_MOUNTS, vms->loc);
	for (i = 0; i < vms->u.list.n; i++) {
		const struct tree_node *vm = vms->u.list.items[i];
		const char *name = tree_text(tree_get(vm, "name"));
		const struct tree_node *vol, *hp;
		const struct tree_pair *src;
		struct mobj *m;

		if (!tree_is_map(vm) || !name)
			continue;
		m = model_sub(fc->model, MO_MOUNT, vm->loc);
		m->origin = c->origin;
		set_str(fc, m, MF_VOLUME, vm, "name");
		set_str(fc, m, MF_TARGET, vm, "mountPath");
		set_bool(fc, m, MF_READ_ONLY, vm, "readOnly");
		vol = find_volume(pod, name);
		src = volume_source(vol);
		if (src)
			mobj_set_str(fc->model, m, MF_KIND,
				     src->key->u.s.text, src->key->loc);
		hp = vol ? get_map(fc, vol, "hostPath") : NULL;
		if (hp)
			set_str(fc, m, MF_HOST_PATH, hp, "path");
		mlist_push_obj(fc->model, l, m);
	}
}

/* --- ports and sysctls --------------------------------------------------- */

static void read_ports(struct front_ctx *fc, struct mobj *c,
		       const struct tree_node *ctr)
{
	const struct tree_node *ports = get_list(fc, ctr, "ports");
	struct mlist *l;
	size_t i;

	if (!ports)
		return;
	l = mobj_list(fc->model, c, CF_PORTS, ports->loc);
	for (i = 0; i < ports->u.list.n; i++) {
		const struct tree_node *p = ports->u.list.items[i];
		struct mobj *po;

		if (!tree_is_map(p))
			continue;
		po = model_sub(fc->model, MO_PORT, p->loc);
		po->origin = c->origin;
		set_int(fc, po, PF_CONTAINER_PORT, p, "containerPort");
		set_int(fc, po, PF_HOST_PORT, p, "hostPort");
		set_str(fc, po, PF_PROTOCOL, p, "protocol");
		mlist_push_obj(fc->model, l, po);
	}
}

static void read_sysctls(struct front_ctx *fc, const struct pod *pod)
{
	const struct tree_node *sys = get_list(fc, pod->psc, "sysctls");
	struct mlist *l;
	size_t i;

	if (!sys)
		return;
	l = mobj_list(fc->model, pod->obj, PDF_SYSCTLS, sys->loc);
	for (i = 0; i < sys->u.list.n; i++) {
		const struct tree_node *s = sys->u.list.items[i];
		struct mobj *so;

		if (!tree_is_map(s))
			continue;
		so = model_sub(fc->model, MO_SYSCTL, s->loc);
		so->origin = pod->obj->origin;
		set_str(fc, so, SF_NAME, s, "name");
		set_str(fc, so, SF_VALUE, s, "value");
		mlist_push_obj(fc->model, l, so);
	}
}

/* --- as written: what Pod Security Admission reads ------------------------ */

/*
 * `key` of `sc` is a map (seccompProfile, appArmorProfile, seLinuxOptions):
 * record its `sub` as written, or "" when the map has none, which is how
 * the API server sees a profile without a type.
 */
static void written_str(struct front_ctx *fc, struct mobj *o, int slot,
			const struct tree_node *sc, const char *key,
			const char *sub)
{
	const struct tree_node *m = get_map(fc, sc, key);
	const char *v;
	struct loc loc;
	int got;

	if (!m)
		return;
	got = front_get_str(fc, m, sub, &v, &loc);
	if (got > 0)
		mobj_set_str(fc->model, o, slot, v, loc);
	else if (got == 0 && !strcmp(sub, "type"))
		mobj_set_str(fc->model, o, slot, "",
			     front_pair_loc(tree_get_pair(sc, key)));
}

/* The container's own securityContext, no inheritance, no normalising. */
static void read_written(struct front_ctx *fc, struct mobj *c,
			 const struct pod *pod, const struct tree_node *csc,
			 const char *name)
{
	const struct tree_pair *ann;

	set_bool(fc, c, CF_K8S_RUN_AS_NON_ROOT, csc, "runAsNonRoot");
	set_int(fc, c, CF_K8S_RUN_AS_USER, csc, "runAsUser");
	written_str(fc, c, CF_K8S_SECCOMP_TYPE, csc, "seccompProfile", "type");
	written_str(fc, c, CF_K8S_APPARMOR_TYPE, csc, "appArmorProfile",
		    "type");
	written_str(fc, c, CF_K8S_SELINUX_TYPE, csc, "seLinuxOptions", "type");
	written_str(fc, c, CF_K8S_SELINUX_USER, csc, "seLinuxOptions", "user");
	written_str(fc, c, CF_K8S_SELINUX_ROLE, csc, "seLinuxOptions", "role");
	set_bool(fc, c, CF_K8S_HOST_PROCESS, get_map(fc, csc, "windowsOptions"),
		 "hostProcess");
	if (!name)
		return;
	ann = annotation(pod, ANN_SECCOMP_CTR, name);
	if (ann)
		mobj_set_str(fc->model, c, CF_K8S_SECCOMP_ANNOTATION,
			     ann->value->u.s.text, front_pair_loc(ann));
}

/* Hosts that probes and lifecycle hooks connect to, when set. */
static void read_probe_hosts(struct front_ctx *fc, struct mobj *c,
			     const struct tree_node *ctr)
{
	static const char *const handlers[] = {
		"livenessProbe", "readinessProbe", "startupProbe",
		"lifecycle.postStart", "lifecycle.preStop",
	};
	static const char *const actions[] = { "httpGet", "tcpSocket" };
	struct mlist *l = NULL;
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(handlers); i++) {
		const struct tree_node *h = tree_path(ctr, handlers[i]);

		for (j = 0; tree_is_map(h) && j < ARRAY_SIZE(actions); j++) {
			const struct tree_node *a = get_map(fc, h, actions[j]);
			const char *host;
			struct loc loc;

			if (front_get_str(fc, a, "host", &host, &loc) <= 0 ||
			    !*host)
				continue;
			if (!l)
				l = mobj_list(fc->model, c, CF_PROBE_HOSTS,
					      loc);
			mlist_push_str(fc->model, l, host, loc);
		}
	}
}

/* --- the pod ---------------------------------------------------------------- */

static void read_annotations(struct front_ctx *fc, const struct pod *pod)
{
	const struct tree_node *a = pod->annotations;
	struct mlist *l;
	size_t i;

	if (!tree_is_map(a) || !a->u.map.n)
		return;
	l = mobj_list(fc->model, pod->obj, PDF_ANNOTATIONS, a->loc);
	for (i = 0; i < a->u.map.n; i++) {
		const struct tree_pair *p = &a->u.map.pairs[i];
		const char *v = tree_text(p->value);
		struct mobj *ao;

		if (!v)
			continue;
		ao = model_sub(fc->model, MO_ANNOTATION, front_pair_loc(p));
		ao->origin = pod->obj->origin;
		mobj_set_str(fc->model, ao, AF_NAME, p->key->u.s.text,
			     p->key->loc);
		mobj_set_str(fc->model, ao, AF_VALUE, v, p->value->loc);
		mlist_push_obj(fc->model, l, ao);
	}
}

/* The pod spec as written: one object per pod, whatever wraps it. */
static void read_pod_object(struct front_ctx *fc, struct pod *pod)
{
	static const char *const host_ns[] = {
		"hostNetwork", "hostPID", "hostIPC",
	};
	const struct tree_node *psc = pod->psc;
	const struct tree_pair *ann;
	struct mobj *p;
	struct loc loc;
	size_t i;
	bool b;
	char *origin;

	origin = xstrcat(pod->wl_kind, " \"", pod->wl_name, "\"", NULL);
	p = model_add(fc->model, MO_POD, origin, pod->spec->loc);
	free(origin);
	pod->obj = p;
	mobj_set_str(fc->model, p, PDF_WORKLOAD_KIND, pod->wl_kind,
		     pod->spec->loc);
	mobj_set_str(fc->model, p, PDF_WORKLOAD_NAME, pod->wl_name,
		     pod->spec->loc);
	if (pod->wl_namespace)
		mobj_set_str(fc->model, p, PDF_WORKLOAD_NAMESPACE,
			     pod->wl_namespace, pod->spec->loc);
	for (i = 0; i < ARRAY_SIZE(host_ns); i++) {
		if (kube_get_bool(fc, pod->spec, host_ns[i], &b, &loc) <= 0 ||
		    !b)
			continue;
		mlist_push_str(fc->model, mobj_list(fc->model, p,
						    PDF_HOST_NAMESPACES, loc),
			       host_ns[i], loc);
	}
	set_bool(fc, p, PDF_HOST_USERS, pod->spec, "hostUsers");
	set_str(fc, p, PDF_OS, get_map(fc, pod->spec, "os"), "name");
	set_bool(fc, p, PDF_RUN_AS_NON_ROOT, psc, "runAsNonRoot");
	set_int(fc, p, PDF_RUN_AS_USER, psc, "runAsUser");
	written_str(fc, p, PDF_SECCOMP_TYPE, psc, "seccompProfile", "type");
	written_str(fc, p, PDF_APPARMOR_TYPE, psc, "appArmorProfile", "type");
	written_str(fc, p, PDF_SELINUX_TYPE, psc, "seLinuxOptions", "type");
	written_str(fc, p, PDF_SELINUX_USER, psc, "seLinuxOptions", "user");
	written_str(fc, p, PDF_SELINUX_ROLE, psc, "seLinuxOptions", "role");
	set_bool(fc, p, PDF_HOST_PROCESS, get_map(fc, psc, "windowsOptions"),
		 "hostProcess");
	ann = annotation(pod, ANN_SECCOMP_POD, NULL);
	if (ann)
		mobj_set_str(fc->model, p, PDF_SECCOMP_ANNOTATION,
			     ann->value->u.s.text, front_pair_loc(ann));
	read_annotations(fc, pod);
	read_volumes(fc, pod);
	read_sysctls(fc, pod);
}

/* --- one container --------------------------------------------------------- */

static void read_security(struct front_ctx *fc, struct mobj *c,
			  const struct pod *pod, const struct tree_node *csc,
			  const char *name)
{
	const struct tree_node *caps = get_map(fc, csc, "capabilities");
	const struct tree_node *se, *win, *from;
	const struct tree_pair *p;
	bool b;
	struct loc loc;

	set_bool(fc, c, CF_PRIVILEGED, csc, "privileged");
	if (kube_get_bool(fc, csc, "allowPrivilegeEscalation", &b, &loc) > 0) {
		mobj_set_bool(c, CF_ALLOW_PRIV_ESC, b, loc);
		mobj_set_bool(c, CF_NO_NEW_PRIVS, !b, loc);
	}
	read_caps(fc, c, caps, "add", CF_CAP_ADD, CF_K8S_CAP_ADD);
	read_caps(fc, c, caps, "drop", CF_CAP_DROP, CF_K8S_CAP_DROP);
	set_bool(fc, c, CF_READ_ONLY_ROOT, csc, "readOnlyRootFilesystem");
	set_str(fc, c, CF_PROC_MOUNT, csc, "procMount");

	from = inherit(csc, pod->psc, "runAsUser");
	set_int(fc, c, CF_USER_UID, from, "runAsUser");
	from = inherit(csc, pod->psc, "runAsGroup");
	set_int(fc, c, CF_USER_GID, from, "runAsGroup");
	from = inherit(csc, pod->psc, "runAsNonRoot");
	set_bool(fc, c, CF_RUN_AS_NON_ROOT, from, "runAsNonRoot");

	from = inherit(csc, pod->psc, "seLinuxOptions");
	se = get_map(fc, from, "seLinuxOptions");
	set_str(fc, c, CF_SELINUX_TYPE, se, "type");
	set_str(fc, c, CF_SELINUX_USER, se, "user");
	set_str(fc, c, CF_SELINUX_ROLE, se, "role");
	set_str(fc, c, CF_SELINUX_LEVEL, se, "level");

	/* windowsOptions: field by field. */
	win = get_map(fc, csc, "windowsOptions");
	p = tree_get_pair(win, "hostProcess");
	if (!p || !tree_is_scalar(p->value))
		win = get_map(fc, pod->psc, "windowsOptions");
	set_bool(fc, c, CF_WINDOWS_HOST_PROCESS, win, "hostProcess");

	read_seccomp(fc, c, pod, csc, name);
	read_apparmor(fc, c, pod, csc, name);
	read_written(fc, c, pod, csc, name);
}

static void read_container(struct front_ctx *fc, const struct pod *pod,
			   const struct tree_node *ctr, const char *role)
{
	const char *name = tree_text(tree_get(ctr, "name"));
	const struct tree_node *csc;
	struct loc loc;
	struct mobj *c;
	char *origin;
	bool b;

	origin = xstrcat(strcmp(role, "container") ? role : "",
			 strcmp(role, "container") ? " container \"" :
			 "container \"", name ? name : "?", "\" of ",
			 pod->wl_kind, " \"", pod->wl_name, "\"", NULL);
	c = model_add(fc->model, MO_CONTAINER, origin, ctr->loc);
	free(origin);
	mobj_set_str(fc->model, c, CF_FORMAT, "kubernetes", ctr->loc);
	c->share |= MOBJ_SHARE_NODE_JUDGED;
	mobj_set_str(fc->model, c, CF_ROLE, role, ctr->loc);
	mobj_set_str(fc->model, c, CF_WORKLOAD_KIND, pod->wl_kind, ctr->loc);
	mobj_set_str(fc->model, c, CF_WORKLOAD_NAME, pod->wl_name, ctr->loc);
	if (pod->wl_namespace)
		mobj_set_str(fc->model, c, CF_WORKLOAD_NAMESPACE,
			     pod->wl_namespace, ctr->loc);
	set_str(fc, c, CF_NAME, ctr, "name");
	set_str(fc, c, CF_IMAGE, ctr, "image");

	csc = get_map(fc, ctr, "securityContext");
	if (csc)
		mobj_set_bool(c, CF_K8S_SECURITY_CONTEXT, true,
			      front_pair_loc(tree_get_pair(ctr,
							   "securityContext")));
	read_security(fc, c, pod, csc, name);

	if (kube_get_bool(fc, pod->spec, "hostPID", &b, &loc) > 0)
		mobj_set_bool(c, CF_HOST_PID, b, loc);
	if (kube_get_bool(fc, pod->spec, "hostIPC", &b, &loc) > 0)
		mobj_set_bool(c, CF_HOST_IPC, b, loc);
	if (kube_get_bool(fc, pod->spec, "hostNetwork", &b, &loc) > 0)
		mobj_set_bool(c, CF_HOST_NETWORK, b, loc);
	if (kube_get_bool(fc, pod->spec, "hostUsers", &b, &loc) > 0)
		mobj_set_bool(c, CF_HOST_USERS, b, loc);
	set_str(fc, c, CF_OS, get_map(fc, pod->spec, "os"), "name");

	read_mounts(fc, c, pod, ctr);
	share_list(c, CF_VOLUMES, pod->obj, PDF_VOLUMES);
	read_ports(fc, c, ctr);
	share_list(c, CF_SYSCTLS, pod->obj, PDF_SYSCTLS);
	read_probe_hosts(fc, c, ctr);
	mobj_set_obj(c, CF_POD, pod->obj, pod->obj->loc);
}

static void read_pod(struct front_ctx *fc, struct pod *pod)
{
	static const char *const lists[][2] = {
		{ "initContainers", "init" },
		{ "containers", "container" },
		{ "ephemeralContainers", "ephemeral" },
	};
	size_t i, j;

	pod->psc = get_map(fc, pod->spec, "securityContext");
	pod->volumes = get_list(fc, pod->spec, "volumes");
	index_volumes(pod);
	pod->annotations = get_map(fc, pod->meta, "annotations");
	read_pod_object(fc, pod);
	if (!tree_is_list(tree_get(pod->spec, "containers")) ||
	    !tree_get(pod->spec, "containers")->u.list.n)
		diag_add(fc->diags, fc->src->path, pod->spec->loc, DIAG_ERROR,
			 "a pod needs at least one container in containers: "
			 "the API server refuses this one (its pod-level "
			 "settings are still judged)");
	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		const struct tree_node *l = get_list(fc, pod->spec,
						     lists[i][0]);

		for (j = 0; l && j < l->u.list.n; j++) {
			const struct tree_node *ctr = l->u.list.items[j];

			if (!tree_is_map(ctr)) {
				diag_add(fc->diags, fc->src->path, ctr->loc,
					 DIAG_ERROR, "%s entries must be "
					 "maps", lists[i][0]);
				continue;
			}
			read_container(fc, pod, ctr, lists[i][1]);
		}
	}
	free(pod->by_name);
	pod->by_name = NULL;
	pod->nby_name = 0;
}

/* --- suppressions -------------------------------------------------------- */

#define KUBE_IGNORE_PREFIX "ignore.cagelint.io/"

/* Record the ignore.cagelint.io/RULE annotations of one metadata map. */
static void read_waivers(struct front_ctx *fc, const struct tree_node *meta,
			 uint32_t unit_line)
{
	const struct tree_node *a = tree_get(meta, "annotations");
	size_t i;

	for (i = 0; tree_is_map(a) && i < a->u.map.n; i++) {
		const struct tree_pair *p = &a->u.map.pairs[i];
		const char *key = tree_text(p->key);

		if (!key || !str_has_prefix(key, KUBE_IGNORE_PREFIX))
			continue;
		model_add_waiver(fc->model, key + strlen(KUBE_IGNORE_PREFIX),
				 tree_text(p->value), front_pair_loc(p),
				 unit_line);
	}
}

/*
 * The objects made for one Kubernetes object (from index `first` on)
 * belong to the unit starting at its first line; its own annotations and
 * its pod template's may waive rules for all of them.
 */
static void close_unit(struct front_ctx *fc, const struct tree_node *obj,
		       const struct pod *pod, size_t first)
{
	struct model *m = fc->model;
	size_t i;

	for (i = first; i < m->n; i++)
		m->objs[i]->unit_line = obj->loc.line;
	read_waivers(fc, tree_get(obj, "metadata"), obj->loc.line);
	if (pod->meta != tree_get(obj, "metadata"))
		read_waivers(fc, pod->meta, obj->loc.line);
}

/* Built-in kinds whose spec the API server types (a list is refused). */
static const char *const typed_kinds[] = {
	"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
	"ReplicationController", "Job", "CronJob", NULL
};

/*
 * A value on the way to the pod spec that is there but not a map: the API
 * server refuses the object of a built-in kind; say where.
 */
static bool not_a_map(struct front_ctx *fc, const struct tree_node *n,
		      const char *what, const char *kind)
{
	if (!n || tree_is_map(n) || (tree_is_scalar(n) && n->type == TT_NULL))
		return false;
	if (str_in_list(typed_kinds, kind))
		diag_add(fc->diags, fc->src->path, n->loc, DIAG_ERROR,
			 "%s must be a map, not %s: the API server refuses "
			 "this %s", what, kube_what(n), kind);
	return true;
}

/* Where the object keeps its pod template, if it has one. */
static bool find_pod(struct front_ctx *fc, const struct tree_node *obj,
		     const char *kind, struct pod *pod)
{
	const struct tree_node *spec = tree_get(obj, "spec");
	const struct tree_node *tpl;

	if (!strcmp(kind, "Pod")) {
		pod->meta = tree_get(obj, "metadata");
		pod->spec = spec;
		return !not_a_map(fc, spec, "spec", kind) && tree_is_map(spec);
	}
	if (!strcmp(kind, "PodTemplate"))
		tpl = tree_get(obj, "template");
	else if (not_a_map(fc, spec, "spec", kind))
		return false;
	else if (tree_get(spec, "template"))
		tpl = tree_get(spec, "template");
	else
		tpl = tree_path(obj, "spec.jobTemplate.spec.template");
	if (not_a_map(fc, tpl, "template", kind))
		return false;
	pod->meta = tree_get(tpl, "metadata");
	pod->spec = tree_get(tpl, "spec");
	return !not_a_map(fc, pod->spec, "template.spec", kind) &&
	       tree_is_map(pod->spec);
}

static int read_object(struct front_ctx *fc, const struct tree_node *obj,
		       int depth)
{
	const char *kind = tree_text(tree_get(obj, "kind"));
	const struct tree_node *meta = tree_get(obj, "metadata");
	struct pod pod;
	size_t i, first;

	if (!tree_is_map(obj) || !kind)
		return 0;
	if (str_has_suffix(kind, "List") && tree_is_list(tree_get(obj,
								   "items"))) {
		const struct tree_node *items = tree_get(obj, "items");

		if (depth >= KUBE_MAX_LIST_DEPTH) {
			diag_add(fc->diags, fc->src->path, items->loc,
				 DIAG_ERROR, "List nested more than %d deep",
				 KUBE_MAX_LIST_DEPTH);
			return -1;
		}
		for (i = 0; i < items->u.list.n && !front_full(fc); i++)
			read_object(fc, items->u.list.items[i], depth + 1);
		return 0;
	}
	memset(&pod, 0, sizeof(pod));
	if (!find_pod(fc, obj, kind, &pod))
		return 0;
	pod.wl_kind = kind;
	pod.wl_name = tree_text(tree_get(meta, "name"));
	if (!pod.wl_name)
		pod.wl_name = "?";
	pod.wl_namespace = tree_text(tree_get(meta, "namespace"));
	first = fc->model->n;
	read_pod(fc, &pod);
	close_unit(fc, obj, &pod, first);
	return 0;
}

static void kube_build(struct front_ctx *fc, const struct tree_node *doc)
{
	read_object(fc, doc, 0);
}

const struct front front_kube = {
	.name = "kubernetes",
	.summary = "Kubernetes manifests (YAML or JSON, any workload kind)",
	.detect = kube_detect,
	.build = kube_build,
};
