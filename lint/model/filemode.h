/*
 * filemode.h - what chmod commands in a shell text do to system paths.
 */
#ifndef CAGELINT_MODEL_FILEMODE_H
#define CAGELINT_MODEL_FILEMODE_H

#include "model/model.h"

/*
 * Find the chmod commands of a shell text (a Dockerfile RUN step) and, for
 * each path they make weaker, push "MODE PATH: why" onto `out` at `at`:
 * world-writable system files and directories, and setuid or setgid bits.
 * Returns how many it pushed.
 */
size_t filemode_weakened(struct model *m, struct mlist *out, const char *text,
			 struct loc at);

#endif
