// Rule: lambda/timeout-range
// A function's timeout is a whole number of seconds within 1–900 s.
import { checkRange, setValue, settingSubject, settingUses } from './helpers';
import type { Rule } from './rule';

export const lambdaTimeoutRange: Rule = {
  code: 'lambda/timeout-range',
  severity: 'error',
  description: "A function's `timeout` is a whole number of seconds within 1–900 s (15 minutes).",
  why: 'Lambda rejects any other `Timeout` and the deployment fails. Work that needs more than 15 minutes belongs in Step Functions or a container task.',
  source: { title: 'Lambda quotas', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
  fix: 'Sets `timeout` to the nearest allowed value.',
  check({ graph, limits }, report) {
    for (const use of settingUses(graph, 'timeout')) {
      const subject = settingSubject('timeout', use);
      if (checkRange(report, { at: use.at, value: use.value, min: limits.lambdaTimeoutMin, max: limits.lambdaTimeoutMax, subject, service: 'Lambda', unit: ' s', key: 'timeout', nodes: use.functions })) continue;
      if (!Number.isInteger(use.value)) {
        const whole = Math.ceil(use.value);
        report({
          at: use.at, nodes: use.functions, fix: setValue(use.at, whole, `Set timeout to ${whole}`),
          message: `${subject} is ${use.value} s; Lambda timeouts are whole seconds.`,
        });
      }
    }
  },
};
