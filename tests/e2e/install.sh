#!/bin/sh
# install.sh — end-to-end tests of what `make install` puts in place and of
# the documentation installed with formc: every file lands under DESTDIR and
# PREFIX; the installed formc finds its own data; the man pages render
# without a warning and name every command and option `formc --help` lists;
# the bash completion completes those commands, their options, paper sizes
# and file names.
# Prints one "pass NAME" or "FAIL NAME: why" line per test.
# Needs $FORMC, as set by tests/run.sh.

top=$(cd "$(dirname "$0")/../.." && pwd)
: "${FORMC:=$top/build/formc}"
NO_COLOR=1
export NO_COLOR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/formc-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 1' INT TERM

pass() { echo "pass e2e/install/$1"; }
fail() { echo "FAIL e2e/install/$1: $2"; }

cd "$top" || exit 1
build=$(dirname "${FORMC#"$top"/}")
[ -d "$top/$build" ] || build=build

# ---- make install ----------------------------------------------------------

root="$tmp/root"
if make -s install BUILD="$build" DESTDIR="$root" PREFIX=/usr > "$tmp/make.log" 2>&1; then
    missing=""
    for f in bin/formc share/formc/instruments.form share/formc/letter.en.tmpl \
             share/formc/report.en.tmpl share/formc/jargon.txt \
             share/man/man1/formc.1 share/man/man5/formc-language.5 \
             share/bash-completion/completions/formc \
             share/vim/vimfiles/syntax/formc.vim share/vim/vimfiles/ftdetect/formc.vim \
             share/vim/vimfiles/compiler/formc.vim share/vim/vimfiles/ftplugin/formc.vim \
             share/vim/vimfiles/indent/formc.vim share/emacs/site-lisp/formc-mode.el; do
        [ -f "$root/usr/$f" ] || missing="$missing $f"
    done
    if [ -z "$missing" ]; then pass files_in_place; else fail files_in_place "missing:$missing"; fi
    stray=$(find "$tmp/root" -mindepth 1 -maxdepth 1 ! -name usr)
    if [ -z "$stray" ]; then pass only_under_destdir; else fail only_under_destdir "$stray"; fi
else
    fail files_in_place "make install failed: $(tail -n 3 "$tmp/make.log" | tr '\n' ' ')"
fi

# the installed program finds the installed library and templates itself
if (unset FORMC_DATADIR; "$root/usr/bin/formc" check examples/thursday.group) 2>"$tmp/err"; then
    pass installed_formc_runs
else
    fail installed_formc_runs "$(head -n 2 "$tmp/err" | tr '\n' ' ')"
fi

if command -v vim >/dev/null 2>&1; then
    timeout 60 vim -es -N -n -u NONE -i NONE -c "set rtp^=$root/usr/share/vim/vimfiles" -c 'syntax on' \
        -c 'e examples/members/ada.form' \
        -c "call writefile([&filetype, get(b:, 'current_syntax', '')], '$tmp/vim.out')" -c 'qa!' \
        </dev/null >/dev/null 2>&1
    if [ "$(tr '\n' ' ' < "$tmp/vim.out" 2>/dev/null)" = "formc formc " ]; then pass installed_vim_files
    else fail installed_vim_files "filetype/syntax: $(tr '\n' ' ' < "$tmp/vim.out" 2>/dev/null)"; fi
fi

# ---- man pages ---------------------------------------------------------------

for page in man/formc.1 man/formc-language.5; do
    name=$(basename "$page")
    warnings=$( { groff -man -ww -z "$page"; MANWIDTH=80 man --warnings -l "$page" >/dev/null; } 2>&1)
    if [ -z "$warnings" ]; then pass "man_renders/$name"
    else fail "man_renders/$name" "$(printf '%s' "$warnings" | head -n 3 | tr '\n' ' ')"; fi
done

