/**
 * Real handlers for the simulator (`archflow simulate --handlers <project>`): a `Behaviour` that runs
 * each invocation in the generated project's built handler (`dist/<function>/index.js`), one worker
 * thread per function (its execution environment, kept warm between invocations, one invocation at a
 * time), with the generated runtime's AWS calls routed to the simulation through the transport the
 * worker installs (handler-worker.ts). Outside the core: it reads files and starts threads.
 *
 * As Lambda: a handler that throws (or rejects) fails its invocation; one that runs past its
 * function's `timeout` (real time) is stopped — the worker is terminated and the next invocation gets
 * a fresh one, a cold start — and counts as a timeout; what it sent before stays sent. A batch handler's
 * `batchItemFailures` are the records reported failed (an identifier that is not in the batch fails
 * the whole batch, as Lambda does); an API handler's `{ statusCode, body }` is the API's answer.
 *
 * The virtual clock stays the scenario's: an invocation lasts what the scenario's `takes` says
 * (100 ms by default), not its real time, so a run is as reproducible as the handlers are. The
 * scenario's fault injection still applies: `timesOut`, and a record matching `failsWhen` or drawn by
 * `fails`, fail the invocation before the handler runs (with `reportFailures`, those records are
 * reported failed on top of what the handler reports). Its `emits` and `responds` do not: the handler
 * sends and answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CodegenContext } from '../core/codegen/context';
import { parseManifest } from '../core/codegen/manifest';
import type { Graph, GraphNode } from '../core/model/graph';
import { DeclaredBehaviour, type FunctionPlan } from '../core/simulate/behaviour';
import type { Attributes, Behaviour, HandlerCall, HandlerOutcome, HandlerSend, Send } from '../core/simulate/types';
import { isObj } from '../core/util/value';
import type { WorkerJob, WorkerMessage, WorkerSetup } from './handler-worker';

/** One function's built handler. */
export interface HandlerEntry {
  readonly fn: string;
  readonly bundle: string;
  /** The environment the template gives it, with every emit target's variable naming the node. */
  readonly env: Readonly<Record<string, string>>;
  /** Real ms it may run. */
  readonly timeout: number;
  readonly memory: number;
}

/** What a generated project gives the simulator. */
export interface ProjectHandlers {
  readonly handlers: ReadonlyMap<string, HandlerEntry>;
  /** Functions whose code Archflow does not generate (other runtimes, images): declared behaviour. */
  readonly declared: readonly string[];
  /** Why the project cannot run (no manifest, a function not generated or not built). */
  readonly problems: readonly string[];
}

/**
 * Finds the built handler of every function of `graph` in the generated project `dir`: its manifest
 * (`.archflow/manifest.json`) lists the functions and where each is built.
 */
export function loadProject(dir: string, graph: Graph, root: unknown): ProjectHandlers {
  const problems: string[] = [];
  const manifestPath = join(dir, '.archflow', 'manifest.json');
  let text: string | undefined;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch {
    return { handlers: new Map(), declared: [], problems: [`${dir} is not a generated project: it has no .archflow/manifest.json (archflow generate <file> --out ${dir})`] };
  }
  const manifest = parseManifest(text);
  if (!manifest) return { handlers: new Map(), declared: [], problems: [`${manifestPath} is not a manifest Archflow can read: generate the project again`] };
  if (graph.name !== undefined && manifest.architecture !== '' && manifest.architecture !== graph.name) {
    problems.push(`${dir} was generated from architecture '${manifest.architecture}', not '${graph.name}'`);
  }
  const ctx = new CodegenContext(graph, root);
  const handlers = new Map<string, HandlerEntry>();
  const declared: string[] = [];
  const unbuilt: string[] = [];
  for (const node of graph.nodes.values()) {
    if (node.kind !== 'function') continue;
    const fn = node as GraphNode<'function'>;
    const entry = manifest.functions.find((f) => f.name === fn.id);
    if (!entry) {
      problems.push(`function '${fn.id}' is not in the project: generate it again (archflow generate)`);
      continue;
    }
    if (!entry.runtime.startsWith('nodejs') || !Object.prototype.hasOwnProperty.call(manifest.handlers, fn.id)) {
      declared.push(fn.id);
      continue;
    }
    const bundle = resolve(dir, entry.source, 'index.js');
    if (!existsSync(bundle)) {
      unbuilt.push(fn.id);
      continue;
    }
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(fn.settings.environment.value)) env[k] = typeof v === 'string' ? v : JSON.stringify(v);
    for (const e of graph.outgoing.get(fn.id) ?? []) if (e.mechanism === 'emit' && graph.nodes.has(e.to)) env[ctx.envName(e.to)] = e.to;
    env.AWS_LAMBDA_FUNCTION_NAME = fn.id;
    env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = String(fn.settings.memory.value);
    env.AWS_REGION = graph.region ?? 'us-east-1';
    handlers.set(fn.id, { fn: fn.id, bundle, env, timeout: Math.max(1, fn.settings.timeout.value * 1000), memory: fn.settings.memory.value });
  }
  if (unbuilt.length) problems.push(`${unbuilt.length === 1 ? 'function' : 'functions'} ${unbuilt.map((f) => `'${f}'`).join(', ')} ${unbuilt.length === 1 ? 'is' : 'are'} not built: run \`npm run build\` in ${dir}`);
  return { handlers, declared, problems };
}

