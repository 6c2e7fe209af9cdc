// The one synthetic architecture of the project, for the benchmark and the tests: N nodes, 20 % producers (HTTP APIs, buckets, schedules,
// table streams), 30 % routers (queues with dead-letter queues, FIFO queues, topics with filtered
// subscriptions, event buses with rules over a catalog, streams), 50 % functions, many emitting catalog
// events. Written the way people write the format: block style for entries, flow style for small maps,
// comments here and there. Deterministic: the same N gives the same text.

/** The text of an architecture with `nodes` producers + routers + consumers. */
export function generateArchitecture(nodes, name = `bench-${nodes}`) {
  const producers = Math.max(4, Math.round(nodes * 0.2));
  const routers = Math.max(5, Math.round(nodes * 0.3));
  const consumers = Math.max(3, nodes - producers - routers);
  const pad = (i) => String(i).padStart(4, '0');
  const fn = (i) => `fn-${pad(((i % consumers) + consumers) % consumers)}`;
  const events = Math.max(2, Math.round(nodes / 20));
  const event = (i) => `Event${pad(i % events)}`;
  const source = (i) => `shop.domain${i % 7}`;
  // Router kinds in a fixed cycle; index i of each kind is known so references always resolve.
  const cycle = ['queue', 'queue-dlq', 'topic', 'event-bus', 'queue', 'queue-dlq', 'stream', 'fifo', 'fifo-dlq', 'topic'];
  const routerName = (i) => {
    const kind = cycle[i % cycle.length];
    return kind.startsWith('fifo') ? `r-${pad(i)}.fifo` : `r-${pad(i)}`;
  };
  const routersOf = (kind) => [...Array(routers).keys()].filter((i) => cycle[i % cycle.length] === kind).map(routerName);
  const buses = routersOf('event-bus');
  const topics = routersOf('topic');
  const queues = routersOf('queue');

  const out = [];
  out.push(`# Generated for the benchmark: ${nodes} nodes.`, 'archflow: 1', `name: ${name}`, 'region: eu-west-1', '');
  out.push('defaults:', '  runtime: nodejs22.x', '  memory: 256', '  timeout: 10', '  architecture: arm64', '');
  out.push('events:');
  for (let i = 0; i < events; i++) {
    out.push(`  ${event(i)}:`, `    source: ${source(i)}`, '    schema:', '      type: object', '      required: [id, amount]', '      properties:',
      '        id: { type: string }', `        amount: { type: number, minimum: 0 }`, `        status: { enum: [new, paid, shipped] }`);
  }
  out.push('', 'producers:');
  for (let i = 0; i < producers; i++) {
    const id = `p-${pad(i)}`;
    switch (i % 4) {
      case 0:
        out.push(`  ${id}:`, '    type: http-api', '    routes:', `      POST /items${i}: ${fn(i * 3)}`, `      GET /items${i}/{id}: ${fn(i * 3 + 1)}`);
        if (buses.length) out.push(`      PUT /items${i}: { bus: ${buses[i % buses.length]}, event: ${event(i)} }`);
        break;
      case 1:
        out.push(`  ${id}: { type: schedule, schedule: rate(5 minutes), to: ${fn(i * 3)} }   # housekeeping`);
        break;
      case 2:
        out.push(`  ${id}:`, '    type: bucket', '    notifications:', `      - on: [ObjectCreated]`, `        prefix: incoming/`, `        to: ${queues.length ? queues[i % queues.length] : fn(i)}`);
        break;
      default:
        out.push(`  ${id}:`, '    type: table', '    stream: NEW_AND_OLD_IMAGES', `    to: { function: ${fn(i * 3)}, startingPosition: LATEST, batchSize: 100 }`);
    }
  }
  out.push('', 'routers:');
  // The dead-letter queue of router i is router i + 1 (the next in the cycle), when there is one.
  const deadLetter = (i) => (i + 1 < routers ? [`    deadLetter: { queue: ${routerName(i + 1)}, maxReceiveCount: 5 }`] : []);
  for (let i = 0; i < routers; i++) {
    const id = routerName(i);
    switch (cycle[i % cycle.length]) {
      case 'queue':
        out.push(`  ${id}:`, '    type: queue', '    visibilityTimeout: 90', ...deadLetter(i), `    to: { function: ${fn(i * 2)}, batchSize: 10 }`);
        break;
      case 'queue-dlq':
      case 'fifo-dlq':
        out.push(`  ${id}: { type: queue, ${id.endsWith('.fifo') ? 'fifo: true, ' : ''}retention: 14d }   # dead letters`);
        break;
      case 'fifo':
        out.push(`  ${id}:`, '    type: queue', '    fifo: true', '    visibilityTimeout: 90', ...deadLetter(i), `    to: { function: ${fn(i * 2)}, batchSize: 10 }`);
        break;
      case 'topic':
        out.push(`  ${id}:`, '    type: topic', '    to:', `      - ${fn(i * 2)}`, `      - { function: ${fn(i * 2 + 1)}, filter: { severity: [high] } }`);
        break;
      case 'event-bus':
        out.push(`  ${id}:`, '    type: event-bus', '    rules:');
        for (let r = 0; r < 3; r++) {
          out.push(`      rule-${r}:`, `        pattern: { source: [${source(i + r)}], detail-type: [${event(i + r)}] }`, `        to: ${fn(i * 2 + r)}`);
        }
        break;
      case 'stream':
        out.push(`  ${id}:`, '    type: stream', '    shards: 2', `    to: { function: ${fn(i * 2)}, startingPosition: LATEST, batchSize: 500 }`);
        break;
    }
  }
  out.push('', 'consumers:');
  for (let i = 0; i < consumers; i++) {
    const id = fn(i);
    if (i % 3 === 0 && buses.length) {
      out.push(`  ${id}:`, '    memory: 512', '    emits:', `      - { to: ${buses[i % buses.length]}, event: ${event(i)} }`);
    } else if (i % 3 === 1 && topics.length) {
      out.push(`  ${id}: { timeout: 30, emits: [${topics[i % topics.length]}] }`);
    } else {
      out.push(`  ${id}: {}`);
    }
  }
  return out.join('\n') + '\n';
}

/** Line and column of the first `timeout: 10` under defaults, where the keystroke benchmark types. */
export function keystrokeSite(text) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l === '  timeout: 10');
  return { line, character: '  timeout: 1'.length };
}
