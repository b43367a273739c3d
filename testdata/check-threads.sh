#!/bin/sh
# check-threads.sh CAGELINT - linting with 8 threads is race-free and
# reports exactly what linting with one thread reports.
#
# Made for the ThreadSanitizer build (`make test-tsan`, which sets
# TSAN_OPTIONS), and fine with any build.  At test time it builds a tree
# of a few hundred files: the inputs of every golden case (twice, in two
# folders) and the bundled examples, which mix every front end, findings,
# clean files and broken ones, and the fuzz corpus, which is mostly broken.
# Then it lints the tree with -j 1 and with -j 8, in text and in JSON:
# standard output, standard error and exit status must be the same, and
# standard error must hold no sanitizer report.  The tree is deleted after.
#
# Ends with one line "threads: N passed, M failed".
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# copy_inputs FROM TO: the files of FROM that a case reads, under TO;
# the expected outputs and the case's own settings stay behind.
copy_inputs() {
	mkdir -p "$2"
	(cd "$1" && tar cf - --exclude='expected.*' --exclude=args \
		--exclude=stdin --exclude='*.sh' --exclude='*.py' \
		--exclude='*.js' --exclude='*.md' --exclude='*.test' \
		--exclude=./lang --exclude=./sarif --exclude=./fuzz \
		--exclude=./bench .) |
		(cd "$2" && tar xf -)
}

copy_inputs "$top/testdata" "$tmp/tree/cases-a"
copy_inputs "$top/testdata" "$tmp/tree/cases-b"
copy_inputs "$top/docs/examples" "$tmp/tree/examples"
mkdir -p "$tmp/tree/fuzz"
cp "$top"/testdata/fuzz/* "$tmp/tree/fuzz/"
files=$(find "$tmp/tree" -type f | wc -l)
echo "threads: a tree of $files files"

# lint NAME ARGS...: one run inside $tmp (paths in the report are then
# tree/...), its outputs in $tmp/NAME.out, .err and .exit.
lint() {
	name=$1
	shift
	# --no-render: the overlays among the cases are not built by the
	# kubectl of this machine, whose error messages carry times and pids.
	(cd "$tmp" && "$bin" --no-render "$@" tree > "$name.out" 2> "$name.err"
	 echo $? > "$name.exit")
}

# same A B: the two runs agree, and neither has a sanitizer report.
same() {
	ok=1
	for r in "$1" "$2"; do
		if grep -q 'Sanitizer' "$tmp/$r.err"; then
			echo "FAIL $r: sanitizer report:"
			head -n 40 "$tmp/$r.err"
			ok=0
		fi
	done
	for f in out err exit; do
		if ! cmp -s "$tmp/$1.$f" "$tmp/$2.$f"; then
			echo "FAIL $2: its $f differs from $1's:"
			diff "$tmp/$1.$f" "$tmp/$2.$f" | head -n 20
			ok=0
		fi
	done
	if [ $ok = 1 ]; then
		echo "ok $2 = $1"
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

for fmt in text json; do
	lint "$fmt-j1" -j 1 -f "$fmt"
	lint "$fmt-j8" -j 8 -f "$fmt"
	same "$fmt-j1" "$fmt-j8"
done
echo "threads: $pass passed, $fail failed"
[ $fail = 0 ]
