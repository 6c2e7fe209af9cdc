import { kindLabel } from '../../kinds/index';
import type { FunctionPlan } from '../function-plan';
import { doc, generatedHeader } from './header';

/** `src/generated/<function>.ts`: the typed input and result of a handler, parse helpers, emit helpers. */
export function functionTs(arch: string, plan: FunctionPlan): string {
  const fn = plan.node.id;
  const usesEvents = /\bEvents\./.test([plan.eventType, ...plan.parsers.map((p) => p.trigger.messageType ?? ''), ...plan.emitters.map((e) => e.params)].join(' '));
  const runtime = [...new Set([
    ...plan.emitters.map((e) => e.helper),
    ...plan.emitters.flatMap((e) => (e.helper === 'sendMessage' ? ['type SendOptions'] : e.helper === 'publish' ? ['type PublishOptions'] : [])),
    ...(/\bInvocationRecord\b/.test(plan.eventType) ? ['type InvocationRecord'] : []),
  ])].sort((a, b) => a.replace('type ', '').localeCompare(b.replace('type ', '')));
  const lines: string[] = [generatedHeader(arch)];
  lines.push(`// Function '${fn}': what invokes it, what it returns, what it sends.\n`);
  lines.push(`import type { ${plan.lambdaTypes.join(', ')} } from 'aws-lambda';\n`);
  if (usesEvents) lines.push(`import type * as Events from './events';\n`);
  if (runtime.length) lines.push(`import { ${runtime.join(', ')} } from './runtime';\n`);
  lines.push('\n');
  const invokedBy = plan.triggers.length ? plan.triggers.map((t) => t.label).join(', ') : 'nothing in the architecture (invoke it yourself)';
  lines.push(doc(`What invokes function '${fn}': ${invokedBy}.`));
  lines.push(`export type ${plan.eventTypeName} = ${plan.eventType};\n\n`);
  lines.push(doc(`What function '${fn}' returns.`));
  lines.push(`export type ${plan.resultTypeName} = ${plan.resultType};\n\n`);
  lines.push(doc(`The handler of function '${fn}' (\`src/handlers/${fn}.ts\` exports it as \`handler\`).`));
  lines.push(`export type ${plan.handlerTypeName} = (event: ${plan.eventTypeName}, context: Context) => Promise<${plan.resultTypeName}>;\n`);
  for (const p of plan.parsers) {
    const what = p.trigger.shape === 'api' ? `the body of a request to ${kindLabel(p.trigger.source.kind)} '${p.trigger.source.id}'` : `a message of ${p.trigger.label}`;
    lines.push('\n' + doc(`The type of ${what}.`));
    lines.push(`export type ${p.typeName} = ${p.trigger.messageType ?? 'unknown'};\n\n`);
    lines.push(doc(`Reads ${what} (JSON; not validated at run time).`));
    const param = p.trigger.shape === 'api' ? 'record' : 'record';
    lines.push(`export function ${p.functionName}(${param}: ${p.recordType}): ${p.typeName} {\n  return ${p.body} as ${p.typeName};\n}\n`);
  }
  for (const e of plan.emitters) {
    lines.push('\n' + doc(e.doc));
    lines.push(`export async function ${e.name}(${e.params}): ${e.returns} {\n  ${e.returns === 'Promise<void>' ? 'await ' : 'return '}${e.call};\n}\n`);
  }
  return lines.join('');
}
