/*
 * render.c - run an external tool and collect its output, within bounds.
 *
 * What it does: finds a tool on PATH, runs it with fork and execv (never
 * a shell: paths from the scanned tree are arguments, not text to
 * parse), reads its standard output and error through pipes with poll,
 * and stops it (SIGKILL) past a deadline or past the output cap.
 *
 * What it does not do: decide what to run (kustomize.c and helm.c do) or
 * judge what came out (the pipeline does, like any other input).
 */
#include "scan/render.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/source.h"
#include "base/util.h"

/* Entries of PATH looked at: bounds the walk of a hostile environment. */
#define RENDER_MAX_PATH_DIRS 256

char *render_find_tool(const char *name)
{
	const char *path = getenv("PATH");
	const char *p;
	int dirs = 0;

	if (!name || !*name || strchr(name, '/') || !path)
		return NULL;
	for (p = path; dirs++ < RENDER_MAX_PATH_DIRS; ) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *cand = len ? xasprintf("%.*s/%s", (int)len, p, name) :
			     xasprintf("./%s", name);
		struct stat st;

		if (!stat(cand, &st) && S_ISREG(st.st_mode) &&
		    !access(cand, X_OK))
			return cand;
		free(cand);
		if (!end)
			break;
		p = end + 1;
	}
	return NULL;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The child: stdin from /dev/null, stdout and stderr to the pipes. */
static void run_child(char *const argv[], int out_fd, int err_fd)
{
	int null = open("/dev/null", O_RDONLY);

	if (null < 0 || dup2(null, 0) < 0 || dup2(out_fd, 1) < 0 ||
	    dup2(err_fd, 2) < 0)
		_exit(127);
	execv(argv[0], argv);
	_exit(127);
}

/* Buffers the parent fills; `cap` bytes at most each. */
struct sink {
	int fd;
	struct strbuf sb;
	size_t cap;
	bool over;
};

/* Read what is there; false at end of file. */
static bool drain(struct sink *s)
{
	char buf[65536];
	ssize_t n = read(s->fd, buf, sizeof(buf));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return false;
	if (s->sb.len + (size_t)n > s->cap) {
		s->over = true;
		n = (ssize_t)(s->cap - s->sb.len);
	}
	sb_add(&s->sb, buf, (size_t)n);
	return true;
}

/* Read both pipes until both close, the deadline, or the output cap. */
static void collect(struct sink *out, struct sink *err, struct render_run *r)
{
	long long deadline = now_ms() + RENDER_TIMEOUT_MS;
	bool open_out = true, open_err = true;

	while (open_out || open_err) {
		struct pollfd p[2] = { { out->fd, POLLIN, 0 },
				       { err->fd, POLLIN, 0 } };
		long long left = deadline - now_ms();

		if (!open_out)
			p[0].fd = -1;
		if (!open_err)
			p[1].fd = -1;
		if (left <= 0) {
			r->timed_out = true;
			return;
		}
		if (poll(p, 2, (int)left) < 0 && errno != EINTR)
			return;
		if (p[0].revents && !drain(out))
			open_out = false;
		if (p[1].revents && !drain(err))
			open_err = false;
		if (out->over) {
			r->too_big = true;
			return;
		}
		err->over = false;	/* the start is kept, the rest dropped */
	}
}

