/*
 * dockerfile.c - Dockerfiles and Containerfiles into build objects (one
 * per stage) and, for the final stage, a container object.
 *
 * Detected by name: Dockerfile, Containerfile, Dockerfile.*, Dockerfile-*,
 * Containerfile.*, Containerfile-*, *.Dockerfile, *.containerfile (any
 * case), or --kind dockerfile.  Multi-stage builds (FROM ... AS name); a
 * stage built FROM an earlier stage starts with that stage's USER and ENV,
 * as BuildKit gives it the earlier stage's image config (stage names are
 * matched without case, as BuildKit lower-cases them).  ARG and ENV values
 * are substituted where they decide a rule (USER $APP_USER).  Each RUN
 * step keeps its flags (--security, --network, --device) and its text: the
 * arguments with continuations joined, and the bodies of its heredocs.
 * ONBUILD RUN steps are judged with the stage that declares them: they run
 * in every image built FROM it.
 *
 * What it does not: pull base images (an image's own USER is unknown;
 * "no USER" is reported as such), or follow COPY --from.
 */
#include "front/front.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ARG and ENV names one stage may define; more is no Dockerfile. */
#define DF_MAX_VARS 1024
/* Stages whose ENV later stages may inherit; more is no Dockerfile. */
#define DF_MAX_STAGES 256

struct vars {
	char *name[DF_MAX_VARS];
	char *value[DF_MAX_VARS];
	size_t n;
};

static bool df_match_path(const char *path)
{
	const char *b = path_base(path);

	return !strcasecmp(b, "Dockerfile") || !strcasecmp(b, "Containerfile") ||
	       !strncasecmp(b, "Dockerfile.", 11) ||
	       !strncasecmp(b, "Dockerfile-", 11) ||
	       !strncasecmp(b, "Containerfile.", 14) ||
	       !strncasecmp(b, "Containerfile-", 14) ||
	       (strlen(b) > 11 && !strcasecmp(b + strlen(b) - 11,
					      ".Dockerfile")) ||
	       (strlen(b) > 14 && !strcasecmp(b + strlen(b) - 14,
					      ".containerfile"));
}

static void vars_set(struct vars *v, const char *name, size_t nlen,
		     const char *value)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		if (strlen(v->name[i]) == nlen &&
		    !strncmp(v->name[i], name, nlen)) {
			str_replace(&v->value[i], xstrdup(value));
			return;
		}
	}
	if (v->n == DF_MAX_VARS)
		return;
	v->name[v->n] = xstrndup(name, nlen);
	v->value[v->n++] = xstrdup(value);
}

static const char *vars_get(const struct vars *v, const char *name,
			    size_t nlen)
{
	size_t i;

	for (i = v->n; i-- > 0;)
		if (strlen(v->name[i]) == nlen &&
		    !strncmp(v->name[i], name, nlen))
			return v->value[i];
	return NULL;
}

static void vars_free(struct vars *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->name[i]);
		free(v->value[i]);
	}
	v->n = 0;
}

/* $NAME, ${NAME}, ${NAME:-default}; unknown names expand to "". */
static char *expand(const struct vars *v, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	while (*s) {
		const char *name, *def = NULL;
		size_t nlen, dlen = 0;
		const char *val;

		if (*s != '$') {
			sb_addc(&sb, *s++);
			continue;
		}
		s++;
		if (*s == '{') {
			const char *end = strchr(s, '}');
			const char *colon;

			if (!end) {
				sb_addc(&sb, '$');
				continue;
			}
			name = s + 1;
			colon = memchr(name, ':', (size_t)(end - name));
			nlen = (size_t)((colon ? colon : end) - name);
			if (colon && colon[1] == '-') {
				def = colon + 2;
				dlen = (size_t)(end - def);
			}
			s = end + 1;
		} else {
			name = s;
			while (isalnum((unsigned char)*s) || *s == '_')
				s++;
			nlen = (size_t)(s - name);
		}
		val = vars_get(v, name, nlen);
		if (val && *val)
			sb_adds(&sb, val);
		else if (def)
			sb_add(&sb, def, dlen);
	}
	return sb_detach(&sb);
}

