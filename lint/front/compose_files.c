/*
 * compose_files.c - the files of a Compose project besides the one
 * scanned: which files `docker compose` reads together, loading one, and
 * the project's .env.
 *
 * Project files (compose-go, cli/options.go): in a directory, the project
 * file is the first that exists of compose.yaml, compose.yml,
 * docker-compose.yml, docker-compose.yaml, and the override merged into
 * it the first that exists of compose.override.yml, compose.override.yaml,
 * docker-compose.override.yml, docker-compose.override.yaml.  Any other
 * name is a file given with -f, judged alone.  (docker compose also looks
 * in parent directories when the current one has none; a scan judges the
 * directories it is given.)
 *
 * .env, as compose's dotenv reads it: KEY=VALUE lines, an `export `
 * before the key allowed, blank lines and lines starting with # skipped;
 * a value in single quotes is literal, one in double quotes takes the
 * escapes \n \t \\ \" \$, an unquoted one ends before " #" and is
 * trimmed.  A value that refers to another variable ($X outside single
 * quotes) is set but not known here: compose would look it up in the
 * process environment, which cagelint never reads, so that a scan's
 * result does not depend on who runs it.
 *
 * What it does not: merge anything (compose.c does, as it reads the
 * services), read COMPOSE_FILE or -f lists, read values across lines.
 */
#include "front/compose_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const project_names[] = {
	"compose.yaml", "compose.yml", "docker-compose.yml",
	"docker-compose.yaml",
};
static const char *const override_names[] = {
	"compose.override.yml", "compose.override.yaml",
	"docker-compose.override.yml", "docker-compose.override.yaml",
};

char *compose_join(const char *file, const char *rel)
{
	char *dir, *out;

	if (rel[0] == '/')
		return xstrdup(rel);
	dir = path_dir(file);
	out = xasprintf("%s/%s", dir, rel);
	free(dir);
	path_clean(out);
	return out;
}

static bool is_regular_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The first of names[] that exists beside `file`, or NULL. */
static char *first_existing(const char *file, const char *const *names,
			    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *p = compose_join(file, names[i]);

		if (is_regular_file(p))
			return p;
		free(p);
	}
	return NULL;
}

static bool name_in(const char *base, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(base, names[i]))
			return true;
	return false;
}

enum compose_role compose_role(const char *path, char **other)
{
	const char *base = path_base(path);
	char *project, *override;

	*other = NULL;
	if (!strcmp(path, "-"))
		return COMPOSE_ALONE;
	if (name_in(base, override_names, ARRAY_SIZE(override_names))) {
		project = first_existing(path, project_names,
					 ARRAY_SIZE(project_names));
		override = first_existing(path, override_names,
					  ARRAY_SIZE(override_names));
		if (project && override &&
		    !strcmp(path_base(override), base)) {
			free(override);
			*other = project;
			return COMPOSE_IN_PROJECT;
		}
		free(project);
		free(override);
		return COMPOSE_PARTIAL;
	}
	if (!name_in(base, project_names, ARRAY_SIZE(project_names)))
		return COMPOSE_ALONE;
	project = first_existing(path, project_names,
				 ARRAY_SIZE(project_names));
	if (!project || strcmp(path_base(project), base)) {
		free(project);	/* another name wins in this directory */
		return COMPOSE_ALONE;
	}
	free(project);
	*other = first_existing(path, override_names,
				ARRAY_SIZE(override_names));
	return *other ? COMPOSE_PROJECT : COMPOSE_ALONE;
}

/* --- loading a file ---------------------------------------------------- */

struct compose_file *compose_file_load(const char *path, struct diags *d,
				       const char *from, struct loc at)
{
	struct compose_file *f;
	struct source *src;

	if (!is_regular_file(path)) {
		diag_add(d, from, at, DIAG_ERROR, "%s: no such file", path);
		return NULL;
	}
	src = source_read(path, path, 0, d);
	if (!src)
		return NULL;
	f = xcalloc(1, sizeof(*f));
	f->path = xstrdup(path);
	f->src = src;
	f->tree = tree_new();
	if (reader_yaml_or_json(src)->read(f->tree, src, d)) {
		diag_add(d, from, at, DIAG_ERROR, "%s does not parse", path);
		compose_file_free(f);
		return NULL;
	}
	f->doc = f->tree->ndocs ? f->tree->docs[0] : NULL;
	return f;
}

void compose_file_free(struct compose_file *f)
{
	if (!f)
		return;
	tree_free(f->tree);
	source_free(f->src);
	free(f->path);
	free(f);
}

struct compose_file *compose_files_get(struct compose_files *files,
				       const char *path, struct diags *d,
				       const char *from, struct loc at)
{
	struct compose_file *f;
	size_t i;

	for (i = 0; i < files->n; i++)
		if (!strcmp(files->v[i]->path, path))
			return files->v[i];
	if (files->n >= COMPOSE_MAX_FILES) {
		diag_add(d, from, at, DIAG_ERROR, "%s not read: more than %d "
			 "files in one project", path, COMPOSE_MAX_FILES);
		return NULL;
	}
	f = compose_file_load(path, d, from, at);
	if (f)
		files->v[files->n++] = f;
	return f;
}

