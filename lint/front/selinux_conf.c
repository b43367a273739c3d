/*
 * selinux_conf.c - /etc/selinux/config into a host object.
 *
 * Detected by path (.../selinux/config) or, for a file named `config`
 * elsewhere (or standard input with --kind selinux-config), by a line that
 * starts with SELINUX=.  The mode is read as libselinux reads it: the
 * value is compared case-insensitively, and an unknown value is an error
 * (libselinux would not recognise it: the kernel's default applies, which
 * is not what the file's author meant).
 */
#include "front/front.h"

#include <string.h>
#include <strings.h>

static const char *const modes[] = { "enforcing", "permissive", "disabled" };

static bool selinux_match_path(const char *path)
{
	return str_has_suffix(path, "/selinux/config") ||
	       !strcmp(path, "selinux/config");
}

/* A line that starts with SELINUX= and a known mode after it. */
static bool selinux_sniff(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;

		if (end - i > 8 && !memcmp(text + i, "SELINUX=", 8))
			return true;
		i = end + 1;
	}
	return false;
}

static bool selinux_detect(const struct tree_node *doc)
{
	return tree_is_map(doc) && tree_get(doc, "SELINUX");
}

static void selinux_build(struct front_ctx *fc, const struct tree_node *doc)
{
	const struct tree_pair *mode = tree_get_pair(doc, "SELINUX");
	const struct tree_pair *type = tree_get_pair(doc, "SELINUXTYPE");
	struct mobj *h;
	size_t i;

	if (!tree_is_map(doc))
		return;
	h = model_add(fc->model, MO_HOST, "the host", doc->loc);
	if (type)
		mobj_set_str(fc->model, h, HF_SELINUX_POLICY,
			     type->value->u.s.text, front_pair_loc(type));
	if (!mode)
		return;
	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		if (strcasecmp(mode->value->u.s.text, modes[i]))
			continue;
		mobj_set_str(fc->model, h, HF_SELINUX_MODE, modes[i],
			     front_pair_loc(mode));
		return;
	}
	diag_add(fc->diags, fc->src->path, mode->value->loc, DIAG_ERROR,
		 "SELINUX=%s is not enforcing, permissive or disabled: "
		 "SELinux would not read it", mode->value->u.s.text);
}

const struct front front_selinux_config = {
	.name = "selinux-config",
	.summary = "/etc/selinux/config",
	.reader = &reader_keyvalue,
	.match_path = selinux_match_path,
	.sniff = selinux_sniff,
	.detect = selinux_detect,
	.build = selinux_build,
};
