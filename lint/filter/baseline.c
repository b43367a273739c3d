/*
 * baseline.c - writing and reading the baseline file (see baseline.h).
 *
 *   {
 *     "tool": "cagelint",
 *     "version": 1,
 *     "findings": [
 *       { "fingerprint": "...", "rule": "CG101",
 *         "name": "privileged-container", "path": "k8s/web.yaml",
 *         "object": "container \"app\" of Deployment \"web\"",
 *         "setting": null, "message": "..." },
 *       ...
 *     ]
 *   }
 *
 * Findings are sorted by path, rule, object, setting and fingerprint, and
 * no line numbers are written, so a baseline changes only when findings
 * do.  It is read with the JSON reader every input goes through.
 */
#include "filter/baseline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "engine/rules.h"
#include "read/read.h"

#define BASELINE_TOOL "cagelint"
#define BASELINE_VERSION 1

/* --- writing ------------------------------------------------------------ */

static int entry_order(const void *pa, const void *pb)
{
	const struct finding *a = *(const struct finding *const *)pa;
	const struct finding *b = *(const struct finding *const *)pb;
	int c = strcmp(a->path, b->path);

	if (!c)
		c = strcmp(a->rule->id, b->rule->id);
	if (!c)
		c = str_cmp_null(a->object, b->object);
	if (!c)
		c = str_cmp_null(a->setting, b->setting);
	if (!c)
		c = strcmp(a->fingerprint, b->fingerprint);
	return c;
}

static void add_string(struct strbuf *sb, const char *key, const char *v,
		       bool last)
{
	sb_addf(sb, "      \"%s\": ", key);
	if (v) {
		sb_addc(sb, '"');
		sb_add_json_escaped(sb, v, strlen(v));
		sb_addc(sb, '"');
	} else {
		sb_adds(sb, "null");
	}
	sb_adds(sb, last ? "\n" : ",\n");
}

static void add_entry(struct strbuf *sb, const struct finding *f, bool last)
{
	sb_adds(sb, "    {\n");
	add_string(sb, "fingerprint", f->fingerprint, false);
	add_string(sb, "rule", f->rule->id, false);
	add_string(sb, "name", f->rule->name, false);
	add_string(sb, "path", f->path, false);
	add_string(sb, "object", f->object, false);
	add_string(sb, "setting", f->setting, false);
	add_string(sb, "message", f->message, true);
	sb_adds(sb, last ? "    }\n" : "    },\n");
}

int baseline_write(const char *file, const struct findings *fs,
		   struct diags *d)
{
	const struct finding **v = xcalloc(fs->n ? fs->n : 1, sizeof(*v));
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;
	FILE *out;
	int rc = 0;

	for (i = 0; i < fs->n; i++)
		if (fs->v[i].mark.state != FINDING_SUPPRESSED)
			v[n++] = &fs->v[i];
	qsort(v, n, sizeof(*v), entry_order);
	sb_addf(&sb, "{\n  \"tool\": \"%s\",\n  \"version\": %d,\n"
		"  \"findings\": [%s", BASELINE_TOOL, BASELINE_VERSION,
		n ? "\n" : "");
	for (i = 0; i < n; i++)
		add_entry(&sb, v[i], i + 1 == n);
	sb_adds(&sb, n ? "  ]\n}\n" : "]\n}\n");
	out = fopen(file, "w");
	if (!out || fwrite(sb.buf, 1, sb.len, out) != sb.len ||
	    fclose(out)) {
		diag_add(d, file, LOC_NONE, DIAG_ERROR,
			 "cannot write the baseline: %s", strerror(errno));
		rc = -1;
	}
	sb_free(&sb);
	free(v);
	return rc;
}

/* --- reading ------------------------------------------------------------ */

static int entry_cmp(const void *a, const void *b)
{
	const struct baseline_entry *x = a, *y = b;

	return strcmp(x->fingerprint, y->fingerprint);
}

static void add_fingerprint(struct baseline *b, const char *fp)
{
	struct baseline_entry *e;

	b->v = xgrow(b->v, &b->cap, b->n + 1, sizeof(*b->v));
	e = &b->v[b->n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->fingerprint, sizeof(e->fingerprint), "%s", fp);
	e->count = 1;
}

/* Sort, and fold equal fingerprints into one entry with a count. */
static void fold(struct baseline *b)
{
	size_t i, kept = 0;

	if (!b->n)
		return;
	qsort(b->v, b->n, sizeof(*b->v), entry_cmp);
	for (i = 1; i < b->n; i++) {
		if (!strcmp(b->v[kept].fingerprint, b->v[i].fingerprint))
			b->v[kept].count++;
		else
			b->v[++kept] = b->v[i];
	}
	b->n = kept + 1;
}

static int read_entries(struct baseline *b, const struct tree_node *list,
			const char *file, struct diags *d)
{
	size_t i;

	for (i = 0; i < list->u.list.n; i++) {
		const struct tree_node *e = list->u.list.items[i];
		const char *fp = tree_text(tree_get(e, "fingerprint"));

		if (!fp || strlen(fp) != FINDING_FINGERPRINT_LEN) {
			diag_add(d, file, e->loc, DIAG_ERROR,
				 "a baseline finding needs a \"fingerprint\" "
				 "of %d hex digits", FINDING_FINGERPRINT_LEN);
			return -1;
		}
		if (b->n >= BASELINE_MAX_ENTRIES) {
			diag_add(d, file, e->loc, DIAG_ERROR,
				 "more than %d findings in the baseline",
				 BASELINE_MAX_ENTRIES);
			return -1;
		}
		add_fingerprint(b, fp);
	}
	return 0;
}

int baseline_read(struct baseline *b, const char *file, struct diags *d)
{
	struct source *src = source_read(file, file, 0, d);
	struct tree *t;
	const struct tree_node *list;
	int rc = -1;

	memset(b, 0, sizeof(*b));
	if (!src)
		return -1;
	t = tree_new();
	if (!read_json(t, src, d)) {
		list = t->ndocs ? tree_get(t->docs[0], "findings") : NULL;
		if (!tree_is_list(list))
			diag_add(d, file, LOC_NONE, DIAG_ERROR,
				 "not a cagelint baseline (no \"findings\" "
				 "list); write one with --write-baseline");
		else
			rc = read_entries(b, list, file, d);
	}
	tree_free(t);
	source_free(src);
	fold(b);
	return rc;
}

bool baseline_take(struct baseline *b, const char *fp)
{
	struct baseline_entry key, *e;

	if (!b->n)
		return false;
	snprintf(key.fingerprint, sizeof(key.fingerprint), "%s", fp);
	e = bsearch(&key, b->v, b->n, sizeof(*b->v), entry_cmp);
	if (!e || e->used >= e->count)
		return false;
	e->used++;
	return true;
}

size_t baseline_unmatched(const struct baseline *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		n += b->v[i].count - b->v[i].used;
	return n;
}

void baseline_free(struct baseline *b)
{
	free(b->v);
	memset(b, 0, sizeof(*b));
}
