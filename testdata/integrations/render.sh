#!/bin/sh
# render.sh CAGELINT - charts and overlays rendered by the real tools, where
# this machine has them (the golden cases under testdata/kustomize and
# testdata/helm use stand-ins, and run everywhere):
#   - kubectl kustomize (or kustomize) builds an overlay whose patch makes
#     the base's hardened Deployment privileged: CG101 is found, pointed
#     at the base's file, and the overlay's files are judged through the
#     build only; --no-render judges the patch for what it sets.
#   - helm template renders a chart with a values file from the config:
#     CG101 points at the template.
# A tool that is missing is one line saying so, not a failure.
# Ends with "render: N passed, N failed".
name=render
. "$(dirname "$0")/lib.sh"
bin=$(abs "$1")
cases=$top/testdata

if command -v kustomize >/dev/null || command -v kubectl >/dev/null; then
	cp -r "$cases/kustomize/overlay-built-findings-at-base/base" \
	      "$cases/kustomize/overlay-built-findings-at-base/overlay" "$tmp/"
	(cd "$tmp" && "$bin" --no-config -v --compact base overlay) \
		> "$tmp/out" 2>&1
	rc=$?
	[ $rc = 1 ] && ok || bad "overlay build: exit $rc, not 1"
	grep -q '^base/deployment.yaml:2:1: critical: .*\[CG101\]' "$tmp/out" \
		&& ok || bad "overlay build: no CG101 at base/deployment.yaml"
	grep -q '^overlay/privileged.yaml: note: judged through the build' \
		"$tmp/out" && ok || bad "overlay build: the patch judged again"
	(cd "$tmp" && "$bin" --no-config --no-render --compact overlay) \
		> "$tmp/out" 2>&1
	grep -q '^overlay/privileged.yaml:11:13: critical: .*\[CG101\]' \
		"$tmp/out" && ! grep -q 'CG362\|CG364' "$tmp/out" &&
		ok || bad "--no-render: the patch not judged for what it sets"
else
	echo "render: neither kustomize nor kubectl on PATH: overlay build not tested"
fi

if command -v helm >/dev/null; then
	h=$cases/helm/rendered-with-helm-on-path
	cp -r "$h/web" "$h/.cagelint.yaml" "$h/values-prod.yaml" "$tmp/"
	(cd "$tmp" && "$bin" --compact web) > "$tmp/out" 2>&1
	grep -q '^web/templates/deployment.yaml:[0-9]*:[0-9]*: critical: .*\[CG101\]' \
		"$tmp/out" && ok || bad "helm: no CG101 at the template"
else
	echo "render: helm not on PATH: real chart rendering not tested"
fi
finish
