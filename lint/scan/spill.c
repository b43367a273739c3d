/*
 * spill.c - findings put aside in a spool (memory, then an unlinked
 * temporary file) and read back in path order (see spill.h).
 *
 * A record is a fixed header (the rule's address, the place, the lines of
 * the object and unit, the fingerprint, the lengths of the five strings)
 * followed by the strings without their NULs.  A length of SPILL_NULL
 * stands for a NULL string.  A write or read that fails sets `failed`;
 * the caller says so (the findings read back are then incomplete).
 */
#include "scan/spill.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SPILL_NULL UINT32_MAX
#define SPILL_NSTR 5

/* The path of a group of records, where they start, how many. */
struct spill_entry {
	const char *name;	/* the file's own name, or in `names` */
	long offset;
	uint32_t count;
	uint32_t seq;		/* order of writing, for a stable sort */
};

struct spill_record {
	const struct rule *rule;
	struct loc loc;
	uint32_t obj_line, unit_line;
	char fingerprint[FINDING_FINGERPRINT_LEN + 1];
	uint32_t len[SPILL_NSTR];
};

void finding_spill_open(struct finding_spill *s)
{
	memset(s, 0, sizeof(*s));
	sb_set_spool(&s->bytes);
}

/* The five strings of a finding, in record order. */
static void finding_strings(struct finding *f, char **v[SPILL_NSTR])
{
	v[0] = &f->path;
	v[1] = &f->message;
	v[2] = &f->origin;
	v[3] = &f->object;
	v[4] = &f->setting;
}

static void spill_write(struct finding_spill *s, const void *p, size_t n)
{
	sb_add(&s->bytes, p, n);
	s->written += (long)n;
}

static void spill_record(struct finding_spill *s, struct finding *f)
{
	struct spill_record r;
	char **str[SPILL_NSTR];
	int i;

	memset(&r, 0, sizeof(r));
	r.rule = f->rule;
	r.loc = f->loc;
	r.obj_line = f->obj_line;
	r.unit_line = f->unit_line;
	memcpy(r.fingerprint, f->fingerprint, sizeof(r.fingerprint));
	finding_strings(f, str);
	for (i = 0; i < SPILL_NSTR; i++)
		r.len[i] = *str[i] ? (uint32_t)strlen(*str[i]) : SPILL_NULL;
	spill_write(s, &r, sizeof(r));
	for (i = 0; i < SPILL_NSTR; i++)
		if (*str[i])
			spill_write(s, *str[i], r.len[i]);
}

static int by_path(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;

	return strcmp(a->path, b->path);
}

/*
 * Start an entry for the findings about `path` that follow: named by
 * `own` when that is the path, else by a copy.
 */
static struct spill_entry *spill_entry_new(struct finding_spill *s,
					   const char *path, const char *own)
{
	struct spill_entry *e;

	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
	if (!s->names)
		s->names = arena_new();
	e = &s->v[s->n];
	e->name = own && !strcmp(path, own) ? own :
		  arena_strdup(s->names, path);
	e->offset = s->written;
	e->count = 0;
	e->seq = (uint32_t)s->n++;
	return e;
}

/*
 * A file's findings are about its own path, and now and then about
 * another (a chart's template, an overlay's base): sorted by path, each
 * path is one entry.  qsort is not stable, but findings of one path are
 * sorted again when they are read back.
 */
void finding_spill_add(struct finding_spill *s, struct findings *fs,
		       const char *own)
{
	struct spill_entry *e = NULL;
	size_t i;

	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), by_path);
	for (i = 0; i < fs->n; i++) {
		if (!e || strcmp(e->name, fs->v[i].path))
			e = spill_entry_new(s, fs->v[i].path, own);
		spill_record(s, &fs->v[i]);
		e->count++;
	}
	findings_free(fs);
}

static int entry_cmp(const void *pa, const void *pb)
{
	const struct spill_entry *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void finding_spill_seal(struct finding_spill *s)
{
	/*
	 * A walk meets its files in path order but where a name sorts
	 * before '/' ("app.yaml" after "app/x"): sorted only then.
	 */
	sort_unless_ordered(s->v, s->n, sizeof(*s->v), entry_cmp);
	s->in = sb_spool_open(&s->bytes, &s->failed);
}

const char *finding_spill_peek(const struct finding_spill *s)
{
	return s->next < s->n ? s->v[s->next].name : NULL;
}

/* A string of `len` bytes read back, or NULL for SPILL_NULL. */
static char *spill_string(struct finding_spill *s, uint32_t len)
{
	char *p;

	if (len == SPILL_NULL)
		return NULL;
	p = xmalloc((size_t)len + 1);
	if (len && fread(p, 1, len, s->in) != len) {
		s->failed = true;
		len = 0;
	}
	p[len] = '\0';
	return p;
}

static void spill_read_record(struct finding_spill *s, struct findings *out)
{
	struct spill_record r;
	struct finding *f;
	char **str[SPILL_NSTR];
	int i;

	if (fread(&r, sizeof(r), 1, s->in) != 1) {
		s->failed = true;
		return;
	}
	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
	f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	f->rule = r.rule;
	f->loc = r.loc;
	f->obj_line = r.obj_line;
	f->unit_line = r.unit_line;
	memcpy(f->fingerprint, r.fingerprint, sizeof(f->fingerprint));
	finding_strings(f, str);
	for (i = 0; i < SPILL_NSTR; i++)
		*str[i] = spill_string(s, r.len[i]);
	if (!f->path)
		f->path = xstrdup("");
	if (!f->message)
		f->message = xstrdup("");
}

void finding_spill_take(struct finding_spill *s, const char *path,
			struct findings *out)
{
	while (s->next < s->n &&
	       !strcmp(s->v[s->next].name, path)) {
		struct spill_entry *e = &s->v[s->next++];
		size_t i;

		if (!s->in || fseek(s->in, e->offset, SEEK_SET)) {
			s->failed = true;
			continue;
		}
		for (i = 0; i < e->count && !s->failed; i++)
			spill_read_record(s, out);
	}
}

void finding_spill_free(struct finding_spill *s)
{
	free(s->v);
	arena_free(s->names);
	sb_spool_close(&s->bytes, s->in);
	sb_free(&s->bytes);
	memset(s, 0, sizeof(*s));
}
