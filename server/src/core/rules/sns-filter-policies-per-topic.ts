// Rule: sns/filter-policies-per-topic
// A topic has at most `snsFilterPoliciesPerTopic` subscriptions with a filter policy, an account at
// most `snsFilterPoliciesPerAccount` (aws-limits N3: 200 per topic, 10,000 per account; QUOTA,
// adjustable). A warning over a quota and from 80 % of it. Every stage of the file deploys its own
// topics and subscriptions into the same account. Nested stacks do not help.
import { isObj, n } from './helpers';
import { copiesInAccount, headingAt, percentOf, quotaUse, stagesNote, QUOTA_HEADING } from './quota';
import type { GraphEdge } from '../model/graph';
import type { Rule } from './rule';

export const snsFilterPoliciesPerTopic: Rule = {
  code: 'sns/filter-policies-per-topic',
  severity: 'warning',
  description: `A topic's subscriptions with a \`filter\` stay below ${QUOTA_HEADING * 100} % of the SNS quota of 200 filter policies per topic, and the file's (times its stages) below ${QUOTA_HEADING * 100} % of 10,000 per account and Region (settings \`archflow.limits.snsFilterPoliciesPerTopic\`, \`archflow.limits.snsFilterPoliciesPerAccount\`).`,
  why: 'SNS refuses a subscription with a filter policy beyond the quota, so the stack fails to deploy; splitting the template into nested stacks does not help, and other stacks\' filter policies count toward the account\'s. Both quotas can be raised through Service Quotas. Numbers: shared reference aws-limits.md N3 (200 filter policies per topic, 10,000 per account, QUOTA); the warning starts at 80 %.',
  source: { title: 'Amazon SNS filter policy constraints', url: 'https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html' },
  check({ graph, root, limits }, report) {
    const byTopic = new Map<string, GraphEdge[]>();
    const all: GraphEdge[] = [];
    for (const edge of graph.edges) {
      if (edge.mechanism !== 'subscription' || !isObj(edge.options.filter)) continue;
      const list = byTopic.get(edge.from) ?? [];
      list.push(edge);
      byTopic.set(edge.from, list);
      all.push(edge);
    }
    const perTopic = limits.snsFilterPoliciesPerTopic;
    // The subscription that crosses the quota is the (floor(quota) + 1)-th over it (a quota set in settings may
    // be fractional), the headingAt(quota)-th heading for it: both counts reach it, so the index is in range.
    const raise = (setting: string): string => `The quota can be raised through Service Quotas (${setting}); nested stacks do not help.`;
    for (const [topic, edges] of byTopic) {
      const use = quotaUse(edges.length, perTopic);
      if (!use) continue;
      const crossing = edges[(use === 'over' ? Math.floor(perTopic) + 1 : headingAt(perTopic)) - 1]!;
      report({
        at: crossing.optionsAt.concat('filter'), target: 'key', nodes: [topic],
        message: use === 'over'
          ? `Topic '${topic}' has ${n(edges.length)} subscriptions with a filter policy, over the SNS quota of ${n(perTopic)} per topic (from the subscription of '${crossing.to}' on). ${raise('then set archflow.limits.snsFilterPoliciesPerTopic')}`
          : `Topic '${topic}' has ${n(edges.length)} subscriptions with a filter policy, ${percentOf(edges.length, perTopic)} of the SNS quota of ${n(perTopic)} per topic. ${raise('archflow.limits.snsFilterPoliciesPerTopic')}`,
      });
    }
    const { copies, stages } = copiesInAccount(root);
    const count = all.length * copies;
    const perAccount = limits.snsFilterPoliciesPerAccount;
    const use = quotaUse(count, perAccount);
    if (!use) return;
    const crossing = all[Math.ceil((use === 'over' ? Math.floor(perAccount) + 1 : headingAt(perAccount)) / copies) - 1]!;
    const has = `This file has ${n(count)} subscriptions with a filter policy${stagesNote(stages)}`;
    report({
      at: crossing.optionsAt.concat('filter'), target: 'key', nodes: [...byTopic.keys()],
      message: use === 'over'
        ? `${has}, over the SNS quota of ${n(perAccount)} per account and Region; other stacks' count too. ${raise('then set archflow.limits.snsFilterPoliciesPerAccount')}`
        : `${has}, ${percentOf(count, perAccount)} of the SNS quota of ${n(perAccount)} per account and Region; other stacks' count too. ${raise('archflow.limits.snsFilterPoliciesPerAccount')}`,
    });
  },
};
