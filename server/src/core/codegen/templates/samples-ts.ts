import type { FunctionPlan } from '../function-plan';
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
  const cases = names.map((n, i) => `
test(${JSON.stringify(`${fn} handles a sample from ${labels[i]}`)}, async () => {
  const result: unknown = await handler(samples.${n}, context);
  assertSuccess(result);
});
`).join('');
  return `${generatedHeader(arch)}// Runs the handler of '${fn}' on a sample of each trigger: it must not throw${api ? ', answer below 500' : ''} and report no failed batch item.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Context } from 'aws-lambda';
import { handler } from '../../handlers/${fn}';
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

/** A handler's result is a success: no 5xx status, no failed batch item. */
function assertSuccess(result: unknown): void {
  if (typeof result !== 'object' || result === null) return;
  if ('statusCode' in result && typeof result.statusCode === 'number') assert.ok(result.statusCode < 500, \`status \${result.statusCode}\`);
  if ('batchItemFailures' in result) assert.deepEqual(result.batchItemFailures, []);
}
${cases}`;
}
