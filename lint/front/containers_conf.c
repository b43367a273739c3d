/*
 * containers_conf.c - containers.conf (Podman, Buildah, CRI-O's common
 * configuration) into an engine_defaults object: what every container the
 * engine starts gets.
 *
 * Detected by name: containers.conf, containers.rootless.conf, and *.conf
 * inside a containers.conf.d or containers.rootless.conf.d directory (or
 * --kind containers-conf).  Read with our TOML reader.  Keys and tables
 * Podman does not know are recorded: Podman only logs them at debug level,
 * so a misspelled key silently keeps the default.
 *
 * One file's object holds what that file sets.  Merging a main file with
 * its drop-ins happens after every file is read (global.c).
 */
#include "front/front.h"

#include <stdlib.h>
#include <string.h>

/* The tables and keys Podman 5 reads (containers/common pkg/config). */
static const char *const tables[] = {
	"containers", "engine", "machine", "network", "secrets", "configmaps",
	"farms", "podmansh", NULL
};
static const char *const containers_keys[] = {
	"annotations", "apparmor_profile", "base_hosts_file", "cgroup_conf",
	"cgroupns", "cgroups", "container_name_as_hostname",
	"default_capabilities", "default_sysctls", "default_ulimits",
	"devices", "dns_options", "dns_searches", "dns_servers", "env",
	"env_host", "host_containers_internal_ip", "http_proxy", "init",
	"init_path", "interface_name", "ipcns", "keyring", "label",
	"label_users", "log_driver", "log_path", "log_size_max", "log_tag",
	"mounts", "netns", "no_hosts", "oom_score_adj", "pidns",
	"pids_limit", "prepare_volume_on_create", "privileged", "read_only",
	"seccomp_profile", "shm_size", "tz", "umask", "userns", "userns_size",
	"utsns", "volumes", NULL
};
static const char *const engine_keys[] = {
	"active_service", "add_compression", "cdi_spec_dirs", "cgroup_manager",
	"compat_api_enforce_docker_hub", "compression_format",
	"compression_level", "conmon_env_vars", "conmon_path",
	"conmon_rs_path", "database_backend", "detach_keys",
	"enable_port_reservation", "env", "events_container_create_inspect_data",
	"events_log_file_max_size", "events_log_file_path", "events_logger",
	"graphroot", "healthcheck_events", "helper_binaries_dir",
	"hooks_dir", "image_build_format", "image_copy_tmp_dir",
	"image_default_format", "image_default_transport",
	"image_parallel_copies", "image_volume_mode", "infra_command",
	"infra_image", "kube_generate_type", "lock_type", "machine_enabled",
	"multi_image_archive", "namespace", "network_cmd_options",
	"network_cmd_path", "no_pivot_root", "num_locks",
	"platform_to_oci_runtime", "pod_exit_policy", "pull_policy",
	"remote", "retry", "retry_delay", "runtime", "runtime_supports_json",
	"runtime_supports_kvm", "runtime_supports_nocgroups", "runtimes",
	"runtimes_flags", "service_destinations", "service_timeout",
	"set_mempolicy_home_node", "ssh_config", "static_dir",
	"stop_timeout", "tmp_dir", "volume_path", "volume_plugin_timeout",
	"volume_plugins", "exit_command_delay", "chown_copied_files",
	"events_logfile_path", "events_logfile_max_size", "compose_providers",
	"compose_warning_logs", "podmansh_timeout", NULL
};

static const char *const ns_keys[] = {
	"userns", "pidns", "ipcns", "netns", "utsns", "cgroupns", NULL
};

static bool conf_match_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = path_base(path);

	if (!strcmp(base, "containers.conf") ||
	    !strcmp(base, "containers.rootless.conf"))
		return true;
	if (!str_has_suffix(base, ".conf") || !slash)
		return false;
	/* a drop-in: <dir>/containers[.rootless].conf.d/<name>.conf */
	return (slash - path >= 17 &&
		!strncmp(slash - 17, "containers.conf.d", 17)) ||
	       (slash - path >= 26 &&
		!strncmp(slash - 26, "containers.rootless.conf.d", 26));
}

