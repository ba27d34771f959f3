# glossa for Kakoune with kakoune-lsp (kak-lsp): add to your kakrc after
# kakoune-lsp is loaded and `lsp-enable` is called. Needs `glossa` on PATH.
# (kak-lsp before version 17 reads kak-lsp.toml instead: the table below goes
# there as [language_server.glossa] with `filetypes = ["markdown", ...]`.)

hook -group lsp-filetype-glossa global BufSetOption filetype=(markdown|asciidoc|restructuredtext|latex) %{
    set-option -add buffer lsp_servers %{
        [glossa]
        root_globs = [".glossa.toml", ".git"]
        command = "glossa"
        args = ["lsp"]
        settings_section = "glossa"
        [glossa.settings.glossa]
        rules = { expand-on-first-use = "info" }
    }
}
