/*
 * waiver.c - finding suppressions in comments and holding them all
 * (see waiver.h).
 *
 * The comment scan is one pass over the text: memmem jumps from one
 * `cagelint:ignore` to the next while a running count keeps the line
 * number, so a file costs what its length costs whatever it holds.  A
 * directive counts only inside a comment: after `#` (YAML, Dockerfile,
 * TOML, shell, Makefile, INI) or a `;` that opens its line (INI).  It
 * does not know what the next line holds; "the object starting there" is
 * decided by the filter from the findings' object lines.
 */
#include "filter/waiver.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define DIRECTIVE "cagelint:ignore"
#define FILE_SUFFIX "-file"
#define UNTIL_PREFIX "until="
/* A directive alone looks this many lines ahead for content at most. */
#define WAIVER_MAX_LOOKAHEAD 200

struct waiver *waivers_add(struct waivers *w, enum waiver_kind kind,
			   const char *path, struct loc loc)
{
	struct waiver n;

	/* whole before it is appended (a file's out-of-memory guard) */
	memset(&n, 0, sizeof(n));
	n.kind = kind;
	n.path = xstrdup(path ? path : "");
	n.loc = loc;
	n.reason = xstrdup("");
	w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof(*w->v));
	w->v[w->n] = n;
	return &w->v[w->n++];
}

void waiver_add_rules(struct waiver *wv, const char *list, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t len = 0;
		char *rule;

		while (i < n && (list[i] == ',' || isspace((unsigned char)
							    list[i])))
			i++;
		while (i + len < n && list[i + len] != ',' &&
		       !isspace((unsigned char)list[i + len]))
			len++;
		if (!len || wv->nrules >= WAIVER_MAX_RULES)
			break;
		wv->rules = xrealloc(wv->rules, (wv->nrules + 1) *
				     sizeof(*wv->rules));
		rule = xstrndup(list + i, len);
		wv->rules[wv->nrules++] = rule;	/* counted once had */
		i += len;
	}
}

bool waiver_date_valid(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;
	int month, day;

	if (!s || strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++) {
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) :
		    s[i] != shape[i])
			return false;
	}
	month = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* --- the comment scan ---------------------------------------------------- */

/* One line of the text: [start, end), end before any "\r\n" or "\n". */
struct line_span {
	const char *start, *end;
};

static struct line_span line_at(const char *text, size_t len, size_t off)
{
	struct line_span l;
	const char *nl;

