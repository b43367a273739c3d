/*
 * model.h - the one model every input is read into.
 *
 * The model knows no input format.  A front end fills model objects; each
 * field it sets carries the location of the text that set it.  derive()
 * then computes the fields that need real code (effective capabilities,
 * who the process runs as).  Rules read objects only through the field
 * table below, which is the contract between the model and the rules and
 * what `cagelint --list-fields` prints.
 *
 * All objects and strings of one input file live in its model's arena and
 * are released with model_free() once the file's findings are made.
 */
#ifndef CAGELINT_MODEL_H
#define CAGELINT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/util.h"

enum mobj_kind {
	MO_CONTAINER,	/* one sandboxed process, declared anywhere */
	MO_MOUNT,	/* a host path or volume a container mounts */
	MO_PORT,	/* a port a container declares */
	MO_SYSCTL,	/* a kernel parameter set for a container */
	MO_VOLUME,	/* a volume a pod declares (mounted or not) */
	MO_SECCOMP_PROFILE,	/* a seccomp filter, alone or in a config */
	MO_SECCOMP_RULE,	/* one entry of its `syscalls` */
	MO_SECCOMP_BYPASS,	/* denied syscalls an equivalent one bypasses */
	MO_ENGINE_DEFAULTS,	/* containers.conf: what every container gets */
	MO_HOST,		/* host settings: /etc/selinux/config */
	MO_BUILD,		/* one stage of a Dockerfile */
	MO_RUN,			/* one RUN step of a stage */
	MO_POD,			/* a Kubernetes pod spec, as written */
	MO_ANNOTATION,		/* one annotation of a pod */
	MO_DOCKER_DAEMON,	/* dockerd's settings: daemon.json, -H flags */
	/* node and cluster settings (crio.conf, containerd, kubelet, ...) */
	MO_CRI_CONFIG,		/* a CRI runtime's config: every pod's defaults */
	MO_CRI_HANDLER,		/* one runtime handler or workload of it */
	MO_KUBELET,		/* a KubeletConfiguration */
	MO_SCC,			/* an OpenShift SecurityContextConstraints */
	MO_NAMESPACE,		/* a Kubernetes Namespace (its PSA labels) */
	MO_RBAC,		/* a Role, ClusterRole or one of their bindings */
	MO_KIND_COUNT
};

enum mval_type {
	MV_UNSET,
	MV_BOOL,
	MV_INT,
	MV_STR,
	MV_LIST,
	MV_OBJ,
};

struct mlist;
struct mobj;

/* A value with the location of the text it came from. */
struct mval {
	uint8_t type;		/* enum mval_type */
	struct loc loc;
	const char *path;	/* its file, when not the object's (merged) */
	union {
		bool b;
		int64_t i;
		const char *s;
		struct mlist *list;
		struct mobj *obj;
	} u;
};

struct mlist {
	struct mval *v;
	size_t n, cap;
};

/*
 * The fields, one X-macro per object kind, so that the slot enums and the
 * field table come from one list.  Columns: the kind (K, passed through),
 * slot name, field name as rules write it, type, element type (lists),
 * element kind (lists of objects), who sets it (WRITTEN, DERIVED or
 * CROSS_FILE: enum model_field_set_by), description.
 */
#define MODEL_CONTAINER_FIELDS(X, K) \
X(K, CF_FORMAT, "format", MV_STR, 0, 0, WRITTEN, \
  "input format: kubernetes, compose, docker-run, quadlet, oci, dockerfile") \
X(K, CF_NAME, "name", MV_STR, 0, 0, WRITTEN, "container or service name") \
X(K, CF_ROLE, "role", MV_STR, 0, 0, WRITTEN, \
  "container, init or ephemeral (Kubernetes)") \
X(K, CF_WORKLOAD_KIND, "workload.kind", MV_STR, 0, 0, WRITTEN, \
  "kind of the object that declares it (Deployment, Pod, ...)") \
X(K, CF_WORKLOAD_NAME, "workload.name", MV_STR, 0, 0, WRITTEN, \
  "name of that object") \
X(K, CF_WORKLOAD_NAMESPACE, "workload.namespace", MV_STR, 0, 0, WRITTEN, \
  "namespace of that object") \
X(K, CF_IMAGE, "image", MV_STR, 0, 0, WRITTEN, "image reference") \
X(K, CF_RUNTIME, "runtime", MV_STR, 0, 0, WRITTEN, \
  "engine whose defaults apply: docker, podman, nerdctl, containerd, " \
  "cri-o (unset: any the format runs on)") \
X(K, CF_PRIVILEGED, "privileged", MV_BOOL, 0, 0, WRITTEN, \
  "runs privileged: all capabilities, devices, no seccomp/LSM") \
X(K, CF_ALLOW_PRIV_ESC, "allow_privilege_escalation", MV_BOOL, 0, 0, WRITTEN, \
  "allowPrivilegeEscalation as written (Kubernetes)") \
X(K, CF_NO_NEW_PRIVS, "no_new_privileges", MV_BOOL, 0, 0, WRITTEN, \
  "no_new_privs set: setuid binaries cannot raise privileges") \
X(K, CF_CAP_ADD, "capabilities.add", MV_LIST, MV_STR, 0, WRITTEN, \
  "capabilities added, as the runtime reads them (upper case, no CAP_ " \
  "prefix, or ALL); with no runtime known, what any of them grants") \
X(K, CF_CAP_DROP, "capabilities.drop", MV_LIST, MV_STR, 0, WRITTEN, \
  "capabilities dropped, as the runtime reads them (upper case, no CAP_ " \
  "prefix, or ALL); with no runtime known, what all of them drop") \
X(K, CF_CAP_DEFAULT, "capabilities.default", MV_LIST, MV_STR, 0, DERIVED, \
  "the runtime's default set the container starts from") \
X(K, CF_CAP_EFFECTIVE, "capabilities.effective", MV_LIST, MV_STR, 0, DERIVED, \
  "default + add - drop; all 41 when privileged or ALL is added") \
X(K, CF_SECCOMP_MODE, "seccomp.mode", MV_STR, 0, 0, WRITTEN, \
  "runtime-default, unconfined or profile (unset: not said)") \
X(K, CF_SECCOMP_PROFILE, "seccomp.profile", MV_STR, 0, 0, WRITTEN, \
  "the profile's path or name when mode is profile") \
X(K, CF_SELINUX_DISABLED, "selinux.disabled", MV_BOOL, 0, 0, WRITTEN, \
  "SELinux labelling switched off for this container") \
X(K, CF_SELINUX_TYPE, "selinux.type", MV_STR, 0, 0, WRITTEN, \
  "SELinux process type") \
X(K, CF_SELINUX_USER, "selinux.user", MV_STR, 0, 0, WRITTEN, "SELinux user") \
X(K, CF_SELINUX_ROLE, "selinux.role", MV_STR, 0, 0, WRITTEN, "SELinux role") \
X(K, CF_SELINUX_LEVEL, "selinux.level", MV_STR, 0, 0, WRITTEN, \
  "SELinux MCS level") \
X(K, CF_APPARMOR_MODE, "apparmor.mode", MV_STR, 0, 0, WRITTEN, \
  "runtime-default, unconfined or profile (unset: not said)") \
X(K, CF_APPARMOR_PROFILE, "apparmor.profile", MV_STR, 0, 0, WRITTEN, \
  "the profile's name when mode is profile") \
X(K, CF_USER_UID, "user.uid", MV_INT, 0, 0, WRITTEN, "numeric user id") \
X(K, CF_USER_GID, "user.gid", MV_INT, 0, 0, WRITTEN, "numeric group id") \
X(K, CF_USER_NAME, "user.name", MV_STR, 0, 0, WRITTEN, \
  "user name when given by name") \
X(K, CF_USER_IS_ROOT, "user.is_root", MV_BOOL, 0, 0, DERIVED, \
  "true: runs as uid 0; false: cannot; unset: up to the image") \
X(K, CF_RUN_AS_NON_ROOT, "run_as_non_root", MV_BOOL, 0, 0, WRITTEN, \
  "the runtime refuses to start it as uid 0") \
X(K, CF_READ_ONLY_ROOT, "read_only_root", MV_BOOL, 0, 0, WRITTEN, \
  "root filesystem mounted read-only") \
X(K, CF_HOST_PID, "host.pid", MV_BOOL, 0, 0, WRITTEN, \
  "shares the host's PID namespace") \
