#!/bin/sh
# action.sh CAGELINT - the GitHub Action's shell steps (action.yml calls
# .ci/action.sh) run here as a runner would run them: with
# GITHUB_ACTION_PATH, GITHUB_OUTPUT and the INPUT_* variables action.yml
# sets, in a scratch workspace.  A privileged pod gives exit-code=1 and a
# SARIF report (copied to $SARIF_DIR for the validator), a hardened one
# exit-code=0.  Ends with "action: N passed, N failed".
name=action
. "$(dirname "$0")/lib.sh"
bin=$(abs "$1")

# Every shell step of action.yml is one of .ci/action.sh's verbs.
steps=$(sed -n 's/^ *run: sh "\$GITHUB_ACTION_PATH\/.ci\/action.sh" //p' \
	"$top/action.yml")
if [ "$(echo $steps)" = "build run" ]; then
	ok
else
	bad "action.yml's steps are not 'build run': $steps"
fi
for want in paths format fail-on config args upload-sarif report-file; do
	if grep -q "^  $want:" "$top/action.yml"; then
		ok
	else
		bad "action.yml has no input $want"
	fi
done

mkdir "$tmp/bin" "$tmp/ws"
ln -s "$bin" "$tmp/bin/cagelint"
cp "$pods/privileged.yaml" "$tmp/ws/pod.yaml"
cp "$pods/hardened.yaml" "$tmp/ws/clean.yaml"

# run_step VERB PATHS: one step as the runner runs it.
run_step() {
	: > "$tmp/output"
	(cd "$tmp/ws" &&
	 PATH="$tmp/bin:$PATH" GITHUB_ACTION_PATH="$tmp/action" \
	 GITHUB_OUTPUT="$tmp/output" INPUT_PATHS="$2" INPUT_FAIL_ON=high \
	 INPUT_CONFIG= INPUT_ARGS= INPUT_FORMAT=sarif \
	 INPUT_REPORT_FILE=cagelint.sarif \
	 sh "$tmp/action/.ci/action.sh" "$1") > "$tmp/log" 2>&1
}
# The action's folder as a runner checks it out (no binary built in it).
mkdir -p "$tmp/action/.ci"
cp "$top/.ci/action.sh" "$top/.ci/install-deps" "$tmp/action/.ci/"

if run_step build . && grep -q "using $tmp/bin/cagelint" "$tmp/log"; then
	ok
else
	bad "build step:"; cat "$tmp/log"
fi
if run_step run pod.yaml && grep -qx "exit-code=1" "$tmp/output" &&
   grep -qx "report-file=cagelint.sarif" "$tmp/output" &&
   grep -q '"ruleId": "CG101"' "$tmp/ws/cagelint.sarif" &&
   grep -q '^::error file=pod.yaml,line=8' "$tmp/log"; then
	ok
	[ -n "${SARIF_DIR:-}" ] &&
		cp "$tmp/ws/cagelint.sarif" "$SARIF_DIR/action-run.sarif"
else
	bad "run step on a privileged pod:"; cat "$tmp/log" "$tmp/output"
fi
if run_step run clean.yaml && grep -qx "exit-code=0" "$tmp/output"; then
	ok
else
	bad "run step on a hardened pod:"; cat "$tmp/log" "$tmp/output"
fi
finish
