" Vim filetype plugin
" Language:    formc case formulations (*.form) and groups (*.group)
" Maintainer:  the formc project

if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

" comments start with #; gf opens an include or member path
setlocal commentstring=#\ %s
setlocal comments=:#
setlocal formatoptions-=t formatoptions+=croql
setlocal expandtab shiftwidth=4 softtabstop=4
setlocal suffixesadd=.form,.group
setlocal iskeyword=@,48-57,_,192-255

" :make checks the file with formc
if !exists('current_compiler')
  compiler formc
endif

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< expandtab<'
      \ . ' shiftwidth< softtabstop< suffixesadd< iskeyword< makeprg< errorformat<'
      \ . ' | unlet! b:current_compiler'
