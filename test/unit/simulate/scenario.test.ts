/**
 * Scenario files: their schema (generated, never stale), their problems at exact places with exact
 * words, and the shipped example's scenarios, which must all hold.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { readScenarioFile, resolveScenarios, runScenario, scenarioFileSchema } from '../../../server/src/core/simulate/index';
import { schema } from '../../../scripts/scenario-schema-source.mjs';

const ROOT = resolve(__dirname, '../../..');
const ORDERS = readFileSync(resolve(ROOT, 'examples/orders.arch.yaml'), 'utf8');

/** The problems of a scenario file against the orders example, each as `code line:col text-at-span: message`. */
function problems(text: string): string[] {
  const sd = readScenarioFile(text);
  const all = sd.problems.length ? sd.problems : resolveScenarios(sd, analyze(ORDERS).graph).problems;
  return all.map((p) => {
    const before = text.slice(0, p.span.start).split('\n');
    return `${p.code} ${before.length}:${before[before.length - 1]!.length + 1} ${JSON.stringify(text.slice(p.span.start, p.span.end))}: ${p.message}`;
  });
}

const file = (body: string): string => `archflow-scenarios: 1\narchitecture: orders.arch.yaml\nscenarios:\n${body}`;

describe('the scenario schema', () => {
  it('is the one scripts/scenario-schema-source.mjs generates (run it after changing the source)', () => {
    expect(scenarioFileSchema).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});

describe('problems in a scenario file', () => {
  it.each([
    ['an empty file', '', ['scenario/invalid 1:1 "": The scenario file is empty. Start with `archflow-scenarios: 1`, the `architecture` it runs and its `scenarios`.']],
    ['an unknown property, with the closest one', file(`  s:\n    arive: []\n`), ['schema/unknown-property 5:5 "arive": Unknown property \'arive\'. Did you mean \'arrive\'?']],
    ['an unknown node, with the closest name', file(`  s:\n    arrive: [{ message: { queue: biling } }]\n`), ['scenario/unknown-node 5:34 "biling": \'biling\' is not a node of the architecture. Did you mean \'billing\'?']],
    ['a node of the wrong kind', file(`  s:\n    arrive: [{ message: { queue: pager } }]\n`), ['scenario/wrong-kind 5:34 "pager": \'pager\' is a function, not a queue.']],
    ['a route the API does not have', file(`  s:\n    arrive: [{ request: { api: checkout, route: POST /order } }]\n`), ['scenario/unknown-route 5:49 "POST /order": API \'checkout\' has no route \'POST /order\'; it has \'POST /orders\', \'GET /orders/{orderId}\'. Did you mean \'POST /orders\'?']],
    ['an event not in the catalog', file(`  s:\n    arrive: [{ event: { bus: orderBus, event: OrderPayed } }]\n`), ['scenario/unknown-event 5:47 "OrderPayed": \'OrderPayed\' is not in the catalog (`events`). Did you mean \'OrderPlaced\'?']],
    ['a send the function does not declare', file(`  s:\n    functions: { chargeCard: { emits: [OrderPlaced] } }\n`), ['scenario/unknown-send 5:40 "OrderPlaced": \'chargeCard\' declares no send of event \'OrderPlaced\': its `emits` are \'OrderPaid\', \'PaymentFailed\'. Did you mean \'OrderPaid\'?']],
    ['a share over 100%', file(`  s:\n    functions: { pager: { fails: 150% } }\n`), ['scenario/invalid 5:34 "150%": \'150%\' is not a share: write a percentage up to 100% or a fraction from 0 to 1.']],
    ['arrivals an expectation names that do not exist', file(`  s:\n    arrive: [{ name: orders, request: { api: checkout, route: POST /orders } }]\n    expect: [{ delivered: { to: chargeCard, of: order } }]\n`), ['scenario/unknown-arrival 6:49 "order": No arrival is named \'order\' (and it is not a schedule). Did you mean \'orders\'?']],
    ['an expectation that says two things', file(`  s:\n    expect: [{ nothingLost: true, noDeadLetters: true }]\n`), ['scenario/invalid 5:14 "{ nothingLost: true, noDeadLetters: true }": One expectation per entry, not `noDeadLetters` and `nothingLost`.']],
  ])('%s', (_what, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });
});

describe('the shipped examples', () => {
  it.each([
    ['orders', ['lunch-rush', 'card-declined', 'pager-down']],
    ['file-processing', ['morning', 'unreadable-document']],
    ['analytics', ['busy-hour', 'poison-click', 'nightly-dst']],
  ])('examples/%s.scenario.yaml names its architecture, has no problem, and every expectation of its scenarios holds', (name, expected) => {
    const text = readFileSync(resolve(ROOT, `examples/${name}.arch.yaml`), 'utf8');
    const sd = readScenarioFile(readFileSync(resolve(ROOT, `examples/${name}.scenario.yaml`), 'utf8'));
    expect(sd.problems).toEqual([]);
    expect(sd.architecture).toBe(`${name}.arch.yaml`);
    const graph = analyze(text).graph;
    const { scenarios, problems: found } = resolveScenarios(sd, graph);
    expect(found).toEqual([]);
    const runs = scenarios.map((s) => runScenario(graph, s, { timeline: 0 }));
    expect(runs.map((r) => [r.scenario.name, r.outcomes.filter((o) => !o.ok).map((o) => `${o.expectation.text}: ${o.detail}`)])).toEqual(expected.map((s) => [s, []]));
    // The same seed gives the same run.
    const again = runScenario(graph, scenarios[0]!, { timeline: 0 });
    expect(again.nodes).toEqual(runs[0]!.nodes);
  });
});
