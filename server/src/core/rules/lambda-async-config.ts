// Rule: lambda/async-config
// A function's asynchronous invocation settings are within Lambda's ranges: `async.retries` 0–2
// (A1) and `async.maxAge` 60–21,600 s (A2).
import { checkRange, nodesOfKind } from './helpers';
import type { Rule } from './rule';

export const lambdaAsyncConfig: Rule = {
  code: 'lambda/async-config',
  severity: 'error',
  description: "A function's `async.retries` is within 0–2 and its `async.maxAge` within 60–21,600 s (6 hours).",
  why: 'Lambda rejects an `EventInvokeConfig` outside these ranges (`MaximumRetryAttempts` 0–2, `MaximumEventAgeInSeconds` 60–21,600), so the stack fails to deploy.',
  source: { title: 'PutFunctionEventInvokeConfig (Lambda API reference)', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html' },
  fix: 'Sets the value to the nearest bound: `retries` 0 or 2, `maxAge` 60 or 21,600.',
  check({ graph, limits }, report) {
    for (const fn of nodesOfKind(graph, 'function')) {
      const a = fn.settings.async;
      if (!a) continue;
      const at = fn.pointer.concat('async');
      const retries = a.retries;
      if (retries !== undefined) {
        checkRange(report, {
          at: at.concat('retries'), value: retries, min: 0, max: limits.lambdaAsyncRetriesMax, subject: `The asynchronous retry count of function '${fn.id}'`,
          service: 'Lambda', unit: '', key: 'retries', nodes: [fn.id],
        });
      }
      const maxAge = a.maxAge;
      if (maxAge !== undefined) {
        checkRange(report, {
          at: at.concat('maxAge'), value: maxAge, min: limits.lambdaAsyncAgeMin, max: limits.lambdaAsyncAgeMax, subject: `The asynchronous event age of function '${fn.id}'`,
          service: 'Lambda', unit: ' s', key: 'maxAge', nodes: [fn.id],
        });
      }
    }
  },
};
