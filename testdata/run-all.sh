#!/bin/sh
# run-all.sh BUILD_DIR LABEL CAGELINT - the whole suite for one build.
#
# 1. every rule's bad and good examples (cagelint --test-rules)
# 2. the `when` language cases (testdata/lang/*.test), and the checks of
#    single functions (BUILD_DIR/unit_test)
# 3. the TOML 1.0 conformance suite, from $TOML_TEST_DIR (a toml-test
#    checkout) or else ../shared/toml-test; skipped when neither exists
#    (the TOML golden cases of step 5 run either way)
# 4. the fuzz corpus (testdata/fuzz/) replayed through the whole pipeline,
#    and docs/ and README.md agree with the rules and the options, and
#    every #include keeps to the layers (testdata/check-layers.py)
# 5. the golden-file cases (testdata/**/expected.*), and the reporters'
#    own cases (testdata/report-demo/, run by BUILD_DIR/report_demo)
# 6. the hostile-input suite (testdata/hostile/run.sh): inputs made to get
#    past cagelint, hang it or exhaust it, the main thread's stack under
#    an address-space limit (BUILD_DIR/stack_test), and (plain build)
#    the allocator failing at points spread over a whole run
#    (testdata/hostile/alloc-faults.sh)
# 7. the SARIF those cases produce, through testdata/sarif/validate.sh,
#    and through ../shared/sarif/validate-sarif too where that exists
#    (plain build only: the validators are slow and the output is the same)
# A step that cannot run here says "NAME: skipped (why)" and is counted as
# skipped, neither passed nor failed.
# Ends with one line "LABEL: N passed, N failed, N skipped".
set -u
build=$1
label=$2
bin=$3
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${CAGELINT_SHARED:-$top/../shared}
total_pass=0
total_fail=0
total_skip=0
sarif_dir=$(mktemp -d)
trap 'rm -rf "$sarif_dir"' EXIT

# Add the "N passed, N failed" counts of a step's last line.  A step
# that says "NAME: skipped (why)" on a line of its own counts as skipped
# (with the counts of its last line, if it gives any).
tally() {
	if grep -q '^[A-Za-z0-9_-]*: skipped (' "$1"; then
		total_skip=$((total_skip + 1))
	fi
	line=$(tail -n 1 "$1")
	case $line in *": skipped ("*) return ;; esac
	p=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
	if [ -z "$p" ] || [ -z "$f" ]; then
		echo "$label: step gave no counts: $line"
		total_fail=$((total_fail + 1))
		return
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

step() {
	name=$1
	shift
	log=$(mktemp)
	"$@" > "$log" 2>&1
	rc=$?
	grep -v '^ok ' "$log" | tail -n 60
	tally "$log"
	if [ $rc != 0 ] && [ "$(tail -n 1 "$log" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')" = 0 ]; then
		echo "$label: $name exited $rc"
		total_fail=$((total_fail + 1))
	fi
	rm -f "$log"
}

# skip NAME WHY: one line, and the step counts as skipped.
skip() {
	echo "$1: skipped ($2)"
	total_skip=$((total_skip + 1))
}

step rules "$bin" --test-rules
step lang "$build/lang_test" "$top"/testdata/lang/*.test
step unit "$build/unit_test"
if [ -n "${TOML_TEST_DIR:-}" ]; then
	# Asked for by name: a wrong folder fails, it is not skipped.
	step toml python3 "$top/testdata/toml/conformance.py" \
		"$build/toml_decode" "$TOML_TEST_DIR/tests"
elif [ -d "$shared/toml-test/tests" ]; then
	step toml python3 "$top/testdata/toml/conformance.py" \
		"$build/toml_decode" "$shared/toml-test/tests"
else
	skip toml-test "set TOML_TEST_DIR=a toml-test checkout"
fi
step fuzz-replay "$build/fuzz_replay" "$top"/testdata/fuzz/*
step docs sh "$top/testdata/check-docs.sh" "$bin"
step layers python3 "$top/testdata/check-layers.py" "$top"
SARIF_DIR=$sarif_dir step cases sh "$top/testdata/run-cases.sh" "$bin"
SARIF_DIR=$sarif_dir step report-demo sh "$top/testdata/run-cases.sh" \
	"$build/report_demo" "$top"/testdata/report-demo/*
step hostile sh "$top/testdata/hostile/run.sh" "$bin" "$label"
step stack "$build/stack_test"
if [ "$label" = plain ]; then
	step alloc-faults sh "$top/testdata/hostile/alloc-faults.sh" "$bin" \
		"$build/failmalloc.so"
	step pre-commit sh "$top/testdata/integrations/pre-commit.sh" "$bin"
	step containerfile sh "$top/testdata/integrations/containerfile.sh" \
		"$bin"
	SARIF_DIR=$sarif_dir step action \
		sh "$top/testdata/integrations/action.sh" "$bin"
	step gitlab sh "$top/testdata/integrations/gitlab.sh" "$bin"
	step deb sh "$top/testdata/integrations/deb.sh"
	step generated sh "$top/testdata/integrations/generated.sh" "$bin"
	step render sh "$top/testdata/integrations/render.sh" "$bin"
	step sarif sh "$top/testdata/sarif/validate.sh" "$sarif_dir"
	if [ -x "$shared/sarif/validate-sarif" ]; then
		step sarif-shared sh "$top/testdata/sarif/validate-shared.sh" \
			"$shared/sarif/validate-sarif" "$sarif_dir"
	else
		echo "sarif-shared: not run (no $shared/sarif/validate-sarif)"
	fi
fi
echo "$label: $total_pass passed, $total_fail failed, $total_skip skipped"
[ $total_fail = 0 ]
