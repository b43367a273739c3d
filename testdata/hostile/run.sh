#!/bin/sh
# run.sh CAGELINT [LABEL] - input written to get past cagelint, hang it or
# exhaust it, as whoever opens a pull request could write it.
#
# Every input is made here, at test time (escaped keys, UTF-16, template
# markers, broken documents, duplicate keys, long minified lines, FIFOs,
# /proc/self/fd links, files past a limit, names with bidirectional
# characters).  Each case asserts the exit status, a message, and the
# findings of a good file scanned beside the hostile one.  Each run has a
# generous time limit that only a hang reaches (speed is `make bench`'s
# business).  With LABEL "plain", runs under `ulimit -v` are added (the
# sanitizers reserve more address space than any such limit allows).
# Ends with one line "hostile: N passed, N failed".
set -u
bin=$1
label=${2:-plain}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
pass=0
fail=0
HANG=${HOSTILE_TIMEOUT:-120}

# The good file: one privileged pod, so CG101 at good.yaml:9:9.
cat > good.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  containers:
    - name: app
      securityContext:
        privileged: true
EOF
GOOD='good.yaml:9:9: critical: .*\[CG101\]'

# lint NAME ARGS... : run cagelint (under the hang guard) into NAME.out
lint() {
	name=$1
	shift
	timeout -k 5 "$HANG" "$bin" --disable CG362,CG364,CG367 "$@" \
		> "$name.out" 2> "$name.err" < /dev/null
	echo $? > "$name.rc"
}

# check NAME STATUS PATTERN... : the exit status, and each pattern (a
# grep -E expression; "!" before one: must not match) in stdout+stderr.
check() {
	name=$1
	want=$2
	shift 2
	ok=1
	got=$(cat "$name.rc")
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit status $got, expected $want" \
			"(124 or 137: it hung)"
		ok=0
	fi
	for pat in "$@"; do
		case $pat in
		!*)	if grep -Eq -- "${pat#!}" "$name.out" "$name.err"; then
				echo "FAIL $name: matches ${pat#!}"
				ok=0
			fi ;;
		*)	if ! grep -Eq -- "$pat" "$name.out" "$name.err"; then
				echo "FAIL $name: no line matches $pat"
				ok=0
			fi ;;
		esac
	done
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
		echo "ok $name"
	else
		fail=$((fail + 1))
		sed 's/^/    | /' "$name.out" "$name.err" | head -n 15
	fi
}

# --- 1. what is read is decided after parsing ------------------------------

printf '%s\n' 'apiVersion: v1' '"\x6Bind": Pod' 'metadata: {name: esc}' \
	'spec: {containers: [{name: a, securityContext: {privileged: true}}]}' \
	> escaped.yaml
lint escaped-yaml-key escaped.yaml good.yaml
check escaped-yaml-key 1 'escaped.yaml:4:.*\[CG101\]' "$GOOD"

printf '%s' '{"apiVersion": "v1", "\u006bind": "Pod", "metadata": {"name":' \
	' "e"}, "spec": {"containers": [{"name": "a", "securityContext":' \
	' {"privileged": true}}]}}' > escaped.json
lint escaped-json-key escaped.json good.yaml
check escaped-json-key 1 'escaped.json:1:.*\[CG101\]' "$GOOD"

for enc in UTF-16LE UTF-16BE UTF-32LE UTF-32BE; do
	python3 -c "import sys; sys.stdout.buffer.write('\ufeff'.encode('$enc')
		+ open('good.yaml').read().encode('$enc'))" > "wide-$enc.yaml"
	lint "bom-$enc" "wide-$enc.yaml"
	check "bom-$enc" 1 "wide-$enc.yaml:9:9: critical: .*\\[CG101\\]"
done
printf '\377\376k\000i\000n\000d\000:\000 \000\000\330' > bad16.yaml
lint bom-invalid-utf16 bad16.yaml good.yaml
check bom-invalid-utf16 2 'bad16.yaml: error: not valid UTF-16LE' "$GOOD"
printf '\377\376[\000]\000' > wide.toml
lint bom-toml wide.toml
check bom-toml 2 'wide.toml:1:1: error: a TOML file must be UTF-8'

# A file with no "kind" anywhere in its bytes is still parsed (and not
# skipped): a syntax error in it is an error.
printf 'a: [\n' > nokind.yaml
lint no-hint-syntax-error nokind.yaml good.yaml
check no-hint-syntax-error 2 'nokind.yaml:2:1: error: YAML syntax' "$GOOD"

# --- 2. a template marker decides nothing ------------------------------------

{ echo '# {{ .Values.comment }}'; cat good.yaml | sed 's/good/tpl/'
  echo '---'; echo 'a: [b'; } > comment-template.yaml
