#!/usr/bin/env python3
"""conformance.py - run a TOML decoder over toml-test's TOML 1.0 files.

Usage: conformance.py DECODER SUITE_DIR

DECODER is a program taking one file name (lint/test/toml_decode).  Only
the files listed in SUITE_DIR/files-toml-1.0.0 are used:

  valid/*.toml    pass when the decoder exits 0 and its standard output is
                  JSON equal to the .json twin under toml-test's rules
                  (floats compared as numbers, nan equal to nan; date-times
                  compared as values after normalising the separator, case
                  and trailing fractional zeros; all else exactly).
  invalid/*.toml  pass when the decoder exits non-zero without crashing and
                  says `path:line:col: error: ...` on standard error.

A run that hangs past the timeout, dies of a signal or prints a sanitizer
report fails.  Each failure is printed, then a summary per kind, and last
a line `toml-test: N passed, M failed`.  Exit status 1 when any failed.

It uses the standard library only and changes nothing on disk.
"""

import concurrent.futures
import datetime
import json
import math
import os
import re
import signal
import subprocess
import sys

TIMEOUT_SECONDS = 5  # far above any real decode; a hang is a failure
LIST_NAME = "files-toml-1.0.0"
SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer",
                   "UndefinedBehaviorSanitizer", "runtime error:")
ERROR_LINE = re.compile(r"^(.+):(\d+):(\d+): error: .+$", re.M)


def run(decoder, path):
    """Run the decoder on one file: (status or None on timeout, out, err).

    The decoder gets a process group of its own, so that a timeout ends
    it and anything it started.
    """
    with subprocess.Popen([decoder, path], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True) as p:
        try:
            out, err = p.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return None, b"", b""
    return p.returncode, out, err


def crashed(status, err):
    """Why a run counts as a crash, or None."""
    if status is None:
        return "timed out after %d s" % TIMEOUT_SECONDS
    if status < 0 or status >= 128:
        return "died with status %d" % status
    text = err.decode("utf-8", "replace")
    for mark in SANITIZER_MARKS:
        if mark in text:
            return "sanitizer report: " + first_line_with(text, mark)
    return None


def first_line_with(text, mark):
    for line in text.splitlines():
        if mark in line:
            return line.strip()
    return mark


# --- toml-test's comparison rules ------------------------------------------

def is_tagged(v):
    return (isinstance(v, dict) and set(v) == {"type", "value"}
            and isinstance(v["type"], str) and isinstance(v["value"], str))


def float_value(s):
    s = s.replace("_", "")
    if s.lstrip("+-") == "nan":
        return math.nan
    return float(s)


def floats_equal(a, b):
    try:
        x, y = float_value(a), float_value(b)
    except ValueError:
        return False
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return x == y


def datetime_normal(s):
    """Upper case, 'T' separator, no trailing zeros in the fraction."""
    s = s.upper()
    if len(s) > 10 and s[10] == " ":
        s = s[:10] + "T" + s[11:]
    m = re.match(r"^(.*:\d\d)\.(\d+)(.*)$", s)
    if m:
        frac = m.group(2).rstrip("0")
        s = m.group(1) + ("." + frac if frac else "") + m.group(3)
    return s


def datetime_instant(s):
    """An offset date-time as an aware datetime, or None."""
    m = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?"
                 r"(Z|[+-]\d\d:\d\d)$", s)
    if not m:
        return None
    micro = (m.group(2) or "").ljust(6, "0")[:6]
    zone = "+00:00" if m.group(3) == "Z" else m.group(3)
    try:
        return datetime.datetime.fromisoformat(
            "%s.%s%s" % (m.group(1), micro, zone))
    except ValueError:
        return None


def datetimes_equal(a, b):
    x, y = datetime_normal(a), datetime_normal(b)
    if x == y:
        return True
    ix, iy = datetime_instant(x), datetime_instant(y)
    return ix is not None and iy is not None and ix == iy


