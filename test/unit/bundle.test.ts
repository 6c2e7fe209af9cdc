import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { builds } from '../../scripts/build.mjs';

const ROOT = resolve(__dirname, '../..');

/** The source files of a bundle, from its source map, as `build.mjs` configures it (built in memory). */
async function sourcesOf(entry: string): Promise<string[]> {
  const config = builds.find((b) => JSON.stringify(b.entryPoints).includes(entry));
  if (!config) throw new Error(`no build of ${entry} in scripts/build.mjs`);
  const r = await esbuild.build({ ...config, absWorkingDir: ROOT, write: false, sourcemap: 'external', minify: false, outdir: mkdtempSync(join(tmpdir(), 'archflow-bundle-')), logLevel: 'silent' });
  const maps = r.outputFiles.filter((f) => f.path.endsWith('.map'));
  expect(maps.length).toBeGreaterThan(0);
  // Sources are relative to the map: make them relative to the repository.
  return maps.flatMap((m) => (JSON.parse(m.text) as { sources: string[] }).sources.map((s) => relative(ROOT, resolve(dirname(m.path), s)).split('\\').join('/')));
}

describe('the client bundle', () => {
  it('contains no core module and, of the server and the webview, only their protocol files', async () => {
    const sources = await sourcesOf('client/src/extension.ts');
    expect(sources.some((s) => s.startsWith('client/src/'))).toBe(true);
    expect(sources.filter((s) => s.startsWith('server/src/core/'))).toEqual([]);
    const ours = sources.filter((s) => !s.startsWith('node_modules/') && !s.startsWith('client/src/'));
    expect(ours.sort()).toEqual([
      'server/src/protocol-ask.ts', 'server/src/protocol-deploy.ts', 'server/src/protocol-edit.ts', 'server/src/protocol-generate.ts', 'server/src/protocol-simulate.ts', 'server/src/protocol.ts',
      'webview/src/protocol-check.ts', 'webview/src/simulate/protocol-check.ts',
    ]);
  });
});

describe('the webview bundle', () => {
  it('contains the webview and the renderer, and nothing of the server or the client', async () => {
    const sources = await sourcesOf('webview/src/main.ts');
    const ours = sources.filter((s) => !s.startsWith('node_modules/'));
    expect(ours.filter((s) => !s.startsWith('webview/src/') && !s.startsWith('renderer/src/'))).toEqual([]);
    expect(ours).toContain('renderer/src/svg.ts');
  });
});
