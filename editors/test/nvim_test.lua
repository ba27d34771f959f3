-- End-to-end test of the Neovim plugin in editors/nvim against `glossa lsp`.
-- Run by editors/test/run.sh as
--   nvim --headless --clean --cmd 'set rtp+=editors/nvim' -c 'luafile nvim_test.lua' WS/doc.md
-- Env: GLOSSA_BIN (the server), WS (a scratch copy of fixtures/workspace),
--      BACKEND (auto | config | start | start_client).
-- Prints one "ok: …" line per check; exits non-zero at the first failure.
local ws = assert(os.getenv('WS'), 'WS is not set')
local bin = assert(os.getenv('GLOSSA_BIN'), 'GLOSSA_BIN is not set')
local backend = os.getenv('BACKEND') or 'auto'
local glossary_file = ws .. '/glossary/terms.toml'

local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end
local function ok(msg)
  io.stdout:write('ok: ' .. msg .. '\n')
end
local function check(cond, msg)
  if not cond then
    fail(msg)
  end
end

-- Errors raised inside callbacks would otherwise only be printed.
local notified = {}
vim.notify = function(msg, level)
  table.insert(notified, msg)
  if level and level >= vim.log.levels.ERROR then
    fail('notification: ' .. msg)
  end
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

--- The first floating window to open within 10 s, or nil.
local function wait_for_float()
  local float
  vim.wait(10000, function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= '' then
        float = win
        return true
      end
    end
  end, 20)
  return float
end

-- 0-based line of the `[[term]]` header of an entry in the fixture glossary.
local function header_line(id)
  local header
  for i, line in ipairs(vim.fn.readfile(glossary_file)) do
    if line == '[[term]]' then
      header = i - 1
    elseif line == 'id = "' .. id .. '"' then
      return header
    end
  end
  fail('fixture has no entry ' .. id)
end

-- Position (0-based line, UTF-16 column) of the first `word` in the buffer.
local function position_of(bufnr, word)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(word, 1, true)
    if col then
      return { line = i - 1, character = col }
    end
  end
  fail('no "' .. word .. '" in the buffer')
end

local function request(bufnr, method, params)
  local replies, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  check(replies, method .. ': no reply (' .. tostring(err) .. ')')
  for _, reply in pairs(replies) do
    check(not reply.err, method .. ': ' .. vim.inspect(reply.err))
    return reply.result
  end
end

local v = vim.version()
ok(string.format('Neovim %d.%d.%d, backend %s', v.major, v.minor, v.patch, backend))

local glossa = require('glossa')
glossa.setup({ cmd = { bin, 'lsp' }, glossary = { glossary_file }, backend = backend })
check(backend == 'auto' or glossa.backend == backend, 'backend is ' .. tostring(glossa.backend))
ok('setup() picked backend ' .. glossa.backend)

local doc = vim.api.nvim_get_current_buf()
check(vim.bo[doc].filetype == 'markdown', 'filetype is ' .. vim.bo[doc].filetype)
local attached = vim.wait(15000, function()
  local c = glossa.client(doc)
  return c ~= nil and c.initialized == true
end, 20)
check(attached, 'no glossa client attached within 15 s')
local client = glossa.client(doc)
check(client.config.root_dir == ws, 'root_dir is ' .. tostring(client.config.root_dir))
ok('client attached, root ' .. client.config.root_dir)

-- Hover on "establishment" inside "permanent establishment".
local uri = vim.uri_from_bufnr(doc)
local pos = position_of(doc, 'establishment')
local hover = request(doc, 'textDocument/hover', { textDocument = { uri = uri }, position = pos })
check(hover and hover.contents, 'hover: no result')
local text = type(hover.contents) == 'table' and (hover.contents.value or '') or hover.contents
check(text:find('Permanent Establishment', 1, true), 'hover has no name: ' .. text)
check(text:find('fixed place of business', 1, true), 'hover has no definition: ' .. text)
ok('hover shows the definition')

