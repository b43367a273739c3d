/*
 * seccomp_facts.c - see seccomp_facts.h.
 *
 * How a runtime applies a profile: for each syscall, the first rule that
 * names it and applies to the container (includes/excludes of
 * capabilities and architectures) decides; a call no rule names gets the
 * default action.  A rule with `args` decides only for some argument
 * values, so it neither fully allows nor fully denies.
 *
 * One assumption, the same for the profile judged and for the runtime
 * default it is compared with: a default container (the 14 capabilities
 * Docker and containerd grant, a superset of Podman's 11 and CRI-O's 9,
 * so a rule that includes.caps asks for applies at least as often as on
 * any of them), on x86_64, under a kernel at least as new as every
 * includes.minKernel (every kernel the runtimes still support is newer
 * than the 4.8 the default profiles ask for): a minKernel rule applies.
 *
 * What it does not do: judge (rules/CG5xx do), or know which host the
 * profile will run on.
 */
#include "model/seccomp_facts.h"

#include "model/caps.h"

#include <seccomp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Names of the native architecture in includes/excludes.arches. */
static const char *const native_arches[] = { "amd64", "x86_64", NULL };

static const char *const actions[] = {
	"SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
	"SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW",
	"SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", NULL
};

/*
 * Syscalls newer than Debian 12's libseccomp (2.5.4) knows, and real: a
 * profile naming them is not misspelled.  (Kernel version added.)
 */
static const char *const newer_syscalls[] = {
	"mseal",		/* 6.10 */
	"listmount", "statmount",	/* 6.8 */
	"lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules", /* 6.8 */
	"uretprobe",		/* 6.11 */
	"setxattrat", "getxattrat", "listxattrat", "removexattrat", /* 6.13 */
	"open_tree_attr",	/* 6.15 */
	"file_getattr", "file_setattr",	/* 6.17 */
	"riscv_hwprobe",	/* 6.4, riscv64 only */
	"listns", "rseq_slice_yield", "uprobe",	/* newest kernels */
	NULL
};

/*
 * What Docker's default profile (moby/profiles seccomp/default.json, the
 * one containerd's RuntimeDefault follows too) keeps from a default
 * container under the assumption above, and why it matters.  A profile
 * that lets these through leaves the kernel interfaces most escapes and
 * exploits use one layer thinner.  ptrace, process_vm_readv and
 * process_vm_writev are not here: Docker's default allows them from
 * kernel 4.8 on (minKernel), where ptrace no longer bypasses seccomp.
 */
static const struct dangerous {
	const char *name;
	/*
	 * Podman's and CRI-O's default profile (containers/common
	 * pkg/seccomp/seccomp.json) lets it through under the same
	 * assumption, leaving it to capabilities and namespaces.  Unless
	 * --runtime names Docker, containerd or nerdctl, a profile is
	 * compared with both defaults, and a call counts only where both
	 * block it.
	 */
	bool podman_allows;
} dangerous_syscalls[] = {
	/* mounting filesystems, old and new API; changing the root */
	{ "mount", true },
	{ "umount", true },
	{ "umount2", true },
	{ "fsopen", true },
	{ "fsconfig", true },
	{ "fsmount", true },
	{ "fspick", true },
	{ "move_mount", true },
	{ "open_tree", true },
	{ "open_tree_attr", false },
	{ "mount_setattr", true },
	{ "pivot_root", true },
	/* new namespaces: the first step of many container escapes */
	{ "unshare", true },
	{ "setns", true },
	{ "clone3", true },
	/* kernel code: modules, BPF, a new kernel */
	{ "init_module", false },
	{ "finit_module", false },
	{ "delete_module", false },
	{ "create_module", false },
	{ "bpf", false },
	{ "kexec_load", false },
	{ "kexec_file_load", false },
	{ "reboot", true },
	/* other processes' memory */
	{ "pidfd_getfd", true },
	{ "kcmp", false },
	{ "process_madvise", false },
	/* exploit primitives */
	{ "keyctl", true },
	{ "add_key", false },
	{ "request_key", false },
	{ "userfaultfd", false },
	{ "perf_event_open", false },
	{ "io_uring_setup", false },
	{ "io_uring_enter", false },
	{ "io_uring_register", false },
	/* the host's files by handle ("shocker"), raw I/O, host-wide state */
	{ "open_by_handle_at", false },
	{ "iopl", false },
	{ "ioperm", false },
	{ "swapon", false },
	{ "swapoff", false },
	{ "syslog", true },
	{ "acct", false },
	{ "settimeofday", false },
	{ "clock_settime", false },
	{ "quotactl", false },
	{ "quotactl_fd", false },
	{ "lookup_dcookie", false },
	{ "_sysctl", false },
	{ "uselib", false },
	{ "nfsservctl", false },
	{ "vhangup", false },
	{ "sethostname", false },
	{ "setdomainname", false },
	{ "fanotify_init", true },
	{ "mbind", true },
	{ "migrate_pages", false },
	{ "move_pages", false },
	{ "set_mempolicy", true },
	{ "set_mempolicy_home_node", false },
	{ NULL, false }
};