# the commands and options of `formc --help`
"$FORMC" --help > "$tmp/help"
commands=$(awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }' "$tmp/help")
# options_of CMD: the options shown on CMD's line of the help
# (and on its continuation lines, which start with spaces and a '[')
options_of() {
    awk -v c="$1" '/^Commands:/ { on = 1; next } on && /^$/ { exit }
        on && /^  [a-z]/ { mine = ($1 == c) }
        on && mine && ($1 == c || /^ +\[/) { s = $0; while (match(s, /\[-[-A-Za-z]+/)) { print substr(s, RSTART + 1, RLENGTH - 1); s = substr(s, RSTART + RLENGTH) } }' "$tmp/help"
}
common=$(awk '/^Options:/ { on = 1; next } on && /^$/ { exit } on { for (i = 1; i <= NF; i++) if ($i ~ /^-/) { sub(/,$/, "", $i); print $i } }' "$tmp/help")

if [ -z "$commands" ]; then
    fail man_names_commands "no commands found in formc --help"
else
    sed 's/\\-/-/g' man/formc.1 > "$tmp/formc.1.txt"
    missing=""
    for c in $commands; do
        grep -q "^\.B $c\$" "$tmp/formc.1.txt" || missing="$missing $c"
        for o in $(options_of "$c"); do
            grep -q -- "$o\\b" "$tmp/formc.1.txt" || missing="$missing $c:$o"
        done
    done
    for o in $common; do
        grep -q -- "$o\\b" "$tmp/formc.1.txt" || missing="$missing $o"
    done
    if [ -z "$missing" ]; then pass man_names_commands
    else fail man_names_commands "man/formc.1 does not describe:$missing"; fi
fi

version=$("$FORMC" --version | awk '{ print $2 }')
bad=""
for page in man/formc.1 man/formc-language.5; do
    grep -q "^\.TH .* \"formc $version\"" "$page" || bad="$bad $page"
done
if [ -z "$bad" ]; then pass man_version; else fail man_version "not formc $version:$bad"; fi

# ---- bash completion ---------------------------------------------------------

if ! command -v bash >/dev/null 2>&1; then
    echo "skip e2e/install/completion: bash is not installed"
    exit 0
fi
mkdir -p "$tmp/files/folder"
: > "$tmp/files/ada.form"; : > "$tmp/files/thu.group"; : > "$tmp/files/notes.txt"; : > "$tmp/files/old.pdf"
# complete WORD...: what the completion offers for the command line WORD...
# (the last word is the one being completed), one per line, sorted
complete_words() {
    (cd "$tmp/files" && bash -c '
        . "$0" || exit 9
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _formc
        printf "%s\n" "${COMPREPLY[@]}" | sort' "$top/completion/formc.bash" "$@")
}

if out=$(bash -c '. "$1" && complete -p formc' sh completion/formc.bash 2>&1) &&
   [ "$out" = "complete -F _formc formc" ]; then pass completion_sources
else fail completion_sources "$out"; fi

got=$(complete_words formc re)
if [ "$got" = "report" ]; then pass completion_command
else fail completion_command "formc re<TAB> gave '$got'"; fi

missing=""
offered=$(complete_words formc "")
for c in $commands; do
    printf '%s\n' "$offered" | grep -qx "$c" || missing="$missing $c"
    offered_opts=$(complete_words formc "$c" -)
    for o in $(options_of "$c") $(printf '%s\n' "$common" | grep -v -e '^-h$' -e '^--help$' -e '^--version$'); do
        printf '%s\n' "$offered_opts" | grep -qx -- "$o" || missing="$missing $c:$o"
    done
done
if [ -z "$missing" ]; then pass completion_every_command_and_option
else fail completion_every_command_and_option "not offered:$missing"; fi

got=$(complete_words formc report --paper "" | tr '\n' ' ')
if [ "$got" = "a4 letter " ]; then pass completion_paper
else fail completion_paper "gave '$got'"; fi

bad=""
got=$(complete_words formc report "" | tr '\n' ' ')
[ "$got" = "ada.form folder " ] || bad="$bad report:'$got'"
got=$(complete_words formc check "" | tr '\n' ' ')
[ "$got" = "ada.form folder thu.group " ] || bad="$bad check:'$got'"
got=$(complete_words formc letter --group "" | tr '\n' ' ')
[ "$got" = "folder thu.group " ] || bad="$bad --group:'$got'"
got=$(complete_words formc report -o "" | tr '\n' ' ')
[ "$got" = "folder old.pdf " ] || bad="$bad -o:'$got'"
if [ -z "$bad" ]; then pass completion_file_names; else fail completion_file_names "$bad"; fi
