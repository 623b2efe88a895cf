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

" :FormcFmt lays the buffer out as `formc fmt` does; on a syntax error the
" buffer is left as it is and the problems go to the location list
command! -buffer -bar FormcFmt call s:FormcFmt()

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< expandtab<'
      \ . ' shiftwidth< softtabstop< suffixesadd< iskeyword< makeprg< errorformat<'
      \ . ' | unlet! b:current_compiler | delcommand FormcFmt'

if exists('*s:FormcFmt')
  finish
endif

function! s:FormcFmt() abort
  let errors = tempname()
  " a POSIX shell, and formc's messages kept out of the captured layout
  let saved = [&shell, &shellcmdflag]
  set shell=sh shellcmdflag=-c
  try
    let lines = systemlist('( formc fmt --stdout - 2>' . shellescape(errors) . ' )', getline(1, '$'))
  finally
    let [&shell, &shellcmdflag] = saved
  endtry
  if v:shell_error
    let msgs = filereadable(errors) ? readfile(errors) : lines
    call map(msgs, {_, l -> substitute(l, '^<stdin>:', bufname('%') . ':', '')})
    call setloclist(0, [], 'r', {'lines': msgs, 'efm': &l:errorformat, 'title': 'formc fmt'})
    echohl ErrorMsg | echomsg 'formc fmt: the file has errors; see :lopen' | echohl None
  elseif lines !=# getline(1, '$')
    let view = winsaveview()
    silent keepjumps call setline(1, lines)
    if line('$') > len(lines)
      silent keepjumps execute (len(lines) + 1) . ',$delete _'
    endif
    call winrestview(view)
  endif
  call delete(errors)
endfunction
