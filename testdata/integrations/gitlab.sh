#!/bin/sh
# gitlab.sh CAGELINT - the GitLab CI template (docs/ci/gitlab-ci.yml): its
# `script:` lines run here as a runner runs them, with the template's
# variables, the binary under test on PATH, in a scratch project.  A
# privileged pod fails the job and leaves a Code Quality report naming
# CG101; a hardened pod passes with an empty report.  (before_script
# installs and clones, which needs the network: not run here.)
# Ends with "gitlab: N passed, N failed".
name=gitlab
. "$(dirname "$0")/lib.sh"
bin=$(abs "$1")
tmpl=$top/docs/ci/gitlab-ci.yml

# The job's script, one command a line, and its variables as exports.
sed -n '/^  script:/,/^  [a-z]/s/^    - //p' "$tmpl" > "$tmp/script"
sed -n '/^  variables:/,/^  [a-z_]*:$/s/^    \(CAGELINT_[A-Z_]*\): \("[^"]*"\|[^ ]*\).*/export \1=\2/p' \
	"$tmpl" > "$tmp/vars"
if [ "$(wc -l < "$tmp/script")" -eq 1 ] && grep -q CAGELINT_FAIL_ON "$tmp/vars"
then
	ok
else
	bad "cannot read the template's script and variables"
fi
grep -q 'codequality: gl-code-quality-report.json' "$tmpl" &&
	ok || bad "no codequality artifact"

mkdir "$tmp/bin" "$tmp/bad" "$tmp/good"
ln -s "$bin" "$tmp/bin/cagelint"
cp "$pods/privileged.yaml" "$tmp/bad/pod.yaml"
cp "$pods/hardened.yaml" "$tmp/good/pod.yaml"

job() {		# job DIR: the script as GitLab runs it (stop at a failure)
	(cd "$1" && . "$tmp/vars" && export PATH="$tmp/bin:$PATH" &&
	 set -e && . "$tmp/script") > "$tmp/log" 2>&1
}
if ! job "$tmp/bad" && grep -q '"check_name": "CG101' \
	"$tmp/bad/gl-code-quality-report.json" &&
   sed 's/\x1b\[[0-9;]*m//g' "$tmp/log" | grep -q 'pod.yaml:8:.*critical'
then
	ok
else
	bad "privileged pod: the job must fail with a report:"; cat "$tmp/log"
fi
if job "$tmp/good" && [ "$(cat "$tmp/good/gl-code-quality-report.json")" = "[]" ]
then
	ok
else
	bad "hardened pod: the job must pass with an empty report:"
	cat "$tmp/log" "$tmp/good/gl-code-quality-report.json"
fi
finish
