// Rule: eventbridge/buses-per-account
// An account has at most `eventBridgeBusesPerAccount` event buses per Region (aws-limits B6: 100,
// QUOTA, adjustable). Every stage of the file deploys its own buses into the same account.
// Nested stacks do not help: the quota is the account's, not a template's.
import { n } from './helpers';
import { copiesInAccount, percentOf, quotaUse, stagesNote, headingAt, QUOTA_HEADING } from './quota';
import type { Rule } from './rule';

export const eventbridgeBusesPerAccount: Rule = {
  code: 'eventbridge/buses-per-account',
  severity: 'warning',
  description: `The event buses the file creates (times its stages) stay below ${QUOTA_HEADING * 100} % of the EventBridge quota of 100 buses per account and Region (setting \`archflow.limits.eventBridgeBusesPerAccount\`).`,
  why: 'CreateEventBus fails once the account has as many buses as its quota, so the stack fails to deploy. Buses of other stacks in the account count too, and splitting the template into nested stacks does not help. The quota can be raised through Service Quotas. Numbers: shared reference aws-limits.md B6 (100 event buses per account, QUOTA); the warning starts at 80 % (heading for the quota).',
  source: { title: 'Amazon EventBridge quotas', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html' },
  check({ graph, root, limits }, report) {
    // The account's default bus exists already; external buses belong to someone else.
    const buses = [...graph.nodes.values()].filter((node) => node.kind === 'event-bus' && !node.settings.default);
    const { copies, stages } = copiesInAccount(root);
    const count = buses.length * copies;
    const quota = limits.eventBridgeBusesPerAccount;
    const use = quotaUse(count, quota);
    if (!use) return;
    // At the bus that crosses the line (the first one over the quota, or the one reaching 80 % of it).
    const crossing = buses[Math.min(buses.length - 1, Math.ceil((use === 'over' ? quota + 1 : headingAt(quota)) / copies) - 1)]!;
    const creates = `This file creates ${n(count)} event bus${count === 1 ? '' : 'es'}${stagesNote(stages)}`;
    const raise = 'Buses of other stacks in the account count too, and nested stacks do not help; the quota can be raised through Service Quotas (then set archflow.limits.eventBridgeBusesPerAccount).';
    report({
      at: crossing.pointer, target: 'key', nodes: buses.map((b) => b.id),
      message: use === 'over'
        ? `${creates}, over the EventBridge quota of ${n(quota)} per account and Region (from bus '${crossing.id}' on). ${raise}`
        : `${creates}, ${percentOf(count, quota)} of the EventBridge quota of ${n(quota)} per account and Region. ${raise}`,
    });
  },
};
