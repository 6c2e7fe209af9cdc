import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { analyze, type Problem } from '../../core/index';
import { defaultScenario, formatRun, readScenarioFile, resolveScenarios, runJson, runScenario, runScenarioAsync, type Scenario, type ScenarioRun } from '../../core/simulate/index';
import { HandlerRunner, loadProject, type ProjectHandlers } from '../../simulate-host/handlers';
import { toSeconds } from '../../core/util/duration';
import type { Command, Output } from '../command';
import { onePositional, parseCommandArgs } from '../help';
import { LineIndex, readText, UsageError } from '../io';
import { PLAIN } from '../style';

/** Problems of the format itself (not lint rules): the simulation cannot trust the graph. */
const FORMAT = /^(file|yaml|schema|ref|name)\//;

function printProblems(out: Output, file: string, text: string, problems: readonly Problem[]): void {
  const index = new LineIndex(text);
  const style = out.style?.err ?? PLAIN;
  const paint = { error: style.red, warning: style.yellow, info: style.blue } as const;
  for (const p of problems) {
    const { line, column } = index.position(p.span.start);
    out.err(`${style.bold(`${file}:${line}:${column}`)} ${paint[p.severity](p.severity)} ${style.dim(p.code)} ${p.message}`);
  }
}

/** `orders.arch.yaml` → `orders.scenario.yaml` beside it, when there is one. */
function siblingScenario(file: string): string | undefined {
  const m = /^(.*)\.arch\.ya?ml$/.exec(basename(file));
  if (!m) return undefined;
  for (const ext of ['yaml', 'yml']) {
    const candidate = join(dirname(file), `${m[1]}.scenario.${ext}`);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * `archflow simulate`: runs an architecture's scenarios on a virtual clock and prints each timeline, a
 * line per node and the expectations. Exit 1 when an expectation fails; 2 for bad usage, an unreadable
 * file or problems in the scenario file or in the architecture's format.
 */
export const simulate: Command = {
  usage: 'archflow simulate <file> [--scenario NAME] [--until DURATION] [--format text|json] [--handlers DIR]',
  summary: 'Run an architecture\'s scenarios on a virtual clock, with AWS\'s semantics; exit 1 when an expectation fails.',
  args: [{
    name: '<file>',
    description: 'A scenario file (*.scenario.yaml, naming its architecture), or an architecture (*.arch.yaml): its scenario file beside it (orders.arch.yaml → orders.scenario.yaml), else one request per route, one upload per notification, one write per table stream and the schedules, for an hour.',
  }],
  options: [
    { name: 'scenario', short: 's', type: 'string', multiple: true, value: 'NAME', default: [], defaultText: 'every scenario of the file', description: 'Run only this scenario (repeat for several).' },
    { name: 'until', short: 'u', type: 'string', value: 'DURATION', defaultText: 'each scenario\'s `until` (1 h when it sets none)', description: 'Virtual time to simulate, e.g. 10m, 24h, 7d (a run stops earlier when nothing is left to happen).' },
    { name: 'format', short: 'f', type: 'string', value: 'text|json', default: 'text', description: 'text: per scenario a timeline, a line per node and the expectations; json: an array with one object per scenario (its timeline, nodes and expectations).' },
    { name: 'seed', type: 'string', value: 'SEED', defaultText: 'each scenario\'s `seed` (1 when it sets none)', description: 'Seed of every random choice: the same seed gives the same run.' },
    { name: 'timeline', short: 't', type: 'string', value: 'N|all', defaultText: '40 lines of text; 10,000 events in JSON', description: 'How much of the timeline to print.' },
    { name: 'handlers', type: 'string', value: 'DIR', defaultText: 'none: each function behaves as the architecture and the scenario declare', description: 'Run the real handlers of the project generated from this architecture in DIR (archflow generate, then npm run build there): each function\'s dist/<name>/index.js in a worker, its AWS calls routed to the simulation.' },
    { name: 'handler-logs', type: 'boolean', default: false, description: 'With --handlers: print what the handlers log, on stderr, each line after its function\'s name.' },
  ],
  examples: [
    { command: 'archflow simulate examples/orders.arch.yaml', what: 'Runs the scenarios of examples/orders.scenario.yaml.' },
    { command: 'archflow simulate examples/orders.scenario.yaml --scenario card-declined --until 2h', what: 'One scenario, for two hours of virtual time.' },
    { command: 'archflow simulate orders.arch.yaml --format json --timeline all > run.json', what: 'Every event as JSON, for a tool or a diagram.' },
    { command: 'archflow simulate orders.arch.yaml --handlers .archflow/orders', what: 'The scenarios against the generated project\'s built handlers.' },
  ],
  exitCodes: '0 every expectation holds, 1 an expectation failed, 2 bad usage, an unreadable file, or problems in the scenario file or the architecture\'s format (printed as file:line:col)',
  async run(argv, out) {
    const { values, positionals } = parseCommandArgs(this, argv);
    const file = onePositional(positionals, 'a scenario or architecture file');
    const format = values.format as string;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
    let until: number | undefined;
    if (values.until !== undefined) {
      const s = toSeconds(values.until);
      if (s === undefined || s <= 0) throw new UsageError(`--until expects a duration such as 90s, 10m, 24h, 7d, not '${String(values.until)}'`);
      until = s * 1000;
    }
    let timeline: number | undefined;
    if (values.timeline !== undefined) {
      const t = String(values.timeline);
      if (t === 'all') timeline = Infinity;
      else if (/^[0-9]+$/.test(t)) timeline = Number(t);
      else throw new UsageError(`--timeline expects a number of events or 'all', not '${t}'`);
    }
    const seedText = values.seed as string | undefined;
    const seed = seedText === undefined ? undefined : /^-?[0-9]+$/.test(seedText) ? Number(seedText) : seedText;

    // The scenario file and the architecture it runs.
    const isScenario = /\.scenario\.ya?ml$/.test(file);
    const scenarioFile = isScenario ? file : siblingScenario(file);
    let scenarioText: string | undefined;
    let archFile = file;
    let sd: ReturnType<typeof readScenarioFile> | undefined;
    if (scenarioFile) {
      const read = readText(scenarioFile);
      if ('error' in read) {
        out.err(`archflow simulate: ${scenarioFile}: ${read.error}`);
        return 2;
      }
      scenarioText = read.text;
      sd = readScenarioFile(read.text);
      if (sd.problems.some((p) => p.severity === 'error')) {
        printProblems(out, scenarioFile, read.text, sd.problems);
        return 2;
      }
      if (isScenario) {
        if (!sd.architecture) {
          out.err(`archflow simulate: ${scenarioFile}: the file names no \`architecture\``);
          return 2;
        }
        archFile = relative(process.cwd(), resolve(dirname(scenarioFile), sd.architecture)) || sd.architecture;
      }
    }
    const arch = readText(archFile);
    if ('error' in arch) {
      out.err(`archflow simulate: ${archFile}: ${arch.error}${isScenario ? ` (the architecture of ${scenarioFile})` : ''}`);
      return 2;
    }
    const analysis = analyze(arch.text);
    const broken = analysis.problems.filter((p) => p.severity === 'error' && FORMAT.test(p.code));
    if (broken.length) {
      printProblems(out, archFile, arch.text, broken);
      out.err(`archflow simulate: ${archFile} has ${broken.length} problem${broken.length === 1 ? '' : 's'} in its format: fix ${broken.length === 1 ? 'it' : 'them'} first.`);
      return 2;
    }
    const lintErrors = analysis.problems.filter((p) => p.severity === 'error').length;
    let scenarios: Scenario[];
    if (sd && scenarioText !== undefined) {
      const resolved = resolveScenarios(sd, analysis.graph);
      if (resolved.problems.length) {
        printProblems(out, scenarioFile!, scenarioText, resolved.problems);
        return 2;
      }
      scenarios = resolved.scenarios;
    } else scenarios = [defaultScenario(analysis.graph)];
    const wanted = (values.scenario as string[] | undefined) ?? [];
    if (wanted.length) {
      const unknown = wanted.filter((w) => !scenarios.some((s) => s.name === w));
      if (unknown.length) throw new UsageError(`no scenario ${unknown.map((u) => `'${u}'`).join(', ')} in ${scenarioFile ?? archFile}; it has ${scenarios.map((s) => `'${s.name}'`).join(', ') || 'none'}`);
      scenarios = scenarios.filter((s) => wanted.includes(s.name));
    }
    if (lintErrors) out.err(`archflow simulate: ${archFile} has ${lintErrors} lint error${lintErrors === 1 ? '' : 's'} (archflow lint): simulating it as written.`);
    if (!scenarioFile && format === 'text') out.err(`archflow simulate: no scenario file beside ${archFile}: running the default scenario (see docs/simulate.md to write one).`);
    let project: ProjectHandlers | undefined;
    if (values.handlers !== undefined) {
      const dir = String(values.handlers);
      project = loadProject(dir, analysis.graph, analysis.doc.value);
      if (project.problems.length) {
        for (const p of project.problems) out.err(`archflow simulate: --handlers: ${p}`);
        return 2;
      }
      if (project.declared.length) out.err(`archflow simulate: ${project.declared.map((f) => `'${f}'`).join(', ')} ${project.declared.length === 1 ? 'has' : 'have'} no generated Node.js code: declared behaviour.`);
    }
    const errStyle = out.style?.err ?? PLAIN;
    const onLog = values['handler-logs'] === true ? (fn: string, line: string): void => out.err(`${errStyle.dim(fn)} ${line}`) : undefined;
    const style = out.style?.out ?? PLAIN;
    const json: Record<string, unknown>[] = [];
    let failed = 0;
    for (const [i, s] of scenarios.entries()) {
      const options = {
        ...(until !== undefined ? { until } : {}), ...(seed !== undefined ? { seed } : {}),
        timeline: format === 'json' ? timeline ?? 10_000 : Math.max(timeline ?? 40, 0),
      };
      let run: ScenarioRun;
      if (project) {
        // A fresh environment per scenario: no handler state leaks from one scenario into the next.
        const runner = new HandlerRunner(analysis.graph, s.plans, seed ?? s.seed, project, { ...(onLog ? { onLog } : {}) });
        try {
          run = await runScenarioAsync(analysis.graph, s, { ...options, behaviour: runner });
        } finally {
          await runner.close();
        }
      } else run = runScenario(analysis.graph, s, options);
      if (!run.passed) failed++;
      if (format === 'json') {
        json.push(runJson(run, scenarioFile ?? archFile));
        continue;
      }
      if (i > 0) out.log('');
      for (const line of formatRun(run, { timeline: timeline ?? 40, file: scenarioFile ?? archFile })) {
        if (line.startsWith('  ✓')) out.log(style.green(line));
        else if (line.startsWith('  ✗')) out.log(style.red(line));
        else if (/^(Scenario|Timeline|Nodes|Lost|Expectations)\b/.test(line)) out.log(style.bold(line));
        else out.log(line);
      }
    }
    if (format === 'json') out.log(JSON.stringify(json, null, 2));
    else if (scenarios.length > 1) out.err(`${scenarios.length} scenarios run: ${failed ? `${failed} with a failed expectation` : 'every expectation holds'}.`);
    return failed ? 1 : 0;
  },
};
