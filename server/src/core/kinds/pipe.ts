/**
 * Kind `pipe`: an EventBridge Pipe (router). It polls its `source` (a queue, a Kinesis stream or a
 * table's stream), keeps the records its `filter` matches (EventBridge pattern syntax), optionally
 * passes them through an `enrichment` (a function or an Express state machine, called synchronously)
 * and sends the result to its target (`to`). One role, assumed by EventBridge Pipes, carries every
 * permission of its edges.
 */
import { isObj, type Obj } from '../util/value';
import { compact, getAtt, wholeSeconds, type Cfn } from '../codegen/cfn';
import { ACCOUNT, EPOCH_MS, REGION } from '../codegen/sample-events';
import type { Draft, DraftNode } from '../import/draft';
import { esmOptions, filterOf, noteRest, put as putProp, resolveTarget, typeOfArn } from '../import/helpers';
import type { Resource } from '../import/template';
import { PRINCIPALS, permissionKind, tableArns } from '../model/edge-permissions';
import type { GraphEdge, GraphNode } from '../model/graph';
import type { Pointer } from '../span';
import { pipeSimulation } from '../simulate/kinds/pipe';
import type { KindModule, ReferenceSlot } from './kind';
import { asWritten, list, shown } from './read';

/** The settings of a pipe. */
export interface PipeSettings {
  /** The filter patterns as written (several are OR-ed): `filter` (one map) or a list of maps. */
  readonly filters: readonly unknown[];
  /** Where each pattern is written. */
  readonly filterAt: readonly Pointer[];
  /** True when `source` is written. */
  readonly hasSource: boolean;
  /** True when `to` is written. */
  readonly hasTarget: boolean;
}

/** The kinds a pipe reads: SQS queues, Kinesis streams and DynamoDB streams (of tables). */
const SOURCE = { at: /^source$/, names: ['queue', 'stream', 'table'] } as const satisfies ReferenceSlot;
/** Enrichments: functions, and kinds reached by `enrichment` (Express state machines). */
const ENRICHMENT = { at: /^enrichment$/, names: ['function'], mechanism: 'enrichment' } as const satisfies ReferenceSlot;
/** Targets: functions, queues, topics, buses, streams, and kinds reached by `pipe` (state machines). */
const TARGET = { at: /^to$/, names: ['function', 'queue', 'topic', 'event-bus', 'stream'], mechanism: 'pipe' } as const satisfies ReferenceSlot;
const TARGET_EVENT = { at: /^to\/event$/, names: 'event' } as const satisfies ReferenceSlot;
const DEAD_LETTER = { at: /^deadLetter$/, names: ['queue'] } as const satisfies ReferenceSlot;

/** What a pipe reads. */
type SourceKind = (typeof SOURCE.names)[number];

/**
 * What a source node is to a pipe: its kind, or, for an existing resource (`external` with its `arn`),
 * the kind its ARN names (model/edge-permissions.ts `permissionKind`); undefined when a pipe cannot read it.
 */
export function sourceKind(node: GraphNode | undefined): SourceKind | undefined {
  const kind = node ? permissionKind(node) : undefined;
  return (SOURCE.names as readonly string[]).includes(kind ?? '') ? (kind as SourceKind) : undefined;
}

/** The source edge of a pipe (`source → pipe`), when it reads one. */
export function pipeSource(edges: readonly GraphEdge[] | undefined): GraphEdge | undefined {
  return edges?.find((e) => e.mechanism === 'pipe-source');
}

/** `SqsQueueParameters`, `KinesisStreamParameters` or `DynamoDBStreamParameters` of a source edge. */
function sourceParameters(edge: GraphEdge, source: SourceKind, dlq: Cfn | undefined): Obj {
  const o = edge.options;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const window = wholeSeconds(typeof o.batchWindow === 'number' || typeof o.batchWindow === 'string' ? toSeconds(o.batchWindow) : undefined);
  if (source === 'queue') return { SqsQueueParameters: compact({ BatchSize: num(o.batchSize), MaximumBatchingWindowInSeconds: window }) };
  const stream = compact({
    StartingPosition: typeof o.startingPosition === 'string' ? o.startingPosition : 'LATEST',
    BatchSize: num(o.batchSize),
    MaximumBatchingWindowInSeconds: window,
    MaximumRetryAttempts: num(o.maxRetries),
    MaximumRecordAgeInSeconds: num(o.maxRecordAge),
    ParallelizationFactor: num(o.parallelization),
    OnPartialBatchItemFailure: o.bisectOnError === true ? 'AUTOMATIC_BISECT' : undefined,
    DeadLetterConfig: dlq !== undefined ? { Arn: dlq } : undefined,
  });
  return source === 'stream' ? { KinesisStreamParameters: stream } : { DynamoDBStreamParameters: stream };
}

