#!/usr/bin/env python3
"""check-layers.py TOP - the sources keep to their layers.

lint/ has one folder per layer, listed bottom to top by the Makefile's
LAYERS line (the one place the order is written).  A file may include
headers of its own layer and of the layers below it, never above; and
no two files may include each other through any chain (a file's module
is its .c and .h together, and a private header NAME_int.h belongs to
module NAME).  lint/test/ (test drivers) and lint/tools/
(build tools) sit outside the layers and may include any of them.

Prints one line per violation and ends with "layers: N passed, N failed".
"""
import os
import re
import sys

top = sys.argv[1]
lint = os.path.join(top, "lint")
make = open(os.path.join(top, "Makefile")).read()
layers = re.search(r"^LAYERS\s*=\s*(.+)$", make, re.M).group(1).split()
rank = {name: i for i, name in enumerate(layers)}
outside = {"test", "tools"}
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

passed = failed = 0
fails = []


def fail(msg):
    global failed
    failed += 1
    fails.append(msg)


for d in sorted(os.listdir(lint)):
    if os.path.isdir(os.path.join(lint, d)) and d not in rank and \
            d not in outside:
        fail("lint/%s: a folder that is not a layer (add it to LAYERS)" % d)

edges = {}
for layer in layers + sorted(outside):
    folder = os.path.join(lint, layer)
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".c", ".h")):
            continue
        rel = "%s/%s" % (layer, name)
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        module = re.sub(r"_int$", "", rel[:-2])
        for n, inc in enumerate(include.findall(text)):
            where = "lint/%s: #include \"%s\"" % (rel, inc)
            parts = inc.split("/")
            if len(parts) != 2 or parts[0] not in rank:
                if layer == "tools":
                    continue        # what a generator writes, not uses
                fail("%s: name a header as \"LAYER/FILE.h\"" % where)
                continue
            if not os.path.isfile(os.path.join(lint, inc)):
                fail("%s: no such header" % where)
                continue
            if layer in rank and rank[parts[0]] > rank[layer]:
                fail("%s: %s is above %s (order: %s)" %
                     (where, parts[0], layer, " < ".join(layers)))
                continue
            passed += 1
            target = re.sub(r"_int$", "", inc[:-2])
            if target != module:
                edges.setdefault(module, set()).add(target)

# A loop between modules: depth-first search with colours.
state = {}
stack = []


def visit(m):
    state[m] = 1
    stack.append(m)
    for t in sorted(edges.get(m, ())):
        if state.get(t) == 1:
            loop = stack[stack.index(t):] + [t]
            fail("include loop: " + " -> ".join(loop))
        elif t not in state:
            visit(t)
    stack.pop()
    state[m] = 2


for m in sorted(edges):
    if m not in state:
        visit(m)

for msg in fails:
    print("FAIL " + msg)
print("layers: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