lint template-in-comment comment-template.yaml
check template-in-comment 2 'comment-template.yaml:10:9: critical: .*CG101' \
	'comment-template.yaml:1[23]:[0-9]+: error: YAML syntax' \
	'!looks like a template'
{ sed 's/good/tpl2/' good.yaml; echo '---'; echo 'spec: {{ .Values.x }}'; } \
	> real-template.yaml
lint template-real real-template.yaml good.yaml
check template-real 1 'real-template.yaml:9:9: critical: .*CG101' \
	'real-template.yaml: warning: read as a Go template' "$GOOD"
# One that cannot be read even with its actions masked is an error.
{ sed 's/good/tpl3/' good.yaml; echo '---'; echo 'spec: [{{ .Values.x }}'; } \
	> broken-template.yaml
lint template-broken broken-template.yaml good.yaml
check template-broken 2 'broken-template.yaml:9:9: critical: .*CG101' \
	'broken-template.yaml: warning: looks like a template' \
	'broken-template.yaml:1[12]:[0-9]+: error: ' "$GOOD"

# --- 3. one bad document does not hide the others ----------------------------

{ sed 's/good/one/' good.yaml; echo '---'
  printf 'kind: Pod\nmetadata: {name: two\n  broken: [\n'
  echo '---'; sed 's/good/three/' good.yaml; } > middle.yaml
lint broken-middle-document middle.yaml good.yaml
check broken-middle-document 2 'middle.yaml:9:9: critical: .*"one".*CG101' \
	'middle.yaml:13:[0-9]+: error: YAML syntax' \
	'middle.yaml:23:9: critical: .*"three".*CG101' "$GOOD"
{ sed 's/good/alias/' good.yaml; echo '---'; echo 'a: *nothing'
  echo '---'; sed 's/good/after/' good.yaml; } > alias.yaml
lint undefined-alias-middle alias.yaml
check undefined-alias-middle 2 'alias.yaml:11:4: error: alias \*nothing' \
	'alias.yaml:21:9: critical: .*"after"'
printf '%s\n' 'apiVersion: v1' 'kind: Pod' 'metadata: {name: dup}' 'spec:' \
	'  containers:' '    - name: a' '      securityContext:' \
	'        privileged: false' '        privileged: true' > dup.yaml
lint duplicate-key-last-wins dup.yaml good.yaml
check duplicate-key-last-wins 2 \
	'dup.yaml:9:9: error: duplicate key "privileged" \(first at 8:9\)' \
	'dup.yaml:9:9: critical: .*CG101' "$GOOD"
printf '%s' '{"apiVersion":"v1","kind":"Pod","spec":{"hostPID":false,' \
	'"hostPID":true,"containers":[{"name":"a"}]}}' > dup.json
lint duplicate-json-key dup.json
check duplicate-json-key 2 \
	'dup.json:1:57: error: duplicate key "hostPID" \(first at 1:41\)' \
	'dup.json:1:57: high: .*\[CG107\]'
printf '%s' '{"apiVersion":"v1","kind":"Pod","spec":{"hostPID\u0000":false,' \
	'"hostPID":true,"containers":[{"name":"a"}]}}' > nul.json
lint json-nul-key nul.json
check json-nul-key 2 'nul.json:1:41: error: a string holds a NUL' \
	'nul.json:1:[0-9]+: high: .*\[CG107\]'

# --- 4. long lines are linear (a hang guard here; speed in make bench) ------

python3 - <<'PY'
import json
pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "long"},
       "spec": {"containers": [{"name": "c%d" % i, "image": "x",
                "securityContext": {"privileged": True}}
                for i in range(6000)]}}
open("long.json", "w").write(json.dumps(pod))
prof = {"defaultAction": "SCMP_ACT_ERRNO",
        "architectures": ["SCMP_ARCH_X86_64"],
        "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW",
                      "args": [{"index": 0, "value": i, "op": "SCMP_CMP_EQ"}]}
                     for i in range(4000)]}
open("long-seccomp.json", "w").write(json.dumps(prof))
open("long.sh", "w").write("; ".join(
    "docker run --privileged -v /srv/%d:/d img%d" % (i, i)
    for i in range(6000))
    + "\n")
PY
lint long-json long.json good.yaml
check long-json 1 'long.json:1:[0-9]{6}: critical: .*"c5999".*CG101' "$GOOD"
lint long-seccomp --kind seccomp long-seccomp.json
check long-seccomp 1 '!error' 'long-seccomp.json:1:54: medium: .*\[CG510\]'
lint long-shell --kind docker-run long.sh
check long-shell 1 'long.sh:1:[0-9]{6}: critical: docker run img5999 .*CG101'

