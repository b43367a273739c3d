/*
 * render_helm.c - render Helm charts and judge what they make.
 *
 * With helm on PATH, each chart among the scanned files (a folder with
 * Chart.yaml that is not a subchart of another scanned one) is rendered
 * with `helm template DIR`, adding `--values FILE` for the config file's
 * `helm:` entry of that chart.  The stream is linted in Chart.yaml's
 * place; the "# Source: NAME/templates/x.yaml" comments helm writes are
 * made to name the chart's folder as the scan reaches it, so that the
 * pipeline points findings at the template files (scan/pipeline.c).  The
 * chart's other files are not judged again: a note says so.
 *
 * Without helm, or when rendering fails (an error at Chart.yaml), the
 * templates are read as before: masked, literal settings judged.
 *
 * What it does not do: run the tool (render.c) or judge (the pipeline).
 */
#include "scan/render.h"

#include <stdlib.h>
#include <string.h>

#include "scan/walk.h"

#define SOURCE_MARK "# Source: "

static bool is_chart_file(const struct scan_file *f)
{
	return !f->is_stdin && !f->rendered &&
	       !strcmp(path_base(f->path), "Chart.yaml");
}

/* Is `path` inside folder `dir` (a path as the walk gave it)? */
static bool inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!strcmp(dir, "."))
		return path[0] != '/';
	return !strncmp(path, dir, n) && path[n] == '/';
}

/* The config's `helm:` entry for chart folder `dir`, or NULL. */
static const struct config_chart *chart_config(const struct render_options *o,
					       const char *dir)
{
	char *real = realpath(dir, NULL);
	const struct config_chart *found = NULL;
	size_t i;

	for (i = 0; real && o && i < o->ncharts && !found; i++) {
		char *want = realpath(o->charts[i].dir, NULL);

		if (want && !strcmp(want, real))
			found = &o->charts[i];
		free(want);
	}
	free(real);
	return found;
}

/* "# Source: NAME/rest" → "# Source: DIR/rest", other lines as they are. */
static char *rename_sources(const char *text, size_t len, const char *dir,
			    size_t *out_len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0, mlen = strlen(SOURCE_MARK);

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		const char *slash;

		if (end - i > mlen && !memcmp(text + i, SOURCE_MARK, mlen) &&
		    (slash = memchr(text + i + mlen, '/', end - i - mlen))) {
			sb_adds(&sb, SOURCE_MARK);
			if (strcmp(dir, "."))
				sb_adds(&sb, dir);
			else
				slash++;	/* a chart named ".": no prefix */
			sb_add(&sb, slash, (size_t)(text + end - slash));
		} else {
			sb_add(&sb, text + i, end - i);
		}
		i = end;
	}
	*out_len = sb.len;
	return sb_detach(&sb);
}

/* `helm template DIR [--values FILE]...`, NULL-terminated, to free. */
static char **helm_argv(const char *helm, const char *dir,
			const struct config_chart *cc)
{
	size_t n = cc ? cc->nvalues : 0, i, k = 0;
	char **argv = xcalloc(4 + 2 * n, sizeof(*argv));

	argv[k++] = (char *)helm;
	argv[k++] = "template";
	argv[k++] = (char *)dir;
	for (i = 0; i < n; i++) {
		argv[k++] = "--values";
		argv[k++] = cc->values[i];
	}
	return argv;
}

/* Render chart `k` (folder `dir`); on success its slot holds the stream. */
static bool render_one(struct scan_list *files, size_t k, const char *dir,
		       const char *helm, const struct render_options *o,
		       struct diags *d)
{
	struct scan_file *f = &files->v[k];
	char **argv = helm_argv(helm, dir, chart_config(o, dir));
	char *shown = path_dir(f->display), *why;
	struct render_run run;
	bool ok = !render_exec(argv, &run);

