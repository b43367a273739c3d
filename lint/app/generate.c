/*
 * generate.c - the man page and the shell completions, made from the
 * option table (options.c) and the rule set, so that neither can fall
 * behind the program.  `make` runs `cagelint --generate WHAT` at build
 * time; `make install` installs what it wrote.
 *
 * What an option completes to comes from its row: its `choice` list when
 * it has one; rule ids and names when its argument is ID or IDS; file
 * names for FILE, directories for DIR; nothing for other arguments.
 *
 * It does not format prose beyond what the option docs use: `code` spans
 * become bold in the man page, and troff's special characters are
 * escaped.
 */
#include "app/generate.h"

#include <string.h>

#include "app/options.h"
#include "engine/severity.h"

/* What the argument of an option completes to. */
enum arg_kind {
	ARG_NONE,	/* takes no argument */
	ARG_CHOICE,	/* one of its choices */
	ARG_RULE,	/* a rule id or name */
	ARG_FILE,
	ARG_DIR,
	ARG_OTHER,	/* free text: nothing to offer */
};

static enum arg_kind arg_kind(const struct cli_option *o)
{
	if (!o->arg)
		return ARG_NONE;
	if (o->choice)
		return ARG_CHOICE;
	if (!strcmp(o->arg, "ID") || !strcmp(o->arg, "IDS"))
		return ARG_RULE;
	if (!strcmp(o->arg, "FILE"))
		return ARG_FILE;
	if (!strcmp(o->arg, "DIR"))
		return ARG_DIR;
	return ARG_OTHER;
}

/* The option's --help line with "{}" filled in, as plain text. */
static void help_text(struct strbuf *sb, const struct cli_option *o)
{
	cli_option_text(sb, o, o->help, false);
}

/* Rule ids and names, separated by spaces. */
static void rule_words(struct strbuf *sb, const struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		sb_addf(sb, "%s%s %s", i ? " " : "", rs->v[i]->id,
			rs->v[i]->name);
}

static void choice_words(struct strbuf *sb, const struct cli_option *o)
{
	size_t i;

	for (i = 0; o->choice(i); i++)
		sb_addf(sb, "%s%s", i ? " " : "", o->choice(i));
}

/* --- man page --------------------------------------------------------- */

static bool at_line_start(const struct strbuf *sb)
{
	return !sb->len || sb->buf[sb->len - 1] == '\n';
}

/*
 * Text for troff: a backslash as \e, a hyphen as \- (a minus, as in
 * option names), and a . or ' that would start a line made literal.
 */
static void troff_escape(struct strbuf *sb, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\') {
			sb_adds(sb, "\\e");
			continue;
		}
		if (s[i] == '-') {
			sb_adds(sb, "\\-");
			continue;
		}
		if ((s[i] == '.' || s[i] == '\'') && at_line_start(sb))
			sb_adds(sb, "\\&");
		sb_addc(sb, s[i]);
	}
}

/* Markdown of the option docs: `code` in bold, the rest as text. */
static void troff_markdown(struct strbuf *sb, const char *md)
{
	const char *tick;

	while ((tick = strchr(md, '`'))) {
		const char *end = strchr(tick + 1, '`');

		if (!end)
			break;
		troff_escape(sb, md, (size_t)(tick - md));
		sb_adds(sb, "\\fB");
		troff_escape(sb, tick + 1, (size_t)(end - tick - 1));
		sb_adds(sb, "\\fR");
		md = end + 1;
	}
	troff_escape(sb, md, strlen(md));
}

static void man_options(struct strbuf *sb)
{
	const struct cli_option *opts;
	size_t n, i;

	opts = cli_options_all(&n);
	for (i = 0; i < n; i++) {
		const struct cli_option *o = &opts[i];
		struct strbuf doc = STRBUF_INIT;

		if (!o->doc)
			continue;
		sb_adds(sb, ".TP\n");
		if (o->id < 256)
			sb_addf(sb, "\\fB\\-%c\\fR, ", o->id);
		sb_adds(sb, "\\fB\\-\\-");
		troff_escape(sb, o->name, strlen(o->name));
		sb_adds(sb, "\\fR");
		if (o->arg)
			sb_addf(sb, " \\fI%s\\fR", o->arg);
		sb_adds(sb, "\n");
		cli_option_text(&doc, o, o->doc, true);
		troff_markdown(sb, doc.buf ? doc.buf : "");
		sb_adds(sb, "\n");
		sb_free(&doc);
	}
}

static void man_rules(struct strbuf *sb, const struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		const struct rule *r = rs->v[i];

		sb_addf(sb, ".TP\n\\fB%s\\fR ", r->id);
		troff_escape(sb, r->name, strlen(r->name));
		sb_addf(sb, " (%s)\n", severity_name(r->severity));
		troff_escape(sb, r->title, strlen(r->title));
		sb_adds(sb, "\n");
	}
}

