// Bundles the three entry points (client, server + CLI + workers, webview) with esbuild.
// `--watch` rebuilds on change; `--production` minifies. Type checking is `npm run typecheck` (tsc -b).
import * as esbuild from 'esbuild';
import { precompiledValidator } from './precompile-validator.mjs';
import { bundledServiceSpec } from './service-spec.mjs';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Prints errors the way VS Code's esbuild problem matcher reads them. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  plugins: [problemMatcher],
  legalComments: 'none',
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/** @type {import('esbuild').BuildOptions[]} */
export const builds = [
  { ...node, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'client/out', external: ['vscode'] },
  {
    ...node,
    entryPoints: {
      server: 'server/src/lsp/server.ts',
      cli: 'server/src/cli/main.ts',
      'layout-worker': 'server/src/layout/layout-worker.ts',
      'handler-worker': 'server/src/simulate-host/handler-worker.ts',
    },
    outdir: 'server/out',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [...common.plugins, precompiledValidator, bundledServiceSpec],
  },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { main: 'webview/src/main.ts' }, outdir: 'webview/out' },
];

// Imported (by test/unit/bundle.test.ts, for `builds`), it builds nothing.
const main = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

// Outputs are overwritten in place (a parallel test run may be reading them); `--clean` empties them first.
if (main && process.argv.includes('--clean')) for (const dir of ['client/out', 'server/out', 'webview/out']) rmSync(dir, { recursive: true, force: true });
if (!main) {
  // nothing to do
} else if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  // The bins (`archflow`, `archflow-language-server`) must be executable for npx.
  for (const bin of ['server/out/cli.js', 'server/out/server.js']) if (existsSync(bin)) chmodSync(bin, 0o755);
  console.log(`built client, server, cli and webview in ${Date.now() - started} ms`);
}