/* "NAME=value" or "NAME value" (ENV), quotes dropped. */
static void define(struct vars *v, const char *args, bool is_arg)
{
	const char *eq = strchr(args, '=');
	const char *sp = strpbrk(args, " \t");
	char *val;

	if (eq && (!sp || eq < sp)) {
		val = xstrndup(eq + 1, strcspn(eq + 1, " \t"));
		if (val[0] == '"' || val[0] == '\'') {
			size_t l = strlen(val);

			memmove(val, val + 1, l);
			if (l > 1 && (val[l - 2] == '"' || val[l - 2] == '\''))
				val[l - 2] = '\0';
		}
		vars_set(v, args, (size_t)(eq - args), val);
		free(val);
	} else if (!is_arg && sp) {
		const char *value = sp;

		while (*value == ' ' || *value == '\t')
			value++;
		vars_set(v, args, (size_t)(sp - args), value);
	}
}

struct stage {
	struct mobj *b;
	struct vars env;
	struct mlist *runs;
	/* the stages so far and the ENV each ended with, for FROM <stage> */
	struct mobj *done[DF_MAX_STAGES];
	struct vars *done_env[DF_MAX_STAGES];
	size_t ndone;
};

static const char *flag_value(const struct tree_node *flags,
			      const char *name, const struct tree_node **at)
{
	size_t i, n = strlen(name);

	for (i = 0; tree_is_list(flags) && i < flags->u.list.n; i++) {
		const char *f = tree_text(flags->u.list.items[i]);

		if (f && !strncmp(f, name, n) && f[n] == '=') {
			*at = flags->u.list.items[i];
			return f + n + 1;
		}
	}
	return NULL;
}

static void read_run(struct front_ctx *fc, struct stage *st,
		     const struct tree_node *ins)
{
	struct model *m = fc->model;
	const struct tree_node *flags = tree_get(ins, "flags");
	const struct tree_node *hd = tree_get(ins, "heredocs");
	const struct tree_node *at;
	struct mobj *r = model_sub(m, MO_RUN, ins->loc);
	struct strbuf sb = STRBUF_INIT;
	const char *v;
	size_t i;

	r->origin = st->b->origin;
	if (tree_is_list(tree_get(ins, "json"))) {
		/* exec form: the words, as the shell form would have them */
		const struct tree_node *j = tree_get(ins, "json");

		for (i = 0; i < j->u.list.n; i++) {
			if (i)
				sb_addc(&sb, ' ');
			sb_adds(&sb, tree_text(j->u.list.items[i]) ?
				tree_text(j->u.list.items[i]) : "");
		}
	} else {
		sb_adds(&sb, tree_text(tree_get(ins, "args")) ?
			tree_text(tree_get(ins, "args")) : "");
	}
	for (i = 0; tree_is_list(hd) && i < hd->u.list.n; i++) {
		sb_addc(&sb, '\n');
		sb_adds(&sb, tree_text(tree_get(hd->u.list.items[i], "body")) ?
			tree_text(tree_get(hd->u.list.items[i], "body")) : "");
	}
	mobj_set_str(m, r, RF_TEXT, sb.buf ? sb.buf : "", ins->loc);
	sb_free(&sb);
	v = flag_value(flags, "--security", &at);
	if (v)
		mobj_set_str(m, r, RF_SECURITY, v, at->loc);
	v = flag_value(flags, "--network", &at);
	if (v)
		mobj_set_str(m, r, RF_NETWORK, v, at->loc);
	for (i = 0; tree_is_list(flags) && i < flags->u.list.n; i++) {
		const char *f = tree_text(flags->u.list.items[i]);

		if (f && str_has_prefix(f, "--device="))
			mlist_push_str(m, mobj_list(m, r, RF_DEVICES,
						    flags->u.list.items[i]->loc),
				       f + 9, flags->u.list.items[i]->loc);
	}
	mlist_push_obj(m, st->runs, r);
}

