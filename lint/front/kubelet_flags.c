/*
 * kubelet_flags.c - the kubelet's command-line flags, wherever they are
 * written, into kubelet objects: the same kind and fields a
 * KubeletConfiguration fills (kubelet.c), so one rule set judges both.
 *
 * Where:
 *   - a `kubelet` command (a systemd unit's ExecStart=, a script), found
 *     by hostcmd.c;
 *   - Environment="KUBELET_..._ARGS=..." lines of systemd units (kubeadm's
 *     10-kubeadm.conf puts --config there);
 *   - environment files: /etc/default/kubelet, /etc/sysconfig/kubelet,
 *     /var/lib/kubelet/kubeadm-flags.env (KUBELET_EXTRA_ARGS=...,
 *     KUBELET_KUBEADM_ARGS="...").
 * Each command line and each variable is an object of its own; the
 * cross-file step (model/xref_kubelet.c) puts them together and over the
 * config file that --config names.
 *
 * Flags read: --anonymous-auth, --authentication-token-webhook,
 * --authorization-mode, --read-only-port, --protect-kernel-defaults,
 * --allowed-unsafe-sysctls, --seccomp-default, --config.  The kubelet's
 * flag set (spf13/pflag) reads `--name=value` and, for flags that take a
 * value, `--name value`; a boolean alone is true and takes no next word;
 * booleans go through Go's strconv.ParseBool, whole numbers through
 * strconv.ParseInt with base 0; `_` in a name counts as `-`.  A value the
 * kubelet would refuse is an error here.  A list flag given again adds
 * to the list.  Variables are not expanded.
 */
#include "front/shell.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A flag name longer than this is no kubelet flag. */
#define KUBELET_MAX_FLAG_NAME 64

enum flag_type { FT_BOOL, FT_INT, FT_STR, FT_LIST };

static const struct kubelet_flag {
	const char *name;
	enum flag_type type;
	int slot;
} kubelet_flags[] = {
	{ "anonymous-auth", FT_BOOL, KF_ANONYMOUS },
	{ "authentication-token-webhook", FT_BOOL, KF_WEBHOOK_AUTHN },
	{ "authorization-mode", FT_STR, KF_AUTHZ_MODE },
	{ "read-only-port", FT_INT, KF_READ_ONLY_PORT },
	{ "protect-kernel-defaults", FT_BOOL, KF_PROTECT_KERNEL },
	{ "allowed-unsafe-sysctls", FT_LIST, KF_UNSAFE_SYSCTLS },
	{ "seccomp-default", FT_BOOL, KF_SECCOMP_DEFAULT },
	{ "config", FT_STR, KF_CONFIG_PATH },
};

/* The flag `--name[=...]` names, `_` read as `-`; NULL if none we read. */
static const struct kubelet_flag *find_flag(const char *t, size_t len)
{
	char name[KUBELET_MAX_FLAG_NAME + 1];
	size_t i;

	if (len > KUBELET_MAX_FLAG_NAME)
		return NULL;
	for (i = 0; i < len; i++)
		name[i] = t[i] == '_' ? '-' : t[i];
	name[len] = '\0';
	for (i = 0; i < ARRAY_SIZE(kubelet_flags); i++)
		if (!strcmp(kubelet_flags[i].name, name))
			return &kubelet_flags[i];
	return NULL;
}

/* One value; an error (the kubelet would not start) when unreadable. */
struct flag_value {
	const struct kubelet_flag *f;
	const char *text;
	struct loc at;
};

static void bad_value(struct front_ctx *fc, const struct flag_value *v,
		      const char *what)
{
	diag_add(fc->diags, fc->src->path, v->at, DIAG_ERROR,
		 "--%s takes %s, not \"%s\": the kubelet refuses to start",
		 v->f->name, what, v->text);
}

static void set_int(struct front_ctx *fc, struct mobj *k,
		    const struct flag_value *v)
{
	char *end = NULL;
	long long x;

	errno = 0;
	x = strtoll(v->text, &end, 0);
	if (!*v->text || *end || errno || x < INT32_MIN || x > INT32_MAX) {
		bad_value(fc, v, "a whole number");
		return;
	}
	mobj_set_int(k, v->f->slot, x, v->at);
}

