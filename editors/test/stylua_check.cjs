// Checks that the Lua files of the Neovim plugin and its test are formatted as
// StyLua (with editors/nvim/.stylua.toml) would format them. Uses StyLua's
// WebAssembly build from npm (@johnnymorganz/stylua, installed by setup.sh).
// Usage: NODE_PATH=$EDTEST/stylua/node_modules node stylua_check.cjs FILE...
const fs = require('fs');
const path = require('path');
const stylua = require('@johnnymorganz/stylua');

const settings = {};
for (const line of fs.readFileSync(path.join(__dirname, '../nvim/.stylua.toml'), 'utf8').split('\n')) {
  const m = /^(\w+)\s*=\s*"?([^"]*)"?\s*$/.exec(line.trim());
  if (m) settings[m[1]] = m[2];
}

function config() {
  const c = stylua.Config.new();
  c.column_width = Number(settings.column_width);
  c.indent_type = stylua.IndentType[settings.indent_type];
  c.indent_width = Number(settings.indent_width);
  c.quote_style = stylua.QuoteStyle[settings.quote_style];
  return c;
}

let bad = 0;
for (const file of process.argv.slice(2)) {
  const source = fs.readFileSync(file, 'utf8');
  const formatted = stylua.formatCode(source, config(), undefined, stylua.OutputVerification.None);
  if (formatted === source) {
    console.log(`ok: ${file}`);
    continue;
  }
  bad++;
  const a = source.split('\n');
  const b = formatted.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  console.log(`FAIL: ${file}:${i + 1} is not formatted as StyLua would:\n  ${a[i]}\n  → ${b[i]}`);
}
process.exit(bad ? 1 : 0);
