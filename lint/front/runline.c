/*
 * runline.c - `docker run` / `podman run` / `nerdctl run` command lines
 * into container objects.
 *
 * Where: shell scripts (*.sh, *.bash, or no extension with a shell
 * shebang), Makefiles, systemd units (*.service and their .d/ drop-ins),
 * and the `run:` steps of GitHub Actions workflows and `script:` lines of
 * GitLab CI files.  Every command is also offered to hostcmd.c.  How:
 * shell.c's tokenizer (quotes, backslash-newline continuations, $(...)
 * kept whole) finds `docker|podman|nerdctl [container] run|create`, then
 * reads flags up to the image name (or `--`): --flag=value and --flag
 * value, short flags alone or combined (-it), each flag's location kept.
 * Flags that matter are put into the container's fields; the others are
 * only skipped correctly (a value flag swallows its value).
 *
 * What it does not: run the shell, expand variables or follow functions
 * and aliases; a command built from variables is judged as written.
 */
#include "front/shell.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A scalar of a CI file holds at most this many lines we map. */
#define RUN_MAX_LINES 100000
/* Nesting of a CI file walked for run: keys (the reader caps it too). */
#define READ_MAX_DEPTH_CI 64

/* Flags that take no value (everything else long does). */
static const char *const bool_flags[] = {
	"--privileged", "--read-only", "--rm", "--detach", "--interactive",
	"--tty", "--init", "--no-healthcheck", "--oom-kill-disable",
	"--publish-all", "--quiet", "--disable-content-trust", "--replace",
	"--rmi", "--read-only-tmpfs", "--help", "--no-hosts", "--sig-proxy",
	NULL
};
/* Short flags that take no value. */
static const char short_bool[] = "dilPqt";

/* --- flags into the model ------------------------------------------------ */

struct run {
	struct front_ctx *fc;
	struct mobj *c;
	const struct shell_where *w;
};

static void host_ns(struct run *r, int slot, const char *v, struct loc at)
{
	mobj_set_bool(r->c, slot, !strcmp(v, "host"), at);
}

/* -v SRC:DST[:OPTS] — a host path when SRC is absolute or relative. */
static void volume(struct run *r, const char *v, struct loc at)
{
	const char *c1 = strchr(v, ':');
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	char *src, *dst;

	if (!c1 || (v[0] != '/' && v[0] != '.' && v[0] != '~' && v[0] != '$'))
		return;
	src = xstrndup(v, (size_t)(c1 - v));
	dst = c2 ? xstrndup(c1 + 1, (size_t)(c2 - c1 - 1)) : xstrdup(c1 + 1);
	front_bind_mount(r->fc, r->c, src, at, dst,
			 c2 && strstr(c2, "ro") != NULL, at);
	free(src);
	free(dst);
}

/* --mount type=bind,source=/x,target=/y,readonly */
static void mount(struct run *r, const char *v, struct loc at)
{
	char *copy = xstrdup(v), *save = NULL, *kv;
	const char *src = NULL, *dst = NULL;
	bool bind = false, ro = false;

	for (kv = strtok_r(copy, ",", &save); kv;
	     kv = strtok_r(NULL, ",", &save)) {
		if (!strcmp(kv, "type=bind"))
			bind = true;
		else if (str_has_prefix(kv, "source="))
			src = kv + 7;
		else if (str_has_prefix(kv, "src="))
			src = kv + 4;
		else if (str_has_prefix(kv, "target="))
			dst = kv + 7;
		else if (str_has_prefix(kv, "destination="))
			dst = kv + 12;
		else if (!strcmp(kv, "readonly") || !strcmp(kv, "ro") ||
			 !strcmp(kv, "readonly=true"))
			ro = true;
	}
	if (bind && src)
		front_bind_mount(r->fc, r->c, src, at, dst, ro, at);
	free(copy);
}

static void caps(struct run *r, int slot, const char *v, struct loc at)
{
	struct model *m = r->fc->model;
	struct mlist *l = mobj_list(m, r->c, slot, at);
	char *copy = xstrdup(v), *save = NULL, *cap;

	for (cap = strtok_r(copy, ",", &save); cap;
	     cap = strtok_r(NULL, ",", &save))
		mlist_push_str(m, l, cap, at);	/* as written: see derive() */
	free(copy);
}

/*
 * A boolean flag: alone it is true; --flag=VALUE takes VALUE as Go's
 * strconv.ParseBool does (the engines' flag parser, spf13/pflag, calls
 * it): 1 t T TRUE true True, 0 f F FALSE false False, nothing else.  The
 * last occurrence wins (pflag sets the variable each time).  Any other
 * value makes docker, podman and nerdctl refuse the whole command line,
 * so it is an error at the value and the flag is not set.
 */