X(K, CF_HOST_IPC, "host.ipc", MV_BOOL, 0, 0, WRITTEN, \
  "shares the host's IPC namespace") \
X(K, CF_HOST_NETWORK, "host.network", MV_BOOL, 0, 0, WRITTEN, \
  "shares the host's network namespace") \
X(K, CF_HOST_UTS, "host.uts", MV_BOOL, 0, 0, WRITTEN, \
  "shares the host's UTS namespace") \
X(K, CF_HOST_USERS, "host.users", MV_BOOL, 0, 0, WRITTEN, \
  "shares the host's user namespace (false: own user namespace)") \
X(K, CF_HOST_CGROUP, "host.cgroup", MV_BOOL, 0, 0, WRITTEN, \
  "shares the host's cgroup namespace") \
X(K, CF_MOUNTS, "mounts", MV_LIST, MV_OBJ, MO_MOUNT, WRITTEN, \
  "what it mounts (see mount fields)") \
X(K, CF_DEVICES, "devices", MV_LIST, MV_STR, 0, WRITTEN, \
  "host devices passed in") \
X(K, CF_SYSCTLS, "sysctls", MV_LIST, MV_OBJ, MO_SYSCTL, WRITTEN, \
  "kernel parameters set (see sysctl fields)") \
X(K, CF_PROC_MOUNT, "proc_mount", MV_STR, 0, 0, WRITTEN, \
  "Default or Unmasked /proc") \
X(K, CF_PORTS, "ports", MV_LIST, MV_OBJ, MO_PORT, WRITTEN, \
  "ports declared (see port fields)") \
X(K, CF_VOLUMES, "volumes", MV_LIST, MV_OBJ, MO_VOLUME, WRITTEN, \
  "volumes of the pod, mounted or not (see volume fields)") \
X(K, CF_WINDOWS_HOST_PROCESS, "windows_host_process", MV_BOOL, 0, 0, WRITTEN, \
  "Windows HostProcess container: runs as a process on the host") \
X(K, CF_OS, "os", MV_STR, 0, 0, WRITTEN, "operating system: linux, windows") \
X(K, CF_HOST_MOUNT, "host.mount", MV_BOOL, 0, 0, WRITTEN, \
  "shares the host's mount namespace") \
X(K, CF_ROOT_MAPS_TO_ROOT, "user.root_maps_to_host_root", MV_BOOL, 0, 0, \
  WRITTEN, "its user namespace maps uid or gid 0 to the host's 0") \
X(K, CF_MASKED_PATHS_REMOVED, "masked_paths_removed", MV_BOOL, 0, 0, WRITTEN, \
  "the runtime's masked /proc and /sys paths are not masked") \
X(K, CF_READONLY_PATHS_REMOVED, "readonly_paths_removed", MV_BOOL, 0, 0, \
  WRITTEN, "the runtime's read-only /proc paths are writable") \
X(K, CF_DEVICES_ALLOW_ALL, "devices_allow_all", MV_BOOL, 0, 0, WRITTEN, \
  "the device cgroup lets it use every host device") \
X(K, CF_KERNEL_FS_WRITABLE, "kernel_fs_writable", MV_LIST, MV_STR, 0, \
  WRITTEN, "sysfs and cgroup filesystems mounted read-write (their targets)") \
X(K, CF_ROOTFS_PROPAGATION, "rootfs_propagation", MV_STR, 0, 0, WRITTEN, \
  "mount propagation of the root: private, slave, shared, ...") \
X(K, CF_HOOKS, "hooks", MV_LIST, MV_STR, 0, WRITTEN, \
  "hooks the runtime runs on the host (stage: path)") \
X(K, CF_UNKNOWN_KEYS, "unknown_keys", MV_LIST, MV_STR, 0, WRITTEN, \
  "keys of its configuration no runtime reads (typos)") \
X(K, CF_GROUPS, "user.groups", MV_LIST, MV_STR, 0, WRITTEN, \
  "supplementary groups added (group_add, --group-add)") \
X(K, CF_SECCOMP_PROFILE_FOUND, "seccomp.profile_found", MV_BOOL, 0, 0, \
  CROSS_FILE, \
  "the referenced profile is among the scanned files") \
X(K, CF_SECCOMP_PROFILE_FILE, "seccomp.profile_file", MV_STR, 0, 0, \
  CROSS_FILE, \
  "the scanned file the profile reference resolves to") \
X(K, CF_SECCOMP_PROFILE_DEFAULT, "seccomp.profile_default", MV_STR, 0, 0, \
  CROSS_FILE, "that profile's default action") \
X(K, CF_SECCOMP_PROFILE_DANGEROUS, "seccomp.profile_dangerous", MV_LIST, \
  MV_STR, 0, CROSS_FILE, "calls that profile lets through which " \
  "the runtime's default profile blocks") \
X(K, CF_SELINUX_LEVEL_SHARED, "selinux.level_shared_with", MV_LIST, MV_STR, \
  0, CROSS_FILE, \
  "other workloads that pin the same SELinux level") \
X(K, CF_POD, "pod", MV_OBJ, 0, MO_POD, WRITTEN, \
  "the pod it belongs to (Kubernetes; see pod fields)") \
X(K, CF_K8S_CAP_ADD, "k8s.capabilities.add", MV_LIST, MV_STR, 0, WRITTEN, \
  "securityContext.capabilities.add exactly as written") \
X(K, CF_K8S_CAP_DROP, "k8s.capabilities.drop", MV_LIST, MV_STR, 0, WRITTEN, \
  "securityContext.capabilities.drop exactly as written") \
X(K, CF_K8S_RUN_AS_NON_ROOT, "k8s.run_as_non_root", MV_BOOL, 0, 0, WRITTEN, \
  "the container's own securityContext.runAsNonRoot (not inherited)") \
X(K, CF_K8S_RUN_AS_USER, "k8s.run_as_user", MV_INT, 0, 0, WRITTEN, \
  "the container's own securityContext.runAsUser (not inherited)") \
X(K, CF_K8S_SECCOMP_TYPE, "k8s.seccomp.type", MV_STR, 0, 0, WRITTEN, \
  "the container's own seccompProfile.type (\"\" when the profile has " \
  "no type)") \
X(K, CF_K8S_SECCOMP_ANNOTATION, "k8s.seccomp.annotation", MV_STR, 0, 0, \
  WRITTEN, "its container.seccomp.security.alpha.kubernetes.io annotation") \
X(K, CF_K8S_APPARMOR_TYPE, "k8s.apparmor.type", MV_STR, 0, 0, WRITTEN, \
  "the container's own appArmorProfile.type (\"\" when it has no type)") \
X(K, CF_K8S_SELINUX_TYPE, "k8s.selinux.type", MV_STR, 0, 0, WRITTEN, \
  "the container's own seLinuxOptions.type (\"\" when options have none)") \
X(K, CF_K8S_SELINUX_USER, "k8s.selinux.user", MV_STR, 0, 0, WRITTEN, \
  "the container's own seLinuxOptions.user") \
X(K, CF_K8S_SELINUX_ROLE, "k8s.selinux.role", MV_STR, 0, 0, WRITTEN, \
  "the container's own seLinuxOptions.role") \
X(K, CF_K8S_HOST_PROCESS, "k8s.windows_host_process", MV_BOOL, 0, 0, \
  WRITTEN, "the container's own windowsOptions.hostProcess") \
X(K, CF_K8S_SECURITY_CONTEXT, "k8s.security_context", MV_BOOL, 0, 0, \
  WRITTEN, \
  "true where the container's securityContext is written (Kubernetes)") \
X(K, CF_PROBE_HOSTS, "probe_hosts", MV_LIST, MV_STR, 0, WRITTEN, \
  "hosts named by its probes and lifecycle hooks (httpGet, tcpSocket)") \
X(K, CF_CAP_INEFFECTIVE, "capabilities.ineffective", MV_LIST, MV_STR, 0, \
  DERIVED, "capability names the runtime ignores or refuses as written, " \
  "each with what it makes of them") \
X(K, CF_CAP_KEPT_DEFAULT, "capabilities.kept_default", MV_LIST, MV_STR, 0, \
  DERIVED, "the runtime's default capabilities that no drop removes") \
X(K, CF_ENGINE_USERNS, "engine.userns", MV_STR, 0, 0, CROSS_FILE, \
  "the userns default of the scanned containers.conf " \
  "(Podman containers that set none)") \
