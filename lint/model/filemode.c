/*
 * filemode.c - chmod modes as GNU coreutils reads them, and which paths a
 * chmod makes weaker.
 *
 * A mode is octal (1 to 4 digits: 644, 0755, 1777) or symbolic: comma-
 * separated clauses of who (u g o a, none meaning all but what the umask
 * masks, taken as 022), then one or more operations (+ - =) with
 * permissions (r w x X s t).  The file's mode before is not known, so
 * only the bits a mode surely sets are counted: +w sets w, -w clears it,
 * =rx clears w.  chmod --reference is skipped (its mode is another file's).
 *
 * Weaker means: world-writable (o+w) under a system tree (/etc, /usr,
 * /bin, /sbin, /lib*, /root, /boot, /), where any user can replace what
 * root runs; or setuid anywhere, and setgid under a system tree, which
 * give every user the owner's privileges.  A sticky bit does not make a
 * system tree safe (anyone can still add programs to it).  Application
 * and scratch directories (/app, /srv, /home, /tmp, /var, /opt, /run,
 * /usr/src/app, /usr/share/nginx) are not system trees.
 *
 * What it does not: run the shell (variables, globs and relative paths
 * are not resolved; a path not absolute as written is skipped), or follow
 * find -exec chmod.
 */
#include "model/filemode.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Words of one RUN text we look at; more is not a RUN step people write. */
#define FILEMODE_MAX_WORDS 4096
/* The umask a Dockerfile's RUN runs under, unless it sets another. */
#define FILEMODE_UMASK 022

#define M_SUID 04000
#define M_SGID 02000
#define M_STICKY 01000
#define M_OTH_W 00002

static const char *const system_trees[] = {
	"/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
	"/libx32", "/root", "/boot", NULL
};
/* Parts of system trees that hold an application, not the system. */
static const char *const app_trees[] = {
	"/usr/src/app", "/usr/share/nginx", "/usr/local/apache2/htdocs", NULL
};

/* Is `path` `tree` or under it? */
static bool under(const char *path, const char *tree)
{
	size_t n = strlen(tree);

	return !strncmp(path, tree, n) && (path[n] == '\0' || path[n] == '/');
}

static bool is_system_path(const char *path)
{
	size_t i;

	if (!strcmp(path, "/") || !strcmp(path, "/*"))
		return true;
	for (i = 0; app_trees[i]; i++)
		if (under(path, app_trees[i]))
			return false;
	for (i = 0; system_trees[i]; i++)
		if (under(path, system_trees[i]))
			return true;
	return false;
}

/* --- modes ---------------------------------------------------------------- */

/* An octal mode: up to 4 digits after any leading zeros; -1 if not one. */
static long octal_mode(const char *s)
{
	char *end;
	long v;

	if (!*s || strspn(s, "01234567") != strlen(s))
		return -1;
	v = strtol(s, &end, 8);
	return v > 07777 ? -1 : v;
}

/* The bits of `who` (u g o masks) for permission letters. */
static unsigned perm_bits(const char *p, size_t n, unsigned who)
{
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == 'r')
			bits |= 0444 & who;
		else if (p[i] == 'w')
			bits |= 0222 & who;
		else if (p[i] == 'x')
			bits |= 0111 & who;
		else if (p[i] == 's')
			bits |= ((who & 0700) ? M_SUID : 0) |
				((who & 0070) ? M_SGID : 0);
		else if (p[i] == 't')
			bits |= M_STICKY;
		/* X: only for directories or files with x: not sure */
	}
	return bits;
}

/*
 * Apply one symbolic clause ("go+w", "u=rwx,g=rx", "+s") to the bits
 * surely set; false if it is not a symbolic mode.
 */
static bool apply_clause(const char *c, size_t n, unsigned *set)
{
	unsigned who = 0, mask;
	size_t i = 0;

	for (; i < n && strchr("ugoa", c[i]); i++)
		who |= c[i] == 'u' ? 04700 : c[i] == 'g' ? 02070 :
		       c[i] == 'o' ? 01007 : 07777;
	mask = who ? who : (07777 & ~(unsigned)FILEMODE_UMASK);
	if (i >= n || !strchr("+-=", c[i]))
		return false;
	while (i < n) {
		char op = c[i++];
		size_t start = i;
		unsigned bits;

		if (!strchr("+-=", op))
			return false;
		while (i < n && strchr("rwxXst", c[i]))
			i++;
		bits = perm_bits(c + start, i - start, mask | M_STICKY);
		if (!(who & 01000) && who)
			bits &= ~(unsigned)M_STICKY;
		if (op == '+')
			*set |= bits;
		else if (op == '-')
			*set &= ~bits;
		else
			*set = (*set & ~(who ? who : 07777)) | bits;
	}
	return true;
}

