# lib.sh - what the integration checks share.  Set `name` and source it:
#   name=action; . "$(dirname "$0")/lib.sh"
# Then: $top (the checkout), $tmp (removed at exit), $pods (a privileged
# and a hardened pod: privileged.yaml, hardened.yaml), abs PATH, ok,
# bad MESSAGE, and finish, which prints "NAME: N passed, N failed" and
# exits non-zero after a failure.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
pods=$top/testdata/integrations/pods
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $name: $*"; fail=$((fail + 1)); }
finish() {
	echo "$name: $pass passed, $fail failed"
	[ "$fail" = 0 ]
	exit
}