X(K, CF_NODE_SECCOMP_DEFAULT, "node.seccomp_default", MV_BOOL, 0, 0, \
  CROSS_FILE, "every scanned KubeletConfiguration sets seccompDefault " \
  "(false: one does not; unset: none was scanned)") \
X(K, CF_NODE_KUBELET, "node.kubelet", MV_STR, 0, 0, CROSS_FILE, \
  "the kubelet configuration that decides it (file:line)") \
X(K, CF_NODE_CRI_CAPS, "node.cri_capabilities", MV_LIST, MV_STR, 0, \
  CROSS_FILE, "capabilities the scanned CRI-O configuration adds to the " \
  "default set that this container (on CRI-O) neither drops nor adds " \
  "itself") \
X(K, CF_NODE_CRI_CONFIG, "node.cri_config", MV_STR, 0, 0, CROSS_FILE, \
  "the CRI-O default_capabilities setting they come from (file:line)") \
X(K, CF_PSA_LEVEL, "namespace.enforce_level", MV_STR, 0, 0, CROSS_FILE, \
  "the Pod Security level its scanned namespace enforces") \
X(K, CF_PSA_MINOR, "namespace.enforce_minor", MV_INT, 0, 0, CROSS_FILE, \
  "the N of the namespace's enforce-version v1.N")

#define MODEL_POD_FIELDS(X, K) \
X(K, PDF_WORKLOAD_KIND, "workload.kind", MV_STR, 0, 0, WRITTEN, \
  "kind of the object that declares it (Deployment, Pod, ...)") \
X(K, PDF_WORKLOAD_NAME, "workload.name", MV_STR, 0, 0, WRITTEN, \
  "name of that object") \
X(K, PDF_WORKLOAD_NAMESPACE, "workload.namespace", MV_STR, 0, 0, WRITTEN, \
  "namespace of that object") \
X(K, PDF_HOST_NAMESPACES, "host_namespaces", MV_LIST, MV_STR, 0, WRITTEN, \
  "host namespaces switched on: hostNetwork, hostPID, hostIPC") \
X(K, PDF_HOST_USERS, "host.users", MV_BOOL, 0, 0, WRITTEN, \
  "spec.hostUsers (false: the pod gets its own user namespace)") \
X(K, PDF_OS, "os", MV_STR, 0, 0, WRITTEN, "spec.os.name: linux, windows") \
X(K, PDF_VOLUMES, "volumes", MV_LIST, MV_OBJ, MO_VOLUME, WRITTEN, \
  "spec.volumes (see volume fields)") \
X(K, PDF_SYSCTLS, "sysctls", MV_LIST, MV_OBJ, MO_SYSCTL, WRITTEN, \
  "securityContext.sysctls (see sysctl fields)") \
X(K, PDF_ANNOTATIONS, "annotations", MV_LIST, MV_OBJ, MO_ANNOTATION, WRITTEN, \
  "the pod's annotations with text values (see annotation fields)") \
X(K, PDF_RUN_AS_NON_ROOT, "run_as_non_root", MV_BOOL, 0, 0, WRITTEN, \
  "securityContext.runAsNonRoot") \
X(K, PDF_RUN_AS_USER, "run_as_user", MV_INT, 0, 0, WRITTEN, \
  "securityContext.runAsUser") \
X(K, PDF_SECCOMP_TYPE, "seccomp.type", MV_STR, 0, 0, WRITTEN, \
  "securityContext.seccompProfile.type (\"\" when the profile has none)") \
X(K, PDF_SECCOMP_ANNOTATION, "seccomp.annotation", MV_STR, 0, 0, WRITTEN, \
  "the seccomp.security.alpha.kubernetes.io/pod annotation") \
X(K, PDF_APPARMOR_TYPE, "apparmor.type", MV_STR, 0, 0, WRITTEN, \
  "securityContext.appArmorProfile.type (\"\" when it has none)") \
X(K, PDF_SELINUX_TYPE, "selinux.type", MV_STR, 0, 0, WRITTEN, \
  "securityContext.seLinuxOptions.type (\"\" when options have none)") \
X(K, PDF_SELINUX_USER, "selinux.user", MV_STR, 0, 0, WRITTEN, \
  "securityContext.seLinuxOptions.user") \
X(K, PDF_SELINUX_ROLE, "selinux.role", MV_STR, 0, 0, WRITTEN, \
  "securityContext.seLinuxOptions.role") \
X(K, PDF_HOST_PROCESS, "windows_host_process", MV_BOOL, 0, 0, WRITTEN, \
  "securityContext.windowsOptions.hostProcess") \
X(K, PDF_ROOT_CONTAINERS, "root_containers", MV_LIST, MV_STR, 0, DERIVED, \
  "its containers that run as uid 0 or may (the image decides)") \
X(K, PDF_PSA_LEVEL, "namespace.enforce_level", MV_STR, 0, 0, CROSS_FILE, \
  "the Pod Security level its scanned namespace enforces") \
X(K, PDF_PSA_MINOR, "namespace.enforce_minor", MV_INT, 0, 0, CROSS_FILE, \
  "the N of the namespace's enforce-version v1.N")

#define MODEL_ANNOTATION_FIELDS(X, K) \
X(K, AF_NAME, "name", MV_STR, 0, 0, WRITTEN, "annotation key") \
X(K, AF_VALUE, "value", MV_STR, 0, 0, WRITTEN, "annotation value")

#define MODEL_MOUNT_FIELDS(X, K) \
X(K, MF_KIND, "kind", MV_STR, 0, 0, WRITTEN, \
  "hostPath, bind, volume, tmpfs, ...") \
X(K, MF_HOST_PATH, "host_path", MV_STR, 0, 0, WRITTEN, \
  "the host path, for host mounts") \
X(K, MF_TARGET, "target", MV_STR, 0, 0, WRITTEN, "path inside the container") \
X(K, MF_READ_ONLY, "read_only", MV_BOOL, 0, 0, WRITTEN, "mounted read-only") \
X(K, MF_VOLUME, "volume", MV_STR, 0, 0, WRITTEN, "volume name, if any")

#define MODEL_PORT_FIELDS(X, K) \
X(K, PF_HOST_PORT, "host_port", MV_INT, 0, 0, WRITTEN, "port on the host") \
X(K, PF_CONTAINER_PORT, "container_port", MV_INT, 0, 0, WRITTEN, \
  "port in the container") \
X(K, PF_PROTOCOL, "protocol", MV_STR, 0, 0, WRITTEN, "TCP, UDP or SCTP")

#define MODEL_SYSCTL_FIELDS(X, K) \
X(K, SF_NAME, "name", MV_STR, 0, 0, WRITTEN, "kernel parameter name") \
X(K, SF_VALUE, "value", MV_STR, 0, 0, WRITTEN, "value set") \
X(K, SF_NORMALIZED_NAME, "normalized_name", MV_STR, 0, 0, DERIVED, \
  "the name as the kubelet and runc read it: net/ipv4/ip_forward is " \
  "net.ipv4.ip_forward")

#define MODEL_VOLUME_FIELDS(X, K) \
X(K, VF_NAME, "name", MV_STR, 0, 0, WRITTEN, "volume name") \
X(K, VF_KIND, "kind", MV_STR, 0, 0, WRITTEN, \
  "volume source: hostPath, emptyDir, configMap, ...") \
X(K, VF_HOST_PATH, "host_path", MV_STR, 0, 0, WRITTEN, "path, for hostPath")

#define MODEL_SECCOMP_PROFILE_FIELDS(X, K) \
X(K, SPF_FORMAT, "format", MV_STR, 0, 0, WRITTEN, \
  "seccomp (a profile file) or oci (embedded in config.json)") \
X(K, SPF_DEFAULT_ACTION, "default_action", MV_STR, 0, 0, WRITTEN, \
  "action for calls no rule names (SCMP_ACT_...)") \
X(K, SPF_DEFAULT_ERRNO, "default_errno", MV_INT, 0, 0, WRITTEN, \
  "errno returned by the default action") \
X(K, SPF_ARCHES, "architectures", MV_LIST, MV_STR, 0, WRITTEN, \
  "ABIs the filter covers (SCMP_ARCH_..., archMap included)") \
X(K, SPF_RULES, "rules", MV_LIST, MV_OBJ, MO_SECCOMP_RULE, WRITTEN, \
  "the syscalls entries (see seccomp_rule fields)") \