/* The bits a mode surely sets; false if `s` is no mode. */
static bool mode_sets(const char *s, unsigned *set)
{
	long oct = octal_mode(s);
	const char *p = s;

	*set = 0;
	if (oct >= 0) {
		*set = (unsigned)oct;
		return true;
	}
	while (*p) {
		size_t n = strcspn(p, ",");

		if (!apply_clause(p, n, set))
			return false;
		p += n + (p[n] == ',');
	}
	return true;
}

/* --- commands -------------------------------------------------------------- */

/* Why mode bits `set` on `path` weaken it, or NULL. */
static const char *why_weaker(unsigned set, const char *path)
{
	bool sys = is_system_path(path);

	if (set & M_SUID)
		return "setuid: it runs with its owner's privileges";
	if (sys && (set & M_SGID))
		return "setgid: it runs with its group's privileges";
	if (sys && (set & M_OTH_W))
		return "world-writable: any user can replace what root runs";
	return NULL;
}

static bool ends_command(const char *w)
{
	return !strcmp(w, ";") || !strcmp(w, "&&") || !strcmp(w, "||") ||
	       !strcmp(w, "|") || !strcmp(w, "&");
}

/* Judge one chmod's words (after the command name). */
static size_t judge_chmod(struct model *m, struct mlist *out, char **w,
			  size_t n, struct loc at)
{
	size_t i = 0, found = 0;
	const char *mode = NULL;
	unsigned set;

	for (; i < n && w[i][0] == '-' && strcmp(w[i], "--") &&
	       !mode_sets(w[i], &set); i++)
		if (!strncmp(w[i], "--reference", 11))
			return 0;
	if (i < n && !strcmp(w[i], "--"))
		i++;		/* the end of options: the mode follows */
	if (i >= n || !mode_sets(w[i], &set))
		return 0;
	mode = w[i++];
	for (; i < n; i++) {
		const char *why = w[i][0] == '/' ? why_weaker(set, w[i]) :
				  NULL;
		char *s;

		if (!why)
			continue;
		s = xasprintf("chmod %s %s (%s)", mode, w[i], why);
		mlist_push_str(m, out, s, at);
		free(s);
		found++;
	}
	return found;
}

/*
 * Split text into words: blanks separate; ; & | and a newline (as ";")
 * end commands; a word's surrounding quotes go.
 */
static size_t split_words(const char *text, char **w, size_t max)
{
	size_t n = 0;
	const char *p = text;

	while (*p && n < max) {
		size_t len;
		bool newline = false;

		for (; *p && (isspace((unsigned char)*p) || *p == '\\'); p++) {
			if (*p == '\\' && p[1] == '\n')
				p++;	/* a continuation: the command goes on */
			else if (*p == '\n')
				newline = true;
		}
		if (newline && n) {
			w[n++] = xstrdup(";");	/* a heredoc's next command */
			continue;
		}
		if (!*p)
			break;
		len = strchr(";&|", *p) ? strspn(p, ";&|") :
		      strcspn(p, " \t\r\n;&|");
		w[n] = xstrndup(p, len);
		if (w[n][0] == '"' || w[n][0] == '\'') {
			size_t k = strlen(w[n]);

			memmove(w[n], w[n] + 1, k);
			if (k > 1 && (w[n][k - 2] == '"' ||
				      w[n][k - 2] == '\''))
				w[n][k - 2] = '\0';
		}
		n++;
		p += len;
	}
	return n;
}

size_t filemode_weakened(struct model *m, struct mlist *out, const char *text,
			 struct loc at)
{
	char **w = xcalloc(FILEMODE_MAX_WORDS, sizeof(*w));
	size_t n = split_words(text, w, FILEMODE_MAX_WORDS), i, j, found = 0;

	for (i = 0; i < n; i++) {
		const char *base = strrchr(w[i], '/');

		base = base ? base + 1 : w[i];
		if (strcmp(base, "chmod"))
			continue;
		for (j = i + 1; j < n && !ends_command(w[j]); j++)
			;
		found += judge_chmod(m, out, w + i + 1, j - i - 1, at);
	}
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
	return found;
}