# --- 5. only regular files are opened ---------------------------------------

mkfifo fifo
lint fifo-named fifo good.yaml
check fifo-named 2 'fifo: error: a FIFO, not a regular file' "$GOOD"
mkdir walk
cp good.yaml walk/
mkfifo walk/pipe.yaml
ln -s /proc/self/fd/0 walk/stdin.yaml
ln -s /proc/self/fd/1 walk/stdout.yaml
# stdin is a pipe nobody writes to: reading it would block for ever
( sleep "$HANG" & echo $! > sleeper; wait ) | {
	timeout -k 5 "$HANG" "$bin" -v --disable CG362,CG364,CG367 walk \
		> fifo-and-fd-links-in-walk.out 2> fifo-and-fd-links-in-walk.err
	echo $? > fifo-and-fd-links-in-walk.rc
	kill "$(cat sleeper)" 2>/dev/null
}
check fifo-and-fd-links-in-walk 1 \
	'walk/pipe.yaml: note: skipped: a FIFO, not a regular file' \
	'walk/stdin.yaml: note: skipped' 'walk/stdout.yaml: note: skipped' \
	'walk/good.yaml:9:9: critical: .*CG101'
( sleep "$HANG" & echo $! > sleeper2; wait ) | {
	timeout -k 5 "$HANG" "$bin" --disable CG362,CG364,CG367 \
		walk/stdin.yaml good.yaml > fd-link-named.out 2> fd-link-named.err
	echo $? > fd-link-named.rc
	kill "$(cat sleeper2)" 2>/dev/null
}
check fd-link-named 2 'walk/stdin.yaml: error: a FIFO, not a regular' \
	"$GOOD"
lint device-named /dev/zero good.yaml
check device-named 2 '/dev/zero: error: a character device' "$GOOD"

# --- 6. what one file may cost -----------------------------------------------

python3 -c "open('huge.json', 'w').write('[' + ','.join(['0'] * 3000000)
	+ ']')"
lint budget-beside-good huge.json good.yaml
check budget-beside-good 2 \
	'huge.json:1:[0-9]+: error: reading this file takes more than 128 MiB' \
	"$GOOD"
python3 -c "open('many.sh', 'w').write(''.join('docker run img%d\n' % i
	for i in range(20005)))"
lint objects-cap --kind docker-run many.sh
check objects-cap 2 'many.sh:20001:1: error: more than 20000 objects'
# Fewer objects than the cap, more findings than theirs: cut short.
python3 -c "open('loud.sh', 'w').write(''.join(
	'docker run --privileged --pid host -v /:/h -v /etc:/e img%d\n' % i
	for i in range(6000)))"
lint findings-cap --kind docker-run loud.sh
check findings-cap 2 \
	'loud.sh: error: more than 20000 findings in one file: [0-9]+ more'
python3 -c "open('containers.conf', 'w').write('[containers]\n'
	'default_capabilities = [' + ','.join(['\"SYS_ADMIN\"'] * 5000) + ']\n')"
lint findings-merged containers.conf
check findings-merged 1 \
	'containers.conf:2:[0-9]+: warning: 4990 more findings \[CG611\]' \
	'10 findings'
python3 -c "open('selinux-config', 'w').write(''.join('K%d=v\n' % i
	for i in range(300000)) + 'SELINUX=disabled\n')"
lint keyvalue-many-keys --kind selinux-config selinux-config
check keyvalue-many-keys 1 'selinux-config:300001:1: .*\[CG601\]'
python3 -c "open('deep.json', 'w').write('[' * 200000 + ']' * 200000)"
lint deep-json deep.json good.yaml
check deep-json 2 'deep.json:1:258: error: nesting deeper than 256' "$GOOD"

# --- 7. out of memory is one file's error ------------------------------------

if [ "$label" = plain ]; then
	( ulimit -v 1500000; lint ulimit-budget -j 2 huge.json good.yaml )
	check ulimit-budget 2 'huge.json:1:[0-9]+: error: reading this file' \
		"$GOOD"
	( ulimit -v 1500000; lint ulimit-yaml-budget wide-UTF-16LE.yaml \
		huge.json good.yaml )
	check ulimit-yaml-budget 2 'wide-UTF-16LE.yaml:9:9: critical' \
		"$GOOD"
	# Less address space than one file's budget: the allocator itself
	# fails inside those files' work, and only they are lost.
	cp huge.json huge2.json
	( ulimit -v 100000; lint ulimit-allocator -j 1 huge.json huge2.json \
		good.yaml )
	check ulimit-allocator 2 \
		'^huge.json: error: out of memory while reading this file' \
		'^huge2.json: error: out of memory' "$GOOD"
	( ulimit -v 100000; lint ulimit-allocator-j2 -j 2 huge.json \
		huge2.json good.yaml )
	check ulimit-allocator-j2 2 '^huge.json: error: out of memory' \
		'^huge2.json: error: out of memory' "$GOOD"
	# A script of many privileged run lines stays within its caps.
	python3 -c "open('loud-many.sh', 'w').write(''.join(
	    'docker run --privileged --cap-add=ALL -v /:/h --net=host '
	    '--pid=host -u root img%d\\n' % i for i in range(60000)))"
	( ulimit -v 400000; lint ulimit-script loud-many.sh \
		good.yaml )
	check ulimit-script 2 \
		'loud-many.sh:20001:1: error: more than 20000 objects' "$GOOD" \
		'!out of memory'
