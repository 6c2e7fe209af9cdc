// Rule: stream/retention-range
// A Kinesis stream keeps records 24–8,760 hours, in whole hours.
import { nodesOfKind, n, setValue } from './helpers';
import type { Rule } from './rule';

/** `36h` */
const hours = (h: number): string => `${h}h`;

export const streamRetentionRange: Rule = {
  code: 'stream/retention-range',
  severity: 'error',
  description: "A Kinesis stream's `retention` is within 24–8,760 hours (365 days), and a whole number of hours (warning).",
  why: 'Kinesis sets retention in whole hours (`RetentionPeriodHours`) between 24 and 8,760: a shorter or longer value fails the deployment, and a fraction of an hour would be rounded up to a different retention than the one written.',
  source: { title: 'Change the data retention period (Amazon Kinesis Data Streams)', url: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html' },
  fix: 'Sets `retention` to the nearest allowed value (24 h, 8,760 h, or the next whole hour).',
  check({ graph, limits }, report) {
    for (const stream of nodesOfKind(graph, 'stream')) {
      const seconds = stream.settings.retention;
      if (seconds === undefined) continue;
      const at = stream.pointer.concat('retention');
      const h = seconds / 3600;
      const min = limits.kinesisRetentionHoursMin;
      const max = limits.kinesisRetentionHoursMax;
      const written = Number.isInteger(h) ? `${n(h)} h` : `${n(seconds)} s (${n(Math.round(h * 100) / 100)} h)`;
      if (h < min || h > max) {
        const bound = h < min ? min : max;
        report({
          at, nodes: [stream.id], fix: setValue(at, hours(bound), `Set retention to ${n(bound)} h`),
          message: `Stream '${stream.id}' keeps records for ${written}; Kinesis allows ${n(min)}–${n(max)} hours (1 to 365 days).`,
        });
        continue;
      }
      if (!Number.isInteger(h)) {
        const up = Math.ceil(h);
        report({
          at, severity: 'warning', nodes: [stream.id], fix: setValue(at, hours(up), `Set retention to ${n(up)} h`),
          message: `Stream '${stream.id}' keeps records for ${written}, but Kinesis sets retention in whole hours: it would be deployed as ${n(up)} h.`,
        });
      }
    }
  },
};
