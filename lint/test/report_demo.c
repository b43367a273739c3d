/*
 * report_demo.c - writes a fixed, hand-made report in one format.
 *
 *   report_demo FORMAT [color] [verbose] [clean] [absolute]
 *
 * Builds a small rule set by hand (three enabled rules and one disabled,
 * which must not reach the output), a few findings and diagnostics that
 * exercise the awkward cases (a path with a space, an unknown end, an
 * error with and without a place, non-ASCII text, a duplicate), and writes
 * FORMAT to standard output.  `clean` leaves findings and diagnostics out;
 * `absolute` adds a finding on an absolute path.  It does not load rule
 * files or read inputs: it tests the reporters alone.
 *
 * Its golden cases are testdata/report-demo/ (run by testdata/run-all.sh,
 * plainly and under the sanitizers); their SARIF goes through the SARIF
 * validator with the other cases'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

#define DEMO_VERSION "0.3.0-dev"
#define DEMO_FILES_SCANNED 12

struct demo_opts {
	bool color, verbose, clean, absolute;
};

/* --- rules ------------------------------------------------------------- */

static char **str_list(const char *const *v, size_t n)
{
	char **l = xcalloc(n ? n : 1, sizeof(*l));
	size_t i;

	for (i = 0; i < n; i++)
		l[i] = xstrdup(v[i]);
	return l;
}

