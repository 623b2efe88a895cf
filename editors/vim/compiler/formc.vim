" Vim compiler file
" Compiler:    formc check
" Maintainer:  the formc project
"
" :make runs `formc check` on the current file and fills the quickfix list
" from diagnostics of the form
"     file:line:col: error|warning|note: message
" or, when formc speaks French (the locale's language, or FORMC_LANG=fr),
"     file:line:col: erreur|avertissement|note : message
" (a no-break space before the colon). Vim takes a problem's type from one
" letter of its level: a French warning's is its 'a', which the filetype
" plugin makes a warning ('w') once :make is done, as it does the columns.
" The source line and caret that follow each one are skipped. formc counts
" columns in characters, Vim in bytes: the filetype plugin
" (ftplugin/formc.vim) turns each column into the byte its character starts
" at once :make is done, so the cursor lands on the problem on a line with
" accented letters too.

if exists('current_compiler')
  finish
endif
let current_compiler = 'formc'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=formc\ check\ %:S
CompilerSet errorformat=
      \%f:%l:%c:\ %trror:\ %m,
      \%f:%l:%c:\ %tarning:\ %m,
      \%f:%l:%c:\ %tote:\ %m,
      \%f:%l:%c:\ %trreur :\ %m,
      \%f:%l:%c:\ %tvertissement :\ %m,
      \%f:%l:%c:\ %tote :\ %m,
      \%-Gformc:\ %*\\d\ more\ %.%#,
      \formc:\ %trror:\ %m,
      \formc:\ %tarning:\ %m,
      \formc:\ %trreur :\ %m,
      \formc:\ %tvertissement :\ %m,
      \formc\ %*[a-z]:\ %m,
      \%f:\ %trror:\ %m,
      \%f:\ %tarning:\ %m,
      \%f:\ %trreur :\ %m,
      \%f:\ %tvertissement :\ %m,
      \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
