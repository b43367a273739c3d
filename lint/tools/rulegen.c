/*
 * rulegen.c - build-time tool: check the built-in rules and write them as
 * C data, compiled.  usage: rulegen OUT.c
 *
 * It links the rule loader itself and the rule files' text (rule_text.c,
 * written by embed.c), loads every built-in rule through rules_load() with
 * its examples, exactly as --test-rules does, and stops the build on the
 * first complaint, printed at the rule file's file:line:col.  Then it
 * writes every rule as static C data: its strings, tables, and each
 * expression's checked syntax tree, node by node, pointing at the rows of
 * the model's field table and of the builtin functions.  Loading the
 * built-in rules is then a copy of one struct per rule (rules.c).
 *
 * Regular expressions are not written compiled (PCRE2's compiled form is
 * not meant to travel): each `=~` node's pattern gets a slot number, and
 * the running program compiles it on first use into the rule set's cache.
 *
 * It does not write examples: --test-rules and --write-docs read the text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/expr_int.h"
#include "engine/rules_int.h"

/* What the output file needs to go on: its stream and the names given. */
struct gen {
	FILE *out;
	unsigned nnodes;	/* node names: n0, n1, ... */
	unsigned nregex;	/* regex slots, across all rules */
	unsigned nother;	/* other objects: o0, o1, ... */
	/* nodes already written, and their names (trees may share nodes) */
	const struct node **seen;
	unsigned *seen_name;
	size_t nseen, cap;
};

/* rules.c takes the compiled table from here; this tool has none yet. */
const struct rule *const *builtin_compiled(size_t *n, size_t *nregex)
{
	*n = 0;
	*nregex = 0;
	return NULL;
}

static void fail(const char *what)
{
	fprintf(stderr, "rulegen: %s\n", what);
	exit(1);
}

