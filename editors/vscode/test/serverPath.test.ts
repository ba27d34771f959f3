import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundledDir, findServer, Machine } from '../src/serverPath';

function machine(files: string[], over: Partial<Machine> = {}): Machine {
  const set = new Set(files);
  return {
    platform: 'linux',
    arch: 'x64',
    pathEnv: '/usr/local/bin:/usr/bin',
    home: '/home/me',
    isExecutable: (f) => set.has(f),
    ...over,
  };
}

const EXT = '/ext/glossa-0.1.0';

test('the setting wins over the bundled binary and PATH', () => {
  const m = machine(['/opt/glossa', `${EXT}/bin/linux-x64/glossa`, '/usr/bin/glossa']);
  assert.deepEqual(findServer('/opt/glossa', EXT, m), { ok: true, command: '/opt/glossa', source: 'setting' });
});

test('a setting that points nowhere is an error, not a silent fallback', () => {
  const m = machine([`${EXT}/bin/linux-x64/glossa`]);
  const lookup = findServer('/nowhere/glossa', EXT, m);
  assert.equal(lookup.ok, false);
  assert.match(lookup.ok ? '' : lookup.message, /glossa\.server\.path is set to "\/nowhere\/glossa"/);
});

test('~ in the setting is the home directory', () => {
  const m = machine(['/home/me/.cargo/bin/glossa']);
  assert.deepEqual(findServer('~/.cargo/bin/glossa', EXT, m), {
    ok: true,
    command: '/home/me/.cargo/bin/glossa',
    source: 'setting',
  });
});

test('without a setting the binary shipped for this platform is used', () => {
  const m = machine([`${EXT}/bin/linux-x64/glossa`, '/usr/bin/glossa']);
  for (const setting of [undefined, '', '   ']) {
    assert.deepEqual(findServer(setting, EXT, m), {
      ok: true,
      command: `${EXT}/bin/linux-x64/glossa`,
      source: 'bundled',
    });
  }
});

test('a binary shipped for another platform is not used', () => {
  const m = machine([`${EXT}/bin/darwin-arm64/glossa`, '/usr/bin/glossa']);
  assert.deepEqual(findServer('', EXT, m), { ok: true, command: '/usr/bin/glossa', source: 'path' });
});

test('PATH is searched in order', () => {
  const m = machine(['/usr/local/bin/glossa', '/usr/bin/glossa']);
  assert.deepEqual(findServer('', EXT, m), { ok: true, command: '/usr/local/bin/glossa', source: 'path' });
});

test('Windows: glossa.exe and ;-separated PATH', () => {
  const m = machine(['C:\\tools/glossa.exe'], { platform: 'win32', pathEnv: 'C:\\other;C:\\tools' });
  const lookup = findServer('', EXT, m);
  assert.equal(lookup.ok && lookup.source, 'path');
  assert.equal(bundledDir(EXT, { platform: 'win32', arch: 'x64' }).endsWith('win32-x64'), true);
});

test('nothing found: a message that says how to fix it', () => {
  const lookup = findServer('', EXT, machine([], { pathEnv: undefined }));
  assert.equal(lookup.ok, false);
  const message = lookup.ok ? '' : lookup.message;
  assert.match(message, /no binary for linux-x64/);
  assert.match(message, /glossa\.server\.path/);
  assert.match(message, /cargo install/);
});
