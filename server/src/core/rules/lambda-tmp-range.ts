// Rule: lambda/tmp-range
// A function's ephemeral storage (/tmp) is 512–10,240 MB.
import { checkRange, settingSubject, settingUses } from './helpers';
import type { Rule } from './rule';

export const lambdaTmpRange: Rule = {
  code: 'lambda/tmp-range',
  severity: 'error',
  description: "A function's ephemeral storage `tmp` is within 512–10,240 MB.",
  why: 'Lambda rejects any other `EphemeralStorage.Size` and the deployment fails. 512 MB is both the default and the minimum.',
  source: { title: 'EphemeralStorage (Lambda API reference)', url: 'https://docs.aws.amazon.com/lambda/latest/dg/API_EphemeralStorage.html' },
  fix: 'Sets `tmp` to the nearest allowed value.',
  check({ graph, limits }, report) {
    for (const use of settingUses(graph, 'tmp')) {
      checkRange(report, {
        at: use.at, value: use.value, min: limits.lambdaTmpMin, max: limits.lambdaTmpMax,
        subject: settingSubject('ephemeral storage (tmp)', use), service: 'Lambda', unit: ' MB', key: 'tmp', nodes: use.functions,
      });
    }
  },
};
