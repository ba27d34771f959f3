--- glossa for Neovim: starts `glossa lsp` for the configured filetypes and
--- adds commands to ask the glossary, reload it and show the entry of the term
--- under the cursor.
---
--- Three ways to start the client, picked by what the running Neovim has:
---   * 0.11+: `vim.lsp.config('glossa', …)` + `vim.lsp.enable('glossa')`, so a
---     user's own `vim.lsp.config('glossa', …)` merges with ours;
---   * 0.8–0.10: `vim.lsp.start` from a FileType autocommand;
---   * 0.7: `vim.lsp.start_client` once per root + `vim.lsp.buf_attach_client`.
local M = {}

local NAME = 'glossa'
local GROUP = 'glossa.start'

--- Filetypes attached by default: prose. Source files work too (the server
--- reads only their comments); add them to `filetypes` to opt in.
M.default_filetypes = { 'markdown', 'text', 'rst', 'asciidoc', 'asciidoctor', 'tex', 'plaintex', 'mdx' }

--- Filetypes of source files whose comments the server can read.
M.source_filetypes = {
  'rust',
  'python',
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'go',
  'c',
  'cpp',
  'java',
  'sh',
  'bash',
  'zsh',
  'lua',
  'toml',
  'yaml',
}

M.defaults = {
  cmd = { 'glossa', 'lsp' }, -- the server command line
  glossary = nil, -- list of glossary files or directories (SPEC §3), nil = the project's own
  filetypes = nil, -- nil = M.default_filetypes
  settings = {}, -- other keys of .glossa.toml: allow, rules, inlay_hints, bundled, …
  root_markers = { '.glossa.toml', '.git' },
  backend = 'auto', -- 'auto' | 'config' (0.11+) | 'start' (0.8+) | 'start_client' (0.7+)
  on_attach = nil, -- function(client, bufnr), as for any LSP client
  capabilities = nil, -- client capabilities to merge over Neovim's defaults
}

--- The options of the last `setup` call (nil before it).
M.options = nil
--- The backend in use after `setup`.
M.backend = nil

local clients_by_root = {} -- 0.7 backend: root directory → client id
local islist = vim.islist or vim.tbl_islist

local function has(version)
  return vim.fn.has('nvim-' .. version) == 1
end

local function notify(msg, level)
  vim.notify('glossa: ' .. msg, level or vim.log.levels.INFO)
end

--- The settings object sent as initializationOptions and, wrapped as
--- `{glossa = …}`, in workspace/didChangeConfiguration.
function M.server_settings(opts)
  opts = opts or M.options or M.defaults
  local settings = vim.deepcopy(opts.settings or {})
  if opts.glossary ~= nil then
    local list = type(opts.glossary) == 'table' and opts.glossary or { opts.glossary }
    local expanded = {}
    for _, path in ipairs(list) do
      table.insert(expanded, vim.fn.expand(path))
    end
    settings.glossary = expanded
  end
  return settings
end

--- The workspace root of a buffer: the nearest ancestor holding one of
--- `root_markers`, else the buffer's own directory.
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  local best
  for _, marker in ipairs((M.options or M.defaults).root_markers) do
    local found = vim.fn.finddir(marker, dir .. ';')
    if found == '' then
      found = vim.fn.findfile(marker, dir .. ';')
    end
    if found ~= '' then
      local root = vim.fn.fnamemodify(found, ':p:h')
      if vim.fn.isdirectory(found) == 1 then
        root = vim.fn.fnamemodify(vim.fn.fnamemodify(found, ':p'):gsub('/$', ''), ':h')
      end
      if not best or #root > #best then
        best = root
      end
    end
  end
  return best or dir
end

local function client_config(opts, root)
  local settings = M.server_settings(opts)
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  if opts.capabilities then
    capabilities = vim.tbl_deep_extend('force', capabilities, opts.capabilities)
  end
  return {
    name = NAME,
    cmd = opts.cmd,
    root_dir = root,
    init_options = settings,
    settings = { glossa = settings },
    capabilities = capabilities,
    on_attach = opts.on_attach,
  }