-- Definition: the entry's [[term]] header in the glossary file.
local def = request(doc, 'textDocument/definition', { textDocument = { uri = uri }, position = pos })
check(def, 'definition: no result')
local loc = (vim.islist or vim.tbl_islist)(def) and def[1] or def
local target_uri = loc.uri or loc.targetUri
local target_range = loc.range or loc.targetSelectionRange
check(vim.uri_to_fname(target_uri) == glossary_file, 'definition goes to ' .. tostring(target_uri))
local want_line = header_line('permanent-establishment')
check(
  target_range.start.line == want_line,
  string.format('definition goes to line %d, the header is on %d', target_range.start.line, want_line)
)
ok(string.format('definition goes to terms.toml:%d', want_line + 1))

-- Diagnostics: an undefined acronym.
local function diagnostic(code)
  for _, d in ipairs(vim.diagnostic.get(doc)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    if (d.code or lsp.code) == code then
      return d
    end
  end
end
local got = vim.wait(10000, function()
  return diagnostic('undefined-acronym') ~= nil
end, 20)
check(got, 'no undefined-acronym diagnostic; have ' .. vim.inspect(vim.diagnostic.get(doc)))
local acronym = diagnostic('undefined-acronym')
check(acronym.message:find('FBAR', 1, true), 'undefined-acronym message: ' .. acronym.message)
check(acronym.severity == vim.diagnostic.severity.WARN, 'undefined-acronym severity ' .. acronym.severity)
ok('diagnostic: ' .. acronym.message)

-- The diagnostic as the server sent it, for the code action context.
local function lsp_diagnostic(d)
  local lsp = d.user_data and d.user_data.lsp or {}
  if lsp.range then
    return lsp
  end
  local line = vim.api.nvim_buf_get_lines(doc, d.lnum, d.lnum + 1, false)[1] or ''
  local from = vim.str_utfindex(line, d.col)
  local to = vim.str_utfindex(line, math.min(d.end_col, #line))
  return vim.tbl_extend('keep', lsp, {
    range = { start = { line = d.lnum, character = from }, ['end'] = { line = d.end_lnum, character = to } },
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = d.code,
  })
end

-- Applies a code action for a diagnostic: the one titled `prefer` when there
-- is one, else the first. Returns its title and the URIs it edited.
local function apply_action(d, prefer)
  local diag = lsp_diagnostic(d)
  local actions = request(doc, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = diag.range,
    context = { diagnostics = { diag } },
  })
  check(actions and #actions > 0, 'no code action for ' .. d.message)
  local action
  for _, a in ipairs(actions) do
    if a.title == prefer then
      action = a
    end
  end
  action = action or actions[1]
  if not action.edit and not action.command and client.server_capabilities.codeActionProvider.resolveProvider then
    action = request(doc, 'codeAction/resolve', action)
  end
  local uris = {}
  if action.edit then
    for u in pairs(action.edit.changes or {}) do
      table.insert(uris, u)
    end
    for _, change in ipairs(action.edit.documentChanges or {}) do
      table.insert(uris, change.textDocument and change.textDocument.uri or change.uri or change.newUri)
    end
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  end
  local command = type(action.command) == 'table' and action.command or nil
  if command then
    request(doc, 'workspace/executeCommand', { command = command.command, arguments = command.arguments })
  end
  return action.title, uris
end

local title, uris = apply_action(acronym, 'Add FBAR to the glossary')
check(#uris > 0, 'code action "' .. title .. '" edits nothing')
for _, edited in ipairs(uris) do
  local text = buffer_text(vim.uri_to_bufnr(edited))
  check(text:find('FBAR', 1, true), '"' .. title .. '" left ' .. edited .. ' without FBAR:\n' .. text)
end
ok('code action "' .. title .. '" wrote FBAR into ' .. vim.fn.fnamemodify(vim.uri_to_fname(uris[#uris]), ':t'))

-- Saved, and the glossary reloaded with :GlossaReload: FBAR is defined now.
vim.cmd('silent wall')
notified = {}
vim.cmd('GlossaReload')
check(
  vim.wait(10000, function()
    return #notified > 0
  end, 20),
  ':GlossaReload said nothing'
)
local want_terms = title == 'Add FBAR to the glossary' and '6 terms' or '5 terms'
check(notified[1]:find(want_terms, 1, true), ':GlossaReload said: ' .. notified[1] .. ', not ' .. want_terms)
ok(':GlossaReload: ' .. notified[1])
check(
  vim.wait(10000, function()
    return diagnostic('undefined-acronym') == nil
  end, 20),
  'FBAR is still undefined after "' .. title .. '" and a reload'
)
ok('FBAR is no longer reported after the reload')

-- The expand-on-first-use fix rewrites the document itself.
got = vim.wait(10000, function()
  return diagnostic('expand-on-first-use') ~= nil
end, 20)
check(got, 'no expand-on-first-use diagnostic')
title = apply_action(diagnostic('expand-on-first-use'))
local line = vim.api.nvim_buf_get_lines(doc, 5, 6, false)[1]
check(
  line == 'Banks report account balances to other countries under the Common Reporting Standard (CRS).',
  '"' .. title .. '" gave: ' .. line
)
ok('code action "' .. title .. '" expanded CRS in the document')

-- :GlossaAsk answers in a floating window.
vim.cmd('GlossaAsk what is a permanent establishment?')
local float = wait_for_float()
check(float, ':GlossaAsk opened no floating window')
local answer = buffer_text(vim.api.nvim_win_get_buf(float))
check(answer:find('fixed place of business', 1, true), ':GlossaAsk window shows: ' .. answer)
ok(':GlossaAsk answered in a floating window')
vim.api.nvim_win_close(float, true)

-- :GlossaDefinition shows the entry under the cursor.
vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.character })
vim.cmd('GlossaDefinition')
float = wait_for_float()
check(float, ':GlossaDefinition opened no floating window')
check(
  buffer_text(vim.api.nvim_win_get_buf(float)):find('fixed place of business', 1, true),
  ':GlossaDefinition shows: ' .. buffer_text(vim.api.nvim_win_get_buf(float))
)
ok(':GlossaDefinition showed the entry')
vim.api.nvim_win_close(float, true)

-- :checkhealth glossa
vim.cmd('checkhealth glossa')
local report = buffer_text(vim.api.nvim_get_current_buf())
check(report:find('server: ' .. bin, 1, true), 'checkhealth does not name the server:\n' .. report)
check(report:find('client %d+ running'), 'checkhealth does not see the client:\n' .. report)
check(not report:find('ERROR', 1, true), 'checkhealth reports an error:\n' .. report)
ok(':checkhealth glossa is clean')

-- :help glossa, from tags built in a copy of doc/ (the repository stays as it is).
local docs = vim.fn.tempname()
vim.fn.mkdir(docs .. '/doc', 'p')
local plugin_doc = vim.api.nvim_get_runtime_file('doc/glossa.txt', false)[1]
check(plugin_doc, 'doc/glossa.txt is not on the runtimepath')
vim.fn.writefile(vim.fn.readfile(plugin_doc), docs .. '/doc/glossa.txt')
vim.cmd('helptags ' .. vim.fn.fnameescape(docs .. '/doc'))
vim.opt.runtimepath:prepend(docs)
for _, tag in ipairs({ 'glossa', 'glossa-setup', ':GlossaAsk', ':GlossaReload', ':GlossaDefinition', 'glossa.setup()' }) do
  vim.cmd('help ' .. tag)
  check(vim.fn.expand('%:t') == 'glossa.txt', ':help ' .. tag .. ' opened ' .. vim.fn.expand('%:t'))
  vim.cmd('close')
end
ok(':help glossa works')

vim.lsp.stop_client(client.id)
vim.cmd('qall!')
