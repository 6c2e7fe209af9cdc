// Rule: s3/key-filter-wildcard
// A notification's `prefix` and `suffix` contain no `*`: S3 key filters have no wildcards (S3-3).
import { nodesOfKind, setValue } from './helpers';
import type { Rule } from './rule';

export const s3KeyFilterWildcard: Rule = {
  code: 's3/key-filter-wildcard',
  severity: 'warning',
  description: "A bucket notification's `prefix` and `suffix` contain no `*`: S3 matches them literally.",
  why: "S3 event notification filters are a literal prefix and a literal suffix, without wildcards: `prefix: uploads/*` matches only keys that begin with the characters `uploads/*`, so the notification never fires for `uploads/photo.jpg`. Write `prefix: uploads/` and `suffix: .jpg` instead.",
  source: { title: 'Configuring event notifications using object key name filtering (Amazon S3)', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html' },
  fix: 'Drops the `*` at the end of a prefix or at the start of a suffix (`uploads/*` → `uploads/`, `*.jpg` → `.jpg`).',
  check({ graph }, report) {
    for (const bucket of nodesOfKind(graph, 'bucket')) {
      (bucket.settings.notifications ?? []).forEach((n, i) => {
        for (const key of ['prefix', 'suffix'] as const) {
          const value = n[key];
          if (value === undefined || !value.includes('*')) continue;
          const at = bucket.pointer.concat('notifications', i, key);
          const trimmed = key === 'prefix' ? value.replace(/\*+$/, '') : value.replace(/^\*+/, '');
          const fixable = !trimmed.includes('*') && trimmed !== value;
          const offset = value.indexOf('*');
          report({
            at, nodes: [bucket.id], within: { offset, length: 1 },
            message: `The ${key} '${value}' of a notification of bucket '${bucket.id}' contains '*', but S3 key filters have no wildcards: it matches only keys ${key === 'prefix' ? 'starting' : 'ending'} with those exact characters.${fixable ? ` Write '${trimmed}'.` : ''}`,
            ...(fixable ? { fix: setValue(at, trimmed, `Change the ${key} to '${trimmed}'`) } : {}),
          });
        }
      });
    }
  },
};
