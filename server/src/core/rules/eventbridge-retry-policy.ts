// Rule: eventbridge/retry-policy
// `retry.attempts` 0–185 and `retry.maxAge` 60–86,400 s, on rule targets and on schedules (T1, C5).
import { toSeconds } from '../util/duration';
import type { Pointer } from '../span';
import { eachBusRule, ruleTargets } from '../analysis/bus-matching';
import type { Report, Rule } from './rule';
import { isObj } from '../util/value';

const n = (v: number): string => v.toLocaleString('en-US');

export const eventbridgeRetryPolicy: Rule = {
  code: 'eventbridge/retry-policy',
  severity: 'error',
  description: 'A retry policy (rule targets, schedules) has 0–185 attempts and a maximum event age of 60–86,400 s.',
  why: 'PutTargets and CreateSchedule reject values outside these ranges, so the stack fails to deploy.',
  source: { title: 'Event retry policy and using dead-letter queues (Amazon EventBridge)', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html' },
  fix: 'Sets the value to the nearest end of the range.',
  check({ graph, limits }, report) {
    const checkRetry = (retry: unknown, at: Pointer, whose: string, service: string, nodes: string[]): void => {
      if (!isObj(retry)) return;
      const out = (key: string, value: number, what: string, min: number, max: number, unit: string): Report => {
        const nearest = value < min ? min : max;
        return {
          at: at.concat(key), nodes,
          message: `The retry policy of ${whose} has ${what}; ${service} allows ${n(min)}–${n(max)}${unit}.`,
          fix: { kind: 'set-value', title: `Set ${key} to ${n(nearest)}`, at: at.concat(key), value: nearest },
        };
      };
      if (typeof retry.attempts === 'number' && (retry.attempts < limits.eventBridgeRetryMin || retry.attempts > limits.eventBridgeRetryMax)) {
        report(out('attempts', retry.attempts, `${n(retry.attempts)} attempts`, limits.eventBridgeRetryMin, limits.eventBridgeRetryMax, ''));
      }
      const age = retry.maxAge === undefined ? undefined : toSeconds(retry.maxAge);
      if (age !== undefined && (age < limits.eventBridgeEventAgeMin || age > limits.eventBridgeEventAgeMax)) {
        report(out('maxAge', age, `a maximum event age of ${n(age)} s`, limits.eventBridgeEventAgeMin, limits.eventBridgeEventAgeMax, ' s'));
      }
    };
    for (const ref of eachBusRule(graph)) {
      for (const t of ruleTargets(ref)) {
        if (!isObj(t.value)) continue;
        const target = ['function', 'queue', 'topic', 'bus', 'stream', 'firehose'].map((k) => t.value && (t.value as Record<string, unknown>)[k]).find((v) => typeof v === 'string');
        checkRetry(t.value.retry, t.at.concat('retry'), `target '${String(target ?? '?')}' of rule '${ref.rule}'`, 'EventBridge', [ref.bus.id]);
      }
    }
    for (const node of graph.nodes.values()) {
      if (node.kind === 'schedule') checkRetry(node.settings.retry, node.pointer.concat('retry'), `schedule '${node.id}'`, 'EventBridge Scheduler', [node.id]);
    }
  },
};
