/*
 * hostcmd.c - commands that weaken the host itself, wherever a command
 * line is written (scripts, Makefiles, CI steps, systemd Exec lines):
 *
 *   setenforce 0 | Permissive            SELinux permissive until reboot
 *   sed/echo/tee ... SELINUX=disabled ... /etc/selinux/config
 *                                        the mode after the next boot
 *   semanage permissive -a container_t   one domain made permissive
 *   grubby --args selinux=0, grub2-editenv, rpm-ostree kargs, or an edit
 *   of /etc/default/grub or a boot entry holding selinux=0 / enforcing=0
 *                                        SELinux off from the kernel on
 *   dockerd -H tcp://... without --tlsverify
 *                                        the Docker API open on the net
 *   kubelet --anonymous-auth ...; Environment="KUBELET_..._ARGS=..."
 *                                        kubelet flags (kubelet_flags.c)
 *
 * Each finding is an object of its own (a host, or dockerd's settings)
 * located at the command's words.  Commands are judged as written: a
 * line that only prints such a command, or sits in a branch never taken,
 * counts the same; variables are not expanded.
 */
#include "front/shell.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words that run the command after them. */
static const char *const wrappers[] = {
	"sudo", "doas", "env", "exec", "nohup", "nice", "command", "time",
	"xargs", NULL
};

/* The command a word names: path, ExecStart=, and systemd's -@+! gone. */
static const char *command_name(const char *word)
{
	const char *s = shell_command_name(word);

	while (*s && strchr("-@+!:", *s))
		s++;
	return s;
}

/* The index of the command word: wrappers and VAR=value skipped. */
static size_t command_index(struct shell_token *tok, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *t = tok[i].text;

		if (str_in_list(wrappers, command_name(t)) ||
		    (strchr(t, '=') && !strchr(t, '/') && t[0] != '-' &&
		     !str_has_prefix(t, "Exec")))
			i++;
		else if (t[0] == '-' && i > 0)
			i++;	/* a wrapper's option: sudo -E */
		else
			break;
	}
	return i;
}

static struct mobj *host(struct front_ctx *fc, struct loc at)
{
	return model_add(fc->model, MO_HOST, "the host", at);
}

/* --- SELinux ------------------------------------------------------------- */

static void setenforce(struct front_ctx *fc, const struct shell_where *w,
		       struct shell_token *tok, size_t n, size_t i)
{
	struct loc at;

	if (i + 1 >= n || (strcmp(tok[i + 1].text, "0") &&
			   strcasecmp(tok[i + 1].text, "permissive")))
		return;
	at = shell_where_at(w, tok[i].off);
	mobj_set_str(fc->model, host(fc, at), HF_SELINUX_RUNTIME,
		     "permissive", at);
}

static void semanage(struct front_ctx *fc, const struct shell_where *w,
		     struct shell_token *tok, size_t n, size_t i)
{
	bool permissive = false, add = false;
	size_t j, dom = 0;
	struct mobj *h;
	struct loc at;

	for (j = i + 1; j < n; j++) {
		const char *t = tok[j].text;

		if (!strcmp(t, "permissive"))
			permissive = true;
		else if (!strcmp(t, "-a") || !strcmp(t, "--add"))
			add = true;
		else if (permissive && t[0] != '-' && !dom)
			dom = j;
	}
	if (!permissive || !add || !dom)
		return;
	at = shell_where_at(w, tok[dom].off);
	h = host(fc, at);
	mlist_push_str(fc->model, mobj_list(fc->model, h,
					    HF_PERMISSIVE_DOMAINS, at),
		       tok[dom].text, at);
}

/* Does the command write a file: an editor, or output redirected? */
static bool writes_file(struct shell_token *tok, size_t n, const char *cmd)
{
	static const char *const writers[] = {
		"sed", "perl", "tee", "echo", "printf", "cat", "awk",
		"crudini", "augtool", NULL
	};
	size_t i;

	if (str_in_list(writers, cmd))
		return true;
	for (i = 0; i < n; i++)
		if (tok[i].text[0] == '>')
			return true;
	return false;
}

