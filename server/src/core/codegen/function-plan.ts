import { kindModule } from '../kinds/index';
import { hasGeneratedCode } from '../kinds/function';
import type { EmitFacet } from '../kinds/kind';
import type { EventDecl, GraphEdge, GraphNode } from '../model/graph';
import type { CodegenContext } from './context';
import type { RuntimeHelper } from './events-kit';
import { Allocator, pascal } from './names';
import { Payloads, type Trigger } from './triggers';

export type { RuntimeHelper } from './events-kit';

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
  /** The environment variable that names its target (set by the template when deployed). */
  readonly envName: string;
  /** The catalog event it sends, when the edge declares one. */
  readonly event?: EventDecl;
  /** Arguments every call sends unchanged (a bus's `source` and `detailType`). */
  readonly sends?: Readonly<Record<string, string>>;
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
  /** True when the function has a function URL (`url`): HTTPS requests invoke it too. */
  readonly url: boolean;
  readonly eventType: string;
  readonly resultType: string;
  readonly parsers: readonly Parser[];
  readonly emitters: readonly Emitter[];
  /** aws-lambda type names the module uses. */
  readonly lambdaTypes: readonly string[];
}

const AWS_LAMBDA_TYPES = [
  'APIGatewayProxyEvent', 'APIGatewayProxyEventV2', 'APIGatewayProxyResult', 'APIGatewayProxyResultV2', 'APIGatewayProxyWebsocketEventV2', 'Context', 'DynamoDBBatchResponse', 'DynamoDBStreamEvent', 'EventBridgeEvent',
  'FirehoseTransformationEvent', 'FirehoseTransformationEventRecord', 'FirehoseTransformationResult',
  'KinesisStreamBatchResponse', 'KinesisStreamEvent', 'KinesisStreamRecord', 'LambdaFunctionURLEvent', 'LambdaFunctionURLResult', 'MSKEvent', 'S3Event', 'SNSEvent', 'SNSEventRecord', 'SNSMessage',
  'SQSBatchResponse', 'SQSEvent', 'SQSRecord', 'ScheduledEvent', 'SelfManagedKafkaEvent',
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
  return ctx.functions.filter((f) => hasGeneratedCode(f.settings)).map((node) => {
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
      const body = (word: string, recordType: string, expr: string): void => {
        seenSources.add(key);
        const typeName = names.take(`${S}${word}`, `type:${key}`);
        parsers.push({ trigger: t, typeName, functionName: names.take(`parse${S}${word}`, `fn:${key}`), recordType, body: expr });
      };
      if (t.parser) body(t.parser.word, t.parser.recordType, t.parser.body);
    }
    // An API's parser covers every route of the same API with a declared event.
    const fixed = parsers.map((p) => {
      if (p.trigger.shape !== 'api' && p.trigger.shape !== 'websocket') return p;
      const types = triggers.filter((t) => t.shape === p.trigger.shape && t.source.id === p.trigger.source.id).map((t) => t.messageType ?? 'unknown');
      return { ...p, trigger: { ...p.trigger, messageType: unionOf(types) } };
    });
    const emitters: Emitter[] = [];
    for (const edge of ctx.out(node.id)) {
      if (edge.kind !== 'emit') continue;
      const target = ctx.graph.nodes.get(edge.to)!;
      const T = pascal(target.id);
      const ev = edge.event ? ctx.graph.events.get(edge.event) : undefined;
      const E = ev ? pascal(ev.name) : '';
      const env = JSON.stringify(ctx.envName(target.id));
      const emit = kindModule(target.kind).emit as EmitFacet<GraphNode['kind']> | undefined;
      const specs = emit?.emitters(edge, target, {
        ctx, ...(ev ? { event: ev } : {}), E, T, messageType: ev ? eventType(ev.name) : 'unknown', env, envName: env.slice(1, -1),
        access: edge.options.access, prefix: JSON.stringify(typeof edge.options.prefix === 'string' ? edge.options.prefix : ''),
      }) ?? [];
      for (const e of specs) {
        emitters.push({ edge, target, name: names.take(e.base, `emit:${edge.id}:${e.helper}`), helper: e.helper, params: e.params, call: e.call, returns: e.returns, doc: e.doc, envName: env.slice(1, -1), ...(ev ? { event: ev } : {}), ...(e.sends ? { sends: e.sends } : {}) });
      }
    }
    // A function URL sends requests in the API Gateway HTTP API payload format 2.0.
    const url = node.settings.url?.auth !== undefined;
    const eventTypeExpr = unionOf([...triggers.map((t) => t.eventType), ...(url ? ['LambdaFunctionURLEvent'] : [])]);
    const resultTypeExpr = triggers.length === 0 && !url ? 'void' : unionOf([...triggers.map((t) => t.resultType), ...(url ? ['LambdaFunctionURLResult'] : [])]);
    const text = [eventTypeExpr, resultTypeExpr, ...fixed.map((p) => `${p.recordType} ${p.trigger.messageType ?? ''}`)].join(' ');
    const lambdaTypes = AWS_LAMBDA_TYPES.filter((t) => t === 'Context' || new RegExp(`\\b${t}\\b`).test(text));
    return {
      node, pascal: P, eventTypeName, resultTypeName, handlerTypeName, triggers, url, eventType: eventTypeExpr, resultType: resultTypeExpr,
      parsers: fixed, emitters, lambdaTypes,
    };
  });
}
