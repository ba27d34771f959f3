-- glossa's commands. They work once require('glossa').setup() has started a
-- client; `:checkhealth glossa` says what is missing when they do not.
if vim.g.loaded_glossa then
  return
end
vim.g.loaded_glossa = true

local function glossa()
  return require('glossa')
end

vim.api.nvim_create_user_command('GlossaAsk', function(args)
  if args.args ~= '' then
    glossa().ask(args.args)
    return
  end
  vim.ui.input({ prompt = 'Ask the glossary: ' }, function(question)
    if question then
      glossa().ask(question)
    end
  end)
end, { nargs = '*', desc = 'Ask the glossary a question; the answer opens in a floating window' })

vim.api.nvim_create_user_command('GlossaReload', function()
  glossa().reload()
end, { nargs = 0, desc = 'Reload the glossary' })

vim.api.nvim_create_user_command('GlossaDefinition', function()
  glossa().definition()
end, { nargs = 0, desc = 'Show the glossary entry of the term under the cursor' })

vim.api.nvim_create_user_command('GlossaEntry', function()
  glossa().open_entry()
end, { nargs = 0, desc = 'Open the glossary file at the entry of the term under the cursor' })
