// Rule: lambda/reserved-concurrency
// The functions' reserved concurrency leaves at least 100 of the account's concurrency unreserved:
// one account-wide problem, reported once at the largest reservation.
import { n } from './helpers';
import type { Rule } from './rule';

export const lambdaReservedConcurrency: Rule = {
  code: 'lambda/reserved-concurrency',
  severity: 'error',
  description: 'The reserved concurrency of all functions together leaves at least 100 of the account concurrency (default 1,000; setting `archflow.limits.accountConcurrency`) unreserved, and is never negative.',
  why: 'Lambda refuses a reservation that would leave fewer than 100 concurrent executions unreserved, so the deployment fails. Other stacks in the same account and Region reserve from the same pool: the real headroom may be smaller.',
  source: { title: 'Configuring reserved concurrency', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html' },
  check({ graph, limits }, report) {
    const reserved: { id: string; value: number }[] = [];
    for (const node of graph.nodes.values()) {
      const v = node.kind === 'function' ? node.settings.reservedConcurrency : undefined;
      if (v === undefined) continue;
      if (v < 0) {
        report({ at: node.pointer.concat('reservedConcurrency'), nodes: [node.id], message: `The reserved concurrency of function '${node.id}' is ${n(v)}; it must be 0 or more (0 stops the function from running).` });
        continue;
      }
      if (v > 0) reserved.push({ id: node.id, value: v });
    }
    const total = reserved.reduce((sum, r) => sum + r.value, 0);
    const allowed = limits.accountConcurrency - limits.unreservedConcurrencyMin;
    if (total <= allowed) return;
    const subject = reserved.length > 1
      ? `Reserved concurrency adds up to ${n(total)} across ${reserved.length} functions (${reserved.map((r) => `${r.id}: ${n(r.value)}`).join(', ')})`
      : `The reserved concurrency of function '${reserved[0]!.id}' is ${n(total)}`;
    // One problem for one cause: reported once, at the largest reservation (the first of equals).
    const largest = reserved.reduce((a, b) => (b.value > a.value ? b : a));
    report({
      at: [...graph.nodes.get(largest.id)!.pointer, 'reservedConcurrency'], nodes: reserved.map((r) => r.id),
      message: `${subject}; an account concurrency of ${n(limits.accountConcurrency)} must keep ${n(limits.unreservedConcurrencyMin)} unreserved, so at most ${n(allowed)} can be reserved.`,
    });
  },
};
