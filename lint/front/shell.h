/*
 * shell.h - words of a command line, with where each word stands in its
 * file, and the reading of `docker|podman run` flags from those words.
 *
 * Shared by the front ends that meet command lines: scripts and CI steps
 * (runline.c), Quadlet's PodmanArgs (quadlet.c), host commands that
 * switch SELinux off or open the Docker API (hostcmd.c).  This is no
 * shell: nothing is expanded or run; a command is judged as written.
 */
#ifndef CAGELINT_SHELL_H
#define CAGELINT_SHELL_H

#include <stdbool.h>
#include <stddef.h>

#include "front/front.h"

/* Tokens of one command; more is no command line a person wrote. */
#define SHELL_MAX_TOKENS 512

struct shell_token {
	char *text;		/* unquoted; owned (shell_tokens_free) */
	size_t off;		/* offset of its first byte in the text */
};

/*
 * Where offsets of a text are in the file: either raw text at `base`, or
 * a text made of pieces (a YAML scalar's lines, an INI value's
 * continuation lines), piece i starting at text offset line_off[i] and
 * file location line_at[i].
 */
struct shell_where {
	struct source *src;
	size_t base;
	size_t *line_off;
	struct loc *line_at;
	size_t nlines;
};

struct loc shell_where_at(const struct shell_where *w, size_t off);

/* How shell_tokenize splits. */
enum shell_split {
	SHELL_COMMAND,	/* stop at a command's end: newline ; & | ) # */
	SHELL_WORDS,	/* words only (systemd exec-style values) */
};

/*
 * Read the words of the command that starts at `*pos` (quotes removed,
 * backslashes applied, $(...) kept whole in SHELL_COMMAND).  Stores at
 * most `max` tokens, returns how many; *pos moves past the command.
 */
size_t shell_tokenize(const char *s, size_t n, size_t *pos,
		      struct shell_token *tok, size_t max,
		      enum shell_split how);
void shell_tokens_free(struct shell_token *tok, size_t n);

/* The last path component of a command word (/usr/bin/podman: podman). */
const char *shell_command_name(const char *word);

/*
 * Read `docker|podman run` flags from tok[0] on into container `c`, as
 * the run line does, up to the image (or `--`).  Returns the index of
 * the first word that is no flag (n when all are).
 */
size_t front_run_flags(struct front_ctx *fc, struct mobj *c,
		       const struct shell_where *w, struct shell_token *tok,
		       size_t n);

/*
 * One command's words, read for what it does to the host: SELinux
 * switched off (setenforce 0, /etc/selinux/config edited, semanage
 * permissive, selinux=0 on the kernel command line) and dockerd's API
 * opened on tcp:// without client certificates.  Adds host and
 * docker_daemon objects; every other command is left alone.
 */
void front_host_command(struct front_ctx *fc, const struct shell_where *w,
			struct shell_token *tok, size_t n);

/*
 * Kernel parameters in `text` that switch SELinux off (selinux=0,
 * enforcing=0), as a host object at `at`.  For /etc/default/grub lines
 * and boot entries as well as commands.
 */
void front_kernel_args(struct front_ctx *fc, const char *text,
		       struct loc at);

/*
 * Kubelet flags (kubelet_flags.c).  front_kubelet_flags reads the flags
 * of tok[0, n) into kubelet object `k`; front_kubelet_command makes the
 * object of a `kubelet` command whose word is tok[i];
 * front_kubelet_environment reads a unit's Environment= line at text
 * offset `off` for KUBELET_..._ARGS variables (raw text only).
 */
void front_kubelet_flags(struct front_ctx *fc, struct mobj *k,
			 const struct shell_where *w,
			 struct shell_token *tok, size_t n);
void front_kubelet_command(struct front_ctx *fc, const struct shell_where *w,
			   struct shell_token *tok, size_t n, size_t i);
void front_kubelet_environment(struct front_ctx *fc,
			       const struct shell_where *w, size_t off);

#endif