/** How one invocation of a real handler went. */
interface Ran {
  readonly sends: readonly Readonly<Record<string, unknown>>[];
  readonly timedOut: boolean;
  readonly error?: string;
  readonly result?: unknown;
}

/** One function's worker: started on first use, one invocation at a time, replaced after a timeout or a crash. */
class FunctionHost {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private jobs = 0;
  private pending: { id: number; sends: Readonly<Record<string, unknown>>[]; settle: (r: Ran) => void; timer: NodeJS.Timeout } | undefined;

  constructor(private readonly entry: HandlerEntry, private readonly nodes: readonly string[], private readonly workerFile: string, private readonly onLog?: (fn: string, line: string) => void) {}

  invoke(event: unknown): Promise<Ran> {
    const run = this.queue.then(() => this.runOne(event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private start(): Worker {
    const setup: WorkerSetup = { bundle: this.entry.bundle, functionName: this.entry.fn, memory: this.entry.memory, nodes: this.nodes };
    const w = new Worker(this.workerFile, { workerData: setup, env: { ...process.env, ...this.entry.env }, stdout: true, stderr: true });
    for (const stream of [w.stdout, w.stderr]) {
      let rest = '';
      stream.on('data', (d: Buffer) => {
        const lines = (rest + d.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) this.onLog?.(this.entry.fn, line);
      });
    }
    w.on('message', (m: WorkerMessage) => {
      const p = this.pending;
      if (!p || m.id !== p.id) return;
      if (m.type === 'send') p.sends.push(m.call);
      else this.settle(m.ok ? { sends: p.sends, timedOut: false, result: m.result } : { sends: p.sends, timedOut: false, error: m.error });
    });
    // A crash (an uncaught exception after the handler returned, process.exit): the invocation fails and the environment is replaced.
    w.on('error', (err) => this.crash(w, `Runtime.ExitError: ${err.message}`));
    w.on('exit', (code) => this.crash(w, `Runtime.ExitError: the runtime exited with code ${code}`));
    w.unref();
    return w;
  }

  private crash(w: Worker, why: string): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    const p = this.pending;
    if (p) this.settle({ sends: p.sends, timedOut: false, error: why });
  }

  private settle(r: Ran): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.settle(r);
  }

  private runOne(event: unknown): Promise<Ran> {
    const w = (this.worker ??= this.start());
    const id = ++this.jobs;
    return new Promise<Ran>((settle) => {
      const timer = setTimeout(() => {
        // Past the function's timeout: Lambda stops the invocation; the environment is discarded.
        const p = this.pending;
        this.worker = undefined;
        void w.terminate();
        if (p) {
          this.pending = undefined;
          settle({ sends: p.sends, timedOut: true });
        }
      }, this.entry.timeout);
      this.pending = { id, sends: [], settle, timer };
      const job: WorkerJob = { id, event, timeout: this.entry.timeout };
      w.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/** Options of the runner. */
export interface HandlerRunnerOptions {
  /** Where the worker script is (default: handler-worker.js beside this bundle). */
  readonly workerFile?: string;
  /** Each line a handler prints (console.log, console.error), with its function. */
  readonly onLog?: (fn: string, line: string) => void;
}

/** Lambda's identifier of a record in a batch (what `batchItemFailures[].itemIdentifier` names). */
function itemIdentifier(record: unknown): string | undefined {
  if (!isObj(record)) return undefined;
  if (typeof record.messageId === 'string') return record.messageId;
  if (isObj(record.kinesis) && typeof record.kinesis.sequenceNumber === 'string') return record.kinesis.sequenceNumber;
  if (isObj(record.dynamodb) && typeof record.dynamodb.SequenceNumber === 'string') return record.dynamodb.SequenceNumber;
  return undefined;
}

/** The string and number values in a message (JSON text read as JSON), at most 200 of them. */
function scalars(root: unknown): Set<string> {
  const out = new Set<string>();
  const queue: unknown[] = [root];
  for (let i = 0; i < queue.length && out.size < 200 && i < 2000; i++) {
    let v = queue[i];
    if (typeof v === 'string' && v.length > 1 && (v[0] === '{' || v[0] === '[')) {
      try {
        v = JSON.parse(v) as unknown;
      } catch {
        // plain text
      }
    }
    if (typeof v === 'string') {
      if (v !== '') out.add(v);
    } else if (typeof v === 'number') out.add(String(v));
    else if (Array.isArray(v)) queue.push(...v);
    else if (isObj(v)) queue.push(...Object.values(v));
  }
  return out;
}

/** The runner of a generated project's real handlers. */
export class HandlerRunner implements Behaviour {
  private readonly declared: DeclaredBehaviour;
  private readonly hosts = new Map<string, FunctionHost>();
  private readonly plans: ReadonlyMap<string, FunctionPlan>;
  private readonly recordValues = new WeakMap<HandlerCall, { sets: Set<string>[]; last: Map<string, number> }>();

  constructor(private readonly graph: Graph, plans: ReadonlyMap<string, FunctionPlan>, seed: number | string, project: ProjectHandlers, options: HandlerRunnerOptions = {}) {
    this.declared = new DeclaredBehaviour(graph, plans, seed);
    this.plans = plans;
    const nodes = [...graph.nodes.keys()];
    const workerFile = options.workerFile ?? join(__dirname, 'handler-worker.js');
    for (const [fn, entry] of project.handlers) this.hosts.set(fn, new FunctionHost(entry, nodes, workerFile, options.onLog));
  }

  run(call: HandlerCall): HandlerOutcome | Promise<HandlerOutcome> {
    const host = this.hosts.get(call.function);
    const declared = this.declared.run(call);
    // Functions without generated code behave as declared.
    if (!host) return declared;
    const plan = this.plans.get(call.function) ?? {};
    // The scenario's faults come first: the handler does not run.
    if (plan.timesOut) return { duration: Infinity, sends: [] };
    if (declared.error !== undefined) return { duration: declared.duration, error: declared.error, sends: [] };
    let event = call.event();
    // Records the scenario fails (a partial batch response) are reported failed; the handler gets the others.
    const injected = new Set(declared.failed ?? []);
    if (injected.size && isObj(event) && Array.isArray(event.Records) && event.Records.length === call.records.length) {
      if (injected.size === call.records.length) return { duration: declared.duration, failed: [...injected], sends: [] };
      event = { ...event, Records: event.Records.filter((_, i) => !injected.has(i)) };
    }
    const ran = host.invoke(event);
    return ran.then((r) => this.outcome(call, injected, declared.duration, r));
  }

  private outcome(call: HandlerCall, injected: ReadonlySet<number>, duration: number, ran: Ran): HandlerOutcome {
    const sends = ran.sends.map((s) => this.toSend(call, s)).filter((s): s is HandlerSend => s !== undefined);
    if (ran.timedOut) return { duration: Infinity, sends };
    if (ran.error !== undefined) return { duration, error: ran.error, sends };
    const failed = new Set(injected);
    if (call.mode === 'batch' && call.source.reportFailures && isObj(ran.result) && Array.isArray(ran.result.batchItemFailures)) {
      // Lambda: an itemIdentifier that is empty, null or not a record's fails the whole batch (Lambda DG,
      // services-kinesis-batchfailurereporting, "Success and failure conditions"). Identifiers index the whole batch.
      const all = call.event();
      const records = isObj(all) && Array.isArray(all.Records) ? all.Records : [];
      const index = new Map(records.map((r, i) => [itemIdentifier(r), i]));
      for (const f of ran.result.batchItemFailures) {
        const id = isObj(f) && typeof f.itemIdentifier === 'string' ? f.itemIdentifier : undefined;
        const i = id ? index.get(id) : undefined;
        if (i === undefined) return { duration, error: `batchItemFailures names ${id ? `'${id}', not a record of the batch` : 'an empty itemIdentifier'}: Lambda fails the whole batch`, sends };
        failed.add(i);
      }
    }
    return {
      duration, sends,
      ...(failed.size ? { failed: [...failed].sort((a, b) => a - b) } : {}),
      ...(call.mode === 'sync' && ran.result !== undefined ? { response: ran.result } : call.mode === 'sync' ? { response: null } : {}),
    };
  }

  /**
   * The record of the batch a send is for (its origin and lineage go on with it): the one that shares
   * the most string and number values with the message (an `orderId`, a key, a page); among equals,
   * the first after the record the previous send to the same node was for (handlers go through their
   * records in order), else the first.
   */
  private recordOf(call: HandlerCall, to: string, message: unknown): number {
    if (call.records.length < 2) return 0;
    let memo = this.recordValues.get(call);
    if (!memo) {
      memo = { sets: call.records.map((r) => scalars(r.body)), last: new Map() };
      this.recordValues.set(call, memo);
    }
    const mine = scalars(message);
    const scores = memo.sets.map((set) => {
      let n = 0;
      for (const v of mine) if (set.has(v)) n++;
      return n;
    });
    const top = Math.max(...scores);
    const last = memo.last.get(to) ?? -1;
    let pick = scores.findIndex((n, i) => n === top && i > last);
    if (pick < 0) pick = scores.indexOf(top);
    memo.last.set(to, pick);
    return pick;
  }

  /** A transport call of the generated runtime as the simulator's send. */
  private toSend(call: HandlerCall, c: Readonly<Record<string, unknown>>): HandlerSend | undefined {
    const to = String(c.target);
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    let send: Send;
    let message: unknown;
    let event: string | undefined;
    switch (c.action) {
      case 'sendMessage': {
        message = c.message;
        const group = str(c.groupId);
        const dedup = str(c.deduplicationId);
        send = { action: 'sendMessage', message, ...(group !== undefined ? { group } : {}), ...(dedup !== undefined ? { deduplicationId: dedup } : {}), ...(typeof c.delaySeconds === 'number' ? { delaySeconds: c.delaySeconds } : {}) };
        break;
      }
      case 'publish': {
        message = c.message;
        const group = str(c.groupId);
        const dedup = str(c.deduplicationId);
        const attributes = isObj(c.attributes)
          ? Object.fromEntries(Object.entries(c.attributes).map(([k, v]) => [k, { type: 'String', value: String(v) }])) as Attributes
          : undefined;
        send = { action: 'publish', message, ...(group !== undefined ? { group } : {}), ...(dedup !== undefined ? { deduplicationId: dedup } : {}), ...(attributes ? { attributes } : {}) };
        break;
      }
      case 'putEvent': {
        message = c.detail;
        const source = String(c.source);
        const detailType = String(c.detailType);
        event = [...this.graph.events.values()].find((e) => e.detailType === detailType && (e.source === undefined || e.source === source))?.name;
        send = { action: 'putEvent', source, detailType, detail: c.detail };
        break;
      }
      case 'putRecord':
        message = c.data;
        send = { action: 'putRecord', data: c.data, partitionKey: String(c.partitionKey) };
        break;
      case 'putFirehoseRecord':
        message = c.data;
        send = { action: 'putRecord', data: c.data, partitionKey: '' };
        break;
      case 'putObject':
        send = { action: 'putObject', key: String(c.key), ...(typeof c.size === 'number' ? { size: c.size } : {}) };
        break;
      case 'putItem':
        message = c.item;
        send = { action: 'putItem', item: isObj(c.item) ? c.item : {} };
        break;
      case 'invoke':
        message = c.payload;
        send = { action: 'invoke', payload: c.payload, async: c.type === 'Event' };
        break;
      case 'postToConnection':
        // A WebSocket API counts what reaches it (it has no simulation of its own).
        message = c.data;
        send = { action: 'sendMessage', message: c.data };
        break;
      case 'startExecution':
        message = c.input;
        send = { action: 'invoke', payload: c.input, async: true };
        break;
      default:
        // Reads (getObject, getItem) send nothing.
        return undefined;
    }
    return { to, send, record: this.recordOf(call, to, message), ...(event !== undefined ? { event } : {}) };
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all([...this.hosts.values()].map((h) => h.close()));
  }
}