X(K, SPF_LISTENER_PATH, "listener_path", MV_STR, 0, 0, WRITTEN, \
  "socket of the agent SCMP_ACT_NOTIFY hands calls to") \
X(K, SPF_UNKNOWN_KEYS, "unknown_keys", MV_LIST, MV_STR, 0, WRITTEN, \
  "keys no runtime reads, anywhere in the profile (typos)") \
X(K, SPF_MODE, "mode", MV_STR, 0, 0, DERIVED, \
  "allow-list (unknown calls denied) or deny-list (allowed)") \
X(K, SPF_DANGEROUS, "dangerous_allowed", MV_LIST, MV_STR, 0, DERIVED, \
  "calls Docker's default profile blocks that this one lets through") \
X(K, SPF_BYPASSES, "bypasses", MV_LIST, MV_OBJ, MO_SECCOMP_BYPASS, DERIVED, \
  "denials an equivalent allowed call gets around") \
X(K, SPF_UNKNOWN_DENIED, "unknown_denied", MV_LIST, MV_STR, 0, DERIVED, \
  "names in deny rules that no kernel knows (the rule does nothing)") \
X(K, SPF_UNKNOWN_ALLOWED, "unknown_allowed", MV_LIST, MV_STR, 0, DERIVED, \
  "names in allow rules that no kernel knows") \
X(K, SPF_SHADOWED, "shadowed", MV_LIST, MV_STR, 0, DERIVED, \
  "names an earlier unconditional rule already decided") \
X(K, SPF_MISSING_ARCHES, "missing_arches", MV_LIST, MV_STR, 0, DERIVED, \
  "32-bit ABIs of a listed architecture the filter leaves out")

#define MODEL_SECCOMP_RULE_FIELDS(X, K) \
X(K, SRF_NAMES, "names", MV_LIST, MV_STR, 0, WRITTEN, \
  "syscall names (names, or the legacy name)") \
X(K, SRF_ACTION, "action", MV_STR, 0, 0, WRITTEN, "SCMP_ACT_...") \
X(K, SRF_ACTION_KNOWN, "action_known", MV_BOOL, 0, 0, WRITTEN, \
  "the action is one runtimes know") \
X(K, SRF_ERRNO, "errno", MV_INT, 0, 0, WRITTEN, "errno returned") \
X(K, SRF_HAS_ARGS, "has_args", MV_BOOL, 0, 0, WRITTEN, \
  "the rule applies only for some argument values") \
X(K, SRF_INCLUDES_CAPS, "includes.caps", MV_LIST, MV_STR, 0, WRITTEN, \
  "applies only with all of these capabilities") \
X(K, SRF_EXCLUDES_CAPS, "excludes.caps", MV_LIST, MV_STR, 0, WRITTEN, \
  "applies only without any of these capabilities") \
X(K, SRF_INCLUDES_ARCHES, "includes.arches", MV_LIST, MV_STR, 0, WRITTEN, \
  "applies only on these architectures") \
X(K, SRF_EXCLUDES_ARCHES, "excludes.arches", MV_LIST, MV_STR, 0, WRITTEN, \
  "applies except on these architectures") \
X(K, SRF_MIN_KERNEL, "includes.min_kernel", MV_STR, 0, 0, WRITTEN, \
  "applies only from this kernel version") \
X(K, SRF_NAME_AND_NAMES, "name_and_names", MV_BOOL, 0, 0, WRITTEN, \
  "both name and names given (Docker rejects the profile)")

#define MODEL_SECCOMP_BYPASS_FIELDS(X, K) \
X(K, SBF_GROUP, "group", MV_STR, 0, 0, DERIVED, \
  "what the calls do, e.g. \"change a file's mode\"") \
X(K, SBF_DENIED, "denied", MV_LIST, MV_STR, 0, DERIVED, \
  "members the profile denies") \
X(K, SBF_ALLOWED, "allowed", MV_LIST, MV_STR, 0, DERIVED, \
  "members it allows, which do the same") \
X(K, SBF_NEEDS_CAP, "needs_cap", MV_STR, 0, 0, DERIVED, \
  "capability the kernel still asks for, when a default container " \
  "lacks it (the denial is then a second lock)")

#define MODEL_ENGINE_FIELDS(X, K) \
X(K, EF_FILES, "files", MV_LIST, MV_STR, 0, CROSS_FILE, \
  "the files merged into these settings, in the order applied") \
X(K, EF_PRIVILEGED, "privileged", MV_BOOL, 0, 0, WRITTEN, \
  "[containers] privileged: every container privileged") \
X(K, EF_DEFAULT_CAPS, "default_capabilities", MV_LIST, MV_STR, 0, WRITTEN, \
  "[containers] default_capabilities (upper case, no CAP_)") \
X(K, EF_CAPS_ADDED, "capabilities_added", MV_LIST, MV_STR, 0, DERIVED, \
  "default_capabilities beyond Podman's own default set") \
X(K, EF_SECCOMP_PROFILE, "seccomp_profile", MV_STR, 0, 0, WRITTEN, \
  "[containers] seccomp_profile: a path or unconfined") \
X(K, EF_APPARMOR_PROFILE, "apparmor_profile", MV_STR, 0, 0, WRITTEN, \
  "[containers] apparmor_profile") \
X(K, EF_LABEL, "label", MV_BOOL, 0, 0, WRITTEN, \
  "[containers] label: SELinux separation of containers") \
X(K, EF_LABEL_USERS, "label_users", MV_BOOL, 0, 0, WRITTEN, \
  "[containers] label_users: keep the caller's SELinux user and role") \
X(K, EF_HOST_NAMESPACES, "host_namespaces", MV_LIST, MV_STR, 0, WRITTEN, \
  "namespaces set to host (userns, pidns, ipcns, netns, utsns, cgroupns)") \
X(K, EF_DEVICES, "devices", MV_LIST, MV_STR, 0, WRITTEN, \
  "[containers] devices given to every container") \
X(K, EF_SYSCTLS, "default_sysctls", MV_LIST, MV_STR, 0, WRITTEN, \
  "[containers] default_sysctls") \
X(K, EF_READ_ONLY, "read_only", MV_BOOL, 0, 0, WRITTEN, \
  "[containers] read_only root filesystems") \
X(K, EF_HOST_PATHS, "host_paths", MV_LIST, MV_STR, 0, WRITTEN, \
  "host paths of [containers] mounts and volumes") \
X(K, EF_ENV_HOST, "env_host", MV_BOOL, 0, 0, WRITTEN, \
  "[containers] env_host: the host's environment in every container") \
X(K, EF_HOOKS_DIR, "hooks_dir", MV_LIST, MV_STR, 0, WRITTEN, \
  "[engine] hooks_dir: OCI hooks run on the host") \
X(K, EF_NO_PIVOT_ROOT, "no_pivot_root", MV_BOOL, 0, 0, WRITTEN, \
  "[engine] no_pivot_root") \
X(K, EF_UNKNOWN_KEYS, "unknown_keys", MV_LIST, MV_STR, 0, WRITTEN, \
  "keys and tables Podman does not read (typos)") \
X(K, EF_SECCOMP_PROFILE_FOUND, "seccomp_profile_found", MV_BOOL, 0, 0, \
  CROSS_FILE, \
  "the seccomp_profile file is among the scanned files") \
X(K, EF_SECCOMP_PROFILE_FILE, "seccomp_profile_file", MV_STR, 0, 0, \
  CROSS_FILE, "the scanned file seccomp_profile resolves to") \
X(K, EF_SECCOMP_PROFILE_DANGEROUS, "seccomp_profile_dangerous", MV_LIST, \
  MV_STR, 0, CROSS_FILE, "calls that profile lets through which " \
  "the runtime's default profile blocks") \
X(K, EF_USERNS, "userns", MV_STR, 0, 0, WRITTEN, \
  "[containers] userns: host, private, auto, ... for every container")

#define MODEL_HOST_FIELDS(X, K) \
X(K, HF_SELINUX_MODE, "selinux.mode", MV_STR, 0, 0, WRITTEN, \
  "SELINUX= of /etc/selinux/config: enforcing, permissive, disabled") \
X(K, HF_SELINUX_POLICY, "selinux.policy", MV_STR, 0, 0, WRITTEN, \
  "SELINUXTYPE=: targeted, mls, minimum, ...") \
X(K, HF_SELINUX_RUNTIME, "selinux.runtime_mode", MV_STR, 0, 0, WRITTEN, \
  "setenforce: permissive until the next boot") \
