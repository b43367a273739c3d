/*
 * walk.c - from command-line paths to the list of files to lint.
 *
 * The walk is deterministic (entries in byte order of their names) and
 * bounded (depth SCAN_MAX_DEPTH, SCAN_MAX_FILES files).  Symbolic links are
 * resolved with realpath(): one that leads outside the root named on the
 * command line is not followed; a directory already entered (by its device
 * and inode) is not entered again, which ends symlink cycles.
 */
#include "scan/walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/source.h"
#include "scan/render.h"

/* Deeper than any real repository; bounds the walk's recursion. */
#define SCAN_MAX_DEPTH 64
/* A scan of more files than this is a mistake (the whole disk?). */
#define SCAN_MAX_FILES 1000000

static const char *const vcs_dirs[] = {
	".git", ".hg", ".svn", ".bzr", "_darcs", ".jj", "CVS", NULL
};

struct dev_ino {
	dev_t dev;
	ino_t ino;
};

struct walk {
	struct scan_list *out;
	struct diags *diags;
	const char *cwd;	/* the working directory, or NULL */
	char *root_real;	/* realpath of the directory being walked */
	void *seen;		/* directories entered (a tsearch tree) */
	size_t nseen;
	size_t from;		/* out->v[from + i] is the file of ids[i] */
	/*
	 * Kept only once a link to a file is met (none: no file can be
	 * reached twice, and a walk of many files keeps no ids at all).
	 * Whether a file was reached through a link is its entry's via_link.
	 */
	struct dev_ino *ids;
	size_t capids;
};

static bool is_vcs(const char *name)
{
	size_t i;

	for (i = 0; vcs_dirs[i]; i++)
		if (!strcmp(vcs_dirs[i], name))
			return true;
	return false;
}

static char *join(const char *dir, const char *name)
{
	size_t nd = strlen(dir), nn = strlen(name);
	bool slash = !nd || dir[nd - 1] != '/';
	char *p;

	if (!strcmp(dir, "."))
		return xstrdup(name);
	p = xmalloc(nd + slash + nn + 1);
	memcpy(p, dir, nd);
	p[nd] = '/';
	memcpy(p + nd + slash, name, nn + 1);
	return p;
}

/*
 * Set f->display for f->path, the path as shown: without a leading "./",
 * with control and bidirectional characters and invalid UTF-8 escaped
 * (str_display), and relative to the working directory when an absolute
 * path lies under it (reports and SARIF want paths relative to the
 * repository being scanned).  It is a part of f->path when nothing needs
 * escaping.
 */
static void set_display_of(struct scan_file *f, const char *cwd)
{
	const char *path = f->path;
	size_t n = cwd && path[0] == '/' ? strlen(cwd) : 0;

	if (n > 1 && !strncmp(path, cwd, n) && path[n] == '/')
		path += n + 1;
	while (path[0] == '.' && path[1] == '/') {
		path += 2;
		while (*path == '/')
			path++;
	}
	/* A name may hold anything but '/' and NUL: shown made safe. */
	f->display_in_path = *path && str_shows_as_is(path);
	f->display = f->display_in_path ? f->path + (path - f->path) :
		     str_display(*path ? path : ".");
}

void scan_file_set_display(struct scan_file *f, char *display)
{
	if (!f->display_in_path)
		free(f->display);
	f->display = display;
	f->display_in_path = false;
}

void scan_file_free(struct scan_file *f)
{
	scan_file_set_display(f, NULL);
	if (!f->path_in_list)
		free(f->path);
	f->path = NULL;
	rendered_free(f->rendered);
	f->rendered = NULL;
}

/*
 * The id of the file at `path`, from `st` or else asked.  One that is
 * gone meanwhile gets inode 0, which no file has: it matches no link.
 */
static void set_id(struct dev_ino *id, const char *path,
		   const struct stat *st)
{
	struct stat own;
	bool ok = st || !lstat(path, &own);

	id->dev = ok ? (st ? st : &own)->st_dev : 0;
	id->ino = ok ? (st ? st : &own)->st_ino : 0;
}

/*
 * The first link to a file: the ids of the files before it, none reached
 * through a link, are asked again.
 */
static void ids_start(struct walk *w)
{
	struct scan_list *l = w->out;
	size_t i, n = l->n - w->from;

	w->ids = xgrow(w->ids, &w->capids, n + 1, sizeof(*w->ids));
	for (i = 0; i < n; i++)
		set_id(&w->ids[i], l->v[w->from + i].path, NULL);
}

/*
 * `st` is the file's, or NULL when its directory entry said it is a
 * regular file (no stat was needed unless ids are kept).
 */