static void bool_flag(struct run *r, int slot, const char *f, const char *v,
		      struct loc at)
{
	int b = v ? front_go_bool(v) : 1;

	if (b < 0) {
		diag_add(r->fc->diags, r->fc->src->path, at, DIAG_ERROR,
			 "%s takes true or false (as Go's ParseBool reads "
			 "them), not \"%s\": the engine refuses this command",
			 f, v);
		return;
	}
	mobj_set_bool(r->c, slot, b == 1, at);
}

/* A flag with its value (NULL for booleans) at `at`. */
static void flag(struct run *r, const char *f, const char *v, struct loc at)
{
	struct model *m = r->fc->model;

	if (!strcmp(f, "--privileged"))
		bool_flag(r, CF_PRIVILEGED, f, v, at);
	else if (!strcmp(f, "--read-only"))
		bool_flag(r, CF_READ_ONLY_ROOT, f, v, at);
	else if (!v)
		return;
	else if (!strcmp(f, "--cap-add"))
		caps(r, CF_CAP_ADD, v, at);
	else if (!strcmp(f, "--cap-drop"))
		caps(r, CF_CAP_DROP, v, at);
	else if (!strcmp(f, "--security-opt"))
		front_security_opt(r->fc, r->c, v, at);
	else if (!strcmp(f, "--pid"))
		host_ns(r, CF_HOST_PID, v, at);
	else if (!strcmp(f, "--ipc"))
		host_ns(r, CF_HOST_IPC, v, at);
	else if (!strcmp(f, "--net") || !strcmp(f, "--network"))
		host_ns(r, CF_HOST_NETWORK, v, at);
	else if (!strcmp(f, "--userns"))
		host_ns(r, CF_HOST_USERS, v, at);
	else if (!strcmp(f, "--uts"))
		host_ns(r, CF_HOST_UTS, v, at);
	else if (!strcmp(f, "--cgroupns"))
		host_ns(r, CF_HOST_CGROUP, v, at);
	else if (!strcmp(f, "-v") || !strcmp(f, "--volume"))
		volume(r, v, at);
	else if (!strcmp(f, "--mount"))
		mount(r, v, at);
	else if (!strcmp(f, "--device")) {
		char *d = xstrndup(v, strcspn(v, ":"));

		mlist_push_str(m, mobj_list(m, r->c, CF_DEVICES, at), d, at);
		free(d);
	} else if (!strcmp(f, "-u") || !strcmp(f, "--user"))
		front_user(r->fc, r->c, v, at);
	else if (!strcmp(f, "--sysctl"))
		front_sysctl(r->fc, r->c, v, strcspn(v, "="),
			     strchr(v, '=') ? strchr(v, '=') + 1 : NULL, at);
	else if (!strcmp(f, "--group-add"))
		mlist_push_str(m, mobj_list(m, r->c, CF_GROUPS, at), v, at);
}

/* Short flags: -it, -v X, -vX; returns how many tokens it used. */
static size_t short_flags(struct run *r, struct shell_token *t, size_t left)
{
	const char *s = t->text + 1;
	size_t i;

	for (i = 0; s[i]; i++) {
		char name[3] = { '-', s[i], '\0' };
		struct loc at = shell_where_at(r->w, t->off + i + 1);

		if (strchr(short_bool, s[i]))
			continue;
		if (s[i + 1]) {
			flag(r, name, s + i + 1, at);
			return 1;
		}
		if (left > 1) {
			flag(r, name, t[1].text, shell_where_at(r->w, t->off));
			return 2;
		}
		return 1;
	}
	return 1;
}

/* Read flags from tok[0] on until the image; returns the image's index. */
static size_t read_flags(struct run *r, struct shell_token *tok, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *t = tok[i].text;
		struct loc at = shell_where_at(r->w, tok[i].off);
		const char *eq;

		if (!strcmp(t, "--"))
			return i + 1;
		if (t[0] != '-' || !t[1])
			return i;
		if (t[1] != '-') {
			i += short_flags(r, &tok[i], n - i);
			continue;
		}
		eq = strchr(t, '=');
		if (eq) {
			char *f = xstrndup(t, (size_t)(eq - t));

			flag(r, f, eq + 1, at);
			free(f);
			i++;
		} else if (str_in_list(bool_flags, t)) {
			flag(r, t, NULL, at);
			i++;
		} else {
			flag(r, t, i + 1 < n ? tok[i + 1].text : NULL, at);
			i += 2;
		}
	}
	return i;
}

