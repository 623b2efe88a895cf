#!/bin/sh
# editors.sh — end-to-end tests of the editor support in editors/: Vim
# detects and highlights a formulation without an error, indents the
# examples as they are written, and `:make` puts formc's diagnostics in the
# quickfix list at the right file, line and column; the Emacs mode
# byte-compiles cleanly, highlights, indents and reads formc's diagnostics
# in compilation mode (skipped when emacs is not installed); both format a
# buffer as `formc fmt` does and leave one with errors alone; the VS Code
# files are valid JSON and the grammar's patterns compile. Each colours a
# placeholder, <words>, whole.
# Prints one "pass NAME" or "FAIL NAME: why" line per test ("skip NAME: why"
# when the editor is missing). Needs $FORMC, as set by tests/run.sh.

SUITE=editors
. "$(dirname "$0")/lib/common.sh"
skip() { echo "skip e2e/editors/$1: $2"; }

cd "$top" || exit 1
ADA=examples/members/ada.form

# a formulation with two errors and a note, for :make and compilation mode
cat > "$tmp/bad.form" <<'EOF'
patient "Test Person" {
    born 1989-13-01
}
clinician "Dr. X"
clinician "Dr. Y"
EOF
(cd "$tmp" && "$FORMC" check bad.form > /dev/null 2> make.txt)
# the same with a warning too (a name ending in a space), for formc's
# French: an error, a warning and a note, each of its own type
sed '1s/"Test Person"/"Test Person "/' "$tmp/bad.form" > "$tmp/warn.form"
(cd "$tmp" && FORMC_LANG=fr "$FORMC" check warn.form > /dev/null 2> make-fr.txt)
mkdir -p "$tmp/bin" && ln -sf "$FORMC" "$tmp/bin/formc"

# vimrun SCRIPT: runs a Vim script in silent Ex mode with only editors/vim,
# writing no swap file (-n): a swap file beside a file of the repository
# would change its folder's date while other scripts run
vimrun() {
    timeout 60 vim -es -N -n -u NONE -i NONE -c "set rtp^=$top/editors/vim" \
        -c 'filetype plugin indent on' -c 'syntax on' -S "$1" </dev/null >/dev/null 2>&1
}

if ! command -v vim >/dev/null 2>&1; then
    skip vim "vim is not installed (scripts/deps.sh installs it)"
else
    # the command README gives: loads without an error
    if timeout 60 vim -es -N -n -u NONE -i NONE -c 'set rtp+=editors/vim' -c 'syntax on' \
        -c "e $ADA" -c 'qa!' </dev/null >/dev/null 2>&1; then pass vim_loads
    else fail vim_loads "vim exited with status $?"; fi

    # filetype, highlighting groups at known places, no error message
    cat > "$tmp/syntax.vim" <<EOF
e $top/$ADA
let r = []
call add(r, 'ft=' . &filetype)
call add(r, 'cms=' . &commentstring)
function! At(pat, off) abort
  call cursor(1, 1)
  let [l, c] = searchpos(a:pat, 'W')
  return synIDattr(synID(l, c + a:off, 1), 'name')
endfunction
call add(r, 'patient=' . At('^patient', 0))
call add(r, 'born=' . At('born 1989', 0))
call add(r, 'date=' . At('1989-09-04', 0))
call add(r, 'pre=' . At('pre 2026', 0))
call add(r, 'scale=' . At('hfmps.self_oriented 94', 0))
call add(r, 'number=' . At('oriented 94', 9))
call add(r, 'string=' . At('Adaeze', 0))
call add(r, 'triple=' . At('you?', 0))
call add(r, 'comment=' . At('the name her letter', 0))
call add(r, 'errmsg=' . v:errmsg)
call writefile(r, '$tmp/syntax.out')
qa!
EOF
    vimrun "$tmp/syntax.vim"
    want='ft=formc
cms=# %s
patient=formcSection
born=formcField
date=formcDate
pre=formcValue
scale=formcScale
number=formcNumber
string=formcString
triple=formcString
comment=formcComment
errmsg='
    got=$(cat "$tmp/syntax.out" 2>/dev/null)
    if [ "$got" = "$want" ]; then pass vim_syntax
    else fail vim_syntax "$(printf '%s\n' "$got" | tr '\n' ' ')"; fi

    # a placeholder stands out whole, whatever its words; in a string it is text
    printf 'patient <the patient'"'"'s full name, 12 # {x}>\nclinician "<b>" # <c>\n' >"$tmp/holes.form"
    cat > "$tmp/holes.vim" <<EOF
