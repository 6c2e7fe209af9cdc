// Rule: sns/fifo-only-setting
// `contentBasedDeduplication` is set only on FIFO topics (N6).
import { checkFifoOnlySettings } from './helpers';
import type { Rule } from './rule';

export const snsFifoOnlySetting: Rule = {
  code: 'sns/fifo-only-setting',
  severity: 'error',
  description: '`contentBasedDeduplication` is set only on a FIFO topic (`fifo: true`).',
  why: 'SNS rejects `ContentBasedDeduplication` on a standard topic. Archflow leaves it out of the template, so the deduplication you asked for would silently not exist: either the topic was meant to be FIFO, or the setting goes.',
  source: { title: 'Message deduplication for FIFO topics (Amazon SNS)', url: 'https://docs.aws.amazon.com/sns/latest/dg/fifo-message-dedup.html' },
  fix: 'Removes `contentBasedDeduplication`.',
  check({ graph }, report) {
    checkFifoOnlySettings(graph, report, 'topic', 'SNS');
  },
};