/*
 * ONBUILD RUN [--flag=value ...] COMMAND: a RUN step of every image built
 * FROM this one, judged here as a step of the stage.  Other ONBUILD
 * instructions change only those later images.
 */
static void read_onbuild(struct front_ctx *fc, struct stage *st,
			 const struct tree_node *ins)
{
	const struct tree_node *a = tree_get(ins, "args");
	const char *t = tree_text(a);
	struct model *m = fc->model;
	struct mobj *r;

	if (!t || strncasecmp(t, "RUN", 3) || !isspace((unsigned char)t[3]))
		return;
	r = model_sub(m, MO_RUN, a->loc);
	r->origin = st->b->origin;
	for (t += 3; *t;) {
		size_t n;

		t += strspn(t, " \t");
		if (strncmp(t, "--", 2))
			break;
		n = strcspn(t, " \t");
		if (!strncmp(t, "--security=", 11))
			mobj_set_str(m, r, RF_SECURITY, arena_strndup(m->arena, t + 11,
				     n - 11), a->loc);
		else if (!strncmp(t, "--network=", 10))
			mobj_set_str(m, r, RF_NETWORK, arena_strndup(m->arena, t + 10,
				     n - 10), a->loc);
		else if (!strncmp(t, "--device=", 9))
			mlist_push_str(m, mobj_list(m, r, RF_DEVICES, a->loc),
				       arena_strndup(m->arena, t + 9, n - 9),
				       a->loc);
		t += n;
	}
	mobj_set_str(m, r, RF_TEXT, t, a->loc);
	mlist_push_obj(m, st->runs, r);
}

/* LABEL io.containers.capabilities=CHOWN,SYS_ADMIN (quotes allowed). */
static void read_label(struct front_ctx *fc, struct stage *st,
		       const struct tree_node *ins)
{
	const char *args = tree_text(tree_get(ins, "args"));
	const char *k = args ? strstr(args, "io.containers.capabilities=") :
			NULL;
	struct model *m = fc->model;
	char *list, *save = NULL, *cap;

	if (!k)
		return;
	k += strlen("io.containers.capabilities=");
	list = xstrndup(k, strcspn(k, " \t"));
	for (cap = strtok_r(list, "\"',", &save); cap;
	     cap = strtok_r(NULL, "\"',", &save)) {
		const char *n = model_cap_normalize(m, cap);

		/* Podman reads the label: beyond its own default set. */
		if (*n && !str_in_list(model_default_caps("podman"), n))
			mlist_push_str(m, mobj_list(m, st->b, BF_CAPS_LABEL,
						    tree_get(ins, "args")->loc),
				       n, tree_get(ins, "args")->loc);
	}
	free(list);
}

static void read_user(struct front_ctx *fc, struct stage *st,
		      const struct tree_node *ins)
{
	const struct tree_node *a = tree_get(ins, "args");
	char *u, *name;
	size_t n;

	if (!tree_text(a))
		return;
	u = expand(&st->env, tree_text(a));
	n = strcspn(u, ": \t");
	name = xstrndup(u, n);
	mobj_set_str(fc->model, st->b, BF_USER, u, loc_span(ins->loc, a->loc));
	mobj_set_bool(st->b, BF_USER_IS_ROOT, !strcmp(name, "root") ||
		      (n && strspn(name, "0") == n), loc_span(ins->loc, a->loc));
	free(name);
	free(u);
}

/* Keep the stage just finished, and its ENV, for later FROM <stage>. */
static void stage_done(struct stage *st)
{
	struct vars *v;
	size_t i;

	if (!st->b || st->ndone == DF_MAX_STAGES)
		return;
	v = xcalloc(1, sizeof(*v));
	for (i = 0; i < st->env.n; i++)
		vars_set(v, st->env.name[i], strlen(st->env.name[i]),
			 st->env.value[i]);
	st->done[st->ndone] = st->b;
	st->done_env[st->ndone++] = v;
}