static void free_list(char **l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

static struct rule *rule_new(const char *id, const char *name,
			     const char *title, enum severity sev,
			     bool enabled)
{
	struct rule *r = xcalloc(1, sizeof(*r));

	r->id = xstrdup(id);
	r->name = xstrdup(name);
	r->title = xstrdup(title);
	r->severity = sev;
	r->applies_to = MO_CONTAINER;
	r->enabled = enabled;
	r->builtin = true;
	r->file = xasprintf("rules/%s-%s.yaml", id, name);
	return r;
}

static void rule_free(struct rule *r)
{
	free(r->id);
	free(r->name);
	free(r->title);
	free(r->description);
	free(r->message);
	free(r->fix);
	free_list(r->nist, r->nnist);
	free_list(r->cwe, r->ncwe);
	free_list(r->refs, r->nrefs);
	free(r->file);
	free(r);
}

static void demo_rules(struct ruleset *rs)
{
	static const char *const nist_priv[] = { "3.5.5", "3.4.3" };
	static const char *const nist_rt[] = { "3.4.3" };
	static const char *const nist_mount[] = { "3.5.5" };
	static const char *const cwe_250[] = { "CWE-250" };
	static const char *const cwe_693[] = { "CWE-693" };
	static const char *const refs[] = {
		"https://kubernetes.io/docs/concepts/security/"
		"pod-security-standards/",
	};
	struct rule *r;

	rs->cap = 4;
	rs->v = xcalloc(rs->cap, sizeof(*rs->v));

	r = rule_new("CG101", "privileged-container",
		     "Container runs privileged", SEV_CRITICAL, true);
	r->description = xstrdup("A privileged container has every "
		"capability, no seccomp filter, no SELinux or AppArmor "
		"confinement and all host devices: a root process in it is "
		"root on the host.");
	r->fix = xstrdup("Remove privileged. Add back only the capabilities "
		"the process needs, and keep seccomp at RuntimeDefault.");
	r->nist = str_list(nist_priv, 2);
	r->nnist = 2;
	r->cwe = str_list(cwe_250, 1);
	r->ncwe = 1;
	r->refs = str_list(refs, 1);
	r->nrefs = 1;
	rs->v[rs->n++] = r;

	r = rule_new("CG110", "seccomp-unconfined",
		     "Seccomp filtering is switched off", SEV_HIGH, true);
	r->fix = xstrdup("Use seccompProfile type RuntimeDefault, or a "
		"Localhost profile that allows only what the app calls.");
	r->nist = str_list(nist_rt, 1);
	r->nnist = 1;
	r->cwe = str_list(cwe_693, 1);
	r->ncwe = 1;
	rs->v[rs->n++] = r;

	r = rule_new("CG140", "host-path-mount",
		     "Container mounts a host directory", SEV_MEDIUM, true);
	r->description = xstrdup("A writable host directory lets the "
		"container change files the host and other containers use.");
	r->fix = xstrdup("Use a volume, or mount the directory read-only.");
	r->nist = str_list(nist_mount, 1);
	r->nnist = 1;
	rs->v[rs->n++] = r;

	/* Disabled: must appear nowhere in the output. */
	r = rule_new("CG190", "image-latest-tag",
		     "Image uses the latest tag", SEV_LOW, false);
	r->nist = str_list(nist_rt, 1);
	r->nnist = 1;
	rs->v[rs->n++] = r;
}

/* --- findings and diagnostics ------------------------------------------ */

static struct loc demo_loc(uint32_t line, uint32_t col, uint32_t end_line,
			   uint32_t end_col)
{
	struct loc l = { line, col, end_line, end_col };

	return l;
}

static void demo_findings(struct findings *f, const struct ruleset *rs,
			  const struct demo_opts *o)
{
	const char *web = "deploy/web app.yaml";

	/* Added out of order; findings_sort puts them right. */
	findings_add(f, rs->v[1], web, demo_loc(30, 11, 0, 0),
		     xstrdup("container \"app\" of Deployment \"web\" runs "
			     "with seccomp Unconfined: every system call is "
			     "allowed"),
		     xstrdup("container \"app\" of Deployment \"web\""));
	findings_add(f, rs->v[0], web, demo_loc(12, 9, 12, 25),
		     xstrdup("container \"app\" of Deployment \"web\" runs "
			     "privileged: every capability, no seccomp, "
			     "all host devices"),
		     xstrdup("container \"app\" of Deployment \"web\""));
	findings_add(f, rs->v[2], "compose/docker-compose.yml",
		     demo_loc(8, 7, 8, 24),
		     xstrdup("service \"caf\xc3\xa9\" mounts host path "
			     "\"/etc\" writable \xe2\x80\x94 "
			     "\xe5\xae\xb9\xe5\x99\xa8 can change the "
			     "host's configuration"),
		     xstrdup("service \"caf\xc3\xa9\""));
	/* An exact duplicate of the first: dropped by findings_sort. */
	findings_add(f, rs->v[1], web, demo_loc(30, 11, 0, 0),
		     xstrdup("container \"app\" of Deployment \"web\" runs "
			     "with seccomp Unconfined: every system call is "
			     "allowed"),
		     NULL);
	if (o->absolute)
		findings_add(f, rs->v[0], "/srv/k8s/pod.yaml",
			     demo_loc(5, 3, 5, 19),
			     xstrdup("pod \"debug\" runs privileged"),
			     NULL);
}

static void demo_diags(struct diags *d)
{
	diag_add(d, "deploy/broken.yaml", demo_loc(3, 5, 3, 6), DIAG_ERROR,
		 "mapping values are not allowed here");
	diag_add(d, "deploy/secret.yaml", LOC_NONE, DIAG_ERROR,
		 "cannot open: Permission denied");
	diag_add(d, "deploy/web app.yaml", demo_loc(40, 3, 0, 0),
		 DIAG_WARNING, "unknown field \"securityContex\", "
		 "did you mean \"securityContext\"?");
	diag_add(d, "README.md", LOC_NONE, DIAG_NOTE,
		 "skipped: not a container configuration");
}

/* --- main -------------------------------------------------------------- */

static int parse_opts(int argc, char **argv, struct demo_opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "color") == 0)
			o->color = true;
		else if (strcmp(argv[i], "verbose") == 0)
			o->verbose = true;
		else if (strcmp(argv[i], "clean") == 0)
			o->clean = true;
		else if (strcmp(argv[i], "absolute") == 0)
			o->absolute = true;
		else
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ruleset rs = { NULL, 0, 0, 0, NULL };
	struct findings f = { 0 };
	struct diags d = { 0 };
	struct demo_opts o;
	struct report r;
	const struct report_format *fmt;
	int rc;
	size_t i;

	fmt = argc > 1 ? report_format_find(argv[1]) : NULL;
	if (!fmt || parse_opts(argc, argv, &o)) {
		fprintf(stderr, "usage: report_demo text|json|sarif|github|gitlab|junit "
			"[color] [verbose] [clean] [absolute]\n");
		return 2;
	}
	demo_rules(&rs);
	if (!o.clean) {
		demo_findings(&f, &rs, &o);
		demo_diags(&d);
	}
	findings_sort(&f);
	diags_sort(&d);

	memset(&r, 0, sizeof(r));
	r.rules = &rs;
	r.findings = &f;
	r.diags = &d;
	r.files_scanned = DEMO_FILES_SCANNED;
	r.version = DEMO_VERSION;
	r.color = o.color;
	r.verbose = o.verbose;
	rc = report_write(stdout, fmt, &r);
	if (rc)
		perror("report_demo: writing the report");

	findings_free(&f);
	diags_free(&d);
	for (i = 0; i < rs.n; i++)
		rule_free(rs.v[i]);
	free(rs.v);
	return rc ? 1 : 0;
}