static void add_file(struct walk *w, const char *path, const struct stat *st,
		     bool via_link)
{
	struct scan_list *l = w->out;
	struct scan_file *f;

	if (l->n >= SCAN_MAX_FILES) {
		if (l->n == SCAN_MAX_FILES)
			diag_add(w->diags, path, LOC_NONE, DIAG_ERROR,
				 "more than %d files; the rest is not "
				 "scanned", SCAN_MAX_FILES);
		return;
	}
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	if (via_link && !w->ids)
		ids_start(w);
	if (w->ids)
		w->ids = xgrow(w->ids, &w->capids, l->n - w->from + 1,
			       sizeof(*w->ids));
	f = &l->v[l->n];
	if (!l->names)
		l->names = arena_new();
	/* one block for many names: no allocation of its own per file */
	f->path = arena_strdup(l->names, path);
	f->path_in_list = true;
	f->via_link = via_link;
	set_display_of(f, w->cwd);
	f->is_stdin = false;
	f->named = false;
	f->partial = false;
	f->front_memo = 0;
	f->rendered = NULL;
	if (w->ids)
		set_id(&w->ids[l->n - w->from], path, st);
	l->n++;
}

static int dev_ino_cmp(const void *pa, const void *pb)
{
	const struct dev_ino *a = pa, *b = pb;

	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	if (a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	return 0;
}

/*
 * Returns false when this directory was entered already.  The keys live
 * in blocks that never move (a tree of pointers into a growing array
 * would dangle), one allocation per directory entered.
 */
static bool enter_once(struct walk *w, const struct stat *st)
{
	struct dev_ino key = { st->st_dev, st->st_ino }, *copy;
	void *found;

	if (tfind(&key, &w->seen, dev_ino_cmp))
		return false;
	copy = xmalloc(sizeof(*copy));
	*copy = key;
	found = tsearch(copy, &w->seen, dev_ino_cmp);
	if (!found)
		die_oom(sizeof(*copy));
	w->nseen++;
	return true;
}

static bool inside_root(const struct walk *w, const char *real)
{
	size_t n = strlen(w->root_real);

	if (!strcmp(w->root_real, "/"))
		return true;
	return !strncmp(real, w->root_real, n) &&
	       (real[n] == '/' || real[n] == '\0');
}

/* A directory's entries: the d_type byte, then the name. */
static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a + 1,
		      *(const char *const *)b + 1);
}

static void walk_dir(struct walk *w, const char *dir, int depth);

/*
 * A FIFO, socket or device met in a walk is never opened (reading one
 * could block forever or never end); it is a note, as links leading
 * outside are.  Named on the command line, the same file is an error.
 */
static void note_not_regular(struct walk *w, const char *path, mode_t mode)
{
	diag_add(w->diags, path, LOC_NONE, DIAG_NOTE,
		 "skipped: %s, not a regular file", source_file_type(mode));
}

/*
 * `type` is the directory entry's d_type: a regular file or a directory
 * needs no lstat of its own (DT_UNKNOWN, links and the rest do).
 */
