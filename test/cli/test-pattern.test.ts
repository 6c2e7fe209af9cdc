/**
 * `archflow test-pattern`, run as a user runs it: the built bundle (server/out/cli.js, `npm run build` first).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archflow } from '../helpers/cli';

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'OrderPlaced',
  source: 'shop.orders',
  account: '123456789012',
  time: '2025-01-15T12:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: { orderId: 'ord-1', total: 120, items: [{ sku: 'A', qty: 2 }] },
};

function files(): { dir: string; write(name: string, content: string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'archflow-test-pattern-'));
  return { dir, write: (name, content) => (writeFileSync(join(dir, name), content), join(dir, name)) };
}

describe('archflow test-pattern', () => {
  it('prints match and exits 0 (pattern and event from files)', () => {
    const f = files();
    const pattern = f.write('pattern.json', JSON.stringify({ source: ['shop.orders'], detail: { total: [{ numeric: ['>', 100] }] } }));
    const ev = f.write('event.json', JSON.stringify(event, null, 2));
    const r = archflow(['test-pattern', '--pattern', pattern, '--event', ev]);
    expect(r.stdout).toBe('match\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('prints no-match and exits 0 (inline JSON)', () => {
    const r = archflow(['test-pattern', '--pattern', '{"detail":{"items":{"sku":["A"],"qty":[1]}}}', '--event', JSON.stringify(event)]);
    expect(r.stdout).toBe('no-match\n');
    expect(r.status).toBe(0);
  });

  it('reads the event from standard input with -', () => {
    const r = archflow(['test-pattern', '--pattern', '{"detail-type":[{"prefix":"Order"}]}', '--event', '-'], { input: JSON.stringify(event) });
    expect(r.stdout).toBe('match\n');
    expect(r.status).toBe(0);
  });

  it("prints AWS's reason for an invalid pattern and exits 1", () => {
    const r = archflow(['test-pattern', '--pattern', '{"detail":{"state":[{"anything-but":{"prefix":""}}]}}', '--event', JSON.stringify(event)]);
    expect(r.stdout).toBe('invalid pattern: Null prefix/suffix not allowed (at /detail/state/0/anything-but/prefix)\n');
    expect(r.status).toBe(1);
  });

  it('prints every reason, one per line', () => {
    const r = archflow(['test-pattern', '--pattern', '{"source":"shop.orders","detail":{"n":[]}}', '--event', JSON.stringify(event)]);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'invalid pattern: "source" must be an object or an array (at /source)',
      'invalid pattern: Empty arrays are not allowed (at /detail/n)',
    ]);
    expect(r.status).toBe(1);
  });

  it('calls a pattern that is not JSON an invalid pattern', () => {
    const f = files();
    const r = archflow(['test-pattern', '--pattern', f.write('p.json', '{source: [x]}'), '--event', JSON.stringify(event)]);
    expect(r.stdout).toBe('invalid pattern: Filter is not valid JSON\n');
    expect(r.status).toBe(1);
  });

  it.each([
    ['no arguments', [], '--pattern is required'],
    ['no event', ['--pattern', '{"source":["a"]}'], '--event is required'],
    ['an unknown option', ['--pattern', '{}', '--event', '{}', '--verbose'], "archflow test-pattern: unknown option '--verbose'"],
    ['a positional argument', ['p.json'], "archflow test-pattern: unexpected argument 'p.json'"],
  ])('exits 2 with the usage on bad usage: %s', (_name, args, message) => {
    const r = archflow(['test-pattern', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage: archflow test-pattern --pattern <file|json|-> --event <file|json|->');
    expect(r.stdout).toBe('');
  });

  it('exits 2 when a file is missing or the event is not a JSON object', () => {
    const f = files();
    const missing = archflow(['test-pattern', '--pattern', join(f.dir, 'nope.json'), '--event', JSON.stringify(event)]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`--pattern ${join(f.dir, 'nope.json')}: no such file`);
    const notJson = archflow(['test-pattern', '--pattern', '{"source":["a"]}', '--event', f.write('e.json', 'source: a')]);
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain('the event is not valid JSON');
    const notObject = archflow(['test-pattern', '--pattern', '{"source":["a"]}', '--event', '["a"]']);
    expect(notObject.status).toBe(2);
    expect(notObject.stderr).toContain('the event must be a JSON object');
  });

  it('is listed in the help', () => {
    const r = archflow(['--help']);
    expect(r.stdout).toMatch(/^ {2}test-pattern {2}Test an EventBridge event pattern against an event/m);
  });
});