/* A string list flag: comma-separated, added to what came before. */
static void add_list(struct front_ctx *fc, struct mobj *k,
		     const struct flag_value *v)
{
	struct mlist *l = mobj_list(fc->model, k, v->f->slot, v->at);
	const char *p = v->text;

	while (*p) {
		size_t len = strcspn(p, ",");
		char *item = xstrndup(p, len);

		mlist_push_str(fc->model, l, item, v->at);
		free(item);
		p += len + (p[len] == ',');
	}
}

static void apply(struct front_ctx *fc, struct mobj *k,
		  const struct flag_value *v)
{
	int b;

	switch (v->f->type) {
	case FT_BOOL:
		b = front_go_bool(v->text);
		if (b < 0)
			bad_value(fc, v, "true or false");
		else
			mobj_set_bool(k, v->f->slot, b == 1, v->at);
		break;
	case FT_INT:
		set_int(fc, k, v);
		break;
	case FT_STR:
		mobj_set_str(fc->model, k, v->f->slot, v->text, v->at);
		break;
	case FT_LIST:
		add_list(fc, k, v);
		break;
	}
}

void front_kubelet_flags(struct front_ctx *fc, struct mobj *k,
			 const struct shell_where *w,
			 struct shell_token *tok, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *t = tok[i].text, *eq;
		struct flag_value v;

		if (strncmp(t, "--", 2))
			continue;
		eq = strchr(t, '=');
		v.f = find_flag(t + 2, eq ? (size_t)(eq - t - 2) :
				strlen(t + 2));
		if (!v.f)
			continue;
		if (eq) {
			v.text = eq + 1;
			v.at = shell_where_at(w, tok[i].off +
					      (size_t)(eq + 1 - t));
		} else if (v.f->type == FT_BOOL) {
			v.text = "true";
			v.at = shell_where_at(w, tok[i].off);
		} else if (i + 1 < n) {
			i++;
			v.text = tok[i].text;
			v.at = shell_where_at(w, tok[i].off);
		} else {
			diag_add(fc->diags, fc->src->path,
				 shell_where_at(w, tok[i].off), DIAG_ERROR,
				 "--%s needs a value: the kubelet refuses "
				 "to start", v.f->name);
			continue;
		}
		apply(fc, k, &v);
	}
}

/* A new kubelet object for flags from `source` (a variable's name). */
static struct mobj *flags_object(struct front_ctx *fc, const char *source,
				 struct loc at)
{
	struct mobj *k = model_add(fc->model, MO_KUBELET, "kubelet flags",
				   at);

	k->share |= MOBJ_SHARE_NODE_CONFIG;
	mobj_set_str(fc->model, k, KF_SOURCE, source, at);
	return k;
}

void front_kubelet_command(struct front_ctx *fc, const struct shell_where *w,
			   struct shell_token *tok, size_t n, size_t i)
{
	struct mobj *k;
	size_t j;
	bool expands = false;

	k = flags_object(fc, "command line", shell_where_at(w, tok[i].off));
	for (j = i + 1; j < n; j++)
		if (strchr(tok[j].text, '$'))
			expands = true;
	mobj_set_bool(k, KF_EXPANDS, expands, k->loc);
	front_kubelet_flags(fc, k, w, tok + i + 1, n - i - 1);
}

/* --- variables ---------------------------------------------------------- */

/* Is `name` (of `len` bytes) a KUBELET_..._ARGS variable? */
static bool kubelet_var(const char *name, size_t len)
{
	return len >= 12 && !memcmp(name, "KUBELET_", 8) &&
	       !memcmp(name + len - 4, "ARGS", 4);
}

/*
 * One assignment: NAME at s[a, eq), its value at s[va, vb).  When NAME
 * is a kubelet variable, the value's flags (split at blanks, as systemd
 * splits $NAME; quotes inside it group) become an object of their own.
 */
static void assignment(struct front_ctx *fc, size_t a, size_t eq, size_t va,
		       size_t vb)
{
	const char *s = fc->src->data;
	struct shell_token *tok;
	struct shell_where w;
	struct mobj *k;
	size_t nt, pos = 0;
	char *name;

	if (!kubelet_var(s + a, eq - a))
		return;
	name = xstrndup(s + a, eq - a);
	k = flags_object(fc, name, source_loc(fc->src, a));
	free(name);
	memset(&w, 0, sizeof(w));
	w.src = fc->src;
	w.base = va;
	tok = xcalloc(SHELL_MAX_TOKENS, sizeof(*tok));
	nt = shell_tokenize(s + va, vb - va, &pos, tok, SHELL_MAX_TOKENS,
			    SHELL_WORDS);
	front_kubelet_flags(fc, k, &w, tok, nt);
	shell_tokens_free(tok, nt);
	free(tok);
}

