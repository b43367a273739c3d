/*
 * rules_int.h - what rules.c shares with the generated table of built-in
 * rule files and with the engine.  Not for front ends or reporters.
 */
#ifndef CAGELINT_RULES_INT_H
#define CAGELINT_RULES_INT_H

#include <stddef.h>

#include "engine/rules.h"

/* One rule file (rules/ID-name.yaml) compiled into the binary (see tools/embed.c). */
struct builtin_rule {
	const char *file;	/* "rules/CG101-privileged-container.yaml" */
	const char *text;
	size_t len;
	size_t lean_len;	/* the bytes before `examples:` */
};

/* Defined in the generated builtin_rules.c. */
const struct builtin_rule *builtin_rules(size_t *n);

void rule_free(struct rule *r);
void rule_add_part(struct rule *r, size_t start, size_t end,
		   struct expr *e);

#endif