X(K, HF_PERMISSIVE_DOMAINS, "selinux.permissive_domains", MV_LIST, MV_STR, \
  0, WRITTEN, "SELinux domains made permissive (semanage permissive -a)") \
X(K, HF_KERNEL_SELINUX_ARGS, "kernel.selinux_args", MV_LIST, MV_STR, 0, \
  WRITTEN, "kernel parameters that switch SELinux off: selinux=0, " \
  "enforcing=0")

#define MODEL_BUILD_FIELDS(X, K) \
X(K, BF_STAGE, "stage", MV_STR, 0, 0, WRITTEN, "stage name (AS) or number") \
X(K, BF_BASE, "base", MV_STR, 0, 0, WRITTEN, "the FROM image") \
X(K, BF_FINAL, "final", MV_BOOL, 0, 0, WRITTEN, \
  "the last stage: what the image runs") \
X(K, BF_USER, "user", MV_STR, 0, 0, WRITTEN, \
  "the stage's last USER, ARG and ENV substituted (unset: none)") \
X(K, BF_USER_IS_ROOT, "user_is_root", MV_BOOL, 0, 0, WRITTEN, \
  "that USER is root (root, 0, 00, root:..., 0:0)") \
X(K, BF_RUNS, "runs", MV_LIST, MV_OBJ, MO_RUN, WRITTEN, \
  "its RUN steps (see run fields)") \
X(K, BF_CAPS_LABEL, "capabilities_label", MV_LIST, MV_STR, 0, WRITTEN, \
  "capabilities LABEL io.containers.capabilities asks for beyond " \
  "the runtime's defaults")

#define MODEL_RUN_FIELDS(X, K) \
X(K, RF_TEXT, "text", MV_STR, 0, 0, WRITTEN, \
  "the command: arguments, continuations joined, heredoc bodies") \
X(K, RF_SECURITY, "security", MV_STR, 0, 0, WRITTEN, \
  "RUN --security (insecure = privileged at build time)") \
X(K, RF_NETWORK, "network", MV_STR, 0, 0, WRITTEN, "RUN --network") \
X(K, RF_DEVICES, "devices", MV_LIST, MV_STR, 0, WRITTEN, "RUN --device") \
X(K, RF_CAP_ADD, "capabilities.add", MV_LIST, MV_STR, 0, WRITTEN, \
  "capabilities added to the step's container (podman build --cap-add; " \
  "upper case, no CAP_)") \
X(K, RF_UNCONFINED, "unconfined", MV_LIST, MV_STR, 0, WRITTEN, \
  "confinement switched off for the step's container: seccomp, apparmor, " \
  "selinux (podman build --security-opt)") \
X(K, RF_HOST_PATHS, "host_paths", MV_LIST, MV_STR, 0, WRITTEN, \
  "host paths mounted into the step (podman build --volume)") \
X(K, RF_CHMOD_WEAKENS, "chmod_weakens", MV_LIST, MV_STR, 0, DERIVED, \
  "chmod commands that make a system path world-writable, setuid or " \
  "setgid: \"chmod MODE PATH (why)\"")

#define MODEL_DOCKER_DAEMON_FIELDS(X, K) \
X(K, DDF_SOURCE, "source", MV_STR, 0, 0, WRITTEN, \
  "daemon.json, or dockerd (flags on a command line)") \
X(K, DDF_SECCOMP_PROFILE, "seccomp_profile", MV_STR, 0, 0, WRITTEN, \
  "seccomp-profile: builtin, unconfined or a path") \
X(K, DDF_NO_NEW_PRIVS, "no_new_privileges", MV_BOOL, 0, 0, WRITTEN, \
  "no-new-privileges for every container") \
X(K, DDF_SELINUX_ENABLED, "selinux_enabled", MV_BOOL, 0, 0, WRITTEN, \
  "selinux-enabled: containers get SELinux labels") \
X(K, DDF_USERNS_REMAP, "userns_remap", MV_STR, 0, 0, WRITTEN, \
  "userns-remap: the user whose ranges container ids map to") \
X(K, DDF_ICC, "icc", MV_BOOL, 0, 0, WRITTEN, \
  "icc: containers on the default bridge reach each other") \
X(K, DDF_AUTHZ_PLUGINS, "authorization_plugins", MV_LIST, MV_STR, 0, \
  WRITTEN, "authorization-plugins that vet API requests") \
X(K, DDF_BUILDER_INSECURE, "builder.security_insecure", MV_BOOL, 0, 0, \
  WRITTEN, "builder entitlement security-insecure (RUN --security)") \
X(K, DDF_BUILDER_NET_HOST, "builder.network_host", MV_BOOL, 0, 0, WRITTEN, \
  "builder entitlement network-host (RUN --network=host)") \
X(K, DDF_HOSTS, "api.hosts", MV_LIST, MV_STR, 0, WRITTEN, \
  "hosts / -H: where the API listens") \
X(K, DDF_TLS_VERIFY, "api.tlsverify", MV_BOOL, 0, 0, WRITTEN, \
  "tlsverify: clients must show a certificate the CA signed") \
X(K, DDF_OPEN_TCP, "api.open_tcp", MV_LIST, MV_STR, 0, WRITTEN, \
  "tcp:// listeners without client certificate verification")

/* --- node and cluster settings ------------------------------------------ */

#define MODEL_CRI_CONFIG_FIELDS(X, K) \
X(K, CRF_FORMAT, "format", MV_STR, 0, 0, WRITTEN, \
  "the runtime: cri-o (crio.conf) or containerd (config.toml)") \
X(K, CRF_VERSION, "version", MV_INT, 0, 0, WRITTEN, \
  "containerd: the config version (2 or 3)") \
X(K, CRF_CRI_TABLE, "cri_table", MV_STR, 0, 0, WRITTEN, \
  "containerd: the CRI plugin table the file sets (by config version)") \
X(K, CRF_DEFAULT_CAPS, "default_capabilities", MV_LIST, MV_STR, 0, WRITTEN, \
  "CRI-O default_capabilities (upper case, no CAP_)") \
X(K, CRF_CAPS_ADDED, "capabilities_added", MV_LIST, MV_STR, 0, WRITTEN, \
  "default_capabilities beyond CRI-O's own default set") \
X(K, CRF_INHERITABLE_CAPS, "add_inheritable_capabilities", MV_BOOL, 0, 0, \
  WRITTEN, "CRI-O: capabilities also inheritable (kept across exec)") \
X(K, CRF_SECCOMP_PROFILE, "seccomp_profile", MV_STR, 0, 0, WRITTEN, \
  "CRI-O seccomp_profile: the file that is RuntimeDefault on this node") \
X(K, CRF_UNSET_SECCOMP, "unset_seccomp_profile", MV_STR, 0, 0, WRITTEN, \
  "containerd: the profile of pods that ask for none (\"\": unconfined)") \
X(K, CRF_SELINUX, "selinux", MV_BOOL, 0, 0, WRITTEN, \
  "SELinux labels for pods (CRI-O selinux, containerd enable_selinux)") \
X(K, CRF_APPARMOR_PROFILE, "apparmor_profile", MV_STR, 0, 0, WRITTEN, \
  "CRI-O apparmor_profile: the default profile (unconfined: none)") \
X(K, CRF_APPARMOR_DISABLED, "apparmor_disabled", MV_BOOL, 0, 0, WRITTEN, \
  "containerd disable_apparmor: AppArmor profiles not applied") \
X(K, CRF_SYSCTLS, "default_sysctls", MV_LIST, MV_STR, 0, WRITTEN, \
  "CRI-O default_sysctls: set in every pod") \
X(K, CRF_DEVICES, "devices", MV_LIST, MV_STR, 0, WRITTEN, \
  "CRI-O additional_devices: host devices in every container") \
X(K, CRF_ALLOWED_DEVICES, "allowed_devices", MV_LIST, MV_STR, 0, WRITTEN, \
  "CRI-O allowed_devices: devices a pod may ask for by annotation") \
X(K, CRF_NO_PIVOT, "no_pivot", MV_BOOL, 0, 0, WRITTEN, \
  "CRI-O no_pivot: rootfs entered with MS_MOVE, not pivot_root") \
X(K, CRF_IGNORED, "ignored_keys", MV_LIST, MV_STR, 0, WRITTEN, \
  "settings in a table the runtime does not read them from") \
