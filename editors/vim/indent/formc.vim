" Vim indent file
" Language:    formc case formulations (*.form) and groups (*.group)
" Maintainer:  the formc project
"
" One shiftwidth per open block; a line starting with } closes one; a list
" that ends a line with a comma continues one shiftwidth in. Lines inside a
" multi-line text keep the indentation they have.

if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal indentexpr=FormcIndent(v:lnum)
setlocal indentkeys=0},0{,!^F,o,O
setlocal autoindent
let b:undo_indent = 'setlocal indentexpr< indentkeys< autoindent<'

if exists('*FormcIndent')
  finish
endif

" True when the character at (lnum, col) is inside a string or a comment.
function! s:InTextOrComment(lnum, col) abort
  let name = synIDattr(synID(a:lnum, a:col, 0), 'name')
  return name =~# 'formc\%(String\|Escape\|BadEscape\|Comment\|Todo\)'
endfunction

" The braces a line opens (positive) or closes (negative), outside text and
" comments, and whether its code ends with a comma.
function! s:Balance(lnum) abort
  let line = getline(a:lnum)
  let depth = 0
  let last = ''
  for col in range(1, strlen(line))
    if s:InTextOrComment(a:lnum, col)
      continue
    endif
    let c = line[col - 1]
    if c ==# '{'
      let depth += 1
    elseif c ==# '}'
      let depth -= 1
    endif
    if c !~# '\s'
      let last = c
    endif
  endfor
  return [depth, last ==# ',']
endfunction

" True when line lnum starts inside text that began on an earlier line.
function! s:StartsInText(lnum) abort
  let line = getline(a:lnum)
  " a comment line, or an unindented line whose quote opens a text
  if line =~# '^\s*#' || line =~# '^"'
    return 0
  endif
  return s:InTextOrComment(a:lnum, 1)
endfunction

" The nearest line at or above lnum that is neither blank nor only a comment.
function! s:PrevCode(lnum) abort
  let l = prevnonblank(a:lnum)
  while l > 0 && getline(l) =~# '^\s*#'
    let l = prevnonblank(l - 1)
  endwhile
  return l
endfunction

" The first line of the statement that line lnum ends (a text in quotes
" may run over several lines).
function! s:StatementStart(lnum) abort
  let l = a:lnum
  while l > 1 && s:StartsInText(l)
    let l = prevnonblank(l - 1)
  endwhile
  return l
endfunction

function! FormcIndent(lnum) abort
  " inside a multi-line string: keep what the writer chose
  if s:StartsInText(a:lnum)
    return -1
  endif
  let last = s:PrevCode(a:lnum - 1)
  if last == 0
    return 0
  endif
  let start = s:StatementStart(last)
  let opened = 0
  for l in range(start, last)
    let opened += s:Balance(l)[0]
  endfor
  let comma = s:Balance(last)[1]
  let ind = indent(start) + shiftwidth() * (opened > 0)
  " a list continued after a trailing comma: its later lines go one step in,
  " and the line after the list comes back out
  let before = s:PrevCode(start - 1)
  let continued = before > 0 && s:Balance(before)[1]
  if comma && !continued
    let ind += shiftwidth()
  elseif !comma && continued
    let ind -= shiftwidth()
  endif
  if getline(a:lnum) =~# '^\s*}'
    let ind -= shiftwidth()
  endif
  return ind < 0 ? 0 : ind
endfunction
