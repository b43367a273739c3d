/*
 * dockerfile.c - Dockerfiles and Containerfiles into the generic tree,
 * following BuildKit's grammar.
 *
 * The tree: one document, a list with one map per instruction:
 *   cmd       the instruction word, upper-cased (at its place)
 *   flags     list of --flag[=value] words before the arguments
 *   args      the arguments as one string, continuation lines joined
 *             with a space (at the first argument)
 *   json      for the exec form ["a", "b"]: the list of strings
 *   heredocs  list of {name, body} (body at its first line)
 * Parser directives (# syntax=, # escape=, # check=) are honoured only
 * before the first instruction, comment or blank line; `# escape=`` `
 * makes the backtick the escape character.  Continuations skip comment
 * and blank lines inside them.  Heredocs (<<EOF, <<-EOF, quoted, with an
 * fd prefix, several per instruction) are read for RUN, COPY and ADD.  An
 * invalid JSON form falls back to the shell form, as BuildKit does.  A
 * byte order mark and CRLF line ends are accepted.
 *
 * Errors: an unterminated heredoc, a line that is no instruction.  Caps:
 * instructions per file and the length of one instruction.
 */
#include "read/read.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* More instructions than any real Dockerfile; bounds the tree. */
#define DF_MAX_INSTRUCTIONS 100000
/* One instruction with its continuations; larger is no Dockerfile. */
#define DF_MAX_INSTRUCTION (1024 * 1024)

struct df {
	struct tree *t;
	struct source *src;
	struct diags *d;
	const char *s;
	size_t n, pos;
	char escape;
	bool too_long;		/* an instruction passed DF_MAX_INSTRUCTION */
};

static size_t line_end(const struct df *p, size_t i)
{
	const char *nl = memchr(p->s + i, '\n', p->n - i);

	return nl ? (size_t)(nl - p->s) : p->n;
}

/* [a, b) without a trailing CR. */
static size_t trim_cr(const struct df *p, size_t a, size_t b)
{
	return b > a && p->s[b - 1] == '\r' ? b - 1 : b;
}

static bool blank_or_comment(const struct df *p, size_t a, size_t b)
{
	while (a < b && (p->s[a] == ' ' || p->s[a] == '\t'))
		a++;
	return a == b || p->s[a] == '#';
}

/* Parser directives at the top: "# name=value". */
static void directives(struct df *p)
{
	while (p->pos < p->n) {
		size_t e = line_end(p, p->pos), a = p->pos, b;
		const char *eq;

		b = trim_cr(p, a, e);
		if (a >= b || p->s[a] != '#')
			return;
		a++;
		while (a < b && (p->s[a] == ' ' || p->s[a] == '\t'))
			a++;
		eq = memchr(p->s + a, '=', b - a);
		if (!eq)
			return;
		if ((size_t)(eq - (p->s + a)) == 6 &&
		    !strncasecmp(p->s + a, "escape", 6)) {
			const char *v = eq + 1;

			while (v < p->s + b && (*v == ' ' || *v == '\t'))
				v++;
			if (v < p->s + b && (*v == '`' || *v == '\\'))
				p->escape = *v;
		} else if (strncasecmp(p->s + a, "syntax", 6) &&
			   strncasecmp(p->s + a, "check", 5)) {
			return;
		}
		p->pos = e + 1;
	}
}

/*
 * Read one logical instruction from p->pos: lines joined while they end
 * with the escape character; comment and blank lines inside are skipped.
 * Fills `sb` with the joined text and `map` with the offset of each byte
 * of it in the file.  Returns false at the end of the file.
 */
static bool logical_line(struct df *p, struct strbuf *sb, size_t **map,
			 size_t *cap)
{
	bool first = true;

	sb_reset(sb);
	while (p->pos < p->n) {
		size_t a = p->pos, e = line_end(p, a), b = trim_cr(p, a, e);
		size_t k, end = b;
		bool cont;

		p->pos = e + 1;
		/* Blank and comment lines, inside continuations too. */
		if (blank_or_comment(p, a, b))
			continue;
		while (end > a && (p->s[end - 1] == ' ' ||
				   p->s[end - 1] == '\t'))
			end--;
		cont = end > a && p->s[end - 1] == p->escape;
		if (cont)
			end--;
		if (sb->len + (end - a) + 1 > DF_MAX_INSTRUCTION) {
			p->too_long = true;
			return false;
		}
		*map = xgrow(*map, cap, sb->len + (end - a) + 2,
			     sizeof(**map));
		for (k = a; k < end; k++) {
			(*map)[sb->len] = k;
			sb_addc(sb, p->s[k]);
		}
		first = false;
		if (!cont)
			return true;
		(*map)[sb->len] = end;
		sb_addc(sb, ' ');
	}
	return !first;
}

