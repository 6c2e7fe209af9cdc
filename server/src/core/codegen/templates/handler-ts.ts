import type { FunctionPlan } from '../function-plan';
import { SCAFFOLD_MARK, sendingEmitters, sentLabel } from './samples-ts';

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
  const api = shapes.has('api') || shapes.has('websocket') || plan.url;
  // A REST API's event (payload 1.0) has no routeKey: its method and resource say the same.
  const rest = plan.triggers.some((t) => t.shape === 'api' && t.eventType === 'APIGatewayProxyEvent');
  const routeOf = rest ? "('routeKey' in event ? event.routeKey : `${event.httpMethod} ${event.resource}`)" : 'event.routeKey';
  const batch = plan.triggers.some((t) => t.edge.options.reportFailures === true);
  const ret = api
    ? "  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true }) };\n"
    : batch ? '  return { batchItemFailures: [] };\n' : '';
  if (single === 'firehose') {
    // A transform returns every record it was given, by id, with its result and (base64) data.
    if (parser && plan.parsers.length === 1) imports.push(parser.functionName);
    const read = parser && plan.parsers.length === 1 ? `${parser.functionName}(record)` : "Buffer.from(record.data, 'base64').toString('utf8')";
    body = `  return {\n    records: event.records.map((record) => {\n      const message = ${read};\n      console.log(JSON.stringify(message));\n      return { recordId: record.recordId, result: 'Ok' as const, data: record.data };\n    }),\n  };\n`;
  } else if (single && parser && plan.parsers.length === 1 && single !== 'api' && single !== 'websocket') {
    imports.push(parser.functionName);
    body = `  for (const record of event.Records) {\n    const message = ${parser.functionName}(record);\n    console.log(JSON.stringify(message));\n  }\n`;
  } else if (single === 'api' && parser && plan.parsers.length === 1) {
    imports.push(parser.functionName);
    body = `  const body = event.body ? ${parser.functionName}(event) : undefined;\n  console.log(${routeOf}, JSON.stringify(body));\n`;
  } else if (single === 'api') body = `  console.log(${routeOf}, event.pathParameters);\n`;
  else if (single === 'websocket' && parser && plan.parsers.length === 1) {
    imports.push(parser.functionName);
    body = `  const body = event.body ? ${parser.functionName}(event) : undefined;\n  console.log(event.requestContext.routeKey, event.requestContext.connectionId, JSON.stringify(body));\n`;
  } else if (single === 'websocket') body = '  console.log(event.requestContext.routeKey, event.requestContext.connectionId, event.body);\n';
  else if (plan.url && shapes.size === 0) body = '  console.log(event.requestContext.http.method, event.rawPath, event.body);\n';
  else if (single === 'eventbridge' || single === 'schedule') body = "  console.log(event['detail-type'], JSON.stringify(event.detail));\n";
  else if (single === 's3') body = '  for (const record of event.Records) console.log(record.eventName, record.s3.bucket.name, record.s3.object.key);\n';
  else if (single === 'dynamodb') body = '  for (const record of event.Records) console.log(record.eventName, JSON.stringify(record.dynamodb?.Keys));\n';
  else body = '  console.log(JSON.stringify(event));\n';
  const sending = sendingEmitters(plan);
  const emitHelp = plan.emitters.length
    ? `\n// Send with the generated helpers (import them from '../generated/${fn}'):\n${plan.emitters.map((e) => `//   await ${e.name}(…)`).join('\n')}\n`
    : '';
  // A scaffold sends nothing (it would send made-up data once deployed): until the person writes the
  // sends, the generated test reports each declared emit as TODO, saying which helper to call.
  const mark = sending.length
    ? `\n// The architecture says this function sends ${sending.map(sentLabel).join(', ')}.
// Until you write that, its generated test (src/generated/tests/${fn}.test.ts) lists each as TODO;
// then delete the next line, and the test fails whenever one of them is not sent.
export const ${SCAFFOLD_MARK} = true;\n`
    : '';
  const description = plan.node.description !== undefined ? ` ${plan.node.description}` : '';
  return `// Function '${fn}'.${description}
// This file is yours: Archflow created it once and never overwrites it. The types it uses live in
// src/generated/${fn}.ts and change with the architecture; \`npm run typecheck\` shows where to adapt.
import { ${imports.join(', ')} } from '../generated/${fn}';
${emitHelp}${mark}
export const handler: ${plan.handlerTypeName} = async (event) => {
${body}${ret}};
`;
}
