import { analyze } from '../core/index';
import { complete } from '../core/features/complete';

/** An architecture of `copies` × 6 nodes that takes every path of the analysis (block and flow style, every kind). */
export function warmUpText(copies: number): string {
  const events: string[] = [];
  const producers: string[] = [];
  const routers: string[] = [];
  const consumers: string[] = [];
  for (let i = 0; i < copies; i++) {
    events.push(`  Event${i}:`, '    source: warm.up', '    schema: { type: object, required: [id], properties: { id: { type: string }, n: { type: number } } }');
    producers.push(`  api${i}:`, '    type: http-api', '    routes:', `      POST /items${i}: { bus: bus${i}, event: Event${i} }`, `  nightly${i}: { type: schedule, schedule: rate(1 day), to: fn${i} }   # comment`);
    routers.push(
      `  bus${i}:`, '    type: event-bus', '    rules:', `      r${i}: { pattern: { source: [warm.up], detail-type: [Event${i}] }, to: q${i} }`,
      `  q${i}:`, '    type: queue', '    visibilityTimeout: 60', `    deadLetter: { queue: dlq${i}, maxReceiveCount: 5 }`, `    to: { function: fn${i}, batchSize: 10 }`,
      `  dlq${i}: { type: queue, retention: 14d }`,
    );
    consumers.push(`  fn${i}:`, '    timeout: 10', '    emits:', `      - { to: bus${i}, event: Event${i} }`);
  }
  return ['archflow: 1', 'name: warm-up', 'events:', ...events, 'producers:', ...producers, 'routers:', ...routers, 'consumers:', ...consumers, ''].join('\n');
}

/**
 * Runs the analysis (and a completion) a few times on a generated architecture, one round per turn
 * of the event loop, so the JIT has compiled the hot paths before the first keystrokes in a real file
 * (the first analyses are several times slower than the next ones). Messages from the client are
 * handled between rounds.
 */
export function warmUp(rounds = 12, copies = 20): void {
  const text = warmUpText(copies);
  const offset = text.indexOf('function: fn0') + 'function: fn'.length;
  let left = rounds;
  const round = (): void => {
    try {
      complete(analyze(text), offset);
    } catch {
      return; // never let warming up hurt the server
    }
    if (--left > 0) setImmediate(round);
  };
  setImmediate(round);
}