/* The offset of the quote `q` closing what starts at s[from], or `end`. */
static size_t closing(const char *s, size_t from, size_t end, char q)
{
	const char *c = from < end ? memchr(s + from, q, end - from) : NULL;

	return c ? (size_t)(c - s) : end;
}

static bool is_quote(char c)
{
	return c == '"' || c == '\'';
}

/*
 * One assignment of a line, s[pos, end): "NAME=a b" (a unit's
 * Environment=), NAME="a b", and NAME=a b (to the line's end in an
 * environment file, `rest_of_line`; one word in a unit).  Returns where
 * the next one starts.
 */
static size_t one_assignment(struct front_ctx *fc, size_t pos, size_t end,
			     bool rest_of_line)
{
	const char *s = fc->src->data;
	size_t a = pos, b, eq;

	if (is_quote(s[pos])) {
		a = pos + 1;
		b = closing(s, a, end, s[pos]);
		eq = closing(s, a, b, '=');
		if (eq < b)
			assignment(fc, a, eq, eq + 1, b);
		return b + 1;
	}
	for (b = pos; b < end && s[b] != ' ' && s[b] != '\t' && s[b] != '=';)
		b++;
	if (b >= end || s[b] != '=')
		return b;
	eq = b;
	if (eq + 1 < end && is_quote(s[eq + 1])) {
		b = closing(s, eq + 2, end, s[eq + 1]);
		assignment(fc, a, eq, eq + 2, b);
		return b + 1;
	}
	for (b = eq + 1; b < end && (rest_of_line ||
				     (s[b] != ' ' && s[b] != '\t'));)
		b++;
	assignment(fc, a, eq, eq + 1, b);
	return b;
}

static void assignments(struct front_ctx *fc, size_t pos, size_t end,
			bool rest_of_line)
{
	const char *s = fc->src->data;

	while (pos < end) {
		while (pos < end && (s[pos] == ' ' || s[pos] == '\t'))
			pos++;
		if (pos >= end || s[pos] == '#')
			return;
		pos = one_assignment(fc, pos, end, rest_of_line);
	}
}

/* The end of the line that s[pos] is on. */
static size_t line_end(const struct source *src, size_t pos)
{
	const char *nl = memchr(src->data + pos, '\n', src->len - pos);

	return nl ? (size_t)(nl - src->data) : src->len;
}

void front_kubelet_environment(struct front_ctx *fc,
			       const struct shell_where *w, size_t off)
{
	size_t pos = w->base + off;
	size_t skip = strlen("Environment=");

	if (w->line_off || pos + skip > fc->src->len ||
	    memcmp(fc->src->data + pos, "Environment=", skip))
		return;
	assignments(fc, pos + skip, line_end(fc->src, pos), false);
}

/* --- environment files --------------------------------------------------- */

static bool env_match_path(const char *path)
{
	static const char *const files[] = {
		"default/kubelet", "sysconfig/kubelet", "kubeadm-flags.env",
		NULL
	};
	size_t i;

	for (i = 0; files[i]; i++) {
		size_t n = strlen(path), k = strlen(files[i]);

		if (n >= k && !strcmp(path + n - k, files[i]) &&
		    (n == k || path[n - k - 1] == '/'))
			return true;
	}
	return false;
}

static void env_build(struct front_ctx *fc, const struct tree_node *doc)
{
	size_t pos = 0;

	(void)doc;
	while (pos < fc->src->len) {
		size_t end = line_end(fc->src, pos), a = pos;

		while (a < end && (fc->src->data[a] == ' ' ||
				   fc->src->data[a] == '\t'))
			a++;
		if (end - a > 7 && !memcmp(fc->src->data + a, "export ", 7))
			a += 7;
		assignments(fc, a, end, true);
		pos = end + 1;
	}
}

const struct front front_kubelet_env = {
	.name = "kubelet-env",
	.summary = "kubelet flags in KUBELET_*ARGS environment files",
	.reader = &reader_text,
	.match_path = env_match_path,
	.build = env_build,
};
