--- `:checkhealth glossa`: is the server there, does it run, is a client attached.
local M = {}

-- vim.health (0.8+) or the older `health` module (0.7), with either name set.
local health = vim.health or require('health')
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local fail = health.error or health.report_error
local info = health.info or health.report_info

function M.check()
  local glossa = require('glossa')
  start('glossa')

  local v = vim.version()
  local version = string.format('%d.%d.%d', v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.7') == 1 then
    ok('Neovim ' .. version)
  else
    fail('Neovim ' .. version .. ' is too old', { 'glossa needs Neovim 0.7 or newer' })
  end

  local opts = glossa.options
  if not opts then
    warn('setup() has not been called', { "add require('glossa').setup({}) to your configuration" })
    opts = glossa.defaults
  else
    ok('setup() called; starting the client with ' .. tostring(glossa.backend))
  end

  local exe = opts.cmd[1]
  if vim.fn.executable(exe) ~= 1 then
    fail('server not found: ' .. exe, {
      'install glossa (cargo install --path . in its repository) so that `glossa` is on $PATH',
      "or set the full path: require('glossa').setup({ cmd = { '/path/to/glossa', 'lsp' } })",
    })
  else
    local out = vim.fn.system({ exe, '--version' })
    if vim.v.shell_error == 0 then
      ok('server: ' .. vim.fn.exepath(exe) .. ' (' .. vim.trim(out) .. ')')
    else
      fail('`' .. exe .. ' --version` failed: ' .. vim.trim(out))
    end
  end

  local settings = glossa.server_settings(opts)
  if settings.glossary then
    for _, path in ipairs(settings.glossary) do
      if vim.fn.filereadable(path) == 1 or vim.fn.isdirectory(path) == 1 or not path:match('^/') then
        ok('glossary: ' .. path)
      else
        warn('glossary not found: ' .. path)
      end
    end
  else
    info("glossary: the project's glossary/ directory or .glossa.toml, else the bundled one")
  end
  info('filetypes: ' .. table.concat(opts.filetypes or glossa.default_filetypes, ', '))

  local list = vim.lsp.get_clients and vim.lsp.get_clients({ name = 'glossa' }) or vim.lsp.get_active_clients()
  local running = 0
  for _, c in pairs(list) do
    if c.name == 'glossa' then
      running = running + 1
      ok(string.format('client %d running, root %s', c.id, tostring(c.config.root_dir)))
    end
  end
  if running == 0 then
    info('no glossa client is running; open a file of one of the filetypes above')
  end
end

return M
