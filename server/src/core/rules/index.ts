import type { Rule } from './rule';
import { sqsVisibilityTimeout } from './sqs-visibility-timeout';

/** Every lint rule, in the order of docs/rules.md. A plain array: no container, no registration. */
export const RULES: readonly Rule[] = [
  sqsVisibilityTimeout,
];

/** Rules by code. */
export const RULES_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.code, r]));
