/*
 * caps.c - the capability tables: every name the kernel knows, the
 * default set of each runtime, and how each runtime reads a name as
 * written.  Data and lookups only; what a container ends up with is
 * computed in derive.c.
 */
#include "model/caps.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* capabilities(7), numbers 0-40, as runc and the kernel know them. */
static const char *const all_caps[] = {
	"CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID",
	"KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE",
	"NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
	"IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT",
	"SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
	"SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE",
	"AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE",
	"MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ",
	"PERFMON", "BPF", "CHECKPOINT_RESTORE",
};

/*
 * Default sets.  Docker, containerd (and so most Kubernetes nodes) grant
 * the same 14; Podman dropped NET_RAW, MKNOD and AUDIT_WRITE; CRI-O grants
 * 9 since 1.18.
 */
static const char *const caps_docker[] = {
	"CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW",
	"SETGID", "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE",
	"SYS_CHROOT", "KILL", "AUDIT_WRITE", NULL
};
static const char *const caps_podman[] = {
	"CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
	"SYS_CHROOT", NULL
};
static const char *const caps_crio[] = {
	"CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "SETGID", "SETUID",
	"SETPCAP", "NET_BIND_SERVICE", "KILL", NULL
};

const char *const *model_all_caps(size_t *n)
{
	*n = ARRAY_SIZE(all_caps);
	return all_caps;
}

char *model_cap_normalize(struct model *m, const char *name)
{
	size_t i, n;
	char *s;

	while (*name == ' ' || *name == '\t')
		name++;
	if (!strncasecmp(name, "CAP_", 4))
		name += 4;
	n = strlen(name);
	while (n && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	s = arena_strndup(m->arena, name, n);
	for (i = 0; i < n; i++)
		s[i] = (char)toupper((unsigned char)s[i]);
	return s;
}

const char *const *model_default_caps(const char *runtime)
{
	if (runtime && !strcmp(runtime, "podman"))
		return caps_podman;
	if (runtime && !strcmp(runtime, "cri-o"))
		return caps_crio;
	return caps_docker;	/* docker, containerd, nerdctl */
}

/* --- names as each runtime reads them ---------------------------------- */

/* The table's entry for an upper-case name without CAP_, or NULL. */
static const char *known_cap(const char *upper)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(all_caps); i++)
		if (!strcmp(all_caps[i], upper))
			return all_caps[i];
	return NULL;
}

/*
 * The runtimes differ only in three answers: is ALL matched before or
 * after CAP_ is taken off, does a written CAP_ prefix survive, and is an
 * unknown name an error or ignored.
 *
 *   docker, podman  upper-case, ALL, then CAP_ optional; unknown (CAP_ALL
 *                   too) is an error (moby's NormalizeLegacyCapabilities,
 *                   containers/common's NormalizeCapabilities).
 *   nerdctl         ALL in any case; upper-case and CAP_ optional; an
 *                   unknown name is passed on and runc ignores it
 *                   (nerdctl's canonicalizeCapName).
 *   containerd      the CRI plugin: ALL in any case, else "CAP_" +
 *                   upper-case(name) whatever was written, so CAP_SYS_ADMIN
 *                   becomes CAP_CAP_SYS_ADMIN, which runc ignores
 *                   (WithCapabilities in containerd's CRI opts).
 *   cri-o           ALL in any case; CAP_ added unless written (any case);
 *                   an unknown add is an error ("unknown capability ...
 *                   to add"), an unknown drop is ignored (setupCapabilities
 *                   in cri-o's container_create_linux.go).
 */
enum cap_effect model_cap_resolve(const char *runtime, const char *written,
				  bool add, const char **name)
{
	char upper[64];
	const char *bare;
	bool cri = runtime && !strcmp(runtime, "containerd");
	bool lenient = runtime && !strcmp(runtime, "nerdctl");
	bool crio = runtime && !strcmp(runtime, "cri-o");
	size_t i, n = strlen(written);

	*name = NULL;
	if (n >= sizeof(upper))
		return add && !cri && !lenient ? CAP_EFFECT_REFUSED :
		       CAP_EFFECT_NONE;
	for (i = 0; i <= n; i++)
		upper[i] = (char)toupper((unsigned char)written[i]);
	if (!strcmp(upper, "ALL"))
		return CAP_EFFECT_ALL;
	bare = strncmp(upper, "CAP_", 4) ? upper : upper + 4;
	if (cri && bare != upper)
		return CAP_EFFECT_NONE;
	*name = known_cap(bare);
	if (*name)
		return CAP_EFFECT_NAMED;
	if (cri || lenient || (crio && !add))
		return CAP_EFFECT_NONE;
	return CAP_EFFECT_REFUSED;
}