X(K, CRF_FILES, "files", MV_LIST, MV_STR, 0, CROSS_FILE, \
  "the files merged into these settings, in the order applied") \
X(K, CRF_IMPORTS, "imports", MV_LIST, MV_STR, 0, WRITTEN, \
  "containerd imports: more config files (globs), applied after this one") \
X(K, CRF_IMPORTS_MISSING, "imports_not_scanned", MV_LIST, MV_STR, 0, \
  CROSS_FILE, "imports that match no scanned file: their settings are "\
  "not known")

#define MODEL_CRI_HANDLER_FIELDS(X, K) \
X(K, CHF_FORMAT, "format", MV_STR, 0, 0, WRITTEN, "cri-o or containerd") \
X(K, CHF_NAME, "name", MV_STR, 0, 0, WRITTEN, "handler or workload name") \
X(K, CHF_KIND, "kind", MV_STR, 0, 0, WRITTEN, "runtime or workload") \
X(K, CHF_PRIV_HOST_DEVICES, "privileged_without_host_devices", MV_BOOL, 0, \
  0, WRITTEN, "privileged pods do not get the host's device nodes") \
X(K, CHF_ALL_DEVICES_ALLOWED, "all_devices_allowed", MV_BOOL, 0, 0, WRITTEN, \
  "containerd privileged_without_host_devices_all_devices_allowed") \
X(K, CHF_ANNOTATIONS, "allowed_annotations", MV_LIST, MV_STR, 0, WRITTEN, \
  "annotations pods may set to change how they are run") \
X(K, CHF_CGROUP_WRITABLE, "cgroup_writable", MV_BOOL, 0, 0, WRITTEN, \
  "containerd cgroup_writable: /sys/fs/cgroup writable in every pod") \
X(K, CHF_BASE_SPEC, "base_runtime_spec", MV_STR, 0, 0, WRITTEN, \
  "containerd base_runtime_spec: the OCI spec every container starts from") \
X(K, CHF_REPLACES, "replaces", MV_LIST, MV_STR, 0, CROSS_FILE, \
  "earlier definitions of it a later CRI-O file replaced (file:line)")

#define MODEL_KUBELET_FIELDS(X, K) \
X(K, KF_ANONYMOUS, "authentication.anonymous", MV_BOOL, 0, 0, WRITTEN, \
  "authentication.anonymous.enabled (file default: false)") \
X(K, KF_WEBHOOK_AUTHN, "authentication.webhook", MV_BOOL, 0, 0, WRITTEN, \
  "authentication.webhook.enabled (file default: true)") \
X(K, KF_AUTHZ_MODE, "authorization.mode", MV_STR, 0, 0, WRITTEN, \
  "AlwaysAllow or Webhook (file default: Webhook)") \
X(K, KF_READ_ONLY_PORT, "read_only_port", MV_INT, 0, 0, WRITTEN, \
  "readOnlyPort: unauthenticated read API (0: off, the file default)") \
X(K, KF_UNSAFE_SYSCTLS, "allowed_unsafe_sysctls", MV_LIST, MV_STR, 0, \
  WRITTEN, "allowedUnsafeSysctls: sysctls pods may set beyond the safe set") \
X(K, KF_PROTECT_KERNEL, "protect_kernel_defaults", MV_BOOL, 0, 0, WRITTEN, \
  "protectKernelDefaults: fail instead of changing kernel tunables") \
X(K, KF_SECCOMP_DEFAULT, "seccomp_default", MV_BOOL, 0, 0, WRITTEN, \
  "seccompDefault: RuntimeDefault for pods that set no profile") \
X(K, KF_SOURCE, "source", MV_STR, 0, 0, WRITTEN, \
  "flags: \"command line\" or the KUBELET_*ARGS variable; unset: a config") \
X(K, KF_CONFIG_PATH, "config_path", MV_STR, 0, 0, WRITTEN, \
  "--config: the config file the flags name") \
X(K, KF_EXPANDS, "expands_variables", MV_BOOL, 0, 0, WRITTEN, \
  "the command line takes more flags from variables ($KUBELET_EXTRA_ARGS)") \
X(K, KF_CONFIG_UNKNOWN, "config_unknown", MV_BOOL, 0, 0, CROSS_FILE, \
  "flags whose config file is not scanned: what it sets is not known") \
X(K, KF_FILES, "files", MV_LIST, MV_STR, 0, CROSS_FILE, \
  "the files merged into it (the config file, then the flags over it)")

#define MODEL_SCC_FIELDS(X, K) \
X(K, SCF_NAME, "name", MV_STR, 0, 0, WRITTEN, "metadata.name") \
X(K, SCF_PRIORITY, "priority", MV_INT, 0, 0, WRITTEN, \
  "higher is tried first") \
X(K, SCF_PRIVILEGED, "allow_privileged", MV_BOOL, 0, 0, WRITTEN, \
  "allowPrivilegedContainer") \
X(K, SCF_CAPS, "allowed_capabilities", MV_LIST, MV_STR, 0, WRITTEN, \
  "allowedCapabilities (upper case, no CAP_; * = all)") \
X(K, SCF_DEFAULT_ADD_CAPS, "default_add_capabilities", MV_LIST, MV_STR, 0, \
  WRITTEN, "defaultAddCapabilities (upper case, no CAP_)") \
X(K, SCF_HOST_DIR, "allow_host_dir", MV_BOOL, 0, 0, WRITTEN, \
  "allowHostDirVolumePlugin: hostPath volumes") \
X(K, SCF_VOLUMES, "volumes", MV_LIST, MV_STR, 0, WRITTEN, \
  "volume types allowed (* = all)") \
X(K, SCF_HOST_NAMESPACES, "host_namespaces", MV_LIST, MV_STR, 0, WRITTEN, \
  "allowHostNetwork, allowHostPorts, allowHostPID, allowHostIPC set true") \
X(K, SCF_RUN_AS_USER, "run_as_user", MV_STR, 0, 0, WRITTEN, \
  "runAsUser.type: MustRunAs, MustRunAsRange, MustRunAsNonRoot, RunAsAny") \
X(K, SCF_SELINUX, "selinux_context", MV_STR, 0, 0, WRITTEN, \
  "seLinuxContext.type: MustRunAs or RunAsAny") \
X(K, SCF_SECCOMP, "seccomp_profiles", MV_LIST, MV_STR, 0, WRITTEN, \
  "seccompProfiles allowed (* = any)") \
X(K, SCF_UNSAFE_SYSCTLS, "allowed_unsafe_sysctls", MV_LIST, MV_STR, 0, \
  WRITTEN, "allowedUnsafeSysctls") \
X(K, SCF_USERS, "users", MV_LIST, MV_STR, 0, WRITTEN, \
  "users it is granted to") \
X(K, SCF_GROUPS, "groups", MV_LIST, MV_STR, 0, WRITTEN, \
  "groups it is granted to") \
X(K, SCF_EVERYONE, "granted_to_everyone", MV_BOOL, 0, 0, WRITTEN, \
  "granted to every user or every service account " \
  "(system:authenticated, system:serviceaccounts, ...)") \
X(K, SCF_AS_PRIVILEGED, "privileged_equivalent", MV_LIST, MV_STR, 0, WRITTEN, \
  "what makes it as good as privileged (empty: nothing)") \
X(K, SCF_LOOSENED, "loosened", MV_LIST, MV_STR, 0, WRITTEN, \
  "every loosening it allows (host namespaces, any user, ...)") \
X(K, SCF_RBAC_EVERYONE, "rbac.granted_to_everyone", MV_BOOL, 0, 0, \
  CROSS_FILE, "a scanned RBAC binding lets every user or every service " \
  "account use it (verb use on securitycontextconstraints)") \
X(K, SCF_RBAC_GRANT, "rbac.grant", MV_STR, 0, 0, CROSS_FILE, \
  "that binding and its role, with their file:line")

#define MODEL_RBAC_FIELDS(X, K) \
X(K, RBF_KIND, "kind", MV_STR, 0, 0, WRITTEN, \
  "Role, ClusterRole, RoleBinding or ClusterRoleBinding") \
X(K, RBF_NAME, "name", MV_STR, 0, 0, WRITTEN, "metadata.name") \
X(K, RBF_NAMESPACE, "namespace", MV_STR, 0, 0, WRITTEN, \
  "metadata.namespace") \
X(K, RBF_SCC_USE, "scc_use", MV_LIST, MV_STR, 0, WRITTEN, \
  "a role: the SCCs its rules let use (* = every SCC)") \