def leaf_diff(want, got, where):
    if want["type"] != got["type"]:
        return "%s: type %s, want %s" % (where, got["type"], want["type"])
    kind = want["type"]
    if kind == "float":
        ok = floats_equal(want["value"], got["value"])
    elif kind.startswith("datetime") or kind in ("date-local",
                                                   "time-local"):
        ok = datetimes_equal(want["value"], got["value"])
    else:
        ok = want["value"] == got["value"]
    if ok:
        return None
    return "%s: %s %r, want %r" % (where, kind, got["value"],
                                    want["value"])


def diff(want, got, where="$"):
    """The first difference between expected and actual JSON, or None."""
    if is_tagged(want):
        if not is_tagged(got):
            return "%s: got %s, want a %s" % (where, kind_of(got),
                                              want["type"])
        return leaf_diff(want, got, where)
    if isinstance(want, dict):
        if not isinstance(got, dict) or is_tagged(got):
            return "%s: got %s, want a table" % (where, kind_of(got))
        if set(want) != set(got):
            return "%s: keys %s, want %s" % (where, sorted(got),
                                             sorted(want))
        for k in want:
            d = diff(want[k], got[k], "%s.%s" % (where, json.dumps(k)))
            if d:
                return d
        return None
    if isinstance(want, list):
        if not isinstance(got, list):
            return "%s: got %s, want an array" % (where, kind_of(got))
        if len(want) != len(got):
            return "%s: %d items, want %d" % (where, len(got), len(want))
        for i, (w, g) in enumerate(zip(want, got)):
            d = diff(w, g, "%s[%d]" % (where, i))
            if d:
                return d
        return None
    return None if want == got else "%s: got %r, want %r" % (where, got,
                                                             want)


def kind_of(v):
    if is_tagged(v):
        return "a " + v["type"]
    if isinstance(v, dict):
        return "a table"
    if isinstance(v, list):
        return "an array"
    return repr(v)


# --- the two kinds of test -------------------------------------------------

def check_valid(decoder, path):
    """None when the valid file `path` passes, else why not."""
    status, out, err = run(decoder, path)
    why = crashed(status, err)
    if why:
        return why
    if status != 0:
        return "rejected: " + err.decode("utf-8", "replace").strip()
    try:
        got = json.loads(out.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return "output is no JSON: %s" % e
    twin = path[:-len(".toml")] + ".json"
    with open(twin, encoding="utf-8") as f:
        want = json.load(f)
    return diff(want, got)


def check_invalid(decoder, path):
    """None when the invalid file `path` is rejected properly, else why."""
    status, _, err = run(decoder, path)
    why = crashed(status, err)
    if why:
        return why
    if status == 0:
        return "accepted"
    text = err.decode("utf-8", "replace")
    for m in ERROR_LINE.finditer(text):
        if m.group(1) == path:
            return None
    return "no `path:line:col: error:` line: " + text.strip()


def check(decoder, suite, name):
    path = os.path.join(suite, name)
    if name.startswith("valid/"):
        return check_valid(decoder, path)
    return check_invalid(decoder, path)


def test_names(suite):
    with open(os.path.join(suite, LIST_NAME), encoding="utf-8") as f:
        names = [line.strip() for line in f]
    return [n for n in names if n.endswith(".toml") and
            (n.startswith("valid/") or n.startswith("invalid/"))]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: conformance.py DECODER SUITE_DIR\n")
        return 2
    decoder = os.path.abspath(argv[1])
    suite = argv[2]
    names = test_names(suite)
    workers = os.cpu_count() or 1
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda n: check(decoder, suite, n), names))
    counts = {"valid": [0, 0], "invalid": [0, 0]}
    for name, why in zip(names, results):
        kind = name.split("/", 1)[0]
        counts[kind][1 if why else 0] += 1
        if why:
            print("FAIL %s: %s" % (name, why))
    for kind in ("valid", "invalid"):
        print("  %s: %d passed, %d failed" % (kind, *counts[kind]))
    passed = counts["valid"][0] + counts["invalid"][0]
    failed = counts["valid"][1] + counts["invalid"][1]
    print("toml-test: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
