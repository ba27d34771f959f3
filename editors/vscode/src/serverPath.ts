/**
 * Finding the glossa binary: the `glossa.server.path` setting, else the
 * binary shipped inside the extension (`bin/<platform>-<arch>/glossa`), else
 * `glossa` on `PATH`. This file does not import `vscode`: the unit tests
 * call it with a stand-in file system.
 */
import * as path from 'node:path';

/** Where the binary was found. */
export type ServerSource = 'setting' | 'bundled' | 'path';

/** The binary to run, or why there is none. */
export type ServerLookup =
  | { ok: true; command: string; source: ServerSource }
  | { ok: false; message: string };

/** What the lookup needs to know about the machine. */
export interface Machine {
  platform: NodeJS.Platform;
  arch: string;
  /** The `PATH` environment variable. */
  pathEnv: string | undefined;
  /** The home directory, for a `~` in the setting. */
  home?: string;
  /** True when `file` exists, is a file and can be run. */
  isExecutable(file: string): boolean;
}

/** The folder of the extension that holds the binary for this machine. */
export function bundledDir(extensionPath: string, machine: Pick<Machine, 'platform' | 'arch'>): string {
  return path.join(extensionPath, 'bin', `${machine.platform}-${machine.arch}`);
}

function exeName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'glossa.exe' : 'glossa';
}

/** Looks for the server as described at the top of this file. */
export function findServer(setting: string | undefined, extensionPath: string, machine: Machine): ServerLookup {
  const configured = (setting ?? '').trim();
  if (configured !== '') {
    let file = configured;
    if (machine.home && (file === '~' || file.startsWith('~/'))) {
      file = machine.home + file.slice(1);
    }
    if (machine.isExecutable(file)) {
      return { ok: true, command: file, source: 'setting' };
    }
    return {
      ok: false,
      message: `glossa.server.path is set to "${configured}", which is not an executable file. Fix the path or clear the setting to use the bundled server.`,
    };
  }

  const bundled = path.join(bundledDir(extensionPath, machine), exeName(machine.platform));
  if (machine.isExecutable(bundled)) {
    return { ok: true, command: bundled, source: 'bundled' };
  }

  const separator = machine.platform === 'win32' ? ';' : ':';
  for (const dir of (machine.pathEnv ?? '').split(separator)) {
    if (dir === '') {
      continue;
    }
    const candidate = path.join(dir, exeName(machine.platform));
    if (machine.isExecutable(candidate)) {
      return { ok: true, command: candidate, source: 'path' };
    }
  }
  return {
    ok: false,
    message:
      `The glossa language server was not found: this extension ships no binary for ${machine.platform}-${machine.arch} ` +
      'and there is no glossa on PATH. Install it (cargo install glossa, or cargo install --path . in its repository) ' +
      'or set glossa.server.path to the binary.',
  };
}
