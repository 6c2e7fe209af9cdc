/**
 * One function's execution environment for `archflow simulate --handlers`: a worker thread that loads
 * the function's built bundle (`dist/<function>/index.js` of a generated project) once, as Lambda
 * loads it in a fresh environment, and runs one invocation at a time. The generated runtime's helpers
 * (src/generated/runtime.ts) find the transport installed on `globalThis` here and hand every AWS call
 * to it: each is posted to the host as it happens (so a send made before a timeout still counts), and
 * nothing reaches the network. Bundled as server/out/handler-worker.js.
 *
 * Reads and answers with nothing stored: `getObject` answers '', `getItem` nothing, a
 * `RequestResponse` invoke and `startExecution` answer at once (docs/simulate.md "Handlers").
 */
import { parentPort, workerData } from 'node:worker_threads';

/** What the host gives the worker when it starts. */
export interface WorkerSetup {
  /** Absolute path of the function's bundle. */
  readonly bundle: string;
  readonly functionName: string;
  readonly memory: number;
  /** Node names a helper may address (the values of the environment variables the host set). */
  readonly nodes: readonly string[];
}

/** An invocation, from the host. */
export interface WorkerJob {
  readonly id: number;
  readonly event: unknown;
  /** Real milliseconds the invocation may run (the function's timeout). */
  readonly timeout: number;
}

/** What the worker posts: a send as it happens, then the invocation's end. */
export type WorkerMessage =
  | { readonly type: 'send'; readonly id: number; readonly call: Readonly<Record<string, unknown>> }
  | { readonly type: 'done'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly type: 'done'; readonly id: number; readonly ok: false; readonly error: string };

const setup = workerData as WorkerSetup;
const port = parentPort!;
const known = new Set(setup.nodes);
let current: number | undefined;
const region = process.env.AWS_REGION ?? 'us-east-1';

/** JSON-safe copy (what crosses to the host, as Lambda serializes what crosses its API). */
function plain(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? { bytes: v.length } : v))) as unknown;
}

(globalThis as { [key: symbol]: unknown })[Symbol.for('archflow.transport')] = {
  send(call: Readonly<Record<string, unknown>>): Promise<unknown> {
    const target = String(call.target);
    if (!known.has(target)) return Promise.reject(new Error(`ResourceNotFoundException: no resource '${target}' in the architecture (the simulator routes each helper to the node its environment variable names)`));
    if (current !== undefined) port.postMessage({ type: 'send', id: current, call: plain(call) as Readonly<Record<string, unknown>> } satisfies WorkerMessage);
    switch (call.action) {
      case 'getObject': return Promise.resolve('');
      case 'getItem': return Promise.resolve(undefined);
      case 'startExecution': return Promise.resolve(`arn:aws:states:${region}:123456789012:execution:${target}:simulated`);
      default: return Promise.resolve(undefined);
    }
  },
};

type Handler = (event: unknown, context: unknown) => unknown;
let handler: Handler | undefined;
let loadError: string | undefined;
try {
  const mod = require(setup.bundle) as { handler?: unknown };
  if (typeof mod.handler === 'function') handler = mod.handler as Handler;
  else loadError = `Runtime.HandlerNotFound: ${setup.bundle} exports no function 'handler'`;
} catch (err) {
  loadError = `Runtime.ImportModuleError: ${err instanceof Error ? err.message : String(err)}`;
}

let requests = 0;

port.on('message', (job: WorkerJob) => {
  current = job.id;
  const deadline = Date.now() + job.timeout;
  const requestId = `sim-${setup.functionName}-${++requests}`;
  const context = {
    functionName: setup.functionName, functionVersion: '$LATEST', invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${setup.functionName}`,
    memoryLimitInMB: String(setup.memory), awsRequestId: requestId, logGroupName: `/aws/lambda/${setup.functionName}`, logStreamName: 'simulated',
    callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined, fail: () => undefined, succeed: () => undefined,
  };
  const finish = (m: WorkerMessage): void => {
    if (current !== job.id) return;
    current = undefined;
    port.postMessage(m);
  };
  if (!handler) return finish({ type: 'done', id: job.id, ok: false, error: loadError ?? 'no handler' });
  Promise.resolve()
    .then(() => handler!(job.event, context))
    .then(
      (result) => {
        let answer: unknown;
        try {
          answer = plain(result);
        } catch (err) {
          return finish({ type: 'done', id: job.id, ok: false, error: `Runtime.MarshalError: the result is not JSON (${err instanceof Error ? err.message : String(err)})` });
        }
        finish({ type: 'done', id: job.id, ok: true, result: answer });
      },
      (err: unknown) => finish({ type: 'done', id: job.id, ok: false, error: err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err) }),
    );
});
