/*
 * docs.h - write the documentation that comes from the rule files:
 * DIR/rules/README.md (the index, and the functions of the `when:`
 * language from its own table), DIR/rules/<ID>-<name>.md (one page a
 * rule) and DIR/nist-800-190.md (each NIST SP 800-190 section with the
 * rules that address it).  `make docs` runs it on docs/; the test suite
 * checks that docs/ is what it would write.
 */
#ifndef CAGELINT_DOCS_H
#define CAGELINT_DOCS_H

#include "engine/rules.h"

/* Returns 0, or -1 after printing why a file could not be written. */
int docs_write(const struct ruleset *rs, const char *dir);

#endif
