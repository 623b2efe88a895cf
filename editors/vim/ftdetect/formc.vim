" formc formulation (*.form) and group (*.group) files.
autocmd BufNewFile,BufRead *.form,*.group setfiletype formc
