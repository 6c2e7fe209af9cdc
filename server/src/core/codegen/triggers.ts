import { eventMatchesDeclaredEvent } from '../eventbridge/pattern';
import type { EventDecl, GraphEdge, GraphNode } from '../model/graph';
import type { CodegenContext } from './context';
import { typeOfValue } from './json-schema-to-ts';
import { pascal } from './names';
import { isObj, type Obj } from '../util/value';


/** The AWS event shape a trigger delivers. */
export type Shape = 'api' | 'sqs' | 'sns' | 'eventbridge' | 's3' | 'schedule' | 'kinesis' | 'dynamodb' | 'destination' | 'unknown';

/** One way a function is invoked, with the TypeScript types it brings. */
export interface Trigger {
  readonly edge: GraphEdge;
  readonly source: GraphNode;
  readonly shape: Shape;
  /** The handler's input for this trigger, e.g. `SQSEvent`, `EventBridgeEvent<"OrderPaid", Events.OrderPaid>`. */
  readonly eventType: string;
  /** What the handler returns for it, e.g. `APIGatewayProxyResultV2`, `SQSBatchResponse | void`. */
  readonly resultType: string;
  /** For batches and API bodies: the type of one message (`Events.OrderPlaced`, `SNSMessage`, …). */
  readonly messageType?: string;
  /** Catalog events this trigger can carry (for samples). */
  readonly events: readonly EventDecl[];
  /** Human-readable description: `queue 'billing'`. */
  readonly label: string;
}

/** `EventBridgeEvent<"OrderPaid", Events.OrderPaid>` */
const ebType = (ctx: TypeNames, e: EventDecl): string => `EventBridgeEvent<${JSON.stringify(e.detailType)}, ${ctx.eventType(e.name)}>`;

/** Names of the catalog types in the generated code. */
export interface TypeNames {
  eventType(name: string): string;
}

/** Catalog events a rule's pattern can match (any verdict but a provable `no`). */
export function eventsMatching(pattern: unknown, events: Iterable<EventDecl>): EventDecl[] {
  if (!isObj(pattern)) return [];
  return [...events].filter((e) => eventMatchesDeclaredEvent(pattern, {
    detailType: e.detailType, ...(e.source !== undefined ? { source: e.source } : {}), ...(e.schema !== undefined ? { detailSchema: e.schema } : {}),
  }) !== 'no');
}