size_t front_run_flags(struct front_ctx *fc, struct mobj *c,
		       const struct shell_where *w, struct shell_token *tok,
		       size_t n)
{
	struct run r;

	r.fc = fc;
	r.c = c;
	r.w = w;
	return read_flags(&r, tok, n);
}

/* Is tok[i] a run command's verb?  Returns how many tokens the verb has. */
static size_t run_verb(struct shell_token *tok, size_t n, size_t i)
{
	const char *eng = shell_command_name(tok[i].text);

	if (strcmp(eng, "docker") && strcmp(eng, "podman") &&
	    strcmp(eng, "nerdctl"))
		return 0;
	if (i + 1 < n && (!strcmp(tok[i + 1].text, "run") ||
			  !strcmp(tok[i + 1].text, "create")))
		return 2;
	if (i + 2 < n && !strcmp(tok[i + 1].text, "container") &&
	    (!strcmp(tok[i + 2].text, "run") ||
	     !strcmp(tok[i + 2].text, "create")))
		return 3;
	return 0;
}

static void one_command(struct front_ctx *fc, const struct shell_where *w,
			struct shell_token *tok, size_t n)
{
	size_t i, verb;

	for (i = 0; i < n; i++) {
		struct run r;
		char *origin;
		const char *eng;
		size_t img;

		verb = run_verb(tok, n, i);
		if (!verb)
			continue;
		r.fc = fc;
		r.w = w;
		eng = shell_command_name(tok[i].text);
		origin = xasprintf("%s %s", eng, tok[i + verb - 1].text);
		r.c = model_add(fc->model, MO_CONTAINER, origin,
				shell_where_at(w, tok[i].off));
		free(origin);
		mobj_set_str(fc->model, r.c, CF_FORMAT, "docker-run",
			     r.c->loc);
		/*
		 * Whose defaults and capability names apply: nerdctl runs
		 * containerd's defaults but reads names like Docker.
		 */
		mobj_set_str(fc->model, r.c, CF_RUNTIME, eng, r.c->loc);
		img = i + verb + read_flags(&r, tok + i + verb, n - i - verb);
		if (!strcmp(eng, "podman"))
			front_podman_userns(r.c);
		if (img < n) {
			char *o = xasprintf("%s %s %s", eng,
					    tok[i + verb - 1].text,
					    tok[img].text);

			r.c->origin = arena_strdup(fc->model->arena, o);
			free(o);
			mobj_set_str(fc->model, r.c, CF_IMAGE, tok[img].text,
				     shell_where_at(w, tok[img].off));
		}
		return;
	}
}

/* Scan text for commands; comments (# at a line's start) are skipped. */
static void scan_text(struct front_ctx *fc, const struct shell_where *w,
		      const char *s, size_t n)
{
	struct shell_token *tok = xcalloc(SHELL_MAX_TOKENS, sizeof(*tok));
	size_t pos = 0;

	while (pos < n && !front_full(fc)) {
		size_t nt, before = pos;

		nt = shell_tokenize(s, n, &pos, tok, SHELL_MAX_TOKENS,
				    SHELL_COMMAND);
		one_command(fc, w, tok, nt);
		front_host_command(fc, w, tok, nt);
		shell_tokens_free(tok, nt);
		if (pos < n && s[pos] == '#') {
			const char *nl = memchr(s + pos, '\n', n - pos);

			pos = nl ? (size_t)(nl - s) : n;
		}
		if (pos < n)
			pos++;
		if (pos == before)
			pos++;
	}
	free(tok);
}

/* --- scripts, Makefiles, units ---------------------------------------- */

static bool script_match_path(const char *path)
{
	const char *base = path_base(path);

	return str_has_suffix(base, ".sh") || str_has_suffix(base, ".bash") ||
	       !strcmp(base, "Makefile") || !strcmp(base, "makefile") ||
	       !strcmp(base, "GNUmakefile") || str_has_suffix(base, ".mk") ||
	       str_has_suffix(base, ".service") ||
	       (str_has_suffix(base, ".conf") &&
		strstr(path, ".service.d/") != NULL);
}

static bool script_sniff(const char *text, size_t len)
{
	static const char *const shells[] = {
		"#!/bin/sh", "#!/bin/bash", "#!/usr/bin/env sh",
		"#!/usr/bin/env bash", "#!/bin/dash", "#!/usr/bin/bash",
		"#!/bin/zsh", "#!/usr/bin/env zsh", NULL
	};
	size_t i;

	for (i = 0; shells[i]; i++)
		if (len >= strlen(shells[i]) &&
		    !memcmp(text, shells[i], strlen(shells[i])))
			return true;
	return false;
}

