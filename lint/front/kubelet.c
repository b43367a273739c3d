/*
 * kubelet.c - a KubeletConfiguration (kubelet.config.k8s.io, YAML or
 * JSON, the file the kubelet reads with --config) into a kubelet object.
 *
 * Detected by its kind, in any YAML or JSON file; checked before the
 * Kubernetes workload front end, which would otherwise claim it.  Read:
 * authentication.anonymous.enabled, authentication.webhook.enabled,
 * authorization.mode, readOnlyPort, allowedUnsafeSysctls,
 * protectKernelDefaults, seccompDefault.  A field left out is left unset:
 * the rules know the config file's defaults (anonymous off, Webhook
 * authorization, read-only port off), which differ from the command
 * line's legacy defaults.  Command-line flags are read by
 * kubelet_flags.c into objects of the same kind, and put over this one
 * in the cross-file step (model/xref_kubelet.c).
 */
#include "front/front.h"

#include <string.h>

static bool kubelet_detect(const struct tree_node *doc)
{
	const char *kind = tree_text(tree_get(doc, "kind"));

	return tree_is_map(doc) && kind &&
	       !strcmp(kind, "KubeletConfiguration");
}

static void read_auth(struct front_ctx *fc, struct mobj *k,
		      const struct tree_node *doc)
{
	const struct tree_node *authn, *authz, *anon, *hook;

	if (front_get_map(fc, doc, "authentication", &authn) > 0) {
		if (front_get_map(fc, authn, "anonymous", &anon) > 0)
			front_copy_bool(fc, k, KF_ANONYMOUS, anon, "enabled");
		if (front_get_map(fc, authn, "webhook", &hook) > 0)
			front_copy_bool(fc, k, KF_WEBHOOK_AUTHN, hook,
					"enabled");
	}
	if (front_get_map(fc, doc, "authorization", &authz) > 0)
		front_copy_str(fc, k, KF_AUTHZ_MODE, authz, "mode");
}

static void kubelet_build(struct front_ctx *fc, const struct tree_node *doc)
{
	struct mobj *k;

	k = model_add(fc->model, MO_KUBELET, "kubelet config", doc->loc);
	k->share |= MOBJ_SHARE_NODE_CONFIG;
	read_auth(fc, k, doc);
	front_copy_int(fc, k, KF_READ_ONLY_PORT, doc, "readOnlyPort");
	front_get_strings(fc, doc, "allowedUnsafeSysctls", k,
			  KF_UNSAFE_SYSCTLS, false);
	front_copy_bool(fc, k, KF_PROTECT_KERNEL, doc,
			"protectKernelDefaults");
	front_copy_bool(fc, k, KF_SECCOMP_DEFAULT, doc, "seccompDefault");
}

const struct front front_kubelet = {
	.name = "kubelet-config",
	.summary = "KubeletConfiguration (the kubelet's --config file)",
	.detect = kubelet_detect,
	.build = kubelet_build,
};
