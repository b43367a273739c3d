/*
 * caps.c - the capability tables: every name the kernel knows and the
 * default set of each runtime.  Data and lookups only; what a container
 * ends up with is computed in derive.c.
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
	return caps_docker;
}
