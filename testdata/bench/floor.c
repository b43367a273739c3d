/*
 * floor.c - what cagelint is measured against in `make bench`: libyaml's
 * event parser run over the same files, doing nothing with the events.
 * No program that reads YAML through libyaml can be faster, so cagelint's
 * time divided by this one's is the price of everything else it does.
 *
 * usage: bench_floor FILE...   (or a list of files on standard input,
 * one a line, when the only argument is "-").  Prints the number of
 * events, so that the work cannot be optimised away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static unsigned long parse_file(const char *path)
{
	yaml_parser_t parser;
	yaml_event_t event;
	unsigned long events = 0;
	FILE *f = fopen(path, "rb");
	int done = 0;

	if (!f) {
		perror(path);
		return 0;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event))
			break;
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
		events++;
	}
	yaml_parser_delete(&parser);
	fclose(f);
	return events;
}

int main(int argc, char **argv)
{
	unsigned long events = 0;
	char line[4096];
	int i;

	if (argc == 2 && !strcmp(argv[1], "-")) {
		while (fgets(line, sizeof(line), stdin)) {
			line[strcspn(line, "\n")] = '\0';
			events += parse_file(line);
		}
	} else {
		for (i = 1; i < argc; i++)
			events += parse_file(argv[i]);
	}
	printf("%lu events\n", events);
	return 0;
}
