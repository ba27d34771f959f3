// Bundles the extension (dist/extension.js) or, with --tests, the unit tests
// (out/test/*.test.js, run by `node --test out/test/`).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';

const tests = process.argv.includes('--tests');
const watch = process.argv.includes('--watch');

const options = tests
  ? {
      entryPoints: readdirSync('test')
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => `test/${f}`),
      outdir: 'out/test',
      external: ['vscode'],
    }
  : {
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
      minify: !watch,
    };

const context = await esbuild.context({
  ...options,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: watch,
  logLevel: 'warning',
});
if (watch) {
  await context.watch();
} else {
  await context.rebuild();
  await context.dispose();
}
