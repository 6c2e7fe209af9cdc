/**
 * Bad scenario files never throw: reading, resolving and running a mutated scenario file gives
 * problems at spans inside the text, or a run, never an exception.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { readScenarioFile, resolveScenarios, runScenario } from '../../../server/src/core/simulate/index';

const ROOT = resolve(__dirname, '../../..');
const cases = ['orders', 'file-processing', 'analytics'].map((name) => ({
  graph: analyze(readFileSync(resolve(ROOT, `examples/${name}.arch.yaml`), 'utf8')).graph,
  text: readFileSync(resolve(ROOT, `examples/${name}.scenario.yaml`), 'utf8'),
}));

/** Reads, resolves and (for a minute of virtual time) runs a scenario file; throws only on a span outside the text. */
function check(which: number, text: string): void {
  const { graph } = cases[which]!;
  const sd = readScenarioFile(text);
  const { scenarios, problems } = sd.problems.length ? { scenarios: [], problems: sd.problems } : resolveScenarios(sd, graph);
  for (const p of problems) {
    if (!(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length)) throw new Error(`span out of bounds: ${JSON.stringify(p)}`);
  }
  if (problems.length === 0) for (const s of scenarios) runScenario(graph, s, { until: 60_000, timeline: 0 });
}

describe('scenario files never throw (fuzzed)', { timeout: 180_000 }, () => {
  it('on edits of the shipped scenario files', () => {
    const alphabet = [' ', '\n', ':', ': ', '- ', '#', '{', '}', '[', ']', ',', '"', '0', '-1', '100%', '1e9', 'x', 'true', 'null', '${n}', '..', 'ms'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom(...alphabet), fc.nat({ max: 8 })), { minLength: 1, maxLength: 4 }),
        (which, edits) => {
          let text = cases[which]!.text;
          for (const [pos, insert, piece, len] of edits) {
            const at = pos % (text.length + 1);
            text = insert ? text.slice(0, at) + piece + text.slice(at) : text.slice(0, at) + text.slice(at + len);
          }
          check(which, text);
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
  });

  it('on values of the wrong shape in every place', () => {
    const value = fc.oneof(fc.constantFrom('billing', 'chargeCard', 'x', '', '10%', '1s..', '5m', '-3'), fc.integer({ min: -5, max: 5 }), fc.boolean(), fc.constant(null), fc.constant({}), fc.constant([]));
    const keys = ['functions', 'arrive', 'expect', 'outages', 'until', 'seed', 'start', 'account', 'takes', 'fails', 'failsWhen', 'emits', 'request', 'message', 'count', 'every', 'rate', 'for', 'delivered', 'count', 'to', 'of', 'queue'];
    const shaped: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, value, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...keys), tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(
      fc.property(shaped, (s) => check(0, `archflow-scenarios: 1\narchitecture: orders.arch.yaml\nscenarios:\n  s: ${JSON.stringify(s)}\n`)),
      { numRuns: 300, seed: 20261207 },
    );
  });
});