/* The earlier stage named `image` (without case), or -1. */
static long earlier_stage(const struct stage *st, const char *image)
{
	size_t i;

	for (i = st->ndone; i-- > 0;) {
		const struct mval *name = mobj_get(st->done[i], BF_STAGE);

		if (name->type == MV_STR && !strcasecmp(name->u.s, image))
			return (long)i;
	}
	return -1;
}

/*
 * FROM <earlier stage>: start from its USER (at the place it was set)
 * and its ENV, as BuildKit starts from that stage's image config.
 */
static void inherit_stage(struct front_ctx *fc, struct stage *st,
			  const char *image)
{
	long k = earlier_stage(st, image);
	const struct mval *user, *root;
	const struct vars *env;
	size_t i;

	if (k < 0)
		return;
	user = mobj_get(st->done[k], BF_USER);
	root = mobj_get(st->done[k], BF_USER_IS_ROOT);
	if (user->type == MV_STR)
		mobj_set_str(fc->model, st->b, BF_USER, user->u.s, user->loc);
	if (root->type == MV_BOOL)
		mobj_set_bool(st->b, BF_USER_IS_ROOT, root->u.b, root->loc);
	env = st->done_env[k];
	for (i = 0; i < env->n; i++)
		vars_set(&st->env, env->name[i], strlen(env->name[i]),
			 env->value[i]);
}

static struct mobj *new_stage(struct front_ctx *fc, struct stage *st,
			      const struct tree_node *ins,
			      const struct vars *global, size_t index)
{
	const struct tree_node *a = tree_get(ins, "args");
	char *args = tree_text(a) ? expand(global, tree_text(a)) : xstrdup("");
	char *image = xstrndup(args, strcspn(args, " \t"));
	const char *as = strcasestr(args, " as ");
	char *name = as ? xstrndup(as + 4 + strspn(as + 4, " \t"),
				   strcspn(as + 4 + strspn(as + 4, " \t"),
					   " \t")) :
			 xasprintf("%zu", index);
	char *origin = xasprintf("build stage \"%s\" (FROM %s)", name, image);
	size_t i;

	stage_done(st);
	vars_free(&st->env);
	for (i = 0; i < global->n; i++)
		vars_set(&st->env, global->name[i], strlen(global->name[i]),
			 global->value[i]);
	st->b = model_add(fc->model, MO_BUILD, origin, ins->loc);
	mobj_set_str(fc->model, st->b, BF_STAGE, name, ins->loc);
	mobj_set_str(fc->model, st->b, BF_BASE, image, a ? a->loc : ins->loc);
	mobj_set_bool(st->b, BF_FINAL, false, ins->loc);
	st->runs = mobj_list(fc->model, st->b, BF_RUNS, ins->loc);
	inherit_stage(fc, st, image);
	free(origin);
	free(name);
	free(image);
	free(args);
	return st->b;
}

/* The final stage is also a container: what runs is its last USER. */
static void final_container(struct front_ctx *fc, struct mobj *b)
{
	const struct mval *user = mobj_get(b, BF_USER);
	const struct mval *base = mobj_get(b, BF_BASE);
	struct mobj *c = model_add(fc->model, MO_CONTAINER,
				   "the image's final stage", b->loc);
	size_t n;

	mobj_set_bool(b, BF_FINAL, true, b->loc);
	mobj_set_str(fc->model, c, CF_FORMAT, "dockerfile", b->loc);
	if (base->type == MV_STR)
		mobj_set_str(fc->model, c, CF_IMAGE, base->u.s, base->loc);
	if (user->type != MV_STR)
		return;
	n = strcspn(user->u.s, ":");
	if (n && strspn(user->u.s, "0123456789") >= n)
		mobj_set_int(c, CF_USER_UID, strtoll(user->u.s, NULL, 10),
			     user->loc);
	else {
		char *name = xstrndup(user->u.s, n);

		mobj_set_str(fc->model, c, CF_USER_NAME, name, user->loc);
		free(name);
	}
}

