/*
 * lang_test.c - runs the data-driven tests of the `when:` language.
 *
 *   lang_test FILE...
 *
 * Each FILE (testdata/lang/NAME.test) holds cases separated by blank lines.
 * Lines starting with '#' are comments.  A case is made of lines
 * "KEY: VALUE":
 *
 *   kind: container              the rule's object kind (default container)
 *   object: F = V; F = V         fields of the object, set through the
 *                                model API (see "object syntax" below)
 *   var: NAME TYPE [= VALUE]     the rule's `for:` variable; TYPE is bool,
 *                                int, string or an object kind
 *   table NAME: K=V, K=V         a table of the rule
 *   k8s: 1.N                     the Kubernetes version (k8s_minor);
 *                                default the newest
 *   expr: TEXT                   the expression (required)
 *   expect: TEXT                 expr_value_text() of the result
 *   type: TYPE                   the static type ("bool", "list of string")
 *   at: COL                      the result's location: its column in
 *                                the text after "object: " ("none": the
 *                                result has no location)
 *   error: COL: MESSAGE          compiling fails at column COL of the
 *                                expression (1-based: byte offset + 1)
 *
 * Object syntax: `NAME = VALUE` separated by ";".  VALUE is true, false,
 * an integer, a "string" (escapes \" \\ \n \t), a list of strings
 * ["A", "B"], or a list of objects [{NAME = VALUE, ...}, ...] for fields
 * such as mounts.  Every value is located at its column in that text
 * (line: the file's line); list elements at their own column.
 * `origin = "..."` names the object.
 *
 * Prints each failure as FILE:LINE: ..., then "lang: N passed, N failed";
 * exits 1 when any case failed or a file could not be read.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "engine/expr.h"
#include "engine/rules.h"
#include "model/model.h"

/*
 * Seconds the whole run may take.  The suite runs in well under one; a
 * regular expression that escaped its match limit would hang instead.
 */
#define LANG_TEST_TIMEOUT 60

/* A test file is written by us; anything larger is a mistake. */
#define LANG_TEST_MAX_FILE (1024 * 1024)

struct tcase {
	const char *file;
	unsigned line;		/* first line of the case */
	unsigned object_line;
	const char *kind, *object, *var, *expr, *expect, *type, *at, *error;
	const char *k8s;	/* "k8s: 1.N", the version k8s_minor gives */
	struct rule_table *tables;
	size_t ntables, cap;
};

/* A cursor over the object: line (or a var: value). */
struct oparse {
	struct model *m;
	const char *line;	/* the whole line: columns count from it */
	const char *p;
	unsigned lineno;
	char *err;		/* the first error, owned */
};

struct counts {
	unsigned passed, failed;
};

/* --- object syntax ------------------------------------------------------ */

static void oerr(struct oparse *o, const char *what)
{
	if (!o->err)
		o->err = xasprintf("object: column %d: %s",
				   (int)(o->p - o->line) + 1, what);
}

static void oskip(struct oparse *o)
{
	while (*o->p == ' ' || *o->p == '\t')
		o->p++;
}

static struct loc oloc(const struct oparse *o)
{
	struct loc l = { o->lineno, (uint32_t)(o->p - o->line) + 1,
			 o->lineno, (uint32_t)(o->p - o->line) + 2 };

	return l;
}

static bool oaccept(struct oparse *o, char ch)
{
	oskip(o);
	if (*o->p != ch)
		return false;
	o->p++;
	return true;
}

/* A field name: letters, digits, '_' and '.'; into the model's arena. */
static const char *oname(struct oparse *o)
{
	const char *s;

	oskip(o);
	s = o->p;
	while (*o->p == '_' || *o->p == '.' ||
	       (*o->p >= 'a' && *o->p <= 'z') ||
	       (*o->p >= 'A' && *o->p <= 'Z') ||
	       (*o->p >= '0' && *o->p <= '9'))
		o->p++;
	if (o->p == s) {
		oerr(o, "expected a field name");
		return NULL;
	}
	return arena_strndup(o->m->arena, s, (size_t)(o->p - s));
}

