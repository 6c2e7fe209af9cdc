import { describe, expect, it } from 'vitest';
import { generate, isGeneratedScript } from '../../../server/src/core/codegen/index';
import { buildGraph } from '../../../server/src/core/model/build-graph';
import { parse } from 'yaml';

const ARCH = 'archflow: 1\nname: t\nrouters: { q: { type: queue, to: f } }\nconsumers: { f: {} }\n';

function scripts(text: string, architectureFile?: string): Record<string, string> {
  const root = parse(text) as unknown;
  const p = generate({ graph: buildGraph(root).graph, root }, architectureFile !== undefined ? { architectureFile } : {});
  return (JSON.parse(p.files.get('package.json')!) as { scripts: Record<string, string> }).scripts;
}

describe('the generated simulate script', () => {
  it('builds, then runs the architecture\'s scenarios against the project\'s handlers', () => {
    expect(scripts(ARCH, '../t.arch.yaml').simulate).toBe('npm run build && archflow simulate ../t.arch.yaml --handlers .');
    expect(scripts(ARCH, '../../specs/shop/t.arch.yml').simulate).toBe('npm run build && archflow simulate ../../specs/shop/t.arch.yml --handlers .');
  });

  it('is not written without the architecture file, for a path a shell would need quoted, or without Node.js functions', () => {
    expect(scripts(ARCH)).not.toHaveProperty('simulate');
    for (const path of ['../my shop.arch.yaml', '../t.arch.yaml; rm -rf ~', '/abs/t.arch.yaml', '..\\t.arch.yaml', '../$(x).arch.yaml', '../t.yaml']) {
      expect(scripts(ARCH, path), path).not.toHaveProperty('simulate');
    }
    expect(scripts('archflow: 1\nname: t\nrouters: { q: { type: queue } }\n', '../t.arch.yaml')).not.toHaveProperty('simulate');
  });

  it('is recognised as generated (regenerating may replace it), unlike a script the person wrote', () => {
    expect(isGeneratedScript('simulate', 'npm run build && archflow simulate ../t.arch.yaml --handlers .')).toBe(true);
    for (const value of ['archflow simulate ../t.arch.yaml', 'npm run build && archflow simulate ../t.arch.yaml --handlers . && rm -rf /', 'npm run build && archflow simulate ../a b.arch.yaml --handlers .']) {
      expect(isGeneratedScript('simulate', value), value).toBe(false);
    }
  });
});