static void gen_man(struct strbuf *sb, const struct ruleset *rs)
{
	sb_addf(sb, ".TH CAGELINT 1 \"\" \"cagelint %s\" \"User Commands\"\n",
		cli_version());
	sb_adds(sb, ".SH NAME\n"
		"cagelint \\- find where container isolation is switched off "
		"or weakened\n"
		".SH SYNOPSIS\n"
		".B cagelint\n"
		"[\\fIOPTIONS\\fR] [\\fIPATH\\fR...]\n"
		".SH DESCRIPTION\n"
		"cagelint reads Kubernetes manifests, Compose files, "
		"Dockerfiles and Containerfiles, seccomp profiles, OCI runtime "
		"configs, containers.conf, /etc/selinux/config and the "
		"\\fBdocker run\\fR and \\fBpodman run\\fR lines of scripts, "
		"and reports where they switch a layer of container isolation "
		"off or weaken it: privileged containers, added capabilities, "
		"seccomp, SELinux or AppArmor off, host namespaces, the "
		"runtime's socket and sensitive host paths mounted, root "
		"users.  Each finding says what protection was lost and what "
		"to do instead, and names the NIST SP 800\\-190 risk it "
		"belongs to.\n"
		".PP\n"
		"A \\fIPATH\\fR is a file, a directory (scanned recursively, "
		"in name order) or \\fB\\-\\fR for standard input; with none, "
		"the current directory.\n"
		".SH OPTIONS\n");
	man_options(sb);
	sb_adds(sb, ".SH EXIT STATUS\n"
		".TP\n\\fB0\\fR\nno finding at or above \\fB\\-\\-fail\\-on\\fR\n"
		".TP\n\\fB1\\fR\nfindings at or above \\fB\\-\\-fail\\-on\\fR\n"
		".TP\n\\fB2\\fR\na usage error, a bad rule file, or an input "
		"that could not be read or parsed (the other inputs are "
		"still linted and reported)\n"
		".SH RULES\n"
		"The built\\-in rules; \\fB\\-\\-explain\\fR \\fIID\\fR tells "
		"what each one guards and what to do.\n");
	man_rules(sb, rs);
	sb_adds(sb, ".SH SEE ALSO\n"
		"NIST SP 800\\-190, \\fIApplication Container Security "
		"Guide\\fR, sections 3.4 and 3.5.\n");
}

/* --- bash ------------------------------------------------------------- */

/* The flags of option `o` as "-f --format" (or "--format"). */
static void flags_of(struct strbuf *sb, const struct cli_option *o,
		     const char *sep)
{
	if (o->id < 256)
		sb_addf(sb, "-%c%s", o->id, sep);
	sb_addf(sb, "--%s", o->name);
}

static void gen_bash(struct strbuf *sb, const struct ruleset *rs)
{
	const struct cli_option *opts;
	struct strbuf all = STRBUF_INIT;
	size_t n, i;

	opts = cli_options_all(&n);
	sb_adds(sb, "# bash completion for cagelint "
		"(made by cagelint --generate bash)\n"
		"_cagelint_rules='");
	rule_words(sb, rs);
	sb_adds(sb, "'\n"
		"_cagelint()\n{\n"
		"\tlocal cur=${COMP_WORDS[COMP_CWORD]}\n"
		"\tlocal prev=${COMP_WORDS[COMP_CWORD-1]}\n"
		"\tCOMPREPLY=()\n"
		"\tcase $prev in\n");
	for (i = 0; i < n; i++) {
		const struct cli_option *o = &opts[i];
		enum arg_kind k = arg_kind(o);

		if (!o->help)
			continue;
		if (all.len)
			sb_addc(&all, ' ');
		flags_of(&all, o, " ");
		if (k == ARG_NONE)
			continue;
		sb_adds(sb, "\t");
		flags_of(sb, o, "|");
		sb_adds(sb, ")\n\t\t");
		if (k == ARG_CHOICE || k == ARG_RULE) {
			sb_adds(sb, "COMPREPLY=($(compgen -W \"");
			if (k == ARG_CHOICE)
				choice_words(sb, o);
			else
				sb_adds(sb, "$_cagelint_rules");
			sb_adds(sb, "\" -- \"$cur\"))\n");
		} else if (k == ARG_FILE) {
			sb_adds(sb, "COMPREPLY=($(compgen -f -- \"$cur\"))\n");
		} else if (k == ARG_DIR) {
			sb_adds(sb, "COMPREPLY=($(compgen -d -- \"$cur\"))\n");
		}
		sb_adds(sb, "\t\treturn ;;\n");
	}
	sb_adds(sb, "\tesac\n"
		"\tif [[ $cur == -* ]]; then\n"
		"\t\tCOMPREPLY=($(compgen -W \"");
	sb_add(sb, all.buf ? all.buf : "", all.len);
	sb_adds(sb, "\" -- \"$cur\"))\n"
		"\t\treturn\n"
		"\tfi\n"
		"\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
		"}\n"
		"complete -o filenames -F _cagelint cagelint\n");
	sb_free(&all);
}