X(K, RBF_ROLE_KIND, "role_ref.kind", MV_STR, 0, 0, WRITTEN, \
  "a binding: roleRef.kind") \
X(K, RBF_ROLE_NAME, "role_ref.name", MV_STR, 0, 0, WRITTEN, \
  "a binding: roleRef.name") \
X(K, RBF_EVERYONE, "everyone_subjects", MV_LIST, MV_STR, 0, WRITTEN, \
  "a binding: its subjects that are every user or service account")

#define MODEL_NAMESPACE_FIELDS(X, K) \
X(K, NSF_NAME, "name", MV_STR, 0, 0, WRITTEN, "metadata.name") \
X(K, NSF_ENFORCE, "enforce", MV_STR, 0, 0, WRITTEN, \
  "pod-security.kubernetes.io/enforce as written") \
X(K, NSF_ENFORCE_LEVEL, "enforce_level", MV_STR, 0, 0, WRITTEN, \
  "the level enforced: privileged, baseline or restricted " \
  "(an invalid value is restricted)") \
X(K, NSF_ENFORCE_VERSION, "enforce_version", MV_STR, 0, 0, WRITTEN, \
  "pod-security.kubernetes.io/enforce-version as written") \
X(K, NSF_ENFORCE_MINOR, "enforce_minor", MV_INT, 0, 0, WRITTEN, \
  "the N of a pinned v1.N (unset: latest)") \
X(K, NSF_AUDIT, "audit", MV_STR, 0, 0, WRITTEN, \
  "pod-security.kubernetes.io/audit") \
X(K, NSF_WARN, "warn", MV_STR, 0, 0, WRITTEN, \
  "pod-security.kubernetes.io/warn")

#define MODEL_SLOT_ENUM(kind, id, ...) id,
enum container_slot { MODEL_CONTAINER_FIELDS(MODEL_SLOT_ENUM, 0) CF__COUNT };
enum mount_slot { MODEL_MOUNT_FIELDS(MODEL_SLOT_ENUM, 0) MF__COUNT };
enum port_slot { MODEL_PORT_FIELDS(MODEL_SLOT_ENUM, 0) PF__COUNT };
enum sysctl_slot { MODEL_SYSCTL_FIELDS(MODEL_SLOT_ENUM, 0) SF__COUNT };
enum volume_slot { MODEL_VOLUME_FIELDS(MODEL_SLOT_ENUM, 0) VF__COUNT };
enum seccomp_profile_slot {
	MODEL_SECCOMP_PROFILE_FIELDS(MODEL_SLOT_ENUM, 0) SPF__COUNT
};
enum seccomp_rule_slot {
	MODEL_SECCOMP_RULE_FIELDS(MODEL_SLOT_ENUM, 0) SRF__COUNT
};
enum seccomp_bypass_slot {
	MODEL_SECCOMP_BYPASS_FIELDS(MODEL_SLOT_ENUM, 0) SBF__COUNT
};
enum engine_slot { MODEL_ENGINE_FIELDS(MODEL_SLOT_ENUM, 0) EF__COUNT };
enum host_slot { MODEL_HOST_FIELDS(MODEL_SLOT_ENUM, 0) HF__COUNT };
enum build_slot { MODEL_BUILD_FIELDS(MODEL_SLOT_ENUM, 0) BF__COUNT };
enum run_slot { MODEL_RUN_FIELDS(MODEL_SLOT_ENUM, 0) RF__COUNT };
enum pod_slot { MODEL_POD_FIELDS(MODEL_SLOT_ENUM, 0) PDF__COUNT };
enum annotation_slot {
	MODEL_ANNOTATION_FIELDS(MODEL_SLOT_ENUM, 0) AF__COUNT
};
enum docker_daemon_slot {
	MODEL_DOCKER_DAEMON_FIELDS(MODEL_SLOT_ENUM, 0) DDF__COUNT
};
enum cri_config_slot {
	MODEL_CRI_CONFIG_FIELDS(MODEL_SLOT_ENUM, 0) CRF__COUNT
};
enum cri_handler_slot {
	MODEL_CRI_HANDLER_FIELDS(MODEL_SLOT_ENUM, 0) CHF__COUNT
};
enum kubelet_slot { MODEL_KUBELET_FIELDS(MODEL_SLOT_ENUM, 0) KF__COUNT };
enum scc_slot { MODEL_SCC_FIELDS(MODEL_SLOT_ENUM, 0) SCF__COUNT };
enum rbac_slot { MODEL_RBAC_FIELDS(MODEL_SLOT_ENUM, 0) RBF__COUNT };
enum namespace_slot {
	MODEL_NAMESPACE_FIELDS(MODEL_SLOT_ENUM, 0) NSF__COUNT
};
#undef MODEL_SLOT_ENUM

/*
 * Every object kind: its enum value, the name rules use (applies-to), its
 * field list and slot count.  model.c builds all its tables from this.
 */
#define MODEL_KINDS(X) \
X(MO_CONTAINER, "container", MODEL_CONTAINER_FIELDS, CF__COUNT) \
X(MO_MOUNT, "mount", MODEL_MOUNT_FIELDS, MF__COUNT) \
X(MO_PORT, "port", MODEL_PORT_FIELDS, PF__COUNT) \
X(MO_SYSCTL, "sysctl", MODEL_SYSCTL_FIELDS, SF__COUNT) \
X(MO_VOLUME, "volume", MODEL_VOLUME_FIELDS, VF__COUNT) \
X(MO_SECCOMP_PROFILE, "seccomp_profile", MODEL_SECCOMP_PROFILE_FIELDS, \
  SPF__COUNT) \
X(MO_SECCOMP_RULE, "seccomp_rule", MODEL_SECCOMP_RULE_FIELDS, SRF__COUNT) \
X(MO_SECCOMP_BYPASS, "seccomp_bypass", MODEL_SECCOMP_BYPASS_FIELDS, \
  SBF__COUNT) \
X(MO_ENGINE_DEFAULTS, "engine_defaults", MODEL_ENGINE_FIELDS, EF__COUNT) \
X(MO_HOST, "host", MODEL_HOST_FIELDS, HF__COUNT) \
X(MO_BUILD, "build", MODEL_BUILD_FIELDS, BF__COUNT) \
X(MO_RUN, "run", MODEL_RUN_FIELDS, RF__COUNT) \
X(MO_POD, "pod", MODEL_POD_FIELDS, PDF__COUNT) \
X(MO_ANNOTATION, "annotation", MODEL_ANNOTATION_FIELDS, AF__COUNT) \
X(MO_DOCKER_DAEMON, "docker_daemon", MODEL_DOCKER_DAEMON_FIELDS, DDF__COUNT) \
X(MO_CRI_CONFIG, "cri_config", MODEL_CRI_CONFIG_FIELDS, CRF__COUNT) \
X(MO_CRI_HANDLER, "cri_handler", MODEL_CRI_HANDLER_FIELDS, CHF__COUNT) \
X(MO_KUBELET, "kubelet", MODEL_KUBELET_FIELDS, KF__COUNT) \
X(MO_SCC, "scc", MODEL_SCC_FIELDS, SCF__COUNT) \
X(MO_NAMESPACE, "namespace", MODEL_NAMESPACE_FIELDS, NSF__COUNT) \
X(MO_RBAC, "rbac", MODEL_RBAC_FIELDS, RBF__COUNT)

/*
 * Who sets a field; the rows of the field lists above name these without
 * the MODEL_FIELD_ prefix.
 */
enum model_field_set_by {
	MODEL_FIELD_WRITTEN,	/* a front end, from what the input says */
	MODEL_FIELD_DERIVED,	/* derive() or a profile's facts, computed
				 * from the file's own settings */
	/*
	 * The cross-file step (xref.c), once every file is read: only rules
	 * judged there see it set, so a rule that reads one is judged there.
	 * The kinds that have such fields are the kinds that step judges.
	 */
	MODEL_FIELD_CROSS_FILE,
};

struct model_field {
	enum mobj_kind owner;
	int slot;
	const char *name;
	enum mval_type type;
	enum mval_type elem_type;
	enum mobj_kind elem_kind;
	enum model_field_set_by set_by;
	const char *doc;
};

/*
 * The rows behind model_fields() and the "origin" field of each kind, by
 * name so that the generated table of built-in rules (tools/rulegen.c) can
 * point at them in static data.  Everything else asks the functions below.
 */
