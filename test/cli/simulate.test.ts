/**
 * `archflow simulate`, run as a user runs it: the built bundle (server/out/cli.js, `npm run build` first).
 */
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archflow, ROOT } from '../helpers/cli';

/** A folder with a copy of the orders example and the given scenario file beside it. */
function project(scenario?: string): { dir: string; arch: string; scenario: string } {
  const dir = mkdtempSync(join(tmpdir(), 'archflow-simulate-'));
  const arch = join(dir, 'orders.arch.yaml');
  copyFileSync(resolve(ROOT, 'examples/orders.arch.yaml'), arch);
  const file = join(dir, 'orders.scenario.yaml');
  if (scenario !== undefined) writeFileSync(file, scenario);
  return { dir, arch, scenario: file };
}

describe('archflow simulate', () => {
  it('runs the shipped scenarios of the orders example: a timeline, a line per node, the expectations; exit 0', () => {
    const r = archflow(['simulate', 'examples/orders.arch.yaml', '--timeline', '5']);
    expect(r.stderr).toBe('3 scenarios run: every expectation holds.\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Scenario \'card-declined\' (examples/orders.scenario.yaml): The card processor throws on orders over 1,000; those orders end in billing-dlq after 5 receives.\n'
      + '  seed 1 · 30 min of virtual time, the last event at 12:32.100 · 13 arrivals · 219 events · 100 deliveries\n\n'
      + 'Timeline (the first 5 of 219 events; --timeline all or --format json for more)\n'
      + '  00:00.000  arrive      checkout                small (#0)\n');
    expect(r.stdout).toMatch(/^ {2}billing-dlq {2}queue {13}3 {10}0 {7}0 {8}0 {10}0 {14}0 {5}0 {2}3 \/ 3 /m);
    expect(r.stdout).toContain('  ✓ exactly 3 messages dead-lettered in \'billing-dlq\': 3 messages arrived in \'billing-dlq\' as dead letters\n');
  });

  it('exits 1 and marks the expectation that fails', () => {
    const p = project(`archflow-scenarios: 1
architecture: orders.arch.yaml
scenarios:
  broken-card:
    functions: { chargeCard: { fails: 100% } }
    arrive: [{ request: { api: checkout, route: POST /orders } }]
    expect:
      - noDeadLetters: true
      - delivered: { to: sendReceipt }
`);
    const r = archflow(['simulate', p.scenario, '--timeline', '0']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('  ✗ nothing is dead-lettered: 1 message dead-lettered: 1 from \'billing\'\n');
    expect(r.stdout).toContain('  ✗ every arrival reaches \'sendReceipt\': 0 of 1 arrival did, 1 never\n');
    expect(r.stdout).toContain('2 of 2 expectations failed.');
  });

  it('prints the problems of a scenario file as file:line:col and exits 2', () => {
    const p = project(`archflow-scenarios: 1
architecture: orders.arch.yaml
scenarios:
  s:
    arrive: [{ message: { queue: biling } }]
`);
    const r = archflow(['simulate', p.arch]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${p.scenario}:5:34 error scenario/unknown-node 'biling' is not a node of the architecture. Did you mean 'billing'?\n`);
    expect(r.stdout).toBe('');
  });

  it('runs the default scenario of an architecture without a scenario file, and says so', () => {
    const p = project();
    const r = archflow(['simulate', p.arch, '--format', 'json', '--timeline', '0'], { cwd: p.dir });
    expect(r.status).toBe(0);
    const [run] = JSON.parse(r.stdout) as { scenario: string; arrivals: number; passed: boolean; nodes: { id: string; succeeded: number }[] }[];
    expect(run).toMatchObject({ scenario: 'default', arrivals: 2, passed: true });
    expect(run!.nodes.find((n) => n.id === 'chargeCard')?.succeeded).toBe(1);
  });

  it('refuses a bad --until with the reason', () => {
    const r = archflow(['simulate', 'examples/orders.arch.yaml', '--until', 'soon']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--until expects a duration such as 90s, 10m, 24h, 7d, not \'soon\'');
  });
});
