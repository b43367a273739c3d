/*
 * shell.c - split command lines into words, each with its place in the
 * file (see shell.h).
 *
 * The splitting is a shell's, cut down to what a linter needs: blanks
 * separate words, '...' and "..." group and are removed, a backslash
 * takes the next byte literally (backslash-newline joins lines), and in
 * a command $(...) stays one word.  It does not expand anything.
 */
#include "front/shell.h"

#include <stdlib.h>
#include <string.h>

struct loc shell_where_at(const struct shell_where *w, size_t off)
{
	struct loc l;
	size_t i;

	if (!w->line_off)
		return source_loc(w->src, w->base + off);
	for (i = 0; i + 1 < w->nlines && w->line_off[i + 1] <= off; i++)
		;
	l = w->line_at[i];
	l.col += (uint32_t)(off - w->line_off[i]);
	l.end_line = l.line;
	l.end_col = l.col;
	return l;
}

static bool is_blank_or_joined(const char *s, size_t n, size_t i)
{
	return s[i] == ' ' || s[i] == '\t' ||
	       (s[i] == '\\' && i + 1 < n && s[i + 1] == '\n');
}

/* One quoted part from the opening quote at s[*i]; *i moves past it. */
static void quoted(const char *s, size_t n, size_t *i, struct strbuf *sb)
{
	char q = s[(*i)++];

	while (*i < n && s[*i] != q) {
		if (q == '"' && s[*i] == '\\' && *i + 1 < n)
			(*i)++;
		sb_addc(sb, s[(*i)++]);
	}
	(*i)++;
}

/* One word from s[*i]; *i moves past it. */
static void word(const char *s, size_t n, size_t *i, struct strbuf *sb,
		 enum shell_split how)
{
	const char *ends = how == SHELL_COMMAND ? " \t\n;&|)" : " \t\n";
	int depth = 0;

	while (*i < n) {
		char c = s[*i];

		if (depth == 0 && strchr(ends, c))
			break;
		if (c == '\\' && *i + 1 < n) {
			if (s[*i + 1] != '\n')
				sb_addc(sb, s[*i + 1]);
			*i += 2;
		} else if (c == '\'' || c == '"') {
			quoted(s, n, i, sb);
		} else {
			if (how == SHELL_COMMAND && c == '(')
				depth++;
			else if (how == SHELL_COMMAND && c == ')' && depth > 0)
				depth--;
			sb_addc(sb, c);
			(*i)++;
		}
	}
}

size_t shell_tokenize(const char *s, size_t n, size_t *pos,
		      struct shell_token *tok, size_t max,
		      enum shell_split how)
{
	const char *stops = how == SHELL_COMMAND ? "\n;&|)#" : "";
	size_t i = *pos, nt = 0;
	struct strbuf sb = STRBUF_INIT;

	for (;;) {
		size_t start;

		while (i < n && is_blank_or_joined(s, n, i))
			i += s[i] == '\\' ? 2 : 1;
		/* a NUL ends the command too (strchr finds the terminator) */
		if (i >= n || strchr(stops, s[i]))
			break;
		start = i;
		sb_reset(&sb);
		word(s, n, &i, &sb, how);
		if (nt < max) {
			tok[nt].text = xstrdup(sb.buf ? sb.buf : "");
			tok[nt].off = start;
			nt++;
		}
	}
	sb_free(&sb);
	*pos = i;
	return nt;
}

void shell_tokens_free(struct shell_token *tok, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(tok[i].text);
}

const char *shell_command_name(const char *t)
{
	const char *slash = strrchr(t, '/');
	const char *eq = strrchr(t, '=');

	if (slash)
		return slash + 1;
	return eq ? eq + 1 : t;
}