e $tmp/holes.form
let r = []
for [l, c] in [[1, 9], [1, 14], [1, 33], [1, 39], [1, 43], [2, 12], [2, 19]]
  call add(r, synIDattr(synID(l, c, 1), 'name'))
endfor
call writefile(r, '$tmp/holes.out')
qa!
EOF
    vimrun "$tmp/holes.vim"
    got=$(tr '\n' ' ' <"$tmp/holes.out" 2>/dev/null)
    want="formcPlaceholder formcPlaceholder formcPlaceholder formcPlaceholder formcPlaceholder formcString formcComment "
    if [ "$got" = "$want" ]; then pass vim_placeholder
    else fail vim_placeholder "$got"; fi

    # the examples are indented as the indent file would indent them
    bad=""
    for f in examples/members/ada.form examples/members/jose.form examples/thursday.group \
             templates/instruments.form; do
        printf 'e %s\nnormal gg=G\nw! %s\nqa!\n' "$top/$f" "$tmp/indented" > "$tmp/indent.vim"
        vimrun "$tmp/indent.vim"
        cmp -s "$f" "$tmp/indented" || bad="$bad $f"
    done
    if [ -z "$bad" ]; then pass vim_indent; else fail vim_indent "reindented:$bad"; fi

    # :make runs formc check and fills the quickfix list
    cat > "$tmp/make.vim" <<EOF
cd $tmp
e bad.form
silent make
let r = []
for e in getqflist()
  if e.valid
    call add(r, bufname(e.bufnr) . ':' . e.lnum . ':' . e.col . ':' . e.type . ':' . e.text)
  endif
endfor
call writefile(r, '$tmp/qf.out')
qa!
EOF
    PATH="$tmp/bin:$PATH" vimrun "$tmp/make.vim"
    want="bad.form:2:10:e:impossible date 1989-13-01
bad.form:5:1:e:'clinician' is given twice
bad.form:4:1:n:first given here"
    got=$(grep -v "no '" "$tmp/qf.out" 2>/dev/null)
    if [ "$got" = "$want" ]; then pass vim_make_quickfix
    else fail vim_make_quickfix "$(printf '%s\n' "$got" | tr '\n' '|')"; fi

    # ... and from formc's French, at the same places and of the same types:
    # an error (erreur), a note and a warning (avertissement, a 'w' as
    # "warning" is)
    sed 's/bad\.form/warn.form/' "$tmp/make.vim" > "$tmp/make-fr.vim"
    (FORMC_LANG=fr; export FORMC_LANG; PATH="$tmp/bin:$PATH" vimrun "$tmp/make-fr.vim")
    nb=$(printf '\302\240')
    want="warn.form:2:10:e:date impossible 1989-13-01
warn.form:5:1:e:«${nb}clinician$nb» est donné deux fois
warn.form:4:1:n:donné ici la première fois
warn.form:1:9:w:le nom «${nb}Test Person $nb» finit par une espace"
    got=$(grep -v ":pas de " "$tmp/qf.out" 2>/dev/null | sed "s/ finit par une espace.*/ finit par une espace/")
    if [ "$got" = "$want" ]; then pass vim_make_quickfix_french
    else fail vim_make_quickfix_french "$(printf '%s\n' "$got" | tr '\n' '|')"; fi

    # formc counts columns in characters, Vim in bytes: on a line with
    # accented letters (É two bytes, e and a combining accent three) before
    # the problem, the cursor stopped short of it, after :make and :FormcFmt
    printf 'patient "Zoé" {\n}\nclinician "Éle\314\201onore" born 1989-13-01\n' > "$tmp/accents.form"
    cat > "$tmp/accents.vim" <<EOV
cd $tmp
e accents.form
silent make
let r = ['jump ' . line('.') . ':' . col('.') . ':' . expand('<cword>')]
for e in getqflist()
  if e.valid && e.col > 1
    call add(r, e.lnum . ':' . e.col . ':' . strpart(getline(e.lnum), e.col - 1, 4))
  endif
endfor
e accents-bad.form
FormcFmt
call extend(r, map(getloclist(0), {_, e -> 'fmt ' . e.lnum . ':' . e.col . ':' . e.type}))
call writefile(r, '$tmp/accents.out')
qa!
EOV
    printf 'clinician "\303\251\303\251" : x\n' > "$tmp/accents-bad.form"
    PATH="$tmp/bin:$PATH" vimrun "$tmp/accents.vim"
    want="jump 3:25:born