static void unknown(struct front_ctx *fc, struct mobj *e,
		    const struct tree_node *key, const char *prefix)
{
	char *name = prefix ? xasprintf("[%s] %s", prefix, key->u.s.text) :
			      xasprintf("[%s]", key->u.s.text);

	mlist_push_str(fc->model, mobj_list(fc->model, e, EF_UNKNOWN_KEYS,
					    key->loc), name, key->loc);
	free(name);
}

/* An array of strings; an {append=true} member is skipped (Podman 5). */
static void strings(struct front_ctx *fc, struct mobj *e, int slot,
		    const struct tree_pair *p, bool caps)
{
	struct mlist *l;
	size_t i;

	if (!tree_is_list(p->value)) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be an array of strings", p->key->u.s.text);
		return;
	}
	l = mobj_list(fc->model, e, slot, front_pair_loc(p));
	for (i = 0; i < p->value->u.list.n; i++) {
		const struct tree_node *it = p->value->u.list.items[i];

		if (tree_is_map(it))
			continue;
		if (!tree_is_scalar(it) || it->type != TT_STRING) {
			diag_add(fc->diags, fc->src->path, it->loc, DIAG_ERROR,
				 "%s entries must be strings",
				 p->key->u.s.text);
			continue;
		}
		mlist_push_str(fc->model, l, caps ?
			       model_cap_normalize(fc->model, it->u.s.text) :
			       it->u.s.text, it->loc);
	}
}

static void boolean(struct front_ctx *fc, struct mobj *e, int slot,
		    const struct tree_pair *p)
{
	if (p->value->type != TT_BOOL) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be true or false", p->key->u.s.text);
		return;
	}
	mobj_set_bool(e, slot, !strcmp(p->value->u.s.text, "true"),
		      front_pair_loc(p));
}

static void string(struct front_ctx *fc, struct mobj *e, int slot,
		   const struct tree_pair *p)
{
	if (!tree_is_scalar(p->value) || p->value->type != TT_STRING) {
		diag_add(fc->diags, fc->src->path, p->value->loc, DIAG_ERROR,
			 "%s must be a string", p->key->u.s.text);
		return;
	}
	mobj_set_str(fc->model, e, slot, p->value->u.s.text,
		     front_pair_loc(p));
}

/* The host path of "type=bind,source=/x,..." or "/x:/y:opts". */
static char *host_path_of(const char *spec)
{
	const char *s = strstr(spec, "source=");
	const char *src = strstr(spec, "src=");
	size_t n;

	if (s || src) {
		s = s ? s + 7 : src + 4;
		n = strcspn(s, ",");
		return xstrndup(s, n);
	}
	if (spec[0] != '/')
		return NULL;	/* a named volume */
	n = strcspn(spec, ":");
	return xstrndup(spec, n);
}

static void host_paths(struct front_ctx *fc, struct mobj *e,
		       const struct tree_pair *p)
{
	struct mlist *l;
	size_t i;

	if (!tree_is_list(p->value))
		return;
	l = mobj_list(fc->model, e, EF_HOST_PATHS, front_pair_loc(p));
	for (i = 0; i < p->value->u.list.n; i++) {
		const struct tree_node *it = p->value->u.list.items[i];
		char *hp = tree_text(it) ? host_path_of(tree_text(it)) : NULL;

		if (hp)
			mlist_push_str(fc->model, l, hp, it->loc);
		free(hp);
	}
}

/* userns, pidns, ...: "host" shares the host's; userns kept as written. */
static void name_space(struct front_ctx *fc, struct mobj *e,
		       const struct tree_pair *p)
{
	const char *k = p->key->u.s.text, *v = tree_text(p->value);

	if (!v)
		return;
	if (!strcmp(k, "userns"))
		mobj_set_str(fc->model, e, EF_USERNS, v, front_pair_loc(p));
	if (!strcmp(v, "host"))
		mlist_push_str(fc->model,
			       mobj_list(fc->model, e, EF_HOST_NAMESPACES,
					 front_pair_loc(p)),
			       k, front_pair_loc(p));
}

