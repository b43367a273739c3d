/*
 * nist.c - see nist.h.  Titles follow the publication; the two-line
 * summaries are ours.
 */
#include "engine/nist.h"

#include <string.h>

#include "base/util.h"

static const struct nist_section sections[] = {
	{ "3.4.1", "Vulnerabilities within the runtime software",
	  "A flaw in the container runtime can let a process escape its "
	  "container and reach other containers and the host.",
	  "4.4.1: keep runtimes patched; orchestrators deploy only to "
	  "maintained runtimes." },
	{ "3.4.2", "Unbounded network access from containers",
	  "A compromised container that can reach other containers, the "
	  "host and other networks becomes a stepping stone.",
	  "4.4.2: control egress; separate networks of different "
	  "sensitivity." },
	{ "3.4.3", "Insecure container runtime configurations",
	  "Runtime options set too loosely (privileged mode, added "
	  "capabilities, a wider system call set, host directories) lower "
	  "the security of the whole system.",
	  "4.4.3: enforce configuration standards; confine containers with "
	  "SELinux or AppArmor; run at least the runtime's default seccomp "
	  "profile." },
	{ "3.4.4", "App vulnerabilities",
	  "A flaw in the application gives an attacker the container's "
	  "privileges, and whatever its configuration lets it reach.",
	  "4.4.4: detect anomalies; run containers with read-only root "
	  "filesystems." },
	{ "3.4.5", "Rogue containers",
	  "Unplanned or unvetted containers run without the checks and "
	  "configuration the sanctioned ones get.",
	  "4.4.5: separate environments; tie container creation to "
	  "identities; enforce baselines before a container runs." },
	{ "3.5.1", "Large attack surface",
	  "Every service on the host is a way in, and a compromised host "
	  "compromises all of its containers.",
	  "4.5.1: minimal, container-specific host OSs; nothing but "
	  "containers on the host." },
	{ "3.5.2", "Shared kernel",
	  "Containers share the host's kernel, so their isolation is only "
	  "as strong as the kernel interfaces they are kept away from.",
	  "4.5.2: group containers by sensitivity; keep containerized and "
	  "other workloads on separate hosts." },
	{ "3.5.3", "Host OS component vulnerabilities",
	  "Flaws in the host's kernel and system components affect every "
	  "container on it.",
	  "4.5.3: keep host components current; operate hosts immutably." },
	{ "3.5.4", "Improper user access rights",
	  "Users who log on to hosts directly can change containers beyond "
	  "what their role allows.",
	  "4.5.4: manage containers through the orchestrator; audit host "
	  "logins and privileged operations." },
	{ "3.5.5", "Host OS file system tampering",
	  "A container allowed to mount sensitive host directories can "
	  "change the host and every container on it.",
	  "4.5.5: minimal file system permissions; no mounts of sensitive "
	  "host directories." },
};

const struct nist_section *nist_sections(size_t *n)
{
	*n = ARRAY_SIZE(sections);
	return sections;
}

const struct nist_section *nist_find(const char *id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sections); i++)
		if (!strcmp(sections[i].id, id))
			return &sections[i];
	return NULL;
}