/* A "string" with \" \\ \n \t; into the model's arena. */
static const char *ostring(struct oparse *o)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	if (!oaccept(o, '"')) {
		oerr(o, "expected a string");
		return NULL;
	}
	while (*o->p && *o->p != '"') {
		char ch = *o->p++;

		if (ch == '\\' && *o->p) {
			ch = *o->p++;
			ch = ch == 'n' ? '\n' : ch == 't' ? '\t' : ch;
		}
		sb_addc(&sb, ch);
	}
	if (!oaccept(o, '"')) {
		oerr(o, "unterminated string");
		sb_free(&sb);
		return NULL;
	}
	s = arena_strdup(o->m->arena, sb.buf ? sb.buf : "");
	sb_free(&sb);
	return s;
}

static bool oint(struct oparse *o, int64_t *v)
{
	char *end;

	oskip(o);
	*v = strtoll(o->p, &end, 10);
	if (end == o->p) {
		oerr(o, "expected an integer");
		return false;
	}
	o->p = end;
	return true;
}

static bool obool(struct oparse *o, bool *v)
{
	oskip(o);
	if (!strncmp(o->p, "true", 4) || !strncmp(o->p, "false", 5)) {
		*v = *o->p == 't';
		o->p += *v ? 4 : 5;
		return true;
	}
	oerr(o, "expected true or false");
	return false;
}

static bool oassigns(struct oparse *o, struct mobj *obj, char sep,
		     char end);

/* "[" elements "]" for a list field; elements typed by the field. */
static bool olist(struct oparse *o, struct mobj *obj,
		  const struct model_field *f)
{
	struct mlist *l;

	oskip(o);
	l = mobj_list(o->m, obj, f->slot, oloc(o));
	if (!oaccept(o, '[')) {
		oerr(o, "expected a list");
		return false;
	}
	if (oaccept(o, ']'))
		return true;
	do {
		struct loc at;

		oskip(o);
		at = oloc(o);
		if (f->elem_type == MV_OBJ) {
			struct mobj *sub = model_sub(o->m, f->elem_kind, at);

			if (!oaccept(o, '{')) {
				oerr(o, "expected {...}");
				return false;
			}
			if (!oassigns(o, sub, ',', '}'))
				return false;
			mlist_push_obj(o->m, l, sub);
		} else {
			const char *s = ostring(o);

			if (!s)
				return false;
			mlist_push_str(o->m, l, s, at);
		}
	} while (oaccept(o, ','));
	if (!oaccept(o, ']')) {
		oerr(o, "expected \",\" or \"]\"");
		return false;
	}
	return true;
}

/* NAME = VALUE, typed by the field NAME of obj's kind. */
static bool oassign(struct oparse *o, struct mobj *obj)
{
	const char *name = oname(o);
	const struct model_field *f;
	struct loc at;
	int64_t i;
	bool b;

	if (!name)
		return false;
	f = model_field_find(obj->kind, name);
	if (!f) {
		oerr(o, "unknown field");
		return false;
	}
	if (!oaccept(o, '=')) {
		oerr(o, "expected \"=\"");
		return false;
	}
	oskip(o);
	at = oloc(o);
	if (f->slot == MODEL_SLOT_ORIGIN) {
		obj->origin = ostring(o);
		return obj->origin != NULL;
	}
	switch (f->type) {
	case MV_BOOL:
		if (!obool(o, &b))
			return false;
		mobj_set_bool(obj, f->slot, b, at);
		return true;
	case MV_INT:
		if (!oint(o, &i))
			return false;
		mobj_set_int(obj, f->slot, i, at);
		return true;
	case MV_STR:
		name = ostring(o);
		if (name)
			mobj_set_str(o->m, obj, f->slot, name, at);
		return name != NULL;
	case MV_LIST:
		return olist(o, obj, f);
	default:
		oerr(o, "field of a type the tests cannot set");
		return false;
	}
}

