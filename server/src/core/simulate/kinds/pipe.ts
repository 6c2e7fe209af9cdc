/**
 * An EventBridge pipe reading an SQS queue: the queue's poller hands it batches (esm.ts `SqsPoller`,
 * as it does a function's: up to `batchSize`, default 10, gathered for `batchWindow`), the pipe keeps
 * the records its filter patterns match (several are OR-ed; a message none matches is deleted), an
 * enrichment function is invoked synchronously with the batch, and the target gets it: a function
 * synchronously with the batch, a state machine one execution per batch, a queue, topic, bus or
 * stream one message per record. A batch the target (or enrichment) fails goes back to the queue and
 * is retried until the queue's `maxReceiveCount`, then redriven to its dead-letter queue, as for a
 * function (EventBridge UG, eb-pipes-sqs.html and eb-pipes-error-troubleshooting.html, "Customer
 * invocation errors": for an SQS source, customer errors are retried up to the source queue's maximum
 * receive count).
 *
 * Pipes reading a Kinesis stream or a table's stream are not simulated: such a pipe receives nothing
 * (docs/simulate.md "What is not simulated").
 */
import { compilePattern, type CompiledPattern } from '../../eventbridge/pattern';
import type { GraphEdge, GraphNode } from '../../model/graph';
import { isObj } from '../../util/value';
import type { Accepted, Envelope, InvokeRequest, InvokeResult, NodeSim, Send, SendContext, SimKit, SimulateFacet } from '../types';

class PipeSim implements NodeSim {
  private readonly patterns: readonly CompiledPattern[];
  private readonly target: GraphEdge | undefined;
  private readonly enrichment: GraphEdge | undefined;

  constructor(private readonly node: GraphNode<'pipe'>, private readonly kit: SimKit) {
    this.patterns = node.settings.filters.filter(isObj).map((f) => compilePattern(f, { maxChars: Number.MAX_SAFE_INTEGER }));
    const out = kit.graph.outgoing.get(node.id) ?? [];
    this.target = out.find((e) => e.mechanism === 'pipe');
    this.enrichment = out.find((e) => e.mechanism === 'enrichment' && kit.graph.nodes.get(e.to)?.kind === 'function');
  }

  accept(): Accepted {
    return 'a pipe reads its source: nothing sends to it';
  }

  /** A batch from the source queue's poller. */
  invoke(req: InvokeRequest): Accepted {
    const { kit, node } = this;
    const id = node.id;
    const done = (r: InvokeResult): void => req.onResult?.(r);
    if (!kit.available(id)) {
      done({ status: 'unavailable', error: 'ServiceUnavailable' });
      return true;
    }
    const stats = kit.stats(id);
    stats.received += req.records.length;
    for (const r of req.records) kit.reached(id, r);
    // The filter sees the SQS record, metadata and body (parsed JSON), as a Lambda mapping's filter does;
    // patterns are OR-ed, and a record none matches is dropped (EventBridge UG, eb-pipes-event-filtering.html;
    // Lambda DG, invocation-eventfiltering.html: an SQS message is deleted).
    const keep: number[] = [];
    const sqs = this.patterns.length ? req.event() : undefined;
    const list = isObj(sqs) && Array.isArray(sqs.Records) ? sqs.Records : [];
    req.records.forEach((env, i) => {
      const record = isObj(list[i]) ? { ...list[i], body: env.body } : { body: env.body };
      if (this.patterns.length === 0 || this.patterns.some((p) => p.match(record))) keep.push(i);
      else {
        stats.filtered++;
        if (kit.logging) kit.log('filter', id, { message: env.id, origin: env.origin, detail: 'no match for the pipe\'s filter: deleted' });
        else kit.mark();
      }
    });
    if (keep.length === 0) {
      done({ status: 'ok' });
      return true;
    }
    const records = keep.map((i) => req.records[i]!);
    const event = (): unknown[] => {
      const all = req.event();
      const list = isObj(all) && Array.isArray(all.Records) ? all.Records : [];
      return keep.map((i) => list[i]);
    };
    const finish = (r: InvokeResult): void => {
      if (r.status === 'ok') stats.succeeded += records.length;
      else {
        stats.failed += records.length;
        if (kit.logging) kit.log('fail', id, { message: records[0]!.id, origin: records[0]!.origin, count: records.length, detail: `${r.status}: ${r.error ?? ''}`.trim() });
        else kit.mark();
      }
      // Only the status goes back: the poller deletes the whole batch, or returns it to the queue.
      done(r.status === 'ok' ? { status: 'ok' } : { status: 'error', ...(r.error !== undefined ? { error: r.error } : {}) });
    };
    if (this.enrichment) {
      const enrich = this.enrichment;
      const r = kit.invoke(enrich.to, {
        mode: 'sync', records, source: { kind: 'direct', node: id, edge: enrich }, event,
        onResult: (res) => {
          if (res.status !== 'ok') return finish({ status: 'error', error: `enrichment ${enrich.to}: ${res.error ?? res.status}` });
          // An enrichment that answers one item per record replaces their bodies; any other answer passes them on.
          const answer = res.response;
          const enriched = Array.isArray(answer) && answer.length === records.length ? records.map((env, i): Envelope => ({ ...env, body: answer[i] })) : records;
          this.forward(enriched, event, finish);
        },
      });
      if (r !== true) finish({ status: 'error', error: r });
      return true;
    }
    this.forward(records, event, finish);
    return true;
  }