/*
 * Syscalls that do the same thing: denying some of a group while another
 * is allowed leaves the operation open.
 */
struct equiv_group {
	const char *what;
	const char *cap;	/* the kernel asks for it anyway, or NULL */
	const char *const names[8];
};

static const struct equiv_group groups[] = {
	{ "change a file's mode", NULL,
	  { "chmod", "fchmod", "fchmodat", "fchmodat2" } },
	{ "change a file's owner", NULL,
	  { "chown", "fchown", "lchown", "fchownat", "chown32", "fchown32",
	    "lchown32" } },
	{ "open or create a file", NULL,
	  { "open", "openat", "openat2", "creat" } },
	{ "execute a program", NULL, { "execve", "execveat" } },
	{ "mount a filesystem", "SYS_ADMIN",
	  { "mount", "fsopen", "fsmount", "move_mount", "open_tree",
	    "fspick" } },
	{ "unmount a filesystem", "SYS_ADMIN", { "umount", "umount2" } },
	{ "create namespaces", NULL, { "clone", "clone3" } },
	{ "reach another process's memory", NULL,
	  { "ptrace", "process_vm_readv", "process_vm_writev",
	    "pidfd_getfd" } },
	{ "load a kernel module", "SYS_MODULE", { "init_module", "finit_module" } },
	{ "load a new kernel", "SYS_BOOT", { "kexec_load", "kexec_file_load" } },
	{ "rename a file", NULL, { "rename", "renameat", "renameat2" } },
	{ "hard-link a file", NULL, { "link", "linkat" } },
	{ "make a symbolic link", NULL, { "symlink", "symlinkat" } },
	{ "remove a file", NULL, { "unlink", "unlinkat" } },
	{ "make a device node", NULL, { "mknod", "mknodat" } },
	{ "set extended attributes", NULL,
	  { "setxattr", "lsetxattr", "fsetxattr", "setxattrat" } },
	{ "set the clock", "SYS_TIME",
	  { "settimeofday", "clock_settime", "clock_settime64", "adjtimex",
	    "clock_adjtime", "clock_adjtime64", "stime" } },
	{ "open sockets", NULL, { "socket", "socketcall" } },
	{ "use System V IPC", NULL,
	  { "ipc", "semget", "semop", "msgget", "msgsnd", "shmget",
	    "shmat" } },
};

/* 32-bit ABIs a 64-bit architecture brings, which a filter must list. */
static const struct {
	const char *arch;
	const char *subs[3];
} sub_arches[] = {
	{ "SCMP_ARCH_X86_64", { "SCMP_ARCH_X86", "SCMP_ARCH_X32" } },
	{ "SCMP_ARCH_AARCH64", { "SCMP_ARCH_ARM" } },
	{ "SCMP_ARCH_S390X", { "SCMP_ARCH_S390" } },
	{ "SCMP_ARCH_PPC64", { "SCMP_ARCH_PPC" } },
	{ "SCMP_ARCH_MIPS64", { "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64N32" } },
	{ "SCMP_ARCH_MIPSEL64",
	  { "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64N32" } },
};

