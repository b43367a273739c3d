#!/bin/sh
# alloc-faults.sh CAGELINT FAILMALLOC_SO - the allocator fails, everywhere.
#
# Runs cagelint over the bundled examples (every format, 28 files) with
# the allocator made to fail at one point of the run (FAILMALLOC_SO, built
# from lint/test/failmalloc.c), for points spread over every allocation
# the run makes: inside a file's work that file's error, anywhere else
# one line and exit status 2.  Each run must end with status 0, 1 or 2,
# never a signal (a crash, an abort from a corrupted heap) or a hang, and
# a status 2 must come with an error (out of memory, or what the failed
# call made of it, such as a directory that could not be opened).  Three sweeps: one failure at
# a time with -j 1, the allocator failing for good from that point on,
# and one failure at a time with -j 2.
#
# Prints "ok SWEEP (N points)" or "FAIL SWEEP: N: what", then
# "alloc-faults: N passed, N failed".  Plain builds only: a sanitizer's
# allocator cannot be replaced this way.
set -u
bin=$1
lib=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
examples=$top/docs/examples
# About this many points per sweep, spread evenly over the run.
POINTS=${ALLOC_FAULT_POINTS:-600}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

total=$(FAIL_REPORT=1 LD_PRELOAD=$lib "$bin" -j 1 "$examples" 2>&1 \
	>/dev/null | sed -n 's/^allocations: //p')
if [ -z "$total" ] || [ "$total" -lt 100 ]; then
	echo "FAIL counting allocations: got '${total:-nothing}'"
	echo "alloc-faults: 0 passed, 1 failed"
	exit 1
fi
step=$((total / POINTS))
[ "$step" -ge 1 ] || step=1

# one POINT COUNT JOBS: run once failing at POINT; prints a line if bad.
cat > "$work/one" <<'EOF'
#!/bin/sh
point=$1 count=$2 jobs=$3
out=$WORK/err.$point.$jobs.$count
FAIL_AT=$point FAIL_COUNT=$count LD_PRELOAD=$LIB \
	timeout -k 5 60 "$BIN" -j "$jobs" "$EXAMPLES" > "$out" 2>&1
rc=$?
case $rc in
0|1) ;;
2)	grep -Eq 'fatal: out of memory|: error: ' "$out" ||
		echo "$point: status 2 without an error: $(tail -c 200 "$out")" ;;
124|137) echo "$point: no end within 60 s" ;;
*)	echo "$point: status $rc: $(head -c 200 "$out" | tr '\n' ' ')" ;;
esac
rm -f "$out"
EOF
chmod +x "$work/one"

sweep() {
	name=$1 count=$2 jobs=$3
	seq 1 "$step" "$total" |
		WORK=$work LIB=$lib BIN=$bin EXAMPLES=$examples \
		xargs -P 2 -I{} "$work/one" {} "$count" "$jobs" > "$work/bad"
	if [ -s "$work/bad" ]; then
		echo "FAIL $name: $(wc -l < "$work/bad") points"
		head -n 10 "$work/bad"
		failed=$((failed + 1))
	else
		echo "ok $name ($(seq 1 "$step" "$total" | wc -l) points of $total)"
		passed=$((passed + 1))
	fi
}

sweep "one allocation fails, -j 1" 1 1
sweep "every allocation fails from there on, -j 1" 1000000000 1
sweep "one allocation fails, -j 2" 1 2
echo "alloc-faults: $passed passed, $failed failed"
[ "$failed" = 0 ]
