// Rule: graph/payload-size
// A catalog event with `maxBytes` is followed from where it is sent (a function's `emits`, an API
// route with `event`) through every router to the functions it reaches; each hop's size limit must
// hold it. Reported at the first hop of each path that is too small.
import type { GraphEdge, GraphNode } from '../model/graph';
import type { Limits } from '../facts/limits';
import { busRuleCanMatch } from '../analysis/bus-matching';
import { canFollow } from '../analysis/graph-walk';
import { n } from './helpers';
import type { Rule } from './rule';

const ASYNC = new Set(['notification', 'subscription', 'rule', 'schedule', 'failure-destination', 'success-destination']);

/** The size limit of a hop into `to`, with its wording; `undefined` when the hop has none Archflow checks. */
function hopLimit(edge: GraphEdge, to: GraphNode, limits: Limits): { bytes: number; what: string } | undefined {
  switch (to.kind) {
    case 'queue': {
      const own = to.settings.maxMessageSize;
      return own !== undefined
        ? { bytes: own, what: `maxMessageSize of queue '${to.id}'` }
        : { bytes: limits.sqsMessageSizeMax, what: `SQS message size limit of queue '${to.id}'` };
    }
    case 'topic': {
      // N1: 256 KB unless the topic raises `MaximumMessageSize` (up to 1 MiB, since September 2026).
      const own = to.settings.maxMessageSize;
      return own !== undefined
        ? { bytes: own, what: `maxMessageSize of topic '${to.id}'` }
        : { bytes: limits.snsMessageBytes, what: `SNS message size limit of topic '${to.id}' (its default; \`maxMessageSize\` raises it up to ${n(limits.snsMessageSizeMax)} bytes)` };
    }
    case 'event-bus':
      return { bytes: limits.eventBridgeEventBytes, what: `EventBridge event size limit of event bus '${to.id}'` };
    case 'websocket-api':
      // A function answering the API's clients (`emits`: PostToConnection), G7.
      return { bytes: limits.websocketMessageBytes, what: `WebSocket message limit of WebSocket API '${to.id}'` };
    case 'function':
      // A client's message on a route of a WebSocket API is one WebSocket message (G7).
      if (edge.mechanism === 'websocket-route') return { bytes: limits.websocketMessageBytes, what: `WebSocket message limit of route '${edge.route}'` };
      if (edge.mechanism === 'route' || (edge.mechanism === 'invoke' && edge.options.invocation !== 'async')) return { bytes: limits.lambdaSyncPayloadBytes, what: `synchronous invocation payload limit of function '${to.id}'` };
      if (edge.mechanism === 'invoke') return { bytes: limits.lambdaAsyncPayloadBytes, what: `asynchronous invocation payload limit of function '${to.id}'` };
      if (ASYNC.has(edge.mechanism)) return { bytes: limits.lambdaAsyncPayloadBytes, what: `asynchronous invocation payload limit of function '${to.id}'` };
      return undefined;
    case 'stream':
      // K3: PutRecord takes records up to 1 MiB unless the stream's MaxRecordSizeInKiB is raised.
      return { bytes: limits.kinesisRecordBytes, what: `Kinesis record size limit of stream '${to.id}'` };
    case 'state-machine':
      return { bytes: limits.stepFunctionsPayloadBytes, what: `Step Functions execution input limit of state machine '${to.id}'` };
    default:
      return undefined;
  }
}

export const graphPayloadSize: Rule = {
  code: 'graph/payload-size',
  severity: 'error',
  description: "An event's `maxBytes` fits every hop it travels: SQS message size (1 MiB or the queue's `maxMessageSize`), SNS message (256 KB or the topic's `maxMessageSize`), EventBridge event (1 MB), Lambda synchronous (6 MB) and asynchronous (1 MB) payloads, Step Functions execution input (256 KiB), a WebSocket API message (128 KB), to a route or to its clients, a Kinesis record (1 MiB).",
  why: 'A message over a hop\'s limit is rejected at that hop (SendMessage, Publish, PutEvents or PutRecord fails; an invocation fails with a payload-too-large error): the event is lost at runtime, long after deployment succeeded.',
  source: { title: 'Lambda quotas (invocation payload)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
  check({ graph, limits }, report) {
    const reported = new Set<string>();
    const matches = busRuleCanMatch(graph);
    for (const origin of graph.edges) {
      if (origin.event === undefined || (origin.mechanism !== 'emit' && origin.mechanism !== 'invoke' && origin.mechanism !== 'route' && origin.mechanism !== 'websocket-route')) continue;
      const size = graph.events.get(origin.event)?.maxBytes;
      if (size === undefined) continue;
      const event = origin.event;
      // Depth-first over the hops, remembering the path for the message.
      const walk = (edge: GraphEdge, path: readonly GraphEdge[], visited: ReadonlySet<string>): void => {
        const to = graph.nodes.get(edge.to);
        if (!to) return;
        const limit = hopLimit(edge, to, limits);
        if (limit && size > limit.bytes) {
          const key = `${event} ${edge.id}`;
          if (!reported.has(key)) {
            reported.add(key);
            const route = [graph.nodes.get(path[0]!.from), ...path.map((e) => graph.nodes.get(e.to))].map((x) => x?.id ?? '?').join(' → ');
            report({
              at: edge.pointer,
              nodes: [...new Set([path[0]!.from, ...path.map((e) => e.to)])],
              message: `Event '${event}' can be ${n(size)} bytes (maxBytes), over the ${n(limit.bytes)}-byte ${limit.what} on the path ${route}: larger events are rejected there.`,
            });
          }
          return;
        }
        // A message to a WebSocket API's clients leaves the architecture: it enters none of its routes.
        if (to.kind === 'function' || to.kind === 'external' || to.kind === 'websocket-api' || visited.has(to.id)) return;
        for (const next of graph.outgoing.get(to.id) ?? []) {
          if (next.kind !== 'trigger' || !canFollow(graph, edge, next, (bus, rule) => matches(bus, rule, event))) continue;
          walk(next, path.concat(next), new Set([...visited, to.id]));
        }
      };
      walk(origin, [origin], new Set([origin.from]));
    }
  },
};