/* libseccomp's names for SCMP_ARCH_* (its own headers lag behind). */
static const struct {
	const char *scmp;
	const char *libname;
} arch_names[] = {
	{ "SCMP_ARCH_X86", "x86" }, { "SCMP_ARCH_X86_64", "x86_64" },
	{ "SCMP_ARCH_X32", "x32" }, { "SCMP_ARCH_ARM", "arm" },
	{ "SCMP_ARCH_AARCH64", "aarch64" }, { "SCMP_ARCH_MIPS", "mips" },
	{ "SCMP_ARCH_MIPS64", "mips64" },
	{ "SCMP_ARCH_MIPS64N32", "mips64n32" },
	{ "SCMP_ARCH_MIPSEL", "mipsel" }, { "SCMP_ARCH_MIPSEL64", "mipsel64" },
	{ "SCMP_ARCH_MIPSEL64N32", "mipsel64n32" },
	{ "SCMP_ARCH_PPC", "ppc" }, { "SCMP_ARCH_PPC64", "ppc64" },
	{ "SCMP_ARCH_PPC64LE", "ppc64le" }, { "SCMP_ARCH_S390", "s390" },
	{ "SCMP_ARCH_S390X", "s390x" }, { "SCMP_ARCH_PARISC", "parisc" },
	{ "SCMP_ARCH_PARISC64", "parisc64" },
	{ "SCMP_ARCH_RISCV64", "riscv64" },
	{ "SCMP_ARCH_LOONGARCH64", "loongarch64" },
};

bool seccomp_arch_known(const char *arch)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(arch_names); i++)
		if (!strcmp(arch_names[i].scmp, arch))
			return true;
	return false;
}

bool seccomp_action_known(const char *action)
{
	return str_in_list(actions, action);
}

/* Known on one architecture: a number, or a pseudo number (< -1). */
static bool known_on(const char *arch, const char *name)
{
	uint32_t token = seccomp_arch_resolve_name(arch);

	return token && seccomp_syscall_resolve_name_arch(token, name) !=
			__NR_SCMP_ERROR;
}

bool seccomp_name_known(const char *name, const struct mlist *arches)
{
	size_t i, j;
	bool any_arch = false;

	if (str_in_list(newer_syscalls, name))
		return true;
	for (i = 0; arches && i < arches->n; i++) {
		for (j = 0; j < ARRAY_SIZE(arch_names); j++) {
			if (strcmp(arches->v[i].u.s, arch_names[j].scmp))
				continue;
			any_arch = true;
			if (known_on(arch_names[j].libname, name))
				return true;
		}
	}
	if (any_arch)
		return false;
	/* No architecture we know listed: any architecture will do. */
	for (j = 0; j < ARRAY_SIZE(arch_names); j++)
		if (known_on(arch_names[j].libname, name))
			return true;
	return false;
}

/* --- how a rule applies ------------------------------------------------- */

static const struct mlist *list_of(const struct mobj *o, int slot)
{
	const struct mval *v = mobj_get(o, slot);

	return v->type == MV_LIST ? v->u.list : NULL;
}

static bool v_is_str(const struct mval *v)
{
	return v->type == MV_STR;
}

static bool any_in(const struct mlist *l, const char *const *set)
{
	size_t i;

	for (i = 0; l && i < l->n; i++)
		if (v_is_str(&l->v[i]) && str_in_list(set, l->v[i].u.s))
			return true;
	return false;
}

/*
 * Does a default container (Docker's and containerd's set) hold `cap`,
 * written with or without CAP_?
 */
static bool default_holds(const char *cap)
{
	if (!strncmp(cap, "CAP_", 4))
		cap += 4;
	return str_in_list(model_default_caps(NULL), cap);
}

/* Are all (want_all) or any of the capabilities of `l` held by default? */
static bool caps_held(const struct mlist *l, bool want_all)
{
	size_t i;

	for (i = 0; l && i < l->n; i++) {
		bool held = v_is_str(&l->v[i]) && default_holds(l->v[i].u.s);

		if (held != want_all)
			return held;
	}
	return want_all;
}

/* Does the rule apply to a default container on x86_64? */
static bool rule_applies(const struct mobj *r)
{
	const struct mlist *ia = list_of(r, SRF_INCLUDES_ARCHES);

	if (!caps_held(list_of(r, SRF_INCLUDES_CAPS), true))
		return false;
	if (caps_held(list_of(r, SRF_EXCLUDES_CAPS), false))
		return false;
	if (ia && ia->n && !any_in(ia, native_arches))
		return false;
	if (any_in(list_of(r, SRF_EXCLUDES_ARCHES), native_arches))
		return false;
	return true;
}

