// Rule: eventbridge/schedule-expression
// A schedule's `schedule` is a valid `rate(…)`, six-field `cron(…)` or `at(…)` expression (C2–C5),
// with the error underlined inside the expression.
import { parseScheduleExpression } from '../eventbridge/schedule';
import type { Rule } from './rule';

/** A sentence ends with a full stop. */
const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

export const eventbridgeScheduleExpression: Rule = {
  code: 'eventbridge/schedule-expression',
  severity: 'error',
  description: "A schedule's expression is a valid `rate(value unit)`, six-field `cron(…)` (one of day-of-month / day-of-week is `?`) or `at(yyyy-mm-ddThh:mm:ss)`.",
  why: 'EventBridge Scheduler rejects an invalid expression when the stack is deployed. The usual mistakes: five-field Unix cron, `*` in both day fields, `rate(1 hours)` or `rate(5 hour)`.',
  source: { title: 'Schedule types on EventBridge Scheduler', url: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html' },
  check({ graph }, report) {
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'schedule' || node.settings.schedule === undefined) continue;
      const parsed = parseScheduleExpression(node.settings.schedule);
      if (!('error' in parsed)) continue;
      report({
        at: node.pointer.concat('schedule'), nodes: [node.id],
        message: `Invalid schedule expression of schedule '${node.id}': ${sentence(parsed.error)}`,
        ...(parsed.offset !== undefined ? { within: { offset: parsed.offset, length: parsed.length ?? 1 } } : {}),
      });
    }
  },
};