void compose_files_free(struct compose_files *files)
{
	size_t i;

	for (i = 0; i < files->n; i++)
		compose_file_free(files->v[i]);
	files->n = 0;
}

/* --- .env ------------------------------------------------------------- */

static void env_set(struct compose_env *e, const char *name, size_t len,
		    char *value)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		if (strlen(e->names[i]) == len &&
		    !memcmp(e->names[i], name, len)) {
			free(e->values[i]);
			e->values[i] = value;	/* the last line wins */
			return;
		}
	}
	if (e->n >= e->cap) {
		size_t cap = e->cap;

		e->names = xgrow(e->names, &cap, e->n + 1, sizeof(*e->names));
		e->values = xgrow(e->values, &e->cap, e->n + 1,
				  sizeof(*e->values));
	}
	e->names[e->n] = xstrndup(name, len);
	e->values[e->n++] = value;
}

/* A double-quoted value from s (after the quote); NULL if unknown. */
static char *double_quoted(const char *s, size_t n, bool *closed)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	*closed = false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '"') {
			*closed = true;
			break;
		}
		if (c == '$') {
			sb_free(&sb);
			return NULL;
		}
		if (c == '\\' && i + 1 < n) {
			c = s[++i];
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
		}
		sb_addc(&sb, c);
	}
	return sb_detach(&sb);
}

/* An unquoted value: up to " #", trimmed; NULL if it needs a variable. */
static char *unquoted(const char *s, size_t n)
{
	size_t i, end = n;

	for (i = 0; i < n; i++)
		if (s[i] == '#' && i && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
			end = i;
			break;
		}
	while (end && (s[end - 1] == ' ' || s[end - 1] == '\t' ||
		       s[end - 1] == '\r'))
		end--;
	if (memchr(s, '$', end))
		return NULL;
	return xstrndup(s, end);
}

static size_t skip_blanks(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* One line of .env; a warning when it is not KEY=VALUE. */
static void env_line(struct compose_env *e, struct source *src,
		     uint32_t line, const char *s, size_t n, struct diags *d)
{
	size_t i = skip_blanks(s, 0, n), key, klen;
	const char *q;
	char *value;
	bool closed = true;

	if (i == n || s[i] == '#' || s[i] == '\r')
		return;
	if (n - i > 7 && !memcmp(s + i, "export ", 7))
		i = skip_blanks(s, i + 7, n);
	key = i;
	while (i < n && s[i] != '=' && s[i] != ' ' && s[i] != '\t')
		i++;
	klen = i - key;
	i = skip_blanks(s, i, n);
	if (!klen || i == n || s[i] != '=' || e->n >= COMPOSE_MAX_ENV_VARS) {
		diag_add(d, src->path, (struct loc){ line, 1, 0, 0 },
			 DIAG_WARNING, "not read: %s",
			 e->n >= COMPOSE_MAX_ENV_VARS ?
			 "more variables than a .env holds" :
			 "a .env line is KEY=VALUE");
		return;
	}
	i = skip_blanks(s, i + 1, n);
	if (i < n && s[i] == '\'') {
		q = memchr(s + i + 1, '\'', n - i - 1);
		closed = q != NULL;
		value = q ? xstrndup(s + i + 1, (size_t)(q - s - i - 1)) :
			    NULL;
	} else if (i < n && s[i] == '"') {
		value = double_quoted(s + i + 1, n - i - 1, &closed);
	} else {
		value = unquoted(s + i, n - i);
	}
	if (!closed) {
		free(value);
		value = NULL;	/* runs on over lines: not read here */
	}
	env_set(e, s + key, klen, value);
}

void compose_env_load(struct compose_env *e, const char *file,
		      struct diags *d)
{
	char *path = compose_join(file, ".env");
	struct source *src;
	uint32_t line;

	memset(e, 0, sizeof(*e));
	if (!strcmp(file, "-") || !is_regular_file(path)) {
		free(path);
		return;
	}
	src = source_read(path, path, 0, d);
	free(path);
	if (!src)
		return;
	for (line = 1;; line++) {
		size_t len;
		const char *s = source_line(src, line, &len);

		if (!s)
			break;
		env_line(e, src, line, s, len, d);
	}
	source_free(src);
}

void compose_env_free(struct compose_env *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		free(e->names[i]);
		free(e->values[i]);
	}
	free(e->names);
	free(e->values);
	memset(e, 0, sizeof(*e));
}

int compose_env_get(const struct compose_env *e, const char *name,
		    size_t len, const char **value)
{
	size_t i;

	for (i = 0; e && i < e->n; i++) {
		if (strlen(e->names[i]) == len &&
		    !memcmp(e->names[i], name, len)) {
			*value = e->values[i];
			return 1;
		}
	}
	return 0;
}