static void walk_entry(struct walk *w, const char *path, int depth,
		       unsigned char type)
{
	struct stat st, tst;
	char *real;

	if (type == DT_REG) {
		add_file(w, path, NULL, false);
		return;
	}
	if (type == DT_DIR) {
		walk_dir(w, path, depth + 1);
		return;
	}
	if (lstat(path, &st)) {
		diag_add(w->diags, path, LOC_NONE, DIAG_ERROR, "cannot stat: %s",
			 strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		walk_dir(w, path, depth + 1);
		return;
	}
	if (S_ISREG(st.st_mode)) {
		add_file(w, path, &st, false);
		return;
	}
	if (!S_ISLNK(st.st_mode)) {
		note_not_regular(w, path, st.st_mode);
		return;
	}
	real = realpath(path, NULL);
	if (!real || stat(real, &tst)) {
		diag_add(w->diags, path, LOC_NONE, DIAG_NOTE,
			 "skipped: broken symbolic link");
		free(real);
		return;
	}
	if (!inside_root(w, real)) {
		diag_add(w->diags, path, LOC_NONE, DIAG_NOTE,
			 "skipped: symbolic link leads outside the "
			 "directory being scanned");
	} else if (S_ISDIR(tst.st_mode)) {
		walk_dir(w, path, depth + 1);
	} else if (S_ISREG(tst.st_mode)) {
		add_file(w, path, &tst, true);
	} else {
		note_not_regular(w, path, tst.st_mode);
	}
	free(real);
}

static void walk_dir(struct walk *w, const char *dir, int depth)
{
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	struct stat st;
	DIR *dp;

	if (depth > SCAN_MAX_DEPTH) {
		diag_add(w->diags, dir, LOC_NONE, DIAG_ERROR,
			 "directories nested deeper than %d; not entered",
			 SCAN_MAX_DEPTH);
		return;
	}
	if (stat(dir, &st) || !enter_once(w, &st)) {
		diag_add(w->diags, dir, LOC_NONE, DIAG_NOTE,
			 "skipped: directory already scanned (link cycle)");
		return;
	}
	dp = opendir(dir);
	if (!dp) {
		diag_add(w->diags, dir, LOC_NONE, DIAG_ERROR,
			 "cannot open directory: %s", strerror(errno));
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		char *e;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (is_vcs(de->d_name))
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		e = xmalloc(len + 2);
		e[0] = (char)de->d_type;
		memcpy(e + 1, de->d_name, len + 1);
		names[n++] = e;
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		char *path = join(dir, names[i] + 1);

		walk_entry(w, path, depth, (unsigned char)names[i][0]);
		free(path);
		free(names[i]);
	}
	free(names);
}

/*
 * Files reached twice (a link to a file also reached directly, or two
 * links) are kept once: the one not reached through a link, else the
 * first by name.  Sorting the files by identity puts each file's names
 * side by side, the one to keep first: n log n, whatever the number of
 * links.  Two names that are no links (hard links) are both kept.
 */
struct id_order {
	const struct dev_ino *id;
	bool via_link;
	size_t index;
};

static int id_order_cmp(const void *pa, const void *pb)
{
	const struct id_order *a = pa, *b = pb;
	int c = dev_ino_cmp(a->id, b->id);

	if (c)
		return c;
	if (a->via_link != b->via_link)
		return a->via_link ? 1 : -1;
	return a->index < b->index ? -1 : a->index > b->index;
}

static bool *repeats(const struct walk *w, size_t n)
{
	struct id_order *v = xcalloc(n ? n : 1, sizeof(*v));
	bool *drop = xcalloc(n ? n : 1, sizeof(*drop));
	size_t i;

	for (i = 0; i < n; i++) {
		v[i].id = &w->ids[i];
		v[i].via_link = w->out->v[w->from + i].via_link;
		v[i].index = i;
	}
	qsort(v, n, sizeof(*v), id_order_cmp);
	for (i = 1; i < n; i++)
		if (!dev_ino_cmp(v[i - 1].id, v[i].id) && v[i].via_link)
			drop[v[i].index] = true;
	free(v);
	return drop;
}

static void drop_duplicates(struct walk *w)
{
	struct scan_list *l = w->out;
	size_t n = l->n - w->from, i, out = 0;
	bool *drop;

	if (!w->ids)
		return;		/* no link to a file: no file twice */
	drop = repeats(w, n);

	for (i = 0; i < n; i++) {
		if (drop[i]) {
			scan_file_free(&l->v[w->from + i]);
			continue;
		}
		l->v[w->from + out] = l->v[w->from + i];
		w->ids[out] = w->ids[i];
		out++;
	}
	l->n = w->from + out;
	free(drop);
}

static void add_plain(struct scan_list *l, const char *path, bool is_stdin,
		      const char *cwd)
{
	struct scan_file *f;

	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	f = &l->v[l->n++];
	f->path = xstrdup(path);
	f->path_in_list = false;
	f->via_link = false;
	f->display_in_path = false;
	if (is_stdin)
		f->display = xstrdup("-");
	else
		set_display_of(f, cwd);
	f->is_stdin = is_stdin;
	f->named = true;
	f->partial = false;
	f->front_memo = 0;
	f->rendered = NULL;
}

static void scan_dir_root(struct scan_list *out, const char *path,
			  struct diags *d, const char *cwd)
{
	struct walk w;

	memset(&w, 0, sizeof(w));
	w.out = out;
	w.cwd = cwd;
	w.diags = d;
	w.from = out->n;
	w.root_real = realpath(path, NULL);
	if (!w.root_real) {
		diag_add(d, path, LOC_NONE, DIAG_ERROR, "cannot resolve: %s",
			 strerror(errno));
		return;
	}
	walk_dir(&w, path, 0);
	drop_duplicates(&w);
	free(w.root_real);
	tdestroy(w.seen, free);
	free(w.ids);
}

void scan_paths(struct scan_list *out, char **paths, size_t npaths,
		struct diags *d)
{
	size_t i;
	struct stat st;
	/* asked once: the names shown are relative to it */
	char *cwd = getcwd(NULL, 0);

	for (i = 0; i < npaths; i++) {
		if (!strcmp(paths[i], "-")) {
			add_plain(out, "-", true, cwd);
			continue;
		}
		if (stat(paths[i], &st)) {
			diag_add(d, paths[i], LOC_NONE, DIAG_ERROR,
				 "cannot read: %s", strerror(errno));
			continue;
		}
		if (S_ISDIR(st.st_mode))
			scan_dir_root(out, paths[i], d, cwd);
		else
			add_plain(out, paths[i], false, cwd);
	}
	free(cwd);
}

void scan_list_free(struct scan_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		scan_file_free(&l->v[i]);
	free(l->v);
	arena_free(l->names);
	memset(l, 0, sizeof(*l));
}
