" Vim syntax file
" Language:    formc case formulations (*.form) and groups (*.group)
" Maintainer:  the formc project
"
" The statement and argument words below are the ones in formc's schema
" (compiler/front/schema.c); a unit test fails when one is missing here.

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syntax case match
" text in quotes may run over many lines; files are small
syntax sync fromstart

" Statements that open a block, or name a file
syntax keyword formcInclude include
syntax keyword formcSection patient clinician group assessment crp adaptation
syntax keyword formcSection object_relations in_group goal enactments letter
syntax keyword formcSection clinic instrument scale key import
" Fields inside blocks
syntax keyword formcField status language id preferred born pronouns
syntax keyword formcField acts_of_self expectations_of_others acts_of_others
syntax keyword formcField introject need affect defense past current expected
syntax keyword formcField therapists self members target by engagement
syntax keyword formcField pattern_interruption self_redefinition termination
syntax keyword formcField pattern code starts weeks meets place leader member
syntax keyword formcField phase address phone logo templates source range
syntax keyword formcField higher items reliability norm responses reverse scored
syntax keyword formcField prorate attended left id_column time_column timepoint dated
syntax keyword formcField date_column rater_column date_format missing item ignore
" Words used as arguments
syntax keyword formcValue draft final en fr pre post followup rater week to
syntax keyword formcValue worse better mean sd n sample sum

" instrument.scale, numbers and YYYY-MM-DD dates (later items win)
syntax match formcScale /\<\h\w*\.\h\w*\>/
syntax match formcNumber /-\=\<\d\+\%(\.\d\+\)\=\>/
syntax match formcDate /\<\d\{4}-\d\{2}-\d\{2}\>/

syntax match formcDelimiter /[{};,]/

" A placeholder, <words>: a value still to be written, on one line
syntax match formcPlaceholder /<[^>]*>/

" Text: "..." takes the escapes \" and \\ only; """...""" takes none and
" ends at the first run of three or more quotes.
syntax match formcEscape /\\[\\"]/ contained
syntax match formcBadEscape /\\[^\\"]/ contained
syntax region formcString start=/"/ skip=/\\[\\"]/ end=/"/ contains=formcEscape,formcBadEscape,@Spell
syntax region formcString start=/"""/ end=/"\{3,}/ contains=@Spell

syntax keyword formcTodo TODO FIXME XXX contained
syntax match formcComment /#.*$/ contains=formcTodo,@Spell

highlight default link formcInclude Include
highlight default link formcSection Structure
highlight default link formcField Statement
highlight default link formcValue Constant
highlight default link formcScale Identifier
highlight default link formcNumber Number
highlight default link formcDate Special
highlight default link formcDelimiter Delimiter
highlight default link formcPlaceholder Todo
highlight default link formcString String
highlight default link formcEscape SpecialChar
highlight default link formcBadEscape Error
highlight default link formcComment Comment
highlight default link formcTodo Todo

let b:current_syntax = 'formc'
let &cpo = s:cpo_save
unlet s:cpo_save
