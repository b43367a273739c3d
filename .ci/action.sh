#!/bin/sh
# action.sh build|run - the shell steps of the GitHub Action (action.yml),
# kept here so that they can be run and tested outside GitHub.
#
# build  installs the build dependencies when missing (apt-get, through
#        sudo on GitHub's runners) and builds cagelint in the action's
#        folder, unless a `cagelint` is already on PATH.
# run    runs cagelint over $INPUT_PATHS (split on white space; default
#        ".") writing the report in $INPUT_FORMAT (default sarif) to
#        $INPUT_REPORT_FILE (default cagelint.sarif), with --fail-on
#        $INPUT_FAIL_ON, --config $INPUT_CONFIG when set, and
#        $INPUT_ARGS, and in the same run the findings as GitHub
#        annotations (`-f github`), shown in the log and on the diff.  The
#        exit status is written to $GITHUB_OUTPUT as exit-code=N, and the
#        step itself exits 0 so that the SARIF is uploaded before the
#        last step fails the job with that status.  Report paths are
#        relative to the working directory, as code scanning wants.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)

bin() {
	if [ -x "$here/cagelint" ]; then
		echo "$here/cagelint"
	else
		command -v cagelint
	fi
}

build() {
	if command -v cagelint >/dev/null 2>&1; then
		echo "using $(command -v cagelint)"
		return
	fi
	sh "$here/.ci/install-deps"
	# Built once per job: without the link-time pass (OPT), which takes
	# longer than it saves on one repository's scan.
	make -C "$here" -j "$(nproc 2>/dev/null || echo 2)" OPT= cagelint
}

run() {
	cagelint=$(bin)
	file=${INPUT_REPORT_FILE:-cagelint.sarif}
	set -- --fail-on "${INPUT_FAIL_ON:-high}"
	if [ -n "${INPUT_CONFIG:-}" ]; then
		set -- "$@" --config "$INPUT_CONFIG"
	fi
	# Word splitting is wanted: paths and extra arguments are lists.
	# shellcheck disable=SC2086
	set -- "$@" ${INPUT_ARGS:-} ${INPUT_PATHS:-.}
	status=0
	"$cagelint" --format "${INPUT_FORMAT:-sarif}=$file" --format github \
		"$@" || status=$?
	echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
	echo "report-file=$file" >> "${GITHUB_OUTPUT:-/dev/null}"
	echo "cagelint exited $status (report in $file)"
}

case ${1:-} in
build) build ;;
run) run ;;
*) echo "usage: action.sh build|run" >&2; exit 2 ;;
esac
