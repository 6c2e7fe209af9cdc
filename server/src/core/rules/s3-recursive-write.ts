// Rule: s3/recursive-write
// A function that writes into the bucket whose notifications trigger it runs in a loop, unless the
// keys it writes (`emits: [{ to: bucket, prefix }]`) cannot match the notification's filter.
import { kindLabel } from '../kinds/index';
import type { Rule } from './rule';
import { bucketNotifications, describeFilter, firesOnWrites, prefixesOverlap, writeCanTrigger, writePrefix } from '../analysis/s3-filters';

/** Prefixes the fix proposes, in order; the first that overlaps no triggering notification wins. */
const CANDIDATE_PREFIXES = ['output/', 'processed/', 'archflow-output/'];

export const s3RecursiveWrite: Rule = {
  code: 's3/recursive-write',
  severity: 'warning',
  description: 'A function does not write into the bucket that triggers it, unless its key prefix cannot match the notification filter.',
  why: 'Each object the function writes fires the notification again and invokes the function again: a recursive loop that runs (and bills) until Lambda\'s loop detection (for S3 since 2024) stops it after 16 invocations. Write to another bucket or under a prefix the notification does not cover.',
  source: { title: 'Using an Amazon S3 trigger to invoke a Lambda function (recursive invocation)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html' },
  fix: 'Declares that the function writes under a prefix the notifications do not cover (`prefix: output/`); the code must then write there.',
  check({ graph, limits }, report) {
    for (const emit of graph.edges) {
      if (emit.mechanism !== 'emit') continue;
      const bucket = graph.nodes.get(emit.to);
      if (!bucket || bucket.kind !== 'bucket') continue;
      const fn = emit.from;
      const triggering = bucketNotifications(bucket, graph).filter((n) => n.edge?.to === fn && writeCanTrigger(emit, n));
      if (triggering.length === 0) continue;
      const prefix = writePrefix(emit);
      const which = triggering.map((n) => `notification ${n.index + 1} (${n.on.join(', ')} on ${describeFilter(n.prefix, n.suffix)})`).join(' and ');
      const written = prefix ? `keys under '${prefix}'` : 'any key';
      const advice = triggering.some((n) => n.prefix === '')
        ? 'Give the notification a prefix the function does not write under, or write to another bucket.'
        : 'Write under a prefix the notification does not cover, or to another bucket.';
      const mine = bucketNotifications(bucket, graph).filter((n) => n.edge?.to === fn && firesOnWrites(n));
      const free = CANDIDATE_PREFIXES.find((c) => mine.every((n) => !prefixesOverlap(c, n.prefix)));
      report({
        at: emit.pointer,
        nodes: [fn, bucket.id],
        message: `Function '${fn}' writes ${written} into ${kindLabel('bucket')} '${bucket.id}', whose ${which} invokes it again: a recursive loop (Lambda stops it only after ${limits.recursiveLoopInvocations} invocations). ${advice}`,
        ...(free ? { fix: { kind: 'set-value', title: `Write under '${free}'`, at: emit.optionsAt.concat('prefix'), value: free, refKey: 'to' } } : {}),
      });
    }
  },
};
