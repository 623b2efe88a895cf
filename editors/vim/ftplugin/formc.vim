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

" formc counts a column in characters, Vim in bytes: after :make (or
" :lmake) with formc, each problem's column is made the byte its character
" starts at, so the cursor lands on the problem on a line with accented
" letters (é is two bytes); and a French warning ("avertissement", whose
" type the errorformat reads as 'a') is made a warning
augroup formc_columns
  autocmd! * <buffer>
  autocmd QuickFixCmdPost <buffer> if &l:makeprg =~# '^formc\>'
        \ | call s:AfterMake(expand('<amatch>') =~# '^l') | endif
augroup END

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< expandtab<'
      \ . ' shiftwidth< softtabstop< suffixesadd< iskeyword< makeprg< errorformat<'
      \ . ' | unlet! b:current_compiler | delcommand FormcFmt | autocmd! formc_columns * <buffer>'

if exists('*s:FormcFmt')
  finish
endif

" The quickfix list (the location list when loc) with each column formc
" gave, in characters, made a column in bytes, and each French warning
" (type 'a', from "avertissement") a warning.
function! s:AfterMake(loc) abort
  let list = a:loc ? getloclist(0) : getqflist()
  let files = {}
  for e in list
    if e.valid && e.type ==# 'a'
      let e.type = 'w'
    endif
    if !e.valid || e.col <= 1 || e.vcol || e.bufnr <= 0
      continue
    endif
    if !has_key(files, e.bufnr)
      let name = bufname(e.bufnr)
      let files[e.bufnr] = bufloaded(e.bufnr) ? getbufline(e.bufnr, 1, '$')
            \ : filereadable(name) ? readfile(name) : []
    endif
    let byte = byteidxcomp(get(files[e.bufnr], e.lnum - 1, ''), e.col - 1)
    if byte >= 0
      let e.col = byte + 1
    endif
  endfor
  if a:loc
    call setloclist(0, list, 'r')
  else
    call setqflist(list, 'r')
  endif
endfunction

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
    call s:AfterMake(1)
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