static struct loc at_off(struct df *p, const size_t *map, size_t i,
			 size_t len)
{
	size_t a = map[i];

	return source_span(p->src, a, a + len);
}

/* A JSON array of strings, or NULL (then the shell form applies). */
static struct tree_node *json_form(struct df *p, const char *s, size_t n,
				   const size_t *map, size_t base)
{
	struct tree_node *list = tree_list(p->t, at_off(p, map, base, 1));
	size_t i = 1;
	struct strbuf sb = STRBUF_INIT;

	for (;;) {
		size_t start;

		while (i < n && isspace((unsigned char)s[i]))
			i++;
		if (i < n && s[i] == ']' && list->u.list.n == 0)
			break;
		if (i >= n || s[i] != '"')
			goto fail;
		start = i++;
		sb_reset(&sb);
		while (i < n && s[i] != '"') {
			if (s[i] == '\\' && i + 1 < n)
				i++;
			sb_addc(&sb, s[i++]);
		}
		if (i >= n)
			goto fail;
		i++;
		tree_list_push(p->t, list, tree_scalar(p->t, TT_STRING,
			       sb.buf ? sb.buf : "", sb.len,
			       at_off(p, map, base + start, i - start)));
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		if (i < n && s[i] == ',') {
			i++;
			continue;
		}
		if (i < n && s[i] == ']')
			break;
		goto fail;
	}
	i++;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	if (i != n)
		goto fail;
	sb_free(&sb);
	return list;
fail:
	sb_free(&sb);
	return NULL;
}

/*
 * The heredocs an instruction names: read their bodies from the lines
 * after it.  Returns -1 after an error.
 */
static int heredocs(struct df *p, struct tree_node *ins, const char *s,
		    size_t n, const size_t *map)
{
	struct tree_node *list = NULL;
	size_t i;

	for (i = 0; i + 2 < n; i++) {
		bool strip = false;
		size_t w, wend, start = i, bstart;
		char quote = 0, *word;
		struct tree_node *h, *body;
		struct strbuf sb = STRBUF_INIT;

		if (s[i] != '<' || s[i + 1] != '<' ||
		    (i > 0 && s[i - 1] == '<'))
			continue;
		w = i + 2;
		if (w < n && s[w] == '-') {
			strip = true;
			w++;
		}
		if (w < n && (s[w] == '"' || s[w] == '\''))
			quote = s[w++];
		wend = w;
		while (wend < n && (isalnum((unsigned char)s[wend]) ||
				    s[wend] == '_'))
			wend++;
		if (wend == w)
			continue;
		if (quote && (wend >= n || s[wend] != quote))
			continue;
		word = xstrndup(s + w, wend - w);
		i = wend;
		/* the body: the lines after the instruction */
		bstart = p->pos;
		for (;;) {
			size_t a = p->pos, e, b, k = a;

			if (p->pos >= p->n) {
				diag_add(p->d, p->src->path,
					 at_off(p, map, start, wend - start),
					 DIAG_ERROR, "heredoc <<%s has no "
					 "closing %s line", word, word);
				free(word);
				sb_free(&sb);
				return -1;
			}
			e = line_end(p, a);
			b = trim_cr(p, a, e);
			p->pos = e + 1;
			if (strip)
				while (k < b && p->s[k] == '\t')
					k++;
			if (b - k == strlen(word) &&
			    !memcmp(p->s + k, word, b - k))
				break;
			sb_add(&sb, p->s + k, b - k);
			sb_addc(&sb, '\n');
		}
		h = tree_map(p->t, at_off(p, map, start, wend - start));
		tree_map_push(p->t, h, tree_scalar(p->t, TT_STRING, "name", 4,
						   h->loc),
			      tree_scalar(p->t, TT_STRING, word, strlen(word),
					  h->loc));
		body = tree_scalar(p->t, TT_STRING, sb.buf ? sb.buf : "",
				   sb.len, source_span(p->src, bstart,
						       p->pos ? p->pos - 1 :
						       0));
		tree_map_push(p->t, h, tree_scalar(p->t, TT_STRING, "body", 4,
						   h->loc), body);
		if (!list) {
			list = tree_list(p->t, h->loc);
			tree_map_push(p->t, ins,
				      tree_scalar(p->t, TT_STRING, "heredocs",
						  8, h->loc), list);
		}
		tree_list_push(p->t, list, h);
		free(word);
		sb_free(&sb);
	}
	return 0;
}