/* assign { sep assign } up to `end` (NUL: the end of the line). */
static bool oassigns(struct oparse *o, struct mobj *obj, char sep, char end)
{
	for (;;) {
		oskip(o);
		if (*o->p == end)
			break;
		if (!oassign(o, obj))
			return false;
		oskip(o);
		if (*o->p != sep)
			break;
		o->p++;
	}
	if (*o->p != end) {
		oerr(o, end ? "expected \"}\"" : "unexpected text");
		return false;
	}
	if (end)
		o->p++;
	return true;
}

/* --- the case's scope ---------------------------------------------------- */

/* "var: NAME TYPE [= VALUE]" into the scope and the value `v`. */
static bool parse_var(struct oparse *o, struct expr_scope *scope,
		      struct mval *v)
{
	const char *name = oname(o), *type;
	int kind;

	if (!name)
		return false;
	scope->var = name;
	type = oname(o);
	if (!type)
		return false;
	kind = mobj_kind_parse(type);
	memset(v, 0, sizeof(*v));
	if (!strcmp(type, "bool"))
		scope->var_type = MV_BOOL;
	else if (!strcmp(type, "int"))
		scope->var_type = MV_INT;
	else if (!strcmp(type, "string"))
		scope->var_type = MV_STR;
	else if (kind >= 0)
		scope->var_type = MV_OBJ;
	else
		oerr(o, "unknown type");
	if (o->err)
		return false;
	scope->var_kind = kind >= 0 ? (enum mobj_kind)kind : 0;
	if (!oaccept(o, '='))
		return true;	/* declared, left unset */
	oskip(o);
	v->loc = oloc(o);
	v->type = scope->var_type;
	switch (scope->var_type) {
	case MV_BOOL:
		return obool(o, &v->u.b);
	case MV_INT:
		return oint(o, &v->u.i);
	case MV_STR:
		v->u.s = ostring(o);
		return v->u.s != NULL;
	default:
		v->u.obj = model_sub(o->m, scope->var_kind, v->loc);
		if (!oaccept(o, '{')) {
			oerr(o, "expected {...}");
			return false;
		}
		return oassigns(o, v->u.obj, ',', '}');
	}
}

static void free_tables(struct tcase *t)
{
	size_t i, j;

	for (i = 0; i < t->ntables; i++) {
		for (j = 0; j < t->tables[i].n; j++) {
			free(t->tables[i].keys[j]);
			free(t->tables[i].values[j]);
		}
		free(t->tables[i].keys);
		free(t->tables[i].values);
		free(t->tables[i].name);
	}
	free(t->tables);
	t->tables = NULL;
	t->ntables = t->cap = 0;
}

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* "table NAME: K=V, K=V" (the part after "table "). */
static void add_table(struct tcase *t, const char *spec)
{
	const char *colon = strchr(spec, ':'), *p;
	struct rule_table *rt;

	t->tables = xgrow(t->tables, &t->cap, t->ntables + 1,
			  sizeof(*t->tables));
	rt = &t->tables[t->ntables++];
	memset(rt, 0, sizeof(*rt));
	rt->name = trimmed(spec, (size_t)(colon - spec));
	for (p = colon + 1; *p;) {
		size_t n = strcspn(p, ","), k = strcspn(p, "=");

		if (k < n) {
			rt->keys = xrealloc(rt->keys,
					    (rt->n + 1) * sizeof(char *));
			rt->values = xrealloc(rt->values,
					      (rt->n + 1) * sizeof(char *));
			rt->keys[rt->n] = trimmed(p, k);
			rt->values[rt->n++] = trimmed(p + k + 1, n - k - 1);
		}
		p += n + (p[n] == ',');
	}
}

/* --- running a case ------------------------------------------------------ */

static void report(const struct tcase *t, const char *fmt, ...)
	PRINTF_LIKE(2, 3);

