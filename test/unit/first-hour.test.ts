import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** What a new user meets first: the Node version the README asks for, the VS Code profile of npm start, the walkthrough. */
const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };

/** Whether version `v` (x.y.z) satisfies an npm `engines.node` range (the forms the lockfile holds). */
function satisfies(v: string, range: string): boolean {
  const num = (s: string): number[] => s.replace(/^v/, '').split('.').map((p) => (p === 'x' || p === '*' ? 0 : Number(p)));
  const cmp = (a: number[], b: number[]): number => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const have = num(v);
  return range.split('||').some((alternative) => {
    const parts = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return parts.every((p) => {
      if (p === '*' || p === 'x') return true;
      const m = /^(>=|<=|>|<|=|\^|~)?(.+)$/.exec(p)!;
      const op = m[1] ?? '';
      const want = num(m[2]!);
      const given = m[2]!.split('.').length;
      const c = cmp(have, want);
      switch (op) {
        case '>=': return c >= 0;
        case '>': return c > 0;
        case '<=': return c <= 0;
        case '<': return c < 0;
        case '^': return c >= 0 && have[0] === want[0];
        case '~': return c >= 0 && have[0] === want[0] && (given < 2 || have[1] === want[1]);
        default: return given === 1 ? have[0] === want[0] : given === 2 ? have[0] === want[0] && have[1] === want[1] : c === 0;
      }
    });
  });
}

describe('the Node version', () => {
  const minimum = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)?.[1];

  it('engines.node is a minimum, and the README asks for the same', () => {
    expect(minimum).toBeDefined();
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`**Node.js ≥ ${minimum}**`);
  });

  it('every locked package accepts that minimum (npm install prints no EBADENGINE), and it is the least one they all accept', () => {
    const refuses = (v: string): string[] => Object.entries(lock.packages)
      .filter(([name, p]) => name && p.engines?.node && !satisfies(v, p.engines.node))
      .map(([name, p]) => `${name.replace(/^node_modules\//, '')} ${p.engines!.node}`);
    expect(refuses(`${minimum}.0`)).toEqual([]);
    const [major, minor] = minimum!.split('.').map(Number);
    expect(refuses(`${major}.${minor! - 1}.99`).length).toBeGreaterThan(0);
  });

  it('the range reader agrees with npm on the forms the lockfile uses', () => {
    expect(satisfies('20.19.0', '^20.19.0 || ^22.13.0 || >=24')).toBe(true);
    expect(satisfies('20.18.3', '^20.19.0 || ^22.13.0 || >=24')).toBe(false);
    expect(satisfies('20.19.0', '>= 22')).toBe(false);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('20.19.0', '>=14.17 <21')).toBe(true);
    expect(satisfies('20.19.0', '~20.18.0')).toBe(false);
  });
});

describe('the VS Code profile of npm start (scripts/lib/vscode-profile.json)', () => {
  const profile = JSON.parse(readFileSync(join(ROOT, 'scripts/lib/vscode-profile.json'), 'utf8')) as Record<string, unknown>;

  it('switches off chat, telemetry and the git popup about the repository around examples/', () => {
    expect(profile).toMatchObject({
      'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off',
      'git.openRepositoryInParentFolders': 'never',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    });
  });
});

describe('the walkthrough', () => {
  const steps: { id: string; completionEvents: string[] }[] = pkg.contributes.walkthroughs[0].steps;
  const client = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? client(join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(join(dir, e.name), 'utf8')] : []));
  const sources = client(join(ROOT, 'client/src')).join('\n');

  it('each step completes on something the person did, which the extension reports', () => {
    for (const step of steps) {
      expect(step.completionEvents, step.id).toHaveLength(1);
      const m = /^onContext:archflow\.did\.(\w+)$/.exec(step.completionEvents[0]!);
      expect(m, `${step.id}: ${step.completionEvents[0]}`).not.toBeNull();
      expect(sources, `walkthroughDone('${m![1]}')`).toContain(`walkthroughDone('${m![1]}')`);
    }
  });
});
