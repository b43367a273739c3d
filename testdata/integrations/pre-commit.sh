#!/bin/sh
# pre-commit.sh CAGELINT - the repository's .pre-commit-hooks.yaml works
# in the real pre-commit: in a scratch repository, `pre-commit try-repo`
# runs the `cagelint` hook from this checkout (with the binary under test
# first on PATH) on a privileged pod, which must be blocked with readable
# output, and on a hardened one, which must pass.
#
# Without pre-commit on PATH the step is skipped with a notice (under
# CI=true it fails: CI installs it).  Ends with "pre-commit: N passed,
# N failed".
name=pre-commit
. "$(dirname "$0")/lib.sh"
bin=$(abs "$1")
if ! command -v pre-commit >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL pre-commit is not installed (.ci/install-deps --test)"
		echo "pre-commit: 0 passed, 1 failed"
		exit 1
	fi
	echo "pre-commit: skipped (not installed; apt-get install pre-commit)"
	echo "pre-commit: 0 passed, 0 failed"
	exit 0
fi
mkdir "$tmp/bin" "$tmp/repo"
ln -s "$bin" "$tmp/bin/cagelint"
export PRE_COMMIT_HOME="$tmp/cache" PATH="$tmp/bin:$PATH"
unset PRE_COMMIT_COLOR
cd "$tmp/repo" || exit 1
git init -q . && git config user.email ci@example.invalid &&
git config user.name ci || exit 1
cp "$pods/privileged.yaml" "$pods/hardened.yaml" .
git add privileged.yaml hardened.yaml
check() {	# check NAME WANT_STATUS FILE PATTERN
	pre-commit try-repo --color never "$top" cagelint --files "$3" \
		> "$tmp/out" 2>&1
	rc=$?
	if [ $rc = "$2" ] && grep -q -- "$4" "$tmp/out"; then
		ok
	else
		bad "$1: exit $rc (want $2), output:"
		sed 's/^/    /' "$tmp/out"
	fi
}
check privileged-blocked 1 privileged.yaml \
	'privileged.yaml:8:[0-9]*: critical: .*runs privileged.*\[CG101\]'
check hardened-passes 0 hardened.yaml '^cagelint.*Passed'
finish
