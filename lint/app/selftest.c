/*
 * selftest.c - rule examples as tests.
 */
#include "app/selftest.h"


#include <stdlib.h>
#include <string.h>

static bool finding_at(const struct findings *f, const struct rule *r,
		       const char *at, char **seen)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		char buf[32];

		if (f->v[i].rule != r)
			continue;
		snprintf(buf, sizeof(buf), "%u:%u", f->v[i].loc.line,
			 f->v[i].loc.col);
		if (!at || !strcmp(at, buf))
			return true;
		free(*seen);
		*seen = xstrdup(buf);
	}
	return false;
}

/* Lint the files of a `files:` example together, into one result. */
static void lint_files(const struct lint_env *env,
		       const struct rule_example *ex, struct lint_result *res)
{
	struct model **kept = xcalloc(ex->nfiles, sizeof(*kept));
	size_t i;

	for (i = 0; i < ex->nfiles; i++) {
		struct lint_result one;

		memset(&one, 0, sizeof(one));
		lint_text(env, ex->names[i], ex->texts[i],
			  strlen(ex->texts[i]), NULL, &one);
		findings_move(&res->findings, &one.findings);
		diags_move(&res->diags, &one.diags);
		res->linted |= one.linted;
		kept[i] = one.kept;
		one.kept = NULL;
		lint_result_free(&one);
	}
	lint_cross_file(env->rules, kept, ex->nfiles, NULL, &res->findings);
	for (i = 0; i < ex->nfiles; i++)
		model_free(kept[i]);
	free(kept);
}

static bool run_example(struct ruleset *rs, struct rule *r,
			const struct rule_example *ex,
			const struct lint_env *env, FILE *out)
{
	int minor = rs->k8s_minor;
	struct lint_result res;
	char *seen = NULL;
	bool ok, fired;
	size_t i;

	memset(&res, 0, sizeof(res));
	if (ex->k8s_minor >= 0)
		rs->k8s_minor = ex->k8s_minor;
	if (ex->nfiles) {
		lint_files(env, ex, &res);
	} else {
		lint_text(env, "example", ex->text, strlen(ex->text),
			  ex->kind, &res);
		lint_cross_file(env->rules, &res.kept, 1, NULL, &res.findings);
	}
	fired = finding_at(&res.findings, r, ex->bad ? ex->expect_at : NULL,
			   &seen);
	ok = ex->bad ? fired : !fired;
	if (!res.linted || res.diags.nerrors) {
		ok = false;
		fprintf(out, "%s:%u:%u: %s example of %s was not linted\n",
			r->file, ex->loc.line, ex->loc.col,
			ex->bad ? "bad" : "good", r->id);
		for (i = 0; i < res.diags.n; i++)
			fprintf(out, "    %u:%u: %s: %s\n",
				res.diags.v[i].loc.line,
				res.diags.v[i].loc.col,
				diag_level_name(res.diags.v[i].level),
				res.diags.v[i].msg);
	} else if (!ok && ex->bad && seen) {
		fprintf(out, "%s:%u:%u: bad example of %s: finding at %s, "
			"expected at %s\n", r->file, ex->loc.line,
			ex->loc.col, r->id, seen, ex->expect_at);
	} else if (!ok) {
		fprintf(out, "%s:%u:%u: %s example of %s: %s\n", r->file,
			ex->loc.line, ex->loc.col, ex->bad ? "bad" : "good",
			r->id, ex->bad ? "the rule did not fire" :
			"the rule fired");
	}
	rs->k8s_minor = minor;
	free(seen);
	lint_result_free(&res);
	return ok;
}

/*
 * Patches that set nothing but the names a patch needs.  Judged as
 * partial objects, they must give no finding at all: a rule that fires
 * on them reports what is missing and must say `absence: true`, or it
 * would report every Kustomize patch for all it leaves to the base.
 */
static const char *const empty_patches[] = {
	"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n"
	"  containers:\n    - name: app\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
	"spec:\n  template:\n    spec:\n      containers:\n"
	"        - name: app\n          image: app:2\n",
};

static size_t check_absence_marks(struct ruleset *rs,
				  const struct lint_env *env, FILE *out)
{
	struct lint_env e = *env;
	size_t i, j, failed = 0;

	e.partial = true;
	for (i = 0; i < rs->n; i++)
		rs->v[i]->enabled = true;
	for (i = 0; i < sizeof(empty_patches) / sizeof(*empty_patches); i++) {
		struct lint_result res;

		memset(&res, 0, sizeof(res));
		lint_text(&e, "patch", empty_patches[i],
			  strlen(empty_patches[i]), "kubernetes", &res);
		lint_cross_file(env->rules, &res.kept, 1, NULL, &res.findings);
		for (j = 0; j < res.findings.n; j++, failed++)
			fprintf(out, "%s: fires on a Kustomize patch that "
				"sets nothing, so it reports what is missing: "
				"mark it `absence: true`\n",
				res.findings.v[j].rule->file);
		lint_result_free(&res);
	}
	return failed;
}

int selftest_rules(struct ruleset *rs, const struct lint_env *env,
		   FILE *out)
{
	size_t i, j, passed = 0, failed = 0;
	bool *was = xcalloc(rs->n ? rs->n : 1, sizeof(*was));

	for (i = 0; i < rs->n; i++) {
		was[i] = rs->v[i]->enabled;
		rs->v[i]->enabled = false;
	}
	for (i = 0; i < rs->n; i++) {
		struct rule *r = rs->v[i];

		r->enabled = true;
		for (j = 0; j < r->nexamples; j++) {
			if (run_example(rs, r, &r->examples[j], env, out))
				passed++;
			else
				failed++;
		}
		r->enabled = false;
	}
	failed += check_absence_marks(rs, env, out);
	for (i = 0; i < rs->n; i++)
		rs->v[i]->enabled = was[i];
	free(was);
	fprintf(out, "rules: %zu passed, %zu failed\n", passed, failed);
	return failed ? 1 : 0;
}