extern const struct model_field model_field_rows[];
extern const struct model_field model_origin_rows[MO_KIND_COUNT];

/* The whole field table, in a stable order (by kind, then as declared). */
const struct model_field *model_fields(size_t *n);
/* A field of `kind` by the name rules write; "origin" works on every kind. */
const struct model_field *model_field_find(enum mobj_kind kind,
					   const char *name);
/* How --list-fields marks a field: "(derived) ", "(cross-file) " or "". */
const char *model_field_set_by_note(const struct model_field *f);
/*
 * Does the cross-file step judge objects of `kind`?  True for the kinds
 * that have cross-file fields (container, engine_defaults).
 */
bool model_kind_cross_file(enum mobj_kind kind);
/*
 * The mobj_share bit an object must carry for the cross-file step to set
 * cross-file field `f` on it, or 0 when any object of its kind may get
 * it.  A rule whose only cross-file fields are such is judged file by
 * file for the objects without the bit, and in the cross-file step for
 * those with it (the step adopts them all; see rules.h, defer_share).
 */
unsigned model_field_share(const struct model_field *f);
const char *mobj_kind_name(enum mobj_kind kind);
/* "container" ... ; returns -1 when unknown. */
int mobj_kind_parse(const char *name);

/* Slot number for the `origin` pseudo-field every object has. */
#define MODEL_SLOT_ORIGIN (-1)

/*
 * What other files may need of an object, as the front end that made it
 * knows (see model/xref.h).  Set with `o->share |= ...`.
 */
enum mobj_share {
	MOBJ_SHARE_PROFILE_REF = 1u << 0,	/* names a seccomp profile file */
	MOBJ_SHARE_PROFILE_FILE = 1u << 1,	/* a profile file to be named */
	MOBJ_SHARE_CONF_SET = 1u << 2,	/* merged with its drop-ins */
	/* a Podman container that leaves its user namespace to the engine */
	MOBJ_SHARE_ENGINE_USERNS = 1u << 3,
	/* node settings: CRI runtime configs (merged), kubelet configs */
	MOBJ_SHARE_NODE_CONFIG = 1u << 4,
	MOBJ_SHARE_NODE_JUDGED = 1u << 5,	/* judged with the node's too */
	MOBJ_SHARE_NAMESPACE = 1u << 6,	/* a Namespace, for its PSA labels */
	/* Pod Security rules wait for the namespace's labels (derive.c) */
	MOBJ_SHARE_PSA = 1u << 7,
};

struct mobj {
	enum mobj_kind kind;
	unsigned share;		/* enum mobj_share bits */
	const char *origin;	/* how messages name it */
	const char *path;	/* its file, when kept past its file's model */
	struct loc loc;		/* where it is declared */
	/*
	 * The first line of the unit that holds it: the Kubernetes object
	 * (a workload, an item of a List) or else the document.  Set for
	 * top-level objects once the front end is done; 0: unknown.
	 */
	uint32_t unit_line;
	/*
	 * Only part of the object is written (a Kustomize patch): what is
	 * unset is not known to be unset, so rules about absence skip it
	 * (engine/engine.c).  Set for top-level objects by the pipeline.
	 */
	bool partial;
	/*
	 * The values: one per slot of its kind (f[slot]), or, for what the
	 * cross-file step keeps of an object (mobj_clone_slots), only the
	 * `nheld` slots listed in `held` (f[k] is the value of held[k]).
	 * Read through mobj_get() and written through the mobj_set_*
	 * family, which know both.
	 */
	struct mval *f;
	const uint16_t *held;
	uint16_t nheld;
};

/*
 * A suppression an input declares in its data rather than in a comment:
 * a Kubernetes annotation `ignore.cagelint.io/RULE: "reason"`.  It covers
 * the findings of the objects whose unit starts at `unit_line`.  Only
 * recorded here; the filter (filter/) decides what it does.
 */
struct model_waiver {
	const char *rule;	/* as written: an id or a name */
	const char *reason;	/* the annotation's value */
	struct loc loc;		/* the annotation */
	uint32_t unit_line;
};

/* The objects a front end made of one input file. */
struct model {
	struct arena *arena;
	bool arena_shared;	/* another's arena (model_move_to) */
	const char *path;	/* the input file (borrowed) */
	struct mobj **objs;	/* top-level objects, in input order */
	size_t n, cap;
	struct model_waiver *waivers;	/* in input order */
	size_t nwaivers, capwaivers;
	/*
	 * Other files a front end read to judge this one (a Compose
	 * project's override, extends and include files), each once, in
	 * the arena: a run counts them among the files it read.
	 */
	const char **also_read;
	size_t nalso, capalso;
};

struct model *model_new(const char *path);
void model_free(struct model *m);
/*
 * `from` copied into `store`, an arena many models share and its owner
 * frees after them, and then freed: what a model kept past its file
 * costs without an arena of its own (whose chunks it would half fill).
 * The objects' paths become the copy's path.
 */
struct model *model_move_to(struct model *from, struct arena *store);
/* Record that `path` was read for this model (see also_read). */
void model_note_read(struct model *m, const char *path);

/* A new top-level object; `origin` is copied. */
struct mobj *model_add(struct model *m, enum mobj_kind kind,
		       const char *origin, struct loc loc);
/* A new object owned by another (a mount of a container); not top-level. */
struct mobj *model_sub(struct model *m, enum mobj_kind kind, struct loc loc);
/* The same, holding only `slots` (`n` of them; see struct mobj), unset. */
struct mobj *mobj_new_held(struct model *m, enum mobj_kind kind,
			   struct loc loc, const uint16_t *slots, size_t n);
/* How many slots an object of `kind` has. */
int model_slot_count(enum mobj_kind kind);
/* How many values `o` stores in f[] (its kind's slots, or those held). */
size_t mobj_nvals(const struct mobj *o);

const struct mval *mobj_get(const struct mobj *o, int slot);
void mobj_set_bool(struct mobj *o, int slot, bool v, struct loc loc);
void mobj_set_int(struct mobj *o, int slot, int64_t v, struct loc loc);
/* Strings are copied into the model's arena. */
void mobj_set_str(struct model *m, struct mobj *o, int slot, const char *s,
		  struct loc loc);
void mobj_unset(struct mobj *o, int slot);
/* A reference to another object of the same model (a container's pod). */
void mobj_set_obj(struct mobj *o, int slot, struct mobj *v, struct loc loc);
/* The list in `slot`, created empty (at `loc`) when unset. */
struct mlist *mobj_list(struct model *m, struct mobj *o, int slot,
			struct loc loc);
void mlist_push_str(struct model *m, struct mlist *l, const char *s,
		    struct loc loc);
/* Push `s` without a copy: for strings that outlive every model (tables). */
void mlist_push_static(struct model *m, struct mlist *l, const char *s,
		       struct loc loc);
/* Make room for `n` more items at once (no doubling left behind). */
void mlist_reserve(struct model *m, struct mlist *l, size_t n);
void mlist_push_obj(struct model *m, struct mlist *l, struct mobj *obj);
bool mlist_has_str(const struct mlist *l, const char *s);

/*
 * A deep copy of `o` (its fields, lists and sub-objects) in `m`'s arena,
 * with `path` recorded on the copy and on every value, so that findings
 * about it name the right file after its own model is gone.
 */
struct mobj *mobj_clone(struct model *m, const struct mobj *o,
			const char *path);
/*
 * The same, but only the fields in `slots` (`n` of them) that are set,
 * and room for the fields in `later` (`nlater` of them), which the
 * cross-file step sets; every other field reads as unset and cannot be
 * set.  For what the cross-file step keeps of an object whose other
 * fields it never reads: a few hundred bytes, not one value per slot.
 */
struct mobj *mobj_clone_slots(struct model *m, const struct mobj *o,
			      const char *path, const int *slots, size_t n,
			      const int *later, size_t nlater);
/* The value of `slot` to write in place (its path, say). */
struct mval *mobj_slot(struct mobj *o, int slot);
/* Register an object made elsewhere as one of `m`'s top-level objects. */
void model_adopt(struct model *m, struct mobj *o);

/* Record a waiver; `rule` and `reason` are copied into the arena. */
void model_add_waiver(struct model *m, const char *rule, const char *reason,
		      struct loc loc, uint32_t unit_line);

/* --dump model: every object with every set field, as JSON. */
void model_dump_json(struct strbuf *sb, const struct model *m);

#endif
