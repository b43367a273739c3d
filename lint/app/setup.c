/*
 * setup.c - the config file under the command line (see setup.h).
 */
#include "app/setup.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int setup_config(struct cli *c, struct config *cfg, struct diags *d)
{
	char *file;
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	if (c->no_config)
		return 0;
	file = config_find(c->config);
	if (!file)
		return 0;
	rc = config_load(cfg, file, d);
	free(file);
	if (rc)
		return -1;
	if (!c->fail_on_given && cfg->fail_on >= 0)
		c->fail_on = (enum severity)cfg->fail_on;
	if (!c->k8s_given && cfg->k8s_minor >= 0)
		c->k8s_minor = cfg->k8s_minor;
	if (!c->runtime)
		c->runtime = cfg->runtime;
	if (!c->rules_dir)
		c->rules_dir = cfg->rules_dir;
	return 0;
}

/* Is `name` among the comma-separated `list`?  (Ids in any case.) */
static bool in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while (p && *p) {
		size_t len = strcspn(p, ", ");

		if (len == n && !strncasecmp(p, name, n))
			return true;
		p += len;
		p += strspn(p, ", ");
	}
	return false;
}

/* `a` and `b` joined by a comma, either may be NULL; owned. */
static char *join(char *a, const char *b)
{
	char *j;

	if (!b)
		return a;
	if (!a)
		return xstrdup(b);
	j = xasprintf("%s,%s", a, b);
	free(a);
	return j;
}

int setup_rules(const struct cli *c, const struct config *cfg,
		struct ruleset *rs, struct setup_rules *out, struct diags *d)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->profiles = c->profiles;
	if (!cfg->path)
		goto command_line;
	if (config_apply_rules(cfg, rs, d))
		return -1;
	if (!c->profiles_given && cfg->profiles)
		out->profiles = cfg->profiles;
	out->enable = config_words_join(&cfg->enable);
	for (i = 0; i < cfg->disable.n; i++)
		if (!in_list(c->enable.buf, cfg->disable.v[i].text))
			out->disable = join(out->disable,
					    cfg->disable.v[i].text);
command_line:
	out->enable = join(out->enable, c->enable.buf);
	out->disable = join(out->disable, c->disable.buf);
	return 0;
}

void setup_rules_free(struct setup_rules *r)
{
	free(r->enable);
	free(r->disable);
	memset(r, 0, sizeof(*r));
}