	l.start = text + off;
	while (l.start > text && l.start[-1] != '\n')
		l.start--;
	nl = memchr(text + off, '\n', len - off);
	l.end = nl ? nl : text + len;
	if (l.end > l.start && l.end[-1] == '\r')
		l.end--;
	return l;
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/*
 * Is the directive at `at` inside a comment?  Sets `alone` when nothing
 * but blanks comes before the comment's opener on its line.
 */
static bool in_comment(struct line_span l, const char *at, bool *alone)
{
	const char *p = at;

	while (p > l.start && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	if (p == l.start || (p[-1] != '#' && p[-1] != ';'))
		return false;
	*alone = skip_blanks(l.start, l.end) == p - 1;
	return p[-1] == '#' || *alone;
}

/* A line with nothing for a directive to cover: blank, comment, `---`. */
static bool line_is_filler(const char *p, const char *end)
{
	p = skip_blanks(p, end);
	if (p == end || *p == '#' || *p == ';' || *p == '\r')
		return true;
	return end - p >= 3 && !strncmp(p, "---", 3) &&
	       skip_blanks(p + 3, end) == end;
}

/* The line number of the next line of content after `l`, or 0. */
static uint32_t next_content_line(const char *text, size_t len,
				  struct line_span l, uint32_t line)
{
	const char *p = l.end;
	int n;

	for (n = 0; n < WAIVER_MAX_LOOKAHEAD; n++) {
		const char *nl = memchr(p, '\n', (size_t)(text + len - p));
		const char *end;

		if (!nl)
			return 0;
		p = nl + 1;
		line++;
		nl = memchr(p, '\n', (size_t)(text + len - p));
		end = nl ? nl : text + len;
		if (!line_is_filler(p, end))
			return line;
	}
	return 0;
}

/*
 * Parse what follows the directive word: `RULE[,RULE...] [until=DATE]
 * reason...` up to the end of the line.
 */
static void parse_directive(struct waiver *wv, const char *p,
			    const char *end, struct diags *d)
{
	const char *tok;

	p = skip_blanks(p, end);
	tok = p;
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	/* "RULE, RULE" is one list too. */
	while (p > tok && p[-1] == ',' && skip_blanks(p, end) < end) {
		p = skip_blanks(p, end);
		while (p < end && *p != ' ' && *p != '\t')
			p++;
	}
	waiver_add_rules(wv, tok, (size_t)(p - tok));
	if (!wv->nrules)
		diag_add(d, wv->path, wv->loc, DIAG_WARNING,
			 "%s names no rule; write \"%s RULE reason\"",
			 wv->kind == WAIVER_FILE ? DIRECTIVE FILE_SUFFIX :
			 DIRECTIVE, wv->kind == WAIVER_FILE ?
			 DIRECTIVE FILE_SUFFIX : DIRECTIVE);
	p = skip_blanks(p, end);
	if ((size_t)(end - p) >= strlen(UNTIL_PREFIX) &&
	    !strncmp(p, UNTIL_PREFIX, strlen(UNTIL_PREFIX))) {
		tok = p + strlen(UNTIL_PREFIX);
		p = tok;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		wv->until = xstrndup(tok, (size_t)(p - tok));
		if (!waiver_date_valid(wv->until))
			diag_add(d, wv->path, wv->loc, DIAG_WARNING,
				 "until=%s is not a date written YYYY-MM-DD; "
				 "the suppression never expires", wv->until);
		p = skip_blanks(p, end);
	}
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	str_replace(&wv->reason, xstrndup(p, (size_t)(end - p)));
}

/* The column of `at` on its line, counting UTF-8 code points. */
static uint32_t column_of(const char *start, const char *at)
{
	uint32_t col = 1;

	for (; start < at; start++)
		if (((unsigned char)*start & 0xc0) != 0x80)
			col++;
	return col;
}

void waivers_scan_text(struct waivers *w, const char *path, const char *text,
		       size_t len, struct diags *d)
{
	const size_t dlen = strlen(DIRECTIVE);
	const char *counted = text;
	uint32_t line = 1;
	size_t off = 0, found = 0;

	while (off < len) {
		const char *hit = memmem(text + off, len - off, DIRECTIVE, dlen);
		const char *after;
		struct line_span l;
		struct waiver *wv;
		bool alone, file;

		if (!hit)
			break;
		off = (size_t)(hit - text) + dlen;
		for (; counted < hit; counted++)
			line += *counted == '\n';
		l = line_at(text, len, (size_t)(hit - text));
		after = hit + dlen;
		file = (size_t)(l.end - after) >= strlen(FILE_SUFFIX) &&
		       !strncmp(after, FILE_SUFFIX, strlen(FILE_SUFFIX));
		if (file)
			after += strlen(FILE_SUFFIX);
		if (after < l.end && *after != ' ' && *after != '\t')
			continue;
		if (!in_comment(l, hit, &alone))
			continue;
		if (++found > WAIVER_MAX_PER_FILE) {
			diag_add(d, path, LOC_NONE, DIAG_WARNING,
				 "more than %d cagelint:ignore comments; the "
				 "rest are ignored", WAIVER_MAX_PER_FILE);
			break;
		}
		wv = waivers_add(w, file ? WAIVER_FILE : WAIVER_COMMENT, path,
				 (struct loc){ line, column_of(l.start, hit),
					       0, 0 });
		wv->line = line;
		if (alone && !file)
			wv->target = next_content_line(text, len, l, line);
		parse_directive(wv, after, l.end, d);
	}
}

void waivers_add_model(struct waivers *w, const char *path,
		       const struct model *m)
{
	size_t i;

	for (i = 0; i < m->nwaivers; i++) {
		const struct model_waiver *mw = &m->waivers[i];
		struct waiver *wv = waivers_add(w, WAIVER_ANNOTATION, path,
						mw->loc);

		waiver_add_rules(wv, mw->rule, strlen(mw->rule));
		str_replace(&wv->reason, xstrdup(mw->reason));
		wv->line = mw->loc.line;
		wv->target = mw->unit_line;
	}
}

void waivers_move(struct waivers *to, struct waivers *from)
{
	if (!from->n)
		return;
	to->v = xgrow(to->v, &to->cap, to->n + from->n, sizeof(*to->v));
	memcpy(to->v + to->n, from->v, from->n * sizeof(*from->v));
	to->n += from->n;
	free(from->v);
	memset(from, 0, sizeof(*from));
}

static void waiver_release(struct waiver *wv)
{
	size_t i;

	for (i = 0; i < wv->nrules; i++)
		free(wv->rules[i]);
	for (i = 0; i < wv->nglobs; i++)
		free(wv->globs[i]);
	free(wv->rules);
	free(wv->resolved);
	free(wv->globs);
	free(wv->path);
	free(wv->reason);
	free(wv->until);
}

void waivers_free(struct waivers *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		waiver_release(&w->v[i]);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

const char *waiver_kind_name(enum waiver_kind k)
{
	switch (k) {
	case WAIVER_COMMENT: return "comment";
	case WAIVER_FILE: return "file comment";
	case WAIVER_ANNOTATION: return "annotation";
	case WAIVER_CONFIG: return "config";
	}
	return "?";
}
