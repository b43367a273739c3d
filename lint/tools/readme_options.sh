#!/bin/sh
# readme_options.sh CAGELINT README [--check] - the README's option table
# is made from cagelint's own option table (lint/app/options.c), which
# prints its rows with the hidden --help-markdown.
#
# The option rows are the README's lines that start with "| `-": one
# block, under the "| Option | Meaning |" header.  Without --check they
# are replaced by the rows cagelint prints now (make docs does this); with
# --check nothing is written and the exit status says whether they are
# the same, whole row by whole row and in order (make check does this).
set -u
bin=$1
readme=$2
mode=${3:-}
rows=$(mktemp)
trap 'rm -f "$rows" "$rows.new"' EXIT
"$bin" --help-markdown > "$rows" || exit 2
if [ "$mode" = --check ]; then
	grep '^| `-' "$readme" | diff -u - "$rows" > "$rows.new"
	rc=$?
	[ $rc = 0 ] || sed 's/^/    /' "$rows.new"
	exit $rc
fi
awk -v rows="$rows" '
	/^\| `-/ {
		if (!done) {
			while ((getline line < rows) > 0)
				print line
			done = 1
		}
		next
	}
	{ print }
	END { if (!done) exit 1 }
' "$readme" > "$rows.new" || { echo "$readme: no option rows"; exit 2; }
cat "$rows.new" > "$readme"