/* A rule that always decides, whatever the container: no conditions. */
static bool rule_unconditional(const struct mobj *r)
{
	const struct mval *args = mobj_get(r, SRF_HAS_ARGS);
	const struct mlist *l;

	if (args->type == MV_BOOL && args->u.b)
		return false;
	l = list_of(r, SRF_INCLUDES_CAPS);
	if (l && l->n)
		return false;
	l = list_of(r, SRF_EXCLUDES_CAPS);
	if (l && l->n)
		return false;
	l = list_of(r, SRF_INCLUDES_ARCHES);
	if (l && l->n)
		return false;
	l = list_of(r, SRF_EXCLUDES_ARCHES);
	return !(l && l->n);
}

static bool action_allows(const char *a)
{
	return a && (!strcmp(a, "SCMP_ACT_ALLOW") || !strcmp(a, "SCMP_ACT_LOG"));
}

static bool action_denies(const char *a)
{
	return a && (str_has_prefix(a, "SCMP_ACT_KILL") ||
		     !strcmp(a, "SCMP_ACT_ERRNO") || !strcmp(a, "SCMP_ACT_TRAP"));
}

/* How one syscall fares. */
struct verdict {
	const char *action;	/* the deciding action */
	const struct mval *at;	/* the name in the deciding rule, or NULL */
	bool conditional;	/* decided only for some arguments */
	int64_t errno_ret;	/* the deciding rule's errno, or -1 */
};

static const char *str_field(const struct mobj *o, int slot)
{
	const struct mval *v = mobj_get(o, slot);

	return v->type == MV_STR ? v->u.s : NULL;
}

/*
 * Every name of every rule of a profile, sorted by name and then by
 * place (rule, then place in the rule): the rules that name a syscall
 * are found by a binary search, not by reading every rule for each of
 * the syscalls asked about, which grew with the product of the two.
 */
struct name_ref {
	const char *name;
	const struct mval *at;	/* the name in its rule */
	uint32_t rule;		/* index in the profile's rules */
	uint32_t pos;		/* place among all the profile's names */
};

struct name_index {
	const struct mlist *rules;
	struct name_ref *v;
	size_t n;
	bool *applies;		/* per rule: rule_applies() */
};

static int name_ref_cmp(const void *pa, const void *pb)
{
	const struct name_ref *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	if (c)
		return c;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static void name_index_build(struct name_index *ix, const struct mobj *p)
{
	const struct mlist *rules = list_of(p, SPF_RULES);
	size_t i, j, n = 0;

	memset(ix, 0, sizeof(*ix));
	ix->rules = rules;
	for (i = 0; rules && i < rules->n; i++) {
		const struct mlist *names = list_of(rules->v[i].u.obj,
						    SRF_NAMES);

		n += names ? names->n : 0;
	}
	ix->v = xcalloc(n ? n : 1, sizeof(*ix->v));
	ix->applies = xcalloc(rules && rules->n ? rules->n : 1,
			      sizeof(*ix->applies));
	for (i = 0; rules && i < rules->n; i++) {
		const struct mobj *r = rules->v[i].u.obj;
		const struct mlist *names = list_of(r, SRF_NAMES);

		ix->applies[i] = rule_applies(r);
		for (j = 0; names && j < names->n; j++) {
			struct name_ref *e = &ix->v[ix->n];

			e->name = names->v[j].u.s;
			e->at = &names->v[j];
			e->rule = (uint32_t)i;
			e->pos = (uint32_t)ix->n++;
		}
	}
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof(*ix->v), name_ref_cmp);
}

static void name_index_free(struct name_index *ix)
{
	free(ix->v);
	free(ix->applies);
}

/* The first entry for `name` (its earliest place), or the end. */
static size_t name_first(const struct name_index *ix, const char *name)
{
	return str_lower_bound(ix->v, 0, ix->n, sizeof(*ix->v),
			       offsetof(struct name_ref, name), name);
}

