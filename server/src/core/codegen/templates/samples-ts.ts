import { kindLabel } from '../../kinds/index';
import type { Emitter, FunctionPlan, RuntimeHelper } from '../function-plan';
import { pascal } from '../names';
import { functionUrlSample } from '../sample-events';
import { doc, generatedHeader } from './header';

/** The exported name of a trigger's sample: `fromBilling`, `fromCheckoutPostOrders`. */
export function sampleNames(plan: FunctionPlan): string[] {
  const used = new Set<string>();
  return plan.triggers.map((t) => {
    let base = `from${pascal(t.source.id)}${t.edge.route ? pascal(t.edge.route.replace(/^[A-Z]+/, (m) => m.toLowerCase()).replace(/[{}+]/g, ' ')) : t.edge.rule ? pascal(t.edge.rule) : ''}`;
    if (t.shape === 'destination') base = `${t.edge.mechanism === 'success-destination' ? 'successOf' : 'failureOf'}${pascal(t.source.id)}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return name;
  });
}

/** What each helper that sends something sends, when the edge names no event. */
const SENT: Readonly<Partial<Record<RuntimeHelper, string>>> = {
  sendMessage: 'a message', publish: 'a message', putEvent: 'an event', putRecord: 'a record', putFirehoseRecord: 'a record',
  putObject: 'an object', putItem: 'an item', invoke: 'a payload', startExecution: 'an execution', postToConnection: 'a message',
};

/** The emitters that send something (reads — `getObject`, `getItem` — send nothing): the emits its test requires. */
export function sendingEmitters(plan: FunctionPlan): Emitter[] {
  return plan.emitters.filter((e) => SENT[e.helper] !== undefined);
}

/** `OrderPlaced to event bus 'orders'`, `an item to table 'orders'`. */
export function sentLabel(e: Emitter): string {
  return `${e.event?.name ?? SENT[e.helper] ?? 'a message'} to ${kindLabel(e.target.kind)} '${e.target.id}'`;
}

/** The export that marks a handler as the scaffold Archflow wrote: its test reports its emits as TODO. */
export const SCAFFOLD_MARK = 'scaffold';

/** `src/generated/samples/<function>.ts`: one sample event per trigger, built from the catalog's schemas. */
export function samplesTs(arch: string, plan: FunctionPlan, events: readonly unknown[]): string {
  const names = sampleNames(plan);
  const lines = [generatedHeader(arch), `// Sample events of function '${plan.node.id}', one per trigger, built from the schemas.\n`];
  lines.push(`import type { ${plan.eventTypeName} } from '../${plan.node.id}';\n`);
  plan.triggers.forEach((t, i) => {
    lines.push('\n' + doc(`What ${t.label} sends.`));
    lines.push(`export const ${names[i]}: ${plan.eventTypeName} = ${JSON.stringify(events[i], null, 2)};\n`);
  });
  if (plan.url) {
    lines.push('\n' + doc('A request to its function URL.'));
    lines.push(`export const fromUrl: ${plan.eventTypeName} = ${JSON.stringify(functionUrlSample(plan.node.id), null, 2)};\n`);
  }
  if (plan.triggers.length === 0 && !plan.url) {
    lines.push(`\n${doc('Nothing in the architecture invokes this function: an empty event.')}export const manual: ${plan.eventTypeName} = {};\n`);
  }
  return lines.join('');
}

/** `src/generated/tests/<function>.test.ts`: runs the handler on every sample (node:test). */
export function testTs(arch: string, plan: FunctionPlan): string {
  const fn = plan.node.id;
  const invoked = plan.triggers.length > 0 || plan.url;
  const names = invoked ? [...sampleNames(plan), ...(plan.url ? ['fromUrl'] : [])] : ['manual'];
  const labels = invoked ? [...plan.triggers.map((t) => t.label), ...(plan.url ? ['its function URL'] : [])] : ['an empty event'];
  const api = plan.url || plan.triggers.some((t) => t.shape === 'api' || t.shape === 'websocket');
  // A request (an HTTP or REST API route, the function URL) must be answered: API Gateway and function
  // URLs answer the caller with the handler's result, and no route declares a status other than 2xx.
  // (A WebSocket route answers only when it has a route response: its 5xx check stays.)
  const requests = invoked ? [...plan.triggers.map((t) => t.shape === 'api'), ...(plan.url ? [true] : [])] : [false];
  const cases = names.map((n, i) => `
test(${JSON.stringify(`${fn} handles a sample from ${labels[i]}`)}, async () => {
  const result: unknown = await handler(samples.${n}, context);
  assertSuccess(result${requests[i] ? ', true' : ''});
});
`).join('');
  // Every helper goes to a recording transport: the tests never reach AWS, and each declared emit is
  // required (right action, right target, a bus's declared source and detail-type).
  const sending = sendingEmitters(plan);
  const recorded = plan.emitters.length > 0;
  const envs = [...new Map(plan.emitters.map((e) => [e.envName, e.target.id])).entries()];
  const transport = recorded ? `
/** Everything the handler sends, through the generated runtime's transport: nothing reaches AWS here. */
const sent: TransportCall[] = [];
(globalThis as { [key: symbol]: unknown })[Symbol.for('archflow.transport')] = {
  send: async (call: TransportCall): Promise<unknown> => {
    sent.push(call);
    return undefined;
  },
};
// The variables the template sets when deployed; here each names its target's node.
${envs.map(([v, id]) => `process.env[${JSON.stringify(v)}] = ${JSON.stringify(id)};`).join('\n')}
` : '';
  const emits = sending.length === 0 ? '' : `
/** Runs the handler once on every sample; what it sent, in order. */
let sending: Promise<readonly TransportCall[]> | undefined;
function sends(): Promise<readonly TransportCall[]> {
  sending ??= (async () => {
    sent.length = 0;
    for (const event of [${names.map((n) => `samples.${n}`).join(', ')}]) await handler(event, context);
    return [...sent];
  })();
  return sending;
}

/** One call, as a person reads it. */
const show = (c: TransportCall): string =>
  \`\${c.action} to '\${c.target}'\${c.action === 'putEvent' ? \` (source '\${String(c.source)}', detail-type '\${String(c.detailType)}')\` : ''}\`;

/** Fails unless one of the calls is \`action\` to \`target\` with the arguments \`fields\`. */
function assertSent(calls: readonly TransportCall[], what: string, action: string, target: string, fields: Readonly<Record<string, string>> = {}): void {
  const ok = calls.some((c) => c.action === action && c.target === target && Object.entries(fields).every(([k, v]) => c[k] === v));
  assert.ok(ok, \`the handler never sent \${what} (\${action} to '\${target}'\${Object.entries(fields).map(([k, v]) => \`, \${k} '\${v}'\`).join('')}) while handling its samples; it sent \${calls.length ? calls.map(show).join(', ') : 'nothing'}\`);
}

/** True while src/handlers/${fn}.ts is the scaffold Archflow wrote (it exports \`${SCAFFOLD_MARK}\`): the emit checks are TODO. */
const scaffold = ${JSON.stringify(SCAFFOLD_MARK)} in handlerModule;
${sending.map((e) => `
test(${JSON.stringify(`${fn} sends ${sentLabel(e)}`)}, { todo: scaffold && ${JSON.stringify(`src/handlers/${fn}.ts does not send it yet: call ${e.name}(…) there, then delete its \`export const ${SCAFFOLD_MARK}\` line`)} }, async () => {
  assertSent(await sends(), ${JSON.stringify(sentLabel(e))}, ${JSON.stringify(e.helper)}, ${JSON.stringify(e.target.id)}${e.sends ? `, ${JSON.stringify(e.sends)}` : ''});
});
`).join('')}`;
  return `${generatedHeader(arch)}// Runs the handler of '${fn}' on a sample of each trigger: it must not throw${api ? ', must answer each request with a 2xx status' : ''} and report no failed batch item${sending.length ? '; and it must send what the architecture declares' : ''}.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Context } from 'aws-lambda';
import { handler } from '../../handlers/${fn}';${sending.length ? `\nimport * as handlerModule from '../../handlers/${fn}';` : ''}${recorded ? `\nimport type { TransportCall } from '../runtime';` : ''}
import * as samples from '../samples/${fn}';

const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: ${JSON.stringify(fn)},
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:${fn}',
  memoryLimitInMB: '128',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/${fn}',
  logStreamName: '2025/01/15/[$LATEST]example',
  getRemainingTimeInMillis: () => 3000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

/**
 * A handler's result is a success: no failed batch item, no 5xx status; and a request (\`request\`)
 * gets an answer, with a 2xx status when it states one (a bare body is answered 200).
 */
function assertSuccess(result: unknown, request = false): void {
  if (request) assert.ok(result !== undefined && result !== null, 'the handler answered nothing: the caller needs a response to its request');
  if (typeof result !== 'object' || result === null) return;
  if ('statusCode' in result) {
    const status = result.statusCode;
    if (request) assert.ok(typeof status === 'number' && status >= 200 && status < 300, \`status \${String(status)}: the route expects a 2xx answer\`);
    else if (typeof status === 'number') assert.ok(status < 500, \`status \${status}\`);
  }
  if ('batchItemFailures' in result) assert.deepEqual(result.batchItemFailures, []);
}
${transport}${cases}${emits}`;
}