/** Works out the types of what flows through the graph. */
export class Payloads {
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly ctx: CodegenContext, private readonly names: TypeNames) {}

  /** Catalog events a bus rule delivers. */
  ruleEvents(bus: string, rule: string): EventDecl[] {
    const rules = isObj(this.ctx.config(bus).rules) ? (this.ctx.config(bus).rules as Obj) : {};
    const r = rules[rule];
    return isObj(r) ? eventsMatching(r.pattern, this.ctx.graph.events.values()) : [];
  }

  /** The types of what an edge delivers to its target (before the target's own envelope). */
  delivered(edge: GraphEdge, seen: Set<string>): string[] {
    const from = this.ctx.graph.nodes.get(edge.from);
    if (!from) return ['unknown'];
    const ev = edge.event ? this.ctx.graph.events.get(edge.event) : undefined;
    switch (edge.mechanism) {
      case 'emit':
      case 'route':
        return [ev ? this.names.eventType(ev.name) : 'unknown'];
      case 'rule': {
        if (edge.options.input !== undefined) return [typeOfValue(edge.options.input)];
        const events = this.ruleEvents(edge.from, edge.rule ?? '');
        return events.length ? events.map((e) => ebType(this.names, e)) : ['EventBridgeEvent<string, unknown>'];
      }
      case 'subscription':
        return edge.options.rawDelivery === true ? this.carried(edge.from, seen) : ['SNSMessage'];
      case 'notification':
        return ['S3Event'];
      case 'schedule':
        return [from.config.input !== undefined ? typeOfValue(from.config.input) : 'ScheduledEvent'];
      case 'redrive': {
        if (from.kind === 'queue') return this.carried(from.id, seen);
        if (from.kind === 'event-bus') {
          const rule = String(edge.pointer[edge.pointer.indexOf('rules') + 1] ?? '');
          const events = this.ruleEvents(from.id, rule);
          return events.length ? events.map((e) => ebType(this.names, e)) : ['EventBridgeEvent<string, unknown>'];
        }
        return ['unknown'];
      }
      default:
        return ['unknown'];
    }
  }

  /** The types of the messages a router (queue, topic, stream, bus) carries. */
  carried(router: string, seen = new Set<string>()): string[] {
    const hit = this.cache.get(router);
    if (hit) return hit;
    if (seen.has(router)) return ['unknown'];
    seen.add(router);
    const types = new Set<string>();
    for (const e of this.ctx.graph.incoming.get(router) ?? []) for (const t of this.delivered(e, seen)) types.add(t);
    const out = types.size === 0 ? ['unknown'] : types.has('unknown') ? ['unknown'] : [...types].sort();
    seen.delete(router);
    this.cache.set(router, out);
    return out;
  }

  /** Catalog events arriving at a router (for samples). */
  carriedEvents(router: string, seen = new Set<string>()): EventDecl[] {
    if (seen.has(router)) return [];
    seen.add(router);
    const out = new Map<string, EventDecl>();
    for (const e of this.ctx.graph.incoming.get(router) ?? []) {
      for (const ev of this.deliveredEvents(e, seen)) out.set(ev.name, ev);
    }
    return [...out.values()];
  }

  private deliveredEvents(edge: GraphEdge, seen: Set<string>): EventDecl[] {
    const ev = edge.event ? this.ctx.graph.events.get(edge.event) : undefined;
    if (edge.mechanism === 'emit' || edge.mechanism === 'route') return ev ? [ev] : [];
    if (edge.mechanism === 'rule' && edge.options.input === undefined) return this.ruleEvents(edge.from, edge.rule ?? '');
    if (edge.mechanism === 'subscription' && edge.options.rawDelivery === true) return this.carriedEvents(edge.from, seen);
    if (edge.mechanism === 'redrive' && this.ctx.graph.nodes.get(edge.from)?.kind === 'queue') return this.carriedEvents(edge.from, seen);
    return [];
  }

  /** How a function is invoked: one entry per incoming edge from a generated node. */
  triggers(fn: string): Trigger[] {
    const out: Trigger[] = [];
    for (const edge of this.ctx.in(fn)) {
      const source = this.ctx.graph.nodes.get(edge.from)!;
      const label = `${kindLabel(source)} '${source.id}'`;
      const reports = edge.options.reportFailures === true;
      const union = (types: string[]): string => (types.includes('unknown') ? 'unknown' : types.join(' | '));
      switch (edge.mechanism) {
        case 'route': {
          const ev = edge.event ? this.ctx.graph.events.get(edge.event) : undefined;
          out.push({ edge, source, shape: 'api', eventType: 'APIGatewayProxyEventV2', resultType: 'APIGatewayProxyResultV2', ...(ev ? { messageType: this.names.eventType(ev.name) } : {}), events: ev ? [ev] : [], label: `route '${edge.route}' of ${label}` });
          break;
        }
        case 'queue-mapping':
          out.push({ edge, source, shape: 'sqs', eventType: 'SQSEvent', resultType: reports ? 'SQSBatchResponse | void' : 'void', messageType: union(this.carried(source.id)), events: this.carriedEvents(source.id), label });
          break;
        case 'subscription':
          out.push({ edge, source, shape: 'sns', eventType: 'SNSEvent', resultType: 'void', messageType: union(this.carried(source.id)), events: this.carriedEvents(source.id), label });
          break;
        case 'stream-mapping':
          if (source.kind === 'table') out.push({ edge, source, shape: 'dynamodb', eventType: 'DynamoDBStreamEvent', resultType: reports ? 'DynamoDBBatchResponse | void' : 'void', events: [], label });
          else out.push({ edge, source, shape: 'kinesis', eventType: 'KinesisStreamEvent', resultType: reports ? 'KinesisStreamBatchResponse | void' : 'void', messageType: union(this.carried(source.id)), events: this.carriedEvents(source.id), label });
          break;
        case 'rule': {
          const types = this.delivered(edge, new Set());
          const events = edge.options.input === undefined ? this.ruleEvents(source.id, edge.rule ?? '') : [];
          out.push({ edge, source, shape: edge.options.input === undefined ? 'eventbridge' : 'unknown', eventType: union(types), resultType: 'void', events, label: `rule '${edge.rule}' of ${label}` });
          break;
        }
        case 'notification':
          out.push({ edge, source, shape: 's3', eventType: 'S3Event', resultType: 'void', events: [], label });
          break;
        case 'schedule':
          out.push({ edge, source, shape: source.config.input === undefined ? 'schedule' : 'unknown', eventType: this.delivered(edge, new Set())[0]!, resultType: 'void', events: [], label });
          break;
        case 'failure-destination':
          out.push({ edge, source, shape: 'destination', eventType: 'InvocationRecord', resultType: 'void', events: [], label: `failed invocations of ${label}` });
          break;
        default:
          out.push({ edge, source, shape: 'unknown', eventType: 'unknown', resultType: 'void', events: [], label });
      }
    }
    return out;
  }
}

/** `queue`, `event bus`, `HTTP API` */
export function kindLabel(node: GraphNode): string {
  switch (node.kind) {
    case 'http-api': return 'HTTP API';
    case 'event-bus': return 'event bus';
    default: return node.kind;
  }
}

/** `OrderPlaced` → the name of a type in `src/generated/events.ts`, qualified. */
export function qualified(typeName: string): string {
  return `Events.${typeName}`;
}

/** The PascalCase of a node name, for generated identifiers. */
export const P = pascal;
