#!/bin/sh
# check-docs.sh CAGELINT - the documentation agrees with the code:
# 1. docs/rules/ and docs/nist-800-190.md are what `make docs` writes now;
# 2. README.md's option rows are the option table's (--help-markdown),
#    whole row by whole row: flags, argument and meaning.
set -u
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
"$bin" --write-docs "$tmp"
if diff -ru "$top/docs/rules" "$tmp/rules" &&
   diff -u "$top/docs/nist-800-190.md" "$tmp/nist-800-190.md"; then
	pass=$((pass + 1))
else
	echo "FAIL docs: docs/ is out of date; run: make docs"
	fail=$((fail + 1))
fi
if sh "$top/lint/tools/readme_options.sh" "$bin" "$top/README.md" --check
then
	pass=$((pass + 1))
else
	echo "FAIL README.md: its option rows are not the option table's;" \
	     "run: make docs"
	fail=$((fail + 1))
fi
echo "docs: $pass passed, $fail failed"
[ $fail = 0 ]
