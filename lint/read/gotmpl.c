/*
 * gotmpl.c - a Go template (Helm chart) made readable as YAML without
 * rendering it: every action ({{ ... }}) is masked, and what is left is
 * read like any YAML file, so the settings written literally in a
 * template (privileged: true) are judged even where no `helm` is at hand.
 *
 *   - a line that holds nothing but actions and blanks ({{- if .X }},
 *     {{ end }}, {{- include "x" . | nindent 4 }}) becomes blank: control
 *     structure is dropped, and both branches of an if are read;
 *   - an action inside a line (image: {{ .Values.image }}) becomes as
 *     many GOTMPL_MASK characters as it had characters, so every line and
 *     column stays where it was and the value reads as a plain scalar
 *     that the tree marks opaque (tree_mark_opaque): known to be set,
 *     value unknown;
 *   - an action over several lines blanks all of them.
 *
 * Quoted strings inside an action ("}}" in a string) do not end it; an
 * action that never ends masks the rest of the file.  It does not
 * evaluate anything, and never reads values files: that is what rendering
 * with `helm template` is for.
 */
#include "read/gotmpl.h"

#include <string.h>

/* The UTF-8 bytes of GOTMPL_MASK (U+E000, a private-use character). */
static const char mask_utf8[] = "\xEE\x80\x80";

/* The end of the action that starts at text[i] ("{{"): past its "}}". */
static size_t action_end(const char *text, size_t len, size_t i)
{
	char quote = 0;

	for (i += 2; i < len; i++) {
		char c = text[i];

		if (quote) {
			if (c == '\\' && quote != '`' && i + 1 < len)
				i++;
			else if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '"' || c == '`' || c == '\'')
			quote = c;
		else if (c == '}' && i + 1 < len && text[i + 1] == '}')
			return i + 2;
	}
	return len;
}

/* Bytes of the UTF-8 sequence starting with `c` (1 for other bytes). */
static size_t seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Mask text[from, to) on one line: one GOTMPL_MASK per character. */
static void add_mask(struct strbuf *out, const char *text, size_t from,
		     size_t to)
{
	while (from < to) {
		sb_add(out, mask_utf8, 3);
		from += seq_len((unsigned char)text[from]);
	}
}

/* Is the line [start, end) blank once the actions in it are removed? */
static bool only_actions(const char *text, size_t start, size_t end,
			 size_t len)
{
	size_t i = start;

	while (i < end) {
		if (text[i] == '{' && i + 1 < len && text[i + 1] == '{') {
			i = action_end(text, len, i);
			continue;
		}
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
			return false;
		i++;
	}
	return true;
}

/* Blank [from, to): spaces, keeping the line breaks. */
static void add_blank(struct strbuf *out, const char *text, size_t from,
		      size_t to)
{
	for (; from < to; from++)
		sb_addc(out, text[from] == '\n' || text[from] == '\r' ?
			text[from] : ' ');
}

/* Mask the actions of the line [i, eol); returns where it stopped. */
static size_t mask_line(struct strbuf *out, const char *text, size_t len,
			size_t i, size_t eol)
{
	size_t end;

	if (only_actions(text, i, eol, len)) {
		/* The whole line, and any action running past it. */
		size_t j = i;

		end = eol;
		while (j < eol) {
			if (text[j] == '{' && j + 1 < len && text[j + 1] == '{') {
				j = action_end(text, len, j);
				if (j > end)
					end = j;
			} else {
				j++;
			}
		}
		add_blank(out, text, i, end);
		return end;
	}
	while (i < eol) {
		if (text[i] != '{' || i + 1 >= len || text[i + 1] != '{') {
			sb_addc(out, text[i++]);
			continue;
		}
		end = action_end(text, len, i);
		if (end > eol) {		/* runs on: blank it */
			add_blank(out, text, i, end);
			return end;
		}
		add_mask(out, text, i, end);
		i = end;
	}
	return i;
}

char *gotmpl_mask(const char *text, size_t len, size_t *out_len)
{
	struct strbuf out = STRBUF_INIT;
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t eol = nl ? (size_t)(nl - text) : len;

		i = mask_line(&out, text, len, i, eol);
		if (i == eol && i < len) {
			sb_addc(&out, '\n');
			i++;
		}
	}
	*out_len = out.len;
	if (!out.buf)
		sb_addc(&out, '\0');
	return sb_detach(&out);
}

bool gotmpl_is_masked(const char *s, size_t len)
{
	return len >= 3 && memmem(s, len, mask_utf8, 3) != NULL;
}
