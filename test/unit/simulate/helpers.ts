import { analyze } from '../../../server/src/core/index';
import { readScenarioFile, resolveScenarios, runScenario, type ScenarioRun } from '../../../server/src/core/simulate/index';
import type { NodeSummary } from '../../../server/src/core/simulate/index';
import type { SimEvent } from '../../../server/src/core/simulate/types';

/** An architecture's text: the header and the given body. */
export const arch = (body: string): string => `archflow: 1\nname: sim\n${body}`;

/** A scenario file's text for the architecture `a.arch.yaml`: the header and the given scenarios. */
export const scenarios = (body: string): string => `archflow-scenarios: 1\narchitecture: a.arch.yaml\nscenarios:\n${body}`;

/** Runs the one scenario of a scenario file against an architecture; fails on problems in either. */
export function simulate(architecture: string, scenarioFile: string, options: { timeline?: number } = {}): ScenarioRun & { node(id: string): NodeSummary; happened(type: SimEvent['type'], node?: string): SimEvent[] } {
  const a = analyze(architecture);
  const format = a.problems.filter((p) => p.severity === 'error' && /^(file|yaml|schema|ref|name)\//.test(p.code));
  if (format.length) throw new Error(`architecture: ${format.map((p) => `${p.code} ${p.message}`).join('; ')}`);
  const sd = readScenarioFile(scenarioFile);
  if (sd.problems.length) throw new Error(`scenario file: ${sd.problems.map((p) => `${p.code} ${p.message}`).join('; ')}`);
  const r = resolveScenarios(sd, a.graph);
  if (r.problems.length) throw new Error(`scenario: ${r.problems.map((p) => `${p.code} ${p.message}`).join('; ')}`);
  if (r.scenarios.length !== 1) throw new Error(`expected one scenario, got ${r.scenarios.length}`);
  const run = runScenario(a.graph, r.scenarios[0]!, { timeline: options.timeline ?? Infinity });
  return {
    ...run,
    node: (id) => {
      const n = run.nodes.find((x) => x.id === id);
      if (!n) throw new Error(`node '${id}' saw nothing`);
      return n;
    },
    happened: (type, node) => run.timeline.filter((e) => e.type === type && (node === undefined || e.node === node)),
  };
}
