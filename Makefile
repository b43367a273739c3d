# cagelint - build, test, install.
#
#   make              build ./cagelint
#   make demo         install missing build dependencies, build, and scan
#                     the bundled examples in docs/examples
#   make check        install missing build and test dependencies, build
#                     warning-free, run the whole suite plainly and under
#                     AddressSanitizer + UndefinedBehaviorSanitizer, and
#                     lint a generated tree with 8 threads under
#                     ThreadSanitizer
#   make bench        measure speed and memory on a generated tree
#   make docs         regenerate docs/rules/*.md from rules/ and README's
#                     option rows from the option table
#   make fuzz         run the libFuzzer target (clang) for FUZZ_SECONDS
#   make static       build/static/cagelint, linked statically (the image's)
#   make install      the binary, the man page and bash/zsh/fish
#                     completions; PREFIX=/usr/local, DESTDIR for packaging
#   make deb          a Debian package in build/, with dpkg-deb
#   make deps         install the Debian build and test dependencies
#
# UPDATE=1 make check rewrites the golden files instead of comparing.
# WERROR= (empty) builds without -Werror, for packagers whose compiler
# warns about things this one does not.
# OPT is how the shipped binary (./cagelint, build/static) is optimised,
# after CFLAGS: -O3 and link-time optimisation (about 5% fewer
# instructions than -O2 alone; docs/performance.md).  OPT= (empty) builds
# with CFLAGS alone.  The objects keep their plain code too (fat), so the
# test drivers link them without a link-time pass.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
OPT ?= -O3 -flto=auto -ffat-lto-objects
# The built-in rules are tables of pointers that the dynamic loader
# relocates at every start; packed relative relocations (glibc 2.36,
# binutils 2.38) keep their list small: about 120 KiB less resident for
# one small file.  Used when this toolchain links with them.
RELR := $(shell printf 'int main(void) { return 0; }\n' | \
	  $(CC) -x c - -o /dev/null -Wl,-z,pack-relative-relocs \
	  2>/dev/null && echo -Wl,-z,pack-relative-relocs)
PKG_CONFIG ?= pkg-config
PKGS = yaml-0.1 libpcre2-8 libseccomp

WERROR ?= -Werror
WARN = -std=c11 -D_GNU_SOURCE -Wall -Wextra $(WERROR) -Wshadow \
       -Wstrict-prototypes -Wmissing-prototypes
# Each compile also writes which headers it read (foo.o -> foo.d, a
# driver -> driver.d); the .d files are included at the end, so that a
# changed header rebuilds exactly what reads it.  -MP keeps a deleted
# header from breaking the build.
DEPFLAGS = -MMD -MP
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) -Ilint -Ibuild $(PKG_CFLAGS) $(CFLAGS)
LIBS = $(PKG_LIBS) -lpthread
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
      -fno-sanitize-recover=all
TSAN = -fsanitize=thread -fno-omit-frame-pointer

