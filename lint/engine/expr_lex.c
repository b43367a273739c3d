/*
 * expr_lex.c - the lexer of the `when:` language (see expr.h).
 *
 * What it does: cuts the text of an expression into tokens, one at a
 * time, each with its byte offset: identifiers and keywords, string and
 * integer literals, operators and punctuation.  It checks a string's
 * escapes and an integer's range, and says what to write instead of a
 * character people bring from other languages ("=", "&&", '...').
 *
 * What it does not do: build a tree (expr_parse.c), know which
 * identifiers are fields or functions (expr_check.c), or own any memory
 * but the decoded strings it puts in the expression's arena.
 */
#include "engine/expr_int.h"

#include <string.h>

static const struct {
	const char *word;
	enum tok_type type;
} keywords[] = {
	{ "and", T_AND },
	{ "or", T_OR },
	{ "not", T_NOT },
	{ "in", T_IN },
	{ "contains", T_CONTAINS },
	{ "true", T_TRUE },
	{ "false", T_FALSE },
};

/* Longer operators first, so "==" is not read as "=" "=". */
static const struct {
	const char *text;
	enum tok_type type;
} punctuation[] = {
	{ "==", T_EQ }, { "!=", T_NE }, { "<=", T_LE }, { ">=", T_GE },
	{ "=~", T_MATCH }, { "<", T_LT }, { ">", T_GT }, { "(", T_LPAREN },
	{ ")", T_RPAREN }, { "[", T_LBRACK }, { "]", T_RBRACK },
	{ ",", T_COMMA }, { ":", T_COLON }, { ".", T_DOT },
};

/* Characters people write from other languages, and what to write. */
static const struct {
	char ch;
	const char *hint;
} misused_chars[] = {
	{ '=', "; did you mean \"==\"?" },
	{ '!', "; use \"not\" or \"!=\"" },
	{ '&', "; use \"and\"" },
	{ '|', "; use \"or\"" },
	{ '\'', "; strings are written in double quotes" },
};

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static bool is_ident_start(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       ch == '_';
}

static bool is_ident_char(char ch)
{
	return is_ident_start(ch) || is_digit(ch);
}

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

size_t expr_skip_space(const char *s, size_t i)
{
	while (is_space(s[i]))
		i++;
	return i;
}

/* A string: checks its escapes; expr_decode_string() makes its value later. */
static int lex_string(struct compiler *c, struct token *t)
{
	const char *s = c->text;
	size_t i = t->off + 1;

	while (s[i] != '"') {
		if (s[i] == '\0' || (s[i] == '\\' && s[i + 1] == '\0')) {
			expr_fail(c, t->off, "unterminated string");
			return -1;
		}
		if (s[i] != '\\') {
			i++;
			continue;
		}
		if (!strchr("\"\\nt", s[i + 1])) {
			expr_fail(c, i, "unknown escape in a string "
			     "(use \\\", \\\\, \\n or \\t)");
			return -1;
		}
		i += 2;
	}
	t->type = T_STR;
	t->len = i + 1 - t->off;
	return 0;
}

/* A decimal integer, with an optional minus sign right before it. */
static int lex_number(struct compiler *c, struct token *t)
{
	const char *s = c->text;
	size_t i = t->off;
	bool negative = s[i] == '-';
	uint64_t v = 0;

	if (negative)
		i++;
	while (is_digit(s[i])) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > ((uint64_t)INT64_MAX - d) / 10) {
			expr_fail(c, t->off, "integer out of range");
			return -1;
		}
		v = v * 10 + d;
		i++;
	}
	t->type = T_INT;
	t->len = i - t->off;
	t->ival = negative ? -(int64_t)v : (int64_t)v;
	return 0;
}

static void lex_ident(struct compiler *c, struct token *t)
{
	const char *s = c->text + t->off;
	size_t n = 0, i;

	while (is_ident_char(s[n]))
		n++;
	t->type = T_IDENT;
	t->len = n;
	for (i = 0; i < ARRAY_SIZE(keywords); i++)
		if (strlen(keywords[i].word) == n &&
		    !memcmp(keywords[i].word, s, n))
			t->type = keywords[i].type;
}

static int lex_punct(struct compiler *c, struct token *t)
{
	const char *s = c->text + t->off;
	unsigned char ch = (unsigned char)*s;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(punctuation); i++) {
		size_t n = strlen(punctuation[i].text);

		if (!strncmp(s, punctuation[i].text, n)) {
			t->type = punctuation[i].type;
			t->len = n;
			return 0;
		}
	}
	for (i = 0; i < ARRAY_SIZE(misused_chars); i++)
		if (misused_chars[i].ch == *s) {
			expr_fail(c, t->off, "unexpected \"%c\"%s", *s,
			     misused_chars[i].hint);
			return -1;
		}
	if (ch > ' ' && ch < 0x7f)
		expr_fail(c, t->off, "unexpected \"%c\"", ch);
	else
		expr_fail(c, t->off, "unexpected byte 0x%02x", ch);
	return -1;
}

int expr_lex_next(struct compiler *c)
{
	struct token *t = &c->tok;
	const char *s = c->text;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	t->off = expr_skip_space(s, c->pos);
	if (s[t->off] == '\0')
		t->type = T_EOF;
	else if (s[t->off] == '"')
		rc = lex_string(c, t);
	else if (is_digit(s[t->off]) ||
		 (s[t->off] == '-' && is_digit(s[t->off + 1])))
		rc = lex_number(c, t);
	else if (is_ident_start(s[t->off]))
		lex_ident(c, t);
	else
		rc = lex_punct(c, t);
	c->pos = t->off + t->len;
	return rc;
}

char *expr_decode_string(struct compiler *c, const struct token *t)
{
	const char *s = c->text + t->off + 1;
	size_t n = t->len - 2, i, j = 0;
	char *d = arena_alloc(c->e->arena, n + 1);

	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			d[j++] = s[i];
			continue;
		}
		i++;
		d[j++] = s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : s[i];
	}
	d[j] = '\0';
	return d;
}

size_t expr_string_text_offset(const char *text, size_t quote,
			       size_t decoded)
{
	size_t pos = quote + 1;

	while (decoded > 0 && text[pos] != '"' && text[pos] != '\0') {
		pos += text[pos] == '\\' ? 2 : 1;
		decoded--;
	}
	return pos;
}
