/*
 * formats.h - THE list of output formats: one REPORT_FORMAT(id) line per
 * format, in the order --help lists them (the first is the default).
 *
 * REPORT_FORMAT(id) names `const struct report_format report_format_<id>`,
 * defined at the end of the format's own file in lint/report/.  From this
 * list come report.h's externs, report.c's table, and --format's parsing,
 * --help text and README row.  Adding an output format is its file plus
 * one line here.  No include guard: read it with REPORT_FORMAT defined.
 */
REPORT_FORMAT(text)
REPORT_FORMAT(json)
REPORT_FORMAT(sarif)
REPORT_FORMAT(github)
REPORT_FORMAT(gitlab)
REPORT_FORMAT(junit)