static struct tree_node *key(struct df *p, const char *k, struct loc at)
{
	return tree_scalar(p->t, TT_STRING, k, strlen(k), at);
}

static int instruction(struct df *p, const char *s, size_t n,
		       const size_t *map, struct tree_node *doc)
{
	size_t i = 0, w;
	struct tree_node *ins, *flags = NULL;
	char *cmd;

	while (i < n && isspace((unsigned char)s[i]))
		i++;
	w = i;
	while (w < n && isalpha((unsigned char)s[w]))
		w++;
	if (w == i || (w < n && !isspace((unsigned char)s[w]))) {
		diag_add(p->d, p->src->path, at_off(p, map, i, 1),
			 DIAG_ERROR, "expected an instruction (FROM, RUN, "
			 "USER, ...)");
		return -1;
	}
	cmd = xstrndup(s + i, w - i);
	for (char *c = cmd; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	ins = tree_map(p->t, at_off(p, map, i, w - i));
	tree_map_push(p->t, ins, key(p, "cmd", ins->loc),
		      tree_scalar(p->t, TT_STRING, cmd, strlen(cmd),
				  ins->loc));
	i = w;
	for (;;) {
		size_t f;

		while (i < n && isspace((unsigned char)s[i]))
			i++;
		if (i + 2 > n || s[i] != '-' || s[i + 1] != '-')
			break;
		f = i;
		while (i < n && !isspace((unsigned char)s[i]))
			i++;
		if (!flags) {
			flags = tree_list(p->t, at_off(p, map, f, 1));
			tree_map_push(p->t, ins, key(p, "flags", flags->loc),
				      flags);
		}
		tree_list_push(p->t, flags, tree_scalar(p->t, TT_STRING,
			       s + f, i - f, at_off(p, map, f, i - f)));
	}
	if (i < n) {
		struct tree_node *json = s[i] == '[' ?
			json_form(p, s + i, n - i, map, i) : NULL;

		tree_map_push(p->t, ins, key(p, "args", ins->loc),
			      tree_scalar(p->t, TT_STRING, s + i, n - i,
					  at_off(p, map, i, 1)));
		if (json)
			tree_map_push(p->t, ins, key(p, "json", json->loc),
				      json);
		if ((!strcmp(cmd, "RUN") || !strcmp(cmd, "COPY") ||
		     !strcmp(cmd, "ADD")) && !json &&
		    heredocs(p, ins, s + i, n - i, map + i) < 0) {
			free(cmd);
			return -1;
		}
	}
	free(cmd);
	tree_list_push(p->t, doc, ins);
	return 0;
}

int read_dockerfile(struct tree *t, struct source *src, struct diags *d)
{
	struct df p;
	struct strbuf sb = STRBUF_INIT;
	size_t *map = NULL, cap = 0, count = 0;
	struct tree_node *doc;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	p.t = t;
	p.src = src;
	p.d = d;
	p.s = src->data;
	p.n = src->len;
	p.escape = '\\';
	if (p.n >= 3 && !memcmp(p.s, "\xEF\xBB\xBF", 3))
		p.pos = 3;
	doc = tree_list(t, source_loc(src, p.pos));
	directives(&p);
	while (!rc && logical_line(&p, &sb, &map, &cap)) {
		if (tree_over_budget(t)) {
			diag_add(d, src->path, source_loc(src, p.pos),
				 DIAG_ERROR, READ_BUDGET_FMT,
				 tree_over_budget(t));
			rc = -1;
			break;
		}
		if (++count > DF_MAX_INSTRUCTIONS) {
			diag_add(d, src->path, source_loc(src, p.pos),
				 DIAG_ERROR, "more than %d instructions",
				 DF_MAX_INSTRUCTIONS);
			rc = -1;
			break;
		}
		rc = instruction(&p, sb.buf, sb.len, map, doc);
	}
	sb_free(&sb);
	free(map);
	if (!rc && p.too_long) {
		diag_add(d, src->path, source_loc(src, p.pos), DIAG_ERROR,
			 "an instruction longer than %d bytes",
			 DF_MAX_INSTRUCTION);
		rc = -1;
	}
	if (rc)
		return -1;
	tree_add_doc(t, doc);
	return 0;
}

const struct reader reader_dockerfile = {
	.name = "dockerfile",
	.read = read_dockerfile,
};