fi

# --- 8. smaller ones ---------------------------------------------------------

mkdir names
cp good.yaml "names/$(printf 'a\342\200\256lmay.yaml')"
cp good.yaml "names/$(printf 'b\377.yaml')"
cp good.yaml "names/$(printf 'c\342\200\250d.yaml')"
lint names-escaped names
check names-escaped 1 'names/a\\u\{202E\}lmay.yaml:9:9: critical' \
	'names/b\\xFF.yaml:9:9' 'names/c\\u\{2028\}d.yaml:9:9' \
	"!$(printf '\342\200\256')" "!$(printf '\377')"
printf '%s\n' 'apiVersion: v1' 'kind: Pod' 'metadata: {name: "x\u202Ey"}' \
	'spec: {containers: [{name: "\u2066a", securityContext:' \
	'  {privileged: true}}]}' > bidi-names.yaml
lint names-in-messages-escaped bidi-names.yaml
check names-in-messages-escaped 1 \
	'container "\\u\{2066\}a" of Pod "x\\u\{202E\}y"' \
	"!$(printf '\342\200\256')" "!$(printf '\342\201\246')"
printf '%s' '{"defaultAction": "SCMP_ACT_ERRNO", "architectures":' \
	' ["SCMP_ARCH_X86_64", "SCMP_ARCH_VAX"], "syscalls": []}' > arch.json
lint seccomp-unknown-arch arch.json good.yaml
check seccomp-unknown-arch 2 \
	'arch.json:1:[0-9]+: error: unknown architecture "SCMP_ARCH_VAX"' \
	"$GOOD"
mkdir links
cp good.yaml links/
python3 -c "import os
for i in range(500): os.symlink('good.yaml', 'links/l%d.yaml' % i)"
lint many-links links
check many-links 1 'links/good.yaml:9:9: critical' '1 finding .* in 1 file'

# --- 9. one input that makes work for every pair or path ---------------------

# Includes fanning out: 5 files deep, each including the next 40 times
# (40^5 ways to reach the last, which is read in once).
mkdir fanout
python3 -c "
for i in range(5):
    with open('fanout/f%d.yaml' % i, 'w') as f:
        f.write('include:\\n' + '  - f%d.yaml\\n' % (i + 1) * 40 +
                'services: {}\\n')
with open('fanout/f5.yaml', 'w') as f:
    f.write('services:\\n  deep:\\n    image: x\\n    privileged: true\\n')
"
mv fanout/f0.yaml fanout/compose.yaml
lint include-fanout fanout/compose.yaml good.yaml
check include-fanout 1 'fanout/f5.yaml:4:5: critical: service "deep"' "$GOOD"

# SCCs, roles and bindings by the thousand in one file: each SCC is
# weighed against every grant (once N^3).
python3 -c "
for i in range(3000):
    print('---\\nkind: SecurityContextConstraints\\n'
          'apiVersion: security.openshift.io/v1\\n'
          'metadata: {name: s%d}\\nallowPrivilegedContainer: true\\n'
          '---\\napiVersion: rbac.authorization.k8s.io/v1\\n'
          'kind: ClusterRole\\nmetadata: {name: r%d}\\nrules:\\n'
          '  - {apiGroups: [security.openshift.io], verbs: [use],\\n'
          '     resources: [securitycontextconstraints],'
          ' resourceNames: [x%d]}\\n'
          '---\\napiVersion: rbac.authorization.k8s.io/v1\\n'
          'kind: ClusterRoleBinding\\nmetadata: {name: b%d}\\n'
          'roleRef: {kind: ClusterRole, name: r%d}\\n'
          'subjects: [{kind: Group, name: \\\"system:authenticated\\\"}]'
          % (i, i, i, i, i))
" > sccs.yaml
lint scc-grants-many sccs.yaml good.yaml
check scc-grants-many 1 'sccs.yaml:[0-9]+:[0-9]+: high: .*\[CG' "$GOOD"

echo "hostile: $pass passed, $fail failed"
[ $fail = 0 ]
