/*
 * fuzz_lint.c - a libFuzzer target for the whole per-file pipeline: the
 * first byte picks the reader or format (YAML, JSON, TOML, SELinux config,
 * containers.conf, shell text, Dockerfile), the rest is the input,
 * linted with every built-in rule enabled.
 *
 * Built with clang -fsanitize=fuzzer by `make fuzz`.  Without libFuzzer
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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[] = {
		"yaml", "json", "toml", "selinux-config", "containers-conf",
		"docker-run", "dockerfile"
	};
	struct lint_result res;

	setup();
	if (size < 1)
		return 0;
	memset(&res, 0, sizeof(res));
	lint_text(&env, "fuzz", (const char *)data + 1, size - 1,
		  kinds[data[0] % ARRAY_SIZE(kinds)], &res);
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
