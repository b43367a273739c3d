#!/usr/bin/env python3
"""run.py CAGELINT FLOOR [STATIC] [--quick] - `make bench`: speed and memory.

Every figure is measured side by side in this run, against the floor
program (floor.c: libyaml's event parser over the same files) or against
cagelint itself at another size, so that the table means the same on any
machine.  The corpora are generated here, in a temporary folder (nothing
large is committed): Kubernetes manifests of the usual kinds, some
hardened, some not; seccomp profiles; Dockerfiles; one large
multi-document file; minified one-line inputs beside the same content
pretty-printed; the cross-file cases (N pods naming N profiles, N pods
sharing one SELinux level).

Times are CPU seconds (user + system) of the whole process unless the
row says wall; memory is peak resident set (ru_maxrss).  Times move with
the machine's load; where valgrind is installed, the rows "instructions"
count what the processes executed (callgrind), which does not.  STATIC,
when given and present, is the statically linked build (make static, the
container image's binary), measured on the single-file case beside the
shared one.  --quick runs smaller sizes (a smoke test of the bench itself).
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

BIN, FLOOR = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ARGS = [a for a in sys.argv[3:] if not a.startswith("--")]
STATIC = os.path.abspath(ARGS[0]) if ARGS and os.path.exists(ARGS[0]) \
    else None
QUICK = "--quick" in sys.argv
VALGRIND = shutil.which("valgrind")
TMP = tempfile.mkdtemp(prefix="cagelint-bench-")
ROWS = []


# --- measuring -------------------------------------------------------------

def measure(argv, stdin=None, repeat=1, rss=True):
    """Best of `repeat` runs: (wall s, cpu s, peak RSS KiB).

    CPU comes from wait4 (microseconds, the child and what it waited
    for); peak RSS from /usr/bin/time, a small process: Linux keeps the
    larger of a process's peak before and after exec, so a child of this
    script would start at the script's own size.  Without `rss` the
    command runs on its own (no RSS, 0), for times of a millisecond,
    which /usr/bin/time's own start would weigh on.
    """
    best = None
    rss_file = os.path.join(TMP, "rss")
    if rss:
        argv = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv
    for _ in range(repeat):
        actions = [(os.POSIX_SPAWN_OPEN, 0, stdin or os.devnull,
                    os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ,
                             file_actions=actions)
        _, _, ru = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        kib = int(open(rss_file).read().split()[-1]) if rss else 0
        got = (wall, ru.ru_utime + ru.ru_stime, kib)
        if best is None or got[1] < best[1]:
            best = got
    return best


def instructions(argv, stdin=None):
    """Instructions the process executes (callgrind), or None."""
    if not VALGRIND:
        return None
    with open(stdin or os.devnull) as inp:
        r = subprocess.run([VALGRIND, "--tool=callgrind",
                            "--callgrind-out-file=/dev/null"] + argv,
                           stdin=inp, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    for line in r.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1])
    return None


def ratio(a, b):
    return "%.2fx" % (a / b) if b > 0 else "-"


def row(case, what, value, ratio=""):
    ROWS.append((case, what, value, ratio))
    print("  %-34s %-40s %14s %10s" % (case, what, value, ratio),
          flush=True)


def files_of(root):
    listing = os.path.join(TMP, os.path.basename(root) + ".list")
    with open(listing, "w") as f:
        for d, _, names in sorted(os.walk(root)):
            for n in sorted(names):
                f.write(os.path.join(d, n) + "\n")
    return listing


# --- corpora ---------------------------------------------------------------

KINDS = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod"]


def indent(text, n):
    return "".join(" " * n + line + "\n" if line else "\n"
                   for line in text.split("\n")[:-1])


def pod_spec(i, rnd, weak):
    """A pod spec at indent 0: some hardened, some not."""
    if weak:
        sc = ("  securityContext:\n"
              "    privileged: %s\n"
              "    capabilities: {add: [NET_ADMIN]}\n"
              % ("true" if rnd.random() < 0.5 else "false"))
    else:
        sc = ("  securityContext:\n"
              "    allowPrivilegeEscalation: false\n"
              "    readOnlyRootFilesystem: true\n"
              "    capabilities: {drop: [ALL]}\n")
    volume = ("hostPath: {path: /var/run/docker.sock}"
              if weak and rnd.random() < 0.2 else "emptyDir: {}")
    return ("hostNetwork: %s\n"
            "securityContext:\n"
            "  runAsNonRoot: true\n"
            "  runAsUser: 10001\n"
            "  seccompProfile: {type: RuntimeDefault}\n"
            "containers:\n"
            "- name: app\n"
            "  image: registry.example/app%d:1.%d\n"
            "  ports: [{containerPort: 8080, name: http}]\n"
            "  env:\n"
            "  - {name: MODE, value: production}\n"
            "  - {name: LOG_LEVEL, value: info}\n"
            "  resources:\n"
            "    limits: {cpu: 500m, memory: 256Mi}\n"
            "%s"
            "  volumeMounts: [{name: data, mountPath: /data}]\n"
            "volumes:\n"
            "- name: data\n"
            "  %s\n"
            % ("true" if weak and rnd.random() < 0.3 else "false", i, i % 9,
               sc, volume))


def workload(i, rnd):
    kind = KINDS[i % len(KINDS)]
    spec = pod_spec(i, rnd, rnd.random() < 0.3)
    head = ("apiVersion: %s\nkind: %s\nmetadata:\n  name: app%d\n"
            "  labels: {app: app%d, tier: backend}\n"
            % ("v1" if kind == "Pod" else "apps/v1", kind, i, i))
    if kind == "Pod":
        return head + "spec:\n" + indent(spec, 2)
    if kind in ("Job", "CronJob"):
        job = "template:\n  spec:\n" + indent(spec, 4)
        if kind == "Job":
            return head + "spec:\n" + indent(job, 2)
        return (head + "spec:\n  schedule: \"*/5 * * * *\"\n"
                "  jobTemplate:\n    spec:\n" + indent(job, 6))
    return (head + "spec:\n  selector:\n    matchLabels: {app: app%d}\n"
            "  template:\n    metadata:\n      labels: {app: app%d}\n"
            "    spec:\n" % (i, i) + indent(spec, 6))


def service(i):
    return ("apiVersion: v1\nkind: Service\nmetadata: {name: app%d}\n"
            "spec:\n  selector: {app: app%d}\n"
            "  ports: [{port: 80, targetPort: http}]\n" % (i, i))


def manifests(root, n):
    rnd = random.Random(n)
    for i in range(n):
        d = os.path.join(root, "team%d" % (i % 100))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "app%d.yaml" % i), "w") as f:
            f.write(workload(i, rnd) + "---\n" + service(i))
    return root


def big_file(path, docs):
    rnd = random.Random(docs)
    with open(path, "w") as f:
        for i in range(docs):
            f.write(workload(i, rnd) + "---\n" + service(i) + "---\n")
    return path


PROFILE = {"defaultAction": "SCMP_ACT_ERRNO",
           "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
                             "SCMP_ARCH_X32"],
           "syscalls": [{"names": ["read", "write", "openat", "close",
                                   "fstat", "mmap", "mprotect", "munmap",
                                   "brk", "rt_sigaction", "exit_group",
                                   "futex", "chmod", "fchmodat"],
                         "action": "SCMP_ACT_ALLOW"},
                        {"names": ["ptrace"], "action": "SCMP_ACT_ERRNO",
                         "errnoRet": 1}]}


def profiles(root, n):
    for i in range(n):
        d = os.path.join(root, "p%d" % (i % 100))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "profile%d.json" % i), "w") as f:
            json.dump(PROFILE, f, indent=2)
    return root


def dockerfiles(root, n):
    for i in range(n):
        d = os.path.join(root, "svc%d" % i)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "Dockerfile"), "w") as f:
            f.write("FROM debian:12 AS build\nRUN apt-get update && "
                    "apt-get install -y gcc make\nCOPY . /src\n"
                    "RUN make -C /src\n\nFROM debian:12-slim\n"
                    "COPY --from=build /src/app /usr/bin/app\n"
                    "RUN chmod %s /usr/bin/app\nUSER %s\n"
                    "ENTRYPOINT [\"/usr/bin/app\"]\n"
                    % ("4755" if i % 10 == 0 else "755",
                       "root" if i % 7 == 0 else "10001"))
    return root


def unread_files(root, n):
    """n files of no format cagelint reads (a repository's sources)."""
    for i in range(n):
        d = os.path.join(root, "src%d" % (i // 1000))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "f%d.c" % i), "w") as f:
            f.write("int f%d(void) { return %d; }\n" % (i, i))
    return root


def sccs_granted(root, n):
    """n SCCs, n ClusterRoles that use another SCC each, n bindings of
    them to every user: each SCC is looked for among every grant."""
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "rbac.yaml"), "w") as f:
        for i in range(n):
            f.write("---\napiVersion: security.openshift.io/v1\n"
                    "kind: SecurityContextConstraints\n"
                    "metadata: {name: scc%d}\n"
                    "allowPrivilegedContainer: true\n"
                    "---\napiVersion: rbac.authorization.k8s.io/v1\n"
                    "kind: ClusterRole\nmetadata: {name: role%d}\n"
                    "rules:\n  - apiGroups: [security.openshift.io]\n"
                    "    resources: [securitycontextconstraints]\n"
                    "    verbs: [use]\n    resourceNames: [other%d]\n"
                    "---\napiVersion: rbac.authorization.k8s.io/v1\n"
                    "kind: ClusterRoleBinding\nmetadata: {name: b%d}\n"
                    "roleRef: {apiGroup: rbac.authorization.k8s.io, "
                    "kind: ClusterRole, name: role%d}\n"
                    "subjects:\n  - {kind: Group, "
                    "name: \"system:authenticated\", "
                    "apiGroup: rbac.authorization.k8s.io}\n"
                    % (i, i, i, i, i))
    return root


def pods_naming_profiles(root, n):
    for i in range(n):
        d = os.path.join(root, "prof%d" % i)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "profile.json"), "w") as f:
            json.dump(PROFILE, f)
        with open(os.path.join(root, "pod%d.yaml" % i), "w") as f:
            f.write("apiVersion: v1\nkind: Pod\nmetadata: {name: p%d}\n"
                    "spec:\n  securityContext:\n    seccompProfile:\n"
                    "      type: Localhost\n"
                    "      localhostProfile: prof%d/profile.json\n"
                    "  containers: [{name: a, image: x}]\n" % (i, i))
    return root


