#!/bin/sh
# validate-shared.sh VALIDATOR DIR - check every DIR/*.sarif with the
# shared SARIF validator (../shared/sarif/validate-sarif, where it exists:
# CI and the core team) and count the results.  An extra beside
# validate.sh, which is the project's own and runs everywhere.
set -u
validator=$1
dir=$2
pass=0
fail=0
# The validator runs `python3`; if that one lacks jsonschema but Debian's
# has it (python3-jsonschema), put Debian's first on PATH.
if ! python3 -c 'import jsonschema' 2>/dev/null &&
   /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	pydir=$(mktemp -d)
	ln -s /usr/bin/python3 "$pydir/python3"
	PATH=$pydir:$PATH
	export PATH
fi
n=$(ls "$dir"/*.sarif | wc -l)
# One run for all files (the validator starts slowly); file by file only
# to name the failures.
if "$validator" "$dir"/*.sarif > /dev/null 2>&1; then
	echo "sarif-shared: $n passed, 0 failed"
	exit 0
fi
for f in "$dir"/*.sarif; do
	if out=$("$validator" "$f" 2>&1); then
		pass=$((pass + 1))
	else
		echo "FAIL $(basename "$f"): $out"
		fail=$((fail + 1))
	fi
done
echo "sarif-shared: $pass passed, $fail failed"
[ $fail = 0 ]