static void judge_name(const struct mobj *p, const struct name_index *ix,
		       const char *name, struct verdict *out)
{
	const struct mval *def_errno = mobj_get(p, SPF_DEFAULT_ERRNO);
	size_t k;

	out->action = str_field(p, SPF_DEFAULT_ACTION);
	out->at = NULL;
	out->conditional = false;
	out->errno_ret = def_errno->type == MV_INT ? def_errno->u.i : -1;
	/* the first rule that applies and names it decides */
	for (k = name_first(ix, name);
	     k < ix->n && !strcmp(ix->v[k].name, name); k++) {
		const struct mobj *r = ix->rules->v[ix->v[k].rule].u.obj;
		const struct mval *e = mobj_get(r, SRF_ERRNO);

		if (!ix->applies[ix->v[k].rule])
			continue;
		out->action = str_field(r, SRF_ACTION);
		out->at = ix->v[k].at;
		/* Capabilities and arches were settled above. */
		out->conditional = mobj_get(r, SRF_HAS_ARGS)->type == MV_BOOL &&
				   mobj_get(r, SRF_HAS_ARGS)->u.b;
		out->errno_ret = e->type == MV_INT ? e->u.i : -1;
		return;
	}
}

/* --- the facts ------------------------------------------------------------ */

#define ENOSYS_ERRNO 38	/* "not implemented": a fallback, not a denial */

static void derive_mode(struct model *m, struct mobj *p)
{
	const char *def = str_field(p, SPF_DEFAULT_ACTION);
	struct loc at = mobj_get(p, SPF_DEFAULT_ACTION)->loc;

	if (!def)
		return;
	mobj_set_str(m, p, SPF_MODE, action_allows(def) ? "deny-list" :
		     "allow-list", at);
}

/* Is the default compared with Docker's alone (see dangerous_syscalls)? */
static bool docker_default_only(const char *runtime)
{
	return runtime && (!strcmp(runtime, "docker") ||
			   !strcmp(runtime, "containerd") ||
			   !strcmp(runtime, "nerdctl"));
}

static void derive_dangerous(struct model *m, struct mobj *p,
			     const struct name_index *ix, const char *runtime)
{
	struct loc def = mobj_get(p, SPF_DEFAULT_ACTION)->loc;
	struct mlist *out = mobj_list(m, p, SPF_DANGEROUS, def);
	size_t i;

	for (i = 0; dangerous_syscalls[i].name; i++) {
		const char *name = dangerous_syscalls[i].name;
		struct verdict v;

		if (!docker_default_only(runtime) &&
		    dangerous_syscalls[i].podman_allows)
			continue;
		judge_name(p, ix, name, &v);
		if (!action_allows(v.action) || v.conditional)
			continue;
		mlist_push_str(m, out, name, v.at ? v.at->loc : def);
	}
	/* A finding about the list points at its first member. */
	if (out->n)
		p->f[SPF_DANGEROUS].loc = out->v[0].loc;
}

static void derive_bypasses(struct model *m, struct mobj *p,
			    const struct name_index *ix)
{
	struct mlist *out = mobj_list(m, p, SPF_BYPASSES,
				      mobj_get(p, SPF_RULES)->loc);
	struct loc def = mobj_get(p, SPF_DEFAULT_ACTION)->loc;
	size_t g, i;

	for (g = 0; g < ARRAY_SIZE(groups); g++) {
		struct mobj *b = model_sub(m, MO_SECCOMP_BYPASS, def);
		struct mlist *denied = NULL, *allowed = NULL;

		for (i = 0; i < ARRAY_SIZE(groups[g].names) &&
			    groups[g].names[i]; i++) {
			const char *name = groups[g].names[i];
			struct verdict v;

			judge_name(p, ix, name, &v);
			if (v.conditional)
				continue;
			if (v.at && action_denies(v.action) &&
			    v.errno_ret != ENOSYS_ERRNO) {
				if (!denied)
					denied = mobj_list(m, b, SBF_DENIED,
							   v.at->loc);
				mlist_push_str(m, denied, name, v.at->loc);
			} else if (action_allows(v.action)) {
				struct loc at = v.at ? v.at->loc : def;

				if (!allowed)
					allowed = mobj_list(m, b, SBF_ALLOWED,
							    at);
				mlist_push_str(m, allowed, name, at);
			}
		}
		if (!denied || !allowed)
			continue;
		b->loc = denied->v[0].loc;
		b->origin = p->origin;
		mobj_set_str(m, b, SBF_GROUP, groups[g].what, b->loc);
		if (groups[g].cap && !default_holds(groups[g].cap))
			mobj_set_str(m, b, SBF_NEEDS_CAP, groups[g].cap,
				     b->loc);
		mlist_push_obj(m, out, b);
	}
}

