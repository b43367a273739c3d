/*
 * fuzz_lint.c - a libFuzzer target for the whole per-file pipeline, linted
 * with every built-in rule enabled.
 *
 * An input's first line names the kind it is read as (any name --kind
 * accepts: every front end and the readers --kind may name, from their
 * tables, so a new front end is fuzzed without a word here); the rest is
 * the text.  When the first line names no kind (as most mutations leave
 * it), its first byte picks one and the text starts at the second byte.
 * With FUZZ_KIND set in the environment, every input is of that kind,
 * whole: `make fuzz FUZZ_KIND=toml` spends the run on one reader.
 *
 * Built with clang -fsanitize=fuzzer by `make fuzz`, which also gives it
 * inputs up to 1 MB, a time limit per input (a superlinear path shows as
 * a timeout, not only a crash does) and lint/test/fuzz.dict, the keys and
 * words of each format.  Without libFuzzer
 * (FUZZ_REPLAY), main() below replays the files named on the command line,
 * which is how `make check` runs the corpus in testdata/fuzz/ under ASan.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "engine/rules.h"
#include "scan/pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ruleset rules;
static struct lint_env env;
static const char *forced_kind;	/* FUZZ_KIND, or NULL */

static void setup(void)
{
	struct diags d = { 0 };

	if (env.rules)
		return;
	if (rules_load(&rules, NULL, false, &d) ||
	    rules_select(&rules, ~0u, NULL, NULL, &d)) {
		fputs("fuzz: built-in rules do not load\n", stderr);
		abort();
	}
	diags_free(&d);
	env.rules = &rules;
	forced_kind = getenv("FUZZ_KIND");
	if (forced_kind && !*forced_kind)
		forced_kind = NULL;
}

static size_t kind_count(void)
{
	size_t n = 0;

	while (lint_kind_name(n))
		n++;
	return n;
}

/*
 * The kind the input is read as; *skip is set to the bytes before its
 * text (the first line, or the first byte).
 */
static const char *input_kind(const char *data, size_t size, size_t *skip)
{
	const char *nl = memchr(data, '\n', size);
	size_t i;

	if (forced_kind) {
		*skip = 0;
		return forced_kind;
	}
	for (i = 0; nl && lint_kind_name(i); i++) {
		const char *k = lint_kind_name(i);

		if ((size_t)(nl - data) == strlen(k) &&
		    !memcmp(data, k, strlen(k))) {
			*skip = strlen(k) + 1;
			return k;
		}
	}
	*skip = 1;
	return lint_kind_name((unsigned char)data[0] % kind_count());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lint_result res;
	const char *kind;
	size_t skip;

	setup();
	if (size < 1)
		return 0;
	kind = input_kind((const char *)data, size, &skip);
	memset(&res, 0, sizeof(res));
	lint_text(&env, "fuzz", (const char *)data + skip, size - skip, kind,
		  &res);
	lint_result_free(&res);
	return 0;
}

#ifdef FUZZ_REPLAY
int main(int argc, char **argv)
{
	int i, failed = 0;

	for (i = 1; i < argc; i++) {
		struct diags d = { 0 };
		struct source *s = source_read(argv[i], argv[i], 0, &d);

		if (!s) {
			failed++;
			diags_free(&d);
			continue;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)s->data, s->len);
		source_free(s);
	}
	rules_free(&rules);
	printf("fuzz-replay: %d passed, %d failed\n", argc - 1 - failed,
	       failed);
	return failed ? 1 : 0;
}
#endif
