import type { GraphEdge, GraphNode } from '../model/graph';
import type { CodegenContext } from './context';
import { sampleFromSchema } from '../eventbridge/pattern';
import { Allocator, pascal } from './names';
import { Payloads, type Trigger } from './triggers';

/** The AWS SDK helpers of `src/generated/runtime.ts`, by what they do. */
export type RuntimeHelper = 'sendMessage' | 'publish' | 'putEvent' | 'putRecord' | 'putObject' | 'getObject' | 'putItem' | 'getItem';

/** A typed helper for one outgoing edge. */
export interface Emitter {
  readonly edge: GraphEdge;
  readonly target: GraphNode;
  /** Exported function name, e.g. `putOrderPaidToOrderBus`. */
  readonly name: string;
  readonly helper: RuntimeHelper;
  /** Parameter list and the call of the runtime helper. */
  readonly params: string;
  readonly call: string;
  readonly returns: string;
  readonly doc: string;
  /**
   * For a helper that sends or writes (not one that reads): the arguments of an example call, built
   * from the event's schema. The handler stub makes that call, and the generated test requires a call
   * to the target from the handler.
   */
  readonly example?: string;
}

/** A parse helper for the messages of one source (queue, topic, stream, API). */
export interface Parser {
  readonly trigger: Trigger;
  readonly typeName: string;
  readonly functionName: string;
  /** The record type it takes: `SQSRecord`, `SNSEventRecord`, `KinesisStreamRecord`, `APIGatewayProxyEventV2`. */
  readonly recordType: string;
  readonly body: string;
}

/** Everything the generated files of one function need. */
export interface FunctionPlan {
  readonly node: GraphNode;
  /** `ChargeCard` */
  readonly pascal: string;
  readonly eventTypeName: string;
  readonly resultTypeName: string;
  readonly handlerTypeName: string;
  readonly triggers: readonly Trigger[];
  readonly eventType: string;
  readonly resultType: string;
  readonly parsers: readonly Parser[];
  readonly emitters: readonly Emitter[];
  /** aws-lambda type names the module uses. */
  readonly lambdaTypes: readonly string[];
}

const AWS_LAMBDA_TYPES = [
  'APIGatewayProxyEventV2', 'APIGatewayProxyResultV2', 'Context', 'DynamoDBBatchResponse', 'DynamoDBStreamEvent', 'EventBridgeEvent',
  'KinesisStreamBatchResponse', 'KinesisStreamEvent', 'KinesisStreamRecord', 'S3Event', 'SNSEvent', 'SNSEventRecord', 'SNSMessage',
  'SQSBatchResponse', 'SQSEvent', 'SQSRecord', 'ScheduledEvent',
];