3:25:born
fmt 1:18:e"
    got=$(cat "$tmp/accents.out" 2>/dev/null)
    if [ "$got" = "$want" ]; then pass vim_make_columns_in_bytes
    else fail vim_make_columns_in_bytes "$(printf '%s\n' "$got" | tr '\n' '|')"; fi

    # :FormcFmt gives formc fmt's layout, and leaves a file with errors alone
    cp tests/fmt/messy.form "$tmp/messy.form"
    printf 'e %s\nFormcFmt\nw\nqa!\n' "$tmp/messy.form" > "$tmp/fmt.vim"
    PATH="$tmp/bin:$PATH" vimrun "$tmp/fmt.vim"
    printf 'patient "x" {\n' > "$tmp/bad-copy.form"
    cat > "$tmp/fmtbad.vim" <<EOF
e $tmp/bad-copy.form
FormcFmt
call writefile(map(getloclist(0), {_, e -> e.lnum . ':' . e.col . ':' . e.type}), '$tmp/fmtbad.out')
qa!
EOF
    PATH="$tmp/bin:$PATH" vimrun "$tmp/fmtbad.vim"
    if "$FORMC" fmt --stdout - < tests/fmt/messy.form | cmp -s - "$tmp/messy.form" &&
       [ "$(cat "$tmp/bad-copy.form")" = 'patient "x" {' ] &&
       [ "$(cat "$tmp/fmtbad.out" 2>/dev/null)" = "1:13:e" ]; then pass vim_fmt
    else fail vim_fmt "the buffer is not formc fmt's layout, or a file with errors was changed"; fi
fi

if ! command -v emacs >/dev/null 2>&1; then
    skip emacs "emacs is not installed"
else
    cp editors/emacs/formc-mode.el "$tmp/"
    if out=$(cd "$tmp" && timeout 120 emacs -Q --batch --eval '(setq byte-compile-error-on-warn t)' \
             -f batch-byte-compile formc-mode.el 2>&1); then pass emacs_byte_compile
    else fail emacs_byte_compile "$(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"; fi

    # compilation-messages FILE: each message compilation mode finds in
    # formc's output FILE, as FILE:LINE:COLUMN:TYPE (2 error, 1 warning,
    # 0 info), in order; the English and the French test both use it
    cat > "$tmp/messages.el" <<'EOF'
