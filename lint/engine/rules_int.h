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

/* Defined in the generated rule_text.c (tools/embed.c). */
const struct builtin_rule *builtin_rules(size_t *n);

/*
 * Defined in the generated builtin_rules.c (tools/rulegen.c): the built-in
 * rules already checked and compiled, sorted by id, and how many `=~`
 * patterns they hold (their cache slots are 0 to *nregex - 1).
 */
const struct rule *const *builtin_compiled(size_t *n, size_t *nregex);

void rule_free(struct rule *r);
void rule_add_part(struct rule *r, size_t start, size_t end,
		   struct expr *e);

#endif