/** The union of type expressions, without duplicates; `unknown` absorbs everything. */
export function unionOf(types: readonly string[]): string {
  const unique = [...new Set(types)];
  if (unique.length === 0) return 'unknown';
  if (unique.includes('unknown')) return 'unknown';
  const hasVoid = unique.includes('void');
  const rest = unique.filter((t) => t !== 'void').flatMap((t) => (/[{<(]/.test(t) ? [t] : t.split(' | '))).filter((t) => t !== 'void');
  const all = [...new Set(rest)];
  return [...all, ...(hasVoid || unique.some((t) => t.includes('| void')) ? ['void'] : [])].join(' | ') || 'void';
}

/** Plans the generated module of each function. */
export function planFunctions(ctx: CodegenContext, payloads: Payloads, eventType: (name: string) => string): FunctionPlan[] {
  return ctx.functions.filter((f) => /^nodejs/.test(f.fn!.runtime.value)).map((node) => {
    const P = pascal(node.id);
    const names = new Allocator([...AWS_LAMBDA_TYPES, 'Events', 'InvocationRecord', 'handler']);
    const eventTypeName = names.take(`${P}Event`);
    const resultTypeName = names.take(`${P}Result`);
    const handlerTypeName = names.take(`${P}Handler`);
    const triggers = payloads.triggers(node.id);
    const parsers: Parser[] = [];
    const seenSources = new Set<string>();
    for (const t of triggers) {
      const key = `${t.source.id}:${t.shape}`;
      if (seenSources.has(key)) continue;
      const S = pascal(t.source.id);
      const body = (recordType: string, expr: string): void => {
        seenSources.add(key);
        const word = t.shape === 'api' ? 'Body' : 'Message';
        const typeName = names.take(`${S}${word}`, `type:${key}`);
        parsers.push({ trigger: t, typeName, functionName: names.take(`parse${S}${word}`, `fn:${key}`), recordType, body: expr });
      };
      if (t.shape === 'sqs') body('SQSRecord', 'JSON.parse(record.body)');
      else if (t.shape === 'sns') body('SNSEventRecord', 'JSON.parse(record.Sns.Message)');
      else if (t.shape === 'kinesis') body('KinesisStreamRecord', "JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'))");
      else if (t.shape === 'api' && t.messageType) body('APIGatewayProxyEventV2', "JSON.parse(record.isBase64Encoded ? Buffer.from(record.body ?? '', 'base64').toString('utf8') : record.body ?? 'null')");
    }
    // An API's parser covers every route of the same API with a declared event.
    const fixed = parsers.map((p) => {
      if (p.trigger.shape !== 'api') return p;
      const types = triggers.filter((t) => t.shape === 'api' && t.source.id === p.trigger.source.id).map((t) => t.messageType ?? 'unknown');
      return { ...p, trigger: { ...p.trigger, messageType: unionOf(types) } };
    });
    const emitters: Emitter[] = [];
    for (const edge of ctx.out(node.id)) {
      if (edge.mechanism !== 'emit') continue;
      const target = ctx.graph.nodes.get(edge.to)!;
      const T = pascal(target.id);
      const ev = edge.event ? ctx.graph.events.get(edge.event) : undefined;
      const E = ev ? pascal(ev.name) : '';
      const msgType = ev ? eventType(ev.name) : 'unknown';
      const env = JSON.stringify(ctx.envName(target.id));
      const fifo = ctx.fifo(target.id);
      const access = edge.options.access;
      const prefix = JSON.stringify(typeof edge.options.prefix === 'string' ? edge.options.prefix : '');
      const node = JSON.stringify(target.id);
      const sample = JSON.stringify(ev ? sampleFromSchema(ev.schema ?? {}) : {});
      const add = (base: string, helper: RuntimeHelper, params: string, call: string, returns: string, doc: string, example?: string): void => {
        emitters.push({ edge, target, name: names.take(base, `emit:${edge.id}:${helper}`), helper, params, call, returns, doc, ...(example !== undefined ? { example } : {}) });
      };
      switch (target.kind) {
        case 'queue':
          add(`send${E}To${T}`, 'sendMessage', `message: ${msgType}, options${fifo ? '' : '?'}: SendOptions`, `sendMessage(${node}, ${env}, message, options)`, 'Promise<void>', `Sends ${ev ? ev.name : 'a message'} to queue '${target.id}' (URL in ${env.slice(1, -1)}).${fifo ? ' A FIFO queue: give a message group.' : ''}`, fifo ? `${sample}, { groupId: 'example' }` : sample);
          break;
        case 'topic':
          add(`publish${E}To${T}`, 'publish', `message: ${msgType}, options${fifo ? '' : '?'}: PublishOptions`, `publish(${node}, ${env}, message, options)`, 'Promise<void>', `Publishes ${ev ? ev.name : 'a message'} to topic '${target.id}' (ARN in ${env.slice(1, -1)}).`, fifo ? `${sample}, { groupId: 'example' }` : sample);
          break;
        case 'event-bus':
          if (ev) add(`put${E}To${T}`, 'putEvent', `detail: ${msgType}`, `putEvent(${node}, ${env}, ${JSON.stringify(ev.source ?? ctx.name)}, ${JSON.stringify(ev.detailType)}, detail)`, 'Promise<void>', `Puts ${ev.name} (source '${ev.source ?? ctx.name}', detail-type '${ev.detailType}') on event bus '${target.id}' (name in ${env.slice(1, -1)}).`, sample);
          else add(`putEventTo${T}`, 'putEvent', 'source: string, detailType: string, detail: unknown', `putEvent(${node}, ${env}, source, detailType, detail)`, 'Promise<void>', `Puts an event on event bus '${target.id}' (name in ${env.slice(1, -1)}).`, `${JSON.stringify(ctx.name)}, 'Example', {}`);
          break;
        case 'stream':
          add(`putRecord${E}To${T}`, 'putRecord', `data: ${msgType}, partitionKey: string`, `putRecord(${node}, ${env}, data, partitionKey)`, 'Promise<void>', `Puts a record${ev ? ` of ${ev.name}` : ''} on stream '${target.id}' (name in ${env.slice(1, -1)}).`, `${sample}, 'example'`);
          break;
        case 'bucket':
          if (access !== 'read') add(`putObjectTo${T}`, 'putObject', 'key: string, body: string | Uint8Array, contentType?: string', `putObject(${node}, ${env}, ${prefix}, key, body, contentType)`, 'Promise<void>', `Writes an object to bucket '${target.id}'${prefix !== '""' ? ` under ${prefix}` : ''} (name in ${env.slice(1, -1)}).`, `'example.json', '{}', 'application/json'`);
          if (access === 'read' || access === 'read-write') add(`getObjectFrom${T}`, 'getObject', 'key: string', `getObject(${node}, ${env}, ${prefix}, key)`, 'Promise<string>', `Reads an object of bucket '${target.id}'${prefix !== '""' ? ` under ${prefix}` : ''} as text.`);
          break;
        case 'table':
          if (access !== 'read') add(`putItemTo${T}`, 'putItem', 'item: Record<string, unknown>', `putItem(${node}, ${env}, item)`, 'Promise<void>', `Writes an item to table '${target.id}' (name in ${env.slice(1, -1)}).`, JSON.stringify(exampleItem(target)));
          if (access === 'read' || access === 'read-write') add(`getItemFrom${T}`, 'getItem', 'key: Record<string, unknown>', `getItem(${node}, ${env}, key)`, 'Promise<Record<string, unknown> | undefined>', `Reads an item of table '${target.id}' by key.`);
          break;
        default:
          break;
      }
    }
    const eventTypeExpr = unionOf(triggers.map((t) => t.eventType));
    const resultTypeExpr = triggers.length === 0 ? 'void' : unionOf(triggers.map((t) => t.resultType));
    const text = [eventTypeExpr, resultTypeExpr, ...fixed.map((p) => `${p.recordType} ${p.trigger.messageType ?? ''}`)].join(' ');
    const lambdaTypes = AWS_LAMBDA_TYPES.filter((t) => t === 'Context' || new RegExp(`\\b${t}\\b`).test(text));
    return {
      node, pascal: P, eventTypeName, resultTypeName, handlerTypeName, triggers, eventType: eventTypeExpr, resultType: resultTypeExpr,
      parsers: fixed, emitters, lambdaTypes,
    };
  });
}

/** An example item of a table: its keys (`name:S`, `name:N`, `name:B`; a string when the type is not given). */
function exampleItem(table: GraphNode): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const key of [table.config.partitionKey, table.config.sortKey]) {
    if (typeof key !== 'string') continue;
    const [name, type] = key.split(':');
    if (name) item[name] = type === 'N' ? 1 : 'example';
  }
  return item;
}
