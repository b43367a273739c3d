#!/usr/bin/env python3
"""parity.py CAGELINT FIXTURES - Pod Security Standards parity, measured.

FIXTURES is the test/testdata folder of kubernetes/pod-security-admission:
LEVEL/v1.N/{pass,fail}/*.yaml, one pod each, which Pod Security Admission
itself admits (pass) or rejects (fail) at that level and version.  For each
level and version, every file is linted in one run with
`--profile pss-LEVEL --k8s-version 1.N`; a file passes in cagelint when it
has no finding.  Prints one line per mismatch and a summary; exits 1 when
any file disagrees, 2 when the folder is not there.
"""
import json
import os
import subprocess
import sys


def lint(binary, level, version, files):
    cmd = [binary, "--profile", "pss-" + level, "--k8s-version", version,
           "--format", "json", "--fail-on", "none", "-j", "2"] + files
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("%s: exit %d\n%s" % (" ".join(cmd[:6]), out.returncode,
                                       out.stderr))
    report = json.loads(out.stdout)
    flagged = {}
    for f in report["findings"]:
        flagged.setdefault(f["path"], []).append(f["rule"])
    return flagged


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    if not os.path.isdir(root):
        print("parity: no fixtures at %s" % root, file=sys.stderr)
        return 2
    total = bad = 0
    for level in ("baseline", "restricted"):
        vdir = os.path.join(root, level)
        versions = sorted(os.listdir(vdir),
                          key=lambda v: int(v.split(".")[1]))
        for v in versions:
            files = []
            want = {}
            for verdict in ("pass", "fail"):
                d = os.path.join(vdir, v, verdict)
                for name in sorted(os.listdir(d)):
                    path = os.path.join(d, name)
                    files.append(path)
                    want[path] = verdict
            flagged = lint(binary, level, v[1:], files)
            for path in files:
                total += 1
                got = "fail" if path in flagged else "pass"
                if got != want[path]:
                    bad += 1
                    print("%s %s %s: admission says %s, cagelint %s %s" %
                          (level, v, os.path.relpath(path, vdir),
                           want[path], got,
                           ",".join(sorted(set(flagged.get(path, []))))))
    print("pss parity: %d files, %d agree, %d disagree" %
          (total, total - bad, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
