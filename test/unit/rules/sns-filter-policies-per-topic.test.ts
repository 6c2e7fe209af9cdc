import { testRule } from '../../helpers/rule-cases';

/** Topics `t1..tN`, each with `perTopic` filtered subscriptions of one queue each; `mark` annotates subscription `mark.at` of the last topic. */
function topics(count: number, perTopic: number, mark?: { at: number; note: string }, extra = ''): string {
  const lines = ['archflow: 1', 'name: t', 'routers:'];
  for (let t = 1; t <= count; t++) {
    lines.push(`  t${t}:`, '    type: topic', '    to:');
    for (let i = 1; i <= perTopic; i++) {
      const line = `      - { queue: q${t}x${i}, filter: { kind: [k${i}] } }`;
      lines.push(line);
      if (t === count && mark?.at === i) lines.push(`#${' '.repeat(line.indexOf('filter') - 1)}^^^^^^ ${mark.note}`);
    }
  }
  for (let t = 1; t <= count; t++) for (let i = 1; i <= perTopic; i++) lines.push(`  q${t}x${i}: { type: queue }`);
  return '\n' + lines.join('\n') + '\n' + extra;
}

testRule('sns/filter-policies-per-topic', [
  { name: '159 filtered subscriptions on a topic: below 80 % of 200', yaml: topics(1, 159) },
  {
    name: '160 filtered subscriptions: heading for the per-topic quota (80 %)',
    yaml: topics(1, 160, { at: 160, note: 'warning: Topic \'t1\' has 160 subscriptions with a filter policy, 80 % of the SNS quota of 200 per topic. The quota can be raised through Service Quotas (archflow.limits.snsFilterPoliciesPerTopic); nested stacks do not help.' }),
  },
  {
    name: '200 filtered subscriptions: exactly at the quota, still heading for it',
    yaml: topics(1, 200, { at: 160, note: 'warning: Topic \'t1\' has 200 subscriptions with a filter policy, 100 % of the SNS quota of 200 per topic. The quota can be raised through Service Quotas (archflow.limits.snsFilterPoliciesPerTopic); nested stacks do not help.' }),
  },
  {
    name: '201 filtered subscriptions: over the quota from the 201st on',
    yaml: topics(1, 201, { at: 201, note: 'warning: Topic \'t1\' has 201 subscriptions with a filter policy, over the SNS quota of 200 per topic (from the subscription of \'q1x201\' on). The quota can be raised through Service Quotas (then set archflow.limits.snsFilterPoliciesPerTopic); nested stacks do not help.' }),
  },
  {
    name: 'subscriptions without a filter do not count',
    options: { limits: { snsFilterPoliciesPerTopic: 2 } },
    yaml: `
archflow: 1
name: t
routers:
  orders:
    type: topic
    to:
      - { queue: a, filter: { kind: [x] } }
      - b
      - { queue: c }
  a: { type: queue }
  b: { type: queue }
  c: { type: queue }`,
  },
  {
    name: 'the account quota counts every topic of the file, times its stages: 4 × 2 × 2 = 16 of 20',
    options: { limits: { snsFilterPoliciesPerAccount: 20 } },
    yaml: topics(4, 2, { at: 2, note: 'warning: This file has 16 subscriptions with a filter policy (× 2 stages: prod, staging), 80 % of the SNS quota of 20 per account and Region; other stacks\' count too. The quota can be raised through Service Quotas (archflow.limits.snsFilterPoliciesPerAccount); nested stacks do not help.' }, 'stages:\n  prod: {}\n  staging: {}\n'),
  },
  {
    name: 'over the account quota',
    options: { limits: { snsFilterPoliciesPerAccount: 7 } },
    yaml: topics(4, 2, { at: 2, note: 'warning: This file has 8 subscriptions with a filter policy, over the SNS quota of 7 per account and Region; other stacks\' count too. The quota can be raised through Service Quotas (then set archflow.limits.snsFilterPoliciesPerAccount); nested stacks do not help.' }),
  },
  {
    name: 'over the account quota with 2 stages: the 6th of 8 subscriptions crosses 10 (6 × 2 = 12)',
    options: { limits: { snsFilterPoliciesPerAccount: 10 } },
    yaml: topics(1, 8, { at: 6, note: 'warning: This file has 16 subscriptions with a filter policy (× 2 stages: prod, staging), over the SNS quota of 10 per account and Region; other stacks\' count too. The quota can be raised through Service Quotas (then set archflow.limits.snsFilterPoliciesPerAccount); nested stacks do not help.' }, 'stages:\n  prod: {}\n  staging: {}\n'),
  },
  {
    name: 'heading for the account quota with 2 stages: the 4th of 5 subscriptions reaches 80 % of 10 (4 × 2 = 8)',
    options: { limits: { snsFilterPoliciesPerAccount: 10 } },
    yaml: topics(1, 5, { at: 4, note: 'warning: This file has 10 subscriptions with a filter policy (× 2 stages: prod, staging), 100 % of the SNS quota of 10 per account and Region; other stacks\' count too. The quota can be raised through Service Quotas (archflow.limits.snsFilterPoliciesPerAccount); nested stacks do not help.' }, 'stages:\n  prod: {}\n  staging: {}\n'),
  },
  {
    name: 'a Lambda event source filter is no subscription filter policy: 1 of 2 is below 80 %',
    options: { limits: { snsFilterPoliciesPerAccount: 2 } },
    yaml: `
archflow: 1
name: t
routers:
  alerts: { type: topic, to: [{ queue: jobs, filter: { kind: [a] } }] }
  jobs: { type: queue, to: { function: f, filter: { body: { kind: [a] } } } }
consumers:
  f: {}`,
  },
  {
    name: 'a quota set to a fraction (settings take any positive number): the 2nd subscription is over 1.5 per topic',
    options: { limits: { snsFilterPoliciesPerTopic: 1.5 } },
    yaml: topics(1, 2, { at: 2, note: 'warning: Topic \'t1\' has 2 subscriptions with a filter policy, over the SNS quota of 1.5 per topic (from the subscription of \'q1x2\' on). The quota can be raised through Service Quotas (then set archflow.limits.snsFilterPoliciesPerTopic); nested stacks do not help.' }),
  },
  {
    name: 'a fractional account quota with 2 stages: the 1st subscription (× 2) is over 1.5',
    options: { limits: { snsFilterPoliciesPerAccount: 1.5 } },
    yaml: topics(1, 2, { at: 1, note: 'warning: This file has 4 subscriptions with a filter policy (× 2 stages: prod, staging), over the SNS quota of 1.5 per account and Region; other stacks\' count too. The quota can be raised through Service Quotas (then set archflow.limits.snsFilterPoliciesPerAccount); nested stacks do not help.' }, 'stages:\n  prod: {}\n  staging: {}\n'),
  },
]);