static void read_containers(struct front_ctx *fc, struct mobj *e,
			    const struct tree_node *t)
{
	size_t i;

	for (i = 0; i < t->u.map.n; i++) {
		const struct tree_pair *p = &t->u.map.pairs[i];
		const char *k = p->key->u.s.text;

		if (!str_in_list(containers_keys, k))
			unknown(fc, e, p->key, "containers");
		else if (!strcmp(k, "privileged"))
			boolean(fc, e, EF_PRIVILEGED, p);
		else if (!strcmp(k, "default_capabilities"))
			strings(fc, e, EF_DEFAULT_CAPS, p, true);
		else if (!strcmp(k, "seccomp_profile"))
			string(fc, e, EF_SECCOMP_PROFILE, p);
		else if (!strcmp(k, "apparmor_profile"))
			string(fc, e, EF_APPARMOR_PROFILE, p);
		else if (!strcmp(k, "label"))
			boolean(fc, e, EF_LABEL, p);
		else if (!strcmp(k, "label_users"))
			boolean(fc, e, EF_LABEL_USERS, p);
		else if (!strcmp(k, "read_only"))
			boolean(fc, e, EF_READ_ONLY, p);
		else if (!strcmp(k, "env_host"))
			boolean(fc, e, EF_ENV_HOST, p);
		else if (!strcmp(k, "devices"))
			strings(fc, e, EF_DEVICES, p, false);
		else if (!strcmp(k, "default_sysctls"))
			strings(fc, e, EF_SYSCTLS, p, false);
		else if (!strcmp(k, "mounts") || !strcmp(k, "volumes"))
			host_paths(fc, e, p);
		else if (str_in_list(ns_keys, k))
			name_space(fc, e, p);
	}
}

static void read_engine(struct front_ctx *fc, struct mobj *e,
			const struct tree_node *t)
{
	size_t i;

	for (i = 0; i < t->u.map.n; i++) {
		const struct tree_pair *p = &t->u.map.pairs[i];
		const char *k = p->key->u.s.text;

		if (!str_in_list(engine_keys, k))
			unknown(fc, e, p->key, "engine");
		else if (!strcmp(k, "hooks_dir"))
			strings(fc, e, EF_HOOKS_DIR, p, false);
		else if (!strcmp(k, "no_pivot_root"))
			boolean(fc, e, EF_NO_PIVOT_ROOT, p);
	}
}

static void derive_caps(struct front_ctx *fc, struct mobj *e)
{
	const struct mval *caps = mobj_get(e, EF_DEFAULT_CAPS);
	struct mlist *out;
	size_t i;

	if (caps->type != MV_LIST)
		return;
	out = mobj_list(fc->model, e, EF_CAPS_ADDED, caps->loc);
	for (i = 0; i < caps->u.list->n; i++)
		if (!str_in_list(model_default_caps("podman"),
				 caps->u.list->v[i].u.s))
			mlist_push_str(fc->model, out, caps->u.list->v[i].u.s,
				       caps->u.list->v[i].loc);
}

static void conf_build(struct front_ctx *fc, const struct tree_node *doc)
{
	size_t i;
	struct mobj *e;

	if (!tree_is_map(doc))
		return;
	e = model_add(fc->model, MO_ENGINE_DEFAULTS, "containers.conf",
		      doc->loc);
	e->share |= MOBJ_SHARE_CONF_SET;
	for (i = 0; i < doc->u.map.n; i++) {
		const struct tree_pair *p = &doc->u.map.pairs[i];
		const char *k = p->key->u.s.text;

		if (!tree_is_map(p->value))
			diag_add(fc->diags, fc->src->path, p->key->loc,
				 DIAG_ERROR, "%s is outside any table: every "
				 "containers.conf option belongs to a table "
				 "such as [containers]", k);
		else if (!str_in_list(tables, k))
			unknown(fc, e, p->key, NULL);
		else if (!strcmp(k, "containers"))
			read_containers(fc, e, p->value);
		else if (!strcmp(k, "engine"))
			read_engine(fc, e, p->value);
	}
	derive_caps(fc, e);
}

static bool conf_detect(const struct tree_node *doc)
{
	(void)doc;
	return false;	/* by name or --kind only: TOML has no signature */
}

const struct front front_containers_conf = {
	.name = "containers-conf",
	.summary = "containers.conf and its drop-in directories",
	.reader = &reader_toml,
	.match_path = conf_match_path,
	.detect = conf_detect,
	.build = conf_build,
};
