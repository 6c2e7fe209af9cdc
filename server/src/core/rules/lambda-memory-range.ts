// Rule: lambda/memory-range
// A function's memory is 128–10,240 MB (any whole number of MB since December 2020).
import { checkRange, settingSubject, settingUses } from './helpers';
import type { Rule } from './rule';

export const lambdaMemoryRange: Rule = {
  code: 'lambda/memory-range',
  severity: 'error',
  description: "A function's `memory` is within 128–10,240 MB.",
  why: 'Lambda rejects any other `MemorySize` and the deployment fails. The range grew from 128–3,008 MB in 64 MB steps to 128–10,240 MB in 1 MB steps in December 2020.',
  source: { title: 'Lambda quotas', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
  fix: 'Sets `memory` to the nearest allowed value.',
  check({ graph, limits }, report) {
    for (const use of settingUses(graph, 'memory')) {
      checkRange(report, {
        at: use.at, value: use.value, min: limits.lambdaMemoryMin, max: limits.lambdaMemoryMax,
        subject: settingSubject('memory', use), service: 'Lambda', unit: ' MB', key: 'memory', nodes: use.functions,
      });
    }
  },
};