LAYERS = base read model front engine filter report scan app
SRCS := $(sort $(foreach l,$(LAYERS),$(wildcard lint/$(l)/*.c)))
RULES := $(sort $(wildcard rules/*.yaml))
GEN = rule_text builtin_rules
OBJS := $(SRCS:%.c=build/obj/%.o) $(GEN:%=build/obj/%.o)
ASAN_OBJS := $(SRCS:%.c=build/asan/%.o) $(GEN:%=build/asan/%.o)
TSAN_OBJS := $(SRCS:%.c=build/tsan/%.o) $(GEN:%=build/tsan/%.o)
# What the rule compiler links: everything but main() and its own output.
RULEGEN_OBJS = $(filter-out build/obj/lint/app/main.o \
                 build/obj/builtin_rules.o,$(OBJS))
LIB_OBJS = $(filter-out build/obj/lint/app/main.o,$(OBJS))
ASAN_LIB_OBJS = $(filter-out build/asan/lint/app/main.o,$(ASAN_OBJS))

.DELETE_ON_ERROR:

.PHONY: all check test test-asan test-tsan bench bench-quick pss-parity docs \
        install uninstall clean deps check-deps demo fuzz static deb generated

all: check-deps cagelint

check-deps:
	@$(PKG_CONFIG) --exists $(PKGS) 2>/dev/null || { \
	  echo "cagelint: missing build dependencies; run: make deps"; \
	  echo "(or: sudo apt-get install build-essential pkg-config" \
	       "libyaml-dev libpcre2-dev libseccomp-dev)"; \
	  exit 1; }

deps:
	sh .ci/install-deps --test

demo:
	sh .ci/install-deps
	$(MAKE) cagelint
	./cagelint docs/examples; test $$? -le 1

cagelint: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(OPT) $(RELR) -o $@ $(OBJS) $(LIBS)

build/embed: lint/tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -o $@ $<

build/rule_text.c: build/embed $(RULES)
	build/embed $@ $(RULES)

# The built-in rules checked and compiled to C data: the build stops at a
# mistake in a rule file, shown at its file:line:col.
build/rulegen: lint/tools/rulegen.c $(RULEGEN_OBJS)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -MF $@.d -o $@ $< $(RULEGEN_OBJS) \
	  $(LIBS)

build/builtin_rules.c: build/rulegen
	build/rulegen $@

# Objects in three flavours: plain (build/obj), AddressSanitizer +
# UndefinedBehaviorSanitizer (build/asan), ThreadSanitizer (build/tsan);
# the static ones (build/static) are further down.
build/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(OPT) $(DEPFLAGS) -c -o $@ $<
build/obj/%.o: build/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(OPT) $(DEPFLAGS) -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 $(DEPFLAGS) -c -o $@ $<
build/asan/%.o: build/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 $(DEPFLAGS) -c -o $@ $<

build/tsan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TSAN) -O1 $(DEPFLAGS) -c -o $@ $<
build/tsan/%.o: build/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TSAN) -O1 $(DEPFLAGS) -c -o $@ $<

# One static binary with no shared libraries (the container image's).
STATIC_OBJS := $(SRCS:%.c=build/static/%.o) $(GEN:%=build/static/%.o)
static: build/static/cagelint
build/static/cagelint: $(STATIC_OBJS)
	$(CC) $(ALL_CFLAGS) $(OPT) -static -o $@ $(STATIC_OBJS) \
	  $(shell $(PKG_CONFIG) --static --libs $(PKGS) 2>/dev/null) -lpthread
	strip $@
build/static/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(OPT) $(DEPFLAGS) -c -o $@ $<
build/static/%.o: build/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(OPT) $(DEPFLAGS) -c -o $@ $<

build/asan/cagelint: $(ASAN_OBJS)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(ASAN_OBJS) $(LIBS)
build/tsan/cagelint: $(TSAN_OBJS)
	$(CC) $(ALL_CFLAGS) $(TSAN) -o $@ $(TSAN_OBJS) $(LIBS)

# Test drivers (lint/test/), plain and sanitized: each is one C file
# linked with everything but main.o.
DRIVERS = lang_test unit_test toml_decode report_demo stack_test
$(DRIVERS:%=build/%): build/%: lint/test/%.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -MF $@.d -o $@ $< $(LIB_OBJS) $(LIBS)
$(DRIVERS:%=build/asan/%): build/asan/%: lint/test/%.c $(ASAN_LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(SAN) $(DEPFLAGS) -MF $@.d -o $@ $< \
	  $(ASAN_LIB_OBJS) $(LIBS)

build/fuzz_replay: lint/test/fuzz_lint.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -MF $@.d -DFUZZ_REPLAY -o $@ $< \
	  $(LIB_OBJS) $(LIBS)
build/asan/fuzz_replay: lint/test/fuzz_lint.c $(ASAN_LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(SAN) $(DEPFLAGS) -MF $@.d -DFUZZ_REPLAY -o $@ $< \
	  $(ASAN_LIB_OBJS) $(LIBS)

# libFuzzer needs clang: `make fuzz FUZZ_SECONDS=600`, or one reader at a
# time with FUZZ_KIND=yaml|json|toml|dockerfile|docker-run|...  Inputs go
# up to FUZZ_MAX_LEN (1 MB: long lines and big files are where superlinear
# paths hide), and an input that takes more than FUZZ_TIMEOUT seconds is
# reported like a crash.  New inputs it finds land in build/fuzz-corpus;
# copy the interesting ones to testdata/fuzz/ so that `make check` replays
# them.  It runs under nice, on one core.
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 1048576
FUZZ_TIMEOUT ?= 3
FUZZ_KIND ?=
FUZZ_CC ?= clang
build/fuzz_lint: lint/test/fuzz_lint.c $(SRCS) $(HDRS) build/builtin_rules.c \
                 build/rule_text.c
	$(FUZZ_CC) $(WARN) -Ilint -Ibuild $(PKG_CFLAGS) -g -O1 \
	  -fsanitize=fuzzer,address,undefined -o build/fuzz_lint \
	  lint/test/fuzz_lint.c $(filter-out lint/app/main.c,$(SRCS)) \
	  build/builtin_rules.c build/rule_text.c $(LIBS)

fuzz: check-deps build/fuzz_lint
	@mkdir -p build/fuzz-corpus/$(or $(FUZZ_KIND),all)
	FUZZ_KIND=$(FUZZ_KIND) nice -n 19 build/fuzz_lint \
	  -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) \
	  -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=4096 \
	  -dict=lint/test/fuzz.dict -print_final_stats=1 \
	  build/fuzz-corpus/$(or $(FUZZ_KIND),all) testdata/fuzz

# The allocator that fails on demand (testdata/hostile/alloc-faults.sh).
build/failmalloc.so: lint/test/failmalloc.c
	@mkdir -p build
	$(CC) $(WARN) -O2 -fPIC -shared -o $@ $<

DRIVER_BINS = $(DRIVERS:%=build/%) build/fuzz_replay build/failmalloc.so
ASAN_DRIVER_BINS = $(DRIVERS:%=build/asan/%) build/asan/fuzz_replay
TEST_BINS = cagelint $(DRIVER_BINS)
ASAN_BINS = build/asan/cagelint $(ASAN_DRIVER_BINS)

test: check-deps $(TEST_BINS)
	sh testdata/run-all.sh build plain ./cagelint

test-asan: check-deps $(ASAN_BINS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1 \
	  sh testdata/run-all.sh build/asan asan build/asan/cagelint

# Races: a generated tree of a few hundred files linted with -j 8 by the
# ThreadSanitizer build must give the -j 1 output and no TSan report.
test-tsan: check-deps build/tsan/cagelint
	TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
	  sh testdata/check-threads.sh build/tsan/cagelint

check:
	sh .ci/install-deps --test
	$(MAKE) test test-asan test-tsan

# Speed and memory as ratios to libyaml's own parser (testdata/bench/).
build/bench_floor: testdata/bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(PKG_CFLAGS) -O2 -o $@ $< $(PKG_LIBS)
# The static build joins the single-file rows when it links here.
bench bench-quick: cagelint build/bench_floor
	@$(MAKE) --no-print-directory static >/dev/null 2>&1 || \
	  echo "bench: no static build (static libraries missing); its rows are left out"
	python3 testdata/bench/run.py ./cagelint build/bench_floor \
	  build/static/cagelint $(if $(filter bench-quick,$@),--quick)

# Pod Security Standards parity against Kubernetes' own fixtures:
# make pss-parity PSA_TESTDATA=.../pod-security-admission/test/testdata
pss-parity: cagelint
	python3 testdata/pss/parity.py ./cagelint $(PSA_TESTDATA)

docs: cagelint
	./cagelint --write-docs docs
	sh lint/tools/readme_options.sh ./cagelint README.md

# The man page and the shell completions, made from the option table
# and the rules by the binary itself (cagelint --generate WHAT).
GENERATED = build/man/cagelint.1 build/completions/cagelint.bash \
            build/completions/_cagelint build/completions/cagelint.fish
generated: $(GENERATED)
build/man/cagelint.1: cagelint
	@mkdir -p $(@D)
	./cagelint --generate man > $@
build/completions/cagelint.bash: cagelint
	@mkdir -p $(@D)
	./cagelint --generate bash > $@
build/completions/_cagelint: cagelint
	@mkdir -p $(@D)
	./cagelint --generate zsh > $@
build/completions/cagelint.fish: cagelint
	@mkdir -p $(@D)
	./cagelint --generate fish > $@

MANDIR ?= $(PREFIX)/share/man
BASH_COMPLETION_DIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR ?= $(PREFIX)/share/zsh/site-functions
FISH_COMPLETION_DIR ?= $(PREFIX)/share/fish/vendor_completions.d

install: all $(GENERATED)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(BASH_COMPLETION_DIR) $(DESTDIR)$(ZSH_COMPLETION_DIR) \
	  $(DESTDIR)$(FISH_COMPLETION_DIR)
	install -m 755 cagelint $(DESTDIR)$(PREFIX)/bin/cagelint
	install -m 644 build/man/cagelint.1 $(DESTDIR)$(MANDIR)/man1/cagelint.1
	install -m 644 build/completions/cagelint.bash \
	  $(DESTDIR)$(BASH_COMPLETION_DIR)/cagelint
	install -m 644 build/completions/_cagelint \
	  $(DESTDIR)$(ZSH_COMPLETION_DIR)/_cagelint
	install -m 644 build/completions/cagelint.fish \
	  $(DESTDIR)$(FISH_COMPLETION_DIR)/cagelint.fish

# A Debian package (build/cagelint_VERSION_ARCH.deb), with dpkg-deb.
deb: all
	sh .ci/build-deb build

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/cagelint \
	  $(DESTDIR)$(MANDIR)/man1/cagelint.1 \
	  $(DESTDIR)$(BASH_COMPLETION_DIR)/cagelint \
	  $(DESTDIR)$(ZSH_COMPLETION_DIR)/_cagelint \
	  $(DESTDIR)$(FISH_COMPLETION_DIR)/cagelint.fish

clean:
	rm -rf build cagelint

# What each object and driver read, written by the compiler (DEPFLAGS).
-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d) $(TSAN_OBJS:.o=.d) \
  $(STATIC_OBJS:.o=.d) \
  $(DRIVER_BINS:%=%.d) $(ASAN_DRIVER_BINS:%=%.d)