def pods_sharing_level(root, n):
    os.makedirs(root, exist_ok=True)
    for i in range(n):
        with open(os.path.join(root, "pod%d.yaml" % i), "w") as f:
            f.write("apiVersion: v1\nkind: Pod\nmetadata: {name: p%d}\n"
                    "spec:\n  securityContext:\n"
                    "    seLinuxOptions: {level: \"s0:c1,c2\"}\n"
                    "  containers: [{name: a, image: x}]\n" % i)
    return root


def kustomizations(root, n):
    """n overlays, each on the one before: a patch and a resource each."""
    for i in range(n):
        d = os.path.join(root, "k%d" % i)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "kustomization.yaml"), "w") as f:
            f.write("resources:\n  - deploy.yaml\n%s"
                    "patches:\n  - path: patch.yaml\n"
                    % ("  - ../k%d\n" % (i - 1) if i else ""))
        with open(os.path.join(d, "deploy.yaml"), "w") as f:
            f.write("apiVersion: v1\nkind: Pod\nmetadata: {name: p%d}\n"
                    "spec:\n  containers: [{name: a, image: x}]\n" % i)
        with open(os.path.join(d, "patch.yaml"), "w") as f:
            f.write("apiVersion: v1\nkind: Pod\nmetadata: {name: p%d}\n"
                    "spec:\n  containers:\n    - name: a\n"
                    "      securityContext: {privileged: true}\n" % i)
    return root


