" Vim compiler file for proglint (vim and neovim).
"
" Install: copy to ~/.vim/compiler/proglint.vim
"          (neovim: ~/.config/nvim/compiler/proglint.vim).
" Use:     :compiler proglint    (for this buffer; :compiler! proglint for all)
"          :make %          lint the current document
"          :make seeds/     lint a folder
"          :copen           the findings, one per line; :cnext / :cprev jump
" Or in your vimrc, for every markdown file:
"          autocmd FileType markdown compiler proglint
"
" proglint --format concise prints one finding per line:
"     path:line:col: severity CODE message
" severity is error, warning or info; the quickfix list gets the type (E, W,
" I) and "CODE message" as the text.  Lines that are not findings (a usage
" error, say) stay in the list as plain text so they are not lost.
" Columns count characters, as Vim's %c does for a line without tabs.

if exists("current_compiler")
  finish
endif
let current_compiler = "proglint"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

CompilerSet makeprg=proglint\ --format\ concise
CompilerSet errorformat=%f:%l:%c:\ %trror\ %m,%f:%l:%c:\ %tarning\ %m,%f:%l:%c:\ %tnfo\ %m