/*
 * The mode the last SELINUX=word of the command sets (sed's replacement
 * comes after what it replaces), when the command writes the config.
 */
static void selinux_config_edit(struct front_ctx *fc,
				const struct shell_where *w,
				struct shell_token *tok, size_t n,
				const char *cmd)
{
	const char *mode = NULL;
	bool names_config = false;
	size_t i, at_tok = 0;

	if (!writes_file(tok, n, cmd))
		return;

	for (i = 0; i < n; i++) {
		const char *t = tok[i].text, *p = t, *last = NULL;

		if (strstr(t, "selinux/config") ||
		    strstr(t, "sysconfig/selinux"))
			names_config = true;
		while ((p = strstr(p, "SELINUX=")) != NULL)
			last = p += 8;
		if (!last)
			continue;
		at_tok = i;
		mode = !strncasecmp(last, "disabled", 8) ? "disabled" :
		       !strncasecmp(last, "permissive", 10) ? "permissive" :
		       NULL;
	}
	if (mode && names_config) {
		struct loc at = shell_where_at(w, tok[at_tok].off);

		mobj_set_str(fc->model, host(fc, at), HF_SELINUX_MODE, mode,
			     at);
	}
}

/* Does `s` hold the kernel parameter `arg` as a word of its own? */
static bool has_kernel_arg(const char *s, const char *arg)
{
	size_t n = strlen(arg);
	const char *p = s;

	while ((p = strstr(p, arg)) != NULL) {
		bool start = p == s || !(isalnum((unsigned char)p[-1]) ||
					 p[-1] == '_' || p[-1] == '.');
		bool end = !isalnum((unsigned char)p[n]);

		if (start && end)
			return true;
		p += n;
	}
	return false;
}

void front_kernel_args(struct front_ctx *fc, const char *text,
		       struct loc at)
{
	static const char *const args[] = { "selinux=0", "enforcing=0", NULL };
	struct mobj *h = NULL;
	size_t i;

	for (i = 0; args[i]; i++) {
		if (!has_kernel_arg(text, args[i]))
			continue;
		if (!h)
			h = host(fc, at);
		mlist_push_str(fc->model, mobj_list(fc->model, h,
						    HF_KERNEL_SELINUX_ARGS,
						    at), args[i], at);
	}
}

/* A boot loader tool, or an edit of a file that holds the command line. */
static bool about_kernel_cmdline(struct shell_token *tok, size_t n,
				 const char *cmd)
{
	static const char *const tools[] = {
		"grubby", "grub2-editenv", "grub-editenv", "rpm-ostree",
		"kernelstub", "bootctl", NULL
	};
	size_t i;

	if (str_in_list(tools, cmd))
		return true;
	for (i = 0; i < n; i++)
		if (strstr(tok[i].text, "default/grub") ||
		    strstr(tok[i].text, "loader/entries") ||
		    strstr(tok[i].text, "grub.cfg") ||
		    strstr(tok[i].text, "kernel/cmdline"))
			return true;
	return false;
}

/*
 * The part of a word that adds to a file or a command line: the
 * replacement of a sed expression (s/from/to/: what `from` held is being
 * taken away), else the whole word.  Returns a new string.
 */
static char *added_text(const char *t)
{
	char d = t[0] == 's' && t[1] && !isalnum((unsigned char)t[1]) ?
		 t[1] : 0;
	const char *from, *to;

	if (!d || d == ' ' || d == '\\')
		return xstrdup(t);
	from = t + 2;
	to = strchr(from, d);
	if (!to)
		return xstrdup(t);
	to++;
	return xstrndup(to, strcspn(to, (char[]){ d, 0 }));
}

/* Options whose value takes kernel parameters away, not adds them. */
static bool removes_args(const char *t)
{
	return str_has_prefix(t, "--remove-args") ||
	       str_has_prefix(t, "--delete") || str_has_prefix(t, "-d");
}