  /** Hands the batch to the target. */
  private forward(records: readonly Envelope[], event: () => unknown[], finish: (r: InvokeResult) => void): void {
    const { kit, node } = this;
    const edge = this.target;
    const target = edge ? kit.graph.nodes.get(edge.to) : undefined;
    if (!edge || !target) return finish({ status: 'ok' });
    const first = records[0]!;
    const ctx = (env: Envelope): SendContext => ({ from: node.id, origin: env.origin, born: env.born, edge, ...(edge.event !== undefined ? { event: edge.event } : {}) });
    if (target.kind === 'function') {
      const r = kit.invoke(target.id, { mode: 'sync', records, source: { kind: 'direct', node: node.id, edge }, event, onResult: (res) => finish(res.status === 'ok' ? { status: 'ok' } : { status: 'error', error: res.error ?? res.status }) });
      if (r !== true) finish({ status: 'error', error: r });
      return;
    }
    if (target.kind === 'state-machine') {
      // One execution per batch, its input the batch (StartExecution, asynchronous for a Standard workflow).
      const r = kit.send(target.id, { action: 'invoke', payload: records.map((e) => e.body), async: true }, ctx(first));
      return finish(r === true ? { status: 'ok' } : { status: 'error', error: r });
    }
    // The target parameters the generated template gives the pipe (kinds/pipe.ts `targetParameters`).
    const ev = edge.event !== undefined ? kit.graph.events.get(edge.event) : undefined;
    const group = typeof edge.options.messageGroup === 'string' ? edge.options.messageGroup : node.id;
    const partitionKey = typeof edge.options.partitionKey === 'string' ? edge.options.partitionKey : node.id;
    for (const env of records) {
      let send: Send;
      switch (target.kind) {
        case 'queue':
          send = { action: 'sendMessage', message: env.body, ...(target.settings.fifo ? { group, deduplicationId: `pipe-${env.id}` } : {}) };
          break;
        case 'topic':
          send = { action: 'publish', message: env.body, ...(target.settings.fifo ? { group, deduplicationId: `pipe-${env.id}` } : {}) };
          break;
        case 'event-bus':
          send = { action: 'putEvent', source: ev?.source ?? `${kit.graph.name ?? 'app'}.${node.id}`, detailType: ev?.detailType ?? node.id, detail: env.body };
          break;
        case 'stream':
          send = { action: 'putRecord', data: env.body, partitionKey };
          break;
        default:
          send = { action: 'sendMessage', message: env.body };
      }
      const r = kit.send(target.id, send, ctx(env));
      if (r !== true) return finish({ status: 'error', error: r });
    }
    finish({ status: 'ok' });
  }
}

/** The `simulate` facet of the pipe kind. */
export const pipeSimulation: SimulateFacet<GraphNode<'pipe'>> = {
  create: (node, kit) => new PipeSim(node, kit),
};
