/*
 * generate.h - the man page and the bash, zsh and fish completions,
 * made from the option table and the rule set (`--generate WHAT`).
 */
#ifndef CAGELINT_APP_GENERATE_H
#define CAGELINT_APP_GENERATE_H

#include <stdio.h>

#include "engine/rules.h"

/* The i-th thing --generate makes ("man", "bash", ...), NULL after. */
const char *generate_name(size_t i);
/* Write `what` for rule set `rs`; -1 when `what` is unknown or on error. */
int generate(const char *what, const struct ruleset *rs, FILE *out);

#endif