static void df_build(struct front_ctx *fc, const struct tree_node *doc)
{
	struct vars global = { 0 };
	struct stage st;
	struct mobj *last = NULL;
	size_t i, stages = 0;

	memset(&st, 0, sizeof(st));
	for (i = 0; tree_is_list(doc) && i < doc->u.list.n; i++) {
		const struct tree_node *ins = doc->u.list.items[i];
		const char *cmd = tree_text(tree_get(ins, "cmd"));
		const char *args = tree_text(tree_get(ins, "args"));

		if (!cmd)
			continue;
		if (!strcmp(cmd, "FROM")) {
			last = new_stage(fc, &st, ins, &global, stages++);
		} else if (!strcmp(cmd, "ARG") && args) {
			define(last ? &st.env : &global, args, true);
		} else if (!last) {
			continue;	/* only ARG may come before FROM */
		} else if (!strcmp(cmd, "ENV") && args) {
			define(&st.env, args, false);
		} else if (!strcmp(cmd, "USER")) {
			read_user(fc, &st, ins);
		} else if (!strcmp(cmd, "RUN")) {
			read_run(fc, &st, ins);
		} else if (!strcmp(cmd, "LABEL")) {
			read_label(fc, &st, ins);
		} else if (!strcmp(cmd, "ONBUILD")) {
			read_onbuild(fc, &st, ins);
		}
	}
	if (last)
		final_container(fc, last);
	vars_free(&global);
	vars_free(&st.env);
	for (i = 0; i < st.ndone; i++) {
		vars_free(st.done_env[i]);
		free(st.done_env[i]);
	}
}

/* A word of `text` at `i` (ASCII letters), compared without case. */
static bool word_at(const char *text, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i + n < len && !strncasecmp(text + i, w, n) &&
	       (text[i + n] == ' ' || text[i + n] == '\t');
}

/*
 * The rest of a FROM line has its shape: flags (--platform=...), then an
 * image alone or "IMAGE AS NAME".  Prose that starts with "From" does not.
 */
static bool from_shape(const char *s, size_t n)
{
	size_t i = 0, words = 0, as_at = 0;

	while (i < n) {
		size_t start;

		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			i++;
		if (s[start] == '-' && !words)
			continue;		/* a flag before the image */
		words++;
		if (words == 2 && i - start == 2 &&
		    !strncasecmp(s + start, "AS", 2))
			as_at = 2;
	}
	return words == 1 || (words == 3 && as_at == 2);
}

/*
 * For standard input and files whose name says nothing: the first line
 * that is not blank or a comment (parser directives are comments) is a
 * FROM with an image, or an ARG that a FROM follows, as BuildKit requires
 * of every Dockerfile.  Looks at most DF_SNIFF_MAX bytes.
 */
#define DF_SNIFF_MAX 65536
static bool df_sniff(const char *text, size_t len)
{
	size_t i = 0, eol;

	if (len > DF_SNIFF_MAX)
		len = DF_SNIFF_MAX;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		i = 3;
	for (; i < len; i = eol + 1) {
		const char *nl = memchr(text + i, '\n', len - i);

		eol = nl ? (size_t)(nl - text) : len;
		while (i < eol && (text[i] == ' ' || text[i] == '\t' ||
				   text[i] == '\r'))
			i++;
		if (i == eol || text[i] == '#')
			continue;
		if (word_at(text, eol, i, "ARG"))
			continue;
		return word_at(text, eol, i, "FROM") &&
		       from_shape(text + i + 4, eol - i - 4);
	}
	return false;
}

const struct front front_dockerfile = {
	.name = "dockerfile",
	.summary = "Dockerfiles and Containerfiles",
	.reader = &reader_dockerfile,
	.match_path = df_match_path,
	.sniff = df_sniff,
	.build = df_build,
};
