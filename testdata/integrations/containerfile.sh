#!/bin/sh
# containerfile.sh CAGELINT - the Containerfile at the root builds a good
# image, as far as this machine can tell without a container engine:
# 1. cagelint judges the Containerfile itself clean (exit 0, no output);
# 2. every file it COPYs from the repository exists;
# 3. its build step (`make static`) runs here and gives a binary with no
#    shared libraries that works with an empty environment, as it will
#    in an image with nothing else in it, and reports exactly what the
#    binary under test reports.
# With podman or buildah that can build (CAGELINT_IMAGE_BUILD=1), the
# image is built too.  Ends with "containerfile: N passed, N failed".
name=containerfile
. "$(dirname "$0")/lib.sh"
bin=$(abs "$1")

cd "$top" || exit 1
if "$bin" Containerfile > "$tmp/lint" 2>&1 && ! [ -s "$tmp/lint" ]; then
	ok
else
	bad "cagelint Containerfile is not clean:"; cat "$tmp/lint"
fi
for src in $(sed -n 's/^COPY \([^-][^ ]*\) .*/\1/p' Containerfile); do
	if [ -e "$src" ]; then ok; else bad "COPY $src: no such file"; fi
done
if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s static \
	> "$tmp/make" 2>&1; then
	ok
	static=$top/build/static/cagelint
	if readelf -d "$static" 2>/dev/null | grep -q NEEDED; then
		bad "build/static/cagelint needs shared libraries"
	else
		ok
	fi
	env -i "$static" docs/examples > "$tmp/static.out" 2>&1
	"$bin" --color never docs/examples > "$tmp/dynamic.out" 2>&1
	if cmp -s "$tmp/static.out" "$tmp/dynamic.out"; then
		ok
	else
		bad "the static binary reports differently:"
		diff "$tmp/dynamic.out" "$tmp/static.out" | head -20
	fi
else
	bad "make static failed:"; tail -20 "$tmp/make"
fi
if [ "${CAGELINT_IMAGE_BUILD:-0}" = 1 ]; then
	engine=$(command -v podman || command -v buildah || echo "")
	if [ -n "$engine" ] &&
	   "$engine" build -t cagelint-test -f Containerfile . \
		> "$tmp/build" 2>&1; then
		ok
	else
		bad "image build failed:"; tail -20 "$tmp/build"
	fi
fi
finish
