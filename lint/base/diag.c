/*
 * diag.c - see diag.h.
 */
#include "base/diag.h"

#include <stdlib.h>
#include <string.h>

struct loc loc_span(struct loc a, struct loc b)
{
	struct loc l = a;

	if (!loc_known(a))
		return b;
	if (loc_known(b)) {
		l.end_line = b.end_line;
		l.end_col = b.end_col;
	}
	return l;
}

int loc_cmp(struct loc a, struct loc b)
{
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	if (a.col != b.col)
		return a.col < b.col ? -1 : 1;
	return 0;
}

void diag_vadd(struct diags *d, const char *path, struct loc loc,
	       enum diag_level level, const char *fmt, va_list ap)
{
	struct diag g;
	char *msg;

	if (level == DIAG_NOTE && d->drop_notes)
		return;
	msg = xvasprintf(fmt, ap);
	/*
	 * Made whole, then appended: should an allocation fail (a file's
	 * out-of-memory guard), the list holds only whole entries.  Names
	 * and messages quote the input: shown only made safe.
	 */
	g.path = str_display(path ? path : "");
	g.loc = loc;
	g.level = level;
	g.msg = str_display(msg);
	free(msg);
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof(*d->v));
	d->v[d->n++] = g;
	if (level == DIAG_ERROR)
		d->nerrors++;
}

void diag_add(struct diags *d, const char *path, struct loc loc,
	      enum diag_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d, path, loc, level, fmt, ap);
	va_end(ap);
}

static void diag_free(struct diag *g)
{
	free(g->path);
	free(g->msg);
}

void diags_move(struct diags *to, struct diags *from)
{
	size_t i;

	if (!from->n)
		return;
	to->v = xgrow(to->v, &to->cap, to->n + from->n, sizeof(*to->v));
	for (i = 0; i < from->n; i++) {
		if (from->v[i].level == DIAG_NOTE && to->drop_notes)
			diag_free(&from->v[i]);
		else
			to->v[to->n++] = from->v[i];
	}
	to->nerrors += from->nerrors;
	free(from->v);
	from->v = NULL;
	from->n = from->cap = from->nerrors = 0;
}

static int diag_cmp(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	if (c)
		return c;
	c = loc_cmp(a->loc, b->loc);
	if (c)
		return c;
	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	return strcmp(a->msg, b->msg);
}

void diags_sort(struct diags *d)
{
	size_t i, out = 0;

	if (d->n < 2)
		return;
	qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
	/* The same message twice at one place says nothing new. */
	for (i = 0; i < d->n; i++) {
		if (out && !diag_cmp(&d->v[out - 1], &d->v[i])) {
			if (d->v[i].level == DIAG_ERROR)
				d->nerrors--;
			free(d->v[i].path);
			free(d->v[i].msg);
			continue;
		}
		d->v[out++] = d->v[i];
	}
	d->n = out;
}

void diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		diag_free(&d->v[i]);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

const char *diag_level_name(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR: return "error";
	case DIAG_WARNING: return "warning";
	case DIAG_NOTE: return "note";
	}
	return "?";
}
