/*
 * grub.c - the kernel command line as the boot loader's files write it:
 * /etc/default/grub (GRUB_CMDLINE_LINUX, GRUB_CMDLINE_LINUX_DEFAULT) and
 * Boot Loader Specification entries (the .conf files of
 * /boot/loader/entries, their `options` line).  selinux=0 there boots
 * the host without SELinux, enforcing=0 boots it permissive, whatever
 * /etc/selinux/config says.
 *
 * Read as plain lines (/etc/default/grub is a shell fragment, sourced by
 * grub2-mkconfig): only those assignments are looked at, and a variable
 * they refer to is not followed.
 */
#include "front/shell.h"

#include <stdlib.h>
#include <string.h>

static bool grub_match_path(const char *path)
{
	return str_has_suffix(path, "/default/grub") ||
	       !strcmp(path, "default/grub") ||
	       (str_has_suffix(path, ".conf") &&
		strstr(path, "loader/entries/") != NULL);
}

/* Does the line (blanks and `export ` skipped) start with `key`? */
static size_t starts_with(const char *s, size_t n, const char *key)
{
	size_t i = 0, k = strlen(key);

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (n - i > 7 && !memcmp(s + i, "export ", 7))
		i += 7;
	return n - i >= k && !memcmp(s + i, key, k) ? i + k : 0;
}

static void grub_build(struct front_ctx *fc, const struct tree_node *doc)
{
	const char *s = fc->src->data;
	size_t pos = 0, n = fc->src->len;

	(void)doc;
	while (pos < n) {
		const char *nl = memchr(s + pos, '\n', n - pos);
		size_t end = nl ? (size_t)(nl - s) : n;
		size_t len = end - pos;
		size_t v = starts_with(s + pos, len, "GRUB_CMDLINE_LINUX");

		if (!v)
			v = starts_with(s + pos, len, "options ");
		if (v) {
			char *line = xstrndup(s + pos, end - pos);

			front_kernel_args(fc, line, source_loc(fc->src, pos));
			free(line);
		}
		pos = end + 1;
	}
}

const struct front front_grub_default = {
	.name = "grub-default",
	.summary = "kernel command line: /etc/default/grub, boot entries",
	.reader = &reader_text,
	.match_path = grub_match_path,
	.build = grub_build,
};