/* A C string literal, or NULL. */
static void put_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("NULL", out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* --- values and nodes --------------------------------------------------- */

static unsigned put_mval_list(struct gen *g, const struct mlist *l);

/* One literal value, as an initializer; lists are written first. */
static void put_mval(struct gen *g, const struct mval *v, unsigned list)
{
	fprintf(g->out, "{ .type = %u, .loc = { %u, %u, %u, %u }, ",
		v->type, v->loc.line, v->loc.col, v->loc.end_line,
		v->loc.end_col);
	switch (v->type) {
	case MV_BOOL:
		fprintf(g->out, ".u.b = %d", v->u.b ? 1 : 0);
		break;
	case MV_INT:
		fprintf(g->out, ".u.i = %lld", (long long)v->u.i);
		break;
	case MV_STR:
		fputs(".u.s = ", g->out);
		put_str(g->out, v->u.s);
		break;
	case MV_LIST:
		fprintf(g->out, ".u.list = &o%u", list);
		break;
	case MV_UNSET:
		break;
	default:
		fail("a literal holds an object");
	}
	fputs(" }", g->out);
}

/* Lists held by the elements of `l`, then `l` itself; returns its name. */
static unsigned put_mval_list(struct gen *g, const struct mlist *l)
{
	unsigned *inner = calloc(l->n + 1, sizeof(*inner));
	unsigned arr, self;
	size_t i;

	if (!inner)
		fail("out of memory");
	for (i = 0; i < l->n; i++)
		if (l->v[i].type == MV_LIST)
			inner[i] = put_mval_list(g, l->v[i].u.list);
	arr = g->nother++;
	fprintf(g->out, "static struct mval o%u[] = {\n", arr);
	for (i = 0; i < l->n; i++) {
		fputc('\t', g->out);
		put_mval(g, &l->v[i], inner[i]);
		fputs(",\n", g->out);
	}
	if (!l->n)
		fputs("\t{ .type = 0 },\n", g->out);
	fputs("};\n", g->out);
	self = g->nother++;
	fprintf(g->out, "static struct mlist o%u = { o%u, %zu, %zu };\n",
		self, arr, l->n, l->n);
	free(inner);
	return self;
}

static const char *field_ref(const struct model_field *f, char *buf,
			     size_t size)
{
	size_t n;
	const struct model_field *rows = model_fields(&n);

	if (f >= rows && f < rows + n)
		snprintf(buf, size, "&model_field_rows[%zu]",
			 (size_t)(f - rows));
	else if (f >= model_origin_rows && f < model_origin_rows +
		 MO_KIND_COUNT)
		snprintf(buf, size, "&model_origin_rows[%zu]",
			 (size_t)(f - model_origin_rows));
	else
		fail("a field outside the field table");
	return buf;
}

static unsigned put_node(struct gen *g, const struct node *n);

static void put_union(struct gen *g, const struct node *n, unsigned list)
{
	char buf[64];

	switch (n->op) {
	case N_LIT:
		fputs("\t.u.lit = ", g->out);
		put_mval(g, &n->u.lit, list);
		fputs(",\n", g->out);
		break;
	case N_FIELD:
		fprintf(g->out, "\t.u.field = %s,\n",
			field_ref(n->u.field, buf, sizeof(buf)));
		break;
	case N_TABLE_GET:
	case N_IN_TABLE:
		fprintf(g->out, "\t.u.table = %zu,\n", n->u.table);
		break;
	case N_VAR:
	case N_BUILTIN:
		fprintf(g->out, "\t.u.slot = %u,\n", n->u.slot);
		break;
	case N_MATCH:
		fprintf(g->out, "\t.u.re = &r%u,\n", list);
		break;
	default:
		break;
	}
}

/* What a node's union points at, written before the node. */
static unsigned put_node_data(struct gen *g, const struct node *n)
{
	unsigned k;

	if (n->op == N_LIT && n->u.lit.type == MV_LIST)
		return put_mval_list(g, n->u.lit.u.list);
	if (n->op != N_MATCH)
		return 0;
	k = g->nregex++;
	fprintf(g->out, "static struct regex r%u = { .pattern = ", k);
	put_str(g->out, n->u.re->pattern);
	fprintf(g->out, ", .slot = %u };\n", k);
	return k;
}

static void remember(struct gen *g, const struct node *n, unsigned name)
{
	if (g->nseen == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 256;
		g->seen = realloc(g->seen, g->cap * sizeof(*g->seen));
		g->seen_name = realloc(g->seen_name,
				       g->cap * sizeof(*g->seen_name));
		if (!g->seen || !g->seen_name)
			fail("out of memory");
	}
	g->seen[g->nseen] = n;
	g->seen_name[g->nseen++] = name;
}

/* Write `n` after everything it points at; returns its name. */
static unsigned put_node(struct gen *g, const struct node *n)
{
	unsigned self, data, a = 0, b = 0, next = 0;
	size_t i;

	for (i = 0; i < g->nseen; i++)
		if (g->seen[i] == n)
			return g->seen_name[i];
	if (n->a)
		a = put_node(g, n->a);
	if (n->b)
		b = put_node(g, n->b);
	if (n->next)
		next = put_node(g, n->next);
	data = put_node_data(g, n);
	self = g->nnodes++;
	remember(g, n, self);
	fprintf(g->out, "static struct node n%u = {\n\t.op = %d, .off = %zu, "
		".start = %zu, .depth = %u, .nargs = %u,\n", self, (int)n->op,
		n->off, n->start, n->depth, n->nargs);
	fprintf(g->out, "\t.ty = { %d, %d, %d },\n", (int)n->ty.t,
		(int)n->ty.elem, (int)n->ty.kind);
	if (n->a)
		fprintf(g->out, "\t.a = &n%u,\n", a);
	if (n->b)
		fprintf(g->out, "\t.b = &n%u,\n", b);
	if (n->next)
		fprintf(g->out, "\t.next = &n%u,\n", next);
	if (n->name) {
		fputs("\t.name = ", g->out);
		put_str(g->out, n->name);
		fputs(",\n", g->out);
	}
	if (n->var) {
		fputs("\t.var = ", g->out);
		put_str(g->out, n->var);
		fputs(",\n", g->out);
	}
	if (n->fn)
		fprintf(g->out, "\t.fn = &expr_builtin_rows[%zu],\n",
			(size_t)(n->fn - expr_builtin_rows));
	put_union(g, n, data);
	fputs("};\n", g->out);
	return self;
}

/* A compiled expression; returns its name (oN), or 0 for none. */
static unsigned put_expr(struct gen *g, const struct expr *e)
{
	char buf[64];
	unsigned root, self;

	if (!e)
		return 0;
	root = put_node(g, e->root);
	self = g->nother++;
	fprintf(g->out, "static struct expr o%u = { .root = &n%u, "
		".cross_file = %s };\n", self, root, e->cross_file ?
		field_ref(e->cross_file, buf, sizeof(buf)) : "NULL");
	return self;
}

/* --- rules -------------------------------------------------------------- */

static unsigned put_strs(struct gen *g, char *const *v, size_t n)
{
	unsigned self = g->nother++;
	size_t i;

	fprintf(g->out, "static char *o%u[] = { ", self);
	for (i = 0; i < n; i++) {
		put_str(g->out, v[i]);
		fputs(", ", g->out);
	}
	fputs("NULL };\n", g->out);
	return self;
}

static unsigned put_tables(struct gen *g, const struct rule *r)
{
	unsigned *keys = calloc(r->ntables + 1, sizeof(*keys));
	unsigned *vals = calloc(r->ntables + 1, sizeof(*vals));
	unsigned self;
	size_t i;

	if (!keys || !vals)
		fail("out of memory");
	for (i = 0; i < r->ntables; i++) {
		keys[i] = put_strs(g, r->tables[i].keys, r->tables[i].n);
		vals[i] = put_strs(g, r->tables[i].values, r->tables[i].n);
	}
	self = g->nother++;
	fprintf(g->out, "static struct rule_table o%u[] = {\n", self);
	for (i = 0; i < r->ntables; i++) {
		fputs("\t{ ", g->out);
		put_str(g->out, r->tables[i].name);
		fprintf(g->out, ", o%u, o%u, %zu },\n", keys[i], vals[i],
			r->tables[i].n);
	}
	fputs("\t{ NULL, NULL, NULL, 0 }\n};\n", g->out);
	free(keys);
	free(vals);
	return self;
}

/* The rule's `at:` expressions and message parts; returns their names. */
static void put_exprs(struct gen *g, const struct rule *r, unsigned *at,
		      unsigned *parts)
{
	unsigned *e = calloc(r->nat + r->nparts + 1, sizeof(*e));
	size_t i;

	if (!e)
		fail("out of memory");
	for (i = 0; i < r->nat; i++)
		e[i] = put_expr(g, r->at[i]);
	for (i = 0; i < r->nparts; i++)
		e[r->nat + i] = put_expr(g, r->parts[i].expr);
	*at = g->nother++;
	fprintf(g->out, "static struct expr *o%u[] = { ", *at);
	for (i = 0; i < r->nat; i++)
		fprintf(g->out, "&o%u, ", e[i]);
	fputs("NULL };\n", g->out);
	*parts = g->nother++;
	fprintf(g->out, "static struct rule_msg_part o%u[] = {\n", *parts);
	for (i = 0; i < r->nparts; i++)
		fprintf(g->out, "\t{ %zu, %zu, &o%u },\n", r->parts[i].start,
			r->parts[i].end, e[r->nat + i]);
	fputs("\t{ 0, 0, NULL }\n};\n", g->out);
	free(e);
}

static void put_field(FILE *out, const char *name, const char *s)
{
	fprintf(out, "\t.%s = ", name);
	put_str(out, s);
	fputs(",\n", out);
}

/* One rule; it is named rule_<index>. */
static void put_rule(struct gen *g, const struct rule *r, size_t idx)
{
	unsigned nist, cwe, refs, tables, for_list, when, at, parts;

	nist = put_strs(g, r->nist, r->nnist);
	cwe = put_strs(g, r->cwe, r->ncwe);
	refs = put_strs(g, r->refs, r->nrefs);
	tables = put_tables(g, r);
	for_list = put_expr(g, r->for_list);
	when = put_expr(g, r->when);
	put_exprs(g, r, &at, &parts);
	fprintf(g->out, "static const struct rule rule_%zu = {\n", idx);
	put_field(g->out, "id", r->id);
	put_field(g->out, "name", r->name);
	put_field(g->out, "title", r->title);
	put_field(g->out, "description", r->description);
	put_field(g->out, "message", r->message);
	put_field(g->out, "fix", r->fix);
	put_field(g->out, "for_text", r->for_text);
	put_field(g->out, "when_text", r->when_text);
	put_field(g->out, "for_var", r->for_var);
	put_field(g->out, "file", r->file);
	fprintf(g->out, "\t.severity = %d, .applies_to = %d, .profiles = %uu,"
		"\n\t.builtin = true, .cross_file = %s, .absence = %s,\n"
		"\t.defer_share = %uu,\n",
		(int)r->severity, (int)r->applies_to, r->profiles,
		r->cross_file ? "true" : "false",
		r->absence ? "true" : "false", r->defer_share);
	fprintf(g->out, "\t.nist = o%u, .nnist = %zu, .cwe = o%u, .ncwe = %zu,"
		" .refs = o%u, .nrefs = %zu,\n", nist, r->nnist, cwe, r->ncwe,
		refs, r->nrefs);
	fprintf(g->out, "\t.tables = o%u, .ntables = %zu,\n", tables,
		r->ntables);
	if (for_list)
		fprintf(g->out, "\t.for_list = &o%u,\n", for_list);
	if (when)
		fprintf(g->out, "\t.when = &o%u,\n", when);
	fprintf(g->out, "\t.at = o%u, .nat = %zu, .parts = o%u, "
		".nparts = %zu,\n};\n\n", at, r->nat, parts, r->nparts);
}

static void print_diags(const struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		fprintf(stderr, "%s:%u:%u: %s: %s\n", d->v[i].path,
			d->v[i].loc.line, d->v[i].loc.col,
			diag_level_name(d->v[i].level), d->v[i].msg);
}

int main(int argc, char **argv)
{
	struct ruleset rs;
	struct diags d;
	struct gen g;
	size_t i;

	if (argc != 2) {
		fputs("usage: rulegen OUT.c\n", stderr);
		return 2;
	}
	memset(&rs, 0, sizeof(rs));
	memset(&d, 0, sizeof(d));
	memset(&g, 0, sizeof(g));
	if (rules_load(&rs, NULL, true, &d) || d.nerrors) {
		diags_sort(&d);
		print_diags(&d);
		fputs("rulegen: the built-in rules have errors\n", stderr);
		return 1;
	}
	g.out = fopen(argv[1], "w");
	if (!g.out) {
		perror(argv[1]);
		return 1;
	}
	fputs("/* Generated by lint/tools/rulegen.c from rules/. */\n"
	      "#include \"engine/expr_int.h\"\n"
	      "#include \"engine/rules_int.h\"\n\n", g.out);
	for (i = 0; i < rs.n; i++)
		put_rule(&g, rs.v[i], i);
	fputs("static const struct rule *const table[] = {\n", g.out);
	for (i = 0; i < rs.n; i++)
		fprintf(g.out, "\t&rule_%zu,\n", i);
	fprintf(g.out, "\tNULL\n};\n\n"
		"const struct rule *const *builtin_compiled(size_t *n, "
		"size_t *nregex)\n{\n\t*n = %zu;\n\t*nregex = %u;\n"
		"\treturn table;\n}\n", rs.n, g.nregex);
	free(g.seen);
	free(g.seen_name);
	rules_free(&rs);
	diags_free(&d);
	if (fclose(g.out)) {
		perror(argv[1]);
		remove(argv[1]);
		return 1;
	}
	return 0;
}
