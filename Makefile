# formc — build, test, install, demo, bench.
#
#   make            build build/formc
#   make deps       install missing Debian packages (sudo when not root)
#   make demo       deps + build + render the example group into out/
#   make pictures   a page of the example report, letter and summary as
#                   PNGs in docs/pictures/ (shown in README.md)
#   make test       the whole test suite; last line "N passed, N failed"
#   make test-sanitize   the same suite under AddressSanitizer + UBSan
#   make test-valgrind   the end-to-end tests under valgrind memcheck
#   make fuzz       FUZZ_TIME=60: each libFuzzer harness for that many seconds
#   make bench      benchmarks, printing figures: the performance aims
#                   first (FORMC_TYPST_PEER=DIR: against the Typst peer)
#   make install    PREFIX=/usr/local DESTDIR= ...

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
VERSION := 0.1.0

CC      ?= cc
PKGS    := pangocairo pangoft2 cairo fontconfig zlib
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhyphen -lm
WARN    := -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) $(SAN) \
	-DFORMC_VERSION='"$(VERSION)"' -DFORMC_DATADIR='"$(PREFIX)/share/formc"' \
	-Icompiler -Iruntime -I$(BUILD)/gen $(PKG_CFLAGS)
LDFLAGS ?=

GEN      := $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.c
SRCS     := $(wildcard compiler/*/*.c runtime/*/*.c)
OBJS     := $(patsubst %.c,$(BUILD)/obj/%.o,$(SRCS)) \
            $(BUILD)/obj/gen/lexer.o $(BUILD)/obj/gen/parser.o
LIB_OBJS := $(filter-out $(BUILD)/obj/compiler/cli/main.o,$(OBJS))
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
# the fuzz harnesses, also built as tests replaying tests/fuzz/regress/
FUZZ_NAMES := check pipeline template fmt csv import program pdf cache
FUZZ_BINS := $(patsubst %,$(BUILD)/tests/test_fuzz_%,$(FUZZ_NAMES))
FUZZ_SRCS := tests/fuzz/fuzz_session.c tests/fuzz/fuzz.h
FUZZ_DEFS = -DFUZZ_TOP='"$(CURDIR)"' -Itests/fuzz
FUZZ_TIME ?= 60
FUZZ_CC   ?= $(shell command -v clang-14 || command -v clang)

.PHONY: all deps demo pictures test test-sanitize test-valgrind fuzz fuzz-targets bench install uninstall clean
all: $(BUILD)/formc

deps:
	@sh scripts/deps.sh

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h: grammar/parser.y
	@mkdir -p $(BUILD)/gen
	bison -Wall -Werror --defines=$(BUILD)/gen/parser.h -o $(BUILD)/gen/parser.c $<

$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h: grammar/lexer.l $(BUILD)/gen/parser.h
	@mkdir -p $(BUILD)/gen
	flex --header-file=$(BUILD)/gen/lexer.h -o $(BUILD)/gen/lexer.c $<

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-unused-function -Wno-sign-compare -MMD -MP -c $< -o $@

$(BUILD)/obj/%.o: %.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/formc: $(OBJS)
	$(CC) $(SAN) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h tests/unit/unit_layout.h $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIB_OBJS) $(PKG_LIBS)

$(BUILD)/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_SRCS) $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -DFUZZ_NAME='"$*"' -o $@ $< tests/fuzz/replay.c \
	    tests/fuzz/fuzz_session.c $(LIB_OBJS) $(PKG_LIBS)

# libFuzzer targets (make fuzz builds them with clang into build-fuzz/)
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRCS) $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -fsanitize=fuzzer -o $@ $< tests/fuzz/fuzz_session.c \
	    $(LIB_OBJS) $(PKG_LIBS)

$(BUILD)/fuzz/formc.dict: tests/fuzz/make_dict.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $(BUILD)/fuzz/make_dict $< $(LIB_OBJS) $(PKG_LIBS)
	$(BUILD)/fuzz/make_dict > $@

fuzz-targets: $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_NAMES)) $(BUILD)/fuzz/formc.dict

-include $(OBJS:.o=.d)

# demo installs first, then builds in a fresh make (so pkg-config is there)
demo:
	@sh scripts/deps.sh
	@$(MAKE) --no-print-directory all
	FORMC_DATADIR=$(CURDIR)/templates sh scripts/demo.sh $(BUILD)/formc

pictures: all
	sh scripts/pictures.sh $(BUILD)/formc

test: all $(UNIT_BINS) $(FUZZ_BINS)
	@sh tests/run.sh $(BUILD)

test-sanitize:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	$(MAKE) BUILD=build-san CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	    SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' test

test-valgrind: all
	@sh tests/valgrind/run.sh $(BUILD)

fuzz:
	@test -n "$(FUZZ_CC)" || { echo "make fuzz needs clang: sh scripts/deps.sh fuzz"; exit 2; }
	$(MAKE) BUILD=build-fuzz CC=$(FUZZ_CC) CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	    SAN='-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all' fuzz-targets
	sh tests/fuzz/run.sh build-fuzz $(FUZZ_TIME) $(FUZZ_NAMES)

# the syntax tree's size, for the benchmarks
$(BUILD)/bench/treesize: bench/treesize.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(PKG_LIBS)

# FORMC_TYPST_PEER=DIR: the Typst peer installed in DIR (bench/typst/README.md)
bench: all $(BUILD)/bench/treesize
	@sh bench/aims.sh $(BUILD)
	@sh bench/run.sh $(BUILD)

# man pages, bash completion, and editor support: Vim's files under
# vimfiles/, the Emacs mode in site-lisp/
MANDIR    = $(DESTDIR)$(PREFIX)/share/man
BASHCOMPDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
VIMDIR    = $(DESTDIR)$(PREFIX)/share/vim/vimfiles
LISPDIR   = $(DESTDIR)$(PREFIX)/share/emacs/site-lisp
VIM_FILES := syntax/formc.vim ftdetect/formc.vim compiler/formc.vim ftplugin/formc.vim \
             indent/formc.vim

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/formc
	install -m 755 $(BUILD)/formc $(DESTDIR)$(PREFIX)/bin/formc
	cp -R templates/. $(DESTDIR)$(PREFIX)/share/formc/
	install -d $(MANDIR)/man1 $(MANDIR)/man5 $(BASHCOMPDIR)
	install -m 644 man/formc.1 $(MANDIR)/man1/formc.1
	install -m 644 man/formc-language.5 $(MANDIR)/man5/formc-language.5
	install -m 644 completion/formc.bash $(BASHCOMPDIR)/formc
	for f in $(VIM_FILES); do \
	    install -d $(VIMDIR)/$$(dirname $$f) && install -m 644 editors/vim/$$f $(VIMDIR)/$$f || exit 1; \
	done
	install -d $(LISPDIR)
	install -m 644 editors/emacs/formc-mode.el $(LISPDIR)/formc-mode.el

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/formc
	rm -rf $(DESTDIR)$(PREFIX)/share/formc
	rm -f $(MANDIR)/man1/formc.1 $(MANDIR)/man5/formc-language.5 $(BASHCOMPDIR)/formc
	for f in $(VIM_FILES); do rm -f $(VIMDIR)/$$f; done
	rm -f $(LISPDIR)/formc-mode.el

clean:
	rm -rf build build-san build-fuzz out
