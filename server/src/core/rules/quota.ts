/**
 * Design-time quota checks shared by the rules on quotas that splitting into nested stacks cannot
 * help with (per account and Region, per bus, per API, per topic): how close a count is to a quota.
 *
 * - over: the count is above the quota (a count equal to the quota still fits);
 * - heading: the count has reached `QUOTA_HEADING` (80 %) of the quota, so the next additions, or
 *   other stacks in the same account, hit it.
 */
import { stageNames } from '../model/stages';

/** The share of a quota from which a rule warns that the file is heading for it: 80 %. */
export const QUOTA_HEADING = 0.8;

export type QuotaUse = 'over' | 'heading';

/** Where a count stands against a quota: over it, heading for it (at least 80 % of it), or neither. */
export function quotaUse(count: number, quota: number): QuotaUse | undefined {
  if (count > quota) return 'over';
  if (count >= headingAt(quota)) return 'heading';
  return undefined;
}

/** The smallest count that is heading for a quota (80 % of it, rounded up). */
export const headingAt = (quota: number): number => Math.ceil(quota * QUOTA_HEADING);

/** `85 %` of a quota. */
export const percentOf = (count: number, quota: number): string => `${Math.floor((count * 100) / quota)} %`;

/**
 * How many copies of the file one account holds: each stage the file declares deploys its own stack
 * into the account (`archflow deploy --stage`), with its own copy of every resource; 1 without stages.
 */
export function copiesInAccount(root: unknown): { readonly copies: number; readonly stages: readonly string[] } {
  const stages = stageNames(root);
  return { copies: Math.max(1, stages.length), stages };
}

/** ` (× 2 stages: prod, staging)`, or nothing for one copy. */
export function stagesNote(stages: readonly string[]): string {
  return stages.length > 1 ? ` (× ${stages.length} stages: ${stages.join(', ')})` : '';
}
