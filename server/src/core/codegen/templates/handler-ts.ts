import type { FunctionPlan } from '../function-plan';

/**
 * `src/handlers/<function>.ts`: the user's code, written once and never overwritten. It compiles and
 * passes its generated test as is; the comments show the helpers available.
 */
export function handlerTs(plan: FunctionPlan): string {
  const fn = plan.node.id;
  const shapes = new Set(plan.triggers.map((t) => t.shape));
  const single = shapes.size === 1 ? [...shapes][0] : undefined;
  const parser = plan.parsers[0];
  const imports = [`type ${plan.handlerTypeName}`];
  let body: string;
  const api = shapes.has('api');
  const batch = plan.triggers.some((t) => t.edge.options.reportFailures === true);
  const ret = api
    ? "  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true }) };\n"
    : batch ? '  return { batchItemFailures: [] };\n' : '';
  if (single && parser && plan.parsers.length === 1 && single !== 'api') {
    imports.push(parser.functionName);
    body = `  for (const record of event.Records) {\n    const message = ${parser.functionName}(record);\n    console.log(JSON.stringify(message));\n  }\n`;
  } else if (single === 'api' && parser && plan.parsers.length === 1) {
    imports.push(parser.functionName);
    body = `  const body = event.body ? ${parser.functionName}(event) : undefined;\n  console.log(event.routeKey, JSON.stringify(body));\n`;
  } else if (single === 'api') body = '  console.log(event.routeKey, event.pathParameters);\n';
  else if (single === 'eventbridge' || single === 'schedule') body = "  console.log(event['detail-type'], JSON.stringify(event.detail));\n";
  else if (single === 's3') body = '  for (const record of event.Records) console.log(record.eventName, record.s3.bucket.name, record.s3.object.key);\n';
  else if (single === 'dynamodb') body = '  for (const record of event.Records) console.log(record.eventName, JSON.stringify(record.dynamodb?.Keys));\n';
  else body = '  console.log(JSON.stringify(event));\n';
  // What the architecture says the function sends: the stub sends an example of each, so that it
  // passes its generated test, which requires those sends.
  const sends = plan.emitters.filter((e) => e.example !== undefined);
  for (const e of sends) imports.push(e.name);
  const sendLines = sends.length
    ? `  // What '${fn}' sends, as the architecture says (its test checks each): replace the examples.\n${sends.map((e) => `  await ${e.name}(${e.example});\n`).join('')}`
    : '';
  const reads = plan.emitters.filter((e) => e.example === undefined);
  const emitHelp = reads.length
    ? `\n// Read with the generated helpers (import them from '../generated/${fn}'):\n${reads.map((e) => `//   await ${e.name}(…)`).join('\n')}\n`
    : '';
  const description = plan.node.description !== undefined ? ` ${plan.node.description}` : '';
  return `// Function '${fn}'.${description}
// This file is yours: Archflow created it once and never overwrites it. The types it uses live in
// src/generated/${fn}.ts and change with the architecture; \`npm run typecheck\` shows where to adapt.
import { ${imports.join(', ')} } from '../generated/${fn}';
${emitHelp}
export const handler: ${plan.handlerTypeName} = async (event) => {
${body}${sendLines}${ret}};
`;
}
