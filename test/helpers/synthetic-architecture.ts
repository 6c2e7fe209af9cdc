import { stringify } from 'yaml';

/**
 * A valid architecture with `nodes` nodes (20 % producers, 30 % routers, 50 % consumers) wired the
 * way real ones are: APIs and schedules call functions, queues and streams feed functions, topics
 * and buses fan out, every third function emits to a bus or topic. For layout tests and benchmarks.
 */
export function syntheticArchitecture(nodes: number, name = 'synthetic'): string {
  const producers = Math.max(1, Math.round(nodes * 0.2));
  const routers = Math.max(1, Math.round(nodes * 0.3));
  const consumers = Math.max(1, nodes - producers - routers);
  const fn = (i: number): string => `fn${String(i % consumers).padStart(4, '0')}`;
  const router = (i: number): string => `router${String(i % routers).padStart(4, '0')}`;
  const routerType = (i: number): string => ['queue', 'topic', 'event-bus', 'queue', 'stream'][i % 5]!;

  const doc: Record<string, unknown> = { archflow: 1, name, producers: {}, routers: {}, consumers: {} };
  const p = doc.producers as Record<string, unknown>;
  const r = doc.routers as Record<string, unknown>;
  const c = doc.consumers as Record<string, unknown>;

  for (let i = 0; i < producers; i++) {
    const id = `producer${String(i).padStart(4, '0')}`;
    switch (i % 4) {
      case 0: p[id] = { type: 'http-api', routes: { [`POST /items${i}`]: fn(i * 3), [`GET /items${i}`]: fn(i * 3 + 1) } }; break;
      case 1: p[id] = { type: 'schedule', schedule: 'rate(5 minutes)', to: fn(i * 3) }; break;
      case 2: p[id] = { type: 'bucket', notifications: [{ on: ['ObjectCreated'], to: fn(i * 3) }] }; break;
      default: p[id] = { type: 'table', stream: 'NEW_IMAGE', to: { function: fn(i * 3), startingPosition: 'LATEST', batchSize: 100 } };
    }
  }
  for (let i = 0; i < routers; i++) {
    const id = router(i);
    switch (routerType(i)) {
      case 'queue': r[id] = { type: 'queue', visibilityTimeout: 60, to: { function: fn(i * 2), batchSize: 10 } }; break;
      case 'topic': r[id] = { type: 'topic', to: [fn(i * 2), fn(i * 2 + 1)] }; break;
      case 'event-bus': r[id] = { type: 'event-bus', rules: { first: { pattern: { source: ['a'] }, to: fn(i * 2) }, second: { pattern: { source: ['b'] }, to: fn(i * 2 + 1) } } }; break;
      default: r[id] = { type: 'stream', to: { function: fn(i * 2), startingPosition: 'LATEST' } };
    }
  }
  for (let i = 0; i < consumers; i++) {
    c[fn(i)] = i % 3 === 0 ? { timeout: 5, emits: [router(i * 7 + 1)] } : { timeout: 5 };
  }
  return stringify(doc);
}