static void script_build(struct front_ctx *fc, const struct tree_node *doc)
{
	struct shell_where w;

	memset(&w, 0, sizeof(w));
	w.src = fc->src;
	(void)doc;
	scan_text(fc, &w, fc->src->data, fc->src->len);
}

const struct front front_runline = {
	.name = "docker-run",
	.summary = "docker/podman/nerdctl run lines in scripts, Makefiles, "
		   "systemd units",
	.reader = &reader_text,
	.match_path = script_match_path,
	.sniff = script_sniff,
	.build = script_build,
};

/* --- CI files ------------------------------------------------------------ */

/*
 * Map each line of a scalar's text to where it stands in the file: a
 * one-line scalar starts at its node (after a quote); the lines of a
 * block scalar (| or >) start on the lines after the indicator, at the
 * column where their text is found.
 */
static void map_scalar(struct front_ctx *fc, const struct tree_node *n,
		       struct shell_where *w)
{
	const char *s = n->u.s.text;
	size_t i, cap = 0;

	w->src = fc->src;
	w->nlines = 0;
	for (i = 0; i <= n->u.s.len && w->nlines < RUN_MAX_LINES; i++) {
		struct loc l;

		if (i && s[i - 1] != '\n')
			continue;
		if (i == n->u.s.len && i)
			break;
		w->line_off = xgrow(w->line_off, &cap, w->nlines + 1,
				    sizeof(*w->line_off));
		w->line_at = xrealloc(w->line_at, cap * sizeof(*w->line_at));
		l = n->loc;
		if (n->loc.line == n->loc.end_line) {
			l.col += (n->flags & TREE_QUOTED) ? 1 : 0;
		} else {
			size_t len, k = 0, own = 0;
			const char *line;

			/*
			 * The block's indentation is what the file has before
			 * the line and the text does not.
			 */
			l.line = n->loc.line + 1 + (uint32_t)w->nlines;
			line = source_line(fc->src, l.line, &len);
			while (line && k < len && (line[k] == ' ' ||
						   line[k] == '\t'))
				k++;
			while (i + own < n->u.s.len && s[i + own] == ' ')
				own++;
			l.col = (uint32_t)(k >= own ? k - own : 0) + 1;
		}
		w->line_off[w->nlines] = i;
		w->line_at[w->nlines++] = l;
	}
}

static void scan_scalar(struct front_ctx *fc, const struct tree_node *n)
{
	struct shell_where w;

	if (!tree_is_scalar(n))
		return;
	memset(&w, 0, sizeof(w));
	map_scalar(fc, n, &w);
	scan_text(fc, &w, n->u.s.text, n->u.s.len);
	free(w.line_off);
	free(w.line_at);
}

static void walk_ci(struct front_ctx *fc, const struct tree_node *n,
		    int depth)
{
	size_t i, j;

	if (depth > READ_MAX_DEPTH_CI)
		return;
	if (tree_is_list(n))
		for (i = 0; i < n->u.list.n; i++)
			walk_ci(fc, n->u.list.items[i], depth + 1);
	if (!tree_is_map(n))
		return;
	for (i = 0; i < n->u.map.n; i++) {
		const char *k = n->u.map.pairs[i].key->u.s.text;
		const struct tree_node *v = n->u.map.pairs[i].value;

		if (!strcmp(k, "run") || !strcmp(k, "script") ||
		    !strcmp(k, "before_script") ||
		    !strcmp(k, "after_script")) {
			scan_scalar(fc, v);
			for (j = 0; tree_is_list(v) && j < v->u.list.n; j++)
				scan_scalar(fc, v->u.list.items[j]);
			continue;
		}
		walk_ci(fc, v, depth + 1);
	}
}

static bool ci_match_path(const char *path)
{
	const char *base = path_base(path);

	if (!strcmp(base, ".gitlab-ci.yml") || !strcmp(base, ".gitlab-ci.yaml"))
		return true;
	return (str_has_suffix(path, ".yml") || str_has_suffix(path, ".yaml")) &&
	       (strstr(path, ".github/workflows/") == path ||
		strstr(path, "/.github/workflows/"));
}

static void ci_build(struct front_ctx *fc, const struct tree_node *doc)
{
	walk_ci(fc, doc, 0);
}

const struct front front_ci_runline = {
	.name = "ci-run",
	.summary = "docker/podman run lines in GitHub Actions and GitLab CI",
	.reader = &reader_yaml,
	.match_path = ci_match_path,
	.build = ci_build,
};