static void kernel_cmdline(struct front_ctx *fc, const struct shell_where *w,
			   struct shell_token *tok, size_t n, const char *cmd)
{
	size_t i;

	if (!about_kernel_cmdline(tok, n, cmd))
		return;
	for (i = 0; i < n; i++) {
		char *added;

		if (removes_args(tok[i].text)) {
			if (!strchr(tok[i].text, '='))
				i++;	/* and its value */
			continue;
		}
		added = added_text(tok[i].text);
		front_kernel_args(fc, added, shell_where_at(w, tok[i].off));
		free(added);
	}
}

/* --- dockerd ------------------------------------------------------------- */

/* The value of -H/--host at tok[*j] (moving *j past it), or NULL. */
static const char *host_flag(struct shell_token *tok, size_t n, size_t *j)
{
	const char *t = tok[*j].text;

	if (!strcmp(t, "-H") || !strcmp(t, "--host"))
		return ++*j < n ? tok[*j].text : NULL;
	if (str_has_prefix(t, "--host="))
		return t + 7;
	if (str_has_prefix(t, "-H"))
		return t[2] == '=' ? t + 3 : t + 2;
	return NULL;
}

/*
 * Are clients verified?  dockerd (daemon/command/options.go): --tls alone
 * turns verification on unless --tlsverify is given at all; the last
 * --tlsverify[=bool] says.
 */
static bool tls_verified(struct shell_token *tok, size_t n)
{
	bool tls = false, said = false, verify = false;
	size_t j;

	for (j = 0; j < n; j++) {
		const char *t = tok[j].text;

		if (!strcmp(t, "--tls") || !strcmp(t, "--tls=true"))
			tls = true;
		else if (!strcmp(t, "--tls=false"))
			tls = false;
		else if (str_has_prefix(t, "--tlsverify")) {
			said = true;
			verify = strcmp(t, "--tlsverify=false") != 0;
		}
	}
	return said ? verify : tls;
}

static void dockerd(struct front_ctx *fc, const struct shell_where *w,
		    struct shell_token *tok, size_t n, size_t i)
{
	struct loc at = shell_where_at(w, tok[i].off);
	struct mobj *d = NULL;
	bool verify = tls_verified(tok + i + 1, n - i - 1);
	size_t j;

	for (j = i + 1; j < n; j++) {
		size_t k = j;
		const char *h = host_flag(tok, n, &j);
		struct loc hat;

		if (!h)
			continue;
		hat = shell_where_at(w, tok[k].off);
		if (!d) {
			d = model_add(fc->model, MO_DOCKER_DAEMON,
				      "dockerd", at);
			mobj_set_str(fc->model, d, DDF_SOURCE, "dockerd", at);
			mobj_set_bool(d, DDF_TLS_VERIFY, verify, at);
		}
		mlist_push_str(fc->model, mobj_list(fc->model, d, DDF_HOSTS,
						    hat), h, hat);
		if (!verify && str_has_prefix(h, "tcp://"))
			mlist_push_str(fc->model,
				       mobj_list(fc->model, d, DDF_OPEN_TCP,
						 hat), h, hat);
	}
}

void front_host_command(struct front_ctx *fc, const struct shell_where *w,
			struct shell_token *tok, size_t n)
{
	size_t i = command_index(tok, n);
	const char *cmd;

	if (n && str_has_prefix(tok[0].text, "Environment="))
		front_kubelet_environment(fc, w, tok[0].off);
	if (i >= n)
		return;
	cmd = command_name(tok[i].text);
	if (!strcmp(cmd, "setenforce"))
		setenforce(fc, w, tok, n, i);
	else if (!strcmp(cmd, "semanage"))
		semanage(fc, w, tok, n, i);
	else if (!strcmp(cmd, "dockerd"))
		dockerd(fc, w, tok, n, i);
	else if (!strcmp(cmd, "kubelet"))
		front_kubelet_command(fc, w, tok, n, i);
	selinux_config_edit(fc, w, tok, n, cmd);
	kernel_cmdline(fc, w, tok, n, cmd);
}
