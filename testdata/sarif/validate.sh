#!/bin/sh
# validate.sh DIR - every DIR/*.sarif must be valid SARIF 2.1.0 that GitHub
# code scanning would take in.
#
# The judge is the Microsoft SARIF Multitool (`validate`, rule kinds Sarif
# and Ghas): the SARIF 2.1.0 JSON schema, its own SARIF rules, and GitHub's
# ingestion rules, which github-policy.xml switches on.  The fixtures in
# rejected/ (named RULE-what.sarif) go through the same run and must fail
# with exactly their RULE: proof that the schema and GitHub's rules are
# checked and that read-log.js sees errors.
#
# The Multitool is installed from the npm registry on first use, pinned,
# into ${XDG_CACHE_HOME:-~/.cache}/cagelint/ (about 100 MB), and reused.
# When it cannot be installed (no npm, offline), the step is skipped with a
# one-line reason; under CI (CI=true) that is a failure instead.
#
# Ends with "sarif: N passed, M failed" or "sarif: skipped (...)".
# It changes nothing outside its cache folder and a temporary file.
set -u
dir=$1
here=$(cd "$(dirname "$0")" && pwd)
version=5.7.0
package=@microsoft/sarif-multitool
case $(uname -s) in
Darwin) platform=darwin ;;
*) platform=linux ;;
esac
cache=${XDG_CACHE_HOME:-$HOME/.cache}/cagelint/sarif-multitool-$version
tool=$cache/node_modules/$package-$platform/Sarif.Multitool

# Not available: skipped, or failed under CI.
unavailable() {
	if [ "${CI:-}" = true ]; then
		echo "FAIL the SARIF Multitool is needed under CI: $1"
		echo "sarif: 0 passed, 1 failed"
		exit 1
	fi
	echo "sarif: skipped ($1)"
	exit 0
}

# Installs the pinned Multitool (the wrapper and the platform package, both
# at $version) into a fresh folder, then renames it into place, so that an
# interrupted install never leaves a half cache behind.
install_tool() {
	command -v npm >/dev/null 2>&1 ||
		unavailable "no npm to install $package@$version; install npm"
	mkdir -p "$(dirname "$cache")" || unavailable "cannot create $cache"
	new=$(mktemp -d "$cache.new.XXXXXX") || unavailable "cannot write $cache"
	echo "installing $package@$version into $cache" >&2
	# --prefix: else npm installs into the nearest folder above that has a
	# package.json.
	if ! npm install --prefix "$new" --no-audit --no-fund --no-save \
		--ignore-scripts --fetch-retries=1 --loglevel=error \
		"$package@$version" "$package-$platform@$version" \
		> "$new.log" 2>&1; then
		rm -rf "$new" "$new.log"
		unavailable "npm could not install $package@$version: offline?"
	fi
	rm -f "$new.log"
	# --ignore-scripts skipped the package's own chmod.
	chmod u+x "$new/node_modules/$package-$platform/Sarif.Multitool"
	# A run beside this one may have finished first: keep its copy (mv
	# would move this one inside it).
	if [ -e "$cache" ]; then
		rm -rf "$new"
	else
		mv "$new" "$cache" || rm -rf "$new"
	fi
}

[ -x "$tool" ] || install_tool
[ -x "$tool" ] || unavailable "$package@$version did not install a tool"
command -v node >/dev/null 2>&1 || unavailable "no node to read the log"

# validate SPEC... - one Multitool run over SPECs (files, or wildcards it
# expands itself, spaces and all) into $log.  One run for all files: the
# tool takes seconds to start.  The rule kinds are one argument holding a
# ";" (the npm wrapper would hand it to a shell that splits it there, so
# the tool is called directly).  The files come first: --level and --log
# take lists and would swallow them.  It exits 0 even when it finds
# errors, and non-zero only when it could not run (a bad policy file, say).
validate() {
	DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
	"$tool" validate "$@" --rule-kind "Sarif;Ghas" \
		--level "Error;Warning" --config "$here/github-policy.xml" \
		--output "$log" --log ForceOverwrite > "$log.out" 2>&1
}

log=$(mktemp)
trap 'rm -f "$log" "$log.out"' EXIT
if ls "$dir"/*.sarif >/dev/null 2>&1; then
	validate "$dir/*.sarif" "$here/rejected/*.sarif"
else
	validate "$here/rejected/*.sarif"
fi
if [ $? != 0 ]; then
	echo "FAIL the SARIF Multitool could not run:"
	head -n 5 "$log.out"
	echo "sarif: 0 passed, 1 failed"
	exit 1
fi
# What read-log.js expects of each file.
set --
for f in "$dir"/*.sarif; do
	[ -e "$f" ] && set -- "$@" "$f"
done
for f in "$here"/rejected/*.sarif; do
	rule=$(basename "$f")
	set -- "$@" --reject "${rule%%-*}" "$f"
done
node "$here/read-log.js" "$log" "$@"
