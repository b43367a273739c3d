/*
 * nist.h - the risks of NIST SP 800-190 (September 2017) that rules cite:
 * section 3.4 (container risks) and 3.5 (host OS risks), with the matching
 * countermeasure section of chapter 4.  One table for the rule loader's
 * checks, the SARIF taxonomy and docs/nist-800-190.md.
 */
#ifndef CAGELINT_NIST_H
#define CAGELINT_NIST_H

#include <stddef.h>

struct nist_section {
	const char *id;			/* "3.4.3" */
	const char *title;		/* the risk's title */
	const char *risk;		/* the risk in our words */
	const char *countermeasure;	/* "4.4.3", and what it asks */
};

const struct nist_section *nist_sections(size_t *n);
/* The section with this id, or NULL. */
const struct nist_section *nist_find(const char *id);

#endif
