#!/bin/sh
# deb.sh CAGELINT - `make deb` builds a package that holds what `make
# install` installs, with a control file naming the shared libraries'
# packages, and whose binary runs from the unpacked package.  (.ci/run
# also installs it with dpkg, as root.)  Ends with "deb: N passed, N failed".
name=deb
. "$(dirname "$0")/lib.sh"
if ! command -v dpkg-deb >/dev/null 2>&1; then
	echo "deb: skipped (no dpkg-deb: not a Debian system)"
	echo "deb: 0 passed, 0 failed"
	exit 0
fi
if ! deb=$(sh "$top/.ci/build-deb" "$tmp" 2> "$tmp/err"); then
	bad "build-deb failed:"; cat "$tmp/err"
	finish
fi
ok
dpkg-deb -c "$deb" | awk '{ print $6 }' > "$tmp/files"
(cd "$tmp/deb-root" && find . ! -path './DEBIAN*' | sort) > "$tmp/installed"
if [ "$(sort "$tmp/files" | sed 's|/$||')" = "$(sed 's|/$||' "$tmp/installed")" ]
then
	ok
else
	bad "the package does not hold what make install installs"
	diff "$tmp/installed" "$tmp/files"
fi
for want in libyaml-0-2 libpcre2-8-0 libseccomp2; do
	if dpkg-deb -f "$deb" Depends | grep -q "$want (>= "; then
		ok
	else
		bad "Depends lacks $want: $(dpkg-deb -f "$deb" Depends)"
	fi
done
dpkg-deb -x "$deb" "$tmp/x"
if "$tmp/x/usr/bin/cagelint" --version | grep -q "^cagelint $(dpkg-deb -f "$deb" Version)\$"
then
	ok
else
	bad "the packaged binary does not run or has another version"
fi
finish