/*
 * shadowed[pos]: an earlier rule without conditions names the same
 * syscall with another action, so this mention never decides.  One pass
 * over each name's mentions in rule order, keeping the actions of the
 * earlier unconditional ones (the first, and whether there were two).
 */
static bool *find_shadowed(const struct name_index *ix)
{
	bool *shadowed = xcalloc(ix->n ? ix->n : 1, sizeof(*shadowed));
	size_t g = 0, k;

	while (g < ix->n) {
		const char *first = NULL;
		bool several = false;
		size_t end = g;

		while (end < ix->n && !strcmp(ix->v[end].name, ix->v[g].name))
			end++;
		for (k = g; k < end;) {
			uint32_t rule = ix->v[k].rule;
			const struct mobj *r = ix->rules->v[rule].u.obj;
			const char *action = str_field(r, SRF_ACTION);
			size_t e;

			for (e = k; e < end && ix->v[e].rule == rule; e++)
				shadowed[ix->v[e].pos] = action && (several ||
					(first && strcmp(first, action)));
			if (action && rule_unconditional(r)) {
				if (!first)
					first = action;
				else if (strcmp(first, action))
					several = true;
			}
			k = e;
		}
		g = end;
	}
	return shadowed;
}

static void derive_names(struct model *m, struct mobj *p,
			 const struct name_index *ix)
{
	const struct mlist *rules = list_of(p, SPF_RULES);
	const struct mlist *arches = list_of(p, SPF_ARCHES);
	struct loc at = mobj_get(p, SPF_RULES)->loc;
	struct mlist *den = mobj_list(m, p, SPF_UNKNOWN_DENIED, at);
	struct mlist *alw = mobj_list(m, p, SPF_UNKNOWN_ALLOWED, at);
	struct mlist *shad = mobj_list(m, p, SPF_SHADOWED, at);
	bool *shadowed = find_shadowed(ix);
	size_t i, j, pos = 0;

	for (i = 0; rules && i < rules->n; i++) {
		struct mobj *r = rules->v[i].u.obj;
		const struct mlist *names = list_of(r, SRF_NAMES);
		const char *action = str_field(r, SRF_ACTION);

		if (action)
			mobj_set_bool(r, SRF_ACTION_KNOWN,
				      seccomp_action_known(action),
				      mobj_get(r, SRF_ACTION)->loc);
		for (j = 0; names && j < names->n; j++, pos++) {
			const struct mval *n = &names->v[j];

			if (!seccomp_name_known(n->u.s, arches))
				mlist_push_str(m, action_allows(action) ? alw :
					       den, n->u.s, n->loc);
			/* An earlier unconditional rule decided it. */
			if (shadowed[pos])
				mlist_push_str(m, shad, n->u.s, n->loc);
		}
	}
	free(shadowed);
}

static void derive_arches(struct model *m, struct mobj *p)
{
	const struct mlist *arches = list_of(p, SPF_ARCHES);
	struct mlist *out;
	size_t i, j;

	if (!arches)
		return;
	out = mobj_list(m, p, SPF_MISSING_ARCHES, mobj_get(p, SPF_ARCHES)->loc);
	for (i = 0; i < ARRAY_SIZE(sub_arches); i++) {
		if (!mlist_has_str(arches, sub_arches[i].arch))
			continue;
		for (j = 0; j < ARRAY_SIZE(sub_arches[i].subs) &&
			    sub_arches[i].subs[j]; j++)
			if (!mlist_has_str(arches, sub_arches[i].subs[j]))
				mlist_push_str(m, out, sub_arches[i].subs[j],
					       mobj_get(p, SPF_ARCHES)->loc);
	}
}

void seccomp_derive(struct model *m, struct mobj *p, const char *runtime)
{
	struct name_index ix;

	name_index_build(&ix, p);
	derive_mode(m, p);
	derive_dangerous(m, p, &ix, runtime);
	derive_bypasses(m, p, &ix);
	derive_names(m, p, &ix);
	derive_arches(m, p);
	name_index_free(&ix);
}