(defun compilation-messages (file)
  (let (found)
    (with-temp-buffer
      (insert-file-contents file)
      (compilation-mode)
      (setq-local compilation-error-regexp-alist '(formc))
      (font-lock-ensure)
      (goto-char (point-min))
      (while (not (eobp))
        (let ((m (get-text-property (point) 'compilation-message)))
          (when m
            (let ((loc (compilation--message->loc m)))
              (push (format "%s:%s:%s:%s" (caar (compilation--loc->file-struct loc)) (cadr loc)
                            (car loc) (compilation--message->type m))
                    found))))
        (forward-line 1)))
    (nreverse found)))
EOF
    cat > "$tmp/test.el" <<EOF
(load "$top/editors/emacs/formc-mode.el" nil t)
(defvar out nil)
(defun note (fmt &rest args) (push (apply #'format fmt args) out))
(defun face-at (re) (goto-char (point-min)) (re-search-forward re) (get-text-property (match-beginning 0) 'face))
(find-file "$top/$ADA")
(font-lock-ensure)
(note "mode=%s" major-mode)
(note "patient=%s born=%s date=%s scale=%s string=%s triple=%s comment=%s"
      (face-at "^patient") (face-at "born") (face-at "1989-09-04") (face-at "hfmps.self_oriented 94")
      (face-at "Adaeze") (face-at "you?") (face-at "the name her letter"))
(let ((orig (buffer-string)))
  (indent-region (point-min) (point-max))
  (note "indent=%s" (if (equal orig (buffer-string)) "same" "changed")))
(load "$tmp/messages.el" nil t)
(dolist (m (compilation-messages "$tmp/make.txt")) (note "%s" m))
(find-file "$tmp/messy-emacs.form")
(formc-format-buffer)
(save-buffer)
(find-file "$tmp/bad-emacs.form")
(formc-format-buffer)
(note "bad-modified=%s" (buffer-modified-p))
(with-temp-file "$tmp/emacs.out" (insert (mapconcat #'identity (nreverse out) "\n")))
EOF
    cp tests/fmt/messy.form "$tmp/messy-emacs.form"
    printf 'patient "x" {\n' > "$tmp/bad-emacs.form"
    PATH="$tmp/bin:$PATH" timeout 120 emacs -Q --batch -l "$tmp/test.el" >/dev/null 2>&1
    want="mode=formc-mode
patient=font-lock-keyword-face born=font-lock-builtin-face date=font-lock-constant-face scale=font-lock-variable-name-face string=font-lock-string-face triple=font-lock-string-face comment=font-lock-comment-face
indent=same"
    got=$(head -n 3 "$tmp/emacs.out" 2>/dev/null)
    if [ "$got" = "$want" ]; then pass emacs_mode
    else fail emacs_mode "$(printf '%s\n' "$got" | tr '\n' '|')"; fi
    got=$(tail -n +4 "$tmp/emacs.out" 2>/dev/null | grep -v -e ':1:1:2$' -e '^bad-modified=')
    want="bad.form:2:10:2
bad.form:5:1:2
bad.form:4:1:0"
    if [ "$got" = "$want" ]; then pass emacs_compilation
    else fail emacs_compilation "$(printf '%s\n' "$got" | tr '\n' '|')"; fi
    # formc's French in compilation mode: erreur an error (2), avertissement
    # a warning (1), note an info (0)
    cat > "$tmp/french.el" <<EOF
(load "$top/editors/emacs/formc-mode.el" nil t)
(load "$tmp/messages.el" nil t)
(with-temp-file "$tmp/emacs-fr.out"
  (insert (mapconcat #'identity (compilation-messages "$tmp/make-fr.txt") "\n")))
EOF
    timeout 120 emacs -Q --batch -l "$tmp/french.el" >/dev/null 2>&1
    got=$(grep -v ':1:1:2$' "$tmp/emacs-fr.out" 2>/dev/null)
    want="warn.form:2:10:2
warn.form:5:1:2
warn.form:4:1:0
warn.form:1:9:1"
    if [ "$got" = "$want" ]; then pass emacs_compilation_french
    else fail emacs_compilation_french "$(printf '%s\n' "$got" | tr '\n' '|')"; fi
    if "$FORMC" fmt --stdout - < tests/fmt/messy.form | cmp -s - "$tmp/messy-emacs.form" &&
       grep -qx 'bad-modified=nil' "$tmp/emacs.out" && [ "$(cat "$tmp/bad-emacs.form")" = 'patient "x" {' ]
    then pass emacs_fmt
    else fail emacs_fmt "the buffer is not formc fmt's layout, or a file with errors was changed"; fi

    # formc counts columns in characters, a tab as one; Emacs counted screen
    # columns, so on a line indented by a tab a jump from the compilation
    # buffer landed on the word before the problem; the second line (an
    # accent made of two characters, then a tab) is held as well
    mkdir -p "$tmp/emcols"
    printf 'patient "x" {\n\tborn 1989-13-01\n}\nclinician "Ele\314\201onore"\tborn 1989-13-01\n' > "$tmp/emcols/cols.form"
    (cd "$tmp/emcols" && "$FORMC" check cols.form 2> make.txt >/dev/null)
    cat > "$tmp/emcols/jump.el" <<EOF
(load "$top/editors/emacs/formc-mode.el" nil t)
(setq default-directory "$tmp/emcols/")
(defvar out nil)
(with-current-buffer (get-buffer-create "*compilation*")
  (insert-file-contents "$tmp/emcols/make.txt")
  (compilation-mode)
  (setq-local compilation-error-regexp-alist '(formc))
  (font-lock-ensure)
  (goto-char (point-min))
  (while (re-search-forward "^cols.form:[24]:[0-9]+: error: " nil t)
    (save-excursion
      (beginning-of-line)
      (compile-goto-error)
      (push (format "%s:%s" (line-number-at-pos)
                    (buffer-substring (point) (min (point-max) (+ (point) 4)))) out))
    (set-buffer "*compilation*")))
(with-temp-file "$tmp/emcols/jump.out" (insert (mapconcat #'identity (nreverse out) "\n")))
EOF
    timeout 120 emacs -Q --batch -l "$tmp/emcols/jump.el" >/dev/null 2>&1
    want="2:1989
4:born"
    got=$(cat "$tmp/emcols/jump.out" 2>/dev/null)
    if [ "$got" = "$want" ]; then pass emacs_columns_in_characters
    else fail emacs_columns_in_characters "$(printf '%s\n' "$got" | tr '\n' '|')"; fi
fi

bad=""
for f in editors/vscode/package.json editors/vscode/language-configuration.json \
         editors/vscode/syntaxes/formc.tmLanguage.json; do
    python3 -m json.tool "$f" >/dev/null 2>&1 || bad="$bad $f"
done
if [ -z "$bad" ]; then pass vscode_json; else fail vscode_json "not valid JSON:$bad"; fi

if ! command -v node >/dev/null 2>&1; then
    skip vscode_patterns "node is not installed"
else
    # every match/begin/end pattern compiles; the problem matcher reads a diagnostic
    if out=$(node -e '
        const fs = require("fs");
        const g = JSON.parse(fs.readFileSync("editors/vscode/syntaxes/formc.tmLanguage.json"));
        const pats = [];
        (function walk(o) {
            if (Array.isArray(o)) return o.forEach(walk);
            if (o && typeof o === "object")
                for (const [k, v] of Object.entries(o))
                    (["match", "begin", "end"].includes(k) ? pats.push(v) : walk(v));
        })(g);
        pats.forEach(p => new RegExp(p));
        const pkg = JSON.parse(fs.readFileSync("editors/vscode/package.json"));
        const pm = pkg.contributes.problemMatchers[0].pattern;
        const m = new RegExp(pm.regexp).exec(process.argv[1]);
        if (!m || m[pm.file] !== "bad.form" || m[pm.line] !== "2" || m[pm.column] !== "10" || m[pm.severity] !== "error")
            throw new Error("problem matcher: " + JSON.stringify(m));
        // a task given ${file} runs formc check on an absolute path, which
        // "relative" joined under the workspace folder (a file that is not
        // there): "autoDetect" takes a path as it is when it is absolute
        const abs = new RegExp(pm.regexp).exec(process.argv[2]);
        const loc = pkg.contributes.problemMatchers[0].fileLocation;
        if (!abs || !abs[pm.file].startsWith("/") || loc[0] !== "autoDetect")
            throw new Error("an absolute path with fileLocation " + JSON.stringify(loc));
        const words = new RegExp(g.repository.field.match);
        if (!words.test("born") || words.test("borne")) throw new Error("field words");
        console.log(pats.length);
    ' "$(head -n 1 "$tmp/make.txt" 2>/dev/null || echo none)" \
        "$("$FORMC" check "$tmp/bad.form" 2>&1 | head -n 1)" 2>&1); then pass vscode_patterns
    else fail vscode_patterns "$(printf '%s' "$out" | tail -n 2 | tr '\n' ' ')"; fi

    # each problem of formc check, in English and in French, is taken by
    # one of the extension's matchers with its severity, as VS Code reads
    # it (problemMatcher.ts getSeverity: the severity group's word when it
    # is error, warning, info or note, else the matcher's severity, else
    # error): erreur an error, avertissement a warning, note an info
    (cd "$tmp" && "$FORMC" check warn.form > /dev/null 2> make-en.txt)
    if out=$(node -e '
        const fs = require("fs");
        const pkg = JSON.parse(fs.readFileSync("editors/vscode/package.json"));
        const word = v => /^error$/i.test(v) || v === "E" ? "error" : /^warn(ing)?$/i.test(v) || v === "W" ? "warning"
            : /^(info|note|hint)$/i.test(v) || v === "I" ? "info" : null;
        const want = { error: "error", erreur: "error", warning: "warning", avertissement: "warning", note: "info" };
        let n = 0;
        for (const file of process.argv.slice(1))
            for (const line of fs.readFileSync(file, "utf8").split("\n")) {
                const level = /^[^ ]+:\d+:\d+: ([a-z]+)\u00a0?:/.exec(line);
                if (!level) continue;
                const got = pkg.contributes.problemMatchers.map(pm => {
                    const m = new RegExp(pm.pattern.regexp).exec(line);
                    if (!m) return null;
                    return (pm.pattern.severity && word(m[pm.pattern.severity])) || pm.severity || "error";
                }).filter(s => s);
                if (got.length !== 1 || got[0] !== want[level[1]])
                    throw new Error(JSON.stringify(got) + " for " + line);
                n++;
            }
        if (n < 8) throw new Error(n + " problems read");
    ' "$tmp/make-en.txt" "$tmp/make-fr.txt" 2>&1); then pass vscode_severity_french
    else fail vscode_severity_french "$(printf '%s' "$out" | grep -m 1 '^Error')"; fi
fi
