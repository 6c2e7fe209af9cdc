// Rule: s3/overlapping-notifications
// Two notifications of a bucket for overlapping event types must not have overlapping filters:
// S3 rejects the whole notification configuration.
import type { Rule } from './rule';
import { bucketNotifications, describeFilter, eventTypesOverlap, prefixesOverlap, suffixesOverlap } from '../analysis/s3-filters';

export const s3OverlappingNotifications: Rule = {
  code: 's3/overlapping-notifications',
  severity: 'error',
  description: 'Two notifications of a bucket for the same event type do not have overlapping key filters.',
  why: 'S3 refuses a notification configuration in which two entries for the same event type (`ObjectCreated` includes `ObjectCreated:Put`) have overlapping prefixes and overlapping suffixes ("Configurations overlap"), so the stack fails to deploy.',
  source: { title: 'Configuring event notifications using object key name filtering', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html' },
  check({ graph }, report) {
    for (const bucket of graph.nodes.values()) {
      if (bucket.kind !== 'bucket') continue;
      const list = bucketNotifications(bucket, graph);
      for (let j = 1; j < list.length; j++) {
        const b = list[j]!;
        for (let i = 0; i < j; i++) {
          const a = list[i]!;
          const types = b.on.flatMap((tb) => a.on.filter((ta) => eventTypesOverlap(ta, tb)).map((ta) => (ta.length >= tb.length ? ta : tb)));
          if (types.length === 0) continue;
          if (!prefixesOverlap(a.prefix, b.prefix) || !suffixesOverlap(a.suffix, b.suffix)) continue;
          const prefix = a.prefix.length >= b.prefix.length ? a.prefix : b.prefix;
          const suffix = a.suffix.length >= b.suffix.length ? a.suffix : b.suffix;
          report({
            at: b.pointer.concat('on'),
            nodes: [bucket.id],
            message: `Notifications ${a.index + 1} and ${b.index + 1} of bucket '${bucket.id}' overlap: both fire on ${[...new Set(types)].join(', ')} for ${describeFilter(prefix, suffix)}. S3 rejects overlapping filters for the same event type; make the prefixes or the suffixes disjoint.`,
          });
          break;
        }
      }
    }
  },
};
