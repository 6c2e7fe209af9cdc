/**
 * `AWS::Lambda::EventSourceMapping`: how a function polls a queue, a stream or a table's stream.
 * Shared by the queue, stream and table kinds (`kinds/<kind>.ts`, their `queue-mapping` and
 * `stream-mapping` edges).
 */
import { mappingOfFailureEdge } from '../model/edge-permissions';
import type { GraphEdge } from '../model/graph';
import { toSeconds } from '../util/duration';
import { isObj, type Obj } from '../util/value';
import { ref, type Cfn } from './cfn';
import type { TemplateKit } from './template-kit';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const secs = (v: unknown): number | undefined => {
  const s = toSeconds(v);
  return s === undefined ? undefined : Math.round(s);
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The mapping's options, from the edge's: batching, filters, and for streams the starting position, retries and failure destination. */
function mappingOptions(edge: GraphEdge, source: 'queue' | 'stream', t: TemplateKit): Obj {
  const { ctx } = t;
  const o = edge.options;
  const filter = isObj(o.filter) ? { Filters: [{ Pattern: JSON.stringify(o.filter) }] } : undefined;
  const common = {
    BatchSize: num(o.batchSize),
    MaximumBatchingWindowInSeconds: secs(o.batchWindow),
    FunctionResponseTypes: o.reportFailures === true ? ['ReportBatchItemFailures'] : undefined,
    FilterCriteria: filter,
  };
  if (source === 'queue') {
    return { ...common, ScalingConfig: num(o.maxConcurrency) !== undefined ? { MaximumConcurrency: num(o.maxConcurrency) } : undefined };
  }
  const failure = ctx.out(edge.from).find((e) => e.mechanism === 'failure-destination' && mappingOfFailureEdge(e, ctx.graph) === edge);
  const startingPosition = str(o.startingPosition) ?? 'LATEST';
  const stamp = str(o.startingTimestamp) ?? (num(o.startingTimestamp) !== undefined ? String(o.startingTimestamp) : undefined);
  const stampSeconds = stamp === undefined ? undefined : /^\d+(\.\d+)?$/.test(stamp) ? Number(stamp) : Date.parse(stamp) / 1000;
  return {
    ...common,
    StartingPosition: startingPosition,
    StartingPositionTimestamp: startingPosition === 'AT_TIMESTAMP' && stampSeconds !== undefined && Number.isFinite(stampSeconds) ? stampSeconds : undefined,
    ParallelizationFactor: num(o.parallelization),
    MaximumRetryAttempts: num(o.maxRetries),
    MaximumRecordAgeInSeconds: secs(o.maxRecordAge),
    BisectBatchOnFunctionError: typeof o.bisectOnError === 'boolean' ? o.bisectOnError : undefined,
    TumblingWindowInSeconds: secs(o.tumblingWindow),
    DestinationConfig: failure ? { OnFailure: { Destination: ctx.arn(failure.to) } } : undefined,
  };
}

/**
 * Adds the event source mapping of `edge` (a queue's consumer, a stream's or table's reader):
 * `eventSourceArn` is the queue's or stream's ARN (a table's stream ARN).
 */
export function addEventSourceMapping(edge: GraphEdge, source: 'queue' | 'stream', eventSourceArn: Cfn, t: TemplateKit): void {
  const { ctx } = t;
  t.add(ctx.newId([edge.to, 'From', edge.from, 'Mapping'], `mapping:${edge.id}`), 'AWS::Lambda::EventSourceMapping', {
    EventSourceArn: eventSourceArn,
    FunctionName: ref(ctx.id(edge.to)!),
    ...mappingOptions(edge, source, t),
  });
}