/* --- zsh -------------------------------------------------------------- */

/* Text inside a zsh _arguments spec: [ ] : ' and \ escaped. */
static void zsh_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '\'') {
			sb_adds(sb, "'\\''");
			continue;
		}
		if (strchr("[]:\\", *s))
			sb_addc(sb, '\\');
		sb_addc(sb, *s);
	}
}

static void zsh_action(struct strbuf *sb, const struct cli_option *o,
		       const struct ruleset *rs)
{
	switch (arg_kind(o)) {
	case ARG_NONE:
		return;
	case ARG_CHOICE:
		sb_addf(sb, ":%s:(", o->arg);
		choice_words(sb, o);
		sb_adds(sb, ")");
		return;
	case ARG_RULE:
		sb_addf(sb, ":%s:(", o->arg);
		rule_words(sb, rs);
		sb_adds(sb, ")");
		return;
	case ARG_FILE:
		sb_addf(sb, ":%s:_files", o->arg);
		return;
	case ARG_DIR:
		sb_addf(sb, ":%s:_files -/", o->arg);
		return;
	case ARG_OTHER:
		sb_addf(sb, ":%s: ", o->arg);
		return;
	}
}

static void gen_zsh(struct strbuf *sb, const struct ruleset *rs)
{
	const struct cli_option *opts;
	size_t n, i;

	opts = cli_options_all(&n);
	sb_adds(sb, "#compdef cagelint\n"
		"# zsh completion for cagelint "
		"(made by cagelint --generate zsh)\n"
		"_arguments -s \\\n");
	for (i = 0; i < n; i++) {
		const struct cli_option *o = &opts[i];
		struct strbuf help = STRBUF_INIT;

		if (!o->help)
			continue;
		help_text(&help, o);
		sb_adds(sb, "  '");
		if (o->id < 256)
			sb_addf(sb, "(-%c --%s)'{-%c,--%s}'", o->id, o->name,
				o->id, o->name);
		else
			sb_addf(sb, "--%s", o->name);
		sb_addc(sb, '[');
		zsh_escape(sb, help.buf ? help.buf : "");
		sb_addc(sb, ']');
		zsh_action(sb, o, rs);
		sb_adds(sb, "' \\\n");
		sb_free(&help);
	}
	sb_adds(sb, "  '*:path:_files'\n");
}

/* --- fish ------------------------------------------------------------- */

/* A fish single-quoted word: ' and \ escaped. */
static void fish_quote(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			sb_addc(sb, '\\');
		sb_addc(sb, *s);
	}
	sb_addc(sb, '\'');
}

static void gen_fish(struct strbuf *sb, const struct ruleset *rs)
{
	const struct cli_option *opts;
	size_t n, i;

	opts = cli_options_all(&n);
	sb_adds(sb, "# fish completion for cagelint "
		"(made by cagelint --generate fish)\n");
	for (i = 0; i < n; i++) {
		const struct cli_option *o = &opts[i];
		struct strbuf help = STRBUF_INIT, words = STRBUF_INIT;
		enum arg_kind k = arg_kind(o);

		if (!o->help)
			continue;
		help_text(&help, o);
		sb_adds(sb, "complete -c cagelint");
		if (o->id < 256)
			sb_addf(sb, " -s %c", o->id);
		sb_addf(sb, " -l %s -d ", o->name);
		fish_quote(sb, help.buf ? help.buf : "");
		if (k == ARG_CHOICE || k == ARG_RULE) {
			if (k == ARG_CHOICE)
				choice_words(&words, o);
			else
				rule_words(&words, rs);
			sb_adds(sb, " -x -a ");
			fish_quote(sb, words.buf ? words.buf : "");
		} else if (k == ARG_FILE) {
			sb_adds(sb, " -r -F");
		} else if (k == ARG_DIR) {
			sb_adds(sb, " -x -a '(__fish_complete_directories)'");
		} else if (k == ARG_OTHER) {
			sb_adds(sb, " -x");
		}
		sb_adds(sb, "\n");
		sb_free(&help);
		sb_free(&words);
	}
}

/* --- the table -------------------------------------------------------- */

static const struct generator {
	const char *name;
	void (*write)(struct strbuf *sb, const struct ruleset *rs);
} generators[] = {
	{ "man", gen_man },
	{ "bash", gen_bash },
	{ "zsh", gen_zsh },
	{ "fish", gen_fish },
};

const char *generate_name(size_t i)
{
	return i < ARRAY_SIZE(generators) ? generators[i].name : NULL;
}

int generate(const char *what, const struct ruleset *rs, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int rc = -1;

	for (i = 0; i < ARRAY_SIZE(generators); i++) {
		if (strcmp(generators[i].name, what))
			continue;
		generators[i].write(&sb, rs);
		rc = fwrite(sb.buf, 1, sb.len, out) == sb.len ? 0 : -1;
	}
	sb_free(&sb);
	return rc;
}
