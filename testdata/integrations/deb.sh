#!/bin/sh
# deb.sh CAGELINT - `make deb` builds a package that holds what `make
# install` installs, with a control file naming the shared libraries'
# packages, and whose binary runs from the unpacked package.  (.ci/run
# also installs it with dpkg, as root.)  Ends with "deb: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
bad() { echo "FAIL deb: $*"; fail=$((fail + 1)); }
if ! command -v dpkg-deb >/dev/null 2>&1; then
	echo "deb: skipped (no dpkg-deb: not a Debian system)"
	echo "deb: 0 passed, 0 failed"
	exit 0
fi
if ! deb=$(sh "$top/.ci/build-deb" "$tmp" 2> "$tmp/err"); then
	bad "build-deb failed:"; cat "$tmp/err"
	echo "deb: $pass passed, $fail failed"
	exit 1
fi
pass=$((pass + 1))
dpkg-deb -c "$deb" | awk '{ print $6 }' > "$tmp/files"
(cd "$tmp/deb-root" && find . ! -path './DEBIAN*' | sort) > "$tmp/installed"
if [ "$(sort "$tmp/files" | sed 's|/$||')" = "$(sed 's|/$||' "$tmp/installed")" ]
then
	pass=$((pass + 1))
else
	bad "the package does not hold what make install installs"
	diff "$tmp/installed" "$tmp/files"
fi
for want in libyaml-0-2 libjansson4 libpcre2-8-0 libseccomp2; do
	if dpkg-deb -f "$deb" Depends | grep -q "$want (>= "; then
		pass=$((pass + 1))
	else
		bad "Depends lacks $want: $(dpkg-deb -f "$deb" Depends)"
	fi
done
dpkg-deb -x "$deb" "$tmp/x"
if "$tmp/x/usr/bin/cagelint" --version | grep -q "^cagelint $(dpkg-deb -f "$deb" Version)\$"
then
	pass=$((pass + 1))
else
	bad "the packaged binary does not run or has another version"
fi
echo "deb: $pass passed, $fail failed"
[ $fail = 0 ]
