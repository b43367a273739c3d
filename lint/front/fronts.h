/*
 * fronts.h - THE list of front ends: one FRONT(id) line per front end, in
 * the order detection tries them (the first whose match_path, sniff or
 * detect says yes takes the file or document; keep the more specific
 * ones first).
 *
 * FRONT(id) names `const struct front front_<id>`, defined at the end of
 * the front end's own file in lint/front/.  From this list come front.h's
 * externs, front.c's table, the names --kind accepts and --help lists,
 * and the kinds the fuzz target tries.  Adding a front end is its file
 * plus one line here.  No include guard: read it with FRONT defined.
 */
/* node and cluster objects, before kube claims every kind */
FRONT(kubelet)
FRONT(scc)
FRONT(namespace)
FRONT(rbac)
FRONT(kube)
FRONT(compose)
FRONT(runline)
FRONT(ci_runline)
FRONT(dockerfile)
FRONT(seccomp)
FRONT(oci)
FRONT(containers_conf)
FRONT(selinux_config)
FRONT(quadlet)
FRONT(docker_daemon)
FRONT(grub_default)
FRONT(kubelet_env)
FRONT(crio)
FRONT(containerd)