# --- the cases -------------------------------------------------------------

def sub(name):
    return os.path.join(TMP, name)


def corpus_scaling():
    sizes = [200, 2000] if QUICK else [1000, 10000, 100000]
    first = None
    for n in sizes:
        root = manifests(sub("k8s%d" % n), n)
        listing = files_of(root)
        fl = measure([FLOOR, "-"], stdin=listing, repeat=2)
        j1 = measure([BIN, "-j", "1", "-f", "json", root], repeat=2)
        j2 = measure([BIN, "-j", "2", "-f", "json", root], repeat=2)
        case = "manifests, %d files" % n
        row(case, "floor CPU", "%.2f s" % fl[1])
        row(case, "cagelint -j 1 CPU", "%.2f s" % j1[1],
            ratio(j1[1], fl[1]))
        row(case, "cagelint -j 1 wall", "%.2f s" % j1[0],
            ratio(j1[0], fl[0]))
        row(case, "-j 2 speed-up (wall -j1 / -j2)", "%.2f s" % j2[0],
            ratio(j1[0], j2[0]))
        row(case, "peak RSS -j 1 / floor", "%d KiB" % j1[2],
            ratio(j1[2], fl[2]))
        if first is None:
            fi = instructions([FLOOR, "-"], stdin=listing)
            ci = instructions([BIN, "-j", "1", "-f", "json", root])
            if fi and ci:
                row(case, "instructions -j 1 vs floor",
                    "%.1f M" % (ci / 1e6), ratio(ci, fi))
            first = (n, j1)
        else:
            row(case, "CPU per file vs %d files" % first[0],
                "%.1f us" % (1e6 * j1[1] / n),
                ratio(j1[1] / n, first[1][1] / first[0]))
            row(case, "peak RSS vs %d files" % first[0], "%d KiB" % j1[2],
                ratio(j1[2], first[1][2]))
        if n != sizes[-1]:
            shutil.rmtree(root)
    return root


