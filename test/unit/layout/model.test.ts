import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/core/index';
import { buildDiagramModel, isDrawable, relocate, withProblems } from '../../../server/src/core/layout/index';

const example = (name: string): string => readFileSync(resolve(__dirname, '../../../examples', name), 'utf8');

describe('diagram model', () => {
  it('labels edges with routes, rule names, events, batch sizes, filters and dead letters', () => {
    const model = buildDiagramModel(analyze(example('orders.arch.yaml')));
    const labels = model.edges.map((e) => `${e.from} -> ${e.to}: ${e.label}`);
    expect(labels).toEqual(expect.arrayContaining([
      'checkout -> placeOrder: POST /orders',
      'checkout -> getOrder: GET /orders/{orderId}',
      'orderBus -> billing: placed',
      'orderBus -> events-dlq: placed · dead letter',
      'placeOrder -> orderBus: OrderPlaced',
      'billing -> chargeCard: batch 10',
      'billing -> billing-dlq: dead letter after 5',
      'alerts -> audit: filter detail',
      'sendReceipt -> events-dlq: on failure',
      'alerts -> alerts-dlq: pager · dead letter',
      'audit -> writeAudit: ',
    ]));
    expect(model.edges.map((e) => e.id)).toHaveLength(new Set(model.edges.map((e) => e.id)).size);
  });

  it('labels bucket notifications, stream mappings and failure destinations', () => {
    const files = buildDiagramModel(analyze(example('file-processing.arch.yaml')));
    expect(files.edges.find((e) => e.to === 'scanDocument')!.label).toBe('ObjectCreated · incoming/docs/*.pdf');
    expect(files.edges.find((e) => e.from === 'makeThumbnail')!.label).toBe('thumbnails/*');
    const analytics = buildDiagramModel(analyze(example('analytics.arch.yaml')));
    expect(analytics.edges.find((e) => e.from === 'clicks' && e.to === 'aggregate')!.label).toBe('batch 500 · window 5 s');
    expect(analytics.edges.find((e) => e.from === 'clicks' && e.to === 'failed-records')!.label).toBe('aggregate · on failure');
    expect(analytics.edges.find((e) => e.from === 'tracker')!.label).toBe('POST /clicks · Click');
  });

  it('draws invokes, on-success destinations and function URLs', () => {
    const model = buildDiagramModel(analyze(example('function-wiring.arch.yaml')));
    const edges = model.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}: ${e.label}`);
    expect(edges).toEqual(expect.arrayContaining([
      'webhook -emit-> pricing: invoke',
      'webhook -emit-> ledger: invoke async · PaymentReceived',
      'ledger -on-success-> receipts: on success',
      'ledger -on-failure-> ledger-failures: on failure',
    ]));
    const webhook = model.nodes.find((n) => n.id === 'webhook')!;
    expect(webhook.subtitle).toBe('Lambda · nodejs24.x · URL public');
    expect(webhook.settings).toContainEqual({ name: 'function URL', value: 'auth none' });
  });

  it('gives each node its icon, subtitle and key settings', () => {
    const model = buildDiagramModel(analyze(example('file-processing.arch.yaml')));
    const fifo = model.nodes.find((n) => n.id === 'ingest.fifo')!;
    expect([fifo.icon, fifo.lane, fifo.subtitle]).toEqual(['fifo-queue', 'router', 'SQS FIFO queue']);
    expect(fifo.settings).toEqual([
      { name: 'FIFO', value: 'yes' },
      { name: 'visibility timeout', value: '720 s' },
      { name: 'dead-letter queue', value: 'ingest-dlq.fifo after 5 receives' },
    ]);
    const fn = model.nodes.find((n) => n.id === 'indexDocument')!;
    expect([fn.icon, fn.subtitle]).toEqual(['function', 'Lambda · nodejs24.x']);
    expect(fn.settings.slice(0, 4)).toEqual([
      { name: 'runtime', value: 'nodejs24.x' }, { name: 'memory', value: '2,048 MB' },
      { name: 'timeout', value: '120 s' }, { name: 'architecture', value: 'arm64' },
    ]);
    expect(model.nodes.find((n) => n.id === 'uploads')!.icon).toBe('bucket');
  });

  it("says that a default bus is the account's, not created", () => {
    const model = buildDiagramModel(analyze(`archflow: 1
name: t
routers:
  awsEvents:
    type: event-bus
    default: true
    rules:
      created: { pattern: { source: [aws.s3] }, to: worker }
  own: { type: event-bus }
consumers:
  worker: {}
`));
    const bus = model.nodes.find((n) => n.id === 'awsEvents')!;
    expect([bus.icon, bus.subtitle, bus.settings]).toEqual(['event-bus', 'EventBridge default bus', [
      { name: 'default bus', value: "yes: the account's, not created" }, { name: 'rules', value: '1' },
    ]]);
    expect(model.nodes.find((n) => n.id === 'own')!.subtitle).toBe('EventBridge bus');
  });

  it('orders nodes by lane, then in the order events reach them from the producers', () => {
    const model = buildDiagramModel(analyze(example('orders.arch.yaml')));
    const lanes = model.nodes.map((n) => n.lane);
    expect(lanes).toEqual([...lanes].sort((a, b) => ['producer', 'router', 'consumer'].indexOf(a) - ['producer', 'router', 'consumer'].indexOf(b)));
    const ids = model.nodes.map((n) => n.id);
    // The API's handlers first (GET before POST), the bus before what it routes to, a queue before its dead-letter queue.
    expect(ids.filter((id) => ['getOrder', 'placeOrder', 'chargeCard', 'writeAudit'].includes(id))).toEqual(['getOrder', 'placeOrder', 'chargeCard', 'writeAudit']);
    expect(ids.indexOf('orderBus')).toBeLessThan(ids.indexOf('billing'));
    expect(ids.indexOf('billing')).toBeLessThan(ids.indexOf('billing-dlq'));
    expect(ids.indexOf('audit')).toBeLessThan(ids.indexOf('audit-dlq'));
  });

  it('points each node and edge at its source: the name, the reference, the whole declaration', () => {
    const text = example('orders.arch.yaml');
    const model = buildDiagramModel(analyze(text));
    const billing = model.nodes.find((n) => n.id === 'billing')!;
    expect(text.slice(billing.span.start, billing.span.end)).toBe('billing');
    expect(text.slice(billing.extent.start, billing.extent.end)).toMatch(/^billing:\n {4}type: queue[\s\S]*batchSize: 10, reportFailures: true \}\n?$/);
    const toChargeCard = model.edges.find((e) => e.to === 'chargeCard' && e.from === 'billing')!;
    expect(text.slice(toChargeCard.span.start, toChargeCard.span.end)).toBe('chargeCard');
    expect(text.slice(toChargeCard.extent.start, toChargeCard.extent.end)).toBe('to: { function: chargeCard, batchSize: 10, reportFailures: true }');
  });

  it('puts each problem on the nodes it names, or on the node (and edge) its pointer is in', () => {
    const text = `archflow: 1
name: shop
routers:
  jobs:
    type: queue
    visibilityTimeout: 5
    to: { function: worker, batchSize: many }
  spare: { type: queue, to: wroker }
consumers:
  worker: { timeout: 10 }
`;
    const analysis = analyze(text, { only: ['sqs/visibility-timeout'] });
    const model = buildDiagramModel(analysis);
    const node = (id: string) => model.nodes.find((n) => n.id === id)!;
    // sqs/visibility-timeout names both the queue and its consumer.
    expect(node('jobs').problems.items.map((p) => p.code)).toContain('sqs/visibility-timeout');
    expect(node('worker').problems.items.map((p) => p.code)).toContain('sqs/visibility-timeout');
    expect(node('jobs').problems.worst).toBe('error');
    // The unknown name sits under routers/spare/to: the spare queue carries it.
    expect(node('spare').problems.items.map((p) => p.code)).toEqual(['ref/unknown']);
    expect(node('spare').problems).toMatchObject({ count: 1, worst: 'error' });
    // Problems in the options of the queue's mapping also mark the edge.
    const edge = model.edges.find((e) => e.from === 'jobs')!;
    const onEdge = analysis.problems.filter((p) => p.pointer.join('/').startsWith('routers/jobs/to'));
    expect(onEdge.length).toBe(1);
    expect(edge.problems.count).toBe(onEdge.length);
    expect(node('jobs').problems.count).toBe(2); // the edge's problem and one of the queue's own
    // Every problem counts once in the document total; the worst problems come first.
    expect(model.problems.count).toBe(analysis.problems.length);
    for (const n of model.nodes) {
      const ranks = n.problems.items.map((p) => ['error', 'warning', 'info'].indexOf(p.severity));
      expect(ranks).toEqual([...ranks].sort());
    }
  });

  it('keeps the last good model, relocated and with the current problems, while the text cannot be read', () => {
    const good = example('orders.arch.yaml');
    const goodAnalysis = analyze(good);
    expect(isDrawable(goodAnalysis)).toBe(true);
    const last = buildDiagramModel(goodAnalysis);
    // A half-typed flow map breaks the YAML; two lines were added above, so every span moves.
    const broken = '# draft\n# more\n' + good.replace('    cors: true\n', '    cors: {true\n');
    const brokenAnalysis = analyze(broken);
    expect(isDrawable(brokenAnalysis)).toBe(false);
    const shown = withProblems(relocate(last, brokenAnalysis.doc), brokenAnalysis.problems, true);
    expect(shown.stale).toBe(true);
    expect(shown.nodes.map((n) => n.id)).toEqual(last.nodes.map((n) => n.id));
    expect(shown.problems.worst).toBe('error');
    expect(shown.problems.items.map((p) => p.code)).toContain('yaml/syntax');
    const billing = shown.nodes.find((n) => n.id === 'billing')!;
    expect(broken.slice(billing.span.start, billing.span.end)).toBe('billing');
  });

  it('draws nothing but says so for text without a value', () => {
    const analysis = analyze('');
    expect(isDrawable(analysis)).toBe(false);
    expect(buildDiagramModel(analysis).nodes).toEqual([]);
  });
});
