import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CompletionItemKind, DiagnosticSeverity, MarkupKind, type CancellationToken, type CodeLens, type CompletionItem, type Connection, type Diagnostic,
  type Location, type LocationLink,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type Problem } from '../core/index';
import { locate } from '../core/parse/locate';
import type { ArchDocument } from '../core/parse/parse';
import {
  DeclaredBehaviour, formatRun, readScenarioFile, resolveScenarios, runScenarioAsync, type Behaviour, type HandlerCall, type HandlerOutcome, type ScenarioDocument,
} from '../core/simulate/index';
import { completeScenario, hoverScenario, scenarioDefinition, scenarioSpans, type ScenarioCompletionKind } from '../core/simulate/scenario-editor';
import { runTestEvent, takesTestEvent, testEventSamples } from '../core/simulate/test-event';
import type { Graph } from '../core/model/graph';
import {
  RUN_SCENARIO_COMMAND, RunScenarioRequest, SendTestEventRequest, TestEventSamplesRequest, type RunScenarioArgs, type RunScenarioResult,
} from '../protocol';
import { toDiagnostic, toRange } from './convert';
import type { ArchServices } from './services';

/** Scenario files (`*.scenario.yaml`): the server's second format (docs/simulate.md). */
export const isScenarioUri = (uri: unknown): boolean => typeof uri === 'string' && /\.scenario\.ya?ml$/i.test(uri);

/** Problems of an architecture's format: the graph cannot be trusted (as `archflow simulate` says). */
const FORMAT = /^(file|yaml|schema|ref|name)\//;
/** Pause after a keystroke before checking a scenario file again (ms). */
const DELAY = 120;

/** Invocations between two turns of the event loop during a scenario run. */
const YIELD_EVERY = 500;

/**
 * A behaviour that answers one invocation in `every` through the event loop (`setImmediate`). The
 * simulation awaits it at the same virtual time, in order, so the run is the same as a synchronous one
 * (test/lsp/scenario.test.ts compares them); the server handles other requests in between.
 */
class Yielding implements Behaviour {
  private n = 0;
  constructor(private readonly inner: Behaviour, private readonly every: number) {}

  run(call: HandlerCall): HandlerOutcome | Promise<HandlerOutcome> {
    const out = this.inner.run(call);
    if (++this.n % this.every !== 0) return out;
    return new Promise((resolve) => setImmediate(() => resolve(out)));
  }
}

/** What a "Run scenario" lens carries from `codeLens` to `codeLens/resolve`. */
interface ScenarioLensData {
  readonly scenarioLens: true;
  readonly uri: string;
  readonly scenario: string;
}

const isScenarioLens = (lens: unknown): lens is CodeLens & { data: ScenarioLensData } =>
  typeof lens === 'object' && lens !== null && typeof (lens as CodeLens).data === 'object' && (lens as { data: { scenarioLens?: unknown } }).data?.scenarioLens === true;

const KIND: Record<ScenarioCompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  node: CompletionItemKind.Reference,
  event: CompletionItemKind.Event,
};

/** The architecture a scenario file names, read (open document first, then disk), or why it cannot be. */
type Architecture = { readonly uri: string; readonly graph: Graph; readonly doc: ArchDocument } | { readonly uri?: string; readonly error: string };

/**
 * Scenario files in the language server: diagnostics (the schema's, then every name checked against
 * the architecture the file names, with the closest name), completion, hover, a "Run scenario" lens per
 * scenario (`arch/runScenario`; failed expectations become diagnostics at their entry until the next
 * edit), and the diagram's "Send test event" (`arch/testEventSamples`, `arch/sendTestEvent`).
 */
export class ScenarioFiles {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Failed expectations of the last run, per scenario file (cleared by an edit). */
  private readonly runProblems = new Map<string, Diagnostic[]>();
  /** The last run's verdict per scenario, for the lens title. */
  private readonly verdicts = new Map<string, string>();
  /** Architectures read from disk, by path, with the modification time they were read at. */
  private readonly disk = new Map<string, { mtime: number; analysis: Analysis }>();

