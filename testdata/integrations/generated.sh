#!/bin/sh
# generated.sh CAGELINT - the man page and the shell completions that
# `cagelint --generate` makes from the option table and the rules:
#   man   renders with groff without a warning, and names every option
#         --help lists and every rule --list-rules lists;
#   bash  completes option names, an option's choices (--format) and
#         rule ids (--explain), in a real bash;
#   zsh, fish  pass their shell's syntax check where the shell exists,
#         and fish completes --format's choices.
# Ends with "generated: N passed, N failed".
name=generated
. "$(dirname "$0")/lib.sh"
bin=$(abs "$1")

for what in man bash zsh fish; do
	"$bin" --generate "$what" > "$tmp/$what" || bad "--generate $what"
done
if command -v groff >/dev/null 2>&1; then
	groff -man -ww -z "$tmp/man" > "$tmp/groff" 2>&1
	if [ -s "$tmp/groff" ]; then
		bad "groff warns about the man page:"; cat "$tmp/groff"
	else
		ok
	fi
else
	echo "generated: groff not installed, the man page is not rendered"
fi
missing=""
for opt in $("$bin" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
	grep -q -- "$(echo "$opt" | sed 's/-/\\\\-/g')" "$tmp/man" ||
		missing="$missing $opt"
done
for id in $("$bin" --list-rules --profile all | awk '/^CG/ { print $1 }'); do
	grep -q "^\\\\fB$id\\\\fR " "$tmp/man" || missing="$missing $id"
done
if [ -z "$missing" ]; then ok; else bad "the man page lacks:$missing"; fi

complete_bash() {	# complete_bash WORD... : what bash offers for the last
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
		 _cagelint; echo "${COMPREPLY[*]}"' sh "$tmp/bash" "$@"
}
check_bash() {		# check_bash WANT WORD...
	want=$1
	shift
	got=$(complete_bash "$@")
	case " $got " in
	*" $want "*) ok ;;
	*) bad "bash: cagelint $* offers \"$got\", not $want" ;;
	esac
}
check_bash --format cagelint --form
check_bash sarif cagelint --format sa
check_bash CG101 cagelint --explain CG10
check_bash privileged-container cagelint --disable privileged-c

if command -v fish >/dev/null 2>&1; then
	got=$(fish -c "source $tmp/fish; complete -C'cagelint --format sa'")
	case $got in
	sarif*) ok ;;
	*) bad "fish: cagelint --format sa offers \"$got\"" ;;
	esac
fi
for sh in zsh fish; do
	if command -v "$sh" >/dev/null 2>&1; then
		if "$sh" -n "$tmp/$sh"; then ok; else bad "$sh -n fails"; fi
	else
		echo "generated: $sh not installed, its completion is not checked"
	fi
done
finish