end

local function wants(opts, bufnr)
  if vim.bo[bufnr].buftype ~= '' then
    return false
  end
  local ft = vim.bo[bufnr].filetype
  for _, want in ipairs(opts.filetypes) do
    if ft == want then
      return true
    end
  end
  return false
end

--- The glossa client attached to a buffer (0 = current), or nil.
function M.client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local list = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr, name = NAME })
    or vim.lsp.buf_get_clients(bufnr)
  for _, c in pairs(list) do
    if c.name == NAME then
      return c
    end
  end
  return nil
end

local function attached(bufnr)
  return M.client(bufnr) ~= nil
end

local function start_client_07(opts, bufnr)
  local root = M.root_dir(bufnr)
  local id = clients_by_root[root]
  if id and (not vim.lsp.get_client_by_id(id) or vim.lsp.client_is_stopped(id)) then
    id = nil
  end
  if not id then
    id = vim.lsp.start_client(client_config(opts, root))
    if not id then
      notify('could not start ' .. table.concat(opts.cmd, ' '), vim.log.levels.ERROR)
      return
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

local function start(opts, bufnr)
  if not wants(opts, bufnr) or attached(bufnr) then
    return
  end
  if M.backend == 'start_client' then
    start_client_07(opts, bufnr)
  else
    vim.lsp.start(client_config(opts, M.root_dir(bufnr)), { bufnr = bufnr })
  end
end

local function pick_backend(wanted)
  local available = {
    config = vim.lsp.config ~= nil and vim.lsp.enable ~= nil,
    start = vim.lsp.start ~= nil,
    start_client = true,
  }
  if wanted == 'auto' then
    return available.config and 'config' or (available.start and 'start' or 'start_client')
  end
  if not available[wanted] then
    error('glossa: backend "' .. tostring(wanted) .. '" is not available in this Neovim')
  end
  return wanted
end

