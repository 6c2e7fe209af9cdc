import { testRule } from '../../helpers/rule-cases';

testRule('sns/fifo-only-setting', [
  {
    name: 'on a FIFO topic, or false, is fine',
    yaml: `
archflow: 1
name: t
routers:
  b.fifo: { type: topic, fifo: true, contentBasedDeduplication: true }
  c: { type: topic, contentBasedDeduplication: false }
  jobs: { type: queue, contentBasedDeduplication: true }`,
  },
  {
    name: 'on a standard topic',
    yaml: `
archflow: 1
name: t
routers:
  news: { type: topic, contentBasedDeduplication: true }
#                      ^^^^^^^^^^^^^^^^^^^^^^^^^ error: Topic 'news' is a standard topic: \`contentBasedDeduplication\` exists only for FIFO topics (SNS rejects it). Set \`fifo: true\` if the topic should deduplicate, or remove it.
#   fix: Remove contentBasedDeduplication
#   + news: { type: topic }`,
  },
]);
