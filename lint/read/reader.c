/*
 * reader.c - the table of readers and how a file's reader is found.
 *
 * The table is made from read/readers.h; each entry is defined in its
 * reader's file.  This file only searches it: it reads nothing itself and
 * knows no front end (which reader a format takes is the front end's to
 * say, in its struct front).
 */
#include "read/read.h"

#include <string.h>

#include "base/util.h"

static const struct reader *const reader_table[] = {
#define READER(id) &reader_##id,
#include "read/readers.h"
#undef READER
};

const struct reader *const *reader_all(size_t *n)
{
	*n = ARRAY_SIZE(reader_table);
	return reader_table;
}

const struct reader *reader_for_kind(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reader_table); i++)
		if (reader_table[i]->is_kind &&
		    !strcmp(reader_table[i]->name, name))
			return reader_table[i];
	return NULL;
}

const struct reader *reader_by_suffix(const char *path)
{
	const char *const *s;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reader_table); i++)
		for (s = reader_table[i]->suffixes; s && *s; s++)
			if (str_has_suffix(path, *s))
				return reader_table[i];
	return NULL;
}

/* First byte that is not blank (after a UTF-8 BOM), or '\0'. */
static char first_char(const struct source *src)
{
	size_t i = 0;

	if (src->len >= 3 && !memcmp(src->data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < src->len && strchr(" \t\r\n", src->data[i]) &&
	       src->data[i])
		i++;
	return i < src->len ? src->data[i] : '\0';
}

const struct reader *reader_yaml_or_json(const struct source *src)
{
	const struct reader *r = reader_by_suffix(src->path);
	char c;

	if (r == &reader_json || r == &reader_yaml)
		return r;
	c = first_char(src);
	return c == '{' || c == '[' ? &reader_json : &reader_yaml;
}