  constructor(private readonly connection: Connection, private readonly services: ArchServices) {
    const { documents } = services;
    documents.onDidOpen((e) => this.changed(e.document, true));
    documents.onDidChangeContent((e) => this.changed(e.document, false));
    documents.onDidClose((e) => {
      if (!isScenarioUri(e.document.uri)) {
        // The scenario files beside it read the architecture from disk again.
        this.changed(e.document, false);
        return;
      }
      clearTimeout(this.timers.get(e.document.uri));
      this.timers.delete(e.document.uri);
      this.runProblems.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    connection.onRequest(RunScenarioRequest.type, (p) => this.run(p.textDocument.uri, p.scenario));
    connection.onRequest(TestEventSamplesRequest.type, async (p) => {
      const graph = await this.graphOf(p.textDocument.uri);
      if (!graph) return { node: p.node, samples: [], problems: ['Open the architecture in an editor first.'] };
      const node = graph.nodes.get(p.node);
      const problems = !node ? [`'${p.node}' is not a node of the architecture.`] : !takesTestEvent(node.kind) ? [`A test event cannot start at ${node.kind === 'schedule' ? 'a schedule: it fires on its own (simulate a scenario)' : `a ${node.kind}`}.`] : [];
      return { node: p.node, samples: problems.length ? [] : testEventSamples(graph, p.node), problems };
    });
    connection.onRequest(SendTestEventRequest.type, async (p) => {
      const graph = await this.graphOf(p.textDocument.uri);
      if (!graph) return { problems: ['Open the architecture in an editor first.'] };
      return runTestEvent(graph, p.node, p.payload);
    });
  }

  /** The graph of an open architecture document. */
  private async graphOf(uri: string): Promise<Graph | undefined> {
    return (await this.services.currentAnalysis(uri))?.graph;
  }

  private changed(doc: TextDocument, immediate: boolean): void {
    if (isScenarioUri(doc.uri)) {
      this.runProblems.delete(doc.uri);
      this.schedule(doc.uri, immediate);
      return;
    }
    // An architecture changed: the scenario files open beside it are checked again.
    for (const other of this.services.documents.all()) if (isScenarioUri(other.uri)) this.schedule(other.uri, false);
  }

  private schedule(uri: string, immediate: boolean): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.publish(uri).catch((err: unknown) => this.connection.console.error(String((err as Error)?.stack ?? err)));
    }, immediate ? 0 : DELAY));
  }

  /** Reads the architecture a scenario file names, relative to the file. */
  private async architecture(uri: string, sd: ScenarioDocument): Promise<Architecture | undefined> {
    if (sd.architecture === undefined) return undefined;
    if (!uri.startsWith('file:')) return { error: `The architecture '${sd.architecture}' is relative to the scenario file, which is not a file on disk.` };
    const path = resolve(dirname(fileURLToPath(uri)), sd.architecture);
    const archUri = pathToFileURL(path).toString();
    const open = this.services.documents.all().find((d) => d.uri === archUri || sameFile(d.uri, path));
    let analysis: Analysis | undefined;
    if (open) analysis = await this.services.currentAnalysis(open.uri);
    else {
      let mtime: number;
      try {
        mtime = statSync(path).mtimeMs;
      } catch {
        return { uri: archUri, error: `The architecture '${sd.architecture}' does not exist next to this file.` };
      }
      const hit = this.disk.get(path);
      if (hit && hit.mtime === mtime) analysis = hit.analysis;
      else {
        let text: string;
        try {
          text = readFileSync(path, 'utf8');
        } catch (err) {
          return { uri: archUri, error: `The architecture '${sd.architecture}' cannot be read: ${(err as Error).message}` };
        }
        analysis = analyze(text, await this.services.optionsFor(archUri));
        this.disk.set(path, { mtime, analysis });
      }
    }
    if (!analysis) return { uri: archUri, error: `The architecture '${sd.architecture}' cannot be read.` };
    const broken = analysis.problems.filter((p) => p.severity === 'error' && FORMAT.test(p.code));
    if (broken.length) {
      return { uri: archUri, error: `The architecture '${sd.architecture}' has ${broken.length} problem${broken.length === 1 ? '' : 's'} in its format (the first: ${broken[0]!.message}): the names are checked once it reads.` };
    }
    return { uri: archUri, graph: analysis.graph, doc: analysis.doc };
  }

  /** The scenario file read and checked against its architecture. */
  private async check(doc: TextDocument): Promise<{ sd: ScenarioDocument; arch: Architecture | undefined; problems: Problem[] }> {
    const sd = readScenarioFile(doc.getText());
    const problems = [...sd.problems];
    const arch = await this.architecture(doc.uri, sd);
    if (arch && 'error' in arch) {
      problems.push({ code: 'scenario/no-architecture', severity: 'error', message: arch.error, span: locate(sd.doc.yaml, sd.doc.text, ['architecture']), pointer: ['architecture'] });
    } else if (arch && !problems.some((p) => p.severity === 'error')) {
      problems.push(...resolveScenarios(sd, arch.graph).problems);
    }
    return { sd, arch, problems };
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.services.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const { problems } = await this.check(doc);
    if (this.services.documents.get(uri)?.version !== version) return;
    const diagnostics = [...problems.map((p) => toDiagnostic(doc, p)), ...(this.runProblems.get(uri) ?? [])];
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** Runs one scenario of an open scenario file; its failed expectations become diagnostics. */
  async run(uri: string, name: string): Promise<RunScenarioResult> {
    const doc = this.services.documents.get(uri);
    if (!doc) return { scenario: name, problems: ['Open the scenario file in an editor first.'] };
    const { sd, arch, problems } = await this.check(doc);
    const errors = problems.filter((p) => p.severity === 'error');
    if (!arch) return { scenario: name, problems: ['The file names no `architecture`.'] };
    if ('error' in arch) return { scenario: name, problems: [arch.error] };
    if (errors.length) {
      return { scenario: name, problems: errors.slice(0, 5).map((p) => `line ${doc.positionAt(p.span.start).line + 1}: ${p.message}`) };
    }
    const scenario = resolveScenarios(sd, arch.graph).scenarios.find((s) => s.name === name);
    if (!scenario) return { scenario: name, problems: [`The file has no scenario '${name}'.`] };
    // The declared behaviour, answering through the event loop now and then: a long run (a busy hour)
    // leaves the server free to answer the editor meanwhile, and runs exactly as `archflow simulate` does.
    const behaviour = new Yielding(new DeclaredBehaviour(arch.graph, scenario.plans, scenario.seed), YIELD_EVERY);
    const run = await runScenarioAsync(arch.graph, scenario, { timeline: 10_000, behaviour });
    const expectations = run.outcomes.map((o) => {
      const span = locate(sd.doc.yaml, sd.doc.text, o.expectation.pointer);
      return { text: o.expectation.text, ok: o.ok, detail: o.detail, range: toRange(doc, span) };
    });
    const failed: Diagnostic[] = expectations.filter((e) => !e.ok).map((e) => ({
      range: e.range, severity: DiagnosticSeverity.Error, source: 'archflow', code: 'scenario/expectation-failed',
      message: `Scenario '${name}': ${e.text} did not hold: ${e.detail}.`,
    }));
    if (run.stopped) {
      failed.push({ range: toRange(doc, locate(sd.doc.yaml, sd.doc.text, scenario.pointer, 'key')), severity: DiagnosticSeverity.Error, source: 'archflow', code: 'scenario/expectation-failed', message: `Scenario '${name}' ${run.stopped}.` });
    }
    // The failures of the other scenarios stay until an edit; this scenario's are replaced.
    const others = (this.runProblems.get(uri) ?? []).filter((d) => !(typeof d.message === 'string' && d.message.startsWith(`Scenario '${name}'`)));
    this.runProblems.set(uri, [...others, ...failed]);
    const held = run.outcomes.filter((o) => o.ok).length;
    this.verdicts.set(`${uri}\u0000${name}`, run.outcomes.length === 0 ? (run.stopped ? 'stopped' : 'ran') : `${run.passed ? '✓' : '✗'} ${held}/${run.outcomes.length}`);
    void this.publish(uri);
    if (this.services.clientCapabilities.workspace?.codeLens?.refreshSupport) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    return {
      scenario: name, passed: run.passed, expectations, ...(run.stopped ? { stopped: run.stopped } : {}),
      report: formatRun(run, { timeline: 40, file: uri.replace(/^.*\//, '') }).join('\n'), end: run.end, events: run.events, deliveries: run.deliveries,
    };
  }

  // ---- Editor features, routed here for scenario files (see `routeScenarioFiles`) --------------------

  async complete(params: { textDocument: { uri: string }; position: { line: number; character: number } }): Promise<{ isIncomplete: false; items: CompletionItem[] } | null> {
    const doc = this.services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const sd = readScenarioFile(doc.getText());
    const arch = await this.architecture(doc.uri, sd);
    const graph = arch && 'graph' in arch ? arch.graph : undefined;
    const markdown = this.services.clientCapabilities.textDocument?.completion?.completionItem?.documentationFormat?.includes(MarkupKind.Markdown) ?? true;
    const items = completeScenario(doc.getText(), doc.offsetAt(params.position), graph).map((e): CompletionItem => ({
      label: e.label, kind: KIND[e.kind], ...(e.detail ? { detail: e.detail } : {}),
      ...(e.documentation ? { documentation: markdown ? { kind: MarkupKind.Markdown, value: e.documentation } : e.documentation } : {}),
      textEdit: { range: toRange(doc, e.span), newText: e.insertText },
    }));
    return { isIncomplete: false, items };
  }

  async hover(params: { textDocument: { uri: string }; position: { line: number; character: number } }): Promise<{ contents: { kind: MarkupKind; value: string }; range: ReturnType<typeof toRange> } | null> {
    const doc = this.services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const sd = readScenarioFile(doc.getText());
    const arch = await this.architecture(doc.uri, sd);
    const h = hoverScenario(sd.doc, doc.offsetAt(params.position), arch && 'graph' in arch ? arch.graph : undefined);
    if (!h) return null;
    const markdown = this.services.clientCapabilities.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? true;
    return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: h.markdown }, range: toRange(doc, h.span) };
  }

  /**
   * Go to definition: from a node or catalog event a scenario names to its declaration in the
   * architecture, and from the `architecture` value to that file (the text the names were checked against).
   */
  async definition(params: { textDocument: { uri: string }; position: { line: number; character: number } }): Promise<LocationLink[] | Location[] | null> {
    const doc = this.services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const sd = readScenarioFile(doc.getText());
    const arch = await this.architecture(doc.uri, sd);
    if (!arch || !('graph' in arch)) return null;
    const def = scenarioDefinition(sd.doc, doc.offsetAt(params.position), arch.graph);
    if (!def) return null;
    const target = TextDocument.create(arch.uri, 'archflow', 0, arch.doc.text);
    const span = def.target === 'file' ? { start: 0, end: 0 } : locate(arch.doc.yaml, arch.doc.text, def.pointer, 'key');
    const range = toRange(target, span);
    if (this.services.clientCapabilities.textDocument?.definition?.linkSupport) {
      return [{ originSelectionRange: toRange(doc, def.span), targetUri: arch.uri, targetRange: range, targetSelectionRange: range }];
    }
    return [{ uri: arch.uri, range }];
  }

  lenses(params: { textDocument: { uri: string } }): CodeLens[] | null {
    const doc = this.services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const sd = readScenarioFile(doc.getText());
    return scenarioSpans(sd.doc).map((s) => ({ range: toRange(doc, s.span), data: { scenarioLens: true, uri: doc.uri, scenario: s.name } satisfies ScenarioLensData }));
  }

  resolveLens(lens: CodeLens & { data: ScenarioLensData }): CodeLens {
    const args: RunScenarioArgs = { uri: lens.data.uri, scenario: lens.data.scenario };
    const verdict = this.verdicts.get(`${lens.data.uri}\u0000${lens.data.scenario}`);
    return { ...lens, command: { title: `▶ Run scenario${verdict ? ` (last run: ${verdict})` : ''}`, command: RUN_SCENARIO_COMMAND, arguments: [args] } };
  }
}

/** True when a document URI is the file at `path`, however the client encoded it. */
function sameFile(uri: string, path: string): boolean {
  if (!uri.startsWith('file:')) return false;
  try {
    return fileURLToPath(uri) === path;
  } catch {
    return false;
  }
}

/** The `connection.on…` registrations of requests about one document. */
const DOCUMENT_REQUESTS = new Set([
  'onHover', 'onCompletion', 'onDefinition', 'onReferences', 'onPrepareRename', 'onRenameRequest', 'onDocumentSymbol', 'onFoldingRanges',
  'onSelectionRanges', 'onCodeAction', 'onCodeLens',
]);

type Handler = (params: unknown, ...rest: unknown[]) => unknown;

/**
 * The connection as the architecture format's handlers see it: a request about a scenario file goes
 * to `ScenarioFiles` (completion, hover, lenses) or answers nothing (the others), so a scenario file is
 * never analysed as an architecture. `attach` the scenario files once the services exist.
 */
export function routeScenarioFiles(connection: Connection): { connection: Connection; attach(files: ScenarioFiles): void } {
  let files: ScenarioFiles | undefined;
  const route = (prop: string, params: unknown, token: unknown): unknown => {
    if (!files) return null;
    switch (prop) {
      case 'onCompletion': return files.complete(params as Parameters<ScenarioFiles['complete']>[0]);
      case 'onHover': return files.hover(params as Parameters<ScenarioFiles['hover']>[0]);
      case 'onDefinition': return files.definition(params as Parameters<ScenarioFiles['definition']>[0]);
      case 'onCodeLens': return (token as CancellationToken | undefined)?.isCancellationRequested ? null : files.lenses(params as Parameters<ScenarioFiles['lenses']>[0]);
      default: return null;
    }
  };
  const proxy = new Proxy(connection, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (prop === 'onCodeLensResolve') {
        return (handler: Handler) => fn.call(target, (lens: unknown, ...rest: unknown[]) => (isScenarioLens(lens) && files ? files.resolveLens(lens) : handler(lens, ...rest)));
      }
      if (typeof prop === 'string' && DOCUMENT_REQUESTS.has(prop)) {
        return (handler: Handler) => fn.call(target, (params: unknown, ...rest: unknown[]) =>
          (isScenarioUri((params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri) ? route(prop, params, rest[0]) : handler(params, ...rest)));
      }
      return fn.bind(target);
    },
  });
  return { connection: proxy, attach: (f) => (files = f) };
}