/** `30`, `30s`, `5m` → seconds (pipes take whole seconds). */
function toSeconds(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const m = typeof v === 'string' ? /^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h|d)$/.exec(v) : null;
  if (!m) return undefined;
  const f = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * f;
}

/** What a record a pipe hands on looks like, for a source kind (EventBridge Pipes sources: the record of each service). */
function recordType(source: GraphNode | undefined): string {
  if (sourceKind(source) === 'queue') return 'SQSRecord';
  return 'Record<string, unknown>';
}

/** A sample record of a pipe's source. */
function sampleRecord(source: GraphNode | undefined, body: unknown): Obj {
  // An existing source's records carry its own ARN.
  const own = source?.kind === 'external' ? source.settings.arn : undefined;
  const arn = (service: string, res: string): string => own ?? `arn:aws:${service}:${REGION}:${ACCOUNT}:${res}`;
  const kind = sourceKind(source);
  if (kind === 'queue') {
    return {
      messageId: '059f36b4-87a3-44ab-83d2-661975830a7d', receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a', body: JSON.stringify(body),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(EPOCH_MS), SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: String(EPOCH_MS) },
      messageAttributes: {}, md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3', eventSource: 'aws:sqs', eventSourceARN: arn('sqs', source!.id), awsRegion: REGION,
    };
  }
  if (kind === 'table') {
    return { eventID: '1', eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: REGION, dynamodb: { Keys: { pk: { S: 'example' } }, NewImage: { pk: { S: 'example' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' }, eventSourceARN: own ? tableArns(own).stream ?? `${own}/stream/2026-01-01T00:00:00.000` : arn('dynamodb', `table/${source!.id}/stream/2026-01-01T00:00:00.000`) };
  }
  return {
    kinesisSchemaVersion: '1.0', partitionKey: '1', sequenceNumber: '49590338271490256608559692538361571095921575989136588898', data: JSON.stringify(body),
    approximateArrivalTimestamp: EPOCH_MS / 1000, eventSource: 'aws:kinesis', eventVersion: '1.0', eventID: 'shardId-000000000000:1', eventName: 'aws:kinesis:record',
    invokeIdentityArn: arn('iam', 'role/pipe'), awsRegion: REGION, eventSourceARN: arn('kinesis', `stream/${source?.id ?? 'stream'}`),
  };
}

/** The `pipe` kind. */
export const pipe: KindModule<'pipe', PipeSettings> = {
  kind: 'pipe',
  label: 'pipe',
  sections: ['routers'],
  aliases: ['pipes', 'eventbridge-pipe', 'eventbridge-pipes', 'aws::pipes::pipe'],
  settings(c: Obj, input): PipeSettings {
    const many = Array.isArray(c.filter);
    const filters = list(c.filter);
    return {
      filters, filterAt: filters.map((_, i) => (many ? input.pointer.concat('filter', i) : input.pointer.concat('filter'))),
      hasSource: c.source !== undefined, hasTarget: c.to !== undefined,
    };
  },
  references: {
    slots: [SOURCE, ENRICHMENT, TARGET, TARGET_EVENT, DEAD_LETTER],
    link(node, l) {
      const c = node.config;
      const p = node.pointer;
      l.edge(node, l.ref(c.source, p.concat('source'), SOURCE.names), SOURCE.names, 'trigger', 'pipe-source', `the source of ${l.subject(node)}`, { reverse: true });
      l.edge(node, l.ref(c.enrichment, p.concat('enrichment')), ENRICHMENT.names, 'trigger', 'enrichment', `the enrichment of ${l.subject(node)}`);
      const event = isObj(c.to) ? l.event(c.to.event, p.concat('to', 'event')) : undefined;
      l.edge(node, l.ref(c.to, p.concat('to')), TARGET.names, 'trigger', 'pipe', `the target of ${l.subject(node)}`, event ? { event } : {});
      l.edge(node, l.ref(c.deadLetter, p.concat('deadLetter')), DEAD_LETTER.names, 'dead-letter', 'redrive', `the dead-letter queue of ${l.subject(node)}`);
    },
  },
  cloudformation: {
    suffix: 'Pipe',
    resources(node, t) {
      const { ctx } = t;
      const id = ctx.id(node.id)!;
      // The source: generated, or an existing queue, stream or table (`external` with its `arn`).
      const source = pipeSource(ctx.graph.incoming.get(node.id));
      const existing = source ? ctx.existing(source.from) : undefined;
      const read = sourceKind(existing);
      // Pipes read a DynamoDB stream by its full ARN (the `AWS::Pipes::Pipe` Source); an existing table
      // named by the table's ARN gives no stream a template could name (a `/stream/*` pattern fails at deploy).
      if (existing && read === 'table' && tableArns(existing.settings.arn!).stream === undefined) {
        const name = /:table\/([^/]+)$/.exec(existing.settings.arn!)?.[1] ?? existing.id;
        ctx.problems.push({
          code: 'codegen/pipe-incomplete', severity: 'warning', at: source!.pointer,
          message: `Pipe '${node.id}' is not generated: a pipe reads a table's stream by the stream's full ARN, and '${existing.id}' gives the table's. Write its stream's ARN as its \`arn\` (\`${existing.settings.arn}/stream/<label>\`: the table's LatestStreamArn, \`aws dynamodb describe-table --table-name ${name}\`).`,
        });
        return;
      }
      const role = t.serviceRole(id, PRINCIPALS.pipes);
      const out = ctx.out(node.id);
      const enrichment = out.find((e) => e.mechanism === 'enrichment');
      const target = out.find((e) => e.mechanism === 'pipe');
      const dlq = out.find((e) => e.mechanism === 'redrive');
      for (const e of [source, enrichment, target, dlq]) if (e) t.grantServiceRole(e, id);
      const from = source ? ctx.node(source.from) ?? (read ? existing : undefined) : undefined;
      const to = target ? ctx.node(target.to) : undefined;
      if (!from || !to) {
        ctx.problems.push({
          code: 'codegen/pipe-incomplete', severity: 'warning', at: node.pointer,
          message: `Pipe '${node.id}' is not generated: it needs a source and a target that Archflow generates (${!from ? 'its source is missing or external' : 'its target is missing or external'}).`,
        });
        return;
      }
      const filters = node.settings.filters.filter(isObj);
      const sourceParams = sourceParameters(source!, sourceKind(from)!, dlq && ctx.node(dlq.to) ? ctx.arn(dlq.to) : undefined);
      const event = target!.event ? ctx.graph.events.get(target!.event) : undefined;
      t.add(id, 'AWS::Pipes::Pipe', {
        Description: node.description || undefined,
        RoleArn: getAtt(role, 'Arn'),
        Source: ctx.arn(from.id, { scope: sourceKind(from) === 'table' ? 'stream' : 'resource' }),
        SourceParameters: { ...(filters.length > 0 ? { FilterCriteria: { Filters: filters.map((f) => ({ Pattern: JSON.stringify(f) })) } } : {}), ...sourceParams },
        Enrichment: enrichment && ctx.node(enrichment.to) ? ctx.arn(enrichment.to) : undefined,
        Target: ctx.arn(to.id),
        TargetParameters: targetParameters(target!, to, node, event, ctx.name),
      });
    },
  },
  diagram: {
    icons: {
      // A pipe with a funnel: source → filter → target.
      pipe: { glyph: 'M2.5 9.5h5v5h-5z M16.5 9.5h5v5h-5z M7.5 12h2 M14.5 12h2 M9.5 8.5h5L13 12v3.5h-2V12z', colour: '#a3185a', subtitle: 'EventBridge Pipe' },
    },
    settings(node) {
      const source = node.config.source;
      return shown([
        ['filter', node.settings.filters.length > 0 ? `${node.settings.filters.length} pattern${node.settings.filters.length === 1 ? '' : 's'}` : undefined],
        ['batch size', isObj(source) && typeof source.batchSize === 'number' ? String(source.batchSize) : undefined],
        ['enrichment', typeof node.config.enrichment === 'string' ? node.config.enrichment : isObj(node.config.enrichment) ? Object.values(node.config.enrichment).find((v) => typeof v === 'string') as string | undefined : undefined],
      ]);
    },
  },
  events: {
    // Its target (or enrichment) gets a batch: a JSON array of the source's records.
    trigger(edge, from, p, label) {
      if (edge.mechanism !== 'pipe' && edge.mechanism !== 'enrichment') return undefined;
      const source = pipeSource(p.ctx.graph.incoming.get(from.id));
      const node = source ? p.ctx.graph.nodes.get(source.from) : undefined;
      const enriched = edge.mechanism === 'pipe' && (p.ctx.graph.outgoing.get(from.id) ?? []).some((e) => e.mechanism === 'enrichment');
      return { shape: 'pipe', eventType: enriched ? 'unknown[]' : `${recordType(node)}[]`, resultType: 'unknown', events: [], label };
    },
    sample(t, s) {
      const source = pipeSource(s.ctx.graph.incoming.get(t.source.id));
      const node = source ? s.ctx.graph.nodes.get(source.from) : undefined;
      return [sampleRecord(node, node ? s.payload(node, 1) : {})];
    },
  },
  simulate: pipeSimulation,
  import: {
    types: ['AWS::Pipes::Pipe'],
    settings(d, r, node) {
      importPipe(d, r, node);
    },
    connect(d, from, to, options) {
      if (from.to.length > 0) {
        d.notes.add(`${from.name} also sends to ${to.name}, but a pipe has one target: that edge is not shown.`);
        return false;
      }
      from.to.push(d.ref(to, options));
      return true;
    },
    edges(node, out) {
      for (const k of ['source', 'filter', 'enrichment']) if (node.own[k] !== undefined) out[k] = node.own[k];
      if (node.to.length > 0) out.to = node.to[0];
      if (node.own.deadLetter !== undefined) out.deadLetter = node.own.deadLetter;
    },
  },
  editor: {
    snippet: (fn, of) => ({
      block: ['${1:orders}:', '  type: pipe', `  source: ${of ? of(2, SOURCE.names, 'queue') : '${2:queue}'}`, '  filter: { body: { status: [${3:paid}] } }', `  to: ${fn(4)}`],
      flow: `\${1:orders}: { type: pipe, source: ${of ? of(2, SOURCE.names, 'queue') : '${2:queue}'}, to: ${fn(3)} }`,
      doc: 'An EventBridge Pipe: polls a queue or stream, filters, and sends to a target.',
    }),
    hover: (node) => asWritten(node.config, ['source', 'enrichment', 'to']),
    symbol: 'Operator',
  },
};

/** `TargetParameters` by the target's kind. */
function targetParameters(edge: GraphEdge, to: GraphNode, pipeNode: GraphNode, event: { readonly source?: string; readonly detailType: string } | undefined, app: string): Obj | undefined {
  switch (to.kind) {
    case 'state-machine':
      return { StepFunctionStateMachineParameters: { InvocationType: edge.options.sync === true ? 'REQUEST_RESPONSE' : 'FIRE_AND_FORGET' } };
    case 'function':
      return { LambdaFunctionParameters: { InvocationType: edge.options.sync === false ? 'FIRE_AND_FORGET' : 'REQUEST_RESPONSE' } };
    case 'queue':
      return to.settings.fifo ? { SqsQueueParameters: { MessageGroupId: typeof edge.options.messageGroup === 'string' ? edge.options.messageGroup : pipeNode.id } } : undefined;
    case 'event-bus':
      return { EventBridgeEventBusParameters: { Source: event?.source ?? `${app}.${pipeNode.id}`, DetailType: event?.detailType ?? pipeNode.id } };
    case 'stream':
      return { KinesisStreamParameters: { PartitionKey: typeof edge.options.partitionKey === 'string' ? edge.options.partitionKey : pipeNode.id } };
    default:
      return undefined;
  }
}

/** A pipe's source, filter, enrichment and target from `AWS::Pipes::Pipe`. */
function importPipe(d: Draft, r: Resource, node: DraftNode): void {
  const { t } = d;
  const p = r.properties;
  putProp(node.props, 'description', t.str(p.Description));
  const sp = isObj(p.SourceParameters) ? p.SourceParameters : {};
  const params = [sp.SqsQueueParameters, sp.KinesisStreamParameters, sp.DynamoDBStreamParameters].find(isObj) ?? {};
  if (p.Source !== undefined) {
    const source = resolveTarget(d, p.Source, SOURCE.names, `${r.id}Source`, typeOfArn(d, p.Source), `The source of pipe ${r.id}`);
    // A pipe polls like an event source mapping: the same options (its dead letters are the pipe's own).
    const options = source.kind === 'external' ? {} : esmOptions(d, {
      ...params,
      ...(t.str(params.OnPartialBatchItemFailure) === 'AUTOMATIC_BISECT' ? { BisectBatchOnFunctionError: true } : {}),
    }, source.kind, r.id);
    node.own.source = d.ref(source, options);
  }
  const filter = filterOf(d, sp.FilterCriteria, r.id);
  if (filter) node.own.filter = isObj(filter.$or) || Array.isArray(filter.$or) ? filter.$or : filter;
  const dlq = isObj(params.DeadLetterConfig) ? params.DeadLetterConfig.Arn : undefined;
  if (dlq !== undefined) {
    const q = resolveTarget(d, dlq, DEAD_LETTER.names, `${r.id}DeadLetterQueue`, 'AWS::SQS::Queue', `The dead-letter queue of pipe ${r.id}`);
    node.own.deadLetter = q.name;
    q.incoming++;
  }
  if (p.Enrichment !== undefined) {
    const enrichment = resolveTarget(d, p.Enrichment, ['function', 'state-machine'], `${r.id}Enrichment`, typeOfArn(d, p.Enrichment), `The enrichment of pipe ${r.id}`);
    node.own.enrichment = d.ref(enrichment);
  }
  if (p.Target !== undefined) {
    const target = resolveTarget(d, p.Target, [...TARGET.names, 'state-machine'], `${r.id}Target`, typeOfArn(d, p.Target), `The target of pipe ${r.id}`);
    const tp = isObj(p.TargetParameters) ? p.TargetParameters : {};
    const options: Obj = {};
    const sfn = isObj(tp.StepFunctionStateMachineParameters) ? tp.StepFunctionStateMachineParameters : undefined;
    if (sfn && t.str(sfn.InvocationType) === 'REQUEST_RESPONSE') options.sync = true;
    const lambda = isObj(tp.LambdaFunctionParameters) ? tp.LambdaFunctionParameters : undefined;
    if (lambda && t.str(lambda.InvocationType) === 'FIRE_AND_FORGET') options.sync = false;
    if (isObj(tp.SqsQueueParameters)) putProp(options, 'messageGroup', t.str(tp.SqsQueueParameters.MessageGroupId));
    if (isObj(tp.KinesisStreamParameters)) putProp(options, 'partitionKey', t.str(tp.KinesisStreamParameters.PartitionKey));
    const eb = isObj(tp.EventBridgeEventBusParameters) ? tp.EventBridgeEventBusParameters : undefined;
    if (eb) d.notes.add(`Pipe ${r.id} puts events with source ${t.str(eb.Source) ?? '?'} and detail-type ${t.str(eb.DetailType) ?? '?'}: declare that event in \`events\` and name it in the pipe's \`to\` (\`event:\`) to keep them.`);
    if (tp.InputTemplate !== undefined) d.notes.notCarriedOver('TargetParameters.InputTemplate', r.id);
    pipe.import.connect!(d, node, target, options);
  }
  noteRest(d, r, p, ['Source', 'SourceParameters', 'Enrichment', 'EnrichmentParameters', 'Target', 'TargetParameters', 'RoleArn', 'Name', 'Description', 'DesiredState', 'Tags', 'LogConfiguration']);
}