static void report(const struct tcase *t, const char *fmt, ...)
{
	va_list ap;

	printf("%s:%u: expr: %s\n  ", t->file, t->line,
	       t->expr ? t->expr : "(none)");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static const char *type_text(char *buf, size_t size, enum mval_type t,
			     enum mobj_kind kind)
{
	static const char *const names[] = {
		[MV_UNSET] = "unset", [MV_BOOL] = "bool", [MV_INT] = "int",
		[MV_STR] = "string", [MV_LIST] = "list", [MV_OBJ] = "object",
	};

	if (t == MV_OBJ)
		snprintf(buf, size, "%s", mobj_kind_name(kind));
	else
		snprintf(buf, size, "%s", names[t]);
	return buf;
}

/* The case's checks on a compiled expression; 0 when all pass. */
static int check_result(const struct tcase *t, const struct expr *e,
			const struct expr_frame *f)
{
	struct strbuf sb = STRBUF_INIT;
	char b1[80], b2[64], got_at[32];
	struct mval v;
	int bad = 0;

	expr_eval(e, f, &v);
	expr_value_text(&sb, &v);
	if (t->expect && strcmp(sb.buf ? sb.buf : "", t->expect)) {
		report(t, "expected %s, got %s", t->expect, sb.buf);
		bad = 1;
	}
	if (expr_type(e) == MV_BOOL &&
	    expr_test(e, f) != (v.type == MV_BOOL && v.u.b)) {
		report(t, "expr_test() disagrees with expr_eval()");
		bad = 1;
	}
	if (t->type) {
		enum mobj_kind kind = 0;
		enum mval_type elem = expr_elem_type(e, &kind);

		if (expr_type(e) == MV_LIST) {
			type_text(b2, sizeof(b2), elem, kind);
			snprintf(b1, sizeof(b1), "list of %s", b2);
		} else {
			type_text(b1, sizeof(b1), expr_type(e), kind);
		}
		if (strcmp(b1, t->type)) {
			report(t, "expected type %s, got %s", t->type, b1);
			bad = 1;
		}
	}
	if (t->at) {
		if (loc_known(v.loc))
			snprintf(got_at, sizeof(got_at), "%u", v.loc.col);
		else
			snprintf(got_at, sizeof(got_at), "none");
		if (strcmp(got_at, t->at)) {
			report(t, "expected the result at %s, got %s", t->at,
			       got_at);
			bad = 1;
		}
	}
	sb_free(&sb);
	return bad;
}

/* Compile and check; 0 when the case passes. */
static int run_compiled(const struct tcase *t, struct expr_scope *scope,
			const struct expr_frame *f)
{
	struct expr_error err = { 0, NULL };
	struct expr *e = NULL;
	char *got;
	int bad;

	if (expr_compile(&e, t->expr, scope, &err)) {
		got = xasprintf("%zu: %s", err.offset + 1, err.msg);
		free(err.msg);
		bad = !t->error || strcmp(got, t->error);
		if (bad)
			report(t, "expected %s%s, got error %s",
			       t->error ? "error " : "",
			       t->error ? t->error : t->expect, got);
		free(got);
		return bad;
	}
	if (t->error) {
		report(t, "expected error %s, but it compiled", t->error);
		expr_free(e);
		return 1;
	}
	bad = check_result(t, e, f);
	expr_free(e);
	return bad;
}

/* Fill the object and the variable from the case; false on a bad case. */
static bool build_case(const struct tcase *t, struct oparse *o,
		       struct mobj *obj, struct expr_scope *scope,
		       struct mval *var)
{
	o->line = o->p = t->object ? t->object : "";
	o->lineno = t->object_line;
	if (!oassigns(o, obj, ';', '\0'))
		return false;
	if (!t->var)
		return true;
	o->line = o->p = t->var;
	return parse_var(o, scope, var);
}

static int run_case(const struct tcase *t)
{
	struct expr_scope scope;
	struct expr_frame frame;
	struct oparse o;
	struct mval var;
	struct mobj *obj;
	int kind = t->kind ? mobj_kind_parse(t->kind) : MO_CONTAINER;
	int bad = 1;

	if (kind < 0 || !t->expr || (!t->expect && !t->error)) {
		report(t, "bad case: needs expr: and expect: or error:%s",
		       kind < 0 ? " (unknown kind)" : "");
		return 1;
	}
	memset(&scope, 0, sizeof(scope));
	memset(&frame, 0, sizeof(frame));
	memset(&o, 0, sizeof(o));
	memset(&var, 0, sizeof(var));
	o.m = model_new(t->file);
	obj = model_add(o.m, (enum mobj_kind)kind, "test", LOC_NONE);
	if (build_case(t, &o, obj, &scope, &var)) {
		scope.kind = (enum mobj_kind)kind;
		scope.tables = t->tables;
		scope.ntables = t->ntables;
		frame.obj = obj;
		/* declared without a value: no variable bound at all */
		frame.var = var.type != MV_UNSET ? &var : NULL;
		frame.tables = t->tables;
		frame.ntables = t->ntables;
		frame.k8s_minor = t->k8s ? k8s_version_parse(t->k8s) :
			K8S_MINOR_LATEST;
		bad = run_compiled(t, &scope, &frame);
	} else {
		report(t, "bad case: %s", o.err ? o.err : "object");
	}
	free(o.err);
	model_free(o.m);
	return bad;
}

/* --- reading test files -------------------------------------------------- */

static char *read_file(const char *path)
{
	struct strbuf sb = { NULL, 0, 0, LANG_TEST_MAX_FILE, NULL, false, false };
	char chunk[4096];
	FILE *fp = fopen(path, "r");
	size_t n = 1;
	int rc = 0;

	if (!fp)
		return NULL;
	while (n > 0 && !rc) {
		n = fread(chunk, 1, sizeof(chunk), fp);
		rc = sb_add(&sb, chunk, n);
	}
	fclose(fp);
	if (rc) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

static void finish_case(struct tcase *t, struct counts *n)
{
	if (t->line) {
		if (run_case(t))
			n->failed++;
		else
			n->passed++;
	}
	free_tables(t);
	memset(t, 0, sizeof(*t));
}

/* One "KEY: VALUE" line into the case; -1 when the key is unknown. */
static int case_line(struct tcase *t, char *line, unsigned lineno)
{
	static const char *const keys[] = {
		"kind", "object", "var", "expr", "expect", "type", "at",
		"error", "k8s",
	};
	const char **slots[] = {
		&t->kind, &t->object, &t->var, &t->expr, &t->expect,
		&t->type, &t->at, &t->error, &t->k8s,
	};
	char *colon = strchr(line, ':');
	size_t i;

	if (!t->line)
		t->line = lineno;
	if (!strncmp(line, "table ", 6) && colon) {
		add_table(t, line + 6);
		return 0;
	}
	for (i = 0; colon && i < ARRAY_SIZE(keys); i++) {
		if (strlen(keys[i]) != (size_t)(colon - line) ||
		    strncmp(line, keys[i], (size_t)(colon - line)))
			continue;
		*slots[i] = colon + 1 + (colon[1] == ' ');
		if (slots[i] == &t->object)
			t->object_line = lineno;
		return 0;
	}
	return -1;
}

static void run_file(const char *path, struct counts *n)
{
	struct tcase t;
	char *text = read_file(path), *line, *next;
	unsigned lineno = 0;

	if (!text) {
		printf("%s: cannot read\n", path);
		n->failed++;
		return;
	}
	memset(&t, 0, sizeof(t));
	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (!*line) {
			finish_case(&t, n);
			continue;
		}
		if (*line == '#')
			continue;
		t.file = path;
		if (case_line(&t, line, lineno)) {
			printf("%s:%u: unknown line: %s\n", path, lineno,
			       line);
			n->failed++;
		}
	}
	finish_case(&t, n);
	free(text);
}

int main(int argc, char **argv)
{
	struct counts n = { 0, 0 };
	int i;

	alarm(LANG_TEST_TIMEOUT);
	if (argc < 2) {
		fprintf(stderr, "usage: lang_test FILE...\n");
		return 2;
	}
	for (i = 1; i < argc; i++)
		run_file(argv[i], &n);
	printf("lang: %u passed, %u failed\n", n.passed, n.failed);
	return n.failed ? 1 : 0;
}
