#!/bin/sh
# run-cases.sh CAGELINT [CASE_DIR...] - the golden-file cases.
#
# With no CASE_DIR, every case under testdata/ but those of testdata/
# report-demo/, which are run with build/report_demo in CAGELINT's place.
# A case is a folder under testdata/ holding one or more expected.* files:
#   args             command-line arguments, one a line (default: the
#                    case's input* files, sorted)
#   stdin            fed to standard input (default: nothing)
#   env              NAME=value lines put in the environment (default: none)
#   expected.txt     standard output, exactly (or expected.json /
#                    expected.sarif when the output is that format)
#   expected.stderr  standard error, exactly (default: must be empty)
#   expected.exit    exit status (default: 0)
# The command runs inside the case folder.  UPDATE=1 rewrites the expected
# files from what the binary does now, for a reviewer to read in the diff.
# SARIF outputs are copied to $SARIF_DIR (when set) for validation.
set -u
bin=$1
shift
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

if [ $# -eq 0 ]; then
	set -- $(find "$top/testdata" -path "$top/testdata/report-demo" -prune \
		-o -name 'expected.*' -exec dirname {} \; | sort -u)
fi

for dir in "$@"; do
	name=${dir#"$top/testdata/"}
	out=expected.txt
	for f in expected.json expected.sarif; do
		[ -f "$dir/$f" ] && out=$f
	done
	(
		cd "$dir" || exit 99
		if [ -f args ]; then
			# One argument a line; blank lines are skipped.
			set --
			while IFS= read -r a || [ -n "$a" ]; do
				[ -n "$a" ] && set -- "$@" "$a"
			done < args
		else
			set -- $(ls input* 2>/dev/null)
		fi
		if [ -f env ]; then
			while IFS= read -r v || [ -n "$v" ]; do
				[ -n "$v" ] && export "$v"
			done < env
		fi
		if [ -f stdin ]; then
			NO_COLOR= "$bin" "$@" < stdin
		else
			NO_COLOR= "$bin" "$@" < /dev/null
		fi > "$tmp/out" 2> "$tmp/err"
		echo $? > "$tmp/exit"
	)
	want_exit=0
	[ -f "$dir/expected.exit" ] && want_exit=$(cat "$dir/expected.exit")
	got_exit=$(cat "$tmp/exit")
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$dir/$out"
		if [ -s "$tmp/err" ] || [ -f "$dir/expected.stderr" ]; then
			cp "$tmp/err" "$dir/expected.stderr"
		fi
		if [ "$got_exit" != 0 ] || [ -f "$dir/expected.exit" ]; then
			echo "$got_exit" > "$dir/expected.exit"
		fi
		pass=$((pass + 1))
		continue
	fi
	ok=1
	if ! cmp -s "$tmp/out" "$dir/$out"; then
		echo "FAIL $name: output differs from $out:"
		diff -u "$dir/$out" "$tmp/out" | head -40
		ok=0
	fi
	if [ -f "$dir/expected.stderr" ]; then
		if ! cmp -s "$tmp/err" "$dir/expected.stderr"; then
			echo "FAIL $name: stderr differs:"
			diff -u "$dir/expected.stderr" "$tmp/err" | head -40
			ok=0
		fi
	elif [ -s "$tmp/err" ]; then
		echo "FAIL $name: unexpected stderr:"
		head -40 "$tmp/err"
		ok=0
	fi
	if [ "$got_exit" != "$want_exit" ]; then
		echo "FAIL $name: exit status $got_exit, expected $want_exit"
		ok=0
	fi
	if [ -n "${SARIF_DIR:-}" ] && [ "$out" = expected.sarif ]; then
		cp "$tmp/out" "$SARIF_DIR/$(echo "$name" | tr / _).sarif"
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "cases: $pass passed, $fail failed"
[ $fail = 0 ]
