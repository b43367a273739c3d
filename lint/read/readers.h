/*
 * readers.h - THE list of readers: one READER(id) line per reader.
 *
 * READER(id) names `const struct reader reader_<id>`, defined at the end
 * of that reader's own file in lint/read/.  read.h turns this list into
 * externs and read/reader.c into the table the pipeline searches (by
 * --kind name, then by the end of a file's name), so adding a reader is
 * its file plus one line here.  No include guard: read it with READER
 * defined.
 */
READER(yaml)
READER(json)
READER(toml)
READER(keyvalue)
READER(text)
READER(dockerfile)
READER(ini)
