import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The extension manifest and the pages that describe it: what a user sees in VS Code must be documented and reachable. */
const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

interface Property { readonly default?: unknown; readonly type?: unknown }
const configuration: { properties?: Record<string, Property> }[] = [pkg.contributes?.configuration ?? []].flat();
const settings = new Map<string, Property>(configuration.flatMap((c) => Object.entries(c.properties ?? {})));
const commands: { command: string; title: string; category?: string }[] = pkg.contributes?.commands ?? [];

describe('docs/settings.md documents every setting', () => {
  const doc = readFileSync(join(ROOT, 'docs/settings.md'), 'utf8');
  const sections = new Map<string, string>();
  for (const part of doc.split(/^## /m).slice(1)) {
    const m = /^`([^`]+)`\s*\n([\s\S]*)$/.exec(part);
    if (m) sections.set(m[1]!, m[2]!);
  }

  it('has one section per setting of package.json, and no other', () => {
    expect([...sections.keys()].sort()).toEqual([...settings.keys()].sort());
  });

  it('every setting is in the archflow section', () => {
    expect([...settings.keys()].filter((k) => !k.startsWith('archflow.'))).toEqual([]);
  });

  for (const [key, property] of settings) {
    it(`${key}: the documented default is the real one`, () => {
      const body = sections.get(key);
      expect(body, `docs/settings.md has no section "## \`${key}\`"`).toBeDefined();
      const m = /Default: `([^`]*)`/.exec(body ?? '');
      expect(m?.[1], `the section of ${key} has no "Default: \`…\`"`).toBeDefined();
      expect(JSON.parse(m![1]!)).toEqual(property.default ?? null);
    });
  }
});

describe('commands', () => {
  const table = readFileSync(join(ROOT, 'client/src/commands.ts'), 'utf8');
  const registered = [...table.matchAll(/^\s*'(archflow\.[\w.]+)':/gm)].map((m) => m[1]);

  it('every contributed command is in the Archflow category and has a title', () => {
    expect(commands.filter((c) => c.category !== 'Archflow' || !c.title).map((c) => c.command)).toEqual([]);
  });

  it('the command table (client/src/commands.ts) and the contributed commands match', () => {
    expect(registered.sort()).toEqual(commands.map((c) => c.command).sort());
  });
});

describe('activation and first run', () => {
  it('activates only on the archflow language and its diagram panels (commands activate by themselves)', () => {
    expect(pkg.activationEvents).toContain('onLanguage:archflow');
    expect(pkg.activationEvents.filter((e: string) => !/^(onLanguage:archflow(-scenario)?|onWebviewPanel:archflow\.[\w.]+)$/.test(e))).toEqual([]);
  });

  const walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown?: string; image?: string } }[] }[] =
    pkg.contributes?.walkthroughs ?? [];

  it('has a walkthrough from a new architecture to deploy', () => {
    expect(walkthroughs.length).toBe(1);
    const steps = walkthroughs[0]!.steps;
    expect(steps[0]!.description).toContain('command:archflow.newArchitecture');
    expect(steps.at(-1)!.id).toMatch(/deploy/);
  });

  it('every step\'s media exists and every command link names a contributed command', () => {
    const known = new Set(commands.map((c) => c.command));
    for (const step of walkthroughs.flatMap((w) => w.steps)) {
      const media = step.media.markdown ?? step.media.image;
      expect(media && existsSync(join(ROOT, media)), `${step.id}: ${media}`).toBe(true);
      const text = step.description + (step.media.markdown ? readFileSync(join(ROOT, step.media.markdown), 'utf8') : '');
      for (const m of text.matchAll(/command:(archflow\.[\w.]+)/g)) expect(known, `${step.id} links ${m[1]}`).toContain(m[1]);
    }
  });
});
