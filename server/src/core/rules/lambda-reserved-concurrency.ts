// Rule: lambda/reserved-concurrency
// The functions' reserved concurrency leaves at least 100 of the account's concurrency unreserved:
// one account-wide problem, reported once at the largest reservation. With stages, the reservations
// of every stage add up in the account (aws-limits L19: 100 unreserved; L20: 1,000, QUOTA).
import { n } from './helpers';
import { declaredNode, stageNames } from '../model/stages';
import type { Graph } from '../model/graph';
import type { Pointer } from '../span';
import type { Report, Rule } from './rule';
import { isObj } from '../util/value';

/**
 * Every stage deploys its own functions, with their reservations (a stage may override
 * `reservedConcurrency`), into the same account and Region: their reservations add up there (L19,
 * L20). Reported once, at the largest reservation of any stage, when the file's own reservations fit;
 * a file with one stage is reported when that stage's reservations (its overrides included) do not.
 */
function stagesTogether(graph: Graph, root: unknown, allowed: number, account: number, unreserved: number, report: (r: Report) => void): void {
  const stages = stageNames(root);
  if (stages.length === 0 || !isObj(root) || !isObj(root.stages)) return;
  const perStage: { stage: string; total: number }[] = [];
  let largest: { value: number; at: Pointer; id: string } | undefined;
  const ids = new Set<string>();
  for (const stage of stages) {
    const overrides = isObj(root.stages[stage]) && isObj(root.stages[stage].nodes) ? root.stages[stage].nodes : {};
    let total = 0;
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'function') continue;
      const over = isObj(overrides[node.id]) && declaredNode(root, node.id) ? overrides[node.id] as Record<string, unknown> : undefined;
      const fromStage = typeof over?.reservedConcurrency === 'number' && over.reservedConcurrency >= 0;
      const value = fromStage ? over.reservedConcurrency as number : node.settings.reservedConcurrency;
      if (value === undefined || value <= 0) continue;
      total += value;
      ids.add(node.id);
      const at = fromStage ? ['stages', stage, 'nodes', node.id, 'reservedConcurrency'] : node.pointer.concat('reservedConcurrency');
      if (!largest || value > largest.value) largest = { value, at, id: node.id };
    }
    perStage.push({ stage, total });
  }
  const together = perStage.reduce((sum, x) => sum + x.total, 0);
  if (together <= allowed || !largest) return;
  // One stage: what it deploys alone does not fit (its overrides raised the file's reservations).
  const one = perStage.length === 1 ? perStage[0]! : undefined;
  report({
    at: largest.at, nodes: [...ids],
    message: one
      ? `Reserved concurrency adds up to ${n(one.total)} in stage '${one.stage}', the file's only stage; an account concurrency of ${n(account)} must keep ${n(unreserved)} unreserved, so at most ${n(allowed)} can be reserved. Raise the account's concurrency through Service Quotas (and archflow.limits.accountConcurrency), or reserve less in the stage.`
      : `Reserved concurrency adds up to ${n(together)} across the file's ${stages.length} stages (${perStage.map((x) => `${x.stage}: ${n(x.total)}`).join(', ')}), each deployed into the account; an account concurrency of ${n(account)} must keep ${n(unreserved)} unreserved, so at most ${n(allowed)} can be reserved. Nested stacks do not help; raise the account's concurrency through Service Quotas (and archflow.limits.accountConcurrency), or reserve less in some stages.`,
  });
}

export const lambdaReservedConcurrency: Rule = {
  code: 'lambda/reserved-concurrency',
  severity: 'error',
  description: 'The reserved concurrency of all functions together, in all of the file\'s stages together (each deploys its own functions into the account), leaves at least 100 of the account concurrency (default 1,000; setting `archflow.limits.accountConcurrency`) unreserved, and is never negative.',
  why: 'Lambda refuses a reservation that would leave fewer than 100 concurrent executions unreserved, so the deployment fails. Other stacks in the same account and Region reserve from the same pool, and so does every stage of the file: the real headroom may be smaller. Nested stacks do not help. Numbers: shared reference aws-limits.md L19 (100 unreserved) and L20 (1,000, QUOTA).',
  source: { title: 'Configuring reserved concurrency', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html' },
  check({ graph, root, limits }, report) {
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
    if (total <= allowed) {
      stagesTogether(graph, root, allowed, limits.accountConcurrency, limits.unreservedConcurrencyMin, report);
      return;
    }
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