--- Starts glossa for the configured filetypes, in buffers opened from now on
--- and in those already open.
---
--- @param opts table|nil see `M.defaults` and `:help glossa-setup`
function M.setup(opts)
  opts = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if opts.glossary ~= nil and type(opts.glossary) ~= 'table' then
    opts.glossary = { opts.glossary }
  end
  opts.filetypes = opts.filetypes or vim.deepcopy(M.default_filetypes)
  if type(opts.cmd) == 'string' then
    opts.cmd = { opts.cmd, 'lsp' }
  end
  M.options = opts
  M.backend = pick_backend(opts.backend)

  local group = vim.api.nvim_create_augroup(GROUP, { clear = true })
  if M.backend == 'config' then
    local config = client_config(opts, nil)
    config.name = nil
    config.filetypes = opts.filetypes
    config.root_dir = function(bufnr, on_dir)
      on_dir(M.root_dir(bufnr))
    end
    vim.lsp.config(NAME, config)
    vim.lsp.enable(NAME)
    -- vim.lsp.enable attaches to already open buffers only after VimEnter;
    -- before it (setup from an init file or `-c`) do it here.
    if vim.v.vim_did_enter ~= 1 then
      for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
        if vim.api.nvim_buf_is_loaded(bufnr) and wants(opts, bufnr) and not attached(bufnr) then
          local resolved = vim.deepcopy(vim.lsp.config[NAME])
          resolved.name = NAME
          resolved.root_dir = M.root_dir(bufnr)
          vim.lsp.start(resolved, { bufnr = bufnr })
        end
      end
    end
    return
  end

  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      start(opts, args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      start(opts, bufnr)
    end
  end
end

-- Sends a request to one client, whatever the Neovim version's calling style.
local function request(client, method, params, handler, bufnr)
  if has('0.11') then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- Tells the user that a request failed.
local function notify_error(what, err)
  notify(what .. ': ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
end

--- The client attached to the current buffer; nil, after saying so, when
--- there is none.
local function attached_client()
  local client = M.client(0)
  if not client then
    notify('glossa is not attached to this buffer', vim.log.levels.WARN)
  end
  return client
end

local function need_client(bufnr)
  local client = M.client(bufnr)
  if not client then
    -- :GlossaAsk also works from a buffer that glossa does not attach to.
    local list = vim.lsp.get_clients and vim.lsp.get_clients({ name = NAME }) or vim.lsp.get_active_clients()
    for _, c in pairs(list) do
      if c.name == NAME then
        return c
      end
    end
    notify(
      'no glossa server is running; open a file of a configured filetype (see :checkhealth glossa)',
      vim.log.levels.WARN
    )
  end
  return client
end

local function markdown_lines(text)
  local lines = vim.split(text or '', '\n', { plain = true })
  while #lines > 0 and lines[#lines] == '' do
    table.remove(lines)
  end
  return lines
end

--- Opens a floating window with Markdown; returns its buffer and window.
function M.float(text, focus_id)
  return vim.lsp.util.open_floating_preview(markdown_lines(text), 'markdown', {
    border = 'rounded',
    focus_id = focus_id,
    max_width = math.max(40, math.floor(vim.o.columns * 0.7)),
    max_height = math.max(10, math.floor(vim.o.lines * 0.7)),
  })
end

--- Asks the glossary a question (`glossa.ask`); the answer opens in a
--- floating window. `callback(result)`, if given, receives the reply.
function M.ask(question, callback)
  if not question or vim.trim(question) == '' then
    notify('ask what? e.g. :GlossaAsk what is a permanent establishment', vim.log.levels.WARN)
    return
  end
  local client = need_client(0)
  if not client then
    return
  end
  local params = { command = 'glossa.ask', arguments = { question } }
  request(client, 'workspace/executeCommand', params, function(err, result)
    if err then
      notify_error('ask', err)
      return
    end
    local answer = result and result.answer or 'No answer.'
    M.float(answer, 'glossa-ask')
    if callback then
      callback(result)
    end
  end, vim.api.nvim_get_current_buf())
end

--- Reloads the glossary (`glossa.reload`) and reports the number of entries.
function M.reload(callback)
  local client = need_client(0)
  if not client then
    return
  end
  request(client, 'workspace/executeCommand', { command = 'glossa.reload', arguments = {} }, function(err, result)
    if err then
      notify_error('reload', err)
    else
      notify(string.format('glossary reloaded: %s terms', tostring(result and result.terms or '?')))
    end
    if callback then
      callback(err, result)
    end
  end, vim.api.nvim_get_current_buf())
end

local function position_params(client)
  return vim.lsp.util.make_position_params(0, client.offset_encoding or 'utf-16')
end

--- Shows the glossary entry of the term under the cursor in a floating window.
function M.definition(callback)
  local client = attached_client()
  if not client then
    return
  end
  request(client, 'textDocument/hover', position_params(client), function(err, result)
    if err then
      notify_error('definition', err)
      return
    end
    local contents = result and result.contents
    local text = type(contents) == 'table' and (contents.value or '') or (contents or '')
    if text == '' then
      notify('no glossary term under the cursor')
      return
    end
    M.float(text, 'glossa-definition')
    if callback then
      callback(text)
    end
  end, vim.api.nvim_get_current_buf())
end

--- Jumps to the glossary file entry of the term under the cursor.
function M.open_entry()
  local client = attached_client()
  if not client then
    return
  end
  request(client, 'textDocument/definition', position_params(client), function(err, result)
    if err or not result or (islist(result) and #result == 0) then
      notify('no glossary term under the cursor')
      return
    end
    local location = islist(result) and result[1] or result
    if vim.lsp.util.show_document then
      vim.lsp.util.show_document(location, client.offset_encoding or 'utf-16', { focus = true })
    else
      vim.lsp.util.jump_to_location(location, client.offset_encoding or 'utf-16')
    end
  end, vim.api.nvim_get_current_buf())
end

return M
