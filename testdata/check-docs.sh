#!/bin/sh
# check-docs.sh CAGELINT - the documentation agrees with the code:
# 1. docs/rules/ and docs/nist-800-190.md are what `make docs` writes now;
# 2. README.md documents every option that --help lists.
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
for opt in $("$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	if grep -q -- "$opt" "$top/README.md"; then
		pass=$((pass + 1))
	else
		echo "FAIL README.md does not document $opt"
		fail=$((fail + 1))
	fi
done
echo "docs: $pass passed, $fail failed"
[ $fail = 0 ]
