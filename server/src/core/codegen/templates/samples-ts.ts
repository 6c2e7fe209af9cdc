import type { FunctionPlan } from '../function-plan';
import { pascal } from '../names';
import { doc, generatedHeader } from './header';

/** The exported name of a trigger's sample: `fromBilling`, `fromCheckoutPostOrders`. */
export function sampleNames(plan: FunctionPlan): string[] {
  const used = new Set<string>();
  return plan.triggers.map((t) => {
    let base = `from${pascal(t.source.id)}${t.edge.route ? pascal(t.edge.route.replace(/^[A-Z]+/, (m) => m.toLowerCase()).replace(/[{}+]/g, ' ')) : t.edge.rule ? pascal(t.edge.rule) : ''}`;
    if (t.shape === 'destination') base = `failureOf${pascal(t.source.id)}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return name;
  });
}

/** `src/generated/samples/<function>.ts`: one sample event per trigger, built from the catalog's schemas. */
export function samplesTs(arch: string, plan: FunctionPlan, events: readonly unknown[]): string {
  const names = sampleNames(plan);
  const lines = [generatedHeader(arch), `// Sample events of function '${plan.node.id}', one per trigger, built from the schemas.\n`];
  lines.push(`import type { ${plan.eventTypeName} } from '../${plan.node.id}';\n`);
  plan.triggers.forEach((t, i) => {
    lines.push('\n' + doc(`What ${t.label} sends.`));
    lines.push(`export const ${names[i]}: ${plan.eventTypeName} = ${JSON.stringify(events[i], null, 2)};\n`);
  });
  if (plan.triggers.length === 0) {
    lines.push(`\n${doc('Nothing in the architecture invokes this function: an empty event.')}export const manual: ${plan.eventTypeName} = {};\n`);
  }
  return lines.join('');
}

/** What a node is, for a test's message: `queue 'jobs'`. */
const label = (kind: string, id: string): string => `${kind === 'event-bus' ? 'event bus' : kind} '${id}'`;

/**
 * `src/generated/tests/<function>.test.ts` (node:test): runs the handler on every sample with the
 * runtime's transport recording the calls instead of sending them. Each sample must be handled
 * without a throw and without a failed batch item; an API request must get an answer, with a 2xx
 * status when it gives one (no route declares another); and across the samples the handler must
 * send to every node the architecture says it sends to.
 */
export function testTs(arch: string, plan: FunctionPlan): string {
  const fn = plan.node.id;
  const names = plan.triggers.length ? sampleNames(plan) : ['manual'];
  const labels = plan.triggers.length ? plan.triggers.map((t) => t.label) : ['an empty event'];
  const apis = plan.triggers.length ? plan.triggers.map((t) => t.shape === 'api') : [false];
  const api = apis.some(Boolean);
  const cases = names.map((n, i) => `
test(${JSON.stringify(`${fn} handles a sample from ${labels[i]}`)}, async () => {
  const result: unknown = await handler(samples.${n}, context);
  assertSuccess(result, ${apis[i] ? 'true' : 'false'});
});
`).join('');
  const targets = [...new Map(plan.emitters.filter((e) => e.example !== undefined).map((e) => [e.target.id, label(e.target.kind, e.target.id)])).entries()];
  const sends = targets.length ? `
test(${JSON.stringify(`${fn} sends to ${targets.map(([, l]) => l).join(', ')}, as the architecture says`)}, async () => {
  for (const sample of [${names.map((n) => `samples.${n}`).join(', ')}]) await handler(sample, context);
  const sent = new Set(calls.filter((c) => !READS.has(c.action)).map((c) => c.target));
${targets.map(([id, l]) => `  assert.ok(sent.has(${JSON.stringify(id)}), ${JSON.stringify(`'${fn}' sent nothing to ${l}, which the architecture says it sends to`)});\n`).join('')}});
` : '';
  return `${generatedHeader(arch)}// Runs the handler of '${fn}' on a sample of each trigger: it must not throw${api ? ', must answer requests with a 2xx status' : ''}, must report no failed batch item${targets.length ? ' and must send what the architecture says it sends' : ''}.
// Nothing reaches AWS: the runtime's transport records the calls (see setTransport in ../runtime).
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Context } from 'aws-lambda';
import { handler } from '../../handlers/${fn}';
import { setTransport, type Call } from '../runtime';
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

/** Every call the handler makes through the generated helpers, recorded instead of sent (a read gets an empty object or nothing). */
const calls: Call[] = [];
${targets.length ? "const READS: ReadonlySet<string> = new Set(['getObject', 'getItem']);\n" : ''}setTransport({
  async call(c: Call): Promise<unknown> {
    calls.push(c);
    return (c as { action: string }).action === 'getObject' ? '' : undefined;
  },
});
beforeEach(() => {
  calls.length = 0;
});

/** A handler's result is a success: no failed batch item; an API request gets an answer, with a 2xx status when it gives one (API Gateway answers 200 to a bare body). */
function assertSuccess(result: unknown, api: boolean): void {
  if (api) {
    assert.ok(result !== undefined && result !== null, 'the handler answered nothing: API Gateway needs a response to the request');
    if (typeof result === 'object' && 'statusCode' in result) {
      const status = result.statusCode;
      assert.ok(typeof status === 'number' && status >= 200 && status < 300, \`status \${String(status)}: the route expects a 2xx answer\`);
    }
  }
  if (typeof result === 'object' && result !== null && 'batchItemFailures' in result) assert.deepEqual(result.batchItemFailures, []);
}
${cases}${sends}`;
}