def writers(root):
    text = measure([BIN, "-j", "2", "-f", "text", root], repeat=2)
    row("writers", "text CPU", "%.2f s" % text[1])
    for fmt in ("json", "sarif", "gitlab"):
        t = measure([BIN, "-j", "2", "-f", fmt, root], repeat=2)
        row("writers", "%s CPU / text" % fmt, "%.2f s" % t[1],
            ratio(t[1], text[1]))
        row("writers", "%s peak RSS / text" % fmt, "%d KiB" % t[2],
            ratio(t[2], text[2]))


def one_big_file():
    docs = 2000 if QUICK else 20000
    path = big_file(sub("big.yaml"), docs)
    size_kib = os.path.getsize(path) / 1024
    fl = measure([FLOOR, path], repeat=2)
    cl = measure([BIN, "-j", "1", "-f", "json", path], repeat=2)
    case = "one file, %d documents" % (2 * docs)
    row(case, "size", "%d KiB" % size_kib)
    row(case, "CPU vs floor", "%.2f s" % cl[1],
        ratio(cl[1], fl[1]))
    row(case, "peak RSS vs file size", "%d KiB" % cl[2],
        ratio(cl[2], size_kib))
    os.remove(path)


def other_inputs():
    n = 1000 if QUICK else 10000
    for name, gen in (("seccomp profiles", profiles),
                      ("Dockerfiles", dockerfiles),
                      ("files it does not read", unread_files)):
        small = gen(sub(name.split()[0] + "-small"), n // 10)
        big = gen(sub(name.split()[0] + "-big"), n)
        s = measure([BIN, "-j", "1", "-f", "json", small], repeat=2)
        b = measure([BIN, "-j", "1", "-f", "json", big], repeat=2)
        case = "%d %s" % (n, name)
        row(case, "CPU per file vs %d" % (n // 10),
            "%.1f us" % (1e6 * b[1] / n),
            ratio((b[1] / n), s[1] / (n // 10)))
        row(case, "peak RSS vs %d" % (n // 10), "%d KiB" % b[2],
            ratio(b[2], s[2]))
        shutil.rmtree(small)
        shutil.rmtree(big)


def cross_file():
    sizes = [500, 1000, 2000] if QUICK else [1000, 2000, 4000, 8000, 16000]
    # Overlays are not built (that is the tool's time): what is measured
    # is reading the kustomizations and finding the patches they name.
    for name, gen, opts in (
            ("N pods naming N profiles", pods_naming_profiles, []),
            ("N pods sharing one level", pods_sharing_level, []),
            ("N overlays, each on the last", kustomizations,
             ["--no-render"]),
            ("N SCCs, roles and bindings", sccs_granted, [])):
        prev = None
        for n in sizes:
            root = gen(sub("x%d" % n), n)
            t = measure([BIN, "-j", "1", "-f", "json"] + opts + [root])
            row(name, "N = %d, CPU (vs N/2)" % n, "%.3f s" % t[1],
                ratio(t[1], prev[1]) if prev else "")
            prev = t
            shutil.rmtree(root)


def long_lines():
    scale = 10 if QUICK else 1
    rnd = random.Random(7)
    pretty = sub("pretty")
    mini = sub("mini")
    os.makedirs(pretty)
    os.makedirs(mini)
    items = [json.loads(json.dumps(dict(PROFILE, syscalls=[
        {"names": ["call%d" % (i * 10 + k) for k in range(10)],
         "action": "SCMP_ACT_ALLOW"} for i in range(3000 // scale)])))]
    pod = {"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "p%d" % i},
         "spec": {"containers": [{"name": "c", "image": "x",
                                  "securityContext": {
                                      "privileged": rnd.random() < 0.1}}]}}
        for i in range(5000 // scale)]}
    for name, doc in (("profile.json", items[0]), ("pods.json", pod)):
        with open(os.path.join(pretty, name), "w") as f:
            json.dump(doc, f, indent=2)
        with open(os.path.join(mini, name), "w") as f:
            json.dump(doc, f, separators=(",", ":"))
    runs = " && ".join("docker run --privileged -v /:/host img%d" % i
                       for i in range(3000 // scale))
    with open(os.path.join(pretty, "run.sh"), "w") as f:
        f.write("#!/bin/sh\n" + runs.replace(" && ", " &&\n") + "\n")
    with open(os.path.join(mini, "run.sh"), "w") as f:
        f.write("#!/bin/sh\n" + runs + "\n")
    for name in ("profile.json", "pods.json", "run.sh"):
        p = measure([BIN, "-j", "1", "-f", "json",
                     os.path.join(pretty, name)], repeat=2)
        m = measure([BIN, "-j", "1", "-f", "json",
                     os.path.join(mini, name)], repeat=2)
        row("one long line: " + name, "CPU vs pretty-printed",
            "%.2f s" % m[1], ratio(m[1], p[1]))


def single_file():
    one = os.path.join(sub("k8s-one"), "app.yaml")
    os.makedirs(os.path.dirname(one))
    with open(one, "w") as f:
        f.write(workload(1, random.Random(1)))
    case = "one small manifest"

    def one_run(binary, argv):
        """Times on its own (best of 20), peak RSS under /usr/bin/time."""
        t = measure([binary] + argv, repeat=20, rss=False)
        return t[0], t[1], measure([binary] + argv, repeat=3)[2]

    base = one_run(BIN, ["--version"])
    t = one_run(BIN, [one])
    row(case, "wall, best of 20", "%.2f ms" % (1e3 * t[0]))
    row(case, "CPU vs --version", "%.2f ms" % (1e3 * t[1]),
        ratio(t[1], base[1]))
    row(case, "peak RSS vs --version", "%d KiB" % t[2], ratio(t[2], base[2]))
    if STATIC:
        s = one_run(STATIC, [one])
        row(case, "static build: wall vs shared", "%.2f ms" % (1e3 * s[0]),
            ratio(s[0], t[0]))
        row(case, "static build: CPU vs shared", "%.2f ms" % (1e3 * s[1]),
            ratio(s[1], t[1]))
        row(case, "static build: peak RSS vs shared", "%d KiB" % s[2],
            ratio(s[2], t[2]))


def main():
    if not os.path.exists("/usr/bin/time"):
        sys.exit("make bench needs /usr/bin/time (Debian package: time)")
    print("cagelint bench: %d cores, %s" % (os.cpu_count(),
          subprocess.run([BIN, "--version"], capture_output=True,
                         text=True).stdout.strip()))
    print("  %-34s %-40s %14s %10s" % ("case", "what", "value", "ratio"))
    try:
        single_file()
        root = corpus_scaling()
        writers(root)
        shutil.rmtree(root)
        one_big_file()
        other_inputs()
        cross_file()
        long_lines()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)


main()