int render_exec(char *const argv[], struct render_run *r)
{
	struct sink out = { -1, STRBUF_INIT, RENDER_MAX_OUTPUT, false };
	struct sink err = { -1, STRBUF_INIT, RENDER_MAX_STDERR, false };
	int po[2], pe[2], st = 0;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->status = -1;
	if (pipe2(po, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(pe, O_CLOEXEC) < 0) {
		close(po[0]);
		close(po[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0)
		run_child(argv, po[1], pe[1]);
	close(po[1]);
	close(pe[1]);
	out.fd = po[0];
	err.fd = pe[0];
	if (pid > 0) {
		collect(&out, &err, r);
		if (r->timed_out || r->too_big)
			kill(pid, SIGKILL);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(st) && !r->timed_out && !r->too_big)
			r->status = WEXITSTATUS(st);
	}
	close(po[0]);
	close(pe[0]);
	r->len = out.sb.len;
	r->out = sb_detach(&out.sb);
	r->err = sb_detach(&err.sb);
	return r->status == 0 ? 0 : -1;
}

/* The tool's error text on one line: its lines joined with "; ". */
static char *one_line(const char *err)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = err;

	while (*p) {
		size_t n = strcspn(p, "\r\n");

		if (n) {
			if (sb.len)
				sb_adds(&sb, "; ");
			sb_add(&sb, p, n);
		}
		p += n;
		p += strspn(p, "\r\n");
	}
	return sb_detach(&sb);
}

char *render_failure(const struct render_run *r)
{
	char *err, *msg;

	if (r->timed_out)
		return xasprintf("stopped after %d seconds",
				 RENDER_TIMEOUT_MS / 1000);
	if (r->too_big)
		return xasprintf("stopped: it wrote more than %u MiB",
				 RENDER_MAX_OUTPUT >> 20);
	if (r->status < 0)
		return xstrdup("could not be run");
	err = one_line(r->err);
	msg = xasprintf("exited with status %d%s%s", r->status,
			*err ? ": " : "", err);
	free(err);
	return msg;
}

void render_run_free(struct render_run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

/* --- rendered inputs ----------------------------------------------------- */

void rendered_free(struct rendered *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->norigins; i++) {
		free(r->origins[i].path);
		free(r->origins[i].file);
	}
	free(r->origins);
	free(r->data);
	free(r);
}

void rendered_add_origin(struct rendered *r, uint32_t line, const char *path,
			 const char *file, struct loc loc)
{
	struct render_origin *o;

	r->origins = xrealloc(r->origins,
			      (r->norigins + 1) * sizeof(*r->origins));
	o = &r->origins[r->norigins++];
	o->line = line;
	o->path = xstrdup(path);
	o->file = file ? xstrdup(file) : NULL;
	o->loc = loc;
}

/* The origin of the document holding `line`: the last one at or before. */
static const struct render_origin *origin_of(const struct rendered *r,
					     uint32_t line)
{
	size_t lo = 0, hi = r->norigins;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->origins[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &r->origins[lo - 1] : NULL;
}

/*
 * A finding of the stream goes to its object's file, at the object (the
 * built object's lines are not that file's), and so do the lines that
 * suppressions are matched with; its fingerprint follows the new path.
 */
static void move_finding(const struct rendered *r, struct finding *f)
{
	const struct render_origin *o = origin_of(r, f->loc.line);
	char *object, *setting;
	uint32_t line;

	if (!o)
		return;
	str_replace(&f->path, xstrdup(o->path));
	f->loc = o->loc;
	line = o->loc.line;
	object = f->object ? xstrdup(f->object) : NULL;
	setting = f->setting ? xstrdup(f->setting) : NULL;
	finding_set_identity(f, object, setting, line, line);
	free(object);
	free(setting);
}

static void move_waiver(const struct rendered *r, struct waiver *w)
{
	const struct render_origin *o = origin_of(r, w->loc.line);

	if (!o)
		return;
	str_replace(&w->path, xstrdup(o->path));
	w->loc = o->loc;
	w->line = w->target = o->loc.line;
}

static void move_diag(const struct rendered *r, struct diag *g)
{
	const struct render_origin *o = origin_of(r, g->loc.line);

	if (!o || !g->loc.line)
		return;
	str_replace(&g->path, xstrdup(o->path));
	g->loc = o->loc;
}

/* The comment suppressions of every file the stream's objects come from. */
static void scan_origin_comments(const struct rendered *r,
				 const char *display, struct lint_result *out)
{
	size_t i, j;

	for (i = 0; i < r->norigins; i++) {
		const char *p = r->origins[i].path;
		struct source *src;

		for (j = 0; j < i && strcmp(r->origins[j].path, p); j++)
			;
		if (j < i || !r->origins[i].file || !strcmp(p, display))
			continue;	/* read already, or no file of its own */
		src = source_read(r->origins[i].file, p, 0, &out->diags);
		if (src)
			waivers_scan_text(&out->waivers, p, src->data,
					  src->len, &out->diags);
		source_free(src);
	}
}

void lint_rendered(const struct lint_env *env, const char *display,
		   const struct rendered *r, struct lint_result *out)
{
	size_t i;

	/* Read as YAML whatever the name ("Kustomization" has no suffix). */
	lint_text(env, display, r->data, r->len, "yaml", out);
	if (!r->norigins)
		return;
	for (i = 0; i < out->findings.n; i++)
		if (!strcmp(out->findings.v[i].path, display))
			move_finding(r, &out->findings.v[i]);
	for (i = 0; i < out->waivers.n; i++)
		if (!strcmp(out->waivers.v[i].path, display))
			move_waiver(r, &out->waivers.v[i]);
	for (i = 0; i < out->diags.n; i++)
		if (!strcmp(out->diags.v[i].path, display))
			move_diag(r, &out->diags.v[i]);
	scan_origin_comments(r, display, out);
}