	if (ok) {
		f->rendered = xcalloc(1, sizeof(*f->rendered));
		f->rendered->data = rename_sources(run.out, run.len, shown,
						   &f->rendered->len);
	} else {
		why = render_failure(&run);
		diag_add(d, f->display, LOC_NONE, DIAG_ERROR, "helm template "
			 "%s failed, so its templates are read without "
			 "rendering: %s", dir, why);
		free(why);
	}
	render_run_free(&run);
	free(argv);
	free(shown);
	return ok;
}

/* Drop the files of rendered chart folder `dir` but its stream, noting. */
static void drop_chart_files(struct scan_list *files, const char *dir,
			     const char *chart_display, struct diags *d)
{
	size_t i, kept = 0;

	for (i = 0; i < files->n; i++) {
		struct scan_file *f = &files->v[i];

		if (f->rendered || f->is_stdin || !inside(f->path, dir)) {
			files->v[kept++] = *f;
			continue;
		}
		diag_add(d, f->display, LOC_NONE, DIAG_NOTE, "judged through "
			 "helm template of %s", chart_display);
		scan_file_free(f);
	}
	files->n = kept;
}

/*
 * Is chart folder `dir` inside another of the sorted `all` (as inside()
 * says)?  Each folder `dir` could be inside is a part of it up to a '/':
 * as many lookups as it has slashes, however many charts there are.
 */
static bool is_subchart(char **all, size_t n, const char *dir)
{
	char *key = xstrdup(dir), *p;
	bool sub = false;

	if (strcmp(dir, ".") && dir[0] != '/') {
		char *dot = ".";

		sub = bsearch(&dot, all, n, sizeof(*all), str_ptr_cmp) != NULL;
	}
	for (p = key; !sub && (p = strchr(p, '/')) != NULL; p++) {
		char c = *p;

		*p = '\0';
		sub = bsearch(&key, all, n, sizeof(*all), str_ptr_cmp) != NULL;
		*p = c;
	}
	free(key);
	return sub;
}

/* The folders of the charts to render: not subcharts of scanned ones. */
static char **chart_dirs(const struct scan_list *files, size_t *n)
{
	char **dirs = NULL, **sorted;
	size_t i, cap = 0, k = 0;

	*n = 0;
	for (i = 0; i < files->n; i++)
		if (is_chart_file(&files->v[i])) {
			dirs = xgrow(dirs, &cap, *n + 1, sizeof(*dirs));
			dirs[(*n)++] = path_dir(files->v[i].path);
		}
	sorted = xcalloc(*n ? *n : 1, sizeof(*sorted));
	if (*n)
		memcpy(sorted, dirs, *n * sizeof(*dirs));
	if (*n > 1)
		qsort(sorted, *n, sizeof(*sorted), str_ptr_cmp);
	for (i = 0; i < *n; i++) {
		if (is_subchart(sorted, *n, dirs[i]))
			free(dirs[i]);
		else
			dirs[k++] = dirs[i];
	}
	free(sorted);
	*n = k;
	return dirs;
}

/* The slot of chart folder `dir`'s Chart.yaml (it is there). */
static size_t chart_slot(const struct scan_list *files, const char *dir)
{
	size_t i;

	for (i = 0; i < files->n; i++) {
		char *d;
		bool same;

		if (!is_chart_file(&files->v[i]))
			continue;
		d = path_dir(files->v[i].path);
		same = !strcmp(d, dir);
		free(d);
		if (same)
			return i;
	}
	return files->n;
}

void render_helm(struct scan_list *files, const struct render_options *o,
		 struct diags *d)
{
	char *helm, **dirs;
	size_t i, n, k;

	if (o && o->off)
		return;
	for (i = 0; i < files->n && !is_chart_file(&files->v[i]); i++)
		;
	/* without helm, which chart is whose subchart does not matter */
	if (i == files->n || !(helm = render_find_tool("helm")))
		return;
	dirs = chart_dirs(files, &n);
	for (i = 0; i < n; i++) {
		k = chart_slot(files, dirs[i]);
		if (k < files->n && render_one(files, k, dirs[i], helm, o, d))
			drop_chart_files(files, dirs[i], files->v[k].display,
					 d);
	}
	for (i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
	free(helm);
}
